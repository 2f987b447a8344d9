/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The incident dialog, the recovery plan wizard and the follow-up dialog,
 * driven in-process through their real widgets. Run in C and in Spanish:
 * the checks are on visibility, sensitivity and stored values, never on
 * English text. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <locale.h>

#include "util/gui-test-util.h"

#include "gui/confianza-date-entry.h"
#include "gui/confianza-farewell.h"
#include "gui/confianza-follow-up-dialog.h"
#include "gui/confianza-incident-dialog.h"
#include "gui/confianza-recovery-start.h"
#include "gui/confianza-recovery-wizard.h"
#include "gui/confianza-words-editor.h"
#include "model/confianza-recovery.h"
#include "store/confianza-store-recovery.h"
#include "util/test-dates.h"
#include "util/test-util.h"

typedef struct
{
  char              *dir;
  char              *path;
  ConfianzaStore    *store;
  gint64             client_id;
  ConfianzaIncident *incident;
  guint              n_saved;
  guint              n_finished;
} Fixture;

/* Helpers */

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget), name);

  /* The wizard's steps are pages of their own, each with its template. */
  if (object == NULL && CONFIANZA_IS_RECOVERY_WIZARD (widget))
    {
      GtkWidget *stack = child (widget, "stack");

      for (GtkWidget *page = gtk_widget_get_first_child (stack);
           page != NULL && object == NULL;
           page = gtk_widget_get_next_sibling (page))
        object = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), name);
    }

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* The wizard's page @name ("consequences"). */
static GtkWidget *
wizard_step (gpointer    wizard,
             const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (child (wizard, "stack")), name);

  g_assert_nonnull (page);
  return page;
}

static void
type_text (gpointer    window,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, name)), text);
  confianza_test_spin ();
}

static void
type_view (gpointer    window,
           const char *name,
           const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (window, name))), text, -1);
  confianza_test_spin ();
}

static void
type_date_text (gpointer    window,
                const char *name,
                const char *text)
{
  gtk_editable_set_text (confianza_date_entry_get_editable (CONFIANZA_DATE_ENTRY (child (window, name))), text);
  confianza_test_spin ();
}

static void
type_date (gpointer    window,
           const char *name,
           int         days_after_today)
{
  g_autoptr(GDateTime) date = util_dup_days_from_today (days_after_today);
  g_autofree char *text = confianza_date_format (date);

  type_date_text (window, name, text);
}

static void
assert_shows_error (gpointer    window,
                    const char *error_name)
{
  GtkWidget *label = child (window, error_name);

  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");
}

static void
assert_no_error (gpointer    window,
                 const char *error_name)
{
  g_assert_false (gtk_widget_get_visible (child (window, error_name)));
}

static const char *
wizard_page (gpointer wizard)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (wizard, "stack")));
}

static void
activate (gpointer    window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  confianza_test_spin ();
}

/* Escape, as the window's own key bindings handle it. */
static void
press_escape (gpointer window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    GTK_WIDGET (window), gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_true (handled);
  confianza_test_spin ();
}

static void
on_saved (GtkWidget *window,
          GObject   *object,
          Fixture   *fixture)
{
  fixture->n_saved++;
}

static void
on_finished (GtkWidget *window,
             GObject   *object,
             Fixture   *fixture)
{
  fixture->n_finished++;
}

static void
present (Fixture  *fixture,
         gpointer  window,
         gpointer *pointer)
{
  g_assert_nonnull (window);
  *pointer = window;
  g_object_add_weak_pointer (G_OBJECT (window), pointer);
  g_signal_connect (window, "saved", G_CALLBACK (on_saved), fixture);
  if (CONFIANZA_IS_RECOVERY_WIZARD (window))
    g_signal_connect (window, "finished", G_CALLBACK (on_finished), fixture);
  gtk_window_present (GTK_WINDOW (window));
  confianza_test_spin ();
}

static ConfianzaRecoveryWizard *
open_wizard (Fixture                  *fixture,
             ConfianzaRecoveryWizard **pointer)
{
  present (fixture, confianza_recovery_wizard_new (NULL, fixture->store, fixture->incident),
           (gpointer *) pointer);
  return *pointer;
}

static ConfianzaRecoveryPlan *
stored_plan (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ConfianzaRecoveryPlan *plan;

  plan = confianza_store_get_plan_for_incident (fixture->store, confianza_incident_get_id (fixture->incident), &error);
  g_assert_no_error (error);

  return plan;
}

