/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-formats"

#include "config.h"

#include <string.h>

#include "reliability-util.h"
#include "model/confianza-date.h"
#include "model/confianza-vcard.h"
#include "store/confianza-import.h"
#include "store/confianza-demo.h"
#include "export/confianza-report-clients.h"
#include "model/confianza-enums.h"

/* Real-shaped exports: the column lists the tools document, in their
 * order, with accents, in UTF-8 with and without a byte order mark and in
 * Windows-1252. Every field is checked where it lands. */

static ConfianzaCsvPreview *
parse_ok (const char *data,
          GPtrArray  *existing)
{
  g_autoptr(GError) error = NULL;
  ConfianzaCsvPreview *preview;

  preview = confianza_csv_parse (data, strlen (data), existing, &error);
  g_assert_no_error (error);
  g_assert_true (CONFIANZA_IS_CSV_PREVIEW (preview));

  return preview;
}

static ConfianzaClient *
ready_client (ConfianzaCsvPreview *preview,
              guint                row)
{
  if (confianza_csv_preview_get_status (preview, row) != CONFIANZA_CSV_ROW_READY)
    g_test_message ("Row %u: %s", row, confianza_csv_preview_get_message (preview, row));
  g_assert_cmpint (confianza_csv_preview_get_status (preview, row), ==, CONFIANZA_CSV_ROW_READY);

  return confianza_csv_preview_get_client (preview, row);
}

static void
assert_client (ConfianzaClient *client,
               const char      *name,
               const char      *company,
               const char      *email,
               const char      *phone,
               const char      *notes)
{
  /* A blank field reads as "" */
  g_assert_cmpstr (confianza_client_get_name (client), ==, name);
  g_assert_cmpstr (confianza_client_get_company (client), ==, company ? company : "");
  g_assert_cmpstr (confianza_client_get_email (client), ==, email ? email : "");
  g_assert_cmpstr (confianza_client_get_phone (client), ==, phone ? phone : "");
  g_assert_cmpstr (confianza_client_get_notes (client), ==, notes ? notes : "");
}

static gboolean
is_ignored (ConfianzaCsvPreview *preview,
            const char          *header)
{
  return g_strv_contains (confianza_csv_preview_get_ignored_columns (preview), header);
}

/* Google Contacts, the older export ("Google CSV"), UTF-8 with a BOM */
static void
test_google_old (void)
{
  static const char data[] =
    "\xEF\xBB\xBF"
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,"
    "Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,"
    "Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\r\n"
    "José Núñez,José,,Núñez,,,,,,,,,,,,,,,,,,,,,,Conocido en la feria,,,"
    "* myContacts,* Work,jose@nunezdiseno.es,* Home,jose.nunez@gmail.com,"
    "Mobile,+34 600 111 222 ::: +34 910 000 000,,Núñez Diseño S.L.,Gerente\r\n"
    ",María,,López Peña,,,,,,,,,,,,,,,,,,,,,,,,,* myContacts,,,,,Work,"
    "+34 933 000 111,,,\r\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  g_assert_cmpstr (confianza_csv_preview_get_encoding (preview), ==, "UTF-8");
  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 2);
  assert_client (ready_client (preview, 0), "José Núñez", "Núñez Diseño S.L.",
                 "jose@nunezdiseno.es", "+34 600 111 222",
                 "Conocido en la feria\n"
                 "E-mail 2 - Value: jose.nunez@gmail.com\n"
                 "Phone 1 - Value: +34 910 000 000");
  assert_client (ready_client (preview, 1), "María López Peña", NULL, NULL,
                 "+34 933 000 111", NULL);

  /* Nothing silently lost: what was not read is listed */
  g_assert_true (is_ignored (preview, "Organization 1 - Title"));
  g_assert_true (is_ignored (preview, "Group Membership"));
  g_assert_false (is_ignored (preview, "E-mail 2 - Value"));
  g_assert_false (is_ignored (preview, "Given Name"));
}

/* Google Contacts, the newer export: First/Middle/Last Name, UTF-8
 * without a BOM */
