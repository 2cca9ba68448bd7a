/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-csv.h"
#include "crm-error.h"

/* Reading CSV files (the offers' import, the calls' and chats'): rows
 * of fields, each row knowing the line of the file it starts on, so
 * that what is wrong with it can be said by its line. */

/**
 * crm_csv_row_free:
 * @row: (nullable): a #CrmCsvRow
 */
void
crm_csv_row_free (gpointer row)
{
  CrmCsvRow *self = row;

  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/**
 * crm_csv_guess_separator:
 * @text: the file's text
 * @length: its length
 *
 * Returns: ';' when the first line has semicolons and no comma (as
 *   spreadsheets write CSV where the comma is the decimal point), else ','
 */
char
crm_csv_guess_separator (const char *text,
                         gsize       length)
{
  const char *end_of_header = memchr (text, '\n', length);
  gsize first = end_of_header != NULL ? (gsize) (end_of_header - text) : length;

  if (memchr (text, ',', first) == NULL && memchr (text, ';', first) != NULL)
    return ';';

  return ',';
}

/**
 * crm_csv_parse:
 * @text: the file's text, UTF-8 (a byte order mark is skipped)
 * @length: its length
 * @separator: the fields' separator
 * @error: return location for a #GError
 *
 * RFC 4180: fields in double quotes may hold the separator, line
 * breaks and doubled quotes. Blank lines are no rows.
 *
 * Returns: (transfer full) (element-type CrmCsvRow): the rows, or
 *   %NULL with %CRM_ERROR_INVALID naming the line where a quoted field
 *   is not closed or text follows its closing quote
 */
GPtrArray *
crm_csv_parse (const char  *text,
               gsize        length,
               char         separator,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (crm_csv_row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  CrmCsvRow *row = NULL;
  guint line = 1;
  gsize i = 0;

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i < length)
    {
      gboolean quoted = FALSE;
      guint field_line = line;

      if (row == NULL)
        {
          row = g_new0 (CrmCsvRow, 1);
          row->line = line;
          row->fields = g_ptr_array_new_with_free_func (g_free);
        }

      g_string_truncate (field, 0);
      if (text[i] == '"')
        {
          quoted = TRUE;
          i++;
          for (;;)
            {
              if (i >= length)
                {
                  crm_csv_row_free (row);
                  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                               /* Translators: %u is a line number of a file */
                               _("Line %u: a quoted field is not closed."), field_line);
                  return NULL;
                }
              if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i += 2;
                  continue;
                }
              if (text[i] == '"')
                {
                  i++;
                  break;
                }
              if (text[i] == '\n')
                line++;
              g_string_append_c (field, text[i++]);
            }
        }
      while (i < length && text[i] != separator && text[i] != '\n' && text[i] != '\r')
        {
          if (quoted && text[i] != ' ' && text[i] != '\t')
            {
              crm_csv_row_free (row);
              g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                           /* Translators: %u is a line number of a file */
                           _("Line %u: text after a closing quote; double a quote inside a quoted field."),
                           line);
              return NULL;
            }
          if (!quoted)
            g_string_append_c (field, text[i]);
          i++;
        }
      g_ptr_array_add (row->fields, g_strdup (field->str));

      if (i < length && text[i] == separator)
        {
          i++;
          if (i == length)
            g_ptr_array_add (row->fields, g_strdup (""));
          continue;
        }
      if (i < length && text[i] == '\r')
        i++;
      if (i < length && text[i] == '\n')
        i++;
      line++;
      /* a blank line is no row */
      if (row->fields->len == 1 && *(char *) g_ptr_array_index (row->fields, 0) == '\0')
        crm_csv_row_free (row);
      else
        g_ptr_array_add (rows, row);
      row = NULL;
    }
  if (row != NULL)
    g_ptr_array_add (rows, row);

  return g_steal_pointer (&rows);
}

