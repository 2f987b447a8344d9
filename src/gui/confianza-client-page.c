/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-client-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "confianza-broken-dialog.h"
#include "confianza-renegotiate-dialog.h"
#include "confianza-client-dialog.h"
#include "confianza-client-page.h"
#include "confianza-client-rows.h"
#include "confianza-conversation-dialog.h"
#include "confianza-deliver-dialog.h"
#include "confianza-farewell.h"
#include "confianza-follow-up-dialog.h"
#include "confianza-incident-dialog.h"
#include "confianza-ledger.h"
#include "confianza-promise-dialog.h"
#include "confianza-quick-win-dialog.h"
#include "confianza-recommendation-dialog.h"
#include "confianza-recovery-start.h"
#include "confianza-recovery-wizard.h"
#include "confianza-reports-page.h"
#include "confianza-trust-chart.h"
#include "confianza-undo.h"
#include "model/confianza-buffer.h"
#include "model/confianza-recovery.h"
#include "model/confianza-recovery-text.h"

/* The sections that list records, each with its live list. */
typedef enum
{
  LIST_PROMISES,
  LIST_QUICK_WINS,
  LIST_CONVERSATIONS,
  LIST_INCIDENTS,
  LIST_PLANS,
  LIST_RECOMMENDATIONS,
  N_LISTS
} ListKind;

typedef struct
{
  GListModel *model;      /* the store's live list */
} List;

struct _ConfianzaClientPage
{
  GtkBox           parent_instance;

  ConfianzaStore  *store;
  ConfianzaClient *client;
  List             lists[N_LISTS];
  /* The live client list, to follow the client's newest instance. */
  GListModel      *clients;
  /* Every client's incidents: is a cause systemic across the portfolio? */
  GListModel      *all_incidents;
  /* Plans whose follow-ups are shown, by id. */
  GHashTable      *expanded_plans;

  /* Template widgets */
  AdwAvatar       *avatar;
  GtkLabel        *name_label;
  GtkLabel        *company_label;
  GtkLabel        *contact_label;
  GtkLabel        *details_label;
  GtkLabel        *status_label;
  GtkLabel        *trust_value_label;
  GtkLabel        *trust_level_label;
  GtkLabel        *trust_summary_label;
  ConfianzaTrustChart *trust_chart;
  GtkLabel        *margin_label;
  GtkListBox      *trust_events_list;
  GtkLabel        *recommend_score_label;
  GtkLabel        *recommend_class_label;
  GtkLabel        *recommend_latest_label;
  GtkLabel        *level_chip;
  GtkWidget       *header_actions;
  GtkWidget       *new_promise_button;
  ConfianzaLedger *ledger;
  AdwViewStack    *views;
  AdwViewSwitcherBar *switcher_bar;
  /* The view last shown for each client, by id, while the window is open */
  GHashTable      *last_views;
  GtkListBox      *list_boxes[N_LISTS];
  GtkWidget       *empty_labels[N_LISTS];
  char            *status_class;
  char            *trust_class;
  char            *level_class;
  char            *recommend_class;
};

G_DEFINE_FINAL_TYPE (ConfianzaClientPage, confianza_client_page, GTK_TYPE_BOX)

/* How many events of the explanation the page lists. */
#define TRUST_EVENTS_SHOWN 6

static GtkWindow *
parent_window (ConfianzaClientPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static gpointer
find_item (GListModel *model,
           gint64      id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 item_id = 0;

      g_object_get (item, "id", &item_id, NULL);
      if (item_id == id)
        return g_steal_pointer (&item);
    }

  return NULL;
}

static ConfianzaRecoveryPlan *
find_plan_for_incident (ConfianzaClientPage *self,
                        gint64               incident_id)
{
  GListModel *plans = self->lists[LIST_PLANS].model;
  guint n = plans != NULL ? g_list_model_get_n_items (plans) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);

      if (confianza_recovery_plan_get_incident_id (plan) == incident_id)
        return g_steal_pointer (&plan);
    }

  return NULL;
}

