/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "crm.h"

/**
 * crm_init:
 *
 * Makes the core ready: each module's store registers what it must
 * before any session works (the hooks that follow the mail it queues,
 * crm_outbox_add_hook ()). Called once by a program's main (), before
 * it opens a session; calling it again does nothing.
 */
void
crm_init (void)
{
  g_type_ensure (CRM_TYPE_USER_STORE);
  g_type_ensure (CRM_TYPE_CONTACT_STORE);
  g_type_ensure (CRM_TYPE_ACCOUNT_STORE);
  g_type_ensure (CRM_TYPE_MESSAGE_STORE);
  g_type_ensure (CRM_TYPE_OUTBOX);
  g_type_ensure (CRM_TYPE_TEMPLATE_STORE);
  g_type_ensure (CRM_TYPE_TICKET_STORE);
  g_type_ensure (CRM_TYPE_OFFER_STORE);
  g_type_ensure (CRM_TYPE_SHOP_STORE);
  g_type_ensure (CRM_TYPE_SEARCH_STORE);
  g_type_ensure (CRM_TYPE_AUTOMATION_STORE);
  g_type_ensure (CRM_TYPE_TASK_STORE);
  g_type_ensure (CRM_TYPE_VIEW_STORE);
  g_type_ensure (CRM_TYPE_REFERRAL_STORE);
  g_type_ensure (CRM_TYPE_DASHBOARD_STORE);
}