static void
test_google_new (void)
{
  static const char data[] =
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,"
    "Organization Name,Organization Title,Organization Department,Birthday,"
    "Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
    "Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
    "Íñigo,José,Ortúzar,,,,,,,,Ortúzar & Hijos,CEO,,,\"Paga a 30 días,\n"
    "siempre puntual\",,* myContacts,Work,inigo@ortuzar.eus,Mobile,"
    "+34 688 000 000,Work,+34 944 000 000\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  assert_client (ready_client (preview, 0), "Íñigo José Ortúzar", "Ortúzar & Hijos",
                 "inigo@ortuzar.eus", "+34 688 000 000",
                 "Paga a 30 días,\nsiempre puntual\n"
                 "Phone 2 - Value: +34 944 000 000");
  g_assert_true (is_ignored (preview, "Organization Title"));
  g_assert_true (is_ignored (preview, "Labels"));
}

/* Outlook's "Comma Separated Values", Windows-1252 */
static void
test_outlook (void)
{
  static const char data[] =
    "\"First Name\",\"Middle Name\",\"Last Name\",\"Title\",\"Suffix\",\"Initials\","
    "\"Web Page\",\"Gender\",\"Birthday\",\"Anniversary\",\"Location\",\"Language\","
    "\"Internet Free Busy\",\"Notes\",\"E-mail Address\",\"E-mail 2 Address\","
    "\"E-mail 3 Address\",\"Primary Phone\",\"Home Phone\",\"Home Phone 2\","
    "\"Mobile Phone\",\"Pager\",\"Home Fax\",\"Home Address\",\"Home Street\","
    "\"Company\",\"Job Title\",\"Department\",\"Business Phone\",\"Business Fax\"\r\n"
    /* "Begoña", "Ibáñez", "Peluquería", "años" in Windows-1252 */
    "\"Bego\xF1" "a\",\"\",\"Ib\xE1\xF1" "ez\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
    "\"\",\"Clienta de hace a\xF1os\",\"\",\"bego@peluqueria.es\",\"\",\"\",\"\",\"\","
    "\"\",\"\",\"\",\"\",\"\",\"Peluquer\xED" "a Bego\",\"\",\"\",\"+34 945 111 222\",\"\"\r\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  g_assert_cmpstr (confianza_csv_preview_get_encoding (preview), ==, "WINDOWS-1252");
  assert_client (ready_client (preview, 0), "Begoña Ibáñez", "Peluquería Bego",
                 "bego@peluqueria.es", "+34 945 111 222", "Clienta de hace años");
  g_assert_true (is_ignored (preview, "Job Title"));
  g_assert_true (is_ignored (preview, "Home Street"));
}

/* Apple/iCloud contacts as the usual converters write them */
static void
test_apple (void)
{
  static const char data[] =
    "First name,Last name,Organization,Email,Phone,Note\n"
    "Zoë,Ferrán,Estudio Zoë,zoe@estudio.cat,+34 934 222 333,Prefiere WhatsApp\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  assert_client (ready_client (preview, 0), "Zoë Ferrán", "Estudio Zoë",
                 "zoe@estudio.cat", "+34 934 222 333", "Prefiere WhatsApp");
  g_assert_null (confianza_csv_preview_get_ignored_columns (preview)[0]);
}

/* Holded's contact export: Spanish headers, ";" and Windows-1252; the
 * phone is the mobile when the landline is blank */
static void
test_holded (void)
{
  static const char data[] =
    "Nombre;Apellidos;NIF;Email;Tel\xE9" "fono;M\xF3vil;Direcci\xF3n;Poblaci\xF3n;"
    "C\xF3" "digo postal;Provincia;Pa\xEDs;Notas;Fecha de alta\r\n"
    "Luc\xED" "a;Mart\xEDnez Ruiz;12345678Z;lucia@martinez.es;;611 222 333;"
    "C/ Mayor 1;M\xE1laga;29001;M\xE1laga;Espa\xF1" "a;Pide factura en papel;"
    "15/03/2022\r\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);
  ConfianzaClient *client;

  client = ready_client (preview, 0);
  assert_client (client, "Lucía Martínez Ruiz", NULL, "lucia@martinez.es",
                 "611 222 333", "Pide factura en papel");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client),
                                       util_day (2022, 3, 15)));
  g_assert_true (is_ignored (preview, "NIF"));
  g_assert_true (is_ignored (preview, "Código postal"));
}

