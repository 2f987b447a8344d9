/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-deliver-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-deliver-dialog.h"

struct _ConfianzaDeliverDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaPromise   *promise;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkLabel           *promise_label;
  GtkLabel           *delivered_on_label;
  GtkLabel           *delivered_quantity_label;
  ConfianzaDateEntry *delivered_on_entry;
  GtkLabel           *delivered_on_error;
  GtkLabel           *outcome_label;
  GtkWidget          *quantity_box;
  GtkSpinButton      *delivered_quantity_spin;
  GtkLabel           *delivered_quantity_error;
  GtkLabel           *unit_label;
  GtkTextView        *extras_view;
  GtkLabel           *extras_error;
  GtkTextView        *note_view;
  GtkLabel           *note_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaDeliverDialog, confianza_deliver_dialog, CONFIANZA_TYPE_DIALOG)

/* A copy of the promise with the delivery the form describes. */
static ConfianzaPromise *
promise_from_form (ConfianzaDeliverDialog *self)
{
  ConfianzaPromise *promise = confianza_promise_copy (self->promise);
  g_autofree char *extras = confianza_form_get_text (self->extras_view);
  g_autofree char *note = confianza_form_get_text (self->note_view);

  confianza_promise_set_delivered_on (promise, confianza_date_entry_get_date (self->delivered_on_entry));
  if (confianza_promise_get_has_quantity (promise))
    confianza_promise_set_delivered_quantity (promise, gtk_spin_button_get_value (self->delivered_quantity_spin));
  confianza_promise_set_extras (promise, extras);
  confianza_promise_set_delivery_note (promise, note);

  /* Delivered after all: it is no longer a broken promise. */
  confianza_promise_set_broken (promise, FALSE);
  confianza_promise_set_broken_reason (promise, NULL);

  return promise;
}

/* The outcome in words, as it will be once saved. */
static void
update_outcome (ConfianzaDeliverDialog *self,
                ConfianzaPromise       *promise)
{
  static const char * const classes[] = { "success", "warning", "error" };
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *text = NULL;
  ConfianzaPromiseResult result;
  const char *css_class = NULL;
  int days;

  if (confianza_promise_get_delivered_on (promise) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), FALSE);
      return;
    }

  /* promise_from_form () has cleared "broken": delivered after all */
  result = confianza_promise_get_result (promise, today);
  days = ABS (result.days_early);

  switch (result.outcome)
    {
    case CONFIANZA_OUTCOME_OVERDELIVERED:
      if (days > 0)
        {
          /* Translators: the outcome of a delivery, shown as the user picks
           * the date; "overdelivered" is the outcome (Superada) */
          text = g_strdup_printf (ngettext ("Delivered %d day early: overdelivered",
                                            "Delivered %d days early: overdelivered",
                                            days),
                                  days);
        }
      else
        {
          text = g_strdup (_("On the due date, with more than promised: overdelivered"));
        }
      css_class = "success";
      break;

    case CONFIANZA_OUTCOME_KEPT:
      text = g_strdup (_("On the due date: kept"));
      css_class = "success";
      break;

    case CONFIANZA_OUTCOME_LATE:
      /* Translators: the outcome of a delivery after the due date */
      text = g_strdup_printf (ngettext ("%d day late", "%d days late", days), days);
      css_class = "warning";
      break;

    case CONFIANZA_OUTCOME_BROKEN:
      /* Translators: delivered fewer than the promised quantity; "broken"
       * is the outcome (Incumplida) */
      text = g_strdup (_("Less than promised: broken"));
      css_class = "error";
      break;

    case CONFIANZA_OUTCOME_OPEN:
    case CONFIANZA_OUTCOME_OVERDUE:
    default:
      /* Not possible with a delivery date; say nothing rather than guess. */
      break;
    }

  /* What it will record: judged against the date renegotiated in time */
  if (text != NULL && confianza_promise_is_renegotiated (promise))
    {
      g_autofree char *first = confianza_date_format (confianza_promise_get_original_due_on (promise));
      g_autofree char *plain = g_steal_pointer (&text);

      /* Translators: an outcome, then the first due date before a renegotiation */
      text = g_strdup_printf (_("%s, against the renegotiated date (first %s)"), plain, first);
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_label), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), css_class);

  gtk_label_set_label (self->outcome_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), text != NULL);
}

/* ConfianzaDialog */

