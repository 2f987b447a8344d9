/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "export/confianza-report-clients.h"
#include "store/confianza-import.h"

#include "confianza-import-dialog.h"

/* Lines listed at most: the rest are counted (a file may have thousands). */
#define MAX_ROWS_SHOWN 200

struct _ConfianzaImportDialog
{
  ConfianzaDialog      parent_instance;

  ConfianzaCsvPreview *preview;

  /* Template widgets */
  GtkButton           *import_button;
  GtkLabel            *general_error;
  GtkLabel            *summary_label;
  GtkLabel            *format_label;
  GtkSwitch           *duplicates_switch;
  GtkWidget           *duplicates_row;
  GtkListBox          *lines_list;
  GtkLabel            *more_label;
  AdwExpanderRow      *columns_row;
  GtkWidget           *progress_box;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *preview_scroll;

  /* While the import runs in its thread */
  GCancellable        *cancellable;
  gboolean             close_when_done;

  /* GtkDropDown *, one per column of the file */
  GPtrArray           *column_choosers;
  gboolean             updating;
  char                *filename;
};

G_DEFINE_FINAL_TYPE (ConfianzaImportDialog, confianza_import_dialog, CONFIANZA_TYPE_DIALOG)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_to_import (ConfianzaImportDialog *self)
{
  guint n = confianza_csv_preview_count (self->preview, CONFIANZA_CSV_ROW_READY);

  if (gtk_switch_get_active (self->duplicates_switch))
    n += confianza_csv_preview_count (self->preview, CONFIANZA_CSV_ROW_DUPLICATE);

  return n;
}

static void
update_button (ConfianzaImportDialog *self)
{
  guint n = n_to_import (self);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("_Nothing to Import"));
  else
    label = g_strdup_printf (ngettext ("_Import %u Client", "_Import %u Clients", n), n);

  gtk_button_set_label (self->import_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), n > 0);
}

static GtkWidget *
line_row (ConfianzaImportDialog *self,
          guint                  row)
{
  ConfianzaClient *client = confianza_csv_preview_get_client (self->preview, row);
  ConfianzaCsvRowStatus status = confianza_csv_preview_get_status (self->preview, row);
  const char *message = confianza_csv_preview_get_message (self->preview, row);
  const char *name = client != NULL ? confianza_client_get_name (client) : "";
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *chip;

  /* Translators: %u is a line of the file, %s the client's name there */
  title = name[0] != '\0'
    ? g_strdup_printf (_("Line %u: %s"), confianza_csv_preview_get_line (self->preview, row), name)
    : g_strdup_printf (_("Line %u"), confianza_csv_preview_get_line (self->preview, row));

  if (message != NULL && message[0] != '\0')
    details = g_strdup (message);
  else if (client != NULL)
    {
      const char *company = confianza_client_get_company (client);
      const char *email = confianza_client_get_email (client);

      details = g_strconcat (company, company[0] != '\0' && email[0] != '\0' ? " · " : "", email, NULL);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), details != NULL ? details : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widget), 3);

  chip = gtk_label_new (status == CONFIANZA_CSV_ROW_READY ? _("Ready") :
                        status == CONFIANZA_CSV_ROW_DUPLICATE ? _("Already there") : _("Error"));
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "status-chip");
  gtk_widget_add_css_class (chip, status == CONFIANZA_CSV_ROW_READY ? "success" :
                                  status == CONFIANZA_CSV_ROW_DUPLICATE ? "warning" : "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), chip);

  return widget;
}

static void fill (ConfianzaImportDialog *self);

/* Columns, each with what it is read as; the user may change it */

static void
update_columns (ConfianzaImportDialog *self)
{
  const char * const *ignored = confianza_csv_preview_get_ignored_columns (self->preview);
  guint n_columns = confianza_csv_preview_get_n_columns (self->preview);
  guint n_ignored = g_strv_length ((char **) ignored);
  g_autofree char *subtitle = NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->column_choosers->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->column_choosers, i),
                                confianza_csv_preview_get_column_field (self->preview, i));
  self->updating = FALSE;

  if (n_ignored == 0)
    subtitle = g_strdup_printf (ngettext ("The %u column is imported",
                                          "All %u columns are imported",
                                          n_columns), n_columns);
  else
    {
      /* Translators: the quotation marks between the headers of a list,
       * as around %s in “Not imported: “%s”…” */
      g_autofree char *list = g_strjoinv (_("”, “"), (char **) ignored);

      /* Translators: %s is a list of column headers, each in quotation marks */
      subtitle = g_strdup_printf (ngettext ("Not imported: “%s”. Expand to choose what it holds.",
                                            "Not imported: “%s”. Expand to choose what they hold.",
                                            n_ignored), list);
    }
  adw_expander_row_set_subtitle (self->columns_row, subtitle);
}

