/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-application.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow  *crm_window_new             (CrmApplication *application,
                                        CrmSession     *session,
                                        GSettings      *settings);
CrmUser    *crm_window_get_user        (CrmWindow      *self);
CrmSession *crm_window_get_session     (CrmWindow      *self);
void        crm_window_show_ticket     (CrmWindow      *self,
                                        gint64          ticket_id);
void        crm_window_reply_ticket    (CrmWindow      *self,
                                        gint64          ticket_id);
void        crm_window_search_contacts (CrmWindow      *self,
                                        const char     *text);
void        crm_window_set_user        (CrmWindow      *self,
                                        CrmUser        *user);
const char *crm_window_get_page        (CrmWindow      *self);
void        crm_window_show_page       (CrmWindow      *self,
                                        const char     *name);
GtkWidget  *crm_window_get_page_widget (CrmWindow      *self,
                                        const char     *name);
void        crm_window_add_toast       (CrmWindow      *self,
                                        AdwToast       *toast);
void        crm_window_set_mail_engine (CrmWindow      *self,
                                        CrmMailEngine  *engine);

G_END_DECLS
