/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_QUICK_WIN (confianza_quick_win_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaQuickWin, confianza_quick_win, CONFIANZA, QUICK_WIN, GObject)

/* Properties: "id", "client-id" (gint64), "achieved-on" (GDateTime),
 * "title" (what was achieved), "shared-on" (GDateTime, nullable: when it
 * was shown to the client; NULL = not shared yet). */

ConfianzaQuickWin *confianza_quick_win_new             (gint64              client_id,
                                                        const char         *title,
                                                        GDateTime          *achieved_on);
ConfianzaQuickWin *confianza_quick_win_copy            (ConfianzaQuickWin  *self);

gint64             confianza_quick_win_get_id          (ConfianzaQuickWin  *self);
void               confianza_quick_win_set_id          (ConfianzaQuickWin  *self,
                                                        gint64              id);
gint64             confianza_quick_win_get_client_id   (ConfianzaQuickWin  *self);
void               confianza_quick_win_set_client_id   (ConfianzaQuickWin  *self,
                                                        gint64              client_id);
GDateTime         *confianza_quick_win_get_achieved_on (ConfianzaQuickWin  *self);
void               confianza_quick_win_set_achieved_on (ConfianzaQuickWin  *self,
                                                        GDateTime          *date);
const char        *confianza_quick_win_get_title       (ConfianzaQuickWin  *self);
void               confianza_quick_win_set_title       (ConfianzaQuickWin  *self,
                                                        const char         *title);
GDateTime         *confianza_quick_win_get_shared_on   (ConfianzaQuickWin  *self);
void               confianza_quick_win_set_shared_on   (ConfianzaQuickWin  *self,
                                                        GDateTime          *date);
gboolean           confianza_quick_win_get_shared      (ConfianzaQuickWin  *self);

gboolean           confianza_quick_win_validate        (ConfianzaQuickWin  *self,
                                                        const char       **property,
                                                        GError            **error);

G_END_DECLS
