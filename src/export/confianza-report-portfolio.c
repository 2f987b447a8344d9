/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "model/confianza-buffer.h"
#include "model/confianza-text.h"
#include "model/confianza-trust.h"
#include "confianza-report-internal.h"

/* The portfolio report */

typedef struct
{
  guint  count;
  gint64 cents;
} CurrencyTotal;

/* What the sheets show of one client, collected in one pass over every
 * history (in id order) and written afterwards in the order of names */
typedef struct
{
  ConfianzaIncident *incident;
  gboolean           systemic;
  const char        *plan_state;      /* a translated label */
} IncidentRow;

typedef struct
{
  ConfianzaRecoveryPlan *plan;
  GDateTime             *incident_on;   /* nullable */
  guint                  steps;
  guint                  on_time;
  guint                  done;
  guint                  planned;
} PlanRow;

typedef struct
{
  ConfianzaClient *client;
  int              trust;
  ConfianzaOutcomeCounts counts;
  ConfianzaBuffer  buffer;
  guint            n_incidents;
  GArray          *incidents;       /* IncidentRow, or NULL */
  GArray          *plans;           /* PlanRow, or NULL */
} ClientRow;

typedef struct
{
  ConfianzaStore *store;
  GDateTime      *from;
  GDateTime      *to;
  const char     *business_name;
  GDateTime      *today;

  GArray         *rows;                     /* ClientRow */
  /* Scratch arrays, emptied for every client */
  GPtrArray      *period_promises;
  GPtrArray      *incidents;
  GPtrArray      *plans;
  GPtrArray      *plan_follow_ups;
  GPtrArray      *plan_compensations;

  /* Totals for the summary */
  guint           n_clients;
  ConfianzaOutcomeCounts counts;
  guint           n_incidents;
  guint           n_systemic;
  guint           n_plans_in_progress;
  /* Each client's latest would-recommend answer, and the NPS over them */
  GPtrArray      *answers;                  /* ConfianzaRecommendation */
  GHashTable     *answer_of_client;         /* client id → answer in @answers */
  ConfianzaNps    nps;
  GHashTable     *months;                   /* month key → ConfianzaOutcomeCounts of the settled */
  GHashTable     *currencies;               /* code → CurrencyTotal */

  /* The ledger and the quick wins, streamed during the pass over every
   * history (client by client, in id order) */
  Report         *report;
  Sheet          *ledger;
  Sheet          *quick_win_sheet;
  guint           n_quick_wins;
  GHashTable     *quick_win_months;         /* month key → count */
  guint           n_renegotiated_in_time;
  guint           n_renegotiated_late;
  /* The margin over every delivery of the period: days early, summed */
  guint           n_delivered;
  double          days_early_sum;
} PortfolioData;

static void
incident_row_clear (gpointer data)
{
  IncidentRow *row = data;

  g_clear_object (&row->incident);
}

static void
plan_row_clear (gpointer data)
{
  PlanRow *row = data;

  g_clear_object (&row->plan);
  g_clear_pointer (&row->incident_on, g_date_time_unref);
}

static void
client_row_clear (gpointer data)
{
  ClientRow *row = data;

  g_clear_object (&row->client);
  g_clear_pointer (&row->incidents, g_array_unref);
  g_clear_pointer (&row->plans, g_array_unref);
}

