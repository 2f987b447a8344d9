/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "export/confianza-report.h"
#include "store/confianza-backup.h"
#include "store/confianza-demo.h"
#include "store/confianza-import.h"
#include "export/confianza-report-clients.h"

#include "confianza-application.h"
#include "confianza-deliver-dialog.h"
#include "confianza-preferences-window.h"
#include "confianza-recovery-start.h"
#include "confianza-reminder-check.h"
#include "confianza-window.h"

/*
 * One process, one window per database: a launch while Confianza runs asks
 * the running instance to open its database (GApplication's "open", the
 * database as a GFile), which raises the window already on it or opens a
 * new one. Each window holds its own store. Command-line-only operations
 * run in the launching process and never reach the running one; --demo
 * runs an instance of its own (see handle_local_options).
 */
struct _ConfianzaApplication
{
  AdwApplication  parent_instance;

  char           *database_path;  /* what this launch (or activation) opens */
  char           *demo_dir;       /* the throwaway folder of --demo */
  gboolean        demo;
  guint           midnight_source;
};

G_DEFINE_FINAL_TYPE (ConfianzaApplication, confianza_application, ADW_TYPE_APPLICATION)

/* Exit statuses of the command line, so that a script can tell why: 0
 * done, 1 the database or a file could not be used, 2 an option missing or
 * wrong, and for some options more (README lists them all) */
enum
{
  EXIT_NOT_ALL_IMPORTED = 3,  /* --import-clients left lines out */
  /* --backup and --restore */
  EXIT_NOT_OURS = 3,          /* not a Confianza database, or no file at all */
  EXIT_DAMAGED = 4,
  EXIT_NEWER = 5,             /* written by a newer Confianza */
  EXIT_IN_USE = 6,            /* a window has the database open */
  EXIT_SAME_FILE = 7,         /* the database itself, one of its files or copies */
};

/* Text options are read as bytes (FILENAME), not STRING: GOption converts
 * a STRING from the locale's character set, and fails on any accent in
 * the C locale (cron, systemd, containers). See option_text (). */
