/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-store-internal.h"
#include "confianza-store-reminders.h"
#include "model/confianza-date.h"

/* What the reminders sent, kept in the "reminder" table (migration 4 → 5):
 * one row per thing reminded, with the last day it was notified and the
 * day before which the user asked not to hear of it again. */

static void
set_error (GError  **error,
           sqlite3  *db)
{
  int rc = sqlite3_extended_errcode (db);

  g_set_error (error, CONFIANZA_STORE_ERROR,
               (rc & 0xff) == SQLITE_FULL ? CONFIANZA_STORE_ERROR_FULL
               : (rc & 0xff) == SQLITE_READONLY ? CONFIANZA_STORE_ERROR_READ_ONLY
               : CONFIANZA_STORE_ERROR_FAILED,
               _("Confianza could not remember which reminders it sent: %s"),
               sqlite3_errmsg (db));
}

static const char *
client_name (ConfianzaStore  *self,
             GHashTable      *names,
             gint64           client_id,
             GError         **error)
{
  g_autoptr(ConfianzaClient) client = NULL;
  const char *name = g_hash_table_lookup (names, &client_id);
  gint64 *key;

  if (name != NULL)
    return name;

  client = confianza_store_get_client (self, client_id, error);
  if (client == NULL)
    return NULL;

  key = g_new (gint64, 1);
  *key = client_id;
  name = g_strdup (confianza_client_get_name (client));
  g_hash_table_insert (names, key, (char *) name);

  return name;
}

GPtrArray *
confianza_store_get_reminders_due (ConfianzaStore  *self,
                                   GDateTime       *today,
                                   int              default_cadence,
                                   GError         **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) confianza_reminder_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) promises = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GListModel) plans = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  promises = confianza_store_get_open_promises_between (self, NULL, today, G_MAXINT, NULL, error);
  if (promises == NULL)
    return NULL;
  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);
      const char *name = client_name (self, names, confianza_promise_get_client_id (promise), error);
      ConfianzaReminder *reminder;

      if (name == NULL)
        return NULL;
      reminder = confianza_reminder_for_promise (promise, name, today);
      if (reminder != NULL)
        g_ptr_array_add (due, reminder);
    }

  follow_ups = confianza_store_get_open_follow_ups_due (self, today, G_MAXINT, NULL, error);
  if (follow_ups == NULL)
    return NULL;
  for (guint i = 0; i < follow_ups->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      const char *name = client_name (self, names, confianza_follow_up_get_client_id (follow_up), error);
      ConfianzaReminder *reminder;

      if (name == NULL)
        return NULL;
      reminder = confianza_reminder_for_follow_up (follow_up, name, today);
      if (reminder != NULL)
        g_ptr_array_add (due, reminder);
    }

  plans = confianza_store_get_recovery_plans (self, 0);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);
      ConfianzaReminder *reminder = confianza_reminder_for_measure (plan, "", today);

      if (reminder == NULL)
        continue;
      g_free (reminder->client_name);
      reminder->client_name = g_strdup (client_name (self, names, reminder->client_id, error));
      if (reminder->client_name == NULL)
        {
          confianza_reminder_free (reminder);
          return NULL;
        }
      g_ptr_array_add (due, reminder);
    }

  clients = confianza_store_get_clients_to_contact (self, today, default_cadence, G_MAXINT, NULL, error);
  if (clients == NULL)
    return NULL;
  for (guint i = 0; i < clients->len; i++)
    {
      ConfianzaReminder *reminder = confianza_reminder_for_client (g_ptr_array_index (clients, i),
                                                                   default_cadence, today);

      if (reminder != NULL)
        g_ptr_array_add (due, reminder);
    }

  return g_steal_pointer (&due);
}

gboolean
confianza_store_reminder_is_pending (ConfianzaStore  *self,
                                     const char      *key,
                                     GDateTime       *today,
                                     gboolean        *pending,
                                     GError         **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *day = NULL;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && today != NULL && pending != NULL, FALSE);

  db = confianza_store_get_db (self);
  day = confianza_date_to_iso (today);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT count(*) FROM reminder WHERE key = ?1"
                           " AND (notified_on = ?2 OR coalesce (snoozed_until, '') > ?2)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_ROW)
    {
      set_error (error, db);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *pending = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
write_reminder (ConfianzaStore  *self,
                const char      *sql,
                const char      *key,
                GDateTime       *day,
                GError         **error)
{
  sqlite3 *db = confianza_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *iso = confianza_date_to_iso (day);
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, db);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
confianza_store_mark_reminded (ConfianzaStore  *self,
                               const char      *key,
                               GDateTime       *day,
                               GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && day != NULL, FALSE);

  return write_reminder (self,
                         "INSERT INTO reminder (key, notified_on) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET notified_on = ?2",
                         key, day, error);
}

gboolean
confianza_store_snooze_reminder (ConfianzaStore  *self,
                                 const char      *key,
                                 GDateTime       *until,
                                 GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && until != NULL, FALSE);

  return write_reminder (self,
                         "INSERT INTO reminder (key, snoozed_until) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET snoozed_until = ?2",
                         key, until, error);
}
