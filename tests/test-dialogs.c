/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dialogs, driven in-process through their real widgets. Run in C and
 * in Spanish: the checks are on visibility, sensitivity and stored values,
 * never on English text. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "util/gui-test-util.h"

#include "gui/confianza-application.h"
#include "gui/confianza-broken-dialog.h"
#include "gui/confianza-client-dialog.h"
#include "gui/confianza-conversation-dialog.h"
#include "gui/confianza-date-entry.h"
#include "gui/confianza-deliver-dialog.h"
#include "gui/confianza-import-dialog.h"
#include "store/confianza-import.h"
#include <sqlite3.h>
#include "gui/confianza-preferences-window.h"
#include "gui/confianza-promise-dialog.h"
#include "gui/confianza-quick-win-dialog.h"
#include "gui/confianza-recommendation-dialog.h"
#include "gui/confianza-renegotiate-dialog.h"
#include "util/test-dates.h"
#include "util/test-util.h"

typedef struct
{
  char           *dir;
  char           *path;
  ConfianzaStore *store;
  gint64          client_id;
  GObject        *saved;     /* what the last "saved" signal carried */
  guint           n_saved;
} Fixture;

/* Helpers */

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget), name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type_text (gpointer    dialog,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, name)), text);
  confianza_test_spin ();
}

static void
type_view (gpointer    dialog,
           const char *name,
           const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (dialog, name));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  confianza_test_spin ();
}

/* Types into a date entry, as the user would, the text as given. */
static void
type_date_text (gpointer    dialog,
                const char *name,
                const char *text)
{
  ConfianzaDateEntry *entry = CONFIANZA_DATE_ENTRY (child (dialog, name));

  gtk_editable_set_text (confianza_date_entry_get_editable (entry), text);
  confianza_test_spin ();
}

/* Types a date in the locale's own format (dd/mm/yyyy in Spanish). */
static void
type_date (gpointer    dialog,
           const char *name,
           GDateTime  *date)
{
  g_autofree char *text = confianza_date_format (date);

  type_date_text (dialog, name, text);
}

static void
assert_shows_error (gpointer    dialog,
                    const char *error_name)
{
  GtkWidget *label = child (dialog, error_name);

  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");
}

static void
assert_no_error (gpointer    dialog,
                 const char *error_name)
{
  g_assert_false (gtk_widget_get_visible (child (dialog, error_name)));
}

static gboolean
can_save (gpointer dialog)
{
  return gtk_widget_get_sensitive (child (dialog, "save_button"));
}

static void
on_saved (GtkWidget *dialog,
          GObject   *object,
          Fixture   *fixture)
{
  g_set_object (&fixture->saved, object);
  fixture->n_saved++;
}

/* Presents @dialog and watches it: *@pointer becomes NULL once it closes. */
static void
present (Fixture  *fixture,
         gpointer  dialog,
         gpointer *pointer)
{
  g_assert_nonnull (dialog);
  *pointer = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), pointer);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  confianza_test_spin ();
}

static void
save (gpointer dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  confianza_test_spin ();
}

static void
cancel (gpointer dialog)
{
  /* What Escape and the Cancel button do. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  confianza_test_spin ();
}

static guint
count_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_object_unref (model);
  return n;
}

static ConfianzaPromise *
stored_promise (Fixture *fixture,
                gboolean has_quantity)
{
  g_autoptr(GDateTime) promised_on = util_dup_days_from_today (-5);
  g_autoptr(GDateTime) due_on = util_dup_days_from_today (2);
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise;

  promise = confianza_promise_new (fixture->client_id, "Menú nuevo en la web", promised_on, due_on);
  if (has_quantity)
    {
      confianza_promise_set_has_quantity (promise, TRUE);
      confianza_promise_set_promised_quantity (promise, 3);
      confianza_promise_set_unit (promise, "propuestas");
    }
  g_assert_true (confianza_store_save_promise (fixture->store, promise, &error));
  g_assert_no_error (error);

  return promise;
}

static ConfianzaPromise *
reread_promise (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise = confianza_store_get_promise (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (promise);
  return promise;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Panadería Ruiz");

  fixture->dir = g_dir_make_tmp ("confianza-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = confianza_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (confianza_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  fixture->client_id = confianza_client_get_id (client);
  g_assert_cmpint (fixture->client_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  confianza_test_spin ();
  g_clear_object (&fixture->saved);
  g_clear_object (&fixture->store);
  util_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Promise dialog */

static void
test_promise_new (Fixture       *fixture,
                  gconstpointer  data)
{
  ConfianzaPromiseDialog *dialog = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) yesterday = util_dup_days_from_today (-1);
  g_autoptr(GDateTime) due = util_dup_days_from_today (10);
  ConfianzaPromise *promise;

  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);

  /* An empty form cannot be saved, and does not scold before it is touched. */
  g_assert_false (can_save (dialog));
  assert_no_error (dialog, "title_error");
  assert_no_error (dialog, "due_on_error");
  g_assert_false (gtk_widget_get_visible (child (dialog, "suggestion_label")));
  /* Promised today, unless the user says otherwise. */
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "promised_on_entry"))),
                                       today));

  type_text (dialog, "title_entry", "x");
  type_text (dialog, "title_entry", "  ");
  assert_shows_error (dialog, "title_error");
  g_assert_false (can_save (dialog));

  type_text (dialog, "title_entry", "Tres propuestas de logotipo");
  assert_no_error (dialog, "title_error");
  g_assert_false (can_save (dialog));   /* no due date yet */

  /* Due before it was promised: said beside the due date. */
  type_date (dialog, "due_on_entry", yesterday);
  assert_shows_error (dialog, "due_on_error");
  assert_no_error (dialog, "promised_on_error");
  g_assert_false (can_save (dialog));

  /* A date that does not exist. */
  type_date_text (dialog, "due_on_entry", "31/02/2026");
  assert_shows_error (dialog, "due_on_error");
  g_assert_false (can_save (dialog));

  type_date (dialog, "due_on_entry", due);
  assert_no_error (dialog, "due_on_error");
  g_assert_true (can_save (dialog));

  type_text (dialog, "kind_entry", "logotipo");

  /* A quantity: revealed by the check, and must be more than zero. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (dialog, "quantity_revealer"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "quantity_check")), TRUE);
  confianza_test_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (dialog, "quantity_revealer"))));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "quantity_spin")), 0);
  confianza_test_spin ();
  assert_shows_error (dialog, "quantity_error");
  g_assert_false (can_save (dialog));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "quantity_spin")), 3);
  confianza_test_spin ();
  assert_no_error (dialog, "quantity_error");
  type_text (dialog, "unit_entry", "propuestas");
  g_assert_true (can_save (dialog));

  /* Nothing is written before Save. */
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 0);

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_true (CONFIANZA_IS_PROMISE (fixture->saved));
  g_assert_cmpint (confianza_promise_get_id (CONFIANZA_PROMISE (fixture->saved)), >, 0);

  promise = reread_promise (fixture, confianza_promise_get_id (CONFIANZA_PROMISE (fixture->saved)));
  g_assert_cmpint (confianza_promise_get_client_id (promise), ==, fixture->client_id);
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Tres propuestas de logotipo");
  g_assert_cmpstr (confianza_promise_get_kind (promise), ==, "logotipo");
  g_assert_true (confianza_date_equal (confianza_promise_get_promised_on (promise), today));
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), due));
  g_assert_true (confianza_promise_get_has_quantity (promise));
  g_assert_cmpfloat (confianza_promise_get_promised_quantity (promise), ==, 3);
  g_assert_cmpstr (confianza_promise_get_unit (promise), ==, "propuestas");
  g_assert_null (confianza_promise_get_delivered_on (promise));
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 1);
  g_object_unref (promise);
}

