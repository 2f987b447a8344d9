/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"
#include "model/confianza-recovery-text.h"
#include "store/confianza-store-recovery.h"
#include "confianza-date-entry.h"
#include "confianza-form.h"
#include "confianza-incident-dialog.h"
#include "confianza-recovery-wizard.h"

#define N_PAGES CONFIANZA_RECOVERY_N_STEPS

static const char * const page_names[N_PAGES] = {
  "listen", "apologise", "consequences", "guarantee", "follow-up", "internal", "outcome",
};

struct _ConfianzaRecoveryWizard
{
  AdwWindow              parent_instance;

  ConfianzaStore        *store;
  ConfianzaIncident     *incident;
  /* The plan as last saved (id 0 until the first save), its
   * compensations and those removed since. */
  ConfianzaRecoveryDraft *draft;
  ConfianzaForm         *forms[N_PAGES];
  ConfianzaForm         *compensation_form;
  GSettings             *settings;
  int                    page;
  gboolean               systemic;
  /* Something was typed since the wizard opened. */
  gboolean               dirty;
  /* Filling the pages from the plan: not the user's typing. */
  gboolean               loading;
  /* Saved already: the window may close. */
  gboolean               may_close;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkButton             *close_button;
  GtkLabel              *progress_label;
  GtkProgressBar        *progress_bar;
  GtkLabel              *incident_label;
  GtkLabel              *systemic_label;
  GtkLabel              *general_error;
  GtkStack              *stack;
  GtkButton             *back_button;
  GtkButton             *next_button;
  /* 1 Listen first */
  GtkTextView           *client_said_view;
  GtkLabel              *client_said_error;
  GtkLabel              *invited_on_label;
  ConfianzaDateEntry    *invited_on_entry;
  GtkLabel              *invited_on_error;
  GtkLabel              *acknowledged_on_label;
  ConfianzaDateEntry    *acknowledged_on_entry;
  GtkLabel              *acknowledged_on_error;
  /* 2 Apologise */
  GtkLabel              *apologised_on_label;
  ConfianzaDateEntry    *apologised_on_entry;
  GtkLabel              *apologised_on_error;
  GtkDropDown           *channel_dropdown;
  GtkEntry              *apologised_by_entry;
  GtkLabel              *apologised_by_error;
  GtkTextView           *apology_words_view;
  GtkLabel              *apology_words_error;
  GtkLabel              *apology_timing_label;
  /* 3 Consequences */
  GtkLabel              *advice_title_label;
  GtkLabel              *advice_label;
  GtkListBox            *compensations_list;
  GtkLabel              *compensation_form_title;
  GtkDropDown           *kind_dropdown;
  GtkEntry              *amount_entry;
  GtkLabel              *amount_error;
  GtkEntry              *currency_entry;
  GtkLabel              *currency_error;
  GtkEntry              *comp_description_entry;
  GtkLabel              *comp_description_error;
  GtkLabel              *given_on_label;
  ConfianzaDateEntry    *given_on_entry;
  GtkLabel              *given_on_error;
  GtkButton             *add_compensation_button;
  GtkCheckButton        *declined_check;
  /* 4 Guarantee */
  GtkTextView           *guarantee_terms_view;
  GtkLabel              *guarantee_terms_error;
  GtkLabel              *guarantee_until_label;
  ConfianzaDateEntry    *guarantee_until_entry;
  GtkLabel              *guarantee_until_error;
  /* 5 Follow-up */
  GtkSpinButton         *every_spin;
  GtkLabel              *every_unit_label;
  GtkLabel              *every_error;
  GtkCheckButton        *until_check;
  GtkCheckButton        *times_check;
  GtkStack              *follow_up_end_stack;
  GtkLabel              *follow_up_until_label;
  ConfianzaDateEntry    *follow_up_until_entry;
  GtkLabel              *follow_up_until_error;
  GtkSpinButton         *times_spin;
  GtkLabel              *times_error;
  GtkLabel              *schedule_label;
  /* 6 Internal analysis */
  GtkTextView           *root_cause_view;
  GtkLabel              *root_cause_error;
  GtkTextView           *corrective_measure_view;
  GtkLabel              *corrective_measure_error;
  GtkEntry              *corrective_owner_entry;
  GtkLabel              *corrective_owner_error;
  GtkLabel              *corrective_due_label;
  ConfianzaDateEntry    *corrective_due_entry;
  GtkLabel              *corrective_due_error;
  /* Outcome */
  GtkLabel              *summary_label;
  GtkCheckButton        *in_progress_check;
  GtkCheckButton        *recovered_check;
  GtkCheckButton        *let_go_check;
  GtkTextView           *outcome_reason_view;
  GtkLabel              *outcome_reason_error;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecoveryWizard, confianza_recovery_wizard, ADW_TYPE_WINDOW)