/* Odoo's contact export, in English and in Spanish, UTF-8 with a BOM:
 * "Created on" with a time is the client since */
static void
test_odoo (void)
{
  static const char english[] =
    "\xEF\xBB\xBF" "Name,Company Name,Email,Phone,Mobile,Created on,Notes\n"
    "Pablo Sáez,Sáez Obras,pablo@saezobras.es,,+34 622 000 111,2023-04-05 10:32:11,\n";
  static const char spanish[] =
    "\xEF\xBB\xBF" "Nombre,Nombre de la empresa,Correo electrónico,Teléfono,Móvil,"
    "Creado el,Notas\n"
    "Pablo Sáez,Sáez Obras,pablo@saezobras.es,+34 910 000 111,+34 622 000 111,"
    "05/04/2023 10:32:11,Obra en Getafe\n";
  g_autoptr(ConfianzaCsvPreview) en = parse_ok (english, NULL);
  g_autoptr(ConfianzaCsvPreview) es = parse_ok (spanish, NULL);
  ConfianzaClient *client;

  client = ready_client (en, 0);
  assert_client (client, "Pablo Sáez", "Sáez Obras", "pablo@saezobras.es",
                 "+34 622 000 111", NULL);
  g_assert_true (confianza_date_equal (confianza_client_get_since (client),
                                       util_day (2023, 4, 5)));

  client = ready_client (es, 0);
  assert_client (client, "Pablo Sáez", "Sáez Obras", "pablo@saezobras.es",
                 "+34 910 000 111", "Obra en Getafe\nMóvil: +34 622 000 111");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client),
                                       util_day (2023, 4, 5)));
}

/* Dolibarr's and Factusol's exports of third parties have no name column:
 * the company ("Razón social", "Nombre fiscal") is the client */
static void
test_dolibarr_factusol (void)
{
  static const char dolibarr[] =
    "Razón social;Código cliente;Teléfono;Email;Fecha de creación;Nota privada\n"
    "Talleres Gómez S.L.;CU2301-0001;976 000 111;info@talleresgomez.es;"
    "2023-01-09;Cliente de mantenimiento\n";
  static const char factusol[] =
    "Código;Nombre fiscal;Nombre comercial;NIF;Domicilio;Teléfono;Móvil;Email;"
    "Fecha de alta\n"
    "1;Panadería Ruiz S.L.;Horno Ruiz;B12345678;C/ Sol 2;;655 444 333;;02/02/2021\n";
  g_autoptr(ConfianzaCsvPreview) dol = parse_ok (dolibarr, NULL);
  g_autoptr(ConfianzaCsvPreview) fac = parse_ok (factusol, NULL);
  ConfianzaClient *client;

  client = ready_client (dol, 0);
  assert_client (client, "Talleres Gómez S.L.", NULL, "info@talleresgomez.es",
                 "976 000 111", "Cliente de mantenimiento");
  g_assert_true (confianza_date_equal (confianza_client_get_since (client),
                                       util_day (2023, 1, 9)));
  g_assert_cmpint (confianza_csv_preview_get_column_field (dol, 0), ==,
                   CONFIANZA_CSV_FIELD_NAME);

  client = ready_client (fac, 0);
  assert_client (client, "Panadería Ruiz S.L.", NULL, NULL, "655 444 333", NULL);
  g_assert_true (is_ignored (fac, "Nombre comercial"));
  g_assert_true (is_ignored (fac, "NIF"));
}