/* A small menu button for a row: each entry an action taking the record id. */
static GtkWidget *
create_incident_row (gpointer item,
                     gpointer user_data)
{
  ConfianzaClientPage *self = user_data;
  ConfianzaIncident *incident = item;
  g_autofree char *date = confianza_date_format (confianza_incident_get_happened_on (incident));
  g_autofree char *subtitle = NULL;
  g_autofree char *systemic = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  gint64 id = confianza_incident_get_id (incident);
  const char *cause = confianza_incident_get_cause (incident);
  ConfianzaSeverity severity = confianza_incident_get_severity (incident);
  GtkWidget *row;

  /* Translators: date · responsibility · cause category of an incident */
  subtitle = g_strdup_printf (_("%s · %s · %s"), date,
                              confianza_responsibility_to_label (confianza_incident_get_responsibility (incident)),
                              cause[0] != '\0' ? cause : _("no cause category"));
  systemic = confianza_incident_systemic_sentence (incident, self->all_incidents);
  if (systemic != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);

      subtitle = g_strconcat (plain, "\n", systemic, NULL);
    }
  plan = find_plan_for_incident (self, confianza_incident_get_id (incident));

  row = confianza_new_row (confianza_incident_get_description (incident), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
  if (systemic != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), confianza_chip (_("Systemic"), "error"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             confianza_chip (confianza_severity_to_label (severity),
                                   severity == CONFIANZA_SEVERITY_MINOR ? "warning" : "error"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             confianza_row_menu (id, _("Incident actions"),
                                       plan != NULL ? _("_Open Recovery Plan") : _("_Start Recovery Plan"),
                                       "client.recovery-plan",
                                       _("_Edit…"), "client.edit-incident",
                                       _("_Delete"), "client.delete-incident",
                                       NULL));

  return row;
}

static void
on_plan_expanded (AdwExpanderRow      *row,
                  GParamSpec          *pspec,
                  ConfianzaClientPage *self)
{
  gpointer key = g_object_get_data (G_OBJECT (row), "plan-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded_plans, key);
  else
    g_hash_table_remove (self->expanded_plans, key);
}

static GtkWidget *
create_plan_row (gpointer item,
                 gpointer user_data)
{
  ConfianzaClientPage *self = user_data;
  ConfianzaRecoveryPlan *plan = item;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *started = confianza_date_format (confianza_recovery_plan_get_started_on (plan));
  g_autoptr(ConfianzaIncident) incident = find_item (self->lists[LIST_INCIDENTS].model,
                                                     confianza_recovery_plan_get_incident_id (plan));
  g_autoptr(GListModel) follow_up_model = confianza_store_get_follow_ups (self->store, confianza_recovery_plan_get_id (plan));
  g_autoptr(GPtrArray) follow_ups = confianza_model_to_array (follow_up_model);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  ConfianzaPlanOutcome outcome = confianza_recovery_plan_get_outcome (plan);
  gint64 id = confianza_recovery_plan_get_id (plan);
  int step = confianza_recovery_plan_get_step (plan);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *open;

  if (incident != NULL)
    title = g_strdup (confianza_incident_get_description (incident));
  else
    /* Translators: %s is the date a recovery plan was started */
    title = g_strdup_printf (_("Recovery plan started %s"), started);

  if (outcome == CONFIANZA_PLAN_IN_PROGRESS && step < CONFIANZA_RECOVERY_METHOD_STEPS)
    {
      g_autofree char *where = confianza_recovery_describe_step (step);

      g_string_append (subtitle, where);
    }
  else
    /* Translators: %s is the date a recovery plan was started */
    g_string_append_printf (subtitle, _("Started %s"), started);

  if (incident != NULL)
    {
      g_autofree char *timing = confianza_recovery_timing_text (incident, plan, follow_ups);

      g_string_append (subtitle, "\n");
      g_string_append (subtitle, timing);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                               confianza_chip (confianza_plan_outcome_to_label (outcome),
                                     outcome == CONFIANZA_PLAN_RECOVERED ? "success" :
                                     outcome == CONFIANZA_PLAN_LET_GO ? "error" : "warning"));

  open = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (open, _("Open the recovery plan"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "client.open-plan");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (open), g_variant_new_int64 (id));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open);

  for (guint i = 0; i < follow_ups->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), confianza_follow_up_row_new (g_ptr_array_index (follow_ups, i), today));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), follow_ups->len > 0);

  g_object_set_data (G_OBJECT (row), "plan-id", GSIZE_TO_POINTER ((gsize) id));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 g_hash_table_contains (self->expanded_plans, GSIZE_TO_POINTER ((gsize) id)));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_plan_expanded), self, 0);

  return row;
}

/* The latest answer: the live list is newest first */
static void
update_recommendation (ConfianzaClientPage *self)
{
  List *list = &self->lists[LIST_RECOMMENDATIONS];
  guint n = list->model != NULL ? g_list_model_get_n_items (list->model) : 0;
  g_autoptr(ConfianzaRecommendation) latest = n > 0 ? g_list_model_get_item (list->model, 0) : NULL;
  g_autofree char *score = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  ConfianzaRecommender recommender;

  if (self->recommend_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->recommend_class_label), self->recommend_class);
  g_clear_pointer (&self->recommend_class, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->recommend_score_label), latest != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->recommend_class_label), latest != NULL);

  if (latest == NULL)
    {
      gtk_label_set_label (self->recommend_latest_label,
                           _("Not asked yet. Ask from 0 to 10 how likely they are to recommend you, and again after a recovery."));
      return;
    }

  recommender = confianza_recommender_for_score (confianza_recommendation_get_score (latest));
  /* Translators: the latest answer, from 0 to 10 */
  score = g_strdup_printf (_("%d/10"), confianza_recommendation_get_score (latest));
  gtk_label_set_label (self->recommend_score_label, score);
  gtk_label_set_label (self->recommend_class_label, confianza_recommender_to_label (recommender));
  self->recommend_class = g_strdup (confianza_recommender_to_css_class (recommender));
  gtk_widget_add_css_class (GTK_WIDGET (self->recommend_class_label), self->recommend_class);

  date = confianza_date_format (confianza_recommendation_get_answered_on (latest));
  /* Translators: when the client gave their latest would-recommend answer */
  text = g_strdup_printf (_("Latest answer, on %s."), date);
  gtk_label_set_label (self->recommend_latest_label, text);
}

