/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-activities"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-activity-store-private.h"
#include "crm-csv.h"
#include "crm-error.h"
#include "crm-store-private.h"

/* Importing calls and chats from a PBX's call log or a chat's export
 * (CSV, README.md "Calls and chats"): a header row names the columns
 *
 *   kind           call or chat (required)
 *   at             when it began, ISO 8601; without an offset, UTC (required)
 *   duration       how long: seconds, or m:ss or h:mm:ss (empty: 0)
 *   phone          the other side's number, in any usual notation
 *   contact_email  an address of the contact it was with
 *   contact_id     the contact's number in the CRM
 *   note           what was said
 *
 * and each row after it is one call or chat. The contact is the one
 * contact_id names, else the contact with that address, else the one
 * contact with that number (the number normalised as the contacts'
 * are); with none, the activity has only its number. A bad row is
 * skipped and said, with its line and why; the others are imported; a
 * row imported before (the same kind, time and who) is skipped too, so
 * that an export imported twice adds nothing. */

static const char * const columns[] = {
  "kind", "at", "duration", "phone", "contact_email", "contact_id", "note", NULL,
};

enum { KIND, AT, DURATION, PHONE, CONTACT_EMAIL, CONTACT_ID, NOTE, N_COLUMNS };

/**
 * crm_activity_import_columns:
 *
 * Returns: (transfer none): the columns an import's header may name
 */
const char * const *
crm_activity_import_columns (void)
{
  return columns;
}

/* seconds, m:ss or h:mm:ss */
static gboolean
parse_duration (const char  *text,
                gint64      *seconds,
                GError     **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 total = 0;
  guint n;

  if (*text == '\0')
    {
      *seconds = 0;
      return TRUE;
    }
  parts = g_strsplit (text, ":", -1);
  n = g_strv_length (parts);
  for (guint i = 0; n <= 3 && i < n; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, i == 0 ? G_MAXINT32 : 59, &value, NULL))
        break;
      total = total * 60 + (gint64) value;
      if (i == n - 1)
        {
          *seconds = total;
          return TRUE;
        }
    }

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what the file says */
               _("“%s” is not a length: give seconds, or minutes and seconds as 4:05."), text);

  return FALSE;
}

/* The contact the row names, or 0 for only its number. */
static gboolean
find_contact (CrmActivityStore  *self,
              const char        *id_text,
              const char        *email,
              const char        *phone,
              gint64            *contact_id,
              GError           **error)
{
  CrmContactStore *contacts = _crm_contact_store_of (self);

  *contact_id = 0;
  if (*id_text != '\0')
    {
      g_autoptr(CrmContact) contact = NULL;
      guint64 id;

      if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is what the file says */
                       _("“%s” is not a contact’s number."), id_text);
          return FALSE;
        }
      if (!(contact = crm_contact_store_get (contacts, (gint64) id, NULL)))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no contact #%lld."), (long long) id);
          return FALSE;
        }
      *contact_id = (gint64) id;
      return TRUE;
    }

  if (*email != '\0')
    {
      g_autoptr(GListModel) found = crm_contact_store_find_by_email (contacts, email, error);
      g_autoptr(CrmContact) contact = NULL;

      if (found == NULL)
        return FALSE;
      if (g_list_model_get_n_items (found) > 0)
        {
          contact = g_list_model_get_item (found, 0);
          *contact_id = crm_contact_get_id (contact);
          return TRUE;
        }
      if (*phone == '\0')
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                       /* Translators: %s is an e-mail address */
                       _("No contact has the address %s, and there is no number."), email);
          return FALSE;
        }
    }

  if (*phone != '\0')
    {
      g_autoptr(GListModel) found = crm_contact_store_find_by_phone (contacts, phone, error);

      if (found == NULL)
        return FALSE;
      /* one contact with the number is theirs; two: the number alone */
      if (g_list_model_get_n_items (found) == 1)
        {
          g_autoptr(CrmContact) contact = g_list_model_get_item (found, 0);

          *contact_id = crm_contact_get_id (contact);
        }
    }

  return TRUE;
}

static gboolean
imported_before (CrmActivityStore  *self,
                 CrmActivity       *activity,
                 const char        *phone,
                 gboolean          *found,
                 GError           **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT 1 FROM activities WHERE kind = ?1 AND at = ?2 AND coalesce (contact_id, 0) = ?3 "
                        "AND coalesce (phone, '') = ?4 LIMIT 1",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, crm_activity_kind_to_string (crm_activity_get_kind (activity)));
  crm_statement_bind_int64 (stmt, 2, crm_activity_get_at (activity));
  crm_statement_bind_int64 (stmt, 3, crm_activity_get_contact_id (activity));
  crm_statement_bind_text (stmt, 4, phone != NULL ? phone : "");

  return _crm_store_step_row (self, stmt, found, error);
}

