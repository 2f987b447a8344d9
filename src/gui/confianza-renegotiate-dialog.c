/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-renegotiate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-renegotiate-dialog.h"
#include "model/confianza-date.h"

struct _ConfianzaRenegotiateDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaPromise   *promise;
  /* "Correct a Mistake…": a correction of what was recorded, not a new
   * date told to the client */
  gboolean            correction;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkLabel           *promise_label;
  GtkLabel           *guidance_label;
  GtkLabel           *current_label;
  GtkLabel           *new_due_on_label;
  ConfianzaDateEntry *new_due_on_entry;
  GtkLabel           *new_due_on_error;
  GtkLabel           *told_on_label;
  ConfianzaDateEntry *told_on_entry;
  GtkLabel           *told_on_error;
  GtkCheckButton     *agreed_check;
  GtkLabel           *effect_label;
  GtkTextView        *reason_view;
  GtkLabel           *reason_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaRenegotiateDialog, confianza_renegotiate_dialog, CONFIANZA_TYPE_DIALOG)

/* What the step will do, said before it is saved */
static void
update_effect (ConfianzaRenegotiateDialog *self,
               ConfianzaPromiseStep       *step)
{
  GDateTime *due_on = confianza_promise_get_due_on (self->promise);
  g_autofree char *due = confianza_date_format (due_on);
  g_autofree char *text = NULL;

  if (step == NULL || confianza_promise_step_get_told_on (step) == NULL ||
      confianza_promise_step_get_new_due_on (step) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->effect_label), FALSE);
      return;
    }

  if (confianza_promise_step_is_in_time (step))
    {
      g_autofree char *new_date = confianza_date_format (confianza_promise_step_get_new_due_on (step));

      /* Translators: %s is the new date */
      text = g_strdup_printf (_("Told in time and agreed: the promise will be due on %s. A renegotiation costs a little trust now; keeping the new date earns what keeping earns."),
                              new_date);
    }
  else if (!confianza_promise_step_get_agreed (step))
    /* Translators: %s is the date the promise has */
    text = g_strdup_printf (_("Not agreed: the change is recorded, and the promise stays due on %s."), due);
  else
    /* Translators: %s is the date the promise has */
    text = g_strdup_printf (_("Told after the date passed: the change is recorded, and the promise stays late against %s."), due);

  gtk_label_set_label (self->effect_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->effect_label), TRUE);
}

/* ConfianzaDialog */

static GObject *
confianza_renegotiate_dialog_read_form (ConfianzaDialog  *dialog,
                                        const char      **property,
                                        GError          **error)
{
  ConfianzaRenegotiateDialog *self = CONFIANZA_RENEGOTIATE_DIALOG (dialog);
  g_autoptr(ConfianzaPromiseStep) step = confianza_promise_step_new (self->correction ? CONFIANZA_LEDGER_CORRECTION
                                                                                     : CONFIANZA_LEDGER_RENEGOTIATION);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *reason = confianza_form_get_text (self->reason_view);

  confianza_promise_step_set_promise_id (step, confianza_promise_get_id (self->promise));
  confianza_promise_step_set_client_id (step, confianza_promise_get_client_id (self->promise));
  confianza_promise_step_set_recorded_on (step, today);
  confianza_promise_step_set_old_due_on (step, confianza_promise_get_due_on (self->promise));
  confianza_promise_step_set_new_due_on (step, confianza_date_entry_get_date (self->new_due_on_entry));
  confianza_promise_step_set_told_on (step, self->correction ? NULL : confianza_date_entry_get_date (self->told_on_entry));
  confianza_promise_step_set_agreed (step, !self->correction && gtk_check_button_get_active (self->agreed_check));
  confianza_promise_step_set_reason (step, reason);

  if (!self->correction)
    update_effect (self, step);

  if (!confianza_date_entry_check (self->new_due_on_entry, error))
    {
      *property = "new-due-on";
      return NULL;
    }
  if (!confianza_date_entry_check (self->told_on_entry, error))
    {
      *property = "told-on";
      return NULL;
    }
  /* A correction is checked as a new date told today */
  if (!confianza_ledger_validate_renegotiation (confianza_promise_get_promised_on (self->promise),
                                                confianza_promise_get_due_on (self->promise),
                                                confianza_promise_step_get_new_due_on (step),
                                                self->correction ? today : confianza_promise_step_get_told_on (step),
                                                reason, today, property, error))
    return NULL;
  if (!confianza_promise_step_validate (step, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&step));
}

