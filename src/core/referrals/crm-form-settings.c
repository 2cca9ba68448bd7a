/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-form-settings.h"
#include "crm-user-store.h"

/*
 * The office's settings of the referral forms' server, in the database
 * so that whichever desktop runs the office's engine serves the same:
 * on or off ("forms-server"), the address and port it listens on
 * ("forms-server-listen", loopback by default), whether that address
 * may be one other computers reach ("forms-server-public": the server
 * is meant to sit behind a reverse proxy on the same computer), the
 * proxy whose X-Forwarded-For is believed ("forms-trusted-proxy").
 * Which identity number a form asks for is the referrals' store's
 * setting (crm_referral_store_get_identifier ()).
 */

#define SETTING_ENABLED "forms-server"
#define SETTING_LISTEN  "forms-server-listen"
#define SETTING_PUBLIC  "forms-server-public"
#define SETTING_PROXY   "forms-trusted-proxy"

static gboolean
is_yes (const char *text)
{
  return g_strcmp0 (text, "on") == 0 || g_strcmp0 (text, "yes") == 0 || g_strcmp0 (text, "true") == 0;
}

static gboolean
check_admin (CrmSession  *session,
             GError     **error)
{
  g_autoptr(CrmUser) actor = NULL;
  gint64 user_id = crm_session_get_user_id (session);

  if (user_id == 0 || !(actor = crm_user_store_get (crm_user_store_from_session (session), user_id, NULL)) ||
      crm_user_get_role (actor) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                       _("Only an administrator may change the referral forms’ server."));

  return FALSE;
}

static gboolean
save_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  const CrmFormSettings *settings = user_data;
  g_autofree char *listen_text = NULL;
  g_autofree char *detail = NULL;

  listen_text = strchr (settings->address, ':') != NULL
             ? g_strdup_printf ("[%s]:%u", settings->address, settings->port)
             : g_strdup_printf ("%s:%u", settings->address, settings->port);
  detail = g_strdup_printf ("%s %s%s", settings->enabled ? "on" : "off", listen_text,
                            settings->public_address ? " public" : "");

  return crm_session_set_setting (session, SETTING_ENABLED, settings->enabled ? "on" : "off", error) &&
         crm_session_set_setting (session, SETTING_LISTEN, listen_text, error) &&
         crm_session_set_setting (session, SETTING_PUBLIC, settings->public_address ? "yes" : NULL, error) &&
         crm_session_set_setting (session, SETTING_PROXY, settings->trusted_proxy, error) &&
         crm_session_append_history (session, "settings", 0, "forms-server-set", detail, error);
}

/**
 * crm_form_address_is_loopback:
 * @address: an IP address
 *
 * Returns: whether @address is this computer's own (127.0.0.0/8, ::1)
 */
gboolean
crm_form_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = address != NULL ? g_inet_address_new_from_string (address) : NULL;

  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

/**
 * crm_form_settings_parse_listen:
 * @text: "ADDRESS:PORT", "[IPv6]:PORT", or a port alone (loopback)
 * @address: (out): the address
 * @port: (out): the port; 0 lets the system choose one
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is an IP address and a port
 */
gboolean
crm_form_settings_parse_listen (const char  *text,
                                char       **address,
                                guint       *port,
                                GError     **error)
{
  g_autofree char *host = NULL;
  const char *colon;
  const char *port_text;
  guint64 number;
  g_autoptr(GInetAddress) inet = NULL;

  if (text == NULL)
    text = "";
  if (text[0] == '[')
    {
      const char *bracket = strchr (text, ']');

      if (bracket == NULL || bracket[1] != ':')
        goto bad;
      host = g_strndup (text + 1, bracket - text - 1);
      port_text = bracket + 2;
    }
  else if ((colon = strrchr (text, ':')) != NULL)
    {
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }
  else
    {
      host = g_strdup (CRM_FORM_SERVER_DEFAULT_ADDRESS);
      port_text = text;
    }
  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &number, NULL) ||
      !(inet = g_inet_address_new_from_string (host)))
    goto bad;

  *address = g_steal_pointer (&host);
  *port = (guint) number;
  return TRUE;

