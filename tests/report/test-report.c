/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

/*
 * The Excel reports, read back by an independent reader (Python's openpyxl,
 * check-report.py): sheets, headers, cell types and formats, values against
 * what was stored, text never turned into formulas, nothing internal or
 * about other clients in the client report, the same numbers and dates in
 * C and in es_ES.UTF-8, and failures that leave nothing behind.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/confianza-report.h"
#include "util/test-dates.h"
#include "util/test-util.h"

#define PYTHON      "/usr/bin/python3"
#define CHECKER     TEST_SRCDIR "/report/check-report.py"
#define BUSINESS    "Estudio \xff Prueba"   /* invalid UTF-8 on purpose */
#define SECRET      "SECRETO-INTERNO"
#define NOTE        "NOTA-INTERNA"
#define OTHER_NAME  "Bruno Otrocliente"
#define OTHER_FIRM  "Empresa Ajena S.A."

typedef struct
{
  char       *dir;
  char       *database;
  gint64      client_id;
  gint64      other_id;
  char       *client_xlsx;
  char       *portfolio_xlsx;
  char       *client_expect;
  char       *portfolio_expect;
  /* The database as it was made: each case that could replace records
   * starts from it, so that each fails on its own */
  char       *pristine;
  gsize       pristine_length;
} Fixture;

static Fixture fixture;
/* Helpers */

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (fixture.dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  return path;
}

static void
json_string (GString    *json,
             const char *text)
{
  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
json_date (GString   *json,
           GDateTime *date)
{
  g_autofree char *iso = confianza_date_to_iso (date);

  json_string (json, iso);
}

static void
json_key (GString    *json,
          const char *key)
{
  json_string (json, key);
  g_string_append_c (json, ':');
}

static void
save_ok (gboolean  ok,
         GError   *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Runs a program; its exit status, with its output for the log */
static int
run (const char * const *argv,
     const char * const *extra_env,
     char              **output)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    env = g_environ_setenv (env, extra_env[i], extra_env[i + 1], TRUE);

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);

  if (out != NULL && *out != '\0')
    g_test_message ("%s: %s", argv[0], out);
  if (err != NULL && *err != '\0')
    g_test_message ("%s (stderr): %s", argv[0], err);
  if (output != NULL)
    *output = g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);

  if (WIFEXITED (status))
    return WEXITSTATUS (status);

  return -1;
}

static gboolean
have_openpyxl (void)
{
  const char *argv[] = { PYTHON, "-c", "import openpyxl", NULL };

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("No " PYTHON " to read the reports back with (Debian package python3)");
      return FALSE;
    }
  if (run (argv, NULL, NULL) != 0)
    {
      g_test_skip ("Python's openpyxl is not installed (Debian package python3-openpyxl)");
      return FALSE;
    }

  return TRUE;
}

static void
check_with_python (const char *mode,
                   const char *first,
                   const char *second)
{
  const char *argv[] = { PYTHON, CHECKER, mode, first, second, NULL };
  g_autofree char *output = NULL;
  int status;

  if (!have_openpyxl ())
    return;

  status = run (argv, NULL, &output);
  if (status == 77)
    {
      g_test_skip (output);
      return;
    }
  if (status != 0)
    g_test_fail_printf ("check-report.py %s found problems:\n%s", mode, output);
}

/* The records */

static ConfianzaPromise *
add_promise (ConfianzaStore *store,
             gint64          client_id,
             const char     *title,
             GDateTime      *promised_on,
             GDateTime      *due_on,
             GDateTime      *delivered_on)
{
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise = confianza_promise_new (client_id, title, promised_on, due_on);

  confianza_promise_set_delivered_on (promise, delivered_on);
  save_ok (confianza_store_save_promise (store, promise, &error), error);

  return promise;
}

