/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-form"

#include "config.h"

#include <math.h>

#include "confianza-date-entry.h"
#include "confianza-form.h"

typedef struct
{
  char      *property;
  GtkWidget *widget;
  GtkLabel  *error_label;
  gboolean   touched;
} Field;

struct _ConfianzaForm
{
  GtkWidget *save_button;
  GtkLabel  *general_error;
  GArray    *fields;
};

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_free (field->property);
}

static void
set_field_error (Field      *field,
                 const char *message)
{
  gboolean show = message != NULL && field->touched;

  gtk_label_set_label (field->error_label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (field->error_label), show);

  if (show)
    {
      gtk_widget_add_css_class (field->widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->widget),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

ConfianzaForm *
confianza_form_new (GtkWidget *save_button,
                    GtkLabel  *general_error)
{
  ConfianzaForm *form = g_new0 (ConfianzaForm, 1);

  form->save_button = save_button;
  form->general_error = general_error;
  form->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (form->fields, field_clear);

  return form;
}

void
confianza_form_free (ConfianzaForm *form)
{
  if (form == NULL)
    return;

  g_array_unref (form->fields);
  g_free (form);
}

void
confianza_form_set_save_button (ConfianzaForm *form,
                                GtkWidget     *save_button,
                                GtkLabel      *general_error)
{
  g_return_if_fail (form != NULL);

  form->save_button = save_button;
  form->general_error = general_error;
}

void
confianza_form_add_field (ConfianzaForm *form,
                          const char    *property,
                          GtkWidget     *widget,
                          GtkLabel      *error_label)
{
  Field field = { g_strdup (property), widget, error_label, FALSE };

  g_return_if_fail (form != NULL);

  g_array_append_val (form->fields, field);
  set_field_error (&field, NULL);
}

void
confianza_form_touch (ConfianzaForm *form,
                      GtkWidget     *widget)
{
  g_return_if_fail (form != NULL);

  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = &g_array_index (form->fields, Field, i);

      if (field->widget == widget || gtk_widget_is_ancestor (widget, field->widget))
        field->touched = TRUE;
    }
}

void
confianza_form_touch_all (ConfianzaForm *form)
{
  g_return_if_fail (form != NULL);

  for (guint i = 0; i < form->fields->len; i++)
    g_array_index (form->fields, Field, i).touched = TRUE;
}

void
confianza_form_show_general (ConfianzaForm *form,
                             const char    *message)
{
  g_return_if_fail (form != NULL);

  if (form->general_error == NULL)
    return;

  gtk_label_set_label (form->general_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (form->general_error), message != NULL);
}

GtkWidget *
confianza_form_show (ConfianzaForm *form,
                     const char    *property,
                     const GError  *error)
{
  Field *invalid = NULL;

  g_return_val_if_fail (form != NULL, NULL);

  if (error != NULL)
    {
      for (guint i = 0; i < form->fields->len; i++)
        {
          Field *field = &g_array_index (form->fields, Field, i);

          if (g_strcmp0 (field->property, property) == 0)
            invalid = field;
        }
    }

  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = &g_array_index (form->fields, Field, i);

      set_field_error (field, field == invalid ? error->message : NULL);
    }

  /* An error about a property without a field still says why. */
  confianza_form_show_general (form, error != NULL && invalid == NULL ? error->message : NULL);

  if (form->save_button != NULL)
    gtk_widget_set_sensitive (form->save_button, error == NULL);

  if (error == NULL)
    return NULL;
  if (invalid != NULL)
    return invalid->widget;

  return form->fields->len > 0 ? g_array_index (form->fields, Field, 0).widget : form->save_button;
}

void
confianza_form_watch (GtkWidget              *widget,
                      ConfianzaFormWatchFunc  func)
{
  GObject *instance = G_OBJECT (widget);
  const char *signal = "changed";

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  /* The handlers are called as func (widget, instance, …): @func reads
   * only the first argument. */
  if (CONFIANZA_IS_DATE_ENTRY (widget))
    instance = G_OBJECT (confianza_date_entry_get_editable (CONFIANZA_DATE_ENTRY (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    instance = G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
  else if (GTK_IS_SPIN_BUTTON (widget))
    signal = "value-changed";
  else if (GTK_IS_DROP_DOWN (widget))
    signal = "notify::selected";
  else if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget))
    signal = "notify::active";
  else
    g_return_if_fail (GTK_IS_EDITABLE (widget));

  g_signal_connect_object (instance, signal, G_CALLBACK (func), widget, G_CONNECT_SWAPPED);
}

char *
confianza_form_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
confianza_form_set_text (GtkTextView *view,
                         const char  *text)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

gboolean
confianza_form_quantity_output (GtkSpinButton *spin,
                                gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (fabs (value - round (value)) < 0.005)
    {
      text = g_strdup_printf ("%.0f", value);
    }
  else
    {
      gsize len;

      text = g_strdup_printf ("%.2f", value);
      len = strlen (text);
      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
    }

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}
