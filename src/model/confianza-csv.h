/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "confianza-client.h"

G_BEGIN_DECLS

/*
 * Reading clients from a CSV file, as spreadsheets write them: the
 * delimiter (“,”, “;” as Spanish Excel writes, or a tab), the encoding
 * (UTF-8 with or without a byte order mark, UTF-16 with one, otherwise
 * Windows-1252), quoted fields with doubled quotes and line breaks, CRLF or
 * LF. The first line names the columns, in Spanish or English, in any case
 * and with or without accents: “Nombre”/“Name”, “Empresa”/“Company”,
 * “Correo electrónico”/“Email”, “Teléfono”/“Phone”, “Notas”/“Notes”,
 * “Cliente desde”/“Since”, “Estado”/“Status”, “Motivo”/“Reason” (why a client
 * was let go), and the columns of the exports people have: Google Contacts
 * (old and new), Outlook, Apple/iCloud and the CRM and invoicing tools of
 * Spanish businesses (Holded, Odoo, Dolibarr, Factusol…). Given and family
 * name are joined into the name; of several email or phone columns the
 * first non-empty one is used and the others are kept in the notes, like
 * any extra notes column; a creation date (“Fecha de alta”, “Created on”)
 * is the “client since”. Other columns are ignored, and listed; the user
 * may map one by hand (confianza_csv_preview_set_column_field ()).
 *
 * Every field, headers included, is made clean text as it is read
 * (confianza-text.h): control characters such as ESC reach neither the
 * records nor the messages and summaries printed from them.
 *
 * Parsing writes nothing: it gives a preview, one row per line with a
 * client, with what is wrong with the line in a translated sentence. A line
 * that repeats a client (same email, or same name, ignoring case and
 * accents) of an earlier line or of @existing is marked as a duplicate:
 * never merged, and imported only when the caller asks for it.
 */

#define CONFIANZA_CSV_ERROR (confianza_csv_error_quark ())

typedef enum
{
  CONFIANZA_CSV_ERROR_TOO_BIG,    /* over CONFIANZA_CSV_MAX_BYTES or _MAX_LINES */
  CONFIANZA_CSV_ERROR_ENCODING,   /* neither UTF-8 nor Windows-1252 */
  CONFIANZA_CSV_ERROR_EMPTY,      /* no line at all */
  CONFIANZA_CSV_ERROR_NO_NAME,    /* no column holds the client’s name */
  CONFIANZA_CSV_ERROR_READ,       /* the file could not be read */
} ConfianzaCsvError;

GQuark confianza_csv_error_quark (void);

#define CONFIANZA_CSV_MAX_BYTES   (20 * 1024 * 1024)
#define CONFIANZA_CSV_MAX_LINES   100000
/* Columns after this one are ignored */
#define CONFIANZA_CSV_MAX_COLUMNS 256

typedef enum
{
  CONFIANZA_CSV_ROW_READY,      /* a valid client, new */
  CONFIANZA_CSV_ROW_INVALID,    /* breaks a rule: never imported */
  CONFIANZA_CSV_ROW_DUPLICATE,  /* valid, but already there */
} ConfianzaCsvRowStatus;

/* The client fields a column can fill */
typedef enum
{
  CONFIANZA_CSV_FIELD_NONE,
  CONFIANZA_CSV_FIELD_NAME,
  CONFIANZA_CSV_FIELD_COMPANY,
  CONFIANZA_CSV_FIELD_EMAIL,
  CONFIANZA_CSV_FIELD_PHONE,
  CONFIANZA_CSV_FIELD_NOTES,
  CONFIANZA_CSV_FIELD_SINCE,
  CONFIANZA_CSV_FIELD_STATUS,
  CONFIANZA_CSV_FIELD_LET_GO_REASON,
  /* Parts of the name, joined into it when the name column is blank or
   * missing (Google's "Given Name", Outlook's "First Name", "Apellidos") */
  CONFIANZA_CSV_FIELD_GIVEN_NAME,
  CONFIANZA_CSV_FIELD_FAMILY_NAME,
  /* Days between follow-ups, 0 for the default (our own export) */
  CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS,
  CONFIANZA_CSV_N_FIELDS
} ConfianzaCsvField;

