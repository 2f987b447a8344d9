/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_TRUST_CHART (confianza_trust_chart_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaTrustChart, confianza_trust_chart, CONFIANZA, TRUST_CHART, GtkWidget)

/* A small line chart of the trust index over time, drawn with cairo, with
 * the low / medium / high bands behind it. */
ConfianzaTrustChart *confianza_trust_chart_new        (void);
/* @points: an array of ConfianzaTrustPoint (see confianza-trust.h), oldest
 * first; the chart keeps a reference. NULL or empty shows nothing. */
void                 confianza_trust_chart_set_points (ConfianzaTrustChart *self,
                                                       GArray              *points);
guint                confianza_trust_chart_get_n_points (ConfianzaTrustChart *self);

G_END_DECLS