static guint
count (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_object_unref (model);
  return n;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");
  g_autoptr(GDateTime) happened_on = util_dup_days_from_today (-3);

  fixture->dir = g_dir_make_tmp ("confianza-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = confianza_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (confianza_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  fixture->client_id = confianza_client_get_id (client);

  fixture->incident = confianza_incident_new (fixture->client_id, happened_on,
                                              "El catálogo para la feria llegó nueve días tarde.");
  confianza_incident_set_severity (fixture->incident, CONFIANZA_SEVERITY_SERIOUS);
  confianza_incident_set_cause (fixture->incident, "Plazos");
  g_assert_true (confianza_store_save_incident (fixture->store, fixture->incident, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  confianza_test_spin ();
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->store);
  util_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Incident dialog */

static void
test_incident_new (Fixture       *fixture,
                   gconstpointer  data)
{
  ConfianzaIncidentDialog *dialog = NULL;
  g_autoptr(GListModel) incidents = NULL;
  g_autoptr(ConfianzaIncident) stored = NULL;
  GtkWidget *save_button;

  present (fixture, confianza_incident_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  save_button = child (dialog, "save_button");

  /* What went wrong is required. */
  g_assert_false (gtk_widget_get_sensitive (save_button));
  activate (dialog, "dialog.save");
  g_assert_nonnull (dialog);
  assert_shows_error (dialog, "description_error");

  /* An unreadable date is said in words. */
  type_view (dialog, "description_view", "La factura llegó con el importe equivocado.");
  type_date_text (dialog, "happened_on_entry", "31/31/2026");
  assert_shows_error (dialog, "happened_on_error");
  g_assert_false (gtk_widget_get_sensitive (save_button));
  type_date (dialog, "happened_on_entry", -1);
  assert_no_error (dialog, "happened_on_error");

  /* A cause from the list; the same cause as an incident two days
   * earlier: systemic, and the dialog says so. */
  g_assert_false (gtk_widget_get_visible (child (dialog, "systemic_label")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "incident.cause", "s", "Plazos"));
  confianza_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "cause_entry"))), ==, "Plazos");
  g_assert_true (gtk_widget_get_visible (child (dialog, "systemic_label")));
  /* A cause typed by the user, new: isolated. */
  type_text (dialog, "cause_entry", "Facturación");
  g_assert_false (gtk_widget_get_visible (child (dialog, "systemic_label")));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "severity_dropdown")), CONFIANZA_SEVERITY_MINOR);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "responsibility_dropdown")), CONFIANZA_RESPONSIBILITY_SHARED);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (save_button));
  activate (dialog, "dialog.save");
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  incidents = confianza_store_get_incidents (fixture->store, fixture->client_id);
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 2);
  stored = g_list_model_get_item (incidents, 0);
  g_assert_cmpstr (confianza_incident_get_cause (stored), ==, "Facturación");
  g_assert_cmpint (confianza_incident_get_severity (stored), ==, CONFIANZA_SEVERITY_MINOR);
  g_assert_cmpint (confianza_incident_get_responsibility (stored), ==, CONFIANZA_RESPONSIBILITY_SHARED);

  /* Edit it: the cause typed before is offered now, and the change is kept. */
  present (fixture, confianza_incident_dialog_new (NULL, fixture->store, 0, stored), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "cause_entry"))), ==, "Facturación");
  type_text (dialog, "cause_entry", "plazos");
  g_assert_true (gtk_widget_get_visible (child (dialog, "systemic_label")));
  activate (dialog, "dialog.save");
  g_assert_null (dialog);
  {
    g_autoptr(ConfianzaIncident) edited = g_list_model_get_item (incidents, 0);

    g_assert_cmpstr (confianza_incident_get_cause (edited), ==, "plazos");
    g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 2);
  }
}

static void
test_incident_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  ConfianzaIncidentDialog *dialog = NULL;

  present (fixture, confianza_incident_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  type_view (dialog, "description_view", "Algo que no se guarda");
  activate (dialog, "window.close");
  g_assert_null (dialog);
  g_assert_cmpuint (count (confianza_store_get_incidents (fixture->store, fixture->client_id)), ==, 1);
}

/* The wizard */

