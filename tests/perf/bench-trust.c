/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-trust"

/*
 * The trust index of 10,000 clients with their histories (100,000
 * promises, and quick wins, incidents, plans, follow-ups and compensations
 * in proportion), as the application computes it for the client list,
 * against only reading those same rows from SQLite with raw SQL.
 * Median of 5 of each, interleaved. Target: ratio ≤ 1.5.
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "store/confianza-store.h"

#include "perf-data.h"

#define N_CLIENTS    10000
#define N_PROMISES   100000
#define SEED         42
#define RUNS         5
#define TARGET_RATIO 1.5

/* Every column of every row the index is computed from */
static double
read_floor (const char *path,
            guint      *n_rows)
{
  static const char * const tables[] = {
    "client", "promise", "quick_win", "incident", "recovery_plan", "follow_up", "compensation",
  };
  sqlite3 *db = NULL;
  gsize sum = 0;
  double start = perf_now ();

  *n_rows = 0;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", tables[t],
                                              t == 0 ? "id" : "client_id");
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", sql, sqlite3_errmsg (db));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            sum += sqlite3_column_type (stmt, c) == SQLITE_TEXT ? (gsize) sqlite3_column_bytes (stmt, c)
                                                                : (gsize) sqlite3_column_int64 (stmt, c);
          (*n_rows)++;
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  g_assert (sum > 0);

  return perf_now () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = perf_make_dir ();
  g_autofree char *path = g_build_filename (dir, "large.db", NULL);
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GListModel) clients = NULL;
  double figures[RUNS], floors[RUNS], figure, floor;
  guint n_rows = 0;
  gboolean ok;
  double start;

  setlocale (LC_ALL, "");
  perf_print_build ();

  start = perf_now ();
  if (!perf_data_generate (path, N_CLIENTS, N_PROMISES, SEED, &error))
    g_error ("%s", error->message);
  printf ("# generated %d clients, %d promises in %.2f s\n", N_CLIENTS, N_PROMISES, perf_now () - start);

  store = confianza_store_open (path, &error);
  g_assert_no_error (error);
  clients = confianza_store_get_clients (store);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, N_CLIENTS);

  for (guint i = 0; i < RUNS; i++)
    {
      start = perf_now ();
      confianza_store_update_trust_scores (store);
      figures[i] = perf_now () - start;
      floors[i] = read_floor (path, &n_rows);
      printf ("# run %u: trust %.1f ms, read %.1f ms\n", i + 1, figures[i] * 1000, floors[i] * 1000);
    }

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_assert_cmpint (confianza_client_get_trust_score (client), >=, 0);
    }

  figure = perf_median (figures, RUNS);
  floor = perf_median (floors, RUNS);
  {
    g_autofree char *what = g_strdup_printf ("trust index of %d clients (median of %d)", N_CLIENTS, RUNS);
    g_autofree char *floor_what = g_strdup_printf ("raw SQL read of the same %u rows", n_rows);

    ok = perf_report (what, figure, floor_what, floor, "ms", TARGET_RATIO, 0);
  }

  g_clear_object (&clients);
  g_clear_object (&store);
  perf_remove_dir (dir);

  return ok ? 0 : 1;
}
