/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-saved-filter.h"
#include "crm-ticket-store-private.h"

/* The names people type into a filter (a status, a queue, a user, a
 * tag, a source, a property type…) checked before a list is read, so
 * that a mistyped one is an error that says so instead of an empty
 * list that looks like "nothing matches". */

static char *
join_names (GStrv names)
{
  return g_strjoinv (", ", names);
}

/**
 * crm_ticket_store_check_filter:
 * @self: a #CrmTicketStore
 * @filter: a ticket filter, as for crm_ticket_store_list()
 * @error: return location for a #GError
 *
 * Checks that every status, queue, user, tag and source @filter names
 * exists.
 *
 * Returns: %TRUE when it does; else %FALSE with a %CRM_ERROR_NOT_FOUND
 *   that names the unknown value and the known ones
 */
gboolean
crm_ticket_store_check_filter (CrmTicketStore         *self,
                               const CrmTicketFilter  *filter,
                               GError                **error)
{
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->status != NULL)
    {
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM statuses WHERE name = ?1 OR kind = lower (?1))",
                   filter->status, 0, &found, error))
        return FALSE;
      if (!found)
        {
          g_auto(GStrv) names = crm_ticket_store_list_statuses (self, NULL);
          g_autofree char *known = names ? join_names (names) : g_strdup ("");

          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       /* Translators: a status that does not exist, then the list of those that do */
                       _("There is no status “%s”: use one of %s."), filter->status, known);
          return FALSE;
        }
    }

  if (filter->queue_id != 0)
    {
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM queues WHERE id = ?)", NULL, filter->queue_id, &found,
                   error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no queue with id %lld."), (long long) filter->queue_id);
          return FALSE;
        }
    }

  if (filter->tag != NULL)
    {
      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?)", filter->tag, 0, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       _("There is no tag “%s”."), filter->tag);
          return FALSE;
        }
    }

  if (filter->source != NULL && !g_strv_contains (crm_ticket_sources (), filter->source))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) crm_ticket_sources ());

      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   /* Translators: a source that does not exist, then the list of those that do */
                   _("There is no source “%s”: use one of %s."), filter->source, known);
      return FALSE;
    }

  return _crm_user_store_check_id (_crm_user_store_of (self), filter->assignee_id, error) &&
         _crm_user_store_check_id (_crm_user_store_of (self), filter->reader, error) &&
         _crm_user_store_check_id (_crm_user_store_of (self), filter->follower_id, error) &&
         _crm_user_store_check_id (_crm_user_store_of (self), filter->involved_id, error);
}


/* Saved filters (FD4): the filter of a saved view, and the records it
 * lets through in id order or one at a time, for the sidebar's views
 * and for automations (crm-view-store.c). */

static const CrmSavedFilterKey ticket_filter_keys[] = {
  { "queue", "x" },
  { "status", "s" },
  { "open-only", "b" },
  { "assignee", "x" },
  { "follower", "x" },
  { "involved", "x" },
  { "tag", "s" },
  { "source", "s" },
  { "search", "s" },
  { "oldest-first", "b" },
  { NULL, NULL }
};

static gboolean
has_words (const char *text)
{
  return text != NULL && text[strspn (text, " \t\r\n")] != '\0';
}

/**
 * crm_ticket_filter_to_variant:
 * @filter: a ticket filter, as the list's filter bar sets it
 *
 * What @filter lets through, saved (a saved view's filter): queue,
 * status, assignee (%CRM_USER_ME for "Mine"), follower, tag, source,
 * search and order. Whose read state (@reader, @unread_only), the
 * limit and the offset are the list's, not saved.
 *
 * Returns: (transfer floating): an a{sv} (see crm_saved_filter_check())
 */
