/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/confianza-date.h"

#include "confianza-reminder-check.h"

/* What this process sent, to withdraw it once done: notification id →
 * SentNotification */
typedef struct
{
  char  *path;
  GStrv  keys;   /* the things it is about */
} SentNotification;

static GHashTable *sent_notifications;

static void
sent_notification_free (gpointer data)
{
  SentNotification *sent = data;

  g_free (sent->path);
  g_strfreev (sent->keys);
  g_free (sent);
}

static void
remember_sent (const char  *id,
               const char  *path,
               GStrv        keys)
{
  SentNotification *sent = g_new0 (SentNotification, 1);

  if (sent_notifications == NULL)
    sent_notifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, sent_notification_free);

  sent->path = g_strdup (path);
  sent->keys = keys;
  g_hash_table_replace (sent_notifications, g_strdup (id), sent);
}

char *
confianza_reminder_notification_id (const char *path,
                                    const char *key)
{
  g_return_val_if_fail (path != NULL && key != NULL, NULL);

  return g_strdup_printf ("reminder:%s@%s", key, path);
}

/* One thing, with its names: "Abrir" opens it, a promise can be marked
 * delivered, and any can wait until tomorrow */
static GNotification *
notification_for (const ConfianzaReminder *reminder,
                  const char              *path,
                  const char              *key)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;

  confianza_reminder_text (reminder, FALSE, 1, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.reminder-open", "(^ays)", path, key);
  g_notification_add_button_with_target (notification, C_("reminder action", "Open"), "app.reminder-open", "(^ays)", path, key);
  if (reminder->kind == CONFIANZA_REMINDER_PROMISE_TODAY ||
      reminder->kind == CONFIANZA_REMINDER_PROMISE_OVERDUE)
    g_notification_add_button_with_target (notification, _("Mark as Delivered…"), "app.reminder-deliver",
                                           "(^ays)", path, key);
  g_notification_add_button_with_target (notification, _("Remind Me Tomorrow"), "app.reminder-snooze",
                                         "(^ays)", path, key);

  return notification;
}