static void
portfolio_data_clear (PortfolioData *data)
{
  g_clear_pointer (&data->rows, g_array_unref);
  g_clear_pointer (&data->period_promises, g_ptr_array_unref);
  g_clear_pointer (&data->incidents, g_ptr_array_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_clear_pointer (&data->plan_follow_ups, g_ptr_array_unref);
  g_clear_pointer (&data->plan_compensations, g_ptr_array_unref);
  g_clear_pointer (&data->answer_of_client, g_hash_table_unref);
  g_clear_pointer (&data->answers, g_ptr_array_unref);
  g_clear_pointer (&data->months, g_hash_table_unref);
  g_clear_pointer (&data->quick_win_months, g_hash_table_unref);
  g_clear_pointer (&data->currencies, g_hash_table_unref);
}

/* The follow-ups or compensations of the plan @plan_id among the client's */
static void
select_of_plan (GPtrArray *all,
                gint64     plan_id,
                gint64   (*get_plan_id) (gpointer record),
                GPtrArray *selected)
{
  g_ptr_array_set_size (selected, 0);
  for (guint i = 0; all != NULL && i < all->len; i++)
    if (get_plan_id (g_ptr_array_index (all, i)) == plan_id)
      g_ptr_array_add (selected, g_ptr_array_index (all, i));
}

static gint64
follow_up_plan_id (gpointer record)
{
  return confianza_follow_up_get_plan_id (record);
}

static gint64
compensation_plan_id (gpointer record)
{
  return confianza_compensation_get_plan_id (record);
}

static void
collect_promises (PortfolioData             *data,
                  const ConfianzaTrustInput *input,
                  ClientRow                 *row)
{
  g_ptr_array_set_size (data->period_promises, 0);

  for (guint i = 0; i < input->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (input->promises, i);
      GDateTime *date = promise_period_date (promise);
      ConfianzaOutcome outcome;

      if (!in_period (date, data->from, data->to))
        continue;

      g_ptr_array_add (data->period_promises, promise);
      outcome = confianza_promise_get_outcome (promise, data->today);
      confianza_outcome_counts_add (&row->counts, outcome);
      confianza_outcome_counts_add (&data->counts, outcome);

      if (confianza_outcome_is_closed (outcome) && date != NULL)
        {
          gpointer key = GINT_TO_POINTER (month_key (date));
          ConfianzaOutcomeCounts *month = g_hash_table_lookup (data->months, key);

          if (month == NULL)
            {
              month = g_new0 (ConfianzaOutcomeCounts, 1);
              g_hash_table_insert (data->months, key, month);
            }
          confianza_outcome_counts_add (month, outcome);
        }
    }

  row->buffer = confianza_buffer_compute (data->period_promises);
  data->n_delivered += row->buffer.n_delivered;
  data->days_early_sum += row->buffer.mean_days_early * row->buffer.n_delivered;
}

/* The ledger: every promise of the period, promised against delivered */
static void
write_ledger (PortfolioData             *data,
              const ConfianzaTrustInput *input)
{
  Report *report = data->report;
  Sheet *sheet = data->ledger;

  for (guint i = 0; i < data->period_promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (data->period_promises, i);
      ConfianzaPromiseResult result = confianza_promise_get_result (promise, data->today);
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);
      gboolean delivered = confianza_promise_get_delivered_on (promise) != NULL;
      gboolean renegotiated = confianza_promise_is_renegotiated (promise);
      GDateTime *original = confianza_promise_get_original_due_on (promise);

      sheet_text (sheet, 0, confianza_client_get_name (input->client), NULL);
      sheet_text (sheet, 1, confianza_promise_get_title (promise), NULL);
      sheet_text (sheet, 2, confianza_promise_get_kind (promise), NULL);
      sheet_date (sheet, 3, confianza_promise_get_promised_on (promise), NULL);
      sheet_date (sheet, 4, original != NULL ? original : confianza_promise_get_due_on (promise), NULL);
      sheet_date (sheet, 5, confianza_promise_get_due_on (promise), NULL);
      sheet_date (sheet, 6, confianza_promise_get_delivered_on (promise), NULL);
      if (has_quantity)
        {
          sheet_number (sheet, 7, confianza_promise_get_promised_quantity (promise), report->quantity);
          if (delivered)
            sheet_number (sheet, 8, confianza_promise_get_delivered_quantity (promise), report->quantity);
        }
      sheet_text (sheet, 9, confianza_promise_get_extras (promise), NULL);
      sheet_text (sheet, 10, confianza_ledger_outcome_label (result.outcome, renegotiated), NULL);
      if (delivered || result.outcome == CONFIANZA_OUTCOME_OVERDUE)
        sheet_number (sheet, 11, result.days_early, report->days);
      sheet_text (sheet, 12, renegotiated ? _("Yes") : _("No"), NULL);
      sheet_next_row (sheet);
    }

  /* Renegotiations of the period's promises, in time or late */
  for (guint i = 0; input->steps != NULL && i < input->steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (input->steps, i);

      if (confianza_promise_step_get_kind (step) != CONFIANZA_LEDGER_RENEGOTIATION)
        continue;
      for (guint j = 0; j < data->period_promises->len; j++)
        if (confianza_promise_get_id (g_ptr_array_index (data->period_promises, j)) ==
            confianza_promise_step_get_promise_id (step))
          {
            if (confianza_promise_step_is_in_time (step))
              data->n_renegotiated_in_time++;
            else
              data->n_renegotiated_late++;
          }
    }
}

