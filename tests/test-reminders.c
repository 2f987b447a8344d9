/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reminders"

/*
 * What a reminder is due on a given day, and its words
 * (confianza-reminders.h): promises due today and overdue, follow-ups,
 * clients out of touch, never what is done; names hidden when private.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/confianza-model.h"
#include "store/confianza-store-reminders.h"

static GDateTime *
ymd (int y, int m, int d)
{
  return confianza_date_new (y, m, d);
}

static gboolean
english (void)
{
  return g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "C");
}

static void
test_promise (void)
{
  g_autoptr(GDateTime) promised = ymd (2026, 3, 1);
  g_autoptr(GDateTime) due = ymd (2026, 3, 10);
  g_autoptr(GDateTime) before = ymd (2026, 3, 9);
  g_autoptr(GDateTime) after = ymd (2026, 3, 13);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (4, "Logo final", promised, due);
  g_autoptr(ConfianzaReminder) none = NULL;
  g_autoptr(ConfianzaReminder) today = NULL;
  g_autoptr(ConfianzaReminder) late = NULL;
  g_autoptr(ConfianzaReminder) delivered = NULL;
  g_autoptr(ConfianzaReminder) broken = NULL;
  g_autofree char *key_today = NULL;
  g_autofree char *key_late = NULL;

  confianza_promise_set_id (promise, 12);

  none = confianza_reminder_for_promise (promise, "Ana", before);
  g_assert_null (none);

  today = confianza_reminder_for_promise (promise, "Ana", due);
  g_assert_nonnull (today);
  g_assert_cmpint (today->kind, ==, CONFIANZA_REMINDER_PROMISE_TODAY);
  g_assert_cmpint (today->subject_id, ==, 12);
  g_assert_cmpint (today->client_id, ==, 4);
  g_assert_cmpstr (today->client_name, ==, "Ana");
  g_assert_cmpstr (today->title, ==, "Logo final");
  g_assert_cmpint (today->days, ==, 0);

  late = confianza_reminder_for_promise (promise, "Ana", after);
  g_assert_nonnull (late);
  g_assert_cmpint (late->kind, ==, CONFIANZA_REMINDER_PROMISE_OVERDUE);
  g_assert_cmpint (late->days, ==, 3);

  /* One notification per promise and day, whether due or overdue */
  key_today = confianza_reminder_key (today);
  key_late = confianza_reminder_key (late);
  g_assert_cmpstr (key_today, ==, "promise:12");
  g_assert_cmpstr (key_late, ==, key_today);

  /* Nothing to remind once delivered, or broken */
  confianza_promise_set_delivered_on (promise, after);
  delivered = confianza_reminder_for_promise (promise, "Ana", after);
  g_assert_null (delivered);
  confianza_promise_set_delivered_on (promise, NULL);
  confianza_promise_set_broken (promise, TRUE);
  broken = confianza_reminder_for_promise (promise, "Ana", after);
  g_assert_null (broken);
}

/* @reminder is of @kind, for @client_id, @days late, known as @key */
static void
assert_reminder (const ConfianzaReminder *reminder,
                 ConfianzaReminderKind    kind,
                 gint64                   client_id,
                 int                      days,
                 const char              *key)
{
  g_autofree char *its_key = NULL;

  g_assert_nonnull (reminder);
  g_assert_cmpint (reminder->kind, ==, kind);
  g_assert_cmpint (reminder->client_id, ==, client_id);
  g_assert_cmpint (reminder->days, ==, days);
  its_key = confianza_reminder_key (reminder);
  g_assert_cmpstr (its_key, ==, key);
}

static void
test_follow_up (void)
{
  g_autoptr(GDateTime) due = ymd (2026, 4, 2);
  g_autoptr(GDateTime) before = ymd (2026, 4, 1);
  g_autoptr(GDateTime) after = ymd (2026, 4, 5);
  g_autoptr(ConfianzaFollowUp) follow_up = confianza_follow_up_new (7, 4, due);
  g_autoptr(ConfianzaReminder) early = NULL;
  g_autoptr(ConfianzaReminder) on_day = NULL;
  g_autoptr(ConfianzaReminder) late = NULL;
  g_autoptr(ConfianzaReminder) done = NULL;

  confianza_follow_up_set_id (follow_up, 30);
  early = confianza_reminder_for_follow_up (follow_up, "Ana", before);
  g_assert_null (early);
  on_day = confianza_reminder_for_follow_up (follow_up, "Ana", due);
  assert_reminder (on_day, CONFIANZA_REMINDER_FOLLOW_UP, 4, 0, "follow-up:30");
  late = confianza_reminder_for_follow_up (follow_up, "Ana", after);
  assert_reminder (late, CONFIANZA_REMINDER_FOLLOW_UP, 4, 3, "follow-up:30");

  confianza_follow_up_set_done_on (follow_up, after);
  done = confianza_reminder_for_follow_up (follow_up, "Ana", after);
  g_assert_null (done);
}

