/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date.h"
#include "confianza-recovery.h"
#include "confianza-reminders.h"
#include "confianza-rules.h"

void
confianza_reminder_free (ConfianzaReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->client_name);
  g_free (reminder->title);
  g_free (reminder);
}

static ConfianzaReminder *
reminder_new (ConfianzaReminderKind kind,
              gint64                subject_id,
              gint64                client_id,
              const char           *client_name,
              const char           *title,
              int                   days)
{
  ConfianzaReminder *reminder = g_new0 (ConfianzaReminder, 1);

  reminder->kind = kind;
  reminder->subject_id = subject_id;
  reminder->client_id = client_id;
  reminder->client_name = g_strdup (client_name != NULL ? client_name : "");
  reminder->title = g_strdup (title);
  reminder->days = days;

  return reminder;
}

ConfianzaReminder *
confianza_reminder_for_promise (ConfianzaPromise *promise,
                                const char       *client_name,
                                GDateTime        *today)
{
  GDateTime *due;
  int late;

  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  due = confianza_promise_get_due_on (promise);
  if (due == NULL
      || confianza_promise_get_delivered_on (promise) != NULL
      || confianza_promise_get_broken (promise))
    return NULL;

  late = confianza_date_days_between (due, today);
  if (late < 0)
    return NULL;

  return reminder_new (late == 0 ? CONFIANZA_REMINDER_PROMISE_TODAY
                                 : CONFIANZA_REMINDER_PROMISE_OVERDUE,
                       confianza_promise_get_id (promise),
                       confianza_promise_get_client_id (promise),
                       client_name,
                       confianza_promise_get_title (promise),
                       late);
}

ConfianzaReminder *
confianza_reminder_for_follow_up (ConfianzaFollowUp *follow_up,
                                  const char        *client_name,
                                  GDateTime         *today)
{
  GDateTime *due;
  int late;

  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (follow_up), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  due = confianza_follow_up_get_due_on (follow_up);
  if (due == NULL || confianza_follow_up_get_done_on (follow_up) != NULL)
    return NULL;

  late = confianza_date_days_between (due, today);
  if (late < 0)
    return NULL;

  return reminder_new (CONFIANZA_REMINDER_FOLLOW_UP,
                       confianza_follow_up_get_id (follow_up),
                       confianza_follow_up_get_client_id (follow_up),
                       client_name, NULL, late);
}

ConfianzaReminder *
confianza_reminder_for_measure (ConfianzaRecoveryPlan *plan,
                                const char            *client_name,
                                GDateTime             *today)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (confianza_recovery_plan_get_closed_on (plan) != NULL
      || !confianza_recovery_measure_pending (plan, today, 0, NULL))
    return NULL;

  return reminder_new (CONFIANZA_REMINDER_MEASURE,
                       confianza_recovery_plan_get_id (plan),
                       confianza_recovery_plan_get_client_id (plan),
                       client_name,
                       confianza_recovery_plan_get_corrective_measure (plan),
                       confianza_date_days_between (confianza_recovery_plan_get_corrective_due (plan),
                                                    today));
}

