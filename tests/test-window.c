/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first window, driven in-process through its real widgets. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "util/gui-test-util.h"

#include "gui/confianza-application.h"
#include "gui/confianza-backups-page.h"
#include "gui/confianza-client-dialog.h"
#include "gui/confianza-client-page.h"
#include "gui/confianza-ledger.h"
#include "gui/confianza-clients-page.h"
#include "gui/confianza-deliver-dialog.h"
#include "gui/confianza-date-entry.h"
#include "gui/confianza-reports-page.h"
#include "gui/confianza-plans-page.h"
#include "gui/confianza-preferences-window.h"
#include "store/confianza-backup.h"
#include "store/confianza-demo.h"
#include "gui/confianza-today-page.h"
#include "gui/confianza-window.h"
#include "export/confianza-report.h"
#include "util/test-dates.h"
#include "util/test-util.h"

typedef struct
{
  char                 *dir;
  char                 *path;
  ConfianzaApplication *app;
  ConfianzaWindow      *window;
  gboolean              daily_copies;
} Fixture;

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
start_app (Fixture    *fixture,
           const char *path)
{
  static guint n_apps;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++n_apps);

  /* No notification server under a bare D-Bus session: GIO would warn.
   * No daily copy either, but where a test asks for it. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_settings_set_boolean (settings, "notifications", FALSE);
    g_settings_set_boolean (settings, "backups-automatic", fixture->daily_copies);
  }

  /* Each test registers its own application on the session bus. */
  fixture->app = confianza_application_new ();
  g_application_set_application_id (G_APPLICATION (fixture->app), app_id);
  g_application_set_flags (G_APPLICATION (fixture->app),
                           g_application_get_flags (G_APPLICATION (fixture->app)) | G_APPLICATION_NON_UNIQUE);
  confianza_application_set_database_path (fixture->app, path);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  confianza_test_spin ();

  fixture->window = CONFIANZA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (CONFIANZA_IS_WINDOW (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("confianza-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  confianza_test_spin ();
  g_clear_object (&fixture->app);
  util_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ConfianzaClientDialog *
find_dialog (Fixture *fixture)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l; l = l->next)
    if (CONFIANZA_IS_CLIENT_DIALOG (l->data))
      return l->data;

  return NULL;
}

static void
type_into (ConfianzaClientDialog *dialog,
           const char            *entry_name,
           const char            *text)
{
  GtkWidget *entry = child (dialog, CONFIANZA_TYPE_CLIENT_DIALOG, entry_name);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  confianza_test_spin ();
}

static GtkWidget *
clients_page (Fixture *fixture)
{
  return child (fixture->window, CONFIANZA_TYPE_WINDOW, "clients_page");
}

static const char *
clients_state (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (child (clients_page (fixture), CONFIANZA_TYPE_CLIENTS_PAGE, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static const char *
window_page (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (child (fixture->window, CONFIANZA_TYPE_WINDOW, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static ConfianzaClient *
add_stored_client (Fixture    *fixture,
                   const char *name,
                   const char *company,
                   const char *email)
{
  g_autoptr(GError) error = NULL;
  ConfianzaClient *client = confianza_client_new (name);

  confianza_client_set_company (client, company);
  confianza_client_set_email (client, email);
  confianza_store_save_client (confianza_application_get_store (fixture->app), client, &error);
  g_assert_no_error (error);

  return client;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  start_app (fixture, fixture->path);

  /* Today is the start page; with nothing due it says so. */
  g_assert_cmpstr (window_page (fixture), ==, "today");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "clients");
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "clients");
  g_assert_cmpstr (clients_state (fixture), ==, "empty");
  g_assert_true (gtk_widget_get_visible (child (fixture->window, CONFIANZA_TYPE_WINDOW, "add_button")));
}

static void
on_sample_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* A first start: with no client, Today welcomes the user rather than say
 * that nothing is due, and its buttons lead in: add a client, import a
 * spreadsheet, try the sample data. Once there is a client, the welcome
 * is gone, also when nothing is due. */
static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  ConfianzaTodayPage *today;
  GtkWidget *add, *import, *sample;
  g_autoptr(GSimpleAction) fake = g_simple_action_new ("open-sample", NULL);
  g_autoptr(ConfianzaClient) client = NULL;
  guint samples = 0;

  start_app (fixture, fixture->path);
  today = CONFIANZA_TODAY_PAGE (child (fixture->window, CONFIANZA_TYPE_WINDOW, "today_page"));
  confianza_today_page_refresh (today);
  g_assert_cmpstr (window_page (fixture), ==, "today");
  g_assert_cmpstr (confianza_today_page_get_state (today), ==, "welcome");

  add = child (today, CONFIANZA_TYPE_TODAY_PAGE, "welcome_add_button");
  import = child (today, CONFIANZA_TYPE_TODAY_PAGE, "welcome_import_button");
  sample = child (today, CONFIANZA_TYPE_TODAY_PAGE, "welcome_sample_button");
  g_assert_true (gtk_widget_is_drawable (add));
  g_assert_true (gtk_widget_is_sensitive (add) && gtk_widget_is_sensitive (import) &&
                 gtk_widget_is_sensitive (sample));
  /* Importing opens a file chooser: the button is bound to the action
   * the main menu's "Import Clients…" uses */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (import)), ==, "win.import-clients");

  /* The sample data would start another Confianza: counted instead */
  g_action_map_remove_action (G_ACTION_MAP (fixture->app), "open-sample");
  g_signal_connect (fake, "activate", G_CALLBACK (on_sample_activated), &samples);
  g_action_map_add_action (G_ACTION_MAP (fixture->app), G_ACTION (fake));
  g_signal_emit_by_name (sample, "clicked");
  confianza_test_spin ();
  g_assert_cmpuint (samples, ==, 1);

  /* Adding a client opens its dialog */
  g_assert_null (find_dialog (fixture));
  g_signal_emit_by_name (add, "clicked");
  confianza_test_spin ();
  g_assert_nonnull (find_dialog (fixture));
  gtk_window_destroy (GTK_WINDOW (find_dialog (fixture)));
  confianza_test_spin ();

  /* A client, and nothing due: no welcome any more, but "nothing due" */
  client = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es");
  confianza_today_page_refresh (today);
  g_assert_cmpstr (confianza_today_page_get_state (today), !=, "welcome");
}

static void
test_add_client (Fixture       *fixture,
                 gconstpointer  data)
{
  ConfianzaClientDialog *dialog;
  GtkWidget *save, *name_error, *email_error;
  GListModel *clients;
  g_autoptr(ConfianzaClient) client = NULL;

  start_app (fixture, fixture->path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-client", NULL));
  confianza_test_spin ();
  dialog = find_dialog (fixture);
  g_assert_nonnull (dialog);

  save = child (dialog, CONFIANZA_TYPE_CLIENT_DIALOG, "save_button");
  name_error = child (dialog, CONFIANZA_TYPE_CLIENT_DIALOG, "name_error");
  email_error = child (dialog, CONFIANZA_TYPE_CLIENT_DIALOG, "email_error");

  /* An empty form cannot be saved, and does not scold before it is touched. */
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (name_error));

  /* A name typed and erased: the error appears beside the field. */
  type_into (dialog, "name_entry", "x");
  type_into (dialog, "name_entry", "   ");
  g_assert_true (gtk_widget_get_visible (name_error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name_error)), !=, "");
  g_assert_false (gtk_widget_get_sensitive (save));

  type_into (dialog, "name_entry", "Panadería Ruiz");
  g_assert_false (gtk_widget_get_visible (name_error));
  g_assert_true (gtk_widget_get_sensitive (save));

  /* A wrong email blocks saving, with its reason beside the field. */
  type_into (dialog, "email_entry", "ruiz@");
  g_assert_true (gtk_widget_get_visible (email_error));
  g_assert_false (gtk_widget_get_sensitive (save));

  /* Nothing is written before Save. */
  clients = confianza_store_get_clients (confianza_application_get_store (fixture->app));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);

  type_into (dialog, "email_entry", "hola@panaderiaruiz.es");
  type_into (dialog, "company_entry", "Panadería Ruiz S.L.");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  confianza_test_spin ();

  g_assert_null (find_dialog (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  client = g_list_model_get_item (clients, 0);
  g_assert_cmpstr (confianza_client_get_name (client), ==, "Panadería Ruiz");
  g_assert_cmpstr (confianza_client_get_email (client), ==, "hola@panaderiaruiz.es");
  g_assert_cmpint (confianza_client_get_id (client), >, 0);

  g_assert_cmpstr (clients_state (fixture), ==, "list");
  g_object_unref (clients);

  /* It was really written: a fresh store on the same file sees it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ConfianzaStore) other = NULL;
    ConfianzaStoreCounts counts = { 0 };

    gtk_window_destroy (GTK_WINDOW (fixture->window));
    fixture->window = NULL;
    confianza_test_spin ();
    g_clear_object (&fixture->app);

    other = confianza_store_open (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_true (confianza_store_count (other, &counts, &error));
    g_assert_cmpuint (counts.clients, ==, 1);
  }
}

static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  ConfianzaClientDialog *dialog;
  GListModel *clients;

  start_app (fixture, fixture->path);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-client", NULL);
  confianza_test_spin ();
  dialog = find_dialog (fixture);
  g_assert_nonnull (dialog);
  type_into (dialog, "name_entry", "Estudio Nube");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  confianza_test_spin ();
  g_assert_null (find_dialog (fixture));

  clients = confianza_store_get_clients (confianza_application_get_store (fixture->app));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
  g_object_unref (clients);
}

static void
test_unusable_database (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *error_page;

  /* A folder where the database should be: the window explains, in words. */
  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  start_app (fixture, fixture->path);

  g_assert_cmpstr (window_page (fixture), ==, "error");
  error_page = child (fixture->window, CONFIANZA_TYPE_WINDOW, "error_page");
  g_assert_true (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)),
                         confianza_application_get_store_error (fixture->app)->message) != NULL);
  g_assert_false (gtk_widget_get_visible (child (fixture->window, CONFIANZA_TYPE_WINDOW, "add_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture->window, CONFIANZA_TYPE_WINDOW, "sidebar_list")));

  /* No page can be reached around the error. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "clients");
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "error");
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));

  /* Starting afresh elsewhere: a new window on the new file, the old one
   * kept, and the choice remembered for the next start. */
  {
    g_autofree char *other = g_build_filename (fixture->dir, "nueva.db", NULL);
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autofree char *remembered = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (confianza_application_use_database (fixture->app, other, &error));
    g_assert_no_error (error);
    confianza_test_spin ();
    fixture->window = CONFIANZA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
    g_assert_cmpstr (window_page (fixture), !=, "error");
    g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
    remembered = g_settings_get_string (settings, "database-path");
    g_assert_cmpstr (remembered, ==, other);
    g_settings_reset (settings, "database-path");

    /* A place that cannot hold a database is refused in words. */
    g_assert_false (confianza_application_use_database (fixture->app, fixture->path, &error));
    g_assert_nonnull (error);
  }
}

static gboolean
holds_focus (Fixture   *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(ConfianzaClient) b = NULL;
  g_autoptr(ConfianzaClient) c = NULL;
  GListModel *shown;
  GtkWidget *entry;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es");
  b = add_stored_client (fixture, "Lucía Ferrer", "Bodegas Valdeflores", "lucia@valdeflores.es");
  c = add_stored_client (fixture, "José Peña", "Taller Peña", "jose@tallerpena.es");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "clients");

  shown = confianza_clients_page_get_shown (CONFIANZA_CLIENTS_PAGE (clients_page (fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  /* The cursor goes to the search entry once its bar has slid in (the
   * slide is timed by the frame clock, slow under the sanitizers: wait up
   * to ten seconds for it). The focus is on the entry's text inside it, and
   * the window's own record is what counts: the focus-child chain is only
   * kept while the window is active, which nothing promises under Xvfb. */
  entry = child (clients_page (fixture), CONFIANZA_TYPE_CLIENTS_PAGE, "search_entry");
  for (int i = 0; i < 1000 && !holds_focus (fixture, entry); i++)
    {
      g_usleep (10 * 1000);
      confianza_test_spin ();
    }
  g_assert_true (holds_focus (fixture, entry));
  /* GtkSearchEntry waits a moment before searching: not in a test */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);

  /* By company, by email, and without accents */
  gtk_editable_set_text (GTK_EDITABLE (entry), "bodegas");
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "carmen@");
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "pena");
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(ConfianzaClient) found = g_list_model_get_item (shown, 0);
    g_assert_cmpstr (confianza_client_get_name (found), ==, "José Peña");
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "zzz");
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpstr (clients_state (fixture), ==, "no-results");
}

