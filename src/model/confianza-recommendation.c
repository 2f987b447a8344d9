/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "confianza-recommendation.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaRecommendation
{
  GObject    parent_instance;

  gint64     id;
  gint64     client_id;
  GDateTime *answered_on;
  /* Not clamped: validate () explains a bad value in words */
  int        score;
  char      *comment;
};

G_DEFINE_FINAL_TYPE (ConfianzaRecommendation, confianza_recommendation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_ANSWERED_ON,
  PROP_SCORE,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecommendation, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaRecommendation, client_id) },
  { PROP_ANSWERED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaRecommendation, answered_on) },
  { PROP_COMMENT, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaRecommendation, comment) },
};

/* GObject */

static void
confianza_recommendation_finalize (GObject *object)
{
  ConfianzaRecommendation *self = CONFIANZA_RECOMMENDATION (object);

  g_clear_pointer (&self->answered_on, g_date_time_unref);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (confianza_recommendation_parent_class)->finalize (object);
}

static void
confianza_recommendation_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ConfianzaRecommendation *self = CONFIANZA_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;

    default:
      confianza_record_get_property (object, prop_id, value, pspec);
    }
}

static void
confianza_recommendation_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ConfianzaRecommendation *self = CONFIANZA_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      confianza_recommendation_set_score (self, g_value_get_int (value));
      break;

    default:
      confianza_record_set_property (object, prop_id, value, pspec);
    }
}

static void
confianza_recommendation_class_init (ConfianzaRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_recommendation_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));
  object_class->get_property = confianza_recommendation_get_property;
  object_class->set_property = confianza_recommendation_set_property;

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_ANSWERED_ON] = confianza_record_param_date ("answered-on");

  properties[PROP_SCORE] =
    g_param_spec_int ("score", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      CONFIANZA_RECORD_PARAM_FLAGS);

  properties[PROP_COMMENT] = confianza_record_param_text ("comment", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_recommendation_init (ConfianzaRecommendation *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->comment = g_strdup ("");
}

/* Public API */

ConfianzaRecommendation *
confianza_recommendation_new (gint64     client_id,
                              int        score,
                              GDateTime *answered_on)
{
  return g_object_new (CONFIANZA_TYPE_RECOMMENDATION,
                       "client-id", client_id,
                       "score", score,
                       "answered-on", answered_on,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaRecommendation *
confianza_recommendation_copy (ConfianzaRecommendation *self)
{
  ConfianzaRecommendation *copy;

  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_RECOMMENDATION, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->answered_on = self->answered_on != NULL ? g_date_time_ref (self->answered_on) : NULL;
  copy->score = self->score;
  g_free (copy->comment);
  copy->comment = g_strdup (self->comment);

  return copy;
}

gint64
confianza_recommendation_get_id (ConfianzaRecommendation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), 0);

  return self->id;
}

void
confianza_recommendation_set_id (ConfianzaRecommendation *self,
                                 gint64                   id)
{
  g_return_if_fail (CONFIANZA_IS_RECOMMENDATION (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_recommendation_get_client_id (ConfianzaRecommendation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), 0);

  return self->client_id;
}

void
confianza_recommendation_set_client_id (ConfianzaRecommendation *self,
                                        gint64                   client_id)
{
  g_return_if_fail (CONFIANZA_IS_RECOMMENDATION (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

GDateTime *
confianza_recommendation_get_answered_on (ConfianzaRecommendation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), NULL);

  return self->answered_on;
}

void
confianza_recommendation_set_answered_on (ConfianzaRecommendation *self,
                                          GDateTime               *date)
{
  g_return_if_fail (CONFIANZA_IS_RECOMMENDATION (self));

  confianza_record_set_date (self, &self->answered_on, date, properties[PROP_ANSWERED_ON]);
}

int
confianza_recommendation_get_score (ConfianzaRecommendation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), 0);

  return self->score;
}

void
confianza_recommendation_set_score (ConfianzaRecommendation *self,
                                    int                      score)
{
  g_return_if_fail (CONFIANZA_IS_RECOMMENDATION (self));

  if (self->score == score)
    return;

  self->score = score;
  confianza_record_notify (self, properties[PROP_SCORE]);
}

const char *
confianza_recommendation_get_comment (ConfianzaRecommendation *self)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), NULL);

  return self->comment;
}

void
confianza_recommendation_set_comment (ConfianzaRecommendation *self,
                                      const char              *comment)
{
  g_return_if_fail (CONFIANZA_IS_RECOMMENDATION (self));

  confianza_record_set_text (self, &self->comment, comment, properties[PROP_COMMENT]);
}

