/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-offer-store-private.h"

/* Importing offers from a CSV file (OF). */

typedef struct
{
  GPtrArray *offers;     /* CrmOffer, valid */
  GArray    *ids;        /* out */
  guint      n_matched;  /* out */
} Import;

static gboolean
import_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  Import *import = user_data;
  g_autoptr(GArray) matched = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < import->offers->len; i++)
    {
      SaveOffer save = { g_ptr_array_index (import->offers, i), matched };
      gint64 id;

      g_array_set_size (matched, 0);
      if (!_crm_offers_save_offer_tx (self, &save, error))
        return FALSE;
      id = crm_offer_get_id (save.offer);
      g_array_append_val (import->ids, id);
      import->n_matched += matched->len;
    }

  return TRUE;
}

/**
 * crm_offer_store_import:
 * @self: a #CrmOfferStore
 * @csv: the text of a CSV file: a header row naming the columns (those
 *   of crm_offer_field_names(), and "agent": a user's id, e-mail or
 *   name), then one offer a row; separated by commas, or by semicolons
 *   when the header has no comma
 * @length: the length of @csv, or -1 when it ends with a NUL
 * @ids: (out) (optional) (transfer full) (element-type gint64): the new
 *   offers, in the file's order
 * @n_matched: (out) (optional): how many searches the new offers were
 *   matched to, in all
 * @error: return location for a #GError
 *
 * Imports new offers, each matched as if saved by hand (OF5). All or
 * nothing: every row is checked first, and a bad row stops the import
 * with %CRM_ERROR_INVALID and its line number; nothing is imported then.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
crm_offer_store_import (CrmOfferStore  *self,
                        const char     *csv,
                        gssize          length,
                        GArray        **ids,
                        guint          *n_matched,
                        GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char * const *known = crm_offer_field_names ();
  CrmCsvRow *header;
  Import import = { NULL, NULL, 0 };
  int agent_column = -1;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
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
                           _("The file is empty: the first line names the columns, as "
                             "transaction,type,city,price,area."));
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < header->fields->len; c++)
    {
      char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header->fields, c), -1));

      g_free (header->fields->pdata[c]);
      header->fields->pdata[c] = name;
      if (g_str_equal (name, "agent"))
        agent_column = c;
      else if (!g_strv_contains (known, name))
        {
          g_autofree char *names = g_strjoinv (", ", (char **) known);

          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, a column's name, the names there are */
                       _("Line %u: there is no column “%s”; the columns are %s and agent."),
                       header->line, name, names);
          return FALSE;
        }
    }
  {
    static const char * const required[] = { "transaction", "type", "city", "price", "area" };

    for (guint r = 0; r < G_N_ELEMENTS (required); r++)
      if (!g_ptr_array_find_with_equal_func (header->fields, required[r], g_str_equal, NULL))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, a column's name */
                       _("Line %u: the column “%s” is missing; an offer needs transaction, type, city, "
                         "price and area."),
                       header->line, required[r]);
          return FALSE;
        }
  }

  for (guint r = 1; r < rows->len; r++)
    {
      CrmCsvRow *row = g_ptr_array_index (rows, r);
      g_autoptr(CrmOffer) offer = crm_offer_new ();
      g_autoptr(GError) local_error = NULL;

      if (row->fields->len != header->fields->len)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number, then two counts of fields */
                       _("Line %u: %u fields where the header has %u."),
                       row->line, row->fields->len, header->fields->len);
          return FALSE;
        }
      for (guint c = 0; c < row->fields->len && local_error == NULL; c++)
        {
          const char *value = g_ptr_array_index (row->fields, c);

          if ((int) c == agent_column)
            {
              g_autoptr(CrmUser) agent = NULL;

              if (*value != '\0' && (agent = crm_user_store_find_active (_crm_user_store_of (self), value, &local_error)))
                crm_offer_set_agent_id (offer, crm_user_get_id (agent));
            }
          else
            crm_offer_set_field (offer, g_ptr_array_index (header->fields, c), value, &local_error);
        }
      if (local_error == NULL)
        _crm_offers_validate_offer (self, offer, &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: a line number of a file, then what is wrong with it */
                       _("Line %u: %s Nothing was imported."), row->line, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (offers, g_steal_pointer (&offer));
    }

  import.offers = offers;
  import.ids = new_ids;
  if (!crm_session_run_in_transaction (_crm_session (self), import_tx, &import, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer", 0);
  if (import.n_matched > 0)
    {
      _crm_store_emit_changed (self, "offer-mail", 0);
      _crm_store_emit_changed (self, "outbox", 0);
    }
  if (ids != NULL)
    *ids = g_steal_pointer (&new_ids);
  if (n_matched != NULL)
    *n_matched = import.n_matched;

  return TRUE;
}
