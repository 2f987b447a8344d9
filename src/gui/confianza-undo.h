/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

/*
 * Deleting with Undo: the record of @type (CONFIANZA_TYPE_CLIENT,
 * CONFIANZA_TYPE_PROMISE, …) with id @id is erased from the store at once,
 * with everything that belongs to it, so that the deletion survives a
 * crash at any moment; the live lists drop it. A toast titled @title offers
 * Undo while it is shown, which puts back exactly what was erased
 * (confianza_store_restore_snapshot ()). @widget is any widget inside the
 * window's AdwToastOverlay. Returns the toast (owned by the overlay), or
 * NULL when there was no overlay to offer Undo in, or when the record could
 * not be erased (then a toast, or a warning, says why).
 */
AdwToast *confianza_erase_with_undo (GtkWidget      *widget,
                                    ConfianzaStore *store,
                                    GType           type,
                                    gint64          id,
                                    const char     *title);

G_END_DECLS
