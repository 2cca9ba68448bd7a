/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *crm_format_date_time (gint64      unix_time);
char *crm_format_due       (const char *what,
                            gint64      due,
                            gint64      now);

G_END_DECLS
