/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-conversation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-conversation-dialog.h"
#include "confianza-date-entry.h"
#include "confianza-form.h"

struct _ConfianzaConversationDialog
{
  AdwWindow              parent_instance;

  ConfianzaStore        *store;
  ConfianzaConversation *conversation;   /* the one being edited, or NULL */
  gint64                 client_id;
  ConfianzaForm         *form;

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

G_DEFINE_FINAL_TYPE (ConfianzaConversationDialog, confianza_conversation_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

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
  g_autofree char *client_said = text_view_get_text (self->client_said_view);
  g_autofree char *agreed = text_view_get_text (self->agreed_view);

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

/* Validates the form; returns the widget to fix, or NULL. */
static GtkWidget *
validate (ConfianzaConversationDialog *self)
{
  g_autoptr(ConfianzaConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (!confianza_date_entry_check (self->happened_on_entry, &error))
    {
      property = "happened-on";
    }
  else
    {
      conversation = conversation_from_form (self);
      confianza_conversation_validate (conversation, &property, &error);
    }

  return confianza_form_show (self->form, property, error);
}

/* Callbacks */

static void
on_field_changed (ConfianzaConversationDialog *self,
                  GtkWidget                   *widget)
{
  confianza_form_touch (self->form, widget);
  validate (self);
}

/* notify:: handlers get the GParamSpec before the widget. */
static void
on_field_notify (ConfianzaConversationDialog *self,
                 GParamSpec                  *pspec,
                 GtkWidget                   *widget)
{
  on_field_changed (self, widget);
}

static void
on_buffer_changed (ConfianzaConversationDialog *self,
                   GtkTextBuffer               *buffer)
{
  if (buffer == gtk_text_view_get_buffer (self->client_said_view))
    on_field_changed (self, GTK_WIDGET (self->client_said_view));
  else
    on_field_changed (self, GTK_WIDGET (self->agreed_view));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaConversationDialog *self = CONFIANZA_CONVERSATION_DIALOG (widget);
  g_autoptr(ConfianzaConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  confianza_form_touch_all (self->form);
  invalid = validate (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  conversation = conversation_from_form (self);
  if (!confianza_store_save_conversation (self->store, conversation, &error))
    {
      confianza_form_show_general (self->form, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, conversation);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confianza_conversation_dialog_dispose (GObject *object)
{
  ConfianzaConversationDialog *self = CONFIANZA_CONVERSATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CONVERSATION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->conversation);
  g_clear_pointer (&self->form, confianza_form_free);

  G_OBJECT_CLASS (confianza_conversation_dialog_parent_class)->dispose (object);
}

static void
confianza_conversation_dialog_class_init (ConfianzaConversationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_conversation_dialog_dispose;

  /**
   * ConfianzaConversationDialog::saved:
   * @conversation: the conversation as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_CONVERSATION);

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
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_conversation_dialog_init (ConfianzaConversationDialog *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GtkStringList) labels = channel_labels ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = confianza_form_new (GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (self->form, "happened-on", GTK_WIDGET (self->happened_on_entry), self->happened_on_error);
  confianza_form_add_field (self->form, "client-said", GTK_WIDGET (self->client_said_view), self->client_said_error);
  confianza_form_add_field (self->form, "agreed", GTK_WIDGET (self->agreed_view), self->agreed_error);

  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->channel_dropdown, CONFIANZA_CHANNEL_CALL);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (confianza_date_entry_get_editable (self->happened_on_entry)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->happened_on_label, NULL,
                                  -1);
  confianza_date_entry_set_date (self->happened_on_entry, today);
  g_signal_connect_object (confianza_date_entry_get_editable (self->happened_on_entry), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
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
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
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

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_said_view));

  return self;
}