GVariant *
crm_ticket_filter_to_variant (const CrmTicketFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  crm_saved_filter_init (&builder);
  if (filter->queue_id != 0)
    g_variant_builder_add (&builder, "{sv}", "queue", g_variant_new_int64 (filter->queue_id));
  if (filter->status != NULL)
    g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (filter->status));
  if (filter->open_only)
    g_variant_builder_add (&builder, "{sv}", "open-only", g_variant_new_boolean (TRUE));
  if (filter->assignee_id != 0)
    g_variant_builder_add (&builder, "{sv}", "assignee", g_variant_new_int64 (filter->assignee_id));
  if (filter->follower_id != 0)
    g_variant_builder_add (&builder, "{sv}", "follower", g_variant_new_int64 (filter->follower_id));
  if (filter->involved_id != 0)
    g_variant_builder_add (&builder, "{sv}", "involved", g_variant_new_int64 (filter->involved_id));
  if (filter->tag != NULL)
    g_variant_builder_add (&builder, "{sv}", "tag", g_variant_new_string (filter->tag));
  if (filter->source != NULL)
    g_variant_builder_add (&builder, "{sv}", "source", g_variant_new_string (filter->source));
  if (has_words (filter->search))
    g_variant_builder_add (&builder, "{sv}", "search", g_variant_new_string (filter->search));
  if (filter->oldest_first)
    g_variant_builder_add (&builder, "{sv}", "oldest-first", g_variant_new_boolean (TRUE));

  return g_variant_builder_end (&builder);
}

static gint64
read_user (gint64 id,
           gint64 me)
{
  return id == CRM_USER_ME && me != 0 ? me : id;
}

/**
 * crm_ticket_filter_from_variant:
 * @variant: what crm_ticket_filter_to_variant() made
 * @me: the user %CRM_USER_ME stands for (the one who looks at the
 *   list), or 0 to leave %CRM_USER_ME in @filter (each ticket's
 *   assignee: see #CrmTicketFilter)
 * @filter: (out caller-allocates): the filter; its texts point into
 *   @variant, which must outlive it
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set; %FALSE with a %CRM_ERROR_INVALID
 *   when @variant is not a ticket filter this version reads
 */
gboolean
crm_ticket_filter_from_variant (GVariant         *variant,
                                gint64            me,
                                CrmTicketFilter  *filter,
                                GError          **error)
{
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (!crm_saved_filter_check (variant, ticket_filter_keys, error))
    return FALSE;

  g_variant_lookup (variant, "queue", "x", &filter->queue_id);
  g_variant_lookup (variant, "status", "&s", &filter->status);
  g_variant_lookup (variant, "open-only", "b", &filter->open_only);
  g_variant_lookup (variant, "assignee", "x", &filter->assignee_id);
  g_variant_lookup (variant, "follower", "x", &filter->follower_id);
  g_variant_lookup (variant, "involved", "x", &filter->involved_id);
  g_variant_lookup (variant, "tag", "&s", &filter->tag);
  g_variant_lookup (variant, "source", "&s", &filter->source);
  g_variant_lookup (variant, "search", "&s", &filter->search);
  g_variant_lookup (variant, "oldest-first", "b", &filter->oldest_first);
  filter->assignee_id = read_user (filter->assignee_id, me);
  filter->follower_id = read_user (filter->follower_id, me);
  filter->involved_id = read_user (filter->involved_id, me);

  return TRUE;
}

/* The ticket a search names by its number ("#123", as lists show it),
 * followed to the one it was merged into, as the list finds it; or 0. */
static gint64
numbered (CrmTicketStore *self,
          const char     *search)
{
  g_autofree char *text = g_strstrip (g_strdup (search));
  const char *digits = text + 1;

  if (text[0] != '#' || *digits == '\0' || strspn (digits, "0123456789") != strlen (digits) || strlen (digits) > 15)
    return 0;

  return _crm_tickets_follow_merges (self, g_ascii_strtoll (digits, NULL, 10));
}

/* @filter as SQL over "tickets t", for records in id order or one by
 * one: every condition on the ticket's own rows (an index's seek for
 * each), never a set made of every ticket with a tag. The search is
 * the list's (every word starts a word of one mail of the ticket, or
 * "#123" names it), without the list's cap: for one ticket (@one), its
 * mail looked up in the search index message by message; for a page,
 * the tickets of the index's hits, gathered once a page. Bound by
 * bind_record_filters () with the same @plain and @match. */
