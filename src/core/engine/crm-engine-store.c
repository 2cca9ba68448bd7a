/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-engine"

#include "config.h"

#include "crm-engine-store.h"
#include "crm-store-private.h"

/**
 * CrmEngineStore:
 *
 * The row that says which program handles the office's mail (one
 * engine per database, migration 0005); the rules of taking it over
 * are the engine's (crm-mail-engine.c).
 */
struct _CrmEngineStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmEngineStore, crm_engine_store, CRM_TYPE_STORE)

static void
crm_engine_store_class_init (CrmEngineStoreClass *klass)
{
}

static void
crm_engine_store_init (CrmEngineStore *self)
{
}

/**
 * crm_engine_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the engine's store working in @session
 */
CrmEngineStore *
crm_engine_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_ENGINE_STORE);
}

void
crm_engine_lock_info_clear (CrmEngineLockInfo *info)
{
  g_clear_pointer (&info->host, g_free);
  g_clear_pointer (&info->owner, g_free);
  g_clear_pointer (&info->token, g_free);
  info->pid = 0;
}

/**
 * crm_engine_store_read_lock:
 * @self: a #CrmEngineStore
 * @info: (out caller-allocates): the holder, when there is one
 * @held: (out): whether there is one
 * @error: return location for a #GError
 *
 * Returns: %TRUE when read
 */
gboolean
crm_engine_store_read_lock (CrmEngineStore     *self,
                            CrmEngineLockInfo  *info,
                            gboolean           *held,
                            GError            **error)
{
  g_autoptr(CrmStatement) select = _crm_store_prepare (self, "SELECT host, pid, owner, token FROM engine_lock WHERE id = 1",
                                                       error);

  *held = FALSE;
  if (select == NULL || !_crm_store_step_row (self, select, held, error))
    return FALSE;
  if (*held)
    {
      info->host = g_strdup (crm_statement_get_text (select, 0));
      info->pid = crm_statement_get_int64 (select, 1);
      info->owner = g_strdup (crm_statement_get_text (select, 2));
      info->token = g_strdup (crm_statement_get_text (select, 3));
    }

  return TRUE;
}

/* Takes the lock, whoever had it: the engine decided it may. */
gboolean
crm_engine_store_write_lock (CrmEngineStore  *self,
                             const char      *host,
                             gint64           pid,
                             const char      *owner,
                             const char      *token,
                             GError         **error)
{
  g_autoptr(CrmStatement) insert = _crm_store_prepare (self,
                                                       "INSERT INTO engine_lock "
                                                       "(id, host, pid, owner, token, started_at) "
                                                       "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                                       "host = excluded.host, pid = excluded.pid, "
                                                       "owner = excluded.owner, token = excluded.token, "
                                                       "started_at = excluded.started_at",
                                                       error);

  if (insert == NULL)
    return FALSE;
  crm_statement_bind_text (insert, 1, host);
  crm_statement_bind_int64 (insert, 2, pid);
  crm_statement_bind_text (insert, 3, owner);
  crm_statement_bind_text (insert, 4, token);
  crm_statement_bind_int64 (insert, 5, crm_session_now (_crm_session (self)));

  return _crm_store_step_done (self, insert, error);
}

/* Gives the lock back, if this run (@token) still has it. */
void
crm_engine_store_release_lock (CrmEngineStore *self,
                               const char     *token)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "DELETE FROM engine_lock WHERE id = 1 AND token = ?", NULL);

  if (stmt == NULL)
    return;
  crm_statement_bind_text (stmt, 1, token);
  _crm_store_step_done (self, stmt, NULL);
}
