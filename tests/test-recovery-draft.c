/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What saving a recovery plan means, as pure rules: the draft's
 * compensations, the follow-ups kept to the schedule, the guarantee's
 * promise and the client's status; and the plan in words. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "model/confianza-model.h"
#include "model/confianza-recovery.h"
#include "model/confianza-recovery-draft.h"
#include "model/confianza-recovery-text.h"
#include "model/confianza-recovery-words.h"
#include "util/test-dates.h"

/* Helpers */

/* A stored plan (id 7) of client 3, started on 1 March 2026. */
static ConfianzaRecoveryDraft *
stored_draft (void)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (3, 5, util_day (2026, 3, 1));

  confianza_recovery_plan_set_id (plan, 7);

  return confianza_recovery_draft_new (plan);
}

static ConfianzaFollowUp *
follow_up_on (gint64     id,
              GDateTime *due_on,
              GDateTime *done_on)
{
  ConfianzaFollowUp *follow_up = confianza_follow_up_new (7, 3, due_on);

  confianza_follow_up_set_id (follow_up, id);
  confianza_follow_up_set_done_on (follow_up, done_on);

  return follow_up;
}

/* The draft */

static void
test_compensations (void)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
  g_autoptr(ConfianzaCompensation) stored = confianza_compensation_new (7, 3, CONFIANZA_COMPENSATION_REFUND);
  g_autoptr(ConfianzaCompensation) added = confianza_compensation_new (7, 3, CONFIANZA_COMPENSATION_CREDIT);
  g_autoptr(ConfianzaRecoveryPlan) other = confianza_recovery_plan_new (3, 5, util_day (2026, 3, 2));
  GArray *removed = confianza_recovery_draft_get_removed_compensations (draft);

  confianza_compensation_set_id (stored, 41);
  confianza_recovery_draft_add_compensation (draft, stored);
  confianza_recovery_draft_add_compensation (draft, added);
  g_assert_cmpuint (confianza_recovery_draft_get_compensations (draft)->len, ==, 2);

  /* A new one removed leaves nothing to erase; a stored one does. */
  confianza_recovery_draft_remove_compensation (draft, 1);
  g_assert_cmpuint (removed->len, ==, 0);
  confianza_recovery_draft_remove_compensation (draft, 0);
  g_assert_cmpuint (confianza_recovery_draft_get_compensations (draft)->len, ==, 0);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpint (g_array_index (removed, gint64, 0), ==, 41);

  confianza_recovery_draft_clear_removed_compensations (draft);
  g_assert_cmpuint (removed->len, ==, 0);

  confianza_recovery_draft_set_plan (draft, other);
  g_assert_true (confianza_recovery_draft_get_plan (draft) == other);
}

/* Follow-ups */