static void
fill_database (ConfianzaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Ana Pérez");
  g_autoptr(ConfianzaClient) other = confianza_client_new (OTHER_NAME);
  g_autoptr(ConfianzaPromise) overdelivered = NULL;
  g_autoptr(ConfianzaPromise) kept = NULL;
  g_autoptr(ConfianzaPromise) late = NULL;
  g_autoptr(ConfianzaPromise) broken = NULL;
  g_autoptr(ConfianzaPromise) overdue = NULL;
  g_autoptr(ConfianzaPromise) open = NULL;
  g_autoptr(ConfianzaPromise) other_promise = NULL;
  g_autoptr(ConfianzaQuickWin) shared = NULL;
  g_autoptr(ConfianzaQuickWin) unshared = NULL;
  g_autoptr(ConfianzaConversation) conversation = NULL;
  g_autoptr(ConfianzaIncident) first = NULL;
  g_autoptr(ConfianzaIncident) second = NULL;
  g_autoptr(ConfianzaIncident) other_incident = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaRecoveryPlan) other_plan = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(ConfianzaCompensation) other_compensation = NULL;
  g_autoptr(ConfianzaFollowUp) done = NULL;
  g_autoptr(ConfianzaFollowUp) planned = NULL;

  confianza_client_set_company (client, "+Diseño & Cía");
  confianza_client_set_email (client, "ana@example.es");
  confianza_client_set_phone (client, "-34 600 000 000");
  confianza_client_set_notes (client, NOTE " no debe salir");
  confianza_client_set_since (client, util_day (2023, 6, 1));
  save_ok (confianza_store_save_client (store, client, &error), error);
  fixture.client_id = confianza_client_get_id (client);

  confianza_client_set_company (other, OTHER_FIRM);
  confianza_client_set_notes (other, NOTE " tampoco");
  confianza_client_set_since (other, util_day (2023, 1, 1));
  save_ok (confianza_store_save_client (store, other, &error), error);
  fixture.other_id = confianza_client_get_id (other);

  /* One promise in every outcome; texts that a careless writer would turn
   * into formulas */
  /* Its quantity is a term: set before it is delivered, when it may change */
  overdelivered = add_promise (store, fixture.client_id, "=1+1", util_day (2024, 1, 10), util_day (2024, 2, 1), NULL);
  confianza_promise_set_delivered_on (overdelivered, util_day (2024, 1, 28));
  confianza_promise_set_has_quantity (overdelivered, TRUE);
  confianza_promise_set_promised_quantity (overdelivered, 3.5);
  confianza_promise_set_unit (overdelivered, "horas");
  confianza_promise_set_delivered_quantity (overdelivered, 4.25);
  confianza_promise_set_extras (overdelivered, "@extra: =SUM(A1:A9)");
  save_ok (confianza_store_save_promise (store, overdelivered, &error), error);

  kept = add_promise (store, fixture.client_id, "+34 carteles", util_day (2024, 2, 1), util_day (2024, 3, 15), util_day (2024, 3, 15));
  late = add_promise (store, fixture.client_id, "-menos es más", util_day (2024, 3, 1), util_day (2024, 4, 10), util_day (2024, 4, 13));
  broken = add_promise (store, fixture.client_id, "@arroba", util_day (2024, 4, 1), util_day (2024, 5, 20), NULL);
  confianza_promise_set_broken (broken, TRUE);
  confianza_promise_set_broken_reason (broken, "Motivo");
  save_ok (confianza_store_save_promise (store, broken, &error), error);
  overdue = add_promise (store, fixture.client_id, "Catálogo “otoño”", util_day (2024, 5, 1), util_day (2024, 6, 5), NULL);
  open = add_promise (store, fixture.client_id, "Web nueva", util_days_from_today (-5), util_days_from_today (30), NULL);

  other_promise = add_promise (store, fixture.other_id, "Promesa de " OTHER_NAME, util_day (2024, 1, 1), util_day (2024, 1, 20), util_day (2024, 1, 20));

  shared = confianza_quick_win_new (fixture.client_id, "Logo en 24 horas", util_day (2024, 1, 5));
  confianza_quick_win_set_shared_on (shared, util_day (2024, 1, 6));
  save_ok (confianza_store_save_quick_win (store, shared, &error), error);
  unshared = confianza_quick_win_new (fixture.client_id, "=HYPERLINK(\"http://x\")", util_day (2024, 2, 5));
  save_ok (confianza_store_save_quick_win (store, unshared, &error), error);

  conversation = confianza_conversation_new (fixture.client_id, util_day (2024, 1, 3), CONFIANZA_CHANNEL_CALL);
  confianza_conversation_set_client_said (conversation, NOTE " dijo");
  save_ok (confianza_store_save_conversation (store, conversation, &error), error);

  /* Two incidents with the same cause within a year: the second is systemic */
  first = confianza_incident_new (fixture.client_id, util_day (2024, 4, 14), "El catálogo llegó tarde");
  confianza_incident_set_cause (first, "Plazos");
  confianza_incident_set_severity (first, CONFIANZA_SEVERITY_SERIOUS);
  save_ok (confianza_store_save_incident (store, first, &error), error);
  second = confianza_incident_new (fixture.client_id, util_day (2024, 6, 6), "Otra entrega tarde");
  confianza_incident_set_cause (second, " plazos ");
  save_ok (confianza_store_save_incident (store, second, &error), error);

  plan = confianza_recovery_plan_new (fixture.client_id, confianza_incident_get_id (first), util_day (2024, 4, 15));
  confianza_recovery_plan_set_client_said (plan, NOTE " en sus palabras");
  confianza_recovery_plan_set_acknowledged_on (plan, util_day (2024, 4, 15));
  confianza_recovery_plan_set_apologised_on (plan, util_day (2024, 4, 16));
  confianza_recovery_plan_set_apology_channel (plan, CONFIANZA_CHANNEL_IN_PERSON);
  confianza_recovery_plan_set_guarantee_terms (plan, "Si se repite, gratis");
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2024, 10, 15));
  confianza_recovery_plan_set_follow_up_every_days (plan, 14);
  confianza_recovery_plan_set_follow_up_times (plan, 2);
  confianza_recovery_plan_set_root_cause (plan, SECRET " causa");
  confianza_recovery_plan_set_corrective_measure (plan, SECRET " medida");
  confianza_recovery_plan_set_corrective_owner (plan, SECRET " responsable");
  confianza_recovery_plan_set_corrective_due (plan, util_day (2024, 5, 30));
  save_ok (confianza_store_save_recovery_plan (store, plan, &error), error);

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (plan), fixture.client_id,
                                             CONFIANZA_COMPENSATION_REFUND);
  confianza_compensation_set_amount_cents (compensation, 12345);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_description (compensation, "Devolución parcial");
  confianza_compensation_set_given_on (compensation, util_day (2024, 4, 20));
  save_ok (confianza_store_save_compensation (store, compensation, &error), error);

  done = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), fixture.client_id, util_day (2024, 4, 29));
  confianza_follow_up_set_done_on (done, util_day (2024, 4, 28));
  confianza_follow_up_set_note (done, NOTE " seguimiento");
  save_ok (confianza_store_save_follow_up (store, done, &error), error);
  planned = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), fixture.client_id, util_day (2024, 5, 13));
  save_ok (confianza_store_save_follow_up (store, planned, &error), error);

  other_incident = confianza_incident_new (fixture.other_id, util_day (2024, 3, 3), "Incidencia de " OTHER_NAME);
  save_ok (confianza_store_save_incident (store, other_incident, &error), error);
  other_plan = confianza_recovery_plan_new (fixture.other_id, confianza_incident_get_id (other_incident), util_day (2024, 3, 4));
  confianza_recovery_plan_set_root_cause (other_plan, SECRET " ajeno");
  save_ok (confianza_store_save_recovery_plan (store, other_plan, &error), error);
  other_compensation = confianza_compensation_new (confianza_recovery_plan_get_id (other_plan), fixture.other_id,
                                                   CONFIANZA_COMPENSATION_CREDIT);
  confianza_compensation_set_amount_cents (other_compensation, 5000);
  confianza_compensation_set_currency (other_compensation, "USD");
  confianza_compensation_set_given_on (other_compensation, util_day (2024, 3, 10));
  save_ok (confianza_store_save_compensation (store, other_compensation, &error), error);
}