enum {
  SAVED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return copy[0] == '\0';
}

static GPtrArray *
model_to_array (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

/* The plan as last saved. */
static ConfianzaRecoveryPlan *
saved_plan (ConfianzaRecoveryWizard *self)
{
  return confianza_recovery_draft_get_plan (self->draft);
}

static ConfianzaPlanOutcome
selected_outcome (ConfianzaRecoveryWizard *self)
{
  if (gtk_check_button_get_active (self->let_go_check))
    return CONFIANZA_PLAN_LET_GO;
  if (gtk_check_button_get_active (self->recovered_check))
    return CONFIANZA_PLAN_RECOVERED;

  return CONFIANZA_PLAN_IN_PROGRESS;
}

/* The plan as the pages say now, over the one last saved. */
static ConfianzaRecoveryPlan *
plan_from_pages (ConfianzaRecoveryWizard *self)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_plan_copy (saved_plan (self));
  g_autofree char *client_said = text_view_get_text (self->client_said_view);
  g_autofree char *apology_words = text_view_get_text (self->apology_words_view);
  g_autofree char *terms = text_view_get_text (self->guarantee_terms_view);
  g_autofree char *root_cause = text_view_get_text (self->root_cause_view);
  g_autofree char *measure = text_view_get_text (self->corrective_measure_view);
  g_autofree char *reason = text_view_get_text (self->outcome_reason_view);
  gboolean by_date = gtk_check_button_get_active (self->until_check);
  ConfianzaPlanOutcome outcome = selected_outcome (self);

  confianza_recovery_plan_set_step (plan, self->page);

  confianza_recovery_plan_set_client_said (plan, client_said);
  confianza_recovery_plan_set_invited_to_speak_on (plan, confianza_date_entry_get_date (self->invited_on_entry));
  confianza_recovery_plan_set_acknowledged_on (plan, confianza_date_entry_get_date (self->acknowledged_on_entry));

  confianza_recovery_plan_set_apologised_on (plan, confianza_date_entry_get_date (self->apologised_on_entry));
  confianza_recovery_plan_set_apology_channel (plan, gtk_drop_down_get_selected (self->channel_dropdown));
  confianza_recovery_plan_set_apologised_by (plan, gtk_editable_get_text (GTK_EDITABLE (self->apologised_by_entry)));
  confianza_recovery_plan_set_apology_words (plan, apology_words);

  confianza_recovery_plan_set_compensation_declined (plan, gtk_check_button_get_active (self->declined_check));

  confianza_recovery_plan_set_guarantee_terms (plan, terms);
  confianza_recovery_plan_set_guarantee_until (plan, confianza_date_entry_get_date (self->guarantee_until_entry));

  confianza_recovery_plan_set_follow_up_every_days (plan, gtk_spin_button_get_value_as_int (self->every_spin));
  if (by_date)
    {
      confianza_recovery_plan_set_follow_up_until (plan, confianza_date_entry_get_date (self->follow_up_until_entry));
      confianza_recovery_plan_set_follow_up_times (plan, 0);
    }
  else
    {
      confianza_recovery_plan_set_follow_up_until (plan, NULL);
      confianza_recovery_plan_set_follow_up_times (plan, gtk_spin_button_get_value_as_int (self->times_spin));
    }

  confianza_recovery_plan_set_root_cause (plan, root_cause);
  confianza_recovery_plan_set_corrective_measure (plan, measure);
  confianza_recovery_plan_set_corrective_owner (plan, gtk_editable_get_text (GTK_EDITABLE (self->corrective_owner_entry)));
  confianza_recovery_plan_set_corrective_due (plan, confianza_date_entry_get_date (self->corrective_due_entry));

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

  return plan;
}

static gboolean
compensation_form_has_content (ConfianzaRecoveryWizard *self)
{
  return !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)))
         || !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->comp_description_entry)));
}

/* The compensation the form describes; NULL with @property and @error
 * when the amount cannot be read. */
