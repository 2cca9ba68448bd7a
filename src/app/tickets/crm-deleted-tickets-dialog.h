/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_DELETED_TICKETS_DIALOG (crm_deleted_tickets_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmDeletedTicketsDialog, crm_deleted_tickets_dialog, CRM, DELETED_TICKETS_DIALOG, AdwWindow)

CrmDeletedTicketsDialog *crm_deleted_tickets_dialog_new     (CrmSession              *session);
gboolean                 crm_deleted_tickets_dialog_is_read (CrmDeletedTicketsDialog *self);

G_END_DECLS
