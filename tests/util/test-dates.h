/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Dates for tests (confianza-date.h: a day at midnight, local time). */

#include "model/confianza-date.h"

G_BEGIN_DECLS

/* A date that lives until util_free_dates () (borrowed: for arguments) */
GDateTime *util_day                 (int        year,
                                     int        month,
                                     int        day);
/* Today plus @days (negative: before), living until util_free_dates () */
GDateTime *util_days_from_today     (int        days);
/* Today plus @days, a new reference */
GDateTime *util_dup_days_from_today (int        days);
/* Frees every date of util_day () and util_days_from_today () */
void       util_free_dates          (void);
/* @date is that day */
void       util_assert_date         (GDateTime *date,
                                     int        year,
                                     int        month,
                                     int        day);

G_END_DECLS
