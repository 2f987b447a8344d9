/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-follow-up.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaFollowUp
{
  GObject    parent_instance;

  gint64     id;
  gint64     plan_id;
  gint64     client_id;
  GDateTime *due_on;
  GDateTime *done_on;
  char      *note;
};

G_DEFINE_FINAL_TYPE (ConfianzaFollowUp, confianza_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_CLIENT_ID,
  PROP_DUE_ON,
  PROP_DONE_ON,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaFollowUp, id) },
  { PROP_PLAN_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaFollowUp, plan_id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaFollowUp, client_id) },
  { PROP_DUE_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaFollowUp, due_on) },
  { PROP_DONE_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaFollowUp, done_on) },
  { PROP_NOTE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaFollowUp, note) },
};

/* Helpers */

/* GObject */

static void
confianza_follow_up_finalize (GObject *object)
{
  ConfianzaFollowUp *self = CONFIANZA_FOLLOW_UP (object);

  g_clear_pointer (&self->due_on, g_date_time_unref);
  g_clear_pointer (&self->done_on, g_date_time_unref);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (confianza_follow_up_parent_class)->finalize (object);
}

static void
confianza_follow_up_class_init (ConfianzaFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_follow_up_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_PLAN_ID] = confianza_record_param_id ("plan-id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_DUE_ON] = confianza_record_param_date ("due-on");

  properties[PROP_DONE_ON] = confianza_record_param_date ("done-on");

  properties[PROP_NOTE] = confianza_record_param_text ("note", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_follow_up_init (ConfianzaFollowUp *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->note = g_strdup ("");
}

/* Public API */

ConfianzaFollowUp *
confianza_follow_up_new (gint64     plan_id,
                         gint64     client_id,
                         GDateTime *due_on)
{
  return g_object_new (CONFIANZA_TYPE_FOLLOW_UP,
                       "plan-id", plan_id,
                       "client-id", client_id,
                       "due-on", due_on,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaFollowUp *
confianza_follow_up_copy (ConfianzaFollowUp *self)
{
  ConfianzaFollowUp *copy;

  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_FOLLOW_UP, NULL);
  copy->id = self->id;
  copy->plan_id = self->plan_id;
  copy->client_id = self->client_id;
  copy->due_on = self->due_on != NULL ? g_date_time_ref (self->due_on) : NULL;
  copy->done_on = self->done_on != NULL ? g_date_time_ref (self->done_on) : NULL;
  g_free (copy->note);
  copy->note = g_strdup (self->note);

  return copy;
}

gint64
confianza_follow_up_get_id (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), 0);

  return self->id;
}

void
confianza_follow_up_set_id (ConfianzaFollowUp *self,
                            gint64             id)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_follow_up_get_plan_id (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), 0);

  return self->plan_id;
}

void
confianza_follow_up_set_plan_id (ConfianzaFollowUp *self,
                                 gint64             plan_id)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_int64 (self, &self->plan_id, plan_id, properties[PROP_PLAN_ID]);
}

gint64
confianza_follow_up_get_client_id (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), 0);

  return self->client_id;
}

void
confianza_follow_up_set_client_id (ConfianzaFollowUp *self,
                                   gint64             client_id)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

GDateTime *
confianza_follow_up_get_due_on (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), NULL);

  return self->due_on;
}

void
confianza_follow_up_set_due_on (ConfianzaFollowUp *self,
                                GDateTime         *date)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_date (self, &self->due_on, date, properties[PROP_DUE_ON]);
}

GDateTime *
confianza_follow_up_get_done_on (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), NULL);

  return self->done_on;
}

void
confianza_follow_up_set_done_on (ConfianzaFollowUp *self,
                                 GDateTime         *date)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_date (self, &self->done_on, date, properties[PROP_DONE_ON]);
}

const char *
confianza_follow_up_get_note (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), NULL);

  return self->note;
}

void
confianza_follow_up_set_note (ConfianzaFollowUp *self,
                              const char        *note)
{
  g_return_if_fail (CONFIANZA_IS_FOLLOW_UP (self));

  confianza_record_set_text (self, &self->note, note, properties[PROP_NOTE]);
}

gboolean
confianza_follow_up_is_on_time (ConfianzaFollowUp *self)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), FALSE);

  return self->done_on != NULL
         && confianza_date_compare (self->done_on, self->due_on) <= 0;
}

gboolean
confianza_follow_up_validate (ConfianzaFollowUp  *self,
                              const char        **property,
                              GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (self->due_on == NULL)
    return confianza_model_fail (property, "due-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Give the follow-up a date."));

  if (!confianza_rules_check_text (self->note, CONFIANZA_LONG_TEXT_MAX, NULL, error))
    return confianza_model_invalid (property, "note");

  return TRUE;
}