static gboolean
append_record_filters (CrmTicketStore         *self,
                       GString                *sql,
                       const CrmTicketFilter  *filter,
                       gboolean                one,
                       CrmTicketFilter        *plain,
                       char                  **match,
                       gint64                 *number,
                       GError                **error)
{
  gboolean postgresql = crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL;

  *plain = *filter;
  plain->search = NULL;
  plain->tag = NULL;
  plain->follower_id = 0;
  plain->involved_id = 0;
  plain->limit = 0;
  plain->offset = 0;
  if (plain->assignee_id == CRM_USER_ME)
    plain->assignee_id = 0;
  _crm_tickets_append_filters (sql, plain);

  if (filter->assignee_id == CRM_USER_ME || filter->involved_id == CRM_USER_ME)
    g_string_append (sql, " AND t.assignee_id IS NOT NULL");
  if (filter->tag != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id "
                          "WHERE tt.ticket_id = t.id AND g.name = ?8)");
  if (filter->follower_id == CRM_USER_ME)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = t.id "
                          "AND f.user_id = t.assignee_id)");
  else if (filter->follower_id != 0)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = t.id AND f.user_id = ?10)");
  if (filter->involved_id > 0)
    g_string_append (sql, " AND (t.assignee_id = ?11 OR EXISTS (SELECT 1 FROM ticket_followers f "
                          "WHERE f.ticket_id = t.id AND f.user_id = ?11))");

  *match = NULL;
  *number = filter->search != NULL ? numbered (self, filter->search) : 0;
  if (filter->search != NULL && !_crm_tickets_search_match (self, filter->search, match, error))
    return FALSE;
  if (*match == NULL && *number == 0)
    return TRUE;
  g_string_append (sql, " AND (");
  if (*number != 0)
    g_string_append (sql, *match != NULL ? "t.id = ?18 OR " : "t.id = ?18");
  if (*match != NULL && one)
    g_string_append (sql, postgresql ? "EXISTS (SELECT 1 FROM messages m CROSS JOIN messages_fts f "
                                       "WHERE m.ticket_id = t.id AND f.rowid = m.id "
                                       "AND f.words @@ crm_search_query (?5))"
                                     : "EXISTS (SELECT 1 FROM messages m CROSS JOIN messages_fts f "
                                       "WHERE m.ticket_id = t.id AND f.rowid = m.id AND messages_fts MATCH ?5)");
  else if (*match != NULL)
    g_string_append (sql, postgresql ? "t.id IN (SELECT m.ticket_id FROM messages_fts f JOIN messages m "
                                       "ON m.id = f.rowid WHERE f.words @@ crm_search_query (?5))"
                                     : "t.id IN (SELECT m.ticket_id FROM messages_fts f JOIN messages m "
                                       "ON m.id = f.rowid WHERE messages_fts MATCH ?5)");
  g_string_append (sql, ")");

  return TRUE;
}

static void
bind_record_filters (CrmStatement           *stmt,
                     const CrmTicketFilter  *filter,
                     const CrmTicketFilter  *plain,
                     const char             *match,
                     gint64                  number)
{
  _crm_tickets_bind_filters (stmt, plain);
  if (filter->tag != NULL)
    crm_statement_bind_text (stmt, 8, filter->tag);
  if (filter->follower_id > 0)
    crm_statement_bind_int64 (stmt, 10, filter->follower_id);
  if (filter->involved_id > 0)
    crm_statement_bind_int64 (stmt, 11, filter->involved_id);
  if (match != NULL)
    crm_statement_bind_text (stmt, 5, match);
  if (number != 0)
    crm_statement_bind_int64 (stmt, 18, number);
}

/* How many messages a search's hits are, counted up to @cap: a few
 * milliseconds for a common word, where gathering all its hits costs
 * hundreds. */
static gint64 few_hits = 20000;

/* For the tests: how many hits are few (1: every search walks). */
void
_crm_tickets_set_few_hits (gint64 hits)
{
  few_hits = hits;
}

static gint64
count_hits_upto (CrmTicketStore  *self,
                 const char      *match,
                 gint64           cap,
                 GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self, "SELECT count (*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?1 LIMIT ?2)",
                        error);

  if (stmt == NULL)
    return -1;
  crm_statement_bind_text (stmt, 1, match);
  crm_statement_bind_int64 (stmt, 2, cap);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return -1;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* A page of a search whose words are common (SQLite): the tickets the
 * other conditions let through, walked in id order, each one's mail
 * read for the words, until the page is full; the words being in much
 * of the mail, it fills after a few of them. */
