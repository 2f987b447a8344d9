/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A busy agency's records, made up: @n_clients clients with Spanish names
 * and @n_promises promises among them, plus quick wins, conversations,
 * incidents and recovery plans (with follow-ups and compensations) in
 * proportion, dated over the two years before today, with every outcome.
 * The same @seed on the same day gives the same file.
 *
 * The schema comes from the store itself (a new file at the current
 * version); the rows go in with raw SQL, a thousand clients with their
 * records per transaction.
 */
gboolean perf_data_generate (const char  *path,
                             guint        n_clients,
                             guint        n_promises,
                             guint32      seed,
                             GError     **error);

/* Seconds of the monotonic clock */
double   perf_now           (void);

/* The peak resident memory of this process, in MiB */
double   perf_peak_rss_mib  (void);

/* The median of @n values (sorts them) */
double   perf_median        (double     *values,
                             guint       n);

/* A temporary folder for a benchmark's files, removed with its content by
 * perf_remove_dir () */
char    *perf_make_dir      (void);
void     perf_remove_dir    (const char *dir);

/* Says on stdout which build runs (figures mean something only on a
 * release build without debugging allocators), and warns when it is not */
void     perf_print_build   (void);

/* Prints one line, "WHAT: FIGURE; floor (FLOOR_WHAT): FLOOR; ratio R;
 * target …: met|MISSED", and returns whether the target is met. With
 * @max_ratio > 0 the target is figure / floor ≤ @max_ratio, with
 * @max_figure > 0 it is figure ≤ @max_figure (both when both are given).
 * Figures in seconds are printed in ms when @unit is "ms" (they are
 * passed in seconds), as they are otherwise. */
gboolean perf_report        (const char *what,
                             double      figure,
                             const char *floor_what,
                             double      floor,
                             const char *unit,
                             double      max_ratio,
                             double      max_figure);

G_END_DECLS
