/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-report-internal.h"

/* The command line's client lookup: the store finds the client (by
 * number, name or company); the report says it in its own words. */

gint64
confianza_report_find_client (ConfianzaStore  *store,
                              const char      *name_or_id,
                              GError         **error)
{
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), 0);
  g_return_val_if_fail (name_or_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  client = confianza_store_find_client (store, name_or_id, &local_error);
  if (client != NULL)
    return confianza_client_get_id (client);

  trimmed = g_strstrip (g_utf8_make_valid (name_or_id, -1));
  if (g_error_matches (local_error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND))
    g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND,
                 _("There is no client called “%s”. Write the name as it appears "
                   "in Confianza, or the client's number."),
                 trimmed);
  else if (g_error_matches (local_error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_AMBIGUOUS))
    /* The store's message names each of them with their number */
    g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_AMBIGUOUS,
                         local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return 0;
}
