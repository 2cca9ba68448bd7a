/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-contact.h"
#include "crm-note.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_STORE (crm_contact_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmContactStore, crm_contact_store, CRM, CONTACT_STORE, CrmStore)

CrmContactStore *crm_contact_store_from_session (CrmSession *session);

char *crm_contact_store_dup_phone_country (CrmContactStore *self);


/**
 * CrmSaveContactFlags:
 * @CRM_SAVE_CONTACT_NONE: refuse an e-mail address another contact has
 * @CRM_SAVE_CONTACT_ALLOW_DUPLICATE: save it all the same (the user
 *   confirmed that two contacts share it)
 */
typedef enum
{
  CRM_SAVE_CONTACT_NONE = 0,
  CRM_SAVE_CONTACT_ALLOW_DUPLICATE = 1 << 0,
} CrmSaveContactFlags;

gboolean    crm_contact_store_save                 (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    GError              **error);
gboolean    crm_contact_store_save_with_company    (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    const char           *company_name,
                                                    GError              **error);
gboolean    crm_contact_store_save_full            (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    const char           *company_name,
                                                    CrmSaveContactFlags   flags,
                                                    GError              **error);
void        crm_contact_store_save_async           (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    const char           *company_name,
                                                    CrmSaveContactFlags   flags,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
CrmContact *crm_contact_store_save_finish          (CrmContactStore      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
CrmContact *crm_contact_store_find_email_owner     (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    char                **address,
                                                    GError              **error);
gboolean    crm_contact_store_check_emails         (CrmContactStore      *self,
                                                    CrmContact           *contact,
                                                    GError              **error);
char       *crm_contact_store_propose_client_name  (CrmContactStore      *self,
                                                    gint64                ticket_id);
CrmContact *crm_contact_store_get                  (CrmContactStore      *self,
                                                    gint64                id,
                                                    GError              **error);
gboolean    crm_contact_store_delete               (CrmContactStore      *self,
                                                    gint64                id,
                                                    GError              **error);
gint64      crm_contact_store_ensure_company       (CrmContactStore      *self,
                                                    const char           *name,
                                                    GError              **error);
gint64      crm_contact_store_count                (CrmContactStore      *self);
GListModel *crm_contact_store_find_by_email        (CrmContactStore      *self,
                                                    const char           *address,
                                                    GError              **error);
GListModel *crm_contact_store_find_by_phone        (CrmContactStore      *self,
                                                    const char           *number,
                                                    GError              **error);
GListModel *crm_contact_store_list_company_members (CrmContactStore      *self,
                                                    gint64                company_id,
                                                    GError              **error);
gint64      crm_contact_store_add_note             (CrmContactStore      *self,
                                                    gint64                contact_id,
                                                    const char           *body,
                                                    GError              **error);
GListModel *crm_contact_store_list_notes           (CrmContactStore      *self,
                                                    gint64                contact_id,
                                                    GError              **error);

/**
 * CrmContactFilter:
 * @search: (nullable): words, each the start of a word of a contact's
 *   name, company, addresses, phone numbers or tags (the address
 *   book's search)
 *
 * Which contacts the address book lists; a saved view's filter of the
 * contacts (FD4).
 */
typedef struct
{
  const char *search;
} CrmContactFilter;

GVariant *crm_contact_filter_to_variant    (const CrmContactFilter  *filter);
gboolean  crm_contact_filter_from_variant  (GVariant                *variant,
                                           CrmContactFilter        *filter,
                                           GError                 **error);
GArray   *crm_contact_store_select_ids     (CrmContactStore         *self,
                                           const CrmContactFilter  *filter,
                                           gint64                   after_id,
                                           guint                    limit,
                                           GError                 **error);
gboolean  crm_contact_store_filter_matches (CrmContactStore         *self,
                                           const CrmContactFilter  *filter,
                                           gint64                   contact_id,
                                           gboolean                *matches,
                                           GError                 **error);

GArray    *crm_contact_store_list_ids (CrmContactStore  *self,
                                       const char       *match,
                                       GError          **error);
GPtrArray *crm_contact_store_get_many (CrmContactStore  *self,
                                       const gint64     *ids,
                                       guint             n_ids,
                                       GError          **error);

G_END_DECLS
