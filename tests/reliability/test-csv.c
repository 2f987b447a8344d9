/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "fault-vfs.h"
#include "reliability-util.h"
#include "model/confianza-text.h"
#include "store/confianza-import.h"

/* Helpers */

static ConfianzaCsvPreview *
parse_ok (const char *data,
          gssize      length,
          GPtrArray  *existing)
{
  g_autoptr(GError) error = NULL;
  ConfianzaCsvPreview *preview;

  preview = confianza_csv_parse (data, length < 0 ? strlen (data) : (gsize) length,
                                 existing, &error);
  g_assert_no_error (error);
  g_assert_true (CONFIANZA_IS_CSV_PREVIEW (preview));

  return preview;
}

static void
parse_fails (const char        *data,
             gsize              length,
             ConfianzaCsvError  code)
{
  g_autoptr(GError) error = NULL;
  ConfianzaCsvPreview *preview;

  preview = confianza_csv_parse (data, length, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, CONFIANZA_CSV_ERROR, (int) code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_test_message ("Refused with: %s", error->message);
}

static ConfianzaClient *
client_at (ConfianzaCsvPreview *preview,
           guint                row)
{
  return confianza_csv_preview_get_client (preview, row);
}

static void
assert_row (ConfianzaCsvPreview   *preview,
            guint                  row,
            guint                  line,
            ConfianzaCsvRowStatus  status,
            const char            *name)
{
  g_assert_cmpuint (row, <, confianza_csv_preview_get_n_rows (preview));
  g_assert_cmpuint (confianza_csv_preview_get_line (preview, row), ==, line);
  if (confianza_csv_preview_get_status (preview, row) != status)
    g_error ("Row %u (line %u): status %d instead of %d: %s", row, line,
             confianza_csv_preview_get_status (preview, row), status,
             confianza_csv_preview_get_message (preview, row));
  g_assert_cmpstr (confianza_client_get_name (client_at (preview, row)), ==, name);
  if (status == CONFIANZA_CSV_ROW_READY)
    g_assert_null (confianza_csv_preview_get_message (preview, row));
  else
    g_assert_nonnull (confianza_csv_preview_get_message (preview, row));
}

static guint
count_clients (ConfianzaStore *store)
{
  ConfianzaStoreCounts counts;

  g_assert_true (confianza_store_count (store, &counts, NULL));

  return counts.clients;
}

/* Detection */

static void
test_delimiters (void)
{
  static const struct {
    const char *text;
    char        delimiter;
  } cases[] = {
    { "Nombre,Empresa,Email\nAna,\"Ana, S.L.\",ana@example.com\n", ',' },
    { "Nombre;Empresa;Email\nAna;Ana, S.L.;ana@example.com\n", ';' },
    { "Nombre\tEmpresa\tEmail\nAna\tAna, S.L.\tana@example.com\n", '\t' },
    { "sep=;\nNombre;Empresa;Email\nAna;Ana, S.L.;ana@example.com\n", ';' },
    /* Quoted delimiters of another kind do not count */
    { "Nombre,\"Notas; a; b; c\",Empresa,Email\nAna,x,\"Ana, S.L.\",ana@example.com\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConfianzaCsvPreview) preview = parse_ok (cases[i].text, -1, NULL);
      guint header_line = cases[i].text[0] == 's' ? 2 : 1;

      g_assert_cmpint (confianza_csv_preview_get_delimiter (preview), ==, cases[i].delimiter);
      g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 1);

      assert_row (preview, 0, header_line + 1, CONFIANZA_CSV_ROW_READY, "Ana");
      g_assert_cmpstr (confianza_client_get_company (client_at (preview, 0)), ==, "Ana, S.L.");
      g_assert_cmpstr (confianza_client_get_email (client_at (preview, 0)), ==, "ana@example.com");
    }
}

static void
test_encodings (void)
{
  /* "Peña" in each encoding a spreadsheet may write */
  static const char utf8[] = "Nombre;Empresa\nPe\xC3\xB1" "a;Caf\xC3\xA9\n";
  static const char bom[] = "\xEF\xBB\xBF" "Nombre;Empresa\nPe\xC3\xB1" "a;Caf\xC3\xA9\n";
  static const char cp1252[] = "Nombre;Empresa\nPe\xF1" "a;Caf\xE9 \x80\n";
  static const char utf16[] = "\xFF\xFE" "N\0o\0m\0b\0r\0e\0\t\0E\0m\0p\0r\0e\0s\0a\0\n\0"
                              "P\0e\0\xF1\0a\0\t\0C\0a\0f\0\xE9\0\n\0";
  /* 0x81 is unassigned in Windows-1252 and invalid as UTF-8 */
  static const char neither[] = "Nombre;Empresa\nPe\xF1" "a;\x81\n";
  static const char nul[] = "Nombre;Empresa\nAna\0;x\n";
  g_autoptr(ConfianzaCsvPreview) a = parse_ok (utf8, -1, NULL);
  g_autoptr(ConfianzaCsvPreview) b = parse_ok (bom, -1, NULL);
  g_autoptr(ConfianzaCsvPreview) c = parse_ok (cp1252, -1, NULL);
  g_autoptr(ConfianzaCsvPreview) d = parse_ok (utf16, sizeof utf16 - 1, NULL);

  g_assert_cmpstr (confianza_csv_preview_get_encoding (a), ==, "UTF-8");
  assert_row (a, 0, 2, CONFIANZA_CSV_ROW_READY, "Peña");
  g_assert_cmpstr (confianza_client_get_company (client_at (a, 0)), ==, "Café");

  /* The byte order mark is not part of the first header */
  g_assert_cmpstr (confianza_csv_preview_get_encoding (b), ==, "UTF-8");
  g_assert_cmpstr (confianza_csv_preview_get_column_header (b, 0), ==, "Nombre");
  assert_row (b, 0, 2, CONFIANZA_CSV_ROW_READY, "Peña");

  g_assert_cmpstr (confianza_csv_preview_get_encoding (c), ==, "WINDOWS-1252");
  assert_row (c, 0, 2, CONFIANZA_CSV_ROW_READY, "Peña");
  g_assert_cmpstr (confianza_client_get_company (client_at (c, 0)), ==, "Café €");

  g_assert_cmpstr (confianza_csv_preview_get_encoding (d), ==, "UTF-16");
  g_assert_cmpint (confianza_csv_preview_get_delimiter (d), ==, '\t');
  assert_row (d, 0, 2, CONFIANZA_CSV_ROW_READY, "Peña");

  parse_fails (neither, sizeof neither - 1, CONFIANZA_CSV_ERROR_ENCODING);
  parse_fails (nul, sizeof nul - 1, CONFIANZA_CSV_ERROR_ENCODING);
  /* A BOM that promises UTF-8 and lies */
  parse_fails ("\xEF\xBB\xBFNombre\nPe\xF1" "a\n", 14, CONFIANZA_CSV_ERROR_ENCODING);
}

static void
test_quoting (void)
{
  static const char text[] =
    "Nombre,Notas,Email\r\n"
    "\"Ana \"\"la jefa\"\" López\",\"Primera línea\r\nsegunda, con coma\",ana@example.com\r\n"
    "Bea,\"\",\r\n"
    "\r\n"
    "\"Carla\"  ,\"dice \"\"hola\"\"\",carla@example.com";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (text, -1, NULL);

  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 3);
  assert_row (preview, 0, 2, CONFIANZA_CSV_ROW_READY, "Ana \"la jefa\" López");
  g_assert_cmpstr (confianza_client_get_notes (client_at (preview, 0)), ==,
                   "Primera línea\nsegunda, con coma");
  /* The line breaks inside the notes count: Bea is on line 4 */
  assert_row (preview, 1, 4, CONFIANZA_CSV_ROW_READY, "Bea");
  g_assert_cmpstr (confianza_client_get_notes (client_at (preview, 1)), ==, "");
  g_assert_cmpstr (confianza_client_get_email (client_at (preview, 1)), ==, "");
  /* Blank line 5 skipped; no line break at the end */
  assert_row (preview, 2, 6, CONFIANZA_CSV_ROW_READY, "Carla");
  g_assert_cmpstr (confianza_client_get_notes (client_at (preview, 2)), ==, "dice \"hola\"");

  /* The same with LF only, and with lone CRs */
  {
    g_autofree char *lf = g_strdup (text);
    g_autofree char *cr = NULL;
    g_autoptr(GString) s = g_string_new (text);
    g_autoptr(ConfianzaCsvPreview) with_lf = NULL;
    g_autoptr(ConfianzaCsvPreview) with_cr = NULL;

    g_string_replace (s, "\r\n", "\n", 0);
    g_free (lf);
    lf = g_strdup (s->str);
    g_string_replace (s, "\n", "\r", 0);
    cr = g_strdup (s->str);

    with_lf = parse_ok (lf, -1, NULL);
    with_cr = parse_ok (cr, -1, NULL);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_cmpuint (confianza_csv_preview_get_line (with_lf, i), ==,
                          confianza_csv_preview_get_line (preview, i));
        g_assert_cmpuint (confianza_csv_preview_get_line (with_cr, i), ==,
                          confianza_csv_preview_get_line (preview, i));
        g_assert_cmpstr (confianza_client_get_name (client_at (with_lf, i)), ==,
                         confianza_client_get_name (client_at (preview, i)));
        g_assert_cmpstr (confianza_client_get_notes (client_at (with_cr, i)), ==,
                         confianza_client_get_notes (client_at (preview, i)));
      }
  }
}

