/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_WINDOW (crm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, CRM, PREFERENCES_WINDOW, AdwPreferencesWindow)

CrmPreferencesWindow *crm_preferences_window_new                   (CrmSession           *session,
                                                                    CrmUser              *user);
gboolean              crm_preferences_window_test_connection       (CrmPreferencesWindow *self);
gboolean              crm_preferences_window_add_user              (CrmPreferencesWindow *self);
gboolean              crm_preferences_window_edit_user             (CrmPreferencesWindow *self,
                                                                    gint64                id);
gboolean              crm_preferences_window_set_user_active       (CrmPreferencesWindow *self,
                                                                    gint64                id,
                                                                    gboolean              active);
void                  crm_preferences_window_add_account           (CrmPreferencesWindow *self);
void                  crm_preferences_window_save_account_untested (CrmPreferencesWindow *self);
gboolean              crm_preferences_window_edit_account          (CrmPreferencesWindow *self,
                                                                    gint64                id);
void                  crm_preferences_window_remove_account        (CrmPreferencesWindow *self,
                                                                    gint64                id);
void                  crm_preferences_window_show_accounts         (CrmPreferencesWindow *self);
gboolean              crm_preferences_window_add_template          (CrmPreferencesWindow *self);

G_END_DECLS
