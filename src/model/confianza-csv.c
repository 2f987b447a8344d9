/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confianza-csv.h"
#include "confianza-csv-private.h"
#include "confianza-vcard.h"
#include "confianza-date.h"
#include "confianza-enums.h"
#include "confianza-text.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

typedef struct
{
  ConfianzaClient       *client;
  guint                  line;
  ConfianzaCsvRowStatus  status;
  /* Why the row cannot be imported as it is */
  char                  *message;
  const char            *property;  /* static */
  /* Set only when the row was valid once duplicates aside */
  char                  *name_key;
  char                  *email_key;
  /* The line's fields as read, to build the row again when the user maps
   * a column by hand */
  char                 **values;
  gboolean               unclosed;
} Row;

struct _ConfianzaCsvPreview
{
  GObject     parent_instance;

  char        delimiter;
  const char *encoding;  /* static */
  GPtrArray  *headers;   /* char *, as written */
  GArray     *fields;    /* ConfianzaCsvField, one per header */
  GPtrArray  *ignored;   /* char *, NULL-terminated */
  GPtrArray  *rows;      /* Row * */
};

G_DEFINE_FINAL_TYPE (ConfianzaCsvPreview, confianza_csv_preview, G_TYPE_OBJECT)

G_DEFINE_QUARK (confianza-csv-error-quark, confianza_csv_error)

/* The client property each field fills, for the messages */
static const char * const field_properties[CONFIANZA_CSV_N_FIELDS] = {
  [CONFIANZA_CSV_FIELD_NONE] = NULL,
  [CONFIANZA_CSV_FIELD_NAME] = "name",
  [CONFIANZA_CSV_FIELD_COMPANY] = "company",
  [CONFIANZA_CSV_FIELD_EMAIL] = "email",
  [CONFIANZA_CSV_FIELD_PHONE] = "phone",
  [CONFIANZA_CSV_FIELD_NOTES] = "notes",
  [CONFIANZA_CSV_FIELD_SINCE] = "since",
  [CONFIANZA_CSV_FIELD_STATUS] = "status",
  [CONFIANZA_CSV_FIELD_LET_GO_REASON] = "let-go-reason",
  [CONFIANZA_CSV_FIELD_GIVEN_NAME] = "name",
  [CONFIANZA_CSV_FIELD_FAMILY_NAME] = "name",
  [CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS] = "follow-up-days",
};

/* Statuses in the words a spreadsheet may hold, as header_key () leaves
 * them, besides the stable ids and the labels in the user's language */
static const struct
{
  const char            *key;
  ConfianzaClientStatus  status;
} status_names[] = {
  { "activo", CONFIANZA_CLIENT_STATUS_ACTIVE },
  { "activa", CONFIANZA_CLIENT_STATUS_ACTIVE },
  { "enriesgo", CONFIANZA_CLIENT_STATUS_AT_RISK },
  { "riesgo", CONFIANZA_CLIENT_STATUS_AT_RISK },
  { "recuperando", CONFIANZA_CLIENT_STATUS_RECOVERING },
  { "recuperandose", CONFIANZA_CLIENT_STATUS_RECOVERING },
  { "enrecuperacion", CONFIANZA_CLIENT_STATUS_RECOVERING },
  { "recuperado", CONFIANZA_CLIENT_STATUS_RECOVERED },
  { "recuperada", CONFIANZA_CLIENT_STATUS_RECOVERED },
  { "perdido", CONFIANZA_CLIENT_STATUS_LOST },
  { "perdida", CONFIANZA_CLIENT_STATUS_LOST },
  { "dejadoir", CONFIANZA_CLIENT_STATUS_LET_GO },
  { "dejadamarchar", CONFIANZA_CLIENT_STATUS_LET_GO },
  { "dejadomarchar", CONFIANZA_CLIENT_STATUS_LET_GO },
  { "despedido", CONFIANZA_CLIENT_STATUS_LET_GO },
  { "despedida", CONFIANZA_CLIENT_STATUS_LET_GO },
  { "baja", CONFIANZA_CLIENT_STATUS_LET_GO },
};

static const ConfianzaClientStatus all_statuses[] = {
  CONFIANZA_CLIENT_STATUS_ACTIVE,
  CONFIANZA_CLIENT_STATUS_AT_RISK,
  CONFIANZA_CLIENT_STATUS_RECOVERING,
  CONFIANZA_CLIENT_STATUS_RECOVERED,
  CONFIANZA_CLIENT_STATUS_LOST,
  CONFIANZA_CLIENT_STATUS_LET_GO,
};

