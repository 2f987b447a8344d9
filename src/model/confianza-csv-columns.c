/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-csv.h"
#include "confianza-csv-private.h"

/* Names of the columns, as header_key () leaves them: lower case, without
 * accents, spaces or punctuation ("Correo electrónico" → "correoelectronico") */
static const struct
{
  const char        *key;
  ConfianzaCsvField  field;
} column_names[] = {
  { "nombre", CONFIANZA_CSV_FIELD_NAME },
  { "name", CONFIANZA_CSV_FIELD_NAME },
  { "cliente", CONFIANZA_CSV_FIELD_NAME },
  { "client", CONFIANZA_CSV_FIELD_NAME },
  { "clientname", CONFIANZA_CSV_FIELD_NAME },
  { "customer", CONFIANZA_CSV_FIELD_NAME },
  { "customername", CONFIANZA_CSV_FIELD_NAME },
  { "fullname", CONFIANZA_CSV_FIELD_NAME },
  { "nombrecompleto", CONFIANZA_CSV_FIELD_NAME },
  { "nombreyapellidos", CONFIANZA_CSV_FIELD_NAME },
  { "nombredelcliente", CONFIANZA_CSV_FIELD_NAME },
  { "empresa", CONFIANZA_CSV_FIELD_COMPANY },
  { "company", CONFIANZA_CSV_FIELD_COMPANY },
  { "compania", CONFIANZA_CSV_FIELD_COMPANY },
  { "organizacion", CONFIANZA_CSV_FIELD_COMPANY },
  { "organization", CONFIANZA_CSV_FIELD_COMPANY },
  { "organisation", CONFIANZA_CSV_FIELD_COMPANY },
  { "razonsocial", CONFIANZA_CSV_FIELD_COMPANY },
  { "negocio", CONFIANZA_CSV_FIELD_COMPANY },
  { "business", CONFIANZA_CSV_FIELD_COMPANY },
  { "correoelectronico", CONFIANZA_CSV_FIELD_EMAIL },
  { "correo", CONFIANZA_CSV_FIELD_EMAIL },
  { "correoe", CONFIANZA_CSV_FIELD_EMAIL },
  { "email", CONFIANZA_CSV_FIELD_EMAIL },
  { "mail", CONFIANZA_CSV_FIELD_EMAIL },
  { "emailaddress", CONFIANZA_CSV_FIELD_EMAIL },
  { "direcciondecorreo", CONFIANZA_CSV_FIELD_EMAIL },
  { "direcciondecorreoelectronico", CONFIANZA_CSV_FIELD_EMAIL },
  { "telefono", CONFIANZA_CSV_FIELD_PHONE },
  { "tel", CONFIANZA_CSV_FIELD_PHONE },
  { "telf", CONFIANZA_CSV_FIELD_PHONE },
  { "movil", CONFIANZA_CSV_FIELD_PHONE },
  { "celular", CONFIANZA_CSV_FIELD_PHONE },
  { "phone", CONFIANZA_CSV_FIELD_PHONE },
  { "phonenumber", CONFIANZA_CSV_FIELD_PHONE },
  { "telephone", CONFIANZA_CSV_FIELD_PHONE },
  { "mobile", CONFIANZA_CSV_FIELD_PHONE },
  { "numerodetelefono", CONFIANZA_CSV_FIELD_PHONE },
  { "notas", CONFIANZA_CSV_FIELD_NOTES },
  { "nota", CONFIANZA_CSV_FIELD_NOTES },
  { "notes", CONFIANZA_CSV_FIELD_NOTES },
  { "note", CONFIANZA_CSV_FIELD_NOTES },
  { "observaciones", CONFIANZA_CSV_FIELD_NOTES },
  { "comentarios", CONFIANZA_CSV_FIELD_NOTES },
  { "comments", CONFIANZA_CSV_FIELD_NOTES },
  { "clientedesde", CONFIANZA_CSV_FIELD_SINCE },
  { "desde", CONFIANZA_CSV_FIELD_SINCE },
  { "fechadealta", CONFIANZA_CSV_FIELD_SINCE },
  { "alta", CONFIANZA_CSV_FIELD_SINCE },
  { "since", CONFIANZA_CSV_FIELD_SINCE },
  { "clientsince", CONFIANZA_CSV_FIELD_SINCE },
  { "customersince", CONFIANZA_CSV_FIELD_SINCE },
  { "estado", CONFIANZA_CSV_FIELD_STATUS },
  { "situacion", CONFIANZA_CSV_FIELD_STATUS },
  { "status", CONFIANZA_CSV_FIELD_STATUS },
  { "motivo", CONFIANZA_CSV_FIELD_LET_GO_REASON },
  { "motivodebaja", CONFIANZA_CSV_FIELD_LET_GO_REASON },
  { "reason", CONFIANZA_CSV_FIELD_LET_GO_REASON },
  { "letgoreason", CONFIANZA_CSV_FIELD_LET_GO_REASON },
  /* Google Contacts, old ("Given Name") and new ("First Name") */
  { "displayname", CONFIANZA_CSV_FIELD_NAME },
  { "givenname", CONFIANZA_CSV_FIELD_GIVEN_NAME },
  { "additionalname", CONFIANZA_CSV_FIELD_GIVEN_NAME },
  { "familyname", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "email1value", CONFIANZA_CSV_FIELD_EMAIL },
  { "email2value", CONFIANZA_CSV_FIELD_EMAIL },
  { "email3value", CONFIANZA_CSV_FIELD_EMAIL },
  { "phone1value", CONFIANZA_CSV_FIELD_PHONE },
  { "phone2value", CONFIANZA_CSV_FIELD_PHONE },
  { "phone3value", CONFIANZA_CSV_FIELD_PHONE },
  { "organization1name", CONFIANZA_CSV_FIELD_COMPANY },
  { "organizationname", CONFIANZA_CSV_FIELD_COMPANY },
  /* Outlook, Apple/iCloud and other address books */
  { "firstname", CONFIANZA_CSV_FIELD_GIVEN_NAME },
  { "middlename", CONFIANZA_CSV_FIELD_GIVEN_NAME },
  { "lastname", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "surname", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "email2address", CONFIANZA_CSV_FIELD_EMAIL },
  { "email3address", CONFIANZA_CSV_FIELD_EMAIL },
  { "workemail", CONFIANZA_CSV_FIELD_EMAIL },
  { "homeemail", CONFIANZA_CSV_FIELD_EMAIL },
  { "otheremail", CONFIANZA_CSV_FIELD_EMAIL },
  { "businessphone", CONFIANZA_CSV_FIELD_PHONE },
  { "businessphone2", CONFIANZA_CSV_FIELD_PHONE },
  { "mobilephone", CONFIANZA_CSV_FIELD_PHONE },
  { "homephone", CONFIANZA_CSV_FIELD_PHONE },
  { "workphone", CONFIANZA_CSV_FIELD_PHONE },
  { "otherphone", CONFIANZA_CSV_FIELD_PHONE },
  { "primaryphone", CONFIANZA_CSV_FIELD_PHONE },
  { "companyname", CONFIANZA_CSV_FIELD_COMPANY },
  { "created", CONFIANZA_CSV_FIELD_SINCE },
  { "createdon", CONFIANZA_CSV_FIELD_SINCE },
  { "createdat", CONFIANZA_CSV_FIELD_SINCE },
  { "creationdate", CONFIANZA_CSV_FIELD_SINCE },
  { "datecreated", CONFIANZA_CSV_FIELD_SINCE },
  /* Spanish CRM and invoicing tools: Holded, Odoo, Dolibarr, Factusol… */
  { "nombredepila", CONFIANZA_CSV_FIELD_GIVEN_NAME },
  { "apellidos", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "apellido", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "primerapellido", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "segundoapellido", CONFIANZA_CSV_FIELD_FAMILY_NAME },
  { "nombrefiscal", CONFIANZA_CSV_FIELD_COMPANY },
  { "nombrecomercial", CONFIANZA_CSV_FIELD_COMPANY },
  { "nombredelaempresa", CONFIANZA_CSV_FIELD_COMPANY },
  { "tercero", CONFIANZA_CSV_FIELD_COMPANY },
  { "email2", CONFIANZA_CSV_FIELD_EMAIL },
  { "correo2", CONFIANZA_CSV_FIELD_EMAIL },
  { "telefono1", CONFIANZA_CSV_FIELD_PHONE },
  { "telefono2", CONFIANZA_CSV_FIELD_PHONE },
  { "telefonomovil", CONFIANZA_CSV_FIELD_PHONE },
  { "telefonofijo", CONFIANZA_CSV_FIELD_PHONE },
  { "notasprivadas", CONFIANZA_CSV_FIELD_NOTES },
  { "notapublica", CONFIANZA_CSV_FIELD_NOTES },
  { "notaprivada", CONFIANZA_CSV_FIELD_NOTES },
  { "fechadecreacion", CONFIANZA_CSV_FIELD_SINCE },
  { "fechaalta", CONFIANZA_CSV_FIELD_SINCE },
  { "creadoel", CONFIANZA_CSV_FIELD_SINCE },
  { "fechacreacion", CONFIANZA_CSV_FIELD_SINCE },
  /* Our own export (confianza-client-book.h) */
  { "followupdays", CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS },
  { "seguimientodias", CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS },
  { "diasdeseguimiento", CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS },
};