static void
test_wizard_untouched_close (Fixture       *fixture,
                             gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;

  open_wizard (fixture, &wizard);
  g_assert_cmpstr (wizard_page (wizard), ==, "listen");
  g_assert_false (gtk_widget_get_sensitive (child (wizard, "back_button")));

  /* Escape with nothing typed: no empty plan is left behind. */
  press_escape (wizard);
  g_assert_null (wizard);
  g_assert_null (stored_plan (fixture));
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

/* The story of source 001, entered through the wizard alone. */
static void
test_wizard_story (Fixture       *fixture,
                   gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  GtkWidget *next;
  gint64 plan_id;

  open_wizard (fixture, &wizard);
  next = child (wizard, "next_button");

  /* 1 Listen first: no date before the incident. */
  type_view (wizard, "client_said_view", "Fuimos a la feria sin catálogo. Quedamos fatal.");
  type_date (wizard, "invited_on_entry", -2);
  type_date (wizard, "acknowledged_on_entry", -5);
  assert_shows_error (wizard, "acknowledged_on_error");
  g_assert_false (gtk_widget_get_sensitive (next));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "listen");
  g_assert_null (stored_plan (fixture));
  type_date (wizard, "acknowledged_on_entry", -2);
  assert_no_error (wizard, "acknowledged_on_error");
  g_assert_true (gtk_widget_get_sensitive (next));
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "apologise");

  /* Moving on saved the draft, left on the next step. */
  plan = stored_plan (fixture);
  g_assert_nonnull (plan);
  g_assert_cmpint (confianza_recovery_plan_get_step (plan), ==, CONFIANZA_RECOVERY_STEP_APOLOGISE);
  g_assert_cmpstr (confianza_recovery_plan_get_client_said (plan), ==, "Fuimos a la feria sin catálogo. Quedamos fatal.");
  plan_id = confianza_recovery_plan_get_id (plan);
  g_clear_object (&plan);
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  /* 2 Apologise: the words need their day. */
  type_view (wizard, "apology_words_view", "Fue un error nuestro y lo sentimos de verdad.");
  assert_shows_error (wizard, "apologised_on_error");
  g_assert_false (gtk_widget_get_sensitive (next));
  type_date (wizard, "apologised_on_entry", -1);
  type_text (wizard, "apologised_by_entry", "Ana (directora)");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "channel_dropdown")), CONFIANZA_CHANNEL_IN_PERSON);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (wizard, "apology_timing_label"))), !=, "");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "consequences");

  /* 3 Consequences: a suggestion with its reason (slow and serious, ours:
   * in proportion); a refund typed but not added is added on Next. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (wizard, "advice_label"))), !=, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "kind_dropdown")), CONFIANZA_COMPENSATION_REFUND);
  type_text (wizard, "amount_entry", "doce");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "consequences");
  assert_shows_error (wizard, "amount_error");
  type_text (wizard, "amount_entry", "450,00");
  type_text (wizard, "currency_entry", "eur");
  type_text (wizard, "comp_description_entry", "Devolución del importe del catálogo");
  assert_no_error (wizard, "amount_error");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "guarantee");
  {
    g_autoptr(GListModel) compensations = confianza_store_get_compensations (fixture->store, plan_id);
    g_autoptr(ConfianzaCompensation) refund = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (compensations), ==, 1);
    refund = g_list_model_get_item (compensations, 0);
    g_assert_cmpint (confianza_compensation_get_kind (refund), ==, CONFIANZA_COMPENSATION_REFUND);
    g_assert_cmpint (confianza_compensation_get_amount_cents (refund), ==, 45000);
    g_assert_cmpstr (confianza_compensation_get_currency (refund), ==, "EUR");
    g_assert_nonnull (confianza_compensation_get_given_on (refund));
  }

  /* 4 Guarantee: terms need an end; it becomes a promise of the plan. */
  type_view (wizard, "guarantee_terms_view", "Si otra entrega llega tarde, ese trabajo es gratis.");
  assert_shows_error (wizard, "guarantee_until_error");
  g_assert_false (gtk_widget_get_sensitive (next));
  type_date (wizard, "guarantee_until_entry", 180);
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "follow-up");
  plan = stored_plan (fixture);
  {
    g_autoptr(ConfianzaPromise) promise = NULL;
    g_autoptr(GDateTime) until = util_dup_days_from_today (180);
    g_autoptr(GDateTime) today = confianza_date_today ();

    g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), >, 0);
    promise = confianza_store_get_promise (fixture->store, confianza_recovery_plan_get_guarantee_promise_id (plan), NULL);
    g_assert_nonnull (promise);
    g_assert_cmpint (confianza_promise_get_plan_id (promise), ==, plan_id);
    g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Si otra entrega llega tarde, ese trabajo es gratis.");
    g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), until));
    g_assert_true (confianza_date_equal (confianza_promise_get_promised_on (promise), today));
  }
  g_clear_object (&plan);

  /* 5 Follow-up: weekly for two months is offered; "times" needs a
   * cadence; then 8 dated follow-ups. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (wizard, "every_spin"))), ==, 7);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (wizard, "until_check"))));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "every_spin")), 0);
  confianza_test_spin ();
  assert_shows_error (wizard, "every_error");
  g_assert_false (gtk_widget_get_sensitive (next));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "every_spin")), 7);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (wizard, "schedule_label"))), !=, "");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "internal");
  g_assert_cmpuint (count (confianza_store_get_follow_ups (fixture->store, plan_id)), ==, 8);

  /* 6 Internal analysis: not due before the incident. */
  type_view (wizard, "root_cause_view", "La imprenta no tenía fecha de entrega por escrito.");
  type_view (wizard, "corrective_measure_view", "Fechas de imprenta por escrito y con margen.");
  type_text (wizard, "corrective_owner_entry", "Ana");
  type_date (wizard, "corrective_due_entry", -10);
  assert_shows_error (wizard, "corrective_due_error");
  type_date (wizard, "corrective_due_entry", 14);
  activate (wizard, "wizard.next");
  g_assert_cmpstr (wizard_page (wizard), ==, "outcome");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (wizard, "summary_label"))), !=, "");

  /* Back keeps what was typed, and saves too. */
  activate (wizard, "wizard.back");
  g_assert_cmpstr (wizard_page (wizard), ==, "internal");
  plan = stored_plan (fixture);
  g_assert_cmpint (confianza_recovery_plan_get_step (plan), ==, CONFIANZA_RECOVERY_STEP_INTERNAL);
  g_assert_cmpstr (confianza_recovery_plan_get_corrective_owner (plan), ==, "Ana");
  g_clear_object (&plan);
  activate (wizard, "wizard.next");

  /* "Recovered" needs a follow-up done: the wizard says so, and only that. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "recovered_check")), TRUE);
  confianza_test_spin ();
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_visible (child (wizard, "general_error")));
  {
    const char *missing = gtk_label_get_label (GTK_LABEL (child (wizard, "general_error")));

    g_assert_nonnull (strstr (missing, _("Mark at least one follow-up as done (step 5).")));
    g_assert_null (strstr (missing, _("Record the day you apologised (step 2).")));
  }
  activate (wizard, "wizard.next");
  g_assert_nonnull (wizard);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  /* The outcome: letting the client go needs a reason. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "let_go_check")), TRUE);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (child (wizard, "outcome_reason_view"))));
  activate (wizard, "wizard.next");
  g_assert_nonnull (wizard);
  assert_shows_error (wizard, "outcome_reason_error");
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  type_view (wizard, "outcome_reason_view", "Sigue hostil y exige cosas inaceptables.");
  activate (wizard, "wizard.next");
  g_assert_null (wizard);
  g_assert_cmpuint (fixture->n_finished, ==, 1);

  plan = stored_plan (fixture);
  g_assert_cmpint (confianza_recovery_plan_get_outcome (plan), ==, CONFIANZA_PLAN_LET_GO);
  g_assert_nonnull (confianza_recovery_plan_get_closed_on (plan));
  client = confianza_store_get_client (fixture->store, fixture->client_id, NULL);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "Sigue hostil y exige cosas inaceptables.");
}

static void
test_wizard_resume (Fixture       *fixture,
                    gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;

  open_wizard (fixture, &wizard);
  type_view (wizard, "client_said_view", "No nos avisasteis del retraso.");
  activate (wizard, "wizard.next");
  type_text (wizard, "apologised_by_entry", "Ana");
  type_date (wizard, "apologised_on_entry", 0);

  /* Closing the window (as the window manager would) keeps the draft. */
  gtk_window_close (GTK_WINDOW (wizard));
  confianza_test_spin ();
  g_assert_null (wizard);
  plan = stored_plan (fixture);
  g_assert_cmpint (confianza_recovery_plan_get_step (plan), ==, CONFIANZA_RECOVERY_STEP_APOLOGISE);
  g_assert_cmpstr (confianza_recovery_plan_get_apologised_by (plan), ==, "Ana");

  /* It resumes where it stopped, with everything typed. */
  open_wizard (fixture, &wizard);
  g_assert_cmpstr (wizard_page (wizard), ==, "apologise");
  g_assert_true (gtk_widget_get_sensitive (child (wizard, "back_button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (wizard, "apologised_by_entry"))), ==, "Ana");
  activate (wizard, "wizard.back");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (wizard, "client_said_view")));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "No nos avisasteis del retraso.");
  }

  /* An unreadable date cannot be saved: the wizard stays open and says
   * why, on Escape as on "Save and Close". */
  type_date_text (wizard, "acknowledged_on_entry", "ayer por la tarde");
  press_escape (wizard);
  g_assert_nonnull (wizard);
  activate (wizard, "wizard.save-close");
  g_assert_nonnull (wizard);
  assert_shows_error (wizard, "acknowledged_on_error");
  gtk_window_close (GTK_WINDOW (wizard));
  confianza_test_spin ();
  g_assert_nonnull (wizard);

  type_date_text (wizard, "acknowledged_on_entry", "");
  activate (wizard, "wizard.save-close");
  g_assert_null (wizard);
  g_clear_object (&plan);
  plan = stored_plan (fixture);
  g_assert_cmpint (confianza_recovery_plan_get_step (plan), ==, CONFIANZA_RECOVERY_STEP_LISTEN);
}