/* Helpers */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->client);
  g_clear_pointer (&row->message, g_free);
  g_clear_pointer (&row->name_key, g_free);
  g_clear_pointer (&row->email_key, g_free);
  g_clear_pointer (&row->values, g_strfreev);
  g_free (row);
}

static Row *
get_row (ConfianzaCsvPreview *self,
         guint                row)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, row);
}

/* Lower case, without accents and without anything but letters and
 * digits: how headers and statuses are compared. */
static char *
header_key (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *key = g_string_new (NULL);

  if (decomposed == NULL)
    return g_string_free (key, FALSE);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }

  return g_string_free (key, FALSE);
}

/* How two names are the same client: ignoring case, accents and runs of
 * spaces. NULL for a blank name. */
static char *
name_key (const char *name)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *key;
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return NULL;
  folded = g_utf8_casefold (decomposed, -1);
  key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }

  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }

  return g_string_free (key, FALSE);
}

static char *
email_key (const char *email)
{
  g_autofree char *stripped = NULL;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return NULL;

  stripped = g_strstrip (g_strdup (email));
  if (*stripped == '\0')
    return NULL;

  return g_utf8_casefold (stripped, -1);
}

/* Decoding */

gboolean
confianza_csv_check_size (gsize    length,
                          GError **error)
{
  int megabytes = CONFIANZA_CSV_MAX_BYTES / (1024 * 1024);

  if (length <= CONFIANZA_CSV_MAX_BYTES)
    return TRUE;

  g_set_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_TOO_BIG,
               ngettext ("This file is too big to import: it can have at most "
                         "%d MB. Split it into smaller files.",
                         "This file is too big to import: it can have at most "
                         "%d MB. Split it into smaller files.",
                         megabytes),
               megabytes);
  return FALSE;
}

/* Refuses a file with @n_records records already read: it may hold at
 * most CONFIANZA_CSV_MAX_LINES */
gboolean
confianza_csv_check_count (guint    n_records,
                           GError **error)
{
  if (n_records < CONFIANZA_CSV_MAX_LINES)
    return TRUE;

  g_set_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_TOO_BIG,
               ngettext ("This file has more than %d client. Split it into "
                         "smaller files.",
                         "This file has more than %d clients. Split it into "
                         "smaller files.",
                         CONFIANZA_CSV_MAX_LINES),
               CONFIANZA_CSV_MAX_LINES);
  return FALSE;
}

static gboolean
decode (const char  *data,
        gsize        length,
        char       **text,
        gsize       *text_length,
        const char **encoding,
        GError     **error)
{
  g_autofree char *decoded = NULL;
  gsize decoded_length = 0;

  if (!confianza_csv_check_size (length, error))
    return FALSE;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      if (g_utf8_validate (data + 3, (gssize) (length - 3), NULL))
        {
          decoded = g_strndup (data + 3, length - 3);
          decoded_length = length - 3;
        }
      *encoding = "UTF-8";
    }
  else if (length >= 2 &&
           (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      const char *from = (guchar) data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      decoded = g_convert (data + 2, (gssize) (length - 2), "UTF-8", from,
                           NULL, &decoded_length, NULL);
      *encoding = "UTF-16";
    }
  else if (g_utf8_validate (data, (gssize) length, NULL))
    {
      decoded = g_strndup (data, length);
      decoded_length = length;
      *encoding = "UTF-8";
    }
  else
    {
      /* What Excel writes for "CSV" in Spain: Windows-1252. Its five
       * unassigned bytes make the conversion fail. */
      decoded = g_convert (data, (gssize) length, "UTF-8", "WINDOWS-1252",
                           NULL, &decoded_length, NULL);
      *encoding = "WINDOWS-1252";
    }

  if (decoded == NULL || memchr (decoded, '\0', decoded_length) != NULL)
    {
      g_set_error_literal (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_ENCODING,
                           _("This file is not text that Confianza can read. Save "
                             "it from your spreadsheet as “CSV UTF-8” and try "
                             "again."));
      return FALSE;
    }

  *text = g_steal_pointer (&decoded);
  *text_length = decoded_length;

  return TRUE;
}

/* Splitting into records */

typedef struct
{
  const char *p;
  const char *end;
  char        delimiter;
  guint       line;  /* of p, from 1 */
} Parser;

static gboolean
at_line_end (Parser *parser)
{
  return parser->p < parser->end && (*parser->p == '\n' || *parser->p == '\r');
}

/* Steps over one line break: CRLF, LF or a lone CR */
static void
skip_line_end (Parser *parser)
{
  if (*parser->p == '\r' && parser->p + 1 < parser->end && parser->p[1] == '\n')
    parser->p++;
  parser->p++;
  parser->line++;
}

