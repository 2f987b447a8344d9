/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-recovery-words.h"
#include "confianza-rules.h"

static gboolean
has (const char *text)
{
  return !confianza_rules_text_is_blank (text);
}

/* @text trimmed, without a final full stop: the templates end their
 * sentences themselves */
static char *
sentence_part (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize length = strlen (copy);

  while (length > 0 && copy[length - 1] == '.')
    copy[--length] = '\0';

  return copy;
}

/* Replaces each {name} of @template with its value in @facts. */
static void
append_filled (GString                   *out,
               const char                *template,
               const ConfianzaWordsFacts *facts)
{
  g_autofree char *when = facts->when != NULL ? confianza_date_format (facts->when) : g_strdup ("");
  g_autofree char *until = facts->until != NULL ? confianza_date_format (facts->until) : g_strdup ("");
  g_autofree char *next = facts->next != NULL ? confianza_date_format (facts->next) : g_strdup ("");
  g_autofree char *what = sentence_part (facts->what);
  g_autofree char *compensation = sentence_part (facts->compensation);
  g_autofree char *guarantee = sentence_part (facts->guarantee);
  g_autofree char *client = g_strstrip (g_strdup (facts->client != NULL ? facts->client : ""));
  const struct { const char *name; const char *value; } values[] = {
    { "{client}", client },
    { "{what}", what },
    { "{when}", when },
    { "{compensation}", compensation },
    { "{guarantee}", guarantee },
    { "{until}", until },
    { "{next}", next },
  };
  const char *p = template;

  while (*p != '\0')
    {
      gboolean replaced = FALSE;

      if (*p == '{')
        for (guint i = 0; i < G_N_ELEMENTS (values); i++)
          if (g_str_has_prefix (p, values[i].name))
            {
              g_string_append (out, values[i].value);
              p += strlen (values[i].name);
              replaced = TRUE;
              break;
            }

      if (!replaced)
        g_string_append_c (out, *p++);
    }
}

const char *
confianza_address_to_string (ConfianzaAddress address)
{
  return address == CONFIANZA_ADDRESS_TU ? "tu" : "usted";
}

ConfianzaAddress
confianza_address_from_string (const char *text)
{
  return g_strcmp0 (text, "tu") == 0 ? CONFIANZA_ADDRESS_TU : CONFIANZA_ADDRESS_USTED;
}

/* Appends the pair's text for the facts' form of address, filled. */
#define PARAGRAPH(out, facts, tu, usted) \
  paragraph (out, CONFIANZA_ADDRESSED ((facts)->address, tu, usted), facts)

static void
paragraph (GString                   *out,
           const char                *template,
           const ConfianzaWordsFacts *facts)
{
  if (out->len > 0)
    g_string_append (out, "\n\n");
  append_filled (out, template, facts);
}

