/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-print"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "crm-attachment.h"
#include "crm-error.h"
#include "crm-ticket-print.h"
#include "crm-ticket-store.h"
#include "crm-ticket-timeline.h"

/**
 * CrmTicketPrint:
 *
 * A ticket's messages as printed pages (TK15): the ticket's number,
 * subject, status and client at the top, then each message chosen (all
 * by default) with who wrote it and when, its text, and, when asked, a
 * line naming its attachments. The same pages go to a printer through
 * GtkPrintOperation (the window) or into a PDF file (crmctl tickets
 * print --pdf): laid out line by line with Pango, a message running on
 * to the next page where it must.
 *
 * Read with crm_ticket_print_read() on a worker; paginate and draw on
 * the thread that prints.
 */

typedef struct
{
  char   *heading;
  char   *text;
  char   *files;    /* nullable: the attachments' line */
} Block;

typedef struct
{
  PangoLayout *layout;
  int          line;
  double       y;
} Placed;

struct _CrmTicketPrint
{
  GObject     parent_instance;

  char       *title;
  char       *details;
  GPtrArray  *blocks;    /* (element-type Block) */

  /* as paginated */
  GPtrArray  *layouts;   /* (element-type PangoLayout) */
  GArray     *gaps;      /* (element-type double): room before each layout */
  GPtrArray  *pages;     /* (element-type GArray of Placed) */
};

G_DEFINE_FINAL_TYPE (CrmTicketPrint, crm_ticket_print, G_TYPE_OBJECT)

/* A4 in points, with 2 cm margins, for a PDF */
#define PDF_WIDTH 595.0
#define PDF_HEIGHT 842.0
#define PDF_MARGIN 56.7

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->heading);
  g_free (block->text);
  g_free (block->files);
  g_free (block);
}

static void
crm_ticket_print_finalize (GObject *object)
{
  CrmTicketPrint *self = CRM_TICKET_PRINT (object);

  g_free (self->title);
  g_free (self->details);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->gaps, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_ticket_print_parent_class)->finalize (object);
}

static void
crm_ticket_print_class_init (CrmTicketPrintClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_ticket_print_finalize;
}

static void
crm_ticket_print_init (CrmTicketPrint *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

static gboolean
chosen (const gint64 *ids,
        guint         n_ids,
        gint64        id)
{
  if (n_ids == 0)
    return TRUE;
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;

  return FALSE;
}

/**
 * crm_ticket_print_read:
 * @session: a session (a worker's: this reads the database)
 * @ticket_id: the ticket
 * @message_ids: (array length=n_message_ids) (nullable): the messages to
 *   print, or none for all
 * @n_message_ids: how many
 * @attachments_marker: whether a line under each message names its
 *   attachments
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the pages to be, or %NULL with @error set
 *   (no such ticket; a message asked for that is not the ticket's)
 */
CrmTicketPrint *
crm_ticket_print_read (CrmSession    *session,
                       gint64         ticket_id,
                       const gint64  *message_ids,
                       guint          n_message_ids,
                       gboolean       attachments_marker,
                       GError       **error)
{
  g_autoptr(CrmTicketPrint) self = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint found = 0;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), ticket_id, 0, error)) ||
      !(entries = crm_ticket_timeline_read (session, ticket_id, NULL, NULL, error)))
    return NULL;

  self = g_object_new (CRM_TYPE_TICKET_PRINT, NULL);
  /* Translators: a printed ticket's title: its number and subject */
  self->title = g_strdup_printf (_("Ticket #%lld: %s"), (long long) ticket_id, crm_ticket_get_subject (ticket));
  /* Translators: under a printed ticket's title: status, queue, client */
  self->details = g_strdup_printf (_("%s · %s · %s"), crm_ticket_display_name (crm_ticket_get_status (ticket)),
                                   crm_ticket_display_name (crm_ticket_get_queue (ticket)),
                                   crm_ticket_get_client_label (ticket) ? crm_ticket_get_client_label (ticket)
                                                                        : _("no client"));

  for (guint i = 0; i < entries->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = NULL;
      Block *block;

      if ((entry->kind != CRM_TIMELINE_ENTRY_IN && entry->kind != CRM_TIMELINE_ENTRY_OUT) || entry->message_id == 0 ||
          !chosen (message_ids, n_message_ids, entry->message_id))
        continue;
      found++;
      {
        g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);

        when = g_date_time_format (at, "%Y-%m-%d %H:%M");
      }
      block = g_new0 (Block, 1);
      block->heading = entry->kind == CRM_TIMELINE_ENTRY_IN
                       /* Translators: a printed message's heading: sender, time */
                       ? g_strdup_printf (_("From %s · %s"), entry->who ? entry->who : "", when)
                       /* Translators: a printed reply's heading: recipient, time */
                       : g_strdup_printf (_("To %s · %s"), entry->who ? entry->who : "", when);
      block->text = g_strdup (entry->text ? entry->text : "");
      if (attachments_marker && entry->attachments != NULL && g_list_model_get_n_items (entry->attachments) > 0)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint a = 0; a < g_list_model_get_n_items (entry->attachments); a++)
            {
              g_autoptr(CrmAttachment) attachment = g_list_model_get_item (entry->attachments, a);

              g_string_append_printf (names, "%s%s", a > 0 ? ", " : "", crm_attachment_get_name (attachment));
            }
          /* Translators: under a printed message: the names of its files */
          block->files = g_strdup_printf (_("Attachments: %s"), names->str);
        }
      g_ptr_array_add (self->blocks, block);
    }

  if (n_message_ids > 0 && found != n_message_ids)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: a ticket's number */
                   _("Not every message asked for is a message of ticket #%lld."), (long long) ticket_id);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static PangoLayout *
