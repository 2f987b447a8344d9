/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "confianza-report-clients.h"
#include "confianza-report-internal.h"
#include "model/confianza-client-book.h"
#include "store/confianza-store.h"

static gboolean
is_vcard_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard");
}

gboolean
confianza_report_write_client_book (const char  *database_path,
                                    const char  *output_path,
                                    guint       *n_clients,
                                    GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *contents = NULL;
  guint n;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_clients != NULL)
    *n_clients = 0;

  if (!check_target (database_path, output_path, error))
    return FALSE;

  store = open_store (database_path, error);
  if (store == NULL)
    return FALSE;

  list = confianza_store_get_clients (store);
  n = g_list_model_get_n_items (list);
  clients = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (clients, g_list_model_get_item (list, i));

  contents = is_vcard_name (output_path)
    ? confianza_client_book_to_vcard (clients)
    : confianza_client_book_to_csv (clients);

  folder = g_path_get_dirname (output_path);
  temporary = make_temporary (output_path, folder, error);
  if (temporary == NULL)
    return FALSE;

  if (!g_file_set_contents_full (temporary, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600,
                                 &local_error))
    {
      g_unlink (temporary);
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR,
                           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                             ? CONFIANZA_REPORT_ERROR_FULL : CONFIANZA_REPORT_ERROR_FAILED,
                           local_error->message);
      return FALSE;
    }

  if (!move_into_place (temporary, output_path, folder, database_path, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (n_clients != NULL)
    *n_clients = clients->len;

  return TRUE;
}