/* "Promete menos": past deliveries of the same kind suggest a due date. */
static void
test_promise_safe_due (Fixture       *fixture,
                       gconstpointer  data)
{
  ConfianzaPromiseDialog *dialog = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) suggested = NULL;
  const int took[] = { 2, 5, 9, 4 };
  GtkWidget *label, *button;

  /* Four logos delivered, the slowest in 9 days. */
  for (guint i = 0; i < G_N_ELEMENTS (took); i++)
    {
      g_autoptr(GDateTime) promised = util_dup_days_from_today (-60 + (int) i);
      g_autoptr(GDateTime) due = confianza_date_add_days (promised, 12);
      g_autoptr(GDateTime) delivered = confianza_date_add_days (promised, took[i]);
      g_autoptr(ConfianzaPromise) promise = confianza_promise_new (fixture->client_id, "Logo", promised, due);
      g_autoptr(GError) error = NULL;

      confianza_promise_set_kind (promise, i % 2 == 0 ? "Logotipo" : " logotipo ");
      confianza_promise_set_delivered_on (promise, delivered);
      g_assert_true (confianza_store_save_promise (fixture->store, promise, &error));
      g_assert_no_error (error);
    }

  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  label = child (dialog, "suggestion_label");
  g_assert_false (gtk_widget_get_visible (label));

  /* An unknown kind: it says there is nothing to go on, and suggests nothing. */
  type_text (dialog, "kind_entry", "vídeo");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");
  button = gtk_widget_get_next_sibling (label);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_false (gtk_widget_get_visible (button));

  /* The same kind, whatever its case and spaces: a date with room. */
  type_text (dialog, "title_entry", "Logotipo nuevo");
  type_text (dialog, "kind_entry", "LOGOTIPO");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "9"));
  g_assert_true (gtk_widget_get_visible (button));

  g_signal_emit_by_name (button, "clicked");
  confianza_test_spin ();
  suggested = confianza_date_add_days (today, 10);
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "due_on_entry"))),
                                       suggested));
  g_assert_true (can_save (dialog));
  cancel (dialog);
}

static void
test_promise_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, TRUE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) due = util_dup_days_from_today (20);
  ConfianzaPromiseDialog *dialog = NULL;
  gint64 id = confianza_promise_get_id (original);

  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, 0, original), (gpointer *) &dialog);

  /* Pre-filled and valid as it is. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "title_entry"))), ==,
                   "Menú nuevo en la web");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (dialog, "quantity_check"))));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (dialog, "quantity_spin"))), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit_entry"))), ==, "propuestas");
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "due_on_entry"))),
                                       confianza_promise_get_due_on (original)));
  g_assert_true (can_save (dialog));

  /* The terms are not edited here: the date changes only through
   * "Change the Due Date…", which keeps the promise's history */
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "due_on_entry")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "quantity_check")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "quantity_spin")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "suggestion_label")));

  type_text (dialog, "title_entry", "Menú nuevo y carta de vinos");
  /* Even a date set behind the dialog's back is not saved */
  confianza_date_entry_set_date (CONFIANZA_DATE_ENTRY (child (dialog, "due_on_entry")), due);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "quantity_check")), FALSE);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);

  /* The same record, changed; no duplicate; the terms as they were. */
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 1);
  promise = reread_promise (fixture, id);
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Menú nuevo y carta de vinos");
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), confianza_promise_get_due_on (original)));
  g_assert_true (confianza_promise_get_has_quantity (promise));
  g_assert_cmpfloat (confianza_promise_get_promised_quantity (promise), ==, 3);
  /* The dialog edits a copy: the caller's object is as it was. */
  g_assert_cmpstr (confianza_promise_get_title (original), ==, "Menú nuevo en la web");
}

/* "Change the Due Date…": refuses what the rules refuse, says what the
 * step will do, and keeps it with the promise's new date */
