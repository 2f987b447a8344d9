/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "confianza-client.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaClient
{
  GObject                parent_instance;

  gint64                 id;
  char                  *name;
  char                  *company;
  char                  *email;
  char                  *phone;
  char                  *notes;
  ConfianzaClientStatus  status;
  gboolean               status_manual;
  GDateTime             *since;
  GDateTime             *last_contact;
  /* Not clamped: validate () explains a bad value in words */
  int                    follow_up_days;
  char                  *let_go_reason;

  /* Derived, not stored: the store fills them for lists and sorting. */
  GDateTime             *next_due_on;
  char                  *next_due_title;
  int                    trust_score;

  /* Caches for lists of thousands, computed on first use and dropped when
   * what they come from changes: the collation key of the case-folded
   * name, and the folded words of name, company and email for searching */
  char                  *sort_key;
  char                 **search_words[3];
};

G_DEFINE_FINAL_TYPE (ConfianzaClient, confianza_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_NOTES,
  PROP_STATUS,
  PROP_STATUS_MANUAL,
  PROP_SINCE,
  PROP_LAST_CONTACT,
  PROP_FOLLOW_UP_DAYS,
  PROP_LET_GO_REASON,
  PROP_NEXT_DUE_ON,
  PROP_NEXT_DUE_TITLE,
  PROP_TRUST_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaClient, id) },
  { PROP_PHONE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaClient, phone) },
  { PROP_NOTES, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaClient, notes) },
  { PROP_SINCE, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaClient, since) },
  { PROP_LAST_CONTACT, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaClient, last_contact) },
  { PROP_LET_GO_REASON, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaClient, let_go_reason) },
};

/* Helpers */

/* GObject */

static void
confianza_client_finalize (GObject *object)
{
  ConfianzaClient *self = CONFIANZA_CLIENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->last_contact, g_date_time_unref);
  g_clear_pointer (&self->let_go_reason, g_free);
  g_clear_pointer (&self->next_due_on, g_date_time_unref);
  g_clear_pointer (&self->next_due_title, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->search_words); i++)
    g_clear_pointer (&self->search_words[i], g_strfreev);

  G_OBJECT_CLASS (confianza_client_parent_class)->finalize (object);
}

static void
confianza_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConfianzaClient *self = CONFIANZA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STATUS_MANUAL:
      g_value_set_boolean (value, self->status_manual);
      break;

    case PROP_FOLLOW_UP_DAYS:
      g_value_set_int (value, self->follow_up_days);
      break;

    case PROP_NEXT_DUE_ON:
      g_value_set_boxed (value, self->next_due_on);
      break;

    case PROP_NEXT_DUE_TITLE:
      g_value_set_string (value, self->next_due_title);
      break;

    case PROP_TRUST_SCORE:
      g_value_set_int (value, self->trust_score);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConfianzaClient *self = CONFIANZA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      confianza_client_set_name (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      confianza_client_set_company (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      confianza_client_set_email (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      confianza_client_set_status (self, g_value_get_enum (value));
      break;

    case PROP_STATUS_MANUAL:
      confianza_client_set_status_manual (self, g_value_get_boolean (value));
      break;

    case PROP_FOLLOW_UP_DAYS:
      confianza_client_set_follow_up_days (self, g_value_get_int (value));
      break;

    case PROP_NEXT_DUE_ON:
      confianza_client_set_next_due (self, g_value_get_boxed (value), self->next_due_title);
      break;

    case PROP_NEXT_DUE_TITLE:
      confianza_client_set_next_due (self, self->next_due_on, g_value_get_string (value));
      break;

    case PROP_TRUST_SCORE:
      confianza_client_set_trust_score (self, g_value_get_int (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_client_class_init (ConfianzaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_client_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_client_get_property;
  object_class->set_property = confianza_client_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_NAME] = confianza_record_param_text ("name", "");

  properties[PROP_COMPANY] = confianza_record_param_text ("company", "");

  properties[PROP_EMAIL] = confianza_record_param_text ("email", "");

  properties[PROP_PHONE] = confianza_record_param_text ("phone", "");

  properties[PROP_NOTES] = confianza_record_param_text ("notes", "");

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_CLIENT_STATUS_ACTIVE,
                       CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_STATUS_MANUAL] = confianza_record_param_boolean ("status-manual", FALSE);

  properties[PROP_SINCE] = confianza_record_param_date ("since");

  properties[PROP_LAST_CONTACT] = confianza_record_param_date ("last-contact");

  properties[PROP_FOLLOW_UP_DAYS] =
    g_param_spec_int ("follow-up-days", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_LET_GO_REASON] = confianza_record_param_text ("let-go-reason", "");

  properties[PROP_NEXT_DUE_ON] = confianza_record_param_date ("next-due-on");

  properties[PROP_NEXT_DUE_TITLE] = confianza_record_param_text ("next-due-title", "");

  properties[PROP_TRUST_SCORE] =
    g_param_spec_int ("trust-score", NULL, NULL,
                      -1, 100, -1,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_client_init (ConfianzaClient *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->name = g_strdup ("");
  self->company = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->notes = g_strdup ("");
  self->let_go_reason = g_strdup ("");
  self->next_due_title = g_strdup ("");
  self->trust_score = -1;
}

/* Public API */

ConfianzaClient *
confianza_client_new (const char *name)
{
  return g_object_new (CONFIANZA_TYPE_CLIENT,
                       "name", name,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaClient *
confianza_client_copy (ConfianzaClient *self)
{
  ConfianzaClient *copy;

  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_CLIENT, NULL);
  copy->id = self->id;
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->company);
  copy->company = g_strdup (self->company);
  g_free (copy->email);
  copy->email = g_strdup (self->email);
  g_free (copy->phone);
  copy->phone = g_strdup (self->phone);
  g_free (copy->notes);
  copy->notes = g_strdup (self->notes);
  copy->status = self->status;
  copy->status_manual = self->status_manual;
  copy->since = self->since != NULL ? g_date_time_ref (self->since) : NULL;
  copy->last_contact = self->last_contact != NULL ? g_date_time_ref (self->last_contact) : NULL;
  copy->follow_up_days = self->follow_up_days;
  g_free (copy->let_go_reason);
  copy->let_go_reason = g_strdup (self->let_go_reason);
  copy->next_due_on = self->next_due_on != NULL ? g_date_time_ref (self->next_due_on) : NULL;
  g_free (copy->next_due_title);
  copy->next_due_title = g_strdup (self->next_due_title);
  copy->trust_score = self->trust_score;

  return copy;
}

gint64
confianza_client_get_id (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), 0);

  return self->id;
}

void
confianza_client_set_id (ConfianzaClient *self,
                         gint64           id)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

const char *
confianza_client_get_name (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->name;
}

void
confianza_client_set_name (ConfianzaClient *self,
                           const char      *name)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (!confianza_text_replace (&self->name, name))
    return;

  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->search_words[0], g_strfreev);
  confianza_record_notify (self, properties[PROP_NAME]);
}

const char *
confianza_client_get_company (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->company;
}

void
confianza_client_set_company (ConfianzaClient *self,
                              const char      *company)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (!confianza_text_replace (&self->company, company))
    return;

  g_clear_pointer (&self->search_words[1], g_strfreev);
  confianza_record_notify (self, properties[PROP_COMPANY]);
}

