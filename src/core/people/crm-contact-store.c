/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-contact-private.h"
#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-note.h"
#include "crm-people-private.h"

struct _CrmContactStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmContactStore, crm_contact_store, CRM_TYPE_STORE)

static void
crm_contact_store_class_init (CrmContactStoreClass *klass)
{
}

static void
crm_contact_store_init (CrmContactStore *self)
{
}

/**
 * crm_contact_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmContactStore *
crm_contact_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_CONTACT_STORE);
}

/* Contacts (FD1): persons and companies, their addresses, phones,
 * tags and notes, with every change in the history and the search
 * index updated in the same transaction. */

#define MAX_NAME_CHARS 200
#define MAX_TAG_CHARS 50
#define MAX_NOTE_CHARS 20000
#define MAX_STREET_CHARS 200
#define MAX_POSTAL_CODE_CHARS 20
#define MAX_PLACE_CHARS 100

typedef struct
{
  CrmContact  *contact;
  CrmSaveContactFlags flags;
  GPtrArray   *emails;       /* entered */
  GPtrArray   *emails_norm;
  GPtrArray   *phones;
  GPtrArray   *phones_norm;
  GPtrArray   *tags;
  char        *name;
  char        *note;
  char        *address[4];   /* street, postal code, city, country */
  CrmContact  *before;
  gint64       id;
} SaveContact;

static void
save_contact_clear (SaveContact *save)
{
  g_clear_pointer (&save->emails, g_ptr_array_unref);
  g_clear_pointer (&save->emails_norm, g_ptr_array_unref);
  g_clear_pointer (&save->phones, g_ptr_array_unref);
  g_clear_pointer (&save->phones_norm, g_ptr_array_unref);
  g_clear_pointer (&save->tags, g_ptr_array_unref);
  g_clear_pointer (&save->name, g_free);
  g_clear_pointer (&save->note, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (save->address); i++)
    g_clear_pointer (&save->address[i], g_free);
  g_clear_object (&save->before);
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;

  return FALSE;
}

/* FD1: the postal address's parts, trimmed; empty ones are %NULL */
static gboolean
validate_address (SaveContact  *save,
                  GError      **error)
{
  const char *parts[] = {
    crm_contact_get_street (save->contact),
    crm_contact_get_postal_code (save->contact),
    crm_contact_get_city (save->contact),
    crm_contact_get_country (save->contact),
  };
  const glong limits[] = { MAX_STREET_CHARS, MAX_POSTAL_CODE_CHARS, MAX_PLACE_CHARS, MAX_PLACE_CHARS };

  G_STATIC_ASSERT (G_N_ELEMENTS (parts) == G_N_ELEMENTS (save->address));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *clean = g_strstrip (g_strdup (parts[i] ? parts[i] : ""));

      if (*clean == '\0')
        continue;
      if (!g_utf8_validate (clean, -1, NULL) || strpbrk (clean, "\n\r\t") != NULL)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("Write each part of the address on one line."));
          return FALSE;
        }
      if (g_utf8_strlen (clean, -1) > limits[i])
        {
          switch (i)
            {
            case 0:
              g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                                   _("The street is too long: use at most 200 characters."));
              break;
            case 1:
              g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                                   _("The postal code is too long: use at most 20 characters."));
              break;
            case 2:
              g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                                   _("The city is too long: use at most 100 characters."));
              break;
            default:
              g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                                   _("The country is too long: use at most 100 characters."));
              break;
            }
          return FALSE;
        }
      save->address[i] = g_steal_pointer (&clean);
    }

  return TRUE;
}