static ConfianzaCompensation *
compensation_from_form (ConfianzaRecoveryWizard  *self,
                        const char              **property,
                        GError                  **error)
{
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

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (saved_plan (self)),
                                             confianza_incident_get_client_id (self->incident),
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
validate_compensation_form (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (!confianza_date_entry_check (self->given_on_entry, &error))
    property = "given-on";
  else if ((compensation = compensation_from_form (self, &property, &error)) != NULL)
    confianza_recovery_validate_compensation (compensation, self->incident, &property, &error);

  return confianza_form_show (self->compensation_form, property, error);
}

static void
clear_compensation_form (ConfianzaRecoveryWizard *self)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->comp_description_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, CONFIANZA_COMPENSATION_REFUND);
  self->loading = loading;
  confianza_form_free (self->compensation_form);
  self->compensation_form = confianza_form_new (GTK_WIDGET (self->add_compensation_button), NULL);
  confianza_form_add_field (self->compensation_form, "amount-cents", GTK_WIDGET (self->amount_entry), self->amount_error);
  confianza_form_add_field (self->compensation_form, "currency", GTK_WIDGET (self->currency_entry), self->currency_error);
  confianza_form_add_field (self->compensation_form, "description", GTK_WIDGET (self->comp_description_entry), self->comp_description_error);
  confianza_form_add_field (self->compensation_form, "given-on", GTK_WIDGET (self->given_on_entry), self->given_on_error);
}

/* The date entries of a page, so that unreadable dates are caught first. */
static GtkWidget *
check_dates (ConfianzaRecoveryWizard  *self,
             const char              **property,
             GError                  **error)
{
  struct
  {
    int                 page;
    ConfianzaDateEntry *entry;
    const char         *property;
  } dates[] = {
    { CONFIANZA_RECOVERY_STEP_LISTEN, self->invited_on_entry, "invited-to-speak-on" },
    { CONFIANZA_RECOVERY_STEP_LISTEN, self->acknowledged_on_entry, "acknowledged-on" },
    { CONFIANZA_RECOVERY_STEP_APOLOGISE, self->apologised_on_entry, "apologised-on" },
    { CONFIANZA_RECOVERY_STEP_GUARANTEE, self->guarantee_until_entry, "guarantee-until" },
    { CONFIANZA_RECOVERY_STEP_FOLLOW_UP, self->follow_up_until_entry, "follow-up-until" },
    { CONFIANZA_RECOVERY_STEP_INTERNAL, self->corrective_due_entry, "corrective-due" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (dates[i].page != self->page)
        continue;

      /* The end date is only read when the schedule ends on a date. */
      if (dates[i].entry == self->follow_up_until_entry && !gtk_check_button_get_active (self->until_check))
        continue;

      if (!confianza_date_entry_check (dates[i].entry, error))
        {
          *property = dates[i].property;
          return GTK_WIDGET (dates[i].entry);
        }
    }

  return NULL;
}

/* Validates the page shown; returns the widget to fix, or NULL. */
static GtkWidget *
validate_page (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;
  GtkWidget *invalid;

  if (check_dates (self, &property, &error) == NULL)
    {
      plan = plan_from_pages (self);
      confianza_recovery_validate_step (plan, self->incident, self->page, &property, &error);
    }

  invalid = confianza_form_show (self->forms[self->page], property, error);

  if (self->page == CONFIANZA_RECOVERY_STEP_CONSEQUENCES)
    {
      if (compensation_form_has_content (self))
        {
          GtkWidget *compensation_invalid = validate_compensation_form (self);

          if (invalid == NULL)
            invalid = compensation_invalid;
        }
      else
        {
          confianza_form_show (self->compensation_form, NULL, NULL);
        }
    }

  return invalid;
}

/* Page contents that follow from other fields */

static void
update_advice (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);
  g_auto(ConfianzaCompensationAdvice) advice = confianza_recovery_suggest_compensation (self->incident, plan,
                                                                                      self->systemic);

  switch (advice.need)
    {
    case CONFIANZA_COMPENSATION_NEED_NONE:
      gtk_label_set_label (self->advice_title_label, _("Suggestion: compensation is not needed"));
      break;
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

static void
update_compensations (ConfianzaRecoveryWizard *self)
{
  GPtrArray *compensations = confianza_recovery_draft_get_compensations (self->draft);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compensations_list))) != NULL)
    gtk_list_box_remove (self->compensations_list, child);

  for (guint i = 0; i < compensations->len; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);
      gint64 cents = confianza_compensation_get_amount_cents (compensation);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;
      const char *description = confianza_compensation_get_description (compensation);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      if (cents > 0)
        {
          g_autofree char *amount = confianza_recovery_format_amount (cents, confianza_compensation_get_currency (compensation));

          /* Translators: kind of compensation: amount ("Refund: 450,00 EUR") */
          title = g_strdup_printf (_("%s: %s"),
                                   confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation)),
                                   amount);
        }
      else
        {
          title = g_strdup (confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation)));
        }

      g_string_append (subtitle, description);
      if (confianza_compensation_get_given_on (compensation) != NULL)
        {
          g_autofree char *date = confianza_date_format (confianza_compensation_get_given_on (compensation));

          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          /* Translators: %s is the date a compensation was given */
          g_string_append_printf (subtitle, _("given %s"), date);
        }
      else
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
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
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "wizard.remove-compensation");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int32 ((gint32) i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->compensations_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->compensations_list), compensations->len > 0);
  gtk_label_set_label (self->compensation_form_title,
                       compensations->len > 0 ? _("Another compensation") : _("Compensation"));
}

