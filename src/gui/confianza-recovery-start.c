/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery-start"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"

#include "confianza-dialog.h"
#include "confianza-farewell.h"
#include "confianza-incident-dialog.h"
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
    confianza_farewell_offer (GTK_WIDGET (parent), store, client, plan, NULL);
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

/* What an offer or a choice works on, until the user answers. */
typedef struct
{
  GtkWindow         *parent;
  ConfianzaStore    *store;
  /* The offer's incident (id 0: recorded only if accepted) */
  ConfianzaIncident *incident;
  /* The choice's incidents, named in @drop_down */
  GPtrArray         *incidents;
  GtkDropDown       *drop_down;
} Offer;

static Offer *
offer_new (GtkWindow      *parent,
           ConfianzaStore *store)
{
  Offer *offer = g_new0 (Offer, 1);

  offer->parent = parent != NULL ? g_object_ref (parent) : NULL;
  offer->store = g_object_ref (store);

  return offer;
}

static void
offer_free (gpointer  data,
            GClosure *closure)
{
  Offer *offer = data;

  g_clear_object (&offer->parent);
  g_clear_object (&offer->store);
  g_clear_object (&offer->incident);
  g_clear_pointer (&offer->incidents, g_ptr_array_unref);
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

  offer = offer_new (parent, store);
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

/* Choosing the incident of a new plan */

static void
on_choice_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Offer            *choice)
{
  guint selected;

  if (g_strcmp0 (response, "start") != 0 || choice->drop_down == NULL)
    return;

  selected = gtk_drop_down_get_selected (choice->drop_down);
  if (selected < choice->incidents->len)
    confianza_recovery_start_open (choice->parent, choice->store, g_ptr_array_index (choice->incidents, selected));
}

/* The incidents without a plan, newest first, and how each is named. */
static GPtrArray *
incidents_without_plan (ConfianzaStore *store,
                        GtkStringList  *names)
{
  g_autoptr(GListModel) incidents = confianza_store_get_incidents (store, 0);
  g_autoptr(GListModel) plans = confianza_store_get_recovery_plans (store, 0);
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(GHashTable) planned = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (plans, i);
      gint64 id = confianza_recovery_plan_get_incident_id (plan);

      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (planned, &g_array_index (ids, gint64, i));

  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(ConfianzaIncident) incident = g_list_model_get_item (incidents, i);
      gint64 id = confianza_incident_get_id (incident);
      g_autofree char *day = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      const char *client = "";

      if (g_hash_table_contains (planned, &id))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (clients); j++)
        {
          g_autoptr(ConfianzaClient) candidate = g_list_model_get_item (clients, j);

          /* The list holds the client: the name outlives this reference. */
          if (confianza_client_get_id (candidate) == confianza_incident_get_client_id (incident))
            client = confianza_client_get_name (candidate);
        }

      description = g_strdup (confianza_incident_get_description (incident));
      /* One line a choice, even on a narrow screen */
      if (g_utf8_strlen (description, -1) > 40)
        {
          g_autofree char *cut = g_utf8_substring (description, 0, 39);

          g_free (description);
          description = g_strconcat (cut, "…", NULL);
        }
      day = confianza_date_format (confianza_incident_get_happened_on (incident));
      /* Translators: an incident to choose: the client's name, the day it happened, what went wrong */
      name = g_strdup_printf (_("%s · %s · %s"), client, day, description);
      gtk_string_list_append (names, name);
      g_ptr_array_add (result, g_steal_pointer (&incident));
    }

  return result;
}

void
confianza_recovery_start_choose (GtkWindow      *parent,
                                 ConfianzaStore *store)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  Offer *choice;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  choice = offer_new (parent, store);
  choice->incidents = incidents_without_plan (store, names);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("New Recovery Plan"), NULL));
  if (choice->incidents->len == 0)
    {
      adw_message_dialog_set_body (dialog,
                                   _("Every incident recorded has its plan already. When something goes wrong, open the client and choose “Record an Incident…”: its plan is offered right after."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
    }
  else
    {
      GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);

      adw_message_dialog_set_body (dialog, _("Which failure is the plan for?"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Incident"), -1);
      adw_message_dialog_set_extra_child (dialog, drop_down);
      choice->drop_down = GTK_DROP_DOWN (drop_down);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "start", _("_Start Recovery Plan"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "start");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choice_response), choice, offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Something went wrong…": the incident, then straight into its plan */

static void
on_something_wrong_saved (ConfianzaDialog *dialog,
                          GObject         *record)
{
  if (CONFIANZA_IS_INCIDENT (record))
    confianza_recovery_start_open (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                   confianza_dialog_get_store (dialog), CONFIANZA_INCIDENT (record));
}

void
confianza_recovery_start_something_wrong (GtkWindow      *parent,
                                          ConfianzaStore *store,
                                          gint64          client_id)
{
  ConfianzaIncidentDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  dialog = confianza_incident_dialog_new (parent, store, client_id, NULL);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_something_wrong_saved), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
