/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reminders in the interface (issue 19): Preferences → Reminders, with the
 * consent writing and removing the autostart entry outside Flatpak, and the
 * notifications' actions reaching a live window. */
#include "config.h"

#include <glib/gstdio.h>

#include "util/gui-test-util.h"

#include "gui/confianza-application.h"
#include "gui/confianza-background.h"
#include "gui/confianza-client-page.h"
#include "gui/confianza-deliver-dialog.h"
#include "gui/confianza-preferences-window.h"
#include "gui/confianza-reminders-page.h"
#include "gui/confianza-window.h"
#include "model/confianza-date.h"
#include "store/confianza-demo.h"
#include "store/confianza-store-reminders.h"
#include "util/test-util.h"

static char *config_dir;

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Waits (spinning the main loop) until @path exists, or not */
static gboolean
wait_for_file (const char *path,
               gboolean    exists)
{
  for (int i = 0; i < 200; i++)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS) == exists)
        return TRUE;
      confianza_test_spin ();
      g_usleep (10000);
    }

  return FALSE;
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *autostart = confianza_background_autostart_path ();
  g_autofree char *contents = NULL;
  ConfianzaPreferencesWindow *window;
  AdwPreferencesPage *page;

  g_assert_true (g_str_has_prefix (autostart, config_dir));
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  window = confianza_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "reminders");
  confianza_test_spin ();
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window));
  g_assert_true (CONFIANZA_IS_REMINDERS_PAGE (page));

  /* Off by default: nothing starts at login without consent */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "background_switch"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "hour_spin"))), ==, 9);

  /* Consent, outside Flatpak: an autostart entry that starts it hidden */
  gtk_switch_set_active (GTK_SWITCH (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "background_switch")), TRUE);
  g_assert_true (wait_for_file (autostart, TRUE));
  confianza_test_spin ();
  g_assert_true (g_settings_get_boolean (settings, "reminders-background"));
  g_assert_true (g_settings_get_boolean (settings, "reminders-asked"));
  g_assert_true (g_file_get_contents (autostart, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, " --hidden\n"));
  g_assert_nonnull (strstr (contents, "[Desktop Entry]\n"));

  /* The time of day and the privacy go to GSettings at once */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "hour_spin")), 8);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "minute_spin")), 30);
  gtk_switch_set_active (GTK_SWITCH (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "private_switch")), TRUE);
  confianza_test_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "reminders-hour"), ==, 8);
  g_assert_cmpint (g_settings_get_int (settings, "reminders-minute"), ==, 30);
  g_assert_true (g_settings_get_boolean (settings, "reminders-private"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "minute_spin"))), ==, "30");

  /* Turned off: the entry goes */
  gtk_switch_set_active (GTK_SWITCH (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "background_switch")), FALSE);
  g_assert_true (wait_for_file (autostart, FALSE));
  confianza_test_spin ();
  g_assert_false (g_settings_get_boolean (settings, "reminders-background"));

  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
  g_settings_reset (settings, "reminders-hour");
  g_settings_reset (settings, "reminders-minute");
  g_settings_reset (settings, "reminders-private");
  g_settings_reset (settings, "reminders-asked");
}

/* A refusal (here: the autostart folder cannot be made) leaves the switch
 * and the setting off, said in a toast */
static void
test_preferences_refused (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *autostart = confianza_background_autostart_path ();
  g_autofree char *folder = g_path_get_dirname (autostart);
  ConfianzaPreferencesWindow *window;
  AdwPreferencesPage *page;
  GtkSwitch *consent;

  util_rm_rf (folder);
  g_assert_true (g_file_set_contents (folder, "not a folder", -1, NULL));

  window = confianza_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "reminders");
  confianza_test_spin ();
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window));
  consent = GTK_SWITCH (child (page, CONFIANZA_TYPE_REMINDERS_PAGE, "background_switch"));

  gtk_switch_set_active (consent, TRUE);
  for (int i = 0; i < 50 && !gtk_widget_get_sensitive (GTK_WIDGET (consent)); i++)
    confianza_test_spin ();
  confianza_test_spin ();
  g_assert_false (gtk_switch_get_active (consent));
  g_assert_false (g_settings_get_boolean (settings, "reminders-background"));

  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
  g_unlink (folder);
}