static void
test_unclosed_quote (void)
{
  g_autoptr(ConfianzaCsvPreview) preview =
    parse_ok ("Nombre;Notas\nAna;bien\nBea;\"sin cerrar\nCarla;x\n", -1, NULL);

  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 2);
  assert_row (preview, 0, 2, CONFIANZA_CSV_ROW_READY, "Ana");
  assert_row (preview, 1, 3, CONFIANZA_CSV_ROW_INVALID, "Bea");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 1), "quotation mark"));
}

static void
test_headers (void)
{
  static const char spanish[] =
    "NOMBRE ; empresa;Correo Electronico;TELÉFONO;Notas;Cliente desde;Estado;Color favorito\n"
    "Ana;Ana S.L.;ana@example.com;600 000 000;Prefiere correo;31/12/2023;En riesgo;azul\n";
  static const char english[] =
    "Name,Company,E-mail,Phone,Notes,Since,Status,Reason\n"
    "Bob,Bob Ltd,bob@example.com,+44 20,Likes calls,2024-02-29,let-go,Never paid\n";
  static const char other_spanish[] =
    "Cliente;Compañía;Correo;Teléfono;Observaciones;Fecha de alta;Situación;Motivo\n"
    "Carla;C&C;carla@example.com;1;x;5.3.24;recuperado;\n";
  g_autoptr(ConfianzaCsvPreview) es = parse_ok (spanish, -1, NULL);
  g_autoptr(ConfianzaCsvPreview) en = parse_ok (english, -1, NULL);
  g_autoptr(ConfianzaCsvPreview) es2 = parse_ok (other_spanish, -1, NULL);
  const char * const *ignored = confianza_csv_preview_get_ignored_columns (es);
  ConfianzaClient *client;

  g_assert_cmpint (confianza_csv_preview_get_column_field (es, 0), ==, CONFIANZA_CSV_FIELD_NAME);
  g_assert_cmpint (confianza_csv_preview_get_column_field (es, 2), ==, CONFIANZA_CSV_FIELD_EMAIL);
  g_assert_cmpint (confianza_csv_preview_get_column_field (es, 3), ==, CONFIANZA_CSV_FIELD_PHONE);
  g_assert_cmpint (confianza_csv_preview_get_column_field (es, 7), ==, CONFIANZA_CSV_FIELD_NONE);
  g_assert_cmpstr (confianza_csv_preview_get_column_header (es, 0), ==, "NOMBRE");
  g_assert_cmpstr (ignored[0], ==, "Color favorito");
  g_assert_null (ignored[1]);

  assert_row (es, 0, 2, CONFIANZA_CSV_ROW_READY, "Ana");
  client = client_at (es, 0);
  g_assert_cmpstr (confianza_client_get_company (client), ==, "Ana S.L.");
  g_assert_cmpstr (confianza_client_get_email (client), ==, "ana@example.com");
  g_assert_cmpstr (confianza_client_get_phone (client), ==, "600 000 000");
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "Prefiere correo");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client), util_day (2023, 12, 31)));
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);

  g_assert_null (confianza_csv_preview_get_ignored_columns (en)[0]);
  assert_row (en, 0, 2, CONFIANZA_CSV_ROW_READY, "Bob");
  client = client_at (en, 0);
  g_assert_true (confianza_date_equal (confianza_client_get_since (client), util_day (2024, 2, 29)));
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpstr (confianza_client_get_let_go_reason (client), ==, "Never paid");

  assert_row (es2, 0, 2, CONFIANZA_CSV_ROW_READY, "Carla");
  client = client_at (es2, 0);
  g_assert_cmpstr (confianza_client_get_company (client), ==, "C&C");
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "x");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client), util_day (2024, 3, 5)));
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);
}

