/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-portfolio"

/*
 * The portfolio report of 10,000 clients and 100,000 promises against a
 * floor: the same number of cells, of the same kinds, written with raw
 * libxlsxwriter from memory. Each measurement runs in its own child process
 * (this program started again with --child), so that its peak memory
 * (getrusage ru_maxrss) is its own.
 *
 *   bench-portfolio [--clients N] [--promises-per-client N] [--keep DIR]
 *
 * Targets: report / floor+SQL ≤ 1.2, report peak ≤ 64 MiB.
 *
 * The floor writes from memory, while the report must first read 135,000
 * rows: a second floor ("floor+SQL") reads the same rows as the report
 * with raw SQL (every column of the clients, promises, quick wins,
 * incidents, plans, follow-ups and compensations) and then writes the same
 * cells, the least any report from this database can do. Both ratios are
 * printed; the target is on the second.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <xlsxwriter.h>

#include "export/confianza-report.h"

#define TARGET_RATIO    1.2
#define TARGET_PEAK_MIB 64.0

static int n_clients = 10000;
static int promises_per_client = 10;

/* Cells of the portfolio, as confianza-report.c lays them out */
#define CLIENT_COLUMNS   10
#define INCIDENT_COLUMNS 8
#define PLAN_COLUMNS     9
/* The ledger (every promise) and the quick wins (two per client) */
#define LEDGER_COLUMNS    13
#define QUICK_WIN_COLUMNS 4
#define QUICK_WINS_PER_CLIENT 2

/* Generating the database */

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

