/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "confianza-client.h"
#include "confianza-follow-up.h"
#include "confianza-promise.h"
#include "confianza-recovery-plan.h"

G_BEGIN_DECLS

/*
 * What a reminder is about, and its words: pure rules for the reminders
 * that reach the user while Confianza is closed (issue 19): promises,
 * recovery follow-ups, clients out of touch and corrective measures.
 */

typedef enum
{
  CONFIANZA_REMINDER_PROMISE_TODAY,
  CONFIANZA_REMINDER_PROMISE_OVERDUE,
  CONFIANZA_REMINDER_FOLLOW_UP,
  CONFIANZA_REMINDER_OUT_OF_TOUCH,
  CONFIANZA_REMINDER_MEASURE,
  CONFIANZA_N_REMINDER_KINDS
} ConfianzaReminderKind;

typedef struct
{
  ConfianzaReminderKind kind;
  gint64                subject_id;   /* the promise, follow-up, client or plan */
  gint64                client_id;
  char                 *client_name;
  char                 *title;        /* the promise's title, the measure's
                                       * text, else NULL */
  int                   days;         /* days overdue, or without contact */
} ConfianzaReminder;

void               confianza_reminder_free          (ConfianzaReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaReminder, confianza_reminder_free)

/* The reminder a promise is due on @today (due today, or overdue and
 * neither delivered nor broken), or NULL. */
ConfianzaReminder *confianza_reminder_for_promise   (ConfianzaPromise  *promise,
                                                     const char        *client_name,
                                                     GDateTime         *today);
/* A recovery plan's follow-up due on or before @today and not done. */
ConfianzaReminder *confianza_reminder_for_follow_up (ConfianzaFollowUp *follow_up,
                                                     const char        *client_name,
                                                     GDateTime         *today);
/* A recovery plan's corrective measure due on or before @today and not
 * applied yet (confianza_recovery_measure_pending ()); none for a closed
 * plan. */
ConfianzaReminder *confianza_reminder_for_measure   (ConfianzaRecoveryPlan *plan,
                                                     const char            *client_name,
                                                     GDateTime             *today);
/* A client out of touch for longer than their cadence (their own, or
 * @default_cadence when they have none); none for clients lost or let go. */
ConfianzaReminder *confianza_reminder_for_client    (ConfianzaClient   *client,
                                                     int                default_cadence,
                                                     GDateTime         *today);

/* A stable name for what is reminded ("promise:12"), to remember what was
 * notified on which day and to withdraw the notification. The kind of a
 * promise's reminder is left out: due today becomes overdue tomorrow, and
 * one notification per promise and day is enough. */
char              *confianza_reminder_key           (const ConfianzaReminder *reminder);

/* The notification's title and body. With @private, no client's name and
 * no promise's title: only what kind of thing is due, and how many of that
 * kind (@count) there are today. */
void               confianza_reminder_text          (const ConfianzaReminder *reminder,
                                                     gboolean                 private,
                                                     guint                    count,
                                                     char                   **title,
                                                     char                   **body);

G_END_DECLS