static gboolean
validate_contact (CrmContactStore  *self,
                  SaveContact      *save,
                  GError          **error)
{
  CrmContact *contact = save->contact;
  g_autofree char *country = crm_contact_store_dup_phone_country (self);
  const char * const *emails = crm_contact_get_emails (contact);
  const char * const *phones = crm_contact_get_phones (contact);
  const char * const *tags = crm_contact_get_tags (contact);
  const char *note = crm_contact_get_note (contact);

  save->name = g_strstrip (g_strdup (crm_contact_get_name (contact) ?: ""));
  if (*save->name == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY
                           ? _("Enter the company’s name.")
                           : _("Enter the person’s name."));
      return FALSE;
    }
  if (g_utf8_strlen (save->name, -1) > MAX_NAME_CHARS)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The name is too long: use at most 200 characters."));
      return FALSE;
    }

  if (crm_contact_get_company_id (contact) != 0)
    {
      g_autoptr(CrmContact) company = NULL;

      if (crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("A company cannot belong to another company."));
          return FALSE;
        }

      company = crm_contact_store_get (self, crm_contact_get_company_id (contact), NULL);
      if (company == NULL || crm_contact_get_kind (company) != CRM_CONTACT_COMPANY)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("The chosen company does not exist any more."));
          return FALSE;
        }
    }

  if (crm_contact_get_manager_id (contact) != 0)
    {
      g_autoptr(CrmUser) manager = crm_user_store_get (_crm_user_store_of (self), crm_contact_get_manager_id (contact), NULL);

      if (manager == NULL)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("The chosen manager is not a user any more."));
          return FALSE;
        }
    }

  save->emails = g_ptr_array_new_with_free_func (g_free);
  save->emails_norm = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; emails[i] != NULL; i++)
    {
      g_autofree char *entered = g_strstrip (g_strdup (emails[i]));
      g_autofree char *norm = NULL;

      if (*entered == '\0')
        continue;
      if (!(norm = crm_normalize_email (entered, error)))
        return FALSE;
      if (ptr_array_has_str (save->emails_norm, norm))
        continue;

      g_ptr_array_add (save->emails, g_steal_pointer (&entered));
      g_ptr_array_add (save->emails_norm, g_steal_pointer (&norm));
    }

  save->phones = g_ptr_array_new_with_free_func (g_free);
  save->phones_norm = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; phones[i] != NULL; i++)
    {
      g_autofree char *entered = g_strstrip (g_strdup (phones[i]));
      g_autofree char *norm = NULL;

      if (*entered == '\0')
        continue;
      if (!(norm = crm_normalize_phone (entered, country, error)))
        return FALSE;
      if (ptr_array_has_str (save->phones_norm, norm))
        continue;

      g_ptr_array_add (save->phones, g_steal_pointer (&entered));
      g_ptr_array_add (save->phones_norm, g_steal_pointer (&norm));
    }

  save->tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));

      if (*tag == '\0' || ptr_array_has_str (save->tags, tag))
        continue;
      if (g_utf8_strlen (tag, -1) > MAX_TAG_CHARS)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("The tag “%s” is too long: use at most 50 characters."), tag);
          return FALSE;
        }
      g_ptr_array_add (save->tags, g_steal_pointer (&tag));
    }

  if (note != NULL)
    {
      save->note = g_strstrip (g_strdup (note));
      if (g_utf8_strlen (save->note, -1) > MAX_NOTE_CHARS)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("The note is too long: use at most 20,000 characters."));
          return FALSE;
        }
      if (*save->note == '\0')
        g_clear_pointer (&save->note, g_free);
    }

  return validate_address (save, error);
}

