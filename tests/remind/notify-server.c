/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A notification server for the tests: owns org.freedesktop.Notifications
 * on the session bus and writes each notification it gets to stdout, one
 * line: "notify<TAB>id<TAB>app<TAB>summary<TAB>body<TAB>action ids|labels<TAB>
 * sender's unique name",
 * and "close<TAB>id" for each one withdrawn. It prints "ready" once it owns
 * the name, and runs until killed.
 */
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

static const char introspection[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static guint next_id = 1;

/* Tabs and newlines of a text, as spaces: one notification, one line */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\t\n", ' ');
  return line;
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      const char *app, *icon, *summary, *body;
      g_autofree const char **actions = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *s = NULL;
      g_autofree char *b = NULL;
      guint replaces;
      guint id;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", &app, &replaces, &icon,
                     &summary, &body, &actions, NULL, NULL);
      id = replaces != 0 ? replaces : next_id++;
      joined = g_strjoinv ("|", (char **) actions);
      s = one_line (summary);
      b = one_line (body);
      printf ("notify\t%u\t%s\t%s\t%s\t%s\t%s\n", id, app, s, b, joined, sender);
      fflush (stdout);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
  else if (g_strcmp0 (method_name, "CloseNotification") == 0)
    {
      guint id;

      g_variant_get (parameters, "(u)", &id);
      printf ("close\t%u\n", id);
      fflush (stdout);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "confianza", "1", "1.2"));
    }
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static void
on_bus (GDBusConnection *connection,
        const char      *name,
        gpointer         user_data)
{
  GDBusNodeInfo *info = user_data;

  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, NULL);
}

static void
on_name (GDBusConnection *connection,
         const char      *name,
         gpointer         user_data)
{
  printf ("ready\n");
  fflush (stdout);
}

static void
on_lost (GDBusConnection *connection,
         const char      *name,
         gpointer         user_data)
{
  g_printerr ("notify-server: could not own %s\n", name);
  exit (1);
}

int
main (void)
{
  GDBusNodeInfo *info = g_dbus_node_info_new_for_xml (introspection, NULL);
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);

  g_bus_own_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                  on_bus, on_name, on_lost, info, NULL);
  g_main_loop_run (loop);

  return 0;
}