bad:
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: what was given follows the colon */
               _("Give the address to listen on as ADDRESS:PORT, e.g. 127.0.0.1:8088: “%s”."), text);
  return FALSE;
}

/**
 * crm_form_settings_check:
 * @settings: the settings
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the address is loopback, or may be public; a
 *   trusted proxy is an IP address
 */
gboolean
crm_form_settings_check (const CrmFormSettings  *settings,
                         GError                **error)
{
  g_autoptr(GInetAddress) proxy = NULL;

  g_return_val_if_fail (settings != NULL, FALSE);

  if (settings->address == NULL || !g_hostname_is_ip_address (settings->address))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Give the referral forms’ server an IP address to listen on."));
      return FALSE;
    }
  if (!settings->public_address && !crm_form_address_is_loopback (settings->address))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("%s is not this computer’s own address: the forms are served to the Internet through "
                     "a reverse proxy. To listen on it anyway, allow a public address."), settings->address);
      return FALSE;
    }
  if (settings->trusted_proxy != NULL && !(proxy = g_inet_address_new_from_string (settings->trusted_proxy)))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("The trusted proxy must be an IP address: “%s”."), settings->trusted_proxy);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_form_settings_load:
 * @session: a #CrmSession
 *
 * Returns: (transfer full): the office's settings of the forms' server
 */
CrmFormSettings *
crm_form_settings_load (CrmSession *session)
{
  g_autoptr(CrmFormSettings) settings = g_new0 (CrmFormSettings, 1);
  g_autofree char *enabled = NULL;
  g_autofree char *listen_text = NULL;
  g_autofree char *public_address = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  enabled = crm_session_get_setting (session, SETTING_ENABLED, NULL);
  listen_text = crm_session_get_setting (session, SETTING_LISTEN, NULL);
  public_address = crm_session_get_setting (session, SETTING_PUBLIC, NULL);
  settings->trusted_proxy = crm_session_get_setting (session, SETTING_PROXY, NULL);
  if (settings->trusted_proxy != NULL && *settings->trusted_proxy == '\0')
    g_clear_pointer (&settings->trusted_proxy, g_free);

  settings->enabled = is_yes (enabled);
  settings->public_address = is_yes (public_address);
  if (listen_text == NULL || !crm_form_settings_parse_listen (listen_text, &settings->address, &settings->port, NULL))
    {
      settings->address = g_strdup (CRM_FORM_SERVER_DEFAULT_ADDRESS);
      settings->port = CRM_FORM_SERVER_DEFAULT_PORT;
    }

  return g_steal_pointer (&settings);
}

/**
 * crm_form_settings_save:
 * @settings: the settings
 * @session: a #CrmSession
 * @error: return location for a #GError
 *
 * Saves the office's settings of the forms' server (administrators),
 * with an audit row. A running engine takes them when it starts next.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_form_settings_save (const CrmFormSettings  *settings,
                        CrmSession             *session,
                        GError                **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!crm_form_settings_check (settings, error) || !check_admin (session, error))
    return FALSE;

  return crm_session_run_in_transaction (session, save_tx, (gpointer) settings, error);
}

/**
 * crm_form_settings_copy:
 * @settings: the settings
 *
 * Returns: (transfer full): a copy
 */
CrmFormSettings *
crm_form_settings_copy (const CrmFormSettings *settings)
{
  CrmFormSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = g_memdup2 (settings, sizeof *settings);
  copy->address = g_strdup (settings->address);
  copy->trusted_proxy = g_strdup (settings->trusted_proxy);

  return copy;
}

/**
 * crm_form_settings_free:
 * @settings: (transfer full) (nullable): the settings
 */
void
crm_form_settings_free (CrmFormSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->address);
  g_free (settings->trusted_proxy);
  g_free (settings);
}