/* The notifications' actions, as GNOME Shell activates them */
static void
test_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("confianza-reminders-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(ConfianzaApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ConfianzaReminder *promise = NULL;
  ConfianzaWindow *window = NULL;
  ConfianzaStore *store;
  GtkWidget *stack;
  g_autofree char *key = NULL;
  gboolean pending = FALSE;
  GtkWindow *dialog = NULL;
  gint64 measure_plan = 0;
  ConfianzaReminder *measure = NULL;
  g_autofree char *measure_key = NULL;

  {
    g_autoptr(ConfianzaStore) fill = confianza_store_open (path, &error);

    g_autoptr(GListModel) plans = NULL;

    g_assert_no_error (error);
    g_assert_true (confianza_demo_fill (fill, today, &error));
    /* An open plan's corrective measure due today */
    plans = confianza_store_get_recovery_plans (fill, 0);
    for (guint i = 0; i < g_list_model_get_n_items (plans) && measure_plan == 0; i++)
      {
        g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);

        if (confianza_recovery_plan_get_closed_on (plan) != NULL)
          continue;
        confianza_recovery_plan_set_corrective_measure (plan, "Revisar cada entrega");
        confianza_recovery_plan_set_corrective_due (plan, today);
        confianza_recovery_plan_set_corrective_applied_on (plan, NULL);
        g_assert_true (confianza_store_save_recovery_plan (fill, plan, &error));
        measure_plan = confianza_recovery_plan_get_id (plan);
      }
    g_assert_cmpint (measure_plan, !=, 0);
  }

  /* No notification server here: the window's own check is off */
  g_settings_set_boolean (settings, "notifications", FALSE);
  app = confianza_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".TestReminders");
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  confianza_application_set_database_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));

  /* A promise due today */
  window = confianza_application_open_database (app, path);
  confianza_test_spin ();
  store = confianza_window_get_store (window);
  due = confianza_store_get_reminders_due (store, today, 30, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len && promise == NULL; i++)
    if (((ConfianzaReminder *) g_ptr_array_index (due, i))->kind == CONFIANZA_REMINDER_PROMISE_TODAY)
      promise = g_ptr_array_index (due, i);
  g_assert_nonnull (promise);
  key = confianza_reminder_key (promise);

  /* "Abrir": the client's page, at the promises */
  g_action_group_activate_action (G_ACTION_GROUP (app), "reminder-open",
                                  g_variant_new ("(^ays)", path, key));
  confianza_test_spin ();
  stack = child (window, CONFIANZA_TYPE_WINDOW, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "client");
  g_assert_cmpint (confianza_client_get_id (confianza_client_page_get_client (CONFIANZA_CLIENT_PAGE (child (window, CONFIANZA_TYPE_WINDOW, "client_page"))))
                   , ==, promise->client_id);

  /* "Marcar como entregada…": the deliver dialog, over the window */
  g_action_group_activate_action (G_ACTION_GROUP (app), "reminder-deliver",
                                  g_variant_new ("(^ays)", path, key));
  confianza_test_spin ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CONFIANZA_IS_DELIVER_DIALOG (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
        dialog = l->data;
      }
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);

  /* "Recordármelo mañana": not again today, kept in the database */
  g_action_group_activate_action (G_ACTION_GROUP (app), "reminder-snooze",
                                  g_variant_new ("(^ays)", path, key));
  confianza_test_spin ();
  g_assert_true (confianza_store_reminder_is_pending (store, key, today, &pending, &error));
  g_assert_false (pending);

  /* A corrective measure: "Abrir" shows its plan's client; applied, it
   * is no longer due (and its notification is withdrawn) */
  for (guint i = 0; i < due->len && measure == NULL; i++)
    if (((ConfianzaReminder *) g_ptr_array_index (due, i))->kind == CONFIANZA_REMINDER_MEASURE)
      measure = g_ptr_array_index (due, i);
  g_assert_nonnull (measure);
  g_assert_cmpint (measure->subject_id, ==, measure_plan);
  measure_key = confianza_reminder_key (measure);
  g_action_group_activate_action (G_ACTION_GROUP (app), "reminder-open",
                                  g_variant_new ("(^ays)", path, measure_key));
  confianza_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "client");
  g_assert_cmpint (confianza_client_get_id (confianza_client_page_get_client (CONFIANZA_CLIENT_PAGE (child (window, CONFIANZA_TYPE_WINDOW, "client_page"))))
                   , ==, measure->client_id);
  {
    g_autoptr(ConfianzaRecoveryPlan) plan = confianza_store_get_recovery_plan (store, measure_plan, &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    confianza_recovery_plan_set_corrective_applied_on (plan, today);
    g_assert_true (confianza_store_save_recovery_plan (store, plan, &error));
    g_assert_no_error (error);
    after = confianza_store_get_reminders_due (store, today, 30, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < after->len; i++)
      {
        g_autofree char *each = confianza_reminder_key (g_ptr_array_index (after, i));

        g_assert_cmpstr (each, !=, measure_key);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
  g_settings_reset (settings, "notifications");
  g_clear_object (&app);
  util_rm_rf (dir);
}

/* The first promise (each has a date) offers the reminders while closed, once,
 * and the offer leads to Preferences → Recordatorios */
static void
test_offer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("confianza-reminders-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) later = confianza_date_add_days (today, 10);
  g_autoptr(ConfianzaApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaWindow *window;
  ConfianzaStore *store;
  GtkWindow *preferences = NULL;

  g_settings_set_boolean (settings, "notifications", FALSE);
  g_settings_reset (settings, "reminders-asked");
  app = confianza_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".TestOffer");
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  window = confianza_application_open_database (app, path);
  confianza_test_spin ();
  store = confianza_window_get_store (window);

  /* A client, with no promise yet: nothing to remind of */
  g_assert_true (confianza_store_save_client (store, client, &error));
  confianza_test_spin ();
  g_assert_false (g_settings_get_boolean (settings, "reminders-asked"));

  /* The first promise (every promise has a date): offered, once */
  promise = confianza_promise_new (confianza_client_get_id (client), "Logotipo", today, later);
  confianza_store_save_promise (store, promise, &error);
  g_assert_no_error (error);
  confianza_test_spin ();
  g_assert_true (g_settings_get_boolean (settings, "reminders-asked"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences-reminders", NULL);
  confianza_test_spin ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CONFIANZA_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_assert_nonnull (preferences);
  g_assert_true (CONFIANZA_IS_REMINDERS_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences))));

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
  g_settings_reset (settings, "notifications");
  g_settings_reset (settings, "reminders-asked");
  g_clear_object (&app);
  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GLib reads it: the autostart entry goes into a folder of ours */
  config_dir = g_dir_make_tmp ("confianza-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  confianza_test_gui_init (&argc, &argv);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_print ("1..0 # SKIP inside Flatpak the consent goes to the Background portal, not to a file\n");
      return 0;
    }

  g_test_add_func ("/reminders-gui/preferences", test_preferences);
  g_test_add_func ("/reminders-gui/preferences-refused", test_preferences_refused);
  g_test_add_func ("/reminders-gui/actions", test_actions);
  g_test_add_func ("/reminders-gui/offer", test_offer);

  status = g_test_run ();
  util_rm_rf (config_dir);
  g_free (config_dir);

  return status;
}
