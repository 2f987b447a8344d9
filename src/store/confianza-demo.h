/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-store.h"

G_BEGIN_DECLS

/*
 * Sample data for a newcomer: a dozen clients of a small design agency,
 * a few months of promises in every outcome, quick wins, conversations and
 * one client in trouble with a recovery plan under way. Dates are relative
 * to @today so the sample always looks current. The sample is Spanish, like
 * the users it is written for.
 */
gboolean confianza_demo_fill (ConfianzaStore  *store,
                              GDateTime       *today,
                              GError         **error);

G_END_DECLS