/* A column mapped by hand in the preview */
static void
test_map_by_hand (void)
{
  static const char data[] =
    "Cliente;Correo;Web;Sector\n"
    "Ana;ana@example.com;ana.example.com;Diseño\n"
    "Ana Belén;ana@example.com;;Hostelería\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);
  ConfianzaClient *client;

  g_assert_true (is_ignored (preview, "Web"));
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 1), ==,
                   CONFIANZA_CSV_ROW_DUPLICATE);

  confianza_csv_preview_set_column_field (preview, 2, CONFIANZA_CSV_FIELD_NOTES, NULL);
  confianza_csv_preview_set_column_field (preview, 3, CONFIANZA_CSV_FIELD_NOTES, NULL);
  g_assert_false (is_ignored (preview, "Web"));
  client = ready_client (preview, 0);
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "Web: ana.example.com\nSector: Diseño");

  /* The email no longer read: the second Ana is no duplicate any more */
  confianza_csv_preview_set_column_field (preview, 1, CONFIANZA_CSV_FIELD_NONE, NULL);
  g_assert_true (is_ignored (preview, "Correo"));
  g_assert_cmpstr (confianza_client_get_email (ready_client (preview, 0)), ==, "");
  g_assert_cmpstr (confianza_client_get_email (ready_client (preview, 1)), ==, "");

  /* A single-column field moves: the old column is ignored */
  confianza_csv_preview_set_column_field (preview, 3, CONFIANZA_CSV_FIELD_NAME, NULL);
  g_assert_cmpint (confianza_csv_preview_get_column_field (preview, 0), ==,
                   CONFIANZA_CSV_FIELD_NONE);
  g_assert_cmpstr (confianza_client_get_name (ready_client (preview, 0)), ==, "Diseño");
  g_assert_cmpstr (confianza_csv_field_get_label (CONFIANZA_CSV_FIELD_EMAIL), ==, "Email");
}

/* Given and family name only, still checked for duplicates and errors */
static void
test_name_parts_rules (void)
{
  static const char data[] =
    "First Name,Last Name,E-mail Address\n"
    "Ana,García,ana@example.com\n"
    "ana,garcía,\n"
    ",,nobody@example.com\n"
    "Luis,Gil,not-an-email\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  g_assert_cmpint (confianza_csv_preview_get_status (preview, 0), ==, CONFIANZA_CSV_ROW_READY);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 1), ==, CONFIANZA_CSV_ROW_DUPLICATE);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 2), ==, CONFIANZA_CSV_ROW_INVALID);
  g_assert_cmpint (confianza_csv_preview_get_status (preview, 3), ==, CONFIANZA_CSV_ROW_INVALID);
  g_test_message ("%s", confianza_csv_preview_get_message (preview, 2));
  g_test_message ("%s", confianza_csv_preview_get_message (preview, 3));
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (preview, 3), "E-mail Address"));
}

/* vCard 2.1 as old phones and Outlook write it: quoted-printable, a
 * Windows-1252 CHARSET, a soft line break, a note over two lines */
static void
test_vcard_21 (void)
{
  static const char data[] =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=WINDOWS-1252;ENCODING=QUOTED-PRINTABLE:Ib=E1=F1ez;Bego=F1a\r\n"
    "TEL;CELL:600111222\r\n"
    "TEL;WORK;VOICE:945000000\r\n"
    "EMAIL;PREF;INTERNET:bego@example.com\r\n"
    "ORG;CHARSET=UTF-8:Peluquer=C3=ADa Bego\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Primera l=C3=ADnea, =\r\n"
    "segunda parte\r\n"
    "END:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaCsvPreview) preview = confianza_vcard_parse (data, strlen (data), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 1);
  /* ORG is not quoted-printable here: its "=C3" stays as written */
  assert_client (ready_client (preview, 0), "Begoña Ibáñez", "Peluquer=C3=ADa Bego",
                 "bego@example.com", "600111222",
                 "Primera línea, segunda parte\nTEL (other): 945000000");
}

/* vCard 3.0 (GNOME Contacts, Evolution, iOS) and 4.0 in one file: folded
 * lines, escapes, Apple's "item1." groups, photos skipped, other
 * properties listed as columns, "tel:" URIs */
