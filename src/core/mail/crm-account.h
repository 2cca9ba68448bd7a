/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_ACCOUNT (crm_account_get_type ())

G_DECLARE_FINAL_TYPE (CrmAccount, crm_account, CRM, ACCOUNT, GObject)

CrmAccount *crm_account_new               (gint64      id,
                                           const char *address,
                                           const char *display_name,
                                           const char *imap_host,
                                           gint64      imap_port,
                                           const char *imap_security,
                                           const char *smtp_host,
                                           gint64      smtp_port,
                                           const char *smtp_security,
                                           const char *username);
gint64      crm_account_get_id            (CrmAccount *self);
const char *crm_account_get_address       (CrmAccount *self);
const char *crm_account_get_display_name  (CrmAccount *self);
const char *crm_account_get_imap_host     (CrmAccount *self);
gint64      crm_account_get_imap_port     (CrmAccount *self);
const char *crm_account_get_imap_security (CrmAccount *self);
const char *crm_account_get_smtp_host     (CrmAccount *self);
gint64      crm_account_get_smtp_port     (CrmAccount *self);
const char *crm_account_get_smtp_security (CrmAccount *self);
const char *crm_account_get_username      (CrmAccount *self);

G_END_DECLS