static void
test_promise_renegotiate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, FALSE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) new_due = util_dup_days_from_today (9);
  g_autoptr(GDateTime) tomorrow = util_dup_days_from_today (1);
  g_autoptr(GListModel) steps = NULL;
  ConfianzaRenegotiateDialog *dialog = NULL;
  gint64 id = confianza_promise_get_id (original);

  present (fixture, confianza_renegotiate_dialog_new (NULL, fixture->store, original), (gpointer *) &dialog);
  /* No new date, no reason yet */
  g_assert_false (can_save (dialog));

  type_date (dialog, "new_due_on_entry", new_due);
  type_view (dialog, "reason_view", "El proveedor de fotos se retrasa.");
  g_assert_true (can_save (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, "effect_label")));

  /* Told tomorrow cannot be */
  type_date (dialog, "told_on_entry", tomorrow);
  g_assert_false (can_save (dialog));
  assert_shows_error (dialog, "told_on_error");
  type_date (dialog, "told_on_entry", util_days_from_today (0));
  g_assert_true (can_save (dialog));

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_true (CONFIANZA_IS_PROMISE_STEP (fixture->saved));

  promise = reread_promise (fixture, id);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), new_due));
  g_assert_true (confianza_date_equal (confianza_promise_get_original_due_on (promise),
                                       confianza_promise_get_due_on (original)));
  steps = confianza_store_get_promise_steps (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 1);
}

/* "Correct a Mistake…" on a delivered promise: its locked date changes
 * only this way, and the correction stays in its history */
static void
test_promise_correct (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, FALSE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) right = util_dup_days_from_today (1);
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaRenegotiateDialog *dialog = NULL;
  gint64 id = confianza_promise_get_id (original);

  confianza_promise_set_delivered_on (original, util_days_from_today (0));
  g_assert_true (confianza_store_save_promise (fixture->store, original, &error));
  g_assert_no_error (error);

  present (fixture, confianza_renegotiate_dialog_new_correction (NULL, fixture->store, original), (gpointer *) &dialog);
  g_assert_false (gtk_widget_get_visible (child (dialog, "told_on_entry")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "agreed_check")));
  type_date (dialog, "new_due_on_entry", right);
  type_view (dialog, "reason_view", "Se apuntó el día equivocado.");
  g_assert_true (can_save (dialog));
  save (dialog);
  g_assert_null (dialog);

  promise = reread_promise (fixture, id);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), right));
  steps = confianza_store_get_promise_steps (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 1);
  step = g_list_model_get_item (steps, 0);
  g_assert_cmpint (confianza_promise_step_get_kind (step), ==, CONFIANZA_LEDGER_CORRECTION);
}

static void
test_promise_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, FALSE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) due = util_dup_days_from_today (10);
  ConfianzaPromiseDialog *dialog = NULL;

  /* A new one, complete, then cancelled. */
  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  type_text (dialog, "title_entry", "Fotos de producto");
  type_date (dialog, "due_on_entry", due);
  g_assert_true (can_save (dialog));
  cancel (dialog);
  g_assert_null (dialog);

  /* An edit, cancelled. */
  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, 0, original), (gpointer *) &dialog);
  type_text (dialog, "title_entry", "Otra cosa");
  cancel (dialog);
  g_assert_null (dialog);

  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 1);
  promise = reread_promise (fixture, confianza_promise_get_id (original));
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Menú nuevo en la web");
}

static void
test_promise_store_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) due = util_dup_days_from_today (10);
  ConfianzaPromiseDialog *dialog = NULL;

  /* A client that does not exist (erased meanwhile): the store refuses. */
  present (fixture, confianza_promise_dialog_new (NULL, fixture->store, fixture->client_id + 1000, NULL),
           (gpointer *) &dialog);
  type_text (dialog, "title_entry", "Fotos de producto");
  type_date (dialog, "due_on_entry", due);
  g_assert_true (can_save (dialog));
  assert_no_error (dialog, "general_error");

  save (dialog);
  /* Said in words, and the dialog stays open with what was typed. */
  g_assert_nonnull (dialog);
  assert_shows_error (dialog, "general_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "title_entry"))), ==, "Fotos de producto");
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  confianza_test_spin ();
}

/* Deliver dialog */

static void
test_deliver (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, TRUE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) before_promised = util_dup_days_from_today (-6);
  g_autoptr(GDateTime) late = util_dup_days_from_today (3);
  ConfianzaDeliverDialog *dialog = NULL;
  GtkWidget *outcome;
  gint64 id = confianza_promise_get_id (original);

  present (fixture, confianza_deliver_dialog_new (NULL, fixture->store, original), (gpointer *) &dialog);
  outcome = child (dialog, "outcome_label");

  /* Delivered today, with what was promised: valid as it opens. */
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "delivered_on_entry"))),
                                       today));
  g_assert_true (gtk_widget_get_visible (child (dialog, "quantity_box")));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (dialog, "delivered_quantity_spin"))), ==, 3);
  g_assert_true (can_save (dialog));

  /* Two days early: overdelivered, said in words. */
  g_assert_true (gtk_widget_get_visible (outcome));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (outcome)), !=, "");
  g_assert_true (gtk_widget_has_css_class (outcome, "success"));

  /* Late: the words change with it. */
  type_date (dialog, "delivered_on_entry", late);
  g_assert_true (gtk_widget_get_visible (outcome));
  g_assert_true (gtk_widget_has_css_class (outcome, "warning"));

  /* Short of the promised quantity: broken. */
  type_date (dialog, "delivered_on_entry", today);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "delivered_quantity_spin")), 2);
  confianza_test_spin ();
  g_assert_true (gtk_widget_has_css_class (outcome, "error"));
  g_assert_false (gtk_widget_has_css_class (outcome, "success"));

  /* Delivered before it was promised: refused beside the date. */
  type_date (dialog, "delivered_on_entry", before_promised);
  assert_shows_error (dialog, "delivered_on_error");
  g_assert_false (can_save (dialog));

  type_date_text (dialog, "delivered_on_entry", "31/02/2026");
  assert_shows_error (dialog, "delivered_on_error");
  g_assert_false (gtk_widget_get_visible (outcome));
  g_assert_false (can_save (dialog));

  type_date_text (dialog, "delivered_on_entry", "");
  assert_shows_error (dialog, "delivered_on_error");
  g_assert_false (can_save (dialog));

  type_date (dialog, "delivered_on_entry", today);
  assert_no_error (dialog, "delivered_on_error");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "delivered_quantity_spin")), 4);
  type_view (dialog, "extras_view", "Una cuarta propuesta en blanco y negro");
  type_view (dialog, "note_view", "Le encantó la segunda");
  g_assert_true (can_save (dialog));

  /* Nothing written yet. */
  promise = reread_promise (fixture, id);
  g_assert_null (confianza_promise_get_delivered_on (promise));
  g_clear_object (&promise);

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  promise = reread_promise (fixture, id);
  g_assert_true (confianza_date_equal (confianza_promise_get_delivered_on (promise), today));
  g_assert_cmpfloat (confianza_promise_get_delivered_quantity (promise), ==, 4);
  g_assert_cmpstr (confianza_promise_get_extras (promise), ==, "Una cuarta propuesta en blanco y negro");
  g_assert_cmpstr (confianza_promise_get_delivery_note (promise), ==, "Le encantó la segunda");
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Menú nuevo en la web");
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 1);
  /* The caller's object is untouched: the dialog saved a copy. */
  g_assert_null (confianza_promise_get_delivered_on (original));
}

