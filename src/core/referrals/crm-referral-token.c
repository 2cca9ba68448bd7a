/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-referral-token.h"
#include "crm-secrets.h"

/*
 * The link handed to a broker carries a token: the form's id, its
 * nonce (random, kept in the form's row: revoking a form or making its
 * link again changes what the row accepts) and the time the link
 * expires, signed with HMAC-SHA256 by the office's form key. The key
 * is in the Secret Service (crm_secrets_lookup_form_key()), made on
 * first use (32 random bytes, URL-safe base64) and kept in memory by
 * the process once read, since the form server checks a token on every
 * request.
 *
 *   token = b64url ("1:" FORM_ID ":" EXPIRES ":" NONCE) "." b64url (HMAC)
 *
 * Whether the form exists, is revoked or has expired is the store's
 * question (crm_referral_store_lookup_form()); here only whether the
 * office signed it.
 */

#define KEY_BYTES 32
#define NONCE_BYTES 12
#define TOKEN_VERSION "1"

static GMutex key_lock;
static GBytes *key_kept;

static char *
b64url_encode (const guint8 *data,
               gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  if ((p = strchr (text, '=')) != NULL)
    *p = '\0';

  return text;
}

static GBytes *
b64url_decode (const char *text)
{
  g_autoptr(GString) padded = g_string_new (NULL);
  guchar *data;
  gsize len = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '-')
        g_string_append_c (padded, '+');
      else if (*p == '_')
        g_string_append_c (padded, '/');
      else if (g_ascii_isalnum (*p))
        g_string_append_c (padded, *p);
      else
        return NULL;
    }
  if (padded->len % 4 == 1)
    return NULL;
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  data = g_base64_decode (padded->str, &len);

  return g_bytes_new_take (data, len);
}

static void
random_bytes (guint8 *data,
              gsize   len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  gsize read = 0;

  stream = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  if (stream == NULL || !g_input_stream_read_all (stream, data, len, &read, NULL, &error) || read != len)
    g_error ("no random bytes from /dev/urandom: %s", error ? error->message : "short read");
}

/* Returns: (transfer full): the key's bytes, read once; with @make, one
 * is made and kept when the keyring has none */
static GBytes *
get_key (gboolean   make,
         GError   **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&key_lock);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (key_kept != NULL)
    return g_bytes_ref (key_kept);

  text = crm_secrets_lookup_form_key (NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (text == NULL && make)
    {
      guint8 data[KEY_BYTES];

      random_bytes (data, sizeof data);
      text = b64url_encode (data, sizeof data);
      memset (data, 0, sizeof data);
      if (!crm_secrets_store_form_key (text, NULL, error))
        return NULL;
      g_message ("made the referral forms' key in this desktop's keyring");
    }
  if (text == NULL)
    {
      g_set_error_literal (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING,
                           _("This computer keeps no key for the referral forms’ links: import the office’s key "
                             "(crmctl forms key import) or make a form here first."));
      return NULL;
    }
  bytes = b64url_decode (text);
  memset (text, 0, strlen (text));
  if (bytes == NULL || g_bytes_get_size (bytes) != KEY_BYTES)
    {
      g_set_error_literal (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING,
                           _("The referral forms’ key kept on this computer is damaged: import the office’s key "
                             "again (crmctl forms key import)."));
      return NULL;
    }
  key_kept = g_bytes_ref (bytes);

  return g_steal_pointer (&bytes);
}

/**
 * crm_referral_token_forget_key:
 *
 * Forgets the key this process read, so that the next token reads the
 * keyring again (after a key was imported by another process).
 */
void
crm_referral_token_forget_key (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&key_lock);

  g_clear_pointer (&key_kept, g_bytes_unref);
}

static char *
sign (GBytes     *key,
      const char *payload)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  guint8 digest[32];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) payload, strlen (payload));
  g_hmac_get_digest (hmac, digest, &len);

  return b64url_encode (digest, len);
}

/**
 * crm_referral_token_new_nonce:
 *
 * Returns: (transfer full): a new random nonce for a form's row
 *   (URL-safe base64 of 12 random bytes)
 */
char *
crm_referral_token_new_nonce (void)
{
  guint8 data[NONCE_BYTES];

  random_bytes (data, sizeof data);

  return b64url_encode (data, sizeof data);
}

