/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-reminders-page"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#ifdef GDK_WINDOWING_WAYLAND
#include <gdk/wayland/gdkwayland.h>
#endif

#include "confianza-background.h"
#include "confianza-reminders-page.h"

struct _ConfianzaRemindersPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;
  gboolean            asking;      /* a request is under way */
  GdkToplevel        *exported;    /* its Wayland handle, while asking */

  /* Template widgets */
  GtkSwitch          *background_switch;
  GtkWidget          *time_row;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  GtkSwitch          *private_switch;
};

G_DEFINE_FINAL_TYPE (ConfianzaRemindersPage, confianza_reminders_page, ADW_TYPE_PREFERENCES_PAGE)

static void
say (ConfianzaRemindersPage *self,
     const char             *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
on_background_requested (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ConfianzaRemindersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean wanted;

#ifdef GDK_WINDOWING_WAYLAND
  if (self->exported != NULL)
    gdk_wayland_toplevel_unexport_handle (self->exported);
#endif
  g_clear_object (&self->exported);

  if (!confianza_background_request_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->asking = FALSE;
  wanted = gtk_switch_get_active (self->background_switch);
  gtk_widget_set_sensitive (GTK_WIDGET (self->background_switch), TRUE);

  if (error != NULL)
    {
      g_message ("Reminders while closed: %s", error->message);
      say (self, error->message);
      /* As it was: nothing changed */
      self->asking = TRUE;
      gtk_switch_set_active (self->background_switch, !wanted);
      self->asking = FALSE;
      return;
    }

  g_settings_set_boolean (self->settings, "reminders-background", wanted);
  g_settings_set_boolean (self->settings, "reminders-asked", TRUE);

  /* From now on, not only from the next login; turned off, the hidden
   * instance sees the setting and ends */
  if (wanted)
    confianza_background_start_now ();
}

static void
ask_background (ConfianzaRemindersPage *self,
                const char             *parent_window)
{
  confianza_background_request_async (gtk_switch_get_active (self->background_switch), parent_window,
                                      self->cancellable, on_background_requested, g_object_ref (self));
}

#ifdef GDK_WINDOWING_WAYLAND
static void
on_handle_exported (GdkToplevel *toplevel,
                    const char  *handle,
                    gpointer     user_data)
{
  ConfianzaRemindersPage *self = user_data;
  g_autofree char *parent_window = g_strconcat ("wayland:", handle, NULL);

  ask_background (self, parent_window);
}
#endif

/* The portal's handle of the window asking ("x11:XID", "wayland:…"), so
 * its dialog shows over Preferences; "" only when there is no window */
static void
ask_background_for_window (ConfianzaRemindersPage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

#ifdef GDK_WINDOWING_X11
  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    {
      g_autofree char *parent_window = g_strdup_printf ("x11:%lx", (unsigned long) gdk_x11_surface_get_xid (surface));

      ask_background (self, parent_window);
      return;
    }
#endif
#ifdef GDK_WINDOWING_WAYLAND
  if (surface != NULL && GDK_IS_WAYLAND_TOPLEVEL (surface) &&
      gdk_wayland_toplevel_export_handle (GDK_TOPLEVEL (surface), on_handle_exported,
                                          g_object_ref (self), g_object_unref))
    {
      g_set_object (&self->exported, GDK_TOPLEVEL (surface));
      return;
    }
#endif

  ask_background (self, "");
}

static void
on_background_active (GtkSwitch              *button,
                      GParamSpec             *pspec,
                      ConfianzaRemindersPage *self)
{
  gboolean wanted = gtk_switch_get_active (button);

  if (self->asking || wanted == g_settings_get_boolean (self->settings, "reminders-background"))
    return;

  self->asking = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  ask_background_for_window (self);
}

/* "09:05", not "09:5" */
static gboolean
on_minute_output (GtkSpinButton *spin,
                  gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
confianza_reminders_page_dispose (GObject *object)
{
  ConfianzaRemindersPage *self = CONFIANZA_REMINDERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->hour_spin != NULL)
    {
      g_settings_unbind (self->hour_spin, "value");
      g_settings_unbind (self->minute_spin, "value");
      g_settings_unbind (self->private_switch, "active");
      g_settings_unbind (self->time_row, "sensitive");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_REMINDERS_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->exported);

  G_OBJECT_CLASS (confianza_reminders_page_parent_class)->dispose (object);
}

static void
confianza_reminders_page_class_init (ConfianzaRemindersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_reminders_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-reminders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRemindersPage, background_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRemindersPage, time_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRemindersPage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRemindersPage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRemindersPage, private_switch);
}

static void
confianza_reminders_page_init (ConfianzaRemindersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  gtk_switch_set_active (self->background_switch,
                         g_settings_get_boolean (self->settings, "reminders-background"));
  g_signal_connect (self->background_switch, "notify::active", G_CALLBACK (on_background_active), self);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (on_minute_output), NULL);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (on_minute_output), NULL);

  g_settings_bind (self->settings, "reminders-hour", self->hour_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-minute", self->minute_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-private", self->private_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* The time of day is the hidden instance's: it matters only with consent */
  g_settings_bind (self->settings, "reminders-background", self->time_row, "sensitive", G_SETTINGS_BIND_GET);
}

ConfianzaRemindersPage *
confianza_reminders_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_REMINDERS_PAGE, NULL);
}
