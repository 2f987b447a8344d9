/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-recovery-message.h"
#include "confianza-rules.h"
#include "confianza-text.h"

/* The nicks are stored in the database: never change one, only add. */
G_DEFINE_ENUM_TYPE (ConfianzaWordsKind, confianza_words_kind,
  G_DEFINE_ENUM_VALUE (CONFIANZA_WORDS_APOLOGY, "apology"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WORDS_COMPENSATION_OFFER, "compensation-offer"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WORDS_FOLLOW_UP, "follow-up"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WORDS_FAREWELL, "farewell"))

G_DEFINE_ENUM_TYPE (ConfianzaMessageWay, confianza_message_way,
  G_DEFINE_ENUM_VALUE (CONFIANZA_MESSAGE_COPIED, "copied"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_MESSAGE_MAILED, "mailed"))

struct _ConfianzaRecoveryMessage
{
  GObject    parent_instance;

  gint64     id;
  gint64     plan_id;
  gint64     client_id;
  int        kind;
  int        way;
  char      *text;
  GDateTime *sent_on;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecoveryMessage, confianza_recovery_message, G_TYPE_OBJECT)

static void
confianza_recovery_message_finalize (GObject *object)
{
  ConfianzaRecoveryMessage *self = CONFIANZA_RECOVERY_MESSAGE (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->sent_on, g_date_time_unref);

  G_OBJECT_CLASS (confianza_recovery_message_parent_class)->finalize (object);
}

static void
confianza_recovery_message_class_init (ConfianzaRecoveryMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = confianza_recovery_message_finalize;
}

static void
confianza_recovery_message_init (ConfianzaRecoveryMessage *self)
{
  self->text = g_strdup ("");
}

ConfianzaRecoveryMessage *
confianza_recovery_message_new (gint64               plan_id,
                                gint64               client_id,
                                ConfianzaWordsKind   kind,
                                ConfianzaMessageWay  way,
                                const char          *text,
                                GDateTime           *sent_on)
{
  ConfianzaRecoveryMessage *self = g_object_new (CONFIANZA_TYPE_RECOVERY_MESSAGE, NULL);

  self->plan_id = plan_id;
  self->client_id = client_id;
  self->kind = kind;
  self->way = way;
  confianza_recovery_message_set_text (self, text);
  confianza_recovery_message_set_sent_on (self, sent_on);

  return self;
}

ConfianzaRecoveryMessage *
confianza_recovery_message_copy (ConfianzaRecoveryMessage *self)
{
  ConfianzaRecoveryMessage *copy;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), NULL);

  copy = confianza_recovery_message_new (self->plan_id, self->client_id, self->kind, self->way,
                                         self->text, self->sent_on);
  copy->id = self->id;

  return copy;
}

#define INT_ACCESSORS(type, field)                                             \
  type                                                                         \
  confianza_recovery_message_get_##field (ConfianzaRecoveryMessage *self)      \
  {                                                                            \
    g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), 0);            \
    return self->field;                                                        \
  }                                                                            \
  void                                                                         \
  confianza_recovery_message_set_##field (ConfianzaRecoveryMessage *self,      \
                                          type                      value)     \
  {                                                                            \
    g_return_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self));                   \
    self->field = value;                                                       \
  }

INT_ACCESSORS (gint64, id)
INT_ACCESSORS (gint64, plan_id)
INT_ACCESSORS (gint64, client_id)
INT_ACCESSORS (int, kind)
INT_ACCESSORS (int, way)

#undef INT_ACCESSORS

const char *
confianza_recovery_message_get_text (ConfianzaRecoveryMessage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), NULL);

  return self->text;
}

void
confianza_recovery_message_set_text (ConfianzaRecoveryMessage *self,
                                     const char               *text)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self));

  /* Kept as the user sent it: line ends and blanks are the message's */
  if (g_strcmp0 (self->text, text != NULL ? text : "") == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text != NULL ? text : "");
}

GDateTime *
confianza_recovery_message_get_sent_on (ConfianzaRecoveryMessage *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), NULL);

  return self->sent_on;
}

