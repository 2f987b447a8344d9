/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-broken-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-broken-dialog.h"

struct _ConfianzaBrokenDialog
{
  ConfianzaDialog   parent_instance;

  ConfianzaPromise *promise;

  /* Template widgets */
  GtkButton        *save_button;
  GtkLabel         *general_error;
  GtkLabel         *promise_label;
  GtkLabel         *guidance_label;
  GtkTextView      *reason_view;
  GtkLabel         *reason_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaBrokenDialog, confianza_broken_dialog, CONFIANZA_TYPE_DIALOG)

/* ConfianzaDialog */

/* A copy of the promise, broken for the reason the form gives. */
static GObject *
confianza_broken_dialog_read_form (ConfianzaDialog  *dialog,
                                   const char      **property,
                                   GError          **error)
{
  ConfianzaBrokenDialog *self = CONFIANZA_BROKEN_DIALOG (dialog);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_copy (self->promise);
  g_autofree char *reason = confianza_form_get_text (self->reason_view);

  confianza_promise_set_broken (promise, TRUE);
  confianza_promise_set_broken_reason (promise, reason);
  /* A promise is either delivered or broken; saying it was broken is the
   * later, truer word. */
  confianza_promise_set_delivered_on (promise, NULL);

  if (!confianza_promise_validate (promise, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&promise));
}

static gboolean
confianza_broken_dialog_save (ConfianzaDialog  *dialog,
                              GObject          *record,
                              GError          **error)
{
  return confianza_store_save_promise (confianza_dialog_get_store (dialog), CONFIANZA_PROMISE (record), error);
}

/* GObject */

static void
confianza_broken_dialog_dispose (GObject *object)
{
  ConfianzaBrokenDialog *self = CONFIANZA_BROKEN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_BROKEN_DIALOG);
  g_clear_object (&self->promise);

  G_OBJECT_CLASS (confianza_broken_dialog_parent_class)->dispose (object);
}

static void
confianza_broken_dialog_class_init (ConfianzaBrokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_broken_dialog_dispose;
  dialog_class->read_form = confianza_broken_dialog_read_form;
  dialog_class->save = confianza_broken_dialog_save;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-broken-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, promise_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, reason_error);
}

static void
confianza_broken_dialog_init (ConfianzaBrokenDialog *self)
{
  ConfianzaForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (CONFIANZA_DIALOG (self), GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "broken-reason", GTK_WIDGET (self->reason_view), self->reason_error);
  confianza_dialog_watch (CONFIANZA_DIALOG (self), self->reason_view, NULL);
}

ConfianzaBrokenDialog *
confianza_broken_dialog_new (GtkWindow        *parent,
                             ConfianzaStore   *store,
                             ConfianzaPromise *promise)
{
  ConfianzaBrokenDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), NULL);

  self = g_object_new (CONFIANZA_TYPE_BROKEN_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->promise = g_object_ref (promise);

  gtk_label_set_label (self->promise_label, confianza_promise_get_title (promise));
  /* Only a reason already given counts as touched: a new one does not scold. */
  if (*confianza_promise_get_broken_reason (promise) != '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view),
                              confianza_promise_get_broken_reason (promise), -1);

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_view));

  return self;
}