/* Every quick win achieved in the period */
static void
write_quick_wins (PortfolioData             *data,
                  const ConfianzaTrustInput *input)
{
  Sheet *sheet = data->quick_win_sheet;

  for (guint i = 0; input->quick_wins != NULL && i < input->quick_wins->len; i++)
    {
      ConfianzaQuickWin *win = g_ptr_array_index (input->quick_wins, i);
      GDateTime *achieved = confianza_quick_win_get_achieved_on (win);

      if (!in_period (achieved, data->from, data->to))
        continue;
      data->n_quick_wins++;
      {
        gpointer key = GINT_TO_POINTER (month_key (achieved));

        g_hash_table_insert (data->quick_win_months, key,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (data->quick_win_months, key)) + 1));
      }
      sheet_date (sheet, 0, achieved, NULL);
      sheet_text (sheet, 1, confianza_client_get_name (input->client), NULL);
      sheet_text (sheet, 2, confianza_quick_win_get_title (win), NULL);
      sheet_date (sheet, 3, confianza_quick_win_get_shared_on (win), NULL);
      sheet_next_row (sheet);
    }
}

/* Incidents, oldest first, with the systemic flag over all of them */
static void
collect_incidents (PortfolioData             *data,
                   const ConfianzaTrustInput *input,
                   ClientRow                 *row)
{
  g_ptr_array_set_size (data->incidents, 0);
  g_ptr_array_extend (data->incidents, input->incidents, NULL, NULL);
  g_ptr_array_sort (data->incidents, compare_incidents_by_date);

  for (guint i = 0; i < data->incidents->len; i++)
    {
      ConfianzaIncident *incident = g_ptr_array_index (data->incidents, i);
      gint64 incident_id = confianza_incident_get_id (incident);
      IncidentRow line = { 0 };

      if (!in_period (confianza_incident_get_happened_on (incident), data->from, data->to))
        continue;

      line.incident = g_object_ref (incident);
      line.systemic = confianza_recovery_is_systemic (incident, data->incidents, FALSE);
      line.plan_state = _("None");
      row->n_incidents++;
      data->n_incidents++;
      if (line.systemic)
        data->n_systemic++;

      for (guint j = 0; j < data->plans->len; j++)
        {
          ConfianzaRecoveryPlan *plan = g_ptr_array_index (data->plans, j);

          if (confianza_recovery_plan_get_incident_id (plan) == incident_id)
            line.plan_state = confianza_plan_outcome_to_label (confianza_recovery_plan_get_outcome (plan));
        }

      if (row->incidents == NULL)
        {
          row->incidents = g_array_new (FALSE, FALSE, sizeof (IncidentRow));
          g_array_set_clear_func (row->incidents, incident_row_clear);
        }
      g_array_append_val (row->incidents, line);
    }
}

