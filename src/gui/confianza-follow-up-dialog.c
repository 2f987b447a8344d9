/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-follow-up-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-follow-up-dialog.h"

struct _ConfianzaFollowUpDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaFollowUp  *follow_up;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkLabel           *due_label;
  GtkLabel           *done_on_label;
  ConfianzaDateEntry *done_on_entry;
  GtkLabel           *done_on_error;
  GtkTextView        *note_view;
  GtkLabel           *note_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaFollowUpDialog, confianza_follow_up_dialog, CONFIANZA_TYPE_DIALOG)

/* ConfianzaDialog */

static GObject *
confianza_follow_up_dialog_read_form (ConfianzaDialog  *dialog,
                                      const char      **property,
                                      GError          **error)
{
  ConfianzaFollowUpDialog *self = CONFIANZA_FOLLOW_UP_DIALOG (dialog);
  g_autoptr(ConfianzaFollowUp) follow_up = NULL;
  g_autofree char *note = NULL;

  if (!confianza_date_entry_check (self->done_on_entry, error))
    {
      *property = "done-on";
      return NULL;
    }

  if (confianza_date_entry_get_date (self->done_on_entry) == NULL)
    {
      *property = "done-on";
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING,
                           _("Say on which day you followed up."));
      return NULL;
    }

  note = confianza_form_get_text (self->note_view);
  follow_up = confianza_follow_up_copy (self->follow_up);
  confianza_follow_up_set_done_on (follow_up, confianza_date_entry_get_date (self->done_on_entry));
  confianza_follow_up_set_note (follow_up, note);

  if (!confianza_follow_up_validate (follow_up, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&follow_up));
}

static gboolean
confianza_follow_up_dialog_save (ConfianzaDialog  *dialog,
                                 GObject          *record,
                                 GError          **error)
{
  return confianza_store_save_follow_up (confianza_dialog_get_store (dialog), CONFIANZA_FOLLOW_UP (record), error);
}

/* GObject */

static void
confianza_follow_up_dialog_dispose (GObject *object)
{
  ConfianzaFollowUpDialog *self = CONFIANZA_FOLLOW_UP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_FOLLOW_UP_DIALOG);
  g_clear_object (&self->follow_up);

  G_OBJECT_CLASS (confianza_follow_up_dialog_parent_class)->dispose (object);
}

static void
confianza_follow_up_dialog_class_init (ConfianzaFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_follow_up_dialog_dispose;
  dialog_class->read_form = confianza_follow_up_dialog_read_form;
  dialog_class->save = confianza_follow_up_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-follow-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, due_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, done_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, done_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, done_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpDialog, note_error);
}

static void
confianza_follow_up_dialog_init (ConfianzaFollowUpDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "done-on", GTK_WIDGET (self->done_on_entry), self->done_on_error);
  confianza_form_add_field (form, "note", GTK_WIDGET (self->note_view), self->note_error);
  confianza_date_entry_set_label (self->done_on_entry, self->done_on_label);
  confianza_dialog_watch (dialog, self->note_view, self->done_on_entry, NULL);
}

ConfianzaFollowUpDialog *
confianza_follow_up_dialog_new (GtkWindow         *parent,
                                ConfianzaStore    *store,
                                ConfianzaFollowUp *follow_up)
{
  ConfianzaFollowUpDialog *self;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *due = NULL;
  g_autofree char *due_text = NULL;
  const char *note;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (follow_up), NULL);

  self = g_object_new (CONFIANZA_TYPE_FOLLOW_UP_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->follow_up = g_object_ref (follow_up);

  due = confianza_date_format (confianza_follow_up_get_due_on (follow_up));
  /* Translators: %s is the date a follow-up was planned for */
  due_text = g_strdup_printf (_("Planned for %s."), due);
  gtk_label_set_label (self->due_label, due_text);

  confianza_date_entry_set_date (self->done_on_entry,
                                 confianza_follow_up_get_done_on (follow_up) != NULL
                                 ? confianza_follow_up_get_done_on (follow_up) : today);
  note = confianza_follow_up_get_note (follow_up);
  if (note != NULL && *note != '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));

  return self;
}
