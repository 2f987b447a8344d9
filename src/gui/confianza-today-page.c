/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-deliver-dialog.h"
#include "confianza-follow-up-dialog.h"
#include "confianza-recovery-start.h"
#include "model/confianza-recovery.h"
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
  SECTION_FOLLOW_UPS,
  SECTION_MEASURES,
  SECTION_WEEK,
  SECTION_CONTACT,
  N_SECTIONS
} Section;

static const char * const section_names[N_SECTIONS] = {
  "overdue", "today", "follow-ups", "measures", "week", "contact",
};

struct _ConfianzaTodayPage
{
  AdwBin               parent_instance;

  ConfianzaStore      *store;
  GSettings           *settings;
  guint                refresh_source;
  guint                midnight_source;
  /* Rows are kept and refilled: making and destroying them was most of
   * the cost of a rebuild. The first n_shown of rows[] are in use, the
   * others hidden. */
  GPtrArray           *rows[N_SECTIONS];
  guint                n_shown[N_SECTIONS];
  /* The "and N more" row at the end of a section, or NULL until needed */
  GtkWidget           *more_rows[N_SECTIONS];
  guint                totals[N_SECTIONS];

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  /* The ways in of a first start (bound for tests) */
  GtkWidget           *welcome_add_button;
  GtkWidget           *welcome_import_button;
  GtkWidget           *welcome_sample_button;
  AdwPreferencesGroup *groups[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (ConfianzaTodayPage, confianza_today_page, ADW_TYPE_BIN)

static void schedule_midnight (ConfianzaTodayPage *self);

static void
clear_section (ConfianzaTodayPage *self,
               Section             section)
{
  self->n_shown[section] = 0;
  self->totals[section] = 0;
}

/* Hides the rows not used this time */
static void
finish_section (ConfianzaTodayPage *self,
                Section             section)
{
  for (guint i = self->n_shown[section]; i < self->rows[section]->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->rows[section], i), FALSE);
}

/* The client of a record, read once per rebuild whatever the number of its
 * rows: the page no longer needs the whole client list. */
static ConfianzaClient *
lookup_client (ConfianzaTodayPage *self,
               GHashTable         *clients,
               gint64              id)
{
  ConfianzaClient *client = g_hash_table_lookup (clients, &id);

  if (client == NULL)
    {
      g_autoptr(GError) error = NULL;

      client = confianza_store_get_client (self->store, id, &error);
      if (client == NULL)
        return NULL;
      g_hash_table_insert (clients, g_memdup2 (&id, sizeof id), client);
    }

  return client;
}

static GtkWidget *new_row (Section section);

/* The next row of @section to fill, made the first time it is needed */
static GtkWidget *
next_row (ConfianzaTodayPage *self,
          Section             section)
{
  GtkWidget *row;

  if (self->n_shown[section] < self->rows[section]->len)
    {
      row = g_ptr_array_index (self->rows[section], self->n_shown[section]);
      gtk_widget_set_visible (row, TRUE);
    }
  else
    {
      row = new_row (section);
      adw_preferences_group_add (self->groups[section], row);
      g_ptr_array_add (self->rows[section], row);
      /* After the "and N more" row, if there is one */
      if (self->more_rows[section] != NULL)
        {
          adw_preferences_group_remove (self->groups[section], self->more_rows[section]);
          adw_preferences_group_add (self->groups[section], self->more_rows[section]);
        }
    }
  self->n_shown[section]++;

  return row;
}

static void
add_more_row (ConfianzaTodayPage *self,
              Section             section)
{
  guint more = self->totals[section] - self->n_shown[section];
  g_autofree char *title = NULL;
  GtkWidget *row = self->more_rows[section];

  if (row != NULL)
    gtk_widget_set_visible (row, more > 0);
  if (more == 0)
    return;

  if (section == SECTION_CONTACT)
    title = g_strdup_printf (ngettext ("And %u more client", "And %u more clients", more), more);
  else if (section == SECTION_FOLLOW_UPS)
    title = g_strdup_printf (ngettext ("And %u more follow-up", "And %u more follow-ups", more), more);
  else if (section == SECTION_MEASURES)
    title = g_strdup_printf (ngettext ("And %u more corrective measure", "And %u more corrective measures", more), more);
  else
    title = g_strdup_printf (ngettext ("And %u more promise", "And %u more promises", more), more);

  if (row == NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), section == SECTION_CONTACT ?
                                   _("Those longest without contact are shown above") :
                                   _("Those due first are shown above"));
      adw_preferences_group_add (self->groups[section], row);
      self->more_rows[section] = row;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
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
on_deliver_clicked (GtkButton *button,
                    GtkWidget *row)
{
  ConfianzaPromise *promise = g_object_get_data (G_OBJECT (row), "record");
  ConfianzaTodayPage *self = CONFIANZA_TODAY_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                           CONFIANZA_TYPE_TODAY_PAGE));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  ConfianzaDeliverDialog *dialog;

  dialog = confianza_deliver_dialog_new (GTK_WINDOW (root), self->store, promise);
  confianza_recovery_start_watch (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_follow_up_activated (AdwActionRow *row,
                        gpointer      user_data)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "client-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-client-section", "(xs)",
                              client_id, "recovery");
}

