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

/* The client report */

/* ngettext with a context, which GLib lacks: "context\004singular" is
 * how gettext stores a msgctxt; xgettext reads the pair through the
 * keyword CONFIANZA_NPGETTEXT:1c,2,3 (po/meson.build) */
#define CONFIANZA_NPGETTEXT(context, singular, plural, n) \
  npgettext_split (context "\004" singular, singular, plural, n)

static const char *npgettext_split (const char *with_context,
                                    const char *singular,
                                    const char *plural,
                                    gulong      n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);

static const char *
npgettext_split (const char *with_context,
                 const char *singular,
                 const char *plural,
                 gulong      n)
{
  const char *text = g_dngettext (GETTEXT_PACKAGE, with_context, plural, n);

  return text == with_context ? singular : text;
}

typedef struct
{
  ConfianzaStore  *store;
  ConfianzaClient *client;
  GDateTime       *from;
  GDateTime       *to;
  const char      *business_name;
  ConfianzaAddress address;        /* usted or tú, for every "you" */
  GPtrArray       *promises;       /* in the period, by due date */
  GPtrArray       *quick_wins;     /* in the period, oldest first */
  GPtrArray       *plans;          /* in the period, oldest first */
  GPtrArray       *incidents;      /* every incident of the client */
  GPtrArray       *steps;          /* the promises' histories, in order */
  guint            n_promises;     /* everything kept, for "data we keep" */
  guint            n_quick_wins;
  guint            n_conversations;
  guint            n_incidents;
  guint            n_compensations;
} ClientData;

static void
client_data_clear (ClientData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->promises, g_ptr_array_unref);
  g_clear_pointer (&data->quick_wins, g_ptr_array_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_clear_pointer (&data->incidents, g_ptr_array_unref);
  g_clear_pointer (&data->steps, g_ptr_array_unref);
}

static gboolean
client_data_load (ClientData  *data,
                  gint64       client_id,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) promises = NULL;
  g_autoptr(GPtrArray) quick_wins = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  data->client = confianza_store_get_client (data->store, client_id, &local_error);
  if (data->client == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND,
                   _("There is no client number %s. It may have been deleted."),
                   number);
      return FALSE;
    }

  promises = array_from_model (confianza_store_get_promises (data->store, client_id));
  data->n_promises = promises->len;
  data->promises = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);

      if (in_period (promise_period_date (promise), data->from, data->to))
        g_ptr_array_add (data->promises, g_object_ref (promise));
    }

  quick_wins = array_from_model (confianza_store_get_quick_wins (data->store, client_id));
  data->n_quick_wins = quick_wins->len;
  data->quick_wins = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < quick_wins->len; i++)
    {
      ConfianzaQuickWin *win = g_ptr_array_index (quick_wins, i);

      /* The client reads only what was shared with them */
      if (confianza_quick_win_get_shared_on (win) != NULL &&
          in_period (confianza_quick_win_get_achieved_on (win), data->from, data->to))
        g_ptr_array_add (data->quick_wins, g_object_ref (win));
    }
  g_ptr_array_sort (data->quick_wins, compare_quick_wins_by_date);

  plans = array_from_model (confianza_store_get_recovery_plans (data->store, client_id));
  data->plans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (plans, i);
      g_autoptr(GListModel) compensations = confianza_store_get_compensations (data->store,
                                                                               confianza_recovery_plan_get_id (plan));

      data->n_compensations += g_list_model_get_n_items (compensations);
      if (plan_in_period (plan, data->from, data->to))
        g_ptr_array_add (data->plans, g_object_ref (plan));
    }
  g_ptr_array_sort (data->plans, compare_plans_by_start);

  data->steps = confianza_store_load_promise_steps (data->store, client_id, 0, error);
  if (data->steps == NULL)
    return FALSE;

  data->incidents = array_from_model (confianza_store_get_incidents (data->store, client_id));
  data->n_incidents = data->incidents->len;

  {
    g_autoptr(GListModel) conversations = confianza_store_get_conversations (data->store, client_id);

    data->n_conversations = g_list_model_get_n_items (conversations);
  }

  return TRUE;
}