static void
test_follow_ups (void)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) obsolete = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;
  ConfianzaFollowUp *done_on_schedule, *pending_on_schedule, *pending_off, *done_off;

  /* Weekly, three times: 8, 15 and 22 March. */
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_times (plan, 3);

  done_on_schedule = follow_up_on (1, util_day (2026, 3, 8), util_day (2026, 3, 9));
  pending_on_schedule = follow_up_on (2, util_day (2026, 3, 15), NULL);
  pending_off = follow_up_on (3, util_day (2026, 3, 10), NULL);
  done_off = follow_up_on (4, util_day (2026, 3, 5), util_day (2026, 3, 5));
  g_ptr_array_add (existing, done_on_schedule);
  g_ptr_array_add (existing, pending_on_schedule);
  g_ptr_array_add (existing, pending_off);
  g_ptr_array_add (existing, done_off);

  added = confianza_recovery_draft_sync_follow_ups (draft, existing, obsolete);

  /* Only the one not done whose day left the schedule goes; what was done
   * stays, even off the schedule. */
  g_assert_cmpuint (obsolete->len, ==, 1);
  g_assert_true (g_ptr_array_index (obsolete, 0) == pending_off);

  /* Only the day without a follow-up gets one, of this plan and client. */
  g_assert_cmpuint (added->len, ==, 1);
  {
    ConfianzaFollowUp *follow_up = g_ptr_array_index (added, 0);

    g_assert_cmpint (confianza_follow_up_get_id (follow_up), ==, 0);
    g_assert_cmpint (confianza_follow_up_get_plan_id (follow_up), ==, 7);
    g_assert_cmpint (confianza_follow_up_get_client_id (follow_up), ==, 3);
    util_assert_date (confianza_follow_up_get_due_on (follow_up), 2026, 3, 22);
    g_assert_null (confianza_follow_up_get_done_on (follow_up));
  }

  /* No schedule: every follow-up not done goes, and none comes. */
  confianza_recovery_plan_set_follow_up_every_days (plan, 0);
  g_ptr_array_set_size (obsolete, 0);
  g_clear_pointer (&added, g_ptr_array_unref);
  added = confianza_recovery_draft_sync_follow_ups (draft, existing, obsolete);
  g_assert_cmpuint (added->len, ==, 0);
  g_assert_cmpuint (obsolete->len, ==, 2);
  g_assert_true (g_ptr_array_index (obsolete, 0) == pending_on_schedule);
  g_assert_true (g_ptr_array_index (obsolete, 1) == pending_off);

  /* A new plan's follow-ups are all new. */
  confianza_recovery_plan_set_follow_up_every_days (plan, 14);
  g_ptr_array_set_size (existing, 0);
  g_ptr_array_set_size (obsolete, 0);
  g_clear_pointer (&added, g_ptr_array_unref);
  added = confianza_recovery_draft_sync_follow_ups (draft, existing, obsolete);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpuint (obsolete->len, ==, 0);
  util_assert_date (confianza_follow_up_get_due_on (g_ptr_array_index (added, 2)), 2026, 4, 12);
}

/* The guarantee's promise */

static void
test_guarantee_new (void)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  GDateTime *today = util_day (2026, 3, 4);
  g_autoptr(ConfianzaPromise) promise = NULL;

  /* No guarantee: no terms, blank terms, or no end. */
  g_assert_null (confianza_recovery_draft_guarantee_promise (draft, NULL, today));
  confianza_recovery_plan_set_guarantee_terms (plan, " \n\t ");
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2026, 9, 1));
  g_assert_null (confianza_recovery_draft_guarantee_promise (draft, NULL, today));
  confianza_recovery_plan_set_guarantee_terms (plan, "Si se repite, gratis.\nCon factura.");
  confianza_recovery_plan_set_guarantee_until (plan, NULL);
  g_assert_null (confianza_recovery_draft_guarantee_promise (draft, NULL, today));

  /* A new one: promised today, due when the guarantee ends, titled by
   * its first line, of the plan and its client. */
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2026, 9, 1));
  promise = confianza_recovery_draft_guarantee_promise (draft, NULL, today);
  g_assert_nonnull (promise);
  g_assert_cmpint (confianza_promise_get_id (promise), ==, 0);
  g_assert_cmpint (confianza_promise_get_client_id (promise), ==, 3);
  g_assert_cmpint (confianza_promise_get_plan_id (promise), ==, 7);
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Si se repite, gratis.");
  g_assert_cmpstr (confianza_promise_get_kind (promise), ==, _("Special guarantee"));
  util_assert_date (confianza_promise_get_promised_on (promise), 2026, 3, 4);
  util_assert_date (confianza_promise_get_due_on (promise), 2026, 9, 1);
  g_assert_true (confianza_promise_validate (promise, NULL, NULL));
  g_clear_object (&promise);

  /* Recorded after it ended: promised no later than its end. */
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2026, 3, 2));
  promise = confianza_recovery_draft_guarantee_promise (draft, NULL, today);
  util_assert_date (confianza_promise_get_promised_on (promise), 2026, 3, 2);
  util_assert_date (confianza_promise_get_due_on (promise), 2026, 3, 2);
}