/* Recovery plans under way in the period, and the money they paid */
static void
collect_plans (PortfolioData             *data,
               const ConfianzaTrustInput *input,
               ClientRow                 *row)
{
  for (guint i = 0; i < data->plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (data->plans, i);
      gint64 plan_id = confianza_recovery_plan_get_id (plan);
      ConfianzaIncident *incident = find_incident (input->incidents, confianza_recovery_plan_get_incident_id (plan));
      ConfianzaRecoveryProgress progress;
      PlanRow line = { 0 };

      select_of_plan (input->follow_ups, plan_id, follow_up_plan_id, data->plan_follow_ups);
      select_of_plan (input->compensations, plan_id, compensation_plan_id, data->plan_compensations);

      for (guint j = 0; j < data->plan_compensations->len; j++)
        {
          ConfianzaCompensation *compensation = g_ptr_array_index (data->plan_compensations, j);
          const char *currency = confianza_compensation_get_currency (compensation);
          gint64 cents = confianza_compensation_get_amount_cents (compensation);
          CurrencyTotal *total;

          if (cents == 0 ||
              confianza_compensation_get_given_on (compensation) == NULL ||
              !in_period (confianza_compensation_get_given_on (compensation), data->from, data->to))
            continue;

          total = g_hash_table_lookup (data->currencies, currency != NULL ? currency : "");
          if (total == NULL)
            {
              total = g_new0 (CurrencyTotal, 1);
              g_hash_table_insert (data->currencies, g_strdup (currency != NULL ? currency : ""), total);
            }
          total->count++;
          total->cents += cents;
        }

      if (!plan_in_period (plan, data->from, data->to))
        continue;

      if (confianza_recovery_plan_get_outcome (plan) == CONFIANZA_PLAN_IN_PROGRESS)
        data->n_plans_in_progress++;

      line.plan = g_object_ref (plan);
      if (incident != NULL && confianza_incident_get_happened_on (incident) != NULL)
        line.incident_on = g_date_time_ref (confianza_incident_get_happened_on (incident));
      progress = confianza_recovery_get_progress (plan, data->plan_follow_ups,
                                                  data->plan_compensations, NULL);
      line.on_time = progress.follow_ups_on_time;
      line.done = progress.follow_ups_on_time + progress.follow_ups_late;
      line.steps = progress.n_done;
      line.planned = data->plan_follow_ups->len;

      if (row->plans == NULL)
        {
          row->plans = g_array_new (FALSE, FALSE, sizeof (PlanRow));
          g_array_set_clear_func (row->plans, plan_row_clear);
        }
      g_array_append_val (row->plans, line);
    }
}

static gboolean
collect_client (const ConfianzaTrustInput *input,
                gpointer                   user_data)
{
  PortfolioData *data = user_data;
  ConfianzaTrustInput dated = *input;
  ClientRow row = { 0 };

  row.client = g_object_ref (input->client);

  /* The index says where the relationship stands now: the whole history */
  dated.today = data->today;
  row.trust = (int) round (confianza_trust_score (&dated));

  g_ptr_array_set_size (data->plans, 0);
  g_ptr_array_extend (data->plans, input->plans, NULL, NULL);
  g_ptr_array_sort (data->plans, compare_plans_by_start);

  collect_promises (data, input, &row);
  if (data->ledger != NULL)
    write_ledger (data, input);
  if (data->quick_win_sheet != NULL)
    write_quick_wins (data, input);
  collect_incidents (data, input, &row);
  collect_plans (data, input, &row);

  g_array_append_val (data->rows, row);

  return TRUE;
}

/* The order of the client list: by name, without case */
static int
compare_client_rows (gconstpointer a,
                     gconstpointer b)
{
  return confianza_client_compare_by_name (((const ClientRow *) a)->client,
                                           ((const ClientRow *) b)->client);
}

/* Sheets of the portfolio, written from the collected rows */
typedef struct
{
  Sheet summary;
  Sheet clients;
  Sheet promises;
  Sheet quick_wins;
  Sheet incidents;
  Sheet plans;
} PortfolioSheets;

