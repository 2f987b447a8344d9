/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-client-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-client-dialog.h"
#include "confianza-date-entry.h"

struct _ConfianzaClientDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaClient    *client;   /* the client being edited, or NULL */
  /* The form is being filled, not edited by the user */
  gboolean            loading;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkEntry           *name_entry;
  GtkEntry           *company_entry;
  GtkEntry           *email_entry;
  GtkEntry           *phone_entry;
  GtkLabel           *name_error;
  GtkLabel           *company_error;
  GtkLabel           *email_error;
  GtkLabel           *phone_error;
  GtkSwitch          *status_auto_switch;
  GtkDropDown        *status_dropdown;
  GtkRevealer        *let_go_revealer;
  GtkTextView        *let_go_reason_view;
  GtkLabel           *let_go_reason_error;
  GtkLabel           *since_label;
  ConfianzaDateEntry *since_entry;
  GtkLabel           *since_error;
  GtkSpinButton      *follow_up_spin;
  GtkLabel           *follow_up_error;
  GtkTextView        *notes_view;
  GtkLabel           *notes_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaClientDialog, confianza_client_dialog, CONFIANZA_TYPE_DIALOG)

/* Text already there is shown; an empty field stays untouched. */
static void
text_view_set_text (GtkTextView *view,
                    const char  *text)
{
  if (text != NULL && *text != '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* The drop-down lists the statuses in the order of the enum. */
static GtkStringList *
status_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GEnumClass *enum_class = g_type_class_ref (CONFIANZA_TYPE_CLIENT_STATUS);

  for (guint i = 0; i < enum_class->n_values; i++)
    gtk_string_list_append (labels, confianza_client_status_to_label (enum_class->values[i].value));

  g_type_class_unref (enum_class);

  return labels;
}

/* A client holding what the form says now, over the edited one if any. */
static ConfianzaClient *
client_from_form (ConfianzaClientDialog *self)
{
  ConfianzaClient *client;
  ConfianzaClientStatus status = gtk_drop_down_get_selected (self->status_dropdown);
  g_autofree char *notes = confianza_form_get_text (self->notes_view);
  g_autofree char *reason = NULL;

  if (self->client != NULL)
    client = confianza_client_copy (self->client);
  else
    client = confianza_client_new (NULL);

  confianza_client_set_name (client, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  confianza_client_set_company (client, gtk_editable_get_text (GTK_EDITABLE (self->company_entry)));
  confianza_client_set_email (client, gtk_editable_get_text (GTK_EDITABLE (self->email_entry)));
  confianza_client_set_phone (client, gtk_editable_get_text (GTK_EDITABLE (self->phone_entry)));
  confianza_client_set_status (client, status);
  confianza_client_set_status_manual (client, !gtk_switch_get_active (self->status_auto_switch));
  confianza_client_set_since (client, confianza_date_entry_get_date (self->since_entry));
  confianza_client_set_follow_up_days (client, gtk_spin_button_get_value_as_int (self->follow_up_spin));
  confianza_client_set_notes (client, notes);

  /* The reason belongs to a client let go, and only to one. */
  if (status == CONFIANZA_CLIENT_STATUS_LET_GO)
    reason = confianza_form_get_text (self->let_go_reason_view);
  confianza_client_set_let_go_reason (client, reason);

  if (self->client == NULL && confianza_client_get_since (client) == NULL)
    {
      g_autoptr(GDateTime) today = confianza_date_today ();
      confianza_client_set_since (client, today);
    }

  return client;
}

/* ConfianzaDialog */

static GObject *
confianza_client_dialog_read_form (ConfianzaDialog  *dialog,
                                   const char      **property,
                                   GError          **error)
{
  ConfianzaClientDialog *self = CONFIANZA_CLIENT_DIALOG (dialog);
  g_autoptr(ConfianzaClient) client = NULL;

  if (!confianza_date_entry_check (self->since_entry, error))
    {
      *property = "since";
      return NULL;
    }

  client = client_from_form (self);
  if (!confianza_client_validate (client, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&client));
}

static gboolean
confianza_client_dialog_save (ConfianzaDialog  *dialog,
                              GObject          *record,
                              GError          **error)
{
  return confianza_store_save_client (confianza_dialog_get_store (dialog), CONFIANZA_CLIENT (record), error);
}

static void
confianza_client_dialog_changed (ConfianzaDialog *dialog,
                                 GtkWidget       *widget)
{
  ConfianzaClientDialog *self = CONFIANZA_CLIENT_DIALOG (dialog);
  gboolean let_go = gtk_drop_down_get_selected (self->status_dropdown) == CONFIANZA_CLIENT_STATUS_LET_GO;

  gtk_revealer_set_reveal_child (self->let_go_revealer, let_go);

  CONFIANZA_DIALOG_CLASS (confianza_client_dialog_parent_class)->changed (dialog, widget);
}

/* Callbacks */

/* Choosing a status is setting it by hand */
static void
on_status_selected (ConfianzaClientDialog *self)
{
  if (!self->loading)
    gtk_switch_set_active (self->status_auto_switch, FALSE);
}

static void
confianza_client_dialog_dispose (GObject *object)
{
  ConfianzaClientDialog *self = CONFIANZA_CLIENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CLIENT_DIALOG);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (confianza_client_dialog_parent_class)->dispose (object);
}

static void
confianza_client_dialog_class_init (ConfianzaClientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_client_dialog_dispose;
  dialog_class->read_form = confianza_client_dialog_read_form;
  dialog_class->save = confianza_client_dialog_save;
  dialog_class->changed = confianza_client_dialog_changed;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-client-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, company_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, email_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, company_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, email_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, phone_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, status_auto_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, let_go_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, let_go_reason_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, let_go_reason_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, since_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, since_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, since_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, follow_up_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, follow_up_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientDialog, notes_error);
}

