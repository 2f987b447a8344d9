/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_TODAY_PAGE (confianza_today_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaTodayPage, confianza_today_page, CONFIANZA, TODAY_PAGE, AdwBin)

ConfianzaTodayPage *confianza_today_page_new       (void);
void                confianza_today_page_set_store (ConfianzaTodayPage *self,
                                                    ConfianzaStore     *store);
/* Rebuilds the page now (it also does so by itself after every change). */
void                confianza_today_page_refresh   (ConfianzaTodayPage *self);
/* What the page shows: "content", "empty" (nothing due, or an error) or
 * "welcome" (no client yet), for tests. */
const char         *confianza_today_page_get_state (ConfianzaTodayPage *self);
/* How many rows each section shows, for tests. */
guint               confianza_today_page_count     (ConfianzaTodayPage *self,
                                                    const char         *section);

G_END_DECLS