/* What the checker expects, from what was stored and the model's own rules */
static void
write_client_expectations (ConfianzaStore *store)
{
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GListModel) promises = confianza_store_get_promises (store, fixture.client_id);
  g_autoptr(GListModel) wins = confianza_store_get_quick_wins (store, fixture.client_id);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *business = g_utf8_make_valid (BUSINESS, -1);
  g_autoptr(GError) error = NULL;
  guint n_outcomes[CONFIANZA_OUTCOME_BROKEN + 1] = { 0 };
  guint n = g_list_model_get_n_items (promises);

  json_key (json, "sheets");
  g_string_append_printf (json, "[\"%s\", \"%s\", \"%s\", \"%s\", \"%s\"],",
                          _("Summary"), _("Promises"), _("Quick wins"), _("Recovery plan"), _("Data we keep"));
  json_key (json, "client");
  json_string (json, "Ana Pérez");
  g_string_append_c (json, ',');
  json_key (json, "business");
  json_string (json, business);
  g_string_append_c (json, ',');
  json_key (json, "forbidden");
  g_string_append (json, "[\"" SECRET "\", \"" NOTE "\", \"" OTHER_NAME "\", \"" OTHER_FIRM "\", \"Otrocliente\"");
  g_string_append (json, ", ");
  json_string (json, _("Trust index"));
  g_string_append (json, "],");

  json_key (json, "promises");
  g_string_append_c (json, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaPromise) promise = g_list_model_get_item (promises, i);
      ConfianzaPromiseResult result = confianza_promise_get_result (promise, today);
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);
      gboolean delivered = confianza_promise_get_delivered_on (promise) != NULL;

      n_outcomes[result.outcome]++;
      g_string_append_printf (json, "%s{", i > 0 ? "," : "");
      json_key (json, "title");
      json_string (json, confianza_promise_get_title (promise));
      g_string_append (json, ",\"promised_on\":");
      json_date (json, confianza_promise_get_promised_on (promise));
      g_string_append (json, ",\"due_on\":");
      json_date (json, confianza_promise_get_due_on (promise));
      g_string_append (json, ",\"delivered_on\":");
      json_date (json, confianza_promise_get_delivered_on (promise));
      g_string_append (json, ",\"extras\":");
      json_string (json, confianza_promise_get_extras (promise));
      g_string_append (json, ",\"outcome\":");
      json_string (json, confianza_outcome_to_label (result.outcome));
      if (has_quantity)
        {
          g_autofree char *promised = g_strdup_printf ("%.17g", confianza_promise_get_promised_quantity (promise));
          g_autofree char *given = g_strdup_printf ("%.17g", confianza_promise_get_delivered_quantity (promise));

          g_string_append_printf (json, ",\"promised_quantity\":%s,\"delivered_quantity\":%s", promised, given);
          g_string_append (json, ",\"unit\":");
          json_string (json, confianza_promise_get_unit (promise));
        }
      if (delivered || result.outcome == CONFIANZA_OUTCOME_OVERDUE)
        g_string_append_printf (json, ",\"days\":%d", result.days_early);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "],");

  g_string_append_printf (json, "\"counts\":{\"made\":%u,\"overdelivered\":%u,\"kept\":%u,\"late\":%u,"
                          "\"broken\":%u,\"overdue\":%u,\"open\":%u},",
                          n, n_outcomes[CONFIANZA_OUTCOME_OVERDELIVERED], n_outcomes[CONFIANZA_OUTCOME_KEPT],
                          n_outcomes[CONFIANZA_OUTCOME_LATE], n_outcomes[CONFIANZA_OUTCOME_BROKEN],
                          n_outcomes[CONFIANZA_OUTCOME_OVERDUE], n_outcomes[CONFIANZA_OUTCOME_OPEN]);

  /* Oldest first in the report */
  json_key (json, "quick_wins");
  g_string_append_c (json, '[');
  /* Only those shared with the client: the report is sent to them */
  for (guint i = g_list_model_get_n_items (wins), first = TRUE; i > 0; i--)
    {
      g_autoptr(ConfianzaQuickWin) win = g_list_model_get_item (wins, i - 1);

      if (confianza_quick_win_get_shared_on (win) == NULL)
        continue;
      g_string_append (json, first ? "" : ",");
      first = FALSE;
      g_string_append (json, "{\"achieved_on\":");
      json_date (json, confianza_quick_win_get_achieved_on (win));
      g_string_append (json, ",\"title\":");
      json_string (json, confianza_quick_win_get_title (win));
      g_string_append (json, ",\"shared_on\":");
      json_date (json, confianza_quick_win_get_shared_on (win));
      g_string_append_c (json, '}');
    }
  g_string_append (json, "],");

  json_key (json, "labels");
  g_string_append_c (json, '{');
  json_key (json, "made");
  json_string (json, _("Promises made"));
  g_string_append_c (json, ',');
  json_key (json, "on_time_rate");
  json_string (json, _("On-time rate"));
  g_string_append_c (json, ',');
  json_key (json, "shared");
  json_string (json, _("Quick wins shared with you"));
  g_string_append (json, "}}");

  g_file_set_contents (fixture.client_expect, json->str, -1, &error);
  g_assert_no_error (error);
}