static void
test_deliver_without_quantity (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, FALSE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaDeliverDialog *dialog = NULL;
  gint64 id = confianza_promise_get_id (original);

  present (fixture, confianza_deliver_dialog_new (NULL, fixture->store, original), (gpointer *) &dialog);
  g_assert_false (gtk_widget_get_visible (child (dialog, "quantity_box")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "outcome_label")));

  type_view (dialog, "note_view", "Entregado en mano");
  cancel (dialog);
  g_assert_null (dialog);

  promise = reread_promise (fixture, id);
  g_assert_null (confianza_promise_get_delivered_on (promise));
  g_assert_cmpstr (confianza_promise_get_delivery_note (promise), ==, "");
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

/* Broken dialog */

static void
test_broken (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) original = stored_promise (fixture, FALSE);
  g_autoptr(ConfianzaPromise) promise = NULL;
  ConfianzaBrokenDialog *dialog = NULL;
  gint64 id = confianza_promise_get_id (original);

  present (fixture, confianza_broken_dialog_new (NULL, fixture->store, original), (gpointer *) &dialog);

  /* The reason is required; no scolding before it is touched. */
  g_assert_false (can_save (dialog));
  assert_no_error (dialog, "reason_error");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "guidance_label"))), !=, "");

  type_view (dialog, "reason_view", "x");
  type_view (dialog, "reason_view", "   ");
  assert_shows_error (dialog, "reason_error");
  g_assert_false (can_save (dialog));

  /* Escape writes nothing. */
  cancel (dialog);
  g_assert_null (dialog);
  promise = reread_promise (fixture, id);
  g_assert_false (confianza_promise_get_broken (promise));
  g_clear_object (&promise);

  present (fixture, confianza_broken_dialog_new (NULL, fixture->store, original), (gpointer *) &dialog);
  type_view (dialog, "reason_view", "Me puse enfermo y no avisé a tiempo.\nLo siento.");
  assert_no_error (dialog, "reason_error");
  g_assert_true (can_save (dialog));
  save (dialog);
  g_assert_null (dialog);

  promise = reread_promise (fixture, id);
  g_assert_true (confianza_promise_get_broken (promise));
  g_assert_cmpstr (confianza_promise_get_broken_reason (promise), ==,
                   "Me puse enfermo y no avisé a tiempo.\nLo siento.");
  g_assert_cmpuint (count_items (confianza_store_get_promises (fixture->store, fixture->client_id)), ==, 1);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
}

/* Quick win dialog */

static void
test_quick_win (Fixture       *fixture,
                gconstpointer  data)
{
  ConfianzaQuickWinDialog *dialog = NULL;
  g_autoptr(GDateTime) achieved = util_dup_days_from_today (-3);
  g_autoptr(GDateTime) before = util_dup_days_from_today (-4);
  g_autoptr(GDateTime) shared = util_dup_days_from_today (-1);
  g_autoptr(ConfianzaQuickWin) win = NULL;
  g_autoptr(ConfianzaQuickWin) edited = NULL;
  GListModel *wins;
  GtkRevealer *revealer;

  present (fixture, confianza_quick_win_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  revealer = GTK_REVEALER (child (dialog, "shared_revealer"));

  g_assert_false (can_save (dialog));
  assert_no_error (dialog, "title_error");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  type_text (dialog, "title_entry", "x");
  type_text (dialog, "title_entry", "");
  assert_shows_error (dialog, "title_error");
  g_assert_false (can_save (dialog));

  type_text (dialog, "title_entry", "La carta ya está en la web");
  type_date (dialog, "achieved_on_entry", achieved);
  g_assert_true (can_save (dialog));

  type_date_text (dialog, "achieved_on_entry", "31/02/2026");
  assert_shows_error (dialog, "achieved_on_error");
  g_assert_false (can_save (dialog));
  type_date (dialog, "achieved_on_entry", achieved);
  assert_no_error (dialog, "achieved_on_error");

  /* Shared: the date appears, today unless said otherwise, and cannot be
   * before it was achieved. */
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "shared_switch")), TRUE);
  confianza_test_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (can_save (dialog));
  type_date (dialog, "shared_on_entry", before);
  assert_shows_error (dialog, "shared_on_error");
  g_assert_false (can_save (dialog));
  type_date_text (dialog, "shared_on_entry", "31/02/2026");
  assert_shows_error (dialog, "shared_on_error");
  g_assert_false (can_save (dialog));
  type_date (dialog, "shared_on_entry", shared);
  assert_no_error (dialog, "shared_on_error");
  g_assert_true (can_save (dialog));

  wins = confianza_store_get_quick_wins (fixture->store, fixture->client_id);
  g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 0);

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 1);
  win = g_list_model_get_item (wins, 0);
  g_assert_cmpint (confianza_quick_win_get_id (win), >, 0);
  g_assert_cmpint (confianza_quick_win_get_client_id (win), ==, fixture->client_id);
  g_assert_cmpstr (confianza_quick_win_get_title (win), ==, "La carta ya está en la web");
  g_assert_true (confianza_date_equal (confianza_quick_win_get_achieved_on (win), achieved));
  g_assert_true (confianza_date_equal (confianza_quick_win_get_shared_on (win), shared));

  /* Edit: pre-filled; not shared after all; the same record. */
  present (fixture, confianza_quick_win_dialog_new (NULL, fixture->store, 0, win), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "title_entry"))), ==,
                   "La carta ya está en la web");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (dialog, "shared_switch"))));
  g_assert_true (can_save (dialog));
  type_text (dialog, "title_entry", "La carta y las fotos ya están en la web");
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "shared_switch")), FALSE);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 1);
  edited = g_list_model_get_item (wins, 0);
  g_assert_cmpint (confianza_quick_win_get_id (edited), ==, confianza_quick_win_get_id (win));
  g_assert_cmpstr (confianza_quick_win_get_title (edited), ==, "La carta y las fotos ya están en la web");
  g_assert_null (confianza_quick_win_get_shared_on (edited));

  /* Cancel writes nothing. */
  present (fixture, confianza_quick_win_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  type_text (dialog, "title_entry", "Otra victoria");
  cancel (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 1);
  g_assert_cmpuint (fixture->n_saved, ==, 2);

  g_object_unref (wins);
}