static gboolean
replace_children (CrmContactStore  *self,
                  SaveContact      *save,
                  GError          **error)
{
  static const char *deletes[] = {
    "DELETE FROM contact_emails WHERE contact_id = ?",
    "DELETE FROM contact_phones WHERE contact_id = ?",
    "DELETE FROM contact_tags WHERE contact_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, save->id);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < save->emails->len; i++)
    {
      g_autoptr(CrmStatement) stmt =
        _crm_store_prepare (self,
                            "INSERT INTO contact_emails (contact_id, position, address, address_norm) "
                            "VALUES (?, ?, ?, ?)",
                            error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, save->id);
      crm_statement_bind_int64 (stmt, 2, i);
      crm_statement_bind_text (stmt, 3, g_ptr_array_index (save->emails, i));
      crm_statement_bind_text (stmt, 4, g_ptr_array_index (save->emails_norm, i));
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < save->phones->len; i++)
    {
      g_autoptr(CrmStatement) stmt =
        _crm_store_prepare (self,
                            "INSERT INTO contact_phones (contact_id, position, number, number_norm) "
                            "VALUES (?, ?, ?, ?)",
                            error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, save->id);
      crm_statement_bind_int64 (stmt, 2, i);
      crm_statement_bind_text (stmt, 3, g_ptr_array_index (save->phones, i));
      crm_statement_bind_text (stmt, 4, g_ptr_array_index (save->phones_norm, i));
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < save->tags->len; i++)
    {
      g_autoptr(CrmStatement) tag = NULL;
      g_autoptr(CrmStatement) link = NULL;

      tag = _crm_store_prepare (self,
                                "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                                error);
      if (tag == NULL)
        return FALSE;
      crm_statement_bind_text (tag, 1, g_ptr_array_index (save->tags, i));
      if (!_crm_store_step_done (self, tag, error))
        return FALSE;

      link = _crm_store_prepare (self,
                                 "INSERT INTO contact_tags (contact_id, tag_id) "
                                 "SELECT CAST (? AS BIGINT), id FROM tags WHERE name = ? "
                                 "ON CONFLICT DO NOTHING",
                                 error);
      if (link == NULL)
        return FALSE;
      crm_statement_bind_int64 (link, 1, save->id);
      crm_statement_bind_text (link, 2, g_ptr_array_index (save->tags, i));
      if (!_crm_store_step_done (self, link, error))
        return FALSE;
    }

  return TRUE;
}

static char *
join_array (GPtrArray  *array,
            const char *separator)
{
  g_ptr_array_add (array, NULL);
  {
    char *joined = g_strjoinv (separator, (char **) array->pdata);

    g_ptr_array_remove_index (array, array->len - 1);
    return joined;
  }
}

static gboolean
index_contact (CrmContactStore  *self,
               SaveContact      *save,
               GError          **error)
{
  g_autoptr(CrmStatement) del = NULL;
  g_autoptr(CrmStatement) ins = NULL;
  g_autoptr(GString) phones = g_string_new (NULL);
  g_autofree char *emails = join_array (save->emails, " ");
  g_autofree char *joined_tags = join_array (save->tags, " ");
  g_autofree char *tags = _crm_store_search_text (joined_tags);
  g_autofree char *name = _crm_store_search_text (save->name);
  g_autofree char *company = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GString) address_words = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (save->address); i++)
    if (save->address[i] != NULL)
      g_string_append_printf (address_words, "%s%s", address_words->len > 0 ? " " : "", save->address[i]);
  address = _crm_store_search_text (address_words->str);

  for (guint i = 0; i < save->phones->len; i++)
    {
      g_autofree char *terms = _crm_store_phone_terms (g_ptr_array_index (save->phones, i),
                                                   g_ptr_array_index (save->phones_norm, i));

      g_string_append_printf (phones, "%s ", terms);
    }

  if (crm_contact_get_company_id (save->contact) != 0)
    {
      g_autoptr(CrmStatement) company_name =
        _crm_store_prepare (self, "SELECT name FROM contacts WHERE id = ?1 AND kind = 'company'", error);

      if (company_name == NULL)
        return FALSE;
      crm_statement_bind_int64 (company_name, 1, crm_contact_get_company_id (save->contact));
      if (crm_statement_step (company_name) == CRM_STEP_ROW)
        company = _crm_store_search_text (crm_statement_get_text (company_name, 0));
    }

  del = _crm_store_prepare (self, "DELETE FROM contacts_fts WHERE rowid = ?", error);
  if (del == NULL)
    return FALSE;
  crm_statement_bind_int64 (del, 1, save->id);
  if (!_crm_store_step_done (self, del, error))
    return FALSE;

  ins = _crm_store_prepare (self,
                            "INSERT INTO contacts_fts (rowid, name, company, emails, phones, tags, address) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (ins == NULL)
    return FALSE;
  crm_statement_bind_int64 (ins, 1, save->id);
  crm_statement_bind_text (ins, 2, name);
  if (company != NULL)
    crm_statement_bind_text (ins, 3, company);
  crm_statement_bind_text (ins, 4, emails);
  crm_statement_bind_text (ins, 5, phones->str);
  crm_statement_bind_text (ins, 6, tags);
  crm_statement_bind_text (ins, 7, address);
  if (!_crm_store_step_done (self, ins, error))
    return FALSE;

  /* A company's new name must be found through its people too. */
  if (crm_contact_get_kind (save->contact) == CRM_CONTACT_COMPANY && save->before != NULL &&
      g_strcmp0 (crm_contact_get_name (save->before), save->name) != 0)
    {
      g_autoptr(CrmStatement) members =
        _crm_store_prepare (self,
                            "UPDATE contacts_fts SET company = ?1 "
                            "WHERE rowid IN (SELECT id FROM contacts WHERE company_id = ?2)",
                            error);

      if (members == NULL)
        return FALSE;
      crm_statement_bind_text (members, 1, name);
      crm_statement_bind_int64 (members, 2, save->id);
      if (!_crm_store_step_done (self, members, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
strv_equals_array (const char * const *strv,
                   GPtrArray          *array)
{
  guint n = g_strv_length ((char **) strv);

  if (n != array->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (strv[i], g_ptr_array_index (array, i)) != 0)
      return FALSE;

  return TRUE;
}

static char *
describe_changes (SaveContact *save)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  CrmContact *before = save->before;
  CrmContact *after = save->contact;

#define CHANGED(what) G_STMT_START { \
    if (detail->len > 0) g_string_append (detail, ", "); \
    g_string_append (detail, what); \
  } G_STMT_END

  if (g_strcmp0 (crm_contact_get_name (before), save->name) != 0)
    CHANGED ("name");
  if (crm_contact_get_kind (before) != crm_contact_get_kind (after))
    CHANGED ("kind");
  if (crm_contact_get_company_id (before) != crm_contact_get_company_id (after))
    CHANGED ("company");
  if (crm_contact_get_manager_id (before) != crm_contact_get_manager_id (after))
    CHANGED ("manager");
  if (!strv_equals_array (crm_contact_get_emails (before), save->emails))
    CHANGED ("emails");
  if (!strv_equals_array (crm_contact_get_phones (before), save->phones))
    CHANGED ("phones");
  if (!strv_equals_array (crm_contact_get_tags (before), save->tags))
    CHANGED ("tags");
  if (g_strcmp0 (crm_contact_get_note (before), save->note) != 0)
    CHANGED ("note");
  if (g_strcmp0 (crm_contact_get_street (before), save->address[0]) != 0 ||
      g_strcmp0 (crm_contact_get_postal_code (before), save->address[1]) != 0 ||
      g_strcmp0 (crm_contact_get_city (before), save->address[2]) != 0 ||
      g_strcmp0 (crm_contact_get_country (before), save->address[3]) != 0)
    CHANGED ("address");

#undef CHANGED

  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/* The first other contact that has one of the addresses @save gives
 * its contact anew (an address it had already stays its own: old
 * duplicates do not block other changes). */
static CrmContact *
find_email_owner (CrmContactStore  *self,
                  SaveContact      *save,
                  char            **address,
                  GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (self,
                             "SELECT e.contact_id, e.address FROM contact_emails e "
                             "WHERE e.address_norm = ?1 AND e.contact_id <> ?2 "
                             "AND NOT EXISTS (SELECT 1 FROM contact_emails o "
                             "                WHERE o.contact_id = ?2 AND o.address_norm = ?1) "
                             "ORDER BY e.contact_id LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < save->emails_norm->len; i++)
    {
      crm_statement_reset (stmt);
      crm_statement_bind_text (stmt, 1, g_ptr_array_index (save->emails_norm, i));
      crm_statement_bind_int64 (stmt, 2, save->id);
      if (crm_statement_step (stmt) == CRM_STEP_ROW)
        {
          gint64 owner = crm_statement_get_int64 (stmt, 0);

          if (address != NULL)
            *address = g_strdup (g_ptr_array_index (save->emails, i));
          crm_statement_reset (stmt);
          return crm_contact_store_get (self, owner, error);
        }
    }

  return NULL;
}

static void
set_duplicate_error (GError     **error,
                     CrmContact  *owner,
                     const char  *address)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: a contact's name, its id and an e-mail address */
               _("%s (contact %lld) already has the address %s."),
               crm_contact_get_name (owner), (long long) crm_contact_get_id (owner), address);
}

static gboolean
check_duplicate_emails (CrmContactStore  *self,
                        SaveContact      *save,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmContact) owner = NULL;
  g_autofree char *address = NULL;

  owner = find_email_owner (self, save, &address, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (owner == NULL)
    return TRUE;

  set_duplicate_error (error, owner, address);

  return FALSE;
}

static gboolean
save_contact_tx (CrmSession  *session,
                 gpointer     user_data,
                 GError     **error)
{
  CrmContactStore *self = crm_contact_store_from_session (session);
  SaveContact *save = user_data;
  CrmContact *contact = save->contact;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sort_key = _crm_store_sort_key (save->name);
  /* the folded name the referrals' duplicate check meets (0039) */
  g_autofree char *name_key = crm_normalize_person_name (save->name);
  g_autofree char *detail = NULL;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));

  /* a client's manager, once there is one, is changed by an
   * administrator (RQ3); the store itself, with no acting user, may.
   * Read here, in the transaction: another program may have set one. */
  if (save->id != 0 && crm_session_get_user_id (_crm_session (self)) != 0)
    {
      g_autoptr(CrmStatement) current = _crm_store_prepare (self, "SELECT manager_id FROM contacts WHERE id = ?",
                                                            error);
      gint64 manager_id = 0;

      if (current == NULL)
        return FALSE;
      crm_statement_bind_int64 (current, 1, save->id);
      if (crm_statement_step (current) == CRM_STEP_ROW)
        manager_id = crm_statement_get_int64 (current, 0);
      if (manager_id != 0 && manager_id != crm_contact_get_manager_id (contact))
        {
          g_autoptr(CrmUser) actor = crm_user_store_get (_crm_user_store_of (self), crm_session_get_user_id (_crm_session (self)), NULL);

          if (actor != NULL && crm_user_get_role (actor) != CRM_ROLE_ADMIN)
            {
              g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                                   _("Only an administrator changes a client’s manager."));
              return FALSE;
            }
        }
    }

  if (!(save->flags & CRM_SAVE_CONTACT_ALLOW_DUPLICATE) && !check_duplicate_emails (self, save, error))
    return FALSE;

  if (save->id == 0)
    stmt = _crm_store_prepare (self,
                               "INSERT INTO contacts (kind, name, sort_key, company_id, manager_id, note, "
                               "created_at, updated_at, street, postal_code, city, country, name_key) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?9, ?10, ?11, ?12, ?14)",
                               error);
  else
    stmt = _crm_store_prepare (self,
                               "UPDATE contacts SET kind = ?1, name = ?2, sort_key = ?3, company_id = ?4, "
                               "manager_id = ?5, note = ?6, updated_at = ?7, street = ?9, postal_code = ?10, "
                               "city = ?11, country = ?12, name_key = ?14, version = version + 1 WHERE id = ?8 AND version = ?13",
                               error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_text (stmt, 1, crm_contact_kind_to_string (crm_contact_get_kind (contact)));
  crm_statement_bind_text (stmt, 2, save->name);
  crm_statement_bind_text (stmt, 3, sort_key);
  crm_statement_bind_text (stmt, 14, name_key);
  if (crm_contact_get_company_id (contact) != 0)
    crm_statement_bind_int64 (stmt, 4, crm_contact_get_company_id (contact));
  if (crm_contact_get_manager_id (contact) != 0)
    crm_statement_bind_int64 (stmt, 5, crm_contact_get_manager_id (contact));
  if (save->note != NULL)
    crm_statement_bind_text (stmt, 6, save->note);
  crm_statement_bind_int64 (stmt, 7, now);
  if (save->id != 0)
    {
      crm_statement_bind_int64 (stmt, 8, save->id);
      crm_statement_bind_int64 (stmt, 13, crm_contact_get_version (contact));
    }
  for (guint i = 0; i < G_N_ELEMENTS (save->address); i++)
    if (save->address[i] != NULL)
      crm_statement_bind_text (stmt, 9 + i, save->address[i]);

  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;
  /* a colleague saved it since it was read: theirs stays */
  if (save->id != 0 && crm_database_count_changes (_crm_store_db (self)) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CHANGED,
                   /* Translators: %s is a contact's name */
                   _("Someone changed %s a moment ago. Your changes were not saved: see theirs, then make yours again."),
                   save->name);
      return FALSE;
    }

  if (save->id == 0)
    save->id = _crm_store_last_insert_id (self);

  if (!replace_children (self, save, error) || !index_contact (self, save, error))
    return FALSE;

  if (save->before == NULL)
    return crm_session_append_history (_crm_session (self), "contact", save->id, "created", save->name, error);

  detail = describe_changes (save);
  if (*detail == '\0')
    return TRUE;

  return crm_session_append_history (_crm_session (self), "contact", save->id, "updated", detail, error);
}

