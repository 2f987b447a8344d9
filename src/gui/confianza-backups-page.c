/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-backups-page"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "model/confianza-date.h"
#include "store/confianza-backup.h"

#include "confianza-backups-page.h"

struct _ConfianzaBackupsPage
{
  AdwPreferencesPage   parent_instance;

  GSettings           *settings;
  ConfianzaStore      *store;
  char                *database_path;
  GPtrArray           *rows;          /* the rows of copies on show */
  GPtrArray           *copies;        /* ConfianzaBackupCopy, as listed */
  guint                busy;          /* operations under way */

  /* Template widgets */
  AdwPreferencesGroup *automatic_group;
  AdwPreferencesGroup *copies_group;
  GtkSwitch           *automatic_switch;
  GtkSpinButton       *days_spin;
  GtkSpinButton       *weeks_spin;
};

G_DEFINE_FINAL_TYPE (ConfianzaBackupsPage, confianza_backups_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (ConfianzaBackupsPage *self,
            const char           *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
update_actions (ConfianzaBackupsPage *self)
{
  gboolean idle = self->busy == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.copy-now", idle && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore-file", idle && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore", idle && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.delete-all",
                                 idle && self->copies != NULL && self->copies->len > 0);
}

static void
set_busy (ConfianzaBackupsPage *self,
          gboolean              busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  update_actions (self);
}

static void
update_description (ConfianzaBackupsPage *self)
{
  int total = g_settings_get_int (self->settings, "backups-days") +
              7 * g_settings_get_int (self->settings, "backups-weeks");
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("No copy is kept for longer than %d day, so what you "
                                    "erase is gone from every copy after that.",
                                    "No copy is kept for longer than %d days, so what you "
                                    "erase is gone from every copy after that.", total),
                          total);
  adw_preferences_group_set_description (self->automatic_group, text);
}

static char *
format_date (GDateTime *date)
{
  g_autofree char *day = confianza_date_format (date);
  g_autofree char *time = g_date_time_format (date, "%H:%M");

  /* Translators: a copy's day and time, as "04/12/2026, 15:30" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

static const char *
describe_kind (ConfianzaBackupKind kind)
{
  switch (kind)
    {
    case CONFIANZA_BACKUP_DAILY:
      return _("Daily copy");
    case CONFIANZA_BACKUP_BEFORE_RESTORE:
      return _("Kept before a restore");
    case CONFIANZA_BACKUP_BEFORE_UPGRADE:
      return _("Kept before an update of Confianza");
    default:
      g_assert_not_reached ();
    }
}

/* "12 clients, 40 promises and 1 recovery plan" */
static char *
describe_counts (const ConfianzaStoreCounts *counts)
{
  g_autofree char *clients = g_strdup_printf (ngettext ("%u client", "%u clients", counts->clients),
                                              counts->clients);
  g_autofree char *promises = g_strdup_printf (ngettext ("%u promise", "%u promises", counts->promises),
                                               counts->promises);
  g_autofree char *plans = g_strdup_printf (ngettext ("%u recovery plan", "%u recovery plans", counts->plans),
                                            counts->plans);

  /* Translators: clients, promises and recovery plans */
  return g_strdup_printf (_("%s, %s and %s"), clients, promises, plans);
}

static void
refresh_copies (ConfianzaBackupsPage *self)
{
  GPtrArray *copies;
  g_autoptr(GError) error = NULL;

  /* Closed while a copy was being restored or deleted */
  if (self->rows == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->copies_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  copies = confianza_backup_list (self->database_path, &error);
  if (copies == NULL)
    {
      g_warning ("%s", error->message);
      copies = g_ptr_array_new ();
    }
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  self->copies = copies;

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);
      g_autofree char *title = format_date (copy->date);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), describe_kind (copy->kind));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "^ay", copy->path);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, button, row, NULL,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (copies->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No copies yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The first one is made after Confianza starts"));
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->rows, row);
    }

  update_actions (self);
}

/* Restoring */

