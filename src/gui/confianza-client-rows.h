/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/confianza-conversation.h"
#include "model/confianza-follow-up.h"
#include "model/confianza-quick-win.h"
#include "model/confianza-recommendation.h"

G_BEGIN_DECLS

/* The rows of a client's page, but the ledger's and those that need the
 * page (incidents and plans): each entry of a row's menu is an action
 * taking the record's id. */

/* A flat menu button: label, action, label, action… NULL */
GtkWidget *confianza_row_menu               (gint64              id,
                                             const char         *label,
                                             const char         *first_label,
                                             ...) G_GNUC_NULL_TERMINATED;
/* A coloured chip: @css_class success, warning, error or NULL */
GtkWidget *confianza_chip                   (const char         *text,
                                             const char         *css_class);
GtkWidget *confianza_new_row                (const char         *title,
                                             const char         *subtitle);
/* GtkListBoxCreateWidgetFunc for the live lists */
GtkWidget *confianza_quick_win_row_new      (gpointer            item,
                                             gpointer            user_data);
GtkWidget *confianza_conversation_row_new   (gpointer            item,
                                             gpointer            user_data);
GtkWidget *confianza_recommendation_row_new (gpointer            item,
                                             gpointer            user_data);
GtkWidget *confianza_follow_up_row_new      (ConfianzaFollowUp  *follow_up,
                                             GDateTime          *today);
/* (transfer full): the items of @model, which may be NULL */
GPtrArray *confianza_model_to_array         (GListModel         *model);

G_END_DECLS
