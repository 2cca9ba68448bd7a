/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-activities"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-activity-store-private.h"
#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-store-private.h"

/**
 * CrmActivityStore:
 *
 * Calls and chats (TK6, table activities, 0034): entered by hand, by
 * crmctl or imported from a PBX's or a chat's export
 * (crm-activity-store-import.c), then linked to the ticket they belong
 * to. Linking leaves a system comment and an audit row in the ticket,
 * and an undo step (crm_ticket_store_undo()); the window offers a
 * ticket today's calls and chats of its client or their numbers first.
 */
struct _CrmActivityStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmActivityStore, crm_activity_store, CRM_TYPE_STORE)

/* an activity's row, as activity_from_row () reads it */
#define ACTIVITY_COLUMNS \
  "a.id, a.kind, coalesce (a.contact_id, 0), c.name, a.phone, a.at, a.duration_s, a.note, " \
  "coalesce (a.ticket_id, 0), u.name"
#define ACTIVITY_JOINS \
  "LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN users u ON u.id = a.created_by"

static void
crm_activity_store_class_init (CrmActivityStoreClass *klass)
{
}

static void
crm_activity_store_init (CrmActivityStore *self)
{
}

/**
 * crm_activity_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the calls' and chats' store of @session
 */
CrmActivityStore *
crm_activity_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_ACTIVITY_STORE);
}

/**
 * crm_activity_skip_free:
 * @skip: (nullable): a #CrmActivitySkip
 */
void
crm_activity_skip_free (gpointer skip)
{
  CrmActivitySkip *self = skip;

  if (self == NULL)
    return;
  g_free (self->error);
  g_free (self);
}

static gpointer
activity_from_row (CrmStatement *stmt)
{
  CrmActivityKind kind = g_strcmp0 (crm_statement_get_text (stmt, 1), "chat") == 0 ? CRM_ACTIVITY_CHAT
                                                                                  : CRM_ACTIVITY_CALL;

  return g_object_new (CRM_TYPE_ACTIVITY,
                       "id", crm_statement_get_int64 (stmt, 0),
                       "kind", kind,
                       "contact-id", crm_statement_get_int64 (stmt, 2),
                       "contact-name", crm_statement_get_text (stmt, 3),
                       "phone", crm_statement_get_text (stmt, 4),
                       "at", crm_statement_get_int64 (stmt, 5),
                       "duration", crm_statement_get_int64 (stmt, 6),
                       "note", crm_statement_get_text (stmt, 7),
                       "ticket-id", crm_statement_get_int64 (stmt, 8),
                       "created-by", crm_statement_get_text (stmt, 9),
                       NULL);
}

static gint64
now_unix (CrmActivityStore *self)
{
  return crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
}

/* The first second of the local day the clock is in, and of the next. */
static void
today_bounds (CrmActivityStore *self,
              gint64           *start,
              gint64           *end)
{
  g_autoptr(GDateTime) now = crm_clock_now (crm_session_get_clock (_crm_session (self)));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                         g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  *start = g_date_time_to_unix (midnight);
  *end = g_date_time_to_unix (next);
}

/**
 * crm_activity_store_check:
 * @self: a #CrmActivityStore
 * @activity: an activity to add
 * @error: return location for a #GError
 *
 * Says at once, without the database, what makes @activity impossible
 * to add: no time, a time more than a day ahead, a length below 0 or
 * over a week, a number that is not one, nobody it was with, a note
 * too long. A window checks this before the activity goes to a writer,
 * so that what the user typed stays where it is.
 *
 * Returns: %TRUE when it can be added as far as this can tell
 */
