/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-database.h"
#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

/**
 * CrmStoreClass:
 * @parent_class: the parent class
 *
 * The class of a module's store.
 */
struct _CrmStoreClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

CrmSession  *crm_store_get_session  (CrmStore *self);
CrmDatabase *crm_store_get_database (CrmStore *self);

G_END_DECLS