static GObject *
confianza_deliver_dialog_read_form (ConfianzaDialog  *dialog,
                                    const char      **property,
                                    GError          **error)
{
  ConfianzaDeliverDialog *self = CONFIANZA_DELIVER_DIALOG (dialog);
  g_autoptr(ConfianzaPromise) promise = promise_from_form (self);

  update_outcome (self, promise);

  if (!confianza_date_entry_check (self->delivered_on_entry, error))
    {
      *property = "delivered-on";
      return NULL;
    }

  if (confianza_promise_get_delivered_on (promise) == NULL)
    {
      /* The model allows an undelivered promise; this dialog is for
       * saying when it was delivered, so an empty date is not enough. */
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING,
                           _("Say on which day you delivered it."));
      *property = "delivered-on";
      return NULL;
    }

  if (!confianza_promise_validate (promise, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&promise));
}

static gboolean
confianza_deliver_dialog_save (ConfianzaDialog  *dialog,
                               GObject          *record,
                               GError          **error)
{
  return confianza_store_save_promise (confianza_dialog_get_store (dialog), CONFIANZA_PROMISE (record), error);
}

/* GObject */

static void
confianza_deliver_dialog_dispose (GObject *object)
{
  ConfianzaDeliverDialog *self = CONFIANZA_DELIVER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_DELIVER_DIALOG);
  g_clear_object (&self->promise);

  G_OBJECT_CLASS (confianza_deliver_dialog_parent_class)->dispose (object);
}

static void
confianza_deliver_dialog_class_init (ConfianzaDeliverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_deliver_dialog_dispose;
  dialog_class->read_form = confianza_deliver_dialog_read_form;
  dialog_class->save = confianza_deliver_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-deliver-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, promise_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, quantity_box);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_quantity_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, delivered_quantity_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, extras_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, extras_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaDeliverDialog, note_error);
}

static void
confianza_deliver_dialog_init (ConfianzaDeliverDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "delivered-on", GTK_WIDGET (self->delivered_on_entry), self->delivered_on_error);
  confianza_form_add_field (form, "delivered-quantity", GTK_WIDGET (self->delivered_quantity_spin), self->delivered_quantity_error);
  confianza_form_add_field (form, "extras", GTK_WIDGET (self->extras_view), self->extras_error);
  confianza_form_add_field (form, "delivery-note", GTK_WIDGET (self->note_view), self->note_error);
  confianza_dialog_watch (dialog, self->delivered_quantity_spin, self->extras_view, self->note_view, NULL);
  g_signal_connect (self->delivered_quantity_spin, "output", G_CALLBACK (confianza_form_quantity_output), NULL);

  confianza_date_entry_set_label (self->delivered_on_entry, self->delivered_on_label);
}

ConfianzaDeliverDialog *
confianza_deliver_dialog_new (GtkWindow        *parent,
                              ConfianzaStore   *store,
                              ConfianzaPromise *promise)
{
  ConfianzaDeliverDialog *self;
  g_autoptr(GDateTime) today = NULL;
  GDateTime *delivered_on;
  gboolean has_quantity;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), NULL);

  self = g_object_new (CONFIANZA_TYPE_DELIVER_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->promise = g_object_ref (promise);

  gtk_label_set_label (self->promise_label, confianza_promise_get_title (promise));

  /* A delivery already recorded is corrected; otherwise it happens today,
   * with what was promised. */
  delivered_on = confianza_promise_get_delivered_on (promise);
  if (delivered_on == NULL)
    delivered_on = today = confianza_date_today ();
  confianza_date_entry_set_date (self->delivered_on_entry, delivered_on);

  has_quantity = confianza_promise_get_has_quantity (promise);
  gtk_widget_set_visible (self->quantity_box, has_quantity);
  if (has_quantity)
    {
      double quantity = confianza_promise_get_delivered_on (promise) != NULL
                        ? confianza_promise_get_delivered_quantity (promise)
                        : confianza_promise_get_promised_quantity (promise);

      gtk_spin_button_set_value (self->delivered_quantity_spin, quantity);
      gtk_label_set_label (self->unit_label, confianza_promise_get_unit (promise));
      /* "Delivered quantity, pages" */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->delivered_quantity_spin),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      self->delivered_quantity_label, self->unit_label, NULL,
                                      -1);
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->extras_view),
                            confianza_promise_get_extras (promise), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            confianza_promise_get_delivery_note (promise), -1);

  confianza_dialog_watch (CONFIANZA_DIALOG (self), self->delivered_on_entry, NULL);

  confianza_dialog_validate (CONFIANZA_DIALOG (self));

  return self;
}