ConfianzaReminder *
confianza_reminder_for_client (ConfianzaClient *client,
                               int              default_cadence,
                               GDateTime       *today)
{
  ConfianzaClientStatus status;
  int cadence;
  int days;

  g_return_val_if_fail (CONFIANZA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  status = confianza_client_get_status (client);
  if (status == CONFIANZA_CLIENT_STATUS_LOST || status == CONFIANZA_CLIENT_STATUS_LET_GO)
    return NULL;

  cadence = confianza_client_get_follow_up_days (client);
  if (cadence <= 0)
    cadence = default_cadence;
  if (!confianza_rules_needs_contact (confianza_client_get_last_contact (client),
                                      confianza_client_get_since (client),
                                      cadence, today))
    return NULL;

  days = confianza_rules_days_since_contact (confianza_client_get_last_contact (client),
                                             confianza_client_get_since (client),
                                             today);
  return reminder_new (CONFIANZA_REMINDER_OUT_OF_TOUCH,
                       confianza_client_get_id (client),
                       confianza_client_get_id (client),
                       confianza_client_get_name (client), NULL, days);
}

char *
confianza_reminder_key (const ConfianzaReminder *reminder)
{
  g_return_val_if_fail (reminder != NULL, NULL);

  switch (reminder->kind)
    {
    case CONFIANZA_REMINDER_PROMISE_TODAY:
    case CONFIANZA_REMINDER_PROMISE_OVERDUE:
      return g_strdup_printf ("promise:%" G_GINT64_FORMAT, reminder->subject_id);
    case CONFIANZA_REMINDER_FOLLOW_UP:
      return g_strdup_printf ("follow-up:%" G_GINT64_FORMAT, reminder->subject_id);
    case CONFIANZA_REMINDER_OUT_OF_TOUCH:
      return g_strdup_printf ("client:%" G_GINT64_FORMAT, reminder->subject_id);
    case CONFIANZA_REMINDER_MEASURE:
      return g_strdup_printf ("measure:%" G_GINT64_FORMAT, reminder->subject_id);
    case CONFIANZA_N_REMINDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
private_title (ConfianzaReminderKind kind,
               guint                 count)
{
  switch (kind)
    {
    case CONFIANZA_REMINDER_PROMISE_TODAY:
      return g_strdup_printf (ngettext ("You have %u promise due today",
                                        "You have %u promises due today", count), count);
    case CONFIANZA_REMINDER_PROMISE_OVERDUE:
      return g_strdup_printf (ngettext ("You have %u overdue promise",
                                        "You have %u overdue promises", count), count);
    case CONFIANZA_REMINDER_FOLLOW_UP:
      return g_strdup_printf (ngettext ("You have %u recovery follow-up due",
                                        "You have %u recovery follow-ups due", count), count);
    case CONFIANZA_REMINDER_OUT_OF_TOUCH:
      return g_strdup_printf (ngettext ("%u client is waiting for a call",
                                        "%u clients are waiting for a call", count), count);
    case CONFIANZA_REMINDER_MEASURE:
      return g_strdup_printf (ngettext ("You have %u corrective measure due",
                                        "You have %u corrective measures due", count), count);
    case CONFIANZA_N_REMINDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
confianza_reminder_text (const ConfianzaReminder *reminder,
                         gboolean                 private,
                         guint                    count,
                         char                   **title,
                         char                   **body)
{
  g_return_if_fail (reminder != NULL);
  g_return_if_fail (title != NULL && body != NULL);

  if (private)
    {
      *title = private_title (reminder->kind, MAX (count, 1));
      *body = g_strdup (_("Open Confianza to see them."));
      return;
    }

  switch (reminder->kind)
    {
    case CONFIANZA_REMINDER_PROMISE_TODAY:
      *title = g_strdup_printf (_("Promise due today: %s"), reminder->title);
      *body = g_strdup_printf (_("You promised it to %s."), reminder->client_name);
      break;
    case CONFIANZA_REMINDER_PROMISE_OVERDUE:
      *title = g_strdup_printf (_("Overdue promise: %s"), reminder->title);
      *body = g_strdup_printf (ngettext ("You promised it to %s; it is %d day late.",
                                         "You promised it to %s; it is %d days late.",
                                         reminder->days),
                               reminder->client_name, reminder->days);
      break;
    case CONFIANZA_REMINDER_FOLLOW_UP:
      *title = g_strdup_printf (_("Recovery follow-up with %s"), reminder->client_name);
      *body = g_strdup (reminder->days == 0
                        ? _("The recovery plan has a follow-up due today.")
                        : _("The recovery plan has a follow-up that is past its date."));
      break;
    case CONFIANZA_REMINDER_OUT_OF_TOUCH:
      *title = g_strdup_printf (_("Time to call %s"), reminder->client_name);
      *body = g_strdup_printf (ngettext ("%d day without contact.",
                                         "%d days without contact.", reminder->days),
                               reminder->days);
      break;
    case CONFIANZA_REMINDER_MEASURE:
      *title = g_strdup_printf (_("Corrective measure due: %s"), reminder->title);
      *body = reminder->days == 0
              ? g_strdup_printf (_("From the recovery plan with %s; due today."), reminder->client_name)
              : g_strdup_printf (ngettext ("From the recovery plan with %s; it is %d day late.",
                                           "From the recovery plan with %s; it is %d days late.",
                                           reminder->days),
                                 reminder->client_name, reminder->days);
      break;
    case CONFIANZA_N_REMINDER_KINDS:
    default:
      *title = NULL;
      *body = NULL;
      g_return_if_reached ();
    }
}
