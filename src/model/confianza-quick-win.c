/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-quick-win.h"
#include "confianza-record-internal.h"
#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"
#include "confianza-text.h"

struct _ConfianzaQuickWin
{
  GObject    parent_instance;

  gint64     id;
  gint64     client_id;
  GDateTime *achieved_on;
  char      *title;
  GDateTime *shared_on;
};

G_DEFINE_FINAL_TYPE (ConfianzaQuickWin, confianza_quick_win, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_ACHIEVED_ON,
  PROP_TITLE,
  PROP_SHARED_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The properties that are only stored and notified */
static const ConfianzaRecordField record_fields[] = {
  { PROP_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaQuickWin, id) },
  { PROP_CLIENT_ID, CONFIANZA_FIELD_INT64, G_STRUCT_OFFSET (ConfianzaQuickWin, client_id) },
  { PROP_ACHIEVED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaQuickWin, achieved_on) },
  { PROP_TITLE, CONFIANZA_FIELD_TEXT, G_STRUCT_OFFSET (ConfianzaQuickWin, title) },
  { PROP_SHARED_ON, CONFIANZA_FIELD_DATE, G_STRUCT_OFFSET (ConfianzaQuickWin, shared_on) },
};

/* Helpers */

/* GObject */

static void
confianza_quick_win_finalize (GObject *object)
{
  ConfianzaQuickWin *self = CONFIANZA_QUICK_WIN (object);

  g_clear_pointer (&self->achieved_on, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->shared_on, g_date_time_unref);

  G_OBJECT_CLASS (confianza_quick_win_parent_class)->finalize (object);
}

static void
confianza_quick_win_class_init (ConfianzaQuickWinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = confianza_quick_win_finalize;
  confianza_record_class_install_fields (object_class, record_fields, G_N_ELEMENTS (record_fields));

  properties[PROP_ID] = confianza_record_param_id ("id");

  properties[PROP_CLIENT_ID] = confianza_record_param_id ("client-id");

  properties[PROP_ACHIEVED_ON] = confianza_record_param_date ("achieved-on");

  properties[PROP_TITLE] = confianza_record_param_text ("title", "");

  properties[PROP_SHARED_ON] = confianza_record_param_date ("shared-on");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
confianza_quick_win_init (ConfianzaQuickWin *self)
{
  /* String properties are never NULL: unset is "", so getters can be
   * used directly in labels and SQL parameters. */
  self->title = g_strdup ("");
}

/* Public API */

ConfianzaQuickWin *
confianza_quick_win_new (gint64      client_id,
                         const char *title,
                         GDateTime  *achieved_on)
{
  return g_object_new (CONFIANZA_TYPE_QUICK_WIN,
                       "client-id", client_id,
                       "title", title,
                       "achieved-on", achieved_on,
                       NULL);
}

/* Returns: (transfer full): a new object with every field equal to
 * @self's, the id included. */
ConfianzaQuickWin *
confianza_quick_win_copy (ConfianzaQuickWin *self)
{
  ConfianzaQuickWin *copy;

  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), NULL);

  copy = g_object_new (CONFIANZA_TYPE_QUICK_WIN, NULL);
  copy->id = self->id;
  copy->client_id = self->client_id;
  copy->achieved_on = self->achieved_on != NULL ? g_date_time_ref (self->achieved_on) : NULL;
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  copy->shared_on = self->shared_on != NULL ? g_date_time_ref (self->shared_on) : NULL;

  return copy;
}

gint64
confianza_quick_win_get_id (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), 0);

  return self->id;
}

void
confianza_quick_win_set_id (ConfianzaQuickWin *self,
                            gint64             id)
{
  g_return_if_fail (CONFIANZA_IS_QUICK_WIN (self));

  confianza_record_set_int64 (self, &self->id, id, properties[PROP_ID]);
}

gint64
confianza_quick_win_get_client_id (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), 0);

  return self->client_id;
}

void
confianza_quick_win_set_client_id (ConfianzaQuickWin *self,
                                   gint64             client_id)
{
  g_return_if_fail (CONFIANZA_IS_QUICK_WIN (self));

  confianza_record_set_int64 (self, &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

GDateTime *
confianza_quick_win_get_achieved_on (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), NULL);

  return self->achieved_on;
}

void
confianza_quick_win_set_achieved_on (ConfianzaQuickWin *self,
                                     GDateTime         *date)
{
  g_return_if_fail (CONFIANZA_IS_QUICK_WIN (self));

  confianza_record_set_date (self, &self->achieved_on, date, properties[PROP_ACHIEVED_ON]);
}

const char *
confianza_quick_win_get_title (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), NULL);

  return self->title;
}

void
confianza_quick_win_set_title (ConfianzaQuickWin *self,
                               const char        *title)
{
  g_return_if_fail (CONFIANZA_IS_QUICK_WIN (self));

  confianza_record_set_text (self, &self->title, title, properties[PROP_TITLE]);
}

GDateTime *
confianza_quick_win_get_shared_on (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), NULL);

  return self->shared_on;
}

void
confianza_quick_win_set_shared_on (ConfianzaQuickWin *self,
                                   GDateTime         *date)
{
  g_return_if_fail (CONFIANZA_IS_QUICK_WIN (self));

  confianza_record_set_date (self, &self->shared_on, date, properties[PROP_SHARED_ON]);
}

/* Whether the win has been shown to the client. */
gboolean
confianza_quick_win_get_shared (ConfianzaQuickWin *self)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), FALSE);

  return self->shared_on != NULL;
}

gboolean
confianza_quick_win_validate (ConfianzaQuickWin  *self,
                              const char        **property,
                              GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (property != NULL)
    *property = NULL;

  if (!confianza_rules_check_text (self->title, CONFIANZA_SHORT_TEXT_MAX,
                                   _("Write what was achieved."), error))
    return confianza_model_invalid (property, "title");

  if (self->achieved_on == NULL)
    return confianza_model_fail (property, "achieved-on", error, CONFIANZA_MODEL_ERROR_MISSING,
                 _("Say on which day it was achieved."));

  if (self->shared_on != NULL
      && confianza_date_compare (self->shared_on, self->achieved_on) < 0)
    return confianza_model_fail (property, "shared-on", error, CONFIANZA_MODEL_ERROR_DATE_ORDER,
                 _("A quick win cannot be shared before it was achieved."));

  return TRUE;
}