/* Changing the cadence keeps the follow-ups already done; the guarantee's
 * promise follows the guarantee; compensations can be removed. */
static void
test_wizard_edit_schedule (Fixture       *fixture,
                           gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GListModel) follow_ups = NULL;
  g_autoptr(ConfianzaFollowUp) first = NULL;
  g_autoptr(ConfianzaFollowUp) done = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  gint64 plan_id;
  gint64 promise_id;

  open_wizard (fixture, &wizard);
  type_view (wizard, "client_said_view", "Estoy muy molesta.");
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  /* Two compensations, one added with the button. */
  type_text (wizard, "amount_entry", "100");
  activate (wizard_step (wizard, "consequences"), "compensation.add");
  g_assert_true (gtk_widget_get_visible (child (wizard, "compensations_list")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (wizard, "amount_entry"))), ==, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "kind_dropdown")), CONFIANZA_COMPENSATION_OTHER);
  type_text (wizard, "comp_description_entry", "Una cesta de productos");
  activate (wizard, "wizard.next");
  plan = stored_plan (fixture);
  plan_id = confianza_recovery_plan_get_id (plan);
  g_clear_object (&plan);
  g_assert_cmpuint (count (confianza_store_get_compensations (fixture->store, plan_id)), ==, 2);

  type_view (wizard, "guarantee_terms_view", "Revisiones gratis");
  type_date (wizard, "guarantee_until_entry", 90);
  activate (wizard, "wizard.next");
  /* Three follow-ups, every 5 days. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "every_spin")), 5);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "times_check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "times_spin")), 3);
  confianza_test_spin ();
  activate (wizard, "wizard.save-close");
  g_assert_null (wizard);

  follow_ups = confianza_store_get_follow_ups (fixture->store, plan_id);
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 3);

  /* The first is done (through the follow-up dialog, with a note). */
  first = g_list_model_get_item (follow_ups, 0);
  {
    ConfianzaFollowUpDialog *dialog = NULL;

    present (fixture, confianza_follow_up_dialog_new (NULL, fixture->store, first), (gpointer *) &dialog);
    type_date_text (dialog, "done_on_entry", "");
    g_assert_false (gtk_widget_get_sensitive (child (dialog, "save_button")));
    type_date (dialog, "done_on_entry", 0);
    type_view (dialog, "note_view", "Llamada: todo bien.");
    activate (dialog, "dialog.save");
    g_assert_null (dialog);
  }
  done = g_list_model_get_item (follow_ups, 0);
  g_assert_true (confianza_date_equal (confianza_follow_up_get_done_on (done), today));
  g_assert_cmpstr (confianza_follow_up_get_note (done), ==, "Llamada: todo bien.");

  /* Every 10 days now: the one done stays, the others move. */
  open_wizard (fixture, &wizard);
  g_assert_cmpstr (wizard_page (wizard), ==, "follow-up");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "every_spin")), 10);
  confianza_test_spin ();
  activate (wizard, "wizard.back");
  activate (wizard, "wizard.back");
  /* Remove one compensation; take the guarantee back. */
  g_assert_true (gtk_widget_activate_action (wizard_step (wizard, "consequences"), "compensation.remove", "i", 0));
  confianza_test_spin ();
  activate (wizard, "wizard.next");
  g_assert_cmpuint (count (confianza_store_get_compensations (fixture->store, plan_id)), ==, 1);
  plan = stored_plan (fixture);
  promise_id = confianza_recovery_plan_get_guarantee_promise_id (plan);
  g_clear_object (&plan);
  g_assert_cmpint (promise_id, >, 0);
  type_view (wizard, "guarantee_terms_view", "");
  type_date_text (wizard, "guarantee_until_entry", "");
  activate (wizard, "wizard.save-close");
  g_assert_null (wizard);

  plan = stored_plan (fixture);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), ==, 0);
  g_assert_null (confianza_store_get_promise (fixture->store, promise_id, NULL));

  /* Days 10, 20, 30 after the start, plus the one done on day 5. */
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 4);
  {
    ConfianzaFollowUpTally tally;
    g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < g_list_model_get_n_items (follow_ups); i++)
      g_ptr_array_add (array, g_list_model_get_item (follow_ups, i));
    tally = confianza_recovery_tally_follow_ups (array, NULL);
    g_assert_cmpuint (tally.done, ==, 1);
    g_assert_cmpuint (tally.on_time, ==, 1);
  }
}