static void
on_column_chosen (GtkDropDown           *chooser,
                  GParamSpec            *pspec,
                  ConfianzaImportDialog *self)
{
  g_autoptr(GPtrArray) existing = NULL;
  guint column;

  if (self->updating || !g_ptr_array_find (self->column_choosers, chooser, &column))
    return;

  existing = confianza_import_existing_clients (confianza_dialog_get_store (CONFIANZA_DIALOG (self)));
  confianza_csv_preview_set_column_field (self->preview, column,
                                          gtk_drop_down_get_selected (chooser), existing);
  fill (self);
}

static void
add_columns (ConfianzaImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_columns = confianza_csv_preview_get_n_columns (self->preview);

  for (guint field = 0; field < CONFIANZA_CSV_N_FIELDS; field++)
    gtk_string_list_append (labels, confianza_csv_field_get_label (field));

  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = confianza_csv_preview_get_column_header (self->preview, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *chooser = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header[0] != '\0' ? header : _("(no header)"));
      gtk_widget_set_valign (chooser, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chooser),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, header, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chooser);
      adw_expander_row_add_row (self->columns_row, row);
      g_ptr_array_add (self->column_choosers, chooser);
    }

  update_columns (self);

  for (guint i = 0; i < self->column_choosers->len; i++)
    g_signal_connect (g_ptr_array_index (self->column_choosers, i), "notify::selected",
                      G_CALLBACK (on_column_chosen), self);
}

static void
fill (ConfianzaImportDialog *self)
{
  const char *filename = self->filename;
  guint n_rows = confianza_csv_preview_get_n_rows (self->preview);
  guint ready = confianza_csv_preview_count (self->preview, CONFIANZA_CSV_ROW_READY);
  guint invalid = confianza_csv_preview_count (self->preview, CONFIANZA_CSV_ROW_INVALID);
  guint duplicate = confianza_csv_preview_count (self->preview, CONFIANZA_CSV_ROW_DUPLICATE);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *base = g_filename_display_basename (filename);
  g_autofree char *format = NULL;
  char delimiter = confianza_csv_preview_get_delimiter (self->preview);
  guint shown = 0;

  g_string_append_printf (summary, ngettext ("%u client ready to import", "%u clients ready to import", ready), ready);
  if (invalid > 0)
    {
      g_string_append (summary, " · ");
      g_string_append_printf (summary, ngettext ("%u line with an error, left out",
                                                 "%u lines with errors, left out", invalid), invalid);
    }
  if (duplicate > 0)
    {
      g_string_append (summary, " · ");
      g_string_append_printf (summary, ngettext ("%u client already in Confianza",
                                                 "%u clients already in Confianza", duplicate), duplicate);
    }
  gtk_label_set_label (self->summary_label, summary->str);

  if (delimiter == '\0')
    /* Translators: %s is the file */
    format = g_strdup_printf (_("“%s”, read as contact cards (vCard)"), base);
  else
    /* Translators: the file, its encoding ("UTF-8") and the character that separates its columns */
    format = g_strdup_printf (_("“%s”, read as %s, columns separated by “%s”"), base,
                              confianza_csv_preview_get_encoding (self->preview),
                              delimiter == '\t' ? _("tab") : (char[]) { delimiter, '\0' });
  gtk_label_set_label (self->format_label, format);

  gtk_widget_set_visible (self->duplicates_row, duplicate > 0);
  update_columns (self);

  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
      gtk_list_box_remove (self->lines_list, child);
  }

  /* Problems first: they are what the user must look at. */
  for (int pass = 0; pass < 2; pass++)
    for (guint row = 0; row < n_rows && shown < MAX_ROWS_SHOWN; row++)
      {
        gboolean ready_row = confianza_csv_preview_get_status (self->preview, row) == CONFIANZA_CSV_ROW_READY;

        if (ready_row != (pass == 1))
          continue;
        gtk_list_box_append (self->lines_list, line_row (self, row));
        shown++;
      }

  if (shown < n_rows)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more line", "And %u more lines",
                                                         n_rows - shown), n_rows - shown);
      gtk_label_set_label (self->more_label, more);
      gtk_widget_set_visible (GTK_WIDGET (self->more_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);

  update_button (self);
}

