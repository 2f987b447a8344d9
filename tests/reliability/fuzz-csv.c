/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>

#include "model/confianza-csv.h"
#include "model/confianza-text.h"
#include "model/confianza-vcard.h"

/*
 * libFuzzer harness for the CSV parser: any bytes must give a preview or an
 * error, never a crash, a leak or a hang. Built with clang only (see
 * meson.build); the same input is also parsed against existing clients so
 * that the duplicate checks run. Whatever the bytes, every name, message
 * and header that comes out is clean text (confianza-text.h). The vCard
 * parser reads every input too (the corpus has vCard seeds).
 */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (ConfianzaCsvPreview *preview,
       GError              *error)
{
  if (preview == NULL)
    {
      g_assert (error != NULL && error->message[0] != '\0');
      return;
    }

  g_assert (error == NULL);

  for (guint i = 0; i < confianza_csv_preview_get_n_rows (preview); i++)
    {
      const char *message = confianza_csv_preview_get_message (preview, i);
      ConfianzaCsvRowStatus status = confianza_csv_preview_get_status (preview, i);

      g_assert (confianza_csv_preview_get_line (preview, i) >= 1);
      g_assert ((status == CONFIANZA_CSV_ROW_READY) == (message == NULL));
      g_assert (confianza_text_is_clean (message));
      g_assert (confianza_text_is_clean (confianza_client_get_name (confianza_csv_preview_get_client (preview, i))));
      g_assert (confianza_text_is_clean (confianza_client_get_notes (confianza_csv_preview_get_client (preview, i))));
    }

  for (guint i = 0; i < confianza_csv_preview_get_n_columns (preview); i++)
    g_assert (confianza_text_is_clean (confianza_csv_preview_get_column_header (preview, i)));

  confianza_csv_preview_check_duplicates (preview, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(ConfianzaCsvPreview) vcard = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) vcard_error = NULL;
  ConfianzaClient *client;

  client = confianza_client_new ("Ana García");
  confianza_client_set_email (client, "ana@example.com");
  g_ptr_array_add (existing, client);

  preview = confianza_csv_parse ((const char *) data, size, existing, &error);
  check (preview, error);

  vcard = confianza_vcard_parse ((const char *) data, size, existing, &vcard_error);
  check (vcard, vcard_error);

  return 0;
}