static void
update_schedule (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);
  g_autoptr(GPtrArray) dates = confianza_recovery_plan_follow_up_dates (plan);
  int every = gtk_spin_button_get_value_as_int (self->every_spin);
  g_autofree char *text = NULL;

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

static void
update_timing (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autofree char *timing = NULL;
  g_autofree char *summary = NULL;

  if (confianza_recovery_plan_get_id (saved_plan (self)) > 0)
    model = confianza_store_get_follow_ups (self->store, confianza_recovery_plan_get_id (saved_plan (self)));
  follow_ups = model_to_array (model);

  timing = confianza_recovery_timing_text (self->incident, plan, NULL);
  gtk_label_set_label (self->apology_timing_label, timing);

  summary = confianza_recovery_timing_text (self->incident, plan, follow_ups);
  gtk_label_set_label (self->summary_label, summary);
}

static void
update_outcome (ConfianzaRecoveryWizard *self)
{
  gboolean let_go = gtk_check_button_get_active (self->let_go_check);
  GtkWidget *label = gtk_widget_get_prev_sibling (gtk_widget_get_parent (GTK_WIDGET (self->outcome_reason_view)));

  /* The reason matters only when letting the client go. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->outcome_reason_view)), let_go);
  if (label != NULL)
    gtk_widget_set_visible (label, let_go);
}

static void
update_chrome (ConfianzaRecoveryWizard *self)
{
  g_autofree char *progress = NULL;

  if (self->page < CONFIANZA_RECOVERY_METHOD_STEPS)
    /* Translators: "Step 2 of 6 · Acknowledge the error and apologise" */
    progress = g_strdup_printf (_("Step %d of %d · %s"), self->page + 1, CONFIANZA_RECOVERY_METHOD_STEPS,
                                confianza_recovery_step_title (self->page));
  else
    progress = g_strdup (confianza_recovery_step_title (self->page));

  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, (self->page + 1) / (double) N_PAGES);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress,
                                  -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), self->page > 0);
  gtk_button_set_label (self->next_button, self->page == N_PAGES - 1 ? _("_Finish") : _("_Next"));
}

static void
update_all (ConfianzaRecoveryWizard *self)
{
  update_chrome (self);
  update_advice (self);
  update_schedule (self);
  update_timing (self);
  update_outcome (self);
  validate_page (self);
}

/* Saving */

/* Saves the draft, left on @step, with everything that goes with it. */
static gboolean
save_draft (ConfianzaRecoveryWizard  *self,
            int                       step,
            GError                  **error)
{
  g_autoptr(ConfianzaRecoveryPlan) saved = g_object_ref (saved_plan (self));
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);

  confianza_recovery_plan_set_step (plan, step);
  confianza_recovery_draft_set_plan (self->draft, plan);

  if (!confianza_store_save_recovery (self->store, self->draft, error))
    {
      confianza_recovery_draft_set_plan (self->draft, saved);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, plan);

  return TRUE;
}

/* Validates the page shown and saves the draft, left on @step; says what
 * is wrong and returns FALSE otherwise. */