gboolean
crm_activity_store_check (CrmActivityStore  *self,
                          CrmActivity       *activity,
                          GError           **error)
{
  const char *phone = crm_activity_get_phone (activity);
  const char *note = crm_activity_get_note (activity);
  g_autofree char *stripped = g_strstrip (g_strdup (phone != NULL ? phone : ""));
  gboolean has_phone = *stripped != '\0';

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), FALSE);

  if (crm_activity_get_at (activity) <= 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say when the call or chat was."));
      return FALSE;
    }
  if (crm_activity_get_at (activity) > now_unix (self) + 86400)
    {
      g_autofree char *when = crm_clock_format_unix (crm_activity_get_at (activity));

      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is a time */
                   _("A call or chat is entered once it happened: %s is more than a day ahead."), when);
      return FALSE;
    }
  if (crm_activity_get_duration (activity) < 0 || crm_activity_get_duration (activity) > CRM_ACTIVITY_MAX_DURATION)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %lld is what was given, in seconds */
                   _("A length of %lld seconds cannot be: give 0 to 604800 seconds (a week)."),
                   (long long) crm_activity_get_duration (activity));
      return FALSE;
    }
  if (crm_activity_get_contact_id (activity) == 0 && !has_phone)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Say who it was with: a contact, or a phone number."));
      return FALSE;
    }
  if (has_phone)
    {
      g_autofree char *valid = crm_normalize_phone (stripped, NULL, error);

      if (valid == NULL)
        return FALSE;
    }
  if (note != NULL && g_utf8_strlen (note, -1) > CRM_ACTIVITY_MAX_NOTE)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The note is too long: use at most 20,000 characters."));
      return FALSE;
    }

  return TRUE;
}

/* @phone in the form contact_phones.number_norm has, with the office's
 * country; NULL for a blank one (and no error). */
char *
_crm_activities_normalize_phone (CrmActivityStore  *self,
                                 const char        *phone,
                                 GError           **error)
{
  g_autofree char *stripped = phone != NULL ? g_strstrip (g_strdup (phone)) : NULL;
  g_autofree char *country = NULL;

  if (stripped == NULL || *stripped == '\0')
    return NULL;
  country = crm_contact_store_dup_phone_country (_crm_contact_store_of (self));

  return crm_normalize_phone (stripped, country, error);
}

/* Stores @activity (checked) in the caller's transaction, with an audit
 * row; returns its id, or 0 with @error set. */
gint64
_crm_activities_insert (CrmActivityStore  *self,
                        CrmActivity       *activity,
                        const char        *phone_norm,
                        const char        *action,
                        GError           **error)
{
  CrmSession *session = _crm_session (self);
  g_autoptr(CrmStatement) insert = NULL;
  g_autoptr(CrmActivity) stored = NULL;
  g_autofree char *summary = NULL;
  gint64 contact_id = crm_activity_get_contact_id (activity);
  const char *note = crm_activity_get_note (activity);
  g_autofree char *clean_note = g_strstrip (g_strdup (note != NULL ? note : ""));
  g_autofree char *contact_name = NULL;
  gint64 id;

  if (contact_id != 0)
    {
      g_autoptr(CrmContact) contact = crm_contact_store_get (_crm_contact_store_of (self), contact_id, NULL);

      if (contact == NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact #%lld."), (long long) contact_id);
          return 0;
        }
      contact_name = g_strdup (crm_contact_get_name (contact));
    }

  if (!(insert = _crm_store_prepare (self,
                                     "INSERT INTO activities (kind, contact_id, phone, at, duration_s, note, "
                                     "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                     "(SELECT id FROM users WHERE id = ?7), ?8) RETURNING id",
                                     error)))
    return 0;
  crm_statement_bind_text (insert, 1, crm_activity_kind_to_string (crm_activity_get_kind (activity)));
  if (contact_id != 0)
    crm_statement_bind_int64 (insert, 2, contact_id);
  else
    crm_statement_bind_null (insert, 2);
  if (phone_norm != NULL)
    crm_statement_bind_text (insert, 3, phone_norm);
  else
    crm_statement_bind_null (insert, 3);
  crm_statement_bind_int64 (insert, 4, crm_activity_get_at (activity));
  crm_statement_bind_int64 (insert, 5, crm_activity_get_duration (activity));
  crm_statement_bind_text (insert, 6, clean_note);
  crm_statement_bind_int64 (insert, 7, crm_session_get_user_id (session));
  crm_statement_bind_int64 (insert, 8, now_unix (self));
  if (crm_statement_step (insert) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return 0;
    }
  id = crm_statement_get_int64 (insert, 0);

  stored = g_object_new (CRM_TYPE_ACTIVITY, "kind", crm_activity_get_kind (activity), "contact-name", contact_name,
                         "phone", phone_norm, "duration", crm_activity_get_duration (activity), NULL);
  summary = crm_activity_dup_summary (stored);

  return crm_session_append_history (session, "activity", id, action, summary, error) ? id : 0;
}

