/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-dialog"

#include "config.h"

#include "confianza-dialog.h"

typedef struct
{
  ConfianzaStore *store;
  ConfianzaForm  *form;
} ConfianzaDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (ConfianzaDialog, confianza_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_watched_changed (GtkWidget *widget)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (widget, CONFIANZA_TYPE_DIALOG);

  /* Nothing to check once the dialog is being taken apart. */
  if (dialog == NULL || confianza_dialog_get_form (CONFIANZA_DIALOG (dialog)) == NULL)
    return;

  CONFIANZA_DIALOG_GET_CLASS (dialog)->changed (CONFIANZA_DIALOG (dialog), widget);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaDialog *self = CONFIANZA_DIALOG (widget);
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);
  ConfianzaDialogClass *klass = CONFIANZA_DIALOG_GET_CLASS (self);
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;
  GtkWidget *invalid;

  g_return_if_fail (priv->form != NULL && klass->read_form != NULL && klass->save != NULL);

  confianza_form_touch_all (priv->form);
  record = klass->read_form (self, &property, &error);
  invalid = confianza_form_show (priv->form, property, error);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  if (!klass->save (self, record, &error))
    {
      confianza_form_show_general (priv->form, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confianza_dialog_real_changed (ConfianzaDialog *self,
                               GtkWidget       *widget)
{
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  confianza_form_touch (priv->form, widget);
  confianza_dialog_validate (self);
}

/* GObject */

static void
confianza_dialog_constructed (GObject *object)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (object));

  G_OBJECT_CLASS (confianza_dialog_parent_class)->constructed (object);

  /* One of the application's windows, like its parent. */
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (object), gtk_window_get_application (parent));

  gtk_widget_action_set_enabled (GTK_WIDGET (object), "dialog.save",
                                 CONFIANZA_DIALOG_GET_CLASS (object)->read_form != NULL);
}

static void
confianza_dialog_dispose (GObject *object)
{
  ConfianzaDialog *self = CONFIANZA_DIALOG (object);
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  g_clear_pointer (&priv->form, confianza_form_free);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (confianza_dialog_parent_class)->dispose (object);
}

static void
confianza_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConfianzaDialog *self = CONFIANZA_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, confianza_dialog_get_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConfianzaDialog *self = CONFIANZA_DIALOG (object);
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_dialog_class_init (ConfianzaDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = confianza_dialog_constructed;
  object_class->dispose = confianza_dialog_dispose;
  object_class->get_property = confianza_dialog_get_property;
  object_class->set_property = confianza_dialog_set_property;

  klass->changed = confianza_dialog_real_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CONFIANZA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConfianzaDialog::saved:
   * @record: the record as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_dialog_init (ConfianzaDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/* Public API */

ConfianzaStore *
confianza_dialog_get_store (ConfianzaDialog *self)
{
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_DIALOG (self), NULL);

  return priv->store;
}

ConfianzaForm *
confianza_dialog_init_form (ConfianzaDialog *self,
                            GtkWidget       *save_button,
                            GtkLabel        *general_error)
{
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_DIALOG (self), NULL);
  g_return_val_if_fail (priv->form == NULL, NULL);

  priv->form = confianza_form_new (save_button, general_error);

  return priv->form;
}

ConfianzaForm *
confianza_dialog_get_form (ConfianzaDialog *self)
{
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_DIALOG (self), NULL);

  return priv->form;
}

void
confianza_dialog_watch (ConfianzaDialog *self,
                        gpointer         widget,
                        ...)
{
  va_list args;

  g_return_if_fail (CONFIANZA_IS_DIALOG (self));

  va_start (args, widget);
  for (; widget != NULL; widget = va_arg (args, gpointer))
    {
      g_warn_if_fail (gtk_widget_is_ancestor (widget, GTK_WIDGET (self)));
      confianza_form_watch (widget, on_watched_changed);
    }
  va_end (args);
}

GtkWidget *
confianza_dialog_validate (ConfianzaDialog *self)
{
  ConfianzaDialogPrivate *priv = confianza_dialog_get_instance_private (self);
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_return_val_if_fail (CONFIANZA_IS_DIALOG (self), NULL);
  g_return_val_if_fail (priv->form != NULL, NULL);

  record = CONFIANZA_DIALOG_GET_CLASS (self)->read_form (self, &property, &error);

  return confianza_form_show (priv->form, property, error);
}
