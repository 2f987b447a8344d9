/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-follow-up-page"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"

#include "confianza-date-entry.h"
#include "confianza-follow-up-page.h"

struct _ConfianzaFollowUpPage
{
  ConfianzaWizardPage  parent_instance;

  /* Template widgets */
  GtkSpinButton       *every_spin;
  GtkLabel            *every_unit_label;
  GtkLabel            *every_error;
  GtkCheckButton      *until_check;
  GtkCheckButton      *times_check;
  GtkStack            *follow_up_end_stack;
  GtkLabel            *follow_up_until_label;
  ConfianzaDateEntry  *follow_up_until_entry;
  GtkLabel            *follow_up_until_error;
  GtkSpinButton       *times_spin;
  GtkLabel            *times_error;
  GtkLabel            *schedule_label;

  /* Step 1's judgement as last seen: becoming doubtful tightens the
   * schedule once */
  ConfianzaTrustJudgement judgement;
};

G_DEFINE_FINAL_TYPE (ConfianzaFollowUpPage, confianza_follow_up_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* ConfianzaWizardPage */

static void
confianza_follow_up_page_load (ConfianzaWizardPage   *page,
                               ConfianzaRecoveryPlan *plan)
{
  ConfianzaFollowUpPage *self = CONFIANZA_FOLLOW_UP_PAGE (page);
  int every = confianza_recovery_plan_get_follow_up_every_days (plan);
  int times = confianza_recovery_plan_get_follow_up_times (plan);
  GDateTime *until = confianza_recovery_plan_get_follow_up_until (plan);

  self->judgement = confianza_recovery_plan_get_trust_judgement (plan);

  /* A new schedule: weekly for two months, as in source 001's story. */
  if (every == 0 && times == 0 && until == NULL)
    {
      g_autoptr(GDateTime) two_months = confianza_date_add_days (confianza_recovery_plan_get_started_on (plan), 56);

      gtk_spin_button_set_value (self->every_spin, 7);
      gtk_check_button_set_active (self->until_check, TRUE);
      confianza_date_entry_set_date (self->follow_up_until_entry, two_months);
    }
  else
    {
      gtk_spin_button_set_value (self->every_spin, every);
      gtk_check_button_set_active (self->until_check, until != NULL);
      gtk_check_button_set_active (self->times_check, until == NULL);
      confianza_date_entry_set_date (self->follow_up_until_entry, until);
      if (times > 0)
        gtk_spin_button_set_value (self->times_spin, times);
    }
}

static void
confianza_follow_up_page_apply (ConfianzaWizardPage   *page,
                                ConfianzaRecoveryPlan *plan)
{
  ConfianzaFollowUpPage *self = CONFIANZA_FOLLOW_UP_PAGE (page);

  confianza_recovery_plan_set_follow_up_every_days (plan, gtk_spin_button_get_value_as_int (self->every_spin));
  if (gtk_check_button_get_active (self->until_check))
    {
      confianza_recovery_plan_set_follow_up_until (plan, confianza_date_entry_get_date (self->follow_up_until_entry));
      confianza_recovery_plan_set_follow_up_times (plan, 0);
    }
  else
    {
      confianza_recovery_plan_set_follow_up_until (plan, NULL);
      confianza_recovery_plan_set_follow_up_times (plan, gtk_spin_button_get_value_as_int (self->times_spin));
    }
}

static gboolean
confianza_follow_up_page_check (ConfianzaWizardPage  *page,
                                const char          **property,
                                GError              **error)
{
  ConfianzaFollowUpPage *self = CONFIANZA_FOLLOW_UP_PAGE (page);

  /* The end date is only read when the schedule ends on a date. */
  if (!gtk_check_button_get_active (self->until_check)
      || confianza_date_entry_check (self->follow_up_until_entry, error))
    return TRUE;

  *property = "follow-up-until";
  return FALSE;
}

/* The follow-ups the schedule makes, in words. */
static void
confianza_follow_up_page_update (ConfianzaWizardPage   *page,
                                 ConfianzaRecoveryPlan *plan)
{
  ConfianzaFollowUpPage *self = CONFIANZA_FOLLOW_UP_PAGE (page);
  g_autoptr(GPtrArray) dates = confianza_recovery_plan_follow_up_dates (plan);
  int every = gtk_spin_button_get_value_as_int (self->every_spin);
  g_autofree char *text = NULL;

  if (confianza_recovery_plan_get_trust_judgement (plan) != self->judgement)
    {
      int times = gtk_spin_button_get_value_as_int (self->times_spin);

      self->judgement = confianza_recovery_plan_get_trust_judgement (plan);
      if (!gtk_check_button_get_active (self->times_check))
        times = 0;
      if (confianza_recovery_judged_follow_up (self->judgement, &every, &times))
        {
          /* Shown at once; written to the plan on the next change */
          gtk_spin_button_set_value (self->every_spin, every);
          if (times > 0)
            gtk_spin_button_set_value (self->times_spin, times);
          confianza_recovery_plan_set_follow_up_every_days (plan, every);
          if (times > 0)
            confianza_recovery_plan_set_follow_up_times (plan, times);
          g_clear_pointer (&dates, g_ptr_array_unref);
          dates = confianza_recovery_plan_follow_up_dates (plan);
        }
    }

  gtk_label_set_label (self->every_unit_label, ngettext ("day", "days", every));
  gtk_stack_set_visible_child_name (self->follow_up_end_stack,
                                    gtk_check_button_get_active (self->until_check) ? "until" : "times");

  if (dates->len == 0)
    {
      text = g_strdup (_("No follow-ups planned yet."));
    }
  else
    {
      g_autofree char *first = confianza_date_format (g_ptr_array_index (dates, 0));
      g_autofree char *last = confianza_date_format (g_ptr_array_index (dates, dates->len - 1));

      if (dates->len == 1)
        /* Translators: %s is the date of the only follow-up */
        text = g_strdup_printf (_("One follow-up, on %s. It will appear on Today and on the client’s page."), first);
      else
        /* Translators: how many follow-ups, the first and the last date */
        text = g_strdup_printf (ngettext ("%u follow-up, from %s to %s. They will appear on Today and on the client’s page.",
                                          "%u follow-ups, from %s to %s. They will appear on Today and on the client’s page.",
                                          dates->len),
                                dates->len, first, last);
    }

  gtk_label_set_label (self->schedule_label, text);
}

/* Words drafted from the plan, to edit and copy */
static void
draft_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  confianza_wizard_page_draft_words (CONFIANZA_WIZARD_PAGE (widget), CONFIANZA_WORDS_FOLLOW_UP, _("A Follow-Up Message"));
}

