/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-remind"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/confianza-date.h"

#include "confianza-reminder-check.h"

/*
 * `confianza --remind`, for systemd user timers and tests: no GTK at all,
 * so it runs with no display. A plain GApplication with Confianza's name
 * sends the notifications (they need the session bus); when Confianza
 * already runs, the check is handed to it, whose notifications' actions
 * then reach a live window.
 */

gboolean
confianza_remind_requested (int    argc,
                            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--remind") == 0 || strcmp (argv[i], "--hidden") == 0)
        return TRUE;
    }

  return FALSE;
}

/* The settings, or NULL where the schema is not installed (a build tree):
 * then the defaults */
static GSettings *
settings_or_null (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  return schema != NULL ? g_settings_new (APPLICATION_ID) : NULL;
}

static char *
database_path (GSettings  *settings,
               const char *given)
{
  g_autofree char *chosen = NULL;

  if (given != NULL && given[0] != '\0')
    return g_strdup (given);

  if (settings != NULL)
    chosen = g_settings_get_string (settings, "database-path");
  if (chosen != NULL && chosen[0] != '\0')
    return g_steal_pointer (&chosen);

  return confianza_store_default_path ();
}

static int
check_here (GApplication *app,
            GSettings    *settings,
            const char   *path)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  gboolean private = settings != NULL && g_settings_get_boolean (settings, "reminders-private");
  int cadence = settings != NULL ? g_settings_get_int (settings, "follow-up-days") : 30;
  GDBusConnection *bus;
  guint n_due = 0;

  store = confianza_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (_("No reminders were sent: %s\n"), error->message);
      return 1;
    }
  if (confianza_store_get_notice (store) != NULL)
    g_printerr ("%s\n", confianza_store_get_notice (store));

  if (!confianza_reminders_send (app, store, path, today, private, cadence, sent, &n_due, &error))
    {
      g_printerr (_("No reminders were sent: %s\n"), error->message);
      return 1;
    }

  /* The notifications leave before the process does */
  bus = g_application_get_dbus_connection (app);
  if (bus != NULL && !g_dbus_connection_flush_sync (bus, NULL, &error))
    {
      g_printerr (_("The reminders could not be sent: %s\n"), error->message);
      return 1;
    }

  for (guint i = 0; i < sent->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (sent, i));
  /* Translators: the summary of `confianza --remind` */
  g_print (ngettext ("%u notification sent", "%u notifications sent", sent->len), sent->len);
  g_print ("; ");
  g_print (ngettext ("%u thing due today (each is reminded once a day).\n",
                     "%u things due today (each is reminded once a day).\n", n_due), n_due);

  return 0;
}


/* The hidden instance */

/* Activates the action @name of the window's program (Confianza's name on
 * the bus), through @interface's @method: org.gtk.Actions.Activate or
 * org.freedesktop.Application.ActivateAction, which take the same */
static void
activate_remote (GDBusConnection     *bus,
                 const char          *interface,
                 const char          *method,
                 const char          *name,
                 GVariant            *parameter,
                 GDBusCallFlags       flags,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autofree char *object_path = g_strconcat ("/", APPLICATION_ID, NULL);
  GVariant *boxed = g_variant_new_variant (parameter);

  g_strdelimit (object_path, ".", '/');
  g_dbus_connection_call (bus, APPLICATION_ID, object_path, interface, method,
                          g_variant_new ("(s@av@a{sv})", name,
                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, &boxed, 1),
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                          NULL, flags, -1, NULL, callback, user_data);
}

typedef struct
{
  GApplication    *app;
  GSettings       *settings;
  char            *path;
  guint            timer;
  gint64           due;           /* wall clock, in seconds */
  GDBusConnection *system_bus;
  guint            sleep_subscription;
} Hidden;

