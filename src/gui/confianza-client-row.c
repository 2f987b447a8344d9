/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-client-row"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-trust.h"

#include "confianza-client-row.h"

/* The client's initials in a coloured circle, drawn as libadwaita draws
 * its avatars (the same "avatar" node and colours), but a plain label: an
 * AdwAvatar measured its text anew each time a row was bound to another
 * client, the largest part of binding a row */
#define CONFIANZA_TYPE_INITIALS (confianza_initials_get_type ())
G_DECLARE_FINAL_TYPE (ConfianzaInitials, confianza_initials, CONFIANZA, INITIALS, GtkWidget)

#define INITIALS_SIZE 40

struct _ConfianzaInitials
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  char      *color_class;
};

G_DEFINE_FINAL_TYPE (ConfianzaInitials, confianza_initials, GTK_TYPE_WIDGET)

static void
confianza_initials_dispose (GObject *object)
{
  ConfianzaInitials *self = CONFIANZA_INITIALS (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->color_class, g_free);

  G_OBJECT_CLASS (confianza_initials_parent_class)->dispose (object);
}

static void
confianza_initials_class_init (ConfianzaInitialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_initials_dispose;
  gtk_widget_class_set_css_name (widget_class, "avatar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
confianza_initials_init (ConfianzaInitials *self)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  /* The size AdwAvatar gives the initials of a 40 px avatar */
  pango_attr_list_insert (attributes, pango_attr_size_new_absolute (INITIALS_SIZE * 0.36 * PANGO_SCALE));
  self->label = gtk_label_new (NULL);
  gtk_label_set_attributes (GTK_LABEL (self->label), attributes);
  pango_attr_list_unref (attributes);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_size_request (GTK_WIDGET (self), INITIALS_SIZE, INITIALS_SIZE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* The first letters of the first and the last word, as AdwAvatar shows
 * them, and the colour it would pick for @name */
static void
confianza_initials_set_name (ConfianzaInitials *self,
                             const char        *name)
{
  g_autofree char *color_class = g_strdup_printf ("color%u", g_str_hash (name) % 14 + 1);
  g_autofree char *copy = g_strdup (name);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (copy), " \t", -1);
  g_autoptr(GString) initials = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      n = i + 1;
  for (guint i = 0; i < n; i += MAX (1, n - 1))
    if (words[i][0] != '\0')
      {
        g_autofree char *upper = g_utf8_strup (words[i], g_utf8_next_char (words[i]) - words[i]);

        g_string_append (initials, upper);
      }

  gtk_label_set_label (GTK_LABEL (self->label), initials->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (g_strcmp0 (color_class, self->color_class) != 0)
    {
      if (self->color_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->color_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), color_class);
      g_free (self->color_class);
      self->color_class = g_steal_pointer (&color_class);
    }
}

struct _ConfianzaClientRow
{
  AdwBin           parent_instance;

  ConfianzaClient *client;
  char            *status_class;
  char            *trust_class;

  /* Template widgets */
  ConfianzaInitials *avatar;
  GtkLabel        *name_label;
  GtkLabel        *company_label;
  GtkLabel        *next_label;
  GtkLabel        *contact_label;
  GtkLabel        *status_label;
  GtkLabel        *trust_label;
};

G_DEFINE_FINAL_TYPE (ConfianzaClientRow, confianza_client_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_chip_class (GtkWidget  *chip,
                char      **current,
                const char *css_class)
{
  if (*current != NULL)
    gtk_widget_remove_css_class (chip, *current);
  g_free (*current);
  *current = g_strdup (css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (chip, css_class);
}

/* Today, for the rows bound in one go: asking GLib for the local time
 * zone reads it again from disk, which was a fifth of binding a row. Kept
 * for a second at most, so that rows bound after midnight say so. */
static GDateTime *
rows_today (void)
{
  static GDateTime *today;
  static gint64 taken_at;
  gint64 now = g_get_monotonic_time ();

  if (today == NULL || now - taken_at > G_USEC_PER_SEC)
    {
      g_clear_pointer (&today, g_date_time_unref);
      today = confianza_date_today ();
      taken_at = now;
    }

  return g_date_time_ref (today);
}

static void
update (ConfianzaClientRow *self)
{
  ConfianzaClient *client = self->client;
  g_autoptr(GDateTime) today = rows_today ();
  g_autofree char *next = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *trust = NULL;
  const char *company;
  ConfianzaClientStatus status;
  GDateTime *due;
  int days, score;

  if (client == NULL)
    return;

  company = confianza_client_get_company (client);
  status = confianza_client_get_status (client);

  confianza_initials_set_name (self->avatar, confianza_client_get_name (client));
  gtk_label_set_label (self->name_label, confianza_client_get_name (client));
  gtk_label_set_label (self->company_label, company);
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company[0] != '\0');

  /* The chip's color says the status at a glance, the text says it in words. */
  gtk_label_set_label (self->status_label, confianza_client_status_to_label (status));
  set_chip_class (GTK_WIDGET (self->status_label), &self->status_class,
                  confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, status));

  due = confianza_client_get_next_due_on (client);
  if (due != NULL)
    {
      g_autofree char *date = confianza_date_format (due);
      int left = confianza_date_days_between (today, due);

      if (left < 0)
        /* Translators: the next promise due, and its date, already past */
        next = g_strdup_printf (_("Overdue: %s (%s)"), confianza_client_get_next_due_title (client), date);
      else
        /* Translators: the next promise due, and its date */
        next = g_strdup_printf (_("Next: %s (%s)"), confianza_client_get_next_due_title (client), date);
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), TRUE);
      if (left < 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->next_label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->next_label), "error");
    }
  else
    {
      next = g_strdup (_("No promise pending"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_label), "error");
    }
  gtk_label_set_label (self->next_label, next);

  days = confianza_rules_days_since_contact (confianza_client_get_last_contact (client), NULL, today);
  if (days < 0)
    contact = g_strdup (_("No contact logged yet"));
  else if (days == 0)
    contact = g_strdup (_("Last contact today"));
  else
    contact = g_strdup_printf (ngettext ("Last contact %d day ago",
                                         "Last contact %d days ago", days), days);
  gtk_label_set_label (self->contact_label, contact);

  score = confianza_client_get_trust_score (client);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_label), score >= 0);
  if (score >= 0)
    {
      ConfianzaTrustLevel level = confianza_trust_level_for_score (score);
      g_autofree char *accessible = NULL;

      trust = g_strdup_printf ("%d", score);
      gtk_label_set_label (self->trust_label, trust);
      set_chip_class (GTK_WIDGET (self->trust_label), &self->trust_class,
                      confianza_trust_level_to_css_class (level));
      /* Translators: %d is the trust index (0–100), %s its level (High…) */
      accessible = g_strdup_printf (_("Trust index %d, %s"), score,
                                    confianza_trust_level_to_label (level));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->trust_label), accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->trust_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }
}

