/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-project-spec"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-project-spec.h"
#include "crm-project-store.h"
#include "crm-ticket-store.h"

/**
 * CrmProjectSpec:
 *
 * A project's specification as the client gets it (RQ8): the office's
 * name when it has one, the client, the request's number and subject,
 * the project's name, a table of its items (material, quantity, unit,
 * price, the line's total, terms) and the total, on A4 pages in a PDF
 * file: laid out with Pango, the table running on to the next page
 * under its header again where it must, each page numbered.
 *
 * Read with crm_project_spec_read () on a worker; written on any
 * thread.
 */

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_MATERIAL,
  COLUMN_QUANTITY,
  COLUMN_UNIT,
  COLUMN_PRICE,
  COLUMN_TOTAL,
  COLUMN_TERMS,
  N_COLUMNS
} Column;

typedef struct
{
  char *cells[N_COLUMNS];
} Line;

struct _CrmProjectSpec
{
  GObject     parent_instance;

  gint64      project_id;
  char       *office;     /* nullable */
  char       *title;
  char       *details;
  char       *currency;
  char       *total;
  char       *name;
  GPtrArray  *lines;      /* (element-type Line) */
};

G_DEFINE_FINAL_TYPE (CrmProjectSpec, crm_project_spec, G_TYPE_OBJECT)

/* A4 in points, 2 cm margins */
#define PDF_WIDTH 595.0
#define PDF_HEIGHT 842.0
#define PDF_MARGIN 56.7
#define PAD 3.0
#define FOOTER 20.0

/* the columns' shares of the printable width; the numbers' right-aligned */
static const double shares[N_COLUMNS] = { 0.065, 0.245, 0.13, 0.08, 0.14, 0.15, 0.19 };
static const gboolean numeric[N_COLUMNS] = { TRUE, FALSE, TRUE, FALSE, TRUE, TRUE, FALSE };

static void
line_free (gpointer data)
{
  Line *line = data;

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (line->cells[i]);
  g_free (line);
}

static void
crm_project_spec_finalize (GObject *object)
{
  CrmProjectSpec *self = CRM_PROJECT_SPEC (object);

  g_free (self->office);
  g_free (self->title);
  g_free (self->details);
  g_free (self->currency);
  g_free (self->total);
  g_free (self->name);
  g_ptr_array_unref (self->lines);

  G_OBJECT_CLASS (crm_project_spec_parent_class)->finalize (object);
}

static void
crm_project_spec_class_init (CrmProjectSpecClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_project_spec_finalize;
}

static void
crm_project_spec_init (CrmProjectSpec *self)
{
  self->lines = g_ptr_array_new_with_free_func (line_free);
}

/**
 * crm_project_spec_read:
 * @session: a session (a worker's: this reads the database)
 * @project_id: the project
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the specification to be written, or %NULL
 *   with @error set
 */
CrmProjectSpec *
crm_project_spec_read (CrmSession  *session,
                       gint64       project_id,
                       GError     **error)
{
  CrmProjectStore *store;
  g_autoptr(CrmProjectSpec) self = NULL;
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  const char *client;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  store = crm_project_store_from_session (session);
  if (!(project = crm_project_store_get (store, project_id, error)) ||
      !(ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), project->ticket_id, 0, error)))
    return NULL;

  self = g_object_new (CRM_TYPE_PROJECT_SPEC, NULL);
  self->project_id = project_id;
  self->name = g_strdup (project->name);
  self->office = crm_project_store_dup_office (store, project->ticket_id);
  self->currency = crm_project_store_dup_currency (store);
  /* Translators: a specification's title; a project's name */
  self->title = g_strdup_printf (_("Specification: %s"), project->name);
  now = crm_clock_now (crm_session_get_clock (session));
  date = g_date_time_format (now, "%Y-%m-%d");
  client = crm_ticket_get_client_label (ticket);
  /* Translators: under a specification's title: the client, the
   * request's number and subject, the date it was written */
  self->details = g_strdup_printf (_("Client: %s\nRequest #%lld: %s\nDate: %s"),
                                   client != NULL ? client : _("no client"), (long long) project->ticket_id,
                                   crm_ticket_get_subject (ticket), date);

  for (guint i = 0; i < project->items->len; i++)
    {
      CrmProjectItem *item = g_ptr_array_index (project->items, i);
      Line *line = g_new0 (Line, 1);

      line->cells[COLUMN_NUMBER] = g_strdup_printf ("%u", i + 1);
      line->cells[COLUMN_MATERIAL] = g_strdup (item->material);
      line->cells[COLUMN_QUANTITY] = crm_project_format_quantity (item->quantity);
      line->cells[COLUMN_UNIT] = g_strdup (item->unit != NULL ? item->unit : "");
      line->cells[COLUMN_PRICE] = crm_project_format_money (item->price);
      line->cells[COLUMN_TOTAL] = crm_project_format_money (crm_project_item_get_total (item));
      line->cells[COLUMN_TERMS] = g_strdup (item->terms != NULL ? item->terms : "");
      g_ptr_array_add (self->lines, line);
    }
  self->total = crm_project_format_money (project->total);

  return g_steal_pointer (&self);
}

