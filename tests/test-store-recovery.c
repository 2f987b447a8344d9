/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saving a recovery plan as one store operation: every record it writes,
 * edits afterwards, and a failure part-way that leaves nothing written
 * and the draft as it was. (The fault test in tests/reliability fails
 * every disk call of it in turn.) */
#define G_LOG_DOMAIN "test-store-recovery"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/confianza-recovery.h"
#include "store/confianza-demo.h"
#include "store/confianza-store-recovery.h"
#include "util/test-dates.h"

typedef struct
{
  char              *dir;
  ConfianzaStore    *store;
  gint64             client_id;
  ConfianzaIncident *incident;
} Fixture;

/* Helpers */

static GPtrArray *
array_of (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));
  g_object_unref (model);

  return array;
}

static ConfianzaStoreCounts
counts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts counts;

  g_assert_true (confianza_store_count (f->store, &counts, &error));
  g_assert_no_error (error);

  return counts;
}

static ConfianzaClient *
stored_client (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ConfianzaClient *client = confianza_store_get_client (f->store, f->client_id, &error);

  g_assert_no_error (error);

  return client;
}

static void
save_ok (Fixture                *f,
         ConfianzaRecoveryDraft *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_store_save_recovery (f->store, draft, &error));
  g_assert_no_error (error);
}