static gboolean
save_contact (CrmContactStore      *self,
              CrmContact           *contact,
              CrmSaveContactFlags   flags,
              GError              **error)
{
  SaveContact save = { 0 };
  g_autoptr(CrmContact) stored = NULL;
  gboolean ok = FALSE;

  save.contact = contact;
  save.flags = flags;
  save.id = crm_contact_get_id (contact);

  if (save.id != 0 && !(save.before = crm_contact_store_get (self, save.id, error)))
    goto out;

  if (!validate_contact (self, &save, error))
    goto out;

  if (!crm_session_run_in_transaction (_crm_session (self), save_contact_tx, &save, error))
    goto out;

  stored = crm_contact_store_get (self, save.id, NULL);
  if (stored != NULL)
    {
      _crm_contact_set_id (contact, save.id);
      crm_contact_set_name (contact, crm_contact_get_name (stored));
      crm_contact_set_emails (contact, crm_contact_get_emails (stored));
      crm_contact_set_phones (contact, crm_contact_get_phones (stored));
      crm_contact_set_tags (contact, crm_contact_get_tags (stored));
      crm_contact_set_note (contact, crm_contact_get_note (stored));
      crm_contact_set_street (contact, crm_contact_get_street (stored));
      crm_contact_set_postal_code (contact, crm_contact_get_postal_code (stored));
      crm_contact_set_city (contact, crm_contact_get_city (stored));
      crm_contact_set_country (contact, crm_contact_get_country (stored));
      _crm_contact_set_company_name (contact, crm_contact_get_company_name (stored));
      _crm_contact_set_manager_name (contact, crm_contact_get_manager_name (stored));
      _crm_contact_set_times (contact, crm_contact_get_created (stored), crm_contact_get_updated (stored));
      _crm_contact_set_version (contact, crm_contact_get_version (stored));
    }

  _crm_store_emit_changed (self, "contact", save.id);
  ok = TRUE;

out:
  save_contact_clear (&save);

  return ok;
}