static void
test_vcard_30_40 (void)
{
  static const char data[] =
    "\xEF\xBB\xBF"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:José Núñez\n"
    "N:Núñez;José;;;\n"
    "ORG:Núñez Diseño\\, S.L.;Ventas\n"
    "item1.EMAIL;type=INTERNET;type=pref:jose@example.com\n"
    "EMAIL:otro@example.com\n"
    "TEL;TYPE=WORK:+34 910 000 000\n"
    "NOTE:Paga a 30 días\\nsiempre puntual\\; buen cliente. Esta nota es l\n"
    " arga y se pliega.\n"
    "ADR;TYPE=WORK:;;C/ Mayor 1;Madrid;;28001;España\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\n"
    " BBBB\n"
    "END:VCARD\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "N:Ferrán;Zoë;;;\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+34-934-222-333\r\n"
    "EMAIL:zoe@example.cat\r\n"
    "END:VCARD\r\n";
  g_autoptr(ConfianzaCsvPreview) preview = parse_ok (data, NULL);

  /* confianza_csv_parse () recognised it */
  g_assert_cmpuint (confianza_csv_preview_get_n_rows (preview), ==, 2);
  g_assert_cmpuint (confianza_csv_preview_get_line (preview, 0), ==, 1);
  g_assert_cmpuint (confianza_csv_preview_get_line (preview, 1), ==, 15);
  assert_client (ready_client (preview, 0), "José Núñez", "Núñez Diseño, S.L.",
                 "jose@example.com", "+34 910 000 000",
                 "Paga a 30 días\nsiempre puntual; buen cliente. Esta nota es larga y se pliega.\n"
                 "EMAIL (other): otro@example.com");
  assert_client (ready_client (preview, 1), "Zoë Ferrán", NULL, "zoe@example.cat",
                 "+34-934-222-333", NULL);
  g_assert_true (is_ignored (preview, "ADR"));
  g_assert_false (is_ignored (preview, "PHOTO"));

  /* The address mapped by hand lands in the notes */
  confianza_csv_preview_set_column_field (preview, confianza_csv_preview_get_n_columns (preview) - 1,
                                          CONFIANZA_CSV_FIELD_NOTES, NULL);
  g_assert_nonnull (strstr (confianza_client_get_notes (ready_client (preview, 0)),
                            "ADR: ;;C/ Mayor 1;Madrid;;28001;España"));
}

static void
test_vcard_refused (void)
{
  static const char unfinished[] = "BEGIN:VCARD\nFN:Ana\nEMAIL:ana@example.com";
  static const char two_anas[] =
    "BEGIN:VCARD\nFN:Ana Gil\nEND:VCARD\nBEGIN:VCARD\nFN:ana gil\nEND:VCARD\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(ConfianzaCsvPreview) anas = NULL;

  g_assert_null (confianza_vcard_parse ("FN:Ana\n", 7, NULL, &error));
  g_assert_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_EMPTY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_null (confianza_vcard_parse ("", 0, NULL, &error));
  g_assert_error (error, CONFIANZA_CSV_ERROR, CONFIANZA_CSV_ERROR_EMPTY);

  /* A file cut short still gives what it has */
  preview = parse_ok (unfinished, NULL);
  assert_client (ready_client (preview, 0), "Ana", NULL, "ana@example.com", NULL, NULL);

  /* Duplicates and rules as for CSV */
  anas = parse_ok (two_anas, NULL);
  g_assert_cmpint (confianza_csv_preview_get_status (anas, 1), ==, CONFIANZA_CSV_ROW_DUPLICATE);
  g_assert_nonnull (strstr (confianza_csv_preview_get_message (anas, 1), "Line 1"));
}

static gint
by_name (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (confianza_client_get_name (*(ConfianzaClient **) a),
                    confianza_client_get_name (*(ConfianzaClient **) b));
}

/* The demo book, plus a client with every awkward value, exported and
 * imported into an empty database: every field comes back as it was */
