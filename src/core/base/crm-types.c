/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-types-private.h"
#include "crm-types.h"

/* The stable names (nicks) of the enumerations come from their types,
 * which gnome.mkenums_simple () registers from the headers. */

/**
 * _crm_enum_to_nick:
 * @type: an enumeration type
 * @value: one of its values
 *
 * Returns: (nullable): the value's stable name
 */
const char *
_crm_enum_to_nick (GType type,
                   int   value)
{
  GEnumClass *klass = g_type_class_ref (type);   /* kept: nicks live on */
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}

/**
 * _crm_enum_from_nick:
 * @type: an enumeration type
 * @text: (nullable): a stable name, in any case
 * @value: (out): the value it names
 *
 * Returns: whether @text names a value of @type
 */
gboolean
_crm_enum_from_nick (GType       type,
                     const char *text,
                     int        *value)
{
  GEnumClass *klass;

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (text, klass->values[i].value_nick) == 0)
      {
        *value = klass->values[i].value;
        return TRUE;
      }

  return FALSE;
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

  return _crm_enum_to_nick (CRM_TYPE_ROLE, role);
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
  int value;

  /* exactly as stored: roles are compared case-sensitively */
  if (text == NULL || !_crm_enum_from_nick (CRM_TYPE_ROLE, text, &value) ||
      !g_str_equal (text, _crm_enum_to_nick (CRM_TYPE_ROLE, value)))
    return FALSE;
  *role = value;

  return TRUE;
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

  return _crm_enum_to_nick (CRM_TYPE_CONTACT_KIND, kind);
}
