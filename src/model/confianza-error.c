/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include "confianza-error.h"

G_DEFINE_QUARK (confianza-model-error-quark, confianza_model_error)
