/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_APPLICATION (confianza_application_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaApplication, confianza_application, CONFIANZA, APPLICATION, AdwApplication)

ConfianzaApplication *confianza_application_new          (void);
/* The open store, or NULL when the database could not be opened. */
ConfianzaStore       *confianza_application_get_store    (ConfianzaApplication *self);
/* Why the database could not be opened, or NULL. */
const GError         *confianza_application_get_store_error (ConfianzaApplication *self);
const char           *confianza_application_get_database_path (ConfianzaApplication *self);
/* Used by tests: open @path instead of the default database. */
void                  confianza_application_set_database_path (ConfianzaApplication *self,
                                                               const char           *path);

/* Opens @path (creating it when new) instead of a database that could not
 * be used, rebuilds the window on it and remembers it; the old file is
 * left as it is. */
gboolean              confianza_application_use_database (ConfianzaApplication  *self,
                                                          const char            *path,
                                                          GError               **error);

G_END_DECLS
