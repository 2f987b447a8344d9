/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-broken-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-broken-dialog.h"
#include "confianza-form.h"

struct _ConfianzaBrokenDialog
{
  AdwWindow         parent_instance;

  ConfianzaStore   *store;
  ConfianzaPromise *promise;
  ConfianzaForm    *form;

  /* Template widgets */
  GtkButton        *save_button;
  GtkLabel         *general_error;
  GtkLabel         *promise_label;
  GtkLabel         *guidance_label;
  GtkTextView      *reason_view;
  GtkLabel         *reason_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaBrokenDialog, confianza_broken_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A copy of the promise, broken for the reason the form gives. */
static ConfianzaPromise *
promise_from_form (ConfianzaBrokenDialog *self)
{
  ConfianzaPromise *promise = confianza_promise_copy (self->promise);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reason_view);
  g_autofree char *reason = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  reason = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  confianza_promise_set_broken (promise, TRUE);
  confianza_promise_set_broken_reason (promise, reason);
  /* A promise is either delivered or broken; saying it was broken is the
   * later, truer word. */
  confianza_promise_set_delivered_on (promise, NULL);

  return promise;
}

/* Validates the form; returns the widget to fix, or NULL. */
static GtkWidget *
validate (ConfianzaBrokenDialog *self)
{
  g_autoptr(ConfianzaPromise) promise = promise_from_form (self);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  confianza_promise_validate (promise, &property, &error);

  return confianza_form_show (self->form, property, error);
}

/* Callbacks */

static void
on_buffer_changed (ConfianzaBrokenDialog *self,
                   GtkTextBuffer         *buffer)
{
  confianza_form_touch (self->form, GTK_WIDGET (self->reason_view));
  validate (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaBrokenDialog *self = CONFIANZA_BROKEN_DIALOG (widget);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  confianza_form_touch_all (self->form);
  invalid = validate (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  promise = promise_from_form (self);
  if (!confianza_store_save_promise (self->store, promise, &error))
    {
      confianza_form_show_general (self->form, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, promise);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confianza_broken_dialog_dispose (GObject *object)
{
  ConfianzaBrokenDialog *self = CONFIANZA_BROKEN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_BROKEN_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->promise);
  g_clear_pointer (&self->form, confianza_form_free);

  G_OBJECT_CLASS (confianza_broken_dialog_parent_class)->dispose (object);
}

static void
confianza_broken_dialog_class_init (ConfianzaBrokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_broken_dialog_dispose;

  /**
   * ConfianzaBrokenDialog::saved:
   * @promise: the promise as stored, marked broken
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_PROMISE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-broken-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, promise_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaBrokenDialog, reason_error);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_broken_dialog_init (ConfianzaBrokenDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = confianza_form_new (GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (self->form, "broken-reason", GTK_WIDGET (self->reason_view), self->reason_error);
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
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->promise = g_object_ref (promise);

  gtk_label_set_label (self->promise_label, confianza_promise_get_title (promise));
  /* Only a reason already given counts as touched: a new one does not scold. */
  if (*confianza_promise_get_broken_reason (promise) != '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view),
                              confianza_promise_get_broken_reason (promise), -1);

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_view));

  return self;
}
