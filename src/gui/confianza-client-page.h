/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENT_PAGE (confianza_client_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClientPage, confianza_client_page, CONFIANZA, CLIENT_PAGE, GtkBox)

ConfianzaClientPage *confianza_client_page_new        (void);
void                 confianza_client_page_set_store  (ConfianzaClientPage *self,
                                                       ConfianzaStore      *store);
/* Shows @client (a live object of the store's client list), or nothing. */
void                 confianza_client_page_set_client (ConfianzaClientPage *self,
                                                       ConfianzaClient     *client);
ConfianzaClient     *confianza_client_page_get_client (ConfianzaClientPage *self);
/* Shows one view: "promises", "quick-wins", "conversations",
 * "incidents", "recovery" or "trust". */
void                 confianza_client_page_show_section (ConfianzaClientPage *self,
                                                         const char          *section);
/* The views, for a view switcher in the window's header bar */
AdwViewStack        *confianza_client_page_get_views  (ConfianzaClientPage *self);
/* On a narrow window the view switcher sits at the bottom of the page. */
void                 confianza_client_page_set_narrow (ConfianzaClientPage *self,
                                                       gboolean             narrow);
/* (transfer none): the box in the header where more of the client's
 * main actions go, before "New Promise" */
GtkWidget           *confianza_client_page_get_header_actions (ConfianzaClientPage *self);

G_END_DECLS
