/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What every form in Confianza does the same way: each field is a widget
 * with an error label beside it, tied to the model property it edits. The
 * model's validate function names the invalid property; the form shows the
 * message beside that field (once the user has touched it, so a new form
 * does not scold), marks the widget, tells screen readers, and keeps the
 * Save button insensitive while the form is invalid.
 */
typedef struct _ConfianzaForm ConfianzaForm;

ConfianzaForm *confianza_form_new        (GtkWidget     *save_button,
                                          GtkLabel      *general_error);
void           confianza_form_free       (ConfianzaForm *form);
/* For a form made before the window it shows in (a page of the wizard):
 * its button and general error label, as in confianza_form_new (). */
void           confianza_form_set_save_button (ConfianzaForm *form,
                                               GtkWidget     *save_button,
                                               GtkLabel      *general_error);
void           confianza_form_add_field  (ConfianzaForm *form,
                                          const char    *property,
                                          GtkWidget     *widget,
                                          GtkLabel      *error_label);
/* The user changed @widget: its errors may show from now on. */
void           confianza_form_touch      (ConfianzaForm *form,
                                          GtkWidget     *widget);
void           confianza_form_touch_all  (ConfianzaForm *form);
/* Shows the outcome of a validation: @error NULL means valid. Errors of a
 * property no field shows go to the general error label. Returns the widget
 * to focus, or NULL when the form is valid. */
GtkWidget     *confianza_form_show       (ConfianzaForm *form,
                                          const char    *property,
                                          const GError  *error);
/* An error that belongs to no field (the store could not save). */
void           confianza_form_show_general (ConfianzaForm *form,
                                            const char    *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaForm, confianza_form_free)

/*
 * Calls @func (@widget) each time the value @widget shows changes: the
 * text of an editable or of a text view, the value of a spin button, the
 * item chosen in a drop-down, a check button, a switch, the day in a
 * ConfianzaDateEntry. Whoever owns @widget finds itself from it (as an
 * ancestor); the watch ends with @widget.
 */
typedef void (*ConfianzaFormWatchFunc) (GtkWidget *widget);

void           confianza_form_watch      (GtkWidget              *widget,
                                          ConfianzaFormWatchFunc  func);

/* The "output" handler of a spin button of quantities: "3" rather than
 * "3.00", with the locale's decimal separator. */
gboolean       confianza_form_quantity_output (GtkSpinButton *spin,
                                               gpointer       user_data);

/* The whole text of @view, as a new string. */
char          *confianza_form_get_text   (GtkTextView   *view);
/* Replaces the text of @view (NULL: empties it). */
void           confianza_form_set_text   (GtkTextView   *view,
                                          const char    *text);

G_END_DECLS
