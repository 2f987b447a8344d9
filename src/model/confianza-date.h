/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Calendar dates in Confianza are GDateTime values at 00:00 UTC, so that two
 * dates compare and subtract without time-zone surprises. A NULL date means
 * "not set".
 */

GDateTime *confianza_date_new            (int          year,
                                          int          month,
                                          int          day);
gboolean   confianza_date_is_valid_ymd   (int          year,
                                          int          month,
                                          int          day);
GDateTime *confianza_date_today          (void);
GDateTime *confianza_date_from_datetime  (GDateTime   *datetime);
GDateTime *confianza_date_add_days       (GDateTime   *date,
                                          int          days);
GDateTime *confianza_date_from_iso       (const char  *iso,
                                          GError     **error);
char      *confianza_date_to_iso         (GDateTime   *date);
GDateTime *confianza_date_parse_locale   (const char  *text,
                                          GError     **error);
char      *confianza_date_format         (GDateTime   *date);
/* Days since 1970-01-01 of @date's calendar day (negative before): two
 * dates' numbers subtract to confianza_date_days_between (). */
int        confianza_date_day_number     (GDateTime   *date);
int        confianza_date_days_between   (GDateTime   *from,
                                          GDateTime   *to);
int        confianza_date_compare        (GDateTime   *a,
                                          GDateTime   *b);
gboolean   confianza_date_equal          (GDateTime   *a,
                                          GDateTime   *b);

G_END_DECLS
