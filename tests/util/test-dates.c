/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-dates.h"

static GPtrArray *date_pool;

static GDateTime *
keep (GDateTime *date)
{
  if (date_pool == NULL)
    date_pool = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_ptr_array_add (date_pool, date);

  return date;
}

GDateTime *
util_day (int year,
          int month,
          int day)
{
  GDateTime *date = confianza_date_new (year, month, day);

  g_assert_nonnull (date);

  return keep (date);
}

GDateTime *
util_dup_days_from_today (int days)
{
  g_autoptr(GDateTime) today = confianza_date_today ();

  return confianza_date_add_days (today, days);
}

GDateTime *
util_days_from_today (int days)
{
  return keep (util_dup_days_from_today (days));
}

void
util_free_dates (void)
{
  g_clear_pointer (&date_pool, g_ptr_array_unref);
}

void
util_assert_date (GDateTime *date,
                  int        year,
                  int        month,
                  int        day)
{
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_year (date), ==, year);
  g_assert_cmpint (g_date_time_get_month (date), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, day);
}