/* Saving fails, saying why in words */
static void
save_fails (Fixture                *f,
            ConfianzaRecoveryDraft *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (confianza_store_save_recovery (f->store, draft, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
}

static ConfianzaCompensation *
refund (gint64      plan_id,
        gint64      client_id,
        gint64      cents,
        const char *currency)
{
  ConfianzaCompensation *compensation = confianza_compensation_new (plan_id, client_id, CONFIANZA_COMPENSATION_REFUND);

  confianza_compensation_set_amount_cents (compensation, cents);
  confianza_compensation_set_currency (compensation, currency);
  confianza_compensation_set_given_on (compensation, util_days_from_today (-2));

  return compensation;
}

/* A new plan as the wizard leaves it after the follow-up step: listened
 * to, apologised, a refund and a gesture, a guarantee for 180 days, weekly
 * follow-ups for eight weeks. */
static ConfianzaRecoveryDraft *
story_draft (Fixture *f)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaCompensation) money = NULL;
  g_autoptr(ConfianzaCompensation) gift = NULL;
  ConfianzaRecoveryDraft *draft;

  plan = confianza_recovery_plan_new (f->client_id, confianza_incident_get_id (f->incident), util_days_from_today (-3));
  confianza_recovery_plan_set_step (plan, CONFIANZA_RECOVERY_STEP_INTERNAL);
  confianza_recovery_plan_set_client_said (plan, "Quedamos fatal con los importadores.");
  confianza_recovery_plan_set_acknowledged_on (plan, util_days_from_today (-3));
  confianza_recovery_plan_set_apologised_on (plan, util_days_from_today (-2));
  confianza_recovery_plan_set_apologised_by (plan, "Ana (directora)");
  confianza_recovery_plan_set_guarantee_terms (plan, "Si otra entrega llega tarde, ese trabajo es gratis.");
  confianza_recovery_plan_set_guarantee_until (plan, util_days_from_today (180));
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_until (plan, util_days_from_today (53));
  draft = confianza_recovery_draft_new (plan);

  money = refund (0, f->client_id, 45000, "EUR");
  gift = confianza_compensation_new (0, f->client_id, CONFIANZA_COMPENSATION_OTHER);
  confianza_compensation_set_description (gift, "Una cesta de productos");
  confianza_recovery_draft_add_compensation (draft, money);
  confianza_recovery_draft_add_compensation (draft, gift);

  return draft;
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("confianza-store-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = confianza_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (confianza_store_save_client (f->store, client, &error));
  f->client_id = confianza_client_get_id (client);

  f->incident = confianza_incident_new (f->client_id, util_days_from_today (-3), "El catálogo llegó nueve días tarde.");
  g_assert_true (confianza_store_save_incident (f->store, f->incident, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "test.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->incident);
  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Tests */

static void
test_save_whole (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(ConfianzaRecoveryPlan) stored = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GPtrArray) compensations = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts n;
  gint64 plan_id;

  save_ok (f, draft);

  /* The plan, with its id and its guarantee's promise. */
  plan_id = confianza_recovery_plan_get_id (plan);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), >, 0);
  stored = confianza_store_get_plan_for_incident (f->store, confianza_incident_get_id (f->incident), &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_recovery_plan_get_id (stored), ==, plan_id);
  g_assert_cmpint (confianza_recovery_plan_get_step (stored), ==, CONFIANZA_RECOVERY_STEP_INTERNAL);
  g_assert_cmpstr (confianza_recovery_plan_get_client_said (stored), ==, "Quedamos fatal con los importadores.");
  g_assert_cmpstr (confianza_recovery_plan_get_apologised_by (stored), ==, "Ana (directora)");
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (stored), ==,
                   confianza_recovery_plan_get_guarantee_promise_id (plan));

  /* Both compensations, linked to it. */
  compensations = array_of (confianza_store_get_compensations (f->store, plan_id));
  g_assert_cmpuint (compensations->len, ==, 2);
  for (guint i = 0; i < compensations->len; i++)
    g_assert_cmpint (confianza_compensation_get_plan_id (g_ptr_array_index (compensations, i)), ==, plan_id);
  for (guint i = 0; i < 2; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (confianza_recovery_draft_get_compensations (draft), i);

      g_assert_cmpint (confianza_compensation_get_id (compensation), >, 0);
      g_assert_cmpint (confianza_compensation_get_plan_id (compensation), ==, plan_id);
    }

  /* The guarantee, a promise to the client promised today. */
  promise = confianza_store_get_promise (f->store, confianza_recovery_plan_get_guarantee_promise_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_promise_get_client_id (promise), ==, f->client_id);
  g_assert_cmpint (confianza_promise_get_plan_id (promise), ==, plan_id);
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Si otra entrega llega tarde, ese trabajo es gratis.");
  g_assert_cmpstr (confianza_promise_get_kind (promise), ==, _("Special guarantee"));
  g_assert_true (confianza_date_equal (confianza_promise_get_promised_on (promise), util_days_from_today (0)));
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), util_days_from_today (180)));

  /* Weekly follow-ups for eight weeks, none done. */
  follow_ups = array_of (confianza_store_get_follow_ups (f->store, plan_id));
  g_assert_cmpuint (follow_ups->len, ==, 8);
  for (guint i = 0; i < follow_ups->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      g_assert_true (confianza_date_equal (confianza_follow_up_get_due_on (follow_up), util_days_from_today (-3 + 7 * (int) (i + 1))));
      g_assert_null (confianza_follow_up_get_done_on (follow_up));
      g_assert_cmpint (confianza_follow_up_get_client_id (follow_up), ==, f->client_id);
    }

  /* The client is being recovered. */
  client = stored_client (f);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);

  n = counts (f);
  g_assert_cmpuint (n.plans, ==, 1);
  g_assert_cmpuint (n.compensations, ==, 2);
  g_assert_cmpuint (n.promises, ==, 1);
  g_assert_cmpuint (n.follow_ups, ==, 8);
}

