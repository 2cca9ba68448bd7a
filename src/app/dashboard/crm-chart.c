/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "crm-chart.h"

/**
 * CrmChart:
 *
 * A small chart of the dashboard: bars of one or more series over
 * categories (days, agents, brokers…), side by side or stacked, with
 * lines over them; a legend, the y axis' numbers, the categories'
 * labels and each bar's number above it when it fits. Drawn with
 * #GtkSnapshot in the theme's colours (the text's colour and
 * libadwaita's accent, success, warning and error colours, so that it
 * reads in the dark style and in high contrast), and with cairo for
 * printing. A click on a bar (or a line's point) emits
 * #CrmChart::activated. Its accessible role is an image: its owner
 * says what it shows in its label and description.
 */

typedef struct
{
  char           *name;
  CrmChartColour  colour;
  double          alpha;
  gboolean        line;
  GArray         *values;  /* double, one per category */
} Series;

typedef struct
{
  graphene_rect_t bounds;
  guint           category;
  guint           series;
} Hit;

struct _CrmChart
{
  GtkWidget     parent_instance;

  CrmChartKind  kind;
  GPtrArray    *categories;  /* char * */
  GPtrArray    *series;      /* Series */
  gboolean      show_legend;
  GArray       *hits;        /* Hit, of the last drawing */
};