/* Would-recommend dialog */

static void
test_recommendation (Fixture       *fixture,
                     gconstpointer  data)
{
  ConfianzaRecommendationDialog *dialog = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) answered = util_dup_days_from_today (-2);
  g_autoptr(ConfianzaRecommendation) answer = NULL;
  g_autoptr(ConfianzaRecommendation) edited = NULL;
  g_autoptr(GListModel) answers = confianza_store_get_recommendations (fixture->store, fixture->client_id);
  GtkSpinButton *spin_button;

  present (fixture, confianza_recommendation_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);
  spin_button = GTK_SPIN_BUTTON (child (dialog, "score_spin"));

  /* Today by default, and a valid answer from the start */
  g_assert_true (can_save (dialog));
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "answered_on_entry"))),
                                       today));

  /* The class follows the number */
  gtk_spin_button_set_value (spin_button, 3);
  confianza_test_spin ();
  /* (the model's translated words: the tests run in Spanish too) */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "score_class"))), ==,
                   confianza_recommender_to_label (CONFIANZA_RECOMMENDER_DETRACTOR));
  gtk_spin_button_set_value (spin_button, 10);
  confianza_test_spin ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "score_class"))), ==,
                   confianza_recommender_to_label (CONFIANZA_RECOMMENDER_PROMOTER));

  type_date_text (dialog, "answered_on_entry", "");
  assert_shows_error (dialog, "answered_on_error");
  g_assert_false (can_save (dialog));
  type_date (dialog, "answered_on_entry", answered);
  assert_no_error (dialog, "answered_on_error");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (dialog, "comment_view"))),
                            "Os recomendaría sin dudarlo", -1);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  answer = g_list_model_get_item (answers, 0);
  g_assert_cmpint (confianza_recommendation_get_score (answer), ==, 10);
  g_assert_cmpstr (confianza_recommendation_get_comment (answer), ==, "Os recomendaría sin dudarlo");
  g_assert_true (confianza_date_equal (confianza_recommendation_get_answered_on (answer), answered));

  /* Edit: pre-filled, the same record */
  present (fixture, confianza_recommendation_dialog_new (NULL, fixture->store, 0, answer), (gpointer *) &dialog);
  spin_button = GTK_SPIN_BUTTON (child (dialog, "score_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 10);
  gtk_spin_button_set_value (spin_button, 7);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  edited = g_list_model_get_item (answers, 0);
  g_assert_cmpint (confianza_recommendation_get_id (edited), ==, confianza_recommendation_get_id (answer));
  g_assert_cmpint (confianza_recommendation_get_score (edited), ==, 7);
}

/* Conversation dialog */

static void
test_conversation (Fixture       *fixture,
                   gconstpointer  data)
{
  ConfianzaConversationDialog *dialog = NULL;
  g_autoptr(GDateTime) when = util_dup_days_from_today (-2);
  g_autoptr(ConfianzaConversation) conversation = NULL;
  g_autoptr(ConfianzaConversation) edited = NULL;
  GListModel *conversations;

  present (fixture, confianza_conversation_dialog_new (NULL, fixture->store, fixture->client_id, NULL),
           (gpointer *) &dialog);

  /* Something the client said, or what was agreed, is needed. */
  g_assert_false (can_save (dialog));
  assert_no_error (dialog, "client_said_error");

  type_view (dialog, "client_said_view", "x");
  type_view (dialog, "client_said_view", "");
  assert_shows_error (dialog, "client_said_error");
  g_assert_false (can_save (dialog));

  type_view (dialog, "client_said_view", "«Necesito que me aviséis antes si vais a llegar tarde»");
  g_assert_true (can_save (dialog));

  type_date_text (dialog, "happened_on_entry", "31/02/2026");
  assert_shows_error (dialog, "happened_on_error");
  g_assert_false (can_save (dialog));
  type_date_text (dialog, "happened_on_entry", "");
  assert_shows_error (dialog, "happened_on_error");
  g_assert_false (can_save (dialog));
  type_date (dialog, "happened_on_entry", when);
  assert_no_error (dialog, "happened_on_error");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "channel_dropdown")), CONFIANZA_CHANNEL_EMAIL);
  type_view (dialog, "agreed_view", "Avisar con dos días de margen");
  g_assert_true (can_save (dialog));

  conversations = confianza_store_get_conversations (fixture->store, fixture->client_id);
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 0);

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  conversation = g_list_model_get_item (conversations, 0);
  g_assert_cmpint (confianza_conversation_get_client_id (conversation), ==, fixture->client_id);
  g_assert_true (confianza_date_equal (confianza_conversation_get_happened_on (conversation), when));
  g_assert_cmpint (confianza_conversation_get_channel (conversation), ==, CONFIANZA_CHANNEL_EMAIL);
  g_assert_cmpstr (confianza_conversation_get_client_said (conversation), ==,
                   "«Necesito que me aviséis antes si vais a llegar tarde»");
  g_assert_cmpstr (confianza_conversation_get_agreed (conversation), ==, "Avisar con dos días de margen");

  /* Edit: pre-filled, the same record. */
  present (fixture, confianza_conversation_dialog_new (NULL, fixture->store, 0, conversation),
           (gpointer *) &dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (dialog, "channel_dropdown"))), ==,
                    CONFIANZA_CHANNEL_EMAIL);
  g_assert_true (can_save (dialog));
  type_view (dialog, "agreed_view", "Avisar con tres días de margen");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "channel_dropdown")), CONFIANZA_CHANNEL_CALL);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  edited = g_list_model_get_item (conversations, 0);
  g_assert_cmpint (confianza_conversation_get_id (edited), ==, confianza_conversation_get_id (conversation));
  g_assert_cmpstr (confianza_conversation_get_agreed (edited), ==, "Avisar con tres días de margen");
  g_assert_cmpint (confianza_conversation_get_channel (edited), ==, CONFIANZA_CHANNEL_CALL);

  /* Cancel writes nothing. */
  present (fixture, confianza_conversation_dialog_new (NULL, fixture->store, 0, edited), (gpointer *) &dialog);
  type_view (dialog, "agreed_view", "Nada");
  cancel (dialog);
  g_assert_null (dialog);
  g_clear_object (&edited);
  edited = g_list_model_get_item (conversations, 0);
  g_assert_cmpstr (confianza_conversation_get_agreed (edited), ==, "Avisar con tres días de margen");
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);

  g_object_unref (conversations);
}

