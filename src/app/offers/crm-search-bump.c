/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-search-bump.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/* "Bump Update Date" (OF10), from a search's card, the Searches page or
 * the stale searches on the Start page: stored on a worker, then said. */

static gboolean
bump_write (CrmSession  *writer,
            GVariant    *args,
            GError     **error)
{
  g_autoptr(GVariant) ids = g_variant_get_child_value (args, 0);
  gsize n_ids = 0;
  const gint64 *id = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint64));

  return crm_search_store_bump (crm_search_store_from_session (writer), id, n_ids, error);
}

static void
bumped_cb (GtkWidget    *widget,
           GVariant     *args,
           const GError *error)
{
  g_autoptr(GVariant) ids = g_variant_get_child_value (args, 0);
  g_autofree char *text = NULL;
  guint n_ids = g_variant_n_children (ids);

  if (error != NULL)
    text = g_strdup (error->message);
  else if (n_ids == 1)
    text = g_strdup (_("The search counts as updated today"));
  else
    /* Translators: a toast after "Bump Update Date" (OF10) */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u search counts as updated today",
                                         "%u searches count as updated today", n_ids),
                            n_ids);
  crm_toast_show (widget, text);
}

/**
 * crm_search_bump:
 * @widget: where the toast goes
 * @session: the widget's session
 * @ids: (array length=n_ids): the searches
 * @n_ids: how many
 *
 * Makes the searches count as updated today (OF10), on a worker; a
 * toast over @widget says how many, or why not.
 */
void
crm_search_bump (GtkWidget    *widget,
                 CrmSession   *session,
                 const gint64 *ids,
                 guint         n_ids)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CRM_IS_SESSION (session));

  if (n_ids == 0)
    return;
  crm_widget_write (widget, session, bump_write,
                    g_variant_new ("(@ax)", g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, n_ids, sizeof (gint64))),
                    bumped_cb);
}
