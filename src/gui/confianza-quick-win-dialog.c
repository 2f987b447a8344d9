/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-quick-win-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-quick-win-dialog.h"

struct _ConfianzaQuickWinDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaQuickWin  *win;   /* the quick win being edited, or NULL */
  gint64              client_id;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkEntry           *title_entry;
  GtkLabel           *title_error;
  GtkLabel           *achieved_on_label;
  ConfianzaDateEntry *achieved_on_entry;
  GtkLabel           *achieved_on_error;
  GtkSwitch          *shared_switch;
  GtkRevealer        *shared_revealer;
  GtkLabel           *shared_on_label;
  ConfianzaDateEntry *shared_on_entry;
  GtkLabel           *shared_on_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaQuickWinDialog, confianza_quick_win_dialog, CONFIANZA_TYPE_DIALOG)

/* A quick win holding what the form says now, over the edited one if any. */
static ConfianzaQuickWin *
win_from_form (ConfianzaQuickWinDialog *self)
{
  ConfianzaQuickWin *win;

  if (self->win != NULL)
    win = confianza_quick_win_copy (self->win);
  else
    win = confianza_quick_win_new (self->client_id, NULL, NULL);

  confianza_quick_win_set_title (win, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  confianza_quick_win_set_achieved_on (win, confianza_date_entry_get_date (self->achieved_on_entry));
  confianza_quick_win_set_shared_on (win,
                                     gtk_switch_get_active (self->shared_switch)
                                     ? confianza_date_entry_get_date (self->shared_on_entry)
                                     : NULL);

  return win;
}

/* ConfianzaDialog */

static GObject *
confianza_quick_win_dialog_read_form (ConfianzaDialog  *dialog,
                                      const char      **property,
                                      GError          **error)
{
  ConfianzaQuickWinDialog *self = CONFIANZA_QUICK_WIN_DIALOG (dialog);
  g_autoptr(ConfianzaQuickWin) win = NULL;
  gboolean shared = gtk_switch_get_active (self->shared_switch);

  if (!confianza_date_entry_check (self->achieved_on_entry, error))
    {
      *property = "achieved-on";
      return NULL;
    }

  if (shared && !confianza_date_entry_check (self->shared_on_entry, error))
    {
      *property = "shared-on";
      return NULL;
    }

  if (shared && confianza_date_entry_get_date (self->shared_on_entry) == NULL)
    {
      /* For the model no date means "not shared"; with the switch on, the
       * date is what is missing. */
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING,
                           _("Say on which day you shared it."));
      *property = "shared-on";
      return NULL;
    }

  win = win_from_form (self);
  if (!confianza_quick_win_validate (win, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&win));
}

static gboolean
confianza_quick_win_dialog_save (ConfianzaDialog  *dialog,
                                 GObject          *record,
                                 GError          **error)
{
  return confianza_store_save_quick_win (confianza_dialog_get_store (dialog), CONFIANZA_QUICK_WIN (record), error);
}

/* GObject */

static void
confianza_quick_win_dialog_dispose (GObject *object)
{
  ConfianzaQuickWinDialog *self = CONFIANZA_QUICK_WIN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_QUICK_WIN_DIALOG);
  g_clear_object (&self->win);

  G_OBJECT_CLASS (confianza_quick_win_dialog_parent_class)->dispose (object);
}

static void
confianza_quick_win_dialog_class_init (ConfianzaQuickWinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_quick_win_dialog_dispose;
  dialog_class->read_form = confianza_quick_win_dialog_read_form;
  dialog_class->save = confianza_quick_win_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-quick-win-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, title_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, achieved_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, achieved_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, achieved_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, shared_switch);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, shared_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, shared_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, shared_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaQuickWinDialog, shared_on_error);
}

static void
confianza_quick_win_dialog_init (ConfianzaQuickWinDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  g_autoptr(GDateTime) today = confianza_date_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "title", GTK_WIDGET (self->title_entry), self->title_error);
  confianza_form_add_field (form, "achieved-on", GTK_WIDGET (self->achieved_on_entry), self->achieved_on_error);
  confianza_form_add_field (form, "shared-on", GTK_WIDGET (self->shared_on_entry), self->shared_on_error);
  confianza_dialog_watch (dialog, self->title_entry, self->shared_switch, NULL);

  confianza_date_entry_set_label (self->achieved_on_entry, self->achieved_on_label);
  confianza_date_entry_set_label (self->shared_on_entry, self->shared_on_label);
  confianza_date_entry_set_date (self->achieved_on_entry, today);
  confianza_date_entry_set_date (self->shared_on_entry, today);

  confianza_dialog_watch (dialog, self->achieved_on_entry, self->shared_on_entry, NULL);
}

ConfianzaQuickWinDialog *
confianza_quick_win_dialog_new (GtkWindow         *parent,
                                ConfianzaStore    *store,
                                gint64             client_id,
                                ConfianzaQuickWin *win)
{
  ConfianzaQuickWinDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (win == NULL || CONFIANZA_IS_QUICK_WIN (win), NULL);
  g_return_val_if_fail (win != NULL || client_id > 0, NULL);

  self = g_object_new (CONFIANZA_TYPE_QUICK_WIN_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->client_id = client_id;

  if (win != NULL)
    {
      GDateTime *shared_on = confianza_quick_win_get_shared_on (win);

      self->win = g_object_ref (win);
      self->client_id = confianza_quick_win_get_client_id (win);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Quick Win"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), confianza_quick_win_get_title (win));
      confianza_date_entry_set_date (self->achieved_on_entry, confianza_quick_win_get_achieved_on (win));
      if (shared_on != NULL)
        confianza_date_entry_set_date (self->shared_on_entry, shared_on);
      gtk_switch_set_active (self->shared_switch, shared_on != NULL);
    }

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));

  return self;
}