/**
 * crm_contact_store_save:
 * @self: a #CrmContactStore
 * @contact: a new contact (id 0) or an edited copy of a stored one
 * @error: return location for a #GError
 *
 * Validates @contact, normalises its addresses and phone numbers,
 * and writes it, its search row and a history entry in one
 * transaction. On success the stored values (trimmed, without
 * duplicates) and the id are set on @contact.
 *
 * An e-mail address another contact has already is refused with
 * %CRM_ERROR_CONFLICT, whose message names that contact: see
 * crm_contact_store_save_full() to save it anyway.
 *
 * Returns: %TRUE on success; %FALSE with %CRM_ERROR_INVALID (a
 *   translated reason), %CRM_ERROR_CONFLICT or a %CRM_DATABASE_ERROR, and
 *   nothing written
 */
gboolean
crm_contact_store_save (CrmContactStore  *self,
                        CrmContact       *contact,
                        GError          **error)
{
  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_CONTACT (contact), FALSE);

  return save_contact (self, contact, CRM_SAVE_CONTACT_NONE, error);
}

typedef struct
{
  CrmContact          *contact;
  const char          *company_name;
  CrmSaveContactFlags  flags;
} SaveWithCompany;

static gboolean
save_with_company_tx (CrmSession  *session,
                      gpointer     user_data,
                      GError     **error)
{
  CrmContactStore *self = crm_contact_store_from_session (session);
  SaveWithCompany *save = user_data;
  gint64 company_id = 0;

  if (save->company_name == NULL)
    return save_contact (self, save->contact, save->flags, error);

  if (save->company_name != NULL && *save->company_name != '\0' &&
      !(company_id = crm_contact_store_ensure_company (self, save->company_name, error)))
    return FALSE;

  crm_contact_set_company_id (save->contact, company_id);

  return save_contact (self, save->contact, save->flags, error);
}

