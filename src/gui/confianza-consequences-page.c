/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-consequences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"

#include "confianza-consequences-page.h"
#include "confianza-date-entry.h"

struct _ConfianzaConsequencesPage
{
  ConfianzaWizardPage  parent_instance;

  /* The compensation being typed, with its own form and button. */
  ConfianzaForm       *compensation_form;
  GSettings           *settings;
  gboolean             systemic;

  /* Template widgets */
  GtkLabel            *advice_title_label;
  GtkLabel            *advice_label;
  GtkListBox          *compensations_list;
  GtkLabel            *compensation_form_title;
  GtkDropDown         *kind_dropdown;
  GtkEntry            *amount_entry;
  GtkLabel            *amount_error;
  GtkEntry            *currency_entry;
  GtkLabel            *currency_error;
  GtkEntry            *comp_description_entry;
  GtkLabel            *comp_description_error;
  GtkLabel            *given_on_label;
  ConfianzaDateEntry  *given_on_entry;
  GtkLabel            *given_on_error;
  GtkButton           *add_compensation_button;
  GtkCheckButton      *declined_check;
  GtkLabel            *declined_error;
  GtkWidget           *waiver_box;
  GtkDropDown         *waiver_dropdown;
  GtkLabel            *waiver_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaConsequencesPage, confianza_consequences_page, CONFIANZA_TYPE_WIZARD_PAGE)

/* Helpers */

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return copy[0] == '\0';
}

static gboolean
compensation_form_has_content (ConfianzaConsequencesPage *self)
{
  return !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)))
         || !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->comp_description_entry)));
}

/* The compensation the form describes; NULL with @property and @error
 * when the amount cannot be read. */
static ConfianzaCompensation *
compensation_from_form (ConfianzaConsequencesPage  *self,
                        const char                **property,
                        GError                    **error)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  ConfianzaRecoveryPlan *saved = confianza_recovery_draft_get_plan (confianza_wizard_page_get_draft (page));
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autofree char *currency = NULL;
  gint64 cents = 0;

  if (!confianza_recovery_parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)),
                                        &cents, error))
    {
      *property = "amount-cents";
      return NULL;
    }

  currency = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->currency_entry)), -1);
  g_strstrip (currency);

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (saved),
                                             confianza_incident_get_client_id (confianza_wizard_page_get_incident (page)),
                                             gtk_drop_down_get_selected (self->kind_dropdown));
  confianza_compensation_set_amount_cents (compensation, cents);
  confianza_compensation_set_currency (compensation, currency);
  confianza_compensation_set_description (compensation,
                                          gtk_editable_get_text (GTK_EDITABLE (self->comp_description_entry)));
  confianza_compensation_set_given_on (compensation, confianza_date_entry_get_date (self->given_on_entry));

  return g_steal_pointer (&compensation);
}

/* Validates the compensation form; returns the widget to fix, or NULL. */
static GtkWidget *
validate_compensation_form (ConfianzaConsequencesPage *self)
{
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (!confianza_date_entry_check (self->given_on_entry, &error))
    property = "given-on";
  else if ((compensation = compensation_from_form (self, &property, &error)) != NULL)
    confianza_recovery_validate_compensation (compensation, confianza_wizard_page_get_incident (CONFIANZA_WIZARD_PAGE (self)),
                                              &property, &error);

  return confianza_form_show (self->compensation_form, property, error);
}

/* An empty compensation form, whose errors show only once touched again. */
static void
clear_compensation_form (ConfianzaWizardPage *page,
                         gpointer             data)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->comp_description_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, CONFIANZA_COMPENSATION_REFUND);

  confianza_form_free (self->compensation_form);
  self->compensation_form = confianza_form_new (GTK_WIDGET (self->add_compensation_button), NULL);
  confianza_form_add_field (self->compensation_form, "amount-cents", GTK_WIDGET (self->amount_entry), self->amount_error);
  confianza_form_add_field (self->compensation_form, "currency", GTK_WIDGET (self->currency_entry), self->currency_error);
  confianza_form_add_field (self->compensation_form, "description", GTK_WIDGET (self->comp_description_entry), self->comp_description_error);
  confianza_form_add_field (self->compensation_form, "given-on", GTK_WIDGET (self->given_on_entry), self->given_on_error);
}