static gboolean
leave_page (ConfianzaRecoveryWizard *self,
            int                      step,
            gboolean                 check)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  if (check)
    {
      confianza_form_touch_all (self->forms[self->page]);
      if (self->page == CONFIANZA_RECOVERY_STEP_CONSEQUENCES && compensation_form_has_content (self))
        confianza_form_touch_all (self->compensation_form);

      invalid = validate_page (self);
      if (invalid != NULL)
        {
          gtk_widget_grab_focus (invalid);
          return FALSE;
        }
    }

  /* A compensation typed but not added yet is added now. */
  if (self->page == CONFIANZA_RECOVERY_STEP_CONSEQUENCES && compensation_form_has_content (self))
    {
      const char *property = NULL;
      ConfianzaCompensation *compensation = compensation_from_form (self, &property, &error);

      if (compensation == NULL)
        return FALSE;
      confianza_recovery_draft_add_compensation (self->draft, compensation);
      g_object_unref (compensation);
      clear_compensation_form (self);
      update_compensations (self);
    }

  /* A new plan nobody typed anything into is not worth keeping. */
  if (confianza_recovery_plan_get_id (saved_plan (self)) == 0 && !self->dirty && step == self->page)
    return TRUE;

  if (!save_draft (self, step, &error))
    {
      confianza_form_show_general (self->forms[self->page], error->message);
      return FALSE;
    }

  return TRUE;
}

static void
go_to (ConfianzaRecoveryWizard *self,
       int                      page)
{
  self->page = CLAMP (page, 0, N_PAGES - 1);
  gtk_stack_set_visible_child_name (self->stack, page_names[self->page]);
  confianza_form_show_general (self->forms[self->page], NULL);
  update_all (self);
}

/* Filling the pages */

static void
load_plan (ConfianzaRecoveryWizard *self)
{
  ConfianzaRecoveryPlan *plan = saved_plan (self);
  g_autoptr(GDateTime) today = confianza_date_today ();
  int every = confianza_recovery_plan_get_follow_up_every_days (plan);
  int times = confianza_recovery_plan_get_follow_up_times (plan);
  g_autofree char *currency = NULL;

  self->loading = TRUE;

  text_view_set_text (self->client_said_view, confianza_recovery_plan_get_client_said (plan));
  confianza_date_entry_set_date (self->invited_on_entry, confianza_recovery_plan_get_invited_to_speak_on (plan));
  confianza_date_entry_set_date (self->acknowledged_on_entry, confianza_recovery_plan_get_acknowledged_on (plan));

  confianza_date_entry_set_date (self->apologised_on_entry, confianza_recovery_plan_get_apologised_on (plan));
  gtk_drop_down_set_selected (self->channel_dropdown, confianza_recovery_plan_get_apology_channel (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->apologised_by_entry), confianza_recovery_plan_get_apologised_by (plan));
  text_view_set_text (self->apology_words_view, confianza_recovery_plan_get_apology_words (plan));

  gtk_check_button_set_active (self->declined_check, confianza_recovery_plan_get_compensation_declined (plan));
  currency = g_settings_get_string (self->settings, "currency");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_entry), currency);
  confianza_date_entry_set_date (self->given_on_entry, today);

  text_view_set_text (self->guarantee_terms_view, confianza_recovery_plan_get_guarantee_terms (plan));
  confianza_date_entry_set_date (self->guarantee_until_entry, confianza_recovery_plan_get_guarantee_until (plan));

  /* A new schedule: weekly for two months, as in source 001's story. */
  if (every == 0 && times == 0 && confianza_recovery_plan_get_follow_up_until (plan) == NULL)
    {
      g_autoptr(GDateTime) until = confianza_date_add_days (confianza_recovery_plan_get_started_on (plan), 56);

      gtk_spin_button_set_value (self->every_spin, 7);
      gtk_check_button_set_active (self->until_check, TRUE);
      confianza_date_entry_set_date (self->follow_up_until_entry, until);
    }
  else
    {
      gtk_spin_button_set_value (self->every_spin, every);
      gtk_check_button_set_active (self->until_check, confianza_recovery_plan_get_follow_up_until (plan) != NULL);
      gtk_check_button_set_active (self->times_check, confianza_recovery_plan_get_follow_up_until (plan) == NULL);
      confianza_date_entry_set_date (self->follow_up_until_entry, confianza_recovery_plan_get_follow_up_until (plan));
      if (times > 0)
        gtk_spin_button_set_value (self->times_spin, times);
    }

  text_view_set_text (self->root_cause_view, confianza_recovery_plan_get_root_cause (plan));
  text_view_set_text (self->corrective_measure_view, confianza_recovery_plan_get_corrective_measure (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->corrective_owner_entry), confianza_recovery_plan_get_corrective_owner (plan));
  confianza_date_entry_set_date (self->corrective_due_entry, confianza_recovery_plan_get_corrective_due (plan));

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
  text_view_set_text (self->outcome_reason_view, confianza_recovery_plan_get_outcome_reason (plan));

  self->loading = FALSE;
}