static void
step_or_die (sqlite3      *db,
             sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("insert: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static char *
iso_days_ago (GDateTime *today,
              int        days)
{
  g_autoptr(GDateTime) date = g_date_time_add_days (today, -days);

  return g_date_time_format (date, "%Y-%m-%d");
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *today,
           int           days_ago)
{
  sqlite3_bind_text (stmt, index, iso_days_ago (today, days_ago), -1, g_free);
}

/* The schema comes from the store itself; the rows go in with raw SQL in
 * one transaction, which takes a second rather than minutes */
static void
generate (const char *path)
{
  static const char * const statuses[] = { "active", "active", "active", "at-risk", "recovering", "recovered", "lost" };
  static const char * const causes[] = { "plazos", "calidad", "comunicación", "proveedor" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStore) store = confianza_store_open (path, &error);
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  sqlite3_stmt *client, *promise, *win, *incident, *plan, *follow_up, *compensation;
  GRand *rand = g_rand_new_with_seed (42);
  gint64 next_incident = 1;
  gint64 next_plan = 1;
  sqlite3 *db;

  g_assert_no_error (error);
  g_clear_object (&store);

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  exec_or_die (db, "PRAGMA foreign_keys = ON; BEGIN");

  client = prepare_or_die (db, "INSERT INTO client (id, name, company, email, phone, notes, status, since, last_contact, follow_up_days) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)");
  promise = prepare_or_die (db, "INSERT INTO promise (client_id, title, kind, promised_on, due_on, has_quantity, promised_quantity, unit, "
                                "delivered_on, delivered_quantity, extras, broken) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  win = prepare_or_die (db, "INSERT INTO quick_win (client_id, achieved_on, title, shared_on) VALUES (?1, ?2, ?3, ?4)");
  incident = prepare_or_die (db, "INSERT INTO incident (id, client_id, happened_on, description, severity, responsibility, cause) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, 'ours', ?6)");
  plan = prepare_or_die (db, "INSERT INTO recovery_plan (id, client_id, incident_id, started_on, step, acknowledged_on, apologised_on, "
                             "apology_channel, guarantee_terms, follow_up_every_days, root_cause, outcome) "
                             "VALUES (?1, ?2, ?3, ?4, 6, ?4, ?4, 'call', 'Garantía', 7, 'Causa', ?5)");
  follow_up = prepare_or_die (db, "INSERT INTO follow_up (plan_id, client_id, due_on, done_on) VALUES (?1, ?2, ?3, ?4)");
  compensation = prepare_or_die (db, "INSERT INTO compensation (plan_id, client_id, kind, amount_cents, currency, description, given_on) "
                                     "VALUES (?1, ?2, 'refund', ?3, ?4, 'Devolución', ?5)");

  for (int c = 1; c <= n_clients; c++)
    {
      int since = g_rand_int_range (rand, 60, 1500);

      sqlite3_bind_int64 (client, 1, c);
      sqlite3_bind_text (client, 2, g_strdup_printf ("Cliente %05d Pérez", c), -1, g_free);
      sqlite3_bind_text (client, 3, g_strdup_printf ("Empresa %05d S.L.", c), -1, g_free);
      sqlite3_bind_text (client, 4, g_strdup_printf ("cliente%05d@example.es", c), -1, g_free);
      sqlite3_bind_text (client, 5, "+34 900 000 000", -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 6, "Notas internas", -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 7, statuses[c % G_N_ELEMENTS (statuses)], -1, SQLITE_STATIC);
      bind_date (client, 8, today, since);
      bind_date (client, 9, today, g_rand_int_range (rand, 0, 60));
      step_or_die (db, client);

      for (int p = 0; p < promises_per_client; p++)
        {
          int promised = g_rand_int_range (rand, 1, since);
          int due = promised - g_rand_int_range (rand, 3, 30);
          int kind = g_rand_int_range (rand, 0, 10);
          gboolean quantity = kind % 3 == 0;

          sqlite3_bind_int64 (promise, 1, c);
          sqlite3_bind_text (promise, 2, g_strdup_printf ("Entrega %d del proyecto", p + 1), -1, g_free);
          sqlite3_bind_text (promise, 3, kind % 2 ? "web" : "diseño", -1, SQLITE_STATIC);
          bind_date (promise, 4, today, promised);
          bind_date (promise, 5, today, due);
          sqlite3_bind_int (promise, 6, quantity);
          sqlite3_bind_double (promise, 7, quantity ? 10 : 0);
          if (quantity)
            sqlite3_bind_text (promise, 8, "piezas", -1, SQLITE_STATIC);
          /* 0–5 early, 6 on the day, 7–8 late, 9 never delivered */
          if (kind < 9)
            bind_date (promise, 9, today, due + (kind < 6 ? 2 : kind == 6 ? 0 : -3));
          sqlite3_bind_double (promise, 10, quantity ? (kind == 3 ? 8 : 11) : 0);
          if (kind == 1)
            sqlite3_bind_text (promise, 11, "Un extra", -1, SQLITE_STATIC);
          sqlite3_bind_int (promise, 12, kind == 9 && due > 20);
          step_or_die (db, promise);
        }

      for (int w = 0; w < QUICK_WINS_PER_CLIENT; w++)
        {
          sqlite3_bind_int64 (win, 1, c);
          bind_date (win, 2, today, g_rand_int_range (rand, 0, since));
          sqlite3_bind_text (win, 3, "Mejora rápida", -1, SQLITE_STATIC);
          if (w == 0)
            bind_date (win, 4, today, 0);
          step_or_die (db, win);
        }

      /* One client in ten had an incident; one in thirty a recovery plan */
      if (c % 10 == 0)
        {
          gint64 incident_id = next_incident++;
          int happened = g_rand_int_range (rand, 10, since);

          sqlite3_bind_int64 (incident, 1, incident_id);
          sqlite3_bind_int64 (incident, 2, c);
          bind_date (incident, 3, today, happened);
          sqlite3_bind_text (incident, 4, "Una entrega llegó tarde y sin aviso", -1, SQLITE_STATIC);
          sqlite3_bind_text (incident, 5, c % 20 ? "minor" : "serious", -1, SQLITE_STATIC);
          sqlite3_bind_text (incident, 6, causes[c % G_N_ELEMENTS (causes)], -1, SQLITE_STATIC);
          step_or_die (db, incident);

          if (c % 30 == 0)
            {
              gint64 plan_id = next_plan++;

              sqlite3_bind_int64 (plan, 1, plan_id);
              sqlite3_bind_int64 (plan, 2, c);
              sqlite3_bind_int64 (plan, 3, incident_id);
              bind_date (plan, 4, today, happened - 1);
              sqlite3_bind_text (plan, 5, c % 60 ? "in-progress" : "recovered", -1, SQLITE_STATIC);
              step_or_die (db, plan);

              for (int f = 0; f < 4; f++)
                {
                  sqlite3_bind_int64 (follow_up, 1, plan_id);
                  sqlite3_bind_int64 (follow_up, 2, c);
                  bind_date (follow_up, 3, today, happened - 8 - 7 * f);
                  if (f < 2)
                    bind_date (follow_up, 4, today, happened - 8 - 7 * f);
                  step_or_die (db, follow_up);
                }

              sqlite3_bind_int64 (compensation, 1, plan_id);
              sqlite3_bind_int64 (compensation, 2, c);
              sqlite3_bind_int64 (compensation, 3, 1000 + c);
              sqlite3_bind_text (compensation, 4, c % 90 ? "EUR" : "USD", -1, SQLITE_STATIC);
              bind_date (compensation, 5, today, happened - 2);
              step_or_die (db, compensation);
            }
        }
    }

  sqlite3_finalize (client);
  sqlite3_finalize (promise);
  sqlite3_finalize (win);
  sqlite3_finalize (incident);
  sqlite3_finalize (plan);
  sqlite3_finalize (follow_up);
  sqlite3_finalize (compensation);
  exec_or_die (db, "COMMIT");
  sqlite3_close (db);
  g_rand_free (rand);
}

/* The floor: the same cells from memory */

static void
floor_sheet (lxw_workbook *workbook,
             const char   *name,
             int           rows,
             int           columns,
             GPtrArray    *texts,
             lxw_format  **formats)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  lxw_datetime date = { 2024, 5, 31, 0, 0, 0 };

  for (int c = 0; c < columns; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, "Cabecera", formats[0]);

  for (int r = 1; r <= rows; r++)
    {
      for (int c = 0; c < columns; c++)
        {
          /* Texts, numbers and a date, as in the report's rows */
          if (c < 3)
            worksheet_write_string (sheet, (lxw_row_t) r, (lxw_col_t) c,
                                    g_ptr_array_index (texts, (guint) (r * 3 + c) % texts->len), formats[1]);
          else if (c == columns - 1)
            worksheet_write_datetime (sheet, (lxw_row_t) r, (lxw_col_t) c, &date, formats[2]);
          else
            worksheet_write_number (sheet, (lxw_row_t) r, (lxw_col_t) c, r % 100 + c * 0.5, formats[3]);
        }
    }

  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, (lxw_row_t) rows, (lxw_col_t) (columns - 1));
  for (int c = 0; c < columns; c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, 14, NULL);
}

static gboolean
run_floor (const char *output,
           int         clients,
           int         incidents,
           int         plans)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_path_get_dirname (output);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = folder };
  lxw_workbook *workbook;
  lxw_format *formats[4];

  for (int i = 0; i < clients * 3; i++)
    g_ptr_array_add (texts, g_strdup_printf ("Texto %05d Pérez", i));

  workbook = workbook_new_opt (output, &options);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    formats[i] = workbook_add_format (workbook);
  format_set_bold (formats[0]);
  format_set_text_wrap (formats[1]);
  format_set_num_format_index (formats[2], 14);
  format_set_num_format (formats[3], "0");

  floor_sheet (workbook, "Resumen", 40, 4, texts, formats);
  floor_sheet (workbook, "Clientes", clients, CLIENT_COLUMNS, texts, formats);
  floor_sheet (workbook, "Promesas", clients * promises_per_client, LEDGER_COLUMNS, texts, formats);
  floor_sheet (workbook, "Quick wins", clients * QUICK_WINS_PER_CLIENT, QUICK_WIN_COLUMNS, texts, formats);
  floor_sheet (workbook, "Incidencias", incidents, INCIDENT_COLUMNS, texts, formats);
  floor_sheet (workbook, "Planes", plans, PLAN_COLUMNS, texts, formats);

  return workbook_close (workbook) == LXW_NO_ERROR;
}