new_layout (PangoContext *context,
            const char   *text,
            const char   *font,
            double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/**
 * crm_ticket_print_paginate:
 * @self: a #CrmTicketPrint
 * @context: the Pango context of the pages (a print context's, or a
 *   cairo surface's)
 * @width: the printable width, in the context's units
 * @height: the printable height
 *
 * Lays the pages out.
 *
 * Returns: how many pages there are
 */
guint
crm_ticket_print_paginate (CrmTicketPrint *self,
                           PangoContext   *context,
                           double          width,
                           double          height)
{
  GArray *page;
  double y = 0;

  g_return_val_if_fail (CRM_IS_TICKET_PRINT (self), 0);

  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->gaps, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

#define ADD(text, font, gap) \
  G_STMT_START { \
    double room = (gap); \
    g_ptr_array_add (self->layouts, new_layout (context, (text), (font), width)); \
    g_array_append_val (self->gaps, room); \
  } G_STMT_END

  ADD (self->title, "Sans Bold 14", 0);
  ADD (self->details, "Sans 9", 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      /* a message begins after a gap */
      ADD (block->heading, "Sans Bold 10", 16);
      ADD (block->text, "Sans 10", 4);
      if (block->files != NULL)
        ADD (block->files, "Sans Italic 9", 4);
    }
#undef ADD

  page = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (self->pages, page);
  for (guint l = 0; l < self->layouts->len; l++)
    {
      PangoLayout *layout = g_ptr_array_index (self->layouts, l);
      int n_lines = pango_layout_get_line_count (layout);

      if (y > 0)
        y += g_array_index (self->gaps, double, l);
      for (int line = 0; line < n_lines; line++)
        {
          PangoRectangle logical;
          Placed placed;
          double line_height;

          pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, line), NULL, &logical);
          line_height = (double) logical.height / PANGO_SCALE;
          if (y + line_height > height && y > 0)
            {
              page = g_array_new (FALSE, FALSE, sizeof (Placed));
              g_ptr_array_add (self->pages, page);
              y = 0;
            }
          placed.layout = layout;
          placed.line = line;
          placed.y = y + (double) PANGO_ASCENT (logical) / PANGO_SCALE;
          g_array_append_val (page, placed);
          y += line_height;
        }
    }

  return self->pages->len;
}

/**
 * crm_ticket_print_draw_page:
 * @self: a #CrmTicketPrint
 * @cr: the page's cairo context, its origin the printable area's corner
 * @page: the page, from 0
 *
 * Draws a page laid out by crm_ticket_print_paginate().
 */
void
crm_ticket_print_draw_page (CrmTicketPrint *self,
                            cairo_t        *cr,
                            guint           page)
{
  GArray *lines;

  g_return_if_fail (CRM_IS_TICKET_PRINT (self));
  g_return_if_fail (self->pages != NULL && page < self->pages->len);

  lines = g_ptr_array_index (self->pages, page);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      Placed *placed = &g_array_index (lines, Placed, i);

      cairo_move_to (cr, 0, placed->y);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (placed->layout, placed->line));
    }
}

/**
 * crm_ticket_print_to_pdf:
 * @self: a #CrmTicketPrint
 * @path: the PDF file to write (replaced)
 * @error: return location for a #GError
 *
 * Writes the pages, A4, into a PDF file.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_ticket_print_to_pdf (CrmTicketPrint  *self,
                         const char      *path,
                         GError         **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  PangoContext *context;
  guint n_pages;

  g_return_val_if_fail (CRM_IS_TICKET_PRINT (self), FALSE);

  surface = cairo_pdf_surface_create (path, PDF_WIDTH, PDF_HEIGHT);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  n_pages = crm_ticket_print_paginate (self, context, PDF_WIDTH - 2 * PDF_MARGIN, PDF_HEIGHT - 2 * PDF_MARGIN);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
      crm_ticket_print_draw_page (self, cr, page);
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
