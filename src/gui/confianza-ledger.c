/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-ledger"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "confianza-ledger.h"
#include "confianza-promise-row.h"
#include "model/confianza-date.h"
#include "model/confianza-ledger.h"

struct _ConfianzaLedger
{
  GtkWidget              parent_instance;

  ConfianzaLedgerFilter  filter;
  GDateTime             *today;

  GtkFilterListModel    *filtered;
  GtkSortListModel      *sorted;
  GtkCustomFilter       *outcome_filter;

  /* Template widgets */
  GtkColumnView         *table;
  GtkListView           *rows;
  GtkSelectionModel     *table_selection;
  GtkSelectionModel     *row_selection;
  GtkWidget             *empty_label;
  GtkWidget             *views;
  GtkToggleButton       *filter_buttons[CONFIANZA_LEDGER_N_FILTERS];
  GtkPopoverMenu        *popover;
};

G_DEFINE_FINAL_TYPE (ConfianzaLedger, confianza_ledger, GTK_TYPE_WIDGET)

/* The table's columns: one line each. */
typedef char *(*LedgerText)    (ConfianzaPromise *promise, ConfianzaPromiseResult *result);
typedef int   (*LedgerCompare) (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today);

typedef struct
{
  const char    *id;
  const char    *title;   /* translated when shown */
  LedgerText     text;    /* NULL: the outcome chip */
  LedgerCompare  compare;
  int            width;   /* fixed, in pixels; 0: takes the room left */
} LedgerColumn;

static char *
date_text (GDateTime *date)
{
  return date != NULL ? confianza_date_format (date) : g_strdup ("—");
}

static int
date_compare (GDateTime *a,
              GDateTime *b)
{
  /* Nothing delivered yet sorts after every date. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return g_date_time_compare (a, b);
}

static char *
title_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  return g_strdup (confianza_promise_get_title (promise));
}

static int
title_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  return g_utf8_collate (confianza_promise_get_title (a), confianza_promise_get_title (b));
}

static char *
promised_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  return date_text (confianza_promise_get_promised_on (promise));
}

static int
promised_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  return date_compare (confianza_promise_get_promised_on (a), confianza_promise_get_promised_on (b));
}

/* The agreed date; once renegotiated in time, the first one under it */
static char *
due_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  g_autofree char *due = date_text (confianza_promise_get_due_on (promise));
  g_autofree char *first = NULL;

  if (!confianza_promise_is_renegotiated (promise))
    return g_steal_pointer (&due);

  first = date_text (confianza_promise_get_original_due_on (promise));
  /* Translators: the agreed due date, and under it the first one */
  return g_strdup_printf (_("%s\nfirst %s"), due, first);
}

static int
due_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  return date_compare (confianza_promise_get_due_on (a), confianza_promise_get_due_on (b));
}

static char *
delivered_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  return date_text (confianza_promise_get_delivered_on (promise));
}

static int
delivered_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  return date_compare (confianza_promise_get_delivered_on (a), confianza_promise_get_delivered_on (b));
}

static char *
quantity_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  g_autofree char *promised = NULL;
  g_autofree char *delivered = NULL;
  const char *unit = confianza_promise_get_unit (promise);

  if (!confianza_promise_get_has_quantity (promise))
    return g_strdup ("—");

  promised = confianza_format_quantity (confianza_promise_get_promised_quantity (promise), unit);
  if (confianza_promise_get_delivered_on (promise) == NULL)
    return g_steal_pointer (&promised);

  delivered = confianza_format_quantity (confianza_promise_get_delivered_quantity (promise), unit);
  /* Translators: promised quantity → delivered quantity, in the ledger */
  return g_strdup_printf (_("%s → %s"), promised, delivered);
}

static int
quantity_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  double qa = confianza_promise_get_has_quantity (a) ? confianza_promise_get_promised_quantity (a) : -1;
  double qb = confianza_promise_get_has_quantity (b) ? confianza_promise_get_promised_quantity (b) : -1;

  return (qa > qb) - (qa < qb);
}