static void
update_empty (ConfianzaClientPage *self)
{
  /* The ledger shows its own emptiness */
  for (ListKind k = LIST_PROMISES + 1; k < N_LISTS; k++)
    {
      GtkListBoxRow *shown = gtk_list_box_get_row_at_index (self->list_boxes[k], 0);

      gtk_widget_set_visible (GTK_WIDGET (self->list_boxes[k]), shown != NULL);
      gtk_widget_set_visible (self->empty_labels[k], shown == NULL);
    }

  update_recommendation (self);
}

/* "Promete menos": how much room the promised dates and quantities left. */
static void
update_margin (ConfianzaClientPage *self,
               GPtrArray           *promises)
{
  ConfianzaBuffer buffer = confianza_buffer_compute (promises);
  g_autoptr(GString) text = g_string_new (NULL);
  int days = (int) round (buffer.mean_days_early);

  if (buffer.n_delivered == 0)
    {
      gtk_label_set_label (self->margin_label,
                           _("Margin: nothing delivered yet. Promise less and deliver more: leave room in the dates you give."));
      return;
    }

  if (days > 0)
    g_string_append_printf (text, ngettext ("Margin: on average you deliver %d day before the due date",
                                            "Margin: on average you deliver %d days before the due date", days),
                            days);
  else if (days < 0)
    g_string_append_printf (text, ngettext ("Margin: on average you deliver %d day after the due date",
                                            "Margin: on average you deliver %d days after the due date", -days),
                            -days);
  else
    g_string_append (text, _("Margin: on average you deliver on the due date, with no room to spare"));

  /* Translators: the share of deliveries made before their due date */
  g_string_append_printf (text, _(" (%d %% early)"), (int) round (buffer.share_early * 100));

  if (buffer.n_with_quantity > 0)
    {
      g_string_append (text, " · ");
      /* Translators: delivered against promised quantity, in percent */
      g_string_append_printf (text, _("%d %% of the promised quantities delivered"),
                              (int) round (buffer.mean_quantity_ratio * 100));
    }

  {
    guint renegotiated = 0;

    for (guint i = 0; i < promises->len; i++)
      if (confianza_promise_is_renegotiated (g_ptr_array_index (promises, i)))
        renegotiated++;
    /* The margin counts from the agreed dates: say how many moved */
    if (renegotiated > 0)
      {
        g_string_append (text, " · ");
        g_string_append_printf (text, ngettext ("%u date renegotiated in time",
                                                "%u dates renegotiated in time", renegotiated),
                                renegotiated);
      }
  }

  gtk_label_set_label (self->margin_label, text->str);
}

static void
update_trust (ConfianzaClientPage *self)
{
  g_auto(ConfianzaTrustInput) input = { 0 };
  g_autoptr(ConfianzaTrust) trust = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trust_events_list))) != NULL)
    gtk_list_box_remove (self->trust_events_list, child);

  if (self->client == NULL || self->store == NULL)
    return;

  if (!confianza_store_load_history (self->store, self->client, &input, &error))
    {
      gtk_label_set_label (self->trust_summary_label, error->message);
      return;
    }

  trust = confianza_trust_compute (&input);
  value = g_strdup_printf ("%d", trust->score);
  gtk_label_set_label (self->trust_value_label, value);
  gtk_label_set_label (self->trust_level_label, confianza_trust_level_to_label (trust->level));
  {
    /* Translators: the trust level confianza_chip in a client's header ("Trust: High") */
    g_autofree char *chip_text = g_strdup_printf (C_("client header", "Trust: %s"),
                                                  confianza_trust_level_to_label (trust->level));

    gtk_label_set_label (self->level_chip, chip_text);
  }
  if (self->trust_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->trust_level_label), self->trust_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->level_chip), self->trust_class);
    }
  g_free (self->trust_class);
  self->trust_class = g_strdup (confianza_trust_level_to_css_class (trust->level));
  gtk_widget_add_css_class (GTK_WIDGET (self->trust_level_label), self->trust_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->level_chip), self->trust_class);
  /* Translators: the trust index confianza_chip in the client's header, e.g. "Trust: High" */
  {
    g_autofree char *tooltip = g_strdup_printf (_("Trust index %d: %s"), trust->score,
                                                confianza_trust_level_to_label (trust->level));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->level_chip), tooltip);
  }

  if (trust->events->len == 0)
    summary = g_strdup (_("No history yet: every client starts at 50. Keeping promises raises it; breaking them lowers it several times more."));
  else
    summary = g_strdup (_("What moved it, most first. Recent events weigh more than old ones."));
  if (trust->systemic)
    {
      g_autofree char *plain = g_steal_pointer (&summary);
      summary = g_strconcat (plain, " ",
                             _("The same cause went wrong again within a year: this is a systemic problem, not an isolated error."),
                             NULL);
    }
  gtk_label_set_label (self->trust_summary_label, summary);

  for (guint i = 0; i < trust->events->len && shown < TRUST_EVENTS_SHOWN; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);
      g_autofree char *points = NULL;
      g_autofree char *date = confianza_date_format (event->date);
      GtkWidget *row;

      if (event->rounded_points == 0 && fabs (event->points) < 0.5)
        continue;

      points = g_strdup_printf ("%+d", event->rounded_points);
      row = confianza_new_row (event->description, date);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 confianza_chip (points, event->points >= 0 ? "success" : "error"));
      gtk_list_box_append (self->trust_events_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->trust_events_list), shown > 0);

  /* The index over time, month by month since the relationship began */
  {
    g_autoptr(GArray) history = confianza_trust_history (&input, NULL, NULL);

    confianza_trust_chart_set_points (self->trust_chart, history);
    gtk_widget_set_visible (GTK_WIDGET (self->trust_chart), history != NULL && history->len > 1);
  }

  update_margin (self, input.promises);
}