/* Reads one field. Quotes count only at its start; a doubled quote inside
 * stands for one; text after the closing quote is kept, as Excel does. The
 * field comes out clean (confianza-text.h): a control character such as
 * ESC reaches neither the records nor, in a header or a message, the
 * terminal. */
static char *
read_field (Parser   *parser,
            gboolean *unclosed)
{
  g_autoptr(GString) field = g_string_new (NULL);

  if (parser->p < parser->end && *parser->p == '"')
    {
      gboolean closed = FALSE;

      parser->p++;
      while (parser->p < parser->end)
        {
          if (*parser->p == '"')
            {
              if (parser->p + 1 < parser->end && parser->p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  parser->p += 2;
                  continue;
                }
              parser->p++;
              closed = TRUE;
              break;
            }

          if (*parser->p == '\r' || *parser->p == '\n')
            {
              /* Kept as a plain line break */
              skip_line_end (parser);
              g_string_append_c (field, '\n');
              continue;
            }

          g_string_append_c (field, *parser->p);
          parser->p++;
        }

      if (!closed)
        *unclosed = TRUE;
    }

  while (parser->p < parser->end &&
         *parser->p != parser->delimiter &&
         !at_line_end (parser))
    {
      g_string_append_c (field, *parser->p);
      parser->p++;
    }

  return confianza_text_clean (field->str);
}

/* Reads the next record into @fields (at most CONFIANZA_CSV_MAX_COLUMNS of
 * them). FALSE at the end of the text. */
static gboolean
read_record (Parser    *parser,
             GPtrArray *fields,
             guint     *line,
             gboolean  *unclosed)
{
  g_ptr_array_set_size (fields, 0);
  *unclosed = FALSE;

  if (parser->p >= parser->end)
    return FALSE;

  *line = parser->line;

  for (;;)
    {
      char *field = read_field (parser, unclosed);

      if (fields->len < CONFIANZA_CSV_MAX_COLUMNS)
        g_ptr_array_add (fields, field);
      else
        g_free (field);

      if (parser->p < parser->end && *parser->p == parser->delimiter)
        {
          parser->p++;
          continue;
        }

      if (at_line_end (parser))
        skip_line_end (parser);

      return TRUE;
    }
}

/* "sep=;" on the first line is how Excel says which delimiter it wrote */
static gboolean
read_sep_line (Parser *parser)
{
  const char *p = parser->p;
  gsize left = (gsize) (parser->end - p);

  if (left < 5 || g_ascii_strncasecmp (p, "sep=", 4) != 0)
    return FALSE;
  if (p[4] != ',' && p[4] != ';' && p[4] != '\t')
    return FALSE;
  if (left > 5 && p[5] != '\r' && p[5] != '\n')
    return FALSE;

  parser->delimiter = p[4];
  parser->p += 5;
  if (at_line_end (parser))
    skip_line_end (parser);

  return TRUE;
}

/* The delimiter is the one the first line that is not blank (the header)
 * uses most, outside quotes; a header of one column has none, and any will
 * do. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  static const char candidates[] = { ';', '\t', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  /* Blank lines before the header are skipped later, too */
  while (p < end && (*p == '\r' || *p == '\n' || *p == ' '))
    p++;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (*p == candidates[i])
            counts[i]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (counts[i] > best_count)
        {
          best = candidates[i];
          best_count = counts[i];
        }
    }

  return best;
}