static void
write_portfolio_client (Report          *report,
                        PortfolioData   *data,
                        PortfolioSheets *sheets,
                        const ClientRow *row)
{
  ConfianzaClient *client = row->client;
  ConfianzaRecommendation *answer = g_hash_table_lookup (data->answer_of_client,
                                                         GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)));
  const char *name = confianza_client_get_name (client);
  Sheet *sheet;

  sheet = &sheets->incidents;
  for (guint i = 0; row->incidents != NULL && i < row->incidents->len; i++)
    {
      const IncidentRow *line = &g_array_index (row->incidents, IncidentRow, i);
      ConfianzaIncident *incident = line->incident;

      sheet_text (sheet, 0, name, NULL);
      sheet_date (sheet, 1, confianza_incident_get_happened_on (incident), NULL);
      sheet_text (sheet, 2, confianza_incident_get_description (incident), NULL);
      sheet_text (sheet, 3, confianza_severity_to_label (confianza_incident_get_severity (incident)), NULL);
      sheet_text (sheet, 4, confianza_responsibility_to_label (confianza_incident_get_responsibility (incident)), NULL);
      sheet_text (sheet, 5, confianza_incident_get_cause (incident), NULL);
      sheet_text (sheet, 6, line->systemic ? _("Systemic problem") : _("Isolated error"), NULL);
      sheet_text (sheet, 7, line->plan_state, NULL);
      sheet_next_row (sheet);
    }

  sheet = &sheets->plans;
  for (guint i = 0; row->plans != NULL && i < row->plans->len; i++)
    {
      const PlanRow *line = &g_array_index (row->plans, PlanRow, i);

      sheet_text (sheet, 0, name, NULL);
      sheet_date (sheet, 1, line->incident_on, NULL);
      sheet_date (sheet, 2, confianza_recovery_plan_get_started_on (line->plan), NULL);
      sheet_number (sheet, 3, line->steps, report->integer);
      sheet_number (sheet, 4, line->on_time, report->integer);
      sheet_number (sheet, 5, line->done, report->integer);
      sheet_number (sheet, 6, line->planned, report->integer);
      sheet_text (sheet, 7, confianza_plan_outcome_to_label (confianza_recovery_plan_get_outcome (line->plan)), NULL);
      sheet_date (sheet, 8, confianza_recovery_plan_get_closed_on (line->plan), NULL);
      sheet_next_row (sheet);
    }

  sheet = &sheets->clients;
  sheet_text (sheet, 0, name, NULL);
  sheet_text (sheet, 1, confianza_client_get_company (client), NULL);
  sheet_text (sheet, 2, confianza_client_status_to_label (confianza_client_get_status (client)), NULL);
  sheet_number (sheet, 3, row->trust, report->integer);
  sheet_number (sheet, 4, confianza_outcome_counts_on_time_rate (&row->counts), report->percent);
  if (row->buffer.n_delivered > 0)
    sheet_number (sheet, 5, row->buffer.mean_days_early, report->decimal);
  sheet_number (sheet, 6, confianza_outcome_counts_total (&row->counts), report->integer);
  sheet_number (sheet, 7, row->counts.n[CONFIANZA_OUTCOME_OVERDUE], report->integer);
  sheet_number (sheet, 8, row->n_incidents, report->integer);
  sheet_date (sheet, 9, confianza_client_get_last_contact (client), NULL);
  if (answer != NULL)
    {
      int score = confianza_recommendation_get_score (answer);

      sheet_number (sheet, 10, score, report->integer);
      sheet_text (sheet, 11, confianza_recommender_to_label (confianza_recommender_for_score (score)), NULL);
      sheet_date (sheet, 12, confianza_recommendation_get_answered_on (answer), NULL);
    }
  sheet_next_row (sheet);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A chart of @column by month (the first column) of the table whose header
 * is at @table_row and whose last row is the one above @sheet's: its axes
 * start at 0, a line for rates, columns for counts */
static lxw_chart *
month_chart (Report     *report,
             Sheet      *sheet,
             uint8_t     type,
             lxw_row_t   table_row,
             lxw_col_t   column,
             const char *title)
{
  lxw_chart *chart = workbook_add_chart (report->workbook, type);
  lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

  chart_series_set_categories (series, sheet->name, table_row + 1, 0, sheet->row - 1, 0);
  chart_series_set_values (series, sheet->name, table_row + 1, column, sheet->row - 1, column);
  chart_series_set_name_range (series, sheet->name, table_row, column);
  chart_series_color (series, RGB_RATE, type == LXW_CHART_LINE);
  chart_title_set_name (chart, title);
  chart_title_set_name_font (chart, &title_font);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_axis_set_num_format (chart->x_axis, MONTH_FORMAT);
  chart_axis_set_min (chart->y_axis, 0);

  return chart;
}

/* @chart beside the tables, from @row */
static void
insert_month_chart (Report    *report,
                    Sheet     *sheet,
                    lxw_row_t  row,
                    lxw_chart *chart)
{
  lxw_chart_options options = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25, .y_scale = 1.15 };

  report_check (report, worksheet_insert_chart_opt (sheet->worksheet, row, 3, chart, &options));
}