/**
 * crm_contact_store_save_with_company:
 * @self: a #CrmContactStore
 * @contact: a person (new or edited)
 * @company_name: (nullable): the person's company by name, created when
 *   there is none of that name; empty for no company; %NULL to keep the
 *   company set on @contact
 * @error: return location for a #GError
 *
 * Like crm_contact_store_save(), with the company found or created in
 * the same transaction: when the person does not validate, no new
 * company is left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_contact_store_save_with_company (CrmContactStore  *self,
                                     CrmContact       *contact,
                                     const char       *company_name,
                                     GError          **error)
{
  return crm_contact_store_save_full (self, contact, company_name, CRM_SAVE_CONTACT_NONE, error);
}

/**
 * crm_contact_store_save_full:
 * @self: a #CrmContactStore
 * @contact: a contact (new or edited)
 * @company_name: (nullable): a person's company by name, as for
 *   crm_contact_store_save_with_company()
 * @flags: %CRM_SAVE_CONTACT_ALLOW_DUPLICATE once the user confirmed
 *   that two contacts share an e-mail address
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_contact_store_save_full (CrmContactStore      *self,
                             CrmContact           *contact,
                             const char           *company_name,
                             CrmSaveContactFlags   flags,
                             GError              **error)
{
  SaveWithCompany save = { contact, company_name, flags };
  g_autofree char *clean = NULL;
  gint64 company_id;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_CONTACT (contact), FALSE);

  if (company_name != NULL)
    {
      clean = g_strstrip (g_strdup (company_name));
      save.company_name = clean;
    }

  if (save.company_name != NULL && *save.company_name != '\0' &&
      crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A company cannot belong to another company."));
      return FALSE;
    }

  company_id = crm_contact_get_company_id (contact);
  if (!crm_session_run_in_transaction (_crm_session (self), save_with_company_tx, &save, error))
    {
      /* the company made on the way is gone with the transaction */
      crm_contact_set_company_id (contact, company_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_contact_store_get:
 * @self: a #CrmContactStore
 * @id: the contact's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contact, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmContact *
crm_contact_store_get (CrmContactStore  *self,
                       gint64            id,
                       GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM contacts c "
                             CRM_STORE_CONTACT_JOINS " WHERE c.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return _crm_store_contact_from_row (stmt);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no contact with id %lld."), (long long) id);

  return NULL;
}

typedef struct
{
  gint64      id;
  const char *name;
} DeleteContact;

static gboolean
delete_contact_tx (CrmSession  *session,
                   gpointer     user_data,
                   GError     **error)
{
  CrmContactStore *self = crm_contact_store_from_session (session);
  DeleteContact *del = user_data;
  static const char *statements[] = {
    "UPDATE contacts_fts SET company = NULL "
    "WHERE rowid IN (SELECT id FROM contacts WHERE company_id = ?)",
    "DELETE FROM contacts_fts WHERE rowid = ?",
    "DELETE FROM contacts WHERE id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, del->id);
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  return crm_session_append_history (_crm_session (self), "contact", del->id, "deleted", del->name, error);
}

/**
 * crm_contact_store_delete:
 * @self: a #CrmContactStore
 * @id: the contact's id
 * @error: return location for a #GError
 *
 * Deletes the contact with its addresses, phones, tags and notes. The
 * people of a deleted company stay, without a company. The history
 * keeps a "deleted" entry.
 *
 * Returns: %TRUE on success, %FALSE with %CRM_ERROR_NOT_FOUND when
 *   there is no such contact
 */
gboolean
crm_contact_store_delete (CrmContactStore  *self,
                          gint64            id,
                          GError          **error)
{
  g_autoptr(CrmContact) contact = NULL;
  DeleteContact del;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), FALSE);

  if (!(contact = crm_contact_store_get (self, id, error)))
    return FALSE;

  del.id = id;
  del.name = crm_contact_get_name (contact);

  if (!crm_session_run_in_transaction (_crm_session (self), delete_contact_tx, &del, error))
    return FALSE;

  _crm_store_emit_changed (self, "contact", id);

  return TRUE;
}

/**
 * crm_contact_store_ensure_company:
 * @self: a #CrmContactStore
 * @name: the company's name
 * @error: return location for a #GError
 *
 * Finds the company named @name (ignoring case and accents), or
 * creates it.
 *
 * Returns: the company's id, or 0 with @error set
 */
gint64
crm_contact_store_ensure_company (CrmContactStore  *self,
                                  const char       *name,
                                  GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmContact) company = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  clean = g_strstrip (g_strdup (name));
  key = _crm_store_sort_key (clean);

  stmt = _crm_store_prepare (self,
                             "SELECT id FROM contacts WHERE kind = 'company' AND sort_key = ? "
                             "ORDER BY id LIMIT 1",
                             error);
  if (stmt == NULL)
    return 0;

  crm_statement_bind_text (stmt, 1, key);
  if (*clean != '\0' && crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_get_int64 (stmt, 0);

  company = crm_contact_new (CRM_CONTACT_COMPANY);
  crm_contact_set_name (company, clean);
  if (!crm_contact_store_save (self, company, error))
    return 0;

  return crm_contact_get_id (company);
}

gint64
crm_contact_store_count (CrmContactStore *self)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), 0);

  stmt = _crm_store_prepare (self, "SELECT count(*) FROM contacts", NULL);
  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

static gpointer
contact_from_row (CrmStatement *stmt)
{
  return _crm_store_contact_from_row (stmt);
}


