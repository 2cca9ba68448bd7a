/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmCsvRow:
 * @line: the line of the file it starts on, from 1
 * @fields: (element-type utf8): its fields
 *
 * One row of a CSV file.
 */
typedef struct
{
  guint      line;
  GPtrArray *fields;
} CrmCsvRow;

void       crm_csv_row_free        (gpointer     row);
char       crm_csv_guess_separator (const char  *text,
                                    gsize        length);
GPtrArray *crm_csv_parse           (const char  *text,
                                    gsize        length,
                                    char         separator,
                                    GError     **error);

G_END_DECLS
