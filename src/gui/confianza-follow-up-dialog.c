/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-follow-up-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-follow-up-dialog.h"
#include "confianza-form.h"

struct _ConfianzaFollowUpDialog
{
  AdwWindow           parent_instance;

  ConfianzaStore     *store;
  ConfianzaFollowUp  *follow_up;
  ConfianzaForm      *form;

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

G_DEFINE_FINAL_TYPE (ConfianzaFollowUpDialog, confianza_follow_up_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ConfianzaFollowUp *
follow_up_from_form (ConfianzaFollowUpDialog *self)
{
  ConfianzaFollowUp *follow_up = confianza_follow_up_copy (self->follow_up);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autofree char *note = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  confianza_follow_up_set_done_on (follow_up, confianza_date_entry_get_date (self->done_on_entry));
  confianza_follow_up_set_note (follow_up, note);

  return follow_up;
}

static GtkWidget *
validate (ConfianzaFollowUpDialog *self)
{
  g_autoptr(ConfianzaFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (!confianza_date_entry_check (self->done_on_entry, &error))
    {
      property = "done-on";
    }
  else if (confianza_date_entry_get_date (self->done_on_entry) == NULL)
    {
      property = "done-on";
      g_set_error_literal (&error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING,
                           _("Say on which day you followed up."));
    }
  else
    {
      follow_up = follow_up_from_form (self);
      confianza_follow_up_validate (follow_up, &property, &error);
    }

  return confianza_form_show (self->form, property, error);
}

/* Callbacks */

static void
on_field_changed (ConfianzaFollowUpDialog *self,
                  GtkWidget               *widget)
{
  confianza_form_touch (self->form, widget);
  validate (self);
}

static void
on_buffer_changed (ConfianzaFollowUpDialog *self,
                   GtkTextBuffer           *buffer)
{
  on_field_changed (self, GTK_WIDGET (self->note_view));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaFollowUpDialog *self = CONFIANZA_FOLLOW_UP_DIALOG (widget);
  g_autoptr(ConfianzaFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  confianza_form_touch_all (self->form);
  invalid = validate (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  follow_up = follow_up_from_form (self);
  if (!confianza_store_save_follow_up (self->store, follow_up, &error))
    {
      confianza_form_show_general (self->form, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, follow_up);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confianza_follow_up_dialog_dispose (GObject *object)
{
  ConfianzaFollowUpDialog *self = CONFIANZA_FOLLOW_UP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_FOLLOW_UP_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->follow_up);
  g_clear_pointer (&self->form, confianza_form_free);

  G_OBJECT_CLASS (confianza_follow_up_dialog_parent_class)->dispose (object);
}

static void
confianza_follow_up_dialog_class_init (ConfianzaFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_follow_up_dialog_dispose;

  /**
   * ConfianzaFollowUpDialog::saved:
   * @follow_up: the follow-up as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_FOLLOW_UP);

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
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_follow_up_dialog_init (ConfianzaFollowUpDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = confianza_form_new (GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (self->form, "done-on", GTK_WIDGET (self->done_on_entry), self->done_on_error);
  confianza_form_add_field (self->form, "note", GTK_WIDGET (self->note_view), self->note_error);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (confianza_date_entry_get_editable (self->done_on_entry)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->done_on_label, NULL,
                                  -1);
  g_signal_connect_object (confianza_date_entry_get_editable (self->done_on_entry), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
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
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
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

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));

  return self;
}