static void
hidden_check (Hidden *hidden)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();

  GDBusConnection *bus = g_application_get_dbus_connection (hidden->app);
  g_autoptr(GVariant) owned = NULL;
  gboolean running = FALSE;

  if (!g_file_test (hidden->path, G_FILE_TEST_EXISTS))
    return;

  /* A window of Confianza is open: it checks, so that the two never send
   * the same thing at the same moment, and its buttons reach it */
  if (bus != NULL)
    owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(b)"),
                                         G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &running);
  if (running)
    {
      activate_remote (bus, "org.gtk.Actions", "Activate", "remind",
                       g_variant_new_bytestring (hidden->path), G_DBUS_CALL_FLAGS_NO_AUTO_START, NULL, NULL);
      return;
    }

  /* Opened for the check only: the instance holds nothing between them */
  store = confianza_store_open (hidden->path, &error);
  if (store == NULL ||
      !confianza_reminders_send (hidden->app, store, hidden->path, today,
                                 g_settings_get_boolean (hidden->settings, "reminders-private"),
                                 g_settings_get_int (hidden->settings, "follow-up-days"),
                                 NULL, NULL, &error))
    g_message ("Reminders of %s: %s", hidden->path, error->message);
}

static gboolean on_timer (gpointer user_data);

/* The next check: the chosen time of day or midnight, whichever comes
 * first. Timeouts run on the monotonic clock, which stops during a
 * suspend: the wall clock is read again on waking (logind's
 * PrepareForSleep) and at least every quarter of an hour. */
static void
schedule (Hidden *hidden)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now),
                                                   g_settings_get_int (hidden->settings, "reminders-hour"),
                                                   g_settings_get_int (hidden->settings, "reminders-minute"), 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow), 0, 0, 5);
  gint64 next = g_date_time_to_unix (midnight);

  if (g_date_time_compare (at, now) > 0)
    next = MIN (next, g_date_time_to_unix (at));

  hidden->due = next;
  g_clear_handle_id (&hidden->timer, g_source_remove);
  hidden->timer = g_timeout_add_seconds ((guint) CLAMP (next - g_date_time_to_unix (now), 1, 15 * 60),
                                         on_timer, hidden);
}

static gboolean
on_timer (gpointer user_data)
{
  Hidden *hidden = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  hidden->timer = 0;
  if (g_date_time_to_unix (now) >= hidden->due)
    hidden_check (hidden);
  schedule (hidden);

  return G_SOURCE_REMOVE;
}

static gboolean
start_idle (gpointer user_data)
{
  hidden_check (user_data);

  return G_SOURCE_REMOVE;
}

static void
on_prepare_for_sleep (GDBusConnection *bus,
                      const char      *sender,
                      const char      *object_path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean going = TRUE;

  g_variant_get (parameters, "(b)", &going);
  /* Awake again: what fell due meanwhile, and the timers from the clock */
  if (!going)
    on_timer (user_data);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  Hidden *hidden = user_data;

  /* Consent withdrawn in Preferences: gone at once */
  if (!g_settings_get_boolean (settings, "reminders-background"))
    g_application_quit (hidden->app);
  else if (g_str_has_prefix (key, "reminders-hour") || g_str_has_prefix (key, "reminders-minute"))
    schedule (hidden);
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  /* Nothing to show: the window is another program's */
}

/* The window's program, started for @path when D-Bus could not start it */
static void
on_forwarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree char *path = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *option = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    return;

  g_debug ("Could not start Confianza through D-Bus: %s", error->message);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  option = g_strconcat ("--database=", path, NULL);
  {
    const char *argv[] = { exe != NULL ? exe : "confianza", option, NULL };
    g_autoptr(GError) spawn_error = NULL;

    if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &spawn_error))
      g_message ("Could not start Confianza: %s", spawn_error->message);
  }
}

/* "Abrir", "Marcar como entregada…": the window's program does them,
 * started (or found running) through D-Bus */
static void
forward_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer      user_data)
{
  Hidden *hidden = user_data;
  const char *path = NULL;

  g_variant_get (parameter, "(^&ay&s)", &path, NULL);
  activate_remote (g_application_get_dbus_connection (hidden->app), "org.freedesktop.Application",
                   "ActivateAction", g_action_get_name (G_ACTION (action)), parameter,
                   G_DBUS_CALL_FLAGS_NONE, on_forwarded, g_strdup (path));
}

/* "Recordármelo mañana", here */
static void
snooze_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Hidden *hidden = user_data;
  g_autoptr(GError) error = NULL;
  const char *path;
  const char *key;

  g_variant_get (parameter, "(^&ay&s)", &path, &key);
  if (!confianza_reminder_snooze (hidden->app, NULL, path, key, &error))
    g_message ("Remind me tomorrow: %s", error->message);
}