static void
update_header (ConfianzaClientPage *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GString) contact = g_string_new (NULL);
  g_autoptr(GString) details = g_string_new (NULL);
  ConfianzaClient *client = self->client;
  ConfianzaClientStatus status;
  const char *email, *phone;
  GDateTime *since;
  int days;

  if (client == NULL)
    return;

  adw_avatar_set_text (self->avatar, confianza_client_get_name (client));
  gtk_label_set_label (self->name_label, confianza_client_get_name (client));
  gtk_label_set_label (self->company_label, confianza_client_get_company (client));
  gtk_widget_set_visible (GTK_WIDGET (self->company_label),
                          confianza_client_get_company (client)[0] != '\0');

  email = confianza_client_get_email (client);
  phone = confianza_client_get_phone (client);
  g_string_append (contact, email);
  if (email[0] != '\0' && phone[0] != '\0')
    g_string_append (contact, " · ");
  g_string_append (contact, phone);
  gtk_label_set_label (self->contact_label, contact->str);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_label), contact->len > 0);

  since = confianza_client_get_since (client);
  if (since != NULL)
    {
      int age = MAX (0, confianza_date_days_between (since, today));

      if (age >= 730)
        g_string_append_printf (details, ngettext ("Client for %d year", "Client for %d years", age / 365), age / 365);
      else if (age >= 60)
        g_string_append_printf (details, ngettext ("Client for %d month", "Client for %d months", age / 30), age / 30);
      else if (age > 0)
        g_string_append_printf (details, ngettext ("Client for %d day", "Client for %d days", age), age);
      else
        g_string_append (details, _("Client since today"));
    }

  days = confianza_rules_days_since_contact (confianza_client_get_last_contact (client), NULL, today);
  if (details->len > 0)
    g_string_append (details, " · ");
  if (days < 0)
    g_string_append (details, _("No contact logged yet"));
  else if (days == 0)
    g_string_append (details, _("Last contact today"));
  else
    g_string_append_printf (details, ngettext ("Last contact %d day ago", "Last contact %d days ago", days), days);
  gtk_label_set_label (self->details_label, details->str);

  status = confianza_client_get_status (client);
  gtk_label_set_label (self->status_label, confianza_client_status_to_label (status));
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup (confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
}

/* Callbacks */

static void
on_client_notify (ConfianzaClientPage *self)
{
  update_header (self);
}

static void refresh_list (ConfianzaClientPage        *self,
                          ListKind                    kind,
                          GtkListBoxCreateWidgetFunc  create);

/* The page follows the client's newest instance in the live list; when
 * the client was erased, the page it is on goes back. */
static void
follow_client (ConfianzaClientPage *self)
{
  gint64 id;
  g_autoptr(ConfianzaClient) live = NULL;

  if (self->client == NULL || self->clients == NULL)
    return;

  id = confianza_client_get_id (self->client);
  live = find_item (self->clients, id);
  if (live == NULL)
    {
      g_autoptr(ConfianzaClient) stored = confianza_store_get_client (self->store, id, NULL);

      if (stored == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
      return;
    }

  if (live != self->client)
    {
      g_signal_handlers_disconnect_by_func (self->client, on_client_notify, self);
      g_set_object (&self->client, live);
      g_signal_connect_object (live, "notify", G_CALLBACK (on_client_notify),
                               self, G_CONNECT_SWAPPED);
      update_header (self);
    }
}

static void
on_store_changed (ConfianzaClientPage *self)
{
  follow_client (self);
  update_trust (self);
  /* Systemic warnings, plan links, timing and follow-ups depend on other
   * records than each row's own. */
  refresh_list (self, LIST_INCIDENTS, create_incident_row);
  refresh_list (self, LIST_PLANS, create_plan_row);
}

static void
on_list_changed (ConfianzaClientPage *self)
{
  update_empty (self);
}

/* Actions */

static void
new_promise_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  gtk_window_present (GTK_WINDOW (confianza_promise_dialog_new (parent_window (self), self->store,
                                                                confianza_client_get_id (self->client),
                                                                NULL)));
}

static void
new_quick_win_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  gtk_window_present (GTK_WINDOW (confianza_quick_win_dialog_new (parent_window (self), self->store,
                                                                  confianza_client_get_id (self->client),
                                                                  NULL)));
}

static void
new_conversation_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  gtk_window_present (GTK_WINDOW (confianza_conversation_dialog_new (parent_window (self), self->store,
                                                                     confianza_client_get_id (self->client),
                                                                     NULL)));
}

static void
new_recommendation_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  gtk_window_present (GTK_WINDOW (confianza_recommendation_dialog_new (parent_window (self), self->store,
                                                                       confianza_client_get_id (self->client),
                                                                       NULL)));
}