static void
write_client_summary (Report     *report,
                      ClientData *data,
                      Sheet      *sheet)
{
  static const struct { ConfianzaOutcome outcome; lxw_color_t color; } stack[] = {
    { CONFIANZA_OUTCOME_OVERDELIVERED, RGB_OVERDELIVERED },
    { CONFIANZA_OUTCOME_KEPT, RGB_KEPT },
    { CONFIANZA_OUTCOME_LATE, RGB_LATE },
    { CONFIANZA_OUTCOME_BROKEN, RGB_BROKEN },
    { CONFIANZA_OUTCOME_OVERDUE, RGB_OVERDUE },
    { CONFIANZA_OUTCOME_OPEN, RGB_OPEN },
  };
  g_autoptr(GHashTable) months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  const char *company = confianza_client_get_company (data->client);
  ConfianzaOutcomeCounts counts = { { 0 } };
  guint shared = 0;
  lxw_row_t table_row;
  int first, last;

  for (guint i = 0; i < data->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (data->promises, i);
      ConfianzaOutcome outcome = confianza_promise_get_outcome (promise, report->today);
      GDateTime *date = promise_period_date (promise);
      ConfianzaOutcomeCounts *month;

      confianza_outcome_counts_add (&counts, outcome);
      if (date == NULL)
        continue;

      month = g_hash_table_lookup (months, GINT_TO_POINTER (month_key (date)));
      if (month == NULL)
        {
          month = g_new0 (ConfianzaOutcomeCounts, 1);
          g_hash_table_insert (months, GINT_TO_POINTER (month_key (date)), month);
        }
      confianza_outcome_counts_add (month, outcome);
    }

  for (guint i = 0; i < data->quick_wins->len; i++)
    {
      if (confianza_quick_win_get_shared_on (g_ptr_array_index (data->quick_wins, i)) != NULL)
        shared++;
    }

  sheet->caps[1] = 40;

  sheet_title (sheet, _("Report for the client"), _("From"), data->business_name);

  sheet_label (sheet, _("Client"));
  sheet_text (sheet, 1, confianza_client_get_name (data->client), NULL);
  sheet_next_row (sheet);
  if (!text_is_blank (company))
    {
      sheet_label (sheet, _("Company"));
      sheet_text (sheet, 1, company, NULL);
      sheet_next_row (sheet);
    }

  sheet_period (sheet, data->from, data->to);
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("Promises"), report->heading);
  sheet_next_row (sheet);
  sheet_label_number (sheet, _("Promises made"), confianza_outcome_counts_total (&counts), report->form_integer);
  sheet_label_number (sheet, _("Overdelivered"), counts.n[CONFIANZA_OUTCOME_OVERDELIVERED], report->form_integer);
  sheet_label_number (sheet, _("Kept"), counts.n[CONFIANZA_OUTCOME_KEPT], report->form_integer);
  sheet_label_number (sheet, _("Late"), counts.n[CONFIANZA_OUTCOME_LATE], report->form_integer);
  sheet_label_number (sheet, _("Broken"), counts.n[CONFIANZA_OUTCOME_BROKEN], report->form_integer);
  sheet_label_number (sheet, _("Overdue, not delivered yet"), counts.n[CONFIANZA_OUTCOME_OVERDUE], report->form_integer);
  sheet_label_number (sheet, _("Still in progress"), counts.n[CONFIANZA_OUTCOME_OPEN], report->form_integer);
  sheet_label_number (sheet, _("On-time rate"), confianza_outcome_counts_on_time_rate (&counts), report->form_percent);
  sheet_label_number (sheet, CONFIANZA_ADDRESSED (data->address,
                                                 C_("tú", "Quick wins shared with you"),
                                                 C_("usted", "Quick wins shared with you")),
                      shared, report->form_integer);
  sheet_next_row (sheet);

  /* Promises by outcome per month, for the chart */
  month_range (months, &first, &last);
  sheet_text (sheet, 0, _("Promises by month"), report->heading);
  sheet_next_row (sheet);
  table_row = sheet->row;
  {
    const char *titles[1 + G_N_ELEMENTS (stack)];

    titles[0] = _("Month due");
    for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
      titles[i + 1] = confianza_outcome_to_label (stack[i].outcome);
    sheet_header (sheet, titles, G_N_ELEMENTS (titles), ~1u);
  }

  for (int key = first; key <= last; key++)
    {
      g_autoptr(GDateTime) start = month_start (key);
      ConfianzaOutcomeCounts *month = g_hash_table_lookup (months, GINT_TO_POINTER (key));

      sheet_date (sheet, 0, start, report->month);
      for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
        sheet_number (sheet, i + 1, month != NULL ? month->n[stack[i].outcome] : 0, report->integer);
      sheet_next_row (sheet);
    }

  if (first <= last)
    {
      lxw_chart *chart = workbook_add_chart (report->workbook, LXW_CHART_COLUMN_STACKED);
      lxw_chart_options options = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25, .y_scale = 1.15 };
      lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };

      for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
        {
          lxw_chart_series *series;

          /* An outcome that never happened would only clutter the legend */
          if (counts.n[stack[i].outcome] == 0)
            continue;

          series = chart_add_series (chart, NULL, NULL);
          chart_series_set_categories (series, sheet->name, table_row + 1, 0,
                                       sheet->row - 1, 0);
          chart_series_set_values (series, sheet->name, table_row + 1, i + 1,
                                   sheet->row - 1, i + 1);
          chart_series_set_name_range (series, sheet->name, table_row, i + 1);
          chart_series_color (series, stack[i].color, FALSE);
        }

      chart_title_set_name (chart, _("Promises by outcome per month"));
      chart_title_set_name_font (chart, &title_font);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      chart_axis_set_num_format (chart->x_axis, MONTH_FORMAT);
      chart_axis_set_num_format (chart->y_axis, "0");
      chart_axis_set_min (chart->y_axis, 0);
      chart_set_series_gap (chart, 60);
      report_check (report, worksheet_insert_chart_opt (sheet->worksheet, 2, 3, chart, &options));
    }

  sheet_set_widths (sheet);
}

