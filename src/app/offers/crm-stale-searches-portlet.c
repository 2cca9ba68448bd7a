/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-stale-searches-portlet"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-list-row.h"
#include "crm-offer-text.h"
#include "crm-toast.h"
#include "crm-stale-searches-portlet.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-search-bump.h"

/**
 * CrmStaleSearchesPortlet:
 *
 * "Searches to refresh" (OF10): the user's searches not updated for
 * the office's stale days, oldest first. A click opens the search; the
 * agent, having asked the client, bumps one or all of them.
 */
struct _CrmStaleSearchesPortlet
{
  CrmPortlet  parent_instance;

  /* template widgets */
  GtkStack   *stack;
  GtkLabel   *empty_label;
  GtkListBox *searches_list;
  GtkLabel   *count_label;

  /* owned */
  GListModel *searches;
  guint       midnight_source;
};

G_DEFINE_FINAL_TYPE (CrmStaleSearchesPortlet, crm_stale_searches_portlet, CRM_TYPE_PORTLET)

/* The oldest this many are shown; the Searches page lists them all. */
#define MAX_SHOWN 10

/* A row of plain labels that never wrap: the Start page shows ten of
 * them as soon as someone works, and a row whose two-line subtitle
 * wraps costs several layouts of its text each time it is measured. */
static GtkWidget *
create_search_row (gpointer item,
                   gpointer user_data)
{
  CrmStaleSearchesPortlet *self = user_data;
  CrmSearch *search = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bump = gtk_button_new_with_mnemonic (_("_Bump"));
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *summary = crm_search_dup_summary (search);
  g_autofree char *when = crm_offer_text_last_update (crm_portlet_get_session (CRM_PORTLET (self)),
                                                      crm_search_get_updated (search));
  /* Translators: a search in "Searches to refresh": the client and the search's number */
  g_autofree char *title = g_strdup_printf (_("%s · Search No. %lld"), crm_search_get_client_name (search),
                                            (long long) crm_search_get_id (search));
  /* Translators: a search in "Searches to refresh": when it was last updated */
  g_autofree char *updated = g_strdup_printf (_("Updated %s"), when);
  g_autofree char *accessible = g_strdup_printf ("%s. %s. %s", title, summary, updated);

  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), crm_list_row_label_new (title, "title"));
  gtk_box_append (GTK_BOX (texts), crm_list_row_label_new (summary, "subtitle"));
  gtk_box_append (GTK_BOX (texts), crm_list_row_label_new (updated, "subtitle"));
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (bump, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (bump, _("The client still looks: count the search as updated today"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (bump), "stale.bump");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (bump), "x", crm_search_get_id (search));
  gtk_box_append (GTK_BOX (box), bump);
  gtk_box_append (GTK_BOX (box), arrow);

  gtk_widget_add_css_class (box, "stale-search");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-search");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", crm_search_get_id (search));
  gtk_widget_set_tooltip_text (row, _("Open the Search"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

typedef struct
{
  guint       total;
  guint       days;
  GListModel *searches;
} Stale;

static void
stale_free (gpointer data)
{
  Stale *stale = data;

  g_clear_object (&stale->searches);
  g_free (stale);
}

/* On the main thread: whose searches. */
static gpointer
crm_stale_searches_portlet_prepare (CrmPortlet *portlet)
{
  CrmUser *user = crm_portlet_get_user (portlet);
  CrmSearchFilter *filter = g_new0 (CrmSearchFilter, 1);

  filter->agent_id = user ? crm_user_get_id (user) : 0;
  filter->stale_only = TRUE;

  return filter;
}

/* On the worker: how many, and the oldest of them. */
static gpointer
crm_stale_searches_portlet_read (CrmSession  *reader,
                                 gpointer     query,
                                 GError     **error)
{
  CrmSearchFilter filter = *(CrmSearchFilter *) query;
  g_autoptr(GListModel) searches = NULL;
  Stale *stale;
  guint total;

  total = crm_search_store_count (crm_search_store_from_session (reader), &filter, NULL);
  filter.limit = MAX_SHOWN;
  if ((searches = crm_search_store_list (crm_search_store_from_session (reader), &filter, error)) == NULL)
    return NULL;

  stale = g_new0 (Stale, 1);
  stale->total = total;
  stale->days = crm_offer_store_get_stale_days (crm_offer_store_from_session (reader));
  stale->searches = g_steal_pointer (&searches);

  return stale;
}

static void
crm_stale_searches_portlet_apply (CrmPortlet *portlet,
                                  gpointer    result)
{
  CrmStaleSearchesPortlet *self = CRM_STALE_SEARCHES_PORTLET (portlet);
  Stale *stale = result;
  g_autofree char *empty = NULL;
  g_autofree char *count = NULL;
  guint days = stale->days;
  guint total = stale->total;

  g_set_object (&self->searches, stale->searches);

  empty = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Every search of yours was updated within the last %u day.",
                                        "Every search of yours was updated within the last %u days.", days),
                           days);
  gtk_label_set_text (self->empty_label, empty);
  if (total > MAX_SHOWN)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The oldest %u of %u, not updated for %u day or more",
                                          "The oldest %u of %u, not updated for %u days or more", days),
                             MAX_SHOWN, total, days);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not updated for %u day or more",
                                          "Not updated for %u days or more", days),
                             days);
  gtk_label_set_text (self->count_label, count);
  gtk_list_box_bind_model (self->searches_list, self->searches, create_search_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (self->searches) > 0 ? "searches"
                                                                                              : "empty");
}