static void
on_follow_up_done_clicked (GtkButton *button,
                           GtkWidget *row)
{
  ConfianzaFollowUp *follow_up = g_object_get_data (G_OBJECT (row), "record");
  ConfianzaTodayPage *self = CONFIANZA_TODAY_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                           CONFIANZA_TYPE_TODAY_PAGE));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  ConfianzaFollowUpDialog *dialog;

  dialog = confianza_follow_up_dialog_new (GTK_WINDOW (root), self->store, follow_up);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "3 days late", "today", "in 2 days" */
static char *
describe_days (int days)
{
  if (days < 0)
    return g_strdup_printf (ngettext ("%d day late", "%d days late", -days), -days);
  else if (days == 0)
    return g_strdup (_("today"));
  else
    return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
}

/* A row of @section, to fill with one of the fill_…() below */
static GtkWidget *
new_row (Section section)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  switch (section)
    {
    case SECTION_CONTACT:
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      break;

    case SECTION_MEASURES:
      g_signal_connect (row, "activated", G_CALLBACK (on_follow_up_activated), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      break;

    case SECTION_FOLLOW_UPS:
      g_signal_connect (row, "activated", G_CALLBACK (on_follow_up_activated), NULL);
      button = gtk_button_new_with_mnemonic (_("_Done…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Tick this follow-up off with a note"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_follow_up_done_clicked), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      break;

    case SECTION_OVERDUE:
    case SECTION_TODAY:
    case SECTION_WEEK:
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
      button = gtk_button_new_with_mnemonic (_("_Delivered…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Mark this promise delivered"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_deliver_clicked), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      break;

    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }

  return row;
}

static void
fill_row (GtkWidget  *row,
          const char *title,
          const char *subtitle,
          gint64      client_id,
          gpointer    record)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "client-id", GSIZE_TO_POINTER ((gsize) client_id));
  g_object_set_data_full (G_OBJECT (row), "record",
                          record != NULL ? g_object_ref (record) : NULL, g_object_unref);
}

static void
fill_follow_up_row (GtkWidget         *row,
                    ConfianzaFollowUp *follow_up,
                    ConfianzaClient   *client,
                    GDateTime         *today)
{
  GDateTime *due = confianza_follow_up_get_due_on (follow_up);
  g_autofree char *date = confianza_date_format (due);
  g_autofree char *when = describe_days (confianza_date_days_between (today, due));
  g_autofree char *subtitle = NULL;

  /* Translators: due date of a follow-up (how far: "3 days late", "today") */
  subtitle = g_strdup_printf (_("Due %s (%s)"), date, when);
  fill_row (row, confianza_client_get_name (client), subtitle,
            confianza_follow_up_get_client_id (follow_up), follow_up);
}

static void
fill_measure_row (GtkWidget             *row,
                  ConfianzaRecoveryPlan *plan,
                  ConfianzaClient       *client,
                  GDateTime             *today)
{
  GDateTime *due = confianza_recovery_plan_get_corrective_due (plan);
  g_autofree char *date = confianza_date_format (due);
  g_autofree char *when = describe_days (confianza_date_days_between (today, due));
  g_autofree char *title = confianza_recovery_guarantee_title (confianza_recovery_plan_get_corrective_measure (plan));
  g_autofree char *subtitle = NULL;

  /* Translators: client name · due date of a corrective measure (how
   * far: "3 days late", "today") */
  subtitle = g_strdup_printf (_("%s · to apply by %s (%s)"),
                              confianza_client_get_name (client), date, when);
  fill_row (row, title, subtitle, confianza_recovery_plan_get_client_id (plan), plan);
}