static void
recommendation_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  List *list = &self->lists[LIST_RECOMMENDATIONS];
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(ConfianzaRecommendation) answer = find_item (list->model, id);

  if (answer == NULL)
    return;

  if (g_str_equal (action_name, "client.edit-recommendation"))
    gtk_window_present (GTK_WINDOW (confianza_recommendation_dialog_new (parent_window (self), self->store,
                                                                         confianza_recommendation_get_client_id (answer),
                                                                         answer)));
  else
    confianza_erase_with_undo (widget, self->store, CONFIANZA_TYPE_RECOMMENDATION, id,
                               _("Answer deleted"));
}

static void
edit_client_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  gtk_window_present (GTK_WINDOW (confianza_client_dialog_new (parent_window (self), self->store,
                                                               self->client)));
}

static void
export_report_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client == NULL)
    return;

  confianza_export_report_interactive (widget, self->store, confianza_client_get_id (self->client),
                                       NULL, NULL);
}

/* One line per step of the promise's history, oldest first */
static char *
history_text (ConfianzaPromise *promise,
              GListModel       *steps)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (steps);

  if (confianza_promise_get_original_due_on (promise) != NULL || n > 0)
    {
      g_autoptr(ConfianzaPromiseStep) first_step = n > 0 ? g_list_model_get_item (steps, 0) : NULL;
      g_autofree char *first = NULL;

      first = confianza_date_format (first_step != NULL ? confianza_promise_step_get_old_due_on (first_step)
                                                        : confianza_promise_get_original_due_on (promise));
      g_string_append_printf (text, _("First due date: %s."), first);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaPromiseStep) step = g_list_model_get_item (steps, i);
      g_autofree char *old_date = confianza_date_format (confianza_promise_step_get_old_due_on (step));
      g_autofree char *new_date = confianza_date_format (confianza_promise_step_get_new_due_on (step));
      g_autofree char *told = confianza_date_format (confianza_promise_step_get_told_on (step));
      const char *verdict = NULL;

      if (confianza_promise_step_get_kind (step) == CONFIANZA_LEDGER_CORRECTION)
        {
          g_autofree char *recorded = confianza_date_format (confianza_promise_step_get_recorded_on (step));

          g_string_append (text, "\n\n");
          /* Translators: wrong date → right date, the day it was corrected, why */
          g_string_append_printf (text, _("%s → %s, a mistake corrected on %s.\n%s"),
                                  old_date, new_date, recorded,
                                  confianza_promise_step_get_reason (step));
          continue;
        }
      if (confianza_promise_step_is_in_time (step))
        verdict = _("told in time and agreed: the new date counts");
      else if (!confianza_promise_step_get_agreed (step))
        verdict = _("not agreed: the date stays");
      else
        verdict = _("told after the date passed: the date stays");

      g_string_append (text, "\n\n");
      /* Translators: old date → new date, the day the client was told, what it means, why */
      g_string_append_printf (text, _("%s → %s, told on %s — %s.\n%s"),
                              old_date, new_date, told, verdict,
                              confianza_promise_step_get_reason (step));
    }
  if (text->len == 0)
    g_string_append (text, _("The date of this promise never changed."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
promise_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  List *list = &self->lists[LIST_PROMISES];
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(ConfianzaPromise) promise = find_item (list->model, id);
  GtkWindow *dialog = NULL;

  if (promise == NULL)
    return;

  if (g_str_equal (action_name, "client.deliver-promise"))
    dialog = GTK_WINDOW (confianza_deliver_dialog_new (parent_window (self), self->store, promise));
  else if (g_str_equal (action_name, "client.promise-history"))
    {
      g_autoptr(GListModel) steps = confianza_store_get_promise_steps (self->store, id);
      g_autofree char *body = history_text (promise, steps);

      dialog = GTK_WINDOW (adw_message_dialog_new (parent_window (self),
                                                   confianza_promise_get_title (promise), body));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    }
  else if (g_str_equal (action_name, "client.correct-promise"))
    dialog = GTK_WINDOW (confianza_renegotiate_dialog_new_correction (parent_window (self), self->store, promise));
  else if (g_str_equal (action_name, "client.renegotiate-promise"))
    dialog = GTK_WINDOW (confianza_renegotiate_dialog_new (parent_window (self), self->store, promise));
  else if (g_str_equal (action_name, "client.break-promise"))
    dialog = GTK_WINDOW (confianza_broken_dialog_new (parent_window (self), self->store, promise));
  else if (g_str_equal (action_name, "client.edit-promise"))
    dialog = GTK_WINDOW (confianza_promise_dialog_new (parent_window (self), self->store,
                                                       confianza_promise_get_client_id (promise),
                                                       promise));
  else
    {
      g_autofree char *title = NULL;

      /* Translators: %s is what was promised */
      title = g_strdup_printf (_("Promise “%s” deleted"), confianza_promise_get_title (promise));
      confianza_erase_with_undo (widget, self->store, CONFIANZA_TYPE_PROMISE, id, title);
    }

  if (dialog != NULL && !g_str_equal (action_name, "client.edit-promise") &&
      !g_str_equal (action_name, "client.promise-history"))
    confianza_recovery_start_watch (dialog);
  if (dialog != NULL)
    gtk_window_present (dialog);
}

static void
quick_win_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  List *list = &self->lists[LIST_QUICK_WINS];
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(ConfianzaQuickWin) win = find_item (list->model, id);

  if (win == NULL)
    return;

  if (g_str_equal (action_name, "client.share-quick-win"))
    {
      g_autoptr(ConfianzaQuickWin) shared = confianza_quick_win_copy (win);
      g_autoptr(GDateTime) today = confianza_date_today ();
      g_autoptr(GError) error = NULL;
      GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

      /* Shared before it was achieved cannot be: then it is shared the day it was achieved. */
      if (confianza_date_compare (today, confianza_quick_win_get_achieved_on (win)) < 0)
        confianza_quick_win_set_shared_on (shared, confianza_quick_win_get_achieved_on (win));
      else
        confianza_quick_win_set_shared_on (shared, today);

      if (!confianza_store_save_quick_win (self->store, shared, &error) && overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
    }
  else if (g_str_equal (action_name, "client.edit-quick-win"))
    {
      gtk_window_present (GTK_WINDOW (confianza_quick_win_dialog_new (parent_window (self), self->store,
                                                                      confianza_quick_win_get_client_id (win),
                                                                      win)));
    }
  else
    {
      g_autofree char *title = NULL;

      /* Translators: %s is the quick win */
      title = g_strdup_printf (_("Quick win “%s” deleted"), confianza_quick_win_get_title (win));
      confianza_erase_with_undo (widget, self->store, CONFIANZA_TYPE_QUICK_WIN, id, title);
    }
}

static void
conversation_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  List *list = &self->lists[LIST_CONVERSATIONS];
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(ConfianzaConversation) conversation = find_item (list->model, id);

  if (conversation == NULL)
    return;

  if (g_str_equal (action_name, "client.edit-conversation"))
    gtk_window_present (GTK_WINDOW (confianza_conversation_dialog_new (parent_window (self), self->store,
                                                                       confianza_conversation_get_client_id (conversation),
                                                                       conversation)));
  else
    confianza_erase_with_undo (widget, self->store, CONFIANZA_TYPE_CONVERSATION, id,
                               _("Conversation deleted"));
}

