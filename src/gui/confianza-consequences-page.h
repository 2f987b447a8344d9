/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CONSEQUENCES_PAGE (confianza_consequences_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaConsequencesPage, confianza_consequences_page, CONFIANZA, CONSEQUENCES_PAGE, ConfianzaWizardPage)

/* Step 3, "Take the consequences": the suggestion (compensate or not, and
 * why), the compensations of the draft, added and removed here
 * ("compensation.add", "compensation.remove" with the index), or none
 * needed. A compensation typed but not added is added when the page is
 * left. */

/* A repeated (systemic) failure calls for compensating in proportion. */
void confianza_consequences_page_set_systemic (ConfianzaConsequencesPage *self,
                                               gboolean                   systemic);

G_END_DECLS