static void
test_sorting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = confianza_client_new ("Ana");
  g_autoptr(ConfianzaClient) b = confianza_client_new ("Beatriz");
  g_autoptr(GDateTime) early = confianza_date_new (2026, 1, 10);
  g_autoptr(GDateTime) late = confianza_date_new (2026, 3, 10);

  g_assert_cmpint (confianza_clients_page_compare (a, b, CONFIANZA_CLIENT_SORT_NAME), <, 0);

  /* Lowest trust first: those need looking after. */
  confianza_client_set_trust_score (a, 80);
  confianza_client_set_trust_score (b, 30);
  g_assert_cmpint (confianza_clients_page_compare (a, b, CONFIANZA_CLIENT_SORT_TRUST), >, 0);

  /* Soonest due first; no promise pending goes last. */
  confianza_client_set_next_due (b, late, "Web");
  g_assert_cmpint (confianza_clients_page_compare (a, b, CONFIANZA_CLIENT_SORT_NEXT_DUE), >, 0);
  confianza_client_set_next_due (a, early, "Logo");
  g_assert_cmpint (confianza_clients_page_compare (a, b, CONFIANZA_CLIENT_SORT_NEXT_DUE), <, 0);

  /* Longest without contact first. */
  confianza_client_set_last_contact (a, late);
  confianza_client_set_last_contact (b, early);
  g_assert_cmpint (confianza_clients_page_compare (a, b, CONFIANZA_CLIENT_SORT_LAST_CONTACT), >, 0);
}