static void
test_refused_files (void)
{
  g_autofree char *big = NULL;
  GString *many;

  parse_fails ("", 0, CONFIANZA_CSV_ERROR_EMPTY);
  parse_fails ("\r\n\n  \n;;;\n", strlen ("\r\n\n  \n;;;\n"), CONFIANZA_CSV_ERROR_EMPTY);
  /* No header: the first line is data */
  parse_fails ("Ana;ana@example.com\nBea;bea@example.com\n", 40, CONFIANZA_CSV_ERROR_NO_NAME);
  parse_fails ("Empresa;Email\nAna S.L.;ana@example.com\n", 39, CONFIANZA_CSV_ERROR_NO_NAME);

  /* Limits, in words */
  big = g_malloc (CONFIANZA_CSV_MAX_BYTES + 1);
  memset (big, 'a', CONFIANZA_CSV_MAX_BYTES + 1);
  memcpy (big, "Nombre\n", 7);
  parse_fails (big, CONFIANZA_CSV_MAX_BYTES + 1, CONFIANZA_CSV_ERROR_TOO_BIG);

  many = g_string_new ("Nombre\n");
  for (guint i = 0; i <= CONFIANZA_CSV_MAX_LINES; i++)
    g_string_append_printf (many, "c%u\n", i);
  parse_fails (many->str, many->len, CONFIANZA_CSV_ERROR_TOO_BIG);
  g_string_free (many, TRUE);

  /* Exactly at the limit is fine */
  many = g_string_new ("Nombre\n");
  for (guint i = 0; i < CONFIANZA_CSV_MAX_LINES; i++)
    g_string_append_printf (many, "c%u\n", i);
  {
    g_autoptr(ConfianzaCsvPreview) preview = parse_ok (many->str, (gssize) many->len, NULL);

    g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, CONFIANZA_CSV_MAX_LINES);
  }
  g_string_free (many, TRUE);
}

