/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-conversation.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaConversation
{
  GObject           parent_instance;

  gint64            id;
  gint64            client_id;
  GDateTime        *happened_on;
  ConfianzaChannel  channel;
  char             *client_said;
  char             *agreed;
};

G_DEFINE_FINAL_TYPE (ConfianzaConversation, confianza_conversation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_HAPPENED_ON,
  PROP_CHANNEL,
  PROP_CLIENT_SAID,
  PROP_AGREED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaConversation, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaConversation, client_id) },
  { PROP_HAPPENED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaConversation, happened_on) },
  { PROP_CLIENT_SAID, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaConversation, client_said) },
  { PROP_AGREED, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaConversation, agreed) },
};

/* Helpers */

/* GObject */

static void
confianza_conversation_finalize (GObject *object)
{
  ConfianzaConversation *self = CONFIANZA_CONVERSATION (object);

  g_clear_pointer (&self->happened_on, g_date_time_unref);
  g_clear_pointer (&self->client_said, g_free);
  g_clear_pointer (&self->agreed, g_free);

  G_OBJECT_CLASS (confianza_conversation_parent_class)->finalize (object);
}

static void
confianza_conversation_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ConfianzaConversation *self = CONFIANZA_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_conversation_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ConfianzaConversation *self = CONFIANZA_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      confianza_conversation_set_channel (self, g_value_get_enum (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_conversation_class_init (ConfianzaConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_conversation_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_conversation_get_property;
  object_class->set_property = confianza_conversation_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_HAPPENED_ON] = confianza_record_param_date ("happened-on");

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       CONFIANZA_TYPE_CHANNEL, CONFIANZA_CHANNEL_CALL,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_CLIENT_SAID] = confianza_record_param_text ("client-said", "");

  properties[PROP_AGREED] = confianza_record_param_text ("agreed", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_conversation_init (ConfianzaConversation *self)
{
  self->channel = CONFIANZA_CHANNEL_CALL;

  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->client_said = g_strdup ("");
  self->agreed = g_strdup ("");
}

/* Public API */

ConfianzaConversation *
confianza_conversation_new (gint64            client_id,
                            GDateTime        *happened_on,
                            ConfianzaChannel  channel)
{
  return g_object_new (CONFIANZA_TYPE_CONVERSATION,
                       "client-id", client_id,
                       "happened-on", happened_on,
                       "channel", channel,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaConversation *
confianza_conversation_copy (ConfianzaConversation *self)
{
  ConfianzaConversation *copy;

  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_CONVERSATION, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->happened_on = self->happened_on != NULL ? g_date_time_ref (self->happened_on) : NULL;
  copy->channel = self->channel;
  g_free (copy->client_said);
  copy->client_said = g_strdup (self->client_said);
  g_free (copy->agreed);
  copy->agreed = g_strdup (self->agreed);

  return copy;
}

gint64
confianza_conversation_get_id (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), 0);

  return self->id;
}

void
confianza_conversation_set_id (ConfianzaConversation *self,
                               gint64                 id)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_conversation_get_client_id (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), 0);

  return self->client_id;
}

void
confianza_conversation_set_client_id (ConfianzaConversation *self,
                                      gint64                 client_id)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

GDateTime *
confianza_conversation_get_happened_on (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), NULL);

  return self->happened_on;
}

void
confianza_conversation_set_happened_on (ConfianzaConversation *self,
                                        GDateTime             *date)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  confianza_record_set_date (self, &self->happened_on, date, properties[PROP_HAPPENED_ON]);
}

ConfianzaChannel
confianza_conversation_get_channel (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), CONFIANZA_CHANNEL_CALL);

  return self->channel;
}

void
confianza_conversation_set_channel (ConfianzaConversation *self,
                                    ConfianzaChannel       channel)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  if (self->channel == channel)
    return;

  self->channel = channel;
  confianza_record_notify (self, properties[PROP_CHANNEL]);
}

const char *
confianza_conversation_get_client_said (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), NULL);

  return self->client_said;
}

void
confianza_conversation_set_client_said (ConfianzaConversation *self,
                                        const char            *text)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  confianza_record_set_text (self, &self->client_said, text, properties[PROP_CLIENT_SAID]);
}

const char *
confianza_conversation_get_agreed (ConfianzaConversation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), NULL);

  return self->agreed;
}

void
confianza_conversation_set_agreed (ConfianzaConversation *self,
                                   const char            *text)
{
  g_return_if_fail (CONFIANZA_IS_CONVERSATION (self));

  confianza_record_set_text (self, &self->agreed, text, properties[PROP_AGREED]);
}

gboolean
confianza_conversation_validate (ConfianzaConversation  *self,
                                 const char            **property,
                                 GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->happened_on == NULL)
    return confianza_model_fail (property, "happened-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say on which day you spoke."));

  if (!confianza_rules_check_text (self->client_said, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "client-said");

  if (!confianza_rules_check_text (self->agreed, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "agreed");

  /* Either one is enough. Both passed the checks above, so given an empty
   * message check_text () now fails only on blank text. */
  if (!confianza_rules_check_text (self->client_said, CONFIANZA_LONG_TEXT_MAX, "", NULL)
      && !confianza_rules_check_text (self->agreed, CONFIANZA_LONG_TEXT_MAX, "", NULL))
    return confianza_model_fail (property, "client-said", error, CONFIANZA_MODEL_ERROR_EMPTY,
                 _("Write what the client said or what you agreed."));

  return TRUE;
}
