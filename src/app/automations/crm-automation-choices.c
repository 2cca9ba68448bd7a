/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-choices.h"

/* The statuses, saved views, templates and users the automation editor
 * offers, read on a worker. GtkStringList is a plain GObject: made on
 * the worker, it is handed to the main thread whole and only used
 * there afterwards. */

CrmAutomationChoices *
crm_automation_choices_new (void)
{
  CrmAutomationChoices *choices = g_new0 (CrmAutomationChoices, 1);

  choices->status_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  choices->status_names = gtk_string_list_new (NULL);
  choices->view_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  choices->view_names = gtk_string_list_new (NULL);
  choices->template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  choices->template_names = gtk_string_list_new (NULL);
  choices->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  choices->user_names = gtk_string_list_new (NULL);

  return choices;
}

void
crm_automation_choices_free (CrmAutomationChoices *choices)
{
  if (choices == NULL)
    return;
  g_array_unref (choices->status_ids);
  g_object_unref (choices->status_names);
  g_array_unref (choices->view_ids);
  g_object_unref (choices->view_names);
  g_array_unref (choices->template_ids);
  g_object_unref (choices->template_names);
  g_array_unref (choices->user_ids);
  g_object_unref (choices->user_names);
  g_free (choices);
}

/* The position of @id in @ids, or GTK_INVALID_LIST_POSITION. */
guint
crm_automation_choices_find (GArray *ids,
                             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/**
 * crm_automation_choices_read_views:
 * @reader: a reader session, on a worker
 * @module: the automation's module
 * @choices: where the views go (@view_ids, @view_names)
 * @error: return location for a #GError
 *
 * The saved views (FD4) an automation of @module may select by: the
 * office's and the user's own of that list, as the sidebar lists them.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_automation_choices_read_views (CrmSession            *reader,
                                   const char            *module,
                                   CrmAutomationChoices  *choices,
                                   GError               **error)
{
  g_autoptr(GPtrArray) views = crm_view_store_list (crm_view_store_from_session (reader), module, error);

  if (views == NULL)
    return FALSE;
  for (guint i = 0; i < views->len; i++)
    {
      CrmSavedView *view = g_ptr_array_index (views, i);
      gint64 id = crm_saved_view_get_id (view);

      g_array_append_val (choices->view_ids, id);
      gtk_string_list_append (choices->view_names, crm_saved_view_get_name (view));
    }

  return TRUE;
}

/**
 * crm_automation_choices_read:
 * @reader: a reader session, on a worker
 * @module: the automation's module
 * @choices: (out caller-allocates): filled
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_automation_choices_read (CrmSession            *reader,
                             const char            *module,
                             CrmAutomationChoices  *choices,
                             GError               **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GListModel) users = NULL;

  if (g_strcmp0 (module, "tickets") == 0 || g_strcmp0 (module, "requests") == 0)
    {
      CrmAutomationStore *store = crm_automation_store_from_session (reader);
      g_auto(GStrv) statuses = crm_ticket_store_list_statuses (crm_ticket_store_from_session (reader), error);

      if (statuses == NULL)
        return FALSE;
      for (guint i = 0; statuses[i] != NULL; i++)
        {
          gint64 id = crm_automation_store_find_status (store, statuses[i], error);

          if (id == 0)
            return FALSE;
          g_array_append_val (choices->status_ids, id);
          gtk_string_list_append (choices->status_names, statuses[i]);
        }
    }
  if (!crm_automation_choices_read_views (reader, module, choices, error))
    return FALSE;

  if (!(templates = crm_template_store_list (crm_template_store_from_session (reader), error)))
    return FALSE;
  for (guint i = 0; i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);

      g_array_append_val (choices->template_ids, info->id);
      gtk_string_list_append (choices->template_names, info->name);
    }

  if (!(users = crm_user_store_list_active (crm_user_store_from_session (reader), error)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (users, i);
      gint64 id = crm_user_get_id (user);

      g_array_append_val (choices->user_ids, id);
      gtk_string_list_append (choices->user_names, crm_user_get_name (user));
    }

  return TRUE;
}
