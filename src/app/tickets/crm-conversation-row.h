/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONVERSATION_ROW (crm_conversation_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmConversationRow, crm_conversation_row, CRM, CONVERSATION_ROW, GtkListBoxRow)

GtkWidget  *crm_conversation_row_new     (CrmSession               *session,
                                          const CrmTimelineEntry *entry,
                                          gboolean                  folded);
const char *crm_conversation_row_get_key (CrmConversationRow       *self);
gboolean    crm_conversation_row_shows   (CrmConversationRow       *self,
                                          const CrmTimelineEntry   *entry,
                                          gboolean                  folded);
gboolean    crm_conversation_row_toggle  (CrmConversationRow       *self,
                                          gboolean                 *folded);

G_END_DECLS