/* Errors, line by line, in the model's own words */
static void
test_line_errors (void)
{
  static const char text[] =
    "Nombre;Correo electrónico;Cliente desde;Estado;Notas\n"
    "Ana;ana@example.com;01/02/2024;activo;\n"            /* 2: fine */
    "Bea;no-es-un-correo;;;\n"                            /* 3: email */
    ";carla@example.com;;;sin nombre\n"                   /* 4: name */
    "Dani;dani@example.com;30/02/2024;;\n"                /* 5: date */
    "Eva;eva@example.com;;durmiendo;\n"                   /* 6: status */
    "Fran;fran@example.com;;dejado ir;\n";                /* 7: let go, no reason */
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (text, -1, NULL);
  g_autoptr(ConfianzaClient) probe = confianza_client_new ("Bea");
  g_autoptr(GError) error = NULL;
  const char *message;

  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 6);
  assert_row (preview, 0, 2, CONFIANZA_CSV_ROW_READY, "Ana");

  /* The very sentence validation gives, with its column */
  confianza_client_set_email (probe, "no-es-un-correo");
  g_assert_false (confianza_client_validate (probe, NULL, &error));
  assert_row (preview, 1, 3, CONFIANZA_CSV_ROW_INVALID, "Bea");
  message = confianza_csv_preview_get_message (preview, 1);
  g_assert_nonnull (strstr (message, error->message));
  g_assert_nonnull (strstr (message, "Correo electrónico"));
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 1), ==, "email");

  assert_row (preview, 2, 4, CONFIANZA_CSV_ROW_INVALID, "");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 2), "name"));
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 2), ==, "name");

  assert_row (preview, 3, 5, CONFIANZA_CSV_ROW_INVALID, "Dani");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 3), "30/02/2024"));
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 3), ==, "since");

  assert_row (preview, 4, 6, CONFIANZA_CSV_ROW_INVALID, "Eva");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 4), "durmiendo"));
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 4), ==, "status");

  assert_row (preview, 5, 7, CONFIANZA_CSV_ROW_INVALID, "Fran");
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 5), ==, "let-go-reason");

  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_READY), ==, 1);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_INVALID), ==, 5);

  for (guint i = 1; i < 6; i++)
    g_test_message ("line %u: %s", confianza_csv_preview_get_line (preview, i),
                    confianza_csv_preview_get_message (preview, i));
}