/* Saving again changes only what changed: the follow-up done stays, the
 * schedule moves, a compensation goes, the guarantee's promise goes with
 * the guarantee, and the client is let go and taken back. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(ConfianzaFollowUp) done = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts n;
  gint64 plan_id;
  gint64 promise_id;

  save_ok (f, draft);
  plan_id = confianza_recovery_plan_get_id (confianza_recovery_draft_get_plan (draft));
  promise_id = confianza_recovery_plan_get_guarantee_promise_id (confianza_recovery_draft_get_plan (draft));

  /* The first follow-up was done. */
  follow_ups = array_of (confianza_store_get_follow_ups (f->store, plan_id));
  done = confianza_follow_up_copy (g_ptr_array_index (follow_ups, 0));
  confianza_follow_up_set_done_on (done, util_days_from_today (4));
  g_assert_true (confianza_store_save_follow_up (f->store, done, &error));
  g_assert_no_error (error);
  g_clear_pointer (&follow_ups, g_ptr_array_unref);

  /* Every 10 days, three times; no guarantee; one compensation less; let go. */
  plan = confianza_recovery_plan_copy (confianza_recovery_draft_get_plan (draft));
  confianza_recovery_plan_set_follow_up_every_days (plan, 10);
  confianza_recovery_plan_set_follow_up_until (plan, NULL);
  confianza_recovery_plan_set_follow_up_times (plan, 3);
  confianza_recovery_plan_set_guarantee_terms (plan, "");
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  confianza_recovery_plan_set_outcome_reason (plan, "Sigue hostil.");
  confianza_recovery_draft_set_plan (draft, plan);
  confianza_recovery_draft_remove_compensation (draft, 1);
  save_ok (f, draft);

  g_assert_cmpuint (confianza_recovery_draft_get_removed_compensations (draft)->len, ==, 0);
  g_assert_cmpint (confianza_recovery_plan_get_id (plan), ==, plan_id);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), ==, 0);
  g_assert_null (confianza_store_get_promise (f->store, promise_id, NULL));

  /* Days 7 (done), 10, 20 and 30 after the start. */
  follow_ups = array_of (confianza_store_get_follow_ups (f->store, plan_id));
  g_assert_cmpuint (follow_ups->len, ==, 4);
  g_assert_true (confianza_date_equal (confianza_follow_up_get_due_on (g_ptr_array_index (follow_ups, 0)), util_days_from_today (4)));
  g_assert_nonnull (confianza_follow_up_get_done_on (g_ptr_array_index (follow_ups, 0)));
  for (guint i = 1; i < 4; i++)
    g_assert_true (confianza_date_equal (confianza_follow_up_get_due_on (g_ptr_array_index (follow_ups, i)),
                                         util_days_from_today (-3 + 10 * (int) i)));

  client = stored_client (f);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "Sigue hostil.");
  g_clear_object (&client);

  n = counts (f);
  g_assert_cmpuint (n.compensations, ==, 1);
  g_assert_cmpuint (n.promises, ==, 0);

  /* Back in progress: recovering again, without the reason. */
  g_clear_object (&plan);
  plan = confianza_recovery_plan_copy (confianza_recovery_draft_get_plan (draft));
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_IN_PROGRESS);
  confianza_recovery_draft_set_plan (draft, plan);
  save_ok (f, draft);
  client = stored_client (f);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "");
}

/* A record that cannot be written, after others were: nothing stays, and
 * the draft can be corrected and saved again. */
static void
test_failure_part_way (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(ConfianzaCompensation) bad = refund (0, f->client_id, 1000, "euros");
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *compensations = confianza_recovery_draft_get_compensations (draft);
  ConfianzaStoreCounts n;

  /* Written after the plan and the first two compensations. */
  confianza_recovery_draft_add_compensation (draft, bad);
  save_fails (f, draft);

  n = counts (f);
  g_assert_cmpuint (n.plans, ==, 0);
  g_assert_cmpuint (n.compensations, ==, 0);
  g_assert_cmpuint (n.promises, ==, 0);
  g_assert_cmpuint (n.follow_ups, ==, 0);
  client = stored_client (f);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);

  /* The draft as it was: nothing has an id, nothing is linked. */
  g_assert_cmpint (confianza_recovery_plan_get_id (plan), ==, 0);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), ==, 0);
  for (guint i = 0; i < compensations->len; i++)
    {
      g_assert_cmpint (confianza_compensation_get_id (g_ptr_array_index (compensations, i)), ==, 0);
      g_assert_cmpint (confianza_compensation_get_plan_id (g_ptr_array_index (compensations, i)), ==, 0);
    }

  /* Corrected, it saves whole. */
  confianza_compensation_set_currency (bad, "EUR");
  save_ok (f, draft);
  n = counts (f);
  g_assert_cmpuint (n.plans, ==, 1);
  g_assert_cmpuint (n.compensations, ==, 3);
  g_assert_cmpuint (n.promises, ==, 1);
  g_assert_cmpuint (n.follow_ups, ==, 8);

  /* An edit that fails leaves the stored plan's links as they were. */
  {
    gint64 promise_id = confianza_recovery_plan_get_guarantee_promise_id (plan);
    g_autoptr(ConfianzaCompensation) worse = refund (0, f->client_id, -5, "EUR");

    confianza_recovery_draft_remove_compensation (draft, 0);
    confianza_recovery_plan_set_guarantee_terms (plan, "");
    confianza_recovery_draft_add_compensation (draft, worse);
    g_assert_false (confianza_store_save_recovery (f->store, draft, &error));
    g_assert_nonnull (error);
    g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), ==, promise_id);
    g_assert_cmpuint (confianza_recovery_draft_get_removed_compensations (draft)->len, ==, 1);
    g_assert_cmpint (confianza_compensation_get_plan_id (worse), ==, confianza_recovery_plan_get_id (plan));
    n = counts (f);
    g_assert_cmpuint (n.compensations, ==, 3);
    g_assert_cmpuint (n.promises, ==, 1);
  }
}