G_DEFINE_FINAL_TYPE (CrmChart, crm_chart, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

/* Drawing, on a snapshot or with cairo */

typedef struct _Painter Painter;

struct _Painter
{
  void (*rect) (Painter       *painter,
                const GdkRGBA *colour,
                double         x,
                double         y,
                double         width,
                double         height);
  void (*text) (Painter       *painter,
                PangoLayout   *layout,
                const GdkRGBA *colour,
                double         x,
                double         y);
  void (*line) (Painter       *painter,
                const GdkRGBA *colour,
                double         width,
                const double  *points,
                guint          n_points);
  gpointer                target;     /* GtkSnapshot or cairo_t */
  PangoContext           *context;
  PangoFontDescription   *font;
  const CrmChartPalette  *palette;
  double                  width;
  double                  height;
  GArray                 *hits;       /* nullable */
};

static void
snapshot_rect (Painter       *painter,
               const GdkRGBA *colour,
               double         x,
               double         y,
               double         width,
               double         height)
{
  gtk_snapshot_append_color (painter->target, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
snapshot_text (Painter       *painter,
               PangoLayout   *layout,
               const GdkRGBA *colour,
               double         x,
               double         y)
{
  gtk_snapshot_save (painter->target);
  gtk_snapshot_translate (painter->target, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (painter->target, layout, colour);
  gtk_snapshot_restore (painter->target);
}

static void
cairo_line (cairo_t       *cr,
            const GdkRGBA *colour,
            double         width,
            const double  *points,
            guint          n_points)
{
  if (n_points == 0)
    return;
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, points[0], points[1]);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, points[2 * i], points[2 * i + 1]);
  if (n_points == 1)
    cairo_rel_line_to (cr, 0.01, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* a line is the one thing GTK 4.8's snapshot cannot stroke itself */
static void
snapshot_line (Painter       *painter,
               const GdkRGBA *colour,
               double         width,
               const double  *points,
               guint          n_points)
{
  cairo_t *cr = gtk_snapshot_append_cairo (painter->target,
                                           &GRAPHENE_RECT_INIT (0, 0, painter->width, painter->height));

  cairo_line (cr, colour, width, points, n_points);
  cairo_destroy (cr);
}

static void
cairo_rect (Painter       *painter,
            const GdkRGBA *colour,
            double         x,
            double         y,
            double         width,
            double         height)
{
  gdk_cairo_set_source_rgba (painter->target, colour);
  cairo_rectangle (painter->target, x, y, width, height);
  cairo_fill (painter->target);
}

static void
cairo_text (Painter       *painter,
            PangoLayout   *layout,
            const GdkRGBA *colour,
            double         x,
            double         y)
{
  gdk_cairo_set_source_rgba (painter->target, colour);
  cairo_move_to (painter->target, x, y);
  pango_cairo_show_layout (painter->target, layout);
}

static void
cairo_polyline (Painter       *painter,
                const GdkRGBA *colour,
                double         width,
                const double  *points,
                guint          n_points)
{
  cairo_line (painter->target, colour, width, points, n_points);
}

static PangoLayout *
make_layout (Painter    *painter,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (painter->context);

  pango_layout_set_font_description (layout, painter->font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static GdkRGBA
series_colour (Painter      *painter,
               const Series *series)
{
  GdkRGBA colour = painter->palette->colours[series->colour];

  colour.alpha *= series->alpha;

  return colour;
}

static GdkRGBA
dimmed (Painter *painter,
        double   alpha)
{
  GdkRGBA colour = painter->palette->foreground;

  colour.alpha *= alpha;

  return colour;
}

static char *
format_value (double value)
{
  return g_strdup_printf ("%.0f", value);
}

/* The top of the y axis and its step: 1, 2 or 5 times a power of ten,
 * in whole numbers (the dashboard counts). */
static void
nice_scale (double  max,
            double *top,
            double *step)
{
  double raw = MAX (max, 1) / 4;
  double power = pow (10, floor (log10 (raw)));
  double fraction = raw / power;

  if (fraction <= 1)
    *step = power;
  else if (fraction <= 2)
    *step = 2 * power;
  else if (fraction <= 5)
    *step = 5 * power;
  else
    *step = 10 * power;
  *step = MAX (*step, 1);
  *top = *step * ceil (MAX (max, 1) / *step);
}

static double
value_at (const Series *series,
          guint         category)
{
  return category < series->values->len ? g_array_index (series->values, double, category) : 0;
}

static void
add_hit (Painter *painter,
         double   x,
         double   y,
         double   width,
         double   height,
         guint    category,
         guint    series)
{
  Hit hit = { GRAPHENE_RECT_INIT (x, y, width, height), category, series };

  if (painter->hits != NULL)
    g_array_append_val (painter->hits, hit);
}

/* Draws the legend from @y down; returns its height. */
static double
draw_legend (CrmChart *self,
             Painter  *painter,
             double    y)
{
  double x = 0, row_height = 0, top = y;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      g_autoptr(PangoLayout) layout = make_layout (painter, series->name);
      GdkRGBA colour = series_colour (painter, series);
      double width, height, item;

      layout_size (layout, &width, &height);
      item = height * 0.8 + 4 + width + 12;
      if (x > 0 && x + item > painter->width)
        {
          x = 0;
          y += row_height + 2;
        }
      if (series->line)
        painter->rect (painter, &colour, x, y + height / 2 - 1.5, height * 0.8, 3);
      else
        painter->rect (painter, &colour, x, y + height * 0.1, height * 0.8, height * 0.8);
      painter->text (painter, layout, &painter->palette->foreground, x + height * 0.8 + 4, y);
      row_height = MAX (row_height, height);
      x += item;
    }

  return self->series->len > 0 ? y + row_height - top + 6 : 0;
}

static void
draw (CrmChart *self,
      Painter  *painter)
{
  g_autoptr(PangoLayout) probe = make_layout (painter, "0");
  GdkRGBA grid = dimmed (painter, 0.15);
  GdkRGBA axis = dimmed (painter, 0.45);
  GdkRGBA label = dimmed (painter, 0.75);
  guint n_categories = self->categories->len;
  guint n_bars = 0, label_step = 1;
  double line_height, ignored, top, step, max = 0;
  double legend = 0, axis_width = 0, plot_x, plot_y, plot_width, plot_height, slot, group, bar;

  layout_size (probe, &ignored, &line_height);
  if (painter->width <= 0 || painter->height <= 0)
    return;

  for (guint s = 0; s < self->series->len; s++)
    if (!((Series *) g_ptr_array_index (self->series, s))->line)
      n_bars++;
  for (guint c = 0; c < n_categories; c++)
    {
      double stack = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = g_ptr_array_index (self->series, s);
          double value = value_at (series, c);

          if (isnan (value))
            continue;
          if (!series->line && self->kind == CRM_CHART_STACKED)
            stack += value;
          else
            max = MAX (max, value);
        }
      max = MAX (max, stack);
    }
  nice_scale (max, &top, &step);

  if (self->show_legend)
    legend = draw_legend (self, painter, 0);

  for (double tick = 0; tick <= top + 0.5; tick += step)
    {
      g_autofree char *text = format_value (tick);
      g_autoptr(PangoLayout) layout = make_layout (painter, text);
      double width, height;

      layout_size (layout, &width, &height);
      axis_width = MAX (axis_width, width);
    }

  plot_x = axis_width + 6;
  plot_y = legend + line_height + 2;          /* room for the numbers above the bars */
  plot_width = painter->width - plot_x - 2;
  plot_height = painter->height - plot_y - line_height - 6;
  if (plot_width <= 4 || plot_height <= 4 || n_categories == 0)
    return;

  /* the axis: the steps' numbers and their lines */
  for (double tick = 0; tick <= top + 0.5; tick += step)
    {
      g_autofree char *text = format_value (tick);
      g_autoptr(PangoLayout) layout = make_layout (painter, text);
      double y = plot_y + plot_height - tick / top * plot_height;
      double width, height;

      layout_size (layout, &width, &height);
      painter->text (painter, layout, &label, axis_width - width, y - height / 2);
      painter->rect (painter, tick == 0 ? &axis : &grid, plot_x, y - 0.5, plot_width, 1);
    }

  slot = plot_width / n_categories;
  group = slot * 0.72;
  bar = self->kind == CRM_CHART_STACKED || n_bars == 0 ? group : group / n_bars;

  /* the categories' labels, every label_step-th when they do not fit */
  {
    double widest = 0;

    for (guint c = 0; c < n_categories; c++)
      {
        g_autoptr(PangoLayout) layout = make_layout (painter, g_ptr_array_index (self->categories, c));
        double width, height;

        layout_size (layout, &width, &height);
        widest = MAX (widest, width);
      }
    while (label_step < n_categories && widest + 6 > slot * label_step)
      label_step++;
  }
  for (guint c = 0; c < n_categories; c += label_step)
    {
      g_autoptr(PangoLayout) layout = make_layout (painter, g_ptr_array_index (self->categories, c));
      double width, height, x;

      layout_size (layout, &width, &height);
      x = plot_x + slot * c + slot / 2 - width / 2;
      x = CLAMP (x, 0, painter->width - width);
      painter->text (painter, layout, &label, x, plot_y + plot_height + 3);
    }

  /* the bars */
  for (guint c = 0; c < n_categories; c++)
    {
      double x = plot_x + slot * c + (slot - group) / 2;
      double base = plot_y + plot_height;
      guint n = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = g_ptr_array_index (self->series, s);
          GdkRGBA colour = series_colour (painter, series);
          double value = value_at (series, c);
          double height = value / top * plot_height;
          double bx = self->kind == CRM_CHART_STACKED ? x : x + n * bar;

          if (series->line)
            continue;
          n++;
          if (value <= 0)
            continue;
          painter->rect (painter, &colour, bx + 0.5, base - height, MAX (bar - 1, 1), height);
          /* a low bar is as easy to hit as a taller one */
          add_hit (painter, bx, base - MAX (height, 10), bar, MAX (height, 10), c, s);
          if (self->kind == CRM_CHART_STACKED)
            base -= height;
          else
            {
              g_autofree char *text = format_value (value);
              g_autoptr(PangoLayout) layout = make_layout (painter, text);
              double width, text_height;

              layout_size (layout, &width, &text_height);
              if (width <= bar + 2)
                painter->text (painter, layout, &label, bx + bar / 2 - width / 2, base - height - text_height - 1);
            }
        }
      if (self->kind == CRM_CHART_STACKED && base < plot_y + plot_height)
        {
          g_autofree char *text = format_value ((plot_y + plot_height - base) / plot_height * top);
          g_autoptr(PangoLayout) layout = make_layout (painter, text);
          double width, text_height;

          layout_size (layout, &width, &text_height);
          if (width <= group + 2)
            painter->text (painter, layout, &label, x + group / 2 - width / 2, base - text_height - 1);
        }
    }

  /* the lines over them, a dot on each category */
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      GdkRGBA colour = series_colour (painter, series);
      g_autofree double *points = NULL;

      if (!series->line)
        continue;
      points = g_new (double, 2 * n_categories);
      for (guint c = 0; c < n_categories; c++)
        {
          points[2 * c] = plot_x + slot * c + slot / 2;
          points[2 * c + 1] = plot_y + plot_height - value_at (series, c) / top * plot_height;
        }
      /* a value not known (NAN: a day to come) breaks the line */
      for (guint c = 0, first = 0; c <= n_categories; c++)
        if (c == n_categories || isnan (value_at (series, c)))
          {
            if (c > first)
              painter->line (painter, &colour, 2, points + 2 * first, c - first);
            first = c + 1;
          }
      for (guint c = 0; c < n_categories; c++)
        {
          double dot = MIN (6, MAX (slot / 3, 2));

          if (isnan (value_at (series, c)))
            continue;

          painter->rect (painter, &colour, points[2 * c] - dot / 2, points[2 * c + 1] - dot / 2, dot, dot);
          add_hit (painter, points[2 * c] - MAX (dot, 8), points[2 * c + 1] - MAX (dot, 8), 2 * MAX (dot, 8),
                   2 * MAX (dot, 8), c, s);
        }
    }
}

/* The theme's colours, from the widget's style */

static void
widget_palette (CrmChart        *self,
                CrmChartPalette *palette)
{
  static const char * const names[] = { "accent_color", "success_color", "warning_color", "error_color" };
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &palette->foreground);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!gtk_style_context_lookup_color (context, names[i], &palette->colours[i]))
      palette->colours[i] = palette->foreground;
  G_GNUC_END_IGNORE_DEPRECATIONS
  palette->colours[CRM_CHART_FOREGROUND] = palette->foreground;
  palette->colours[CRM_CHART_FOREGROUND].alpha *= 0.8;
}

