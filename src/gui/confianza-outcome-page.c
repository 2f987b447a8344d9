/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-outcome-page"

#include "config.h"

#include "model/confianza-recovery-text.h"
#include "model/confianza-recovery.h"

#include "confianza-outcome-page.h"

struct _ConfianzaOutcomePage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkLabel            *summary_label;
  GtkCheckButton      *in_progress_check;
  GtkCheckButton      *recovered_check;
  GtkCheckButton      *let_go_check;
  GtkLabel            *outcome_reason_label;
  GtkTextView         *outcome_reason_view;
  GtkLabel            *outcome_reason_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaOutcomePage, confianza_outcome_page, CONFIANZA_TYPE_WIZARD_PAGE)

static ConfianzaPlanOutcome
selected_outcome (ConfianzaOutcomePage *self)
{
  if (gtk_check_button_get_active (self->let_go_check))
    return CONFIANZA_PLAN_LET_GO;
  if (gtk_check_button_get_active (self->recovered_check))
    return CONFIANZA_PLAN_RECOVERED;

  return CONFIANZA_PLAN_IN_PROGRESS;
}

void
confianza_outcome_page_choose_let_go (ConfianzaOutcomePage *self)
{
  g_return_if_fail (CONFIANZA_IS_OUTCOME_PAGE (self));

  gtk_check_button_set_active (self->let_go_check, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->outcome_reason_view));
}

/* ConfianzaWizardPage */

static void
confianza_outcome_page_load (ConfianzaWizardPage   *page,
                             ConfianzaRecoveryPlan *plan)
{
  ConfianzaOutcomePage *self = CONFIANZA_OUTCOME_PAGE (page);

  switch (confianza_recovery_plan_get_outcome (plan))
    {
    case CONFIANZA_PLAN_RECOVERED:
      gtk_check_button_set_active (self->recovered_check, TRUE);
      break;
    case CONFIANZA_PLAN_LET_GO:
      gtk_check_button_set_active (self->let_go_check, TRUE);
      break;
    case CONFIANZA_PLAN_IN_PROGRESS:
    default:
      gtk_check_button_set_active (self->in_progress_check, TRUE);
      break;
    }
  confianza_form_set_text (self->outcome_reason_view, confianza_recovery_plan_get_outcome_reason (plan));
}

static void
confianza_outcome_page_apply (ConfianzaWizardPage   *page,
                              ConfianzaRecoveryPlan *plan)
{
  ConfianzaOutcomePage *self = CONFIANZA_OUTCOME_PAGE (page);
  ConfianzaPlanOutcome outcome = selected_outcome (self);
  g_autofree char *reason = confianza_form_get_text (self->outcome_reason_view);

  confianza_recovery_plan_set_outcome (plan, outcome);
  confianza_recovery_plan_set_outcome_reason (plan, reason);
  if (outcome == CONFIANZA_PLAN_IN_PROGRESS)
    {
      confianza_recovery_plan_set_closed_on (plan, NULL);
    }
  else if (confianza_recovery_plan_get_closed_on (plan) == NULL)
    {
      g_autoptr(GDateTime) today = confianza_date_today ();
      GDateTime *started_on = confianza_recovery_plan_get_started_on (plan);

      /* A plan started "later" than today (typed ahead) closes the day it starts. */
      confianza_recovery_plan_set_closed_on (plan, confianza_date_compare (today, started_on) < 0
                                                   ? started_on : today);
    }
}

static GPtrArray *
saved_follow_ups (ConfianzaWizardPage *page)
{
  ConfianzaRecoveryDraft *draft = confianza_wizard_page_get_draft (page);
  gint64 plan_id = confianza_recovery_plan_get_id (confianza_recovery_draft_get_plan (draft));
  GPtrArray *follow_ups = g_ptr_array_new_with_free_func (g_object_unref);

  if (plan_id > 0)
    {
      g_autoptr(GListModel) model = confianza_store_get_follow_ups (confianza_wizard_page_get_store (page), plan_id);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (follow_ups, g_list_model_get_item (model, i));
    }

  return follow_ups;
}

/* "Recovered" only once the failure was owned and followed up: the page
 * says what is still missing. */
static gboolean
confianza_outcome_page_check (ConfianzaWizardPage  *page,
                              const char          **property,
                              GError              **error)
{
  ConfianzaOutcomePage *self = CONFIANZA_OUTCOME_PAGE (page);
  ConfianzaRecoveryDraft *draft = confianza_wizard_page_get_draft (page);
  g_autoptr(GPtrArray) follow_ups = NULL;

  if (!gtk_check_button_get_active (self->recovered_check))
    return TRUE;

  /* The earlier steps were saved on leaving them; so were the follow-ups */
  follow_ups = saved_follow_ups (page);
  if (!confianza_recovery_may_recover (confianza_recovery_draft_get_plan (draft), follow_ups, error))
    {
      if (property != NULL)
        *property = "outcome";
      return FALSE;
    }

  return TRUE;
}

/* How the plan went, and the reason only when letting the client go. */
static void
confianza_outcome_page_update (ConfianzaWizardPage   *page,
                               ConfianzaRecoveryPlan *plan)
{
  ConfianzaOutcomePage *self = CONFIANZA_OUTCOME_PAGE (page);
  g_autoptr(GPtrArray) follow_ups = saved_follow_ups (page);
  g_autofree char *summary = NULL;
  gboolean let_go = gtk_check_button_get_active (self->let_go_check);

  summary = confianza_recovery_timing_text (confianza_wizard_page_get_incident (page), plan, follow_ups);
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_reason_label), let_go);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->outcome_reason_view)), let_go);
}

/* GObject */

static void
confianza_outcome_page_class_init (ConfianzaOutcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_outcome_page_load;
  page_class->apply = confianza_outcome_page_apply;
  page_class->check = confianza_outcome_page_check;
  page_class->update = confianza_outcome_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-outcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, in_progress_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, recovered_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, let_go_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, outcome_reason_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, outcome_reason_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaOutcomePage, outcome_reason_error);
}

static void
confianza_outcome_page_init (ConfianzaOutcomePage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  confianza_form_add_field (confianza_wizard_page_get_form (page), "outcome-reason",
                            GTK_WIDGET (self->outcome_reason_view), self->outcome_reason_error);
  confianza_wizard_page_watch (page, self->in_progress_check, self->recovered_check, self->let_go_check,
                               self->outcome_reason_view, NULL);
}
