/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ENGINE_STORE (crm_engine_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmEngineStore, crm_engine_store, CRM, ENGINE_STORE, CrmStore)

/**
 * CrmEngineLockInfo:
 * @host: the computer the holder runs on
 * @pid: its process
 * @owner: what it is ("crmctl serve", the application's id)
 * @token: its run's token
 */
typedef struct
{
  char   *host;
  gint64  pid;
  char   *owner;
  char   *token;
} CrmEngineLockInfo;

void crm_engine_lock_info_clear (CrmEngineLockInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmEngineLockInfo, crm_engine_lock_info_clear)

CrmEngineStore *crm_engine_store_from_session (CrmSession         *session);
gboolean        crm_engine_store_read_lock    (CrmEngineStore     *self,
                                               CrmEngineLockInfo  *info,
                                               gboolean           *held,
                                               GError            **error);
gboolean        crm_engine_store_write_lock   (CrmEngineStore     *self,
                                               const char         *host,
                                               gint64              pid,
                                               const char         *owner,
                                               const char         *token,
                                               GError            **error);
void            crm_engine_store_release_lock (CrmEngineStore     *self,
                                               const char         *token);

G_END_DECLS
