/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "backup-runner"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/confianza-backup.h"

/*
 * What test-backup-kill.py kills:
 *
 *   backup-runner fill DATABASE PREFIX CLIENTS   a new database of CLIENTS
 *                                                clients named PREFIX-N,
 *                                                five promises each
 *   backup-runner backup DATABASE DESTINATION
 *   backup-runner restore DATABASE SOURCE
 *
 * Prints "start" as the operation begins and "done" once it returned.
 */

static int
fail (GError *error)
{
  fprintf (stderr, "backup-runner: %s\n", error->message);
  return 2;
}

static gboolean
fill (const char  *path,
      const char  *prefix,
      guint        n,
      GError     **error)
{
  g_autoptr(ConfianzaStore) store = confianza_store_open (path, error);
  g_autoptr(GDateTime) day = confianza_date_new (2026, 3, 1);

  if (store == NULL || !confianza_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%05u", prefix, i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);

      confianza_client_set_notes (client, "Prefiere que le llamen por la mañana; pide el presupuesto por escrito.");
      if (!confianza_store_save_client (store, client, error))
        goto failed;

      for (guint j = 0; j < 5; j++)
        {
          g_autofree char *title = g_strdup_printf ("Entrega %u de %s", j, name);
          g_autoptr(ConfianzaPromise) promise =
            confianza_promise_new (confianza_client_get_id (client), title, day, day);

          if (!confianza_store_save_promise (store, promise, error))
            goto failed;
        }
    }

  return confianza_store_commit (store, error);

failed:
  confianza_store_rollback (store);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc == 5 && g_str_equal (argv[1], "fill"))
    return fill (argv[2], argv[3], (guint) atoi (argv[4]), &error) ? 0 : fail (error);

  if (argc != 4)
    {
      fprintf (stderr, "Usage: backup-runner fill|backup|restore DATABASE FILE [CLIENTS]\n");
      return 2;
    }

  printf ("start\n");
  fflush (stdout);

  if (g_str_equal (argv[1], "backup"))
    ok = confianza_backup_write (argv[2], argv[3], &error);
  else if (g_str_equal (argv[1], "restore"))
    ok = confianza_backup_restore (argv[2], argv[3], NULL, &error);
  else
    ok = FALSE, g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown operation %s", argv[1]);

  if (!ok)
    return fail (error);

  printf ("done\n");
  fflush (stdout);

  return 0;
}