static void
test_duplicates (void)
{
  static const char text[] =
    "Nombre,Email\n"
    "Ana García,ana@example.com\n"        /* 2 */
    "ANA GARCIA,otra@example.com\n"       /* 3: same name, case and accents aside */
    "Otra Ana,Ana@Example.com\n"          /* 4: same email */
    "Luis,luis@example.com\n"             /* 5: in the records by name */
    "Marta,MARTA@example.com\n"           /* 6: in the records by email */
    "Nadia,\n"                            /* 7 */
    "bad,not-an-email\n"                  /* 8: invalid, not a duplicate */
    "bad,\n";                             /* 9: fine: 8 is not imported */
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ConfianzaClient) marta = confianza_client_new ("Marta Ruiz");
  g_autoptr(ConfianzaCsvPreview) preview = NULL;

  g_ptr_array_add (existing, confianza_client_new ("  luis "));
  confianza_client_set_email (marta, "marta@example.com");
  g_ptr_array_add (existing, g_object_ref (marta));

  preview = parse_ok (text, -1, existing);
  assert_row (preview, 0, 2, CONFIANZA_CSV_ROW_READY, "Ana García");
  assert_row (preview, 1, 3, CONFIANZA_CSV_ROW_DUPLICATE, "ANA GARCIA");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 1), "Line 2"));
  assert_row (preview, 2, 4, CONFIANZA_CSV_ROW_DUPLICATE, "Otra Ana");
  g_assert_cmpstr (confianza_csv_preview_get_property (preview, 2), ==, "email");
  assert_row (preview, 3, 5, CONFIANZA_CSV_ROW_DUPLICATE, "Luis");
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 3), "already in your records"));
  assert_row (preview, 4, 6, CONFIANZA_CSV_ROW_DUPLICATE, "Marta");
  assert_row (preview, 5, 7, CONFIANZA_CSV_ROW_READY, "Nadia");
  assert_row (preview, 6, 8, CONFIANZA_CSV_ROW_INVALID, "bad");
  assert_row (preview, 7, 9, CONFIANZA_CSV_ROW_READY, "bad");

  /* Checked again against nothing: only the file's own repeats remain */
  confianza_csv_preview_check_duplicates (preview, NULL);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 3), ==, CONFIANZA_CSV_ROW_READY);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 4), ==, CONFIANZA_CSV_ROW_READY);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 1), ==, CONFIANZA_CSV_ROW_DUPLICATE);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 6), ==, CONFIANZA_CSV_ROW_INVALID);
}

/* Importing */

