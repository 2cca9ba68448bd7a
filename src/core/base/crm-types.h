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

/**
 * CRM_USER_ME:
 *
 * In a saved filter (a saved view's, FD4), where a user goes: "Mine".
 * Read for the user who looks at the list, for a private view its
 * owner; where nobody looks (an automation over a shared view), each
 * record's own responsible user: a ticket's assignee, an offer's or a
 * search's agent. Never a user's id (those are greater than 0), nor
 * -1, which some filters read as "nobody's".
 */
#define CRM_USER_ME G_GINT64_CONSTANT (-2)

const char *crm_role_to_string   (CrmRole     role);
gboolean    crm_role_from_string (const char *text,
                                  CrmRole    *role);
const char *crm_role_get_label   (CrmRole     role);

const char *crm_contact_kind_to_string (CrmContactKind kind);

G_END_DECLS
