/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/confianza-model.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENT_ROW (confianza_client_row_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClientRow, confianza_client_row, CONFIANZA, CLIENT_ROW, AdwBin)

ConfianzaClientRow *confianza_client_row_new        (void);
ConfianzaClient    *confianza_client_row_get_client (ConfianzaClientRow *self);
void                confianza_client_row_set_client (ConfianzaClientRow *self,
                                                     ConfianzaClient    *client);

G_END_DECLS
