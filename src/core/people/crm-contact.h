/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT (crm_contact_get_type ())

G_DECLARE_FINAL_TYPE (CrmContact, crm_contact, CRM, CONTACT, GObject)

CrmContact     *crm_contact_new              (CrmContactKind  kind);
CrmContact     *crm_contact_copy             (CrmContact     *self);
gint64          crm_contact_get_id           (CrmContact     *self);
CrmContactKind  crm_contact_get_kind         (CrmContact     *self);
void            crm_contact_set_kind         (CrmContact     *self,
                                              CrmContactKind  kind);
const char     *crm_contact_get_name         (CrmContact     *self);
void            crm_contact_set_name         (CrmContact     *self,
                                              const char     *name);
gint64          crm_contact_get_company_id   (CrmContact     *self);
void            crm_contact_set_company_id   (CrmContact     *self,
                                              gint64          company_id);
const char     *crm_contact_get_company_name (CrmContact     *self);
gint64          crm_contact_get_manager_id   (CrmContact     *self);
void            crm_contact_set_manager_id   (CrmContact     *self,
                                              gint64          manager_id);
const char     *crm_contact_get_manager_name (CrmContact     *self);
const char * const *crm_contact_get_emails       (CrmContact         *self);
void                crm_contact_set_emails       (CrmContact         *self,
                                                  const char * const *emails);
const char * const *crm_contact_get_phones       (CrmContact         *self);
void                crm_contact_set_phones       (CrmContact         *self,
                                                  const char * const *phones);
const char * const *crm_contact_get_tags         (CrmContact         *self);
void                crm_contact_set_tags         (CrmContact         *self,
                                                  const char * const *tags);
const char *crm_contact_get_note           (CrmContact *self);
void        crm_contact_set_note           (CrmContact *self,
                                            const char *note);
const char *crm_contact_get_street         (CrmContact *self);
void        crm_contact_set_street         (CrmContact *self,
                                            const char *street);
const char *crm_contact_get_postal_code    (CrmContact *self);
void        crm_contact_set_postal_code    (CrmContact *self,
                                            const char *postal_code);
const char *crm_contact_get_city           (CrmContact *self);
void        crm_contact_set_city           (CrmContact *self,
                                            const char *city);
const char *crm_contact_get_country        (CrmContact *self);
void        crm_contact_set_country        (CrmContact *self,
                                            const char *country);
char       *crm_contact_dup_postal_address (CrmContact *self);
gint64      crm_contact_get_created        (CrmContact *self);
gint64      crm_contact_get_updated        (CrmContact *self);
gint64      crm_contact_get_version        (CrmContact *self);
char       *crm_contact_dup_subtitle       (CrmContact *self);

G_END_DECLS