/* Callbacks */

static void
on_field_changed (ConfianzaRecoveryWizard *self,
                  GtkWidget               *widget)
{
  /* Templates and drop-down models notify before there is a plan. */
  if (self->loading || self->draft == NULL)
    return;

  self->dirty = TRUE;
  /* Nothing on a step is required: an error there always comes from
   * something typed (words without their day), so it shows at once, even
   * beside a field not touched yet, and Next is never dimmed unexplained. */
  confianza_form_touch_all (self->forms[self->page]);
  if (self->compensation_form != NULL)
    confianza_form_touch (self->compensation_form, widget);
  update_advice (self);
  update_schedule (self);
  update_timing (self);
  update_outcome (self);
  validate_page (self);
}

static void
on_field_notify (ConfianzaRecoveryWizard *self,
                 GParamSpec              *pspec,
                 GtkWidget               *widget)
{
  on_field_changed (self, widget);
}

static void
on_buffer_changed (ConfianzaRecoveryWizard *self,
                   GtkTextBuffer           *buffer)
{
  GtkTextView *views[] = {
    self->client_said_view, self->apology_words_view, self->guarantee_terms_view,
    self->root_cause_view, self->corrective_measure_view, self->outcome_reason_view,
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (views[i] != NULL && gtk_text_view_get_buffer (views[i]) == buffer)
      on_field_changed (self, GTK_WIDGET (views[i]));
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);

  if (self->page == N_PAGES - 1)
    {
      /* Finishing saves even an untouched plan: the user chose its outcome. */
      self->dirty = TRUE;
      if (!leave_page (self, self->page, TRUE))
        return;

      g_signal_emit (self, signals[FINISHED], 0, saved_plan (self));
      self->may_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (leave_page (self, self->page + 1, TRUE))
    go_to (self, self->page + 1);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);

  if (self->page == 0)
    return;

  if (leave_page (self, self->page - 1, TRUE))
    go_to (self, self->page - 1);
}

static void
save_close_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);

  if (!leave_page (self, self->page, TRUE))
    return;

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_compensation_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;
  ConfianzaCompensation *compensation;
  GtkWidget *invalid;

  confianza_form_touch_all (self->compensation_form);
  invalid = validate_compensation_form (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  compensation = compensation_from_form (self, &property, &error);
  g_return_if_fail (compensation != NULL);

  confianza_recovery_draft_add_compensation (self->draft, compensation);
  g_object_unref (compensation);
  self->dirty = TRUE;
  clear_compensation_form (self);
  update_compensations (self);
  validate_page (self);
}

static void
remove_compensation_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= confianza_recovery_draft_get_compensations (self->draft)->len)
    return;

  confianza_recovery_draft_remove_compensation (self->draft, index);
  self->dirty = TRUE;
  update_compensations (self);
}

static gboolean
confianza_recovery_wizard_close_request (GtkWindow *window)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (window);

  /* Closing keeps the draft; what cannot be saved keeps the wizard open
   * with the reason shown. */
  if (!self->may_close && !leave_page (self, self->page, TRUE))
    return TRUE;

  self->may_close = TRUE;

  return GTK_WINDOW_CLASS (confianza_recovery_wizard_parent_class)->close_request (window);
}

static void
confianza_recovery_wizard_dispose (GObject *object)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_RECOVERY_WIZARD);
  g_clear_object (&self->store);
  g_clear_object (&self->incident);
  g_clear_object (&self->draft);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->compensation_form, confianza_form_free);
  for (int i = 0; i < N_PAGES; i++)
    g_clear_pointer (&self->forms[i], confianza_form_free);

  G_OBJECT_CLASS (confianza_recovery_wizard_parent_class)->dispose (object);
}

