/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-farewell"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-farewell.h"
#include "confianza-reports-page.h"

/* Letting a client go: export, then erase */

typedef struct
{
  GtkWidget       *widget;
  ConfianzaStore  *store;
  ConfianzaClient *client;
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
                          const char      *erase_action)
{
  Farewell *farewell;
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_CLIENT (client));

  farewell = farewell_new (widget, store, client, erase_action);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL));
  /* Translators: %s is the client's name */
  adw_message_dialog_format_heading (dialog, _("%s Was Let Go"), confianza_client_get_name (client));
  adw_message_dialog_set_body (dialog,
                               _("You can give them a report of everything you recorded about them, and then erase their data from this computer."));
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
