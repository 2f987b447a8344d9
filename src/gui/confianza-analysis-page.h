/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_ANALYSIS_PAGE (confianza_analysis_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaAnalysisPage, confianza_analysis_page, CONFIANZA, ANALYSIS_PAGE, ConfianzaWizardPage)

/* Step 6, "Internal analysis": the root cause, the corrective measure, who
 * does it and by when. Never shown to the client. */

G_END_DECLS
