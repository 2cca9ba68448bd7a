/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-contacts"

#include "config.h"

#include <string.h>

#include "crm-contact-private.h"
#include "crm-normalize.h"
#include "crm-people-private.h"

/* A contact as its row holds it, and the text of its search index: the
 * sort key of a name, the folded words, a phone number's terms. Shared
 * by the contacts' storage (crm-contact-store.c), the contacts' list
 * and the modules that read contacts' rows. */

#define UNIT_SEPARATOR "\x1f"

static GStrv
split_column (CrmStatement *stmt,
              int           column)
{
  const char *text = crm_statement_get_text (stmt, column);

  if (text == NULL || *text == '\0')
    return NULL;

  return g_strsplit (text, UNIT_SEPARATOR, -1);
}

CrmContact *
_crm_store_contact_from_row (CrmStatement *stmt)
{
  const char *kind = crm_statement_get_text (stmt, 1);
  g_auto(GStrv) emails = split_column (stmt, 10);
  g_auto(GStrv) phones = split_column (stmt, 11);
  g_auto(GStrv) tags = split_column (stmt, 12);
  CrmContact *contact;

  contact = crm_contact_new (g_strcmp0 (kind, "company") == 0 ? CRM_CONTACT_COMPANY
                                                              : CRM_CONTACT_PERSON);
  _crm_contact_set_id (contact, crm_statement_get_int64 (stmt, 0));
  crm_contact_set_name (contact, crm_statement_get_text (stmt, 2));
  crm_contact_set_company_id (contact, crm_statement_get_int64 (stmt, 3));
  _crm_contact_set_company_name (contact, crm_statement_get_text (stmt, 4));
  crm_contact_set_manager_id (contact, crm_statement_get_int64 (stmt, 5));
  _crm_contact_set_manager_name (contact, crm_statement_get_text (stmt, 6));
  crm_contact_set_note (contact, crm_statement_get_text (stmt, 7));
  _crm_contact_set_times (contact, crm_statement_get_int64 (stmt, 8), crm_statement_get_int64 (stmt, 9));
  crm_contact_set_emails (contact, (const char * const *) emails);
  crm_contact_set_phones (contact, (const char * const *) phones);
  crm_contact_set_tags (contact, (const char * const *) tags);
  crm_contact_set_street (contact, crm_statement_get_text (stmt, 13));
  crm_contact_set_postal_code (contact, crm_statement_get_text (stmt, 14));
  crm_contact_set_city (contact, crm_statement_get_text (stmt, 15));
  crm_contact_set_country (contact, crm_statement_get_text (stmt, 16));
  _crm_contact_set_version (contact, crm_statement_get_int64 (stmt, 17));

  return contact;
}

/**
 * _crm_store_sort_key:
 *
 * Case- and accent-insensitive key for ordering names: "Łukasz" sorts
 * with "Lukasz", "Ádám" with "Adam".
 */
char *
_crm_store_sort_key (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) plain = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_ismark (ch))
        continue;
      if (ch == 0x0141 || ch == 0x0142) /* Ł ł do not decompose */
        ch = 'l';
      g_string_append_unichar (plain, ch);
    }

  return g_utf8_casefold (plain->str, -1);
}

/**
 * _crm_store_search_text:
 * @text: (nullable): a name, a company's name or tags
 *
 * What the search index holds of @text. SQLite's unicode61 tokenizer
 * removes diacritics, but to Unicode "Ł" and "ł" are letters of their
 * own that do not decompose, so "lukasz" would not find "Łukasz". Text
 * with them is indexed a second time spelt with "l", the way
 * _crm_store_sort_key() sorts it.
 *
 * Returns: (transfer full) (nullable): the text to index
 */
char *
_crm_store_search_text (const char *text)
{
  g_autoptr(GString) folded = NULL;

  if (text == NULL)
    return NULL;
  if (strstr (text, "Ł") == NULL && strstr (text, "ł") == NULL)
    return g_strdup (text);

  folded = g_string_new (text);
  g_string_replace (folded, "Ł", "L", 0);
  g_string_replace (folded, "ł", "l", 0);

  return g_strdup_printf ("%s %s", text, folded->str);
}

/**
 * _crm_store_phone_terms:
 *
 * What the search index holds of a phone number, so that any usual way
 * of typing a part of it finds it: the groups as written ("601 234
 * 567"), all its digits as written, and E.164 without the "+".
 */
char *
_crm_store_phone_terms (const char *number,
                        const char *normalized)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_strdup_printf ("%s %s %s", number, digits->str,
                          normalized[0] == '+' ? normalized + 1 : normalized);
}

/**
 * crm_contact_store_list_ids:
 * @self: a #CrmContactStore
 * @match: (nullable): a full-text query of the contacts' index, or
 *   %NULL for all contacts
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the contacts' ids by
 *   name, or %NULL with @error set
 */
GArray *
crm_contact_store_list_ids (CrmContactStore  *self,
                            const char       *match,
                            GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  if (match == NULL)
    stmt = _crm_store_prepare (self, "SELECT id FROM contacts ORDER BY sort_key, id", error);
  else if (crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL)
    stmt = _crm_store_prepare (self,
                               /* the sort key beside the text (0027) */
                               "SELECT rowid FROM contacts_fts "
                               "WHERE crm_search_vector (name, company, emails, phones, tags, address) "
                               "@@ crm_search_query (?) "
                               "ORDER BY sort_key, rowid",
                               error);
  else
    stmt = _crm_store_prepare (self,
                               "SELECT id FROM contacts WHERE id IN "
                               "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?) "
                               "ORDER BY sort_key, id",
                               error);
  if (stmt == NULL)
    return NULL;
  if (match != NULL)
    crm_statement_bind_text (stmt, 1, match);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_contact_store_get_many:
 * @self: a #CrmContactStore
 * @ids: (array length=n_ids): contacts' ids
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmContact): those of the
 *   contacts that exist, in no order, or %NULL with @error set
 */
GPtrArray *
crm_contact_store_get_many (CrmContactStore  *self,
                            const gint64     *ids,
                            guint             n_ids,
                            GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = _crm_store_ids_json (ids, n_ids);

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM contacts c" CRM_STORE_CONTACT_JOINS
                             " WHERE c.id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_text (stmt, 1, json);

  return _crm_store_collect_objects (self, stmt, (CrmRowFunc) _crm_store_contact_from_row, error);
}