/* The day the client agreed to the date the promise has now */
static GDateTime *
agreed_on (GPtrArray        *steps,
           ConfianzaPromise *promise)
{
  GDateTime *told = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (steps, i);

      if (confianza_promise_step_get_promise_id (step) == confianza_promise_get_id (promise) &&
          confianza_promise_step_is_in_time (step))
        told = confianza_promise_step_get_told_on (step);
    }
  return told;
}

static const char *
promise_title_of (GPtrArray *promises,
                  gint64     id)
{
  for (guint i = 0; i < promises->len; i++)
    if (confianza_promise_get_id (g_ptr_array_index (promises, i)) == id)
      return confianza_promise_get_title (g_ptr_array_index (promises, i));
  return NULL;
}

/* Every change of a promise's date in the period, as the client was told:
 * nothing rewritten quietly */
static void
write_client_date_changes (Report     *report,
                           ClientData *data,
                           Sheet      *sheet)
{
  const char *titles[] = {
    _("What was promised"),
    _("Date before"),
    _("New date"),
    _("Client told on"),
    _("Client agreed"),
    _("Told in time"),
    _("Why"),
  };

  sheet->caps[0] = 45;
  sheet->caps[6] = 50;
  sheet_header (sheet, titles, G_N_ELEMENTS (titles), 1u << 1 | 1u << 2 | 1u << 3);

  for (guint i = 0; i < data->steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (data->steps, i);
      const char *title = promise_title_of (data->promises, confianza_promise_step_get_promise_id (step));

      /* Only the promises of the period */
      if (title == NULL)
        continue;
      sheet_text (sheet, 0, title, NULL);
      sheet_date (sheet, 1, confianza_promise_step_get_old_due_on (step), NULL);
      sheet_date (sheet, 2, confianza_promise_step_get_new_due_on (step), NULL);
      sheet_date (sheet, 3, confianza_promise_step_get_told_on (step), NULL);
      sheet_text (sheet, 4, confianza_promise_step_get_agreed (step) ? _("Yes") : _("No"), NULL);
      sheet_text (sheet, 5, confianza_promise_step_is_in_time (step) ? _("Yes") : _("No"), NULL);
      sheet_text (sheet, 6, confianza_promise_step_get_reason (step), NULL);
      sheet_next_row (sheet);
    }

  sheet_finish_table (sheet, 0, G_N_ELEMENTS (titles));
  sheet_set_widths (sheet);
}