static void
confianza_recovery_wizard_class_init (ConfianzaRecoveryWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = confianza_recovery_wizard_dispose;
  window_class->close_request = confianza_recovery_wizard_close_request;

  /**
   * ConfianzaRecoveryWizard::saved:
   * @plan: the plan as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_RECOVERY_PLAN);

  /**
   * ConfianzaRecoveryWizard::finished:
   * @plan: the plan as stored, with its outcome
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_RECOVERY_PLAN);

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-recovery-wizard.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, name)
  BIND (window_title);
  BIND (close_button);
  BIND (progress_label);
  BIND (progress_bar);
  BIND (incident_label);
  BIND (systemic_label);
  BIND (general_error);
  BIND (stack);
  BIND (back_button);
  BIND (next_button);
  BIND (client_said_view);
  BIND (client_said_error);
  BIND (invited_on_label);
  BIND (invited_on_entry);
  BIND (invited_on_error);
  BIND (acknowledged_on_label);
  BIND (acknowledged_on_entry);
  BIND (acknowledged_on_error);
  BIND (apologised_on_label);
  BIND (apologised_on_entry);
  BIND (apologised_on_error);
  BIND (channel_dropdown);
  BIND (apologised_by_entry);
  BIND (apologised_by_error);
  BIND (apology_words_view);
  BIND (apology_words_error);
  BIND (apology_timing_label);
  BIND (advice_title_label);
  BIND (advice_label);
  BIND (compensations_list);
  BIND (compensation_form_title);
  BIND (kind_dropdown);
  BIND (amount_entry);
  BIND (amount_error);
  BIND (currency_entry);
  BIND (currency_error);
  BIND (comp_description_entry);
  BIND (comp_description_error);
  BIND (given_on_label);
  BIND (given_on_entry);
  BIND (given_on_error);
  BIND (add_compensation_button);
  BIND (declined_check);
  BIND (guarantee_terms_view);
  BIND (guarantee_terms_error);
  BIND (guarantee_until_label);
  BIND (guarantee_until_entry);
  BIND (guarantee_until_error);
  BIND (every_spin);
  BIND (every_unit_label);
  BIND (every_error);
  BIND (until_check);
  BIND (times_check);
  BIND (follow_up_end_stack);
  BIND (follow_up_until_label);
  BIND (follow_up_until_entry);
  BIND (follow_up_until_error);
  BIND (times_spin);
  BIND (times_error);
  BIND (schedule_label);
  BIND (root_cause_view);
  BIND (root_cause_error);
  BIND (corrective_measure_view);
  BIND (corrective_measure_error);
  BIND (corrective_owner_entry);
  BIND (corrective_owner_error);
  BIND (corrective_due_label);
  BIND (corrective_due_entry);
  BIND (corrective_due_error);
  BIND (summary_label);
  BIND (in_progress_check);
  BIND (recovered_check);
  BIND (let_go_check);
  BIND (outcome_reason_view);
  BIND (outcome_reason_error);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "wizard.save-close", NULL, save_close_activated);
  gtk_widget_class_install_action (widget_class, "wizard.add-compensation", NULL, add_compensation_activated);
  gtk_widget_class_install_action (widget_class, "wizard.remove-compensation", "i", remove_compensation_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.save-close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "wizard.back", NULL);
}

static void
add_page_field (ConfianzaRecoveryWizard *self,
                int                      page,
                const char              *property,
                gpointer                 widget,
                GtkLabel                *error_label)
{
  confianza_form_add_field (self->forms[page], property, GTK_WIDGET (widget), error_label);
}

static void
label_date_entry (ConfianzaRecoveryWizard *self,
                  ConfianzaDateEntry      *entry,
                  GtkLabel                *label)
{
  GtkEditable *editable = confianza_date_entry_get_editable (entry);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (editable),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  g_signal_connect_object (editable, "changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
}

static void
confianza_recovery_wizard_init (ConfianzaRecoveryWizard *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  for (int i = 0; i < N_PAGES; i++)
    self->forms[i] = confianza_form_new (GTK_WIDGET (self->next_button), self->general_error);

  add_page_field (self, CONFIANZA_RECOVERY_STEP_LISTEN, "client-said", self->client_said_view, self->client_said_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_LISTEN, "invited-to-speak-on", self->invited_on_entry, self->invited_on_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_LISTEN, "acknowledged-on", self->acknowledged_on_entry, self->acknowledged_on_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apologised-on", self->apologised_on_entry, self->apologised_on_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apologised-by", self->apologised_by_entry, self->apologised_by_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apology-words", self->apology_words_view, self->apology_words_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_GUARANTEE, "guarantee-terms", self->guarantee_terms_view, self->guarantee_terms_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_GUARANTEE, "guarantee-until", self->guarantee_until_entry, self->guarantee_until_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-every-days", self->every_spin, self->every_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-until", self->follow_up_until_entry, self->follow_up_until_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-times", self->times_spin, self->times_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_INTERNAL, "root-cause", self->root_cause_view, self->root_cause_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_INTERNAL, "corrective-measure", self->corrective_measure_view, self->corrective_measure_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_INTERNAL, "corrective-owner", self->corrective_owner_entry, self->corrective_owner_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_INTERNAL, "corrective-due", self->corrective_due_entry, self->corrective_due_error);
  add_page_field (self, CONFIANZA_RECOVERY_STEP_OUTCOME, "outcome-reason", self->outcome_reason_view, self->outcome_reason_error);
  clear_compensation_form (self);

  for (ConfianzaChannel c = CONFIANZA_CHANNEL_IN_PERSON; c <= CONFIANZA_CHANNEL_MESSAGE; c++)
    gtk_string_list_append (channels, confianza_channel_to_label (c));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  for (ConfianzaCompensationKind k = CONFIANZA_COMPENSATION_REFUND; k <= CONFIANZA_COMPENSATION_OTHER; k++)
    gtk_string_list_append (kinds, confianza_compensation_kind_to_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  label_date_entry (self, self->invited_on_entry, self->invited_on_label);
  label_date_entry (self, self->acknowledged_on_entry, self->acknowledged_on_label);
  label_date_entry (self, self->apologised_on_entry, self->apologised_on_label);
  label_date_entry (self, self->given_on_entry, self->given_on_label);
  label_date_entry (self, self->guarantee_until_entry, self->guarantee_until_label);
  label_date_entry (self, self->follow_up_until_entry, self->follow_up_until_label);
  label_date_entry (self, self->corrective_due_entry, self->corrective_due_label);
}

ConfianzaRecoveryWizard *
confianza_recovery_wizard_new (GtkWindow         *parent,
                               ConfianzaStore    *store,
                               ConfianzaIncident *incident)
{
  ConfianzaRecoveryWizard *self;
  g_autoptr(ConfianzaRecoveryPlan) stored = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GListModel) all_incidents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *systemic = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), NULL);

  self = g_object_new (CONFIANZA_TYPE_RECOVERY_WIZARD,
                       "transient-for", parent,
                       /* One of the application's windows, like its parent. */
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->incident = g_object_ref (incident);

  stored = confianza_store_get_plan_for_incident (store, confianza_incident_get_id (incident), &error);
  if (stored != NULL)
    {
      g_autoptr(GListModel) compensations = confianza_store_get_compensations (store, confianza_recovery_plan_get_id (stored));
      guint n = g_list_model_get_n_items (compensations);

      self->draft = confianza_recovery_draft_new (stored);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConfianzaCompensation) compensation = g_list_model_get_item (compensations, i);
          g_autoptr(ConfianzaCompensation) copy = confianza_compensation_copy (compensation);

          confianza_recovery_draft_add_compensation (self->draft, copy);
        }
    }
  else
    {
      g_autoptr(GDateTime) today = confianza_date_today ();
      g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (confianza_incident_get_client_id (incident),
                                                                           confianza_incident_get_id (incident), today);

      self->draft = confianza_recovery_draft_new (plan);
      if (error != NULL)
        confianza_form_show_general (self->forms[0], error->message);
    }

  client = confianza_store_get_client (store, confianza_incident_get_client_id (incident), NULL);
  if (client != NULL)
    adw_window_title_set_subtitle (self->window_title, confianza_client_get_name (client));
  gtk_label_set_label (self->incident_label, confianza_incident_get_description (incident));

  all_incidents = confianza_store_get_incidents (store, 0);
  systemic = confianza_incident_systemic_sentence (incident, all_incidents);
  self->systemic = systemic != NULL;
  gtk_label_set_label (self->systemic_label, systemic != NULL ? systemic : "");
  gtk_widget_set_visible (GTK_WIDGET (self->systemic_label), systemic != NULL);

  load_plan (self);
  update_compensations (self);
  go_to (self, confianza_recovery_plan_get_step (saved_plan (self)));

  return self;
}

ConfianzaRecoveryPlan *
confianza_recovery_wizard_get_plan (ConfianzaRecoveryWizard *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_WIZARD (self), NULL);

  return saved_plan (self);
}