static GPtrArray *
main_windows (Fixture *fixture)
{
  GPtrArray *windows = g_ptr_array_new ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l; l = l->next)
    if (CONFIANZA_IS_WINDOW (l->data))
      g_ptr_array_add (windows, l->data);

  return windows;
}

static guint
count_clients_in (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = confianza_store_open (path, &error);
  ConfianzaStoreCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_true (confianza_store_count (store, &counts, &error));
  g_assert_no_error (error);

  return counts.clients;
}

/* A second launch with another database reaches the running instance as
 * GApplication's "open": a window of its own on that database, where what
 * is typed is saved; the same file again (under any name) only raises it. */
static void
test_second_database (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "otra.db", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "enlace.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (other);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) first_file = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  ConfianzaWindow *second = NULL;
  ConfianzaClientDialog *dialog;
  GtkWidget *title;

  start_app (fixture, fixture->path);
  first_file = g_file_new_for_path (fixture->path);

  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
  confianza_test_spin ();
  windows = main_windows (fixture);
  g_assert_cmpuint (windows->len, ==, 2);
  for (guint i = 0; i < windows->len; i++)
    if (windows->pdata[i] != fixture->window)
      second = windows->pdata[i];
  g_assert_nonnull (second);
  g_assert_cmpstr (confianza_window_get_database_path (second), ==, other);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (second)));

  /* Told apart by the file's name; the usual database's window is not */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (second)), "otra.db"));
  title = child (second, CONFIANZA_TYPE_WINDOW, "sidebar_title");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "otra.db");

  /* A client added in that window goes into that file, and only there */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.add-client", NULL));
  confianza_test_spin ();
  dialog = find_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (second));
  type_into (dialog, "name_entry", "Estudio Nube");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  confianza_test_spin ();
  g_assert_cmpuint (count_clients_in (other), ==, 1);
  g_assert_cmpuint (count_clients_in (fixture->path), ==, 0);

  /* The same databases again, one through a symbolic link, and a launch
   * without --database: no new window */
  g_assert_cmpint (symlink (other, link), ==, 0);
  g_application_open (G_APPLICATION (fixture->app), &link_file, 1, "");
  g_application_open (G_APPLICATION (fixture->app), &first_file, 1, "");
  g_application_activate (G_APPLICATION (fixture->app));
  confianza_test_spin ();
  g_ptr_array_unref (windows);
  windows = main_windows (fixture);
  g_assert_cmpuint (windows->len, ==, 2);

  /* A notification's action shows a page in the window of its database */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "show-page",
                                  g_variant_new ("(^ays)", other, "clients"));
  confianza_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (second, CONFIANZA_TYPE_WINDOW, "stack"))),
                   ==, "clients");
  g_assert_cmpstr (window_page (fixture), ==, "today");

  gtk_window_destroy (GTK_WINDOW (second));
  confianza_test_spin ();
}

