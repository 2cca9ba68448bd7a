/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm.h"
#include "crm-names-dropdown.h"

/* A drop-down of stored names (statuses, queues, priorities, users),
 * shown in the user's language where they are built in, that gives
 * back the stored name of the choice. */

/**
 * crm_names_dropdown_fill:
 * @dropdown: a #GtkDropDown
 * @names: (nullable) (array zero-terminated=1): the stored names
 * @current: (nullable): the one selected
 *
 * Shows @names in @dropdown, each as the user reads it
 * (crm_ticket_display_name ()), with @current selected.
 */
void
crm_names_dropdown_fill (GtkDropDown        *dropdown,
                         const char * const *names,
                         const char         *current)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gtk_string_list_append (model, crm_ticket_display_name (names[i]));
      if (g_strcmp0 (names[i], current) == 0)
        selected = i;
    }

  g_object_set_data_full (G_OBJECT (dropdown), "crm-names", g_strdupv ((char **) names), (GDestroyNotify) g_strfreev);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

/**
 * crm_names_dropdown_get_name:
 * @dropdown: a drop-down filled by crm_names_dropdown_fill()
 *
 * Returns: (nullable): the stored name of the choice
 */
const char *
crm_names_dropdown_get_name (GtkDropDown *dropdown)
{
  const char * const *names = g_object_get_data (G_OBJECT (dropdown), "crm-names");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (names == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) names))
    return NULL;

  return names[selected];
}
