/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-trust-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "model/confianza-date.h"
#include "model/confianza-trust.h"

#include "confianza-trust-chart.h"

struct _ConfianzaTrustChart
{
  GtkWidget  parent_instance;

  GArray    *points;
};

G_DEFINE_FINAL_TYPE (ConfianzaTrustChart, confianza_trust_chart, GTK_TYPE_WIDGET)

#define MARGIN_LEFT   28.0
#define MARGIN_RIGHT   8.0
#define MARGIN_TOP     8.0
#define MARGIN_BOTTOM 18.0

/* The thresholds of the levels (confianza_trust_level_for_score). */
#define MEDIUM_FROM 40.0
#define HIGH_FROM   70.0

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
named_color (GtkWidget  *widget,
             const char *name,
             GdkRGBA    *color,
             const char *fallback)
{
  GtkStyleContext *context;

  /* GTK 4.8's way to read the theme's named colors (error, success…). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw (ConfianzaTrustChart *self,
      cairo_t             *cr,
      double               width,
      double               height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double plot_w = width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  GdkRGBA fg, error, warning, success;
  PangoLayout *layout;
  const struct { double from, to; GdkRGBA *color; } bands[] = {
    { 0, MEDIUM_FROM, &error },
    { MEDIUM_FROM, HIGH_FROM, &warning },
    { HIGH_FROM, 100, &success },
  };
  guint n;

  if (plot_w <= 0 || plot_h <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  named_color (widget, "error_color", &error, "#c01c28");
  named_color (widget, "warning_color", &warning, "#9c6e03");
  named_color (widget, "success_color", &success, "#1b8553");

#define Y(v) (MARGIN_TOP + plot_h * (1.0 - (v) / 100.0))

  /* The three levels, faint, behind everything */
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      set_source (cr, bands[i].color, 0.10);
      cairo_rectangle (cr, MARGIN_LEFT, Y (bands[i].to), plot_w, Y (bands[i].from) - Y (bands[i].to));
      cairo_fill (cr);
    }

  /* 0, 50 (neutral) and 100 on the left */
  layout = gtk_widget_create_pango_layout (widget, NULL);
  for (int v = 0; v <= 100; v += 50)
    {
      g_autofree char *text = g_strdup_printf ("%d", v);
      int tw, th;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      set_source (cr, &fg, 0.55);
      cairo_move_to (cr, MARGIN_LEFT - 4 - tw, Y (v) - th / 2.0);
      pango_cairo_show_layout (cr, layout);

      set_source (cr, &fg, v == 50 ? 0.25 : 0.12);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, MARGIN_LEFT, round (Y (v)) + 0.5);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, round (Y (v)) + 0.5);
      cairo_stroke (cr);
    }

  n = self->points != NULL ? self->points->len : 0;
  if (n > 0)
    {
      ConfianzaTrustPoint *first = &g_array_index (self->points, ConfianzaTrustPoint, 0);
      ConfianzaTrustPoint *last = &g_array_index (self->points, ConfianzaTrustPoint, n - 1);
      int span = MAX (1, confianza_date_days_between (first->date, last->date));
      g_autofree char *from = confianza_date_format (first->date);
      g_autofree char *to = confianza_date_format (last->date);
      int tw, th;
      double x_last = MARGIN_LEFT, y_last = Y (50);

      /* The line */
      set_source (cr, &fg, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          ConfianzaTrustPoint *p = &g_array_index (self->points, ConfianzaTrustPoint, i);
          double x = n == 1 ? MARGIN_LEFT + plot_w
                            : MARGIN_LEFT + plot_w * confianza_date_days_between (first->date, p->date) / span;
          double y = Y (CLAMP (p->value, 0, 100));

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          x_last = x;
          y_last = y;
        }
      cairo_stroke (cr);

      /* Today, as a dot in its level's color */
      set_source (cr, last->value >= HIGH_FROM ? &success : last->value >= MEDIUM_FROM ? &warning : &error, 1);
      cairo_arc (cr, x_last, y_last, 4, 0, 2 * G_PI);
      cairo_fill (cr);

      /* First and last date under the line */
      set_source (cr, &fg, 0.55);
      pango_layout_set_text (layout, from, -1);
      cairo_move_to (cr, MARGIN_LEFT, height - MARGIN_BOTTOM + 3);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_text (layout, to, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, width - MARGIN_RIGHT - tw, height - MARGIN_BOTTOM + 3);
      pango_cairo_show_layout (cr, layout);
    }

#undef Y

  g_object_unref (layout);
}

static void
confianza_trust_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ConfianzaTrustChart *self = CONFIANZA_TRUST_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
confianza_trust_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = 110;
      *natural = 140;
    }
}

static void
confianza_trust_chart_finalize (GObject *object)
{
  ConfianzaTrustChart *self = CONFIANZA_TRUST_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (confianza_trust_chart_parent_class)->finalize (object);
}

static void
confianza_trust_chart_class_init (ConfianzaTrustChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = confianza_trust_chart_finalize;
  widget_class->snapshot = confianza_trust_chart_snapshot;
  widget_class->measure = confianza_trust_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "trustchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
confianza_trust_chart_init (ConfianzaTrustChart *self)
{
}

ConfianzaTrustChart *
confianza_trust_chart_new (void)
{
  return g_object_new (CONFIANZA_TYPE_TRUST_CHART, NULL);
}

void
confianza_trust_chart_set_points (ConfianzaTrustChart *self,
                                  GArray              *points)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CONFIANZA_IS_TRUST_CHART (self));

  g_clear_pointer (&self->points, g_array_unref);
  if (points != NULL)
    self->points = g_array_ref (points);

  /* What a screen reader says instead of the picture */
  if (points != NULL && points->len > 0)
    {
      ConfianzaTrustPoint *first = &g_array_index (points, ConfianzaTrustPoint, 0);
      ConfianzaTrustPoint *last = &g_array_index (points, ConfianzaTrustPoint, points->len - 1);
      g_autofree char *from = confianza_date_format (first->date);

      /* Translators: the trust index chart, for screen readers */
      description = g_strdup_printf (_("Trust index since %s: from %d to %d"), from,
                                     (int) round (first->value), (int) round (last->value));
    }
  else
    {
      description = g_strdup (_("Trust index: no history yet"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
confianza_trust_chart_get_n_points (ConfianzaTrustChart *self)
{
  g_return_val_if_fail (CONFIANZA_IS_TRUST_CHART (self), 0);

  return self->points != NULL ? self->points->len : 0;
}
