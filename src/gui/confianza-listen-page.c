/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-listen-page"

#include "config.h"

#include "confianza-date-entry.h"
#include "model/confianza-recovery.h"

#include "confianza-listen-page.h"

struct _ConfianzaListenPage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkTextView         *client_said_view;
  GtkLabel            *client_said_error;
  GtkLabel            *invited_on_label;
  ConfianzaDateEntry  *invited_on_entry;
  GtkLabel            *invited_on_error;
  GtkLabel            *acknowledged_on_label;
  ConfianzaDateEntry  *acknowledged_on_entry;
  GtkLabel            *acknowledged_on_error;
  GtkDropDown         *judgement_dropdown;
  GtkLabel            *judgement_advice;
  GtkWidget           *let_go_button;
};

G_DEFINE_FINAL_TYPE (ConfianzaListenPage, confianza_listen_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* ConfianzaWizardPage */

static void
confianza_listen_page_load (ConfianzaWizardPage   *page,
                            ConfianzaRecoveryPlan *plan)
{
  ConfianzaListenPage *self = CONFIANZA_LISTEN_PAGE (page);

  confianza_form_set_text (self->client_said_view, confianza_recovery_plan_get_client_said (plan));
  confianza_date_entry_set_date (self->invited_on_entry, confianza_recovery_plan_get_invited_to_speak_on (plan));
  confianza_date_entry_set_date (self->acknowledged_on_entry, confianza_recovery_plan_get_acknowledged_on (plan));
  gtk_drop_down_set_selected (self->judgement_dropdown, confianza_recovery_plan_get_trust_judgement (plan));
}

static void
confianza_listen_page_apply (ConfianzaWizardPage   *page,
                             ConfianzaRecoveryPlan *plan)
{
  ConfianzaListenPage *self = CONFIANZA_LISTEN_PAGE (page);
  g_autofree char *client_said = confianza_form_get_text (self->client_said_view);

  confianza_recovery_plan_set_client_said (plan, client_said);
  confianza_recovery_plan_set_invited_to_speak_on (plan, confianza_date_entry_get_date (self->invited_on_entry));
  confianza_recovery_plan_set_acknowledged_on (plan, confianza_date_entry_get_date (self->acknowledged_on_entry));
  confianza_recovery_plan_set_trust_judgement (plan, gtk_drop_down_get_selected (self->judgement_dropdown));
}

/* What the judgement means; "no" offers the let-go path */
static void
confianza_listen_page_update (ConfianzaWizardPage   *page,
                              ConfianzaRecoveryPlan *plan)
{
  ConfianzaListenPage *self = CONFIANZA_LISTEN_PAGE (page);
  ConfianzaTrustJudgement judgement = confianza_recovery_plan_get_trust_judgement (plan);

  gtk_label_set_label (self->judgement_advice, confianza_recovery_judgement_advice (judgement));
  gtk_widget_set_visible (self->let_go_button, judgement == CONFIANZA_JUDGEMENT_NO);
}

static gboolean
confianza_listen_page_check (ConfianzaWizardPage  *page,
                             const char          **property,
                             GError              **error)
{
  ConfianzaListenPage *self = CONFIANZA_LISTEN_PAGE (page);

  if (!confianza_date_entry_check (self->invited_on_entry, error))
    *property = "invited-to-speak-on";
  else if (!confianza_date_entry_check (self->acknowledged_on_entry, error))
    *property = "acknowledged-on";
  else
    return TRUE;

  return FALSE;
}

/* GObject */

static void
confianza_listen_page_class_init (ConfianzaListenPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_listen_page_load;
  page_class->apply = confianza_listen_page_apply;
  page_class->check = confianza_listen_page_check;
  page_class->update = confianza_listen_page_update;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-listen-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, client_said_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, client_said_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, invited_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, invited_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, invited_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, acknowledged_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, acknowledged_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, acknowledged_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, judgement_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, judgement_advice);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaListenPage, let_go_button);
}

static void
confianza_listen_page_init (ConfianzaListenPage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaForm *form = confianza_wizard_page_get_form (page);

  g_autoptr(GtkStringList) judgements = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (ConfianzaTrustJudgement j = CONFIANZA_JUDGEMENT_UNDECIDED; j <= CONFIANZA_JUDGEMENT_NO; j++)
    gtk_string_list_append (judgements, confianza_trust_judgement_to_label (j));
  gtk_drop_down_set_model (self->judgement_dropdown, G_LIST_MODEL (judgements));

  confianza_form_add_field (form, "client-said", GTK_WIDGET (self->client_said_view), self->client_said_error);
  confianza_form_add_field (form, "invited-to-speak-on", GTK_WIDGET (self->invited_on_entry), self->invited_on_error);
  confianza_form_add_field (form, "acknowledged-on", GTK_WIDGET (self->acknowledged_on_entry), self->acknowledged_on_error);
  confianza_date_entry_set_label (self->invited_on_entry, self->invited_on_label);
  confianza_date_entry_set_label (self->acknowledged_on_entry, self->acknowledged_on_label);
  confianza_wizard_page_watch (page, self->client_said_view, self->invited_on_entry, self->acknowledged_on_entry,
                               self->judgement_dropdown, NULL);
}
