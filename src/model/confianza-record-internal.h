/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the record types of src/model only (not installed, not
 * included from other layers): the setter and property shapes every
 * record repeats, written once. Each setter compares, stores and
 * notifies through confianza_record_notify (), so quiet mode holds. */

#include <glib-object.h>

#include "confianza-record.h"

G_BEGIN_DECLS

/* The flags of every record property */
#define CONFIANZA_RECORD_PARAM_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

/* Setters: nothing happens (no notification) when the value is the same.
 * Text is cleaned by confianza_text_replace (); dates are compared with
 * confianza_date_equal () and referenced. */
void        confianza_record_set_text    (gpointer     object,
                                          char       **field,
                                          const char  *value,
                                          GParamSpec  *pspec);
void        confianza_record_set_int64   (gpointer     object,
                                          gint64      *field,
                                          gint64       value,
                                          GParamSpec  *pspec);
void        confianza_record_set_double  (gpointer     object,
                                          double      *field,
                                          double       value,
                                          GParamSpec  *pspec);
void        confianza_record_set_boolean (gpointer     object,
                                          gboolean    *field,
                                          gboolean     value,
                                          GParamSpec  *pspec);
void        confianza_record_set_date    (gpointer     object,
                                          GDateTime  **field,
                                          GDateTime   *value,
                                          GParamSpec  *pspec);

/* Property specs: an id (int64, 0 to G_MAXINT64, default 0), a text,
 * a date (GDateTime boxed), a boolean */
GParamSpec *confianza_record_param_id      (const char *name);
GParamSpec *confianza_record_param_text    (const char *name,
                                            const char *default_value);
GParamSpec *confianza_record_param_date    (const char *name);
GParamSpec *confianza_record_param_boolean (const char *name,
                                            gboolean    default_value);

/* Table-driven get_property/set_property: each record lists its plain
 * fields (stored and notified, nothing more) by property id, type and
 * G_STRUCT_OFFSET into its instance struct. Properties whose setter does
 * more (validates, clamps, keeps other fields in step) stay out of the
 * table and keep their own case. */
typedef enum {
  CONFIANZA_FIELD_INT64,
  CONFIANZA_FIELD_DOUBLE,
  CONFIANZA_FIELD_BOOLEAN,
  CONFIANZA_FIELD_TEXT,
  CONFIANZA_FIELD_DATE,
} ConfianzaFieldType;

typedef struct {
  guint              prop_id;
  ConfianzaFieldType type;
  gsize              offset;
} ConfianzaRecordField;

/* In class_init: keeps @fields (static) for the type and makes
 * confianza_record_get_property/_set_property its get_property and
 * set_property. A record with properties of its own sets its functions
 * after this and passes the other ids on to these two. */
void        confianza_record_class_install_fields (GObjectClass               *object_class,
                                                   const ConfianzaRecordField *fields,
                                                   gsize                       n_fields);
void        confianza_record_get_property         (GObject                    *object,
                                                   guint                       prop_id,
                                                   GValue                     *value,
                                                   GParamSpec                 *pspec);
void        confianza_record_set_property         (GObject                    *object,
                                                   guint                       prop_id,
                                                   const GValue               *value,
                                                   GParamSpec                 *pspec);

G_END_DECLS
