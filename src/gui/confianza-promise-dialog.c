/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-promise-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-promise-dialog.h"
#include "model/confianza-buffer.h"

struct _ConfianzaPromiseDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaPromise   *promise;   /* the promise being edited, or NULL */
  gint64              client_id;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkEntry           *title_entry;
  GtkLabel           *title_error;
  GtkEntry           *kind_entry;
  GtkLabel           *kind_error;
  GtkLabel           *promised_on_label;
  ConfianzaDateEntry *promised_on_entry;
  GtkLabel           *promised_on_error;
  GtkLabel           *due_on_label;
  ConfianzaDateEntry *due_on_entry;
  GtkLabel           *due_on_error;
  GtkLabel           *suggestion_label;
  GtkCheckButton     *quantity_check;
  GtkRevealer        *quantity_revealer;
  GtkSpinButton      *quantity_spin;
  GtkLabel           *quantity_error;
  GtkEntry           *unit_entry;
  GtkLabel           *unit_error;
  GtkWidget          *use_suggestion_button;
  GDateTime          *suggested_due;
};

G_DEFINE_FINAL_TYPE (ConfianzaPromiseDialog, confianza_promise_dialog, CONFIANZA_TYPE_DIALOG)

/* A promise holding what the form says now, over the edited one if any. */
static ConfianzaPromise *
promise_from_form (ConfianzaPromiseDialog *self)
{
  ConfianzaPromise *promise;
  gboolean has_quantity = gtk_check_button_get_active (self->quantity_check);

  if (self->promise != NULL)
    promise = confianza_promise_copy (self->promise);
  else
    promise = confianza_promise_new (self->client_id, NULL, NULL, NULL);

  confianza_promise_set_title (promise, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  confianza_promise_set_kind (promise, gtk_editable_get_text (GTK_EDITABLE (self->kind_entry)));
  confianza_promise_set_promised_on (promise, confianza_date_entry_get_date (self->promised_on_entry));
  /* An existing promise's date and quantity are its terms: they change
   * only through "Change the Due Date…", which keeps its history */
  if (self->promise != NULL)
    return promise;

  confianza_promise_set_due_on (promise, confianza_date_entry_get_date (self->due_on_entry));
  confianza_promise_set_has_quantity (promise, has_quantity);

  /* A quantity switched off is not kept half-remembered. */
  if (has_quantity)
    {
      confianza_promise_set_promised_quantity (promise, gtk_spin_button_get_value (self->quantity_spin));
      confianza_promise_set_unit (promise, gtk_editable_get_text (GTK_EDITABLE (self->unit_entry)));
    }
  else
    {
      confianza_promise_set_promised_quantity (promise, 0);
      confianza_promise_set_unit (promise, NULL);
    }

  return promise;
}

/* "Promete menos": how long the user's deliveries of this kind really
 * took, said in words, with a due date that leaves room. */
static void
update_suggestion (ConfianzaPromiseDialog *self)
{
  g_autofree char *kind = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->kind_entry))));
  GDateTime *promised_on = confianza_date_entry_get_date (self->promised_on_entry);
  g_autoptr(ConfianzaSafeDue) safe = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->suggested_due, g_date_time_unref);
  gtk_widget_set_visible (self->use_suggestion_button, FALSE);

  if (self->promise != NULL)
    {
      gtk_label_set_label (self->suggestion_label,
                           _("The due date changes only through “Change the Due Date…”, which keeps the first date in the promise’s history; what was promised stays as it was."));
      gtk_widget_set_visible (GTK_WIDGET (self->suggestion_label), TRUE);
      return;
    }

  if (kind[0] == '\0' || promised_on == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->suggestion_label), FALSE);
      return;
    }

  history = confianza_store_get_delivered_of_kind (confianza_dialog_get_store (CONFIANZA_DIALOG (self)), kind, &error);
  if (history == NULL)
    {
      gtk_label_set_label (self->suggestion_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->suggestion_label), TRUE);
      return;
    }

  safe = confianza_safe_due_suggest (history, kind, promised_on);
  gtk_label_set_label (self->suggestion_label, safe->sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_label), TRUE);

  if (safe->has_suggestion && safe->due_on != NULL)
    {
      self->suggested_due = g_date_time_ref (safe->due_on);
      gtk_widget_set_visible (self->use_suggestion_button, TRUE);
    }
}

/* ConfianzaDialog */

/* Unreadable typed dates come first: the model would only see a missing
 * date. */
static GObject *
confianza_promise_dialog_read_form (ConfianzaDialog  *dialog,
                                    const char      **property,
                                    GError          **error)
{
  ConfianzaPromiseDialog *self = CONFIANZA_PROMISE_DIALOG (dialog);
  g_autoptr(ConfianzaPromise) promise = NULL;

  if (!confianza_date_entry_check (self->promised_on_entry, error))
    {
      *property = "promised-on";
      return NULL;
    }

  if (!confianza_date_entry_check (self->due_on_entry, error))
    {
      *property = "due-on";
      return NULL;
    }

  promise = promise_from_form (self);
  if (!confianza_promise_validate (promise, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&promise));
}

static gboolean
confianza_promise_dialog_save (ConfianzaDialog  *dialog,
                               GObject          *record,
                               GError          **error)
{
  return confianza_store_save_promise (confianza_dialog_get_store (dialog), CONFIANZA_PROMISE (record), error);
}