/* Written last (its rows in order, as constant memory needs), shown first */
static void
write_portfolio_summary (Report        *report,
                         PortfolioData *data,
                         Sheet         *sheet)
{
  g_autofree const char **codes = NULL;
  guint n_codes = 0;
  lxw_row_t table_row;
  int first, last;

  sheet->caps[0] = 36;
  sheet->caps[1] = 40;

  sheet_title (sheet, _("Portfolio report"), _("Business"), data->business_name);
  sheet_period (sheet, data->from, data->to);
  sheet_next_row (sheet);

  sheet_label_number (sheet, _("Clients"), data->n_clients, report->form_integer);
  sheet_label_number (sheet, _("Promises due in the period"), confianza_outcome_counts_total (&data->counts), report->form_integer);
  sheet_label_number (sheet, _("On-time rate"), confianza_outcome_counts_on_time_rate (&data->counts), report->form_percent);
  sheet_label_number (sheet, _("Overdue promises"), data->counts.n[CONFIANZA_OUTCOME_OVERDUE], report->form_integer);
  sheet_label_number (sheet, _("Overdelivered promises"), data->counts.n[CONFIANZA_OUTCOME_OVERDELIVERED], report->form_integer);
  {
    guint settled = confianza_outcome_counts_settled (&data->counts);

    sheet_label (sheet, _("Overdelivered, of the settled promises"));
    sheet_number (sheet, 1, settled > 0 ? (double) data->counts.n[CONFIANZA_OUTCOME_OVERDELIVERED] / settled : 0,
                  report->form_percent);
    sheet_next_row (sheet);
  }
  /* "Promise less": how many days early the deliveries came, on average */
  sheet_label (sheet, _("Buffer (days early, mean)"));
  if (data->n_delivered > 0)
    sheet_number (sheet, 1, data->days_early_sum / data->n_delivered, report->decimal);
  else
    sheet_text (sheet, 1, "—", NULL);
  sheet_next_row (sheet);
  sheet_label_number (sheet, _("Dates renegotiated in time"), data->n_renegotiated_in_time, report->form_integer);
  sheet_label_number (sheet, _("Dates changed late or without agreement"), data->n_renegotiated_late, report->form_integer);
  sheet_label_number (sheet, _("Quick wins"), data->n_quick_wins, report->form_integer);
  sheet_label_number (sheet, _("Incidents"), data->n_incidents, report->form_integer);
  sheet_label_number (sheet, _("Incidents with a systemic cause"), data->n_systemic, report->form_integer);
  sheet_label_number (sheet, _("Recovery plans in progress"), data->n_plans_in_progress, report->form_integer);
  sheet_label_number (sheet, _("Clients who said whether they would recommend you"), data->nps.n_answers, report->form_integer);
  /* Only with enough answers: a percentage of a handful says little */
  if (data->nps.has_score)
    {
      sheet_label_number (sheet, _("Net Promoter Score (−100 to 100)"), data->nps.score, report->form_integer);
    }
  {
    g_autofree char *sentence = confianza_nps_describe (&data->nps);

    sheet_text (sheet, 0, sentence, NULL);
    sheet_next_row (sheet);
  }
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("Compensation paid in the period"), report->heading);
  sheet_next_row (sheet);
  {
    const char *titles[] = { _("Currency"), _("Amount"), _("Compensations") };

    sheet_header (sheet, titles, G_N_ELEMENTS (titles), 1u << 1 | 1u << 2);
  }
  codes = (const char **) g_hash_table_get_keys_as_array (data->currencies, &n_codes);
  qsort (codes, n_codes, sizeof *codes, compare_strings);
  for (guint i = 0; i < n_codes; i++)
    {
      CurrencyTotal *total = g_hash_table_lookup (data->currencies, codes[i]);

      sheet_text (sheet, 0, codes[i], NULL);
      sheet_number (sheet, 1, total->cents / 100.0, report_currency_format (report, codes[i]));
      sheet_number (sheet, 2, total->count, report->integer);
      sheet_next_row (sheet);
    }
  if (n_codes == 0)
    {
      sheet_text (sheet, 0, _("None"), NULL);
      sheet_next_row (sheet);
    }
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("On-time rate by month"), report->heading);
  sheet_next_row (sheet);
  table_row = sheet->row;
  {
    const char *titles[] = { _("Month due"), _("Settled promises"), _("On time"), _("On-time rate") };

    sheet_header (sheet, titles, G_N_ELEMENTS (titles), ~1u);
  }
  month_range (data->months, &first, &last);
  for (int key = first; key <= last; key++)
    {
      g_autoptr(GDateTime) start = month_start (key);
      ConfianzaOutcomeCounts *month = g_hash_table_lookup (data->months, GINT_TO_POINTER (key));

      sheet_date (sheet, 0, start, report->month);
      sheet_number (sheet, 1, month != NULL ? confianza_outcome_counts_settled (month) : 0, report->integer);
      sheet_number (sheet, 2, month != NULL ? confianza_outcome_counts_on_time (month) : 0, report->integer);
      /* A month with nothing settled has no rate: a gap in the line */
      if (month != NULL && confianza_outcome_counts_settled (month) > 0)
        sheet_number (sheet, 3, confianza_outcome_counts_on_time_rate (month), report->percent);
      sheet_next_row (sheet);
    }

  if (first <= last)
    {
      lxw_chart *chart = month_chart (report, sheet, LXW_CHART_LINE, table_row, 3,
                                      _("On-time rate per month"));

      chart_axis_set_num_format (chart->y_axis, "0%");
      chart_axis_set_max (chart->y_axis, 1);
      insert_month_chart (report, sheet, 2, chart);
    }

  /* The quick-win history: how many a month, as a column chart */
  sheet_next_row (sheet);
  sheet_text (sheet, 0, _("Quick wins by month"), report->heading);
  sheet_next_row (sheet);
  table_row = sheet->row;
  {
    const char *titles[] = { _("Month achieved"), _("Quick wins") };

    sheet_header (sheet, titles, G_N_ELEMENTS (titles), ~1u);
  }
  month_range (data->quick_win_months, &first, &last);
  for (int key = first; key <= last; key++)
    {
      g_autoptr(GDateTime) start = month_start (key);

      sheet_date (sheet, 0, start, report->month);
      sheet_number (sheet, 1, GPOINTER_TO_UINT (g_hash_table_lookup (data->quick_win_months, GINT_TO_POINTER (key))),
                    report->integer);
      sheet_next_row (sheet);
    }
  if (first <= last)
    {
      lxw_chart *chart = month_chart (report, sheet, LXW_CHART_COLUMN, table_row, 1,
                                      _("Quick wins per month"));

      insert_month_chart (report, sheet, table_row, chart);
    }

  sheet_set_widths (sheet);
}