static void
test_round_trip (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *source = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *target = g_build_filename (dir, "new.db", NULL);
  g_autofree char *vtarget = g_build_filename (dir, "new-vcard.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "clientes.csv", NULL);
  g_autofree char *vcf = g_build_filename (dir, "clientes.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) vafter = NULL;
  g_autoptr(GDateTime) today = confianza_date_new (2026, 12, 5);
  g_autoptr(ConfianzaClient) odd = confianza_client_new ("=HYPERLINK(\"http://x\";\"y\")");
  ConfianzaStore *store = util_open_ok (source);
  guint n = 0;

  g_assert_true (confianza_demo_fill (store, today, &error));
  g_assert_no_error (error);
  confianza_client_set_company (odd, "@Empresa, \"la buena\"; S.L.");
  confianza_client_set_email (odd, "odd@example.com");
  confianza_client_set_phone (odd, "-600 000 000");
  confianza_client_set_notes (odd, "Línea uno\nlínea dos; con \\ barra, y coma\n+ más");
  confianza_client_set_status (odd, CONFIANZA_CLIENT_STATUS_LET_GO);
  confianza_client_set_status_manual (odd, TRUE);
  confianza_client_set_let_go_reason (odd, "=no pagaba");
  confianza_client_set_follow_up_days (odd, 21);
  confianza_client_set_since (odd, today);
  g_assert_true (confianza_store_save_client (store, odd, &error));
  g_assert_no_error (error);
  before = confianza_import_existing_clients (store);
  util_close_store (&store);

  /* Never over the records */
  g_assert_false (confianza_report_write_client_book (source, source, NULL, &error));
  g_assert_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED);
  g_clear_error (&error);

  g_assert_true (confianza_report_write_client_book (source, csv, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, before->len);
  g_assert_true (confianza_report_write_client_book (source, vcf, &n, &error));
  g_assert_no_error (error);

  store = util_open_ok (target);
  g_free (confianza_import_clients_from_file (store, csv, CONFIANZA_IMPORT_FLAGS_NONE, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, before->len);
  after = confianza_import_existing_clients (store);
  util_close_store (&store);

  store = util_open_ok (vtarget);
  g_free (confianza_import_clients_from_file (store, vcf, CONFIANZA_IMPORT_FLAGS_NONE, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, before->len);
  vafter = confianza_import_existing_clients (store);
  util_close_store (&store);

  g_ptr_array_sort (before, by_name);
  g_ptr_array_sort (after, by_name);
  g_ptr_array_sort (vafter, by_name);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (vafter->len, ==, before->len);

  for (guint i = 0; i < before->len; i++)
    {
      ConfianzaClient *a = g_ptr_array_index (before, i);
      ConfianzaClient *b = g_ptr_array_index (after, i);
      ConfianzaClient *v = g_ptr_array_index (vafter, i);

      assert_client (b, confianza_client_get_name (a), confianza_client_get_company (a),
                     confianza_client_get_email (a), confianza_client_get_phone (a),
                     confianza_client_get_notes (a));
      assert_client (v, confianza_client_get_name (a), confianza_client_get_company (a),
                     confianza_client_get_email (a), confianza_client_get_phone (a),
                     confianza_client_get_notes (a));
      g_assert_true (confianza_date_equal (confianza_client_get_since (a), confianza_client_get_since (b)));
      g_assert_cmpint (confianza_client_get_status (a), ==, confianza_client_get_status (b));
      g_assert_cmpstr (confianza_client_get_let_go_reason (a), ==, confianza_client_get_let_go_reason (b));
      g_assert_cmpint (confianza_client_get_follow_up_days (a), ==, confianza_client_get_follow_up_days (b));
    }

  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-formats/google-old", test_google_old);
  g_test_add_func ("/import-formats/google-new", test_google_new);
  g_test_add_func ("/import-formats/outlook", test_outlook);
  g_test_add_func ("/import-formats/apple", test_apple);
  g_test_add_func ("/import-formats/holded", test_holded);
  g_test_add_func ("/import-formats/odoo", test_odoo);
  g_test_add_func ("/import-formats/dolibarr-factusol", test_dolibarr_factusol);
  g_test_add_func ("/import-formats/map-by-hand", test_map_by_hand);
  g_test_add_func ("/import-formats/name-parts-rules", test_name_parts_rules);
  g_test_add_func ("/import-formats/vcard-21", test_vcard_21);
  g_test_add_func ("/import-formats/vcard-30-40", test_vcard_30_40);
  g_test_add_func ("/import-formats/vcard-refused", test_vcard_refused);
  g_test_add_func ("/import-formats/round-trip", test_round_trip);

  return g_test_run ();
}
