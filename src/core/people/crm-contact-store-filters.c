/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-normalize.h"
#include "crm-people-private.h"
#include "crm-saved-filter.h"

/* Saved filters of the address book (FD4): a saved view's filter of
 * the contacts, and the contacts it lets through in id order or one at
 * a time (crm-view-store.c); see crm-ticket-store-filters.c. */

static const CrmSavedFilterKey contact_filter_keys[] = {
  { "search", "s" },
  { NULL, NULL }
};

/**
 * crm_contact_filter_to_variant:
 * @filter: the address book's filter
 *
 * Returns: (transfer floating): @filter saved, an a{sv} (see
 *   crm_saved_filter_check())
 */
GVariant *
crm_contact_filter_to_variant (const CrmContactFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  crm_saved_filter_init (&builder);
  if (filter->search != NULL && filter->search[strspn (filter->search, " \t\r\n")] != '\0')
    g_variant_builder_add (&builder, "{sv}", "search", g_variant_new_string (filter->search));

  return g_variant_builder_end (&builder);
}

/**
 * crm_contact_filter_from_variant:
 * @variant: what crm_contact_filter_to_variant() made
 * @filter: (out caller-allocates): the filter; its text points into
 *   @variant, which must outlive it
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set; %FALSE with a %CRM_ERROR_INVALID
 *   when @variant is not a contact filter this version reads
 */
gboolean
crm_contact_filter_from_variant (GVariant          *variant,
                                 CrmContactFilter  *filter,
                                 GError           **error)
{
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (!crm_saved_filter_check (variant, contact_filter_keys, error))
    return FALSE;
  g_variant_lookup (variant, "search", "&s", &filter->search);

  return TRUE;
}

/* The contacts' ids after ?2 (or the one ?2 is, @one), the search's
 * hits from its own index in the ids' order (FTS5's rowid range, the
 * server's GIN index and primary key), or every contact's. */
static CrmStatement *
prepare_records (CrmContactStore  *self,
                 const char       *match,
                 gboolean          one,
                 GError          **error)
{
  g_autoptr(GString) sql = NULL;

  if (match == NULL)
    sql = g_string_new (one ? "SELECT id FROM contacts WHERE id = ?2" : "SELECT id FROM contacts WHERE id > ?2");
  else if (crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL)
    {
      sql = g_string_new ("SELECT rowid FROM contacts_fts "
                          "WHERE crm_search_vector (name, company, emails, phones, tags, address) "
                          "@@ crm_search_query (?1)");
      g_string_append (sql, one ? " AND rowid = ?2" : " AND rowid > ?2");
    }
  else
    {
      sql = g_string_new ("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1");
      g_string_append (sql, one ? " AND rowid = ?2" : " AND rowid > ?2");
    }
  if (!one)
    g_string_append (sql, match == NULL ? " ORDER BY id LIMIT ?3" : " ORDER BY rowid LIMIT ?3");

  return _crm_store_prepare (self, g_intern_string (sql->str), error);
}

/**
 * crm_contact_store_select_ids:
 * @self: a #CrmContactStore
 * @filter: which contacts
 * @after_id: only contacts with a greater id (0: from the first)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * The contacts @filter lets through, in id order, a page at a time
 * (the last id of a page is the next page's @after_id).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_contact_store_select_ids (CrmContactStore         *self,
                              const CrmContactFilter  *filter,
                              gint64                   after_id,
                              guint                    limit,
                              GError                 **error)
{
  g_autofree char *match = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  match = crm_normalize_search_text (filter->search);
  if (!(stmt = prepare_records (self, match, FALSE, error)))
    return NULL;
  if (match != NULL)
    crm_statement_bind_text (stmt, 1, match);
  crm_statement_bind_int64 (stmt, 2, after_id);
  crm_statement_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_contact_store_filter_matches:
 * @self: a #CrmContactStore
 * @filter: which contacts
 * @contact_id: a contact
 * @matches: (out): whether @filter lets it through now (%FALSE for a
 *   contact that does not exist)
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @matches set, or %FALSE with @error set
 */
gboolean
crm_contact_store_filter_matches (CrmContactStore         *self,
                                  const CrmContactFilter  *filter,
                                  gint64                   contact_id,
                                  gboolean                *matches,
                                  GError                 **error)
{
  g_autofree char *match = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  match = crm_normalize_search_text (filter->search);
  if (!(stmt = prepare_records (self, match, TRUE, error)))
    return FALSE;
  if (match != NULL)
    crm_statement_bind_text (stmt, 1, match);
  crm_statement_bind_int64 (stmt, 2, contact_id);

  return _crm_store_step_row (self, stmt, matches, error);
}