/* The contacts whose normalised address or number is @norm; @sql is
 * one of the two lookups below. */
static GListModel *
find_contacts (CrmContactStore  *self,
               const char       *sql,
               const char       *norm,
               GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  crm_statement_bind_text (stmt, 1, norm);

  return _crm_store_collect (self, stmt, CRM_TYPE_CONTACT, contact_from_row, error);
}

/**
 * crm_contact_store_find_by_email:
 * @self: a #CrmContactStore
 * @address: an e-mail address in any case
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmContact list with that address
 *   (usually one), or %NULL with %CRM_ERROR_INVALID
 */
GListModel *
crm_contact_store_find_by_email (CrmContactStore  *self,
                                 const char       *address,
                                 GError          **error)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  if (!(norm = crm_normalize_email (address, error)))
    return NULL;

  return find_contacts (self,
                        "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM contacts c "
                        CRM_STORE_CONTACT_JOINS " WHERE c.id IN "
                        "(SELECT contact_id FROM contact_emails WHERE address_norm = ?) "
                        "ORDER BY c.sort_key, c.id",
                        norm, error);
}

/**
 * crm_contact_store_find_by_phone:
 * @self: a #CrmContactStore
 * @number: a phone number in any usual notation
 * @error: return location for a #GError
 *
 * The number is normalised with the office's country, so "601 234 567",
 * "+48 601-234-567" and "0048601234567" find the same contact.
 *
 * Returns: (transfer full): the #CrmContact list, or %NULL with
 *   %CRM_ERROR_INVALID
 */
GListModel *
crm_contact_store_find_by_phone (CrmContactStore  *self,
                                 const char       *number,
                                 GError          **error)
{
  g_autofree char *country = crm_contact_store_dup_phone_country (self);
  g_autofree char *norm = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (!(norm = crm_normalize_phone (number, country, error)))
    return NULL;

  return find_contacts (self,
                        "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM contacts c "
                        CRM_STORE_CONTACT_JOINS " WHERE c.id IN "
                        "(SELECT contact_id FROM contact_phones WHERE number_norm = ?) "
                        "ORDER BY c.sort_key, c.id",
                        norm, error);
}

/**
 * crm_contact_store_list_company_members:
 * @self: a #CrmContactStore
 * @company_id: a company's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the people of the company, at most 500
 */
GListModel *
crm_contact_store_list_company_members (CrmContactStore  *self,
                                        gint64            company_id,
                                        GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM contacts c "
                             CRM_STORE_CONTACT_JOINS " WHERE c.company_id = ? "
                             "ORDER BY c.sort_key, c.id LIMIT 500",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, company_id);

  return _crm_store_collect (self, stmt, CRM_TYPE_CONTACT, contact_from_row, error);
}

/**
 * crm_contact_store_find_email_owner:
 * @self: a #CrmContactStore
 * @contact: a contact about to be saved (new or edited)
 * @address: (out) (optional): the address they would share, as
 *   @contact gives it
 * @error: return location for a #GError
 *
 * The contact crm_contact_store_save() would refuse @contact for: the
 * first other contact that has one of the e-mail addresses @contact
 * gives anew. Addresses that are not valid are passed over (saving
 * says what is wrong with them).
 *
 * Returns: (transfer full) (nullable): that contact, or %NULL when
 *   there is none (or with @error set, on a storage fault)
 */
CrmContact *
crm_contact_store_find_email_owner (CrmContactStore  *self,
                                    CrmContact       *contact,
                                    char            **address,
                                    GError          **error)
{
  SaveContact save = { 0 };
  const char * const *emails;
  CrmContact *owner;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (CRM_IS_CONTACT (contact), NULL);

  save.contact = contact;
  save.id = crm_contact_get_id (contact);
  save.emails = g_ptr_array_new_with_free_func (g_free);
  save.emails_norm = g_ptr_array_new_with_free_func (g_free);
  emails = crm_contact_get_emails (contact);
  for (guint i = 0; emails[i] != NULL; i++)
    {
      char *norm = crm_normalize_email (emails[i], NULL);

      if (norm == NULL)
        continue;
      g_ptr_array_add (save.emails, g_strstrip (g_strdup (emails[i])));
      g_ptr_array_add (save.emails_norm, norm);
    }

  owner = find_email_owner (self, &save, address, error);
  save_contact_clear (&save);

  return owner;
}

/* "gosia.zd" of "gosia.zd@example.com": a start the user corrects */
static char *
name_from_address (const char *address)
{
  return g_strndup (address, strcspn (address, "@"));
}

/**
 * crm_contact_store_propose_client_name:
 * @self: a #CrmContactStore
 * @ticket_id: a ticket of an unknown sender
 *
 * The name to propose when the sender of @ticket_id becomes a contact
 * (RQ7, TK13): the display name of the From header of the sender's
 * first mail in it ("Małgorzata Zielińska-Dąbrowska" of
 * "Małgorzata Zielińska-Dąbrowska <gosia.zd@example.com>"), else the
 * part of the address before the "@".
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when the
 *   ticket has no client address
 */