static void
write_portfolio_expectations (void)
{
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GError) error = NULL;

  json_key (json, "sheets");
  g_string_append_printf (json, "[\"%s\", \"%s\", \"%s\", \"%s\", \"%s\", \"%s\"],",
                          _("Summary"), _("Clients"), _("Promises"), _("Quick wins"),
                          _("Incidents"), _("Recovery plans"));
  json_key (json, "clients");
  g_string_append (json, "[\"Ana Pérez\", \"" OTHER_NAME "\"],");
  json_key (json, "overdue");
  g_string_append (json, "{\"Ana Pérez\": 1, \"" OTHER_NAME "\": 0},");
  json_key (json, "systemic");
  json_string (json, _("Systemic problem"));
  g_string_append_c (json, ',');
  json_key (json, "isolated");
  json_string (json, _("Isolated error"));
  g_string_append_c (json, ',');
  json_key (json, "currencies");
  g_string_append (json, "{\"EUR\": [123.45, \"#,##0.00 \\\"€\\\"\"], \"USD\": [50, \"\\\"$\\\"#,##0.00\"]}");
  g_string_append_c (json, '}');

  g_file_set_contents (fixture.portfolio_expect, json->str, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = NULL;

  fixture.dir = g_dir_make_tmp ("confianza-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture.database = g_build_filename (fixture.dir, "records.db", NULL);
  fixture.client_xlsx = g_build_filename (fixture.dir, "client.xlsx", NULL);
  fixture.portfolio_xlsx = g_build_filename (fixture.dir, "portfolio.xlsx", NULL);
  fixture.client_expect = g_build_filename (fixture.dir, "client.json", NULL);
  fixture.portfolio_expect = g_build_filename (fixture.dir, "portfolio.json", NULL);

  store = confianza_store_open (fixture.database, &error);
  g_assert_no_error (error);
  fill_database (store);
  write_client_expectations (store);
  write_portfolio_expectations ();
  g_clear_object (&store);

  g_file_get_contents (fixture.database, &fixture.pristine, &fixture.pristine_length, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_client_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                                BUSINESS, fixture.client_xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture.client_xlsx, G_FILE_TEST_IS_REGULAR));

  /* No temporary file is left beside it */
  after = util_list_dir (fixture.dir);
  g_assert_null (strstr (after, ".part"));

  check_with_python ("client", fixture.client_xlsx, fixture.client_expect);
}

static void
test_client_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture.dir, "period.xlsx", NULL);

  /* From March to April 2024: the kept and late promises (by due date) */
  g_assert_true (confianza_report_write_client (fixture.database, fixture.client_id,
                                                util_day (2024, 3, 1), util_day (2024, 4, 30),
                                                "Estudio", path, &error));
  g_assert_no_error (error);
  check_with_python ("period", path, "2");

  /* A period that ends before it starts is refused in words */
  g_assert_false (confianza_report_write_client (fixture.database, fixture.client_id,
                                                 util_day (2024, 5, 1), util_day (2024, 4, 1),
                                                 NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_INVALID);
}

static void
test_portfolio_report (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_report_write_portfolio (fixture.database, NULL, NULL, BUSINESS,
                                                   fixture.portfolio_xlsx, &error));
  g_assert_no_error (error);
  check_with_python ("portfolio", fixture.portfolio_xlsx, fixture.portfolio_expect);
}

/* Whether es_ES.UTF-8 is there to write Spanish reports in; the test is
 * skipped in words if not */
static gboolean
have_spanish (void)
{
  locale_t spanish = newlocale (LC_ALL_MASK, "es_ES.UTF-8", (locale_t) 0);

  if (spanish == (locale_t) 0)
    {
      g_test_skip ("The es_ES.UTF-8 locale is not installed (Debian package locales, "
                   "with es_ES.UTF-8 generated)");
      return FALSE;
    }

  freelocale (spanish);
  return TRUE;
}

/* The same report made in C and in Spanish: libxlsxwriter prints numbers
 * with the C library, so without care "3,5" would be written in es_ES */
static void
test_locales (void)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture.client_id);
  const char *locales[] = { "C", "es_ES.UTF-8" };
  const char *kinds[] = { "client", "portfolio" };

  if (!have_spanish ())
    return;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *outputs[2] = { NULL, NULL };

      for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%u.xlsx", kinds[k], l);
          const char *env[] = { "LC_ALL", locales[l], "LANGUAGE", NULL, NULL };
          const char *client_argv[] = { REPORT_HELPER, "client", fixture.database, id, NULL, "Estudio", NULL };
          const char *portfolio_argv[] = { REPORT_HELPER, "portfolio", fixture.database, NULL, "Estudio", NULL };

          outputs[l] = g_build_filename (fixture.dir, name, NULL);
          client_argv[4] = outputs[l];
          portfolio_argv[3] = outputs[l];
          env[3] = l == 0 ? "C" : "es";
          g_assert_cmpint (run (k == 0 ? client_argv : portfolio_argv, env, NULL), ==, 0);
        }

      check_with_python ("same-values", outputs[0], outputs[1]);
    }
}

