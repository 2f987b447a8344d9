/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-recovery-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"
#include "model/confianza-recovery-text.h"
#include "store/confianza-store-recovery.h"

#include "confianza-analysis-page.h"
#include "confianza-apology-page.h"
#include "confianza-consequences-page.h"
#include "confianza-follow-up-page.h"
#include "confianza-guarantee-page.h"
#include "confianza-incident-dialog.h"
#include "confianza-listen-page.h"
#include "confianza-outcome-page.h"
#include "confianza-recovery-wizard.h"

#define N_PAGES CONFIANZA_RECOVERY_N_STEPS

/* The pages in the template, in the order of ConfianzaRecoveryStep. */
static const char * const page_ids[N_PAGES] = {
  "listen_page", "apology_page", "consequences_page", "guarantee_page",
  "follow_up_page", "analysis_page", "outcome_page",
};

struct _ConfianzaRecoveryWizard
{
  ConfianzaDialog         parent_instance;

  ConfianzaIncident      *incident;
  /* The plan as last saved (id 0 until the first save), its
   * compensations and those removed since. */
  ConfianzaRecoveryDraft *draft;
  int                     page;
  /* Something was typed since the wizard opened. */
  gboolean                dirty;
  /* Saved already: the window may close. */
  gboolean                may_close;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  GtkButton              *close_button;
  GtkLabel               *progress_label;
  GtkProgressBar         *progress_bar;
  GtkLabel               *incident_label;
  GtkLabel               *systemic_label;
  GtkLabel               *general_error;
  GtkStack               *stack;
  GtkButton              *back_button;
  GtkButton              *next_button;
  ConfianzaWizardPage    *pages[N_PAGES];
};

G_DEFINE_FINAL_TYPE (ConfianzaRecoveryWizard, confianza_recovery_wizard, CONFIANZA_TYPE_DIALOG)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

/* The plan as last saved. */
static ConfianzaRecoveryPlan *
saved_plan (ConfianzaRecoveryWizard *self)
{
  return confianza_recovery_draft_get_plan (self->draft);
}

static ConfianzaWizardPage *
current_page (ConfianzaRecoveryWizard *self)
{
  return self->pages[self->page];
}

/* The plan as the pages say now, left on the page shown, over the one
 * last saved. */
static ConfianzaRecoveryPlan *
plan_from_pages (ConfianzaRecoveryWizard *self)
{
  ConfianzaRecoveryPlan *plan = confianza_recovery_plan_copy (saved_plan (self));

  confianza_recovery_plan_set_step (plan, self->page);
  for (int i = 0; i < N_PAGES; i++)
    confianza_wizard_page_apply (self->pages[i], plan);

  return plan;
}

/* Checks the page shown; returns the widget to fix, or NULL. */
static GtkWidget *
validate_page (ConfianzaRecoveryWizard *self)
{
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  if (confianza_wizard_page_check (current_page (self), &property, &error))
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);

      confianza_recovery_validate_step (plan, self->incident, self->page, &property, &error);
    }

  return confianza_wizard_page_show_errors (current_page (self), property, error);
}

/* What follows from the plan, on every page. */
static void
update_pages (ConfianzaRecoveryWizard *self)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_from_pages (self);

  for (int i = 0; i < N_PAGES; i++)
    confianza_wizard_page_update (self->pages[i], plan);
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
go_to (ConfianzaRecoveryWizard *self,
       int                      page)
{
  self->page = CLAMP (page, 0, N_PAGES - 1);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (current_page (self)));
  confianza_form_show_general (confianza_wizard_page_get_form (current_page (self)), NULL);
  update_chrome (self);
  update_pages (self);
  validate_page (self);
}

/* Step 1 judged that trust cannot come back: straight to letting the
 * client go, on the outcome page (what was typed stays, and is saved with
 * the plan) */