static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      for (const char *p = field; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Values */

static gboolean
read_number (const char **p,
             guint        max_digits,
             int         *value,
             guint       *digits)
{
  *value = 0;
  *digits = 0;

  while (**p >= '0' && **p <= '9' && *digits < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      (*digits)++;
    }

  return *digits > 0;
}

/* ISO "2024-12-31" or "2024/12/31", and day first "31/12/2024",
 * "31-12-24" or "31.12.2024", as Spanish spreadsheets write dates; a time
 * after a space or a "T" is ignored. */
static GDateTime *
parse_date (const char *text)
{
  const char *p = text;
  int first, second, third;
  guint first_digits, second_digits, third_digits;
  char separator;
  int year, month, day;

  if (!read_number (&p, 4, &first, &first_digits))
    return NULL;
  if (*p != '-' && *p != '/' && *p != '.')
    return NULL;
  separator = *p++;
  if (!read_number (&p, 2, &second, &second_digits))
    return NULL;
  if (*p != separator)
    return NULL;
  p++;
  if (!read_number (&p, 4, &third, &third_digits))
    return NULL;
  if (*p != '\0' && *p != ' ' && *p != 'T')
    return NULL;

  if (first_digits == 4)
    {
      if (third_digits > 2)
        return NULL;
      year = first;
      month = second;
      day = third;
    }
  else if (first_digits <= 2 && (third_digits == 4 || third_digits == 2))
    {
      day = first;
      month = second;
      year = third_digits == 4 ? third : third + (third < 70 ? 2000 : 1900);
    }
  else
    {
      return NULL;
    }

  if (year < 1 || !confianza_date_is_valid_ymd (year, month, day))
    return NULL;

  return confianza_date_new (year, month, day);
}

static gboolean
parse_status (const char            *text,
              ConfianzaClientStatus *status)
{
  g_autofree char *key = header_key (text);

  if (*key == '\0')
    {
      *status = CONFIANZA_CLIENT_STATUS_ACTIVE;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (all_statuses); i++)
    {
      g_autofree char *id_key = header_key (confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS,
                                                                   all_statuses[i]));
      g_autofree char *label_key = header_key (confianza_client_status_to_label (all_statuses[i]));

      if (g_str_equal (key, id_key) || g_str_equal (key, label_key))
        {
          *status = all_statuses[i];
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (key, status_names[i].key))
        {
          *status = status_names[i].status;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
status_choices (void)
{
  GString *choices = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_statuses); i++)
    {
      if (i > 0)
        g_string_append (choices, ", ");
      g_string_append (choices, confianza_client_status_to_label (all_statuses[i]));
    }

  return g_string_free (choices, FALSE);
}

/* Rows */

static guint
column_of_field (ConfianzaCsvPreview *self,
                 ConfianzaCsvField    field)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_array_index (self->fields, ConfianzaCsvField, i) == field)
      return i;

  return G_MAXUINT;
}

/* Says which column the message is about, when the file has it */
static void
row_set_invalid (ConfianzaCsvPreview *self,
                 Row                 *row,
                 const char          *property,
                 const char          *sentence)
{
  guint column = G_MAXUINT;

  for (guint i = 0; property != NULL && i < self->fields->len; i++)
    {
      ConfianzaCsvField field = g_array_index (self->fields, ConfianzaCsvField, i);

      if (g_strcmp0 (field_properties[field], property) == 0)
        {
          column = i;
          break;
        }
    }

  g_free (row->message);
  if (column != G_MAXUINT)
    /* Translators: %s are a column’s header, as written in the file, and
     * what is wrong with its value, a whole sentence */
    row->message = g_strdup_printf (_("Column “%s”: %s"),
                                    (const char *) g_ptr_array_index (self->headers, column),
                                    sentence);
  else
    row->message = g_strdup (sentence);

  row->status = CONFIANZA_CSV_ROW_INVALID;
  row->property = property;
}

/* Google writes several values in one cell: "a@x.es ::: b@y.es" */
#define MULTI_VALUE_SEPARATOR " ::: "

static void
append_note (GString    *notes,
             const char *header,
             const char *value)
{
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  if (header != NULL && *header != '\0')
    g_string_append_printf (notes, "%s: %s", header, value);
  else
    g_string_append (notes, value);
}

/* The first value of an email or phone column goes to the client, when it
 * has none yet; every other one to the notes, under its column's header. */
static void
take_contact (ConfianzaClient *client,
              const char      *property,
              const char      *header,
              const char      *value,
              GString         *extra)
{
  g_auto(GStrv) parts = g_strsplit (value, MULTI_VALUE_SEPARATOR, -1);
  g_autofree char *current = NULL;

  g_object_get (client, property, &current, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;

      if (current == NULL || *current == '\0')
        {
          g_object_set (client, property, part, NULL);
          g_free (current);
          current = g_strdup (part);
        }
      else
        {
          append_note (extra, header, part);
        }
    }
}

static void
join_part (GString    *part,
           const char *value)
{
  if (part->len > 0)
    g_string_append_c (part, ' ');
  g_string_append (part, value);
}