/* The client report in Spanish addresses the client as asked: usted
 * (the default) or tú, and never both */
static void
test_address (void)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture.client_id);
  g_autofree char *usted = g_build_filename (fixture.dir, "usted.xlsx", NULL);
  g_autofree char *tu = g_build_filename (fixture.dir, "tu.xlsx", NULL);
  g_autofree char *english = g_build_filename (fixture.dir, "english-tu.xlsx", NULL);
  const char *usted_env[] = { "LC_ALL", "es_ES.UTF-8", "LANGUAGE", "es", "REPORT_HELPER_ADDRESS", "usted", NULL };
  const char *tu_env[] = { "LC_ALL", "es_ES.UTF-8", "LANGUAGE", "es", "REPORT_HELPER_ADDRESS", "tu", NULL };
  const char *english_env[] = { "LC_ALL", "C.UTF-8", "LANGUAGE", "C", "REPORT_HELPER_ADDRESS", "tu", NULL };
  const char *usted_argv[] = { REPORT_HELPER, "client", fixture.database, id, usted, "Estudio", NULL };
  const char *tu_argv[] = { REPORT_HELPER, "client", fixture.database, id, tu, "Estudio", NULL };
  const char *english_argv[] = { REPORT_HELPER, "client", fixture.database, id, english, "Estudio", NULL };

  /* In English both forms are the same words */
  g_assert_cmpint (run (english_argv, english_env, NULL), ==, 0);
  check_with_python ("clean", english, "Data we keep about you\nAbout you");

  if (!have_spanish ())
    return;

  g_assert_cmpint (run (usted_argv, usted_env, NULL), ==, 0);
  g_assert_cmpint (run (tu_argv, tu_env, NULL), ==, 0);

  check_with_python ("clean", usted, "Datos que guardamos sobre usted\nSobre usted\nPóngase en contacto con Estudio");
  check_with_python ("absent", usted, "sobre ti\nSobre ti\nPonte en contacto\ncontigo\nTe escuchamos\nTe pedimos disculpas");
  check_with_python ("clean", tu, "Datos que guardamos sobre ti\nSobre ti\nPonte en contacto con Estudio");
  check_with_python ("absent", tu, "sobre usted\nSobre usted\nPóngase\ncon usted\nLe escuchamos\nLe pedimos disculpas\nData we keep");
}

/* Text an older Confianza kept, or another program wrote, with characters
 * that XML forbids (U+FFFE, U+FFFF) or that a terminal obeys (ESC): the
 * workbook still opens, and shows the text cleaned (confianza-text.h) */