static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the one in your data folder"), N_("PATH") },
  { "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Check the database, print what it holds and exit"), NULL },
  { "export-client", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the report for the client NAME (or number) to the file given with --output, and exit"), N_("NAME") },
  { "export-portfolio", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Write the portfolio report to the file given with --output, and exit"), NULL },
  { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Where to write the report"), N_("FILE") },
  { "from", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Start the report's period on DATE"), N_("DATE") },
  { "to", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("End the report's period on DATE"), N_("DATE") },
  { "import-clients", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Import clients from a CSV or vCard file (all or nothing), and exit"), N_("FILE") },
  { "export-clients", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every client to FILE, as CSV or, for a name ending in .vcf, as vCard, and exit"), N_("FILE") },
  { "backup", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup copy of the database to FILE (also while a window writes to it), and exit"), N_("FILE") },
  { "restore", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace what the database holds by the backup copy FILE, keeping a copy of it first, and exit"), N_("FILE") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start with sample data in a throwaway database; with --database, write the sample into a new database at PATH and exit"), NULL },
  /* --remind and --hidden: handled in main (), before GTK starts
   * (confianza-remind.c); here for --help */
  { "remind", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Send the reminders of what is due today (each once a day), print what was sent and exit; needs no display"), NULL },
  { "hidden", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Run hidden, with no window, and remind at the time of day chosen in Preferences (what a login does once you allow it)"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  /* Anything else, to refuse it in words */
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
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

/* What is wrong with the value of --@name, said with the option's name;
 * the exit status for it. */
static int
option_failed (const char   *name,
               const GError *error)
{
  /* Translators: "Option --from: " and what is wrong with its value */
  g_printerr (_("Option --%s: %s\n"), name, error->message);

  return 2;
}

/* The text given with --@name, in any locale: valid UTF-8 as it is, else
 * converted from the locale's character set. NULL when the option was not
 * given, or with @error when it is not text. */
static char *
option_text (GVariantDict  *options,
             const char    *name,
             GError       **error)
{
  const char *bytes = NULL;
  g_autofree char *shown = NULL;
  char *text;

  if (!g_variant_dict_lookup (options, name, "^&ay", &bytes))
    return NULL;

  if (g_utf8_validate (bytes, -1, NULL))
    return g_strdup (bytes);

  text = g_locale_to_utf8 (bytes, -1, NULL, NULL, NULL);
  if (text != NULL)
    return text;

  shown = g_utf8_make_valid (bytes, -1);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not readable text. Write it in UTF-8."), shown);

  return NULL;
}

static GDateTime *
option_date (GVariantDict  *options,
             const char    *name,
             GError       **error)
{
  g_autofree char *text = option_text (options, name, error);

  if (text == NULL)
    return NULL;

  return confianza_date_parse_locale (text, error);
}

/* Whether the settings schema is installed: the window needs it, the
 * command line does not (a build tree, a copied binary) */
static gboolean
settings_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  return schema != NULL;
}

/* --export-client / --export-portfolio, without a window */
/* A setting, or "" where the settings schema is not installed */
static char *
setting_string (const char *key)
{
  g_autoptr(GSettings) settings = NULL;

  if (!settings_installed ())
    return g_strdup ("");

  settings = g_settings_new (APPLICATION_ID);
  return g_settings_get_string (settings, key);
}

ConfianzaAddress
confianza_application_client_address (void)
{
  g_autofree char *address = setting_string ("client-address");

  return confianza_address_from_string (address);
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
  g_autofree char *client = NULL;
  const char *output = NULL;
  gboolean ok;

  if (!g_variant_dict_lookup (options, "output", "^&ay", &output) || output[0] == '\0')
    {
      g_printerr ("%s\n", _("Say where to write the report with --output=FILE."));
      return 2;
    }

  from = option_date (options, "from", &error);
  if (error != NULL)
    return option_failed ("from", error);
  to = option_date (options, "to", &error);
  if (error != NULL)
    return option_failed ("to", error);
  client = option_text (options, "export-client", &error);
  if (error != NULL)
    return option_failed ("export-client", error);

  if (client != NULL)
    {
      g_autoptr(ConfianzaStore) store = confianza_store_open_read_only (self->database_path, &error);
      gint64 id = store != NULL ? confianza_report_find_client (store, client, &error) : 0;

      if (g_error_matches (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND))
        return option_failed ("export-client", error);

      /* The report opens the file again on its own. */
      g_clear_object (&store);
      ok = id != 0 &&
           confianza_report_write_client_as (self->database_path, id, from, to, business,
                                             confianza_application_client_address (), output, &error);
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

/* --export-clients=FILE.csv|FILE.vcf, without a window */
static int
export_clients (ConfianzaApplication *self,
                const char           *output)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!confianza_report_write_client_book (self->database_path, output, &n, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Translators: %u is a number of clients, %s a file */
  g_print (ngettext ("%u client written to %s\n", "%u clients written to %s\n", n), n, output);
  return 0;
}

/* --import-clients, without a window: a script must tell "some lines
 * were left out" from success (see the exit statuses in --help) */
static int
import_clients (ConfianzaApplication *self,
                const char           *file)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n = 0;
  guint skipped = 0;

  store = confianza_store_open (self->database_path, &error);
  print_notice (store);
  if (store != NULL)
    summary = confianza_import_clients_from_file (store, file, CONFIANZA_IMPORT_FLAGS_NONE,
                                                  &n, &skipped, &error);

  if (summary == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s\n", summary);
  return skipped > 0 ? EXIT_NOT_ALL_IMPORTED : 0;
}

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

/* The instance already running opens the database (or raises its window),
 * or this one becomes that instance and opens it: a relative path is
 * resolved here, in the launching process's folder. */
static int
open_in_primary (ConfianzaApplication *self)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->database_path);
  g_autoptr(GError) error = NULL;

  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_application_open (G_APPLICATION (self), &file, 1, "");

  return 0;
}

static int
confianza_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  g_autofree const char **rest = NULL;
  gboolean has_path;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &rest) && rest[0] != NULL)
    {
      g_autofree char *shown = g_filename_display_name (rest[0]);

      g_printerr (_("“%s” is not an option. To use a database, give it with --database=FILE; “--help” lists the options.\n"),
                  shown);
      return 2;
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

      /* A throwaway database, and an instance of its own (not unique:
       * it owns no name on the bus). The sample lives in a folder this
       * process removes when it ends, so it cannot be handed to the
       * running instance; and the running instance keeps the
       * application's name, so its notifications' actions keep reaching
       * it. The sample notifies nothing. */
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
    if (g_variant_dict_lookup (options, "export-clients", "^&ay", &csv))
      return export_clients (self, csv);
  }

  {
    const char *file = NULL;

    if (g_variant_dict_lookup (options, "backup", "^&ay", &file))
      return backup_database (self, file);
    if (g_variant_dict_lookup (options, "restore", "^&ay", &file))
      return restore_database (self, file);
  }

  /* From here on, a window */
  if (!settings_installed ())
    {
      g_printerr (_("Confianza cannot open its window: its settings schema “%s” is not installed. "
                    "Start Confianza where it was installed (for example after “meson install”), "
                    "or set GSETTINGS_SCHEMA_DIR to the folder that holds the compiled schema "
                    "(in a build folder, its “data” folder). The command-line operations "
                    "(--check, --export-client, --export-portfolio, --import-clients, --backup, "
                    "--restore) work "
                    "without it.\n"),
                  APPLICATION_ID);
      return 1;
    }

  /* Started by D-Bus for a notification's action (DBusActivatable): no
   * window until the action asks for one */
  if (self->demo || (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE) != 0)
    return -1;

  return open_in_primary (self);
}

/* "Honra tu palabra": the reminders of what falls due in the database at
 * @path (@store, or opened for the check), each once a day. The sample
 * data of --demo never notifies. */
static gboolean
send_reminders (ConfianzaApplication  *self,
                ConfianzaStore        *store,
                const char            *path,
                GError               **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(ConfianzaStore) opened = NULL;

  if (self->demo)
    return TRUE;

  if (store == NULL)
    {
      opened = confianza_store_open (path, error);
      if (opened == NULL)
        return FALSE;
      store = opened;
    }

  /* Named by the store's path, as store_changed_idle () finds them */
  return confianza_reminders_send (G_APPLICATION (self), store, confianza_store_get_path (store), today,
                                   g_settings_get_boolean (settings, "reminders-private"),
                                   g_settings_get_int (settings, "follow-up-days"),
                                   NULL, NULL, error);
}

static void
notify_due_today (ConfianzaApplication *self,
                  ConfianzaWindow      *window)
{
  ConfianzaStore *store = confianza_window_get_store (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;

  if (store == NULL || !g_settings_get_boolean (settings, "notifications"))
    return;

  if (!send_reminders (self, store, confianza_window_get_database_path (window), &error))
    g_message ("Reminders: %s", error->message);
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
  g_autofree GWeakRef *window_ref = user_data;
  g_autoptr(GtkWindow) window = g_weak_ref_get (window_ref);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  g_weak_ref_clear (window_ref);

  if (confianza_backup_run_daily_finish (result, &written, &error))
    {
      if (written != NULL)
        g_debug ("Daily backup copy written to %s", written);
      return;
    }

  /* Said once, in the window of that database; the next start tries again */
  if (CONFIANZA_IS_WINDOW (window))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("Today’s backup copy could not be made: %s"), error->message);
      confianza_window_add_toast (CONFIANZA_WINDOW (window), adw_toast_new (text));
    }
  g_message ("Daily backup copy: %s", error->message);
}

/* Once a day, in a thread with its own connection: the copy of the day of
 * the database of @window (unless turned off), and the old copies go. Not
 * for the sample data. */
static void
start_daily_backup (ConfianzaApplication *self,
                    ConfianzaWindow      *window)
{
  g_autoptr(GSettings) settings = NULL;
  GWeakRef *window_ref;

  if (confianza_window_get_store (window) == NULL || self->demo)
    return;

  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, window);
  settings = g_settings_new (APPLICATION_ID);
  confianza_backup_run_daily_async (confianza_window_get_database_path (window),
                                    g_settings_get_boolean (settings, "backups-automatic"),
                                    g_settings_get_int (settings, "backups-days"),
                                    g_settings_get_int (settings, "backups-weeks"),
                                    NULL, on_daily_backup_done, window_ref);
}

/* What a new day brings to every open database: the notifications of what
 * falls due, and the day's backup copy */
static void
each_day_every_window (ConfianzaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CONFIANZA_IS_WINDOW (l->data))
      {
        notify_due_today (self, l->data);
        start_daily_backup (self, l->data);
      }
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
  each_day_every_window (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* The first promise with a date: reminders while closed are offered, once
 * (a toast that leads to Preferences → Recordatorios) */
static void
offer_reminders (ConfianzaApplication *self,
                 ConfianzaStore       *store,
                 GSettings            *settings)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) far = confianza_date_add_days (today, 100 * 366);
  g_autoptr(GPtrArray) dated = NULL;
  AdwToast *toast;

  if (self->demo || g_settings_get_boolean (settings, "reminders-asked") ||
      g_settings_get_boolean (settings, "reminders-background"))
    return;

  dated = confianza_store_get_open_promises_between (store, NULL, far, 1, NULL, NULL);
  if (dated == NULL || dated->len == 0)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CONFIANZA_IS_WINDOW (l->data) && confianza_window_get_store (l->data) == store)
      {
        toast = adw_toast_new (_("Confianza can remind you of the dates you promise, also while it is closed"));
        adw_toast_set_button_label (toast, _("_Set Up…"));
        adw_toast_set_action_name (toast, "app.preferences-reminders");
        adw_toast_set_timeout (toast, 10);
        confianza_window_add_toast (l->data, toast);
        g_settings_set_boolean (settings, "reminders-asked", TRUE);
        return;
      }
}