static char *
days_text (ConfianzaPromise *promise, ConfianzaPromiseResult *result)
{
  if (result->outcome == CONFIANZA_OUTCOME_OPEN)
    return g_strdup_printf (ngettext ("%d day left", "%d days left", result->days_early),
                            result->days_early);
  if (result->outcome == CONFIANZA_OUTCOME_OVERDUE)
    return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", result->days_late),
                            result->days_late);
  if (result->outcome == CONFIANZA_OUTCOME_BROKEN && confianza_promise_get_delivered_on (promise) == NULL)
    return g_strdup ("—");
  if (result->days_early > 0)
    return g_strdup_printf (ngettext ("%d day early", "%d days early", result->days_early),
                            result->days_early);
  if (result->days_late > 0)
    return g_strdup_printf (ngettext ("%d day late", "%d days late", result->days_late),
                            result->days_late);

  return g_strdup (_("On the day"));
}

/* Early first, late last */
static int
days_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  ConfianzaPromiseResult ra = confianza_promise_get_result (a, today);
  ConfianzaPromiseResult rb = confianza_promise_get_result (b, today);
  int da = ra.days_early - ra.days_late;
  int db = rb.days_early - rb.days_late;

  return (db > da) - (db < da);
}

static int
outcome_compare (ConfianzaPromise *a, ConfianzaPromise *b, GDateTime *today)
{
  ConfianzaOutcome oa = confianza_promise_get_outcome (a, today);
  ConfianzaOutcome ob = confianza_promise_get_outcome (b, today);

  return (oa > ob) - (oa < ob);
}

static const LedgerColumn columns[] = {
  { "title",     N_("What"),                 title_text,     title_compare,     0   },
  { "promised",  N_("Promised On"),          promised_text,  promised_compare,  100 },
  { "due",       N_("Due"),                  due_text,       due_compare,       100 },
  { "delivered", N_("Delivered On"),         delivered_text, delivered_compare, 100 },
  { "quantity",  N_("Promised → Delivered"), quantity_text,  quantity_compare,  140 },
  { "days",      N_("Early or Late"),        days_text,      days_compare,      130 },
  { "outcome",   N_("Outcome"),              NULL,           outcome_compare,   112 },
};

/* A fixed column is at least as wide as its header in the language shown
 * ("Fecha comprometida" is longer than "Due"), with room for the sort
 * arrow and the header's padding. */
static int
column_width (ConfianzaLedger    *self,
              const LedgerColumn *column)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _(column->title));
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
  int width = 0;

  /* Headers are bold, and smaller than the cells (Adwaita: 0.9 of them
   * in practice) */
  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (0.9));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return MAX (column->width, width + 24);
}

gboolean
confianza_ledger_filter_matches (ConfianzaLedgerFilter filter,
                                 ConfianzaOutcome      outcome)
{
  switch (filter)
    {
    case CONFIANZA_LEDGER_OPEN:
      return !confianza_outcome_is_closed (outcome);
    case CONFIANZA_LEDGER_LATE:
      return outcome == CONFIANZA_OUTCOME_LATE || outcome == CONFIANZA_OUTCOME_OVERDUE;
    case CONFIANZA_LEDGER_BROKEN:
      return outcome == CONFIANZA_OUTCOME_BROKEN;
    case CONFIANZA_LEDGER_OVERDELIVERED:
      return outcome == CONFIANZA_OUTCOME_OVERDELIVERED;
    case CONFIANZA_LEDGER_ALL:
    case CONFIANZA_LEDGER_N_FILTERS:
    default:
      return TRUE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ConfianzaLedger *self = user_data;

  return confianza_ledger_filter_matches (self->filter,
                                          confianza_promise_get_outcome (item, self->today));
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const LedgerColumn *column = user_data;
  g_autoptr(GDateTime) today = confianza_date_today ();

  return column->compare ((ConfianzaPromise *) a, (ConfianzaPromise *) b, today);
}

static void
update_empty (ConfianzaLedger *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0;
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);
  gboolean none = all == NULL || g_list_model_get_n_items (all) == 0;

  gtk_widget_set_visible (self->views, !empty);
  gtk_widget_set_visible (self->empty_label, empty);
  gtk_label_set_label (GTK_LABEL (self->empty_label),
                       none ? _("No promises yet. Promise less, deliver more: add what you promised and by when.")
                            : _("No promises match this filter."));
}

/* Cells */

/* A cut cell shows its whole text as a tooltip; set when asked, since
 * setting a tooltip on every cell costs more than the rest of the row */