/* A corrective measure: due today or overdue and not applied, once per
 * plan; none without a text or a day, once applied, or in a closed plan */
static void
test_measure (void)
{
  g_autoptr(GDateTime) started = ymd (2026, 4, 1);
  g_autoptr(GDateTime) due = ymd (2026, 4, 10);
  g_autoptr(GDateTime) before = ymd (2026, 4, 9);
  g_autoptr(GDateTime) after = ymd (2026, 4, 12);
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (4, 9, started);
  g_autoptr(ConfianzaReminder) no_text = NULL;
  g_autoptr(ConfianzaReminder) no_day = NULL;
  g_autoptr(ConfianzaReminder) early = NULL;
  g_autoptr(ConfianzaReminder) on_day = NULL;
  g_autoptr(ConfianzaReminder) late = NULL;
  g_autoptr(ConfianzaReminder) closed = NULL;
  g_autoptr(ConfianzaReminder) applied = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *late_title = NULL;
  g_autofree char *late_body = NULL;
  g_autofree char *private_title = NULL;
  g_autofree char *private_body = NULL;

  confianza_recovery_plan_set_id (plan, 21);
  confianza_recovery_plan_set_corrective_due (plan, due);
  confianza_recovery_plan_set_corrective_measure (plan, "   ");
  no_text = confianza_reminder_for_measure (plan, "Ana Pérez", due);
  g_assert_null (no_text);

  confianza_recovery_plan_set_corrective_measure (plan, "Revisar cada entrega antes de enviarla");
  confianza_recovery_plan_set_corrective_due (plan, NULL);
  no_day = confianza_reminder_for_measure (plan, "Ana Pérez", after);
  g_assert_null (no_day);

  confianza_recovery_plan_set_corrective_due (plan, due);
  early = confianza_reminder_for_measure (plan, "Ana Pérez", before);
  g_assert_null (early);
  on_day = confianza_reminder_for_measure (plan, "Ana Pérez", due);
  assert_reminder (on_day, CONFIANZA_REMINDER_MEASURE, 4, 0, "measure:21");
  late = confianza_reminder_for_measure (plan, "Ana Pérez", after);
  assert_reminder (late, CONFIANZA_REMINDER_MEASURE, 4, 2, "measure:21");

  confianza_reminder_text (on_day, FALSE, 1, &title, &body);
  g_assert_nonnull (strstr (title, "Revisar cada entrega"));
  g_assert_nonnull (strstr (body, "Ana Pérez"));
  confianza_reminder_text (late, FALSE, 1, &late_title, &late_body);
  g_assert_nonnull (strstr (late_body, "2"));
  confianza_reminder_text (late, TRUE, 1, &private_title, &private_body);
  g_assert_null (strstr (private_title, "Revisar"));
  g_assert_null (strstr (private_title, "Ana"));
  g_assert_null (strstr (private_body, "Ana"));
  if (english ())
    {
      g_assert_cmpstr (title, ==, "Corrective measure due: Revisar cada entrega antes de enviarla");
      g_assert_cmpstr (private_title, ==, "You have 1 corrective measure due");
    }
  else if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "es"))
    {
      g_assert_cmpstr (title, ==, "Medida correctiva pendiente: Revisar cada entrega antes de enviarla");
      g_assert_cmpstr (private_title, ==, "Tienes 1 medida correctiva pendiente");
    }

  confianza_recovery_plan_set_closed_on (plan, after);
  closed = confianza_reminder_for_measure (plan, "Ana Pérez", after);
  g_assert_null (closed);
  confianza_recovery_plan_set_closed_on (plan, NULL);

  confianza_recovery_plan_set_corrective_applied_on (plan, after);
  applied = confianza_reminder_for_measure (plan, "Ana Pérez", after);
  g_assert_null (applied);
}

