/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/confianza-recovery-words.h"
#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_APPLICATION (confianza_application_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaApplication, confianza_application, CONFIANZA, APPLICATION, AdwApplication)

typedef struct _ConfianzaWindow ConfianzaWindow;

ConfianzaApplication *confianza_application_new               (void);

/* How the user chose to address clients (Preferences); usted where the
 * settings schema is not installed */
ConfianzaAddress      confianza_application_client_address    (void);
/* The database a launch without --database (or an activation) opens:
 * the usual one, or the one given with --database. */
const char           *confianza_application_get_database_path (ConfianzaApplication *self);
/* Used by tests: open @path instead of the default database. */
void                  confianza_application_set_database_path (ConfianzaApplication *self,
                                                               const char           *path);
/* Raises the window on the database at @path (the same file under any
 * name), or opens a new one on it; a database that cannot be used gets a
 * window that says why. Returns the window (owned by the application). */
ConfianzaWindow      *confianza_application_open_database     (ConfianzaApplication *self,
                                                               const char           *path);
/* The store of the main window the user was in last (the database they
 * are looking at), or NULL when there is none or it could not be opened. */
ConfianzaStore       *confianza_application_get_store         (ConfianzaApplication *self);
/* Why that window's database could not be opened, or NULL. */
const GError         *confianza_application_get_store_error   (ConfianzaApplication *self);

/* Opens @path (creating it when new) instead of the database of the main
 * window the user was in last, which could not be used; replaces that
 * window by one on @path and remembers it; the old file is left as it is. */
gboolean              confianza_application_use_database      (ConfianzaApplication  *self,
                                                               const char            *path,
                                                               GError               **error);

G_END_DECLS
