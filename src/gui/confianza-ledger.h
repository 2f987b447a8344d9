/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "model/confianza-promise.h"

G_BEGIN_DECLS

typedef enum
{
  CONFIANZA_LEDGER_ALL,
  CONFIANZA_LEDGER_OPEN,
  CONFIANZA_LEDGER_LATE,
  CONFIANZA_LEDGER_BROKEN,
  CONFIANZA_LEDGER_OVERDELIVERED,
  CONFIANZA_LEDGER_N_FILTERS
} ConfianzaLedgerFilter;

#define CONFIANZA_TYPE_LEDGER (confianza_ledger_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaLedger, confianza_ledger, CONFIANZA, LEDGER, GtkWidget)

/* The ledger of promises, promised against delivered: a table with
 * sortable columns where there is room, rows on a narrow window. */
GtkWidget             *confianza_ledger_new          (void);
/* @promises: the client's live list of ConfianzaPromise, or NULL */
void                   confianza_ledger_set_model    (ConfianzaLedger       *self,
                                                      GListModel            *promises);
void                   confianza_ledger_set_filter   (ConfianzaLedger       *self,
                                                      ConfianzaLedgerFilter  filter);
ConfianzaLedgerFilter  confianza_ledger_get_filter   (ConfianzaLedger       *self);
/* Sorts by the column named @column_id ("title", "promised", "due",
 * "delivered", "quantity", "days", "outcome"); FALSE if there is none. */
gboolean               confianza_ledger_sort_by      (ConfianzaLedger       *self,
                                                      const char            *column_id,
                                                      GtkSortType            order);
/* (transfer none): the promises shown, filtered and sorted */
GListModel            *confianza_ledger_get_shown    (ConfianzaLedger       *self);

/* Whether a promise with @outcome is shown under @filter. */
gboolean               confianza_ledger_filter_matches (ConfianzaLedgerFilter filter,
                                                        ConfianzaOutcome      outcome);

G_END_DECLS