static void
new_incident_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  GtkWindow *dialog;

  if (self->client == NULL)
    return;

  dialog = GTK_WINDOW (confianza_incident_dialog_new (parent_window (self), self->store,
                                                      confianza_client_get_id (self->client), NULL));
  confianza_recovery_start_watch (dialog);
  gtk_window_present (dialog);
}

static void
something_wrong_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);

  if (self->client != NULL)
    confianza_recovery_start_something_wrong (parent_window (self), self->store,
                                              confianza_client_get_id (self->client));
}

static void
on_plan_finished (ConfianzaClientPage   *self,
                  ConfianzaRecoveryPlan *plan)
{
  if (confianza_recovery_plan_get_outcome (plan) != CONFIANZA_PLAN_LET_GO || self->client == NULL)
    return;

  follow_client (self);
  confianza_farewell_offer (GTK_WIDGET (self), self->store, self->client, plan, "win.delete-client");
}

static void
open_wizard (ConfianzaClientPage *self,
             ConfianzaIncident   *incident)
{
  ConfianzaRecoveryWizard *wizard = confianza_recovery_wizard_new (parent_window (self), self->store, incident);

  g_signal_connect_object (wizard, "finished", G_CALLBACK (on_plan_finished), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
incident_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  List *list = &self->lists[LIST_INCIDENTS];
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(ConfianzaIncident) incident = find_item (list->model, id);

  if (incident == NULL)
    return;

  if (g_str_equal (action_name, "client.edit-incident"))
    gtk_window_present (GTK_WINDOW (confianza_incident_dialog_new (parent_window (self), self->store,
                                                                   confianza_incident_get_client_id (incident),
                                                                   incident)));
  else if (g_str_equal (action_name, "client.recovery-plan"))
    open_wizard (self, incident);
  else
    confianza_erase_with_undo (widget, self->store, CONFIANZA_TYPE_INCIDENT, id,
                               _("Incident deleted, with its recovery plan"));
}

static void
open_plan_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  g_autoptr(ConfianzaRecoveryPlan) plan = find_item (self->lists[LIST_PLANS].model, g_variant_get_int64 (parameter));
  g_autoptr(ConfianzaIncident) incident = NULL;

  if (plan == NULL)
    return;

  incident = find_item (self->lists[LIST_INCIDENTS].model, confianza_recovery_plan_get_incident_id (plan));
  if (incident != NULL)
    open_wizard (self, incident);
}

static void
follow_up_done_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  GListModel *plans = self->lists[LIST_PLANS].model;
  gint64 id = g_variant_get_int64 (parameter);
  guint n = plans != NULL ? g_list_model_get_n_items (plans) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GListModel) follow_ups = confianza_store_get_follow_ups (self->store, confianza_recovery_plan_get_id (plan));
      g_autoptr(ConfianzaFollowUp) follow_up = find_item (follow_ups, id);

      if (follow_up != NULL)
        {
          gtk_window_present (GTK_WINDOW (confianza_follow_up_dialog_new (parent_window (self), self->store,
                                                                          follow_up)));
          return;
        }
    }
}