/* The second floor: the rows read with raw SQL, then the same cells */
static gboolean
run_floor_sql (const char *database,
               const char *output,
               int         clients,
               int         incidents,
               int         plans)
{
  static const char * const tables[] = {
    "client", "promise", "quick_win", "incident", "recovery_plan", "follow_up", "compensation",
  };
  sqlite3 *db = NULL;
  gsize sum = 0;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", tables[t],
                                              t == 0 ? "id" : "client_id");
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          sqlite3_close (db);
          return FALSE;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          sum += sqlite3_column_type (stmt, c) == SQLITE_TEXT ? (gsize) sqlite3_column_bytes (stmt, c)
                                                              : (gsize) sqlite3_column_int64 (stmt, c);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  return sum > 0 && run_floor (output, clients, incidents, plans);
}

/* Children */

static int
child_main (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start;
  gboolean ok;

  start = g_get_monotonic_time ();
  if (argc == 5 && g_strcmp0 (argv[2], "report") == 0)
    ok = confianza_report_write_portfolio (argv[3], NULL, NULL, "Banco de pruebas", argv[4], &error);
  else if (argc == 7 && g_strcmp0 (argv[2], "floor") == 0)
    ok = run_floor (argv[3], atoi (argv[4]), atoi (argv[5]), atoi (argv[6]));
  else if (argc == 8 && g_strcmp0 (argv[2], "floor-sql") == 0)
    ok = run_floor_sql (argv[3], argv[4], atoi (argv[5]), atoi (argv[6]), atoi (argv[7]));
  else
    g_error ("bad child arguments");

  if (!ok)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "failed");
      return 1;
    }

  getrusage (RUSAGE_SELF, &usage);
  printf ("%.6f %ld\n", (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss);

  return 0;
}

static void
measure (const char * const *argv,
         double             *seconds,
         double             *peak_mib)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  long maxrss_kib = 0;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || sscanf (out, "%lf %ld", seconds, &maxrss_kib) != 2)
    g_error ("measurement %s failed: %s", argv[2], err);

  *peak_mib = maxrss_kib / 1024.0;
}