/* Fields any number of columns may fill; the others take one column */
gboolean
confianza_csv_field_takes_many (ConfianzaCsvField field)
{
  return field == CONFIANZA_CSV_FIELD_EMAIL ||
         field == CONFIANZA_CSV_FIELD_PHONE ||
         field == CONFIANZA_CSV_FIELD_NOTES ||
         field == CONFIANZA_CSV_FIELD_GIVEN_NAME ||
         field == CONFIANZA_CSV_FIELD_FAMILY_NAME;
}

gboolean
confianza_csv_key_is_legal_name (const char *key)
{
  return g_str_equal (key, "razonsocial") ||
         g_str_equal (key, "nombrefiscal") ||
         g_str_equal (key, "tercero");
}

ConfianzaCsvField
confianza_csv_field_for_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (key, column_names[i].key))
      return column_names[i].field;

  return CONFIANZA_CSV_FIELD_NONE;
}

const char *
confianza_csv_field_get_label (ConfianzaCsvField field)
{
  switch (field)
    {
    case CONFIANZA_CSV_FIELD_NAME:
      return C_("import column", "Name");
    case CONFIANZA_CSV_FIELD_GIVEN_NAME:
      return C_("import column", "Given name");
    case CONFIANZA_CSV_FIELD_FAMILY_NAME:
      return C_("import column", "Family name");
    case CONFIANZA_CSV_FIELD_COMPANY:
      return C_("import column", "Company");
    case CONFIANZA_CSV_FIELD_EMAIL:
      return C_("import column", "Email");
    case CONFIANZA_CSV_FIELD_PHONE:
      return C_("import column", "Phone");
    case CONFIANZA_CSV_FIELD_NOTES:
      return C_("import column", "Notes");
    case CONFIANZA_CSV_FIELD_SINCE:
      return C_("import column", "Client since");
    case CONFIANZA_CSV_FIELD_STATUS:
      return C_("import column", "Status");
    case CONFIANZA_CSV_FIELD_LET_GO_REASON:
      return C_("import column", "Reason for letting go");
    case CONFIANZA_CSV_FIELD_FOLLOW_UP_DAYS:
      return C_("import column", "Follow-up days");
    case CONFIANZA_CSV_FIELD_NONE:
    case CONFIANZA_CSV_N_FIELDS:
    default:
      return C_("import column", "Not imported");
    }
}