/* Views: the order of the view switcher, for Alt+number and Ctrl+PgUp/PgDn */
static const char * const view_names[] = {
  "promises", "quick-wins", "conversations", "incidents", "recovery", "trust",
};
#define N_VIEWS G_N_ELEMENTS (view_names)

static const char *
last_view (ConfianzaClientPage *self,
           gint64               id)
{
  const char *name = g_hash_table_lookup (self->last_views, &id);

  return name != NULL ? name : view_names[0];
}

/* Keeps the view last used for the client while the window is open */
static void
on_view_changed (ConfianzaClientPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->views);
  gint64 id;

  if (self->client == NULL || name == NULL)
    return;

  id = confianza_client_get_id (self->client);
  g_hash_table_replace (self->last_views, g_memdup2 (&id, sizeof id), (gpointer) g_intern_string (name));
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  int index = g_variant_get_int32 (parameter);

  if (index >= 0 && index < (int) N_VIEWS)
    adw_view_stack_set_visible_child_name (self->views, view_names[index]);
}

static void
next_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (widget);
  const char *name = adw_view_stack_get_visible_child_name (self->views);
  int step = g_variant_get_int32 (parameter);
  int index = 0;

  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (view_names[i], name) == 0)
      index = (int) i;
  /* Round and round, as GNOME's notebooks do */
  index = (index + step + (int) N_VIEWS) % (int) N_VIEWS;
  adw_view_stack_set_visible_child_name (self->views, view_names[index]);
}

static void
bind_list (ConfianzaClientPage         *self,
           ListKind                     kind,
           GListModel                  *model,
           GtkListBoxCreateWidgetFunc   create)
{
  List *list = &self->lists[kind];

  if (list->model != NULL)
    g_signal_handlers_disconnect_by_data (list->model, self);
  g_clear_object (&list->model);
  list->model = model;

  if (kind == LIST_PROMISES)
    {
      confianza_ledger_set_model (self->ledger, model);
      return;
    }

  if (model == NULL)
    {
      gtk_list_box_bind_model (self->list_boxes[kind], NULL, NULL, NULL, NULL);
      return;
    }

  gtk_list_box_bind_model (self->list_boxes[kind], model, create, self, NULL);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_list_changed),
                           self, G_CONNECT_SWAPPED);
}

/* Builds the rows again */
static void
refresh_list (ConfianzaClientPage        *self,
              ListKind                    kind,
              GtkListBoxCreateWidgetFunc  create)
{
  List *list = &self->lists[kind];

  if (list->model == NULL || kind == LIST_PROMISES)
    return;

  gtk_list_box_bind_model (self->list_boxes[kind], list->model, create, self, NULL);
  update_empty (self);
}

static void
confianza_client_page_dispose (GObject *object)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (object);

  confianza_client_page_set_client (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CLIENT_PAGE);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->all_incidents);
  g_clear_pointer (&self->expanded_plans, g_hash_table_unref);
  g_clear_pointer (&self->last_views, g_hash_table_unref);

  G_OBJECT_CLASS (confianza_client_page_parent_class)->dispose (object);
}

static void
confianza_client_page_finalize (GObject *object)
{
  ConfianzaClientPage *self = CONFIANZA_CLIENT_PAGE (object);

  g_free (self->status_class);
  g_free (self->trust_class);
  g_free (self->recommend_class);

  G_OBJECT_CLASS (confianza_client_page_parent_class)->finalize (object);
}