/**
 * crm_chart_print_palette:
 * @palette: (out caller-allocates): the colours
 *
 * The colours of a chart on paper: libadwaita's light style's.
 */
void
crm_chart_print_palette (CrmChartPalette *palette)
{
  gdk_rgba_parse (&palette->colours[CRM_CHART_ACCENT], "#1c71d8");
  gdk_rgba_parse (&palette->colours[CRM_CHART_SUCCESS], "#26a269");
  gdk_rgba_parse (&palette->colours[CRM_CHART_WARNING], "#cd9309");
  gdk_rgba_parse (&palette->colours[CRM_CHART_ERROR], "#c01c28");
  gdk_rgba_parse (&palette->foreground, "#000000");
  palette->colours[CRM_CHART_FOREGROUND] = palette->foreground;
  palette->colours[CRM_CHART_FOREGROUND].alpha = 0.8;
}

static PangoFontDescription *
small_font (PangoContext *context)
{
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));
  int size = pango_font_description_get_size (font);

  if (size > 0)
    {
      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size * 0.85);
      else
        pango_font_description_set_size (font, (int) (size * 0.85));
    }

  return font;
}

static void
crm_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CrmChart *self = CRM_CHART (widget);
  CrmChartPalette palette;
  Painter painter = { snapshot_rect, snapshot_text, snapshot_line };

  widget_palette (self, &palette);
  painter.target = snapshot;
  painter.context = gtk_widget_get_pango_context (widget);
  painter.font = small_font (painter.context);
  painter.palette = &palette;
  painter.width = gtk_widget_get_width (widget);
  painter.height = gtk_widget_get_height (widget);
  painter.hits = self->hits;
  g_array_set_size (self->hits, 0);
  draw (self, &painter);
  pango_font_description_free (painter.font);
}