/* The offer after a failed promise */

/* The widget named @name under @root (gtk_widget_set_name ()) */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
named (gpointer    root,
       const char *name)
{
  GtkWidget *found;

  if (name == NULL)
    return root;
  found = find_named (GTK_WIDGET (root), name);
  g_assert_nonnull (found);
  return found;
}

static guint
count_of_type (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_of_type (c, type);

  return n;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static guint
count_incidents (Fixture *fixture)
{
  return count (confianza_store_get_incidents (fixture->store, fixture->client_id));
}

/* Answers a message dialog as its button would: the response, then closed. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  confianza_test_spin ();
}

static void
test_offer_after_late_delivery (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) promised_on = util_dup_days_from_today (-20);
  g_autoptr(GDateTime) due_on = util_dup_days_from_today (-10);
  g_autoptr(GDateTime) a_bit_late = util_dup_days_from_today (-7);
  g_autoptr(GDateTime) too_late = util_dup_days_from_today (-6);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (fixture->client_id, "Catálogo impreso",
                                                               promised_on, due_on);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;
  GtkWindow *wizard;
  g_autoptr(GListModel) incidents = NULL;

  gtk_window_present (window);
  g_assert_true (confianza_store_save_promise (fixture->store, promise, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_incidents (fixture), ==, 1);

  /* Three days late is within the default threshold: nothing is offered */
  confianza_promise_set_delivered_on (promise, a_bit_late);
  confianza_recovery_start_offer (window, fixture->store, promise);
  confianza_test_spin ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Four days late: offered; "Not now" records nothing */
  confianza_promise_set_delivered_on (promise, too_late);
  confianza_recovery_start_offer (window, fixture->store, promise);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "later");
  g_assert_null (find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD));
  g_assert_cmpuint (count_incidents (fixture), ==, 1);

  /* Accepted: the incident is recorded and its wizard opens on step 1 */
  confianza_recovery_start_offer (window, fixture->store, promise);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  respond (dialog, "start");
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
  wizard = find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpstr (wizard_page (wizard), ==, "listen");
  incidents = confianza_store_get_incidents (fixture->store, fixture->client_id);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(ConfianzaIncident) incident = g_list_model_get_item (incidents, i);

      if (confianza_incident_get_id (incident) == confianza_incident_get_id (fixture->incident))
        continue;
      g_assert_nonnull (strstr (confianza_incident_get_description (incident), "Catálogo impreso"));
      g_assert_true (confianza_date_equal (confianza_incident_get_happened_on (incident), too_late));
    }
  gtk_window_destroy (wizard);

  /* A recorded incident is offered its plan, but not once it has one */
  confianza_recovery_start_offer_incident (window, fixture->store, fixture->incident);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "later");
  {
    g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (fixture->client_id,
                                                                         confianza_incident_get_id (fixture->incident),
                                                                         confianza_incident_get_happened_on (fixture->incident));

    g_assert_true (confianza_store_save_recovery_plan (fixture->store, plan, &error));
    g_assert_no_error (error);
  }
  confianza_recovery_start_offer_incident (window, fixture->store, fixture->incident);
  confianza_test_spin ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (window);
}

