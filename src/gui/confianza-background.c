/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-background"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "confianza-background.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

char *
confianza_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

/* The program to start: this one, wherever it is (a build tree too) */
static char *
program_path (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL ? g_steal_pointer (&exe) : g_strdup ("confianza");
}

static gboolean
write_autostart (gboolean   enable,
                 GError   **error)
{
  g_autofree char *path = confianza_background_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *exe = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *contents = NULL;

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  exe = program_path ();
  quoted = g_shell_quote (exe);
  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=Confianza\n"
                              "Comment=%s\n"
                              "Exec=%s --hidden\n"
                              "Icon=" APPLICATION_ID "\n"
                              "NoDisplay=true\n"
                              "Terminal=false\n"
                              "X-GNOME-Autostart-enabled=true\n"
                              "X-GNOME-UsesNotifications=true\n",
                              _("Reminds you of what falls due while Confianza is closed"),
                              quoted);

  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* The portal's answer: Response (u response, a{sv} results) on the request */
typedef struct
{
  GDBusConnection *bus;
  guint            subscription;
  gboolean         enable;
} PortalRequest;

static void
portal_request_free (gpointer data)
{
  PortalRequest *request = data;

  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_clear_object (&request->bus);
  g_free (request);
}

static void
on_response (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  /* The subscription held the task's first reference */
  g_autoptr(GTask) task = user_data;
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean background = FALSE;
  gboolean autostart = FALSE;

  g_dbus_connection_signal_unsubscribe (bus, request->subscription);
  request->subscription = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_variant_lookup (results, "autostart", "b", &autostart);

  if (response != 0 || (request->enable && (!background || !autostart)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s",
                               _("The system did not allow Confianza to start hidden when you log in. "
                                 "You can allow it in Settings → Apps → Confianza."));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_requested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      PortalRequest *request = g_task_get_task_data (task);

      g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
      request->subscription = 0;
      g_task_return_error (task, error);
      /* The reference the subscription held */
      g_object_unref (task);
    }
  /* else: on_response () answers */
}

static void
request_portal (GTask      *task,
                gboolean    enable,
                const char *parent_window)
{
  PortalRequest *request = g_new0 (PortalRequest, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup_printf ("confianza%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "confianza", "--hidden", NULL };

  request->enable = enable;
  g_task_set_task_data (task, request, portal_request_free);
  request->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (request->bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The request's path is known before asking, so that no answer is missed */
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  request->subscription = g_dbus_connection_signal_subscribe (request->bus, PORTAL_NAME,
                                                              "org.freedesktop.portal.Request", "Response",
                                                              handle, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                              on_response, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Remind you of what falls due while Confianza is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (request->bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background",
                          "RequestBackground", g_variant_new ("(sa{sv})", parent_window, &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_requested, g_object_ref (task));
}

void
confianza_background_request_async (gboolean             enable,
                                    const char          *parent_window,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, confianza_background_request_async);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      request_portal (task, enable, parent_window != NULL ? parent_window : "");
      return;
    }

  if (write_autostart (enable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

gboolean
confianza_background_request_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
confianza_background_start_now (void)
{
  g_autofree char *exe = program_path ();
  g_autofree char *name = g_path_get_basename (exe);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { exe, "--hidden", NULL };

  if (g_strcmp0 (name, "confianza") != 0)
    return;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &error))
    g_message ("Could not start the reminders: %s", error->message);
}