#define CONFIANZA_TYPE_CSV_PREVIEW (confianza_csv_preview_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaCsvPreview, confianza_csv_preview, CONFIANZA, CSV_PREVIEW, GObject)

/*
 * Parses @length bytes of @data (any bytes: NUL, broken encodings and
 * unclosed quotes give errors, never crashes). @existing is an array of
 * ConfianzaClient to find duplicates in (NULL: none), only read during the
 * call. Fails as a whole only when nothing can be read (too big, not text,
 * no name column); problems of single lines are in the rows.
 */
ConfianzaCsvPreview   *confianza_csv_parse                       (const char           *data,
                                                                  gsize                 length,
                                                                  GPtrArray            *existing,
                                                                  GError              **error);
/* Refuses a file over CONFIANZA_CSV_MAX_BYTES before reading it. */
ConfianzaCsvPreview   *confianza_csv_parse_file                  (const char           *filename,
                                                                  GPtrArray            *existing,
                                                                  GError              **error);

/* ',', ';' or '\t'; '\0' for a vCard file (confianza-vcard.h) */
char                   confianza_csv_preview_get_delimiter       (ConfianzaCsvPreview  *self);
/* "UTF-8", "UTF-16" or "WINDOWS-1252": how the file was written */
const char            *confianza_csv_preview_get_encoding        (ConfianzaCsvPreview  *self);
/* What each column was read as, in file order; headers as written */
guint                  confianza_csv_preview_get_n_columns       (ConfianzaCsvPreview  *self);
const char            *confianza_csv_preview_get_column_header   (ConfianzaCsvPreview  *self,
                                                                  guint                 column);
ConfianzaCsvField      confianza_csv_preview_get_column_field    (ConfianzaCsvPreview  *self,
                                                                  guint                 column);
/*
 * Reads column @column as @field (CONFIANZA_CSV_FIELD_NONE: ignore it) and
 * builds every row again, checking duplicates against @existing (NULL:
 * none). Another column that had @field (for the fields a single column
 * fills: name, company, since, status, reason) is ignored from then on.
 */
void                   confianza_csv_preview_set_column_field    (ConfianzaCsvPreview  *self,
                                                                  guint                 column,
                                                                  ConfianzaCsvField     field,
                                                                  GPtrArray            *existing);
/* The field's name in the user's language ("Email"), for a column chooser */
const char            *confianza_csv_field_get_label             (ConfianzaCsvField     field);
/* The headers of the columns that were not understood, as a NULL-terminated
 * array (empty when every column was used). */
const char * const    *confianza_csv_preview_get_ignored_columns (ConfianzaCsvPreview  *self);

/* Rows: every non-blank line after the header, in file order */
guint                  confianza_csv_preview_get_n_rows          (ConfianzaCsvPreview  *self);
/* (transfer none): the client read from row @row, even from an invalid
 * one (as far as it could be read), with id 0 */
ConfianzaClient       *confianza_csv_preview_get_client          (ConfianzaCsvPreview  *self,
                                                                  guint                 row);
/* The line of the file where the row starts, from 1 */
guint                  confianza_csv_preview_get_line            (ConfianzaCsvPreview  *self,
                                                                  guint                 row);
ConfianzaCsvRowStatus  confianza_csv_preview_get_status          (ConfianzaCsvPreview  *self,
                                                                  guint                 row);
/* What is wrong with the row, a translated sentence; NULL when ready */
const char            *confianza_csv_preview_get_message         (ConfianzaCsvPreview  *self,
                                                                  guint                 row);
/* The client property the message is about ("email"…), or NULL */
const char            *confianza_csv_preview_get_property        (ConfianzaCsvPreview  *self,
                                                                  guint                 row);
guint                  confianza_csv_preview_count               (ConfianzaCsvPreview  *self,
                                                                  ConfianzaCsvRowStatus status);

/*
 * Checks the duplicates again against @existing (NULL: none), for when the
 * records changed after parsing. Rows with a rule broken stay invalid.
 */
void                   confianza_csv_preview_check_duplicates    (ConfianzaCsvPreview  *self,
                                                                  GPtrArray            *existing);

G_END_DECLS
