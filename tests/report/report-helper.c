/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "report-helper"

/*
 * Writes one report in whatever locale it is started in, so that the tests
 * can compare the same report made in C and in es_ES.UTF-8:
 *
 *   report-helper client DATABASE CLIENT OUTPUT [BUSINESS [FROM TO]]
 *   report-helper portfolio DATABASE OUTPUT [BUSINESS [FROM TO]]
 *   report-helper demo DATABASE          (fills a new database with the demo)
 *
 * CLIENT is a number or a name; FROM and TO are ISO dates or "-".
 * Exit status 0 on success; otherwise the error on standard error.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "export/confianza-report.h"
#include "store/confianza-demo.h"

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDateTime *date;

  if (text == NULL || g_strcmp0 (text, "-") == 0)
    return NULL;

  date = confianza_date_from_iso (text, &error);
  if (date == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }

  return date;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  gboolean ok = FALSE;

  /* For the tests: a file size limit makes writing fail as a full disk
   * would, without root */
  if (g_getenv ("REPORT_HELPER_FILE_SIZE_LIMIT") != NULL)
    {
      struct rlimit limit;

      limit.rlim_cur = limit.rlim_max = (rlim_t) g_ascii_strtoull (g_getenv ("REPORT_HELPER_FILE_SIZE_LIMIT"), NULL, 10);
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 3 && g_strcmp0 (argv[1], "demo") == 0)
    {
      g_autoptr(ConfianzaStore) store = confianza_store_open (argv[2], &error);
      g_autoptr(GDateTime) today = confianza_date_today ();

      ok = store != NULL && confianza_demo_fill (store, today, &error);
    }
  else if (argc >= 5 && g_strcmp0 (argv[1], "client") == 0)
    {
      g_autoptr(ConfianzaStore) store = confianza_store_open (argv[2], &error);
      gint64 id = store != NULL ? confianza_report_find_client (store, argv[3], &error) : 0;

      /* The report opens its own connection, as from a thread */
      g_clear_object (&store);
      if (argc >= 8)
        {
          from = parse_date (argv[6]);
          to = parse_date (argv[7]);
        }
      ok = id != 0 &&
           confianza_report_write_client_as (argv[2], id, from, to,
                                             argc >= 6 ? argv[5] : NULL,
                                             confianza_address_from_string (g_getenv ("REPORT_HELPER_ADDRESS")),
                                             argv[4], &error);
    }
  else if (argc >= 4 && g_strcmp0 (argv[1], "portfolio") == 0)
    {
      if (argc >= 7)
        {
          from = parse_date (argv[5]);
          to = parse_date (argv[6]);
        }
      ok = confianza_report_write_portfolio (argv[2], from, to,
                                             argc >= 5 ? argv[4] : NULL,
                                             argv[3], &error);
    }
  else
    {
      g_printerr ("Usage: %s client|portfolio|demo …\n", argv[0]);
      return 2;
    }

  if (!ok)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "failed");
      return 1;
    }

  return 0;
}
