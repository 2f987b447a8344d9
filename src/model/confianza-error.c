/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include "confianza-error.h"

G_DEFINE_QUARK (confianza-model-error-quark, confianza_model_error)

gboolean
confianza_model_invalid (const char **property,
                         const char  *name)
{
  if (property != NULL)
    *property = name;

  return FALSE;
}

gboolean
confianza_model_fail (const char          **property,
                      const char           *name,
                      GError              **error,
                      ConfianzaModelError   code,
                      const char           *message)
{
  g_set_error_literal (error, CONFIANZA_MODEL_ERROR, code, message);

  return confianza_model_invalid (property, name);
}