typedef struct
{
  ConfianzaBackupsPage *page;
  char                 *path;
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->page);
  g_free (restore->path);
  g_free (restore);
}

static void
restore_closure_free (gpointer  data,
                      GClosure *closure)
{
  restore_free (data);
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ConfianzaBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  set_busy (self, FALSE);

  if (!confianza_backup_restore_finish (result, &kept, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* The window's lists, whether or not this page is still on show */
  if (self->store != NULL)
    confianza_store_reload (self->store);
  refresh_copies (self);
  show_toast (self, kept != NULL ? _("Copy restored. What your records held before is kept among the copies.")
                                 : _("Copy restored."));
}

static void
on_restore_confirmed (AdwMessageDialog *dialog,
                      const char       *response,
                      Restore          *restore)
{
  if (g_strcmp0 (response, "restore") != 0)
    return;

  set_busy (restore->page, TRUE);
  confianza_backup_restore_async (restore->page->database_path, restore->path, NULL,
                                  on_restored, g_object_ref (restore->page));
}

static void
on_inspected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Restore *restore = user_data;
  ConfianzaBackupsPage *self = restore->page;
  g_autoptr(ConfianzaBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *held = NULL;
  g_autofree char *now = NULL;
  g_autofree char *body = NULL;
  ConfianzaStoreCounts counts;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  set_busy (self, FALSE);

  info = confianza_backup_inspect_finish (result, &error);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (info == NULL || !GTK_IS_WINDOW (root))
    {
      if (info == NULL)
        show_toast (self, error->message);
      restore_free (restore);
      return;
    }

  /* A copy on the list is dated as the list shows it */
  for (guint i = 0; i < self->copies->len && date == NULL; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (self->copies, i);

      if (g_strcmp0 (copy->path, restore->path) == 0)
        date = format_date (copy->date);
    }
  if (date == NULL)
    date = format_date (info->date);
  held = describe_counts (&info->counts);
  if (!confianza_store_count (self->store, &counts, NULL))
    memset (&counts, 0, sizeof counts);
  now = describe_counts (&counts);
  /* Translators: the copy's date, what it holds, what the records hold now */
  body = g_strdup_printf (_("The copy of %s holds %s. It replaces what your records hold now "
                            "(%s), which is kept as a copy first, so that you can go back to it."),
                          date, held, now);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), _("Restore This Copy?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_restore_confirmed),
                         restore, restore_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
confianza_backups_page_restore (ConfianzaBackupsPage *self,
                                const char           *path)
{
  Restore *restore;

  g_return_if_fail (CONFIANZA_IS_BACKUPS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->busy > 0)
    return;

  restore = g_new0 (Restore, 1);
  restore->page = g_object_ref (self);
  restore->path = g_strdup (path);

  /* What it holds is shown before anything is replaced */
  set_busy (self, TRUE);
  confianza_backup_inspect_async (path, NULL, on_inspected, restore);
}

/* Actions */

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  confianza_backups_page_restore (CONFIANZA_BACKUPS_PAGE (widget), g_variant_get_bytestring (parameter));
}

/* A file chosen in a file chooser, handed to @chosen */

typedef struct
{
  ConfianzaBackupsPage *page;
  void                (*chosen) (ConfianzaBackupsPage *self,
                                 const char           *path);
} Choice;

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        choice->chosen (choice->page, path);
    }

  g_object_unref (chooser);
  g_object_unref (choice->page);
  g_free (choice);
}