const char *
confianza_client_get_email (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->email;
}

void
confianza_client_set_email (ConfianzaClient *self,
                            const char      *email)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (!confianza_text_replace (&self->email, email))
    return;

  g_clear_pointer (&self->search_words[2], g_strfreev);
  confianza_record_notify (self, properties[PROP_EMAIL]);
}

const char *
confianza_client_get_phone (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->phone;
}

void
confianza_client_set_phone (ConfianzaClient *self,
                            const char      *phone)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_text (self, &self->phone, phone, properties[PROP_PHONE]);
}

const char *
confianza_client_get_notes (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->notes;
}

void
confianza_client_set_notes (ConfianzaClient *self,
                            const char      *notes)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_text (self, &self->notes, notes, properties[PROP_NOTES]);
}

ConfianzaClientStatus
confianza_client_get_status (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), CONFIANZA_CLIENT_STATUS_ACTIVE);

  return self->status;
}

void
confianza_client_set_status (ConfianzaClient       *self,
                             ConfianzaClientStatus  status)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (self->status == status)
    return;

  self->status = status;
  confianza_record_notify (self, properties[PROP_STATUS]);
}

gboolean
confianza_client_get_status_manual (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), FALSE);

  return self->status_manual;
}

void
confianza_client_set_status_manual (ConfianzaClient *self,
                                    gboolean         manual)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  manual = !!manual;
  if (self->status_manual == manual)
    return;

  self->status_manual = manual;
  confianza_record_notify (self, properties[PROP_STATUS_MANUAL]);
}

GDateTime *
confianza_client_get_since (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->since;
}

void
confianza_client_set_since (ConfianzaClient *self,
                            GDateTime       *since)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_date (self, &self->since, since, properties[PROP_SINCE]);
}

GDateTime *
confianza_client_get_last_contact (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->last_contact;
}

void
confianza_client_set_last_contact (ConfianzaClient *self,
                                   GDateTime       *last_contact)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_date (self, &self->last_contact, last_contact, properties[PROP_LAST_CONTACT]);
}

int
confianza_client_get_follow_up_days (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), 0);

  return self->follow_up_days;
}

void
confianza_client_set_follow_up_days (ConfianzaClient *self,
                                     int              days)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (self->follow_up_days == days)
    return;

  self->follow_up_days = days;
  confianza_record_notify (self, properties[PROP_FOLLOW_UP_DAYS]);
}

const char *
confianza_client_get_let_go_reason (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->let_go_reason;
}

void
confianza_client_set_let_go_reason (ConfianzaClient *self,
                                    const char      *reason)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  confianza_record_set_text (self, &self->let_go_reason, reason, properties[PROP_LET_GO_REASON]);
}

