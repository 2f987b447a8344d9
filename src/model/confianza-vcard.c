/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "confianza-csv-private.h"
#include "confianza-text.h"
#include "confianza-vcard.h"

/* The columns every vCard preview has, in this order; the properties we do
 * not read come after them, one column each */
enum
{
  COLUMN_FN,
  COLUMN_GIVEN,
  COLUMN_FAMILY,
  COLUMN_ORG,
  COLUMN_EMAIL,
  COLUMN_OTHER_EMAILS,
  COLUMN_TEL,
  COLUMN_OTHER_TELS,
  COLUMN_NOTE,
  N_KNOWN_COLUMNS
};

static const char * const known_headers[N_KNOWN_COLUMNS] = {
  "FN", "N (given)", "N (family)", "ORG", "EMAIL", "EMAIL (other)", "TEL", "TEL (other)", "NOTE",
};

static const ConfianzaCsvField known_fields[N_KNOWN_COLUMNS] = {
  CONFIANZA_CSV_FIELD_NAME,
  CONFIANZA_CSV_FIELD_GIVEN_NAME,
  CONFIANZA_CSV_FIELD_FAMILY_NAME,
  CONFIANZA_CSV_FIELD_COMPANY,
  CONFIANZA_CSV_FIELD_EMAIL,
  CONFIANZA_CSV_FIELD_EMAIL,
  CONFIANZA_CSV_FIELD_PHONE,
  CONFIANZA_CSV_FIELD_PHONE,
  CONFIANZA_CSV_FIELD_NOTES,
};

/* Properties that say nothing about the client: never listed */
static const char * const silent_properties[] = {
  "VERSION", "PRODID", "UID", "REV", "X-EVOLUTION-FILE-AS", "CATEGORIES",
  "KIND", "SOURCE", "CLIENTPIDMAP", "X-ABUID", "X-ABLABEL", "PHOTO", "LOGO",
  "SOUND", "KEY",
};

/* Same separator as Google's multi-value cells: confianza-csv.c splits it */
#define MULTI_VALUE_SEPARATOR " ::: "

typedef struct
{
  GPtrArray  *headers;     /* char *, known headers then other properties */
  GHashTable *other;       /* property name → column (GUINT_TO_POINTER (column + 1)) */
  GPtrArray  *records;     /* GPtrArray * of GString *, one per column */
  GArray     *lines;
} Reader;

gboolean
confianza_vcard_sniff (const char *data,
                       gsize       length)
{
  static const char begin[] = "BEGIN:VCARD";
  const char *p = data;
  const char *end = data + length;

  if (data == NULL)
    return FALSE;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;

  return (gsize) (end - p) >= strlen (begin) && g_ascii_strncasecmp (p, begin, strlen (begin)) == 0;
}

/* Undoes quoted-printable: "=C3=B1" → the bytes; soft breaks are gone
 * already */
static GString *
unquote_printable (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return out;
}

/* Valid UTF-8 from @bytes: as they are when they are UTF-8, otherwise from
 * @charset (2.1's CHARSET) or else Windows-1252. Clean text either way. */
static char *
to_text (const char *bytes,
         gsize       length,
         const char *charset)
{
  g_autofree char *converted = NULL;

  if (g_utf8_validate_len (bytes, length, NULL) && memchr (bytes, '\0', length) == NULL)
    converted = g_strndup (bytes, length);
  else if (charset != NULL)
    converted = g_convert (bytes, length, "UTF-8", charset, NULL, NULL, NULL);

  if (converted == NULL)
    converted = g_convert_with_fallback (bytes, length, "UTF-8", "WINDOWS-1252", "?", NULL, NULL, NULL);
  if (converted == NULL)
    converted = g_utf8_make_valid (bytes, length);

  return confianza_text_clean (converted);
}

/* Splits a structured value at its unescaped ";" and undoes the escapes
 * ("\n", "\,", "\;", "\\") of each part */
static GPtrArray *
split_value (const char *value,
             gboolean    structured)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else if (*p == ';' && structured)
        {
          g_ptr_array_add (parts, g_strstrip (g_string_free (part, FALSE)));
          part = g_string_new (NULL);
        }
      else
        {
          g_string_append_c (part, *p);
        }
    }
  g_ptr_array_add (parts, g_strstrip (g_string_free (part, FALSE)));

  return parts;
}

static void
add_to (GString    *cell,
        const char *value)
{
  if (*value == '\0')
    return;
  if (cell->len > 0)
    g_string_append (cell, MULTI_VALUE_SEPARATOR);
  g_string_append (cell, value);
}