static void
test_forbidden_characters (void)
{
  g_autofree char *database = g_build_filename (fixture.dir, "dirty.db", NULL);
  g_autofree char *client_path = g_build_filename (fixture.dir, "dirty-client.xlsx", NULL);
  g_autofree char *portfolio_path = g_build_filename (fixture.dir, "dirty-portfolio.xlsx", NULL);
  const char *business = "Estudio\xef\xbf\xbe \x1b[5mPrueba\xef\xbf\xbf";
  /* The portfolio's ledger has the promise titles too */
  const char *client_texts = "Ana[31m Gil\nTaller Sur\nCatálogo [2Jotoño\nEstudio [5mPrueba";
  const char *portfolio_texts = "Ana[31m Gil\nTaller Sur\nCatálogo [2Jotoño\nEstudio [5mPrueba";
  g_autoptr(GError) error = NULL;
  gint64 id;

  {
    g_autoptr(ConfianzaStore) store = confianza_store_open (database, &error);
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Provisional");
    g_autoptr(ConfianzaPromise) promise = NULL;

    g_assert_no_error (error);
    save_ok (confianza_store_save_client (store, client, &error), error);
    id = confianza_client_get_id (client);
    promise = add_promise (store, id, "Provisional", util_day (2024, 1, 2), util_day (2024, 2, 3), NULL);
  }

  /* What the model's setters no longer let through, written as an older
   * version or another program would have */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE client SET name = ?1, company = ?2",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, "Ana\x1b[31m Gil\xef\xbf\xbe", -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, "Taller\xef\xbf\xbf \x01Sur", -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE promise SET title = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, "Catálogo \x1b[2Jotoño\x7f", -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  }

  g_assert_true (confianza_report_write_client (database, id, NULL, NULL, business, client_path, &error));
  g_assert_no_error (error);
  check_with_python ("clean", client_path, client_texts);

  g_assert_true (confianza_report_write_portfolio (database, NULL, NULL, business, portfolio_path, &error));
  g_assert_no_error (error);
  check_with_python ("clean", portfolio_path, portfolio_texts);
}

/* Files that hold records */

static char *
read_or_null (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  /* Binary files: their length, then their bytes as hexadecimal */
  {
    GString *text = g_string_new (NULL);

    g_string_append_printf (text, "%" G_GSIZE_FORMAT ":", length);
    for (gsize i = 0; i < length; i++)
      g_string_append_printf (text, "%02x", (guchar) contents[i]);
    g_free (contents);

    return g_string_free (text, FALSE);
  }
}

/* The database still opens, with its records */
static gboolean
records_intact (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = confianza_store_open (fixture.database, &error);
  g_autoptr(ConfianzaClient) client = NULL;

  if (store != NULL)
    client = confianza_store_get_client (store, fixture.client_id, &error);
  if (client == NULL)
    g_test_message ("The records do not open: %s", error->message);

  return client != NULL && g_strcmp0 (confianza_client_get_name (client), "Ana Pérez") == 0;
}

/* Written into the same file, which keeps the hard links to it */
static void
restore_database (gboolean in_use)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (fixture.database, &contents, &length, NULL);
  if (contents == NULL || length != fixture.pristine_length ||
      memcmp (contents, fixture.pristine, length) != 0)
    {
      FILE *file = fopen (fixture.database, "wb");

      g_assert_nonnull (file);
      g_assert_cmpuint (fwrite (fixture.pristine, 1, fixture.pristine_length, file), ==,
                        fixture.pristine_length);
      g_assert_cmpint (fclose (file), ==, 0);
    }

  if (!in_use)
    {
      const char *suffixes[] = { "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *companion = g_strconcat (fixture.database, suffixes[i], NULL);

          g_unlink (companion);
        }
    }
}

/* A failure that is counted and said at once, not fatal, so that every
 * case is tried */
static void expect (gboolean    condition,
                    const char *format,
                    ...) G_GNUC_PRINTF (2, 3);

static void
expect (gboolean    condition,
        const char *format,
        ...)
{
  g_autofree char *why = NULL;
  va_list args;

  if (condition)
    return;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAILED: %s", why);
  g_test_fail_printf ("%s", why);
}

/* Both reports refuse @output, before anything is written: the database,
 * its log and @output are byte for byte as they were, nothing is left in
 * the folder, and the records still open. */
static void
assert_refused (const char *output,
                gboolean    in_use)
{
  g_autofree char *wal = g_strconcat (fixture.database, "-wal", NULL);
  g_autofree char *folder = g_path_get_dirname (output);

  for (guint report = 0; report < 2; report++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *database_before = NULL;
      g_autofree char *wal_before = NULL;
      g_autofree char *output_before = NULL;
      g_autofree char *listing_before = NULL;
      g_autofree char *database_after = NULL;
      g_autofree char *wal_after = NULL;
      g_autofree char *output_after = NULL;
      g_autofree char *listing_after = NULL;
      const char *kind = report == 0 ? "client" : "portfolio";
      gboolean ok;

      restore_database (in_use);
      database_before = read_or_null (fixture.database);
      wal_before = read_or_null (wal);
      output_before = read_or_null (output);
      listing_before = util_list_dir (folder);

      if (report == 0)
        ok = confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                            "Estudio", output, &error);
      else
        ok = confianza_report_write_portfolio (fixture.database, NULL, NULL, "Estudio", output, &error);

      database_after = read_or_null (fixture.database);
      wal_after = read_or_null (wal);
      output_after = read_or_null (output);
      listing_after = util_list_dir (folder);

      g_test_message ("%s report to %s: %s", kind, output, error != NULL ? error->message : "written");
      expect (!ok && g_error_matches (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED),
              "the %s report was not refused at %s", kind, output);
      expect (error == NULL || g_str_has_suffix (error->message, "."),
              "the refusal is not a sentence: %s", error != NULL ? error->message : "");
      expect (g_strcmp0 (database_before, database_after) == 0,
              "the %s report to %s changed the database", kind, output);
      expect (g_strcmp0 (wal_before, wal_after) == 0,
              "the %s report to %s changed the database's log", kind, output);
      expect (g_strcmp0 (output_before, output_after) == 0,
              "the %s report to %s changed it", kind, output);
      expect (g_strcmp0 (listing_before, listing_after) == 0,
              "the %s report to %s left files behind: %s", kind, output, listing_after);
      expect (records_intact (), "after the %s report to %s, the records do not open", kind, output);
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The database under every name it can have, and its companions */
static void
test_never_replaces_database (void)
{
  g_autofree char *folder = make_dir ("spelling");
  g_autofree char *dotted = g_build_filename (fixture.dir, ".", "records.db", NULL);
  g_autofree char *around = g_build_filename (folder, "..", "records.db", NULL);
  g_autofree char *soft_link = g_build_filename (fixture.dir, "link-to-records.xlsx", NULL);
  g_autofree char *folder_link = g_build_filename (fixture.dir, "folder-link", NULL);
  g_autofree char *through_link = g_build_filename (folder_link, "records.db", NULL);
  g_autofree char *hard_link = g_build_filename (fixture.dir, "hard-link.xlsx", NULL);
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  assert_refused (fixture.database, FALSE);
  assert_refused (dotted, FALSE);
  assert_refused (around, FALSE);

  g_assert_cmpint (symlink (fixture.database, soft_link), ==, 0);
  assert_refused (soft_link, FALSE);
  expect (g_file_test (soft_link, G_FILE_TEST_IS_SYMLINK), "the symbolic link was replaced");

  g_assert_cmpint (symlink (fixture.dir, folder_link), ==, 0);
  assert_refused (through_link, FALSE);

  g_assert_cmpint (link (fixture.database, hard_link), ==, 0);
  assert_refused (hard_link, FALSE);

  /* Companion files that do not exist yet (no connection is open)… */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (fixture.database, suffixes[i], NULL);

      assert_refused (companion, FALSE);
    }

  /* …and those of a database in use, by any name */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ConfianzaStore) in_use = confianza_store_open (fixture.database, &error);
    g_autofree char *wal = g_strconcat (fixture.database, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture.database, "-shm", NULL);
    g_autofree char *wal_link = g_build_filename (fixture.dir, "wal-link.xlsx", NULL);

    g_assert_no_error (error);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
    assert_refused (wal, TRUE);
    assert_refused (shm, TRUE);
    g_assert_cmpint (link (wal, wal_link), ==, 0);
    assert_refused (wal_link, TRUE);
  }
}