/* One row as an activity to add, with its number normalised; or NULL
 * with @error set (the row is skipped). */
static CrmActivity *
read_row (CrmActivityStore  *self,
          const int         *places,
          CrmCsvRow         *row,
          char             **phone_norm,
          GError           **error)
{
  const char *field[N_COLUMNS];
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(CrmActivity) activity = NULL;
  CrmActivityKind kind;
  gint64 duration = 0, contact_id = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    field[c] = places[c] >= 0 ? g_strstrip ((char *) g_ptr_array_index (row->fields, places[c])) : "";

  if (!crm_activity_kind_from_string (field[KIND], &kind, error))
    return NULL;
  if (*field[AT] == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say when the call or chat was."));
      return NULL;
    }
  if (!(at = crm_clock_parse_time (field[AT], error)) || !parse_duration (field[DURATION], &duration, error))
    return NULL;
  *phone_norm = _crm_activities_normalize_phone (self, field[PHONE], error);
  if (*field[PHONE] != '\0' && *phone_norm == NULL)
    return NULL;
  if (!find_contact (self, field[CONTACT_ID], field[CONTACT_EMAIL], field[PHONE], &contact_id, error))
    return NULL;

  activity = crm_activity_new (kind, contact_id, field[PHONE], g_date_time_to_unix (at), duration, field[NOTE]);
  if (!crm_activity_store_check (self, activity, error))
    return NULL;

  return g_steal_pointer (&activity);
}

typedef struct
{
  GPtrArray *rows;      /* CrmCsvRow, the header first */
  int        places[N_COLUMNS];
  guint      imported;  /* out */
  GPtrArray *skipped;   /* out: CrmActivitySkip */
  gint64     last_id;   /* out */
} Import;

static void
skip (Import       *import,
      guint         line,
      const GError *error)
{
  CrmActivitySkip *skipped = g_new0 (CrmActivitySkip, 1);

  skipped->line = line;
  skipped->error = g_strdup (error->message);
  g_ptr_array_add (import->skipped, skipped);
}

static gboolean
import_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmActivityStore *self = crm_activity_store_from_session (session);
  Import *import = user_data;
  CrmCsvRow *header = g_ptr_array_index (import->rows, 0);

  /* a transaction tried again starts again */
  import->imported = 0;
  g_ptr_array_set_size (import->skipped, 0);
  for (guint r = 1; r < import->rows->len; r++)
    {
      CrmCsvRow *row = g_ptr_array_index (import->rows, r);
      g_autoptr(GError) line_error = NULL;
      g_autoptr(CrmActivity) activity = NULL;
      g_autofree char *phone = NULL;
      gboolean before = FALSE;

      if (row->fields->len != header->fields->len)
        {
          g_set_error (&line_error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: two counts of fields */
                       _("%u fields where the header has %u."), row->fields->len, header->fields->len);
          skip (import, row->line, line_error);
          continue;
        }
      if (!(activity = read_row (self, import->places, row, &phone, &line_error)))
        {
          skip (import, row->line, line_error);
          continue;
        }
      if (!imported_before (self, activity, phone, &before, error))
        return FALSE;
      if (before)
        {
          g_set_error_literal (&line_error, CRM_ERROR, CRM_ERROR_CONFLICT,
                               _("This call or chat was imported already."));
          skip (import, row->line, line_error);
          continue;
        }
      if (!(import->last_id = _crm_activities_insert (self, activity, phone, "imported", error)))
        return FALSE;
      import->imported++;
    }

  return TRUE;
}

/**
 * crm_activity_store_import:
 * @self: a #CrmActivityStore
 * @csv: the text of a CSV file: a header row naming columns of
 *   crm_activity_import_columns() (kind and at required, and phone,
 *   contact_email or contact_id), then one call or chat a row;
 *   separated by commas, or by semicolons when the header has no comma
 * @length: the length of @csv, or -1 when it ends with a NUL
 * @imported: (out) (optional): how many rows were imported
 * @skipped: (out) (optional) (transfer full) (element-type CrmActivitySkip):
 *   the rows not imported, each with its line and why
 * @error: return location for a #GError
 *
 * Imports calls and chats from a PBX's or a chat's export. A bad row
 * (a kind that is neither call nor chat, a time that is not ISO 8601,
 * a number that is not one, a contact that does not exist, a row
 * imported before…) is skipped and said; the other rows are imported,
 * each whole or not at all, with an audit row. A file that cannot be
 * read as CSV, or whose header names an unknown column or lacks a
 * needed one, imports nothing, with %CRM_ERROR_INVALID.
 *
 * Returns: %TRUE when the file was read (even if every row was skipped)
 */
