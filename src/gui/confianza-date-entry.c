/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-date-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-date.h"

#include "confianza-date-entry.h"

struct _ConfianzaDateEntry
{
  AdwBin       parent_instance;

  GDateTime   *date;
  gboolean     updating;

  GtkEntry    *entry;
  GtkCalendar *calendar;
  GtkPopover  *popover;
};

G_DEFINE_FINAL_TYPE (ConfianzaDateEntry, confianza_date_entry, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_date_internal (ConfianzaDateEntry *self,
                   GDateTime          *date)
{
  if (confianza_date_equal (self->date, date))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Callbacks */

static void
on_text_changed (ConfianzaDateEntry *self,
                 GtkEditable        *editable)
{
  g_autoptr(GDateTime) date = NULL;
  const char *text;

  if (self->updating)
    return;

  text = gtk_editable_get_text (editable);
  date = confianza_date_parse_locale (text, NULL);
  set_date_internal (self, date);
}

static void
on_day_selected (ConfianzaDateEntry *self,
                 GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) date = confianza_date_from_datetime (picked);

  confianza_date_entry_set_date (self, date);
  gtk_popover_popdown (self->popover);
}

static void
on_popover_show (ConfianzaDateEntry *self,
                 GtkPopover         *popover)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDateTime *shown = self->date;
  int y, m, d;

  if (shown == NULL)
    shown = today = confianza_date_today ();

  /* GtkCalendar works in local time: give it the same calendar day. */
  g_date_time_get_ymd (shown, &y, &m, &d);
  local = g_date_time_new_local (y, m, d, 12, 0, 0);
  g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
  gtk_calendar_select_day (self->calendar, local);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
}

static void
confianza_date_entry_dispose (GObject *object)
{
  ConfianzaDateEntry *self = CONFIANZA_DATE_ENTRY (object);

  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (confianza_date_entry_parent_class)->dispose (object);
}

static void
confianza_date_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConfianzaDateEntry *self = CONFIANZA_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_date_entry_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConfianzaDateEntry *self = CONFIANZA_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DATE:
      confianza_date_entry_set_date (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_date_entry_class_init (ConfianzaDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = confianza_date_entry_dispose;
  object_class->get_property = confianza_date_entry_get_property;
  object_class->set_property = confianza_date_entry_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_date_entry_init (ConfianzaDateEntry *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *example = confianza_date_format (today);
  g_autofree char *placeholder = NULL;

  gtk_widget_add_css_class (box, "linked");

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_activates_default (self->entry, TRUE);
  /* Translators: %s is today's date in the locale's format */
  placeholder = g_strdup_printf (_("For example, %s"), example);
  gtk_entry_set_placeholder_text (self->entry, placeholder);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_text_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected),
                           self, G_CONNECT_SWAPPED);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show),
                           self, G_CONNECT_SWAPPED);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->popover));
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"),
                                  -1);
  gtk_box_append (GTK_BOX (box), button);

  adw_bin_set_child (ADW_BIN (self), box);
}

ConfianzaDateEntry *
confianza_date_entry_new (void)
{
  return g_object_new (CONFIANZA_TYPE_DATE_ENTRY, NULL);
}

GDateTime *
confianza_date_entry_get_date (ConfianzaDateEntry *self)
{
  g_return_val_if_fail (CONFIANZA_IS_DATE_ENTRY (self), NULL);

  return self->date;
}

GtkEditable *
confianza_date_entry_get_editable (ConfianzaDateEntry *self)
{
  g_return_val_if_fail (CONFIANZA_IS_DATE_ENTRY (self), NULL);

  return GTK_EDITABLE (self->entry);
}

void
confianza_date_entry_set_label (ConfianzaDateEntry *self,
                                GtkLabel           *label)
{
  g_return_if_fail (CONFIANZA_IS_DATE_ENTRY (self));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
}

void
confianza_date_entry_set_date (ConfianzaDateEntry *self,
                               GDateTime          *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CONFIANZA_IS_DATE_ENTRY (self));

  text = confianza_date_format (date);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->updating = FALSE;

  set_date_internal (self, date);
}

gboolean
confianza_date_entry_check (ConfianzaDateEntry  *self,
                            GError             **error)
{
  g_autoptr(GDateTime) date = NULL;
  const char *text;

  g_return_val_if_fail (CONFIANZA_IS_DATE_ENTRY (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (text[0] == '\0')
    return TRUE;

  date = confianza_date_parse_locale (text, error);

  return date != NULL;
}
