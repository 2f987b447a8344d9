/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "generate"

/*
 * Fills a new database with a busy agency's made-up records:
 *
 *   generate PATH N_CLIENTS N_PROMISES SEED
 *
 * The same seed on the same day gives the same records (dates are counted
 * back from today). PATH must not exist yet.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "perf-data.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  guint64 n_clients, n_promises, seed;
  double start;

  setlocale (LC_ALL, "");

  if (argc != 5 ||
      !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &n_clients, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 0, G_MAXUINT32, &n_promises, NULL) ||
      !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT32, &seed, NULL))
    {
      fprintf (stderr, "Usage: %s PATH N_CLIENTS N_PROMISES SEED\n", argv[0]);
      return 2;
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s already exists: give the path of a new file\n", argv[1]);
      return 1;
    }

  start = perf_now ();
  if (!perf_data_generate (argv[1], (guint) n_clients, (guint) n_promises, (guint32) seed, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("%s: %u clients, %u promises in %.2f s\n", argv[1], (guint) n_clients,
          (guint) n_promises, perf_now () - start);

  return 0;
}