/* The things of @kind in @to_send, one notification each */
static void
send_each (GApplication *app,
           const char   *path,
           GPtrArray    *to_send,
           GPtrArray    *keys,
           int           kind,
           GPtrArray    *sent)
{
  for (guint i = 0; i < to_send->len; i++)
    {
      ConfianzaReminder *reminder = g_ptr_array_index (to_send, i);
      const char *key = g_ptr_array_index (keys, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;
      const char *one[] = { key, NULL };

      if ((int) reminder->kind != kind)
        continue;

      notification = notification_for (reminder, path, key);
      id = confianza_reminder_notification_id (path, key);
      g_application_send_notification (app, id, notification);
      remember_sent (id, path, g_strdupv ((GStrv) one));
      if (sent != NULL)
        {
          g_autofree char *title = NULL;
          g_autofree char *body = NULL;

          confianza_reminder_text (reminder, FALSE, 1, &title, &body);
          g_ptr_array_add (sent, g_steal_pointer (&title));
        }
    }
}

gboolean
confianza_reminders_send (GApplication   *app,
                          ConfianzaStore *store,
                          const char     *path,
                          GDateTime      *today,
                          gboolean        private,
                          int             default_cadence,
                          GPtrArray      *sent,
                          guint          *n_due,
                          GError        **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) to_send = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_APPLICATION (app), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && today != NULL, FALSE);

  due = confianza_store_get_reminders_due (store, today, default_cadence, error);
  if (due == NULL)
    return FALSE;
  if (n_due != NULL)
    *n_due = due->len;

  /* What was not sent today, nor put off */
  for (guint i = 0; i < due->len; i++)
    {
      ConfianzaReminder *reminder = g_ptr_array_index (due, i);
      g_autofree char *key = confianza_reminder_key (reminder);
      gboolean is_pending = FALSE;

      if (!confianza_store_reminder_is_pending (store, key, today, &is_pending, error))
        return FALSE;
      if (!is_pending)
        continue;
      g_ptr_array_add (to_send, reminder);
      g_ptr_array_add (keys, g_steal_pointer (&key));
    }

  for (int kind = 0; kind < CONFIANZA_N_REMINDER_KINDS; kind++)
    {
      g_autoptr(GStrvBuilder) covered = g_strv_builder_new ();
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *id = NULL;
      ConfianzaReminder *first = NULL;
      guint count = 0;

      for (guint i = 0; i < to_send->len; i++)
        {
          ConfianzaReminder *reminder = g_ptr_array_index (to_send, i);

          if ((int) reminder->kind != kind)
            continue;
          if (first == NULL)
            first = reminder;
          g_strv_builder_add (covered, g_ptr_array_index (keys, i));
          count++;
        }
      if (count == 0)
        continue;

      /* One notification per thing, named; but with the privacy preference
       * (it can show on the lock screen), or too many of a kind to read one
       * by one, one per kind, counted, with no name */
      if (!private && count <= CONFIANZA_REMINDERS_PER_KIND)
        {
          send_each (app, path, to_send, keys, kind, sent);
          continue;
        }

      confianza_reminder_text (first, TRUE, count, &title, &body);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-page", "(^ays)", path, "today");
      g_notification_add_button_with_target (notification, C_("reminder action", "Open"), "app.show-page", "(^ays)", path, "today");
      id = g_strdup_printf ("reminders:%d@%s", kind, path);
      g_application_send_notification (app, id, notification);
      remember_sent (id, path, g_strv_builder_end (covered));
      if (sent != NULL)
        g_ptr_array_add (sent, g_steal_pointer (&title));
    }

  /* Remembered once sent: a second check the same day repeats nothing */
  for (guint i = 0; i < keys->len; i++)
    if (!confianza_store_mark_reminded (store, g_ptr_array_index (keys, i), today, error))
      return FALSE;

  return TRUE;
}

void
confianza_reminders_withdraw_done (GApplication   *app,
                                   ConfianzaStore *store,
                                   const char     *path,
                                   GDateTime      *today,
                                   int             default_cadence)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GHashTable) still = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GHashTableIter iter;
  gpointer id, value;

  if (sent_notifications == NULL || g_hash_table_size (sent_notifications) == 0)
    return;

  due = confianza_store_get_reminders_due (store, today, default_cadence, NULL);
  if (due == NULL)
    return;

  still = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < due->len; i++)
    g_hash_table_add (still, confianza_reminder_key (g_ptr_array_index (due, i)));

  gone = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, sent_notifications);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      SentNotification *sent = value;
      gboolean any = FALSE;

      if (strcmp (sent->path, path) != 0)
        continue;
      for (guint i = 0; sent->keys[i] != NULL && !any; i++)
        any = g_hash_table_contains (still, sent->keys[i]);
      if (!any)
        g_ptr_array_add (gone, g_strdup (id));
    }

  for (guint i = 0; i < gone->len; i++)
    {
      g_application_withdraw_notification (app, g_ptr_array_index (gone, i));
      g_hash_table_remove (sent_notifications, g_ptr_array_index (gone, i));
    }
}

gboolean
confianza_reminder_snooze (GApplication    *app,
                           ConfianzaStore  *store,
                           const char      *path,
                           const char      *key,
                           GError         **error)
{
  g_autoptr(ConfianzaStore) opened = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) tomorrow = confianza_date_add_days (today, 1);
  g_autofree char *id = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (app), FALSE);
  g_return_val_if_fail (path != NULL && key != NULL, FALSE);

  if (store == NULL)
    store = opened = confianza_store_open (path, error);
  if (store == NULL || !confianza_store_snooze_reminder (store, key, tomorrow, error))
    return FALSE;

  id = confianza_reminder_notification_id (path, key);
  g_application_withdraw_notification (app, id);

  return TRUE;
}