static gboolean
build_portfolio_report (Report    *report,
                        gpointer   user_data,
                        GError   **error)
{
  PortfolioData *data = user_data;
  g_autoptr(GError) local_error = NULL;
  PortfolioSheets sheets;
  const char *client_titles[] = {
    _("Client"), _("Company"), _("Status"), _("Trust index"), _("On-time rate"),
    _("Buffer (days early, mean)"), _("Promises due"), _("Overdue"), _("Incidents"),
    _("Last contact"), _("Would recommend (0–10)"), _("Promoter, passive or detractor"),
    _("Answered on"),
  };
  const char *incident_titles[] = {
    _("Client"), _("Happened on"), _("What went wrong"), _("Severity"),
    _("Responsibility"), _("Cause"), _("Isolated or systemic"), _("Recovery plan"),
  };
  const char *plan_titles[] = {
    _("Client"), _("Incident on"), _("Started on"), _("Steps done (of 6)"),
    _("Follow-ups on time"), _("Follow-ups done"), _("Follow-ups planned"),
    _("Outcome"), _("Closed on"),
  };

  const char *ledger_titles[] = {
    _("Client"), _("What was promised"), _("Kind"), _("Promised on"), _("First due date"),
    _("Agreed due date"), _("Delivered on"), _("Promised quantity"), _("Delivered quantity"),
    _("Extras"), _("Outcome"), _("Days early (+) or late (−)"), _("Renegotiated"),
  };
  const char *quick_win_titles[] = {
    _("Achieved on"), _("Client"), _("Quick win"), _("Shared on"),
  };

  G_STATIC_ASSERT (CONFIANZA_RECOVERY_METHOD_STEPS == 6);

  /* Every sheet exists before the pass that streams the ledger and the
   * quick wins, in the order the workbook shows them */
  sheet_init (&sheets.summary, report, _("Summary"));
  sheet_init (&sheets.clients, report, _("Clients"));
  sheet_init (&sheets.promises, report, _("Promises"));
  sheet_init (&sheets.quick_wins, report, _("Quick wins"));
  sheet_init (&sheets.incidents, report, _("Incidents"));
  sheet_init (&sheets.plans, report, _("Recovery plans"));
  sheets.promises.caps[1] = 40;
  sheets.promises.caps[9] = 30;
  sheets.quick_wins.caps[2] = 50;
  sheet_header (&sheets.promises, ledger_titles, G_N_ELEMENTS (ledger_titles),
                1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 11);
  sheet_header (&sheets.quick_wins, quick_win_titles, G_N_ELEMENTS (quick_win_titles), 1u << 0 | 1u << 3);
  data->report = report;
  data->ledger = &sheets.promises;
  data->quick_win_sheet = &sheets.quick_wins;

  data->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  data->quick_win_months = g_hash_table_new (NULL, NULL);
  data->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->today = report->today;
  data->rows = g_array_new (FALSE, FALSE, sizeof (ClientRow));
  g_array_set_clear_func (data->rows, client_row_clear);
  data->period_promises = g_ptr_array_new ();
  data->incidents = g_ptr_array_new ();
  data->plans = g_ptr_array_new ();
  data->plan_follow_ups = g_ptr_array_new ();
  data->plan_compensations = g_ptr_array_new ();

  /* Every history in one ordered pass (not a query per client and kind),
   * keeping of each client only what the sheets show */
  if (!confianza_store_foreach_history (data->store, collect_client, data, &local_error))
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                           local_error->message);
      return FALSE;
    }
  g_array_sort (data->rows, compare_client_rows);

  data->answers = confianza_store_get_latest_recommendations (data->store, &local_error);
  if (data->answers == NULL)
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                           local_error->message);
      return FALSE;
    }
  data->answer_of_client = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < data->answers->len; i++)
    {
      ConfianzaRecommendation *answer = g_ptr_array_index (data->answers, i);

      g_hash_table_insert (data->answer_of_client,
                           GSIZE_TO_POINTER ((gsize) confianza_recommendation_get_client_id (answer)),
                           answer);
    }
  data->nps = confianza_nps_compute (data->answers);

  sheets.clients.caps[0] = 30;
  sheets.clients.caps[1] = 30;
  sheets.incidents.caps[2] = 45;
  sheets.incidents.caps[5] = 25;
  sheet_header (&sheets.clients, client_titles, G_N_ELEMENTS (client_titles), 0x17F8);
  sheet_header (&sheets.incidents, incident_titles, G_N_ELEMENTS (incident_titles), 1u << 1);
  sheet_header (&sheets.plans, plan_titles, G_N_ELEMENTS (plan_titles), 0x17E);

  data->n_clients = data->rows->len;
  for (guint i = 0; i < data->rows->len && report->error == LXW_NO_ERROR; i++)
    write_portfolio_client (report, data, &sheets, &g_array_index (data->rows, ClientRow, i));

  write_portfolio_summary (report, data, &sheets.summary);

  sheet_finish_table (&sheets.clients, 0, G_N_ELEMENTS (client_titles));
  sheet_finish_table (&sheets.promises, 0, G_N_ELEMENTS (ledger_titles));
  sheet_finish_table (&sheets.quick_wins, 0, G_N_ELEMENTS (quick_win_titles));
  sheet_set_widths (&sheets.promises);
  sheet_set_widths (&sheets.quick_wins);
  sheet_finish_table (&sheets.incidents, 0, G_N_ELEMENTS (incident_titles));
  sheet_finish_table (&sheets.plans, 0, G_N_ELEMENTS (plan_titles));
  sheet_set_widths (&sheets.clients);
  sheet_set_widths (&sheets.incidents);
  sheet_set_widths (&sheets.plans);

  sheet_clear (&sheets.summary);
  sheet_clear (&sheets.clients);
  sheet_clear (&sheets.promises);
  sheet_clear (&sheets.quick_wins);
  sheet_clear (&sheets.incidents);
  sheet_clear (&sheets.plans);

  return TRUE;
}

gboolean
report_write_portfolio (const ReportRequest  *request,
                        GError              **error)
{
  PortfolioData data = { 0 };
  gboolean ok;

  data.store = request->store;
  data.from = request->from;
  data.to = request->to;
  data.business_name = request->business_name;

  /* Ten thousand clients fit in a few megabytes: rows go straight to disk */
  ok = write_workbook (request->database_path, request->output_path, TRUE,
                       _("Portfolio report"), request->business_name,
                       build_portfolio_report, &data, error);
  portfolio_data_clear (&data);

  return ok;
}