static void
test_client (void)
{
  g_autoptr(GDateTime) since = ymd (2025, 1, 1);
  g_autoptr(GDateTime) contact = ymd (2026, 5, 1);
  g_autoptr(GDateTime) within = ymd (2026, 5, 31);
  g_autoptr(GDateTime) beyond = ymd (2026, 6, 1);
  g_autoptr(GDateTime) own = ymd (2026, 5, 9);
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Ana Pérez");
  g_autoptr(ConfianzaReminder) in_touch = NULL;
  g_autoptr(ConfianzaReminder) out = NULL;
  g_autoptr(ConfianzaReminder) own_cadence = NULL;
  g_autoptr(ConfianzaReminder) no_cadence = NULL;
  g_autoptr(ConfianzaReminder) lost = NULL;
  g_autofree char *key = NULL;

  confianza_client_set_id (client, 4);
  confianza_client_set_since (client, since);
  confianza_client_set_last_contact (client, contact);

  /* The default cadence, 30 days: reminded on the 31st */
  in_touch = confianza_reminder_for_client (client, 30, within);
  g_assert_null (in_touch);
  out = confianza_reminder_for_client (client, 30, beyond);
  g_assert_nonnull (out);
  g_assert_cmpint (out->kind, ==, CONFIANZA_REMINDER_OUT_OF_TOUCH);
  g_assert_cmpint (out->days, ==, 31);
  g_assert_cmpstr (out->client_name, ==, "Ana Pérez");
  key = confianza_reminder_key (out);
  g_assert_cmpstr (key, ==, "client:4");

  /* The client's own cadence wins */
  confianza_client_set_follow_up_days (client, 7);
  own_cadence = confianza_reminder_for_client (client, 30, own);
  g_assert_nonnull (own_cadence);
  g_assert_cmpint (own_cadence->days, ==, 8);

  /* No cadence at all: never reminded */
  confianza_client_set_follow_up_days (client, 0);
  no_cadence = confianza_reminder_for_client (client, 0, beyond);
  g_assert_null (no_cadence);

  /* Clients lost are not called */
  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_LOST);
  lost = confianza_reminder_for_client (client, 30, beyond);
  g_assert_null (lost);
}

static void
test_text (void)
{
  g_autoptr(GDateTime) promised = ymd (2026, 3, 1);
  g_autoptr(GDateTime) due = ymd (2026, 3, 10);
  g_autoptr(GDateTime) after = ymd (2026, 3, 12);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (4, "Logo final", promised, due);
  g_autoptr(ConfianzaReminder) today = confianza_reminder_for_promise (promise, "Ana Pérez", due);
  g_autoptr(ConfianzaReminder) late = confianza_reminder_for_promise (promise, "Ana Pérez", after);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *late_title = NULL;
  g_autofree char *late_body = NULL;
  g_autofree char *private_title = NULL;
  g_autofree char *private_body = NULL;
  g_autofree char *one_title = NULL;
  g_autofree char *one_body = NULL;

  confianza_reminder_text (today, FALSE, 1, &title, &body);
  g_assert_nonnull (strstr (title, "Logo final"));
  g_assert_nonnull (strstr (body, "Ana Pérez"));

  confianza_reminder_text (late, FALSE, 1, &late_title, &late_body);
  g_assert_nonnull (strstr (late_title, "Logo final"));
  g_assert_nonnull (strstr (late_body, "Ana Pérez"));
  g_assert_nonnull (strstr (late_body, "2"));

  /* Private: neither the name nor the title, and the count in words */
  confianza_reminder_text (today, TRUE, 2, &private_title, &private_body);
  g_assert_null (strstr (private_title, "Logo"));
  g_assert_null (strstr (private_title, "Ana"));
  g_assert_null (strstr (private_body, "Logo"));
  g_assert_null (strstr (private_body, "Ana"));
  g_assert_nonnull (strstr (private_title, "2"));
  confianza_reminder_text (today, TRUE, 1, &one_title, &one_body);

  if (english ())
    {
      g_assert_cmpstr (title, ==, "Promise due today: Logo final");
      g_assert_cmpstr (body, ==, "You promised it to Ana Pérez.");
      g_assert_cmpstr (late_body, ==, "You promised it to Ana Pérez; it is 2 days late.");
      g_assert_cmpstr (private_title, ==, "You have 2 promises due today");
      g_assert_cmpstr (one_title, ==, "You have 1 promise due today");
    }
  else if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "es"))
    {
      g_assert_cmpstr (private_title, ==, "Tienes 2 promesas para hoy");
      g_assert_cmpstr (one_title, ==, "Tienes 1 promesa para hoy");
      g_assert_cmpstr (title, ==, "Promesa para hoy: Logo final");
    }
}