static GArray *
walk_tickets (CrmTicketStore         *self,
              const CrmTicketFilter  *filter,
              CrmTicketMailCheck     *check,
              gint64                  after_id,
              guint                   limit,
              GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT t.id FROM tickets t WHERE t.id > ?16");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  CrmTicketFilter rest = *filter;
  CrmTicketFilter plain;
  gint64 number = numbered (self, filter->search);
  gint64 unused;
  int rc;

  rest.search = NULL;
  if (!append_record_filters (self, sql, &rest, FALSE, &plain, &match, &unused, error))
    return NULL;
  g_string_append (sql, " ORDER BY t.id");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_record_filters (stmt, &rest, &plain, NULL, 0);
  crm_statement_bind_int64 (stmt, 16, after_id);
  while ((limit == 0 || ids->len < limit) && (rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);
      gboolean matches = id == number;

      if (!matches && !_crm_ticket_mail_check_ticket (check, id, &matches, error))
        return NULL;
      if (matches)
        g_array_append_val (ids, id);
    }
  if ((limit == 0 || ids->len < limit) && rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * crm_ticket_store_select_ids:
 * @self: a #CrmTicketStore
 * @filter: which tickets (its order, limit and offset do not count)
 * @after_id: only tickets with a greater id (0: from the first)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * The tickets @filter lets through, in id order: a bulk run pages
 * through them by passing the last id of a page as the next page's
 * @after_id, each page one walk of the tickets' primary key from
 * there. With %CRM_USER_ME, each ticket's own assignee (see
 * #CrmTicketFilter).
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 *   with @error set
 */
GArray *
crm_ticket_store_select_ids (CrmTicketStore         *self,
                             const CrmTicketFilter  *filter,
                             gint64                  after_id,
                             guint                   limit,
                             GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT t.id FROM tickets t WHERE t.id > ?16");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  CrmTicketFilter plain;
  gint64 number;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!append_record_filters (self, sql, filter, FALSE, &plain, &match, &number, error))
    return NULL;
  /* common words: the tickets walked, not every hit gathered */
  if (match != NULL)
    {
      g_autoptr(CrmTicketMailCheck) check = _crm_ticket_mail_check_new (self, filter->search);
      gint64 hits;

      if (check != NULL && (hits = count_hits_upto (self, match, few_hits, error)) < 0)
        return NULL;
      if (check != NULL && hits >= few_hits)
        return walk_tickets (self, filter, check, after_id, limit, error);
    }
  g_string_append (sql, " ORDER BY t.id LIMIT ?17");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  bind_record_filters (stmt, filter, &plain, match, number);
  crm_statement_bind_int64 (stmt, 16, after_id);
  crm_statement_bind_int64 (stmt, 17, limit > 0 ? (gint64) limit : G_MAXINT64);
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_ticket_store_filter_matches:
 * @self: a #CrmTicketStore
 * @filter: which tickets
 * @ticket_id: a ticket
 * @matches: (out): whether @filter lets it through now (%FALSE for a
 *   ticket that does not exist)
 * @error: return location for a #GError
 *
 * Asks @filter of one ticket: its row by its id, each condition a seek
 * on that ticket's rows (its tags, followers, mail), whatever the
 * number of tickets.
 *
 * Returns: %TRUE with @matches set, or %FALSE with @error set
 */
gboolean
crm_ticket_store_filter_matches (CrmTicketStore         *self,
                                 const CrmTicketFilter  *filter,
                                 gint64                  ticket_id,
                                 gboolean               *matches,
                                 GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM tickets t WHERE t.id = ?16");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmTicketMailCheck) check = NULL;
  g_autofree char *match = NULL;
  CrmTicketFilter plain;
  CrmTicketFilter rest;
  const char *search = filter->search;
  gint64 number;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  /* the search: the ticket's own mail read, where it can be */
  if (filter->search != NULL && (check = _crm_ticket_mail_check_new (self, filter->search)) != NULL)
    {
      rest = *filter;
      rest.search = NULL;
      filter = &rest;
    }
  if (!append_record_filters (self, sql, filter, TRUE, &plain, &match, &number, error))
    return FALSE;
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return FALSE;
  bind_record_filters (stmt, filter, &plain, match, number);
  crm_statement_bind_int64 (stmt, 16, ticket_id);
  if (!_crm_store_step_row (self, stmt, matches, error))
    return FALSE;
  if (!*matches || check == NULL || numbered (self, search) == ticket_id)
    return TRUE;

  return _crm_ticket_mail_check_ticket (check, ticket_id, matches, error);
}
