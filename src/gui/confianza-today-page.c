/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-deliver-dialog.h"
#include "confianza-today-page.h"

/* Today looks a week ahead. */
#define WEEK_AHEAD 7
/* Rows a section shows at most, the most urgent first: a busy agency may
 * have a thousand overdue promises, and a page of a thousand rows takes
 * seconds to build and is of no use to read. The rest are counted. */
#define SECTION_MAX_ROWS 10

typedef enum
{
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_CONTACT,
  N_SECTIONS
} Section;

static const char * const section_names[N_SECTIONS] = {
  "overdue", "today", "week", "contact",
};

struct _ConfianzaTodayPage
{
  AdwBin               parent_instance;

  ConfianzaStore      *store;
  GListModel          *clients;
  GSettings           *settings;
  guint                refresh_source;
  guint                midnight_source;
  GPtrArray           *rows[N_SECTIONS];
  /* The "and N more" row at the end of a section, or NULL */
  GtkWidget           *more_rows[N_SECTIONS];
  guint                totals[N_SECTIONS];

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *groups[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (ConfianzaTodayPage, confianza_today_page, ADW_TYPE_BIN)

static void schedule_midnight (ConfianzaTodayPage *self);

/* Client id → client, for naming the client of each promise */
static GHashTable *
index_clients (GListModel *clients)
{
  GHashTable *index = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  guint n = g_list_model_get_n_items (clients);

  for (guint i = 0; i < n; i++)
    {
      ConfianzaClient *client = g_list_model_get_item (clients, i);

      g_hash_table_insert (index, GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)), client);
    }

  return index;
}

static void
clear_section (ConfianzaTodayPage *self,
               Section             section)
{
  for (guint i = 0; i < self->rows[section]->len; i++)
    adw_preferences_group_remove (self->groups[section], g_ptr_array_index (self->rows[section], i));
  g_ptr_array_set_size (self->rows[section], 0);
  if (self->more_rows[section] != NULL)
    adw_preferences_group_remove (self->groups[section], g_steal_pointer (&self->more_rows[section]));
  self->totals[section] = 0;
}

/* Whether the section has room for another row; counts it either way */
static gboolean
section_has_room (ConfianzaTodayPage *self,
                  Section             section)
{
  return self->totals[section]++ < SECTION_MAX_ROWS;
}

static void
add_row (ConfianzaTodayPage *self,
         Section             section,
         GtkWidget          *row)
{
  adw_preferences_group_add (self->groups[section], row);
  g_ptr_array_add (self->rows[section], row);
}

static void
add_more_row (ConfianzaTodayPage *self,
              Section             section)
{
  guint more = self->totals[section] - self->rows[section]->len;
  g_autofree char *title = NULL;
  GtkWidget *row;

  if (more == 0)
    return;

  if (section == SECTION_CONTACT)
    title = g_strdup_printf (ngettext ("And %u more client", "And %u more clients", more), more);
  else
    title = g_strdup_printf (ngettext ("And %u more promise", "And %u more promises", more), more);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), section == SECTION_CONTACT ?
                               _("Those longest without contact are shown above") :
                               _("Those due first are shown above"));
  adw_preferences_group_add (self->groups[section], row);
  self->more_rows[section] = row;
}

/* Callbacks */

static void
on_row_activated (AdwActionRow *row,
                  gpointer      user_data)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "client-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-client", "x", client_id);
}

static void
on_deliver_clicked (GtkButton        *button,
                    ConfianzaPromise *promise)
{
  ConfianzaTodayPage *self = CONFIANZA_TODAY_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                           CONFIANZA_TYPE_TODAY_PAGE));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  ConfianzaDeliverDialog *dialog;

  dialog = confianza_deliver_dialog_new (GTK_WINDOW (root), self->store, promise);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
promise_row (ConfianzaPromise *promise,
             ConfianzaClient  *client,
             GDateTime        *today)
{
  GDateTime *due = confianza_promise_get_due_on (promise);
  g_autofree char *date = confianza_date_format (due);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  int days = confianza_date_days_between (today, due);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (days < 0)
    when = g_strdup_printf (ngettext ("%d day late", "%d days late", -days), -days);
  else if (days == 0)
    when = g_strdup (_("today"));
  else
    when = g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);

  /* Translators: client name · due date (how far: "3 days late", "today") */
  subtitle = g_strdup_printf (_("%s · due %s (%s)"),
                              confianza_client_get_name (client),
                              date, when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), confianza_promise_get_title (promise));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "client-id",
                     GSIZE_TO_POINTER ((gsize) confianza_promise_get_client_id (promise)));
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);

  button = gtk_button_new_with_mnemonic (_("_Delivered…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Mark this promise delivered"));
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_deliver_clicked),
                         g_object_ref (promise), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
contact_row (ConfianzaClient *client,
             int              days)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  if (confianza_client_get_last_contact (client) != NULL)
    subtitle = g_strdup_printf (ngettext ("No contact for %d day", "No contact for %d days", days), days);
  else
    subtitle = g_strdup_printf (ngettext ("Never contacted, client for %d day",
                                          "Never contacted, client for %d days", days), days);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), confianza_client_get_name (client));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "client-id",
                     GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)));
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);

  return row;
}

typedef struct
{
  ConfianzaClient *client;  /* the live list holds it */
  int              days;
} ContactDue;

static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  const ContactDue *ca = a;
  const ContactDue *cb = b;

  return (cb->days > ca->days) - (cb->days < ca->days);
}

