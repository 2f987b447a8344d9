/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_APOLOGY_PAGE (confianza_apology_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaApologyPage, confianza_apology_page, CONFIANZA, APOLOGY_PAGE, ConfianzaWizardPage)

/* Step 2, "Acknowledge the error and apologise": when, how and by whom,
 * and the words used; how fast that was, in words. */

G_END_DECLS