static ConfianzaPromise *
add_stored_promise (Fixture         *fixture,
                    ConfianzaClient *client,
                    const char      *title,
                    int              due_in_days)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) promised = confianza_date_add_days (today, -30);
  g_autoptr(GDateTime) due = confianza_date_add_days (today, due_in_days);
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise = confianza_promise_new (confianza_client_get_id (client), title, promised, due);

  confianza_store_save_promise (confianza_application_get_store (fixture->app), promise, &error);
  g_assert_no_error (error);

  return promise;
}

/* Rows of @table in the file, through a connection of its own: what a
 * crash at this moment would leave */
static int
rows_on_disk (Fixture    *fixture,
              const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) other = confianza_store_open (fixture->path, &error);
  ConfianzaStoreCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_true (confianza_store_count (other, &counts, &error));
  g_assert_no_error (error);

  if (g_str_equal (table, "client"))
    return (int) counts.clients;
  g_assert_cmpstr (table, ==, "promise");
  return (int) counts.promises;
}

/* A toast is dismissed only once it is fully shown, as a person can:
 * libadwaita 1.2 frees a toast twice when it is dismissed before its first
 * frame and its showing animation has run meanwhile (a crash seen on busy
 * machines and under valgrind). */
static void
wait_until_toast_shown (void)
{
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10 * 1000);
      confianza_test_spin ();
    }
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(ConfianzaClient) b = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaClientsPage *page;
  GListModel *shown;
  AdwToast *toast;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "");
  b = add_stored_client (fixture, "Rosa Delgado", "Floristería Jazmín", "");
  promise = add_stored_promise (fixture, a, "Logotipo", 5);
  page = CONFIANZA_CLIENTS_PAGE (clients_page (fixture));
  shown = confianza_clients_page_get_shown (page);
  confianza_window_ensure_lists (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* Erased from the file at once, with the client's promise, while the
   * toast still offers Undo: a crash now keeps it erased. */
  toast = confianza_clients_page_delete_client (page, a);
  g_assert_nonnull (toast);
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpint (rows_on_disk (fixture, "client"), ==, 1);
  g_assert_cmpint (rows_on_disk (fixture, "promise"), ==, 0);

  /* Undo brings back the client and their promise, with the same ids. */
  wait_until_toast_shown ();
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  confianza_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpint (rows_on_disk (fixture, "client"), ==, 2);
  {
    ConfianzaStore *store = confianza_window_get_store (fixture->window);
    g_autoptr(GError) error = NULL;
    g_autoptr(ConfianzaClient) back = confianza_store_get_client (store, confianza_client_get_id (a), &error);
    g_autoptr(ConfianzaPromise) kept = confianza_store_get_promise (store, confianza_promise_get_id (promise), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (confianza_client_get_name (back), ==, "Carmen Ruiz");
    g_assert_cmpint (confianza_promise_get_client_id (kept), ==, confianza_client_get_id (a));
  }

  /* Without Undo it simply stays erased when the toast goes. */
  toast = confianza_clients_page_delete_client (page, b);
  g_assert_nonnull (toast);
  g_assert_cmpint (rows_on_disk (fixture, "client"), ==, 1);
  wait_until_toast_shown ();
  adw_toast_dismiss (toast);
  confianza_test_spin ();
  g_assert_cmpint (rows_on_disk (fixture, "client"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* A promise deleted from the client's page is erased at once too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-client", "x",
                                             confianza_client_get_id (a)));
  confianza_test_spin ();
  g_assert_true (gtk_widget_activate_action (child (fixture->window, CONFIANZA_TYPE_WINDOW, "client_page"),
                                             "client.delete-promise", "x",
                                             confianza_promise_get_id (promise)));
  g_assert_cmpint (rows_on_disk (fixture, "promise"), ==, 0);
}

static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(ConfianzaPromise) p1 = NULL;
  g_autoptr(ConfianzaPromise) p2 = NULL;
  g_autoptr(ConfianzaPromise) p3 = NULL;
  g_autoptr(ConfianzaPromise) p4 = NULL;
  ConfianzaTodayPage *today;
  GtkWidget *page;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "");
  p1 = add_stored_promise (fixture, a, "Logotipo", -3);
  p2 = add_stored_promise (fixture, a, "Carta", 0);
  p3 = add_stored_promise (fixture, a, "Fotos", 4);
  p4 = add_stored_promise (fixture, a, "Web", 20);

  page = child (fixture->window, CONFIANZA_TYPE_WINDOW, "today_page");
  today = CONFIANZA_TODAY_PAGE (page);
  confianza_today_page_refresh (today);
  g_assert_cmpuint (confianza_today_page_count (today, "overdue"), ==, 1);
  g_assert_cmpuint (confianza_today_page_count (today, "today"), ==, 1);
  g_assert_cmpuint (confianza_today_page_count (today, "week"), ==, 1);

  /* Delivered, it leaves Today by itself. */
  {
    g_autoptr(ConfianzaPromise) delivered = confianza_promise_copy (p1);
    g_autoptr(GDateTime) now = confianza_date_today ();
    g_autoptr(GError) error = NULL;

    confianza_promise_set_delivered_on (delivered, now);
    confianza_store_save_promise (confianza_application_get_store (fixture->app), delivered, &error);
    g_assert_no_error (error);
    confianza_test_spin ();
    g_assert_cmpuint (confianza_today_page_count (today, "overdue"), ==, 0);
  }

  /* A plan in progress with two follow-ups: the one done is not listed, the
   * overdue one is until it is ticked off. */
  {
    ConfianzaStore *store = confianza_application_get_store (fixture->app);
    g_autoptr(GDateTime) now = confianza_date_today ();
    g_autoptr(GDateTime) before = confianza_date_add_days (now, -2);
    g_autoptr(ConfianzaIncident) incident = confianza_incident_new (confianza_client_get_id (a), before, "Retraso");
    g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
    g_autoptr(ConfianzaFollowUp) done = NULL;
    g_autoptr(ConfianzaFollowUp) late = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (confianza_store_save_incident (store, incident, &error));
    g_assert_no_error (error);
    plan = confianza_recovery_plan_new (confianza_client_get_id (a), confianza_incident_get_id (incident), before);
    g_assert_true (confianza_store_save_recovery_plan (store, plan, &error));
    g_assert_no_error (error);
    done = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), confianza_client_get_id (a), before);
    confianza_follow_up_set_done_on (done, before);
    late = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), confianza_client_get_id (a), before);
    g_assert_true (confianza_store_save_follow_up (store, done, &error));
    g_assert_true (confianza_store_save_follow_up (store, late, &error));
    g_assert_no_error (error);
    confianza_test_spin ();
    g_assert_cmpuint (confianza_today_page_count (today, "follow-ups"), ==, 1);

    confianza_follow_up_set_done_on (late, now);
    confianza_follow_up_set_note (late, "Todo bien");
    g_assert_true (confianza_store_save_follow_up (store, late, &error));
    g_assert_no_error (error);
    confianza_test_spin ();
    g_assert_cmpuint (confianza_today_page_count (today, "follow-ups"), ==, 0);
  }
}

