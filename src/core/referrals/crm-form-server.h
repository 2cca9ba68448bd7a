/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-form-settings.h"
#include "crm-session.h"

G_BEGIN_DECLS

/* The limits of one submission, whatever proxy is in front */
#define CRM_FORM_MAX_BODY      (25 * 1024 * 1024)
#define CRM_FORM_MAX_FILE      (10 * 1024 * 1024)
#define CRM_FORM_MAX_FILES     5
#define CRM_FORM_MAX_FIELD     200
/* a person takes longer than this to fill the form in */
#define CRM_FORM_MIN_FILL_SECONDS 3

#define CRM_TYPE_FORM_SERVER (crm_form_server_get_type ())

G_DECLARE_FINAL_TYPE (CrmFormServer, crm_form_server, CRM, FORM_SERVER, GObject)

CrmFormServer *crm_form_server_new            (CrmSession             *session,
                                               const CrmFormSettings  *settings);
gboolean       crm_form_server_start          (CrmFormServer          *self,
                                               GError                **error);
void           crm_form_server_start_async    (CrmFormServer          *self,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean       crm_form_server_start_finish   (CrmFormServer          *self,
                                               GAsyncResult           *result,
                                               GError                **error);
void           crm_form_server_stop           (CrmFormServer          *self);
guint          crm_form_server_get_port       (CrmFormServer          *self);
const char    *crm_form_server_get_address    (CrmFormServer          *self);

G_END_DECLS