char *
confianza_recovery_words_draft (ConfianzaWordsKind         kind,
                                const ConfianzaWordsFacts *facts)
{
  static const ConfianzaWordsFacts none = { NULL };
  g_autoptr(GString) out = g_string_new (NULL);

  if (facts == NULL)
    facts = &none;

  if (has (facts->client))
    /* Translators: the greeting of a message to a client; keep {client} */
    PARAGRAPH (out, facts,
               C_("tú", "Dear {client},"),
               C_("usted", "Dear {client},"));
  else
    PARAGRAPH (out, facts,
               C_("tú", "Hello,"),
               C_("usted", "Hello,"));

  switch (kind)
    {
    case CONFIANZA_WORDS_APOLOGY:
      if (has (facts->what) && facts->when != NULL)
        /* Translators: keep {what} (what went wrong) and {when} (a date) */
        PARAGRAPH (out, facts,
                   C_("tú", "On {when} we let you down: {what}. It was our mistake, and I am sorry. No excuses: we are responsible for what happened."),
                   C_("usted", "On {when} we let you down: {what}. It was our mistake, and I am sorry. No excuses: we are responsible for what happened."));
      else if (has (facts->what))
        /* Translators: keep {what} (what went wrong) */
        PARAGRAPH (out, facts,
                   C_("tú", "We let you down: {what}. It was our mistake, and I am sorry. No excuses: we are responsible for what happened."),
                   C_("usted", "We let you down: {what}. It was our mistake, and I am sorry. No excuses: we are responsible for what happened."));
      else
        PARAGRAPH (out, facts,
                   C_("tú", "We let you down, it was our mistake, and I am sorry. No excuses: we are responsible for what happened."),
                   C_("usted", "We let you down, it was our mistake, and I am sorry. No excuses: we are responsible for what happened."));
      PARAGRAPH (out, facts,
                 C_("tú", "I would like to hear from you, frankly, how it affected you, so that nothing is left unsaid. Then I will tell you what we are going to do to make up for it."),
                 C_("usted", "I would like to hear from you, frankly, how it affected you, so that nothing is left unsaid. Then I will tell you what we are going to do to make up for it."));
      break;

    case CONFIANZA_WORDS_COMPENSATION_OFFER:
      PARAGRAPH (out, facts,
                 C_("tú", "Saying sorry is not enough: we want to take the consequences of our mistake and restore the balance."),
                 C_("usted", "Saying sorry is not enough: we want to take the consequences of our mistake and restore the balance."));
      if (has (facts->compensation))
        /* Translators: keep {compensation} (what is offered) */
        PARAGRAPH (out, facts,
                   C_("tú", "That is why we offer you: {compensation}."),
                   C_("usted", "That is why we offer you: {compensation}."));
      if (has (facts->guarantee) && facts->until != NULL)
        /* Translators: keep {guarantee} (its terms) and {until} (a date) */
        PARAGRAPH (out, facts,
                   C_("tú", "And until {until} you have a special guarantee that we offer nobody else: {guarantee}. If it happens again, it is on us."),
                   C_("usted", "And until {until} you have a special guarantee that we offer nobody else: {guarantee}. If it happens again, it is on us."));
      else if (has (facts->guarantee))
        /* Translators: keep {guarantee} (its terms) */
        PARAGRAPH (out, facts,
                   C_("tú", "And you have a special guarantee that we offer nobody else: {guarantee}. If it happens again, it is on us."),
                   C_("usted", "And you have a special guarantee that we offer nobody else: {guarantee}. If it happens again, it is on us."));
      PARAGRAPH (out, facts,
                 C_("tú", "We value working with you, and we want to keep doing it."),
                 C_("usted", "We value working with you, and we want to keep doing it."));
      break;

    case CONFIANZA_WORDS_FAREWELL:
      if (has (facts->what))
        /* Translators: the closing message to a client let go; keep {what} */
        PARAGRAPH (out, facts,
                   C_("tú", "After what happened ({what}), we think it is better for you, and fairer, that we stop working together. We take our share of the responsibility, and we are sorry it ends this way."),
                   C_("usted", "After what happened ({what}), we think it is better for you, and fairer, that we stop working together. We take our share of the responsibility, and we are sorry it ends this way."));
      else
        PARAGRAPH (out, facts,
                   C_("tú", "We think it is better for you, and fairer, that we stop working together. We take our share of the responsibility, and we are sorry it ends this way."),
                   C_("usted", "We think it is better for you, and fairer, that we stop working together. We take our share of the responsibility, and we are sorry it ends this way."));
      PARAGRAPH (out, facts,
                   C_("tú", "If you wish, we will send you a report of everything we recorded about our work together, and then erase your data from our records. Thank you for the trust you placed in us, and we wish you all the best."),
                   C_("usted", "If you wish, we will send you a report of everything we recorded about our work together, and then erase your data from our records. Thank you for the trust you placed in us, and we wish you all the best."));
      break;

    case CONFIANZA_WORDS_FOLLOW_UP:
    default:
      PARAGRAPH (out, facts,
                 C_("tú", "I am writing to see how things are going since we fixed what went wrong. Is everything working as you expected? Is there anything we could do better?"),
                 C_("usted", "I am writing to see how things are going since we fixed what went wrong. Is everything working as you expected? Is there anything we could do better?"));
      if (has (facts->guarantee))
        /* Translators: keep {guarantee} (its terms) */
        PARAGRAPH (out, facts,
                   C_("tú", "Remember that our special guarantee still stands: {guarantee}."),
                   C_("usted", "Remember that our special guarantee still stands: {guarantee}."));
      if (facts->next != NULL)
        /* Translators: keep {next} (a date) */
        PARAGRAPH (out, facts,
                   C_("tú", "I will get in touch again on {next}; until then, I am here for whatever you need."),
                   C_("usted", "I will get in touch again on {next}; until then, I am here for whatever you need."));
      break;
    }

  PARAGRAPH (out, facts,
             C_("tú", "Best regards,"),
             C_("usted", "Best regards,"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
