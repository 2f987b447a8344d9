/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

/*
 * After a client was let go: offers to export their report and to erase
 * their data (after a second confirmation). @widget is inside the main
 * window, where the export's toast goes; erasing activates @erase_action
 * on it (such as "win.delete-client", which offers Undo) or, when it is
 * NULL, erases from the store at once. It also drafts the respectful
 * closing message (CONFIANZA_WORDS_FAREWELL) to edit, copy or open in the
 * mail client (confianza_words_editor_new ()); what goes out is kept with
 * @plan (the plan that let the client go; may be NULL), dated.
 */
void confianza_farewell_offer (GtkWidget       *widget,
                               ConfianzaStore  *store,
                               ConfianzaClient *client,
                               ConfianzaRecoveryPlan *plan,
                               const char      *erase_action);

G_END_DECLS
