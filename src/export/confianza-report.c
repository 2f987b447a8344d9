/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-date.h"
#include "confianza-report-internal.h"

/*
 * The public entry points. The work is done in the folder's other files:
 * confianza-report-file.c (the safe workbook file), -sheet.c (cells,
 * formats, sheets), -client.c and -portfolio.c (the two reports) and
 * -lookup.c (the command line's client lookup).
 */

G_DEFINE_QUARK (confianza-report-error-quark, confianza_report_error)

/* What both reports start with: the period and the target checked before
 * the database is even opened, our own connection, the author's name
 * made clean (NULL when blank) */
static gboolean
request_init (ReportRequest  *request,
              const char     *database_path,
              GDateTime      *from,
              GDateTime      *to,
              const char     *business_name,
              const char     *output_path,
              GError        **error)
{
  if (!check_period (from, to, error) || !check_target (database_path, output_path, error))
    return FALSE;

  request->store = open_store (database_path, error);
  if (request->store == NULL)
    return FALSE;

  request->database_path = database_path;
  request->output_path = output_path;
  request->from = from;
  request->to = to;
  request->business_name = clean_text (business_name);
  if (request->business_name != NULL)
    g_strstrip (request->business_name);
  if (text_is_blank (request->business_name))
    g_clear_pointer (&request->business_name, g_free);

  return TRUE;
}

static void
request_clear (ReportRequest *request)
{
  g_clear_object (&request->store);
  g_clear_pointer (&request->business_name, g_free);
}

/* The client report of @client_id, or with @portfolio the portfolio report */
static gboolean
write_report (const char  *database_path,
              gboolean     portfolio,
              gint64       client_id,
              GDateTime   *from,
              GDateTime   *to,
              const char  *business_name,
              ConfianzaAddress address,
              const char  *output_path,
              GError     **error)
{
  ReportRequest request = { 0 };
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  request.address = address;
  ok = request_init (&request, database_path, from, to, business_name, output_path, error) &&
       (portfolio ? report_write_portfolio (&request, error)
                  : report_write_client (&request, client_id, error));
  request_clear (&request);

  return ok;
}

gboolean
confianza_report_write_client (const char  *database_path,
                               gint64       client_id,
                               GDateTime   *from,
                               GDateTime   *to,
                               const char  *business_name,
                               const char  *output_path,
                               GError     **error)
{
  return confianza_report_write_client_as (database_path, client_id, from, to, business_name,
                                           CONFIANZA_ADDRESS_USTED, output_path, error);
}

gboolean
confianza_report_write_client_as (const char       *database_path,
                                  gint64            client_id,
                                  GDateTime        *from,
                                  GDateTime        *to,
                                  const char       *business_name,
                                  ConfianzaAddress  address,
                                  const char       *output_path,
                                  GError          **error)
{
  return write_report (database_path, FALSE, client_id, from, to, business_name, address, output_path, error);
}

gboolean
confianza_report_write_portfolio (const char  *database_path,
                                  GDateTime   *from,
                                  GDateTime   *to,
                                  const char  *business_name,
                                  const char  *output_path,
                                  GError     **error)
{
  return write_report (database_path, TRUE, 0, from, to, business_name, CONFIANZA_ADDRESS_USTED, output_path, error);
}

/* Keeps letters (with their accents), digits and a few safe marks; spaces
 * become underscores */
static char *
filename_part (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  GString *part = g_string_new (NULL);

  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_')
        {
          if (part->len > 0 && part->str[part->len - 1] != '_')
            g_string_append_c (part, '_');
        }
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c) ||
               c == '-' || c == '.' || c == '&' || c == '+' || c == ',' || c == '(' || c == ')')
        {
          /* Not a hidden file */
          if (!(c == '.' && part->len == 0))
            g_string_append_unichar (part, c);
        }

      if (g_utf8_strlen (part->str, -1) >= 80)
        break;
    }

  while (part->len > 0 && (part->str[part->len - 1] == '_' || part->str[part->len - 1] == '.'))
    g_string_truncate (part, part->len - 1);

  return g_string_free (part, FALSE);
}

char *
confianza_report_suggest_filename (const char *client_name,
                                   GDateTime  *date)
{
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *name = NULL;
  g_autofree char *day = NULL;
  /* TRANSLATORS: the first word of a report's file name, "Report_Ana_2024-05-31.xlsx":
   * letters only, no spaces */
  g_autofree char *word = filename_part (C_("file name", "Report"));

  if (date == NULL)
    date = today = confianza_date_today ();
  day = g_date_time_format (date, "%Y-%m-%d");

  /* TRANSLATORS: in the portfolio report's file name, "Report_portfolio_2024-05-31.xlsx" */
  name = filename_part (client_name != NULL ? client_name : C_("file name", "portfolio"));

  if (*name == '\0')
    return g_strdup_printf ("%s_%s.xlsx", word, day);

  return g_strdup_printf ("%s_%s_%s.xlsx", word, name, day);
}
