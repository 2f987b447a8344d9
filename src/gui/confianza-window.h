/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "confianza-application.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_WINDOW (confianza_window_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaWindow, confianza_window, CONFIANZA, WINDOW, AdwApplicationWindow)

ConfianzaWindow *confianza_window_new          (ConfianzaApplication *application);
void             confianza_window_ensure_lists (ConfianzaWindow      *self);
/* "today", "clients", "plans" or "reports". */
void             confianza_window_show_page    (ConfianzaWindow      *self,
                                                const char           *name);
void             confianza_window_add_toast    (ConfianzaWindow      *self,
                                                AdwToast             *toast);

G_END_DECLS
