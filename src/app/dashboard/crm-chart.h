/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CrmChartKind:
 * @CRM_CHART_BARS: each category's series side by side
 * @CRM_CHART_STACKED: each category's series one on another
 *
 * How a #CrmChart draws its bars. Series added as lines are drawn as a
 * line across the categories over the bars, whatever the kind.
 */
typedef enum
{
  CRM_CHART_BARS,
  CRM_CHART_STACKED,
} CrmChartKind;

/**
 * CrmChartColour:
 * @CRM_CHART_ACCENT: the theme's accent colour
 * @CRM_CHART_SUCCESS: its success colour
 * @CRM_CHART_WARNING: its warning colour
 * @CRM_CHART_ERROR: its error colour
 * @CRM_CHART_FOREGROUND: the text's colour
 *
 * A series' colour, by its meaning: the widget looks it up in the
 * theme (light, dark, high contrast).
 */
typedef enum
{
  CRM_CHART_ACCENT,
  CRM_CHART_SUCCESS,
  CRM_CHART_WARNING,
  CRM_CHART_ERROR,
  CRM_CHART_FOREGROUND,
  CRM_CHART_N_COLOURS
} CrmChartColour;

/**
 * CrmChartPalette:
 * @colours: the colour of each #CrmChartColour
 * @foreground: the axes' and labels' colour
 *
 * The colours a chart is drawn in.
 */
typedef struct
{
  GdkRGBA colours[CRM_CHART_N_COLOURS];
  GdkRGBA foreground;
} CrmChartPalette;

#define CRM_TYPE_CHART (crm_chart_get_type ())

G_DECLARE_FINAL_TYPE (CrmChart, crm_chart, CRM, CHART, GtkWidget)

GtkWidget *crm_chart_new             (CrmChartKind           kind);
void       crm_chart_clear           (CrmChart              *self);
void       crm_chart_set_categories  (CrmChart              *self,
                                      const char * const    *labels);
void       crm_chart_add_series      (CrmChart              *self,
                                      const char            *name,
                                      CrmChartColour         colour,
                                      double                 alpha,
                                      gboolean               line,
                                      const double          *values);
void       crm_chart_set_show_legend (CrmChart              *self,
                                      gboolean               show);
guint      crm_chart_get_n_series    (CrmChart              *self);
guint      crm_chart_get_n_categories (CrmChart             *self);
gboolean   crm_chart_get_bar         (CrmChart              *self,
                                      guint                  category,
                                      guint                  series,
                                      graphene_rect_t       *bounds);
void       crm_chart_draw_cairo      (CrmChart              *self,
                                      cairo_t               *cr,
                                      PangoContext          *context,
                                      const CrmChartPalette *palette,
                                      double                 width,
                                      double                 height);
void       crm_chart_print_palette   (CrmChartPalette       *palette);

G_END_DECLS
