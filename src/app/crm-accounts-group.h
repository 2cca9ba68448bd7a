/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACCOUNTS_GROUP (crm_accounts_group_get_type ())

G_DECLARE_FINAL_TYPE (CrmAccountsGroup, crm_accounts_group, CRM, ACCOUNTS_GROUP, AdwPreferencesGroup)

void     crm_accounts_group_set_session           (CrmAccountsGroup *self,
                                                   CrmSession       *session,
                                                   gboolean          admin);
gboolean crm_accounts_group_test_connection       (CrmAccountsGroup *self);
void     crm_accounts_group_add_account           (CrmAccountsGroup *self);
void     crm_accounts_group_save_account_untested (CrmAccountsGroup *self);
gboolean crm_accounts_group_edit_account          (CrmAccountsGroup *self,
                                                   gint64            id);
void     crm_accounts_group_remove_account        (CrmAccountsGroup *self,
                                                   gint64            id);
void     crm_accounts_group_show_accounts         (CrmAccountsGroup *self);

G_END_DECLS