static void
choose_file (ConfianzaBackupsPage  *self,
             GtkFileChooserAction   action,
             const char            *title,
             const char            *accept,
             const char            *name,
             void                 (*chosen) (ConfianzaBackupsPage *self,
                                             const char           *path))
{
  GtkFileChooserNative *chooser;
  Choice *choice = g_new0 (Choice, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  choice->page = g_object_ref (self);
  choice->chosen = chosen;
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_file_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_file (CONFIANZA_BACKUPS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("Restore From a Copy"), _("_Open"), NULL, confianza_backups_page_restore);
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ConfianzaBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!confianza_backup_write_finish (result, &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("Copy saved."));
}

static void
copy_to (ConfianzaBackupsPage *self,
         const char           *path)
{
  set_busy (self, TRUE);
  confianza_backup_write_async (self->database_path, path, NULL, on_copied, g_object_ref (self));
}

static void
copy_now_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  /* Translators: the name offered for a copy; %s is today's date, 2026-12-04 */
  name = g_strdup_printf (_("confianza-copy-%s.db"), stamp);
  choose_file (CONFIANZA_BACKUPS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("Save a Copy of Your Records"), _("_Save"), name, copy_to);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ConfianzaBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  set_busy (self, FALSE);
  refresh_copies (self);

  if (!confianza_backup_delete_all_finish (result, &n, &error))
    {
      show_toast (self, error->message);
      return;
    }

  text = g_strdup_printf (ngettext ("%u copy deleted", "%u copies deleted", n), n);
  show_toast (self, text);
}

static void
on_delete_all_confirmed (AdwMessageDialog     *dialog,
                         const char           *response,
                         ConfianzaBackupsPage *self)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;

  set_busy (self, TRUE);
  confianza_backup_delete_all_async (self->database_path, NULL, on_deleted, g_object_ref (self));
}

static void
delete_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConfianzaBackupsPage *self = CONFIANZA_BACKUPS_PAGE (widget);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  guint n = self->copies->len;

  body = g_strdup_printf (ngettext ("The %u copy Confianza keeps of your records is deleted, "
                                    "with those kept before restores and updates. Your records "
                                    "themselves are not touched.",
                                    "The %u copies Confianza keeps of your records are deleted, "
                                    "with those kept before restores and updates. Your records "
                                    "themselves are not touched.", n),
                          n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Delete All Copies?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_all_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
confianza_backups_page_dispose (GObject *object)
{
  ConfianzaBackupsPage *self = CONFIANZA_BACKUPS_PAGE (object);

  /* A row may outlive the page (the accessibility tree holds it) */
  if (self->automatic_switch != NULL)
    {
      g_settings_unbind (self->automatic_switch, "active");
      g_settings_unbind (self->days_spin, "value");
      g_settings_unbind (self->weeks_spin, "value");
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_BACKUPS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->copies, g_ptr_array_unref);

  G_OBJECT_CLASS (confianza_backups_page_parent_class)->dispose (object);
}

static void
confianza_backups_page_finalize (GObject *object)
{
  ConfianzaBackupsPage *self = CONFIANZA_BACKUPS_PAGE (object);

  /* Kept to the end: a restore under way reloads it when it is done */
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->database_path);

  G_OBJECT_CLASS (confianza_backups_page_parent_class)->finalize (object);
}

static void
confianza_backups_page_class_init (ConfianzaBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_backups_page_dispose;
  object_class->finalize = confianza_backups_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBackupsPage, automatic_group);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBackupsPage, copies_group);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBackupsPage, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBackupsPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBackupsPage, weeks_spin);

  gtk_widget_class_install_action (widget_class, "backups.copy-now", NULL, copy_now_activated);
  gtk_widget_class_install_action (widget_class, "backups.restore-file", NULL, restore_file_activated);
  gtk_widget_class_install_action (widget_class, "backups.restore", "ay", restore_activated);
  gtk_widget_class_install_action (widget_class, "backups.delete-all", NULL, delete_all_activated);
}

static void
confianza_backups_page_init (ConfianzaBackupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->copies = g_ptr_array_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "backups-automatic", self->automatic_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-days", self->days_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-weeks", self->weeks_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->settings, "changed::backups-days", G_CALLBACK (update_description), self);
  g_signal_connect_swapped (self->settings, "changed::backups-weeks", G_CALLBACK (update_description), self);
  update_description (self);
}

ConfianzaBackupsPage *
confianza_backups_page_new (ConfianzaStore *store,
                            const char     *database_path)
{
  ConfianzaBackupsPage *self;

  g_return_val_if_fail (store == NULL || CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (CONFIANZA_TYPE_BACKUPS_PAGE, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->database_path = g_strdup (database_path);
  refresh_copies (self);

  return self;
}