char *
crm_contact_store_propose_client_name (CrmContactStore *self,
                                       gint64           ticket_id)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT t.client_address, "
                             " (SELECT m.from_name FROM messages m WHERE m.ticket_id = t.id "
                             "  AND m.direction = 'in' AND lower (m.from_address) = lower (t.client_address) "
                             "  AND trim (coalesce (m.from_name, '')) <> '' ORDER BY m.id LIMIT 1) "
                             "FROM tickets t WHERE t.id = ?",
                             NULL);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW || crm_statement_get_text (stmt, 0) == NULL)
    return NULL;

  address = g_strdup (crm_statement_get_text (stmt, 0));
  if (crm_statement_get_text (stmt, 1) != NULL)
    name = g_strstrip (g_strdup (crm_statement_get_text (stmt, 1)));

  /* some programs put the address itself where the name goes */
  if (name == NULL || *name == '\0' || g_ascii_strcasecmp (name, address) == 0)
    return name_from_address (address);

  return g_steal_pointer (&name);
}

/**
 * _crm_contact_store_add_mailbox_contact:
 * @self: a #CrmContactStore, in a transaction
 * @display_name: the name the user gave with the address ("Name <address>")
 * @address: the normalised address
 * @manager_id: (out): the new contact's manager: the acting user, or 0
 * @error: return location for a #GError
 *
 * A person for a new ticket written to "Name <address>" that no contact
 * has: named as the user wrote it, managed by the user who writes.
 *
 * Returns: the contact's id, or 0 with @error set
 */
gint64
_crm_contact_store_add_mailbox_contact (CrmContactStore  *self,
                                        const char       *display_name,
                                        const char       *address,
                                        gint64           *manager_id,
                                        GError          **error)
{
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  const char *emails[] = { address, NULL };

  crm_contact_set_name (contact, display_name);
  crm_contact_set_emails (contact, emails);
  crm_contact_set_manager_id (contact, crm_session_get_user_id (_crm_session (self)));
  if (!save_contact (self, contact, CRM_SAVE_CONTACT_NONE, error))
    return 0;

  *manager_id = crm_contact_get_manager_id (contact);

  return crm_contact_get_id (contact);
}

/**
 * crm_contact_store_dup_phone_country:
 * @self: a #CrmContactStore
 *
 * Returns: (transfer full): the ISO 3166 code assumed for national phone
 *   numbers (office setting "phone-country", default "PL")
 */
char *
crm_contact_store_dup_phone_country (CrmContactStore *self)
{
  return crm_session_get_setting (_crm_session (self), "phone-country", "PL");
}


typedef struct
{
  CrmContact          *contact;
  char                *company_name;
  CrmSaveContactFlags  flags;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->contact);
  g_free (job->company_name);
  g_free (job);
}

static gboolean
save_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  SaveJob *job = data;

  if (!crm_contact_store_save_full (crm_contact_store_from_session (writer), job->contact, job->company_name,
                                    job->flags, error))
    return FALSE;
  *result = g_object_ref (job->contact);

  return TRUE;
}

/**
 * crm_contact_store_save_async:
 * @self: a #CrmContactStore
 * @contact: the contact (copied: the saved copy is the result)
 * @company_name: (nullable): as for crm_contact_store_save_full()
 * @flags: as for crm_contact_store_save_full()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when saved, or not
 * @user_data: for @callback
 *
 * crm_contact_store_save_full() off the caller's thread
 * (crm_session_write_async()): for the window.
 */
void
crm_contact_store_save_async (CrmContactStore      *self,
                              CrmContact           *contact,
                              const char           *company_name,
                              CrmSaveContactFlags   flags,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  SaveJob *job;

  g_return_if_fail (CRM_IS_CONTACT_STORE (self));
  g_return_if_fail (CRM_IS_CONTACT (contact));

  job = g_new0 (SaveJob, 1);
  job->contact = crm_contact_copy (contact);
  job->company_name = g_strdup (company_name);
  job->flags = flags;
  crm_session_write_async (_crm_session (self), save_write, job, save_job_free, g_object_unref, cancellable, callback,
                           user_data);
}

/**
 * crm_contact_store_save_finish:
 * @self: a #CrmContactStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contact as saved (with its id), or
 *   %NULL with @error set
 */
CrmContact *
crm_contact_store_save_finish (CrmContactStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}

/**
 * crm_contact_store_check_emails:
 * @self: a #CrmContactStore
 * @contact: a contact about to be saved
 * @error: return location for a #GError
 *
 * What saving @contact without %CRM_SAVE_CONTACT_ALLOW_DUPLICATE would
 * say of its e-mail addresses, before the save starts: for a form that
 * asks first and saves off the main thread.
 *
 * Returns: %TRUE when no other contact has one of them; else %FALSE
 *   with %CRM_ERROR_CONFLICT naming the contact who has it
 */
gboolean
crm_contact_store_check_emails (CrmContactStore  *self,
                                CrmContact       *contact,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmContact) owner = NULL;
  g_autofree char *address = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), FALSE);

  owner = crm_contact_store_find_email_owner (self, contact, &address, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (owner == NULL)
    return TRUE;

  set_duplicate_error (error, owner, address);

  return FALSE;
}
