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
      if (strcmp (argv[i], "--remind") == 0)
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
  GOptionEntry entries[] = {
    { "remind", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &remind, NULL, NULL },
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &given, NULL, NULL },
    { NULL }
  };
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error) || g_strv_length (args) > 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("--remind takes only --database=FILE beside it."));
      return 2;
    }

  settings = settings_or_null ();
  {
    g_autofree char *chosen = database_path (settings, given);

    /* Absolute: the notifications' actions may run in another process */
    path = g_canonicalize_filename (chosen, NULL);
  }
  shown = g_filename_display_name (path);

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
