/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TEMPLATE_STORE (crm_template_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmTemplateStore, crm_template_store, CRM, TEMPLATE_STORE, CrmStore)

/**
 * CrmTemplateInfo:
 * @id: the template's id
 * @name: its name
 * @body: its text, with placeholders
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *body;
} CrmTemplateInfo;

void crm_template_info_free (gpointer info);
const char * const *crm_template_placeholders (void);

CrmTemplateStore *crm_template_store_from_session            (CrmSession        *session);
gboolean          crm_template_store_check                   (CrmTemplateStore  *self,
                                                              const char        *name,
                                                              const char        *body,
                                                              GError           **error);
gint64            crm_template_store_add                     (CrmTemplateStore  *self,
                                                              const char        *name,
                                                              const char        *body,
                                                              GError           **error);
gboolean          crm_template_store_delete                  (CrmTemplateStore  *self,
                                                              gint64             id,
                                                              GError           **error);
void              crm_template_store_keep_up_to_date         (CrmTemplateStore  *self);
GPtrArray        *crm_template_store_list                    (CrmTemplateStore  *self,
                                                              GError           **error);
char             *crm_template_store_get_offer_mail_template (CrmTemplateStore  *self);
gboolean          crm_template_store_set_offer_mail_template (CrmTemplateStore  *self,
                                                              gint64             template_id,
                                                              GError           **error);

G_END_DECLS
