/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-analysis-page"

#include "config.h"

#include "confianza-analysis-page.h"
#include "confianza-date-entry.h"

struct _ConfianzaAnalysisPage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkTextView         *root_cause_view;
  GtkLabel            *root_cause_error;
  GtkTextView         *corrective_measure_view;
  GtkLabel            *corrective_measure_error;
  GtkEntry            *corrective_owner_entry;
  GtkLabel            *corrective_owner_error;
  GtkLabel            *corrective_due_label;
  ConfianzaDateEntry  *corrective_due_entry;
  GtkLabel            *corrective_due_error;
  GtkLabel            *corrective_applied_label;
  ConfianzaDateEntry  *corrective_applied_entry;
  GtkLabel            *corrective_applied_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaAnalysisPage, confianza_analysis_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* ConfianzaWizardPage */

static void
confianza_analysis_page_load (ConfianzaWizardPage   *page,
                              ConfianzaRecoveryPlan *plan)
{
  ConfianzaAnalysisPage *self = CONFIANZA_ANALYSIS_PAGE (page);

  confianza_form_set_text (self->root_cause_view, confianza_recovery_plan_get_root_cause (plan));
  confianza_form_set_text (self->corrective_measure_view, confianza_recovery_plan_get_corrective_measure (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->corrective_owner_entry), confianza_recovery_plan_get_corrective_owner (plan));
  confianza_date_entry_set_date (self->corrective_due_entry, confianza_recovery_plan_get_corrective_due (plan));
  confianza_date_entry_set_date (self->corrective_applied_entry, confianza_recovery_plan_get_corrective_applied_on (plan));
}

static void
confianza_analysis_page_apply (ConfianzaWizardPage   *page,
                               ConfianzaRecoveryPlan *plan)
{
  ConfianzaAnalysisPage *self = CONFIANZA_ANALYSIS_PAGE (page);
  g_autofree char *root_cause = confianza_form_get_text (self->root_cause_view);
  g_autofree char *measure = confianza_form_get_text (self->corrective_measure_view);

  confianza_recovery_plan_set_root_cause (plan, root_cause);
  confianza_recovery_plan_set_corrective_measure (plan, measure);
  confianza_recovery_plan_set_corrective_owner (plan, gtk_editable_get_text (GTK_EDITABLE (self->corrective_owner_entry)));
  confianza_recovery_plan_set_corrective_due (plan, confianza_date_entry_get_date (self->corrective_due_entry));
  confianza_recovery_plan_set_corrective_applied_on (plan, confianza_date_entry_get_date (self->corrective_applied_entry));
}

static gboolean
confianza_analysis_page_check (ConfianzaWizardPage  *page,
                               const char          **property,
                               GError              **error)
{
  ConfianzaAnalysisPage *self = CONFIANZA_ANALYSIS_PAGE (page);

  if (!confianza_date_entry_check (self->corrective_due_entry, error))
    {
      *property = "corrective-due";
      return FALSE;
    }

  if (!confianza_date_entry_check (self->corrective_applied_entry, error))
    {
      *property = "corrective-applied-on";
      return FALSE;
    }

  return TRUE;
}

/* GObject */

static void
confianza_analysis_page_class_init (ConfianzaAnalysisPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_analysis_page_load;
  page_class->apply = confianza_analysis_page_apply;
  page_class->check = confianza_analysis_page_check;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-analysis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, root_cause_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, root_cause_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_measure_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_measure_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_owner_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_owner_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_due_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_due_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_due_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_applied_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_applied_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaAnalysisPage, corrective_applied_error);
}

static void
confianza_analysis_page_init (ConfianzaAnalysisPage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaForm *form = confianza_wizard_page_get_form (page);

  gtk_widget_init_template (GTK_WIDGET (self));

  confianza_form_add_field (form, "root-cause", GTK_WIDGET (self->root_cause_view), self->root_cause_error);
  confianza_form_add_field (form, "corrective-measure", GTK_WIDGET (self->corrective_measure_view), self->corrective_measure_error);
  confianza_form_add_field (form, "corrective-owner", GTK_WIDGET (self->corrective_owner_entry), self->corrective_owner_error);
  confianza_form_add_field (form, "corrective-due", GTK_WIDGET (self->corrective_due_entry), self->corrective_due_error);
  confianza_form_add_field (form, "corrective-applied-on", GTK_WIDGET (self->corrective_applied_entry), self->corrective_applied_error);
  confianza_date_entry_set_label (self->corrective_due_entry, self->corrective_due_label);
  confianza_date_entry_set_label (self->corrective_applied_entry, self->corrective_applied_label);
  confianza_wizard_page_watch (page, self->root_cause_view, self->corrective_measure_view,
                               self->corrective_owner_entry, self->corrective_due_entry,
                               self->corrective_applied_entry, NULL);
}
