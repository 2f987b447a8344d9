/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-promise-row"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-promise-row.h"
#include "model/confianza-date.h"
#include "model/confianza-ledger.h"

struct _ConfianzaPromiseRow
{
  GtkWidget         parent_instance;

  ConfianzaPromise *record;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *outcome_label;
  GtkMenuButton    *menu_button;
  char             *outcome_class;
};

G_DEFINE_FINAL_TYPE (ConfianzaPromiseRow, confianza_promise_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
confianza_outcome_css_class (ConfianzaOutcome outcome)
{
  switch (outcome)
    {
    case CONFIANZA_OUTCOME_OVERDELIVERED:
    case CONFIANZA_OUTCOME_KEPT:
      return "success";
    case CONFIANZA_OUTCOME_LATE:
    case CONFIANZA_OUTCOME_OVERDUE:
      return "warning";
    case CONFIANZA_OUTCOME_BROKEN:
      return "error";
    case CONFIANZA_OUTCOME_OPEN:
    default:
      return NULL;
    }
}

static void
menu_add (GMenu      *menu,
          const char *label,
          const char *action,
          gint64      id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
}

GMenuModel *
confianza_promise_menu_new (ConfianzaPromise *promise,
                            ConfianzaOutcome  outcome)
{
  GMenu *menu = g_menu_new ();
  gint64 id = confianza_promise_get_id (promise);

  if (confianza_outcome_is_closed (outcome))
    {
      menu_add (menu, _("_Edit Delivery…"), "client.deliver-promise", id);
      menu_add (menu, _("_Correct a Mistake…"), "client.correct-promise", id);
    }
  else
    {
      menu_add (menu, _("Mark _Delivered…"), "client.deliver-promise", id);
      menu_add (menu, _("Change the Due _Date…"), "client.renegotiate-promise", id);
      menu_add (menu, _("Mark _Broken…"), "client.break-promise", id);
    }
  menu_add (menu, _("_History"), "client.promise-history", id);
  menu_add (menu, _("_Edit…"), "client.edit-promise", id);
  menu_add (menu, _("_Delete"), "client.delete-promise", id);

  return G_MENU_MODEL (menu);
}

/* Gives @button the menu of @promise as it is today (none for NULL);
 * meant for a create-popup function, so that menus are made only when
 * they open */
void
confianza_promise_menu_button_update (GtkMenuButton    *button,
                                      ConfianzaPromise *promise)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GMenuModel) menu = NULL;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (promise == NULL || CONFIANZA_IS_PROMISE (promise));

  if (promise != NULL)
    {
      today = confianza_date_today ();
      menu = confianza_promise_menu_new (promise, confianza_promise_get_outcome (promise, today));
    }
  gtk_menu_button_set_menu_model (button, menu);
}

char *
confianza_format_quantity (double      quantity,
                           const char *unit)
{
  /* %g: 3 stays "3", 2.5 reads "2,5" in Spanish */
  if (unit != NULL && unit[0] != '\0')
    return g_strdup_printf ("%g %s", quantity, unit);

  return g_strdup_printf ("%g", quantity);
}

