/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEND_LATER_DIALOG (crm_send_later_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmSendLaterDialog, crm_send_later_dialog, CRM, SEND_LATER_DIALOG, AdwMessageDialog)

GtkWidget *crm_send_later_dialog_new    (GtkWindow          *parent,
                                         CrmClock           *clock);
gint64     crm_send_later_dialog_get_at (CrmSendLaterDialog *self);

G_END_DECLS
