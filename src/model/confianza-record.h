/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Building records without telling anyone: between
 * confianza_record_begin_quiet () and confianza_record_end_quiet (), in
 * this thread, the records' setters send no "notify". For records just
 * made, that nobody can be listening to yet (the store reading rows):
 * GLib 2.74 sends a notification for every property set, with its locks,
 * even with no one connected, a third of the cost of reading a record.
 * Calls nest.
 */
void confianza_record_begin_quiet (void);
void confianza_record_end_quiet   (void);

/* What the records' setters call instead of g_object_notify_by_pspec () */
void confianza_record_notify      (gpointer    object,
                                   GParamSpec *pspec);

G_END_DECLS