static gboolean
nonce_is_valid (const char *nonce)
{
  if (nonce == NULL || *nonce == '\0' || strlen (nonce) > 64)
    return FALSE;
  for (const char *p = nonce; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/**
 * crm_referral_token_make:
 * @form_id: the form's id
 * @nonce: the form's nonce (crm_referral_token_new_nonce())
 * @expires_unix: when the link expires (Unix time), or 0 for never
 * @error: return location for a #GError: the Secret Service's
 *
 * Signs a form's link with the office's form key, making the key in
 * this desktop's keyring when it has none. Blocks on the Secret
 * Service the first time: call it from crmctl or a worker.
 *
 * Returns: (transfer full): the token, URL-safe, or %NULL with @error set
 */
char *
crm_referral_token_make (gint64       form_id,
                         const char  *nonce,
                         gint64       expires_unix,
                         GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *mac = NULL;

  g_return_val_if_fail (form_id > 0, NULL);
  g_return_val_if_fail (nonce_is_valid (nonce), NULL);
  g_return_val_if_fail (expires_unix >= 0, NULL);

  if (!(key = get_key (TRUE, error)))
    return NULL;
  payload = g_strdup_printf (TOKEN_VERSION ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s",
                             form_id, expires_unix, nonce);
  encoded = b64url_encode ((const guint8 *) payload, strlen (payload));
  mac = sign (key, payload);

  return g_strconcat (encoded, ".", mac, NULL);
}

static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guint8 diff = len_a != len_b;

  for (gsize i = 0; i < len_a; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i % MAX (len_b, 1)];

  return diff == 0;
}

static gboolean
forged (GError **error)
{
  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("No such form."));
  return FALSE;
}

static gboolean
parse_int64 (const char *text,
             gint64     *value)
{
  guint64 parsed = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;

  return TRUE;
}

/**
 * crm_referral_token_parse:
 * @token: a token from a form's link
 * @form_id: (out) (optional): the form's id
 * @nonce: (out) (optional) (transfer full): the nonce it was signed with
 * @expires_unix: (out) (optional): when it expires, 0 for never
 * @error: return location for a #GError
 *
 * Checks the token's signature (HMAC-SHA256 with the office's form
 * key, compared in constant time). Whether the form still accepts it
 * (its nonce, revoked, expired) is for the store to say.
 *
 * Returns: %TRUE when the office signed @token; %FALSE with
 *   %CRM_ERROR_NOT_FOUND when it is forged or malformed, or with a
 *   %CRM_SECRETS_ERROR when this desktop has no key or its Secret
 *   Service fails
 */
gboolean
crm_referral_token_parse (const char  *token,
                          gint64      *form_id,
                          char       **nonce,
                          gint64      *expires_unix,
                          GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) payload_bytes = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *mac = NULL;
  g_auto(GStrv) fields = NULL;
  const char *dot;
  gint64 id = 0, expires = 0;

  if (token == NULL || strlen (token) > 512 || (dot = strchr (token, '.')) == NULL)
    return forged (error);
  encoded = g_strndup (token, dot - token);
  if (!(payload_bytes = b64url_decode (encoded)))
    return forged (error);
  payload = g_strndup (g_bytes_get_data (payload_bytes, NULL), g_bytes_get_size (payload_bytes));
  if (strlen (payload) != g_bytes_get_size (payload_bytes))
    return forged (error);

  if (!(key = get_key (FALSE, error)))
    return FALSE;
  mac = sign (key, payload);
  if (!equal_in_constant_time (dot + 1, mac))
    return forged (error);

  fields = g_strsplit (payload, ":", 4);
  if (g_strv_length (fields) != 4 || !g_str_equal (fields[0], TOKEN_VERSION) ||
      !parse_int64 (fields[1], &id) || id <= 0 || !parse_int64 (fields[2], &expires) ||
      !nonce_is_valid (fields[3]))
    return forged (error);

  if (form_id != NULL)
    *form_id = id;
  if (expires_unix != NULL)
    *expires_unix = expires;
  if (nonce != NULL)
    *nonce = g_strdup (fields[3]);

  return TRUE;
}

/**
 * crm_referral_token_export_key:
 * @error: return location for a #GError
 *
 * The office's form key as kept in this desktop's keyring, to import on
 * another desktop of the team or on the computer whose engine serves
 * the forms (crmctl forms key export). Makes one when none is kept.
 *
 * Returns: (transfer full): the key (URL-safe base64; clear it, then
 *   g_free()), or %NULL with @error set
 */
char *
crm_referral_token_export_key (GError **error)
{
  g_autoptr(GBytes) key = get_key (TRUE, error);

  if (key == NULL)
    return NULL;

  return b64url_encode (g_bytes_get_data (key, NULL), g_bytes_get_size (key));
}

/**
 * crm_referral_token_import_key:
 * @key: a key exported on another desktop
 * @error: return location for a #GError (%CRM_ERROR_INVALID when @key
 *   is not one, or the Secret Service's)
 *
 * Keeps @key as this desktop's form key, replacing the one kept: links
 * signed with the old key stop working here.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_token_import_key (const char  *key,
                               GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (key != NULL ? key : ""));
  g_autoptr(GBytes) bytes = b64url_decode (text);
  g_autofree char *canonical = NULL;

  if (bytes == NULL || g_bytes_get_size (bytes) != KEY_BYTES)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("This is not a referral forms’ key: give the text that “crmctl forms key export” wrote."));
      return FALSE;
    }
  canonical = b64url_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!crm_secrets_store_form_key (canonical, NULL, error))
    return FALSE;
  crm_referral_token_forget_key ();

  return TRUE;
}