static void
test_guarantee_current (void)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
  g_autoptr(ConfianzaPromise) current = confianza_promise_new (3, "Antes", util_day (2026, 3, 2), util_day (2026, 6, 1));
  g_autoptr(ConfianzaPromise) promise = NULL;

  confianza_promise_set_id (current, 12);
  confianza_promise_set_kind (current, "garantía");
  confianza_recovery_plan_set_guarantee_terms (plan, "Revisiones gratis");
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2026, 12, 31));

  /* The same promise, following the guarantee; the one given is left as
   * it was. */
  promise = confianza_recovery_draft_guarantee_promise (draft, current, util_day (2026, 3, 20));
  g_assert_true (promise != current);
  g_assert_cmpint (confianza_promise_get_id (promise), ==, 12);
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Revisiones gratis");
  g_assert_cmpstr (confianza_promise_get_kind (promise), ==, "garantía");
  g_assert_cmpint (confianza_promise_get_plan_id (promise), ==, 7);
  util_assert_date (confianza_promise_get_promised_on (promise), 2026, 3, 2);
  util_assert_date (confianza_promise_get_due_on (promise), 2026, 12, 31);
  g_assert_cmpstr (confianza_promise_get_title (current), ==, "Antes");
  util_assert_date (confianza_promise_get_due_on (current), 2026, 6, 1);
  g_clear_object (&promise);

  /* Shortened to before it was promised: promised on its end. */
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2026, 3, 1));
  promise = confianza_recovery_draft_guarantee_promise (draft, current, util_day (2026, 3, 20));
  util_assert_date (confianza_promise_get_promised_on (promise), 2026, 3, 1);
  g_clear_object (&promise);

  /* Taken back: nothing to keep. */
  confianza_recovery_plan_set_guarantee_terms (plan, "");
  g_assert_null (confianza_recovery_draft_guarantee_promise (draft, current, util_day (2026, 3, 20)));
}

/* The client's status */

static void
test_client_status (void)
{
  static const struct
  {
    ConfianzaPlanOutcome  outcome;
    ConfianzaPlanOutcome  previous;
    ConfianzaClientStatus status;
    const char           *reason;
    gboolean              changed;
    ConfianzaClientStatus expected;
    const char           *expected_reason;
  } cases[] = {
    /* A plan under way: the client is being recovered. */
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_ACTIVE, NULL, TRUE, CONFIANZA_CLIENT_STATUS_RECOVERING, "" },
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_AT_RISK, NULL, TRUE, CONFIANZA_CLIENT_STATUS_RECOVERING, "" },
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_RECOVERING, NULL, FALSE, CONFIANZA_CLIENT_STATUS_RECOVERING, "" },
    /* … but a client lost, recovered or let go elsewhere stays so. */
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_LOST, NULL, FALSE, CONFIANZA_CLIENT_STATUS_LOST, "" },
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_RECOVERED, CONFIANZA_CLIENT_STATUS_RECOVERED, NULL, FALSE, CONFIANZA_CLIENT_STATUS_RECOVERED, "" },
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_LET_GO, "Otro motivo", FALSE, CONFIANZA_CLIENT_STATUS_LET_GO, "Otro motivo" },
    /* Letting go undone in this plan: recovering again, without the reason. */
    { CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_PLAN_LET_GO, CONFIANZA_CLIENT_STATUS_LET_GO, "Hostil", TRUE, CONFIANZA_CLIENT_STATUS_RECOVERING, "" },
    /* Recovered */
    { CONFIANZA_PLAN_RECOVERED, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_RECOVERING, NULL, TRUE, CONFIANZA_CLIENT_STATUS_RECOVERED, "" },
    { CONFIANZA_PLAN_RECOVERED, CONFIANZA_PLAN_RECOVERED, CONFIANZA_CLIENT_STATUS_RECOVERED, NULL, FALSE, CONFIANZA_CLIENT_STATUS_RECOVERED, "" },
    /* Let go, with the plan's reason; a new reason alone is a change. */
    { CONFIANZA_PLAN_LET_GO, CONFIANZA_PLAN_IN_PROGRESS, CONFIANZA_CLIENT_STATUS_RECOVERING, NULL, TRUE, CONFIANZA_CLIENT_STATUS_LET_GO, "Exige lo inaceptable" },
    { CONFIANZA_PLAN_LET_GO, CONFIANZA_PLAN_LET_GO, CONFIANZA_CLIENT_STATUS_LET_GO, "Exige lo inaceptable", FALSE, CONFIANZA_CLIENT_STATUS_LET_GO, "Exige lo inaceptable" },
    { CONFIANZA_PLAN_LET_GO, CONFIANZA_PLAN_LET_GO, CONFIANZA_CLIENT_STATUS_LET_GO, "Antes", TRUE, CONFIANZA_CLIENT_STATUS_LET_GO, "Exige lo inaceptable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
      ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (draft);
      g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");

      g_test_message ("case %u", i);
      confianza_recovery_plan_set_outcome (plan, cases[i].outcome);
      if (cases[i].outcome == CONFIANZA_PLAN_LET_GO)
        confianza_recovery_plan_set_outcome_reason (plan, "Exige lo inaceptable");
      confianza_client_set_status (client, cases[i].status);
      confianza_client_set_let_go_reason (client, cases[i].reason);

      g_assert_cmpint (confianza_recovery_draft_update_client (draft, cases[i].previous, client), ==, cases[i].changed);
      g_assert_cmpint (confianza_client_get_status (client), ==, cases[i].expected);
      g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, cases[i].expected_reason);
    }
}