static void
let_go_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);

  confianza_outcome_page_choose_let_go (CONFIANZA_OUTCOME_PAGE (self->pages[CONFIANZA_RECOVERY_STEP_OUTCOME]));
  go_to (self, CONFIANZA_RECOVERY_STEP_OUTCOME);
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

  if (!confianza_store_save_recovery (confianza_dialog_get_store (CONFIANZA_DIALOG (self)), self->draft, error))
    {
      confianza_recovery_draft_set_plan (self->draft, saved);
      return FALSE;
    }

  g_signal_emit_by_name (self, "saved", plan);

  return TRUE;
}

/* Checks the page shown and saves the draft, left on @step; says what
 * is wrong and returns FALSE otherwise. */
static gboolean
leave_page (ConfianzaRecoveryWizard *self,
            int                      step)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *invalid;

  confianza_wizard_page_touch_all (current_page (self));
  invalid = validate_page (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return FALSE;
    }

  if (!confianza_wizard_page_leave (current_page (self)))
    return FALSE;

  /* A new plan nobody typed anything into is not worth keeping. */
  if (confianza_recovery_plan_get_id (saved_plan (self)) == 0 && !self->dirty && step == self->page)
    return TRUE;

  if (!save_draft (self, step, &error))
    {
      confianza_form_show_general (confianza_wizard_page_get_form (current_page (self)), error->message);
      return FALSE;
    }

  return TRUE;
}

/* Callbacks */

static void
on_page_changed (ConfianzaRecoveryWizard *self,
                 GtkWidget               *widget,
                 ConfianzaWizardPage     *page)
{
  self->dirty = TRUE;
  /* Nothing on a step is required: an error there always comes from
   * something typed (words without their day), so it shows at once, even
   * beside a field not touched yet, and Next is never dimmed unexplained. */
  confianza_form_touch_all (confianza_wizard_page_get_form (current_page (self)));
  update_pages (self);
  validate_page (self);
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
      if (!leave_page (self, self->page))
        return;

      g_signal_emit (self, signals[FINISHED], 0, saved_plan (self));
      self->may_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (leave_page (self, self->page + 1))
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

  if (leave_page (self, self->page - 1))
    go_to (self, self->page - 1);
}

static void
save_close_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (widget);

  if (!leave_page (self, self->page))
    return;

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing (Escape too) keeps the draft; what cannot be saved keeps the
 * wizard open with the reason shown. */
static gboolean
confianza_recovery_wizard_close_request (GtkWindow *window)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (window);

  if (!self->may_close && !leave_page (self, self->page))
    return TRUE;

  self->may_close = TRUE;

  return GTK_WINDOW_CLASS (confianza_recovery_wizard_parent_class)->close_request (window);
}

/* GObject */

static void
confianza_recovery_wizard_dispose (GObject *object)
{
  ConfianzaRecoveryWizard *self = CONFIANZA_RECOVERY_WIZARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_RECOVERY_WIZARD);
  g_clear_object (&self->incident);
  g_clear_object (&self->draft);

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
   * ConfianzaRecoveryWizard::finished:
   * @plan: the plan as stored, with its outcome
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CONFIANZA_TYPE_RECOVERY_PLAN);

  g_type_ensure (CONFIANZA_TYPE_LISTEN_PAGE);
  g_type_ensure (CONFIANZA_TYPE_APOLOGY_PAGE);
  g_type_ensure (CONFIANZA_TYPE_CONSEQUENCES_PAGE);
  g_type_ensure (CONFIANZA_TYPE_GUARANTEE_PAGE);
  g_type_ensure (CONFIANZA_TYPE_FOLLOW_UP_PAGE);
  g_type_ensure (CONFIANZA_TYPE_ANALYSIS_PAGE);
  g_type_ensure (CONFIANZA_TYPE_OUTCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-recovery-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, close_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, incident_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, systemic_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaRecoveryWizard, next_button);
  for (int i = 0; i < N_PAGES; i++)
    gtk_widget_class_bind_template_child_full (widget_class, page_ids[i], FALSE,
                                               G_STRUCT_OFFSET (ConfianzaRecoveryWizard, pages)
                                               + i * sizeof (ConfianzaWizardPage *));
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "wizard.save-close", NULL, save_close_activated);
  gtk_widget_class_install_action (widget_class, "wizard.let-go", NULL, let_go_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "wizard.back", NULL);
}

