/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-activity.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY_STORE (crm_activity_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmActivityStore, crm_activity_store, CRM, ACTIVITY_STORE, CrmStore)

/**
 * CRM_ACTIVITY_RECENT_DAYS:
 *
 * How many days back the calls and chats offered for linking go.
 */
#define CRM_ACTIVITY_RECENT_DAYS 7

/**
 * CrmActivitySkip:
 * @line: the line of the file
 * @error: what is wrong with it, translated
 *
 * A line of an import that was not imported.
 */
typedef struct
{
  guint  line;
  char  *error;
} CrmActivitySkip;

void crm_activity_skip_free (gpointer skip);

CrmActivityStore *crm_activity_store_from_session    (CrmSession        *session);
gboolean          crm_activity_store_check           (CrmActivityStore  *self,
                                                      CrmActivity       *activity,
                                                      GError           **error);
gint64            crm_activity_store_add             (CrmActivityStore  *self,
                                                      CrmActivity       *activity,
                                                      gint64             ticket_id,
                                                      gint64            *step,
                                                      GError           **error);
CrmActivity      *crm_activity_store_get             (CrmActivityStore  *self,
                                                      gint64             id,
                                                      GError           **error);
GPtrArray        *crm_activity_store_list            (CrmActivityStore  *self,
                                                      gboolean           today,
                                                      guint              limit,
                                                      GError           **error);
GPtrArray        *crm_activity_store_list_to_link    (CrmActivityStore  *self,
                                                      gint64             ticket_id,
                                                      guint             *n_first,
                                                      GError           **error);
GPtrArray        *crm_activity_store_list_for_ticket (CrmActivityStore  *self,
                                                      gint64             ticket_id,
                                                      GError           **error);
gint64            crm_activity_store_link            (CrmActivityStore  *self,
                                                      gint64             activity_id,
                                                      gint64             ticket_id,
                                                      GError           **error);
gboolean          crm_activity_store_unlink          (CrmActivityStore  *self,
                                                      gint64             activity_id,
                                                      GError           **error);
gboolean          crm_activity_store_import          (CrmActivityStore  *self,
                                                      const char        *csv,
                                                      gssize             length,
                                                      guint             *imported,
                                                      GPtrArray        **skipped,
                                                      GError           **error);
void              crm_activity_store_import_async    (CrmActivityStore  *self,
                                                      GBytes            *csv,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean          crm_activity_store_import_finish   (CrmActivityStore  *self,
                                                      GAsyncResult      *result,
                                                      guint             *imported,
                                                      GPtrArray        **skipped,
                                                      GError           **error);
const char * const *crm_activity_import_columns      (void);

G_END_DECLS