/* Any file that holds records, whatever its name: the backups first */
static void
test_never_replaces_records (void)
{
  g_autofree char *backup = g_strconcat (fixture.database, ".backup-v2", NULL);
  g_autofree char *backups = make_dir ("backups");
  g_autofree char *daily = g_build_filename (backups, "confianza-2026-03-04.db", NULL);
  g_autofree char *other = g_build_filename (fixture.dir, "other.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *old_log = g_build_filename (fixture.dir, "old-log.xlsx", NULL);
  g_autofree char *journal = g_build_filename (fixture.dir, "hot-journal.xlsx", NULL);
  static const char journal_head[] = "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" "\0\0\0\0\0\0\0\0";
  g_autoptr(GError) error = NULL;

  copy_file (fixture.database, backup);
  assert_refused (backup, FALSE);
  copy_file (fixture.database, daily);
  assert_refused (daily, FALSE);

  /* The log of another database, while it is in use */
  {
    g_autoptr(ConfianzaStore) store = confianza_store_open (other, &error);
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Otra base");

    g_assert_no_error (error);
    save_ok (confianza_store_save_client (store, client, &error), error);
    copy_file (other_wal, old_log);
  }
  {
    g_autofree char *head = read_or_null (old_log);

    /* A real write-ahead log: its magic number, big-endian */
    g_assert_true (strstr (head, ":377f068") != NULL);
  }
  assert_refused (old_log, FALSE);

  g_file_set_contents (journal, journal_head, sizeof journal_head - 1, &error);
  g_assert_no_error (error);
  assert_refused (journal, FALSE);
}

/* A report is private: 0600 when new, never wider than the file it
 * replaces, under a usual umask */
static void
test_private_modes (void)
{
  g_autofree char *folder = make_dir ("modes");
  const struct { mode_t before; mode_t after; } cases[] = {
    { 0, 0600 },        /* a new file */
    { 0644, 0600 },
    { 0640, 0600 },
    { 0600, 0600 },
    { 0400, 0400 },
  };
  mode_t saved = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%u.xlsx", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      if (cases[i].before != 0)
        {
          g_file_set_contents (path, "an older report", -1, &error);
          g_assert_no_error (error);
          g_assert_cmpint (g_chmod (path, cases[i].before), ==, 0);
        }

      if (i % 2 == 0)
        g_assert_true (confianza_report_write_portfolio (fixture.database, NULL, NULL, NULL, path, &error));
      else
        g_assert_true (confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                                      NULL, path, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_message ("%04o → %04o", (guint) cases[i].before, (guint) (st.st_mode & 07777));
      g_assert_cmpint (st.st_mode & 07777, ==, cases[i].after);
    }

  umask (saved);
}

static void
test_no_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture.dir, "missing", "report.xlsx", NULL);

  g_assert_false (confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                                 NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NO_FOLDER);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_is_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_dir ("a-folder.xlsx");
  g_autofree char *before = util_list_dir (path);
  g_autofree char *after = NULL;

  g_assert_false (confianza_report_write_portfolio (fixture.database, NULL, NULL, NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_IS_DIRECTORY);
  g_test_message ("%s", error->message);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  after = util_list_dir (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Running as root, who may write in any folder: a read-only folder "
                   "cannot be tested");
      return;
    }

  folder = make_dir ("read-only");
  path = g_build_filename (folder, "report.xlsx", NULL);
  g_chmod (folder, 0500);
  g_assert_false (confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                                 NULL, path, &error));
  g_chmod (folder, 0700);
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_READ_ONLY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A failure while the file is written (here: a file size limit, as a full
 * disk would) leaves an existing report byte for byte as it was, and
 * nothing else behind */
static void
test_failure_keeps_existing (void)
{
  g_autofree char *folder = make_dir ("existing");
  g_autofree char *path = g_build_filename (folder, "Informe.xlsx", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture.client_id);
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(ConfianzaStore) keep_open = NULL;
  g_autofree char *output = NULL;
  const char *contents = "An older report that must survive.\n";
  const char *env[] = { "REPORT_HELPER_FILE_SIZE_LIMIT", "2048", NULL };
  const char *argv[] = { REPORT_HELPER, "client", fixture.database, id, path, NULL };
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  /* Open here, so that the database's shared-memory file already has its
   * size and only the report meets the limit */
  keep_open = confianza_store_open (fixture.database, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (argv, env, &output), ==, 1);
  g_assert_nonnull (strstr (output, "Informe.xlsx"));

  g_file_get_contents (path, &after, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, contents);
  listing = util_list_dir (folder);
  g_assert_cmpstr (listing, ==, "Informe.xlsx");

  /* And without the limit the same call replaces it */
  g_assert_cmpint (run (argv, NULL, NULL), ==, 0);
  g_clear_pointer (&after, g_free);
  g_file_get_contents (path, &after, &length, &error);
  g_assert_no_error (error);
  g_assert_true (length > 4 && memcmp (after, "PK\003\004", 4) == 0);
  g_clear_pointer (&listing, g_free);
  listing = util_list_dir (folder);
  g_assert_cmpstr (listing, ==, "Informe.xlsx");
}

