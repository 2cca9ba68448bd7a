/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-secrets"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "crm-secrets.h"

/*
 * Mail passwords live in the Secret Service (GNOME Keyring, KWallet…)
 * through libsecret, keyed by the account's id: never in the database,
 * the settings, a log or a command line. These calls talk to the
 * service over D-Bus and may wait for it: call them from crmctl, or
 * from a worker thread in the application.
 */

G_DEFINE_QUARK (crm-secrets-error-quark, crm_secrets_error)

static const SecretSchema account_schema = {
  "org.example.Crm.Account", SECRET_SCHEMA_NONE,
  {
    { "account-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { NULL, 0 },
  }
};

static const SecretSchema database_schema = {
  "org.example.Crm.Database", SECRET_SCHEMA_NONE,
  {
    { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The e-shop's REST API keys (TK7), keyed by the shop's address: the
 * address is the office's, in the database; each desktop keeps the
 * keys in its own keyring. One item holds both, as HTTP Basic joins
 * them ("key:secret"; a consumer key has no colon), so that a key is
 * never kept without its secret. */
static const SecretSchema shop_schema = {
  "org.example.Crm.Shop", SECRET_SCHEMA_NONE,
  {
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The key that signs the links of the brokers' referral forms (issue
 * 16): one per office, 32 random bytes written in URL-safe base64. The
 * form server checks the links with it, crmctl and the window sign new
 * ones; in a team every desktop that makes forms, and the engine that
 * serves them, keep the same key in their own keyring (crmctl forms key
 * export / import). */
static const SecretSchema form_key_schema = {
  "org.example.Crm.FormKey", SECRET_SCHEMA_NONE,
  {
    { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

#define FORM_KEY_PURPOSE "referral-forms"

static void
set_unavailable (GError **error,
                 GError  *cause)
{
  g_set_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_UNAVAILABLE,
               /* Translators: %s is the reason the system gave */
               _("The password cannot be kept: no Secret Service (such as GNOME Keyring) "
                 "is available or unlocked in this session (%s)."),
               cause ? cause->message : _("no reason given"));
}

/**
 * crm_secrets_store_password:
 * @account_id: the account
 * @address: the account's address, for the label users see
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the Secret Service keeps the password
 */
gboolean
crm_secrets_store_password (gint64         account_id,
                            const char    *address,
                            const char    *password,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* Translators: the name of a password in the keyring; %s is an address */
  label = g_strdup_printf (_("CRM mail account %s"), address);

  if (!secret_password_store_sync (&account_schema, SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error,
                                   "account-id", (int) account_id,
                                   NULL))
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_lookup_password:
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the password (clear it, then g_free()),
 *   or %NULL with @error set
 */
char *
crm_secrets_lookup_password (gint64         account_id,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *password;

  secret = secret_password_lookup_sync (&account_schema, cancellable, &local_error,
                                          "account-id", (int) account_id,
                                          NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return NULL;
    }

  /* libsecret's copy may live in non-pageable memory with its own free */
  password = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);

  if (password == NULL)
    g_set_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING,
                 _("No password is kept for this mail account; enter it again in the preferences."));

  return password;
}

/**
 * crm_secrets_clear_password:
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no password is kept for the account any more
 */
gboolean
crm_secrets_clear_password (gint64         account_id,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (&account_schema, cancellable, &local_error,
                              "account-id", (int) account_id,
                              NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_store_database_password:
 * @uri: the office's server, as the desktop connects to it (no password in it)
 * @password: the user's password there
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps the password of the team's database in the Secret Service,
 * the only place it is kept.
 *
 * Returns: %TRUE when the Secret Service keeps it
 */
gboolean
crm_secrets_store_database_password (const char    *uri,
                                     const char    *password,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* Translators: the name of a password in the keyring; %s is a server's database */
  label = g_strdup_printf (_("CRM office database %s"), uri);
  if (!secret_password_store_sync (&database_schema, SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                                   &local_error, "uri", uri, NULL))
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_lookup_database_password:
 * @uri: the office's server
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the password (clear it, then
 *   g_free()); %NULL with no @error when none is kept (the server may
 *   need none), %NULL with @error set when the Secret Service fails
 */
char *
crm_secrets_lookup_database_password (const char    *uri,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (uri != NULL, NULL);

  secret = secret_password_lookup_sync (&database_schema, cancellable, &local_error, "uri", uri, NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return NULL;
    }
  password = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);

  return password;
}

/**
 * crm_secrets_store_shop_keys:
 * @url: the shop's address, as the office's settings keep it
 * @consumer_key: the REST API's consumer key (no colon in it)
 * @consumer_secret: its consumer secret
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps the e-shop's keys in this desktop's Secret Service, the only
 * place they are kept.
 *
 * Returns: %TRUE when the Secret Service keeps them
 */
gboolean
crm_secrets_store_shop_keys (const char    *url,
                             const char    *consumer_key,
                             const char    *consumer_secret,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *joined = NULL;
  gboolean stored;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (consumer_key != NULL && strchr (consumer_key, ':') == NULL, FALSE);
  g_return_val_if_fail (consumer_secret != NULL, FALSE);

  /* Translators: the name of a password in the keyring; %s is the e-shop's address */
  label = g_strdup_printf (_("CRM e-shop keys %s"), url);
  joined = g_strconcat (consumer_key, ":", consumer_secret, NULL);
  stored = secret_password_store_sync (&shop_schema, SECRET_COLLECTION_DEFAULT, label, joined, cancellable,
                                       &local_error, "url", url, NULL);
  memset (joined, 0, strlen (joined));
  if (!stored)
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_lookup_shop_keys:
 * @url: the shop's address
 * @consumer_key: (out): the consumer key (g_free())
 * @consumer_secret: (out): the consumer secret (clear it, then g_free())
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE with both set; %FALSE with %CRM_SECRETS_ERROR_MISSING
 *   when this desktop keeps none for @url, or
 *   %CRM_SECRETS_ERROR_UNAVAILABLE when the Secret Service fails
 */
gboolean
crm_secrets_lookup_shop_keys (const char    *url,
                              char         **consumer_key,
                              char         **consumer_secret,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  const char *colon;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (consumer_key != NULL && consumer_secret != NULL, FALSE);

  secret = secret_password_lookup_sync (&shop_schema, cancellable, &local_error, "url", url, NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return FALSE;
    }
  if (secret == NULL || (colon = strchr (secret, ':')) == NULL)
    {
      if (secret != NULL)
        secret_password_free (secret);
      g_set_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING,
                   _("The e-shop’s keys are not kept on this computer: enter the consumer key and secret "
                     "under Preferences, E-Shop. In a team, each computer keeps them in its own keyring."));
      return FALSE;
    }
  *consumer_key = g_strndup (secret, colon - secret);
  *consumer_secret = g_strdup (colon + 1);
  secret_password_free (secret);

  return TRUE;
}

/**
 * crm_secrets_clear_shop_keys:
 * @url: the shop's address
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no keys are kept for @url any more
 */
gboolean
crm_secrets_clear_shop_keys (const char    *url,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  secret_password_clear_sync (&shop_schema, cancellable, &local_error, "url", url, NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_store_form_key:
 * @key: the office's form key (URL-safe base64)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps the key that signs the referral forms' links in this desktop's
 * Secret Service, replacing the one kept.
 *
 * Returns: %TRUE when the Secret Service keeps it
 */
gboolean
crm_secrets_store_form_key (const char    *key,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  /* Translators: the name of a secret in the keyring */
  if (!secret_password_store_sync (&form_key_schema, SECRET_COLLECTION_DEFAULT, _("CRM referral forms’ key"), key,
                                   cancellable, &local_error, "purpose", FORM_KEY_PURPOSE, NULL))
    {
      set_unavailable (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_secrets_lookup_form_key:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the form key (clear it, then
 *   g_free()); %NULL with no @error when this desktop keeps none,
 *   %NULL with @error set when the Secret Service fails
 */
char *
crm_secrets_lookup_form_key (GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *key;

  secret = secret_password_lookup_sync (&form_key_schema, cancellable, &local_error,
                                        "purpose", FORM_KEY_PURPOSE, NULL);
  if (local_error != NULL)
    {
      set_unavailable (error, local_error);
      return NULL;
    }
  key = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);

  return key;
}