static ConfianzaRecoveryMessage *
message_of (ConfianzaWordsKind  kind,
            ConfianzaMessageWay way,
            const char         *text,
            int                 days_from_today)
{
  return confianza_recovery_message_new (0, 0, kind, way, text, util_days_from_today (days_from_today));
}

static guint
n_messages (Fixture *f,
            gint64   plan_id)
{
  g_autoptr(GPtrArray) messages = array_of (confianza_store_get_recovery_messages (f->store, plan_id));

  return messages->len;
}

/* The words copied before the plan was first saved are kept with it then;
 * those copied later are added at once; both read back dated, in the order
 * they went out, and go with the plan, then with the client. */
static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(ConfianzaRecoveryMessage) apology = message_of (CONFIANZA_WORDS_APOLOGY, CONFIANZA_MESSAGE_COPIED,
                                                            "Hola, Lucía:\n\nTe fallamos.", -2);
  g_autoptr(ConfianzaRecoveryMessage) offer = message_of (CONFIANZA_WORDS_COMPENSATION_OFFER, CONFIANZA_MESSAGE_MAILED,
                                                          "Te ofrecemos la devolución.", -1);
  g_autoptr(ConfianzaRecoveryMessage) later = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GListModel) live = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_id;

  confianza_recovery_draft_add_message (draft, offer);
  confianza_recovery_draft_add_message (draft, apology);
  save_ok (f, draft);
  plan_id = confianza_recovery_plan_get_id (plan);
  g_assert_cmpint (confianza_recovery_message_get_id (apology), >, 0);
  g_assert_cmpint (confianza_recovery_message_get_plan_id (apology), ==, plan_id);
  g_assert_cmpint (confianza_recovery_message_get_client_id (offer), ==, f->client_id);

  /* Saving again writes them once */
  save_ok (f, draft);
  g_assert_cmpuint (n_messages (f, plan_id), ==, 2);

  live = confianza_store_get_recovery_messages (f->store, plan_id);
  later = confianza_recovery_message_new (plan_id, f->client_id, CONFIANZA_WORDS_FOLLOW_UP, CONFIANZA_MESSAGE_COPIED,
                                          "¿Cómo va todo?", util_days_from_today (0));
  g_assert_true (confianza_store_add_recovery_message (f->store, later, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 3);

  stored = array_of (confianza_store_get_recovery_messages (f->store, plan_id));
  g_assert_cmpuint (stored->len, ==, 3);
  {
    ConfianzaRecoveryMessage *first = g_ptr_array_index (stored, 0);
    ConfianzaRecoveryMessage *second = g_ptr_array_index (stored, 1);

    g_assert_cmpint (confianza_recovery_message_get_kind (first), ==, CONFIANZA_WORDS_APOLOGY);
    g_assert_cmpint (confianza_recovery_message_get_way (first), ==, CONFIANZA_MESSAGE_COPIED);
    g_assert_cmpstr (confianza_recovery_message_get_text (first), ==, "Hola, Lucía:\n\nTe fallamos.");
    g_assert_true (confianza_date_equal (confianza_recovery_message_get_sent_on (first), util_days_from_today (-2)));
    g_assert_cmpint (confianza_recovery_message_get_kind (second), ==, CONFIANZA_WORDS_COMPENSATION_OFFER);
    g_assert_cmpint (confianza_recovery_message_get_way (second), ==, CONFIANZA_MESSAGE_MAILED);
  }

  /* A message without words, or of no plan, is refused in words */
  {
    g_autoptr(ConfianzaRecoveryMessage) blank = confianza_recovery_message_new (plan_id, f->client_id, CONFIANZA_WORDS_APOLOGY,
                                                                               CONFIANZA_MESSAGE_COPIED, "  ", util_days_from_today (0));
    g_autoptr(ConfianzaRecoveryMessage) orphan = confianza_recovery_message_new (plan_id + 100, f->client_id, CONFIANZA_WORDS_APOLOGY,
                                                                                CONFIANZA_MESSAGE_COPIED, "Hola", util_days_from_today (0));

    g_assert_false (confianza_store_add_recovery_message (f->store, blank, &error));
    g_assert_nonnull (error);
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
    g_assert_false (confianza_store_add_recovery_message (f->store, orphan, &error));
    g_assert_nonnull (error);
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
    g_assert_cmpint (confianza_recovery_message_get_id (orphan), ==, 0);
    g_assert_cmpuint (n_messages (f, plan_id), ==, 3);
  }

  /* Erasing the plan (with its incident) takes them along */
  g_assert_true (confianza_store_delete_incident (f->store, confianza_incident_get_id (f->incident), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);
  g_assert_cmpuint (n_messages (f, plan_id), ==, 0);
}

/* Erasing the client erases their plans' messages too */
static void
test_messages_client_erased (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  g_autoptr(ConfianzaRecoveryMessage) apology = message_of (CONFIANZA_WORDS_FAREWELL, CONFIANZA_MESSAGE_COPIED, "Adiós", 0);
  g_autoptr(GError) error = NULL;
  gint64 plan_id;

  confianza_recovery_draft_add_message (draft, apology);
  save_ok (f, draft);
  plan_id = confianza_recovery_plan_get_id (confianza_recovery_draft_get_plan (draft));
  g_assert_cmpuint (n_messages (f, plan_id), ==, 1);

  g_assert_true (confianza_store_delete_client (f->store, f->client_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_messages (f, plan_id), ==, 0);
}

/* A database that cannot be written to: the plan and the messages it
 * carries fail together, said in words; nothing is half-written and the
 * draft is as it was, to save later */
static void
test_messages_read_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "test.db", NULL);
  g_autoptr(ConfianzaStore) reader = NULL;
  g_autoptr(ConfianzaRecoveryDraft) draft = story_draft (f);
  g_autoptr(ConfianzaRecoveryMessage) apology = message_of (CONFIANZA_WORDS_APOLOGY, CONFIANZA_MESSAGE_COPIED, "Lo siento.", 0);
  g_autoptr(ConfianzaRecoveryMessage) bad = message_of (CONFIANZA_WORDS_FOLLOW_UP, CONFIANZA_MESSAGE_MAILED, "", 0);
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts n;

  reader = confianza_store_open_read_only (path, &error);
  g_assert_no_error (error);

  confianza_recovery_draft_add_message (draft, apology);
  g_assert_false (confianza_store_save_recovery (reader, draft, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_cmpint (confianza_recovery_message_get_id (apology), ==, 0);
  g_assert_cmpint (confianza_recovery_message_get_plan_id (apology), ==, 0);

  /* A message that cannot be kept undoes the plan it came with */
  confianza_recovery_draft_add_message (draft, bad);
  save_fails (f, draft);
  n = counts (f);
  g_assert_cmpuint (n.plans, ==, 0);
  g_assert_cmpuint (n.compensations, ==, 0);
  g_assert_cmpint (confianza_recovery_message_get_id (apology), ==, 0);
  g_assert_cmpint (confianza_recovery_message_get_plan_id (apology), ==, 0);
  g_assert_cmpint (confianza_recovery_plan_get_id (confianza_recovery_draft_get_plan (draft)), ==, 0);

  /* Corrected, everything is kept */
  confianza_recovery_message_set_text (bad, "¿Cómo va todo?");
  save_ok (f, draft);
  g_assert_cmpuint (n_messages (f, confianza_recovery_plan_get_id (confianza_recovery_draft_get_plan (draft))), ==, 2);

  /* Adding one through the reader is refused in words too */
  {
    g_autoptr(ConfianzaRecoveryMessage) more = confianza_recovery_message_new (confianza_recovery_message_get_plan_id (apology),
                                                                              f->client_id, CONFIANZA_WORDS_APOLOGY,
                                                                              CONFIANZA_MESSAGE_COPIED, "Otra vez", util_days_from_today (0));

    g_assert_false (confianza_store_add_recovery_message (reader, more, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
    g_assert_cmpint (confianza_recovery_message_get_id (more), ==, 0);
  }
}

/* The sample data saves its plans as the wizard does: each guarantee is a
 * promise of its own plan, titled by its terms and due when it ends, and
 * the follow-ups keep to each plan's schedule. Its story shows the method:
 * every plan judged at step 1 (one «con dudas», with a follow-up at least
 * weekly), and a corrective measure closed on time. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  guint doubtful = 0, on_time = 0;

  g_assert_true (confianza_demo_fill (f->store, today, &error));
  g_assert_no_error (error);

  plans = array_of (confianza_store_get_recovery_plans (f->store, 0));
  g_assert_cmpuint (plans->len, ==, 2);
  for (guint i = 0; i < plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (plans, i);
      ConfianzaTrustJudgement judgement = confianza_recovery_plan_get_trust_judgement (plan);
      GDateTime *applied = confianza_recovery_plan_get_corrective_applied_on (plan);

      g_assert_cmpint (judgement, !=, CONFIANZA_JUDGEMENT_UNDECIDED);
      if (judgement == CONFIANZA_JUDGEMENT_DOUBTFUL)
        {
          doubtful++;
          g_assert_cmpint (confianza_recovery_plan_get_follow_up_every_days (plan), <=, 7);
        }
      if (applied != NULL &&
          confianza_date_compare (applied, confianza_recovery_plan_get_corrective_due (plan)) <= 0)
        on_time++;
    }
  g_assert_cmpuint (doubtful, ==, 1);
  g_assert_cmpuint (on_time, >=, 1);

  for (guint i = 0; i < plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (plans, i);
      gint64 plan_id = confianza_recovery_plan_get_id (plan);
      g_autofree char *title = confianza_recovery_guarantee_title (confianza_recovery_plan_get_guarantee_terms (plan));
      g_autoptr(ConfianzaPromise) promise = NULL;
      g_autoptr(GPtrArray) follow_ups = array_of (confianza_store_get_follow_ups (f->store, plan_id));
      g_autoptr(GPtrArray) dates = confianza_recovery_plan_follow_up_dates (plan);

      g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), >, 0);
      promise = confianza_store_get_promise (f->store, confianza_recovery_plan_get_guarantee_promise_id (plan), &error);
      g_assert_no_error (error);
      g_assert_cmpint (confianza_promise_get_plan_id (promise), ==, plan_id);
      g_assert_cmpstr (confianza_promise_get_title (promise), ==, title);
      g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise),
                                           confianza_recovery_plan_get_guarantee_until (plan)));

      g_assert_cmpuint (follow_ups->len, ==, dates->len);
      for (guint j = 0; j < dates->len; j++)
        g_assert_true (confianza_date_equal (confianza_follow_up_get_due_on (g_ptr_array_index (follow_ups, j)),
                                             g_ptr_array_index (dates, j)));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/recovery/save-whole", test_save_whole);
  ADD ("/store/recovery/edit", test_edit);
  ADD ("/store/recovery/failure-part-way", test_failure_part_way);
  ADD ("/store/recovery/demo", test_demo);
  ADD ("/store/recovery/messages", test_messages);
  ADD ("/store/recovery/messages/client-erased", test_messages_client_erased);
  ADD ("/store/recovery/messages/read-only", test_messages_read_only);

#undef ADD

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