/* A new window reads the client list after its first frame; a page that
 * needs the list before then gets it at once. */
static void
test_lists_on_demand (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  ConfianzaWindow *window;
  GtkStack *stack;
  GtkWidget *name;
  GListModel *shown;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es");

  /* No main-loop iteration between these: the idle has not run */
  window = confianza_window_new (fixture->app, fixture->path,
                                 confianza_window_get_store (fixture->window), NULL);
  stack = GTK_STACK (child (window, CONFIANZA_TYPE_WINDOW, "stack"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-client", "x",
                                             confianza_client_get_id (a)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "client");
  name = child (child (window, CONFIANZA_TYPE_WINDOW, "client_page"), CONFIANZA_TYPE_CLIENT_PAGE, "name_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "Carmen Ruiz");

  confianza_window_show_page (window, "clients");
  shown = confianza_clients_page_get_shown (CONFIANZA_CLIENTS_PAGE (child (window, CONFIANZA_TYPE_WINDOW, "clients_page")));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
}

static void
test_client_page (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaClientPage *page;
  GtkWidget *list;
  GtkWidget *name;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es");
  promise = add_stored_promise (fixture, a, "Logotipo", 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-client", "x",
                                             confianza_client_get_id (a)));
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "client");

  page = CONFIANZA_CLIENT_PAGE (child (fixture->window, CONFIANZA_TYPE_WINDOW, "client_page"));
  name = child (page, CONFIANZA_TYPE_CLIENT_PAGE, "name_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name)), ==, "Carmen Ruiz");
  list = child (page, CONFIANZA_TYPE_CLIENT_PAGE, "ledger");
  g_assert_cmpuint (g_list_model_get_n_items (confianza_ledger_get_shown (CONFIANZA_LEDGER (list))), ==, 1);

  /* Mark it delivered through its row's action: the deliver dialog opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.deliver-promise", "x",
                                             confianza_promise_get_id (promise)));
  confianza_test_spin ();
  {
    GtkWidget *dialog = NULL;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l; l = l->next)
      if (CONFIANZA_IS_DELIVER_DIALOG (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
    confianza_test_spin ();
  }

  /* Delivered today, five days early: overdelivered, and the client was in touch today. */
  {
    g_autoptr(ConfianzaStore) store = g_object_ref (confianza_application_get_store (fixture->app));
    g_autoptr(ConfianzaPromise) stored = confianza_store_get_promise (store, confianza_promise_get_id (promise), NULL);
    g_autoptr(GDateTime) today = confianza_date_today ();

    g_assert_nonnull (stored);
    g_assert_cmpint (confianza_promise_get_outcome (stored, today), ==, CONFIANZA_OUTCOME_OVERDELIVERED);
    g_assert_true (confianza_date_equal (confianza_client_get_last_contact (a), today));
  }

  /* Back goes to where the client was opened from. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), !=, "client");
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!confianza_export_report_finish (result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "ok");
}

static void
test_reports_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(GDateTime) early = confianza_date_new (2026, 1, 1);
  g_autoptr(GDateTime) late = confianza_date_new (2026, 6, 30);
  GtkWidget *page, *from, *to, *period_error, *client_button, *portfolio_button;
  g_autofree char *output = NULL;
  g_autofree char *nowhere = NULL;
  GError *error = NULL;

  start_app (fixture, fixture->path);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "reports");
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "reports");

  page = child (fixture->window, CONFIANZA_TYPE_WINDOW, "reports_page");
  from = child (page, CONFIANZA_TYPE_REPORTS_PAGE, "from_entry");
  to = child (page, CONFIANZA_TYPE_REPORTS_PAGE, "to_entry");
  period_error = child (page, CONFIANZA_TYPE_REPORTS_PAGE, "period_error");
  client_button = child (page, CONFIANZA_TYPE_REPORTS_PAGE, "client_button");
  portfolio_button = child (page, CONFIANZA_TYPE_REPORTS_PAGE, "portfolio_button");
  g_assert_true (gtk_widget_get_sensitive (client_button));
  g_assert_true (gtk_widget_get_sensitive (portfolio_button));

  /* A period that ends before it starts is said in words, and blocks export. */
  confianza_date_entry_set_date (CONFIANZA_DATE_ENTRY (from), late);
  confianza_date_entry_set_date (CONFIANZA_DATE_ENTRY (to), early);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (period_error));
  g_assert_false (gtk_widget_get_sensitive (client_button));
  g_assert_false (gtk_widget_get_sensitive (portfolio_button));

  /* A date that does not exist, too. */
  confianza_date_entry_set_date (CONFIANZA_DATE_ENTRY (to), NULL);
  gtk_editable_set_text (confianza_date_entry_get_editable (CONFIANZA_DATE_ENTRY (from)), "31/02/2026");
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (period_error));
  g_assert_false (gtk_widget_get_sensitive (portfolio_button));

  confianza_date_entry_set_date (CONFIANZA_DATE_ENTRY (from), early);
  confianza_test_spin ();
  g_assert_false (gtk_widget_get_visible (period_error));
  g_assert_true (gtk_widget_get_sensitive (portfolio_button));

  /* The export runs in a thread and ends with the file in place... */
  output = g_build_filename (fixture->dir, "informe.xlsx", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (output);

    confianza_export_report_async (page, confianza_application_get_store (fixture->app),
                                   confianza_client_get_id (a), early, NULL, file, NULL,
                                   on_exported, &error);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
    g_clear_error (&error);
    g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  }

  /* ...or with the reason, and nothing written. */
  nowhere = g_build_filename (fixture->dir, "missing", "informe.xlsx", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (nowhere);

    confianza_export_report_async (page, confianza_application_get_store (fixture->app),
                                   0, NULL, NULL, file, NULL, on_exported, &error);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NONE));
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }

  /* The database itself, chosen in the Save dialog with "Replace" while the
   * window has it open: refused in words, and every record is still there */
  {
    g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
    ConfianzaStore *store = confianza_application_get_store (fixture->app);
    g_autoptr(ConfianzaClient) found = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_length = 0;
    gsize after_length = 0;

    g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));
    confianza_export_report_async (page, store, 0, NULL, NULL, file, NULL, on_exported, &error);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED);
    g_test_message ("%s", error->message);
    g_clear_error (&error);

    g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
    g_assert_true (before_length == after_length && memcmp (before, after, after_length) == 0);
    found = confianza_store_get_client (store, confianza_client_get_id (a), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (confianza_client_get_name (found), ==, "Carmen Ruiz");
  }
}