static void
rebuild (ConfianzaTodayPage *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) week = confianza_date_add_days (today, WEEK_AHEAD);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GHashTable) clients = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (ContactDue));
  int default_cadence = g_settings_get_int (self->settings, "follow-up-days");
  guint total = 0;
  guint n;

  for (Section s = 0; s < N_SECTIONS; s++)
    clear_section (self, s);

  if (self->store == NULL)
    return;

  due = confianza_store_get_open_promises_due (self->store, week, &error);
  if (due == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Today Could Not Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  clients = index_clients (self->clients);
  for (guint i = 0; i < due->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (due, i);
      int days = confianza_date_days_between (today, confianza_promise_get_due_on (promise));
      Section section = days < 0 ? SECTION_OVERDUE : days == 0 ? SECTION_TODAY : SECTION_WEEK;

      ConfianzaClient *client = g_hash_table_lookup (clients,
                                                     GSIZE_TO_POINTER ((gsize) confianza_promise_get_client_id (promise)));

      /* Every promise has its client; this only guards a race with a deletion. */
      if (client != NULL && section_has_room (self, section))
        add_row (self, section, promise_row (promise, client, today));
    }

  n = g_list_model_get_n_items (self->clients);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (self->clients, i);
      ConfianzaClientStatus status = confianza_client_get_status (client);
      int cadence = confianza_client_get_follow_up_days (client);
      GDateTime *last = confianza_client_get_last_contact (client);
      GDateTime *since = confianza_client_get_since (client);

      /* Nobody to call back among the clients already gone. */
      if (status == CONFIANZA_CLIENT_STATUS_LOST || status == CONFIANZA_CLIENT_STATUS_LET_GO)
        continue;

      if (cadence <= 0)
        cadence = default_cadence;

      if (confianza_rules_needs_contact (last, since, cadence, today))
        {
          ContactDue due_contact = { client, confianza_rules_days_since_contact (last, since, today) };

          g_array_append_val (contacts, due_contact);
        }
    }

  /* Longest without contact first */
  g_array_sort (contacts, compare_contacts);
  for (guint i = 0; i < contacts->len; i++)
    {
      ContactDue *due_contact = &g_array_index (contacts, ContactDue, i);

      if (section_has_room (self, SECTION_CONTACT))
        add_row (self, SECTION_CONTACT, contact_row (due_contact->client, due_contact->days));
    }

  for (Section s = 0; s < N_SECTIONS; s++)
    {
      add_more_row (self, s);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[s]), self->rows[s]->len > 0);
      total += self->rows[s]->len;
    }

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Due This Week"));
      adw_status_page_set_description (self->empty_page,
                                       _("No promise is due or overdue and every client has heard from you recently. Keep your word: promise less, deliver more."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "content");
    }
}

static gboolean
refresh_idle (gpointer user_data)
{
  ConfianzaTodayPage *self = user_data;

  self->refresh_source = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (ConfianzaTodayPage *self)
{
  /* Many changes in a row (an import) rebuild once. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle, self);
}

static gboolean
on_midnight (gpointer user_data)
{
  ConfianzaTodayPage *self = user_data;

  self->midnight_source = 0;
  rebuild (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* What is "today" changes at midnight, with the window open. */
static void
schedule_midnight (ConfianzaTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow),
                                                         0, 0, 1);
  GTimeSpan wait = g_date_time_difference (midnight, now);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds ((guint) MAX (1, wait / G_TIME_SPAN_SECOND),
                                                 on_midnight, self);
}

static void
confianza_today_page_dispose (GObject *object)
{
  ConfianzaTodayPage *self = CONFIANZA_TODAY_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_TODAY_PAGE);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  for (Section s = 0; s < N_SECTIONS; s++)
    g_clear_pointer (&self->rows[s], g_ptr_array_unref);

  G_OBJECT_CLASS (confianza_today_page_parent_class)->dispose (object);
}

static void
confianza_today_page_class_init (ConfianzaTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_today_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaTodayPage, empty_page);
  gtk_widget_class_bind_template_child_full (widget_class, "overdue_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_OVERDUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "today_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_TODAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "week_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_WEEK]));
  gtk_widget_class_bind_template_child_full (widget_class, "contact_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_CONTACT]));
}

static void
confianza_today_page_init (ConfianzaTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  for (Section s = 0; s < N_SECTIONS; s++)
    self->rows[s] = g_ptr_array_new ();

  g_signal_connect_object (self->settings, "changed::follow-up-days",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  schedule_midnight (self);
}

ConfianzaTodayPage *
confianza_today_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_TODAY_PAGE, NULL);
}

void
confianza_today_page_set_store (ConfianzaTodayPage *self,
                                ConfianzaStore     *store)
{
  g_return_if_fail (CONFIANZA_IS_TODAY_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->clients);
  self->clients = confianza_store_get_clients (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                           self, G_CONNECT_SWAPPED);
  rebuild (self);
}

void
confianza_today_page_refresh (ConfianzaTodayPage *self)
{
  g_return_if_fail (CONFIANZA_IS_TODAY_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  rebuild (self);
}

guint
confianza_today_page_count (ConfianzaTodayPage *self,
                            const char         *section)
{
  g_return_val_if_fail (CONFIANZA_IS_TODAY_PAGE (self), 0);

  for (Section s = 0; s < N_SECTIONS; s++)
    if (g_strcmp0 (section_names[s], section) == 0)
      return self->rows[s]->len;

  g_return_val_if_reached (0);
}
