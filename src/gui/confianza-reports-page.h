/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/confianza-store.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_REPORTS_PAGE (confianza_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaReportsPage, confianza_reports_page, CONFIANZA, REPORTS_PAGE, AdwBin)

ConfianzaReportsPage *confianza_reports_page_new       (void);
void                  confianza_reports_page_set_store (ConfianzaReportsPage *self,
                                                        ConfianzaStore       *store);

/*
 * Writes a report in a worker thread (the window never freezes), then
 * offers to open it in a toast; a failure is said in words in a toast.
 * @client_id 0 writes the portfolio report. Used by the page and by the
 * client page's "Export Report for the Client".
 */
void                  confianza_export_report_async    (GtkWidget            *widget,
                                                        ConfianzaStore       *store,
                                                        gint64                client_id,
                                                        GDateTime            *from,
                                                        GDateTime            *to,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean              confianza_export_report_finish   (GAsyncResult         *result,
                                                        GError              **error);
/* Asks where to save (suggesting a name), then exports with a toast. */
void                  confianza_export_report_interactive (GtkWidget      *widget,
                                                           ConfianzaStore *store,
                                                           gint64          client_id,
                                                           GDateTime      *from,
                                                           GDateTime      *to);

G_END_DECLS
