/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-store.h"
#include "model/confianza-reminders.h"

G_BEGIN_DECLS

/* Everything due on @today (see confianza-reminders.h), as a new array of
 * ConfianzaReminder: promises due or overdue, follow-ups due, clients out
 * of touch (@default_cadence for those without their own). */
GPtrArray *confianza_store_get_reminders_due     (ConfianzaStore  *self,
                                                  GDateTime       *today,
                                                  int              default_cadence,
                                                  GError         **error);
/* Whether the reminder @key should be sent on @today: not notified that
 * day already, and not put off until after it. */
gboolean   confianza_store_reminder_is_pending   (ConfianzaStore  *self,
                                                  const char      *key,
                                                  GDateTime       *today,
                                                  gboolean        *pending,
                                                  GError         **error);
/* Remembers that @key was notified on @day. */
gboolean   confianza_store_mark_reminded         (ConfianzaStore  *self,
                                                  const char      *key,
                                                  GDateTime       *day,
                                                  GError         **error);
/* "Remind me tomorrow": no reminder for @key before @until. */
gboolean   confianza_store_snooze_reminder       (ConfianzaStore  *self,
                                                  const char      *key,
                                                  GDateTime       *until,
                                                  GError         **error);

G_END_DECLS