static void
test_choose_incident (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWindow *wizard;
  GtkWidget *drop_down;

  gtk_window_present (window);

  /* The one incident without a plan is offered; starting opens its wizard */
  confianza_recovery_start_choose (window, fixture->store);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  drop_down = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))), ==, 1);
  g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))), 0),
                            "Lucía Ferrer"));
  respond (dialog, "start");
  wizard = find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpint (confianza_recovery_plan_get_incident_id (confianza_recovery_wizard_get_plan (CONFIANZA_RECOVERY_WIZARD (wizard))),
                   ==, confianza_incident_get_id (fixture->incident));
  gtk_window_destroy (wizard);
  confianza_test_spin ();

  /* Once it has a plan, nothing is left to choose: the dialog says where to go */
  {
    g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (fixture->client_id,
                                                                         confianza_incident_get_id (fixture->incident),
                                                                         confianza_incident_get_happened_on (fixture->incident));

    g_assert_true (confianza_store_save_recovery_plan (fixture->store, plan, &error));
    g_assert_no_error (error);
  }
  confianza_recovery_start_choose (window, fixture->store);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "start"));
  respond (dialog, "close");
  g_assert_null (find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD));
  gtk_window_destroy (window);
}

static void
test_something_wrong (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;
  GtkWindow *wizard;

  gtk_window_present (window);

  /* Cancelled: nothing recorded, no wizard */
  confianza_recovery_start_something_wrong (window, fixture->store, fixture->client_id);
  confianza_test_spin ();
  dialog = find_toplevel (CONFIANZA_TYPE_INCIDENT_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  confianza_test_spin ();
  g_assert_cmpuint (count_incidents (fixture), ==, 1);
  g_assert_null (find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD));

  /* Saved: the incident is recorded and its wizard opens, no question asked */
  confianza_recovery_start_something_wrong (window, fixture->store, fixture->client_id);
  confianza_test_spin ();
  dialog = find_toplevel (CONFIANZA_TYPE_INCIDENT_DIALOG);
  type_view (dialog, "description_view", "La factura llegó con el importe equivocado.");
  type_date (dialog, "happened_on_entry", -1);
  activate (dialog, "dialog.save");
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wizard = find_toplevel (CONFIANZA_TYPE_RECOVERY_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpstr (wizard_page (wizard), ==, "listen");
  g_assert_cmpint (confianza_recovery_plan_get_incident_id (confianza_recovery_wizard_get_plan (CONFIANZA_RECOVERY_WIZARD (wizard))),
                   !=, confianza_incident_get_id (fixture->incident));
  gtk_window_destroy (wizard);
  gtk_window_destroy (window);
}

/* Source 001's method kept in the wizard (issue 14): a frank judgement
 * first, which can lead to letting the client go or tighten the follow-up;
 * no compensation only for a reason, and never with one listed; words
 * drafted to copy. */
static void
test_wizard_method (Fixture       *fixture,
                    gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  GtkWidget *next;

  open_wizard (fixture, &wizard);
  next = child (wizard, "next_button");

  /* 1 "No": the let-go path is offered, and leads to the outcome page */
  g_assert_false (gtk_widget_get_visible (child (wizard, "let_go_button")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (wizard, "judgement_advice"))), !=, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "judgement_dropdown")), CONFIANZA_JUDGEMENT_NO);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (child (wizard, "let_go_button")));
  activate (wizard, "wizard.let-go");
  g_assert_cmpstr (wizard_page (wizard), ==, "outcome");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (wizard, "let_go_check"))));

  /* "Con dudas" instead: the follow-up becomes weekly at most, twice as
   * many times */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "in_progress_check")), TRUE);
  confianza_test_spin ();
  activate (wizard, "wizard.back");
  activate (wizard, "wizard.back");
  g_assert_cmpstr (wizard_page (wizard), ==, "follow-up");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "every_spin")), 14);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "times_check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (wizard, "times_spin")), 3);
  confianza_test_spin ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "judgement_dropdown")), CONFIANZA_JUDGEMENT_DOUBTFUL);
  confianza_test_spin ();
  g_assert_false (gtk_widget_get_visible (child (wizard, "let_go_button")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (wizard, "every_spin"))), ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (wizard, "times_spin"))), ==, 6);
  /* … once: another change elsewhere does not double it again */
  type_view (wizard, "client_said_view", "No sé si podremos seguir.");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (wizard, "times_spin"))), ==, 6);

  /* 3 "No compensation" needs its reason */
  activate (wizard, "wizard.back");
  activate (wizard, "wizard.back");
  g_assert_cmpstr (wizard_page (wizard), ==, "consequences");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (wizard, "declined_check")), TRUE);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (child (wizard, "waiver_box")));
  g_assert_false (gtk_widget_get_sensitive (next));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (wizard, "waiver_dropdown")),
                              CONFIANZA_WAIVER_CLIENT_DECLINED - 1);
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_sensitive (next));
  /* … and cannot stay ticked once a compensation is listed */
  type_text (wizard, "amount_entry", "100");
  activate (wizard_step (wizard, "consequences"), "compensation.add");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (wizard, "declined_check"))));
  g_assert_false (gtk_widget_get_sensitive (child (wizard, "declined_check")));

  /* Drafted words: shown to edit, copied, never sent */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);
    g_autoptr(GtkWindow) dialog = NULL;

    activate (wizard_step (wizard, "consequences"), "words.draft");
    confianza_test_spin ();
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window))
          dialog = g_steal_pointer (&window);
      }
    g_assert_nonnull (dialog);
    /* Without the client's email: no mail, and the reason in words */
    g_assert_false (gtk_widget_get_sensitive (named (dialog, "mail_button")));
    g_assert_true (gtk_widget_get_visible (named (dialog, "mail_reason")));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (named (dialog, "mail_reason"))), "Lucía Ferrer"));
    /* Copying keeps the words and closes the dialog */
    g_signal_emit_by_name (named (dialog, "copy_button"), "clicked");
    confianza_test_spin ();
    g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }

  activate (wizard, "wizard.save-close");
  confianza_test_spin ();
  plan = stored_plan (fixture);
  g_assert_nonnull (plan);
  g_assert_cmpint (confianza_recovery_plan_get_trust_judgement (plan), ==, CONFIANZA_JUDGEMENT_DOUBTFUL);
  g_assert_cmpint (confianza_recovery_plan_get_follow_up_every_days (plan), ==, 7);
  g_assert_false (confianza_recovery_plan_get_compensation_declined (plan));
  {
    g_autoptr(GListModel) messages = confianza_store_get_recovery_messages (fixture->store, confianza_recovery_plan_get_id (plan));
    g_autoptr(ConfianzaRecoveryMessage) message = NULL;
    g_autoptr(GDateTime) today = confianza_date_today ();

    g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
    message = g_list_model_get_item (messages, 0);
    g_assert_cmpint (confianza_recovery_message_get_kind (message), ==, CONFIANZA_WORDS_COMPENSATION_OFFER);
    g_assert_cmpint (confianza_recovery_message_get_way (message), ==, CONFIANZA_MESSAGE_COPIED);
    g_assert_true (confianza_date_equal (confianza_recovery_message_get_sent_on (message), today));
    g_assert_cmpstr (confianza_recovery_message_get_text (message), !=, "");
  }
  if (wizard != NULL)
    gtk_window_destroy (GTK_WINDOW (wizard));
}

