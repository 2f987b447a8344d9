/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-record"

#include "config.h"

#include "confianza-record-internal.h"

#include "confianza-date.h"
#include "confianza-text.h"

/* Per thread: the trust indexes are also read in a thread of their own */
static __thread guint quiet_depth;

void
confianza_record_begin_quiet (void)
{
  quiet_depth++;
}

void
confianza_record_end_quiet (void)
{
  g_return_if_fail (quiet_depth > 0);

  quiet_depth--;
}

void
confianza_record_notify (gpointer    object,
                         GParamSpec *pspec)
{
  if (quiet_depth == 0)
    g_object_notify_by_pspec (G_OBJECT (object), pspec);
}

void
confianza_record_set_text (gpointer     object,
                           char       **field,
                           const char  *value,
                           GParamSpec  *pspec)
{
  if (confianza_text_replace (field, value))
    confianza_record_notify (object, pspec);
}

void
confianza_record_set_int64 (gpointer    object,
                            gint64     *field,
                            gint64      value,
                            GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  confianza_record_notify (object, pspec);
}

void
confianza_record_set_double (gpointer    object,
                             double     *field,
                             double      value,
                             GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  confianza_record_notify (object, pspec);
}

void
confianza_record_set_boolean (gpointer    object,
                              gboolean   *field,
                              gboolean    value,
                              GParamSpec *pspec)
{
  value = !!value;

  if (*field == value)
    return;

  *field = value;
  confianza_record_notify (object, pspec);
}

void
confianza_record_set_date (gpointer     object,
                           GDateTime  **field,
                           GDateTime   *value,
                           GParamSpec  *pspec)
{
  if (confianza_date_equal (*field, value))
    return;

  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (field, g_date_time_unref);
  *field = value;
  confianza_record_notify (object, pspec);
}

typedef struct {
  const ConfianzaRecordField *fields;
  gsize                       n_fields;
} FieldTable;

static GQuark
field_table_quark (void)
{
  return g_quark_from_static_string ("confianza-record-fields");
}

void
confianza_record_class_install_fields (GObjectClass               *object_class,
                                       const ConfianzaRecordField *fields,
                                       gsize                       n_fields)
{
  /* Kept for the life of the (static) type */
  FieldTable *table = g_new (FieldTable, 1);

  table->fields = fields;
  table->n_fields = n_fields;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), field_table_quark (), table);

  object_class->get_property = confianza_record_get_property;
  object_class->set_property = confianza_record_set_property;
}

/* The member of @object that @prop_id stores, found in the table of the
 * type that installed @pspec, and its type; NULL (with a warning) for an
 * id the table does not hold */
static gpointer
find_member (GObject            *object,
             guint               prop_id,
             GParamSpec         *pspec,
             ConfianzaFieldType *type)
{
  const FieldTable *table = g_type_get_qdata (pspec->owner_type, field_table_quark ());

  for (gsize i = 0; table != NULL && i < table->n_fields; i++)
    if (table->fields[i].prop_id == prop_id)
      {
        *type = table->fields[i].type;
        return G_STRUCT_MEMBER_P (object, table->fields[i].offset);
      }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  return NULL;
}

void
confianza_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConfianzaFieldType type;
  gpointer member = find_member (object, prop_id, pspec, &type);

  if (member == NULL)
    return;
  else if (type == CONFIANZA_FIELD_INT64)
    g_value_set_int64 (value, *(gint64 *) member);
  else if (type == CONFIANZA_FIELD_DOUBLE)
    g_value_set_double (value, *(double *) member);
  else if (type == CONFIANZA_FIELD_BOOLEAN)
    g_value_set_boolean (value, *(gboolean *) member);
  else if (type == CONFIANZA_FIELD_TEXT)
    g_value_set_string (value, *(char **) member);
  else if (type == CONFIANZA_FIELD_DATE)
    g_value_set_boxed (value, *(GDateTime **) member);
  else
    g_assert_not_reached ();
}

void
confianza_record_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConfianzaFieldType type;
  gpointer member = find_member (object, prop_id, pspec, &type);

  if (member == NULL)
    return;

  switch (type)
    {
    case CONFIANZA_FIELD_INT64:
      confianza_record_set_int64 (object, member, g_value_get_int64 (value), pspec);
      break;

    case CONFIANZA_FIELD_DOUBLE:
      confianza_record_set_double (object, member, g_value_get_double (value), pspec);
      break;

    case CONFIANZA_FIELD_BOOLEAN:
      confianza_record_set_boolean (object, member, g_value_get_boolean (value), pspec);
      break;

    case CONFIANZA_FIELD_TEXT:
      confianza_record_set_text (object, member, g_value_get_string (value), pspec);
      break;

    case CONFIANZA_FIELD_DATE:
      confianza_record_set_date (object, member, g_value_get_boxed (value), pspec);
      break;

    default:
      g_assert_not_reached ();
    }
}

GParamSpec *
confianza_record_param_id (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             CONFIANZA_RECORD_PARAM_FLAGS);
}

GParamSpec *
confianza_record_param_text (const char *name,
                             const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value,
                              CONFIANZA_RECORD_PARAM_FLAGS);
}

GParamSpec *
confianza_record_param_date (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             CONFIANZA_RECORD_PARAM_FLAGS);
}

GParamSpec *
confianza_record_param_boolean (const char *name,
                                gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value,
                               CONFIANZA_RECORD_PARAM_FLAGS);
}
