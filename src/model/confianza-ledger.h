/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "confianza-enums.h"
#include "confianza-rules.h"

G_BEGIN_DECLS

/*
 * A promise's ledger: every change of its terms after it was made, kept as
 * a step of its history so that the first date is never lost.
 *
 * Renegotiation, in plain words: when something will take longer, say so
 * before the date passes. A new date agreed with the client before the old
 * date passed (told on or before it, and agreed) is the promise's date from
 * then on: delivered on it, the promise is "kept (renegotiated)". Such a
 * renegotiation costs a little at the moment it is made
 * (CONFIANZA_LEDGER_RENEGOTIATION_POINTS, far less than a late delivery),
 * and keeping the new date still earns what keeping earns. A change made
 * after the old date passed, or that the client did not agree to, moves
 * nothing: the promise stays late against the date it had.
 */

/* What a renegotiation told in time costs, in points at the moment it is
 * made: a fifth of the least a late delivery costs. */
#define CONFIANZA_LEDGER_RENEGOTIATION_POINTS 0.5

typedef enum
{
  CONFIANZA_LEDGER_RENEGOTIATION,
  CONFIANZA_LEDGER_CORRECTION,
} ConfianzaLedgerKind;

/* Stored by its nick: "renegotiation", "correction". */
#define CONFIANZA_TYPE_LEDGER_KIND (confianza_ledger_kind_get_type ())
GType      confianza_ledger_kind_get_type       (void);

/* One step. Dates are calendar days (confianza-date.h); the struct owns
 * its references and strings (confianza_ledger_step_clear ()). */
typedef struct
{
  ConfianzaLedgerKind kind;
  /* When it was recorded. */
  GDateTime          *recorded_on;
  /* The due date before and after the step. */
  GDateTime          *old_due_on;
  GDateTime          *new_due_on;
  /* Renegotiation: when the client was told, and whether they agreed. */
  GDateTime          *told_on;
  gboolean            agreed;
  /* Why (a renegotiation's reason, or what the correction fixes). */
  char               *reason;
} ConfianzaLedgerStep;

void       confianza_ledger_step_clear          (ConfianzaLedgerStep       *step);

/* A renegotiation told in time: agreed, and told on or before @old_due_on. */
gboolean   confianza_ledger_is_in_time          (GDateTime                 *old_due_on,
                                                 GDateTime                 *told_on,
                                                 gboolean                   agreed);

/* The date the promise is judged against, after @n_steps steps in the order
 * they were made (a new reference). A renegotiation in time moves it to
 * its new date; one late or not agreed leaves it; a correction replaces it
 * (it fixes a mistake in what was recorded, including the first date). */
GDateTime *confianza_ledger_agreed_due_on       (GDateTime                 *original_due_on,
                                                 const ConfianzaLedgerStep *steps,
                                                 guint                      n_steps);

/* How many renegotiations were told in time and how many were late (or not
 * agreed). Either may be NULL. */
void       confianza_ledger_count_renegotiations (GDateTime                 *original_due_on,
                                                  const ConfianzaLedgerStep *steps,
                                                  guint                      n_steps,
                                                  guint                     *in_time,
                                                  guint                     *late);

/* The points the renegotiations themselves cost (<= 0): each one in time
 * costs CONFIANZA_LEDGER_RENEGOTIATION_POINTS; a late one costs nothing by
 * itself, since the promise stays late against its date. */
double     confianza_ledger_renegotiation_points (GDateTime                 *original_due_on,
                                                  const ConfianzaLedgerStep *steps,
                                                  guint                      n_steps);

/* Checks a renegotiation before it is recorded: @new_due_on must differ
 * from @old_due_on, and the client cannot have been told after @today nor
 * before @promised_on; @reason must be written. On failure sets @property
 * ("new-due-on", "told-on", "reason") and @error to a translated sentence. */
gboolean   confianza_ledger_validate_renegotiation (GDateTime               *promised_on,
                                                    GDateTime               *old_due_on,
                                                    GDateTime               *new_due_on,
                                                    GDateTime               *told_on,
                                                    const char              *reason,
                                                    GDateTime               *today,
                                                    const char             **property,
                                                    GError                 **error);

/* The outcome's label, with "(renegotiated)" when the promise was judged
 * against a date renegotiated in time: "Kept (renegotiated)". Translated. */
const char *confianza_ledger_outcome_label      (ConfianzaOutcome           outcome,
                                                 gboolean                   renegotiated);

G_END_DECLS
