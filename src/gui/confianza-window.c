/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-window"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-client-dialog.h"
#include "confianza-client-page.h"
#include "confianza-clients-page.h"
#include "confianza-import-dialog.h"
#include "confianza-plans-page.h"
#include "confianza-reports-page.h"
#include "confianza-today-page.h"
#include "confianza-window.h"

struct _ConfianzaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;
  ConfianzaStore       *store;        /* NULL when the database could not be used */
  GError               *store_error;  /* then, why */
  /* Every client, read once the first frame is on screen (or as soon as a
   * page needs it): Today does not, and a busy agency has thousands */
  GListModel           *clients;
  guint                 lists_source;
  char                 *top_page;     /* the sidebar page the client page came from */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkLabel             *today_badge;
  AdwWindowTitle       *sidebar_title;
  GtkStack             *stack;
  AdwWindowTitle       *content_title;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *back_button;
  GtkWidget            *add_button;
  GtkWidget            *search_button;
  AdwStatusPage        *error_page;
  ConfianzaTodayPage   *today_page;
  ConfianzaClientsPage *clients_page;
  ConfianzaPlansPage   *plans_page;
  ConfianzaReportsPage *reports_page;
  ConfianzaClientPage  *client_page;
};

G_DEFINE_FINAL_TYPE (ConfianzaWindow, confianza_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *name;
  const char *title;
} top_pages[] = {
  { "today", N_("Today") },
  { "clients", N_("Clients") },
  { "plans", N_("Recovery Plans") },
  { "reports", N_("Reports") },
};

static gboolean
is_top_page (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (top_pages); i++)
    if (g_strcmp0 (top_pages[i].name, name) == 0)
      return TRUE;

  return FALSE;
}

static void
update_header (ConfianzaWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean usable = self->store != NULL;

  gtk_widget_set_visible (self->back_button,
                          g_strcmp0 (page, "client") == 0 || folded);
  gtk_widget_set_visible (self->search_button, usable && g_strcmp0 (page, "clients") == 0);
  gtk_widget_set_visible (self->add_button, usable && g_strcmp0 (page, "clients") == 0);

  if (g_strcmp0 (page, "client") == 0)
    {
      ConfianzaClient *client = confianza_client_page_get_client (self->client_page);

      adw_window_title_set_title (self->content_title,
                                  client != NULL ? confianza_client_get_name (client) : "");
      adw_view_switcher_title_set_title (self->switcher_title,
                                         client != NULL ? confianza_client_get_name (client) : "");
      gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->switcher_title));
    }
  else
    {
      gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->content_title));
      for (guint i = 0; i < G_N_ELEMENTS (top_pages); i++)
        if (g_strcmp0 (top_pages[i].name, page) == 0)
          adw_window_title_set_title (self->content_title, _(top_pages[i].title));
    }
}

