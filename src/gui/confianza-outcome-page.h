/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_OUTCOME_PAGE (confianza_outcome_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaOutcomePage, confianza_outcome_page, CONFIANZA, OUTCOME_PAGE, ConfianzaWizardPage)

/* The outcome: in progress, recovered, or letting the client go (with the
 * reason), after how the plan went in words. A plan that stops being in
 * progress closes on the day it is saved (or the day it started, when that
 * is later). */

/* Step 1 judged that trust cannot come back: the let-go path of source
 * 001, on this page, with its reason to write. */
void confianza_outcome_page_choose_let_go (ConfianzaOutcomePage *self);

G_END_DECLS
