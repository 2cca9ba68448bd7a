/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
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

