/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-account.h"

/**
 * CrmAccount:
 *
 * A mail account of the office; its password is kept in the Secret Service, never here. Immutable; read from the store.
 */
struct _CrmAccount
{
  GObject  parent_instance;

  gint64  id;
  char   *address;
  char   *display_name;
  char   *imap_host;
  gint64  imap_port;
  char   *imap_security;
  char   *smtp_host;
  gint64  smtp_port;
  char   *smtp_security;
  char   *username;
};

G_DEFINE_FINAL_TYPE (CrmAccount, crm_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ADDRESS,
  PROP_DISPLAY_NAME,
  PROP_IMAP_HOST,
  PROP_IMAP_PORT,
  PROP_IMAP_SECURITY,
  PROP_SMTP_HOST,
  PROP_SMTP_PORT,
  PROP_SMTP_SECURITY,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_account_finalize (GObject *object)
{
  CrmAccount *self = (CrmAccount *)object;

  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->imap_host, g_free);
  g_clear_pointer (&self->imap_security, g_free);
  g_clear_pointer (&self->smtp_host, g_free);
  g_clear_pointer (&self->smtp_security, g_free);
  g_clear_pointer (&self->username, g_free);

  G_OBJECT_CLASS (crm_account_parent_class)->finalize (object);
}

static void
crm_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_IMAP_HOST:
      g_value_set_string (value, self->imap_host);
      break;

    case PROP_IMAP_PORT:
      g_value_set_int64 (value, self->imap_port);
      break;

    case PROP_IMAP_SECURITY:
      g_value_set_string (value, self->imap_security);
      break;

    case PROP_SMTP_HOST:
      g_value_set_string (value, self->smtp_host);
      break;

    case PROP_SMTP_PORT:
      g_value_set_int64 (value, self->smtp_port);
      break;

    case PROP_SMTP_SECURITY:
      g_value_set_string (value, self->smtp_security);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_account_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_ADDRESS:
      self->address = g_value_dup_string (value);
      break;

    case PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;

    case PROP_IMAP_HOST:
      self->imap_host = g_value_dup_string (value);
      break;

    case PROP_IMAP_PORT:
      self->imap_port = g_value_get_int64 (value);
      break;

    case PROP_IMAP_SECURITY:
      self->imap_security = g_value_dup_string (value);
      break;

    case PROP_SMTP_HOST:
      self->smtp_host = g_value_dup_string (value);
      break;

    case PROP_SMTP_PORT:
      self->smtp_port = g_value_get_int64 (value);
      break;

    case PROP_SMTP_SECURITY:
      self->smtp_security = g_value_dup_string (value);
      break;

    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_account_class_init (CrmAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_account_finalize;
  object_class->get_property = crm_account_get_property;
  object_class->set_property = crm_account_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_IMAP_HOST] = g_param_spec_string ("imap-host", NULL, NULL, NULL, flags);
  properties[PROP_IMAP_PORT] = g_param_spec_int64 ("imap-port", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_IMAP_SECURITY] = g_param_spec_string ("imap-security", NULL, NULL, NULL, flags);
  properties[PROP_SMTP_HOST] = g_param_spec_string ("smtp-host", NULL, NULL, NULL, flags);
  properties[PROP_SMTP_PORT] = g_param_spec_int64 ("smtp-port", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SMTP_SECURITY] = g_param_spec_string ("smtp-security", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_account_init (CrmAccount *self)
{
}

CrmAccount *
crm_account_new (gint64      id,
                 const char *address,
                 const char *display_name,
                 const char *imap_host,
                 gint64      imap_port,
                 const char *imap_security,
                 const char *smtp_host,
                 gint64      smtp_port,
                 const char *smtp_security,
                 const char *username)
{
  return g_object_new (CRM_TYPE_ACCOUNT,
                       "id", id,
                       "address", address,
                       "display-name", display_name,
                       "imap-host", imap_host,
                       "imap-port", imap_port,
                       "imap-security", imap_security,
                       "smtp-host", smtp_host,
                       "smtp-port", smtp_port,
                       "smtp-security", smtp_security,
                       "username", username,
                       NULL);
}

gint64
crm_account_get_id (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), 0);

  return self->id;
}

const char *
crm_account_get_address (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->address;
}

const char *
crm_account_get_display_name (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->display_name;
}

const char *
crm_account_get_imap_host (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->imap_host;
}

gint64
crm_account_get_imap_port (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), 0);

  return self->imap_port;
}

const char *
crm_account_get_imap_security (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->imap_security;
}

const char *
crm_account_get_smtp_host (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->smtp_host;
}

gint64
crm_account_get_smtp_port (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), 0);

  return self->smtp_port;
}

const char *
crm_account_get_smtp_security (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->smtp_security;
}

const char *
crm_account_get_username (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->username;
}
