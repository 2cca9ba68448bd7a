/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-types.h"

static const GEnumValue role_values[] = {
  { CRM_ROLE_ADMIN, "CRM_ROLE_ADMIN", "admin" },
  { CRM_ROLE_MANAGER, "CRM_ROLE_MANAGER", "manager" },
  { CRM_ROLE_AGENT, "CRM_ROLE_AGENT", "agent" },
  { 0, NULL, NULL }
};

static const GEnumValue kind_values[] = {
  { CRM_CONTACT_PERSON, "CRM_CONTACT_PERSON", "person" },
  { CRM_CONTACT_COMPANY, "CRM_CONTACT_COMPANY", "company" },
  { 0, NULL, NULL }
};

GType
crm_role_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("CrmRole", role_values));

  return type;
}

GType
crm_contact_kind_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("CrmContactKind", kind_values));

  return type;
}

/**
 * crm_role_to_string:
 * @role: a #CrmRole
 *
 * Returns: the role's stable name, as stored and as crmctl prints it
 */
const char *
crm_role_to_string (CrmRole role)
{
  g_return_val_if_fail (role <= CRM_ROLE_AGENT, NULL);

  return role_values[role].value_nick;
}

/**
 * crm_role_from_string:
 * @text: a stable role name
 * @role: (out): the role
 *
 * Returns: %TRUE if @text names a role
 */
gboolean
crm_role_from_string (const char *text,
                      CrmRole    *role)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; role_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (text, role_values[i].value_nick))
        {
          *role = role_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * crm_role_get_label:
 * @role: a #CrmRole
 *
 * Returns: the role's translated name for display
 */
const char *
crm_role_get_label (CrmRole role)
{
  switch (role)
    {
    case CRM_ROLE_ADMIN:
      return _("Administrator");
    case CRM_ROLE_MANAGER:
      return _("Manager");
    case CRM_ROLE_AGENT:
      return _("Agent");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
crm_contact_kind_to_string (CrmContactKind kind)
{
  g_return_val_if_fail (kind <= CRM_CONTACT_COMPANY, NULL);

  return kind_values[kind].value_nick;
}
