/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-promise.h"

G_BEGIN_DECLS

/*
 * The buffer ("promete menos y entrega más"): how much slack the promises
 * had. Pass one client's promises or everyone's. Only delivered promises
 * with a due date count; days_early is due date − delivery date (> 0 early).
 */
typedef struct
{
  guint  n_delivered;
  double mean_days_early;
  double median_days_early;
  /* 0–1: delivered at least one day before the due date. */
  double share_early;
  /* Delivered promises that had a promised quantity, and the average of
   * delivered / promised over them (0 when there are none). */
  guint  n_with_quantity;
  double mean_quantity_ratio;
} ConfianzaBuffer;

ConfianzaBuffer      confianza_buffer_compute          (GPtrArray                 *promises);

/*
 * The safe due date for a new promise of @kind made on @promised_on (NULL =
 * today), from how long the past delivered promises of that kind took
 * (kind compared trimmed and without case; @kind NULL or blank = every
 * kind): the 90th percentile (nearest rank) of promised-on → delivered-on
 * days, plus one day of margin. With fewer than 3 such deliveries there is
 * no suggestion, and the sentence says why.
 */
#define CONFIANZA_SAFE_DUE_MIN_HISTORY 3

typedef struct
{
  /* FALSE when there is too little history: then due_on is NULL. */
  gboolean   has_suggestion;
  GDateTime *due_on;
  /* Days from promised-on to due_on (percentile_days + 1). */
  int        days;
  /* The 90th percentile of how long they took. */
  int        percentile_days;
  /* Delivered promises of the kind that were looked at. */
  guint      n_history;
  /* "Your deliveries of this kind took up to 9 days: promise 10.",
   * translated. */
  char      *sentence;
} ConfianzaSafeDue;

ConfianzaSafeDue    *confianza_safe_due_suggest        (GPtrArray                 *promises,
                                                        const char                *kind,
                                                        GDateTime                 *promised_on);
void                 confianza_safe_due_free           (ConfianzaSafeDue          *safe_due);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaSafeDue, confianza_safe_due_free)

G_END_DECLS