/* Once what a store holds changed: the reminders this process sent for
 * things now done (delivered, broken, called back) are withdrawn, and the
 * reminders while closed offered once a promise has a date. Once per
 * burst of changes, when the application is idle. */
typedef struct
{
  GWeakRef        app;
  ConfianzaStore *store;
} StoreChanged;

static void
store_changed_free (gpointer data)
{
  StoreChanged *changed = data;

  g_weak_ref_clear (&changed->app);
  g_object_unref (changed->store);
  g_free (changed);
}

static gboolean
store_changed_idle (gpointer user_data)
{
  StoreChanged *changed = user_data;
  g_autoptr(ConfianzaApplication) self = g_weak_ref_get (&changed->app);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();

  g_object_set_data (G_OBJECT (changed->store), "confianza-changed-idle", NULL);
  if (self == NULL)
    return G_SOURCE_REMOVE;

  settings = g_settings_new (APPLICATION_ID);
  confianza_reminders_withdraw_done (G_APPLICATION (self), changed->store,
                                     confianza_store_get_path (changed->store), today,
                                     g_settings_get_int (settings, "follow-up-days"));
  offer_reminders (self, changed->store, settings);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (ConfianzaStore       *store,
                  ConfianzaApplication *self)
{
  StoreChanged *changed;

  if (g_object_get_data (G_OBJECT (store), "confianza-changed-idle") != NULL)
    return;

  g_object_set_data (G_OBJECT (store), "confianza-changed-idle", GINT_TO_POINTER (1));
  changed = g_new0 (StoreChanged, 1);
  g_weak_ref_init (&changed->app, self);
  changed->store = g_object_ref (store);
  g_idle_add_full (G_PRIORITY_LOW, store_changed_idle, changed, store_changed_free);
}

/* After a new window's first frame */
static gboolean
window_shown_idle (gpointer user_data)
{
  ConfianzaWindow *window = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  ConfianzaStore *store = confianza_window_get_store (window);
  ConfianzaApplication *self;

  /* Closed meanwhile */
  if (app == NULL)
    return G_SOURCE_REMOVE;

  self = CONFIANZA_APPLICATION (app);

  /* In a thread: the window never waits for every history (ten thousand
   * clients take a fraction of a second). The indexes go to the live
   * client list: it is read first. */
  confianza_window_ensure_lists (window);
  if (store != NULL)
    confianza_store_update_trust_scores_async (store, NULL, on_trust_scores_ready,
                                               g_object_ref (self));
  notify_due_today (self, window);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  start_daily_backup (self, window);
  if (self->midnight_source == 0)
    schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* Whether @a and @b name the same file: the same path, or the same file
 * under another name (a symbolic or hard link, another spelling) */
static gboolean
same_database (const char *a,
               const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GStatBuf sa, sb;

  if (g_file_equal (fa, fb))
    return TRUE;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static ConfianzaWindow *
find_window (ConfianzaApplication *self,
             const char           *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CONFIANZA_IS_WINDOW (l->data) &&
        same_database (confianza_window_get_database_path (l->data), path))
      return l->data;

  return NULL;
}

/* A new window on the database at @path, open as @store (or, when NULL,
 * refused with @error) */
static ConfianzaWindow *
add_window (ConfianzaApplication *self,
            const char           *path,
            ConfianzaStore       *store,
            const GError         *error)
{
  ConfianzaWindow *window = confianza_window_new (self, path, store, error);
  g_autofree char *usual = confianza_store_default_path ();

  if (self->demo)
    gtk_window_set_title (GTK_WINDOW (window), _("Confianza (sample data)"));
  else if (!same_database (path, usual))
    {
      g_autofree char *name = g_filename_display_basename (path);

      confianza_window_set_database_name (window, name);
    }

  g_idle_add_full (G_PRIORITY_LOW, window_shown_idle, g_object_ref (window), g_object_unref);

  return window;
}

static void
confianza_application_activate (GApplication *app)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (app);

  confianza_application_open_database (self, self->database_path);
}

static void
confianza_application_open (GApplication  *app,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  ConfianzaApplication *self = CONFIANZA_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      /* Only local files are databases */
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_warning ("Confianza keeps its records in local files, not at %s", uri);
          continue;
        }

      confianza_application_open_database (self, path);
    }
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