static GtkWidget *
compensation_row (ConfianzaCompensation *compensation,
                  guint                  index)
{
  gint64 cents = confianza_compensation_get_amount_cents (compensation);
  const char *kind = confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation));
  g_autoptr(GString) subtitle = g_string_new (confianza_compensation_get_description (compensation));
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (cents > 0)
    {
      g_autofree char *amount = confianza_recovery_format_amount (cents, confianza_compensation_get_currency (compensation));

      /* Translators: kind of compensation: amount ("Refund: 450,00 EUR") */
      title = g_strdup_printf (_("%s: %s"), kind, amount);
    }
  else
    {
      title = g_strdup (kind);
    }

  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  if (confianza_compensation_get_given_on (compensation) != NULL)
    {
      g_autofree char *date = confianza_date_format (confianza_compensation_get_given_on (compensation));

      /* Translators: %s is the date a compensation was given */
      g_string_append_printf (subtitle, _("given %s"), date);
    }
  else
    {
      g_string_append (subtitle, _("not given yet"));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Compensation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Compensation"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "compensation.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int32 ((gint32) index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* The draft's compensations, each with a button to remove it. */
static void
update_compensations (ConfianzaConsequencesPage *self)
{
  GPtrArray *compensations = confianza_recovery_draft_get_compensations (confianza_wizard_page_get_draft (CONFIANZA_WIZARD_PAGE (self)));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compensations_list))) != NULL)
    gtk_list_box_remove (self->compensations_list, child);

  for (guint i = 0; i < compensations->len; i++)
    gtk_list_box_append (self->compensations_list, compensation_row (g_ptr_array_index (compensations, i), i));

  gtk_widget_set_visible (GTK_WIDGET (self->compensations_list), compensations->len > 0);

  /* A compensation listed is one given: "none" cannot be chosen with it */
  if (compensations->len > 0)
    gtk_check_button_set_active (self->declined_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->declined_check), compensations->len == 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->declined_check),
                               compensations->len > 0
                               ? _("A compensation is listed: remove it to give none.")
                               : NULL);
  gtk_label_set_label (self->compensation_form_title,
                       compensations->len > 0 ? _("Another compensation") : _("Compensation"));
}

/* Adds the compensation the form describes to the draft, if it can be
 * read. */
static gboolean
add_compensation (ConfianzaConsequencesPage *self)
{
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  compensation = compensation_from_form (self, &property, &error);
  if (compensation == NULL)
    return FALSE;

  confianza_recovery_draft_add_compensation (confianza_wizard_page_get_draft (CONFIANZA_WIZARD_PAGE (self)), compensation);
  confianza_wizard_page_quietly (CONFIANZA_WIZARD_PAGE (self), clear_compensation_form, NULL);
  update_compensations (self);

  return TRUE;
}

/* Actions */

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (widget);
  GtkWidget *invalid;

  confianza_form_touch_all (self->compensation_form);
  invalid = validate_compensation_form (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  if (add_compensation (self))
    g_signal_emit_by_name (self, "changed", self->add_compensation_button);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (widget);
  ConfianzaRecoveryDraft *draft = confianza_wizard_page_get_draft (CONFIANZA_WIZARD_PAGE (self));
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= confianza_recovery_draft_get_compensations (draft)->len)
    return;

  confianza_recovery_draft_remove_compensation (draft, index);
  update_compensations (self);
  g_signal_emit_by_name (self, "changed", self->compensations_list);
}

/* ConfianzaWizardPage */

static void
confianza_consequences_page_load (ConfianzaWizardPage   *page,
                                  ConfianzaRecoveryPlan *plan)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *currency = g_settings_get_string (self->settings, "currency");

  gtk_check_button_set_active (self->declined_check, confianza_recovery_plan_get_compensation_declined (plan));
  /* The list leaves out "none": its first item is the first reason */
  gtk_drop_down_set_selected (self->waiver_dropdown,
                              confianza_recovery_plan_get_compensation_waiver (plan) != CONFIANZA_WAIVER_NONE
                              ? (guint) confianza_recovery_plan_get_compensation_waiver (plan) - 1
                              : GTK_INVALID_LIST_POSITION);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_entry), currency);
  confianza_date_entry_set_date (self->given_on_entry, today);
  update_compensations (self);
}

static void
confianza_consequences_page_apply (ConfianzaWizardPage   *page,
                                   ConfianzaRecoveryPlan *plan)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  gboolean declined = gtk_check_button_get_active (self->declined_check);
  guint waiver = gtk_drop_down_get_selected (self->waiver_dropdown);

  confianza_recovery_plan_set_compensation_declined (plan, declined);
  confianza_recovery_plan_set_compensation_waiver (plan,
                                                   declined && waiver != GTK_INVALID_LIST_POSITION
                                                   ? (ConfianzaCompensationWaiver) (waiver + 1)
                                                   : CONFIANZA_WAIVER_NONE);
}

/* The suggestion, and why. */
static void
confianza_consequences_page_update (ConfianzaWizardPage   *page,
                                    ConfianzaRecoveryPlan *plan)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);
  g_auto(ConfianzaCompensationAdvice) advice =
    confianza_recovery_suggest_compensation (confianza_wizard_page_get_incident (page), plan, self->systemic);

  gtk_widget_set_visible (self->waiver_box, gtk_check_button_get_active (self->declined_check));

  switch (advice.need)
    {
    case CONFIANZA_COMPENSATION_NEED_SMALL:
      gtk_label_set_label (self->advice_title_label, _("Suggestion: a small gesture"));
      break;
    case CONFIANZA_COMPENSATION_NEED_PROPORTIONAL:
    default:
      gtk_label_set_label (self->advice_title_label, _("Suggestion: compensate in proportion"));
      break;
    }
  gtk_label_set_label (self->advice_label, advice.reason);
}