static void
confianza_promise_dialog_changed (ConfianzaDialog *dialog,
                                  GtkWidget       *widget)
{
  ConfianzaPromiseDialog *self = CONFIANZA_PROMISE_DIALOG (dialog);

  CONFIANZA_DIALOG_CLASS (confianza_promise_dialog_parent_class)->changed (dialog, widget);

  if (widget == GTK_WIDGET (self->kind_entry) || widget == GTK_WIDGET (self->promised_on_entry))
    update_suggestion (self);
}

/* Callbacks */

static void
on_use_suggestion (ConfianzaPromiseDialog *self)
{
  if (self->suggested_due == NULL)
    return;

  confianza_date_entry_set_date (self->due_on_entry, self->suggested_due);
  confianza_form_touch (confianza_dialog_get_form (CONFIANZA_DIALOG (self)), GTK_WIDGET (self->due_on_entry));
  confianza_dialog_validate (CONFIANZA_DIALOG (self));
}

/* GObject */

static void
confianza_promise_dialog_dispose (GObject *object)
{
  ConfianzaPromiseDialog *self = CONFIANZA_PROMISE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_PROMISE_DIALOG);
  g_clear_object (&self->promise);
  g_clear_pointer (&self->suggested_due, g_date_time_unref);

  G_OBJECT_CLASS (confianza_promise_dialog_parent_class)->dispose (object);
}

static void
confianza_promise_dialog_class_init (ConfianzaPromiseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_promise_dialog_dispose;
  dialog_class->read_form = confianza_promise_dialog_read_form;
  dialog_class->save = confianza_promise_dialog_save;
  dialog_class->changed = confianza_promise_dialog_changed;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-promise-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, title_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, kind_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, kind_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, promised_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, promised_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, promised_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, due_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, due_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, due_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, quantity_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, quantity_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, quantity_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseDialog, unit_error);
}

static void
confianza_promise_dialog_init (ConfianzaPromiseDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  g_autoptr(GDateTime) today = confianza_date_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "title", GTK_WIDGET (self->title_entry), self->title_error);
  confianza_form_add_field (form, "kind", GTK_WIDGET (self->kind_entry), self->kind_error);
  confianza_form_add_field (form, "promised-on", GTK_WIDGET (self->promised_on_entry), self->promised_on_error);
  confianza_form_add_field (form, "due-on", GTK_WIDGET (self->due_on_entry), self->due_on_error);
  confianza_form_add_field (form, "promised-quantity", GTK_WIDGET (self->quantity_spin), self->quantity_error);
  confianza_form_add_field (form, "unit", GTK_WIDGET (self->unit_entry), self->unit_error);
  confianza_dialog_watch (dialog, self->title_entry, self->kind_entry, self->quantity_check,
                          self->quantity_spin, self->unit_entry, NULL);
  g_signal_connect (self->quantity_spin, "output", G_CALLBACK (confianza_form_quantity_output), NULL);

  /* Beside the sentence, a way to take its advice in one click. */
  self->use_suggestion_button = gtk_button_new_with_mnemonic (_("_Use This Date"));
  gtk_widget_set_halign (self->use_suggestion_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->use_suggestion_button, "flat");
  gtk_widget_set_visible (self->use_suggestion_button, FALSE);
  gtk_widget_insert_after (self->use_suggestion_button,
                           gtk_widget_get_parent (GTK_WIDGET (self->suggestion_label)),
                           GTK_WIDGET (self->suggestion_label));
  g_signal_connect_object (self->use_suggestion_button, "clicked",
                           G_CALLBACK (on_use_suggestion), self, G_CONNECT_SWAPPED);

  confianza_date_entry_set_label (self->promised_on_entry, self->promised_on_label);
  confianza_date_entry_set_label (self->due_on_entry, self->due_on_label);
  confianza_date_entry_set_date (self->promised_on_entry, today);

  confianza_dialog_watch (dialog, self->promised_on_entry, self->due_on_entry, NULL);
}

ConfianzaPromiseDialog *
confianza_promise_dialog_new (GtkWindow        *parent,
                              ConfianzaStore   *store,
                              gint64            client_id,
                              ConfianzaPromise *promise)
{
  ConfianzaPromiseDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (promise == NULL || CONFIANZA_IS_PROMISE (promise), NULL);
  g_return_val_if_fail (promise != NULL || client_id > 0, NULL);

  self = g_object_new (CONFIANZA_TYPE_PROMISE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->client_id = client_id;

  if (promise != NULL)
    {
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);

      self->promise = g_object_ref (promise);
      self->client_id = confianza_promise_get_client_id (promise);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Promise"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), confianza_promise_get_title (promise));
      gtk_editable_set_text (GTK_EDITABLE (self->kind_entry), confianza_promise_get_kind (promise));
      confianza_date_entry_set_date (self->promised_on_entry, confianza_promise_get_promised_on (promise));
      confianza_date_entry_set_date (self->due_on_entry, confianza_promise_get_due_on (promise));
      gtk_check_button_set_active (self->quantity_check, has_quantity);
      if (has_quantity)
        {
          gtk_spin_button_set_value (self->quantity_spin, confianza_promise_get_promised_quantity (promise));
          gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), confianza_promise_get_unit (promise));
        }
      gtk_widget_set_sensitive (GTK_WIDGET (self->due_on_entry), FALSE);
      /* Delivered or broken, the day it was made is locked too */
      if (confianza_promise_get_delivered_on (promise) != NULL || confianza_promise_get_broken (promise))
        gtk_widget_set_sensitive (GTK_WIDGET (self->promised_on_entry), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->quantity_check), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->quantity_spin), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->unit_entry), FALSE);
      update_suggestion (self);
    }

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));

  return self;
}
