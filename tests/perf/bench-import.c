/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

/*
 * Importing clients from a CSV file as the window does it: the file read
 * and checked (confianza_csv_parse_file ()), then written in a thread
 * through a connection of its own (confianza_import_clients_async ())
 * while the live client list is shown, until the clients are in that list.
 * 10,000 and 100,000 rows, each into a database that already holds 1,000
 * clients; median of 3 runs of each, interleaved.
 *
 * Targets (issue 16): the time grows linearly, time (100k) / time (10k)
 * ≤ 12; and 100,000 clients in ≤ 5 s.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "store/confianza-import.h"

#include "perf-data.h"

#define SMALL        10000
#define LARGE        100000
#define N_EXISTING   1000
#define RUNS         3
#define TARGET_RATIO 12.0
#define TARGET_LARGE 5.0

static const char * const given[] = {
  "Ana", "Íñigo", "Lucía", "José", "María", "Begoña", "Óscar", "Nuria", "Raúl", "Ainhoa",
};
static const char * const family[] = {
  "García", "Núñez", "Peña", "Martínez", "Ibáñez", "López", "Gómez", "Sáez", "Muñoz", "Ortega",
};

/* A Google Contacts–like export of @n clients (none already in the
 * database) */
static char *
write_csv (const char *dir,
           guint       n)
{
  g_autofree char *name = g_strdup_printf ("clients-%u.csv", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) csv = g_string_new ("Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name,Notes\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%s %s %u,cliente%u@ejemplo.es,+34 6%08u,Empresa %u S.L.,\"Nota, con coma %u\"\n",
                            given[i % G_N_ELEMENTS (given)], family[(i / 10) % G_N_ELEMENTS (family)], i,
                            i, i, i % 997, i);

  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    g_error ("%s", error->message);

  return path;
}

typedef struct
{
  gboolean finished;
  gboolean ok;
  guint    n_imported;
  GError  *error;
  double   done_at;
} Run;

static double last_report;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->done_at = perf_now ();
  run->ok = confianza_import_clients_finish (CONFIANZA_STORE (source), result, &run->n_imported, &run->error);
  run->finished = TRUE;
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *reports = user_data;

  last_report = perf_now ();
  (*reports)++;
}

/* Seconds to import @csv (@n rows) into a copy of @template */
static double
time_import (const char *dir,
             const char *template,
             const char *csv,
             guint       n,
             double     *stall)
{
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  guint reports = 0;
  gsize length;
  double start;

  if (!g_file_get_contents (template, &contents, &length, &error) ||
      !g_file_set_contents (path, contents, length, &error))
    g_error ("%s", error->message);

  store = confianza_store_open (path, &error);
  g_assert_no_error (error);
  clients = confianza_store_get_clients (store);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, N_EXISTING);

  start = perf_now ();
  existing = confianza_import_existing_clients (store);
  preview = confianza_csv_parse_file (csv, existing, &error);
  g_assert_no_error (error);
  confianza_import_clients_async (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, NULL,
                                  on_progress, &reports, NULL, on_done, &run);
  while (!run.finished)
    g_main_context_iteration (NULL, TRUE);
  start = perf_now () - start;
  /* The window's thread in one go: from the last report of progress to
   * the end, the clients joining the live list */
  *stall = MAX (*stall, run.done_at - last_report);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_imported, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, N_EXISTING + n);
  g_assert_cmpuint (reports, >=, 1);

  /* The thread may still hold the store a moment */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&clients);
  g_clear_object (&store);
  g_usleep (100000);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }

  return start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = perf_make_dir ();
  g_autofree char *template = g_build_filename (dir, "existing.db", NULL);
  g_autofree char *small_csv = NULL;
  g_autofree char *large_csv = NULL;
  double small[RUNS], large[RUNS], t_small, t_large, ratio;
  double stall = 0;
  gboolean met;

  setlocale (LC_ALL, "");

  if (!perf_data_generate (template, N_EXISTING, N_EXISTING * 5, 42, &error))
    g_error ("%s", error->message);
  small_csv = write_csv (dir, SMALL);
  large_csv = write_csv (dir, LARGE);

  for (guint i = 0; i < RUNS; i++)
    {
      small[i] = time_import (dir, template, small_csv, SMALL, &stall);
      large[i] = time_import (dir, template, large_csv, LARGE, &stall);
      printf ("# run %u: %u rows %.1f ms, %u rows %.1f ms\n", i + 1,
              SMALL, small[i] * 1000, LARGE, large[i] * 1000);
    }

  t_small = perf_median (small, RUNS);
  t_large = perf_median (large, RUNS);
  ratio = t_large / t_small;
  met = ratio <= TARGET_RATIO && t_large <= TARGET_LARGE;

  printf ("import of clients from CSV, read and checked then written in a thread, "
          "into %d clients (median of %d)\n", N_EXISTING, RUNS);
  printf ("import:  %.1f ms (%d rows)\n", t_large * 1000, LARGE);
  printf ("floor:   %.1f ms (%d rows, the same import)\n", t_small * 1000, SMALL);
  printf ("ratio:   %.2f (target ≤ %.0f: linear)\n", ratio, TARGET_RATIO);
  printf ("%d rows: %.2f s (target ≤ %.0f s)\n", LARGE, t_large, TARGET_LARGE);
  printf ("# the window's thread, the clients joining the live list at the end: "
          "%.1f ms at most\n", stall * 1000);
  printf ("%s\n", met ? "met" : "MISSED");

  perf_remove_dir (dir);

  return met ? 0 : 1;
}