/* GObject */

static void
confianza_follow_up_page_class_init (ConfianzaFollowUpPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  page_class->load = confianza_follow_up_page_load;
  page_class->apply = confianza_follow_up_page_apply;
  page_class->check = confianza_follow_up_page_check;
  page_class->update = confianza_follow_up_page_update;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-follow-up-page.ui");
  gtk_widget_class_install_action (widget_class, "words.draft", NULL, draft_activated);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, every_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, every_unit_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, every_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, until_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, times_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, follow_up_end_stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, follow_up_until_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, follow_up_until_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, follow_up_until_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, times_spin);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, times_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaFollowUpPage, schedule_label);
}

static void
confianza_follow_up_page_init (ConfianzaFollowUpPage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaForm *form = confianza_wizard_page_get_form (page);

  gtk_widget_init_template (GTK_WIDGET (self));
  confianza_wizard_page_set_words (CONFIANZA_WIZARD_PAGE (self), CONFIANZA_WORDS_FOLLOW_UP);

  confianza_form_add_field (form, "follow-up-every-days", GTK_WIDGET (self->every_spin), self->every_error);
  confianza_form_add_field (form, "follow-up-until", GTK_WIDGET (self->follow_up_until_entry), self->follow_up_until_error);
  confianza_form_add_field (form, "follow-up-times", GTK_WIDGET (self->times_spin), self->times_error);
  confianza_date_entry_set_label (self->follow_up_until_entry, self->follow_up_until_label);
  confianza_wizard_page_watch (page, self->every_spin, self->until_check, self->times_check,
                               self->follow_up_until_entry, self->times_spin, NULL);
}