static gboolean
on_cell_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);

  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_label (label));
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const LedgerColumn       *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column->text == NULL)
    {
      /* "Kept (renegotiated)" takes two lines rather than the room of
       * every other row */
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const LedgerColumn       *column)
{
  ConfianzaPromise *promise = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(GDateTime) today = confianza_date_today ();
  ConfianzaPromiseResult result = confianza_promise_get_result (promise, today);

  if (column->text != NULL)
    {
      g_autofree char *text = column->text (promise, &result);

      gtk_label_set_label (GTK_LABEL (label), text);
    }
  else
    {
      const char *classes[] = { "status-chip", confianza_outcome_css_class (result.outcome), NULL };

      gtk_label_set_label (GTK_LABEL (label),
                           confianza_ledger_outcome_label (result.outcome,
                                                           confianza_promise_is_renegotiated (promise)));
      gtk_widget_set_css_classes (label, classes);
    }
}

/* The actions' menu is made when it opens, for the row's promise then */
static void
create_actions_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  confianza_promise_menu_button_update (button, gtk_list_item_get_item (GTK_LIST_ITEM (user_data)));
}

static void
setup_actions (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Promise actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Promise actions"),
                                  -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_actions_menu, item, NULL);
  gtk_list_item_set_child (item, button);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, confianza_promise_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  confianza_promise_row_set_record (CONFIANZA_PROMISE_ROW (gtk_list_item_get_child (item)),
                                    gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  confianza_promise_row_set_record (CONFIANZA_PROMISE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The menu key on the table opens the selected promise's actions */
static gboolean
table_menu (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  ConfianzaLedger *self = user_data;
  GtkSelectionModel *selection = gtk_column_view_get_model (self->table);
  guint position = selection != NULL ? gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection))
                                     : GTK_INVALID_LIST_POSITION;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  promise = g_list_model_get_item (G_LIST_MODEL (selection), position);
  menu = confianza_promise_menu_new (promise, confianza_promise_get_outcome (promise, today));
  gtk_popover_menu_set_menu_model (self->popover, menu);
  gtk_popover_popup (GTK_POPOVER (self->popover));

  return TRUE;
}

static void
on_filter_toggled (GtkToggleButton *button,
                   ConfianzaLedger *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < CONFIANZA_LEDGER_N_FILTERS; i++)
    if (self->filter_buttons[i] == button)
      confianza_ledger_set_filter (self, i);
}

static GtkWidget *
build_filters (ConfianzaLedger *self)
{
  static const char * const labels[CONFIANZA_LEDGER_N_FILTERS] = {
    NC_("ledger filter", "All"), NC_("ledger filter", "Open"), NC_("ledger filter", "Late"),
    NC_("ledger filter", "Broken"), NC_("ledger filter", "Overdelivered"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint i = 0; i < CONFIANZA_LEDGER_N_FILTERS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (g_dpgettext2 (NULL, "ledger filter", labels[i]));

      self->filter_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->filter_buttons[0]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == CONFIANZA_LEDGER_ALL);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_filter_toggled), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show promises"),
                                  -1);

  /* Five filters do not fit 360 px: they scroll sideways there. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);

  return scroller;
}

static GtkWidget *
build_table (ConfianzaLedger *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkColumnViewColumn *actions;
  GtkListItemFactory *factory;
  GtkShortcutController *shortcuts;

  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->table, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Promises"),
                                  -1);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkCustomSorter *sorter;

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      sorter = gtk_custom_sorter_new (sort_func, (gpointer) &columns[i], NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_expand (column, columns[i].width == 0);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, column_width (self, &columns[i]));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table, column);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_actions), NULL);
  actions = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (self->table, actions);
  g_object_unref (actions);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          gtk_callback_action_new (table_menu, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->table), GTK_EVENT_CONTROLLER (shortcuts));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_widget_add_css_class (scroller, "card");
  /* The table needs this much: narrower, the rows take over. */
  gtk_widget_set_size_request (scroller, 830, -1);

  return scroller;
}

static GtkWidget *
build_rows (ConfianzaLedger *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  self->rows = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->rows), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Promises"),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->rows));

  return scroller;
}

/* Only the view shown has rows: the other one costs nothing, and shows
 * nothing stale to assistive technologies. */
static void
on_view_switched (ConfianzaLedger *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->views));
  gboolean table = shown != NULL && gtk_widget_is_ancestor (GTK_WIDGET (self->table), shown);
  gboolean rows = shown != NULL && !table;

  gtk_column_view_set_model (self->table, table ? self->table_selection : NULL);
  gtk_list_view_set_model (self->rows, rows ? self->row_selection : NULL);
}

