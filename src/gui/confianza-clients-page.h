/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_CLIENTS_PAGE (confianza_clients_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaClientsPage, confianza_clients_page, CONFIANZA, CLIENTS_PAGE, AdwBin)

typedef enum
{
  CONFIANZA_CLIENT_SORT_NAME,
  CONFIANZA_CLIENT_SORT_TRUST,
  CONFIANZA_CLIENT_SORT_NEXT_DUE,
  CONFIANZA_CLIENT_SORT_LAST_CONTACT,
} ConfianzaClientSort;

ConfianzaClientsPage *confianza_clients_page_new          (void);
void                  confianza_clients_page_set_store    (ConfianzaClientsPage *self,
                                                           ConfianzaStore       *store);
/* Opens the search bar and puts the cursor in it. */
void                  confianza_clients_page_start_search (ConfianzaClientsPage *self);
void                  confianza_clients_page_set_sort     (ConfianzaClientsPage *self,
                                                           ConfianzaClientSort   sort);
/* The clients shown, after search and sorting. */
GListModel           *confianza_clients_page_get_shown    (ConfianzaClientsPage *self);
/* Deletes (with Undo) the selected client, if any. */
void                  confianza_clients_page_delete_selected (ConfianzaClientsPage *self);
/* Erases @client at once, with everything of theirs; the toast it
 * returns offers Undo while it is shown. */
AdwToast             *confianza_clients_page_delete_client   (ConfianzaClientsPage *self,
                                                              ConfianzaClient      *client);

/* Pure comparison used for sorting, exposed for tests. */
int                   confianza_clients_page_compare      (ConfianzaClient      *a,
                                                           ConfianzaClient      *b,
                                                           ConfianzaClientSort   sort);

G_END_DECLS
