/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "export/confianza-report.h"

#include "confianza-application.h"
#include "confianza-date-entry.h"
#include "confianza-reports-page.h"

struct _ConfianzaReportsPage
{
  AdwBin              parent_instance;

  ConfianzaStore     *store;
  GListModel         *clients;
  guint               busy;

  /* Template widgets */
  AdwComboRow        *client_row;
  ConfianzaDateEntry *from_entry;
  ConfianzaDateEntry *to_entry;
  GtkLabel           *period_error;
  GtkButton          *client_button;
  GtkButton          *portfolio_button;
  GtkSpinner         *spinner;
  GtkLabel           *nps_label;
};

G_DEFINE_FINAL_TYPE (ConfianzaReportsPage, confianza_reports_page, ADW_TYPE_BIN)

/* Exporting, shared with the client page */

typedef struct
{
  char      *database_path;
  gint64     client_id;
  GDateTime *from;
  GDateTime *to;
  char      *business_name;
  ConfianzaAddress address;
  char      *output_path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_clear_pointer (&job->from, g_date_time_unref);
  g_clear_pointer (&job->to, g_date_time_unref);
  g_free (job->business_name);
  g_free (job->output_path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  /* The worker opens its own connection: a store is not shared by threads. */
  if (job->client_id != 0)
    ok = confianza_report_write_client_as (job->database_path, job->client_id, job->from, job->to,
                                           job->business_name, job->address, job->output_path, &error);
  else
    ok = confianza_report_write_portfolio (job->database_path, job->from, job->to,
                                           job->business_name, job->output_path, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
confianza_export_report_async (GtkWidget           *widget,
                               ConfianzaStore      *store,
                               gint64               client_id,
                               GDateTime           *from,
                               GDateTime           *to,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->database_path = g_strdup (confianza_store_get_path (store));
  job->client_id = client_id;
  job->from = from != NULL ? g_date_time_ref (from) : NULL;
  job->to = to != NULL ? g_date_time_ref (to) : NULL;
  job->business_name = g_settings_get_string (settings, "business-name");
  job->address = confianza_application_client_address ();
  job->output_path = g_file_get_path (file);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, confianza_export_report_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
confianza_export_report_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_open_report (AdwToast *toast,
                GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = GTK_WIDGET (source);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (CONFIANZA_IS_REPORTS_PAGE (widget))
    {
      ConfianzaReportsPage *self = CONFIANZA_REPORTS_PAGE (widget);

      if (--self->busy == 0)
        gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
    }

  if (!confianza_export_report_finish (result, &error))
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = NULL;

      /* Translators: %s is the report's file name */
      text = g_strdup_printf (_("Report saved as %s"), name);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_report),
                             g_object_ref (file), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    }

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

typedef struct
{
  GtkWidget      *widget;
  ConfianzaStore *store;
  gint64          client_id;
  GDateTime      *from;
  GDateTime      *to;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->widget);
  g_clear_object (&request->store);
  g_clear_pointer (&request->from, g_date_time_unref);
  g_clear_pointer (&request->to, g_date_time_unref);
  g_free (request);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SaveRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (CONFIANZA_IS_REPORTS_PAGE (request->widget))
        {
          ConfianzaReportsPage *self = CONFIANZA_REPORTS_PAGE (request->widget);

          self->busy++;
          gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
          gtk_spinner_start (self->spinner);
        }

      confianza_export_report_async (request->widget, request->store, request->client_id,
                                     request->from, request->to, file, NULL,
                                     export_done, g_object_ref (file));
    }

  save_request_free (request);
  g_object_unref (chooser);
}

void
confianza_export_report_interactive (GtkWidget      *widget,
                                     ConfianzaStore *store,
                                     gint64          client_id,
                                     GDateTime      *from,
                                     GDateTime      *to)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  SaveRequest *request;

  if (client_id != 0)
    {
      g_autoptr(ConfianzaClient) client = confianza_store_get_client (store, client_id, NULL);

      name = confianza_report_suggest_filename (client != NULL ? confianza_client_get_name (client) : "", today);
    }
  else
    {
      name = confianza_report_suggest_filename (NULL, today);
    }

  chooser = gtk_file_chooser_native_new (client_id != 0 ? _("Save Report for the Client")
                                                        : _("Save Portfolio Report"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  request = g_new0 (SaveRequest, 1);
  request->widget = g_object_ref (widget);
  request->store = g_object_ref (store);
  request->client_id = client_id;
  request->from = from != NULL ? g_date_time_ref (from) : NULL;
  request->to = to != NULL ? g_date_time_ref (to) : NULL;

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The page */

static gboolean
read_period (ConfianzaReportsPage  *self,
             GDateTime            **from,
             GDateTime            **to)
{
  g_autoptr(GError) error = NULL;

  *from = NULL;
  *to = NULL;

  if (!confianza_date_entry_check (self->from_entry, &error) ||
      !confianza_date_entry_check (self->to_entry, &error))
    {
      gtk_label_set_label (self->period_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->period_error), TRUE);
      return FALSE;
    }

  *from = confianza_date_entry_get_date (self->from_entry);
  *to = confianza_date_entry_get_date (self->to_entry);
  if (*from != NULL && *to != NULL && confianza_date_compare (*to, *from) < 0)
    {
      gtk_label_set_label (self->period_error, _("The period cannot end before it starts."));
      gtk_widget_set_visible (GTK_WIDGET (self->period_error), TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->period_error), FALSE);
  return TRUE;
}

static void
update_sensitivity (ConfianzaReportsPage *self)
{
  gboolean has_clients = self->clients != NULL && g_list_model_get_n_items (self->clients) > 0;
  GDateTime *from, *to;
  gboolean period_ok = read_period (self, &from, &to);

  gtk_widget_set_sensitive (GTK_WIDGET (self->client_button), has_clients && period_ok &&
                            adw_combo_row_get_selected (self->client_row) != GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->portfolio_button), period_ok);
}

/* Callbacks */

static void
on_period_changed (ConfianzaReportsPage *self)
{
  update_sensitivity (self);
}

static void
on_client_export (ConfianzaReportsPage *self)
{
  g_autoptr(ConfianzaClient) client = NULL;
  GDateTime *from, *to;

  if (!read_period (self, &from, &to))
    return;

  client = g_list_model_get_item (self->clients, adw_combo_row_get_selected (self->client_row));
  if (client == NULL)
    return;

  confianza_export_report_interactive (GTK_WIDGET (self), self->store,
                                       confianza_client_get_id (client), from, to);
}

static void
on_portfolio_export (ConfianzaReportsPage *self)
{
  GDateTime *from, *to;

  if (!read_period (self, &from, &to))
    return;

  confianza_export_report_interactive (GTK_WIDGET (self), self->store, 0, from, to);
}

/* The portfolio's NPS, over each client's latest answer, once there are
 * enough answers; until then how many there are */
static void
update_nps (ConfianzaReportsPage *self)
{
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  ConfianzaNps nps;

  answers = confianza_store_get_latest_recommendations (self->store, &error);
  if (answers == NULL)
    {
      gtk_label_set_label (self->nps_label, error->message);
      return;
    }

  nps = confianza_nps_compute (answers);
  sentence = confianza_nps_describe (&nps);
  gtk_label_set_label (self->nps_label, sentence);
}

static void
confianza_reports_page_dispose (GObject *object)
{
  ConfianzaReportsPage *self = CONFIANZA_REPORTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_REPORTS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (confianza_reports_page_parent_class)->dispose (object);
}

static void
confianza_reports_page_class_init (ConfianzaReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_reports_page_dispose;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, client_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, client_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, portfolio_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaReportsPage, nps_label);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_client_export);
  gtk_widget_class_bind_template_callback (widget_class, on_portfolio_export);
}