/* In words */

static void
test_step_titles (void)
{
  /* Every page has its own name; past the last, the outcome's. */
  for (int i = 0; i < CONFIANZA_RECOVERY_N_STEPS; i++)
    {
      g_assert_cmpstr (confianza_recovery_step_title (i), !=, "");
      for (int j = 0; j < i; j++)
        g_assert_cmpstr (confianza_recovery_step_title (i), !=, confianza_recovery_step_title (j));
    }
  g_assert_cmpstr (confianza_recovery_step_title (CONFIANZA_RECOVERY_N_STEPS), ==,
                   confianza_recovery_step_title (CONFIANZA_RECOVERY_STEP_OUTCOME));
}

static void
test_timing_text (void)
{
  g_autoptr(ConfianzaIncident) incident = confianza_incident_new (3, util_day (2026, 3, 1), "Tarde");
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (3, 5, util_day (2026, 3, 1));
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *nothing = NULL;
  g_autofree char *timing = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *next = confianza_date_format (util_day (2026, 3, 15));
  gboolean english = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "C");

  nothing = confianza_recovery_timing_text (incident, plan, NULL);
  g_assert_null (strchr (nothing, '\n'));
  if (english)
    g_assert_cmpstr (nothing, ==, "Not acknowledged yet · no apology yet");

  confianza_recovery_plan_set_acknowledged_on (plan, util_day (2026, 3, 2));
  confianza_recovery_plan_set_apologised_on (plan, util_day (2026, 3, 4));
  timing = confianza_recovery_timing_text (incident, plan, NULL);
  g_assert_cmpstr (timing, !=, nothing);
  g_assert_nonnull (strchr (timing, '1'));
  g_assert_nonnull (strchr (timing, '3'));
  g_assert_null (strchr (timing, '\n'));
  if (english)
    g_assert_cmpstr (timing, ==, "Acknowledged 1 day after the incident · apologised 3 days after");

  /* With the follow-ups: how many were kept, and the next one. */
  g_ptr_array_add (follow_ups, follow_up_on (1, util_day (2026, 3, 8), util_day (2026, 3, 8)));
  g_ptr_array_add (follow_ups, follow_up_on (2, util_day (2026, 3, 15), NULL));
  g_ptr_array_add (follow_ups, follow_up_on (3, util_day (2026, 3, 22), NULL));
  summary = confianza_recovery_timing_text (incident, plan, follow_ups);
  g_assert_true (g_str_has_prefix (summary, timing));
  g_assert_nonnull (strstr (summary, next));
  if (english)
    {
      g_autofree char *expected = g_strdup_printf ("%s\n1 of 3 follow-ups kept on time · next %s", timing, next);

      g_assert_cmpstr (summary, ==, expected);
    }
}

/* Messages that went out */

/* The draft keeps them, and lists those of a kind in the order they went
 * out; a message says how and when in words, and is checked */