/**
 * crm_activity_store_get:
 * @self: a #CrmActivityStore
 * @id: a call's or chat's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the activity, or %NULL with
 *   %CRM_ERROR_NOT_FOUND
 */
CrmActivity *
crm_activity_store_get (CrmActivityStore  *self,
                        gint64             id,
                        GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " ACTIVITY_COLUMNS " FROM activities a " ACTIVITY_JOINS
                                         " WHERE a.id = ?1", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no call or chat #%lld."), (long long) id);
      return NULL;
    }

  return activity_from_row (stmt);
}

/* The name the session's user goes by in system comments, or NULL. */
static char *
user_name (CrmActivityStore *self)
{
  g_autoptr(CrmUser) user = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (user_id == 0 || !(user = crm_user_store_get (_crm_user_store_of (self), user_id, NULL)))
    return NULL;

  return g_strdup (crm_user_get_name (user));
}

/* Links @activity_id to @ticket_id in the caller's transaction: the
 * system comment, the audit rows, the undo step (@added: undo takes
 * the activity away, as it was added with the link). */
static gint64
link_tx (CrmActivityStore  *self,
         gint64             activity_id,
         gint64             ticket_id,
         gboolean           added,
         GError           **error)
{
  CrmTicketStore *tickets = _crm_ticket_store_of (self);
  g_autoptr(CrmActivity) activity = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *by = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;

  if (!(activity = crm_activity_store_get (self, activity_id, error)) ||
      !(ticket = crm_ticket_store_get (tickets, ticket_id, 0, error)))
    return 0;
  if (crm_activity_get_ticket_id (activity) == ticket_id)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: a call's or chat's number, a ticket's number */
                   _("Call or chat #%lld is linked to ticket #%lld already."),
                   (long long) activity_id, (long long) ticket_id);
      return 0;
    }
  if (crm_activity_get_ticket_id (activity) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: a call's or chat's number, a ticket's number */
                   _("Call or chat #%lld is linked to ticket #%lld: unlink it there first."),
                   (long long) activity_id, (long long) crm_activity_get_ticket_id (activity));
      return 0;
    }

  if (!(update = _crm_store_prepare (self,
                                     "UPDATE activities SET ticket_id = ?1, linked_by = (SELECT id FROM users WHERE id = ?2), "
                                     "linked_at = ?3 WHERE id = ?4 AND ticket_id IS NULL AND deleted_ticket_id IS NULL",
                                     error)))
    return 0;
  crm_statement_bind_int64 (update, 1, ticket_id);
  crm_statement_bind_int64 (update, 2, crm_session_get_user_id (_crm_session (self)));
  crm_statement_bind_int64 (update, 3, now_unix (self));
  crm_statement_bind_int64 (update, 4, activity_id);
  if (!_crm_store_step_done (self, update, error))
    return 0;
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Call or chat #%lld belongs to a deleted ticket."), (long long) activity_id);
      return 0;
    }

  summary = crm_activity_dup_summary (activity);
  by = user_name (self);
  if (by != NULL)
    /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…"), a user */
    text = g_strdup_printf (_("%s, linked by %s"), summary, by);
  else
    /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…") */
    text = g_strdup_printf (_("%s, linked"), summary);
  /* Translators: an audit line of a call or chat; a ticket's number */
  detail = g_strdup_printf (_("Linked to ticket #%lld"), (long long) ticket_id);
  if (!_crm_tickets_record_change (tickets, ticket_id, "activity-linked", text, error) ||
      !crm_session_append_history (_crm_session (self), "activity", activity_id, "linked", detail, error))
    return 0;

  g_variant_dict_insert (state, "activity", "x", activity_id);
  g_variant_dict_insert (state, "added", "b", added);

  return _crm_tickets_journal (tickets, "link-activity", ticket_id, g_variant_dict_end (state), error);
}

