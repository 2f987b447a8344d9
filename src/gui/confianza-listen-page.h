/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-wizard-page.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_LISTEN_PAGE (confianza_listen_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaListenPage, confianza_listen_page, CONFIANZA, LISTEN_PAGE, ConfianzaWizardPage)

/* Step 1 of the recovery wizard, "Listen first": what the client said in
 * their own words, when they were invited to speak frankly, and when the
 * error was acknowledged. */

G_END_DECLS