static void
remove_database (const char *dir,
                 const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* The store: what is due, and what was sent or put off, kept across
 * openings of the file; a read-only file refuses to remember, clearly. */
static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("confianza-reminders-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(ConfianzaStore) again = NULL;
  g_autoptr(ConfianzaStore) read_only = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");
  g_autoptr(ConfianzaClient) quiet = confianza_client_new ("Pau Soler");
  g_autoptr(GDateTime) today = ymd (2026, 6, 10);
  g_autoptr(GDateTime) tomorrow = ymd (2026, 6, 11);
  g_autoptr(GDateTime) later = ymd (2026, 6, 12);
  g_autoptr(GDateTime) long_ago = ymd (2026, 1, 1);
  g_autoptr(GDateTime) recent = ymd (2026, 6, 8);
  g_autoptr(GDateTime) due_later = ymd (2026, 6, 20);
  g_autoptr(ConfianzaPromise) due = NULL;
  g_autoptr(ConfianzaPromise) future = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autofree char *key = NULL;
  gboolean pending = FALSE;

  g_assert_no_error (error);
  store = confianza_store_open (path, &error);
  g_assert_no_error (error);

  confianza_client_set_since (client, long_ago);
  confianza_client_set_last_contact (client, recent);
  g_assert_true (confianza_store_save_client (store, client, &error));
  confianza_client_set_since (quiet, long_ago);
  confianza_client_set_last_contact (quiet, long_ago);
  g_assert_true (confianza_store_save_client (store, quiet, &error));
  g_assert_no_error (error);

  due = confianza_promise_new (confianza_client_get_id (client), "Catálogo", long_ago, today);
  future = confianza_promise_new (confianza_client_get_id (client), "Web", long_ago, due_later);
  g_assert_true (confianza_store_save_promise (store, due, &error));
  g_assert_true (confianza_store_save_promise (store, future, &error));
  g_assert_no_error (error);

  /* The promise due today and the client out of touch; not the future promise */
  reminders = confianza_store_get_reminders_due (store, today, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reminders->len, ==, 2);
  for (guint i = 0; i < reminders->len; i++)
    {
      ConfianzaReminder *reminder = g_ptr_array_index (reminders, i);

      if (reminder->kind == CONFIANZA_REMINDER_PROMISE_TODAY)
        {
          g_assert_cmpstr (reminder->title, ==, "Catálogo");
          g_assert_cmpstr (reminder->client_name, ==, "Lucía Ferrer");
          key = confianza_reminder_key (reminder);
        }
      else
        {
          g_assert_cmpint (reminder->kind, ==, CONFIANZA_REMINDER_OUT_OF_TOUCH);
          g_assert_cmpstr (reminder->client_name, ==, "Pau Soler");
        }
    }
  g_assert_nonnull (key);

  /* Notified once a day */
  g_assert_true (confianza_store_reminder_is_pending (store, key, today, &pending, &error));
  g_assert_true (pending);
  g_assert_true (confianza_store_mark_reminded (store, key, today, &error));
  g_assert_true (confianza_store_reminder_is_pending (store, key, today, &pending, &error));
  g_assert_false (pending);
  g_assert_true (confianza_store_reminder_is_pending (store, key, tomorrow, &pending, &error));
  g_assert_true (pending);

  /* "Remind me tomorrow" survives closing the file */
  g_assert_true (confianza_store_snooze_reminder (store, key, later, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  again = confianza_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (confianza_store_reminder_is_pending (again, key, tomorrow, &pending, &error));
  g_assert_false (pending);
  g_assert_true (confianza_store_reminder_is_pending (again, key, later, &pending, &error));
  g_assert_true (pending);
  g_clear_object (&again);

  /* Read-only: a clear error, and nothing changed */
  read_only = confianza_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (confianza_store_mark_reminded (read_only, key, later, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "remind") != NULL ? error->message : strstr (error->message, "recordatorios"));
  g_clear_error (&error);
  g_assert_true (confianza_store_reminder_is_pending (read_only, key, later, &pending, &error));
  g_assert_no_error (error);
  g_assert_true (pending);
  g_clear_object (&read_only);

  remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminders/promise", test_promise);
  g_test_add_func ("/reminders/follow-up", test_follow_up);
  g_test_add_func ("/reminders/measure", test_measure);
  g_test_add_func ("/reminders/client", test_client);
  g_test_add_func ("/reminders/text", test_text);
  g_test_add_func ("/reminders/store", test_store);

  return g_test_run ();
}
