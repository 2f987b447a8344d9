/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recommendation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-form.h"
#include "confianza-recommendation-dialog.h"

struct _ConfianzaRecommendationDialog
{
  AdwWindow                parent_instance;

  ConfianzaStore          *store;
  ConfianzaRecommendation *answer;   /* the answer being edited, or NULL */
  gint64                   client_id;
  ConfianzaForm           *form;

  /* Template widgets */
  GtkButton               *save_button;
  GtkLabel                *general_error;
  GtkLabel                *answered_on_label;
  ConfianzaDateEntry      *answered_on_entry;
  GtkLabel                *answered_on_error;
  GtkSpinButton           *score_spin;
  GtkLabel                *score_class;
  GtkLabel                *score_error;
  GtkTextView             *comment_view;
  GtkLabel                *comment_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecommendationDialog, confianza_recommendation_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* An answer holding what the form says now, over the edited one if any. */
static ConfianzaRecommendation *
answer_from_form (ConfianzaRecommendationDialog *self)
{
  ConfianzaRecommendation *answer;
  g_autofree char *comment = text_view_get_text (self->comment_view);

  if (self->answer != NULL)
    answer = confianza_recommendation_copy (self->answer);
  else
    answer = confianza_recommendation_new (self->client_id, 0, NULL);

  confianza_recommendation_set_answered_on (answer, confianza_date_entry_get_date (self->answered_on_entry));
  confianza_recommendation_set_score (answer, gtk_spin_button_get_value_as_int (self->score_spin));
  confianza_recommendation_set_comment (answer, comment);

  return answer;
}

/* What the number means, beside it: "Promoter" in green… */
static void
update_class (ConfianzaRecommendationDialog *self)
{
  static const char * const css_classes[] = { "success", "warning", "error" };
  ConfianzaRecommender recommender = confianza_recommender_for_score (gtk_spin_button_get_value_as_int (self->score_spin));

  for (guint i = 0; i < G_N_ELEMENTS (css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->score_class), css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->score_class), confianza_recommender_to_css_class (recommender));
  gtk_label_set_label (self->score_class, confianza_recommender_to_label (recommender));
}

/* Validates the form; returns the widget to fix, or NULL. */
static GtkWidget *
validate (ConfianzaRecommendationDialog *self)
{
  g_autoptr(ConfianzaRecommendation) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (!confianza_date_entry_check (self->answered_on_entry, &error))
    {
      property = "answered-on";
    }
  else
    {
      answer = answer_from_form (self);
      confianza_recommendation_validate (answer, &property, &error);
    }

  return confianza_form_show (self->form, property, error);
}

/* Callbacks */

static void
on_field_changed (ConfianzaRecommendationDialog *self,
                  GtkWidget                     *widget)
{
  update_class (self);
  confianza_form_touch (self->form, widget);
  validate (self);
}

static void
on_buffer_changed (ConfianzaRecommendationDialog *self,
                   GtkTextBuffer                 *buffer)
{
  on_field_changed (self, GTK_WIDGET (self->comment_view));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaRecommendationDialog *self = CONFIANZA_RECOMMENDATION_DIALOG (widget);
  g_autoptr(ConfianzaRecommendation) answer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  /* A number typed but not yet taken in by the spin button */
  gtk_spin_button_update (self->score_spin);

  confianza_form_touch_all (self->form);
  invalid = validate (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  answer = answer_from_form (self);
  if (!confianza_store_save_recommendation (self->store, answer, &error))
    {
      confianza_form_show_general (self->form, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, answer);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confianza_recommendation_dialog_dispose (GObject *object)
{
  ConfianzaRecommendationDialog *self = CONFIANZA_RECOMMENDATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_RECOMMENDATION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->answer);
  g_clear_pointer (&self->form, confianza_form_free);

  G_OBJECT_CLASS (confianza_recommendation_dialog_parent_class)->dispose (object);
}

static void
confianza_recommendation_dialog_class_init (ConfianzaRecommendationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_recommendation_dialog_dispose;

  /**
   * ConfianzaRecommendationDialog::saved:
   * @answer: the answer as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_RECOMMENDATION);

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-recommendation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, answered_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, answered_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, answered_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, score_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, score_class);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, score_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecommendationDialog, comment_error);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
confianza_recommendation_dialog_init (ConfianzaRecommendationDialog *self)
{
  g_autoptr(GDateTime) today = confianza_date_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = confianza_form_new (GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (self->form, "answered-on", GTK_WIDGET (self->answered_on_entry), self->answered_on_error);
  confianza_form_add_field (self->form, "score", GTK_WIDGET (self->score_spin), self->score_error);
  confianza_form_add_field (self->form, "comment", GTK_WIDGET (self->comment_view), self->comment_error);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (confianza_date_entry_get_editable (self->answered_on_entry)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->answered_on_label, NULL,
                                  -1);
  confianza_date_entry_set_date (self->answered_on_entry, today);

  g_signal_connect_object (confianza_date_entry_get_editable (self->answered_on_entry), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  update_class (self);
}

ConfianzaRecommendationDialog *
confianza_recommendation_dialog_new (GtkWindow               *parent,
                                     ConfianzaStore          *store,
                                     gint64                   client_id,
                                     ConfianzaRecommendation *answer)
{
  ConfianzaRecommendationDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (answer == NULL || CONFIANZA_IS_RECOMMENDATION (answer), NULL);
  g_return_val_if_fail (answer != NULL || client_id > 0, NULL);

  self = g_object_new (CONFIANZA_TYPE_RECOMMENDATION_DIALOG,
                       "transient-for", parent,
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->client_id = client_id;

  if (answer != NULL)
    {
      self->answer = g_object_ref (answer);
      self->client_id = confianza_recommendation_get_client_id (answer);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Answer"));
      confianza_date_entry_set_date (self->answered_on_entry, confianza_recommendation_get_answered_on (answer));
      gtk_spin_button_set_value (self->score_spin, confianza_recommendation_get_score (answer));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                                confianza_recommendation_get_comment (answer), -1);
    }

  update_class (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->score_spin));

  return self;
}
