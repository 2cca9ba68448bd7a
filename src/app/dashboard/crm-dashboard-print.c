/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-dashboard-print.h"

/* The Dashboard page printed (GtkPrintOperation): its title and period,
 * then each card: its title, its main figures, its chart drawn with
 * cairo as on screen (in the light style's colours, on paper) and its
 * table, paginated (a card's title never alone at a page's foot, a
 * table's rows carried over with its header repeated). */

#define CHART_HEIGHT 150.0
#define GAP 10.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_CARD,        /* title, figures, chart */
  BLOCK_HEADER,      /* a table's header */
  BLOCK_ROW,
} BlockKind;

typedef struct
{
  BlockKind         kind;
  CrmDashboardTile *card;
  guint             row;
  double            height;
  guint             page;
  double            y;
} Block;

typedef struct
{
  GPtrArray *cards;    /* CrmDashboardTile */
  char      *title;
  GArray    *blocks;   /* Block */
  double     line;     /* a table row's height */
} Print;

static void
print_free (gpointer data)
{
  Print *print = data;

  g_ptr_array_unref (print->cards);
  g_free (print->title);
  g_array_unref (print->blocks);
  g_free (print);
}

static PangoLayout *
text_layout (GtkPrintContext *context,
             const char      *text,
             const char      *font,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
text_height (GtkPrintContext *context,
             const char      *text,
             const char      *font,
             double           width)
{
  g_autoptr(PangoLayout) layout = text_layout (context, text, font, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);

  return h;
}

static double
card_height (GtkPrintContext  *context,
             CrmDashboardTile *card,
             double            width)
{
  g_autofree char *figures = crm_dashboard_tile_get_figures_text (card);

  return text_height (context, crm_dashboard_tile_get_title (card), "Sans Bold 12", width) + 4 +
         (*figures != '\0' ? text_height (context, figures, "Sans 9", width) + 4 : 0) + CHART_HEIGHT + 6;
}

static void
add_block (Print            *print,
           BlockKind         kind,
           CrmDashboardTile *card,
           guint             row,
           double            height)
{
  Block block = { kind, card, row, height, 0, 0 };

  g_array_append_val (print->blocks, block);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Print             *print)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double y = 0;
  guint page = 0;

  print->line = text_height (context, "Ag", "Sans 8", width) + 3;
  g_array_set_size (print->blocks, 0);
  add_block (print, BLOCK_TITLE, NULL, 0, text_height (context, print->title, "Sans Bold 16", width) + GAP);
  for (guint i = 0; i < print->cards->len; i++)
    {
      CrmDashboardTile *card = g_ptr_array_index (print->cards, i);

      add_block (print, BLOCK_CARD, card, 0, card_height (context, card, width));
      add_block (print, BLOCK_HEADER, card, 0, print->line + 2);
      for (guint r = 0; r < crm_dashboard_tile_get_n_rows (card); r++)
        add_block (print, BLOCK_ROW, card, r, print->line);
    }

  for (guint i = 0; i < print->blocks->len; i++)
    {
      Block *block = &g_array_index (print->blocks, Block, i);
      double needed = block->height;

      /* a card's title and chart with its table's header and first row */
      if (block->kind == BLOCK_CARD)
        needed += 3 * print->line + 2;
      else if (block->kind == BLOCK_HEADER)
        needed += print->line;
      if (block->kind == BLOCK_CARD && i > 1)
        y += GAP;
      if (y > 0 && y + needed > height)
        {
          page++;
          y = 0;
          /* the table goes on: its header again */
          if (block->kind == BLOCK_ROW)
            {
              Block header = { BLOCK_HEADER, block->card, 0, print->line + 2, page, 0 };

              g_array_insert_val (print->blocks, i, header);
              block = &g_array_index (print->blocks, Block, i);
            }
        }
      block->page = page;
      block->y = y;
      y += block->height;
    }
  gtk_print_operation_set_n_pages (operation, (int) page + 1);
}

