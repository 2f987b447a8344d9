/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-client-row"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-trust.h"

#include "confianza-client-row.h"

struct _ConfianzaClientRow
{
  AdwBin           parent_instance;

  ConfianzaClient *client;
  char            *status_class;
  char            *trust_class;

  /* Template widgets */
  AdwAvatar       *avatar;
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

static void
update (ConfianzaClientRow *self)
{
  ConfianzaClient *client = self->client;
  g_autoptr(GDateTime) today = confianza_date_today ();
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

  adw_avatar_set_text (self->avatar, confianza_client_get_name (client));
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
