/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

typedef gboolean (*ConfianzaEraseFunc) (ConfianzaStore  *store,
                                        gint64           id,
                                        GError         **error);

/*
 * Deleting with Undo: the record disappears from its list at once (its id
 * joins @pending and @filter is told), a toast offers Undo, and only when
 * the toast goes away without Undo is the record erased from the store.
 * @widget is any widget inside the window's AdwToastOverlay. Returns the
 * toast (owned by the overlay), or NULL when there was no overlay and the
 * record was erased at once.
 */
AdwToast *confianza_erase_with_undo (GtkWidget          *widget,
                                    ConfianzaStore     *store,
                                    ConfianzaEraseFunc  erase,
                                    gint64              id,
                                    const char         *title,
                                    GtkFilter          *filter,
                                    GHashTable         *pending);

/* A GtkCustomFilter that hides the items whose "id" is in @pending (a set
 * made with confianza_pending_new ()). */
GHashTable *confianza_pending_new        (void);
GtkFilter  *confianza_pending_filter_new (GHashTable *pending);

/* Erases now everything still waiting for its toast: the window calls it
 * when it closes, so a deletion is never lost nor left half done. */
void     confianza_erase_flush_all (void);

G_END_DECLS
