/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-import"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-import.h"
#include "model/confianza-text.h"

/* Helpers */

static gboolean
row_wanted (ConfianzaCsvPreview  *preview,
            guint                 row,
            ConfianzaImportFlags  flags)
{
  switch (confianza_csv_preview_get_status (preview, row))
    {
    case CONFIANZA_CSV_ROW_READY:
      return TRUE;
    case CONFIANZA_CSV_ROW_DUPLICATE:
      return (flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) != 0;
    case CONFIANZA_CSV_ROW_INVALID:
    default:
      return FALSE;
    }
}

/* Public API */

GPtrArray *
confianza_import_existing_clients (ConfianzaStore *store)
{
  g_autoptr(GListModel) clients = NULL;
  GPtrArray *array;
  guint n;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);

  clients = confianza_store_get_clients (store);
  n = g_list_model_get_n_items (clients);
  array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_ptr_array_add (array, confianza_client_copy (client));
    }

  return array;
}

gboolean
confianza_import_clients (ConfianzaStore        *store,
                          ConfianzaCsvPreview   *preview,
                          ConfianzaImportFlags   flags,
                          guint                 *n_imported,
                          GError               **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  guint n_rows;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (preview), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  if ((flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) == 0)
    {
      g_autoptr(GPtrArray) existing = confianza_import_existing_clients (store);

      confianza_csv_preview_check_duplicates (preview, existing);
    }

  n_rows = confianza_csv_preview_get_n_rows (preview);
  copies = g_ptr_array_new_with_free_func (g_object_unref);

  if (!confianza_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      ConfianzaClient *copy;

      if (!row_wanted (preview, i, flags))
        continue;

      copy = confianza_client_copy (confianza_csv_preview_get_client (preview, i));
      confianza_client_set_id (copy, 0);
      g_ptr_array_add (copies, copy);

      if (!confianza_store_save_client (store, copy, error))
        {
          confianza_store_rollback (store);
          return FALSE;
        }
    }

  if (!confianza_store_commit (store, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = copies->len;

  return TRUE;
}

char *
confianza_import_clients_from_file (ConfianzaStore        *store,
                                    const char            *filename,
                                    ConfianzaImportFlags   flags,
                                    guint                 *n_imported,
                                    guint                 *n_skipped,
                                    GError               **error)
{
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *shown = NULL;
  GString *summary;
  guint imported = 0;
  guint n_rows;
  guint skipped = 0;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_imported != NULL)
    *n_imported = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;

  existing = confianza_import_existing_clients (store);
  preview = confianza_csv_parse_file (filename, existing, error);
  if (preview == NULL)
    return NULL;

  if (!confianza_import_clients (store, preview, flags, &imported, error))
    return NULL;

  if (n_imported != NULL)
    *n_imported = imported;

  shown = confianza_text_display_filename (filename);
  summary = g_string_new (NULL);

  if (imported == 0)
    g_string_append_printf (summary, _("No client was imported from “%s”."), shown);
  else
    g_string_append_printf (summary,
                            /* Translators: %u is a number of clients, %s a file name */
                            ngettext ("Imported %u client from “%s”.",
                                      "Imported %u clients from “%s”.",
                                      imported),
                            imported, shown);
  g_string_append_c (summary, '\n');

  n_rows = confianza_csv_preview_get_n_rows (preview);
  for (guint i = 0; i < n_rows; i++)
    if (!row_wanted (preview, i, flags))
      skipped++;
  if (n_skipped != NULL)
    *n_skipped = skipped;

  if (skipped > 0)
    {
      g_string_append_printf (summary,
                              ngettext ("%u line was not imported:",
                                        "%u lines were not imported:",
                                        skipped),
                              skipped);
      g_string_append_c (summary, '\n');

      for (guint i = 0; i < n_rows; i++)
        {
          if (row_wanted (preview, i, flags))
            continue;

          /* Translators: %u is a line number of the file, %s what is wrong
           * with it, a whole sentence */
          g_string_append_printf (summary, _("Line %u: %s"),
                                  confianza_csv_preview_get_line (preview, i),
                                  confianza_csv_preview_get_message (preview, i));
          g_string_append_c (summary, '\n');
        }

      if (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_DUPLICATE) > 0 &&
          (flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) == 0)
        {
          g_string_append (summary,
                           _("Clients that are already in your records were left "
                             "out so that they are not there twice."));
          g_string_append_c (summary, '\n');
        }
    }

  {
    const char * const *ignored = confianza_csv_preview_get_ignored_columns (preview);

    if (ignored[0] != NULL)
      {
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; ignored[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append (list, C_("list separator", ", "));
            /* Translators: a column header, quoted */
            g_string_append_printf (list, _("“%s”"), ignored[i]);
          }
        /* Translators: %s is a list of quoted column headers */
        g_string_append_printf (summary, _("These columns were not imported: %s."), list->str);
        g_string_append_c (summary, '\n');
      }
  }

  return g_string_free (summary, FALSE);
}