gboolean
crm_activity_store_import (CrmActivityStore  *self,
                           const char        *csv,
                           gssize             length,
                           guint             *imported,
                           GPtrArray        **skipped,
                           GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) skips = g_ptr_array_new_with_free_func (crm_activity_skip_free);
  g_autofree char *names = g_strjoinv (", ", (char **) columns);
  Import import = { NULL, { 0 }, 0, NULL, 0 };
  CrmCsvRow *header;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);

  if (length < 0)
    length = strlen (csv);
  if (!g_utf8_validate (csv, length, NULL))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The file is not UTF-8 text."));
      return FALSE;
    }
  if (!(rows = crm_csv_parse (csv, length, crm_csv_guess_separator (csv, length), error)))
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The file is empty: the first line names the columns, as kind,at,duration,phone,note."));
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    import.places[c] = -1;
  for (guint f = 0; f < header->fields->len; f++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header->fields, f), -1));
      guint c;

      for (c = 0; c < N_COLUMNS && !g_str_equal (name, columns[c]); c++)
        ;
      if (c == N_COLUMNS || import.places[c] >= 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       c == N_COLUMNS
                       /* Translators: a line number, a column's name, the names there are */
                       ? _("Line %u: there is no column “%s”; the columns are %s.")
                       /* Translators: a line number, a column's name, the names there are */
                       : _("Line %u: the column “%s” is named twice; the columns are %s."),
                       header->line, name, names);
          return FALSE;
        }
      import.places[c] = (int) f;
    }
  if (import.places[KIND] < 0 || import.places[AT] < 0 ||
      (import.places[PHONE] < 0 && import.places[CONTACT_EMAIL] < 0 && import.places[CONTACT_ID] < 0))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: a line number */
                   _("Line %u: the columns kind and at are needed, and phone, contact_email or contact_id."),
                   header->line);
      return FALSE;
    }

  import.rows = rows;
  import.skipped = skips;
  if (!crm_session_run_in_transaction (_crm_session (self), import_tx, &import, error))
    return FALSE;

  if (import.imported > 0)
    _crm_store_emit_changed (self, "activity", import.last_id);
  if (imported != NULL)
    *imported = import.imported;
  if (skipped != NULL)
    *skipped = g_steal_pointer (&skips);

  return TRUE;
}

typedef struct
{
  guint      imported;
  GPtrArray *skipped;
} Imported;

static void
imported_free (gpointer data)
{
  Imported *imported = data;

  g_clear_pointer (&imported->skipped, g_ptr_array_unref);
  g_free (imported);
}

static gboolean
import_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  Imported *imported = g_new0 (Imported, 1);
  gsize length;
  const char *csv = g_bytes_get_data (data, &length);

  if (!crm_activity_store_import (crm_activity_store_from_session (writer), csv != NULL ? csv : "", length,
                                  &imported->imported, &imported->skipped, error))
    {
      imported_free (imported);
      return FALSE;
    }
  *result = imported;

  return TRUE;
}

/**
 * crm_activity_store_import_async:
 * @self: a #CrmActivityStore
 * @csv: the file's bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is imported, or not
 * @user_data: for @callback
 *
 * crm_activity_store_import() on a writer of its own: for the window.
 */
void
crm_activity_store_import_async (CrmActivityStore    *self,
                                 GBytes              *csv,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CRM_IS_ACTIVITY_STORE (self));
  g_return_if_fail (csv != NULL);

  crm_session_write_async (_crm_session (self), import_write, g_bytes_ref (csv), (GDestroyNotify) g_bytes_unref,
                           imported_free, cancellable, callback, user_data);
}

/**
 * crm_activity_store_import_finish:
 * @self: a #CrmActivityStore
 * @result: the result given to the callback
 * @imported: (out) (optional): as crm_activity_store_import()
 * @skipped: (out) (optional) (transfer full) (element-type CrmActivitySkip):
 *   as crm_activity_store_import()
 * @error: return location for a #GError
 *
 * Returns: as crm_activity_store_import()
 */
gboolean
crm_activity_store_import_finish (CrmActivityStore  *self,
                                  GAsyncResult      *result,
                                  guint             *imported,
                                  GPtrArray        **skipped,
                                  GError           **error)
{
  Imported *done;

  g_return_val_if_fail (CRM_IS_ACTIVITY_STORE (self), FALSE);

  if (!(done = crm_session_write_finish (_crm_session (self), result, error)))
    return FALSE;
  if (imported != NULL)
    *imported = done->imported;
  if (skipped != NULL)
    *skipped = g_steal_pointer (&done->skipped);
  imported_free (done);

  return TRUE;
}
