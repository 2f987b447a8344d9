/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-client-row.h"
#include "confianza-clients-page.h"
#include "confianza-undo.h"

struct _ConfianzaClientsPage
{
  AdwBin               parent_instance;

  ConfianzaStore      *store;
  GListModel          *clients;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *search_filter;
  GtkCustomSorter     *sorter;
  ConfianzaClientSort  sort;
  /* The search, folded once per keystroke rather than once per client */
  char               **search_words;
  char                *search_text;
  /* Folding every client's words for searching, a slice at a time */
  guint                warm_source;
  guint                warm_position;

  /* Template widgets */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkDropDown         *sort_dropdown;
  GtkStack            *stack;
  GtkListView         *list_view;

  /* Ctrl+F asked for the entry before its bar had slid in */
  gboolean             focus_when_mapped;

  /* Rows whose list items GTK threw away, kept to be given to the next
   * ones: GTK 4.8 makes new list items for every row a search keystroke
   * brings in, and building a row from its template cost more than all of
   * GTK's own work */
  GPtrArray           *spare_rows;
};

/* About the rows a list view keeps around what is on screen */
#define MAX_SPARE_ROWS 256

G_DEFINE_FINAL_TYPE (ConfianzaClientsPage, confianza_clients_page, ADW_TYPE_BIN)

/* Missing values sort last, whatever the order. */
static int
compare_dates (GDateTime *a,
               GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return g_date_time_compare (a, b);
}

int
confianza_clients_page_compare (ConfianzaClient     *a,
                                ConfianzaClient     *b,
                                ConfianzaClientSort  sort)
{
  int result = 0;

  switch (sort)
    {
    case CONFIANZA_CLIENT_SORT_TRUST:
      /* Lowest trust first: those are the clients to look after. */
      result = confianza_client_get_trust_score (a) - confianza_client_get_trust_score (b);
      break;

    case CONFIANZA_CLIENT_SORT_NEXT_DUE:
      result = compare_dates (confianza_client_get_next_due_on (a),
                              confianza_client_get_next_due_on (b));
      break;

    case CONFIANZA_CLIENT_SORT_LAST_CONTACT:
      /* Longest without contact first. */
      result = compare_dates (confianza_client_get_last_contact (a),
                              confianza_client_get_last_contact (b));
      break;

    case CONFIANZA_CLIENT_SORT_NAME:
    default:
      break;
    }

  return result != 0 ? result : confianza_client_compare_by_name (a, b);
}

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  ConfianzaClientsPage *self = user_data;
  ConfianzaClient *client = item;

  if (self->search_words == NULL || self->search_words[0] == NULL)
    return TRUE;

  /* Word prefixes, ignoring case and accents: "pena" finds "Peña". */
  return confianza_client_matches_words (client, (const char * const *) self->search_words);
}

/* Folds the words of every client for searching and computes their sort
 * keys, a slice per idle turn after the list is shown, so that the first
 * keystroke of a search does not fold ten thousand names at once. */
#define WARM_SLICE 500

static gboolean
warm_idle (gpointer user_data)
{
  ConfianzaClientsPage *self = user_data;
  const char *no_words[] = { NULL };
  guint n = self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;
  guint end = MIN (n, self->warm_position + WARM_SLICE);

  for (; self->warm_position < end; self->warm_position++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (self->clients, self->warm_position);

      confianza_client_get_sort_key (client);
      confianza_client_matches_words (client, no_words);
    }

  if (self->warm_position < n)
    return G_SOURCE_CONTINUE;

  self->warm_source = 0;
  return G_SOURCE_REMOVE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  ConfianzaClientsPage *self = user_data;

  return confianza_clients_page_compare ((ConfianzaClient *) a, (ConfianzaClient *) b, self->sort);
}

/* The store keeps its clients in the order of names already: sorting them
 * again after every keystroke of a search took a hundred milliseconds */
static GtkSorter *
sorter_for (ConfianzaClientsPage *self)
{
  return self->sort == CONFIANZA_CLIENT_SORT_NAME ? NULL : GTK_SORTER (self->sorter);
}

static void
update_state (ConfianzaClientsPage *self)
{
  guint total = self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  count = g_strdup_printf (ngettext ("%u client", "%u clients", shown), shown);
  gtk_label_set_label (self->count_label, count);
}

/* Callbacks */

static void
on_search_changed (ConfianzaClientsPage *self,
                   GtkSearchEntry       *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (text, self->search_text) == 0)
    return;

  /* Typing on only narrows what is shown, erasing only widens it: then the
   * filter looks again only at the clients that may change */
  if (self->search_text != NULL && g_str_has_prefix (text, self->search_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_text != NULL && g_str_has_prefix (self->search_text, text))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  g_strfreev (self->search_words);
  self->search_words = g_str_tokenize_and_fold (text, NULL, NULL);
  gtk_filter_changed (GTK_FILTER (self->search_filter), change);
}