/* The end of a table of @n_rows: @empty in @column when there are none */
static void
finish_client_table (Sheet      *sheet,
                     guint       n_rows,
                     lxw_col_t   column,
                     const char *empty,
                     lxw_col_t   n_columns)
{
  if (n_rows == 0)
    {
      sheet_text (sheet, column, empty, NULL);
      sheet_next_row (sheet);
    }

  sheet_finish_table (sheet, 0, n_columns);
  sheet_set_widths (sheet);
}

static void
write_client_promises (Report     *report,
                       ClientData *data,
                       Sheet      *sheet)
{
  const char *titles[] = {
    _("What was promised"),
    _("Promised on"),
    _("Due"),
    _("Promised quantity"),
    _("Unit"),
    _("Delivered on"),
    _("Delivered quantity"),
    _("Extras"),
    _("Outcome"),
    _("Days early (+) or late (−)"),
    _("First due date"),
    _("New date agreed on"),
  };

  sheet->caps[0] = 45;
  sheet->caps[7] = 40;
  sheet_header (sheet, titles, G_N_ELEMENTS (titles),
                1u << 1 | 1u << 2 | 1u << 3 | 1u << 5 | 1u << 6 | 1u << 9 | 1u << 10 | 1u << 11);

  for (guint i = 0; i < data->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (data->promises, i);
      ConfianzaPromiseResult result = confianza_promise_get_result (promise, report->today);
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);
      gboolean delivered = confianza_promise_get_delivered_on (promise) != NULL;

      sheet_text (sheet, 0, confianza_promise_get_title (promise), NULL);
      sheet_date (sheet, 1, confianza_promise_get_promised_on (promise), NULL);
      sheet_date (sheet, 2, confianza_promise_get_due_on (promise), NULL);
      if (has_quantity)
        {
          sheet_number (sheet, 3, confianza_promise_get_promised_quantity (promise), report->quantity);
          sheet_text (sheet, 4, confianza_promise_get_unit (promise), NULL);
        }
      sheet_date (sheet, 5, confianza_promise_get_delivered_on (promise), NULL);
      if (has_quantity && delivered)
        sheet_number (sheet, 6, confianza_promise_get_delivered_quantity (promise), report->quantity);
      sheet_text (sheet, 7, confianza_promise_get_extras (promise), NULL);
      sheet_text (sheet, 8, confianza_ledger_outcome_label (result.outcome,
                                                            confianza_promise_is_renegotiated (promise)),
                  NULL);
      /* Days left on a promise in progress are not early or late */
      if (delivered || result.outcome == CONFIANZA_OUTCOME_OVERDUE)
        sheet_number (sheet, 9, result.days_early, report->days);
      if (confianza_promise_is_renegotiated (promise))
        {
          sheet_date (sheet, 10, confianza_promise_get_original_due_on (promise), NULL);
          sheet_date (sheet, 11, agreed_on (data->steps, promise), NULL);
        }
      sheet_next_row (sheet);
    }

  finish_client_table (sheet, data->promises->len, 0, _("There are no promises in this period."),
                       G_N_ELEMENTS (titles));
}

