/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        crm_names_dropdown_fill     (GtkDropDown        *dropdown,
                                         const char * const *names,
                                         const char         *current);
const char *crm_names_dropdown_get_name (GtkDropDown *dropdown);

G_END_DECLS