/* Fills @row from row->values */
static void
build_row (ConfianzaCsvPreview *self,
           Row                 *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autoptr(GString) given = g_string_new (NULL);
  g_autoptr(GString) family = g_string_new (NULL);
  const char *property = NULL;
  const char *since_text = NULL;
  const char *status_text = NULL;
  gboolean unclosed = row->unclosed;
  guint n_values = row->values != NULL ? g_strv_length (row->values) : 0;
  guint n_notes_columns = 0;

  g_clear_object (&row->client);
  g_clear_pointer (&row->message, g_free);
  g_clear_pointer (&row->name_key, g_free);
  g_clear_pointer (&row->email_key, g_free);
  row->property = NULL;
  row->status = CONFIANZA_CSV_ROW_READY;
  row->client = g_object_new (CONFIANZA_TYPE_CLIENT, NULL);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_array_index (self->fields, ConfianzaCsvField, i) == CONFIANZA_CSV_FIELD_NOTES)
      n_notes_columns++;

  for (guint i = 0; i < n_values && i < self->fields->len; i++)
    {
      const char *value = row->values[i];
      const char *header = g_ptr_array_index (self->headers, i);

      if (*value == '\0')
        continue;
      /* Our export writes "'=…" so that spreadsheets do not run it */
      if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@", value[1]) != NULL)
        value++;

      switch (g_array_index (self->fields, ConfianzaCsvField, i))
        {
        case CONFIANZA_CSV_FIELD_NAME:
          confianza_client_set_name (row->client, value);
          break;
        case CONFIANZA_CSV_FIELD_GIVEN_NAME:
          join_part (given, value);
          break;
        case CONFIANZA_CSV_FIELD_FAMILY_NAME:
          join_part (family, value);
          break;
        case CONFIANZA_CSV_FIELD_COMPANY:
          confianza_client_set_company (row->client, value);
          break;
        case CONFIANZA_CSV_FIELD_EMAIL:
          take_contact (row->client, "email", header, value, extra);
          break;
        case CONFIANZA_CSV_FIELD_PHONE:
          take_contact (row->client, "phone", header, value, extra);
          break;
        case CONFIANZA_CSV_FIELD_NOTES:
          /* With one notes column, its text as it is */
          append_note (notes, n_notes_columns > 1 ? header : NULL, value);
          break;
        case CONFIANZA_CSV_FIELD_SINCE:
          since_text = value;
          break;
        case CONFIANZA_CSV_FIELD_STATUS:
          status_text = value;
          break;
        case CONFIANZA_CSV_FIELD_LET_GO_REASON:
          confianza_client_set_let_go_reason (row->client, value);
          break;
        case CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS:
          {
            guint64 days = 0;

            if (g_ascii_string_to_unsigned (value, 10, 0, 3650, &days, NULL))
              confianza_client_set_follow_up_days (row->client, (int) days);
          }
          break;
        case CONFIANZA_CSV_FIELD_NONE:
        case CONFIANZA_CSV_N_FIELDS:
        default:
          break;
        }
    }

  /* A name column wins, given and family names fill it when it is blank;
   * "Nombre" beside "Apellidos" is the given name, so the family name is
   * added when the name does not have it already */
  {
    const char *name = confianza_client_get_name (row->client);

    if (name == NULL || *name == '\0')
      {
        if (family->len > 0)
          join_part (given, family->str);
        if (given->len > 0)
          confianza_client_set_name (row->client, given->str);
      }
    else if (family->len > 0)
      {
        g_autofree char *name_folded = name_key (name);
        g_autofree char *family_folded = name_key (family->str);

        if (name_folded != NULL && family_folded != NULL &&
            strstr (name_folded, family_folded) == NULL)
          {
            g_autofree char *full = g_strdup_printf ("%s %s", name, family->str);

            confianza_client_set_name (row->client, full);
          }
      }
  }

  if (extra->len > 0)
    append_note (notes, NULL, extra->str);
  if (notes->len > 0)
    confianza_client_set_notes (row->client, notes->str);

  if (unclosed)
    {
      row_set_invalid (self, row, NULL,
                       _("A quotation mark opens a field here that never closes, "
                         "so the rest of the file was read as part of this line. "
                         "Check the quotation marks."));
      return;
    }

  if (status_text != NULL)
    {
      ConfianzaClientStatus status;

      if (parse_status (status_text, &status))
        {
          confianza_client_set_status (row->client, status);
          /* A status other than the default is the user's judgement:
           * the facts recorded later do not overrule it */
          confianza_client_set_status_manual (row->client, status != CONFIANZA_CLIENT_STATUS_ACTIVE);
        }
      else
        {
          g_autofree char *choices = status_choices ();
          g_autofree char *sentence = NULL;

          /* Translators: the first %s is what the file says, the second
           * the list of statuses ("Active, At risk, …") */
          sentence = g_strdup_printf (_("“%s” is not a client status. Write one of these: %s."),
                                      status_text, choices);
          row_set_invalid (self, row, "status", sentence);
          return;
        }
    }

  if (since_text != NULL)
    {
      g_autoptr(GDateTime) since = parse_date (since_text);

      if (since == NULL)
        {
          g_autofree char *sentence = NULL;

          /* Translators: %s is what the file says */
          sentence = g_strdup_printf (_("“%s” is not a date. Write it like 31/12/2024 "
                                        "or 2024-12-31."),
                                      since_text);
          row_set_invalid (self, row, "since", sentence);
          return;
        }

      confianza_client_set_since (row->client, since);
    }

  if (!confianza_client_validate (row->client, &property, &error))
    {
      row_set_invalid (self, row, property, error->message);
      return;
    }

  row->name_key = name_key (confianza_client_get_name (row->client));
  row->email_key = email_key (confianza_client_get_email (row->client));

}

