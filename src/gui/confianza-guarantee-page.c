/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-guarantee-page"

#include "config.h"

#include "confianza-date-entry.h"
#include "confianza-guarantee-page.h"

struct _ConfianzaGuaranteePage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkTextView         *guarantee_terms_view;
  GtkLabel            *guarantee_terms_error;
  GtkLabel            *guarantee_until_label;
  ConfianzaDateEntry  *guarantee_until_entry;
  GtkLabel            *guarantee_until_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaGuaranteePage, confianza_guarantee_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* ConfianzaWizardPage */

static void
confianza_guarantee_page_load (ConfianzaWizardPage   *page,
                               ConfianzaRecoveryPlan *plan)
{
  ConfianzaGuaranteePage *self = CONFIANZA_GUARANTEE_PAGE (page);

  confianza_form_set_text (self->guarantee_terms_view, confianza_recovery_plan_get_guarantee_terms (plan));
  confianza_date_entry_set_date (self->guarantee_until_entry, confianza_recovery_plan_get_guarantee_until (plan));
}

static void
confianza_guarantee_page_apply (ConfianzaWizardPage   *page,
                                ConfianzaRecoveryPlan *plan)
{
  ConfianzaGuaranteePage *self = CONFIANZA_GUARANTEE_PAGE (page);
  g_autofree char *terms = confianza_form_get_text (self->guarantee_terms_view);

  confianza_recovery_plan_set_guarantee_terms (plan, terms);
  confianza_recovery_plan_set_guarantee_until (plan, confianza_date_entry_get_date (self->guarantee_until_entry));
}

static gboolean
confianza_guarantee_page_check (ConfianzaWizardPage  *page,
                                const char          **property,
                                GError              **error)
{
  ConfianzaGuaranteePage *self = CONFIANZA_GUARANTEE_PAGE (page);

  if (confianza_date_entry_check (self->guarantee_until_entry, error))
    return TRUE;

  *property = "guarantee-until";
  return FALSE;
}

/* GObject */

static void
confianza_guarantee_page_class_init (ConfianzaGuaranteePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_guarantee_page_load;
  page_class->apply = confianza_guarantee_page_apply;
  page_class->check = confianza_guarantee_page_check;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-guarantee-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaGuaranteePage, guarantee_terms_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaGuaranteePage, guarantee_terms_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaGuaranteePage, guarantee_until_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaGuaranteePage, guarantee_until_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaGuaranteePage, guarantee_until_error);
}

static void
confianza_guarantee_page_init (ConfianzaGuaranteePage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaForm *form = confianza_wizard_page_get_form (page);

  gtk_widget_init_template (GTK_WIDGET (self));

  confianza_form_add_field (form, "guarantee-terms", GTK_WIDGET (self->guarantee_terms_view), self->guarantee_terms_error);
  confianza_form_add_field (form, "guarantee-until", GTK_WIDGET (self->guarantee_until_entry), self->guarantee_until_error);
  confianza_date_entry_set_label (self->guarantee_until_entry, self->guarantee_until_label);
  confianza_wizard_page_watch (page, self->guarantee_terms_view, self->guarantee_until_entry, NULL);
}
