/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recommendation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-date-entry.h"
#include "confianza-recommendation-dialog.h"

struct _ConfianzaRecommendationDialog
{
  ConfianzaDialog          parent_instance;

  ConfianzaRecommendation *answer;   /* the answer being edited, or NULL */
  gint64                   client_id;

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

G_DEFINE_FINAL_TYPE (ConfianzaRecommendationDialog, confianza_recommendation_dialog, CONFIANZA_TYPE_DIALOG)

/* An answer holding what the form says now, over the edited one if any. */
static ConfianzaRecommendation *
answer_from_form (ConfianzaRecommendationDialog *self)
{
  ConfianzaRecommendation *answer;
  g_autofree char *comment = confianza_form_get_text (self->comment_view);

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

/* ConfianzaDialog */

static GObject *
confianza_recommendation_dialog_read_form (ConfianzaDialog  *dialog,
                                           const char      **property,
                                           GError          **error)
{
  ConfianzaRecommendationDialog *self = CONFIANZA_RECOMMENDATION_DIALOG (dialog);
  g_autoptr(ConfianzaRecommendation) answer = NULL;

  if (!confianza_date_entry_check (self->answered_on_entry, error))
    {
      *property = "answered-on";
      return NULL;
    }

  answer = answer_from_form (self);
  if (!confianza_recommendation_validate (answer, property, error))
    return NULL;

  return G_OBJECT (g_steal_pointer (&answer));
}

static gboolean
confianza_recommendation_dialog_save (ConfianzaDialog  *dialog,
                                      GObject          *record,
                                      GError          **error)
{
  return confianza_store_save_recommendation (confianza_dialog_get_store (dialog),
                                              CONFIANZA_RECOMMENDATION (record), error);
}

static void
confianza_recommendation_dialog_changed (ConfianzaDialog *dialog,
                                         GtkWidget       *widget)
{
  update_class (CONFIANZA_RECOMMENDATION_DIALOG (dialog));

  CONFIANZA_DIALOG_CLASS (confianza_recommendation_dialog_parent_class)->changed (dialog, widget);
}

/* GObject */

static void
confianza_recommendation_dialog_dispose (GObject *object)
{
  ConfianzaRecommendationDialog *self = CONFIANZA_RECOMMENDATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_RECOMMENDATION_DIALOG);
  g_clear_object (&self->answer);

  G_OBJECT_CLASS (confianza_recommendation_dialog_parent_class)->dispose (object);
}

static void
confianza_recommendation_dialog_class_init (ConfianzaRecommendationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_recommendation_dialog_dispose;
  dialog_class->read_form = confianza_recommendation_dialog_read_form;
  dialog_class->save = confianza_recommendation_dialog_save;
  dialog_class->changed = confianza_recommendation_dialog_changed;

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
}

static void
confianza_recommendation_dialog_init (ConfianzaRecommendationDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  g_autoptr(GDateTime) today = confianza_date_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "answered-on", GTK_WIDGET (self->answered_on_entry), self->answered_on_error);
  confianza_form_add_field (form, "score", GTK_WIDGET (self->score_spin), self->score_error);
  confianza_form_add_field (form, "comment", GTK_WIDGET (self->comment_view), self->comment_error);
  confianza_dialog_watch (dialog, self->score_spin, self->comment_view, NULL);

  confianza_date_entry_set_label (self->answered_on_entry, self->answered_on_label);
  confianza_date_entry_set_date (self->answered_on_entry, today);
  confianza_dialog_watch (dialog, self->answered_on_entry, NULL);
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
                       "store", store,
                       NULL);
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
  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->score_spin));

  return self;
}
