/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

#include "confianza-form.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_DIALOG (confianza_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (ConfianzaDialog, confianza_dialog, CONFIANZA, DIALOG, AdwWindow)

/*
 * What every dialog of Confianza does the same way: it is modal, belongs
 * to the application of the window it is "transient-for", works on the
 * "store" it is given, and closes on Escape without writing anything.
 *
 * A dialog with a form (confianza_dialog_init_form ()) checks it after
 * every change the user makes to a watched widget, and its "dialog.save"
 * action checks it once more, writes the record the form describes,
 * emits "saved" (GObject: the record as stored) and closes; a store error
 * is said in words and the dialog stays open.
 */
struct _ConfianzaDialogClass
{
  AdwWindowClass parent_class;

  /* The record the form describes, as a new object; or NULL, naming the
   * @property to fix and saying why in @error: what the model cannot see
   * first (a date that cannot be read), then the model's own rules. */
  GObject  *(*read_form) (ConfianzaDialog  *self,
                          const char      **property,
                          GError          **error);
  /* Writes @record (confianza_store_save_… ()). */
  gboolean  (*save)      (ConfianzaDialog  *self,
                          GObject          *record,
                          GError          **error);
  /* The user changed @widget. By default its field may show its errors
   * from now on, and the form is checked again. */
  void      (*changed)   (ConfianzaDialog  *self,
                          GtkWidget        *widget);
};

ConfianzaStore *confianza_dialog_get_store  (ConfianzaDialog *self);

/* For a subclass's init, after its template: the form whose validity
 * @save_button follows, with the @general_error label (may be NULL). */
ConfianzaForm  *confianza_dialog_init_form  (ConfianzaDialog *self,
                                             GtkWidget       *save_button,
                                             GtkLabel        *general_error);
ConfianzaForm  *confianza_dialog_get_form   (ConfianzaDialog *self);
/* The widgets (a NULL-terminated list) whose changes count, fields of the
 * form or not (confianza_form_watch ()). */
void            confianza_dialog_watch      (ConfianzaDialog *self,
                                             gpointer         widget,
                                             ...) G_GNUC_NULL_TERMINATED;
/* Checks the form now; returns the widget to fix, or NULL. */
GtkWidget      *confianza_dialog_validate   (ConfianzaDialog *self);

G_END_DECLS