static void
select_sidebar_row (ConfianzaWindow *self,
                    const char      *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

/* The pages over the whole client list, given it the first time one is needed */
static void
ensure_lists (ConfianzaWindow *self)
{
  g_clear_handle_id (&self->lists_source, g_source_remove);
  if (self->store == NULL || self->clients != NULL)
    return;

  self->clients = confianza_store_get_clients (self->store);
  confianza_clients_page_set_store (self->clients_page, self->store);
  confianza_plans_page_set_store (self->plans_page, self->store);
  confianza_reports_page_set_store (self->reports_page, self->store);
  confianza_client_page_set_store (self->client_page, self->store);
}

static gboolean
load_lists_idle (gpointer user_data)
{
  ConfianzaWindow *self = user_data;

  self->lists_source = 0;
  ensure_lists (self);

  return G_SOURCE_REMOVE;
}

static void
show_page (ConfianzaWindow *self,
           const char      *name)
{
  if (self->store == NULL)
    name = "error";
  else if (g_strcmp0 (name, "today") != 0)
    ensure_lists (self);

  gtk_stack_set_visible_child_name (self->stack, name);

  if (is_top_page (name))
    {
      g_free (self->top_page);
      self->top_page = g_strdup (name);
      select_sidebar_row (self, name);
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_header (self);
}

static void
update_badge (ConfianzaWindow *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *text = NULL;
  guint due = 0;

  if (self->store == NULL)
    return;

  /* How many promises are due today or overdue, beside "Today": counted,
   * not read, since there may be thousands. */
  if (!confianza_store_count_open_promises_due (self->store, today, &due, NULL))
    due = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->today_badge), due > 0);
  if (due == 0)
    return;

  text = g_strdup_printf ("%u", due);
  gtk_label_set_label (self->today_badge, text);
  g_free (text);
  text = g_strdup_printf (ngettext ("%u promise due today or overdue",
                                    "%u promises due today or overdue", due), due);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->today_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Callbacks */

static void
on_sidebar_row_activated (ConfianzaWindow *self,
                          GtkListBoxRow   *row,
                          GtkListBox      *list)
{
  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_folded_changed (ConfianzaWindow *self)
{
  update_header (self);
}

static void
on_store_changed (ConfianzaWindow *self)
{
  update_badge (self);
  update_header (self);
}

/* The records were replaced (a restore): a client on show may be gone */
static void
on_store_reloaded (ConfianzaWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "client") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

static void
on_client_saved (ConfianzaClientDialog *dialog,
                 ConfianzaClient       *client,
                 ConfianzaWindow       *self)
{
  g_autofree char *text = NULL;

  /* Translators: %s is the client's name */
  text = g_strdup_printf (_("Added %s"), confianza_client_get_name (client));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Actions */

static void
add_client_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);
  ConfianzaClientDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = confianza_client_dialog_new (GTK_WINDOW (self), self->store, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_client_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_database_response (GtkNativeDialog *chooser,
                          int              response,
                          ConfianzaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      g_autoptr(GError) error = NULL;

      /* On success this window is replaced by one on the new database. */
      if (!confianza_application_use_database (CONFIANZA_APPLICATION (app), path, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

/* The database could not be used: start afresh in another file, keeping
 * the old one exactly as it is. */
static void
new_database_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Start a New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "confianza.db");
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_database_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_clients_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);

  if (self->store == NULL)
    return;

  show_page (self, "clients");
  confianza_import_clients_interactive (widget, self->store);
}

static void
export_clients_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);

  if (self->store != NULL)
    confianza_export_clients_interactive (widget, self->store);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);

  if (self->store == NULL)
    return;

  show_page (self, "clients");
  confianza_clients_page_start_search (self->clients_page);
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_page (CONFIANZA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static ConfianzaClient *
find_client (ConfianzaWindow *self,
             gint64           id)
{
  guint n;

  ensure_lists (self);
  n = self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (self->clients, i);

      if (confianza_client_get_id (client) == id)
        return g_steal_pointer (&client);
    }

  return NULL;
}

static void
show_client (ConfianzaWindow *self,
             gint64           id,
             const char      *section)
{
  g_autoptr(ConfianzaClient) client = find_client (self, id);

  if (client == NULL)
    return;

  confianza_client_page_set_client (self->client_page, client);
  if (section != NULL)
    confianza_client_page_show_section (self->client_page, section);
  show_page (self, "client");
}

static void
show_client_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_client (CONFIANZA_WINDOW (widget), g_variant_get_int64 (parameter), NULL);
}

static void
show_client_section_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  gint64 id;
  const char *section;

  g_variant_get (parameter, "(x&s)", &id, &section);
  show_client (CONFIANZA_WINDOW (widget), id, section);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "client") == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, self->top_page != NULL ? self->top_page : "clients");
      confianza_client_page_set_client (self->client_page, NULL);
      update_header (self);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  update_header (self);
}

static void
delete_client_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (widget);
  g_autoptr(ConfianzaClient) client = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "client") != 0)
    {
      confianza_clients_page_delete_selected (self->clients_page);
      return;
    }

  client = g_object_ref (confianza_client_page_get_client (self->client_page));
  gtk_widget_activate_action (widget, "win.back", NULL);
  confianza_clients_page_delete_client (self->clients_page, client);
}

static void
save_window_state (ConfianzaWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->top_page != NULL)
    g_settings_set_string (self->settings, "last-page", self->top_page);
}

static gboolean
confianza_window_close_request (GtkWindow *window)
{
  save_window_state (CONFIANZA_WINDOW (window));

  return GTK_WINDOW_CLASS (confianza_window_parent_class)->close_request (window);
}

static void
confianza_window_dispose (GObject *object)
{
  ConfianzaWindow *self = CONFIANZA_WINDOW (object);

  g_clear_handle_id (&self->lists_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_WINDOW);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->clients);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->top_page, g_free);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (confianza_window_parent_class)->dispose (object);
}