/* Client dialog */

static void
test_client (Fixture       *fixture,
             gconstpointer  data)
{
  ConfianzaClientDialog *dialog = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) since = util_dup_days_from_today (-400);
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GtkRevealer *revealer;
  gint64 id;

  present (fixture, confianza_client_dialog_new (NULL, fixture->store, NULL), (gpointer *) &dialog);
  revealer = GTK_REVEALER (child (dialog, "let_go_revealer"));

  g_assert_false (can_save (dialog));
  g_assert_true (confianza_date_equal (confianza_date_entry_get_date (CONFIANZA_DATE_ENTRY (child (dialog, "since_entry"))),
                                       today));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  type_text (dialog, "name_entry", "Estudio Nube");
  g_assert_true (can_save (dialog));

  type_date_text (dialog, "since_entry", "31/02/2026");
  assert_shows_error (dialog, "since_error");
  g_assert_false (can_save (dialog));
  type_date (dialog, "since_entry", since);
  assert_no_error (dialog, "since_error");

  /* Letting a client go asks why. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "status_dropdown")), CONFIANZA_CLIENT_STATUS_LET_GO);
  confianza_test_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_false (can_save (dialog));
  type_view (dialog, "let_go_reason_view", "x");
  type_view (dialog, "let_go_reason_view", "");
  assert_shows_error (dialog, "let_go_reason_error");
  type_view (dialog, "let_go_reason_view", "Insultos al equipo, repetidos");
  assert_no_error (dialog, "let_go_reason_error");
  g_assert_true (can_save (dialog));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "follow_up_spin")), 14);
  confianza_test_spin ();
  type_view (dialog, "notes_view", "Prefiere WhatsApp");

  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  id = confianza_client_get_id (CONFIANZA_CLIENT (fixture->saved));
  g_assert_cmpint (id, >, 0);

  client = confianza_store_get_client (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_client_get_name (client), ==, "Estudio Nube");
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "Insultos al equipo, repetidos");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client), since));
  g_assert_cmpint (confianza_client_get_follow_up_days (client), ==, 14);
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "Prefiere WhatsApp");

  /* Edit: pre-filled; back to active, so the reason goes; the same record. */
  present (fixture, confianza_client_dialog_new (NULL, fixture->store, client), (gpointer *) &dialog);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (dialog, "let_go_revealer"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (dialog, "follow_up_spin"))), ==, 14);
  g_assert_true (can_save (dialog));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "status_dropdown")), CONFIANZA_CLIENT_STATUS_RECOVERED);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "follow_up_spin")), 0);
  confianza_test_spin ();
  save (dialog);
  g_assert_null (dialog);

  g_clear_object (&client);
  client = confianza_store_get_client (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "");
  g_assert_cmpint (confianza_client_get_follow_up_days (client), ==, 0);
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "Prefiere WhatsApp");
  /* The fixture's client and this one. */
  g_assert_cmpuint (count_items (confianza_store_get_clients (fixture->store)), ==, 2);

  /* Cancel writes nothing. */
  present (fixture, confianza_client_dialog_new (NULL, fixture->store, client), (gpointer *) &dialog);
  type_text (dialog, "name_entry", "Otro nombre");
  cancel (dialog);
  g_assert_null (dialog);
  g_clear_object (&client);
  client = confianza_store_get_client (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_client_get_name (client), ==, "Estudio Nube");
}

/* Text pasted with control characters (an ESC from a terminal, a BEL) or
 * with U+FFFE is stored clean: the window sets it through the model's
 * setters, which keep only clean text (confianza-text.h) */
