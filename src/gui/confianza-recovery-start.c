/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery-start"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"

#include "confianza-dialog.h"
#include "confianza-farewell.h"
#include "confianza-recovery-start.h"
#include "confianza-recovery-wizard.h"

/* The wizard finished: a client let go is offered the farewell. */
static void
on_finished (ConfianzaRecoveryWizard *wizard,
             ConfianzaRecoveryPlan   *plan,
             GtkWindow               *parent)
{
  ConfianzaStore *store = confianza_dialog_get_store (CONFIANZA_DIALOG (wizard));
  g_autoptr(ConfianzaClient) client = NULL;

  if (confianza_recovery_plan_get_outcome (plan) != CONFIANZA_PLAN_LET_GO)
    return;

  client = confianza_store_get_client (store, confianza_recovery_plan_get_client_id (plan), NULL);
  if (client != NULL)
    confianza_farewell_offer (GTK_WIDGET (parent), store, client, NULL);
}

void
confianza_recovery_start_open (GtkWindow         *parent,
                               ConfianzaStore    *store,
                               ConfianzaIncident *incident)
{
  ConfianzaRecoveryWizard *wizard;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_INCIDENT (incident));

  wizard = confianza_recovery_wizard_new (parent, store, incident);
  if (parent != NULL)
    g_signal_connect_object (wizard, "finished", G_CALLBACK (on_finished), parent, 0);
  gtk_window_present (GTK_WINDOW (wizard));
}

typedef struct
{
  GtkWindow         *parent;
  ConfianzaStore    *store;
  ConfianzaIncident *incident;
} Offer;

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_clear_object (&offer->parent);
  g_clear_object (&offer->store);
  g_clear_object (&offer->incident);
  g_free (offer);
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "start") != 0)
    return;

  if (confianza_incident_get_id (offer->incident) == 0
      && !confianza_store_save_incident (offer->store, offer->incident, &error))
    {
      AdwMessageDialog *failed;

      failed = ADW_MESSAGE_DIALOG (adw_message_dialog_new (offer->parent, _("The Incident Could Not Be Recorded"),
                                                           error->message));
      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
      return;
    }

  confianza_recovery_start_open (offer->parent, offer->store, offer->incident);
}

/* Offers the plan of @incident, recorded already or (id 0) only once the
 * user accepts. */
static void
offer_plan (GtkWindow         *parent,
            ConfianzaStore    *store,
            ConfianzaIncident *incident)
{
  AdwMessageDialog *dialog;
  Offer *offer;

  offer = g_new0 (Offer, 1);
  offer->parent = parent != NULL ? g_object_ref (parent) : NULL;
  offer->store = g_object_ref (store);
  offer->incident = g_object_ref (incident);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Start a Recovery Plan?"), NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", confianza_incident_get_description (incident),
                                  _("Trust comes back fastest when you act while the client still feels the failure: listen, acknowledge it, apologise and make up for it. The plan walks you through it."));
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Not Now"),
                                    "start", _("_Start Recovery Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer, offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
confianza_recovery_start_offer (GtkWindow        *parent,
                                ConfianzaStore   *store,
                                ConfianzaPromise *promise)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ConfianzaIncident) incident = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_PROMISE (promise));

  settings = g_settings_new (APPLICATION_ID);
  incident = confianza_recovery_incident_for_promise (promise, g_settings_get_int (settings, "recovery-offer-late-days"),
                                                      NULL);
  if (incident != NULL)
    offer_plan (parent, store, incident);
}

void
confianza_recovery_start_offer_incident (GtkWindow         *parent,
                                         ConfianzaStore    *store,
                                         ConfianzaIncident *incident)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_INCIDENT (incident));

  /* An incident with a plan already is resumed from its menu instead. */
  plan = confianza_store_get_plan_for_incident (store, confianza_incident_get_id (incident), NULL);
  if (plan == NULL)
    offer_plan (parent, store, incident);
}

static void
on_record_saved (ConfianzaDialog *dialog,
                 GObject         *record)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (CONFIANZA_IS_PROMISE (record))
    confianza_recovery_start_offer (parent, confianza_dialog_get_store (dialog), CONFIANZA_PROMISE (record));
  else if (CONFIANZA_IS_INCIDENT (record))
    confianza_recovery_start_offer_incident (parent, confianza_dialog_get_store (dialog), CONFIANZA_INCIDENT (record));
}

void
confianza_recovery_start_watch (GtkWindow *dialog)
{
  g_return_if_fail (CONFIANZA_IS_DIALOG (dialog));

  g_signal_connect (dialog, "saved", G_CALLBACK (on_record_saved), NULL);
}