/* The ignored columns, from the fields */
static void
list_ignored (ConfianzaCsvPreview *self)
{
  g_ptr_array_set_size (self->ignored, 0);

  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *header = g_ptr_array_index (self->headers, i);

      if (g_array_index (self->fields, ConfianzaCsvField, i) == CONFIANZA_CSV_FIELD_NONE &&
          *header != '\0')
        g_ptr_array_add (self->ignored, g_strdup (header));
    }

  g_ptr_array_add (self->ignored, NULL);
}

static void
map_columns (ConfianzaCsvPreview *self,
             GPtrArray           *header)
{
  gboolean used[CONFIANZA_CSV_N_FIELDS] = { FALSE };
  guint legal_name = G_MAXUINT;

  for (guint i = 0; i < header->len; i++)
    {
      const char *text = g_ptr_array_index (header, i);
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      g_autofree char *key = header_key (stripped);
      ConfianzaCsvField field = confianza_csv_field_for_key (key);

      if (legal_name == G_MAXUINT && confianza_csv_key_is_legal_name (key))
        legal_name = i;

      /* The first column of a field wins, but for the fields many
       * columns may fill */
      if (field != CONFIANZA_CSV_FIELD_NONE && used[field] && !confianza_csv_field_takes_many (field))
        field = CONFIANZA_CSV_FIELD_NONE;
      used[field] = TRUE;

      g_ptr_array_add (self->headers, g_steal_pointer (&stripped));
      g_array_append_val (self->fields, field);
    }

  /* A CRM's export of companies has no name column: the client is the
   * company, by its legal name ("Razón social", "Nombre fiscal") */
  if (!used[CONFIANZA_CSV_FIELD_NAME] && !used[CONFIANZA_CSV_FIELD_GIVEN_NAME] &&
      !used[CONFIANZA_CSV_FIELD_FAMILY_NAME] && legal_name != G_MAXUINT)
    g_array_index (self->fields, ConfianzaCsvField, legal_name) = CONFIANZA_CSV_FIELD_NAME;

  list_ignored (self);
}

static gboolean
has_name_column (ConfianzaCsvPreview *self)
{
  return column_of_field (self, CONFIANZA_CSV_FIELD_NAME) != G_MAXUINT ||
         column_of_field (self, CONFIANZA_CSV_FIELD_GIVEN_NAME) != G_MAXUINT ||
         column_of_field (self, CONFIANZA_CSV_FIELD_FAMILY_NAME) != G_MAXUINT;
}

/* GObject */

static void
confianza_csv_preview_finalize (GObject *object)
{
  ConfianzaCsvPreview *self = (ConfianzaCsvPreview *) object;

  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->ignored, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (confianza_csv_preview_parent_class)->finalize (object);
}

static void
confianza_csv_preview_class_init (ConfianzaCsvPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_csv_preview_finalize;
}

static void
confianza_csv_preview_init (ConfianzaCsvPreview *self)
{
  self->delimiter = ',';
  self->encoding = "UTF-8";
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_array_new (FALSE, FALSE, sizeof (ConfianzaCsvField));
  self->ignored = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ignored, NULL);
  self->rows = g_ptr_array_new_with_free_func (row_free);
}

/* Public API */

ConfianzaCsvPreview *
confianza_csv_parse (const char  *data,
                     gsize        length,
                     GPtrArray   *existing,
                     GError     **error)
{
  g_autoptr(ConfianzaCsvPreview) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *text = NULL;
  gsize text_length = 0;
  const char *encoding = NULL;
  gboolean unclosed = FALSE;
  Parser parser;
  guint line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (confianza_vcard_sniff (data, length))
    return confianza_vcard_parse (data, length, existing, error);

  if (!decode (data != NULL ? data : "", length, &text, &text_length, &encoding, error))
    return NULL;

  self = g_object_new (CONFIANZA_TYPE_CSV_PREVIEW, NULL);
  self->encoding = encoding;

  parser.p = text;
  parser.end = text + text_length;
  parser.line = 1;
  if (!read_sep_line (&parser))
    parser.delimiter = detect_delimiter (parser.p, parser.end);
  self->delimiter = parser.delimiter;

  fields = g_ptr_array_new_with_free_func (g_free);

  /* The header: the first line that is not blank */
  do
    {
      if (!read_record (&parser, fields, &line, &unclosed))
        {
          g_set_error_literal (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_EMPTY,
                               _("This file is empty: there are no clients in it."));
          return NULL;
        }
    }
  while (record_is_blank (fields));

  map_columns (self, fields);
  if (!has_name_column (self))
    {
      g_set_error_literal (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_NO_NAME,
                           _("The first line of the file should name its columns, "
                             "and one of them should be “Nombre” or “Name”, for the "
                             "client’s name. Add that line and try again."));
      return NULL;
    }

  while (read_record (&parser, fields, &line, &unclosed))
    {
      if (!unclosed && record_is_blank (fields))
        continue;

      if (!confianza_csv_check_count (self->rows->len, error))
        return NULL;

      {
        Row *row = g_new0 (Row, 1);

        row->line = line;
        row->unclosed = unclosed;
        g_ptr_array_add (fields, NULL);
        row->values = (char **) g_ptr_array_steal (fields, NULL);
        for (guint i = 0; row->values[i] != NULL; i++)
          g_strstrip (row->values[i]);
        build_row (self, row);
        g_ptr_array_add (self->rows, row);
      }
    }

  confianza_csv_preview_check_duplicates (self, existing);

  return g_steal_pointer (&self);
}

