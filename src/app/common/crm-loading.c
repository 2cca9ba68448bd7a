/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-loading.h"

/* A list read for longer than this shows its spinner; a quicker read
 * shows nothing, so that nothing flickers on every keystroke. */
#define SHOW_AFTER_MS 150

static gboolean
show_cb (gpointer user_data)
{
  GtkSpinner *spinner = user_data;

  g_object_set_data (G_OBJECT (spinner), "crm-loading-source", NULL);
  gtk_widget_set_visible (GTK_WIDGET (spinner), TRUE);
  gtk_spinner_start (spinner);

  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer data)
{
  guint source = GPOINTER_TO_UINT (data);

  if (source != 0)
    g_source_remove (source);
}

static void
loading_cb (GtkSpinner   *spinner,
            GParamSpec   *pspec,
            CrmPagedList *list)
{
  if (crm_paged_list_get_loading (list))
    {
      if (g_object_get_data (G_OBJECT (spinner), "crm-loading-source") == NULL &&
          !gtk_widget_get_visible (GTK_WIDGET (spinner)))
        g_object_set_data_full (G_OBJECT (spinner), "crm-loading-source",
                                GUINT_TO_POINTER (g_timeout_add (SHOW_AFTER_MS, show_cb, spinner)),
                                remove_source);
      return;
    }

  g_object_set_data (G_OBJECT (spinner), "crm-loading-source", NULL);
  gtk_spinner_stop (spinner);
  gtk_widget_set_visible (GTK_WIDGET (spinner), FALSE);
}

/**
 * crm_loading_follow:
 * @spinner: a spinner beside the list
 * @list: the list it stands for
 *
 * Shows @spinner while @list is read on its worker for longer than a
 * moment, and hides it as soon as the list is read.
 */
void
crm_loading_follow (GtkSpinner   *spinner,
                    CrmPagedList *list)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));
  g_return_if_fail (CRM_IS_PAGED_LIST (list));

  g_signal_connect_object (list, "notify::loading", G_CALLBACK (loading_cb), spinner, G_CONNECT_SWAPPED);
  loading_cb (spinner, NULL, list);
}

static void
mapped_cb (GtkWidget    *widget,
           CrmPagedList *list)
{
  crm_paged_list_set_paused (list, !gtk_widget_get_mapped (widget));
}

/**
 * crm_loading_pause_when_hidden:
 * @widget: the page that shows @list
 * @list: a list
 *
 * While @widget is not on screen (another page is shown), @list keeps
 * the store's changes for later instead of reading again for each.
 * (The page, not the list's own widget: a page folded to one pane
 * still follows the store, so that going back to the list is quick.)
 */
void
crm_loading_pause_when_hidden (GtkWidget    *widget,
                               CrmPagedList *list)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CRM_IS_PAGED_LIST (list));

  g_signal_connect_object (widget, "map", G_CALLBACK (mapped_cb), list, 0);
  g_signal_connect_object (widget, "unmap", G_CALLBACK (mapped_cb), list, 0);
  mapped_cb (widget, list);
}