static int
compare_measure_due (gconstpointer a,
                     gconstpointer b)
{
  ConfianzaRecoveryPlan *plan_a = *(ConfianzaRecoveryPlan **) a;
  ConfianzaRecoveryPlan *plan_b = *(ConfianzaRecoveryPlan **) b;

  return confianza_date_compare (confianza_recovery_plan_get_corrective_due (plan_a),
                                 confianza_recovery_plan_get_corrective_due (plan_b));
}

/* Corrective measures still to apply, due within the week or overdue:
 * source 001's last step is ours, and nobody reminds us of it otherwise */
static gboolean
add_measures (ConfianzaTodayPage  *self,
              GHashTable          *clients,
              GDateTime           *today,
              GError             **error)
{
  g_autoptr(GListModel) plans = confianza_store_get_recovery_plans (self->store, 0);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (plans);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);

      if (confianza_recovery_measure_pending (plan, today, WEEK_AHEAD, NULL))
        g_ptr_array_add (pending, g_steal_pointer (&plan));
    }
  g_ptr_array_sort (pending, compare_measure_due);

  self->totals[SECTION_MEASURES] = pending->len;
  for (guint i = 0; i < pending->len && i < SECTION_MAX_ROWS; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (pending, i);
      ConfianzaClient *client = lookup_client (self, clients, confianza_recovery_plan_get_client_id (plan));

      if (client != NULL)
        fill_measure_row (next_row (self, SECTION_MEASURES), plan, client, today);
    }

  return TRUE;
}

static void
fill_promise_row (GtkWidget        *row,
                  ConfianzaPromise *promise,
                  ConfianzaClient  *client,
                  GDateTime        *today)
{
  g_autofree char *date = confianza_date_format (confianza_promise_get_due_on (promise));
  /* Days left until due, or overdue so far */
  g_autofree char *when = describe_days (confianza_promise_get_result (promise, today).days_early);
  g_autofree char *subtitle = NULL;

  /* Translators: client name · due date (how far: "3 days late", "today") */
  subtitle = g_strdup_printf (_("%s · due %s (%s)"),
                              confianza_client_get_name (client),
                              date, when);
  /* Listed under its agreed date, and saying so */
  if (confianza_promise_is_renegotiated (promise))
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);

      /* Translators: after a promise's due date on Today, once renegotiated in time */
      subtitle = g_strdup_printf (_("%s · renegotiated"), plain);
    }
  fill_row (row, confianza_promise_get_title (promise), subtitle,
            confianza_promise_get_client_id (promise), promise);
}

static void
fill_contact_row (GtkWidget       *row,
                  ConfianzaClient *client,
                  int              days)
{
  g_autofree char *subtitle = NULL;

  if (confianza_client_get_last_contact (client) != NULL)
    subtitle = g_strdup_printf (ngettext ("No contact for %d day", "No contact for %d days", days), days);
  else
    subtitle = g_strdup_printf (ngettext ("Never contacted, client for %d day",
                                          "Never contacted, client for %d days", days), days);
  fill_row (row, confianza_client_get_name (client), subtitle,
            confianza_client_get_id (client), NULL);
}

static gboolean
add_promises (ConfianzaTodayPage  *self,
              Section              section,
              GHashTable          *clients,
              GDateTime           *today,
              GDateTime           *after,
              GDateTime           *until,
              GError             **error)
{
  g_autoptr(GPtrArray) due = NULL;

  due = confianza_store_get_open_promises_between (self->store, after, until, SECTION_MAX_ROWS,
                                                   &self->totals[section], error);
  if (due == NULL)
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (due, i);
      ConfianzaClient *client = lookup_client (self, clients, confianza_promise_get_client_id (promise));

      /* Every promise has its client; this only guards a race with a deletion. */
      if (client != NULL)
        fill_promise_row (next_row (self, section), promise, client, today);
    }

  return TRUE;
}

