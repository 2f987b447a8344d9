/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Starting hidden at login, with the user's consent (issue 19): inside
 * Flatpak the Background portal (RequestBackground, autostart), outside
 * it an XDG autostart entry Confianza writes and removes itself. The
 * hidden instance runs `confianza --hidden`.
 */

/* Where the autostart entry goes outside Flatpak */
char     *confianza_background_autostart_path (void);

/* Asks to start (or, with @enable FALSE, no longer start) hidden at
 * login. @parent_window: the portal's handle of the window asking, or "".
 * Finishes FALSE with @error when refused or impossible. */
void      confianza_background_request_async  (gboolean              enable,
                                               const char           *parent_window,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  confianza_background_request_finish (GAsyncResult         *result,
                                               GError              **error);

/* Starts `confianza --hidden` now, when this program is Confianza (not a
 * test): the consent given, reminders begin before the next login */
void      confianza_background_start_now      (void);

G_END_DECLS
