/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_RECOMMENDATION_DIALOG (confianza_recommendation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRecommendationDialog, confianza_recommendation_dialog, CONFIANZA, RECOMMENDATION_DIALOG, ConfianzaDialog)

/* Records the client @client_id's answer to "would you recommend us?", or
 * edits @answer when it is not NULL. Emits "saved" with the stored answer,
 * then closes. */
ConfianzaRecommendationDialog *confianza_recommendation_dialog_new (GtkWindow               *parent,
                                                                    ConfianzaStore          *store,
                                                                    gint64                   client_id,
                                                                    ConfianzaRecommendation *answer);

G_END_DECLS