void
confianza_recovery_message_set_sent_on (ConfianzaRecoveryMessage *self,
                                        GDateTime                *date)
{
  g_return_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self));

  if (date != NULL)
    g_date_time_ref (date);
  g_clear_pointer (&self->sent_on, g_date_time_unref);
  self->sent_on = date;
}

gboolean
confianza_recovery_message_validate (ConfianzaRecoveryMessage  *self,
                                     const char               **property,
                                     GError                   **error)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->kind < CONFIANZA_WORDS_APOLOGY || self->kind > CONFIANZA_WORDS_FAREWELL)
    return confianza_model_fail (property, "kind", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                                 _("This message is of no known kind."));
  if (self->way != CONFIANZA_MESSAGE_COPIED && self->way != CONFIANZA_MESSAGE_MAILED)
    return confianza_model_fail (property, "way", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                                 _("This message went out in no known way."));
  if (self->sent_on == NULL)
    return confianza_model_fail (property, "sent-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("A message sent needs the day it was sent."));
  if (!confianza_rules_check_text (self->text, CONFIANZA_LONG_TEXT_MAX,
                                   _("The message has no words to keep."), error))
    return confianza_model_invalid (property, "text");

  return TRUE;
}

char *
confianza_recovery_message_describe (ConfianzaRecoveryMessage *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (self), NULL);

  date = self->sent_on != NULL ? confianza_date_format (self->sent_on) : g_strdup ("");

  if (self->way == CONFIANZA_MESSAGE_MAILED)
    /* Translators: %s is a date ("5 Dec 2026") */
    return g_strdup_printf (_("Opened in the mail client on %s"), date);

  /* Translators: %s is a date ("5 Dec 2026") */
  return g_strdup_printf (_("Copied on %s"), date);
}

const char *
confianza_recovery_message_subject (ConfianzaWordsKind kind)
{
  switch (kind)
    {
    case CONFIANZA_WORDS_APOLOGY:
      return C_("mail subject", "Our apologies");
    case CONFIANZA_WORDS_COMPENSATION_OFFER:
      return C_("mail subject", "How we will make up for it");
    case CONFIANZA_WORDS_FAREWELL:
      return C_("mail subject", "The end of our work together");
    case CONFIANZA_WORDS_FOLLOW_UP:
    default:
      return C_("mail subject", "How is everything going?");
    }
}

/* mailto: URIs */

/* @text with every line end (CRLF, CR or LF) as CRLF */
static char *
crlf_lines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\r\n");
        }
      else if (*p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
confianza_mailto_uri (const char *to,
                      const char *subject,
                      const char *body)
{
  g_autofree char *address = g_strstrip (g_strdup (to != NULL ? to : ""));
  g_autofree char *escaped_to = NULL;
  GString *uri;
  const char *separator = "?";

  if (address[0] == '\0' || !g_utf8_validate (address, -1, NULL) || strchr (address, '@') == NULL)
    return NULL;
  for (const char *p = address; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == '<' || *p == '>')
      return NULL;

  /* RFC 6068: in the address only "@" stays as it is; everything
   * reserved, "%" and any byte beyond ASCII is percent-encoded */
  escaped_to = g_uri_escape_string (address, "@", FALSE);
  uri = g_string_new ("mailto:");
  g_string_append (uri, escaped_to);

  if (subject != NULL && subject[0] != '\0')
    {
      g_autofree char *lines = crlf_lines (subject);
      g_autofree char *escaped = g_uri_escape_string (lines, NULL, FALSE);

      g_string_append_printf (uri, "%ssubject=%s", separator, escaped);
      separator = "&";
    }

  if (body != NULL && body[0] != '\0')
    {
      g_autofree char *lines = crlf_lines (body);
      g_autofree char *escaped = g_uri_escape_string (lines, NULL, FALSE);

      g_string_append_printf (uri, "%sbody=%s", separator, escaped);
    }

  return g_string_free (uri, FALSE);
}