/**
 * crm_chart_draw_cairo:
 * @self: a #CrmChart
 * @cr: where to draw, its origin the chart's top left corner
 * @context: the Pango context of @cr's surface
 * @palette: the colours
 * @width: the chart's width
 * @height: its height
 *
 * Draws the chart with cairo, as on screen (printing).
 */
void
crm_chart_draw_cairo (CrmChart              *self,
                      cairo_t               *cr,
                      PangoContext          *context,
                      const CrmChartPalette *palette,
                      double                 width,
                      double                 height)
{
  Painter painter = { cairo_rect, cairo_text, cairo_polyline };

  g_return_if_fail (CRM_IS_CHART (self));

  painter.target = cr;
  painter.context = context;
  painter.font = small_font (context);
  painter.palette = palette;
  painter.width = width;
  painter.height = height;
  cairo_save (cr);
  draw (self, &painter);
  cairo_restore (cr);
  pango_font_description_free (painter.font);
}

static void
crm_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CrmChart        *self)
{
  /* the lines first: they are drawn over the bars */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = self->hits->len; i > 0; i--)
      {
        Hit *hit = &g_array_index (self->hits, Hit, i - 1);
        Series *series = g_ptr_array_index (self->series, hit->series);

        if ((pass == 0) != series->line)
          continue;
        if (graphene_rect_contains_point (&hit->bounds, &GRAPHENE_POINT_INIT (x, y)))
          {
            gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
            g_signal_emit (self, signals[ACTIVATED], 0, hit->category, hit->series);
            return;
          }
      }
}