/* Preferences, for the database of the window they are asked from, at
 * @page (or the first) */
static void
show_preferences (ConfianzaApplication *self,
                  const char           *page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *path = self->database_path;
  ConfianzaPreferencesWindow *preferences;

  if (CONFIANZA_IS_WINDOW (parent))
    path = confianza_window_get_database_path (CONFIANZA_WINDOW (parent));

  preferences = confianza_preferences_window_new (parent, path);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  show_preferences (user_data, NULL);
}

/* At Recordatorios: the toast of offer_reminders () */
static void
preferences_reminders_activated (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  show_preferences (user_data, "reminders");
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  const char *path;
  const char *page;

  g_variant_get (parameter, "(^&ay&s)", &path, &page);
  confianza_window_show_page (confianza_application_open_database (self, path), page);
}

/* The reminders' actions: (the database's path, what is reminded) */

static void
remind_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  const char *path = g_variant_get_bytestring (parameter);
  ConfianzaWindow *window = find_window (self, path);
  g_autoptr(GError) error = NULL;

  /* Handed over by `confianza --remind`, which says so itself */
  if (!send_reminders (self, window != NULL ? confianza_window_get_store (window) : NULL, path, &error))
    g_message ("Reminders of %s: %s", path, error->message);
}

/* What @key reminds of, if it is still due today */
static ConfianzaReminder *
find_due (ConfianzaStore *store,
          const char     *key)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GPtrArray) due = NULL;

  due = confianza_store_get_reminders_due (store, today, g_settings_get_int (settings, "follow-up-days"), NULL);
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      g_autofree char *each = confianza_reminder_key (g_ptr_array_index (due, i));

      if (g_strcmp0 (each, key) == 0)
        return g_ptr_array_steal_index (due, i);
    }

  return NULL;
}

