/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-user.h"

/**
 * CrmUser:
 *
 * A person who works in the application: an administrator, a manager
 * or an agent. Immutable once read from the store. A deactivated user
 * keeps their name on everything they did, but works no more.
 */
struct _CrmUser
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *email;
  CrmRole  role;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (CrmUser, crm_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_ROLE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_user_finalize (GObject *object)
{
  CrmUser *self = (CrmUser *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (crm_user_parent_class)->finalize (object);
}

static void
crm_user_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CrmUser *self = CRM_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_user_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CrmUser *self = CRM_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;

    case PROP_ROLE:
      self->role = g_value_get_enum (value);
      break;

    case PROP_ACTIVE:
      self->active = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_user_class_init (CrmUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_user_finalize;
  object_class->get_property = crm_user_get_property;
  object_class->set_property = crm_user_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL,
                                             CRM_TYPE_ROLE, CRM_ROLE_AGENT, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_user_init (CrmUser *self)
{
  self->active = TRUE;
}

CrmUser *
crm_user_new (gint64      id,
              const char *name,
              const char *email,
              CrmRole     role)
{
  return g_object_new (CRM_TYPE_USER,
                       "id", id,
                       "name", name,
                       "email", email,
                       "role", role,
                       NULL);
}

/**
 * crm_user_new_full:
 * @id: the user's id
 * @name: the full name
 * @email: the e-mail address
 * @role: the role
 * @active: %FALSE for a user who was deactivated
 *
 * Returns: (transfer full): a new #CrmUser
 */
CrmUser *
crm_user_new_full (gint64      id,
                   const char *name,
                   const char *email,
                   CrmRole     role,
                   gboolean    active)
{
  return g_object_new (CRM_TYPE_USER,
                       "id", id,
                       "name", name,
                       "email", email,
                       "role", role,
                       "active", active,
                       NULL);
}

gint64
crm_user_get_id (CrmUser *self)
{
  g_return_val_if_fail (CRM_IS_USER (self), 0);

  return self->id;
}

const char *
crm_user_get_name (CrmUser *self)
{
  g_return_val_if_fail (CRM_IS_USER (self), NULL);

  return self->name;
}

const char *
crm_user_get_email (CrmUser *self)
{
  g_return_val_if_fail (CRM_IS_USER (self), NULL);

  return self->email;
}

CrmRole
crm_user_get_role (CrmUser *self)
{
  g_return_val_if_fail (CRM_IS_USER (self), CRM_ROLE_AGENT);

  return self->role;
}

/**
 * crm_user_get_active:
 * @self: a #CrmUser
 *
 * Returns: %FALSE when the user was deactivated: they keep their
 *   history but cannot work or be given work
 */
gboolean
crm_user_get_active (CrmUser *self)
{
  g_return_val_if_fail (CRM_IS_USER (self), FALSE);

  return self->active;
}
