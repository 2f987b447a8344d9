/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "export/confianza-report.h"
#include "store/confianza-backup.h"
#include "store/confianza-demo.h"
#include "store/confianza-import.h"

#include "confianza-application.h"
#include "confianza-preferences-window.h"
#include "confianza-window.h"

struct _ConfianzaApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  char           *demo_dir;       /* the throwaway folder of --demo */
  ConfianzaStore *store;
  GError         *store_error;
  gboolean        demo;
  guint           midnight_source;
};

G_DEFINE_FINAL_TYPE (ConfianzaApplication, confianza_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the one in your data folder"), N_("PATH") },
  { "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Check the database, print what it holds and exit"), NULL },
  { "export-client", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Write the report for the client NAME (or number) to the file given with --output, and exit"), N_("NAME") },
  { "export-portfolio", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Write the portfolio report to the file given with --output, and exit"), NULL },
  { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Where to write the report"), N_("FILE") },
  { "from", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Start the report's period on DATE"), N_("DATE") },
  { "to", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("End the report's period on DATE"), N_("DATE") },
  { "import-clients", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Import clients from a CSV file (all or nothing), and exit"), N_("FILE") },
  { "backup", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup copy of the database to FILE (also while a window writes to it), and exit"), N_("FILE") },
  { "restore", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace what the database holds by the backup copy FILE, keeping a copy of it first, and exit"), N_("FILE") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start with sample data in a throwaway database; with --database, write the sample into a new database at PATH and exit"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
print_counts (ConfianzaStore             *store,
              const ConfianzaStoreCounts *counts)
{
  g_print (_("Database: %s\n"), confianza_store_get_path (store));
  g_print (_("Schema version: %d\n"), confianza_store_get_schema_version (store));
  g_print (ngettext ("%u client\n", "%u clients\n", counts->clients), counts->clients);
  g_print (ngettext ("%u promise\n", "%u promises\n", counts->promises), counts->promises);
  g_print (ngettext ("%u incident\n", "%u incidents\n", counts->incidents), counts->incidents);
  g_print (ngettext ("%u recovery plan\n", "%u recovery plans\n", counts->plans), counts->plans);
  g_print (_("The database is in good order.\n"));
}

/* What the user should know about how a database was opened (stale files
 * set aside), on stderr */
static void
print_notice (ConfianzaStore *store)
{
  const char *notice = store != NULL ? confianza_store_get_notice (store) : NULL;

  if (notice != NULL)
    g_printerr ("%s\n", notice);
}

/* --check: open and verify the database without a window, changing
 * nothing: a missing file is an error, an older one is not upgraded. */
static int
check_database (ConfianzaApplication *self)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts counts = { 0 };

  store = confianza_store_open_read_only (self->database_path, &error);
  if (store == NULL || !confianza_store_count (store, &counts, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  print_counts (store, &counts);
  return 0;
}

static GDateTime *
option_date (GVariantDict  *options,
             const char    *name,
             GError       **error)
{
  const char *text = NULL;

  if (!g_variant_dict_lookup (options, name, "&s", &text))
    return NULL;

  return confianza_date_parse_locale (text, error);
}

/* --export-client / --export-portfolio, without a window */
/* A setting, or "" where the settings schema is not installed (a build
 * tree): the command line works there too. */
static char *
setting_string (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return g_strdup ("");

  settings = g_settings_new (APPLICATION_ID);
  return g_settings_get_string (settings, key);
}

static char *
business_name (void)
{
  return setting_string ("business-name");
}

static int
export_report (ConfianzaApplication *self,
               GVariantDict         *options)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *business = business_name ();
  const char *client = NULL;
  const char *output = NULL;
  gboolean ok;

  if (!g_variant_dict_lookup (options, "output", "^&ay", &output) || output[0] == '\0')
    {
      g_printerr ("%s\n", _("Say where to write the report with --output=FILE."));
      return 2;
    }

  from = option_date (options, "from", &error);
  if (error == NULL)
    to = option_date (options, "to", &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (g_variant_dict_lookup (options, "export-client", "&s", &client))
    {
      g_autoptr(ConfianzaStore) store = confianza_store_open_read_only (self->database_path, &error);
      gint64 id = store != NULL ? confianza_report_find_client (store, client, &error) : 0;

      /* The report opens the file again on its own. */
      g_clear_object (&store);
      ok = id != 0 &&
           confianza_report_write_client (self->database_path, id, from, to, business, output, &error);
    }
  else
    {
      ok = confianza_report_write_portfolio (self->database_path, from, to, business, output, &error);
    }

  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Report written to %s\n"), output);
  return 0;
}

/* --import-clients, without a window */
static int
import_clients (ConfianzaApplication *self,
                const char           *file)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n = 0;

  store = confianza_store_open (self->database_path, &error);
  print_notice (store);
  if (store != NULL)
    summary = confianza_import_clients_from_file (store, file, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error);

  if (summary == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s\n", summary);
  return 0;
}

/* Exit statuses of --backup and --restore, so that a script can tell why */
enum
{
  EXIT_NOT_OURS = 3,   /* not a Confianza database, or no file at all */
  EXIT_DAMAGED = 4,
  EXIT_NEWER = 5,      /* written by a newer Confianza */
  EXIT_IN_USE = 6,     /* a window has the database open */
  EXIT_SAME_FILE = 7,  /* the database itself, one of its files or copies */
};

static int
backup_exit_status (const GError *error)
{
  if (error->domain == CONFIANZA_BACKUP_ERROR)
    return error->code == CONFIANZA_BACKUP_ERROR_IN_USE ? EXIT_IN_USE : EXIT_SAME_FILE;

  if (error->domain == CONFIANZA_STORE_ERROR)
    switch (error->code)
      {
      case CONFIANZA_STORE_ERROR_NOT_OURS:
      case CONFIANZA_STORE_ERROR_NOT_FOUND:
      case CONFIANZA_STORE_ERROR_IS_DIRECTORY:
        return EXIT_NOT_OURS;
      case CONFIANZA_STORE_ERROR_DAMAGED:
        return EXIT_DAMAGED;
      case CONFIANZA_STORE_ERROR_NEWER_VERSION:
        return EXIT_NEWER;
      default:
        break;
      }

  return 1;
}

/* --backup=FILE, without a window */
static int
backup_database (ConfianzaApplication *self,
                 const char           *file)
{
  g_autoptr(GError) error = NULL;

  if (!confianza_backup_write (self->database_path, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return backup_exit_status (error);
    }

  g_print (_("Backup copy of %s written to %s\n"), self->database_path, file);
  return 0;
}

/* --restore=FILE, without a window, and never under one */
static int
restore_database (ConfianzaApplication *self,
                  const char           *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  /* A new database is made first, so that what was found beside it is
   * said; only for a copy that can be used, so that a refusal leaves no
   * new file behind */
  if (!g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(ConfianzaBackupInfo) info = confianza_backup_inspect (file, &error);
      g_autoptr(ConfianzaStore) store = NULL;

      if (info == NULL)
        {
          g_printerr ("%s\n", error->message);
          return backup_exit_status (error);
        }

      store = confianza_store_open (self->database_path, &error);

      print_notice (store);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  if (!confianza_backup_restore (self->database_path, file, &kept, &error))
    {
      g_printerr ("%s\n", error->message);
      return backup_exit_status (error);
    }

  g_print (_("Restored %s into %s\n"), file, self->database_path);
  if (kept != NULL)
    g_print (_("What it held before is kept in %s\n"), kept);
  return 0;
}

/* Sample data into a database that must not exist yet. */
static gboolean
write_demo (const char  *path,
            GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. The sample data goes only into a new database, so nothing of yours is mixed with it or overwritten."),
                   display);
      return FALSE;
    }

  store = confianza_store_open (path, error);
  print_notice (store);

  return store != NULL && confianza_demo_fill (store, today, error);
}

static int
confianza_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gboolean has_path;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  has_path = g_variant_dict_lookup (options, "database", "^&ay", &path) && path[0] != '\0';
  if (has_path)
    {
      confianza_application_set_database_path (self, path);
    }
  else
    {
      /* Another file the user chose in the window, once the usual one could not be used */
      g_autofree char *chosen = setting_string ("database-path");

      if (chosen[0] != '\0')
        confianza_application_set_database_path (self, chosen);
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      if (has_path)
        {
          if (!write_demo (path, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          g_print (_("Sample data written to %s\n"), path);
          return 0;
        }

      /* A throwaway database, and an instance of its own. */
      self->demo_dir = g_dir_make_tmp ("confianza-demo-XXXXXX", &error);
      if (self->demo_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_free (self->database_path);
      self->database_path = g_build_filename (self->demo_dir, "demo.db", NULL);
      if (!write_demo (self->database_path, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      self->demo = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "check"))
    return check_database (self);

  if (g_variant_dict_contains (options, "export-client") ||
      g_variant_dict_contains (options, "export-portfolio"))
    return export_report (self, options);

  {
    const char *csv = NULL;

    if (g_variant_dict_lookup (options, "import-clients", "^&ay", &csv))
      return import_clients (self, csv);
  }

  {
    const char *file = NULL;

    if (g_variant_dict_lookup (options, "backup", "^&ay", &file))
      return backup_database (self, file);
    if (g_variant_dict_lookup (options, "restore", "^&ay", &file))
      return restore_database (self, file);
  }

  return -1;
}

static void
open_store (ConfianzaApplication *self)
{
  if (self->store != NULL || self->store_error != NULL)
    return;

  self->store = confianza_store_open (self->database_path, &self->store_error);
  if (self->store == NULL)
    g_debug ("%s", self->store_error->message);
}

/* "Honra tu palabra": what falls due today, once a day while running. */
static void
notify_due_today (ConfianzaApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) yesterday = confianza_date_add_days (today, -1);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_today = 0;
  guint n_follow_ups = 0;
  guint n_named = 0;

  if (self->store == NULL || !g_settings_get_boolean (settings, "notifications"))
    return;

  /* Only the three named are read, not every overdue promise */
  due = confianza_store_get_open_promises_between (self->store, yesterday, today, 3, &n_today, NULL);
  follow_ups = confianza_store_get_open_follow_ups_due (self->store, today, G_MAXUINT, NULL, NULL);
  if (due == NULL || follow_ups == NULL)
    return;

  if (n_today > 0)
    {
      g_string_append (body, ngettext ("A promise falls due today:",
                                       "These promises fall due today:", n_today));
      for (guint i = 0; i < due->len; i++)
        {
          g_string_append (body, "\n");
          g_string_append (body, confianza_promise_get_title (g_ptr_array_index (due, i)));
        }
      if (n_today > 3)
        {
          g_string_append (body, "\n");
          g_string_append_printf (body, ngettext ("…and %u more", "…and %u more", n_today - 3), n_today - 3);
        }
    }

  /* The follow-ups of recovery plans due today, not the overdue ones */
  for (guint i = 0; i < follow_ups->len; i++)
    if (confianza_date_equal (confianza_follow_up_get_due_on (g_ptr_array_index (follow_ups, i)), today))
      n_follow_ups++;

  if (n_follow_ups > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n");
      g_string_append (body, ngettext ("Call back, a recovery follow-up is due today:",
                                       "Call back, these recovery follow-ups are due today:", n_follow_ups));
      for (guint i = 0; i < follow_ups->len && n_named < 3; i++)
        {
          ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
          g_autoptr(ConfianzaClient) client = NULL;

          if (!confianza_date_equal (confianza_follow_up_get_due_on (follow_up), today))
            continue;
          client = confianza_store_get_client (self->store, confianza_follow_up_get_client_id (follow_up), NULL);
          if (client == NULL)
            continue;
          g_string_append (body, "\n");
          g_string_append (body, confianza_client_get_name (client));
          n_named++;
        }
      if (n_follow_ups > n_named)
        {
          g_string_append (body, "\n");
          g_string_append_printf (body, ngettext ("…and %u more", "…and %u more", n_follow_ups - n_named),
                                  n_follow_ups - n_named);
        }
    }

  if (body->len == 0)
    return;

  notification = g_notification_new (_("Keep your word"));
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "today");
  g_application_send_notification (G_APPLICATION (self), "due-today", notification);
}

static void
on_trust_scores_ready (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ConfianzaApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Without scores the lists just show none: nothing to tell the user */
  if (!confianza_store_update_trust_scores_finish (CONFIANZA_STORE (source), result, &error))
    g_warning ("Could not compute the trust indexes: %s", error->message);
}

static void
on_daily_backup_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ConfianzaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  GtkWindow *window;

  if (confianza_backup_run_daily_finish (result, &written, &error))
    {
      if (written != NULL)
        g_debug ("Daily backup copy written to %s", written);
      return;
    }

  /* Said once, in the window; the next start tries again */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CONFIANZA_IS_WINDOW (window))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("Today’s backup copy could not be made: %s"), error->message);
      confianza_window_add_toast (CONFIANZA_WINDOW (window), adw_toast_new (text));
    }
  g_message ("Daily backup copy: %s", error->message);
}

/* Once a day, in a thread with its own connection: the copy of the day
 * (unless turned off), and the old copies go. Not for the sample data. */
static void
start_daily_backup (ConfianzaApplication *self)
{
  g_autoptr(GSettings) settings = NULL;

  if (self->store == NULL || self->demo)
    return;

  settings = g_settings_new (APPLICATION_ID);
  confianza_backup_run_daily_async (self->database_path,
                                    g_settings_get_boolean (settings, "backups-automatic"),
                                    g_settings_get_int (settings, "backups-days"),
                                    g_settings_get_int (settings, "backups-weeks"),
                                    NULL, on_daily_backup_done, g_object_ref (self));
}

static gboolean on_midnight (gpointer user_data);

/* A new day, with the application still open: what falls due now. */
static void
schedule_midnight (ConfianzaApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                        g_date_time_get_month (tomorrow),
                                                        g_date_time_get_day_of_month (tomorrow),
                                                        0, 0, 5);
  GTimeSpan wait = g_date_time_difference (morning, now);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds ((guint) MAX (1, wait / G_TIME_SPAN_SECOND),
                                                 on_midnight, self);
}

static gboolean
on_midnight (gpointer user_data)
{
  ConfianzaApplication *self = user_data;

  self->midnight_source = 0;
  notify_due_today (self);
  start_daily_backup (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static gboolean
compute_trust_idle (gpointer user_data)
{
  ConfianzaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* After the first frame, and in a thread: the window never waits for
   * every history (ten thousand clients take a fraction of a second). The
   * indexes go to the live client list: it is read first. */
  if (CONFIANZA_IS_WINDOW (window))
    confianza_window_ensure_lists (CONFIANZA_WINDOW (window));
  if (self->store != NULL)
    confianza_store_update_trust_scores_async (self->store, NULL, on_trust_scores_ready,
                                               g_object_ref (self));
  notify_due_today (self);
  start_daily_backup (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
confianza_application_activate (GApplication *app)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (app);
  GtkWindow *window;

  open_store (self);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (confianza_window_new (self));
      if (self->demo)
        gtk_window_set_title (window, _("Confianza (sample data)"));
      g_idle_add_full (G_PRIORITY_LOW, compute_trust_idle, g_object_ref (self), g_object_unref);
    }

  gtk_window_present (window);
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them save their state first. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (l->data);
      l = next;
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Confianza developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", "Confianza",
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Confianza developers"),
                         "developers", developers,
                         "comments", _("Keep your word to your clients and win their trust back after a failure."),
                         "website", "https://github.com/confianza/confianza",
                         "issue-url", "https://github.com/confianza/confianza/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (confianza_preferences_window_new (parent, self->database_path)));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CONFIANZA_IS_WINDOW (window))
    confianza_window_show_page (CONFIANZA_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "show-page", show_page_activated, "s" },
};

static void
confianza_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (confianza_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
confianza_application_finalize (GObject *object)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (object);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  /* The sample database goes away with the run that made it. */
  if (self->demo_dir != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (self->database_path, suffixes[i], NULL);
          g_unlink (file);
        }
      g_rmdir (self->demo_dir);
      g_clear_pointer (&self->demo_dir, g_free);
    }

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (confianza_application_parent_class)->finalize (object);
}

static void
confianza_application_class_init (ConfianzaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = confianza_application_finalize;

  app_class->handle_local_options = confianza_application_handle_local_options;
  app_class->startup = confianza_application_startup;
  app_class->activate = confianza_application_activate;
}

static void
confianza_application_init (ConfianzaApplication *self)
{
  self->database_path = confianza_store_default_path ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep your word to your clients."));
}

ConfianzaApplication *
confianza_application_new (void)
{
  return g_object_new (CONFIANZA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

ConfianzaStore *
confianza_application_get_store (ConfianzaApplication *self)
{
  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
confianza_application_get_store_error (ConfianzaApplication *self)
{
  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);

  return self->store_error;
}

const char *
confianza_application_get_database_path (ConfianzaApplication *self)
{
  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
confianza_application_set_database_path (ConfianzaApplication *self,
                                         const char           *path)
{
  g_return_if_fail (CONFIANZA_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

/*
 * Starts afresh on another database (the usual one could not be used): the
 * old file is kept as it is. On success the window is rebuilt on the new
 * one and the choice remembered for the next start.
 */
gboolean
confianza_application_use_database (ConfianzaApplication  *self,
                                    const char            *path,
                                    GError               **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *old;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = confianza_store_open (path, error);
  if (store == NULL)
    return FALSE;

  confianza_application_set_database_path (self, path);
  g_set_object (&self->store, store);
  g_clear_error (&self->store_error);

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "database-path", path);

  old = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (confianza_window_new (self)));
  if (old != NULL)
    gtk_window_destroy (old);

  return TRUE;
}