static void
confianza_recovery_wizard_init (ConfianzaRecoveryWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

ConfianzaRecoveryWizard *
confianza_recovery_wizard_new (GtkWindow         *parent,
                               ConfianzaStore    *store,
                               ConfianzaIncident *incident)
{
  ConfianzaRecoveryWizard *self;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GListModel) all_incidents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *systemic = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), NULL);

  self = g_object_new (CONFIANZA_TYPE_RECOVERY_WIZARD,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->incident = g_object_ref (incident);

  /* The incident's plan where its draft was left, or a new one. */
  plan = confianza_store_get_plan_for_incident (store, confianza_incident_get_id (incident), &error);
  if (plan == NULL)
    {
      g_autoptr(GDateTime) today = confianza_date_today ();

      plan = confianza_recovery_plan_new (confianza_incident_get_client_id (incident),
                                          confianza_incident_get_id (incident), today);
      self->draft = confianza_recovery_draft_new (plan);
    }
  else
    {
      g_autoptr(GListModel) compensations = confianza_store_get_compensations (store, confianza_recovery_plan_get_id (plan));

      self->draft = confianza_recovery_draft_new (plan);
      for (guint i = 0; i < g_list_model_get_n_items (compensations); i++)
        {
          g_autoptr(ConfianzaCompensation) compensation = g_list_model_get_item (compensations, i);
          g_autoptr(ConfianzaCompensation) copy = confianza_compensation_copy (compensation);

          confianza_recovery_draft_add_compensation (self->draft, copy);
        }

      /* What already went out, shown under its step */
      {
        g_autoptr(GListModel) messages = confianza_store_get_recovery_messages (store, confianza_recovery_plan_get_id (plan));

        for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
          {
            g_autoptr(ConfianzaRecoveryMessage) message = g_list_model_get_item (messages, i);
            g_autoptr(ConfianzaRecoveryMessage) copy = confianza_recovery_message_copy (message);

            confianza_recovery_draft_add_message (self->draft, copy);
          }
      }
    }

  for (int i = 0; i < N_PAGES; i++)
    confianza_wizard_page_setup (self->pages[i], store, incident, self->draft,
                                 GTK_WIDGET (self->next_button), self->general_error);
  if (error != NULL)
    confianza_form_show_general (confianza_wizard_page_get_form (self->pages[0]), error->message);

  client = confianza_store_get_client (store, confianza_incident_get_client_id (incident), NULL);
  if (client != NULL)
    adw_window_title_set_subtitle (self->window_title, confianza_client_get_name (client));
  gtk_label_set_label (self->incident_label, confianza_incident_get_description (incident));

  all_incidents = confianza_store_get_incidents (store, 0);
  systemic = confianza_incident_systemic_sentence (incident, all_incidents);
  gtk_label_set_label (self->systemic_label, systemic != NULL ? systemic : "");
  gtk_widget_set_visible (GTK_WIDGET (self->systemic_label), systemic != NULL);
  confianza_consequences_page_set_systemic (CONFIANZA_CONSEQUENCES_PAGE (self->pages[CONFIANZA_RECOVERY_STEP_CONSEQUENCES]),
                                            systemic != NULL);

  for (int i = 0; i < N_PAGES; i++)
    confianza_wizard_page_load (self->pages[i], saved_plan (self));
  go_to (self, confianza_recovery_plan_get_step (saved_plan (self)));

  return self;
}

ConfianzaRecoveryPlan *
confianza_recovery_wizard_get_plan (ConfianzaRecoveryWizard *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_WIZARD (self), NULL);

  return saved_plan (self);
}
