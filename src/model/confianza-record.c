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