static void
test_messages (void)
{
  g_autoptr(ConfianzaRecoveryDraft) draft = stored_draft ();
  g_autoptr(ConfianzaRecoveryMessage) late = confianza_recovery_message_new (7, 3, CONFIANZA_WORDS_APOLOGY, CONFIANZA_MESSAGE_MAILED,
                                                                            "Segunda", util_day (2026, 3, 5));
  g_autoptr(ConfianzaRecoveryMessage) early = confianza_recovery_message_new (7, 3, CONFIANZA_WORDS_APOLOGY, CONFIANZA_MESSAGE_COPIED,
                                                                             "Primera", util_day (2026, 3, 2));
  g_autoptr(ConfianzaRecoveryMessage) other = confianza_recovery_message_new (7, 3, CONFIANZA_WORDS_FOLLOW_UP, CONFIANZA_MESSAGE_COPIED,
                                                                             "Seguimiento", util_day (2026, 3, 1));
  g_autoptr(ConfianzaRecoveryMessage) copy = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  g_autoptr(GPtrArray) farewells = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *mailed = NULL;
  g_autofree char *date = confianza_date_format (util_day (2026, 3, 2));
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  confianza_recovery_draft_add_message (draft, late);
  confianza_recovery_draft_add_message (draft, other);
  confianza_recovery_draft_add_message (draft, early);
  g_assert_cmpuint (confianza_recovery_draft_get_messages (draft)->len, ==, 3);
  apologies = confianza_recovery_draft_messages_of (draft, CONFIANZA_WORDS_APOLOGY);
  g_assert_cmpuint (apologies->len, ==, 2);
  g_assert_true (g_ptr_array_index (apologies, 0) == early);
  g_assert_true (g_ptr_array_index (apologies, 1) == late);
  farewells = confianza_recovery_draft_messages_of (draft, CONFIANZA_WORDS_FAREWELL);
  g_assert_cmpuint (farewells->len, ==, 0);

  copied = confianza_recovery_message_describe (early);
  mailed = confianza_recovery_message_describe (late);
  g_assert_nonnull (strstr (copied, date));
  g_assert_cmpstr (copied, !=, "");
  g_assert_cmpstr (mailed, !=, "");
  g_assert_cmpstr (copied, !=, mailed);

  copy = confianza_recovery_message_copy (early);
  confianza_recovery_message_set_id (early, 9);
  g_assert_cmpstr (confianza_recovery_message_get_text (copy), ==, "Primera");
  g_assert_cmpint (confianza_recovery_message_get_way (copy), ==, CONFIANZA_MESSAGE_COPIED);
  g_assert_true (confianza_date_equal (confianza_recovery_message_get_sent_on (copy), util_day (2026, 3, 2)));

  g_assert_true (confianza_recovery_message_validate (copy, &property, &error));
  g_assert_no_error (error);
  /* Blank words, no day, an unknown kind or way: refused, naming what */
  confianza_recovery_message_set_text (copy, " \n ");
  g_assert_false (confianza_recovery_message_validate (copy, &property, &error));
  g_assert_cmpstr (property, ==, "text");
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  confianza_recovery_message_set_text (copy, "Hola");
  confianza_recovery_message_set_sent_on (copy, NULL);
  g_assert_false (confianza_recovery_message_validate (copy, &property, &error));
  g_assert_cmpstr (property, ==, "sent-on");
  g_clear_error (&error);
  confianza_recovery_message_set_sent_on (copy, util_day (2026, 3, 2));
  confianza_recovery_message_set_kind (copy, 42);
  g_assert_false (confianza_recovery_message_validate (copy, &property, &error));
  g_assert_cmpstr (property, ==, "kind");
  g_clear_error (&error);
  confianza_recovery_message_set_kind (copy, CONFIANZA_WORDS_FAREWELL);
  confianza_recovery_message_set_way (copy, -1);
  g_assert_false (confianza_recovery_message_validate (copy, &property, &error));
  g_assert_cmpstr (property, ==, "way");
  g_clear_error (&error);

  /* Every kind has its subject, the same in both forms of address */
  for (ConfianzaWordsKind kind = CONFIANZA_WORDS_APOLOGY; kind <= CONFIANZA_WORDS_FAREWELL; kind++)
    g_assert_cmpstr (confianza_recovery_message_subject (kind), !=, "");
}

