/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/confianza-recovery-message.h"

G_BEGIN_DECLS

/*
 * Drafted words to edit and send yourself (issue 14), shared by the
 * wizard's drafts and the let-go dialog: the text, "Open in Mail" (a
 * mailto: URI to @email, confianza_mailto_uri (), launched with
 * g_app_info_launch_default_for_uri_async (), the portal in Flatpak;
 * insensitive, with the reason in words, without an address) and "Copy to
 * Clipboard". Once the words went out @sent is called with how and the
 * text as it was then; a launch that fails says why below the buttons.
 */
typedef void (*ConfianzaWordsSent) (GtkWidget           *editor,
                                    ConfianzaMessageWay  way,
                                    const char          *text,
                                    gpointer             data);

GtkWidget *confianza_words_editor_new        (ConfianzaWordsKind  kind,
                                              const char         *title,
                                              const char         *text,
                                              const char         *client_name,
                                              const char         *email,
                                              ConfianzaWordsSent  sent,
                                              gpointer            data,
                                              GDestroyNotify      destroy);
/* Says @message (a failure, in words) below the buttons; NULL hides it. */
void       confianza_words_editor_show_error (GtkWidget          *editor,
                                              const char         *message);

/* How a URI is opened; tests replace it (NULL: the default handler). */
typedef void     (*ConfianzaUriLaunch)       (const char          *uri,
                                              GAppLaunchContext   *context,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             data);
typedef gboolean (*ConfianzaUriLaunchFinish) (GAsyncResult        *result,
                                              GError             **error);
void       confianza_words_editor_set_launcher (ConfianzaUriLaunch       launch,
                                                ConfianzaUriLaunchFinish finish);

G_END_DECLS