/* The ledger line: what was promised, against what was delivered. */
char *
confianza_promise_describe (ConfianzaPromise       *promise,
                            ConfianzaPromiseResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *promised = confianza_date_format (confianza_promise_get_promised_on (promise));
  g_autofree char *due = confianza_date_format (confianza_promise_get_due_on (promise));
  GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
  const char *extras = confianza_promise_get_extras (promise);

  /* Translators: dates a promise was made and is due */
  g_string_append_printf (text, _("Promised %s · due %s"), promised, due);
  if (confianza_promise_is_renegotiated (promise))
    {
      g_autofree char *first = confianza_date_format (confianza_promise_get_original_due_on (promise));

      /* Translators: the promise's first due date, before a renegotiation */
      g_string_append_printf (text, _(" (renegotiated, first %s)"), first);
    }

  if (confianza_promise_get_has_quantity (promise))
    {
      g_autofree char *quantity = confianza_format_quantity (confianza_promise_get_promised_quantity (promise),
                                                   confianza_promise_get_unit (promise));

      g_string_append (text, "\n");
      if (delivered_on != NULL)
        {
          g_autofree char *delivered = confianza_format_quantity (confianza_promise_get_delivered_quantity (promise),
                                                        confianza_promise_get_unit (promise));
          /* Translators: promised quantity → delivered quantity */
          g_string_append_printf (text, _("Promised %s, delivered %s"), quantity, delivered);
        }
      else
        {
          g_string_append_printf (text, _("Promised %s"), quantity);
        }
    }

  if (delivered_on != NULL)
    {
      g_autofree char *date = confianza_date_format (delivered_on);

      g_string_append (text, "\n");
      if (result->days_early > 0)
        g_string_append_printf (text, ngettext ("Delivered %s, %d day early",
                                                "Delivered %s, %d days early",
                                                result->days_early),
                                date, result->days_early);
      else if (result->days_late > 0)
        g_string_append_printf (text, ngettext ("Delivered %s, %d day late",
                                                "Delivered %s, %d days late",
                                                result->days_late),
                                date, result->days_late);
      else
        g_string_append_printf (text, _("Delivered %s, on the due date"), date);
    }
  else if (result->outcome == CONFIANZA_OUTCOME_OVERDUE)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, ngettext ("%d day overdue", "%d days overdue",
                                              result->days_late),
                              result->days_late);
    }

  if (extras[0] != '\0')
    {
      g_string_append (text, "\n");
      /* Translators: what was delivered beyond the promise */
      g_string_append_printf (text, _("Extra: %s"), extras);
    }

  if (confianza_promise_get_broken (promise))
    {
      g_string_append (text, "\n");
      g_string_append (text, confianza_promise_get_broken_reason (promise));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update (ConfianzaPromiseRow *self)
{
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *subtitle = NULL;
  ConfianzaPromiseResult result;
  const char *css_class;

  if (self->outcome_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_label), self->outcome_class);
  g_clear_pointer (&self->outcome_class, g_free);

  if (self->record == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_label_set_label (self->outcome_label, "");
      return;
    }

  today = confianza_date_today ();
  result = confianza_promise_get_result (self->record, today);
  subtitle = confianza_promise_describe (self->record, &result);
  gtk_label_set_label (self->title_label, confianza_promise_get_title (self->record));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->outcome_label,
                       confianza_ledger_outcome_label (result.outcome,
                                                       confianza_promise_is_renegotiated (self->record)));
  css_class = confianza_outcome_css_class (result.outcome);
  if (css_class != NULL)
    {
      self->outcome_class = g_strdup (css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), css_class);
    }
}

/* The row's menu is made when it opens, from the promise as it is then:
 * a page of 200 promises would otherwise build 200 menus nobody opens */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  ConfianzaPromiseRow *self = user_data;

  confianza_promise_menu_button_update (button, self->record);
}

static void
confianza_promise_row_dispose (GObject *object)
{
  ConfianzaPromiseRow *self = CONFIANZA_PROMISE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_PROMISE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->record);
  g_clear_pointer (&self->outcome_class, g_free);

  G_OBJECT_CLASS (confianza_promise_row_parent_class)->dispose (object);
}

static void
confianza_promise_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConfianzaPromiseRow *self = CONFIANZA_PROMISE_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_promise_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConfianzaPromiseRow *self = CONFIANZA_PROMISE_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      confianza_promise_row_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The menu key opens the row's actions */
static gboolean
open_menu (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  ConfianzaPromiseRow *self = CONFIANZA_PROMISE_ROW (widget);

  if (self->record == NULL)
    return FALSE;

  gtk_menu_button_popup (self->menu_button);
  return TRUE;
}

static void
confianza_promise_row_class_init (ConfianzaPromiseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_promise_row_dispose;
  object_class->get_property = confianza_promise_row_get_property;
  object_class->set_property = confianza_promise_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         CONFIANZA_TYPE_PROMISE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-promise-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseRow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPromiseRow, menu_button);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, open_menu, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, open_menu, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
confianza_promise_row_init (ConfianzaPromiseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);
}

GtkWidget *
confianza_promise_row_new (void)
{
  return g_object_new (CONFIANZA_TYPE_PROMISE_ROW, NULL);
}

ConfianzaPromise *
confianza_promise_row_get_record (ConfianzaPromiseRow *self)
{
  g_return_val_if_fail (CONFIANZA_IS_PROMISE_ROW (self), NULL);

  return self->record;
}

void
confianza_promise_row_set_record (ConfianzaPromiseRow *self,
                                  ConfianzaPromise    *record)
{
  g_return_if_fail (CONFIANZA_IS_PROMISE_ROW (self));
  g_return_if_fail (record == NULL || CONFIANZA_IS_PROMISE (record));

  if (!g_set_object (&self->record, record))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
