/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

void crm_task_mark_done (GtkWidget  *widget,
                         CrmSession *session,
                         CrmTask    *task,
                         gboolean    done);

G_END_DECLS
