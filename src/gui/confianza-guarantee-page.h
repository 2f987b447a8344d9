/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_GUARANTEE_PAGE (confianza_guarantee_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaGuaranteePage, confianza_guarantee_page, CONFIANZA, GUARANTEE_PAGE, ConfianzaWizardPage)

/* Step 4, "Special guarantee": what it offers and until when (saving the
 * plan keeps it as a promise to the client). */

G_END_DECLS