/* Callbacks */

static void
on_duplicates_toggled (ConfianzaImportDialog *self)
{
  update_button (self);
}

/* Importing, in a thread: the preview is the worker's until it ends */

static void
set_importing (ConfianzaImportDialog *self,
               gboolean               importing)
{
  gtk_widget_set_visible (self->progress_box, importing);
  gtk_widget_set_sensitive (self->preview_scroll, !importing);
  if (importing)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_label_set_label (self->progress_label, _("Getting ready to import…"));
      gtk_button_set_label (self->import_button, _("Importing…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
    }
  else
    {
      g_clear_object (&self->cancellable);
      update_button (self);
    }
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ConfianzaImportDialog *self = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Grouped as the locale does (“25.856 de 99.999”) */
  done_text = g_strdup_printf ("%'u", done);
  total_text = g_strdup_printf ("%'u", total);
  /* Translators: %s of %s: how many clients are saved so far, and of how
   * many, both numbers already written with the locale's grouping */
  text = g_strdup_printf (ngettext ("Importing %s of %s client…", "Importing %s of %s clients…", total),
                          done_text, total_text);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ConfianzaImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (confianza_import_clients_finish (CONFIANZA_STORE (source), result, &n, &error))
    {
      set_importing (self, FALSE);
      g_signal_emit (self, signals[IMPORTED], 0, n);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  set_importing (self, FALSE);
  if (self->close_when_done)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* All or nothing: nothing was written. The duplicates were looked for
   * again, so the lines may have changed. */
  fill (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_label (self->general_error, _("The import was cancelled: nothing was written."));
  else
    gtk_label_set_label (self->general_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ConfianzaImportDialog *self = CONFIANZA_IMPORT_DIALOG (widget);
  ConfianzaImportFlags flags = CONFIANZA_IMPORT_FLAGS_NONE;

  if (self->cancellable != NULL || n_to_import (self) == 0)
    return;

  if (gtk_switch_get_active (self->duplicates_switch))
    flags |= CONFIANZA_IMPORT_INCLUDE_DUPLICATES;

  self->cancellable = g_cancellable_new ();
  set_importing (self, TRUE);
  confianza_import_clients_async (confianza_dialog_get_store (CONFIANZA_DIALOG (self)),
                                  self->preview, flags, self->cancellable,
                                  on_import_progress, g_object_ref (self), g_object_unref,
                                  import_done, g_object_ref (self));
}

/* Cancel stops an import under way (the dialog stays, to try again), and
 * closes the dialog otherwise */
static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ConfianzaImportDialog *self = CONFIANZA_IMPORT_DIALOG (widget);

  if (self->cancellable == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->progress_label, _("Cancelling the import…"));
}

static gboolean
confianza_import_dialog_close_request (GtkWindow *window)
{
  ConfianzaImportDialog *self = CONFIANZA_IMPORT_DIALOG (window);

  /* Closed once the import has stopped and rolled back */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_label (self->progress_label, _("Cancelling the import…"));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (confianza_import_dialog_parent_class)->close_request (window);
}

static void
confianza_import_dialog_dispose (GObject *object)
{
  ConfianzaImportDialog *self = CONFIANZA_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_IMPORT_DIALOG);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->column_choosers, g_ptr_array_unref);
  g_clear_pointer (&self->filename, g_free);

  G_OBJECT_CLASS (confianza_import_dialog_parent_class)->dispose (object);
}

static void
confianza_import_dialog_class_init (ConfianzaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_import_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = confianza_import_dialog_close_request;

  /**
   * ConfianzaImportDialog::imported:
   * @n: how many clients were imported
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, duplicates_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, more_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, columns_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaImportDialog, preview_scroll);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicates_toggled);

  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_activated);
}

static void
confianza_import_dialog_init (ConfianzaImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_choosers = g_ptr_array_new ();
}

ConfianzaImportDialog *
confianza_import_dialog_new (GtkWindow           *parent,
                             ConfianzaStore      *store,
                             ConfianzaCsvPreview *preview,
                             const char          *filename)
{
  ConfianzaImportDialog *self;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (preview), NULL);

  self = g_object_new (CONFIANZA_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->preview = g_object_ref (preview);
  self->filename = g_strdup (filename);
  add_columns (self);
  fill (self);

  return self;
}

/* Choosing and reading the file */

typedef struct
{
  GtkWidget      *widget;
  ConfianzaStore *store;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_clear_object (&request->widget);
  g_clear_object (&request->store);
  g_free (request);
}

typedef struct
{
  char      *filename;
  GPtrArray *existing;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_free (job->filename);
  g_clear_pointer (&job->existing, g_ptr_array_unref);
  g_free (job);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  ConfianzaCsvPreview *preview = confianza_csv_parse_file (job->filename, job->existing, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

static void
show_toast (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
on_imported (ConfianzaImportDialog *dialog,
             guint                  n,
             GtkWidget             *widget)
{
  g_autofree char *text = g_strdup_printf (ngettext ("Imported %u client", "Imported %u clients", n), n);

  show_toast (widget, text);
}

static void
parse_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ImportRequest *request = user_data;
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaImportDialog *dialog;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (preview == NULL)
    {
      show_toast (request->widget, error->message);
      import_request_free (request);
      return;
    }

  dialog = confianza_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (request->widget)),
                                        request->store, preview, job->filename);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), request->widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  import_request_free (request);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ImportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = NULL;
      ParseJob *job = g_new0 (ParseJob, 1);

      /* A snapshot of the clients, so the worker never touches the store. */
      job->filename = g_file_get_path (file);
      job->existing = confianza_import_existing_clients (request->store);
      task = g_task_new (NULL, NULL, parse_done, request);
      g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
      g_task_run_in_thread (task, parse_thread);
    }
  else
    {
      import_request_free (request);
    }

  g_object_unref (chooser);
}

