/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-engine-enum-types.h"
#include "crm-session.h"

G_BEGIN_DECLS

/**
 * CrmMailState:
 * @CRM_MAIL_STATE_STOPPED: the engine does not run (or runs elsewhere)
 * @CRM_MAIL_STATE_CONNECTING: logging in to the mail server
 * @CRM_MAIL_STATE_SYNCING: importing new mail; see #CrmMailEngine:progress
 * @CRM_MAIL_STATE_WAITING: up to date, waiting for new mail
 * @CRM_MAIL_STATE_OFFLINE: the last try failed; see
 *   #CrmMailEngine:error-message; trying again later
 * @CRM_MAIL_STATE_NO_ACCOUNT: no mail account is set up
 */
typedef enum
{
  CRM_MAIL_STATE_STOPPED,
  CRM_MAIL_STATE_CONNECTING,
  CRM_MAIL_STATE_SYNCING,
  CRM_MAIL_STATE_WAITING,
  CRM_MAIL_STATE_OFFLINE,
  CRM_MAIL_STATE_NO_ACCOUNT,
} CrmMailState;


#define CRM_TYPE_MAIL_ENGINE (crm_mail_engine_get_type ())

G_DECLARE_FINAL_TYPE (CrmMailEngine, crm_mail_engine, CRM, MAIL_ENGINE, GObject)

CrmMailEngine *crm_mail_engine_new               (CrmSession     *session,
                                                  const char     *owner);
gboolean       crm_mail_engine_start_or_stand_by (CrmMailEngine  *self,
                                                  GError        **error);
void           crm_mail_engine_start_async       (CrmMailEngine       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       crm_mail_engine_start_finish      (CrmMailEngine  *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
gboolean       crm_mail_engine_get_standing_by   (CrmMailEngine  *self);
gboolean       crm_mail_engine_start             (CrmMailEngine  *self,
                                                  GError        **error);
void           crm_mail_engine_stop              (CrmMailEngine  *self);
void           crm_mail_engine_refresh           (CrmMailEngine  *self);
void           crm_mail_engine_set_poll_interval (CrmMailEngine  *self,
                                                  guint           seconds);
gboolean       crm_mail_engine_get_running       (CrmMailEngine  *self);
CrmMailState   crm_mail_engine_get_state         (CrmMailEngine  *self);
double         crm_mail_engine_get_progress      (CrmMailEngine  *self);
const char    *crm_mail_engine_get_error_message (CrmMailEngine  *self);
const char    *crm_mail_engine_get_send_problem  (CrmMailEngine  *self);

G_END_DECLS