static void
write_client_quick_wins (Report     *report,
                         ClientData *data,
                         Sheet      *sheet)
{
  const char *titles[] = {
    _("Achieved on"),
    _("What was achieved"),
    CONFIANZA_ADDRESSED (data->address, C_("tú", "Shared with you on"), C_("usted", "Shared with you on")),
  };

  sheet->caps[1] = 60;
  sheet_header (sheet, titles, G_N_ELEMENTS (titles), 1u << 0 | 1u << 2);

  for (guint i = 0; i < data->quick_wins->len; i++)
    {
      ConfianzaQuickWin *win = g_ptr_array_index (data->quick_wins, i);

      sheet_date (sheet, 0, confianza_quick_win_get_achieved_on (win), NULL);
      sheet_text (sheet, 1, confianza_quick_win_get_title (win), NULL);
      sheet_date (sheet, 2, confianza_quick_win_get_shared_on (win), NULL);
      sheet_next_row (sheet);
    }

  finish_client_table (sheet, data->quick_wins->len, 1, _("There are no quick wins in this period."),
                       G_N_ELEMENTS (titles));
}

/* What the client sees of a plan: what was done for them. Never the
 * internal analysis (root cause, corrective measure), the reason for an
 * outcome, notes, or the trust index. */
static void
write_client_plan (Report                *report,
                   ClientData            *data,
                   Sheet                 *sheet,
                   ConfianzaRecoveryPlan *plan)
{
  gint64 plan_id = confianza_recovery_plan_get_id (plan);
  g_autoptr(GPtrArray) follow_ups = array_from_model (confianza_store_get_follow_ups (data->store, plan_id));
  g_autoptr(GPtrArray) compensations = array_from_model (confianza_store_get_compensations (data->store, plan_id));
  ConfianzaIncident *incident = find_incident (data->incidents,
                                               confianza_recovery_plan_get_incident_id (plan));
  /* The day we listened; the acknowledgement only when that is missing */
  GDateTime *listened = confianza_recovery_plan_get_invited_to_speak_on (plan);
  GDateTime *apologised = confianza_recovery_plan_get_apologised_on (plan);
  GDateTime *until = confianza_recovery_plan_get_guarantee_until (plan);
  const char *terms = confianza_recovery_plan_get_guarantee_terms (plan);
  gint64 guarantee_id = confianza_recovery_plan_get_guarantee_promise_id (plan);
  ConfianzaFollowUp *next = NULL;

  if (listened == NULL)
    listened = confianza_recovery_plan_get_acknowledged_on (plan);

  if (incident != NULL)
    {
      sheet_label (sheet, _("What went wrong"));
      sheet_text (sheet, 1, confianza_incident_get_description (incident), NULL);
      sheet_next_row (sheet);
      sheet_label (sheet, _("When it happened"));
      sheet_date (sheet, 1, confianza_incident_get_happened_on (incident), report->form_date);
      sheet_next_row (sheet);
    }

  sheet_label (sheet, _("Plan started on"));
  sheet_date (sheet, 1, confianza_recovery_plan_get_started_on (plan), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("State of the plan"));
  /* Whether the client was recovered or let go is our own judgement, not
   * something to send them: only whether the plan goes on */
  sheet_text (sheet, 1, confianza_recovery_plan_get_outcome (plan) == CONFIANZA_PLAN_IN_PROGRESS
                        ? C_("recovery plan outcome", "In progress") : C_("recovery plan state", "Finished"), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, CONFIANZA_ADDRESSED (data->address,
                                          C_("tú", "1. We listened to you"),
                                          C_("usted", "1. We listened to you")));
  if (listened != NULL)
    sheet_date (sheet, 1, listened, report->form_date);
  else
    sheet_text (sheet, 1, _("Not yet"), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, CONFIANZA_ADDRESSED (data->address,
                                          C_("tú", "2. We apologised"),
                                          C_("usted", "2. We apologised")));
  if (apologised != NULL)
    {
      sheet_date (sheet, 1, apologised, report->form_date);
      sheet_text (sheet, 2, confianza_channel_to_label (confianza_recovery_plan_get_apology_channel (plan)), NULL);
    }
  else
    {
      sheet_text (sheet, 1, _("Not yet"), NULL);
    }
  sheet_next_row (sheet);

  sheet_label (sheet, _("3. Compensation"));
  if (compensations->len == 0)
    {
      if (confianza_recovery_plan_get_compensation_declined (plan))
        sheet_text (sheet, 1, _("None"), NULL);
      else
        sheet_text (sheet, 1, _("Not decided yet"), NULL);
      sheet_next_row (sheet);
    }
  for (guint i = 0; i < compensations->len; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);
      const char *description = confianza_compensation_get_description (compensation);
      const char *kind = confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation));
      gint64 cents = confianza_compensation_get_amount_cents (compensation);
      GDateTime *given_on = confianza_compensation_get_given_on (compensation);

      if (!text_is_blank (description))
        {
          g_autofree char *text = g_strdup_printf (_("%s: %s"), kind, description);

          sheet_text (sheet, 1, text, NULL);
        }
      else
        {
          sheet_text (sheet, 1, kind, NULL);
        }
      if (cents != 0)
        sheet_number (sheet, 2, cents / 100.0,
                      report_currency_format (report, confianza_compensation_get_currency (compensation)));
      if (given_on != NULL)
        sheet_date (sheet, 3, given_on, NULL);
      else
        sheet_text (sheet, 3, _("Not given yet"), NULL);
      sheet_next_row (sheet);
    }

  sheet_label (sheet, _("4. Special guarantee"));
  if (!text_is_blank (terms))
    {
      const char *state;

      sheet_text (sheet, 1, terms, NULL);
      sheet_next_row (sheet);

      if (until != NULL)
        {
          sheet_label (sheet, _("Guaranteed until"));
          sheet_date (sheet, 1, until, report->form_date);
          sheet_next_row (sheet);
        }

      /* The promise that tracks the guarantee says best how it went */
      state = until == NULL || confianza_date_compare (report->today, until) <= 0
                ? _("In force") : _("Completed");
      if (guarantee_id != 0)
        {
          g_autoptr(ConfianzaPromise) promise = confianza_store_get_promise (data->store, guarantee_id, NULL);

          if (promise != NULL)
            {
              ConfianzaOutcome outcome = confianza_promise_get_outcome (promise, report->today);

              /* Giving more than the guarantee promised is still keeping it */
              if (outcome == CONFIANZA_OUTCOME_OVERDELIVERED)
                outcome = CONFIANZA_OUTCOME_KEPT;
              state = outcome == CONFIANZA_OUTCOME_OPEN ? _("In force")
                                                        : confianza_outcome_to_label (outcome);
            }
        }
      sheet_label (sheet, _("State of the guarantee"));
      sheet_text (sheet, 1, state, NULL);
    }
  else
    {
      sheet_text (sheet, 1, _("None"), NULL);
    }
  sheet_next_row (sheet);

  sheet_label (sheet, _("5. Special follow-up"));
  if (follow_ups->len == 0)
    {
      sheet_text (sheet, 1, _("None planned"), NULL);
      sheet_next_row (sheet);
    }
  else
    {
      const char *titles[] = { _("Follow-up due"), _("Done on"), _("State") };

      for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
        sheet_text (sheet, i + 1, titles[i], i == 1 ? report->header_right : report->header);
      sheet_next_row (sheet);

      for (guint i = 0; i < follow_ups->len; i++)
        {
          ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
          GDateTime *done_on = confianza_follow_up_get_done_on (follow_up);
          const char *state;

          if (done_on != NULL)
            state = confianza_follow_up_is_on_time (follow_up) ? _("Done on time") : _("Done late");
          else if (confianza_date_compare (confianza_follow_up_get_due_on (follow_up), report->today) < 0)
            state = _("Overdue");
          else
            state = _("Planned");

          if (done_on == NULL && next == NULL)
            next = follow_up;

          sheet_date (sheet, 1, confianza_follow_up_get_due_on (follow_up), report->form_date);
          sheet_date (sheet, 2, done_on, NULL);
          sheet_text (sheet, 3, state, NULL);
          sheet_next_row (sheet);
        }

      sheet_label (sheet, _("Next follow-up"));
      if (next != NULL)
        sheet_date (sheet, 1, confianza_follow_up_get_due_on (next), report->form_date);
      else
        sheet_text (sheet, 1, _("All done"), NULL);
      sheet_next_row (sheet);
    }
}