/**
 * crm_project_spec_dup_file_name:
 * @self: a #CrmProjectSpec
 *
 * Returns: (transfer full): a name for the PDF file, from the project's
 *   number and name: "Specification 3 - Gate.pdf"
 */
char *
crm_project_spec_dup_file_name (CrmProjectSpec *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_PROJECT_SPEC (self), NULL);

  /* no path separators nor characters mail programs trip over */
  name = g_strdup (self->name);
  g_strdelimit (name, "/\\:*?\"<>|\n\r\t", '-');

  /* Translators: the file name of a project's specification: its number and name */
  return g_strdup_printf (_("Specification %lld - %s.pdf"), (long long) self->project_id, name);
}

/* Layout */

typedef struct
{
  PangoLayout *cells[N_COLUMNS];   /* a NULL cell is not drawn */
  double       height;
  gboolean     heading;            /* the table's header: shaded */
  gboolean     ruled;              /* a line under it */
} Row;

typedef struct
{
  Row    *row;
  double  y;
} Placed;

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&row->cells[i]);
  g_free (row);
}

static PangoLayout *
new_layout (PangoContext *context,
            const char   *text,
            const char   *font,
            double        width,
            gboolean      right)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* A row of the table, measured; @across: one text as wide as @widths
 * says, never aligned as a number. */
static Row *
new_row (PangoContext       *context,
         const char * const *texts,
         const double       *widths,
         const char         *font,
         gboolean            across,
         gboolean            heading,
         gboolean            ruled)
{
  Row *row = g_new0 (Row, 1);

  row->heading = heading;
  row->ruled = ruled;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      int height;

      if (texts[c] == NULL)
        continue;
      row->cells[c] = new_layout (context, texts[c], font, widths[c] - 2 * PAD, numeric[c] && !across);
      pango_layout_get_size (row->cells[c], NULL, &height);
      row->height = MAX (row->height, (double) height / PANGO_SCALE + 2 * PAD);
    }

  return row;
}

static void
draw_row (cairo_t      *cr,
          const Row    *row,
          double        y,
          const double *xs,
          double        width)
{
  if (row->heading)
    {
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, 0, y, width, row->height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    if (row->cells[c] != NULL)
      {
        cairo_move_to (cr, xs[c] + PAD, y + PAD);
        pango_cairo_show_layout (cr, row->cells[c]);
      }
  if (row->ruled)
    {
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, 0, y + row->height);
      cairo_line_to (cr, width, y + row->height);
      cairo_stroke (cr);
    }
}

/**
 * crm_project_spec_to_pdf:
 * @self: a #CrmProjectSpec
 * @path: the PDF file to write (replaced)
 * @error: return location for a #GError
 *
 * Writes the specification, A4, into a PDF file.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_project_spec_to_pdf (CrmProjectSpec  *self,
                         const char      *path,
                         GError         **error)
{
  double width = PDF_WIDTH - 2 * PDF_MARGIN;
  double height = PDF_HEIGHT - 2 * PDF_MARGIN - FOOTER;
  double widths[N_COLUMNS], xs[N_COLUMNS];
  double whole[N_COLUMNS] = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *price_heading = NULL;
  g_autofree char *total_heading = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  PangoContext *context;
  Row *heading;
  GArray *page = NULL;
  double y = 0;

  g_return_val_if_fail (CRM_IS_PROJECT_SPEC (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      widths[c] = shares[c] * width;
      xs[c] = c == 0 ? 0 : xs[c - 1] + widths[c - 1];
    }
  /* texts across the page: the first column as wide as the page */
  whole[0] = width;

  surface = cairo_pdf_surface_create (path, PDF_WIDTH, PDF_HEIGHT);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);