static void
on_search_stopped (ConfianzaClientsPage *self,
                   GtkSearchEntry       *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_sort_selected (ConfianzaClientsPage *self,
                  GParamSpec           *pspec,
                  GtkDropDown          *dropdown)
{
  confianza_clients_page_set_sort (self, gtk_drop_down_get_selected (dropdown));
}

static void
on_items_changed (ConfianzaClientsPage *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  GListModel           *model)
{
  update_state (self);
}

static void
on_store_changed (ConfianzaClientsPage *self,
                  ConfianzaStore       *store)
{
  /* Trust, dates and names move with every change: keep the order true. */
  if (self->sort != CONFIANZA_CLIENT_SORT_NAME)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_activate (ConfianzaClientsPage *self,
             guint                 position,
             GtkListView          *view)
{
  g_autoptr(ConfianzaClient) client = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (client != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-client", "x",
                                confianza_client_get_id (client));
}

/* GTK 4.8 takes the row out of its list item before the factory's
 * teardown: the row is kept when it is left without a parent */
static void
on_row_parent (GtkWidget            *row,
               GParamSpec           *pspec,
               ConfianzaClientsPage *self)
{
  if (gtk_widget_get_parent (row) != NULL || self->spare_rows == NULL ||
      self->spare_rows->len >= MAX_SPARE_ROWS)
    return;

  g_ptr_array_add (self->spare_rows, g_object_ref (row));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ConfianzaClientsPage     *self)
{
  GtkWidget *row;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    {
      row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
      gtk_list_item_set_child (item, row);
      g_object_unref (row);
      return;
    }

  row = GTK_WIDGET (confianza_client_row_new ());
  g_signal_connect_object (row, "notify::parent", G_CALLBACK (on_row_parent), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  ConfianzaClientRow *row = CONFIANZA_CLIENT_ROW (gtk_list_item_get_child (item));

  confianza_client_row_set_client (row, gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  ConfianzaClientRow *row = CONFIANZA_CLIENT_ROW (gtk_list_item_get_child (item));

  confianza_client_row_set_client (row, NULL);
}

static void
on_map (ConfianzaClientsPage *self)
{
  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  confianza_clients_page_delete_selected (CONFIANZA_CLIENTS_PAGE (widget));
}

static void
confianza_clients_page_dispose (GObject *object)
{
  ConfianzaClientsPage *self = CONFIANZA_CLIENTS_PAGE (object);

  g_clear_handle_id (&self->warm_source, g_source_remove);
  /* First, so that the rows the list view lets go are not kept */
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CLIENTS_PAGE);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (confianza_clients_page_parent_class)->dispose (object);
}

static void
confianza_clients_page_class_init (ConfianzaClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_clients_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "clients.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "clients.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "clients.delete", NULL);
}

/* The entry can keep the focus only once its bar is on screen: it slides in,
 * and until then the revealer hides it (and takes any focus away from it). */
static void
search_entry_mapped (ConfianzaClientsPage *self)
{
  if (!self->focus_when_mapped)
    return;

  self->focus_when_mapped = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
confianza_clients_page_init (ConfianzaClientsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The filtered list owns the filter */
  self->search_filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->search_filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  gtk_sort_list_model_set_sorter (self->sorted, sorter_for (self));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* The list view gets its model when the page is first shown: it makes a
   * couple of hundred rows as soon as it has one, which a window opening
   * on another page does not need before its first frame */
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (on_items_changed),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "map", G_CALLBACK (search_entry_mapped), self);
  update_state (self);
}

ConfianzaClientsPage *
confianza_clients_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_CLIENTS_PAGE, NULL);
}

void
confianza_clients_page_set_store (ConfianzaClientsPage *self,
                                  ConfianzaStore       *store)
{
  g_return_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->clients);
  self->clients = confianza_store_get_clients (store);
  gtk_filter_list_model_set_model (self->filtered, self->clients);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                           self, G_CONNECT_SWAPPED);
  update_state (self);

  self->warm_position = 0;
  if (self->warm_source == 0)
    self->warm_source = g_idle_add_full (G_PRIORITY_LOW, warm_idle, self, NULL);
}

void
confianza_clients_page_start_search (ConfianzaClientsPage *self)
{
  g_return_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  self->focus_when_mapped = !gtk_widget_get_mapped (GTK_WIDGET (self->search_entry));
  if (!self->focus_when_mapped)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
confianza_clients_page_set_sort (ConfianzaClientsPage *self,
                                 ConfianzaClientSort   sort)
{
  g_return_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self));

  if (gtk_drop_down_get_selected (self->sort_dropdown) != sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);

  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sort_list_model_set_sorter (self->sorted, sorter_for (self));
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

GListModel *
confianza_clients_page_get_shown (ConfianzaClientsPage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
confianza_clients_page_delete_selected (ConfianzaClientsPage *self)
{
  ConfianzaClient *client;

  g_return_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self));

  client = gtk_single_selection_get_selected_item (self->selection);
  if (client != NULL)
    confianza_clients_page_delete_client (self, client);
}

AdwToast *
confianza_clients_page_delete_client (ConfianzaClientsPage *self,
                                      ConfianzaClient      *client)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (CONFIANZA_IS_CLIENTS_PAGE (self), NULL);
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (client), NULL);

  if (self->store == NULL)
    return NULL;

  /* Translators: %s is the client's name */
  title = g_strdup_printf (_("%s deleted"), confianza_client_get_name (client));
  return confianza_erase_with_undo (GTK_WIDGET (self), self->store, CONFIANZA_TYPE_CLIENT,
                                    confianza_client_get_id (client), title);
}
