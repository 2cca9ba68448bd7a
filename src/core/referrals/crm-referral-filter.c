/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-referral-store-private.h"
#include "crm-saved-filter.h"

/*
 * The referrals' filter saved as a view (FD4), and the referrals a view
 * selects for automations: its filter checked, a page of its referrals
 * in id order, or whether one referral is in it.
 */

static const CrmSavedFilterKey referral_filter_keys[] = {
  { "id", "x" },
  { "client-name", "s" },
  { "advisor", "s" },
  { "from", "x" },
  { "to", "x" },
  { "status", "s" },
  { "investment", "x" },
  { "form", "x" },
  { "search", "s" },
  { NULL, NULL }
};

/**
 * crm_referral_filter_to_variant:
 * @filter: a referrals' filter, as the page's filter bar sets it
 *
 * What @filter lets through, saved (a saved view's filter).
 *
 * Returns: (transfer floating): an a{sv} (see crm_saved_filter_check())
 */
GVariant *
crm_referral_filter_to_variant (const CrmReferralFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  crm_saved_filter_init (&builder);
  if (filter->id > 0)
    g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_int64 (filter->id));
  if (filter->client_name != NULL && *filter->client_name != '\0')
    g_variant_builder_add (&builder, "{sv}", "client-name", g_variant_new_string (filter->client_name));
  if (filter->advisor != NULL && *filter->advisor != '\0')
    g_variant_builder_add (&builder, "{sv}", "advisor", g_variant_new_string (filter->advisor));
  if (filter->from > 0)
    g_variant_builder_add (&builder, "{sv}", "from", g_variant_new_int64 (filter->from));
  if (filter->to > 0)
    g_variant_builder_add (&builder, "{sv}", "to", g_variant_new_int64 (filter->to));
  if (filter->status != NULL && *filter->status != '\0')
    g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (filter->status));
  if (filter->investment_id > 0)
    g_variant_builder_add (&builder, "{sv}", "investment", g_variant_new_int64 (filter->investment_id));
  if (filter->form_id > 0)
    g_variant_builder_add (&builder, "{sv}", "form", g_variant_new_int64 (filter->form_id));
  if (filter->search != NULL && *filter->search != '\0')
    g_variant_builder_add (&builder, "{sv}", "search", g_variant_new_string (filter->search));

  return g_variant_builder_end (&builder);
}

/**
 * crm_referral_filter_from_variant:
 * @variant: what crm_referral_filter_to_variant() made
 * @filter: (out caller-allocates): the filter; its texts point into
 *   @variant, which must outlive it
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set; %FALSE with a %CRM_ERROR_INVALID
 *   when @variant is not a referrals' filter this version reads
 */
gboolean
crm_referral_filter_from_variant (GVariant           *variant,
                                  CrmReferralFilter  *filter,
                                  GError            **error)
{
  CrmReferralStatus status;

  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (!crm_saved_filter_check (variant, referral_filter_keys, error))
    return FALSE;
  g_variant_lookup (variant, "id", "x", &filter->id);
  g_variant_lookup (variant, "client-name", "&s", &filter->client_name);
  g_variant_lookup (variant, "advisor", "&s", &filter->advisor);
  g_variant_lookup (variant, "from", "x", &filter->from);
  g_variant_lookup (variant, "to", "x", &filter->to);
  g_variant_lookup (variant, "status", "&s", &filter->status);
  g_variant_lookup (variant, "investment", "x", &filter->investment_id);
  g_variant_lookup (variant, "form", "x", &filter->form_id);
  g_variant_lookup (variant, "search", "&s", &filter->search);
  if (filter->status != NULL && !g_str_equal (filter->status, "messages") &&
      !crm_referral_status_from_string (filter->status, &status))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what a saved view gave */
                   _("“%s” is not a referral’s status: give pending, accepted, rejected or messages."),
                   filter->status);
      return FALSE;
    }

  return TRUE;
}

static gboolean
exists (CrmReferralStore  *self,
        const char        *sql,
        gint64             id,
        gboolean          *found,
        GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);

  return _crm_store_step_row (self, stmt, found, error);
}

/**
 * crm_referral_store_check_filter:
 * @self: a #CrmReferralStore
 * @filter: a referrals' filter
 * @error: return location for a #GError
 *
 * Checks that the investment and the form (source) @filter names exist.
 *
 * Returns: %TRUE when they do
 */
gboolean
crm_referral_store_check_filter (CrmReferralStore         *self,
                                 const CrmReferralFilter  *filter,
                                 GError                  **error)
{
  gboolean found = TRUE;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->investment_id > 0)
    {
      if (!exists (self, "SELECT 1 FROM investments WHERE id = ?", filter->investment_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no investment %lld."),
                       (long long) filter->investment_id);
          return FALSE;
        }
    }
  if (filter->form_id > 0)
    {
      if (!exists (self, "SELECT 1 FROM referral_forms WHERE id = ?", filter->form_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no referral form %lld."),
                       (long long) filter->form_id);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * crm_referral_store_select_ids:
 * @self: a #CrmReferralStore
 * @filter: which referrals
 * @after_id: only referrals with a greater id (0: from the first)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * The referrals @filter lets through, in id order, a page at a time
 * (see crm_view_store_select()).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_referral_store_select_ids (CrmReferralStore         *self,
                               const CrmReferralFilter  *filter,
                               gint64                    after_id,
                               guint                     limit,
                               GError                  **error)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (after_id >= 0, NULL);

  /* one walk of the primary key from @after_id */
  return _crm_referral_store_list_ids_full (self, filter, after_id, limit, error);
}

/**
 * crm_referral_store_filter_matches:
 * @self: a #CrmReferralStore
 * @filter: which referrals
 * @id: a referral
 * @matches: (out): whether @filter lets it through
 * @error: return location for a #GError
 *
 * Asks @filter of one referral, by its id.
 *
 * Returns: %TRUE with @matches set
 */
gboolean
crm_referral_store_filter_matches (CrmReferralStore         *self,
                                   const CrmReferralFilter  *filter,
                                   gint64                    id,
                                   gboolean                 *matches,
                                   GError                  **error)
{
  CrmReferralFilter one;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  *matches = FALSE;
  if (filter->id > 0 && filter->id != id)
    return TRUE;
  one = *filter;
  one.id = id;
  if (!(ids = crm_referral_store_list_ids (self, &one, error)))
    return FALSE;
  *matches = ids->len > 0;

  return TRUE;
}
