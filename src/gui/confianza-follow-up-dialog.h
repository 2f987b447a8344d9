/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-dialog.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_FOLLOW_UP_DIALOG (confianza_follow_up_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaFollowUpDialog, confianza_follow_up_dialog, CONFIANZA, FOLLOW_UP_DIALOG, ConfianzaDialog)

/* Ticks off @follow_up (a stored one): the day it was done (today by
 * default, or the day already recorded) and a note. Emits "saved" with the
 * stored follow-up, then closes. Nothing is written before Save. */
ConfianzaFollowUpDialog *confianza_follow_up_dialog_new (GtkWindow         *parent,
                                                         ConfianzaStore    *store,
                                                         ConfianzaFollowUp *follow_up);

G_END_DECLS