typedef struct
{
  CrmActivity *activity;
  gint64       ticket_id;
  char        *phone;   /* normalised */
  gint64       id;      /* out */
  gint64       step;    /* out */
} Adding;

static gboolean
add_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  CrmActivityStore *self = crm_activity_store_from_session (session);
  Adding *adding = user_data;

  if (!(adding->id = _crm_activities_insert (self, adding->activity, adding->phone, "added", error)))
    return FALSE;
  if (adding->ticket_id == 0)
    return TRUE;

  return (adding->step = link_tx (self, adding->id, adding->ticket_id, TRUE, error)) != 0;
}

/**
 * crm_activity_store_add:
 * @self: a #CrmActivityStore
 * @activity: the call or chat, as entered (crm_activity_new())
 * @ticket_id: a ticket to link it to at once, or 0
 * @step: (out) (optional): with @ticket_id, the undo step of the link
 *   (its undo takes the activity away again)
 * @error: return location for a #GError
 *
 * Stores a call or chat, entered by hand or by crmctl, with an audit
 * row; its number normalised with the office's country, so that it
 * meets the contacts' numbers. Refused with %CRM_ERROR_INVALID as
 * crm_activity_store_check() says, or when the number is not one, and
 * with %CRM_ERROR_NOT_FOUND for a contact or ticket that does not
 * exist; nothing is stored then.
 *
 * Returns: the new activity's id, or 0 with @error set
 */
gint64
crm_activity_store_add (CrmActivityStore  *self,
                        CrmActivity       *activity,
                        gint64             ticket_id,
                        gint64            *step,
                        GError           **error)
{
  Adding adding = { activity, ticket_id, NULL, 0, 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), 0);
  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), 0);

  if (!crm_activity_store_check (self, activity, error))
    return 0;
  adding.phone = _crm_activities_normalize_phone (self, crm_activity_get_phone (activity), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  done = crm_session_run_in_transaction (_crm_session (self), add_tx, &adding, error);
  g_free (adding.phone);
  if (!done)
    return 0;

  _crm_store_emit_changed (self, "activity", adding.id);
  if (ticket_id != 0)
    _crm_store_emit_changed (self, "ticket", ticket_id);
  if (step != NULL)
    *step = adding.step;

  return adding.id;
}

/**
 * crm_activity_store_list:
 * @self: a #CrmActivityStore
 * @today: only today's (the clock's local day)
 * @limit: at most this many, or 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmActivity): the calls and
 *   chats, the newest first, or %NULL with @error set
 */
GPtrArray *
crm_activity_store_list (CrmActivityStore  *self,
                         gboolean           today,
                         guint              limit,
                         GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 start = G_MININT64, end = G_MAXINT64;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), NULL);

  if (today)
    today_bounds (self, &start, &end);
  if (!(stmt = _crm_store_prepare (self, "SELECT " ACTIVITY_COLUMNS " FROM activities a " ACTIVITY_JOINS
                                         " WHERE a.at >= ?1 AND a.at < ?2 ORDER BY a.at DESC, a.id DESC LIMIT ?3",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, start);
  crm_statement_bind_int64 (stmt, 2, end);
  crm_statement_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);

  return _crm_store_collect_objects (self, stmt, activity_from_row, error);
}

/**
 * crm_activity_store_list_to_link:
 * @self: a #CrmActivityStore
 * @ticket_id: the ticket a call or chat is to be linked to
 * @n_first: (out) (optional): how many of them are today's of the
 *   ticket's client or their numbers
 * @error: return location for a #GError
 *
 * The calls and chats not linked to any ticket, as "Link Call or
 * Chat…" offers them: first today's with the ticket's client (its
 * contact, or the contact its address is) or with one of the client's
 * numbers, even when entered with the number only; then the others of
 * the last %CRM_ACTIVITY_RECENT_DAYS days; each part the newest first,
 * at most 100 in all.
 *
 * Returns: (transfer full) (element-type CrmActivity): the activities,
 *   or %NULL with @error set
 */