static void
test_plans_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = NULL;
  GtkWidget *page;

  /* The sample data has a plan in progress. */
  store = confianza_store_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) today = confianza_date_today ();
    g_assert_true (confianza_demo_fill (store, today, &error));
  }
  g_clear_object (&store);

  start_app (fixture, fixture->path);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "plans");
  confianza_test_spin ();
  page = child (fixture->window, CONFIANZA_TYPE_WINDOW, "plans_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, CONFIANZA_TYPE_PLANS_PAGE, "stack"))),
                   ==, "list");
  g_assert_true (gtk_widget_get_visible (child (page, CONFIANZA_TYPE_PLANS_PAGE, "in_progress_group")));
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (page, CONFIANZA_TYPE_PLANS_PAGE, "in_progress_list")), 0));
}

/* Whether a label showing @text (in part) is in @widget's tree: a toast */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL &&
      gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;

  return FALSE;
}

/* A new database made where an earlier one left its log: the window says
 * the stale files were set aside */
static void
test_stale_files_notice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  ConfianzaStore *store;

  g_assert_true (g_file_set_contents (wal, "left by a killed session", -1, NULL));
  start_app (fixture, fixture->path);

  store = confianza_application_get_store (fixture->app);
  g_assert_nonnull (store);
  g_assert_nonnull (confianza_store_get_notice (store));
  g_assert_true (shows_text (GTK_WIDGET (fixture->window), "test.db-wal.stale-"));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