/* The window of the database a reminder's action names (opened, or
 * raised); @key: what is reminded */
static ConfianzaWindow *
reminder_window (ConfianzaApplication  *self,
                 GVariant              *parameter,
                 const char           **key)
{
  const char *path;

  g_variant_get (parameter, "(^&ay&s)", &path, key);

  return confianza_application_open_database (self, path);
}

/* "Abrir": the client, at the section of what is due */
static void
reminder_open_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  const char *key;
  ConfianzaWindow *window = reminder_window (user_data, parameter, &key);
  ConfianzaStore *store = confianza_window_get_store (window);
  g_autoptr(ConfianzaReminder) reminder = NULL;
  const char *section = "conversations";

  if (store == NULL || (reminder = find_due (store, key)) == NULL)
    return;

  if (reminder->kind == CONFIANZA_REMINDER_PROMISE_TODAY || reminder->kind == CONFIANZA_REMINDER_PROMISE_OVERDUE)
    section = "promises";
  else if (reminder->kind == CONFIANZA_REMINDER_FOLLOW_UP || reminder->kind == CONFIANZA_REMINDER_MEASURE)
    section = "recovery";
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-client-section", "(xs)",
                              reminder->client_id, section);
}

/* "Marcar como entregada…": the deliver dialog of the promise */
static void
reminder_deliver_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  const char *key;
  ConfianzaWindow *window = reminder_window (user_data, parameter, &key);
  ConfianzaStore *store = confianza_window_get_store (window);
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaDeliverDialog *dialog;
  gint64 id = 0;

  if (store == NULL || !g_str_has_prefix (key, "promise:"))
    return;
  id = g_ascii_strtoll (key + strlen ("promise:"), NULL, 10);
  promise = confianza_store_get_promise (store, id, NULL);
  if (promise == NULL)
    return;

  dialog = confianza_deliver_dialog_new (GTK_WINDOW (window), store, promise);
  confianza_recovery_start_watch (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Recordármelo mañana": nothing of it until tomorrow, also after a
 * restart (the store keeps it); no window opens for it */
static void
reminder_snooze_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  const char *path;
  const char *key;
  ConfianzaWindow *window;
  g_autoptr(GError) error = NULL;

  g_variant_get (parameter, "(^&ay&s)", &path, &key);
  window = find_window (self, path);
  if (!confianza_reminder_snooze (G_APPLICATION (self), window != NULL ? confianza_window_get_store (window) : NULL,
                                  path, key, &error))
    g_message ("Remind me tomorrow: %s", error->message);
}