static const char import_text[] =
  "Nombre;Email;Estado\n"
  "Ana;ana@example.com;activo\n"
  "Bea;bea@example.com;en riesgo\n"
  "Carla;no-es-correo;\n"
  "ana;ana2@example.com;\n"
  "Dani;dani@example.com;\n";

static void
test_import (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "clientes.csv", NULL);
  ConfianzaStore *store = util_open_ok (path);
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GListModel) clients = NULL;
  guint n = 99;
  guint skipped = 99;

  {
    g_autoptr(ConfianzaClient) dani = confianza_client_new ("Dani");

    g_assert_true (confianza_store_save_client (store, dani, NULL));
  }

  existing = confianza_import_existing_clients (store);
  g_assert_cmpuint (existing->len, ==, 1);
  preview = parse_ok (import_text, -1, existing);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_READY), ==, 2);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_DUPLICATE), ==, 2);

  g_assert_true (confianza_import_clients (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (count_clients (store), ==, 3);

  /* The live list has them, and the preview's own objects were not saved */
  clients = confianza_store_get_clients (store);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 3);
  g_assert_cmpint (confianza_client_get_id (client_at (preview, 0)), ==, 0);

  /* Again: now everything is a duplicate of the records */
  g_assert_true (confianza_import_clients (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (count_clients (store), ==, 3);

  /* Unless the caller asks for them */
  g_assert_true (confianza_import_clients (store, preview, CONFIANZA_IMPORT_INCLUDE_DUPLICATES,
                                           &n, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (count_clients (store), ==, 7);

  /* The command line: parse, import, summary */
  g_file_set_contents (csv, "Nombre;Email\nEva;eva@example.com\nFran;mal\nAna;x@example.com\n",
                       -1, &error);
  g_assert_no_error (error);
  summary = confianza_import_clients_from_file (store, csv, CONFIANZA_IMPORT_FLAGS_NONE, &n, &skipped, &error);
  g_assert_no_error (error);
  g_test_message ("%s", summary);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (skipped, ==, 2);
  g_assert_nonnull (strstr (summary, "Imported 1 client from"));
  g_assert_nonnull (strstr (summary, "2 lines were not imported"));
  g_assert_nonnull (strstr (summary, "Line 3: "));
  g_assert_nonnull (strstr (summary, "Line 4: "));
  g_assert_cmpuint (count_clients (store), ==, 8);

  /* A file that cannot be read is an error, and changes nothing */
  g_clear_pointer (&summary, g_free);
  summary = confianza_import_clients_from_file (store, dir, CONFIANZA_IMPORT_FLAGS_NONE, &n, &skipped, &error);
  g_assert_null (summary);
  g_assert_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_READ);
  g_clear_error (&error);
  g_assert_cmpuint (count_clients (store), ==, 8);

  /* A named pipe nothing writes to, and a device, are refused at once:
   * opening them waits for nothing */
  {
    g_autofree char *fifo = g_build_filename (dir, "tubo.csv", NULL);
    const char *devices[] = { fifo, "/dev/zero", "/dev/null" };

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
      {
        summary = confianza_import_clients_from_file (store, devices[i], CONFIANZA_IMPORT_FLAGS_NONE,
                                                      &n, &skipped, &error);
        g_assert_null (summary);
        g_assert_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_READ);
        g_clear_error (&error);
      }
    g_unlink (fifo);
    g_assert_cmpuint (count_clients (store), ==, 8);
  }

  g_clear_object (&clients);
  util_close_store (&store);
  util_rm_rf (dir);
}

/* No control character anywhere in @text but tab and line feed */
static void
assert_no_controls (const char *text)
{
  g_assert_true (confianza_text_is_clean (text));
  g_assert_null (strchr (text, '\x1b'));
}

/* ESC (the start of what a terminal obeys), BEL, C1's CSI and U+FFFE (which
 * breaks a workbook) in a file reach neither the records nor the messages
 * and the summary printed on the terminal */
static void
test_control_characters (void)
{
  static const char text[] =
    "Nombre;Estado;Notas;Extra\x1b[8m\n"
    "\x1b[31mAna\x1b[0m Gil;;Llamar\x07 el lunes\xef\xbf\xbe;\n"
    "\x1b[1mBea\x07;\x1b[2Jperdida\x1b[0m;;\n"
    "\"Carla\r\nRuiz\xc2\x9b\";;;\n";
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "control.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "clientes\x1b[7m.csv", NULL);
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (text, -1, NULL);
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  ConfianzaStore *store;
  guint n = 0;
  guint skipped = 0;

  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 3);
  assert_row (preview, 0, 2, CONFIANZA_CSV_ROW_READY, "[31mAna[0m Gil");
  g_assert_cmpstr (confianza_client_get_notes (client_at (preview, 0)), ==, "Llamar el lunes");
  assert_row (preview, 2, 4, CONFIANZA_CSV_ROW_READY, "Carla\nRuiz");
  /* The status that is not one is quoted in the message, cleaned */
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 1), ==, CONFIANZA_CSV_ROW_INVALID);
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 1), "“[2Jperdida[0m”"));
  for (guint i = 0; i < confianza_csv_preview_get_n_rows (preview); i++)
    {
      assert_no_controls (confianza_client_get_name (client_at (preview, i)));
      if (confianza_csv_preview_get_message (preview, i) != NULL)
        assert_no_controls (confianza_csv_preview_get_message (preview, i));
    }
  g_assert_cmpstr (confianza_csv_preview_get_ignored_columns (preview)[0], ==, "Extra[8m");

  /* The command line's import, from a file whose very name has an ESC */
  store = util_open_ok (path);
  g_file_set_contents (csv, text, -1, &error);
  g_assert_no_error (error);
  summary = confianza_import_clients_from_file (store, csv, CONFIANZA_IMPORT_FLAGS_NONE, &n, &skipped, &error);
  g_assert_no_error (error);
  g_test_message ("%s", summary);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  assert_no_controls (summary);
  g_assert_nonnull (strstr (summary, "[7m.csv"));
  /* The column left out is named once, quoted as the language quotes */
  g_assert_nonnull (strstr (summary, "These columns were not imported: “Extra[8m”."));

  clients = confianza_store_get_clients (store);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      assert_no_controls (confianza_client_get_name (client));
      assert_no_controls (confianza_client_get_notes (client));
    }
  g_clear_object (&clients);
  util_close_store (&store);

  /* As SQLite finds them: no ESC, BEL, CSI or U+FFFE in any client */
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM client WHERE "
                                             "instr(name || coalesce(notes, ''), char(27)) > 0 OR "
                                             "instr(name || coalesce(notes, ''), char(7)) > 0 OR "
                                             "instr(name || coalesce(notes, ''), char(155)) > 0 OR "
                                             "instr(name || coalesce(notes, ''), char(65534)) > 0"), ==, 0);
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM client"), ==, 2);

  util_rm_rf (dir);
}