/* RFC 6068: UTF-8, everything reserved percent-encoded, CRLF line ends */
static void
test_mailto (void)
{
  g_autofree char *plain = confianza_mailto_uri ("  lucia@example.com ", NULL, NULL);
  g_autofree char *full = confianza_mailto_uri ("lucía+ventas@example.com", "Disculpas & más",
                                                "Hola, Lucía:\n\nLo siento: 100% nuestro.\r\n¿Hablamos? a=b#c\rFin");
  g_autofree char *body_only = confianza_mailto_uri ("a@b.es", "", "x y");

  g_assert_cmpstr (plain, ==, "mailto:lucia@example.com");
  g_assert_cmpstr (full, ==,
                   "mailto:luc%C3%ADa%2Bventas@example.com"
                   "?subject=Disculpas%20%26%20m%C3%A1s"
                   "&body=Hola%2C%20Luc%C3%ADa%3A%0D%0A%0D%0ALo%20siento%3A%20100%25%20nuestro."
                   "%0D%0A%C2%BFHablamos%3F%20a%3Db%23c%0D%0AFin");
  g_assert_cmpstr (body_only, ==, "mailto:a@b.es?body=x%20y");

  /* Decoded, the words are exactly the user's (with CRLF line ends) */
  {
    const char *body = strstr (full, "&body=") + strlen ("&body=");
    g_autofree char *decoded = g_uri_unescape_string (body, NULL);

    g_assert_cmpstr (decoded, ==, "Hola, Lucía:\r\n\r\nLo siento: 100% nuestro.\r\n¿Hablamos? a=b#c\r\nFin");
    g_assert_true (g_uri_is_valid (full, G_URI_FLAGS_NONE, NULL));
  }

  /* No address, or not one address: no URI */
  g_assert_null (confianza_mailto_uri (NULL, "a", "b"));
  g_assert_null (confianza_mailto_uri ("   ", "a", "b"));
  g_assert_null (confianza_mailto_uri ("lucia", "a", "b"));
  g_assert_null (confianza_mailto_uri ("a@b.es, c@d.es", "a", "b"));
  g_assert_null (confianza_mailto_uri ("a b@c.es", "a", "b"));
}

/* The closing message of a let-go fills every placeholder, with or without
 * the facts, and is all Spanish in Spanish */
static void
assert_farewell (const char *english_left)
{
  const ConfianzaWordsFacts full = { "Lucía Ferrer", "El catálogo llegó nueve días tarde.", util_day (2026, 2, 27) };
  g_autofree char *text = confianza_recovery_words_draft (CONFIANZA_WORDS_FAREWELL, &full);
  g_autofree char *bare = confianza_recovery_words_draft (CONFIANZA_WORDS_FAREWELL, NULL);
  g_autofree char *apology = confianza_recovery_words_draft (CONFIANZA_WORDS_APOLOGY, &full);

  g_assert_null (strchr (text, '{'));
  g_assert_null (strchr (text, '}'));
  g_assert_null (strchr (bare, '{'));
  g_assert_null (strchr (bare, '}'));
  g_assert_nonnull (strstr (text, "Lucía Ferrer"));
  g_assert_nonnull (strstr (text, "El catálogo llegó nueve días tarde"));
  g_assert_null (strstr (text, "tarde."));
  g_assert_cmpstr (text, !=, apology);
  g_assert_cmpstr (text, !=, bare);
  if (english_left != NULL)
    for (const char *const *word = (const char *const[]) { english_left, "Thank", "report", "together", NULL }; *word != NULL; word++)
      {
        g_assert_null (strstr (text, *word));
        g_assert_null (strstr (bare, *word));
      }
}

static void
test_farewell_words (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  assert_farewell (NULL);

  if (setlocale (LC_ALL, "es_ES.UTF-8") != NULL)
    assert_farewell ("Dear");
  else
    g_test_message ("es_ES.UTF-8 is not generated: the Spanish farewell is not checked");

  setlocale (LC_ALL, saved);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery-draft/compensations", test_compensations);
  g_test_add_func ("/recovery-draft/follow-ups", test_follow_ups);
  g_test_add_func ("/recovery-draft/guarantee/new", test_guarantee_new);
  g_test_add_func ("/recovery-draft/guarantee/current", test_guarantee_current);
  g_test_add_func ("/recovery-draft/client-status", test_client_status);
  g_test_add_func ("/recovery-text/step-titles", test_step_titles);
  g_test_add_func ("/recovery-text/timing", test_timing_text);
  g_test_add_func ("/recovery-draft/messages", test_messages);
  g_test_add_func ("/recovery-message/mailto", test_mailto);
  g_test_add_func ("/recovery-words/farewell", test_farewell_words);

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
