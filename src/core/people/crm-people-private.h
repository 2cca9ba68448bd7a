/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the people module's storage and the modules that read contacts' rows. */

#include "crm-store-private.h"
#include "crm-contact-store.h"
#include "crm-user-store.h"

G_BEGIN_DECLS

CrmContact *_crm_store_contact_from_row            (CrmStatement     *stmt);
gint64      _crm_contact_store_add_mailbox_contact (CrmContactStore  *self,
                                                    const char       *display_name,
                                                    const char       *address,
                                                    gint64           *manager_id,
                                                    GError          **error);
char       *_crm_store_sort_key                    (const char       *name);
char       *_crm_store_search_text                 (const char       *text);
char       *_crm_store_phone_terms                 (const char       *number,
                                                    const char       *normalized);

/* The columns _crm_store_contact_from_row() reads, in order, for
 * "FROM contacts c". */
#define CRM_STORE_CONTACT_COLUMNS \
  "c.id, c.kind, c.name, c.company_id, co.name, c.manager_id, u.name, c.note, " \
  "c.created_at, c.updated_at, " \
  "(SELECT group_concat (e.address, '\x1f') FROM " \
  "  (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY position) AS e), " \
  "(SELECT group_concat (p.number, '\x1f') FROM " \
  "  (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position) AS p), " \
  "(SELECT group_concat (t.name, '\x1f') FROM contact_tags ct " \
  "  JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), " \
  "c.street, c.postal_code, c.city, c.country, c.version"

#define CRM_STORE_CONTACT_JOINS \
  " LEFT JOIN contacts co ON co.id = c.company_id" \
  " LEFT JOIN users u ON u.id = c.manager_id"

gboolean       _crm_user_store_check_id         (CrmUserStore  *self,
                                                 gint64         id,
                                                 GError       **error);
/* for tests: whether the users are answered from memory */
gboolean _crm_user_store_is_kept (CrmUserStore *self);

gboolean _crm_user_store_sync_login (CrmUserStore  *self,
                                     gint64         user_id,
                                     CrmRole        role,
                                     gboolean       active,
                                     GError       **error);

G_END_DECLS
