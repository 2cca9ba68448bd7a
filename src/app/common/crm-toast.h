/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

typedef void (*CrmUndoFunc) (gpointer user_data);

AdwToast *crm_toast_new            (const char     *text);
AdwToast *crm_toast_show           (GtkWidget      *widget,
                                    const char     *text);
int       crm_toast_undo_seconds   (GSettings      *settings);
AdwToast *crm_toast_show_undo      (GtkWidget      *widget,
                                    CrmSession     *session,
                                    const char     *title,
                                    GArray         *outbox_ids,
                                    int             seconds);
AdwToast *crm_toast_show_undo_full (GtkWidget      *widget,
                                    CrmSession     *session,
                                    const char     *title,
                                    GArray         *outbox_ids,
                                    int             seconds,
                                    CrmUndoFunc     undone,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy);
void      crm_toast_dismiss_undo   (GtkWidget      *widget);

G_END_DECLS