GPtrArray *
crm_activity_store_list_to_link (CrmActivityStore  *self,
                                 gint64             ticket_id,
                                 guint             *n_first,
                                 GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start, end;
  guint first = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), NULL);

  today_bounds (self, &start, &end);
  if (!(stmt = _crm_store_prepare (self,
                                   "WITH client AS (SELECT coalesce (t.client_id, (SELECT e.contact_id FROM contact_emails e "
                                   "WHERE e.address_norm = lower (t.client_address) ORDER BY e.contact_id LIMIT 1)) AS id "
                                   "FROM tickets t WHERE t.id = ?1) "
                                   "SELECT " ACTIVITY_COLUMNS ", CASE WHEN a.at >= ?2 AND a.at < ?3 AND "
                                   "(a.contact_id = (SELECT id FROM client) OR a.phone IN (SELECT p.number_norm "
                                   "FROM contact_phones p WHERE p.contact_id = (SELECT id FROM client))) "
                                   "THEN 0 ELSE 1 END AS rank "
                                   "FROM activities a " ACTIVITY_JOINS " "
                                   "WHERE a.ticket_id IS NULL AND a.deleted_ticket_id IS NULL AND a.at >= ?4 "
                                   "ORDER BY rank, a.at DESC, a.id DESC LIMIT 100",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_int64 (stmt, 2, start);
  crm_statement_bind_int64 (stmt, 3, end);
  crm_statement_bind_int64 (stmt, 4, start - (gint64) (CRM_ACTIVITY_RECENT_DAYS - 1) * 86400);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_ptr_array_add (found, activity_from_row (stmt));
      if (crm_statement_get_int64 (stmt, 10) == 0)
        first++;
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }
  if (n_first != NULL)
    *n_first = first;

  return g_steal_pointer (&found);
}

/**
 * crm_activity_store_list_for_ticket:
 * @self: a #CrmActivityStore
 * @ticket_id: a ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmActivity): the calls and
 *   chats linked to the ticket, the oldest first, or %NULL with @error
 */
GPtrArray *
crm_activity_store_list_for_ticket (CrmActivityStore  *self,
                                    gint64             ticket_id,
                                    GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT " ACTIVITY_COLUMNS " FROM activities a " ACTIVITY_JOINS
                                         " WHERE a.ticket_id = ?1 ORDER BY a.at, a.id", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, ticket_id);

  return _crm_store_collect_objects (self, stmt, activity_from_row, error);
}

typedef struct
{
  gint64 activity_id;
  gint64 ticket_id;   /* in for a link; out for an unlink */
  gint64 step;        /* out */
} Linking;

static gboolean
link_in_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  Linking *linking = user_data;

  linking->step = link_tx (crm_activity_store_from_session (session), linking->activity_id, linking->ticket_id, FALSE,
                           error);

  return linking->step != 0;
}

/**
 * crm_activity_store_link:
 * @self: a #CrmActivityStore
 * @activity_id: a call or chat linked to no ticket
 * @ticket_id: the ticket it belongs to
 * @error: return location for a #GError
 *
 * Links a call or chat to a ticket (TK6): a system comment there says
 * which, how long, and who linked it; audit rows in both. Refused with
 * %CRM_ERROR_CONFLICT when it is linked already, with
 * %CRM_ERROR_NOT_FOUND when either does not exist. Can be undone
 * (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_activity_store_link (CrmActivityStore  *self,
                         gint64             activity_id,
                         gint64             ticket_id,
                         GError           **error)
{
  Linking linking = { activity_id, ticket_id, 0 };

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), link_in_tx, &linking, error))
    return 0;

  _crm_store_emit_changed (self, "activity", activity_id);
  _crm_store_emit_changed (self, "ticket", ticket_id);

  return linking.step;
}

/* Takes @activity off its ticket in the caller's transaction, or
 * deletes it (@remove), with an audit row. Returns the ticket, or 0
 * with @error set. */
