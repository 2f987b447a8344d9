/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "confianza-application.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_WINDOW (confianza_window_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaWindow, confianza_window, CONFIANZA, WINDOW, AdwApplicationWindow)

/* A window on the database at @path: @store is it open, or NULL when it
 * could not be used, and @error says why (the window explains it). */
ConfianzaWindow *confianza_window_new               (ConfianzaApplication *application,
                                                     const char           *path,
                                                     ConfianzaStore       *store,
                                                     const GError         *error);
const char      *confianza_window_get_database_path (ConfianzaWindow      *self);
/* The window's database, or NULL when it could not be used */
ConfianzaStore  *confianza_window_get_store         (ConfianzaWindow      *self);
/* Why the database could not be used, or NULL */
const GError    *confianza_window_get_store_error   (ConfianzaWindow      *self);
/* Shows @name (the database file's name) under the application's name and
 * in the window's title: windows on different databases are told apart */
void             confianza_window_set_database_name (ConfianzaWindow      *self,
                                                     const char           *name);
void             confianza_window_ensure_lists      (ConfianzaWindow      *self);
/* "today", "clients", "plans" or "reports". */
void             confianza_window_show_page         (ConfianzaWindow      *self,
                                                     const char           *name);
void             confianza_window_add_toast         (ConfianzaWindow      *self,
                                                     AdwToast             *toast);

G_END_DECLS
