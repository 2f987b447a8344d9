/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_FOLLOW_UP_PAGE (confianza_follow_up_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaFollowUpPage, confianza_follow_up_page, CONFIANZA, FOLLOW_UP_PAGE, ConfianzaWizardPage)

/* Step 5, "Special follow-up": how often, until a date or a number of
 * times (weekly for two months for a new plan), and the follow-ups that
 * makes, in words. */

G_END_DECLS
