/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-apology-page"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery-text.h"

#include "confianza-apology-page.h"
#include "confianza-date-entry.h"

struct _ConfianzaApologyPage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkLabel            *apologised_on_label;
  ConfianzaDateEntry  *apologised_on_entry;
  GtkLabel            *apologised_on_error;
  GtkDropDown         *channel_dropdown;
  GtkEntry            *apologised_by_entry;
  GtkLabel            *apologised_by_error;
  GtkTextView         *apology_words_view;
  GtkLabel            *apology_words_error;
  GtkLabel            *apology_timing_label;
};

G_DEFINE_FINAL_TYPE (ConfianzaApologyPage, confianza_apology_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* ConfianzaWizardPage */

static void
confianza_apology_page_load (ConfianzaWizardPage   *page,
                             ConfianzaRecoveryPlan *plan)
{
  ConfianzaApologyPage *self = CONFIANZA_APOLOGY_PAGE (page);

  confianza_date_entry_set_date (self->apologised_on_entry, confianza_recovery_plan_get_apologised_on (plan));
  gtk_drop_down_set_selected (self->channel_dropdown, confianza_recovery_plan_get_apology_channel (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->apologised_by_entry), confianza_recovery_plan_get_apologised_by (plan));
  confianza_form_set_text (self->apology_words_view, confianza_recovery_plan_get_apology_words (plan));
}

static void
confianza_apology_page_apply (ConfianzaWizardPage   *page,
                              ConfianzaRecoveryPlan *plan)
{
  ConfianzaApologyPage *self = CONFIANZA_APOLOGY_PAGE (page);
  g_autofree char *words = confianza_form_get_text (self->apology_words_view);

  confianza_recovery_plan_set_apologised_on (plan, confianza_date_entry_get_date (self->apologised_on_entry));
  confianza_recovery_plan_set_apology_channel (plan, gtk_drop_down_get_selected (self->channel_dropdown));
  confianza_recovery_plan_set_apologised_by (plan, gtk_editable_get_text (GTK_EDITABLE (self->apologised_by_entry)));
  confianza_recovery_plan_set_apology_words (plan, words);
}

static gboolean
confianza_apology_page_check (ConfianzaWizardPage  *page,
                              const char          **property,
                              GError              **error)
{
  ConfianzaApologyPage *self = CONFIANZA_APOLOGY_PAGE (page);

  if (confianza_date_entry_check (self->apologised_on_entry, error))
    return TRUE;

  *property = "apologised-on";
  return FALSE;
}

/* How fast, in words. */
static void
confianza_apology_page_update (ConfianzaWizardPage   *page,
                               ConfianzaRecoveryPlan *plan)
{
  ConfianzaApologyPage *self = CONFIANZA_APOLOGY_PAGE (page);
  g_autofree char *timing = confianza_recovery_timing_text (confianza_wizard_page_get_incident (page), plan, NULL);

  gtk_label_set_label (self->apology_timing_label, timing);
}

/* Words drafted from the plan, to edit and copy */
static void
draft_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  confianza_wizard_page_draft_words (CONFIANZA_WIZARD_PAGE (widget), CONFIANZA_WORDS_APOLOGY, _("The Apology"));
}

/* GObject */

static void
confianza_apology_page_class_init (ConfianzaApologyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_apology_page_load;
  page_class->apply = confianza_apology_page_apply;
  page_class->check = confianza_apology_page_check;
  page_class->update = confianza_apology_page_update;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-apology-page.ui");
  gtk_widget_class_install_action (widget_class, "words.draft", NULL, draft_activated);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apologised_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apologised_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apologised_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apologised_by_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apologised_by_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apology_words_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apology_words_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaApologyPage, apology_timing_label);
}

static void
confianza_apology_page_init (ConfianzaApologyPage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaForm *form = confianza_wizard_page_get_form (page);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  confianza_wizard_page_set_words (CONFIANZA_WIZARD_PAGE (self), CONFIANZA_WORDS_APOLOGY);

  confianza_form_add_field (form, "apologised-on", GTK_WIDGET (self->apologised_on_entry), self->apologised_on_error);
  confianza_form_add_field (form, "apologised-by", GTK_WIDGET (self->apologised_by_entry), self->apologised_by_error);
  confianza_form_add_field (form, "apology-words", GTK_WIDGET (self->apology_words_view), self->apology_words_error);
  confianza_date_entry_set_label (self->apologised_on_entry, self->apologised_on_label);
  confianza_wizard_page_watch (page, self->apologised_on_entry, self->channel_dropdown,
                               self->apologised_by_entry, self->apology_words_view, NULL);

  for (ConfianzaChannel c = CONFIANZA_CHANNEL_IN_PERSON; c <= CONFIANZA_CHANNEL_MESSAGE; c++)
    gtk_string_list_append (channels, confianza_channel_to_label (c));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
}
