/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOMMENDATION (confianza_recommendation_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecommendation, confianza_recommendation, CONFIANZA, RECOMMENDATION, GObject)

/* A client's answer to "how likely are you to recommend us, from 0 to 10?".
 * Properties: "id", "client-id" (gint64), "answered-on" (GDateTime), "score"
 * (0–10), "comment" (what the client said, in their words; may be ""). */

ConfianzaRecommendation *confianza_recommendation_new             (gint64                    client_id,
                                                                   int                       score,
                                                                   GDateTime                *answered_on);
ConfianzaRecommendation *confianza_recommendation_copy            (ConfianzaRecommendation  *self);

gint64                   confianza_recommendation_get_id          (ConfianzaRecommendation  *self);
void                     confianza_recommendation_set_id          (ConfianzaRecommendation  *self,
                                                                   gint64                    id);
gint64                   confianza_recommendation_get_client_id   (ConfianzaRecommendation  *self);
void                     confianza_recommendation_set_client_id   (ConfianzaRecommendation  *self,
                                                                   gint64                    client_id);
GDateTime               *confianza_recommendation_get_answered_on (ConfianzaRecommendation  *self);
void                     confianza_recommendation_set_answered_on (ConfianzaRecommendation  *self,
                                                                   GDateTime                *date);
int                      confianza_recommendation_get_score       (ConfianzaRecommendation  *self);
void                     confianza_recommendation_set_score       (ConfianzaRecommendation  *self,
                                                                   int                       score);
const char              *confianza_recommendation_get_comment     (ConfianzaRecommendation  *self);
void                     confianza_recommendation_set_comment     (ConfianzaRecommendation  *self,
                                                                   const char               *comment);

gboolean                 confianza_recommendation_validate        (ConfianzaRecommendation  *self,
                                                                   const char              **property,
                                                                   GError                  **error);

/*
 * What an answer says about the client (source 004: "un promotor, un
 * apóstol de nuestra marca"): 9–10 a promoter, 7–8 a passive, 0–6 a
 * detractor.
 */
typedef enum
{
  CONFIANZA_RECOMMENDER_DETRACTOR,
  CONFIANZA_RECOMMENDER_PASSIVE,
  CONFIANZA_RECOMMENDER_PROMOTER,
} ConfianzaRecommender;

#define CONFIANZA_RECOMMENDATION_SCORE_MAX 10

ConfianzaRecommender     confianza_recommender_for_score          (int                       score);
/* "Promoter", "Passive", "Detractor", translated. */
const char              *confianza_recommender_to_label           (ConfianzaRecommender      recommender);
/* A libadwaita style class for the coloured chip: "success", "warning",
 * "error". */
const char              *confianza_recommender_to_css_class       (ConfianzaRecommender      recommender);

/*
 * The portfolio's Net Promoter Score: the share of promoters minus the share
 * of detractors, in points from −100 to 100, over each client's latest
 * answer only (an older answer of the same client is ignored). With fewer
 * than CONFIANZA_NPS_MIN_ANSWERS clients who answered, a percentage says
 * little, so there is no score.
 */
#define CONFIANZA_NPS_MIN_ANSWERS 10

typedef struct
{
  /* FALSE with fewer than CONFIANZA_NPS_MIN_ANSWERS answers: then value and
   * score are 0 and mean nothing. */
  gboolean has_score;
  /* Clients with an answer, and how their latest answers classify them. */
  guint    n_answers;
  guint    n_promoters;
  guint    n_passives;
  guint    n_detractors;
  /* % promoters − % detractors, and the same rounded. */
  double   value;
  int      score;
} ConfianzaNps;

/* @recommendations: ConfianzaRecommendation of any clients, in any order,
 * several per client allowed; NULL is none. */
ConfianzaNps             confianza_nps_compute                    (GPtrArray                *recommendations);
/* A translated sentence: "Net Promoter Score: +40 (6 promoters, 2 passives
 * and 2 detractors among 10 clients)." or, without a score, "3 clients have
 * answered whether they would recommend you: the score needs at least 10." */
char                    *confianza_nps_describe                   (const ConfianzaNps       *nps);

/* The latest of two answers (by date, then id); either may be NULL. */
ConfianzaRecommendation *confianza_recommendation_latest          (ConfianzaRecommendation  *a,
                                                                   ConfianzaRecommendation  *b);

G_END_DECLS
