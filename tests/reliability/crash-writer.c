/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-writer"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/confianza-store.h"

/*
 * Writes records through the store until it is killed, and prints one line
 * per commit, once SQLite has returned from it:
 *
 *   client ID NAME
 *   promise ID CLIENT_ID
 *   plan ID INCIDENT_ID FOLLOW_UPS COMPENSATIONS
 *
 * A plan is saved with its follow-ups and its compensation in one
 * transaction. Usage: crash-writer DATABASE SEED
 */

#define FOLLOW_UPS 3

static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  fflush (stdout);
}

static void
die (GError *error)
{
  fprintf (stderr, "crash-writer: %s\n", error->message);
  exit (2);
}

static gint64
pick_client (ConfianzaStore *store)
{
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  guint n = g_list_model_get_n_items (clients);
  g_autoptr(ConfianzaClient) client = NULL;

  if (n == 0)
    return 0;

  client = g_list_model_get_item (clients, (guint) g_random_int_range (0, (gint32) n));

  return confianza_client_get_id (client);
}

static void
write_client (ConfianzaStore *store,
              guint           serial)
{
  g_autofree char *name = g_strdup_printf ("Cliente-%u-%u", serial, g_random_int ());
  g_autoptr(ConfianzaClient) client = confianza_client_new (name);
  g_autoptr(GError) error = NULL;

  confianza_client_set_notes (client, "Dijo que lo quiere antes del viernes, sin falta.");
  if (!confianza_store_save_client (store, client, &error))
    die (error);

  report ("client %" G_GINT64_FORMAT " %s\n", confianza_client_get_id (client), name);
}

static void
write_promise (ConfianzaStore *store,
               gint64          client_id)
{
  g_autoptr(GDateTime) promised = confianza_date_new (2024, 3, 1);
  g_autoptr(GDateTime) due = confianza_date_new (2024, 3, 15);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (client_id, "Entregar el informe",
                                                               promised, due);
  g_autoptr(GError) error = NULL;

  if (!confianza_store_save_promise (store, promise, &error))
    die (error);

  report ("promise %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
          confianza_promise_get_id (promise), client_id);
}

static void
write_plan (ConfianzaStore *store,
            gint64          client_id)
{
  g_autoptr(GDateTime) day = confianza_date_new (2024, 3, 20);
  g_autoptr(ConfianzaIncident) incident = confianza_incident_new (client_id, day, "Entrega tarde");
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_id;

  if (!confianza_store_save_incident (store, incident, &error))
    die (error);

  /* The plan and its children: all of them or none */
  if (!confianza_store_begin (store, &error))
    die (error);

  plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident), day);
  confianza_recovery_plan_set_apology_words (plan, "Lo sentimos: fue culpa nuestra.");
  if (!confianza_store_save_recovery_plan (store, plan, &error))
    die (error);
  plan_id = confianza_recovery_plan_get_id (plan);

  for (int i = 0; i < FOLLOW_UPS; i++)
    {
      g_autoptr(GDateTime) due = confianza_date_add_days (day, 7 * (i + 1));
      g_autoptr(ConfianzaFollowUp) follow_up = confianza_follow_up_new (plan_id, client_id, due);

      confianza_follow_up_set_note (follow_up, "Llamar y preguntar cómo va");
      if (!confianza_store_save_follow_up (store, follow_up, &error))
        die (error);
    }

  compensation = confianza_compensation_new (plan_id, client_id, CONFIANZA_COMPENSATION_CREDIT);
  confianza_compensation_set_amount_cents (compensation, 5000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_given_on (compensation, day);
  if (!confianza_store_save_compensation (store, compensation, &error))
    die (error);

  if (!confianza_store_commit (store, &error))
    die (error);

  report ("plan %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d 1\n",
          plan_id, confianza_incident_get_id (incident), FOLLOW_UPS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s DATABASE SEED\n", argv[0]);
      return 1;
    }

  g_random_set_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));

  store = confianza_store_open (argv[1], &error);
  if (store == NULL)
    die (error);

  report ("open\n");

  for (guint serial = 0; ; serial++)
    {
      gint64 client_id = pick_client (store);

      switch (client_id == 0 ? 0 : serial % 3)
        {
        case 0:
          write_client (store, serial);
          break;
        case 1:
          write_promise (store, client_id);
          break;
        default:
          write_plan (store, client_id);
          break;
        }
    }

  return 0;
}
