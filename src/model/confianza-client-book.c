/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <string.h>

#include "confianza-client.h"
#include "confianza-client-book.h"
#include "confianza-date.h"
#include "confianza-enums.h"

gboolean
confianza_client_book_is_formula (const char *value)
{
  return value != NULL && value[0] != '\0' && strchr ("=+-@", value[0]) != NULL;
}

static void
append_csv_cell (GString    *out,
                 const char *value,
                 gboolean    last)
{
  g_string_append_c (out, '"');
  if (confianza_client_book_is_formula (value))
    g_string_append_c (out, '\'');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

char *
confianza_client_book_to_csv (GPtrArray *clients)
{
  static const char * const headers[] = {
    "Name", "Company", "Email", "Phone", "Notes", "Client since", "Status",
    "Let go reason", "Follow-up days",
  };
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    append_csv_cell (out, headers[i], i + 1 == G_N_ELEMENTS (headers));

  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      ConfianzaClient *client = g_ptr_array_index (clients, i);
      g_autofree char *since = NULL;
      g_autofree char *days = NULL;

      if (confianza_client_get_since (client) != NULL)
        since = confianza_date_to_iso (confianza_client_get_since (client));
      days = g_strdup_printf ("%d", confianza_client_get_follow_up_days (client));

      append_csv_cell (out, confianza_client_get_name (client), FALSE);
      append_csv_cell (out, confianza_client_get_company (client), FALSE);
      append_csv_cell (out, confianza_client_get_email (client), FALSE);
      append_csv_cell (out, confianza_client_get_phone (client), FALSE);
      append_csv_cell (out, confianza_client_get_notes (client), FALSE);
      append_csv_cell (out, since, FALSE);
      append_csv_cell (out, confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS,
                                                  confianza_client_get_status (client)), FALSE);
      append_csv_cell (out, confianza_client_get_let_go_reason (client), FALSE);
      append_csv_cell (out, days, TRUE);
    }

  return g_string_free (out, FALSE);
}

/* "NAME:value" escaped and folded at 75 bytes, never inside a character */
static void
append_vcard_line (GString    *out,
                   const char *name,
                   const char *value)
{
  g_autoptr(GString) line = NULL;
  gsize width = 0;

  if (value == NULL || *value == '\0')
    return;

  line = g_string_new (name);
  g_string_append_c (line, ':');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (line, '\\');
      if (*p == '\r')
        continue;
      if (*p == '\n')
        g_string_append (line, "\\n");
      else
        g_string_append_c (line, *p);
    }

  for (const char *p = line->str; *p != '\0'; )
    {
      const char *next = g_utf8_next_char (p);

      if (width + (next - p) > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, next - p);
      width += next - p;
      p = next;
    }
  g_string_append (out, "\r\n");
}

char *
confianza_client_book_to_vcard (GPtrArray *clients)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      ConfianzaClient *client = g_ptr_array_index (clients, i);

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
      append_vcard_line (out, "FN", confianza_client_get_name (client));
      g_string_append (out, "N:;;;;\r\n");
      append_vcard_line (out, "ORG", confianza_client_get_company (client));
      append_vcard_line (out, "EMAIL", confianza_client_get_email (client));
      append_vcard_line (out, "TEL", confianza_client_get_phone (client));
      append_vcard_line (out, "NOTE", confianza_client_get_notes (client));
      g_string_append (out, "END:VCARD\r\n");
    }

  return g_string_free (out, FALSE);
}