static int
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = 0;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *report = NULL;
  g_autofree char *floor_out = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *n_clients_text = NULL;
  g_autofree char *n_incidents_text = NULL;
  g_autofree char *n_plans_text = NULL;
  double report_s = 0, report_mib = 0, floor_s = 0, floor_mib = 0, best_report = G_MAXDOUBLE, best_floor = G_MAXDOUBLE;
  double peak_report = 0;
  double sql_s = 0, sql_mib = 0, best_sql = G_MAXDOUBLE;
  gint64 start;
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients", "N" },
    { "promises-per-client", 0, 0, G_OPTION_ARG_INT, &promises_per_client, "Promises per client", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the files in DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;

  setlocale (LC_ALL, "");

  if (argc > 1 && g_strcmp0 (argv[1], "--child") == 0)
    return child_main (argc, argv);

  context = g_option_context_new ("— time the portfolio report");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      dir = g_strdup (keep);
    }
  else
    {
      dir = g_dir_make_tmp ("confianza-bench-XXXXXX", &error);
      g_assert_no_error (error);
    }
  db = g_build_filename (dir, "bench.db", NULL);
  report = g_build_filename (dir, "portfolio.xlsx", NULL);
  floor_out = g_build_filename (dir, "floor.xlsx", NULL);
  g_unlink (db);

  start = g_get_monotonic_time ();
  generate (db);
  printf ("# generated %d clients, %d promises in %.2f s\n", n_clients,
          n_clients * promises_per_client, (g_get_monotonic_time () - start) / 1e6);

  n_clients_text = g_strdup_printf ("%d", count_rows (db, "SELECT count(*) FROM client"));
  n_incidents_text = g_strdup_printf ("%d", count_rows (db, "SELECT count(*) FROM incident"));
  n_plans_text = g_strdup_printf ("%d", count_rows (db, "SELECT count(*) FROM recovery_plan"));

  /* Best of three of each, interleaved, so that a busy moment of the
   * machine does not decide the ratio */
  for (int i = 0; i < 3; i++)
    {
      const char *report_argv[] = { argv[0], "--child", "report", db, report, NULL };
      const char *floor_argv[] = { argv[0], "--child", "floor", floor_out, n_clients_text,
                                   n_incidents_text, n_plans_text, NULL };

      const char *sql_argv[] = { argv[0], "--child", "floor-sql", db, floor_out, n_clients_text,
                                 n_incidents_text, n_plans_text, NULL };

      measure (report_argv, &report_s, &report_mib);
      measure (floor_argv, &floor_s, &floor_mib);
      measure (sql_argv, &sql_s, &sql_mib);
      best_report = MIN (best_report, report_s);
      best_floor = MIN (best_floor, floor_s);
      best_sql = MIN (best_sql, sql_s);
      peak_report = MAX (peak_report, report_mib);
      printf ("# run %d: report %.3f s (%.1f MiB), floor %.3f s (%.1f MiB), floor+SQL %.3f s (%.1f MiB)\n",
              i + 1, report_s, report_mib, floor_s, floor_mib, sql_s, sql_mib);
    }

  printf ("# build: %s%s\n", PERF_BUILDTYPE,
          g_str_equal (PERF_BUILDTYPE, "release") ? "" : " (NOT a release build: figures not comparable)");
  printf ("portfolio export (best of 3): %.1f ms; floor (libxlsxwriter from memory): %.1f ms; ratio %.2f\n",
          best_report * 1000, best_floor * 1000, best_report / best_floor);
  printf ("portfolio export (best of 3): %.1f ms; floor (the same rows by raw SQL, then written): %.1f ms; "
          "ratio %.2f; target ratio ≤ %.1f: %s\n", best_report * 1000, best_sql * 1000, best_report / best_sql,
          TARGET_RATIO, best_report / best_sql <= TARGET_RATIO ? "met" : "MISSED");
  printf ("portfolio export, peak memory: %.1f MiB; floor (from memory): %.1f MiB; ratio %.2f; target ≤ %.0f MiB: %s\n",
          peak_report, floor_mib, peak_report / floor_mib, TARGET_PEAK_MIB,
          peak_report <= TARGET_PEAK_MIB ? "met" : "MISSED");

  if (keep == NULL)
    {
      g_unlink (report);
      g_unlink (floor_out);
      g_unlink (db);
      for (const char *suffix = "-wal"; suffix != NULL; suffix = g_strcmp0 (suffix, "-wal") == 0 ? "-shm" : NULL)
        {
          g_autofree char *extra = g_strconcat (db, suffix, NULL);
          g_unlink (extra);
        }
      g_rmdir (dir);
    }

  return best_report / best_sql <= TARGET_RATIO && peak_report <= TARGET_PEAK_MIB ? 0 : 1;
}