ConfianzaCsvPreview *
confianza_csv_preview_new_from_records (const char              *encoding,
                                        GPtrArray               *headers,
                                        const ConfianzaCsvField *fields,
                                        GPtrArray               *records,
                                        GArray                  *lines,
                                        GPtrArray               *existing)
{
  ConfianzaCsvPreview *self = g_object_new (CONFIANZA_TYPE_CSV_PREVIEW, NULL);

  g_return_val_if_fail (records->len == lines->len, NULL);

  self->encoding = encoding;
  self->delimiter = '\0';
  for (guint i = 0; i < headers->len; i++)
    {
      g_ptr_array_add (self->headers, g_strdup (g_ptr_array_index (headers, i)));
      g_array_append_val (self->fields, fields[i]);
    }
  list_ignored (self);

  for (guint i = 0; i < records->len; i++)
    {
      Row *row = g_new0 (Row, 1);

      row->line = g_array_index (lines, guint, i);
      row->values = g_strdupv (g_ptr_array_index (records, i));
      build_row (self, row);
      g_ptr_array_add (self->rows, row);
    }

  confianza_csv_preview_check_duplicates (self, existing);

  return self;
}

ConfianzaCsvPreview *
confianza_csv_parse_file (const char  *filename,
                          GPtrArray   *existing,
                          GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize length = 0;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shown = confianza_text_display_filename (filename);

  /* Without waiting: opening a named pipe with no writer, or a device,
   * would block until something comes; such a file is refused below */
  fd = g_open (filename, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      saved_errno = errno;
    }
  else if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_READ,
                   _("“%s” is not a file. Choose a CSV file."),
                   shown);
      return NULL;
    }
  else
    {
      /* One byte more than allowed tells a file that grew since */
      gsize capacity = (gsize) MIN (st.st_size, (goffset) CONFIANZA_CSV_MAX_BYTES) + 1;

      data = g_malloc (capacity);
      while (length < capacity)
        {
          gssize n = read (fd, data + length, capacity - length);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              saved_errno = errno;
              break;
            }
          if (n == 0)
            break;
          length += (gsize) n;
        }
    }

  if (fd >= 0)
    close (fd);

  if (saved_errno != 0)
    {
      /* Translators: the first %s is a file name, the second why it could
       * not be read */
      g_set_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_READ,
                   _("Could not read “%s”: %s."),
                   shown, g_strerror (saved_errno));
      return NULL;
    }

  return confianza_csv_parse (data, length, existing, error);
}