static void
confianza_window_class_init (ConfianzaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = confianza_window_dispose;
  window_class->close_request = confianza_window_close_request;

  g_type_ensure (CONFIANZA_TYPE_TODAY_PAGE);
  g_type_ensure (CONFIANZA_TYPE_CLIENTS_PAGE);
  g_type_ensure (CONFIANZA_TYPE_PLANS_PAGE);
  g_type_ensure (CONFIANZA_TYPE_REPORTS_PAGE);
  g_type_ensure (CONFIANZA_TYPE_CLIENT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, today_badge);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, clients_page);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, plans_page);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaWindow, client_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);

  gtk_widget_class_install_action (widget_class, "win.add-client", NULL, add_client_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.import-clients", NULL, import_clients_activated);
  gtk_widget_class_install_action (widget_class, "win.export-clients", NULL, export_clients_activated);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-client", "x", show_client_activated);
  gtk_widget_class_install_action (widget_class, "win.show-client-section", "(xs)", show_client_section_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-client", NULL, delete_client_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "today");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "clients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "plans");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "reports");
}

static void
on_switcher_title_visible (ConfianzaWindow *self)
{
  confianza_client_page_set_narrow (self->client_page,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
confianza_window_init (ConfianzaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The client's views switch in the header bar where they fit, at the
   * bottom of the page where they do not. */
  adw_view_switcher_title_set_stack (self->switcher_title,
                                     confianza_client_page_get_views (self->client_page));
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_switcher_title_visible), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
set_database (ConfianzaWindow *self,
              const char      *path,
              ConfianzaStore  *store,
              const GError    *error)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-page");

  self->database_path = g_strdup (path);

  if (store == NULL)
    {
      g_autofree char *description = NULL;

      self->store_error = error != NULL ? g_error_copy (error) : NULL;
      /* Translators: %s says why the database could not be used */
      description = g_strdup_printf (_("%s\n\nNothing was changed in it, and it stays where it is. You can start a new database in another file and keep this one for later."),
                                     error != NULL ? error->message : "");
      adw_status_page_set_description (self->error_page, description);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_list), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-client", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-clients", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-clients", FALSE);
      show_page (self, "error");
      return;
    }

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_store_reloaded),
                           self, G_CONNECT_SWAPPED);

  /* Today reads only what it shows; the rest once it is on screen. Idles
   * at this priority wait for the frame being drawn. */
  confianza_today_page_set_store (self->today_page, store);
  self->lists_source = g_idle_add_full (G_PRIORITY_LOW, load_lists_idle, self, NULL);

  update_badge (self);
  show_page (self, is_top_page (last) ? last : "today");

  /* Stale files set aside while creating the database: stays until read */
  if (confianza_store_get_notice (store) != NULL)
    {
      AdwToast *toast = adw_toast_new (confianza_store_get_notice (store));

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

/* The window offers to start a new database elsewhere when @store is NULL */
ConfianzaWindow *
confianza_window_new (ConfianzaApplication *application,
                      const char           *path,
                      ConfianzaStore       *store,
                      const GError         *error)
{
  ConfianzaWindow *self;

  g_return_val_if_fail (CONFIANZA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (store == NULL || CONFIANZA_IS_STORE (store), NULL);

  self = g_object_new (CONFIANZA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  set_database (self, path, store, error);

  return self;
}

const char *
confianza_window_get_database_path (ConfianzaWindow *self)
{
  g_return_val_if_fail (CONFIANZA_IS_WINDOW (self), NULL);

  return self->database_path;
}

ConfianzaStore *
confianza_window_get_store (ConfianzaWindow *self)
{
  g_return_val_if_fail (CONFIANZA_IS_WINDOW (self), NULL);

  return self->store;
}

const GError *
confianza_window_get_store_error (ConfianzaWindow *self)
{
  g_return_val_if_fail (CONFIANZA_IS_WINDOW (self), NULL);

  return self->store_error;
}

void
confianza_window_set_database_name (ConfianzaWindow *self,
                                    const char      *name)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CONFIANZA_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_window_title_set_subtitle (self->sidebar_title, name);
  /* Translators: %s is the name of a database file, as in "clientes.db — Confianza" */
  title = g_strdup_printf (_("%s — Confianza"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Makes sure the pages over the client list have it, now */
void
confianza_window_ensure_lists (ConfianzaWindow *self)
{
  g_return_if_fail (CONFIANZA_IS_WINDOW (self));

  ensure_lists (self);
}

void
confianza_window_show_page (ConfianzaWindow *self,
                            const char      *name)
{
  g_return_if_fail (CONFIANZA_IS_WINDOW (self));

  show_page (self, name);
}

/* @toast: (transfer full) */
void
confianza_window_add_toast (ConfianzaWindow *self,
                            AdwToast        *toast)
{
  g_return_if_fail (CONFIANZA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