static guint tolerated_warnings;

/* A failing disk may also make the store's live lists warn that they could
 * not be refreshed: expected here, and not what is being tested */
static gboolean
tolerate_store_warnings (const char     *log_domain,
                         GLogLevelFlags  log_level,
                         const char     *message,
                         gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "confianza-store") == 0 &&
      (log_level & G_LOG_LEVEL_MASK) == G_LOG_LEVEL_WARNING)
    {
      tolerated_warnings++;
      return FALSE;
    }

  return TRUE;
}

static void
count_store_warning (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  g_test_message ("(tolerated) %s", message);
}

/* The database fails in the middle of an import: nothing is imported, and
 * the store is as it was. Every write and sync of the import fails in turn. */
static void
test_import_all_or_nothing (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *template = g_build_filename (dir, "template.db", NULL);
  g_autoptr(GString) text = g_string_new ("Nombre;Email;Notas\n");
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  static const FaultOp ops[] = { FAULT_OP_WRITE, FAULT_OP_SYNC, FAULT_OP_FILE_SIZE };
  guint injected = 0;
  guint handler;
  guint calls;

  {
    ConfianzaStore *store = util_open_ok (template);
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Ya estaba");

    g_assert_true (confianza_store_save_client (store, client, NULL));
    util_close_store (&store);
  }

  g_test_log_set_fatal_handler (tolerate_store_warnings, NULL);
  handler = g_log_set_handler ("confianza-store", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                               count_store_warning, NULL);

  /* Enough clients to take several pages */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "Cliente %u;c%u@example.com;%s\n", i, i,
                            "Notas largas para que la importación ocupe varias páginas.");
  preview = parse_ok (text->str, (gssize) text->len, NULL);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_READY), ==, 300);

  for (guint k = 0; k < G_N_ELEMENTS (ops); k++)
    {
      int code = ops[k] == FAULT_OP_WRITE ? SQLITE_FULL : SQLITE_IOERR;

      for (guint nth = 0; nth == 0 || nth <= calls; nth++)
        {
          g_autofree char *path = g_strdup_printf ("%s/run-%u-%u.db", dir, k, nth);
          g_autoptr(GError) error = NULL;
          ConfianzaStore *store;
          guint n = 99;
          gboolean ok;

          util_copy_file (template, path);
          store = confianza_store_open_with_vfs (path, FAULT_VFS_NAME, &error);
          g_assert_no_error (error);

          fault_vfs_arm (ops[k], nth, code, FALSE);
          ok = confianza_import_clients (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error);
          fault_vfs_disarm ();
          if (nth == 0)
            calls = fault_vfs_get_calls (ops[k]);
          injected += fault_vfs_get_injected ();

          if (ok)
            {
              g_assert_cmpuint (n, ==, 300);
            }
          else
            {
              g_assert_true (error->domain == CONFIANZA_STORE_ERROR);
              g_assert_cmpuint (strlen (error->message), >, 10);
              g_assert_cmpuint (n, ==, 0);
              if (code == SQLITE_FULL)
                g_assert_cmpint (error->code, ==, CONFIANZA_STORE_ERROR_FULL);
            }

          g_object_unref (store);

          /* All or nothing, as found by SQLite and by the application */
          g_assert_true (util_raw_integrity_ok (path));
          store = util_open_ok (path);
          if (ok)
            g_assert_cmpuint (count_clients (store), ==, 301);
          else
            g_assert_cmpuint (count_clients (store), ==, 1);
          util_close_store (&store);
        }
    }

  g_test_message ("import: %u faults injected, %u warnings of the live lists",
                  injected, tolerated_warnings);
  g_test_log_set_fatal_handler (NULL, NULL);
  g_log_remove_handler ("confianza-store", handler);
  g_assert_cmpuint (injected, >, 3);

  util_rm_rf (dir);
}

