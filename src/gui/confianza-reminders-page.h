/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_REMINDERS_PAGE (confianza_reminders_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaRemindersPage, confianza_reminders_page, CONFIANZA, REMINDERS_PAGE, AdwPreferencesPage)

/* Preferences → Reminders: consent to remind while closed (the Background
 * portal, or an autostart entry), the time of day, and privacy */
ConfianzaRemindersPage *confianza_reminders_page_new (void);

G_END_DECLS