static gboolean
crm_stale_searches_portlet_watches (CrmPortlet *portlet,
                                    const char *entity)
{
  return g_str_equal (entity, "search") || g_str_equal (entity, "contact");
}

static void
bump (CrmStaleSearchesPortlet *self,
      const gint64            *ids,
      guint                    n_ids)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (self));

  if (n_ids == 0 || session == NULL)
    return;
  crm_search_bump (GTK_WIDGET (self), session, ids, n_ids);
}

static void
bump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  bump (CRM_STALE_SEARCHES_PORTLET (widget), &id, 1);
}

static void
bump_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmStaleSearchesPortlet *self = CRM_STALE_SEARCHES_PORTLET (widget);
  guint n = self->searches ? g_list_model_get_n_items (self->searches) : 0;
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmSearch) search = g_list_model_get_item (self->searches, i);
      gint64 id = crm_search_get_id (search);

      g_array_append_val (ids, id);
    }
  bump (self, (const gint64 *) ids->data, ids->len);
}

static gboolean midnight_cb (gpointer user_data);

/* Searches turn stale as days pass, not only as data changes: the list
 * is read again just after each local midnight. */
static void
arm_midnight (CrmStaleSearchesPortlet *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GTimeSpan wait = g_date_time_difference (tomorrow, now);

  self->midnight_source = g_timeout_add_seconds ((guint) (wait / G_TIME_SPAN_SECOND) + 5, midnight_cb, self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  CrmStaleSearchesPortlet *self = user_data;

  crm_portlet_reload (CRM_PORTLET (self));
  arm_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
crm_stale_searches_portlet_dispose (GObject *object)
{
  CrmStaleSearchesPortlet *self = CRM_STALE_SEARCHES_PORTLET (object);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_STALE_SEARCHES_PORTLET);
  g_clear_object (&self->searches);

  G_OBJECT_CLASS (crm_stale_searches_portlet_parent_class)->dispose (object);
}

static void
crm_stale_searches_portlet_class_init (CrmStaleSearchesPortletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmPortletClass *portlet_class = CRM_PORTLET_CLASS (klass);

  object_class->dispose = crm_stale_searches_portlet_dispose;
  portlet_class->prepare = crm_stale_searches_portlet_prepare;
  portlet_class->query_free = g_free;
  portlet_class->read = crm_stale_searches_portlet_read;
  portlet_class->result_free = stale_free;
  portlet_class->apply = crm_stale_searches_portlet_apply;
  portlet_class->watches = crm_stale_searches_portlet_watches;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-stale-searches-portlet.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmStaleSearchesPortlet, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmStaleSearchesPortlet, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CrmStaleSearchesPortlet, searches_list);
  gtk_widget_class_bind_template_child (widget_class, CrmStaleSearchesPortlet, count_label);

  gtk_widget_class_install_action (widget_class, "stale.bump", "x", bump_action);
  gtk_widget_class_install_action (widget_class, "stale.bump-all", NULL, bump_all_action);
}

static void
crm_stale_searches_portlet_init (CrmStaleSearchesPortlet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  arm_midnight (self);
}

/**
 * crm_stale_searches_portlet_get_searches:
 * @self: a #CrmStaleSearchesPortlet
 *
 * Returns: (transfer none) (nullable): the #CrmSearch items shown
 */
GListModel *
crm_stale_searches_portlet_get_searches (CrmStaleSearchesPortlet *self)
{
  g_return_val_if_fail (CRM_IS_STALE_SEARCHES_PORTLET (self), NULL);

  return self->searches;
}
