/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery-words.h"
#include "model/confianza-rules.h"

#include "confianza-application.h"
#include "confianza-backups-page.h"
#include "confianza-preferences-window.h"
#include "confianza-reminders-page.h"
#include "confianza-window.h"

struct _ConfianzaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;
  GtkStringList        *currency_labels;
  GPtrArray            *currency_codes;   /* char *, parallel to the labels */

  /* Template widgets */
  AdwEntryRow          *business_name_row;
  AdwComboRow          *currency_row;
  AdwComboRow          *address_row;
  GtkSpinButton        *follow_up_spin;
  GtkSpinButton        *late_days_spin;
  GtkSwitch            *notifications_switch;
  GtkLabel             *path_label;
};

G_DEFINE_FINAL_TYPE (ConfianzaPreferencesWindow, confianza_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Spain's currency and Latin America's, the users Confianza is made for. */
static const struct
{
  const char *code;
  const char *label;
} currencies[] = {
  { "EUR", N_("Euro (EUR)") },
  { "USD", N_("US Dollar (USD)") },
  { "MXN", N_("Mexican Peso (MXN)") },
  { "ARS", N_("Argentine Peso (ARS)") },
  { "COP", N_("Colombian Peso (COP)") },
  { "CLP", N_("Chilean Peso (CLP)") },
  { "PEN", N_("Peruvian Sol (PEN)") },
  { "UYU", N_("Uruguayan Peso (UYU)") },
  { "BOB", N_("Bolivian Boliviano (BOB)") },
  { "PYG", N_("Paraguayan Guaraní (PYG)") },
  { "VES", N_("Venezuelan Bolívar (VES)") },
  { "GTQ", N_("Guatemalan Quetzal (GTQ)") },
  { "HNL", N_("Honduran Lempira (HNL)") },
  { "NIO", N_("Nicaraguan Córdoba (NIO)") },
  { "CRC", N_("Costa Rican Colón (CRC)") },
  { "PAB", N_("Panamanian Balboa (PAB)") },
  { "DOP", N_("Dominican Peso (DOP)") },
  { "CUP", N_("Cuban Peso (CUP)") },
};

static void
add_currency (ConfianzaPreferencesWindow *self,
              const char                 *code,
              const char                 *label)
{
  g_ptr_array_add (self->currency_codes, g_strdup (code));
  gtk_string_list_append (self->currency_labels, label);
}

/* Callbacks */

static gboolean
currency_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  ConfianzaPreferencesWindow *self = user_data;
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < self->currency_codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->currency_codes, i), code) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
currency_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  ConfianzaPreferencesWindow *self = user_data;
  guint i = g_value_get_uint (value);

  if (i >= self->currency_codes->len)
    return NULL;

  return g_variant_new_string (g_ptr_array_index (self->currency_codes, i));
}

static void
on_folder_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ConfianzaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      g_warning ("Could not open the data folder: %s", error->message);
      /* Translators: %s says why, in the system's words */
      message = g_strdup_printf (_("Could not open the folder: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
}

static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ConfianzaPreferencesWindow *self = CONFIANZA_PREFERENCES_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (self->database_path == NULL)
    return;

  file = g_file_new_for_path (self->database_path);
  folder = g_file_get_parent (file);
  if (folder == NULL)
    return;

  uri = g_file_get_uri (folder);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  /* GtkFileLauncher is GTK 4.10: too new for our floor. */
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_folder_opened, g_object_ref (self));
}

/* The row lists usted then tú, in ConfianzaAddress's order */
static gboolean
address_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_uint (value, confianza_address_from_string (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
address_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > CONFIANZA_ADDRESS_TU)
    return NULL;
  return g_variant_new_string (confianza_address_to_string ((ConfianzaAddress) selected));
}

static void
confianza_preferences_window_dispose (GObject *object)
{
  ConfianzaPreferencesWindow *self = CONFIANZA_PREFERENCES_WINDOW (object);

  /* A row may outlive the window (the accessibility tree holds it); its
   * binding must not outlive the currency list the mapping reads. */
  if (self->currency_row != NULL)
    {
      g_settings_unbind (self->business_name_row, "text");
      g_settings_unbind (self->currency_row, "selected");
      g_settings_unbind (self->address_row, "selected");
      g_settings_unbind (self->follow_up_spin, "value");
      g_settings_unbind (self->late_days_spin, "value");
      g_settings_unbind (self->notifications_switch, "active");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->currency_labels);

  G_OBJECT_CLASS (confianza_preferences_window_parent_class)->dispose (object);
}

static void
confianza_preferences_window_finalize (GObject *object)
{
  ConfianzaPreferencesWindow *self = CONFIANZA_PREFERENCES_WINDOW (object);

  g_free (self->database_path);
  g_ptr_array_unref (self->currency_codes);

  G_OBJECT_CLASS (confianza_preferences_window_parent_class)->finalize (object);
}

static void
confianza_preferences_window_class_init (ConfianzaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_preferences_window_dispose;
  object_class->finalize = confianza_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, business_name_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, follow_up_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, late_days_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPreferencesWindow, path_label);

  gtk_widget_class_install_action (widget_class, "preferences.open-folder", NULL, open_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_preferences_window_init (ConfianzaPreferencesWindow *self)
{
  g_autofree char *current = NULL;
  gboolean known = FALSE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  self->currency_labels = gtk_string_list_new (NULL);

  current = g_settings_get_string (self->settings, "currency");
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      add_currency (self, currencies[i].code, _(currencies[i].label));
      known |= g_strcmp0 (currencies[i].code, current) == 0;
    }

  /* A currency set elsewhere (the command line, an import) is listed as is
   * rather than silently shown as the default. */
  if (!known && confianza_rules_check_currency (current, NULL))
    add_currency (self, current, current);

  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currency_labels));

  g_settings_bind (self->settings, "business-name", self->business_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "currency", self->currency_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                currency_get_mapping, currency_set_mapping, self, NULL);
  g_settings_bind_with_mapping (self->settings, "client-address", self->address_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                address_get_mapping, address_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "follow-up-days", self->follow_up_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recovery-offer-late-days", self->late_days_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

ConfianzaPreferencesWindow *
confianza_preferences_window_new (GtkWindow  *parent,
                                  const char *database_path)
{
  ConfianzaPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CONFIANZA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->database_path = g_strdup (database_path);

  gtk_label_set_label (self->path_label, database_path != NULL ? database_path : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.open-folder", database_path != NULL);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (confianza_reminders_page_new ()));

  if (database_path != NULL)
    {
      /* The store of the window it was asked from: each window has its own */
      ConfianzaStore *store = CONFIANZA_IS_WINDOW (parent)
                              ? confianza_window_get_store (CONFIANZA_WINDOW (parent)) : NULL;

      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (confianza_backups_page_new (store, database_path)));
    }

  return self;
}