static void
test_client_pasted_controls (Fixture       *fixture,
                             gconstpointer  data)
{
  ConfianzaClientDialog *dialog = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GError) error = NULL;

  present (fixture, confianza_client_dialog_new (NULL, fixture->store, NULL), (gpointer *) &dialog);
  type_text (dialog, "name_entry", "\x1b[1mEstudio\x1b[0m Nube\xef\xbf\xbe");
  type_text (dialog, "company_entry", "Nube\x07 S.L.\xef\xbf\xbf");
  type_view (dialog, "notes_view", "Prefiere\x1b[2J WhatsApp\r\nsiempre\xc2\x9b");
  g_assert_true (can_save (dialog));
  save (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  client = confianza_store_get_client (fixture->store,
                                       confianza_client_get_id (CONFIANZA_CLIENT (fixture->saved)),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_client_get_name (client), ==, "[1mEstudio[0m Nube");
  g_assert_cmpstr (confianza_client_get_company (client), ==, "Nube S.L.");
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "Prefiere[2J WhatsApp\nsiempre");
}

/* Preferences */

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ConfianzaPreferencesWindow *window;
  GtkWidget *combo;
  GListModel *currencies;
  g_autofree char *currency = NULL;
  g_autofree char *business = NULL;

  window = confianza_preferences_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (window));
  confianza_test_spin ();

  /* Where the data is, in full. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (window, "path_label"))), ==, fixture->path);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (child (window, "path_label"))));

  /* The defaults are shown. */
  combo = child (window, "currency_row");
  currencies = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  g_assert_cmpuint (g_list_model_get_n_items (currencies), ==, 18);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);   /* EUR */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (window, "follow_up_spin"))), ==,
                   g_settings_get_int (settings, "follow-up-days"));

  /* Every change goes to GSettings at once. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "follow_up_spin")), 14);
  confianza_test_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "follow-up-days"), ==, 14);

  /* How late a delivery may be before a recovery plan is offered: 3 by default */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (window, "late_days_spin"))), ==, 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "late_days_spin")), 7);
  confianza_test_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "recovery-offer-late-days"), ==, 7);

  /* How clients are addressed: usted by default, tú chosen, both ways */
  {
    AdwComboRow *address = ADW_COMBO_ROW (child (window, "address_row"));
    g_autofree char *stored = NULL;

    g_assert_cmpuint (adw_combo_row_get_selected (address), ==, CONFIANZA_ADDRESS_USTED);
    g_assert_cmpint (confianza_application_client_address (), ==, CONFIANZA_ADDRESS_USTED);
    adw_combo_row_set_selected (address, CONFIANZA_ADDRESS_TU);
    confianza_test_spin ();
    stored = g_settings_get_string (settings, "client-address");
    g_assert_cmpstr (stored, ==, "tu");
    g_assert_cmpint (confianza_application_client_address (), ==, CONFIANZA_ADDRESS_TU);
    g_settings_set_string (settings, "client-address", "usted");
    confianza_test_spin ();
    g_assert_cmpuint (adw_combo_row_get_selected (address), ==, CONFIANZA_ADDRESS_USTED);
  }

  gtk_editable_set_text (GTK_EDITABLE (child (window, "business_name_row")), "Estudio Nube");
  confianza_test_spin ();
  business = g_settings_get_string (settings, "business-name");
  g_assert_cmpstr (business, ==, "Estudio Nube");

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);   /* MXN */
  confianza_test_spin ();
  currency = g_settings_get_string (settings, "currency");
  g_assert_cmpstr (currency, ==, "MXN");

  gtk_switch_set_active (GTK_SWITCH (child (window, "notifications_switch")), FALSE);
  confianza_test_spin ();
  g_assert_false (g_settings_get_boolean (settings, "notifications"));

  /* And the other way. */
  g_settings_set_string (settings, "currency", "CLP");
  confianza_test_spin ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  confianza_test_spin ();

  g_settings_reset (settings, "currency");
  g_settings_reset (settings, "business-name");
  g_settings_reset (settings, "follow-up-days");
  g_settings_reset (settings, "recovery-offer-late-days");
  g_settings_reset (settings, "client-address");
  g_settings_reset (settings, "notifications");
}

static void
test_preferences_unknown_currency (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *currency = NULL;
  ConfianzaPreferencesWindow *window;
  AdwComboRow *combo;

  /* A currency set elsewhere is listed, selected, and left as it is. */
  g_settings_set_string (settings, "currency", "GBP");
  window = confianza_preferences_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (window));
  confianza_test_spin ();

  combo = ADW_COMBO_ROW (child (window, "currency_row"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, 19);
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 18);
  currency = g_settings_get_string (settings, "currency");
  g_assert_cmpstr (currency, ==, "GBP");

  gtk_window_destroy (GTK_WINDOW (window));
  confianza_test_spin ();
  g_settings_reset (settings, "currency");
}

/* Import preview */

/* Like present (), for the import dialog, which emits "imported". */
static void
present_import (gpointer  dialog,
                gpointer *pointer)
{
  g_assert_nonnull (dialog);
  *pointer = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), pointer);
  gtk_window_present (GTK_WINDOW (dialog));
  confianza_test_spin ();
}

/* The import runs in a thread: the main loop turns (the window never
 * waits) until the dialog has gone */
static void
wait_until_closed (gpointer *pointer)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (*pointer != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_null (*pointer);
}

static ConfianzaCsvPreview *
preview_of (Fixture    *fixture,
            const char *csv)
{
  g_autoptr(GPtrArray) existing = confianza_import_existing_clients (fixture->store);
  g_autoptr(GError) error = NULL;
  ConfianzaCsvPreview *preview = confianza_csv_parse (csv, strlen (csv), existing, &error);

  g_assert_no_error (error);
  return preview;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  const char *csv = "Nombre;Correo electrónico\n"
                    "Ana Gil;ana@gil.es\n"
                    "Panadería Ruiz;hola@ruiz.es\n"
                    "Beto;beto@\n";
  g_autoptr(ConfianzaCsvPreview) preview = preview_of (fixture, csv);
  ConfianzaImportDialog *dialog = NULL;
  GtkWidget *button, *list;
  g_autoptr(GListModel) clients = confianza_store_get_clients (fixture->store);

  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);

  /* Escape: nothing is written */
  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "clientes.csv"),
                  (gpointer *) &dialog);
  cancel (dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);

  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "clientes.csv"),
                  (gpointer *) &dialog);
  button = child (dialog, "import_button");
  list = child (dialog, "lines_list");

  /* Every line is listed, the problems first, each with its reason. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "summary_label"))), !=, "");

  /* One ready; the duplicate only when asked for */
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), "1"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "duplicates_row")));
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "duplicates_switch")), TRUE);
  confianza_test_spin ();
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), "2"));
  gtk_switch_set_active (GTK_SWITCH (child (dialog, "duplicates_switch")), FALSE);
  confianza_test_spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  wait_until_closed ((gpointer *) &dialog);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);
}