static void
crm_chart_finalize (GObject *object)
{
  CrmChart *self = (CrmChart *)object;

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (crm_chart_parent_class)->finalize (object);
}

static void
crm_chart_class_init (CrmChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_chart_finalize;
  widget_class->snapshot = crm_chart_snapshot;
  widget_class->measure = crm_chart_measure;

  /**
   * CrmChart::activated:
   * @self: the chart
   * @category: the category clicked
   * @series: the series of the bar or point clicked
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
crm_chart_init (CrmChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->show_legend = TRUE;
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

/**
 * crm_chart_new:
 * @kind: bars side by side or stacked
 *
 * Returns: (transfer floating): a new, empty chart
 */
GtkWidget *
crm_chart_new (CrmChartKind kind)
{
  CrmChart *self = g_object_new (CRM_TYPE_CHART, NULL);

  self->kind = kind;

  return GTK_WIDGET (self);
}

/**
 * crm_chart_clear:
 * @self: a #CrmChart
 *
 * Takes away the categories and the series.
 */
void
crm_chart_clear (CrmChart *self)
{
  g_return_if_fail (CRM_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series, 0);
  g_array_set_size (self->hits, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * crm_chart_set_categories:
 * @self: a #CrmChart
 * @labels: (array zero-terminated=1): the categories' labels, left to
 *   right
 */
void
crm_chart_set_categories (CrmChart           *self,
                          const char * const *labels)
{
  g_return_if_fail (CRM_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    g_ptr_array_add (self->categories, g_strdup (labels[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * crm_chart_add_series:
 * @self: a #CrmChart
 * @name: its name, in the legend
 * @colour: its colour's meaning
 * @alpha: how opaque, 0 to 1 (shades of one colour)
 * @line: %TRUE to draw it as a line over the bars
 * @values: (array): a value for each category set; NAN for none (a
 *   line's point not drawn)
 */
void
crm_chart_add_series (CrmChart       *self,
                      const char     *name,
                      CrmChartColour  colour,
                      double          alpha,
                      gboolean        line,
                      const double   *values)
{
  Series *series;

  g_return_if_fail (CRM_IS_CHART (self));
  g_return_if_fail (colour < CRM_CHART_N_COLOURS);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->colour = colour;
  series->alpha = CLAMP (alpha, 0, 1);
  series->line = line;
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), self->categories->len);
  if (self->categories->len > 0)
    g_array_append_vals (series->values, values, self->categories->len);
  g_ptr_array_add (self->series, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * crm_chart_set_show_legend:
 * @self: a #CrmChart
 * @show: whether the series' names show above the chart
 */
void
crm_chart_set_show_legend (CrmChart *self,
                           gboolean  show)
{
  g_return_if_fail (CRM_IS_CHART (self));

  self->show_legend = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
crm_chart_get_n_series (CrmChart *self)
{
  g_return_val_if_fail (CRM_IS_CHART (self), 0);

  return self->series->len;
}

guint
crm_chart_get_n_categories (CrmChart *self)
{
  g_return_val_if_fail (CRM_IS_CHART (self), 0);

  return self->categories->len;
}

/**
 * crm_chart_get_bar:
 * @self: a #CrmChart
 * @category: a category
 * @series: a series
 * @bounds: (out): where its bar (or point) was drawn last, in the
 *   widget's coordinates
 *
 * Returns: %TRUE when it was drawn (a value above 0)
 */
gboolean
crm_chart_get_bar (CrmChart        *self,
                   guint            category,
                   guint            series,
                   graphene_rect_t *bounds)
{
  g_return_val_if_fail (CRM_IS_CHART (self), FALSE);

  for (guint i = 0; i < self->hits->len; i++)
    {
      Hit *hit = &g_array_index (self->hits, Hit, i);

      if (hit->category == category && hit->series == series)
        {
          *bounds = hit->bounds;
          return TRUE;
        }
    }

  return FALSE;
}