static void
free_cell (gpointer data)
{
  g_string_free (data, TRUE);
}

static GPtrArray *
new_record (Reader *reader)
{
  GPtrArray *record = g_ptr_array_new_with_free_func (free_cell);

  for (guint i = 0; i < reader->headers->len; i++)
    g_ptr_array_add (record, g_string_new (NULL));

  return record;
}

static GString *
cell (Reader    *reader,
      GPtrArray *record,
      guint      column)
{
  while (record->len < reader->headers->len)
    g_ptr_array_add (record, g_string_new (NULL));

  return g_ptr_array_index (record, column);
}

/* One unfolded content line: "group.NAME;PARAM=x;PARAM:value" */
static void
read_property (Reader     *reader,
               GPtrArray  *record,
               const char *line)
{
  g_autofree char *name = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const char *colon = NULL;
  const char *params;
  const char *dot;
  gboolean quoted_printable = FALSE;
  gboolean in_quotes = FALSE;
  gsize name_length;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (*p == ':' && !in_quotes)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL)
    return;

  name_length = strcspn (line, ";:");
  name = g_ascii_strup (line, name_length);
  /* Apple's "item1.EMAIL": the group is not part of the name */
  dot = strrchr (name, '.');
  if (dot != NULL)
    memmove (name, dot + 1, strlen (dot + 1) + 1);
  params = line + name_length;

  if (*name == '\0' || g_str_equal (name, "BEGIN") || g_str_equal (name, "END"))
    return;
  /* Names are letters, digits and "-": anything else is not a property */
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return;

  /* Parameters: 2.1's bare "QUOTED-PRINTABLE" and "ENCODING=…", "CHARSET=…" */
  if (params < colon)
    {
      g_autofree char *list = g_strndup (params + 1, colon - params - 1);
      g_auto(GStrv) items = g_strsplit (list, ";", 64);

      for (guint i = 0; items[i] != NULL; i++)
        {
          const char *item = items[i];

          if (g_ascii_strcasecmp (item, "QUOTED-PRINTABLE") == 0 ||
              g_ascii_strcasecmp (item, "ENCODING=QUOTED-PRINTABLE") == 0)
            quoted_printable = TRUE;
          else if (g_ascii_strncasecmp (item, "ENCODING=", 9) == 0 ||
                   g_ascii_strcasecmp (item, "BASE64") == 0)
            return;  /* a photo or a key: nothing for us */
          else if (g_ascii_strncasecmp (item, "CHARSET=", 8) == 0)
            {
              g_free (charset);
              charset = g_strdup (item + 8);
            }
        }
    }

  if (quoted_printable)
    {
      g_autoptr(GString) bytes = unquote_printable (colon + 1);

      text = to_text (bytes->str, bytes->len, charset);
    }
  else
    {
      text = to_text (colon + 1, strlen (colon + 1), charset);
    }

  if (g_str_equal (name, "N"))
    {
      parts = split_value (text, TRUE);
      /* family;given;additional;prefix;suffix */
      if (parts->len > 1)
        add_to (cell (reader, record, COLUMN_GIVEN), g_ptr_array_index (parts, 1));
      if (parts->len > 2 && *(char *) g_ptr_array_index (parts, 2) != '\0')
        {
          GString *given = cell (reader, record, COLUMN_GIVEN);

          if (given->len > 0)
            g_string_append_c (given, ' ');
          g_string_append (given, g_ptr_array_index (parts, 2));
        }
      add_to (cell (reader, record, COLUMN_FAMILY), g_ptr_array_index (parts, 0));
      return;
    }

  parts = split_value (text, g_str_equal (name, "ORG"));

  if (g_str_equal (name, "FN"))
    {
      if (cell (reader, record, COLUMN_FN)->len == 0)
        add_to (cell (reader, record, COLUMN_FN), g_ptr_array_index (parts, 0));
    }
  else if (g_str_equal (name, "ORG"))
    {
      if (cell (reader, record, COLUMN_ORG)->len == 0)
        add_to (cell (reader, record, COLUMN_ORG), g_ptr_array_index (parts, 0));
    }
  else if (g_str_equal (name, "EMAIL") || g_str_equal (name, "TEL"))
    {
      gboolean email = g_str_equal (name, "EMAIL");
      const char *value = g_ptr_array_index (parts, 0);
      guint column = email ? COLUMN_EMAIL : COLUMN_TEL;

      /* 4.0's "tel:+34…" and "mailto:…" */
      if (g_ascii_strncasecmp (value, "tel:", 4) == 0)
        value += 4;
      else if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
        value += 7;

      if (cell (reader, record, column)->len > 0)
        column = email ? COLUMN_OTHER_EMAILS : COLUMN_OTHER_TELS;
      add_to (cell (reader, record, column), value);
    }
  else if (g_str_equal (name, "NOTE"))
    {
      GString *note = cell (reader, record, COLUMN_NOTE);

      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append (note, g_ptr_array_index (parts, 0));
    }
  else if (!g_strv_contains (silent_properties, name) && *(char *) g_ptr_array_index (parts, 0) != '\0')
    {
      gpointer column = g_hash_table_lookup (reader->other, name);

      if (column == NULL)
        {
          if (reader->headers->len >= CONFIANZA_CSV_MAX_COLUMNS)
            return;
          g_ptr_array_add (reader->headers, g_strdup (name));
          column = GUINT_TO_POINTER (reader->headers->len);
          g_hash_table_insert (reader->other, g_strdup (name), column);
        }
      add_to (cell (reader, record, GPOINTER_TO_UINT (column) - 1), g_ptr_array_index (parts, 0));
    }
}

