/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-ledger.h"

G_DEFINE_ENUM_TYPE (ConfianzaLedgerKind, confianza_ledger_kind,
  G_DEFINE_ENUM_VALUE (CONFIANZA_LEDGER_RENEGOTIATION, "renegotiation"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_LEDGER_CORRECTION, "correction"))

void
confianza_ledger_step_clear (ConfianzaLedgerStep *step)
{
  g_clear_pointer (&step->recorded_on, g_date_time_unref);
  g_clear_pointer (&step->old_due_on, g_date_time_unref);
  g_clear_pointer (&step->new_due_on, g_date_time_unref);
  g_clear_pointer (&step->told_on, g_date_time_unref);
  g_clear_pointer (&step->reason, g_free);
}

gboolean
confianza_ledger_is_in_time (GDateTime *old_due_on,
                             GDateTime *told_on,
                             gboolean   agreed)
{
  if (!agreed || old_due_on == NULL || told_on == NULL)
    return FALSE;
  return confianza_date_compare (told_on, old_due_on) <= 0;
}

/* Walks the steps; returns the agreed date and counts renegotiations. */
static GDateTime *
walk (GDateTime                 *original_due_on,
      const ConfianzaLedgerStep *steps,
      guint                      n_steps,
      guint                     *in_time,
      guint                     *late)
{
  GDateTime *current = g_date_time_ref (original_due_on);

  for (guint i = 0; i < n_steps; i++)
    {
      const ConfianzaLedgerStep *step = &steps[i];

      if (step->new_due_on == NULL)
        continue;
      if (step->kind == CONFIANZA_LEDGER_CORRECTION)
        {
          g_date_time_unref (current);
          current = g_date_time_ref (step->new_due_on);
          continue;
        }
      if (confianza_ledger_is_in_time (current, step->told_on, step->agreed))
        {
          g_date_time_unref (current);
          current = g_date_time_ref (step->new_due_on);
          if (in_time != NULL)
            (*in_time)++;
        }
      else if (late != NULL)
        (*late)++;
    }
  return current;
}

GDateTime *
confianza_ledger_agreed_due_on (GDateTime                 *original_due_on,
                                const ConfianzaLedgerStep *steps,
                                guint                      n_steps)
{
  g_return_val_if_fail (original_due_on != NULL, NULL);
  return walk (original_due_on, steps, n_steps, NULL, NULL);
}

void
confianza_ledger_count_renegotiations (GDateTime                 *original_due_on,
                                       const ConfianzaLedgerStep *steps,
                                       guint                      n_steps,
                                       guint                     *in_time,
                                       guint                     *late)
{
  guint a = 0, b = 0;

  g_return_if_fail (original_due_on != NULL);
  g_date_time_unref (walk (original_due_on, steps, n_steps, &a, &b));
  if (in_time != NULL)
    *in_time = a;
  if (late != NULL)
    *late = b;
}

double
confianza_ledger_renegotiation_points (GDateTime                 *original_due_on,
                                       const ConfianzaLedgerStep *steps,
                                       guint                      n_steps)
{
  guint in_time = 0;

  confianza_ledger_count_renegotiations (original_due_on, steps, n_steps, &in_time, NULL);
  return -CONFIANZA_LEDGER_RENEGOTIATION_POINTS * in_time;
}

gboolean
confianza_ledger_validate_renegotiation (GDateTime   *promised_on,
                                         GDateTime   *old_due_on,
                                         GDateTime   *new_due_on,
                                         GDateTime   *told_on,
                                         const char  *reason,
                                         GDateTime   *today,
                                         const char **property,
                                         GError     **error)
{
  if (new_due_on == NULL)
    return confianza_model_fail (property, "new-due-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("Choose the new date."));
  if (old_due_on != NULL && confianza_date_equal (new_due_on, old_due_on))
    return confianza_model_fail (property, "new-due-on", error, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                                 _("The new date is the date the promise already has."));
  if (promised_on != NULL && confianza_date_compare (new_due_on, promised_on) < 0)
    return confianza_model_fail (property, "new-due-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                                 _("The new date cannot be before the day the promise was made."));
  if (told_on == NULL)
    return confianza_model_fail (property, "told-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("Choose the day the client was told."));
  if (today != NULL && confianza_date_compare (told_on, today) > 0)
    return confianza_model_fail (property, "told-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                                 _("The client cannot have been told after today."));
  if (promised_on != NULL && confianza_date_compare (told_on, promised_on) < 0)
    return confianza_model_fail (property, "told-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                                 _("The client cannot have been told before the promise was made."));
  if (confianza_rules_text_is_blank (reason))
    return confianza_model_fail (property, "reason", error, CONFIANZA_MODEL_ERROR_EMPTY,
                                 _("Write why the date changes."));
  return TRUE;
}

const char *
confianza_ledger_outcome_label (ConfianzaOutcome outcome,
                                gboolean         renegotiated)
{
  if (!renegotiated)
    return confianza_outcome_to_label (outcome);
  switch (outcome)
    {
    case CONFIANZA_OUTCOME_OPEN:
      return C_("promise outcome", "Open (renegotiated)");
    case CONFIANZA_OUTCOME_OVERDUE:
      return C_("promise outcome", "Overdue (renegotiated)");
    case CONFIANZA_OUTCOME_OVERDELIVERED:
      return C_("promise outcome", "Overdelivered (renegotiated)");
    case CONFIANZA_OUTCOME_KEPT:
      return C_("promise outcome", "Kept (renegotiated)");
    case CONFIANZA_OUTCOME_LATE:
      return C_("promise outcome", "Late (renegotiated)");
    case CONFIANZA_OUTCOME_BROKEN:
      return C_("promise outcome", "Broken (renegotiated)");
    default:
      g_return_val_if_reached ("");
    }
}