static void
confianza_client_page_class_init (ConfianzaClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const list_names[N_LISTS] = {
    "promises", "quick_wins", "conversations", "incidents", "plans",
    "recommendations",
  };

  object_class->dispose = confianza_client_page_dispose;
  object_class->finalize = confianza_client_page_finalize;

  g_type_ensure (CONFIANZA_TYPE_TRUST_CHART);
  g_type_ensure (CONFIANZA_TYPE_LEDGER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, company_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, contact_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, trust_value_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, trust_level_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, trust_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, trust_chart);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, margin_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, trust_events_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, recommend_score_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, recommend_class_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, recommend_latest_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, level_chip);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, header_actions);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, new_promise_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, ledger);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, views);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientPage, switcher_bar);

  for (ListKind k = LIST_PROMISES + 1; k < N_LISTS; k++)
    {
      g_autofree char *list = g_strdup_printf ("%s_list", list_names[k]);
      g_autofree char *empty = g_strdup_printf ("%s_empty", list_names[k]);

      /* The names must outlive the class: intern them. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (list), FALSE,
                                                 G_STRUCT_OFFSET (ConfianzaClientPage, list_boxes) +
                                                 k * sizeof (GtkListBox *));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (empty), FALSE,
                                                 G_STRUCT_OFFSET (ConfianzaClientPage, empty_labels) +
                                                 k * sizeof (GtkWidget *));
    }

  gtk_widget_class_install_action (widget_class, "client.new-promise", NULL, new_promise_activated);
  gtk_widget_class_install_action (widget_class, "client.new-quick-win", NULL, new_quick_win_activated);
  gtk_widget_class_install_action (widget_class, "client.new-conversation", NULL, new_conversation_activated);
  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_client_activated);
  gtk_widget_class_install_action (widget_class, "client.export-report", NULL, export_report_activated);
  gtk_widget_class_install_action (widget_class, "client.deliver-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.break-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.renegotiate-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.promise-history", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.correct-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.edit-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.delete-promise", "x", promise_activated);
  gtk_widget_class_install_action (widget_class, "client.share-quick-win", "x", quick_win_activated);
  gtk_widget_class_install_action (widget_class, "client.edit-quick-win", "x", quick_win_activated);
  gtk_widget_class_install_action (widget_class, "client.delete-quick-win", "x", quick_win_activated);
  gtk_widget_class_install_action (widget_class, "client.edit-conversation", "x", conversation_activated);
  gtk_widget_class_install_action (widget_class, "client.delete-conversation", "x", conversation_activated);
  gtk_widget_class_install_action (widget_class, "client.new-incident", NULL, new_incident_activated);
  gtk_widget_class_install_action (widget_class, "client.something-wrong", NULL, something_wrong_activated);
  gtk_widget_class_install_action (widget_class, "client.edit-incident", "x", incident_activated);
  gtk_widget_class_install_action (widget_class, "client.delete-incident", "x", incident_activated);
  gtk_widget_class_install_action (widget_class, "client.recovery-plan", "x", incident_activated);
  gtk_widget_class_install_action (widget_class, "client.open-plan", "x", open_plan_activated);
  gtk_widget_class_install_action (widget_class, "client.follow-up-done", "x", follow_up_done_activated);
  gtk_widget_class_install_action (widget_class, "client.new-recommendation", NULL, new_recommendation_activated);
  gtk_widget_class_install_action (widget_class, "client.edit-recommendation", "x", recommendation_activated);
  gtk_widget_class_install_action (widget_class, "client.delete-recommendation", "x", recommendation_activated);
  gtk_widget_class_install_action (widget_class, "client.show-view", "i", show_view_activated);
  gtk_widget_class_install_action (widget_class, "client.next-view", "i", next_view_activated);

  for (guint i = 0; i < N_VIEWS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "client.show-view", "i", (int) i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "client.next-view", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "client.next-view", "i", -1);
}

static void
confianza_client_page_init (ConfianzaClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->expanded_plans = g_hash_table_new (NULL, NULL);
  self->last_views = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect_object (self->views, "notify::visible-child-name",
                           G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
}

ConfianzaClientPage *
confianza_client_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_CLIENT_PAGE, NULL);
}

void
confianza_client_page_set_store (ConfianzaClientPage *self,
                                 ConfianzaStore      *store)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                           self, G_CONNECT_SWAPPED);
  g_clear_object (&self->clients);
  self->clients = confianza_store_get_clients (store);
  g_clear_object (&self->all_incidents);
  self->all_incidents = confianza_store_get_incidents (store, 0);
}

ConfianzaClient *
confianza_client_page_get_client (ConfianzaClientPage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT_PAGE (self), NULL);

  return self->client;
}

void
confianza_client_page_set_client (ConfianzaClientPage *self,
                                  ConfianzaClient     *client)
{
  gint64 id;

  g_return_if_fail (CONFIANZA_IS_CLIENT_PAGE (self));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, on_client_notify, self);
  g_set_object (&self->client, client);

  if (client == NULL || self->store == NULL)
    {
      for (ListKind k = 0; k < N_LISTS; k++)
        bind_list (self, k, NULL, NULL);
      return;
    }

  g_signal_connect_object (client, "notify", G_CALLBACK (on_client_notify),
                           self, G_CONNECT_SWAPPED);

  id = confianza_client_get_id (client);
  bind_list (self, LIST_PROMISES, confianza_store_get_promises (self->store, id), NULL);
  bind_list (self, LIST_QUICK_WINS, confianza_store_get_quick_wins (self->store, id), confianza_quick_win_row_new);
  bind_list (self, LIST_CONVERSATIONS, confianza_store_get_conversations (self->store, id), confianza_conversation_row_new);
  bind_list (self, LIST_INCIDENTS, confianza_store_get_incidents (self->store, id), create_incident_row);
  bind_list (self, LIST_PLANS, confianza_store_get_recovery_plans (self->store, id), create_plan_row);
  bind_list (self, LIST_RECOMMENDATIONS, confianza_store_get_recommendations (self->store, id),
             confianza_recommendation_row_new);
  /* Incident rows link to plans, and plan rows name their incidents. */
  refresh_list (self, LIST_INCIDENTS, create_incident_row);
  g_hash_table_remove_all (self->expanded_plans);

  update_header (self);
  update_empty (self);
  update_trust (self);
  adw_view_stack_set_visible_child_name (self->views, last_view (self, id));
}

void
confianza_client_page_show_section (ConfianzaClientPage *self,
                                    const char          *section)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, section);
}

AdwViewStack *
confianza_client_page_get_views (ConfianzaClientPage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT_PAGE (self), NULL);

  return self->views;
}

void
confianza_client_page_set_narrow (ConfianzaClientPage *self,
                                  gboolean             narrow)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT_PAGE (self));

  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow);
  /* The header keeps its room for the name and chips: no avatar, and
   * "+" for a new promise (the squeezers do the same while resizing) */
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), !narrow);
  gtk_widget_set_visible (self->new_promise_button, !narrow);
}

GtkWidget *
confianza_client_page_get_header_actions (ConfianzaClientPage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT_PAGE (self), NULL);

  return self->header_actions;
}