/* The sample data, as --demo opens it: another run of this program, with
 * its throwaway database in a window of its own, so that nothing of the
 * user's data is touched or mixed with it */
static void
open_sample_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ConfianzaApplication *self = user_data;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_file_read_link ("/proc/self/exe", &error);

  if (program != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, "--demo", NULL);

  if (process == NULL)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      g_autofree char *text = NULL;

      /* Translators: %s says why */
      text = g_strdup_printf (_("The sample data could not be opened: %s"), error->message);
      if (CONFIANZA_IS_WINDOW (window))
        confianza_window_add_toast (CONFIANZA_WINDOW (window), adw_toast_new (text));
      g_message ("%s", text);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  /* A window on the sample data, as confianza --demo */
  { "open-sample", open_sample_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "preferences-reminders", preferences_reminders_activated },
  /* (the database's path, the page) */
  { "show-page", show_page_activated, "(ays)" },
  /* the database's path */
  { "remind", remind_activated, "ay" },
  /* (the database's path, what is reminded: confianza_reminder_key ()) */
  { "reminder-open", reminder_open_activated, "(ays)" },
  { "reminder-deliver", reminder_deliver_activated, "(ays)" },
  { "reminder-snooze", reminder_snooze_activated, "(ays)" },
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
  app_class->open = confianza_application_open;
}

static void
confianza_application_init (ConfianzaApplication *self)
{
  self->database_path = confianza_store_default_path ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep your word to your clients."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Exit status: 0 when done; 1 when the database or a file "
                                                  "could not be used; 2 when an option is missing or wrong; "
                                                  "3 when --import-clients left lines of the file out (it "
                                                  "lists them, and imports the rest). --backup and --restore: "
                                                  "3 not a Confianza database, 4 damaged, 5 from a newer "
                                                  "Confianza, 6 a window has the database open, 7 the file is "
                                                  "the database itself or one of its copies."));
}

ConfianzaApplication *
confianza_application_new (void)
{
  return g_object_new (CONFIANZA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/* The window on the database at @path, raised, or a new one on it */
ConfianzaWindow *
confianza_application_open_database (ConfianzaApplication *self,
                                     const char           *path)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaWindow *window;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  window = find_window (self, path);
  if (window == NULL)
    {
      store = confianza_store_open (path, &error);
      if (store == NULL)
        g_debug ("%s", error->message);
      window = add_window (self, path, store, error);
    }

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* The main window the user was in last (a dialog may be in front of it):
 * the application lists its windows most recently active first */
static ConfianzaWindow *
active_window (ConfianzaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CONFIANZA_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

ConfianzaStore *
confianza_application_get_store (ConfianzaApplication *self)
{
  ConfianzaWindow *window;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);

  window = active_window (self);

  return window != NULL ? confianza_window_get_store (window) : NULL;
}

const GError *
confianza_application_get_store_error (ConfianzaApplication *self)
{
  ConfianzaWindow *window;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), NULL);

  window = active_window (self);

  return window != NULL ? confianza_window_get_store_error (window) : NULL;
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
 * Starts afresh on another database (the one of the main window the user
 * was in last could not be used): the old file is kept as it is. On
 * success that window is
 * replaced by one on the new database, and the choice remembered for the
 * next start.
 */
gboolean
confianza_application_use_database (ConfianzaApplication  *self,
                                    const char            *path,
                                    GError               **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  ConfianzaWindow *old;
  ConfianzaWindow *window;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  old = active_window (self);
  window = find_window (self, path);
  if (window == NULL)
    {
      store = confianza_store_open (path, error);
      if (store == NULL)
        return FALSE;
    }

  confianza_application_set_database_path (self, path);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "database-path", path);

  if (window == NULL)
    window = add_window (self, path, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (old != NULL && old != window)
    gtk_window_destroy (GTK_WINDOW (old));

  return TRUE;
}