/* An import under way shows its progress; Cancel stops it, writes nothing,
 * and leaves the dialog open to try again; closing it also cancels */
static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Nombre;Correo electrónico\n");
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GListModel) clients = confianza_store_get_clients (fixture->store);
  g_autoptr(ConfianzaClient) other = confianza_client_new ("Otra Persona");
  g_autoptr(GError) error = NULL;
  ConfianzaImportDialog *dialog = NULL;
  sqlite3 *blocker = NULL;
  gint64 deadline;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (csv, "Cliente %u;c%u@ejemplo.es\n", i, i);
  preview = preview_of (fixture, csv->str);

  /* Another program holds the file: the import waits for it, in its thread */
  g_assert_cmpint (sqlite3_open (fixture->path, &blocker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "clientes.csv"),
                  (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  confianza_test_spin ();
  g_assert_true (gtk_widget_get_visible (child (dialog, "progress_box")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "preview_scroll")));

  /* Meanwhile the window's own changes are refused at once, in words */
  g_assert_false (confianza_store_save_client (fixture->store, other, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  sqlite3_exec (blocker, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (blocker);

  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!gtk_widget_get_visible (child (dialog, "general_error")) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (child (dialog, "general_error")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "progress_box")));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "import_button")));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);

  /* Saving works again */
  g_assert_true (confianza_store_save_client (fixture->store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);

  /* Closed while importing: cancelled, then closed, nothing written */
  g_assert_cmpint (sqlite3_open (fixture->path, &blocker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  confianza_test_spin ();
  gtk_window_close (GTK_WINDOW (dialog));
  confianza_test_spin ();
  g_assert_nonnull (dialog);
  sqlite3_exec (blocker, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (blocker);
  wait_until_closed ((gpointer *) &dialog);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);

  /* And a whole import, with its progress to the end */
  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "clientes.csv"),
                  (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  wait_until_closed ((gpointer *) &dialog);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2002);
}

static void
test_import_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConfianzaCsvPreview) preview = preview_of (fixture, "Nombre;Correo\nBeto;beto@\n");
  ConfianzaImportDialog *dialog = NULL;

  /* Nothing importable: the button says so and cannot be pressed. */
  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "mal.csv"),
                  (gpointer *) &dialog);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "duplicates_row")));
  cancel (dialog);
}

static void
collect_drop_downs (GtkWidget *widget,
                    GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_drop_downs (c, found);
}

static void
test_import_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConfianzaCsvPreview) preview = preview_of (fixture, "Nombre;Correo;Web\nBeto;beto@;beto.es\n");
  g_autoptr(GPtrArray) choosers = g_ptr_array_new ();
  ConfianzaImportDialog *dialog = NULL;
  GtkWidget *columns;

  present_import (confianza_import_dialog_new (NULL, fixture->store, preview, "mal.csv"),
                  (gpointer *) &dialog);
  columns = child (dialog, "columns_row");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (columns)), "Web"));
  collect_drop_downs (columns, choosers);
  g_assert_cmpuint (choosers->len, ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (choosers, 1)), ==,
                    CONFIANZA_CSV_FIELD_EMAIL);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));

  /* The user reads the bad email column as nothing and the web as notes:
   * the line becomes importable, and nothing is left unlisted */
  gtk_drop_down_set_selected (g_ptr_array_index (choosers, 1), CONFIANZA_CSV_FIELD_NONE);
  gtk_drop_down_set_selected (g_ptr_array_index (choosers, 2), CONFIANZA_CSV_FIELD_NOTES);
  confianza_test_spin ();
  g_assert_cmpint (confianza_csv_preview_get_column_field (preview, 2), ==, CONFIANZA_CSV_FIELD_NOTES);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "import_button")));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (columns)), "Correo"));
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (columns)), "Web"));
  cancel (dialog);
}

int
main (int   argc,
      char *argv[])
{
  confianza_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/dialogs/promise/new", test_promise_new);
  ADD ("/dialogs/import/columns", test_import_columns);
  ADD ("/dialogs/promise/safe-due", test_promise_safe_due);
  ADD ("/dialogs/import/preview", test_import);
  ADD ("/dialogs/import/nothing", test_import_nothing);
  ADD ("/dialogs/import/cancel", test_import_cancel);
  ADD ("/dialogs/promise/edit", test_promise_edit);
  ADD ("/dialogs/promise/renegotiate", test_promise_renegotiate);
  ADD ("/dialogs/promise/correct", test_promise_correct);
  ADD ("/dialogs/promise/cancel", test_promise_cancel);
  ADD ("/dialogs/promise/store-error", test_promise_store_error);
  ADD ("/dialogs/deliver/with-quantity", test_deliver);
  ADD ("/dialogs/deliver/without-quantity", test_deliver_without_quantity);
  ADD ("/dialogs/broken", test_broken);
  ADD ("/dialogs/quick-win", test_quick_win);
  ADD ("/dialogs/conversation", test_conversation);
  ADD ("/dialogs/recommendation", test_recommendation);
  ADD ("/dialogs/client", test_client);
  ADD ("/dialogs/client/pasted-controls", test_client_pasted_controls);
  ADD ("/dialogs/preferences/bound", test_preferences);
  ADD ("/dialogs/preferences/unknown-currency", test_preferences_unknown_currency);

#undef ADD

  return g_test_run ();
}