static gboolean
confianza_renegotiate_dialog_save (ConfianzaDialog  *dialog,
                                   GObject          *record,
                                   GError          **error)
{
  ConfianzaPromiseStep *step = CONFIANZA_PROMISE_STEP (record);
  g_autoptr(ConfianzaPromiseStep) saved = NULL;

  if (confianza_promise_step_get_kind (step) == CONFIANZA_LEDGER_CORRECTION)
    saved = confianza_store_correct_promise (confianza_dialog_get_store (dialog),
                                             confianza_promise_step_get_promise_id (step),
                                             confianza_promise_step_get_new_due_on (step),
                                             confianza_promise_step_get_reason (step),
                                             NULL, NULL, error);
  else
    saved = confianza_store_renegotiate_promise (confianza_dialog_get_store (dialog),
                                               confianza_promise_step_get_promise_id (step),
                                               confianza_promise_step_get_new_due_on (step),
                                               confianza_promise_step_get_told_on (step),
                                               confianza_promise_step_get_agreed (step),
                                               confianza_promise_step_get_reason (step),
                                               NULL, NULL, error);
  if (saved == NULL)
    return FALSE;

  confianza_promise_step_set_id (step, confianza_promise_step_get_id (saved));
  return TRUE;
}

/* GObject */

static void
confianza_renegotiate_dialog_dispose (GObject *object)
{
  ConfianzaRenegotiateDialog *self = CONFIANZA_RENEGOTIATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_RENEGOTIATE_DIALOG);
  g_clear_object (&self->promise);

  G_OBJECT_CLASS (confianza_renegotiate_dialog_parent_class)->dispose (object);
}

static void
confianza_renegotiate_dialog_class_init (ConfianzaRenegotiateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_renegotiate_dialog_dispose;
  dialog_class->read_form = confianza_renegotiate_dialog_read_form;
  dialog_class->save = confianza_renegotiate_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-renegotiate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, promise_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, new_due_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, new_due_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, new_due_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, told_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, told_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, told_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, agreed_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, effect_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRenegotiateDialog, reason_error);
}

static void
confianza_renegotiate_dialog_init (ConfianzaRenegotiateDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "new-due-on", GTK_WIDGET (self->new_due_on_entry), self->new_due_on_error);
  confianza_form_add_field (form, "told-on", GTK_WIDGET (self->told_on_entry), self->told_on_error);
  confianza_form_add_field (form, "reason", GTK_WIDGET (self->reason_view), self->reason_error);
  confianza_dialog_watch (dialog, self->agreed_check, self->reason_view, NULL);

  confianza_date_entry_set_label (self->new_due_on_entry, self->new_due_on_label);
  confianza_date_entry_set_label (self->told_on_entry, self->told_on_label);
}

ConfianzaRenegotiateDialog *
confianza_renegotiate_dialog_new (GtkWindow        *parent,
                                  ConfianzaStore   *store,
                                  ConfianzaPromise *promise)
{
  ConfianzaRenegotiateDialog *self;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *due = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), NULL);

  self = g_object_new (CONFIANZA_TYPE_RENEGOTIATE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->promise = g_object_ref (promise);

  gtk_label_set_label (self->promise_label, confianza_promise_get_title (promise));
  due = confianza_date_format (confianza_promise_get_due_on (promise));
  /* Translators: %s is the date the promise is due */
  current = g_strdup_printf (_("Due now on %s."), due);
  gtk_label_set_label (self->current_label, current);

  /* Told today: the usual case, saying it as soon as it is known */
  confianza_date_entry_set_date (self->told_on_entry, today);

  confianza_dialog_watch (CONFIANZA_DIALOG (self), self->new_due_on_entry, self->told_on_entry, NULL);
  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->new_due_on_entry));

  return self;
}

ConfianzaRenegotiateDialog *
confianza_renegotiate_dialog_new_correction (GtkWindow        *parent,
                                             ConfianzaStore   *store,
                                             ConfianzaPromise *promise)
{
  ConfianzaRenegotiateDialog *self = confianza_renegotiate_dialog_new (parent, store, promise);

  self->correction = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Correct a Mistake"));
  gtk_label_set_label (self->guidance_label,
                       _("A due date recorded by mistake is corrected here. The correction, with its reason and its day, stays in the promise’s history: nothing is rewritten quietly."));
  gtk_widget_set_visible (GTK_WIDGET (self->told_on_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->told_on_entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->told_on_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->agreed_check), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->effect_label), FALSE);
  gtk_label_set_text_with_mnemonic (self->new_due_on_label, _("_Right due date"));
  confianza_dialog_validate (CONFIANZA_DIALOG (self));

  return self;
}