void
confianza_import_clients_interactive (GtkWidget      *widget,
                                      ConfianzaStore *store)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  ImportRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Import Clients from a Spreadsheet or Contacts"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  /* Translators: the kind of file a spreadsheet exports for import */
  gtk_file_filter_set_name (filter, _("CSV and vCard files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  request = g_new0 (ImportRequest, 1);
  request->widget = g_object_ref (widget);
  request->store = g_object_ref (store);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting the client book */

typedef struct
{
  char  *database_path;
  char  *output_path;
  guint  n_clients;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_free (job->output_path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (confianza_report_write_client_book (job->database_path, job->output_path, &job->n_clients, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_toast (widget, error->message);
      return;
    }

  {
    g_autofree char *base = g_filename_display_basename (job->output_path);

    /* Translators: %u is a number of clients, %s a file name */
    text = g_strdup_printf (ngettext ("%u client saved in “%s”", "%u clients saved in “%s”",
                                      job->n_clients),
                            job->n_clients, base);
  }
  show_toast (widget, text);
}

typedef struct
{
  GtkWidget *widget;
  char      *database_path;
} ExportRequest;

static void
on_export_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  ExportRequest *request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = NULL;
      ExportJob *job = g_new0 (ExportJob, 1);

      job->database_path = g_strdup (request->database_path);
      job->output_path = g_file_get_path (file);
      task = g_task_new (NULL, NULL, export_done, g_object_ref (request->widget));
      g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
      g_task_run_in_thread (task, export_thread);
    }

  g_object_unref (request->widget);
  g_free (request->database_path);
  g_free (request);
  g_object_unref (chooser);
}

void
confianza_export_clients_interactive (GtkWidget      *widget,
                                      ConfianzaStore *store)
{
  GtkFileChooserNative *chooser;
  ExportRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Export Clients"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name offered; ending it in .vcf writes contact cards */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Clients.csv"));

  request = g_new0 (ExportRequest, 1);
  request->widget = g_object_ref (widget);
  request->database_path = g_strdup (confianza_store_get_path (store));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
