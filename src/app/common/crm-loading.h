/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

void crm_loading_follow            (GtkSpinner   *spinner,
                                    CrmPagedList *list);
void crm_loading_pause_when_hidden (GtkWidget    *widget,
                                    CrmPagedList *list);

G_END_DECLS
