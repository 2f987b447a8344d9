/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-conversation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-conversation-dialog.h"
#include "confianza-date-entry.h"

struct _ConfianzaConversationDialog
{
  ConfianzaDialog        parent_instance;

  ConfianzaConversation *conversation;   /* the one being edited, or NULL */
  gint64                 client_id;

  /* Template widgets */
  GtkButton             *save_button;
  GtkLabel              *general_error;
  GtkLabel              *happened_on_label;
  ConfianzaDateEntry    *happened_on_entry;
  GtkLabel              *happened_on_error;
  GtkDropDown           *channel_dropdown;
  GtkTextView           *client_said_view;
  GtkLabel              *client_said_error;
  GtkTextView           *agreed_view;
  GtkLabel              *agreed_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaConversationDialog, confianza_conversation_dialog, CONFIANZA_TYPE_DIALOG)

/* The drop-down lists the channels in the order of the enum. */
static GtkStringList *
channel_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GEnumClass *enum_class = g_type_class_ref (CONFIANZA_TYPE_CHANNEL);

  for (guint i = 0; i < enum_class->n_values; i++)
    gtk_string_list_append (labels, confianza_channel_to_label (enum_class->values[i].value));

  g_type_class_unref (enum_class);

  return labels;
}

/* A conversation holding what the form says now, over the edited one. */
static ConfianzaConversation *
conversation_from_form (ConfianzaConversationDialog *self)
{
  ConfianzaConversation *conversation;
  g_autofree char *client_said = confianza_form_get_text (self->client_said_view);
  g_autofree char *agreed = confianza_form_get_text (self->agreed_view);

  if (self->conversation != NULL)
    conversation = confianza_conversation_copy (self->conversation);
  else
    conversation = confianza_conversation_new (self->client_id, NULL, CONFIANZA_CHANNEL_IN_PERSON);

  confianza_conversation_set_happened_on (conversation, confianza_date_entry_get_date (self->happened_on_entry));
  confianza_conversation_set_channel (conversation, gtk_drop_down_get_selected (self->channel_dropdown));
  confianza_conversation_set_client_said (conversation, client_said);
  confianza_conversation_set_agreed (conversation, agreed);

  return conversation;
}

/* ConfianzaDialog */

static GObject *
confianza_conversation_dialog_read_form (ConfianzaDialog  *dialog,
                                         const char      **property,
                                         GError          **error)
{
  ConfianzaConversationDialog *self = CONFIANZA_CONVERSATION_DIALOG (dialog);
  g_autoptr(ConfianzaConversation) conversation = NULL;

  if (!confianza_date_entry_check (self->happened_on_entry, error))
    {
      *property = "happened-on";
      return NULL;
    }

  conversation = conversation_from_form (self);
  if (!confianza_conversation_validate (conversation, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&conversation));
}

static gboolean
confianza_conversation_dialog_save (ConfianzaDialog  *dialog,
                                    GObject          *record,
                                    GError          **error)
{
  return confianza_store_save_conversation (confianza_dialog_get_store (dialog),
                                            CONFIANZA_CONVERSATION (record), error);
}

/* GObject */

static void
confianza_conversation_dialog_dispose (GObject *object)
{
  ConfianzaConversationDialog *self = CONFIANZA_CONVERSATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CONVERSATION_DIALOG);
  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (confianza_conversation_dialog_parent_class)->dispose (object);
}

static void
confianza_conversation_dialog_class_init (ConfianzaConversationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_conversation_dialog_dispose;
  dialog_class->read_form = confianza_conversation_dialog_read_form;
  dialog_class->save = confianza_conversation_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-conversation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, happened_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, happened_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, happened_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, client_said_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, client_said_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, agreed_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConversationDialog, agreed_error);
}

static void
confianza_conversation_dialog_init (ConfianzaConversationDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GtkStringList) labels = channel_labels ();

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "happened-on", GTK_WIDGET (self->happened_on_entry), self->happened_on_error);
  confianza_form_add_field (form, "client-said", GTK_WIDGET (self->client_said_view), self->client_said_error);
  confianza_form_add_field (form, "agreed", GTK_WIDGET (self->agreed_view), self->agreed_error);
  confianza_dialog_watch (dialog, self->channel_dropdown, self->client_said_view, self->agreed_view, NULL);

  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->channel_dropdown, CONFIANZA_CHANNEL_CALL);

  confianza_date_entry_set_label (self->happened_on_entry, self->happened_on_label);
  confianza_date_entry_set_date (self->happened_on_entry, today);
  confianza_dialog_watch (dialog, self->happened_on_entry, NULL);
}

ConfianzaConversationDialog *
confianza_conversation_dialog_new (GtkWindow             *parent,
                                   ConfianzaStore        *store,
                                   gint64                 client_id,
                                   ConfianzaConversation *conversation)
{
  ConfianzaConversationDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (conversation == NULL || CONFIANZA_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (conversation != NULL || client_id > 0, NULL);

  self = g_object_new (CONFIANZA_TYPE_CONVERSATION_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->client_id = client_id;

  if (conversation != NULL)
    {
      const char *client_said = confianza_conversation_get_client_said (conversation);
      const char *agreed = confianza_conversation_get_agreed (conversation);

      self->conversation = g_object_ref (conversation);
      self->client_id = confianza_conversation_get_client_id (conversation);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Conversation"));
      confianza_date_entry_set_date (self->happened_on_entry,
                                     confianza_conversation_get_happened_on (conversation));
      gtk_drop_down_set_selected (self->channel_dropdown,
                                  confianza_conversation_get_channel (conversation));
      if (*client_said != '\0')
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->client_said_view), client_said, -1);
      if (*agreed != '\0')
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->agreed_view), agreed, -1);
    }

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->client_said_view));

  return self;
}
