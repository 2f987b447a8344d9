/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_PLANS_PAGE (confianza_plans_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPlansPage, confianza_plans_page, CONFIANZA, PLANS_PAGE, AdwBin)

ConfianzaPlansPage *confianza_plans_page_new       (void);
void                confianza_plans_page_set_store (ConfianzaPlansPage *self,
                                                    ConfianzaStore     *store);

G_END_DECLS