static gint64
take_off (CrmActivityStore  *self,
          CrmActivity       *activity,
          gboolean           remove,
          GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(stmt = _crm_store_prepare (self,
                                   remove ? "DELETE FROM activities WHERE id = ?1 AND ticket_id = ?2"
                                          : "UPDATE activities SET ticket_id = NULL, linked_by = NULL, linked_at = NULL "
                                            "WHERE id = ?1 AND ticket_id = ?2",
                                   error)))
    return 0;
  crm_statement_bind_int64 (stmt, 1, crm_activity_get_id (activity));
  crm_statement_bind_int64 (stmt, 2, crm_activity_get_ticket_id (activity));
  if (!_crm_store_step_done (self, stmt, error))
    return 0;

  return crm_session_append_history (_crm_session (self), "activity", crm_activity_get_id (activity),
                                     remove ? "deleted" : "unlinked", NULL, error)
         ? crm_activity_get_ticket_id (activity) : 0;
}

static gboolean
unlink_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmActivityStore *self = crm_activity_store_from_session (session);
  Linking *linking = user_data;
  g_autoptr(CrmActivity) activity = crm_activity_store_get (self, linking->activity_id, error);
  g_autofree char *summary = NULL;
  g_autofree char *by = NULL;
  g_autofree char *text = NULL;

  if (activity == NULL)
    return FALSE;
  if (crm_activity_get_ticket_id (activity) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Call or chat #%lld is not linked to a ticket."),
                   (long long) linking->activity_id);
      return FALSE;
    }
  if (!(linking->ticket_id = take_off (self, activity, FALSE, error)))
    return FALSE;
  summary = crm_activity_dup_summary (activity);
  by = user_name (self);
  if (by != NULL)
    /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…"), a user */
    text = g_strdup_printf (_("%s, unlinked by %s"), summary, by);
  else
    /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…") */
    text = g_strdup_printf (_("%s, unlinked"), summary);

  return _crm_tickets_record_change (_crm_ticket_store_of (self), linking->ticket_id, "activity-unlinked", text, error);
}

/**
 * crm_activity_store_unlink:
 * @self: a #CrmActivityStore
 * @activity_id: a call or chat linked to a ticket
 * @error: return location for a #GError
 *
 * Takes a call or chat off its ticket: it is offered for linking again.
 * A system comment in the ticket and audit rows say so.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_activity_store_unlink (CrmActivityStore  *self,
                           gint64             activity_id,
                           GError           **error)
{
  Linking linking = { activity_id, 0, 0 };

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), unlink_tx, &linking, error))
    return FALSE;

  _crm_store_emit_changed (self, "activity", activity_id);
  _crm_store_emit_changed (self, "ticket", linking.ticket_id);

  return TRUE;
}

/* Undoes a link (crm-ticket-store-undo.c), while the activity is still
 * the ticket's: unlinked again, or, added with the link, taken away. */
char *
_crm_tickets_undo_link_activity (CrmTicketStore  *store,
                                 gint64           ticket_id,
                                 GVariantDict    *state,
                                 GError         **error)
{
  CrmActivityStore *self = crm_activity_store_from_session (_crm_session (store));
  g_autoptr(CrmActivity) activity = NULL;
  g_autofree char *summary = NULL;
  gint64 activity_id = 0;
  gboolean added = FALSE;

  g_variant_dict_lookup (state, "activity", "x", &activity_id);
  g_variant_dict_lookup (state, "added", "b", &added);
  if (!(activity = crm_activity_store_get (self, activity_id, error)))
    return NULL;
  if (crm_activity_get_ticket_id (activity) != ticket_id)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: a call's or chat's number, a ticket's number */
                   _("Call or chat #%lld is no longer in ticket #%lld, so this cannot be undone."),
                   (long long) activity_id, (long long) ticket_id);
      return NULL;
    }
  if (!take_off (self, activity, added, error))
    return NULL;
  summary = crm_activity_dup_summary (activity);

  return added
         /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…") */
         ? g_strdup_printf (_("Adding undone: %s is taken away"), summary)
         /* Translators: a system comment in a ticket: a call or chat ("Call with Zofia · 4 min · +48…") */
         : g_strdup_printf (_("Linking undone: %s is no longer in this ticket"), summary);
}