on_reloaded (ConfianzaStore *store,
             gboolean       *reloaded)
{
  *reloaded = TRUE;
}

/* Preferences → Backups: a copy is restored after showing what it holds,
 * and the window shows the restored records */
static void
test_backups_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "otra.db", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copia.db", NULL);
  g_autofree char *clients_text = g_strdup_printf (ngettext ("%u client", "%u clients", 2), 2);
  g_autoptr(ConfianzaClient) a = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaPreferencesWindow *prefs;
  ConfianzaStore *store;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *page;
  GListModel *shown;
  gboolean reloaded = FALSE;
  gboolean kept = FALSE;

  {
    g_autoptr(ConfianzaStore) source = confianza_store_open (other, &error);
    g_autoptr(ConfianzaClient) x = confianza_client_new ("Xavi Soler");
    g_autoptr(ConfianzaClient) y = confianza_client_new ("Yolanda Vidal");

    g_assert_true (confianza_store_save_client (source, x, &error));
    g_assert_true (confianza_store_save_client (source, y, &error));
  }
  g_assert_true (confianza_backup_write (other, copy, &error));
  g_assert_no_error (error);

  start_app (fixture, fixture->path);
  store = confianza_application_get_store (fixture->app);
  g_signal_connect (store, "reloaded", G_CALLBACK (on_reloaded), &reloaded);
  a = add_stored_client (fixture, "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-client", "x",
                                             confianza_client_get_id (a)));
  confianza_test_spin ();
  g_assert_cmpstr (window_page (fixture), ==, "client");

  prefs = confianza_preferences_window_new (GTK_WINDOW (fixture->window), fixture->path);
  gtk_window_present (GTK_WINDOW (prefs));
  confianza_test_spin ();
  page = find_widget (GTK_WIDGET (prefs), CONFIANZA_TYPE_BACKUPS_PAGE);
  g_assert_nonnull (page);

  /* What the copy holds is shown first; nothing is replaced yet */
  confianza_backups_page_restore (CONFIANZA_BACKUPS_PAGE (page), copy);
  for (guint i = 0; i < 500 && (dialog = find_message_dialog ()) == NULL; i++)
    {
      g_usleep (10000);
      confianza_test_spin ();
    }
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), clients_text));
  g_assert_false (reloaded);

  adw_message_dialog_response (dialog, "restore");
  for (guint i = 0; i < 1000 && !reloaded; i++)
    {
      g_usleep (10000);
      confianza_test_spin ();
    }
  g_assert_true (reloaded);

  /* The window let the erased client's page go and lists the restored ones */
  g_assert_cmpstr (window_page (fixture), !=, "client");
  confianza_window_show_page (fixture->window, "clients");
  confianza_test_spin ();
  shown = confianza_clients_page_get_shown (CONFIANZA_CLIENTS_PAGE (clients_page (fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* What it held before is among the copies */
  copies = confianza_backup_list (fixture->path, &error);
  for (guint i = 0; i < copies->len; i++)
    kept |= ((ConfianzaBackupCopy *) g_ptr_array_index (copies, i))->kind == CONFIANZA_BACKUP_BEFORE_RESTORE;
  g_assert_true (kept);

  gtk_window_destroy (GTK_WINDOW (prefs));
  confianza_test_spin ();
}

/* Once the window is on screen, the copy of the day is made in a thread */
static void
test_daily_copy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  fixture->daily_copies = TRUE;
  start_app (fixture, fixture->path);

  for (guint i = 0; i < 1000; i++)
    {
      g_clear_pointer (&copies, g_ptr_array_unref);
      copies = confianza_backup_list (fixture->path, &error);
      g_assert_no_error (error);
      if (copies->len > 0)
        break;
      g_usleep (10000);
      confianza_test_spin ();
    }
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpint (((ConfianzaBackupCopy *) g_ptr_array_index (copies, 0))->kind, ==, CONFIANZA_BACKUP_DAILY);
  folder = confianza_backup_get_folder (fixture->path);
  g_assert_true (g_str_has_prefix (((ConfianzaBackupCopy *) g_ptr_array_index (copies, 0))->path, folder));
}

int
main (int   argc,
      char *argv[])
{
  confianza_test_gui_init (&argc, &argv);

  g_test_add ("/window/empty-state", Fixture, NULL, fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/window/welcome", Fixture, NULL, fixture_set_up, test_welcome, fixture_tear_down);
  g_test_add ("/window/add-client", Fixture, NULL, fixture_set_up, test_add_client, fixture_tear_down);
  g_test_add ("/window/escape-cancels", Fixture, NULL, fixture_set_up, test_escape_cancels, fixture_tear_down);
  g_test_add ("/window/unusable-database", Fixture, NULL, fixture_set_up, test_unusable_database, fixture_tear_down);
  g_test_add ("/window/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/window/sorting", Fixture, NULL, fixture_set_up, test_sorting, fixture_tear_down);
  g_test_add ("/window/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/window/today", Fixture, NULL, fixture_set_up, test_today, fixture_tear_down);
  g_test_add ("/window/lists-on-demand", Fixture, NULL, fixture_set_up, test_lists_on_demand, fixture_tear_down);
  g_test_add ("/window/client-page", Fixture, NULL, fixture_set_up, test_client_page, fixture_tear_down);
  g_test_add ("/window/reports-page", Fixture, NULL, fixture_set_up, test_reports_page, fixture_tear_down);
  g_test_add ("/window/plans-page", Fixture, NULL, fixture_set_up, test_plans_page, fixture_tear_down);
  g_test_add ("/window/second-database", Fixture, NULL, fixture_set_up, test_second_database, fixture_tear_down);
  g_test_add ("/window/stale-files-notice", Fixture, NULL, fixture_set_up, test_stale_files_notice, fixture_tear_down);
  g_test_add ("/window/backups-restore", Fixture, NULL, fixture_set_up, test_backups_restore, fixture_tear_down);
  g_test_add ("/window/daily-copy", Fixture, NULL, fixture_set_up, test_daily_copy, fixture_tear_down);

  return g_test_run ();
}
