/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-clock.h"
#include "crm-database.h"

G_BEGIN_DECLS

#define CRM_TYPE_SESSION (crm_session_get_type ())

G_DECLARE_FINAL_TYPE (CrmSession, crm_session, CRM, SESSION, GObject)

/**
 * CrmSessionTransactionFunc:
 * @session: the session
 * @user_data: closure data
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit, %FALSE (with @error set) to roll back
 */
typedef gboolean (*CrmSessionTransactionFunc) (CrmSession  *session,
                                               gpointer     user_data,
                                               GError     **error);

/**
 * CrmSessionReadFunc:
 * @reader: a session on a connection of its own, for reads only
 * @data: what the caller gave
 * @result: (out): what was read
 * @cancellable: (nullable): the read's #GCancellable
 * @error: return location for a #GError
 *
 * Reads on a worker thread; touches no widget.
 *
 * Returns: %TRUE with @result set, or %FALSE with @error set
 */
typedef gboolean (*CrmSessionReadFunc) (CrmSession    *reader,
                                        gpointer       data,
                                        gpointer      *result,
                                        GCancellable  *cancellable,
                                        GError       **error);

char       *crm_session_resolve_data_dir      (const char  *override);
CrmSession *crm_session_open                  (const char  *data_dir,
                                               GError     **error);
CrmSession *crm_session_open_file             (const char  *path,
                                               CrmClock    *clock,
                                               GError     **error);
CrmSession *crm_session_open_another          (CrmSession  *self,
                                               GError     **error);
CrmSession *crm_session_open_uri              (const char  *uri,
                                               const char  *password,
                                               CrmClock    *clock,
                                               GError     **error);
CrmSession *_crm_session_open_with_migrations (const char  *path,
                                               CrmClock    *clock,
                                               const char  *resource_dir,
                                               GError     **error);
CrmSession *crm_session_open_reader           (CrmSession  *self,
                                               GError     **error);
const char *crm_session_get_path              (CrmSession  *self);

CrmSession  *crm_session_new            (CrmDatabase  *database,
                                         CrmClock     *clock);
CrmDatabase *crm_session_get_database   (CrmSession   *self);
CrmClock    *crm_session_get_clock      (CrmSession   *self);
gint64       crm_session_get_user_id    (CrmSession   *self);
gboolean     crm_session_get_logged_in  (CrmSession   *self);
void         crm_session_set_user_id    (CrmSession   *self,
                                         gint64        user_id);
gint64       crm_session_now            (CrmSession   *self);
gpointer     crm_session_get_store      (CrmSession   *self,
                                         GType         store_type);
gboolean     crm_session_append_history (CrmSession   *self,
                                         const char   *entity,
                                         gint64        entity_id,
                                         const char   *action,
                                         const char   *detail,
                                         GError      **error);

gboolean    crm_session_run_in_transaction (CrmSession                 *self,
                                            CrmSessionTransactionFunc   func,
                                            gpointer                    user_data,
                                            GError                    **error);
void        crm_session_keep_settings      (CrmSession                 *self);
char       *crm_session_get_setting        (CrmSession                 *self,
                                            const char                 *key,
                                            const char                 *default_value);
gboolean    crm_session_set_setting        (CrmSession                 *self,
                                            const char                 *key,
                                            const char                 *value,
                                            GError                    **error);
GListModel *crm_session_list_history       (CrmSession                 *self,
                                            const char                 *entity,
                                            gint64                      entity_id,
                                            GError                    **error);

void     crm_session_read_async    (CrmSession           *self,
                                    CrmSessionReadFunc    func,
                                    gpointer              data,
                                    GDestroyNotify        data_free,
                                    GDestroyNotify        result_free,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gpointer crm_session_read_finish   (CrmSession           *self,
                                    GAsyncResult         *result,
                                    GError              **error);
void     crm_session_write_async   (CrmSession           *self,
                                    CrmSessionReadFunc    func,
                                    gpointer              data,
                                    GDestroyNotify        data_free,
                                    GDestroyNotify        result_free,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gpointer crm_session_write_finish  (CrmSession           *self,
                                    GAsyncResult         *result,
                                    GError              **error);
void     crm_session_announce      (CrmSession           *self,
                                    const char           *message);
void     crm_session_warm_up       (CrmSession           *self);
guint    crm_session_count_reading (void);

G_END_DECLS