static void
confianza_reports_page_init (ConfianzaReportsPage *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (confianza_date_entry_get_editable (self->from_entry)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("From"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (confianza_date_entry_get_editable (self->to_entry)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("To"),
                                  -1);

  expression = gtk_property_expression_new (CONFIANZA_TYPE_CLIENT, NULL, "name");
  adw_combo_row_set_expression (self->client_row, expression);

  g_signal_connect_object (self->from_entry, "notify::date", G_CALLBACK (on_period_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "notify::date", G_CALLBACK (on_period_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (confianza_date_entry_get_editable (self->from_entry), "changed",
                           G_CALLBACK (on_period_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (confianza_date_entry_get_editable (self->to_entry), "changed",
                           G_CALLBACK (on_period_changed), self, G_CONNECT_SWAPPED);
}

ConfianzaReportsPage *
confianza_reports_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_REPORTS_PAGE, NULL);
}

void
confianza_reports_page_set_store (ConfianzaReportsPage *self,
                                  ConfianzaStore       *store)
{
  g_return_if_fail (CONFIANZA_IS_REPORTS_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, update_nps, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (update_nps), self, G_CONNECT_SWAPPED);
  update_nps (self);
  g_clear_object (&self->clients);
  self->clients = confianza_store_get_clients (store);
  adw_combo_row_set_model (self->client_row, self->clients);
  g_signal_connect_object (self->clients, "items-changed", G_CALLBACK (on_period_changed),
                           self, G_CONNECT_SWAPPED);
  update_sensitivity (self);
}
