/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A client's page and its ledger, in-process: which promises each filter
 * shows, how the columns sort, and how the views switch and are kept per
 * client. The checks are on models and names, never on English text. */
#include "config.h"

#include <glib/gstdio.h>

#include "util/gui-test-util.h"

#include "gui/confianza-client-page.h"
#include "gui/confianza-ledger.h"
#include "model/confianza-date.h"
#include "model/confianza-rules.h"

static ConfianzaPromise *
promise (const char *title,
         int         due_in,
         int         delivered_in,   /* G_MININT: not delivered */
         gboolean    broken)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GDateTime) promised = confianza_date_add_days (today, -30);
  g_autoptr(GDateTime) due = confianza_date_add_days (today, due_in);
  ConfianzaPromise *p = confianza_promise_new (1, title, promised, due);

  if (delivered_in != G_MININT)
    {
      g_autoptr(GDateTime) delivered = confianza_date_add_days (today, delivered_in);

      confianza_promise_set_delivered_on (p, delivered);
    }
  if (broken)
    {
      confianza_promise_set_broken (p, TRUE);
      confianza_promise_set_broken_reason (p, "No llegó");
    }

  return p;
}

/* Five promises, one of each kind the filters tell apart */
static GListStore *
ledger_promises (void)
{
  GListStore *store = g_list_store_new (CONFIANZA_TYPE_PROMISE);
  g_autoptr(GDateTime) today = confianza_date_today ();
  struct { const char *title; int due; int delivered; gboolean broken; ConfianzaOutcome outcome; } rows[] = {
    { "Bocetos",    5,  G_MININT, FALSE, CONFIANZA_OUTCOME_OPEN },
    { "Catálogo",  -3,  G_MININT, FALSE, CONFIANZA_OUTCOME_OVERDUE },
    { "Anuncio",   -10, -14,      FALSE, CONFIANZA_OUTCOME_OVERDELIVERED },
    { "Etiquetas", -20, -12,      FALSE, CONFIANZA_OUTCOME_LATE },
    { "Dípticos",  -8,  G_MININT, TRUE,  CONFIANZA_OUTCOME_BROKEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(ConfianzaPromise) p = promise (rows[i].title, rows[i].due, rows[i].delivered, rows[i].broken);

      /* The rows are what the filters are checked against */
      g_assert_cmpint (confianza_promise_get_outcome (p, today), ==, rows[i].outcome);
      g_list_store_append (store, p);
    }

  return store;
}

static const char *
title_at (GListModel *model,
          guint       position)
{
  g_autoptr(ConfianzaPromise) p = g_list_model_get_item (model, position);

  g_assert_nonnull (p);
  return g_intern_string (confianza_promise_get_title (p));
}

static void
test_filter_rules (void)
{
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_ALL, CONFIANZA_OUTCOME_BROKEN));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_OPEN, CONFIANZA_OUTCOME_OPEN));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_OPEN, CONFIANZA_OUTCOME_OVERDUE));
  g_assert_false (confianza_ledger_filter_matches (CONFIANZA_LEDGER_OPEN, CONFIANZA_OUTCOME_KEPT));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_LATE, CONFIANZA_OUTCOME_LATE));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_LATE, CONFIANZA_OUTCOME_OVERDUE));
  g_assert_false (confianza_ledger_filter_matches (CONFIANZA_LEDGER_LATE, CONFIANZA_OUTCOME_OPEN));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_BROKEN, CONFIANZA_OUTCOME_BROKEN));
  g_assert_false (confianza_ledger_filter_matches (CONFIANZA_LEDGER_BROKEN, CONFIANZA_OUTCOME_LATE));
  g_assert_true (confianza_ledger_filter_matches (CONFIANZA_LEDGER_OVERDELIVERED, CONFIANZA_OUTCOME_OVERDELIVERED));
  g_assert_false (confianza_ledger_filter_matches (CONFIANZA_LEDGER_OVERDELIVERED, CONFIANZA_OUTCOME_KEPT));
}

static void
test_filters (void)
{
  g_autoptr(GListStore) promises = ledger_promises ();
  ConfianzaLedger *ledger = CONFIANZA_LEDGER (g_object_ref_sink (confianza_ledger_new ()));
  GListModel *shown = confianza_ledger_get_shown (ledger);
  static const guint expected[CONFIANZA_LEDGER_N_FILTERS] = { 5, 2, 2, 1, 1 };

  /* Nothing to show yet: no model */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  confianza_ledger_set_model (ledger, G_LIST_MODEL (promises));
  for (ConfianzaLedgerFilter f = 0; f < CONFIANZA_LEDGER_N_FILTERS; f++)
    {
      confianza_ledger_set_filter (ledger, f);
      g_assert_cmpint (confianza_ledger_get_filter (ledger), ==, f);
      g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected[f]);
    }
  confianza_ledger_set_filter (ledger, CONFIANZA_LEDGER_BROKEN);
  g_assert_cmpstr (title_at (shown, 0), ==, "Dípticos");

  /* The live list changes: the filter follows */
  {
    g_autoptr(ConfianzaPromise) p = promise ("Carteles", -2, G_MININT, TRUE);

    g_list_store_append (promises, p);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  }

  confianza_ledger_set_model (ledger, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_object_unref (ledger);
}

