/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

AdwToast *crm_toast_new          (const char *text);
int       crm_toast_undo_seconds (GSettings  *settings);
AdwToast *crm_toast_show_undo    (GtkWidget  *widget,
                                  CrmStore   *store,
                                  const char *title,
                                  GArray     *outbox_ids,
                                  int         seconds);

G_END_DECLS