/* A refused import (a client that breaks a rule after the preview) leaves
 * the store as it was */
static void
test_import_refused (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "refused.db", NULL);
  ConfianzaStore *store = util_open_ok (path);
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok ("Nombre\nAna\nBea\nCarla\n", -1, NULL);
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(GError) error = NULL;
  guint n = 99;

  /* The third becomes invalid behind the preview's back */
  confianza_client_set_name (client_at (preview, 2), "   ");

  g_assert_false (confianza_import_clients (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (n, ==, 0);
  g_test_message ("Refused with: %s", error->message);
  g_assert_cmpuint (count_clients (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);

  /* And the store still works */
  confianza_client_set_name (client_at (preview, 2), "Carla");
  g_clear_error (&error);
  g_assert_true (confianza_import_clients (store, preview, CONFIANZA_IMPORT_FLAGS_NONE, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 3);

  g_clear_object (&clients);
  util_close_store (&store);
  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  fault_vfs_register ();

  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/headers", test_headers);
  g_test_add_func ("/csv/refused-files", test_refused_files);
  g_test_add_func ("/csv/line-errors", test_line_errors);
  g_test_add_func ("/csv/duplicates", test_duplicates);
  g_test_add_func ("/csv/import", test_import);
  g_test_add_func ("/csv/control-characters", test_control_characters);
  g_test_add_func ("/csv/import-all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/csv/import-refused", test_import_refused);

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
