/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "confianza-buffer.h"
#include "confianza-date.h"
#include "confianza-rules.h"
#include "confianza-trust-internal.h"

/* Safe due date: most deliveries fit, and one day of margin on top. */
#define SAFE_DUE_PERCENTILE  90
#define SAFE_DUE_MARGIN_DAYS 1

/* Public API: the buffer */

ConfianzaBuffer
confianza_buffer_compute (GPtrArray *promises)
{
  ConfianzaBuffer buffer = { 0 };
  g_autofree int *days = NULL;
  double sum_days = 0.0;
  double sum_ratio = 0.0;
  guint n_early = 0;

  if (promises == NULL || promises->len == 0)
    return buffer;

  days = g_new (int, promises->len);

  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);
      GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
      GDateTime *due_on = confianza_promise_get_due_on (promise);
      double promised = confianza_promise_get_promised_quantity (promise);
      double delivered = confianza_promise_get_delivered_quantity (promise);
      int early;

      if (delivered_on == NULL || due_on == NULL)
        continue;

      early = confianza_date_day_number (due_on) - confianza_date_day_number (delivered_on);
      days[buffer.n_delivered++] = early;
      sum_days += early;
      if (early >= 1)
        n_early++;

      if (confianza_promise_get_has_quantity (promise)
          && isfinite (promised) && isfinite (delivered) && promised > 0)
        {
          buffer.n_with_quantity++;
          sum_ratio += delivered / promised;
        }
    }

  if (buffer.n_delivered > 0)
    {
      guint n = buffer.n_delivered;

      qsort (days, n, sizeof (int), confianza_trust_compare_days);
      buffer.mean_days_early = sum_days / n;
      buffer.median_days_early = n % 2 == 1
                                 ? days[n / 2]
                                 : (days[n / 2 - 1] + (double) days[n / 2]) / 2.0;
      buffer.share_early = (double) n_early / n;
    }

  if (buffer.n_with_quantity > 0)
    buffer.mean_quantity_ratio = sum_ratio / buffer.n_with_quantity;

  return buffer;
}

/* Public API: the safe due date */

/**
 * confianza_safe_due_suggest:
 *
 * Returns: (transfer full): the suggestion, or why there is none.
 */
ConfianzaSafeDue *
confianza_safe_due_suggest (GPtrArray  *promises,
                            const char *kind,
                            GDateTime  *promised_on)
{
  g_autoptr(GDateTime) today = NULL;
  g_autofree int *durations = NULL;
  ConfianzaSafeDue *safe_due = g_new0 (ConfianzaSafeDue, 1);
  gboolean any_kind = confianza_rules_text_is_blank (kind);
  guint n = 0;

  if (promised_on == NULL)
    promised_on = today = confianza_date_today ();

  if (promises != NULL && promises->len > 0)
    {
      durations = g_new (int, promises->len);

      for (guint i = 0; i < promises->len; i++)
        {
          ConfianzaPromise *promise = g_ptr_array_index (promises, i);
          GDateTime *from = confianza_promise_get_promised_on (promise);
          GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
          int took;

          if (from == NULL || delivered_on == NULL)
            continue;
          if (!any_kind && !confianza_rules_same_category (kind, confianza_promise_get_kind (promise)))
            continue;

          took = confianza_date_day_number (delivered_on) - confianza_date_day_number (from);
          /* Delivered before it was promised: a typing mistake, not data. */
          if (took < 0)
            continue;

          durations[n++] = took;
        }
    }

  safe_due->n_history = n;

  if (n == 0)
    {
      safe_due->sentence = g_strdup (any_kind
                                     ? _("You have no deliveries yet, so there is nothing to go on.")
                                     : _("You have no deliveries of this kind yet, so there is nothing to go on."));
      return safe_due;
    }

  if (n < CONFIANZA_SAFE_DUE_MIN_HISTORY)
    {
      if (any_kind)
        safe_due->sentence = g_strdup_printf (ngettext ("You have only %u delivery so far: too few to go on.",
                                                        "You have only %u deliveries so far: too few to go on.",
                                                        n),
                                              n);
      else
        safe_due->sentence = g_strdup_printf (ngettext ("You have only %u delivery of this kind so far: too few to go on.",
                                                        "You have only %u deliveries of this kind so far: too few to go on.",
                                                        n),
                                              n);
      return safe_due;
    }

  qsort (durations, n, sizeof (int), confianza_trust_compare_days);

  {
    /* Nearest rank: the smallest value with at least 90 % at or below. */
    guint rank = (SAFE_DUE_PERCENTILE * n + 99) / 100;
    g_autofree char *took = NULL;
    g_autofree char *promise = NULL;
    g_autofree char *date = NULL;

    rank = CLAMP (rank, 1, n);
    safe_due->percentile_days = durations[rank - 1];
    safe_due->days = safe_due->percentile_days + SAFE_DUE_MARGIN_DAYS;
    safe_due->due_on = confianza_date_add_days (promised_on, safe_due->days);
    safe_due->has_suggestion = safe_due->due_on != NULL;

    if (any_kind)
      took = g_strdup_printf (ngettext ("Your deliveries took up to %d day.",
                                        "Your deliveries took up to %d days.",
                                        safe_due->percentile_days),
                              safe_due->percentile_days);
    else
      took = g_strdup_printf (ngettext ("Your deliveries of this kind took up to %d day.",
                                        "Your deliveries of this kind took up to %d days.",
                                        safe_due->percentile_days),
                              safe_due->percentile_days);

    if (safe_due->due_on != NULL)
      {
        date = confianza_date_format (safe_due->due_on);
        /* Translators: the second %s is a date */
        promise = g_strdup_printf (ngettext ("Promise %d day, by %s.",
                                             "Promise %d days, by %s.",
                                             safe_due->days),
                                   safe_due->days, date);
      }
    else
      {
        promise = g_strdup_printf (ngettext ("Promise %d day.",
                                             "Promise %d days.",
                                             safe_due->days),
                                   safe_due->days);
      }

    safe_due->sentence = g_strconcat (took, " ", promise, NULL);
  }

  return safe_due;
}

void
confianza_safe_due_free (ConfianzaSafeDue *safe_due)
{
  if (safe_due == NULL)
    return;

  g_clear_pointer (&safe_due->due_on, g_date_time_unref);
  g_free (safe_due->sentence);
  g_free (safe_due);
}