gboolean
confianza_recommendation_validate (ConfianzaRecommendation  *self,
                                   const char              **property,
                                   GError                  **error)
{
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->answered_on == NULL)
    return confianza_model_fail (property, "answered-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                                 _("Say on which day the client answered."));

  if (self->score < 0 || self->score > CONFIANZA_RECOMMENDATION_SCORE_MAX)
    return confianza_model_fail (property, "score", error, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
                                 _("The answer is a number from 0 to 10."));

  if (!confianza_rules_check_text (self->comment, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "comment");

  return TRUE;
}

/* Rules */

ConfianzaRecommender
confianza_recommender_for_score (int score)
{
  if (score >= 9)
    return CONFIANZA_RECOMMENDER_PROMOTER;
  if (score >= 7)
    return CONFIANZA_RECOMMENDER_PASSIVE;

  return CONFIANZA_RECOMMENDER_DETRACTOR;
}

const char *
confianza_recommender_to_label (ConfianzaRecommender recommender)
{
  switch (recommender)
    {
    case CONFIANZA_RECOMMENDER_PROMOTER:
      return C_("would recommend", "Promoter");
    case CONFIANZA_RECOMMENDER_PASSIVE:
      return C_("would recommend", "Passive");
    case CONFIANZA_RECOMMENDER_DETRACTOR:
      return C_("would recommend", "Detractor");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_recommender_to_css_class (ConfianzaRecommender recommender)
{
  switch (recommender)
    {
    case CONFIANZA_RECOMMENDER_PROMOTER:
      return "success";
    case CONFIANZA_RECOMMENDER_PASSIVE:
      return "warning";
    case CONFIANZA_RECOMMENDER_DETRACTOR:
      return "error";
    default:
      g_return_val_if_reached ("");
    }
}

ConfianzaRecommendation *
confianza_recommendation_latest (ConfianzaRecommendation *a,
                                 ConfianzaRecommendation *b)
{
  int cmp;

  if (a == NULL || b == NULL)
    return a != NULL ? a : b;

  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (a), b);
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (b), a);

  /* An answer without a date (invalid, never stored) is the oldest */
  if (a->answered_on == NULL || b->answered_on == NULL)
    cmp = (a->answered_on != NULL) - (b->answered_on != NULL);
  else
    cmp = confianza_date_compare (a->answered_on, b->answered_on);

  if (cmp == 0)
    cmp = (a->id > b->id) - (a->id < b->id);

  return cmp >= 0 ? a : b;
}

ConfianzaNps
confianza_nps_compute (GPtrArray *recommendations)
{
  /* Row ids are far below 2^32: they fit a pointer as they are */
  g_autoptr(GHashTable) latest = g_hash_table_new (g_direct_hash, g_direct_equal);
  ConfianzaNps nps = { 0 };
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; recommendations != NULL && i < recommendations->len; i++)
    {
      ConfianzaRecommendation *answer = g_ptr_array_index (recommendations, i);
      gpointer key = GSIZE_TO_POINTER ((gsize) answer->client_id);

      g_hash_table_insert (latest, key,
                           confianza_recommendation_latest (g_hash_table_lookup (latest, key), answer));
    }

  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ConfianzaRecommendation *answer = value;

      nps.n_answers++;
      switch (confianza_recommender_for_score (answer->score))
        {
        case CONFIANZA_RECOMMENDER_PROMOTER:
          nps.n_promoters++;
          break;
        case CONFIANZA_RECOMMENDER_PASSIVE:
          nps.n_passives++;
          break;
        case CONFIANZA_RECOMMENDER_DETRACTOR:
        default:
          nps.n_detractors++;
          break;
        }
    }

  if (nps.n_answers >= CONFIANZA_NPS_MIN_ANSWERS)
    {
      nps.has_score = TRUE;
      nps.value = 100.0 * ((double) nps.n_promoters - (double) nps.n_detractors) / nps.n_answers;
      nps.score = (int) round (nps.value);
    }

  return nps;
}

char *
confianza_nps_describe (const ConfianzaNps *nps)
{
  g_autofree char *score = NULL;

  g_return_val_if_fail (nps != NULL, NULL);

  if (!nps->has_score)
    {
      if (nps->n_answers == 0)
        return g_strdup_printf (_("No client has said yet whether they would recommend you: "
                                  "the Net Promoter Score needs answers from at least %u clients."),
                                (guint) CONFIANZA_NPS_MIN_ANSWERS);

      return g_strdup_printf (ngettext ("%u client has said whether they would recommend you: "
                                        "the Net Promoter Score needs answers from at least %u clients.",
                                        "%u clients have said whether they would recommend you: "
                                        "the Net Promoter Score needs answers from at least %u clients.",
                                        nps->n_answers),
                              nps->n_answers, (guint) CONFIANZA_NPS_MIN_ANSWERS);
    }

  /* A sign on every score but 0, as the NPS is usually written */
  score = nps->score != 0 ? g_strdup_printf ("%+d", nps->score) : g_strdup ("0");

  return g_strdup_printf (ngettext ("Net Promoter Score: %s, from the latest answer of %u client "
                                    "(promoters: %u, passives: %u, detractors: %u).",
                                    "Net Promoter Score: %s, from the latest answers of %u clients "
                                    "(promoters: %u, passives: %u, detractors: %u).",
                                    nps->n_answers),
                          score, nps->n_answers, nps->n_promoters, nps->n_passives, nps->n_detractors);
}