static gboolean
add_follow_ups (ConfianzaTodayPage  *self,
                GHashTable          *clients,
                GDateTime           *today,
                GDateTime           *until,
                GError             **error)
{
  g_autoptr(GPtrArray) due = NULL;

  due = confianza_store_get_open_follow_ups_due (self->store, until, SECTION_MAX_ROWS,
                                                 &self->totals[SECTION_FOLLOW_UPS], error);
  if (due == NULL)
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (due, i);
      ConfianzaClient *client = lookup_client (self, clients, confianza_follow_up_get_client_id (follow_up));

      if (client != NULL)
        fill_follow_up_row (next_row (self, SECTION_FOLLOW_UPS), follow_up, client, today);
    }

  return TRUE;
}

static gboolean
add_contacts (ConfianzaTodayPage  *self,
              GDateTime           *today,
              GError             **error)
{
  int default_cadence = g_settings_get_int (self->settings, "follow-up-days");
  g_autoptr(GPtrArray) contacts = NULL;

  /* Computed by SQLite: no walk over every client to show ten of them */
  contacts = confianza_store_get_clients_to_contact (self->store, today, default_cadence,
                                                     SECTION_MAX_ROWS,
                                                     &self->totals[SECTION_CONTACT], error);
  if (contacts == NULL)
    return FALSE;

  for (guint i = 0; i < contacts->len; i++)
    {
      ConfianzaClient *client = g_ptr_array_index (contacts, i);
      int days = confianza_rules_days_since_contact (confianza_client_get_last_contact (client),
                                                     confianza_client_get_since (client), today);

      fill_contact_row (next_row (self, SECTION_CONTACT), client, days);
    }

  return TRUE;
}

/* Whether the database holds any client; when it cannot be read, say
 * yes: the page then says nothing is due rather than welcome a user who
 * may have clients. */
static gboolean
has_clients (ConfianzaTodayPage *self)
{
  ConfianzaStoreCounts counts = { 0 };

  return !confianza_store_count (self->store, &counts, NULL) || counts.clients > 0;
}

static void
rebuild (ConfianzaTodayPage *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) yesterday = confianza_date_add_days (today, -1);
  g_autoptr(GDateTime) week = confianza_date_add_days (today, WEEK_AHEAD);
  g_autoptr(GHashTable) clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GError) error = NULL;
  guint total = 0;

  for (Section s = 0; s < N_SECTIONS; s++)
    clear_section (self, s);

  if (self->store == NULL)
    return;

  if (!add_promises (self, SECTION_OVERDUE, clients, today, NULL, yesterday, &error) ||
      !add_promises (self, SECTION_TODAY, clients, today, yesterday, today, &error) ||
      !add_follow_ups (self, clients, today, week, &error) ||
      !add_measures (self, clients, today, &error) ||
      !add_promises (self, SECTION_WEEK, clients, today, today, week, &error) ||
      !add_contacts (self, today, &error))
    {
      for (Section s = 0; s < N_SECTIONS; s++)
        {
          clear_section (self, s);
          finish_section (self, s);
        }
      adw_status_page_set_title (self->empty_page, _("Today Could Not Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (Section s = 0; s < N_SECTIONS; s++)
    {
      finish_section (self, s);
      add_more_row (self, s);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[s]), self->n_shown[s] > 0);
      total += self->n_shown[s];
    }

  if (total == 0 && !has_clients (self))
    {
      /* A first start: nothing is due because nobody is there yet */
      gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else if (total == 0)
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
  gtk_widget_class_bind_template_child (widget_class, ConfianzaTodayPage, welcome_add_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaTodayPage, welcome_import_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaTodayPage, welcome_sample_button);
  gtk_widget_class_bind_template_child_full (widget_class, "overdue_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_OVERDUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "today_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_TODAY]));
  gtk_widget_class_bind_template_child_full (widget_class, "follow_ups_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_FOLLOW_UPS]));
  gtk_widget_class_bind_template_child_full (widget_class, "measures_group", FALSE,
                                             G_STRUCT_OFFSET (ConfianzaTodayPage, groups[SECTION_MEASURES]));
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

const char *
confianza_today_page_get_state (ConfianzaTodayPage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_TODAY_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
confianza_today_page_count (ConfianzaTodayPage *self,
                            const char         *section)
{
  g_return_val_if_fail (CONFIANZA_IS_TODAY_PAGE (self), 0);

  for (Section s = 0; s < N_SECTIONS; s++)
    if (g_strcmp0 (section_names[s], section) == 0)
      return self->n_shown[s];

  g_return_val_if_reached (0);
}
