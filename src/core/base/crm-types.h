/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-base-enum-types.h"

G_BEGIN_DECLS

/**
 * CrmRole:
 * @CRM_ROLE_ADMIN: configures the office: users, mailboxes, settings
 * @CRM_ROLE_MANAGER: owns clients and answers their mail
 * @CRM_ROLE_AGENT: works records assigned to them
 */
typedef enum
{
  CRM_ROLE_ADMIN,
  CRM_ROLE_MANAGER,
  CRM_ROLE_AGENT,
} CrmRole;

/**
 * CrmContactKind:
 * @CRM_CONTACT_PERSON: a person, optionally working for a company
 * @CRM_CONTACT_COMPANY: a company
 */
typedef enum
{
  CRM_CONTACT_PERSON,
  CRM_CONTACT_COMPANY,
} CrmContactKind;


const char *crm_role_to_string   (CrmRole     role);
gboolean    crm_role_from_string (const char *text,
                                  CrmRole    *role);
const char *crm_role_get_label   (CrmRole     role);

const char *crm_contact_kind_to_string (CrmContactKind kind);

G_END_DECLS