void
confianza_csv_preview_check_duplicates (ConfianzaCsvPreview *self,
                                        GPtrArray           *existing)
{
  /* key → line of the file that has it, 0 for the records */
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (CONFIANZA_IS_CSV_PREVIEW (self));

  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      ConfianzaClient *client = g_ptr_array_index (existing, i);
      char *name = name_key (confianza_client_get_name (client));
      char *email = email_key (confianza_client_get_email (client));

      if (name != NULL)
        g_hash_table_replace (names, name, GUINT_TO_POINTER (0));
      if (email != NULL)
        g_hash_table_replace (emails, email, GUINT_TO_POINTER (0));
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gpointer found = NULL;
      gboolean by_email = FALSE;
      gboolean duplicate = FALSE;

      if (row->status == CONFIANZA_CSV_ROW_INVALID)
        continue;

      row->status = CONFIANZA_CSV_ROW_READY;
      row->property = NULL;
      g_clear_pointer (&row->message, g_free);

      if (row->email_key != NULL &&
          g_hash_table_lookup_extended (emails, row->email_key, NULL, &found))
        {
          duplicate = TRUE;
          by_email = TRUE;
        }
      else if (row->name_key != NULL &&
               g_hash_table_lookup_extended (names, row->name_key, NULL, &found))
        {
          duplicate = TRUE;
        }

      if (!duplicate)
        {
          if (row->name_key != NULL)
            g_hash_table_insert (names, g_strdup (row->name_key), GUINT_TO_POINTER (row->line));
          if (row->email_key != NULL)
            g_hash_table_insert (emails, g_strdup (row->email_key), GUINT_TO_POINTER (row->line));
          continue;
        }

      row->status = CONFIANZA_CSV_ROW_DUPLICATE;
      row->property = by_email ? "email" : "name";

      if (GPOINTER_TO_UINT (found) == 0)
        row->message = by_email
          ? g_strdup_printf (_("A client with the email “%s” is already in your records."),
                             confianza_client_get_email (row->client))
          : g_strdup_printf (_("A client named “%s” is already in your records."),
                             confianza_client_get_name (row->client));
      else
        row->message = by_email
          ? g_strdup_printf (_("Line %u has a client with the same email."),
                             GPOINTER_TO_UINT (found))
          : g_strdup_printf (_("Line %u has a client with the same name."),
                             GPOINTER_TO_UINT (found));
    }
}

void
confianza_csv_preview_set_column_field (ConfianzaCsvPreview *self,
                                        guint                column,
                                        ConfianzaCsvField    field,
                                        GPtrArray           *existing)
{
  g_return_if_fail (CONFIANZA_IS_CSV_PREVIEW (self));
  g_return_if_fail (column < self->fields->len);
  g_return_if_fail (field < CONFIANZA_CSV_N_FIELDS);

  if (field != CONFIANZA_CSV_FIELD_NONE && !confianza_csv_field_takes_many (field))
    for (guint i = 0; i < self->fields->len; i++)
      if (g_array_index (self->fields, ConfianzaCsvField, i) == field)
        g_array_index (self->fields, ConfianzaCsvField, i) = CONFIANZA_CSV_FIELD_NONE;

  g_array_index (self->fields, ConfianzaCsvField, column) = field;
  list_ignored (self);

  for (guint i = 0; i < self->rows->len; i++)
    build_row (self, g_ptr_array_index (self->rows, i));

  confianza_csv_preview_check_duplicates (self, existing);
}

char
confianza_csv_preview_get_delimiter (ConfianzaCsvPreview *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), ',');

  return self->delimiter;
}

const char *
confianza_csv_preview_get_encoding (ConfianzaCsvPreview *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), NULL);

  return self->encoding;
}

guint
confianza_csv_preview_get_n_columns (ConfianzaCsvPreview *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), 0);

  return self->headers->len;
}

const char *
confianza_csv_preview_get_column_header (ConfianzaCsvPreview *self,
                                         guint                column)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), NULL);
  g_return_val_if_fail (column < self->headers->len, NULL);

  return g_ptr_array_index (self->headers, column);
}

ConfianzaCsvField
confianza_csv_preview_get_column_field (ConfianzaCsvPreview *self,
                                        guint                column)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), CONFIANZA_CSV_FIELD_NONE);
  g_return_val_if_fail (column < self->fields->len, CONFIANZA_CSV_FIELD_NONE);

  return g_array_index (self->fields, ConfianzaCsvField, column);
}

const char * const *
confianza_csv_preview_get_ignored_columns (ConfianzaCsvPreview *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), NULL);

  return (const char * const *) self->ignored->pdata;
}

guint
confianza_csv_preview_get_n_rows (ConfianzaCsvPreview *self)
{
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), 0);

  return self->rows->len;
}

ConfianzaClient *
confianza_csv_preview_get_client (ConfianzaCsvPreview *self,
                                  guint                row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->client : NULL;
}

guint
confianza_csv_preview_get_line (ConfianzaCsvPreview *self,
                                guint                row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->line : 0;
}

ConfianzaCsvRowStatus
confianza_csv_preview_get_status (ConfianzaCsvPreview *self,
                                  guint                row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->status : CONFIANZA_CSV_ROW_INVALID;
}

const char *
confianza_csv_preview_get_message (ConfianzaCsvPreview *self,
                                   guint                row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->message : NULL;
}

const char *
confianza_csv_preview_get_property (ConfianzaCsvPreview *self,
                                    guint                row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->property : NULL;
}

guint
confianza_csv_preview_count (ConfianzaCsvPreview   *self,
                             ConfianzaCsvRowStatus  status)
{
  guint count = 0;

  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (((Row *) g_ptr_array_index (self->rows, i))->status == status)
      count++;

  return count;
}