static void
confianza_ledger_dispose (GObject *object)
{
  ConfianzaLedger *self = CONFIANZA_LEDGER (object);
  GtkWidget *child;

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->table_selection);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (confianza_ledger_parent_class)->dispose (object);
}

static void
confianza_ledger_class_init (ConfianzaLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_ledger_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
confianza_ledger_init (ConfianzaLedger *self)
{
  GtkWidget *squeezer = adw_squeezer_new ();
  GtkWidget *filters;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  self->today = confianza_date_today ();
  self->outcome_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->outcome_filter));

  filters = build_filters (self);
  gtk_widget_set_parent (filters, GTK_WIDGET (self));

  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_interpolate_size (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer), ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 0);
  adw_squeezer_set_yalign (ADW_SQUEEZER (squeezer), 0);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), build_table (self));
  adw_squeezer_add (ADW_SQUEEZER (squeezer), build_rows (self));
  gtk_widget_set_vexpand (squeezer, TRUE);
  self->views = squeezer;
  gtk_widget_set_parent (squeezer, GTK_WIDGET (self));

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->table)));
  {
    GtkSingleSelection *table_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
    GtkSingleSelection *row_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));

    gtk_single_selection_set_autoselect (table_selection, FALSE);
    gtk_single_selection_set_can_unselect (table_selection, TRUE);
    gtk_single_selection_set_autoselect (row_selection, FALSE);
    gtk_single_selection_set_can_unselect (row_selection, TRUE);
    self->table_selection = GTK_SELECTION_MODEL (table_selection);
    self->row_selection = GTK_SELECTION_MODEL (row_selection);
  }
  g_signal_connect_object (squeezer, "notify::visible-child", G_CALLBACK (on_view_switched),
                           self, G_CONNECT_SWAPPED);
  on_view_switched (self);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (update_empty),
                           self, G_CONNECT_SWAPPED);

  self->empty_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->empty_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (self->empty_label, 24);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_vexpand (self->empty_label, TRUE);
  gtk_widget_set_valign (self->empty_label, GTK_ALIGN_START);
  gtk_widget_set_parent (self->empty_label, GTK_WIDGET (self));

  self->popover = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  update_empty (self);
}

GtkWidget *
confianza_ledger_new (void)
{
  return g_object_new (CONFIANZA_TYPE_LEDGER, NULL);
}

void
confianza_ledger_set_model (ConfianzaLedger *self,
                            GListModel      *promises)
{
  g_return_if_fail (CONFIANZA_IS_LEDGER (self));
  g_return_if_fail (promises == NULL || G_IS_LIST_MODEL (promises));

  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = confianza_date_today ();
  gtk_filter_list_model_set_model (self->filtered, promises);
  update_empty (self);
}

void
confianza_ledger_set_filter (ConfianzaLedger       *self,
                             ConfianzaLedgerFilter  filter)
{
  g_return_if_fail (CONFIANZA_IS_LEDGER (self));
  g_return_if_fail (filter < CONFIANZA_LEDGER_N_FILTERS);

  if (self->filter == filter)
    return;

  self->filter = filter;
  gtk_toggle_button_set_active (self->filter_buttons[filter], TRUE);
  gtk_filter_changed (GTK_FILTER (self->outcome_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

ConfianzaLedgerFilter
confianza_ledger_get_filter (ConfianzaLedger *self)
{
  g_return_val_if_fail (CONFIANZA_IS_LEDGER (self), CONFIANZA_LEDGER_ALL);

  return self->filter;
}

gboolean
confianza_ledger_sort_by (ConfianzaLedger *self,
                          const char      *column_id,
                          GtkSortType      order)
{
  GListModel *list;
  guint n;

  g_return_val_if_fail (CONFIANZA_IS_LEDGER (self), FALSE);

  list = gtk_column_view_get_columns (self->table);
  n = g_list_model_get_n_items (list);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      if (g_strcmp0 (columns[c].id, column_id) != 0)
        continue;

      /* The columns may have been reordered: find this one by its title. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);

          if (g_strcmp0 (gtk_column_view_column_get_title (column), _(columns[c].title)) == 0)
            {
              gtk_column_view_sort_by_column (self->table, column, order);
              return TRUE;
            }
        }
    }

  return FALSE;
}

GListModel *
confianza_ledger_get_shown (ConfianzaLedger *self)
{
  g_return_val_if_fail (CONFIANZA_IS_LEDGER (self), NULL);

  return G_LIST_MODEL (self->sorted);
}
