/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_TYPE_PAGED_LIST (crm_paged_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmPagedList, crm_paged_list, CRM, PAGED_LIST, GObject)

/**
 * CrmPagedListClass:
 * @count: how many items there are now
 * @load_page: reads the @page_size items from @first on, in order
 */
struct _CrmPagedListClass
{
  GObjectClass parent_class;

  guint      (*count)     (CrmPagedList *self);
  GPtrArray *(*load_page) (CrmPagedList *self,
                           guint         first,
                           guint         page_size);
};

void  crm_paged_list_reload       (CrmPagedList *self);
void  crm_paged_list_queue_reload (CrmPagedList *self);

G_END_DECLS