gboolean
confianza_client_validate (ConfianzaClient  *self,
                           const char      **property,
                           GError          **error)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (!confianza_rules_check_text (self->name, CONFIANZA_SHORT_TEXT_MAX,
                                   _("Write the client’s name."), error))
    return confianza_model_invalid (property, "name");

  if (!confianza_rules_check_text (self->company, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "company");

  if (!confianza_rules_check_text (self->email, CONFIANZA_SHORT_TEXT_MAX, NULL, error)
      || !confianza_rules_check_email (self->email, error))
    return confianza_model_invalid (property, "email");

  if (!confianza_rules_check_text (self->phone, CONFIANZA_SHORT_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "phone");

  if (!confianza_rules_check_text (self->notes, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "notes");

  if (self->follow_up_days < 0 || self->follow_up_days > 365)
    return confianza_model_fail (property, "follow-up-days", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                 _("Keep in touch at least once a year: choose between 0 and 365 days."));

  if (!confianza_rules_check_text (self->let_go_reason, CONFIANZA_LONG_TEXT_MAX,
                                   self->status == CONFIANZA_CLIENT_STATUS_LET_GO
                                   ? _("Say why you are letting this client go.")
                                   : NULL,
                                   error))
    return confianza_model_invalid (property, "let-go-reason");

  return TRUE;
}

/* Derived values */

GDateTime *
confianza_client_get_next_due_on (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->next_due_on;
}

const char *
confianza_client_get_next_due_title (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  return self->next_due_title;
}

void
confianza_client_set_next_due (ConfianzaClient *self,
                               GDateTime       *due_on,
                               const char      *title)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));

  if (due_on == NULL)
    title = NULL;

  if (!confianza_date_equal (self->next_due_on, due_on))
    {
      g_clear_pointer (&self->next_due_on, g_date_time_unref);
      if (due_on != NULL)
        self->next_due_on = g_date_time_ref (due_on);
      confianza_record_notify (self, properties[PROP_NEXT_DUE_ON]);
    }

  if (confianza_text_replace (&self->next_due_title, title))
    confianza_record_notify (self, properties[PROP_NEXT_DUE_TITLE]);
}

int
confianza_client_get_trust_score (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), -1);

  return self->trust_score;
}

void
confianza_client_set_trust_score (ConfianzaClient *self,
                                  int              score)
{
  g_return_if_fail (CONFIANZA_IS_CLIENT (self));
  g_return_if_fail (score >= -1 && score <= 100);

  if (self->trust_score == score)
    return;

  self->trust_score = score;
  confianza_record_notify (self, properties[PROP_TRUST_SCORE]);
}

const char *
confianza_client_get_sort_key (ConfianzaClient *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), NULL);

  if (self->sort_key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (self->name != NULL ? self->name : "", -1);

      self->sort_key = g_utf8_collate_key (folded, -1);
    }

  return self->sort_key;
}

int
confianza_client_compare_by_name (ConfianzaClient *a,
                                  ConfianzaClient *b)
{
  int order;

  g_return_val_if_fail (CONFIANZA_IS_CLIENT (a), 0);
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (b), 0);

  /* The keys are kept on the clients: folding and collating both names at
   * every comparison made sorting ten thousand clients take a quarter of
   * a second */
  order = strcmp (confianza_client_get_sort_key (a), confianza_client_get_sort_key (b));

  if (order == 0)
    {
      g_autofree char *folded_a = g_utf8_casefold (a->name != NULL ? a->name : "", -1);
      g_autofree char *folded_b = g_utf8_casefold (b->name != NULL ? b->name : "", -1);

      order = strcmp (folded_a, folded_b);
    }

  if (order != 0)
    return order;

  return (a->id > b->id) - (a->id < b->id);
}

/* A field's words and their ASCII alternates in one list: a search word
 * may start either, as in g_str_match_string () */
static char **
fold_words (const char *text)
{
  g_auto(GStrv) alternates = NULL;
  g_auto(GStrv) tokens = g_str_tokenize_and_fold (text != NULL ? text : "", NULL, &alternates);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) tokens);
  g_strv_builder_addv (builder, (const char **) alternates);

  return g_strv_builder_end (builder);
}

static gboolean
words_match (const char * const *words,
             char              **field)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; field[j] != NULL && !found; j++)
        found = g_str_has_prefix (field[j], words[i]);

      if (!found)
        return FALSE;
    }

  return TRUE;
}

gboolean
confianza_client_matches_words (ConfianzaClient    *self,
                                const char * const *words)
{
  const char *fields[G_N_ELEMENTS (self->search_words)];

  g_return_val_if_fail (CONFIANZA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (words != NULL, FALSE);

  fields[0] = self->name;
  fields[1] = self->company;
  fields[2] = self->email;

  for (guint i = 0; i < G_N_ELEMENTS (self->search_words); i++)
    if (self->search_words[i] == NULL)
      self->search_words[i] = fold_words (fields[i]);

  if (words[0] == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->search_words); i++)
    if (words_match (words, self->search_words[i]))
      return TRUE;

  return FALSE;
}