#define ACROSS(text, font) \
  new_row (context, (const char *[]) { (text), NULL, NULL, NULL, NULL, NULL, NULL }, whole, (font), TRUE, FALSE, FALSE)

  /* Translators: a column of a specification: the amount, then the currency */
  price_heading = g_strdup_printf (_("Price (%s)"), self->currency);
  /* Translators: a column of a specification: the line's total, then the currency */
  total_heading = g_strdup_printf (_("Total (%s)"), self->currency);
  {
    const char *texts[N_COLUMNS] = {
      /* Translators: a column of a specification: the item's number */
      C_("specification", "No."),
      C_("specification", "Material"),
      C_("specification", "Quantity"),
      C_("specification", "Unit"),
      price_heading,
      total_heading,
      C_("specification", "Terms"),
    };

    heading = new_row (context, texts, widths, "Sans Bold 8", FALSE, TRUE, TRUE);
    g_ptr_array_add (rows, heading);
  }

  /* the top of the first page */
  page = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (pages, page);
#define PLACE(the_row, gap) \
  G_STMT_START { \
    Placed placed = { (the_row), y + (gap) }; \
    g_array_append_val (page, placed); \
    y += (gap) + (the_row)->height; \
  } G_STMT_END
  if (self->office != NULL)
    {
      Row *office = ACROSS (self->office, "Sans Bold 11");

      g_ptr_array_add (rows, office);
      PLACE (office, 0);
    }
  {
    Row *title = ACROSS (self->title, "Sans Bold 15");
    Row *details = ACROSS (self->details, "Sans 10");

    g_ptr_array_add (rows, title);
    g_ptr_array_add (rows, details);
    PLACE (title, y > 0 ? 6 : 0);
    PLACE (details, 4);
    y += 14;
  }
  PLACE (heading, 0);

  /* the items, the table's header again on each new page */
  for (guint i = 0; i <= self->lines->len; i++)
    {
      Row *row;

      if (i < self->lines->len)
        {
          Line *line = g_ptr_array_index (self->lines, i);

          row = new_row (context, (const char * const *) line->cells, widths, "Sans 9", FALSE, FALSE, TRUE);
        }
      else
        {
          const char *texts[N_COLUMNS] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
          double total_widths[N_COLUMNS];

          /* the total: its label across the first columns, its amount under the totals */
          memcpy (total_widths, widths, sizeof total_widths);
          total_widths[COLUMN_NUMBER] = xs[COLUMN_TOTAL];
          texts[COLUMN_NUMBER] = total_heading;
          texts[COLUMN_TOTAL] = self->total;
          row = new_row (context, texts, total_widths, "Sans Bold 9", FALSE, FALSE, FALSE);
        }
      g_ptr_array_add (rows, row);
      if (y + row->height > height && y > heading->height)
        {
          page = g_array_new (FALSE, FALSE, sizeof (Placed));
          g_ptr_array_add (pages, page);
          y = 0;
          if (i < self->lines->len)
            PLACE (heading, 0);
        }
      PLACE (row, 0);
    }
#undef PLACE
#undef ACROSS

  for (guint p = 0; p < pages->len; p++)
    {
      GArray *placed = g_ptr_array_index (pages, p);
      g_autofree char *number = NULL;
      g_autoptr(PangoLayout) footer = NULL;

      cairo_save (cr);
      cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
      for (guint i = 0; i < placed->len; i++)
        draw_row (cr, g_array_index (placed, Placed, i).row, g_array_index (placed, Placed, i).y, xs, width);
      /* Translators: at the foot of each page of a specification */
      number = g_strdup_printf (_("Page %u of %u"), p + 1, pages->len);
      footer = new_layout (context, number, "Sans 8", width, TRUE);
      cairo_move_to (cr, 0, height + FOOTER / 2);
      pango_cairo_show_layout (cr, footer);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: a file's path, then why it could not be written */
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
