/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONFIANZA_MODEL_ERROR (confianza_model_error_quark ())

typedef enum
{
  CONFIANZA_MODEL_ERROR_EMPTY,
  CONFIANZA_MODEL_ERROR_TOO_LONG,
  CONFIANZA_MODEL_ERROR_INVALID_TEXT,
  CONFIANZA_MODEL_ERROR_INVALID_DATE,
  CONFIANZA_MODEL_ERROR_DATE_ORDER,
  CONFIANZA_MODEL_ERROR_NEGATIVE,
  CONFIANZA_MODEL_ERROR_OUT_OF_RANGE,
  CONFIANZA_MODEL_ERROR_MISSING,
} ConfianzaModelError;

GQuark confianza_model_error_quark (void);

/*
 * Every model type has confianza_<type>_validate (self, &property, &error):
 * it returns FALSE at the first invalid field, sets @property (if not NULL)
 * to that field's property name ("name", "due-on", …) so that the interface
 * can show the message beside the field, and sets @error to a
 * CONFIANZA_MODEL_ERROR whose message is a translated sentence for the user.
 */

/* For the validate functions: set *@property (when not NULL) to the invalid
 * property's @name and return FALSE; confianza_model_fail () also sets
 * @error to a CONFIANZA_MODEL_ERROR with @code and @message. */
gboolean confianza_model_invalid (const char          **property,
                                  const char           *name);
gboolean confianza_model_fail    (const char          **property,
                                  const char           *name,
                                  GError              **error,
                                  ConfianzaModelError   code,
                                  const char           *message);

/* Longest text a short field (a name, a title) may hold, in characters. */
#define CONFIANZA_SHORT_TEXT_MAX 200
/* Longest text a long field (notes, what the client said) may hold. */
#define CONFIANZA_LONG_TEXT_MAX  10000

G_END_DECLS