static void
write_client_recovery (Report     *report,
                       ClientData *data,
                       Sheet      *sheet)
{
  sheet->caps[1] = 50;
  sheet->caps[2] = 20;
  sheet->caps[3] = 20;

  sheet_text (sheet, 0, _("How we are putting things right"), report->title);
  sheet->row += 2;

  for (guint i = 0; i < data->plans->len; i++)
    {
      write_client_plan (report, data, sheet, g_ptr_array_index (data->plans, i));
      sheet_next_row (sheet);
    }

  sheet_set_widths (sheet);
}

/* Source 002: commit to privacy, telling what is kept and where */
static void
write_client_privacy (Report     *report,
                      ClientData *data,
                      Sheet      *sheet)
{
  ConfianzaClient *client = data->client;
  const char *who = data->business_name != NULL ? data->business_name : _("us");
  const char *titles[] = {
    _("What we keep"),
    CONFIANZA_ADDRESSED (data->address, C_("tú", "About you"), C_("usted", "About you")),
  };
  g_autofree char *promises = NULL;
  g_autofree char *quick_wins = NULL;
  g_autofree char *conversations = NULL;
  g_autofree char *incidents = NULL;
  g_autofree char *compensations = NULL;
  g_autofree char *erase = NULL;

  promises = g_strdup_printf (ngettext ("%u promise: what was promised, when, by when, "
                                        "and what was delivered",
                                        "%u promises: what was promised, when, by when, "
                                        "and what was delivered",
                                        data->n_promises),
                              data->n_promises);
  quick_wins = g_strdup_printf (CONFIANZA_ADDRESSED (data->address,
                                   CONFIANZA_NPGETTEXT ("tú", "%u quick win, and when we shared it with you",
                                                        "%u quick wins, and when we shared them with you", data->n_quick_wins),
                                   CONFIANZA_NPGETTEXT ("usted", "%u quick win, and when we shared it with you",
                                                        "%u quick wins, and when we shared them with you", data->n_quick_wins)),
                              data->n_quick_wins);
  conversations = g_strdup_printf (CONFIANZA_ADDRESSED (data->address,
                                   CONFIANZA_NPGETTEXT ("tú", "%u conversation: the date, how we talked, what you told us and what we agreed",
                                                        "%u conversations: the date, how we talked, what you told us and what we agreed", data->n_conversations),
                                   CONFIANZA_NPGETTEXT ("usted", "%u conversation: the date, how we talked, what you told us and what we agreed",
                                                        "%u conversations: the date, how we talked, what you told us and what we agreed", data->n_conversations)),
                              data->n_conversations);
  incidents = g_strdup_printf (ngettext ("%u incident, and what we did to put it right",
                                         "%u incidents, and what we did to put them right",
                                         data->n_incidents),
                               data->n_incidents);
  compensations = g_strdup_printf (CONFIANZA_ADDRESSED (data->address,
                                   CONFIANZA_NPGETTEXT ("tú", "%u compensation given to you",
                                                        "%u compensations given to you", data->n_compensations),
                                   CONFIANZA_NPGETTEXT ("usted", "%u compensation given to you",
                                                        "%u compensations given to you", data->n_compensations)),
                              data->n_compensations);
  erase = g_strdup_printf (CONFIANZA_ADDRESSED (data->address,
                                                 C_("tú", "Ask %s, and every record about you will be erased from "
                                                    "the application, completely. You can also ask to see "
                                                    "or correct it."),
                                                 C_("usted", "Ask %s, and every record about you will be erased from "
                                                    "the application, completely. You can also ask to see "
                                                    "or correct it.")),
                           who);

  sheet->caps[0] = 30;
  sheet->caps[1] = 70;

  sheet_text (sheet, 0,
              CONFIANZA_ADDRESSED (data->address,
                                   C_("tú", "Data we keep about you"),
                                   C_("usted", "Data we keep about you")),
              report->title);
  sheet->row += 2;

  sheet_header (sheet, titles, G_N_ELEMENTS (titles), 0);
  sheet_label (sheet, _("Name"));
  sheet_text (sheet, 1, confianza_client_get_name (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Company"));
  sheet_text (sheet, 1, confianza_client_get_company (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Email"));
  sheet_text (sheet, 1, confianza_client_get_email (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Phone"));
  sheet_text (sheet, 1, confianza_client_get_phone (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Working together since"));
  sheet_date (sheet, 1, confianza_client_get_since (client), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Last contact"));
  sheet_date (sheet, 1, confianza_client_get_last_contact (client), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Promises"));
  sheet_text (sheet, 1, promises, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Quick wins"));
  sheet_text (sheet, 1, quick_wins, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Conversations"));
  sheet_text (sheet, 1, conversations, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Incidents"));
  sheet_text (sheet, 1, incidents, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Compensations"));
  sheet_text (sheet, 1, compensations, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Our working notes"));
  sheet_text (sheet, 1, _("Notes for our own work: how we organise it and what we "
                          "must improve"), NULL);
  sheet_next_row (sheet);
  sheet_next_row (sheet);

  sheet_label (sheet, _("Where it is kept"));
  sheet_text (sheet, 1, _("Only on our computer, in the Confianza application; "
                          "nothing is sent to any online service."), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("To erase it"));
  sheet_text (sheet, 1, erase, NULL);
  sheet_next_row (sheet);

  sheet_set_widths (sheet);
}

static gboolean
build_client_report (Report    *report,
                     gpointer   user_data,
                     GError   **error)
{
  ClientData *data = user_data;
  Sheet summary, promises, date_changes, quick_wins, recovery, privacy;
  gboolean has_changes = FALSE;

  for (guint i = 0; i < data->steps->len; i++)
    if (promise_title_of (data->promises,
                          confianza_promise_step_get_promise_id (g_ptr_array_index (data->steps, i))) != NULL)
      has_changes = TRUE;

  /* Sheet names are translated; report_sheet_name () keeps them legal */
  sheet_init (&summary, report, _("Summary"));
  sheet_init (&promises, report, _("Promises"));
  if (has_changes)
    sheet_init (&date_changes, report, _("Date changes"));
  sheet_init (&quick_wins, report, _("Quick wins"));
  if (data->plans->len > 0)
    sheet_init (&recovery, report, _("Recovery plan"));
  sheet_init (&privacy, report, _("Data we keep"));

  write_client_summary (report, data, &summary);
  write_client_promises (report, data, &promises);
  if (has_changes)
    {
      write_client_date_changes (report, data, &date_changes);
      sheet_clear (&date_changes);
    }
  write_client_quick_wins (report, data, &quick_wins);
  if (data->plans->len > 0)
    {
      write_client_recovery (report, data, &recovery);
      sheet_clear (&recovery);
    }
  write_client_privacy (report, data, &privacy);

  sheet_clear (&summary);
  sheet_clear (&promises);
  sheet_clear (&quick_wins);
  sheet_clear (&privacy);

  return TRUE;
}

gboolean
report_write_client (const ReportRequest  *request,
                     gint64                client_id,
                     GError              **error)
{
  g_autofree char *title = NULL;
  ClientData data = { 0 };
  gboolean ok;

  data.store = request->store;
  data.from = request->from;
  data.to = request->to;
  data.business_name = request->business_name;
  data.address = request->address;
  if (!client_data_load (&data, client_id, error))
    {
      client_data_clear (&data);
      return FALSE;
    }

  title = g_strdup_printf (_("Report for %s"), confianza_client_get_name (data.client));
  ok = write_workbook (request->database_path, request->output_path, FALSE, title,
                       request->business_name, build_client_report, &data, error);
  client_data_clear (&data);

  return ok;
}