/* A really full disk, when the tester provides a small one */
static void
test_disk_full (void)
{
  const char *full = g_getenv ("CONFIANZA_TEST_FULL_FOLDER");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;

  if (full == NULL)
    {
      g_test_skip ("Set CONFIANZA_TEST_FULL_FOLDER to a folder on a small, nearly full "
                   "file system (for example a 64 KiB tmpfs) to test a full disk; "
                   "mounting one needs root");
      return;
    }

  path = g_build_filename (full, "report.xlsx", NULL);
  g_assert_false (confianza_report_write_portfolio (fixture.database, NULL, NULL, NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_missing_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *database = g_build_filename (fixture.dir, "no-such.db", NULL);
  g_autofree char *path = g_build_filename (fixture.dir, "never.xlsx", NULL);

  g_assert_false (confianza_report_write_portfolio (database, NULL, NULL, NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE);
  /* Never an empty database in its place */
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (confianza_report_write_client (fixture.database, 999999, NULL, NULL, NULL, path, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_find_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = confianza_store_open (fixture.database, &error);
  g_autoptr(ConfianzaClient) twin = confianza_client_new ("ana pérez");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture.other_id);

  g_assert_no_error (error);
  g_assert_cmpint (confianza_report_find_client (store, id, &error), ==, fixture.other_id);
  g_assert_cmpint (confianza_report_find_client (store, "  ANA PÉREZ ", &error), ==, fixture.client_id);
  /* Decomposed accents match composed ones */
  g_assert_cmpint (confianza_report_find_client (store, "Ana Pe\xcc\x81rez", &error), ==, fixture.client_id);
  g_assert_cmpint (confianza_report_find_client (store, OTHER_FIRM, &error), ==, fixture.other_id);
  g_assert_no_error (error);

  g_assert_cmpint (confianza_report_find_client (store, "Nadie", &error), ==, 0);
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  save_ok (confianza_store_save_client (store, twin, &error), error);
  g_assert_cmpint (confianza_report_find_client (store, "Ana Pérez", &error), ==, 0);
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_AMBIGUOUS);
  g_test_message ("%s", error->message);
  /* The message lists both, with their numbers */
  g_assert_nonnull (strstr (error->message, "+Diseño & Cía"));
  g_clear_error (&error);
  g_assert_true (confianza_store_delete_client (store, confianza_client_get_id (twin), &error));
}

static void
test_suggest_filename (void)
{
  g_autofree char *name = confianza_report_suggest_filename ("Lucía  Ferrer / Bodegas: \"Valdeflores\"",
                                                            util_day (2024, 5, 31));
  g_autofree char *portfolio = confianza_report_suggest_filename (NULL, util_day (2024, 1, 2));
  g_autofree char *hidden = confianza_report_suggest_filename ("..", util_day (2024, 1, 2));
  g_autofree char *word = g_strdup (C_("file name", "Report"));
  g_autofree char *expected = g_strdup_printf ("%s_Lucía_Ferrer_Bodegas_Valdeflores_2024-05-31.xlsx", word);

  g_assert_cmpstr (name, ==, expected);
  g_assert_true (g_str_has_suffix (portfolio, "_2024-01-02.xlsx"));
  g_assert_true (g_str_has_prefix (portfolio, word));
  g_assert_null (strchr (hidden, '/'));
  g_assert_false (hidden[0] == '.');
}

static void
test_pdf (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *outdir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice is not installed (Debian package libreoffice-calc-nogui): "
                   "the report is not turned into a PDF");
      return;
    }

  if (!g_file_test (fixture.client_xlsx, G_FILE_TEST_EXISTS))
    g_assert_true (confianza_report_write_client (fixture.database, fixture.client_id, NULL, NULL,
                                                  BUSINESS, fixture.client_xlsx, &error));
  outdir = make_dir ("pdf");
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", outdir);

  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf",
                           "--outdir", outdir, fixture.client_xlsx, NULL };
    const char *env[] = { "HOME", outdir, NULL };

    g_assert_cmpint (run (argv, env, NULL), ==, 0);
  }

  pdf = g_build_filename (outdir, "client.pdf", NULL);
  g_file_get_contents (pdf, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (length > 1000 && memcmp (contents, "%PDF", 4) == 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The expectations are the English source strings */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  fixture_setup ();

  g_test_add_func ("/report/client", test_client_report);
  g_test_add_func ("/report/client-period", test_client_period);
  g_test_add_func ("/report/portfolio", test_portfolio_report);
  g_test_add_func ("/report/locales", test_locales);
  g_test_add_func ("/report/address", test_address);
  g_test_add_func ("/report/forbidden-characters", test_forbidden_characters);
  g_test_add_func ("/report/failure/no-folder", test_no_folder);
  g_test_add_func ("/report/failure/is-directory", test_is_directory);
  g_test_add_func ("/report/failure/read-only-folder", test_read_only_folder);
  g_test_add_func ("/report/failure/keeps-existing", test_failure_keeps_existing);
  g_test_add_func ("/report/failure/disk-full", test_disk_full);
  g_test_add_func ("/report/failure/missing-records", test_missing_database);
  g_test_add_func ("/report/never-replaces/database", test_never_replaces_database);
  g_test_add_func ("/report/never-replaces/records", test_never_replaces_records);
  g_test_add_func ("/report/private-modes", test_private_modes);
  g_test_add_func ("/report/find-client", test_find_client);
  g_test_add_func ("/report/suggest-filename", test_suggest_filename);
  g_test_add_func ("/report/pdf", test_pdf);

  status = g_test_run ();

  util_rm_rf (fixture.dir);
  util_free_dates ();
  g_free (fixture.pristine);

  return status;
}
