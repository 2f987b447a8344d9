/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-farewell"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-application.h"
#include "confianza-farewell.h"
#include "confianza-reports-page.h"
#include "confianza-words-editor.h"

/* Letting a client go: export, then erase */

typedef struct
{
  GtkWidget       *widget;
  ConfianzaStore  *store;
  ConfianzaClient *client;
  ConfianzaRecoveryPlan *plan;      /* may be NULL */
  GtkLabel        *kept_label;      /* weak: in the farewell dialog */
  char            *erase_action;
} Farewell;

static Farewell *
farewell_new (GtkWidget       *widget,
              ConfianzaStore  *store,
              ConfianzaClient *client,
              const char      *erase_action)
{
  Farewell *farewell = g_new0 (Farewell, 1);

  farewell->widget = g_object_ref (widget);
  farewell->store = g_object_ref (store);
  farewell->client = g_object_ref (client);
  farewell->erase_action = g_strdup (erase_action);

  return farewell;
}

static void
farewell_free (gpointer  data,
               GClosure *closure)
{
  Farewell *farewell = data;

  g_clear_object (&farewell->widget);
  g_clear_object (&farewell->store);
  g_clear_object (&farewell->client);
  g_clear_object (&farewell->plan);
  if (farewell->kept_label != NULL)
    g_object_remove_weak_pointer (G_OBJECT (farewell->kept_label), (gpointer *) &farewell->kept_label);
  g_free (farewell->erase_action);
  g_free (farewell);
}

static void
on_erase_confirmed (AdwMessageDialog *dialog,
                    const char       *response,
                    Farewell         *farewell)
{
  if (g_strcmp0 (response, "erase") != 0)
    return;

  if (farewell->erase_action != NULL)
    {
      gtk_widget_activate_action (farewell->widget, farewell->erase_action, NULL);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      if (!confianza_store_delete_client (farewell->store, confianza_client_get_id (farewell->client), &error))
        {
          GtkWidget *overlay = gtk_widget_get_ancestor (farewell->widget, ADW_TYPE_TOAST_OVERLAY);

          if (overlay != NULL)
            adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
          else
            g_warning ("%s", error->message);
        }
    }
}

static void
free_sender (gpointer data)
{
  farewell_free (data, NULL);
}

/* The closing message went out: kept with the plan, dated */
static void
on_closing_sent (GtkWidget           *editor,
                 ConfianzaMessageWay  way,
                 const char          *text,
                 gpointer             data)
{
  Farewell *farewell = data;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(ConfianzaRecoveryMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (farewell->plan == NULL)
    return;

  message = confianza_recovery_message_new (confianza_recovery_plan_get_id (farewell->plan),
                                            confianza_client_get_id (farewell->client),
                                            CONFIANZA_WORDS_FAREWELL, way, text, today);
  if (!confianza_store_add_recovery_message (farewell->store, message, &error))
    {
      confianza_words_editor_show_error (editor, error->message);
      return;
    }

  done = confianza_recovery_message_describe (message);
  confianza_words_editor_show_error (editor, NULL);
  if (farewell->kept_label != NULL)
    {
      gtk_label_set_label (farewell->kept_label, done);
      gtk_widget_set_visible (GTK_WIDGET (farewell->kept_label), TRUE);
    }
}

/* What went wrong, for the closing message */
static char *
incident_words (ConfianzaStore        *store,
                ConfianzaRecoveryPlan *plan)
{
  g_autoptr(GListModel) incidents = NULL;

  if (plan == NULL)
    return NULL;

  incidents = confianza_store_get_incidents (store, confianza_recovery_plan_get_client_id (plan));
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(ConfianzaIncident) incident = g_list_model_get_item (incidents, i);

      if (confianza_incident_get_id (incident) == confianza_recovery_plan_get_incident_id (plan))
        return g_strdup (confianza_incident_get_description (incident));
    }

  return NULL;
}

static void
on_farewell_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Farewell         *farewell)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (farewell->widget));

  if (g_strcmp0 (response, "export") == 0)
    {
      confianza_export_report_interactive (farewell->widget, farewell->store,
                                           confianza_client_get_id (farewell->client), NULL, NULL);
    }
  else if (g_strcmp0 (response, "erase") == 0)
    {
      AdwMessageDialog *confirm;

      confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
      /* Translators: %s is the client's name */
      adw_message_dialog_format_heading (confirm, _("Erase All of %s’s Data?"),
                                         confianza_client_get_name (farewell->client));
      adw_message_dialog_set_body (confirm,
                                   _("Their promises, quick wins, conversations, incidents and recovery plans are erased from this computer."));
      adw_message_dialog_add_responses (confirm,
                                        "cancel", _("_Cancel"),
                                        "erase", _("_Erase"),
                                        NULL);
      adw_message_dialog_set_response_appearance (confirm, "erase", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (confirm, "cancel");
      adw_message_dialog_set_close_response (confirm, "cancel");
      g_signal_connect_data (confirm, "response", G_CALLBACK (on_erase_confirmed),
                             farewell_new (farewell->widget, farewell->store, farewell->client,
                                           farewell->erase_action),
                             farewell_free, 0);
      gtk_window_present (GTK_WINDOW (confirm));
    }
}

void
confianza_farewell_offer (GtkWidget       *widget,
                          ConfianzaStore  *store,
                          ConfianzaClient *client,
                          ConfianzaRecoveryPlan *plan,
                          const char      *erase_action)
{
  Farewell *farewell;
  Farewell *sender;
  AdwMessageDialog *dialog;
  ConfianzaWordsFacts facts = { NULL };
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  GtkWidget *box, *heading, *editor, *kept;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_CLIENT (client));
  g_return_if_fail (plan == NULL || CONFIANZA_IS_RECOVERY_PLAN (plan));

  farewell = farewell_new (widget, store, client, erase_action);
  farewell->plan = plan != NULL ? g_object_ref (plan) : NULL;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL));
  /* Translators: %s is the client's name */
  adw_message_dialog_format_heading (dialog, _("%s Was Let Go"), confianza_client_get_name (client));
  adw_message_dialog_set_body (dialog,
                               _("You can give them a report of everything you recorded about them, and then erase their data from this computer. Close respectfully: a drafted closing message is below, to edit and send yourself."));

  /* The respectful closing message (source 001), drafted */
  what = incident_words (store, plan);
  facts.client = confianza_client_get_name (client);
  facts.what = what;
  facts.address = confianza_application_client_address ();
  text = confianza_recovery_words_draft (CONFIANZA_WORDS_FAREWELL, &facts);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (_("The Closing Message"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  kept = gtk_label_new (NULL);
  gtk_widget_set_name (kept, "kept_label");
  gtk_label_set_xalign (GTK_LABEL (kept), 0);
  gtk_widget_add_css_class (kept, "dim-label");
  gtk_widget_set_visible (kept, FALSE);
  /* The editor's own: a mail being opened may outlive the dialog */
  sender = farewell_new (widget, store, client, NULL);
  sender->plan = plan != NULL ? g_object_ref (plan) : NULL;
  sender->kept_label = GTK_LABEL (kept);
  g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *) &sender->kept_label);
  editor = confianza_words_editor_new (CONFIANZA_WORDS_FAREWELL, _("The Closing Message"), text,
                                       confianza_client_get_name (client), confianza_client_get_email (client),
                                       on_closing_sent, sender, free_sender);
  gtk_box_append (GTK_BOX (box), editor);
  gtk_box_append (GTK_BOX (box), kept);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Not Now"),
                                    "export", _("E_xport Report…"),
                                    "erase", _("_Erase Their Data…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_farewell_response),
                         farewell, farewell_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