static void
draw_text (cairo_t         *cr,
           GtkPrintContext *context,
           const char      *text,
           const char      *font,
           double           x,
           double           y,
           double           width,
           gboolean         one_line,
           gboolean         right)
{
  g_autoptr(PangoLayout) layout = text_layout (context, text, font, width);

  if (one_line)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
is_number (const char *text)
{
  return text != NULL && (g_ascii_isdigit (*text) || (*text == '-' && g_ascii_isdigit (text[1])));
}

/* The columns' widths: the first wider, the others alike */
static void
draw_cells (cairo_t            *cr,
            GtkPrintContext    *context,
            const char * const *cells,
            const char * const *first_row,
            double              y,
            gboolean            header)
{
  double width = gtk_print_context_get_width (context);
  guint n = cells != NULL ? g_strv_length ((char **) cells) : 0;
  double first, other, x;

  if (n == 0)
    return;
  first = n == 1 ? width : n <= 3 ? width * 0.5 : width * 0.3;
  other = n > 1 ? (width - first) / (n - 1) : 0;
  for (guint i = 0; i < n; i++)
    {
      double w = i == 0 ? first : other;

      x = i == 0 ? 0 : first + (i - 1) * other;
      draw_text (cr, context, cells[i], header ? "Sans Bold 8" : "Sans 8", x + 2, y, w - 6, TRUE,
                 i > 0 && (header ? first_row != NULL && i < g_strv_length ((char **) first_row) &&
                                    is_number (first_row[i])
                                  : is_number (cells[i])));
    }
}

static void
draw_card (cairo_t          *cr,
           GtkPrintContext  *context,
           CrmDashboardTile *card,
           double            y)
{
  double width = gtk_print_context_get_width (context);
  g_autofree char *figures = crm_dashboard_tile_get_figures_text (card);
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  CrmChartPalette palette;

  draw_text (cr, context, crm_dashboard_tile_get_title (card), "Sans Bold 12", 0, y, width, FALSE, FALSE);
  y += text_height (context, crm_dashboard_tile_get_title (card), "Sans Bold 12", width) + 4;
  if (*figures != '\0')
    {
      draw_text (cr, context, figures, "Sans 9", 0, y, width, FALSE, FALSE);
      y += text_height (context, figures, "Sans 9", width) + 4;
    }
  if (chart != NULL)
    {
      PangoContext *pango = gtk_print_context_create_pango_context (context);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 8");

      pango_context_set_font_description (pango, font);
      pango_font_description_free (font);
      crm_chart_print_palette (&palette);
      cairo_save (cr);
      cairo_translate (cr, 0, y);
      crm_chart_draw_cairo (chart, cr, pango, &palette, width, CHART_HEIGHT);
      cairo_restore (cr);
      g_object_unref (pango);
    }
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Print             *print)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < print->blocks->len; i++)
    {
      Block *block = &g_array_index (print->blocks, Block, i);

      if (block->page != (guint) page)
        continue;
      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (block->kind)
        {
        case BLOCK_TITLE:
          draw_text (cr, context, print->title, "Sans Bold 16", 0, block->y, width, FALSE, FALSE);
          break;
        case BLOCK_CARD:
          draw_card (cr, context, block->card, block->y);
          break;
        case BLOCK_HEADER:
          draw_cells (cr, context, crm_dashboard_tile_get_columns (block->card),
                      crm_dashboard_tile_get_n_rows (block->card) > 0 ? crm_dashboard_tile_get_row (block->card, 0) : NULL,
                      block->y, TRUE);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
          cairo_rectangle (cr, 0, block->y + block->height - 1.5, width, 0.5);
          cairo_fill (cr);
          break;
        case BLOCK_ROW:
          if (block->row % 2 == 1)
            {
              cairo_set_source_rgba (cr, 0, 0, 0, 0.06);
              cairo_rectangle (cr, 0, block->y, width, block->height);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0, 0, 0);
            }
          draw_cells (cr, context, crm_dashboard_tile_get_row (block->card, block->row), NULL, block->y + 1, FALSE);
          break;
        default:
          break;
        }
    }
}

/**
 * crm_dashboard_print:
 * @parent: the page printed
 * @cards: (array length=n_cards): its cards, in order
 * @n_cards: how many
 * @title: the title on the first page
 * @export_file: (nullable): a PDF to write without the dialog (tests),
 *   or %NULL for the print dialog
 * @error: return location for a #GError
 *
 * Prints the cards' figures, charts and tables.
 *
 * Returns: %FALSE with @error set when printing failed
 */
gboolean
crm_dashboard_print (GtkWidget         *parent,
                     CrmDashboardTile **cards,
                     guint              n_cards,
                     const char        *title,
                     const char        *export_file,
                     GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  Print *print = g_new0 (Print, 1);
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkPrintOperationResult done;

  print->cards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_cards; i++)
    g_ptr_array_add (print->cards, g_object_ref (cards[i]));
  print->title = g_strdup (title);
  print->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_object_set_data_full (G_OBJECT (operation), "crm-print", print, print_free);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, title);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  if (export_file != NULL)
    gtk_print_operation_set_export_filename (operation, export_file);
  done = gtk_print_operation_run (operation,
                                  export_file != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                      : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);

  return done != GTK_PRINT_OPERATION_RESULT_ERROR;
}