/* The next logical line from @p: folded lines joined (a line break
 * followed by a space or tab), and 2.1's quoted-printable soft breaks ("="
 * at the end of the line) too. Counts the physical lines in @line. */
static char *
next_line (const char **p,
           const char  *end,
           guint       *line)
{
  GString *out = g_string_new (NULL);
  gboolean qp_soft = FALSE;

  while (*p < end)
    {
      const char *eol = memchr (*p, '\n', end - *p);
      const char *stop = eol != NULL ? eol : end;
      const char *content_end = stop;

      if (content_end > *p && content_end[-1] == '\r')
        content_end--;
      g_string_append_len (out, *p, content_end - *p);
      *p = eol != NULL ? eol + 1 : end;
      (*line)++;

      /* A quoted-printable value continues after "=" */
      qp_soft = out->len > 0 && out->str[out->len - 1] == '=' &&
                strstr (out->str, "QUOTED-PRINTABLE") != NULL;
      if (qp_soft)
        {
          g_string_truncate (out, out->len - 1);
          continue;
        }

      if (*p < end && (**p == ' ' || **p == '\t'))
        {
          (*p)++;
          continue;
        }
      break;
    }

  return g_string_free (out, FALSE);
}

ConfianzaCsvPreview *
confianza_vcard_parse (const char  *data,
                       gsize        length,
                       GPtrArray   *existing,
                       GError     **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) strvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) other = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree ConfianzaCsvField *fields = NULL;
  const char *p = data;
  const char *end = data + length;
  GPtrArray *record = NULL;
  guint depth = 0;
  guint line = 0;
  Reader reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!confianza_csv_check_size (length, error))
    return NULL;

  for (guint i = 0; i < N_KNOWN_COLUMNS; i++)
    g_ptr_array_add (headers, g_strdup (known_headers[i]));
  reader.headers = headers;
  reader.other = other;
  reader.records = records;
  reader.lines = lines;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      guint start = line + 1;
      g_autofree char *content = next_line (&p, end, &line);

      if (g_ascii_strncasecmp (content, "BEGIN:VCARD", 11) == 0)
        {
          /* A vCard inside another (2.1's AGENT) is part of the outer one */
          if (depth++ > 0)
            continue;
          if (!confianza_csv_check_count (records->len, error))
            return NULL;
          record = new_record (&reader);
          g_ptr_array_add (records, record);
          g_array_append_val (lines, start);
        }
      else if (g_ascii_strncasecmp (content, "END:VCARD", 9) == 0)
        {
          if (depth > 0)
            depth--;
          if (depth == 0)
            record = NULL;
        }
      else if (record != NULL && depth == 1)
        {
          read_property (&reader, record, content);
        }
    }

  if (records->len == 0)
    {
      g_set_error_literal (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_EMPTY,
                           _("This file has no contact cards in it: there are no "
                             "clients to import."));
      return NULL;
    }

  fields = g_new0 (ConfianzaCsvField, headers->len);
  memcpy (fields, known_fields, sizeof known_fields);

  for (guint i = 0; i < records->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (records, i);
      char **values = g_new0 (char *, headers->len + 1);

      for (guint j = 0; j < headers->len; j++)
        values[j] = g_strdup (j < cells->len ? ((GString *) g_ptr_array_index (cells, j))->str : "");
      g_ptr_array_add (strvs, values);
    }

  return confianza_csv_preview_new_from_records ("UTF-8", headers, fields, strvs, lines, existing);
}
