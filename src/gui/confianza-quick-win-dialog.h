/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_QUICK_WIN_DIALOG (confianza_quick_win_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaQuickWinDialog, confianza_quick_win_dialog, CONFIANZA, QUICK_WIN_DIALOG, ConfianzaDialog)

/* Adds a quick win for the client @client_id, or edits @win when it is not
 * NULL. Emits "saved" with the stored quick win, then closes. */
ConfianzaQuickWinDialog *confianza_quick_win_dialog_new (GtkWindow         *parent,
                                                         ConfianzaStore    *store,
                                                         gint64             client_id,
                                                         ConfianzaQuickWin *win);

G_END_DECLS