/* The launcher the tests put in place of the mail client */
static char *launched_uri;
static gboolean launch_fails;

static void
fake_launch (const char          *uri,
             GAppLaunchContext   *context,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, data);

  g_free (launched_uri);
  launched_uri = g_strdup (uri);
  if (launch_fails)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No application handles mailto");
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
fake_launch_finish (GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static GtkWindow *
draft_on (gpointer    wizard,
          const char *step)
{
  GtkWindow *dialog;

  activate (wizard_step (wizard, step), "words.draft");
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* Words copied on a plan not saved yet are kept in the draft and saved
 * with it; opening them in the mail client builds a mailto: URI to the
 * client, and a launch that fails says so in words and keeps nothing; a
 * plan resumed shows what went out under its step */
static void
test_wizard_words_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  ConfianzaRecoveryWizard *wizard = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  client = confianza_store_get_client (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  confianza_client_set_email (client, "lucia@example.com");
  g_assert_true (confianza_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  confianza_words_editor_set_launcher (fake_launch, fake_launch_finish);

  /* Nothing typed: the apology copied is what makes the plan worth saving */
  open_wizard (fixture, &wizard);
  g_assert_null (stored_plan (fixture));
  dialog = draft_on (wizard, "apologise");
  g_assert_true (gtk_widget_get_sensitive (named (dialog, "mail_button")));
  g_assert_false (gtk_widget_get_visible (named (dialog, "mail_reason")));
  g_signal_emit_by_name (named (dialog, "copy_button"), "clicked");
  confianza_test_spin ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (stored_plan (fixture));

  /* The mail client that cannot open: said in words, nothing kept */
  dialog = draft_on (wizard, "apologise");
  launch_fails = TRUE;
  g_signal_emit_by_name (named (dialog, "mail_button"), "clicked");
  confianza_test_spin ();
  g_assert_nonnull (launched_uri);
  g_assert_true (g_str_has_prefix (launched_uri, "mailto:lucia@example.com?subject="));
  g_assert_nonnull (strstr (launched_uri, "&body="));
  g_assert_null (strchr (launched_uri, ' '));
  g_assert_null (strchr (launched_uri, '\n'));
  g_assert_true (gtk_widget_get_visible (named (dialog, "mail_error")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (named (dialog, "mail_error"))), !=, "");
  g_assert_true (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == dialog);
  /* … and one that opens: kept as opened in the mail client */
  launch_fails = FALSE;
  g_signal_emit_by_name (named (dialog, "mail_button"), "clicked");
  confianza_test_spin ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  activate (wizard, "wizard.save-close");
  confianza_test_spin ();
  g_assert_null (wizard);
  plan = stored_plan (fixture);
  g_assert_nonnull (plan);
  messages = confianza_store_get_recovery_messages (fixture->store, confianza_recovery_plan_get_id (plan));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  {
    g_autoptr(ConfianzaRecoveryMessage) first = g_list_model_get_item (messages, 0);
    g_autoptr(ConfianzaRecoveryMessage) second = g_list_model_get_item (messages, 1);

    g_assert_cmpint (confianza_recovery_message_get_kind (first), ==, CONFIANZA_WORDS_APOLOGY);
    g_assert_cmpint (confianza_recovery_message_get_way (first), ==, CONFIANZA_MESSAGE_COPIED);
    g_assert_cmpint (confianza_recovery_message_get_way (second), ==, CONFIANZA_MESSAGE_MAILED);
  }

  /* Resumed, the apology step shows both, dated */
  open_wizard (fixture, &wizard);
  {
    guint expanders = count_of_type (wizard_step (wizard, "apologise"), GTK_TYPE_EXPANDER);
    g_assert_cmpuint (expanders, ==, 2);
    g_assert_cmpuint (count_of_type (wizard_step (wizard, "follow-up"), GTK_TYPE_EXPANDER), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (wizard));
  confianza_words_editor_set_launcher (NULL, NULL);
  g_clear_pointer (&launched_uri, g_free);
}

/* Letting the client go drafts the respectful closing message, with the
 * same editor; copying it keeps it with the plan, dated, and the dialog
 * stays for the report and the erasing */
static void
test_farewell_closing_message (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaRecoveryDraft) draft = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  GtkWidget *window = gtk_window_new ();
  GtkWindow *dialog;
  GtkTextView *view;

  plan = confianza_recovery_plan_new (fixture->client_id, confianza_incident_get_id (fixture->incident), today);
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  confianza_recovery_plan_set_outcome_reason (plan, "No confía en nosotros.");
  draft = confianza_recovery_draft_new (plan);
  g_assert_true (confianza_store_save_recovery (fixture->store, draft, &error));
  g_assert_no_error (error);
  client = confianza_store_get_client (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  confianza_farewell_offer (window, fixture->store, client, plan, NULL);
  confianza_test_spin ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  /* The drafted words name the client and what went wrong */
  {
    GtkWidget *copy = named (dialog, "copy_button");
    GtkWidget *box = gtk_widget_get_parent (gtk_widget_get_parent (copy));
    GtkWidget *frame = gtk_widget_get_first_child (box);
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    view = GTK_TEXT_VIEW (gtk_frame_get_child (GTK_FRAME (frame)));
    buffer = gtk_text_view_get_buffer (view);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_nonnull (strstr (text, "Lucía Ferrer"));
    g_assert_nonnull (strstr (text, "El catálogo para la feria llegó nueve días tarde"));
  }
  g_assert_false (gtk_widget_get_sensitive (named (dialog, "mail_button")));
  g_assert_true (gtk_widget_get_visible (named (dialog, "mail_reason")));

  /* Edited, then copied: kept as edited, and the dialog stays */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Gracias por todo, Lucía.", -1);
  g_signal_emit_by_name (named (dialog, "copy_button"), "clicked");
  confianza_test_spin ();
  g_assert_true (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == dialog);
  g_assert_true (gtk_widget_get_visible (named (dialog, "kept_label")));
  messages = confianza_store_get_recovery_messages (fixture->store, confianza_recovery_plan_get_id (plan));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  {
    g_autoptr(ConfianzaRecoveryMessage) message = g_list_model_get_item (messages, 0);

    g_assert_cmpint (confianza_recovery_message_get_kind (message), ==, CONFIANZA_WORDS_FAREWELL);
    g_assert_cmpstr (confianza_recovery_message_get_text (message), ==, "Gracias por todo, Lucía.");
    g_assert_true (confianza_date_equal (confianza_recovery_message_get_sent_on (message), today));
  }

  gtk_window_destroy (dialog);
  confianza_test_spin ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  confianza_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/recovery-gui/incident/new-edit-systemic", test_incident_new);
  ADD ("/recovery-gui/incident/cancel", test_incident_cancel);
  ADD ("/recovery-gui/wizard/untouched-close", test_wizard_untouched_close);
  ADD ("/recovery-gui/wizard/story-of-001", test_wizard_story);
  ADD ("/recovery-gui/wizard/resume", test_wizard_resume);
  ADD ("/recovery-gui/wizard/edit-schedule", test_wizard_edit_schedule);
  ADD ("/recovery-gui/wizard/method-kept", test_wizard_method);
  ADD ("/recovery-gui/wizard/words-kept", test_wizard_words_kept);
  ADD ("/recovery-gui/farewell/closing-message", test_farewell_closing_message);
  ADD ("/recovery-gui/offer/late-delivery", test_offer_after_late_delivery);
  ADD ("/recovery-gui/offer/choose-incident", test_choose_incident);
  ADD ("/recovery-gui/offer/something-wrong", test_something_wrong);

#undef ADD

  return g_test_run ();
}
