/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-record"

#include "config.h"

#include "confianza-record.h"

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