static void
confianza_client_dialog_init (ConfianzaClientDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  g_autoptr(GtkStringList) labels = status_labels ();
  ConfianzaForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "name", GTK_WIDGET (self->name_entry), self->name_error);
  confianza_form_add_field (form, "company", GTK_WIDGET (self->company_entry), self->company_error);
  confianza_form_add_field (form, "email", GTK_WIDGET (self->email_entry), self->email_error);
  confianza_form_add_field (form, "phone", GTK_WIDGET (self->phone_entry), self->phone_error);
  confianza_form_add_field (form, "let-go-reason", GTK_WIDGET (self->let_go_reason_view), self->let_go_reason_error);
  confianza_form_add_field (form, "since", GTK_WIDGET (self->since_entry), self->since_error);
  confianza_form_add_field (form, "follow-up-days", GTK_WIDGET (self->follow_up_spin), self->follow_up_error);
  confianza_form_add_field (form, "notes", GTK_WIDGET (self->notes_view), self->notes_error);
  confianza_dialog_watch (dialog, self->name_entry, self->company_entry, self->email_entry, self->phone_entry,
                          self->status_dropdown, self->let_go_reason_view, self->follow_up_spin,
                          self->notes_view, NULL);

  self->loading = TRUE;
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->status_dropdown, CONFIANZA_CLIENT_STATUS_ACTIVE);
  self->loading = FALSE;
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (on_status_selected), self, G_CONNECT_SWAPPED);

  confianza_date_entry_set_label (self->since_entry, self->since_label);
  confianza_dialog_watch (dialog, self->since_entry, NULL);
}

ConfianzaClientDialog *
confianza_client_dialog_new (GtkWindow       *parent,
                             ConfianzaStore  *store,
                             ConfianzaClient *client)
{
  ConfianzaClientDialog *self;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || CONFIANZA_IS_CLIENT (client), NULL);

  self = g_object_new (CONFIANZA_TYPE_CLIENT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);

  if (client != NULL)
    {
      self->client = g_object_ref (client);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Client"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), confianza_client_get_name (client));
      gtk_editable_set_text (GTK_EDITABLE (self->company_entry), confianza_client_get_company (client));
      gtk_editable_set_text (GTK_EDITABLE (self->email_entry), confianza_client_get_email (client));
      gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), confianza_client_get_phone (client));
      self->loading = TRUE;
      gtk_drop_down_set_selected (self->status_dropdown, confianza_client_get_status (client));
      gtk_switch_set_active (self->status_auto_switch, !confianza_client_get_status_manual (client));
      self->loading = FALSE;
      text_view_set_text (self->let_go_reason_view, confianza_client_get_let_go_reason (client));
      confianza_date_entry_set_date (self->since_entry, confianza_client_get_since (client));
      gtk_spin_button_set_value (self->follow_up_spin, confianza_client_get_follow_up_days (client));
      text_view_set_text (self->notes_view, confianza_client_get_notes (client));
    }
  else
    {
      g_autoptr(GDateTime) today = confianza_date_today ();

      confianza_date_entry_set_date (self->since_entry, today);
    }

  confianza_dialog_validate (CONFIANZA_DIALOG (self));

  return self;
}
