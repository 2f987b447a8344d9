/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

/*
 * The trust index over time, for the chart on the client page: the index
 * as it stood at the end of each month, computed again as of that day.
 */

#include "config.h"

#include "confianza-date.h"
#include "confianza-trust-internal.h"

/* The history never covers more than a century of months, whatever the
 * dates say. */
#define HISTORY_MAX_POINTS 1200

/* Helpers */

static void
trust_point_clear (gpointer data)
{
  ConfianzaTrustPoint *point = data;

  g_clear_pointer (&point->date, g_date_time_unref);
}

static void
append_point (GArray                    *points,
              const ConfianzaTrustInput *input,
              GDateTime                 *date,
              GDateTime                 *now)
{
  ConfianzaTrust trust = { 0 };
  ConfianzaTrustPoint point;

  confianza_trust_compute_as_of (input, date, now, &trust, FALSE);
  point.date = g_date_time_ref (date);
  point.value = trust.value;
  g_array_append_val (points, point);
}

/* Public API */

/**
 * confianza_trust_history:
 *
 * Returns: (transfer full) (element-type ConfianzaTrustPoint): the index
 * at the end of each month, oldest first; the last point is @to.
 */
GArray *
confianza_trust_history (const ConfianzaTrustInput *input,
                         GDateTime                 *from,
                         GDateTime                 *to)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) start = NULL;
  GDateTime *now;
  GArray *points;
  int to_day;
  int year, month;

  g_return_val_if_fail (input != NULL, NULL);

  points = g_array_new (FALSE, TRUE, sizeof (ConfianzaTrustPoint));
  g_array_set_clear_func (points, trust_point_clear);

  if (input->today == NULL)
    today = confianza_date_today ();
  now = input->today != NULL ? input->today : today;
  if (to == NULL)
    to = now;
  to_day = confianza_date_day_number (to);

  if (from == NULL)
    {
      int start_day = confianza_trust_relationship_start (input, to_day);

      /* Back from the day number to a date: days since 1970-01-01. */
      start = g_date_time_new_from_unix_utc ((gint64) start_day * 86400);
      from = start;
    }

  if (from == NULL || confianza_date_day_number (from) > to_day)
    {
      append_point (points, input, to, now);
      return points;
    }

  g_date_time_get_ymd (from, &year, &month, NULL);

  /* Dates far apart: keep the last century only. */
  {
    int to_year, to_month;

    g_date_time_get_ymd (to, &to_year, &to_month, NULL);
    if ((to_year - year) * 12 + (to_month - month) >= HISTORY_MAX_POINTS)
      {
        int first = to_year * 12 + (to_month - 1) - (HISTORY_MAX_POINTS - 1);

        year = first / 12;
        month = first % 12 + 1;
      }
  }

  while (TRUE)
    {
      g_autoptr(GDateTime) month_end = NULL;

      month_end = confianza_date_new (year, month,
                                      g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      if (month_end == NULL || confianza_date_day_number (month_end) >= to_day)
        {
          append_point (points, input, to, now);
          break;
        }

      append_point (points, input, month_end, now);

      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  return points;
}
