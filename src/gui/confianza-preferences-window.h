/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_PREFERENCES_WINDOW (confianza_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaPreferencesWindow, confianza_preferences_window, CONFIANZA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The settings (bound to GSettings, applied as they change) and where the
 * data file @database_path is kept. */
ConfianzaPreferencesWindow *confianza_preferences_window_new (GtkWindow  *parent,
                                                              const char *database_path);

G_END_DECLS
