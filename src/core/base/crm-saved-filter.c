/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-saved-filter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-saved-filter.h"

/* A module's filter, saved (a saved view's, FD4): each module turns
 * its own filter into an a{sv} and back next to the filter
 * (crm_ticket_filter_to_variant () and the like); what they share is
 * the version and the checks here. */

/**
 * crm_saved_filter_init:
 * @builder: an uninitialised #GVariantBuilder
 *
 * Begins a saved filter: an a{sv} with its version. The module adds
 * its keys and ends it with g_variant_builder_end().
 */
void
crm_saved_filter_init (GVariantBuilder *builder)
{
  g_return_if_fail (builder != NULL);

  g_variant_builder_init (builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (builder, "{sv}", "version", g_variant_new_uint32 (CRM_SAVED_FILTER_VERSION));
}

/**
 * crm_saved_filter_check:
 * @filter: a saved filter
 * @keys: the keys the module's filter may hold, ending with a %NULL key
 * @error: return location for a #GError
 *
 * Checks that @filter is an a{sv} of a version this program reads,
 * that holds only @keys, each with its type: a key read as missing
 * would widen the filter without a word.
 *
 * Returns: %TRUE when the module can read @filter whole
 */
gboolean
crm_saved_filter_check (GVariant                 *filter,
                        const CrmSavedFilterKey  *keys,
                        GError                  **error)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  guint32 version = 0;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  if (!g_variant_is_of_type (filter, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (filter, "version", "u", &version) || version == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The saved filter cannot be read."));
      return FALSE;
    }
  if (version > CRM_SAVED_FILTER_VERSION)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The filter was saved by a newer version of CRM: update CRM to use it."));
      return FALSE;
    }

  g_variant_iter_init (&iter, filter);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) owned = value;
      const CrmSavedFilterKey *known = NULL;

      if (g_str_equal (key, "version"))
        continue;
      for (guint i = 0; keys[i].key != NULL && known == NULL; i++)
        if (g_str_equal (keys[i].key, key))
          known = &keys[i];
      if (known == NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is the name of a part of a saved filter, such as "queue" */
                       _("The saved filter has “%s”, which this list does not filter by."), key);
          return FALSE;
        }
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE (known->type)))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is the name of a part of a saved filter, such as "queue" */
                       _("The saved filter’s “%s” cannot be read."), key);
          return FALSE;
        }
    }

  return TRUE;
}