static int
run_hidden (GSettings  *settings,
            const char *path)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GError) error = NULL;
  Hidden hidden = { 0 };
  guint32 reply = 0;
  const GActionEntry actions[] = {
    { "reminder-open", forward_activated, "(ays)", NULL, NULL, { 0 } },
    { "reminder-deliver", forward_activated, "(ays)", NULL, NULL, { 0 } },
    { "show-page", forward_activated, "(ays)", NULL, NULL, { 0 } },
    { "reminder-snooze", snooze_activated, "(ays)", NULL, NULL, { 0 } },
  };
  int status;

  if (settings == NULL)
    {
      g_printerr (_("Confianza cannot remind while closed: its settings schema “%s” is not installed.\n"),
                  APPLICATION_ID);
      return 1;
    }
  if (!g_settings_get_boolean (settings, "reminders-background"))
    {
      g_print ("%s\n", _("Reminders while Confianza is closed are off (Preferences → Reminders)."));
      return 0;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_printerr (_("No reminders were sent: notifications need the session bus (%s).\n"), error->message);
      return 1;
    }

  /* One hidden instance per session */
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", APPLICATION_ID ".Reminders", 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (owned == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_variant_get (owned, "(u)", &reply);
  if (reply != 1)
    {
      g_print ("%s\n", _("Confianza already reminds you in this session."));
      return 0;
    }

  /* Confianza's id, for the notifications, but not its name on the bus */
  hidden.app = g_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  hidden.settings = settings;
  hidden.path = g_strdup (path);
  g_action_map_add_action_entries (G_ACTION_MAP (hidden.app), actions, G_N_ELEMENTS (actions), &hidden);
  g_signal_connect (hidden.app, "activate", G_CALLBACK (on_activate), NULL);
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), &hidden);

  hidden.system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (hidden.system_bus != NULL)
    hidden.sleep_subscription = g_dbus_connection_signal_subscribe (hidden.system_bus, "org.freedesktop.login1",
                                                                    "org.freedesktop.login1.Manager",
                                                                    "PrepareForSleep", "/org/freedesktop/login1",
                                                                    NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                                    on_prepare_for_sleep, &hidden, NULL);

  g_application_hold (hidden.app);
  schedule (&hidden);
  g_idle_add (start_idle, &hidden);
  status = g_application_run (hidden.app, 0, NULL);

  g_clear_handle_id (&hidden.timer, g_source_remove);
  if (hidden.sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (hidden.system_bus, hidden.sleep_subscription);
  g_clear_object (&hidden.system_bus);
  g_signal_handlers_disconnect_by_data (settings, &hidden);
  g_clear_object (&hidden.app);
  g_free (hidden.path);

  return status;
}

int
confianza_remind_main (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *given = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  gboolean remind = FALSE;
  gboolean hidden = FALSE;
  GOptionEntry entries[] = {
    { "remind", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &remind, NULL, NULL },
    { "hidden", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &hidden, NULL, NULL },
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &given, NULL, NULL },
    { NULL }
  };
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error) || g_strv_length (args) > 1 || (remind && hidden))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("--remind and --hidden take only --database=FILE beside them."));
      return 2;
    }

  settings = settings_or_null ();
  {
    g_autofree char *chosen = database_path (settings, given);

    /* Absolute: the notifications' actions may run in another process */
    path = g_canonicalize_filename (chosen, NULL);
  }
  shown = g_filename_display_name (path);

  if (hidden)
    return run_hidden (settings, path);

  /* Reminders never make a database: there is nothing to remind yet */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (given != NULL)
        {
          g_printerr (_("No reminders were sent: there is no database at %s.\n"), shown);
          return 1;
        }
      g_print (_("No database yet at %s: nothing to remind.\n"), shown);
      return 0;
    }

  /* Without the session bus GApplication carries on alone, and the
   * notifications would go nowhere: refused in words instead */
  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

    if (bus == NULL)
      {
        g_printerr (_("No reminders were sent: notifications need the session bus (%s).\n"),
                    error->message);
        return 1;
      }
  }

  app = g_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr (_("No reminders were sent: notifications need the session bus (%s).\n"),
                  error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);

      g_action_group_activate_action (G_ACTION_GROUP (app), "remind",
                                      g_variant_new_bytestring (path));
      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
      g_print (_("Confianza is running: it checks the reminders of %s itself.\n"), shown);
      return 0;
    }

  return check_here (app, settings, path);
}
