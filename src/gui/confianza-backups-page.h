/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_BACKUPS_PAGE (confianza_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaBackupsPage, confianza_backups_page, CONFIANZA, BACKUPS_PAGE, AdwPreferencesPage)

/* Preferences → Backups for the database at @database_path, open as
 * @store (NULL when it could not be opened: copies are listed, but nothing
 * can be copied or restored). A restore reloads @store. */
ConfianzaBackupsPage *confianza_backups_page_new     (ConfianzaStore       *store,
                                                     const char           *database_path);
/* Restores @path after showing what it holds, as the button does */
void                  confianza_backups_page_restore (ConfianzaBackupsPage *self,
                                                      const char           *path);

G_END_DECLS