/* Callbacks */

static void
on_client_notify (ConfianzaClientRow *self,
                  GParamSpec         *pspec,
                  ConfianzaClient    *client)
{
  update (self);
}

static void
confianza_client_row_dispose (GObject *object)
{
  ConfianzaClientRow *self = CONFIANZA_CLIENT_ROW (object);

  confianza_client_row_set_client (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_CLIENT_ROW);

  G_OBJECT_CLASS (confianza_client_row_parent_class)->dispose (object);
}

static void
confianza_client_row_finalize (GObject *object)
{
  ConfianzaClientRow *self = CONFIANZA_CLIENT_ROW (object);

  g_free (self->status_class);
  g_free (self->trust_class);

  G_OBJECT_CLASS (confianza_client_row_parent_class)->finalize (object);
}

static void
confianza_client_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConfianzaClientRow *self = CONFIANZA_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_client_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConfianzaClientRow *self = CONFIANZA_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      confianza_client_row_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_client_row_class_init (ConfianzaClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_client_row_dispose;
  object_class->finalize = confianza_client_row_finalize;
  object_class->get_property = confianza_client_row_get_property;
  object_class->set_property = confianza_client_row_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         CONFIANZA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONFIANZA_TYPE_INITIALS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, company_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, next_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, contact_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaClientRow, trust_label);
}

static void
confianza_client_row_init (ConfianzaClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ConfianzaClientRow *
confianza_client_row_new (void)
{
  return g_object_new (CONFIANZA_TYPE_CLIENT_ROW, NULL);
}

ConfianzaClient *
confianza_client_row_get_client (ConfianzaClientRow *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT_ROW (self), NULL);

  return self->client;
}

void
confianza_client_row_set_client (ConfianzaClientRow *self,
                                 ConfianzaClient    *client)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT_ROW (self));
  g_return_if_fail (client == NULL || CONFIANZA_IS_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, on_client_notify, self);

  g_set_object (&self->client, client);

  if (client != NULL)
    g_signal_connect_object (client, "notify", G_CALLBACK (on_client_notify),
                             self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}