/* The compensation being typed, if any, is checked with the page. */
static GtkWidget *
confianza_consequences_page_validate (ConfianzaWizardPage *page)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  if (compensation_form_has_content (self))
    return validate_compensation_form (self);

  confianza_form_show (self->compensation_form, NULL, NULL);
  return NULL;
}

static void
confianza_consequences_page_touch_all (ConfianzaWizardPage *page)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  CONFIANZA_WIZARD_PAGE_CLASS (confianza_consequences_page_parent_class)->touch_all (page);

  if (compensation_form_has_content (self))
    confianza_form_touch_all (self->compensation_form);
}

/* A compensation typed but not added yet is added now. */
static gboolean
confianza_consequences_page_leave (ConfianzaWizardPage *page)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  return !compensation_form_has_content (self) || add_compensation (self);
}

static void
confianza_consequences_page_changed (ConfianzaWizardPage *page,
                                     GtkWidget           *widget)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (page);

  confianza_form_touch (self->compensation_form, widget);
}

/* Words drafted from the plan, to edit and copy */
static void
draft_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  confianza_wizard_page_draft_words (CONFIANZA_WIZARD_PAGE (widget), CONFIANZA_WORDS_COMPENSATION_OFFER, _("The Compensation and Guarantee Offer"));
}

/* GObject */

static void
confianza_consequences_page_dispose (GObject *object)
{
  ConfianzaConsequencesPage *self = CONFIANZA_CONSEQUENCES_PAGE (object);

  g_clear_pointer (&self->compensation_form, confianza_form_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (confianza_consequences_page_parent_class)->dispose (object);
}

static void
confianza_consequences_page_class_init (ConfianzaConsequencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaWizardPageClass *page_class = CONFIANZA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = confianza_consequences_page_dispose;
  page_class->load = confianza_consequences_page_load;
  page_class->apply = confianza_consequences_page_apply;
  page_class->update = confianza_consequences_page_update;
  page_class->validate = confianza_consequences_page_validate;
  page_class->touch_all = confianza_consequences_page_touch_all;
  page_class->leave = confianza_consequences_page_leave;
  page_class->changed = confianza_consequences_page_changed;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-consequences-page.ui");
  gtk_widget_class_install_action (widget_class, "words.draft", NULL, draft_activated);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, advice_title_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, compensations_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, compensation_form_title);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, amount_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, currency_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, currency_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, comp_description_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, comp_description_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, given_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, given_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, given_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, add_compensation_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, declined_check);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, declined_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, waiver_box);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, waiver_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaConsequencesPage, waiver_error);

  gtk_widget_class_install_action (widget_class, "compensation.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "compensation.remove", "i", remove_activated);
}

static void
confianza_consequences_page_init (ConfianzaConsequencesPage *self)
{
  ConfianzaWizardPage *page = CONFIANZA_WIZARD_PAGE (self);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) waivers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  confianza_wizard_page_set_words (CONFIANZA_WIZARD_PAGE (self), CONFIANZA_WORDS_COMPENSATION_OFFER);

  self->settings = g_settings_new (APPLICATION_ID);

  for (ConfianzaCompensationKind k = CONFIANZA_COMPENSATION_REFUND; k <= CONFIANZA_COMPENSATION_OTHER; k++)
    gtk_string_list_append (kinds, confianza_compensation_kind_to_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  for (ConfianzaCompensationWaiver w = CONFIANZA_WAIVER_CLIENT_DECLINED; w <= CONFIANZA_WAIVER_OUTSIDE_CONTROL; w++)
    gtk_string_list_append (waivers, confianza_compensation_waiver_to_label (w));
  gtk_drop_down_set_model (self->waiver_dropdown, G_LIST_MODEL (waivers));
  gtk_drop_down_set_selected (self->waiver_dropdown, GTK_INVALID_LIST_POSITION);
  confianza_form_add_field (confianza_wizard_page_get_form (page), "compensation-declined",
                            GTK_WIDGET (self->declined_check), self->declined_error);
  confianza_form_add_field (confianza_wizard_page_get_form (page), "compensation-waiver",
                            GTK_WIDGET (self->waiver_dropdown), self->waiver_error);
  clear_compensation_form (page, NULL);

  confianza_date_entry_set_label (self->given_on_entry, self->given_on_label);
  confianza_wizard_page_watch (page, self->kind_dropdown, self->amount_entry, self->currency_entry,
                               self->comp_description_entry, self->given_on_entry, self->declined_check,
                               self->waiver_dropdown, NULL);
}

/* Public API */

void
confianza_consequences_page_set_systemic (ConfianzaConsequencesPage *self,
                                          gboolean                   systemic)
{
  g_return_if_fail (CONFIANZA_IS_CONSEQUENCES_PAGE (self));

  self->systemic = systemic;
}
