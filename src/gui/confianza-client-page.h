/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENT_PAGE (confianza_client_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClientPage, confianza_client_page, CONFIANZA, CLIENT_PAGE, AdwBin)

ConfianzaClientPage *confianza_client_page_new        (void);
void                 confianza_client_page_set_store  (ConfianzaClientPage *self,
                                                       ConfianzaStore      *store);
/* Shows @client (a live object of the store's client list), or nothing. */
void                 confianza_client_page_set_client (ConfianzaClientPage *self,
                                                       ConfianzaClient     *client);
ConfianzaClient     *confianza_client_page_get_client (ConfianzaClientPage *self);
/* Shows one section: "promises", "quick-wins", "conversations",
 * "incidents" or "recovery". */
void                 confianza_client_page_show_section (ConfianzaClientPage *self,
                                                         const char          *section);

G_END_DECLS
