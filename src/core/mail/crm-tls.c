/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-tls.h"

/**
 * crm_tls_get_database:
 * @database: (out) (transfer full) (nullable): the database, or %NULL
 *   for the system's
 * @error: return location for a #GError
 *
 * The certificate authorities the mail clients trust. By default the
 * system's; an office whose servers use certificates of its own
 * authority points `CRM_CA_FILE` at a PEM file of the authorities to
 * trust instead (the tests do the same with the CA their fixtures
 * make). A file that cannot be read fails the secured connection with
 * the reason, rather than silently trusting the system's list.
 *
 * Returns: %FALSE with @error set when `CRM_CA_FILE` cannot be used
 */
gboolean
crm_tls_get_database (GTlsDatabase **database,
                      GError       **error)
{
  const char *path = g_getenv ("CRM_CA_FILE");
  g_autoptr(GError) local_error = NULL;

  *database = NULL;
  if (path == NULL || *path == '\0')
    return TRUE;

  *database = g_tls_file_database_new (path, &local_error);
  if (*database == NULL)
    {
      g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                   /* Translators: a file, then the system's reason */
                   _("The certificate authorities in %s (CRM_CA_FILE) cannot be used: %s"),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
