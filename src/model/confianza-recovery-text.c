/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date.h"
#include "confianza-recovery.h"
#include "confianza-recovery-text.h"

const char *
confianza_recovery_step_title (int page)
{
  switch (page)
    {
    case CONFIANZA_RECOVERY_STEP_LISTEN:
      return _("Listen first");
    case CONFIANZA_RECOVERY_STEP_APOLOGISE:
      return _("Acknowledge the error and apologise");
    case CONFIANZA_RECOVERY_STEP_CONSEQUENCES:
      return _("Take the consequences");
    case CONFIANZA_RECOVERY_STEP_GUARANTEE:
      return _("Special guarantee");
    case CONFIANZA_RECOVERY_STEP_FOLLOW_UP:
      return _("Special follow-up");
    case CONFIANZA_RECOVERY_STEP_INTERNAL:
      return _("Internal analysis");
    case CONFIANZA_RECOVERY_STEP_OUTCOME:
    default:
      return _("Outcome");
    }
}

char *
confianza_recovery_timing_text (ConfianzaIncident     *incident,
                                ConfianzaRecoveryPlan *plan,
                                GPtrArray             *follow_ups)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int ack_days, apology_days;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), NULL);

  ack_days = confianza_recovery_days_to_acknowledgement (incident, plan);
  apology_days = confianza_recovery_days_to_apology (incident, plan);

  if (ack_days < 0)
    g_string_append (text, _("Not acknowledged yet"));
  else if (ack_days == 0)
    g_string_append (text, _("Acknowledged the same day"));
  else
    g_string_append_printf (text, ngettext ("Acknowledged %d day after the incident",
                                            "Acknowledged %d days after the incident",
                                            ack_days),
                            ack_days);

  /* Translators: separates the parts of a line, "Acknowledged the same day · apologised 2 days after" */
  g_string_append (text, C_("separator", " · "));

  if (apology_days < 0)
    g_string_append (text, _("no apology yet"));
  else if (apology_days == 0)
    g_string_append (text, _("apologised the same day"));
  else
    g_string_append_printf (text, ngettext ("apologised %d day after",
                                            "apologised %d days after",
                                            apology_days),
                            apology_days);

  if (follow_ups != NULL && follow_ups->len > 0)
    {
      ConfianzaFollowUpTally tally = confianza_recovery_tally_follow_ups (follow_ups, NULL);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%u of %u follow-up kept on time",
                                              "%u of %u follow-ups kept on time",
                                              tally.total),
                              tally.on_time, tally.total);
      if (tally.next_due != NULL)
        {
          g_autofree char *next = confianza_date_format (tally.next_due);

          g_string_append (text, C_("separator", " · "));
          /* Translators: %s is the date of the next follow-up */
          g_string_append_printf (text, _("next %s"), next);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