static void
test_sorting (void)
{
  g_autoptr(GListStore) promises = ledger_promises ();
  ConfianzaLedger *ledger = CONFIANZA_LEDGER (g_object_ref_sink (confianza_ledger_new ()));
  GListModel *shown = confianza_ledger_get_shown (ledger);

  confianza_ledger_set_model (ledger, G_LIST_MODEL (promises));

  g_assert_true (confianza_ledger_sort_by (ledger, "due", GTK_SORT_ASCENDING));
  g_assert_cmpstr (title_at (shown, 0), ==, "Etiquetas");
  g_assert_cmpstr (title_at (shown, 4), ==, "Bocetos");
  g_assert_true (confianza_ledger_sort_by (ledger, "due", GTK_SORT_DESCENDING));
  g_assert_cmpstr (title_at (shown, 0), ==, "Bocetos");

  /* Accents sort as the language does: Dípticos before Etiquetas */
  g_assert_true (confianza_ledger_sort_by (ledger, "title", GTK_SORT_ASCENDING));
  g_assert_cmpstr (title_at (shown, 0), ==, "Anuncio");
  g_assert_cmpstr (title_at (shown, 3), ==, "Dípticos");

  /* Nothing delivered sorts after every date */
  g_assert_true (confianza_ledger_sort_by (ledger, "delivered", GTK_SORT_ASCENDING));
  g_assert_cmpstr (title_at (shown, 0), ==, "Anuncio");
  g_assert_cmpstr (title_at (shown, 1), ==, "Etiquetas");

  /* Early first, late last */
  g_assert_true (confianza_ledger_sort_by (ledger, "days", GTK_SORT_ASCENDING));
  g_assert_cmpstr (title_at (shown, 0), ==, "Bocetos");
  g_assert_cmpstr (title_at (shown, 4), ==, "Etiquetas");

  /* Sorting and filtering together */
  confianza_ledger_set_filter (ledger, CONFIANZA_LEDGER_LATE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpstr (title_at (shown, 0), ==, "Catálogo");

  g_assert_false (confianza_ledger_sort_by (ledger, "no-such-column", GTK_SORT_ASCENDING));
  g_object_unref (ledger);
}

typedef struct
{
  char           *dir;
  ConfianzaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *names[] = { "Carmen Ruiz", "Javier Morales" };

  fixture->dir = g_dir_make_tmp ("confianza-client-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = confianza_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ConfianzaClient) client = confianza_client_new (names[i]);

      g_assert_true (confianza_store_save_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *name;
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);

  confianza_test_spin ();
  g_clear_object (&fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static const char *
view (ConfianzaClientPage *page)
{
  return adw_view_stack_get_visible_child_name (confianza_client_page_get_views (page));
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GListModel) clients = confianza_store_get_clients (fixture->store);
  g_autoptr(ConfianzaClient) a = g_list_model_get_item (clients, 0);
  g_autoptr(ConfianzaClient) b = g_list_model_get_item (clients, 1);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ConfianzaClientPage *page = confianza_client_page_new ();

  gtk_window_set_child (window, GTK_WIDGET (page));
  confianza_client_page_set_store (page, fixture->store);
  confianza_client_page_set_client (page, a);
  gtk_window_present (window);
  confianza_test_spin ();

  /* Promesas first */
  g_assert_cmpstr (view (page), ==, "promises");

  /* Alt+number: the sixth view is the trust index */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.show-view", "i", 5));
  g_assert_cmpstr (view (page), ==, "trust");
  /* A view that does not exist changes nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.show-view", "i", 6));
  g_assert_cmpstr (view (page), ==, "trust");

  /* Ctrl+PgDn goes round to the first view, Ctrl+PgUp back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.next-view", "i", 1));
  g_assert_cmpstr (view (page), ==, "promises");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.next-view", "i", -1));
  g_assert_cmpstr (view (page), ==, "trust");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.next-view", "i", -1));
  g_assert_cmpstr (view (page), ==, "recovery");

  /* Each client keeps the view last used */
  confianza_client_page_set_client (page, b);
  g_assert_cmpstr (view (page), ==, "promises");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.show-view", "i", 2));
  confianza_client_page_set_client (page, a);
  g_assert_cmpstr (view (page), ==, "recovery");
  confianza_client_page_set_client (page, b);
  g_assert_cmpstr (view (page), ==, "conversations");

  /* The header has the box where more main actions go */
  g_assert_true (GTK_IS_BOX (confianza_client_page_get_header_actions (page)));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  confianza_test_gui_init (&argc, &argv);

  g_test_add_func ("/client-page/ledger/filter-rules", test_filter_rules);
  g_test_add_func ("/client-page/ledger/filters", test_filters);
  g_test_add_func ("/client-page/ledger/sorting", test_sorting);
  g_test_add ("/client-page/views", Fixture, NULL, fixture_set_up, test_views, fixture_tear_down);

  return g_test_run ();
}
