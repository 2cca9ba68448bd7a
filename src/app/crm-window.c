/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automations-page.h"
#include "crm-contacts-page.h"
#include "crm-dashboard-page.h"
#include "crm-empty-page.h"
#include "crm-mail-status.h"
#include "crm-offer-text.h"
#include "crm-offers-page.h"
#include "crm-referrals-page.h"
#include "crm-searches-page.h"
#include "crm-setup-page.h"
#include "crm-sidebar-views.h"
#include "crm-start-page.h"
#include "crm-tasks-window.h"
#include "crm-tickets-page.h"
#include "crm-user-chooser.h"
#include "crm-toast.h"
#include "crm-window.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

/**
 * CrmWindow:
 *
 * The main window. Before anyone works it asks who is working: on the
 * first run it creates the first administrator, afterwards it lists
 * the users. Then a sidebar leads to the pages of the modules.
 */
struct _CrmWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkStack             *main_stack;
  GtkWidget            *setup_box;
  CrmSetupPage         *setup_page;
  CrmUserChooser       *user_chooser;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkListBox           *sidebar;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  AdwToastOverlay      *toast_overlay;
  AdwBin               *start_bin;
  AdwBin               *tickets_bin;
  AdwBin               *requests_bin;
  AdwBin               *contacts_bin;
  AdwBin               *offers_bin;
  AdwBin               *searches_bin;
  AdwBin               *automations_bin;
  AdwBin               *referrals_bin;
  AdwBin               *dashboard_bin;
  GtkLabel             *unread_label;
  guint                 counts_source;
  /* opened from outside (a notification, GNOME Shell's search) before
   * anyone said who works: shown once someone has */
  gint64                pending_ticket;
  gboolean              pending_reply;
  gint64                pending_contact;
  GCancellable         *counts_cancellable;
  gint64                counting_user;  /* whose unread tickets the sidebar counts */
  CrmMailStatus        *mail_status;
  GtkRevealer          *mail_banner;
  GtkLabel             *mail_banner_label;

  /* owned */
  CrmSession             *session;
  CrmSidebarViews      *sidebar_views;
  GSettings            *settings;
  CrmUser              *user;
  guint                 prebuild_source;
  GtkWindow            *shortcuts_window;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The unread tickets of the one working, in the sidebar. */
static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = crm_ticket_store_count_finish (crm_ticket_store_from_session (CRM_SESSION (object)), result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Counting the unread tickets failed: %s", error->message);
      return;
    }

  g_clear_object (&self->counts_cancellable);
  text = n > 0 ? g_strdup_printf ("%u", n) : NULL;
  if (self->unread_label != NULL)
    gtk_label_set_text (self->unread_label, text ? text : "");
}

/* TK11: the unread tickets, counted on a worker: the main loop never
 * waits on a count over the office's tickets. A newer count drops an
 * older one. */
static void
count_for (CrmWindow *self,
           CrmUser   *user)
{
  CrmTicketFilter unread = { 0 };

  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counting_user = 0;
  if (self->unread_label == NULL || self->session == NULL || user == NULL)
    {
      if (self->unread_label != NULL)
        gtk_label_set_text (self->unread_label, "");
      return;
    }

  self->counting_user = crm_user_get_id (user);
  unread.reader = crm_user_get_id (user);
  unread.open_only = TRUE;
  unread.unread_only = TRUE;
  self->counts_cancellable = g_cancellable_new ();
  crm_ticket_store_count_async (crm_ticket_store_from_session (self->session), &unread, self->counts_cancellable, counted_cb, g_object_ref (self));
}

static void
update_counts (CrmWindow *self)
{
  count_for (self, self->user);
}

static gboolean
counts_idle_cb (gpointer user_data)
{
  CrmWindow *self = user_data;

  self->counts_source = 0;
  update_counts (self);

  return G_SOURCE_REMOVE;
}

static void
queue_counts (CrmWindow *self)
{
  if (self->counts_source == 0)
    self->counts_source = g_idle_add (counts_idle_cb, self);
}

/* The pages of the modules are built when first shown, or when the
 * window has nothing else to do: the first frame, and the user chooser,
 * never wait for pages nobody looks at yet. */
static AdwBin *
page_bin (CrmWindow  *self,
          const char *name)
{
  if (g_strcmp0 (name, "start") == 0)
    return self->start_bin;
  if (g_strcmp0 (name, "tickets") == 0)
    return self->tickets_bin;
  if (g_strcmp0 (name, "requests") == 0)
    return self->requests_bin;
  if (g_strcmp0 (name, "contacts") == 0)
    return self->contacts_bin;
  if (g_strcmp0 (name, "offers") == 0)
    return self->offers_bin;
  if (g_strcmp0 (name, "searches") == 0)
    return self->searches_bin;
  if (g_strcmp0 (name, "automations") == 0)
    return self->automations_bin;
  if (g_strcmp0 (name, "referrals") == 0)
    return self->referrals_bin;
  if (g_strcmp0 (name, "dashboard") == 0)
    return self->dashboard_bin;

  return NULL;
}

static void dashboard_link_cb (CrmWindow        *self,
                               CrmDashboardLink *link,
                               const char       *title);

static GtkWidget *
build_page (CrmWindow  *self,
            const char *name)
{
  if (g_str_equal (name, "start"))
    {
      CrmStartPage *page = g_object_new (CRM_TYPE_START_PAGE, NULL);

      crm_start_page_set_session (page, self->session);
      crm_start_page_set_settings (page, self->settings);
      crm_start_page_set_user (page, self->user);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "tickets") || g_str_equal (name, "requests"))
    {
      CrmTicketsPage *page = g_object_new (CRM_TYPE_TICKETS_PAGE,
                                           "requests", g_str_equal (name, "requests"),
                                           NULL);

      crm_tickets_page_set_session (page, self->session);
      crm_tickets_page_set_user (page, self->user);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "contacts"))
    {
      CrmContactsPage *page = g_object_new (CRM_TYPE_CONTACTS_PAGE, NULL);

      crm_contacts_page_set_session (page, self->session);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "offers"))
    {
      CrmOffersPage *page = g_object_new (CRM_TYPE_OFFERS_PAGE, NULL);

      crm_offers_page_set_session (page, self->session);
      crm_offers_page_set_user (page, self->user);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "searches"))
    {
      CrmSearchesPage *page = g_object_new (CRM_TYPE_SEARCHES_PAGE, NULL);

      crm_searches_page_set_session (page, self->session);
      crm_searches_page_set_settings (page, self->settings);
      crm_searches_page_set_user (page, self->user);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "referrals"))
    {
      CrmReferralsPage *page = g_object_new (CRM_TYPE_REFERRALS_PAGE, NULL);

      crm_referrals_page_set_session (page, self->session);
      crm_referrals_page_set_user (page, self->user);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "dashboard"))
    {
      CrmDashboardPage *page = g_object_new (CRM_TYPE_DASHBOARD_PAGE, NULL);

      g_signal_connect_object (page, "open-link", G_CALLBACK (dashboard_link_cb), self, G_CONNECT_SWAPPED);
      crm_dashboard_page_set_session (page, self->session);
      return GTK_WIDGET (page);
    }
  if (g_str_equal (name, "automations"))
    {
      CrmAutomationsPage *page = g_object_new (CRM_TYPE_AUTOMATIONS_PAGE, NULL);

      crm_automations_page_set_settings (page, self->settings);
      crm_automations_page_set_session (page, self->session);
      return GTK_WIDGET (page);
    }

  g_return_val_if_reached (NULL);
}

/* The page called @name, built now if it was not yet; %NULL for the
 * pages that are not built lazily (and for no page). */
static GtkWidget *
ensure_page (CrmWindow  *self,
             const char *name)
{
  AdwBin *bin = page_bin (self, name);
  GtkWidget *page;

  if (bin == NULL)
    return NULL;
  if ((page = adw_bin_get_child (bin)) != NULL)
    return page;

  g_debug ("building the %s page", name);
  page = build_page (self, name);
  adw_bin_set_child (bin, page);

  return page;
}

/* The page if it was built; never builds it. */
static GtkWidget *
built_page (CrmWindow  *self,
            const char *name)
{
  AdwBin *bin = page_bin (self, name);

  return bin != NULL ? adw_bin_get_child (bin) : NULL;
}

#define START_PAGE(self)    CRM_START_PAGE (ensure_page ((self), "start"))
#define TICKETS_PAGE(self)  CRM_TICKETS_PAGE (ensure_page ((self), "tickets"))
#define REQUESTS_PAGE(self) CRM_TICKETS_PAGE (ensure_page ((self), "requests"))
#define CONTACTS_PAGE(self) CRM_CONTACTS_PAGE (ensure_page ((self), "contacts"))
#define OFFERS_PAGE(self)   CRM_OFFERS_PAGE (ensure_page ((self), "offers"))
#define SEARCHES_PAGE(self) CRM_SEARCHES_PAGE (ensure_page ((self), "searches"))
#define REFERRALS_PAGE(self) CRM_REFERRALS_PAGE (ensure_page ((self), "referrals"))

/* Once someone works and the window is idle, the other pages are built
 * one at a time, so that opening them later is quick. */
static void queue_prebuild (CrmWindow *self,
                            guint      delay_ms);

static gboolean
prebuild_cb (gpointer user_data)
{
  CrmWindow *self = user_data;
  static const char * const names[] = { "tickets", "contacts", "requests", "offers", "searches", "start" };

  /* while the user picks their name: the page they will see first */
  if (self->user == NULL)
    {
      /* under the chooser, laid out and drawn in the frames to come:
       * its fonts loaded and its texts shaped before anyone waits */
      ensure_page (self, gtk_stack_get_visible_child_name (self->content_stack));
      gtk_widget_set_visible (GTK_WIDGET (self->leaflet), TRUE);
      /* the Start page of whoever worked last, who most likely works
       * again: read now, it is there at once when they pick their name
       * (anyone else's is read when they do) */
      if (self->settings != NULL && built_page (self, "start") != NULL)
        {
          gint64 last = g_settings_get_int64 (self->settings, "last-user");
          g_autoptr(CrmUser) user = last > 0 ? crm_user_store_get (crm_user_store_from_session (self->session), last, NULL) : NULL;

          if (user != NULL && crm_user_get_active (user))
            {
              crm_start_page_set_user (START_PAGE (self), user);
              /* and their unread tickets and saved views in the sidebar */
              count_for (self, user);
              crm_sidebar_views_set_user (self->sidebar_views, user);
            }
        }
      self->prebuild_source = 0;
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (built_page (self, names[i]) == NULL)
        {
          ensure_page (self, names[i]);
          /* the next one soon, but never in the same main-loop turn */
          self->prebuild_source = 0;
          queue_prebuild (self, 100);
          return G_SOURCE_REMOVE;
        }
    }

  self->prebuild_source = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_prebuild (CrmWindow *self,
                guint      delay_ms)
{
  g_clear_handle_id (&self->prebuild_source, g_source_remove);
  self->prebuild_source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, prebuild_cb, self, NULL);
}

/* A row of the sidebar for one page of the content stack, or one of
 * the saved views under a module's. */
static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  CrmWindow *self = user_data;
  GtkStackPage *page;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  if (CRM_IS_SAVED_VIEW (item))
    return crm_sidebar_views_create_row (self->sidebar_views, item);

  page = GTK_STACK_PAGE (item);
  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page));
  label = gtk_label_new (gtk_stack_page_get_title (page));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  /* TK11: how many tickets wait unread */
  if (g_strcmp0 (gtk_stack_page_get_name (page), "tickets") == 0)
    {
      self->unread_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->unread_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->unread_label), "numeric");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->unread_label));
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, gtk_stack_page_get_name (page));

  return row;
}

/* The sidebar follows the content stack's pages: a page added to the
 * stack (a module) is a row of it, and a module's saved views (FD4)
 * rows under it (CrmSidebarViews). */
static void
build_sidebar (CrmWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->content_stack);

  self->sidebar_views = crm_sidebar_views_new (GTK_WIDGET (self), self->session, G_LIST_MODEL (pages));
  gtk_list_box_bind_model (self->sidebar, crm_sidebar_views_get_model (self->sidebar_views), create_sidebar_row,
                           self, NULL);
}

/* A saved view's row: its module's page, showing the view. */
static void
show_view (CrmWindow    *self,
           CrmSavedView *view)
{
  const char *module = crm_saved_view_get_module (view);
  GtkWidget *page;

  if (self->user == NULL || gtk_stack_get_child_by_name (self->content_stack, module) == NULL)
    return;
  page = ensure_page (self, module);
  gtk_stack_set_visible_child_name (self->content_stack, module);
  if (CRM_IS_TICKETS_PAGE (page))
    crm_tickets_page_show_view (CRM_TICKETS_PAGE (page), view);
  else if (CRM_IS_CONTACTS_PAGE (page))
    crm_contacts_page_show_view (CRM_CONTACTS_PAGE (page), view);
  else if (CRM_IS_OFFERS_PAGE (page))
    crm_offers_page_show_view (CRM_OFFERS_PAGE (page), view);
  else if (CRM_IS_SEARCHES_PAGE (page))
    crm_searches_page_show_view (CRM_SEARCHES_PAGE (page), view);
  else if (CRM_IS_REFERRALS_PAGE (page))
    crm_referrals_page_show_view (CRM_REFERRALS_PAGE (page), view);
}

/* A figure of the dashboard clicked (FD6): the list behind it, its
 * filter applied as a saved view's would be (unsaved: it has no row in
 * the sidebar). Projects are the requests'; tasks have their window. */
static void
dashboard_link_cb (CrmWindow        *self,
                   CrmDashboardLink *link,
                   const char       *title)
{
  const char *module = link->module;

  if (self->user == NULL)
    return;
  if (g_str_equal (module, "tasks"))
    {
      GtkWidget *tasks = crm_tasks_window_new (GTK_WINDOW (self), self->session, self->user);

      gtk_window_present (GTK_WINDOW (tasks));
      return;
    }
  if (g_str_equal (module, "projects"))
    module = "requests";
  if (link->filter != NULL)
    {
      g_autoptr(CrmSavedView) view = crm_saved_view_new (0, module, title, crm_user_get_id (self->user),
                                                         link->filter);

      show_view (self, view);
    }
  else
    crm_window_show_page (self, module);
}

static void
sidebar_row_selected_cb (CrmWindow     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  CrmSavedView *view;

  if (row == NULL)
    return;

  if ((view = g_object_get_data (G_OBJECT (row), "crm-view")) != NULL)
    {
      show_view (self, view);
      return;
    }
  if (self->user != NULL)
    ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  gtk_stack_set_visible_child_name (self->content_stack, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
sidebar_row_activated_cb (CrmWindow     *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
back_clicked_cb (CrmWindow *self,
                 GtkButton *button)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
visible_page_changed_cb (CrmWindow  *self,
                         GParamSpec *pspec,
                         GtkStack   *stack)
{
  GtkWidget *child = gtk_stack_get_visible_child (stack);
  GtkStackPage *page;
  const char *name;

  if (child == NULL)
    return;

  page = gtk_stack_get_page (stack, child);
  name = gtk_stack_page_get_name (page);
  if (self->user != NULL)
    ensure_page (self, name);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));

  /* the page's row, unless one of its saved views' is chosen */
  {
    GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->sidebar);
    CrmSavedView *view = selected != NULL ? g_object_get_data (G_OBJECT (selected), "crm-view") : NULL;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
         row != NULL && (view == NULL || g_strcmp0 (crm_saved_view_get_module (view), name) != 0);
         row = gtk_widget_get_next_sibling (row))
      {
        if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
          {
            gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
            break;
          }
      }
  }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sidebar-page", name);
}

static void
user_chosen_cb (CrmWindow *self,
                CrmUser   *user,
                GtkWidget *page)
{
  crm_window_set_user (self, user);
}

static void
show_who_is_working (CrmWindow *self)
{
  /* the work area stays where it is, out of reach under the stack */
  gtk_widget_set_can_target (GTK_WIDGET (self->leaflet), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->leaflet), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->leaflet), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_can_target (GTK_WIDGET (self->main_stack), TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->main_stack), TRUE);
  if (crm_user_store_count (crm_user_store_from_session (self->session)) == 0)
    {
      gtk_widget_set_visible (self->setup_box, TRUE);
      gtk_stack_set_visible_child_name (self->main_stack, "setup");
    }
  else
    {
      crm_user_chooser_reload (self->user_chooser);
      gtk_stack_set_visible_child_name (self->main_stack, "users");
    }
}

static void
switch_user_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_window_set_user (self, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  const char *page;

  if (self->user == NULL)
    return;

  /* the search of the tickets or requests being worked; else contacts */
  page = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (page, "tickets") == 0)
    {
      crm_tickets_page_focus_search (TICKETS_PAGE (self));
      return;
    }
  if (g_strcmp0 (page, "requests") == 0)
    {
      crm_tickets_page_focus_search (REQUESTS_PAGE (self));
      return;
    }
  if (g_strcmp0 (page, "referrals") == 0)
    {
      crm_referrals_page_focus_search (REFERRALS_PAGE (self));
      return;
    }

  crm_window_show_page (self, "contacts");
  crm_contacts_page_focus_search (CONTACTS_PAGE (self));
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->user == NULL)
    return;

  crm_window_show_page (self, "contacts");
  gtk_widget_activate_action (GTK_WIDGET (CONTACTS_PAGE (self)), "contacts.new", NULL);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  crm_window_show_page (CRM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* "Open Contact" beside a ticket: the contact in the address book. */
static void
show_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_contacts_page_set_search (CONTACTS_PAGE (self), NULL);
  crm_window_show_page (self, "contacts");
  if (self->user == NULL)
    {
      self->pending_contact = g_variant_get_int64 (parameter);
      self->pending_ticket = 0;
      return;
    }
  crm_contacts_page_select (CONTACTS_PAGE (self), g_variant_get_int64 (parameter));
}

/* A ticket opened from anywhere (an offer mail's conversation). */
static void
show_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  crm_window_show_ticket (CRM_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* A similar referral clicked on a referral's details (RF8). */
static void
show_referral_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->user == NULL)
    return;
  crm_window_show_page (self, "referrals");
  crm_referrals_page_show_referral (REFERRALS_PAGE (self), g_variant_get_int64 (parameter));
}

/* An offer's number clicked anywhere (OF7): the offer on its page. */
static void
show_offer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_window_show_page (self, "offers");
  crm_offers_page_show_offer (OFFERS_PAGE (self), g_variant_get_int64 (parameter));
}

/* A search's number clicked anywhere (OF7): its client and criteria. */
static void
show_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_window_show_page (self, "searches");
  crm_searches_page_show_search (SEARCHES_PAGE (self), g_variant_get_int64 (parameter));
}

static void
matching_help_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  crm_offer_text_matching_help (widget, CRM_WINDOW (widget)->session);
}

/* The keyboard shortcuts, built when first asked for (not as the
 * window starts, as GtkApplication does with gtk/help-overlay.ui). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/example/Crm/ui/crm-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_application (self->shortcuts_window, gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_present (self->shortcuts_window);
}

static void
save_window_state (CrmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* written before the application quits, not lost with it */
  g_settings_sync ();
}

static void
mail_problem_changed_cb (CrmWindow     *self,
                         GParamSpec    *pspec,
                         CrmMailStatus *status)
{
  g_autofree char *problem = NULL;

  g_object_get (status, "problem", &problem, NULL);
  if (problem != NULL)
    gtk_label_set_label (self->mail_banner_label, problem);
  gtk_revealer_set_reveal_child (self->mail_banner, problem != NULL);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  save_window_state (CRM_WINDOW (window));

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;
  g_autofree char *page = NULL;

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  g_assert (CRM_IS_SESSION (self->session));

  /* what crmctl, crmctl serve or another desk's engine commit to the
   * same database shows here within a second, as precise changes */
  crm_database_follow_changes (crm_session_get_database (self->session), 250);
  /* while the user picks their name */
  crm_session_warm_up (self->session);
  /* the choosers of a manager, agent or assignee, and the actor's
   * role, without a round trip to the database each */
  crm_user_store_keep_up_to_date (crm_user_store_from_session (self->session));
  crm_session_keep_settings (self->session);
  crm_template_store_keep_up_to_date (crm_template_store_from_session (self->session));

  crm_setup_page_set_session (self->setup_page, self->session);
  crm_user_chooser_set_session (self->user_chooser, self->session);
  g_signal_connect_object (crm_session_get_database (self->session), "changed::ticket", G_CALLBACK (queue_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_session_get_database (self->session), "changed::message", G_CALLBACK (queue_counts), self, G_CONNECT_SWAPPED);

  build_sidebar (self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      page = g_settings_get_string (self->settings, "sidebar-page");
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);

  if (page == NULL || gtk_stack_get_child_by_name (self->content_stack, page) == NULL)
    {
      g_free (page);
      page = g_strdup ("start");
    }
  crm_window_show_page (self, page);
  /* the stack does not notify for the page it shows from the start */
  visible_page_changed_cb (self, NULL, self->content_stack);

  /* on the team's database the desktop is who logged in: nobody
   * chooses, nor switches */
  if (crm_session_get_logged_in (self->session))
    {
      g_autoptr(CrmUser) me = crm_user_store_get (crm_user_store_from_session (self->session),
                                                  crm_session_get_user_id (self->session), NULL);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user", FALSE);
      if (me != NULL)
        {
          crm_window_set_user (self, me);
          queue_prebuild (self, 100);
          return;
        }
    }

  show_who_is_working (self);
  queue_prebuild (self, 100);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_clear_handle_id (&self->prebuild_source, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->unread_label = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);
  g_clear_object (&self->sidebar_views);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      {
        CrmSession *application = g_value_get_object (value);

        /* a session of the window's own on the application's database:
         * its user is whoever works in this window */
        self->session = crm_session_new (crm_session_get_database (application), crm_session_get_clock (application));
        /* the users the application's session read as it connected */
        crm_user_store_keep_up_to_date_from (crm_user_store_from_session (self->session),
                                             crm_user_store_from_session (application));
        if (self->user != NULL)
          crm_session_set_user_id (self->session, crm_user_get_id (self->user));
      }
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_USER:
      crm_window_set_user (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  window_class->close_request = crm_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, CRM_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_EMPTY_PAGE);
  g_type_ensure (CRM_TYPE_MAIL_STATUS);
  g_type_ensure (CRM_TYPE_SETUP_PAGE);
  g_type_ensure (CRM_TYPE_USER);
  g_type_ensure (CRM_TYPE_USER_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, setup_box);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, user_chooser);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, start_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, contacts_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, tickets_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, requests_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, offers_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, searches_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, automations_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, referrals_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, dashboard_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, mail_status);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, mail_banner);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, mail_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, mail_problem_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_chosen_cb);

  gtk_widget_class_install_action (widget_class, "win.switch-user", NULL, switch_user_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.show-ticket", "x", show_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.show-offer", "x", show_offer_action);
  gtk_widget_class_install_action (widget_class, "win.show-search", "x", show_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-referral", "x", show_referral_action);
  gtk_widget_class_install_action (widget_class, "win.matching-help", NULL, matching_help_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  /* also where no application sets the accelerator (tests) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVEL_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * crm_window_new:
 * @application: the application
 * @store: the open store
 * @settings: (nullable): per-user settings for the window's state
 *
 * Returns: (transfer full): a new window
 */
CrmWindow *
crm_window_new (CrmApplication *application,
                CrmSession     *session,
                GSettings      *settings)
{
  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "settings", settings,
                       NULL);
}

/**
 * crm_window_get_user:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none) (nullable): the user working in the window
 */
CrmUser *
crm_window_get_user (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->user;
}

/**
 * crm_window_get_store:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the store the window works through, in
 *   the session of the user working in it
 */
CrmSession *
crm_window_get_session (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * crm_window_set_user:
 * @self: a #CrmWindow
 * @user: (nullable): who works now, or %NULL to ask again
 */
void
crm_window_set_user (CrmWindow *self,
                     CrmUser   *user)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (!user || CRM_IS_USER (user));

  if (!g_set_object (&self->user, user))
    return;

  /* Undo belongs to the user who sent: it goes with them */
  crm_toast_dismiss_undo (GTK_WIDGET (self->toast_overlay));
  if (self->session != NULL)
    crm_session_set_user_id (self->session, user ? crm_user_get_id (user) : 0);
  /* their saved views and the office's, under the modules */
  if (self->sidebar_views != NULL)
    crm_sidebar_views_set_user (self->sidebar_views, user);
  /* the pages built so far; the others are built for this user */
  if (built_page (self, "start") != NULL)
    crm_start_page_set_user (START_PAGE (self), user);
  if (built_page (self, "tickets") != NULL)
    crm_tickets_page_set_user (TICKETS_PAGE (self), user);
  if (built_page (self, "requests") != NULL)
    crm_tickets_page_set_user (REQUESTS_PAGE (self), user);
  if (built_page (self, "offers") != NULL)
    crm_offers_page_set_user (OFFERS_PAGE (self), user);
  if (built_page (self, "searches") != NULL)
    crm_searches_page_set_user (SEARCHES_PAGE (self), user);
  if (built_page (self, "referrals") != NULL)
    crm_referrals_page_set_user (REFERRALS_PAGE (self), user);
  /* counted under the chooser already, unless something changed since */
  if (user == NULL || self->counting_user != crm_user_get_id (user) || self->counts_source != 0)
    update_counts (self);

  if (user != NULL)
    {
      if (self->settings != NULL)
        g_settings_set_int64 (self->settings, "last-user", crm_user_get_id (user));
      ensure_page (self, gtk_stack_get_visible_child_name (self->content_stack));
      gtk_widget_set_visible (GTK_WIDGET (self->leaflet), TRUE);
      gtk_widget_set_can_target (GTK_WIDGET (self->leaflet), TRUE);
      gtk_widget_set_can_focus (GTK_WIDGET (self->leaflet), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->leaflet), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
      /* the stack steps aside: an empty page that lets everything
       * through to the work area under it, ready. (Not hidden: GTK 4.8
       * then keeps the window alive after it is destroyed.) */
      gtk_stack_set_visible_child_name (self->main_stack, "work");
      gtk_widget_set_can_target (GTK_WIDGET (self->main_stack), FALSE);
      gtk_widget_set_can_focus (GTK_WIDGET (self->main_stack), FALSE);
      gtk_widget_child_focus (GTK_WIDGET (self->leaflet), GTK_DIR_TAB_FORWARD);
      queue_prebuild (self, 150);
      if (self->pending_ticket != 0)
        crm_tickets_page_show_ticket (TICKETS_PAGE (self), self->pending_ticket);
      if (self->pending_ticket != 0 && self->pending_reply)
        crm_tickets_page_reply_ticket (TICKETS_PAGE (self));
      if (self->pending_contact != 0)
        crm_contacts_page_select (CONTACTS_PAGE (self), self->pending_contact);
      self->pending_ticket = self->pending_contact = 0;
      self->pending_reply = FALSE;
    }
  else
    {
      show_who_is_working (self);
      queue_prebuild (self, 100);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/**
 * crm_window_get_page:
 * @self: a #CrmWindow
 *
 * Returns: the name of the page shown ("start", "contacts", …)
 */
const char *
crm_window_get_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * crm_window_show_page:
 * @self: a #CrmWindow
 * @name: a page: start, tickets, contacts, offers, searches, referrals,
 *   automations or dashboard
 */
void
crm_window_show_page (CrmWindow  *self,
                      const char *name)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (gtk_stack_get_child_by_name (self->content_stack, name) == NULL)
    {
      g_debug ("no page %s", name);
      return;
    }

  if (self->user != NULL)
    ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->content_stack, name);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/**
 * crm_window_get_page_widget:
 * @self: a #CrmWindow
 * @name: a page, as for crm_window_show_page()
 *
 * The widget of a page; the pages of the modules are built when first
 * needed, and this builds it.
 *
 * Returns: (transfer none) (nullable): the page's widget
 */
GtkWidget *
crm_window_get_page_widget (CrmWindow  *self,
                            const char *name)
{
  GtkWidget *page;

  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((page = ensure_page (self, name)) != NULL)
    return page;

  return gtk_stack_get_child_by_name (self->content_stack, name);
}

void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * crm_window_set_mail_engine:
 * @self: a #CrmWindow
 * @engine: (nullable): the application's mail engine
 *
 * Shows what @engine does: its state at the foot of the sidebar, and a
 * banner with the reason when mail cannot be read.
 */
void
crm_window_set_mail_engine (CrmWindow     *self,
                            CrmMailEngine *engine)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_mail_status_set_engine (self->mail_status, engine);
}

/**
 * crm_window_search_contacts:
 * @self: a #CrmWindow
 * @text: what to look for
 *
 * The address book, searching for @text (GNOME Shell's overview's
 * "more results").
 */
void
crm_window_search_contacts (CrmWindow  *self,
                            const char *text)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  if (self->user == NULL)
    return;
  crm_window_show_page (self, "contacts");
  crm_contacts_page_set_search (CONTACTS_PAGE (self), text);
}

/**
 * crm_window_show_ticket:
 * @self: a #CrmWindow
 * @ticket_id: a ticket
 *
 * Shows the Tickets page with the ticket's card.
 */
void
crm_window_show_ticket (CrmWindow *self,
                        gint64     ticket_id)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_window_show_page (self, "tickets");
  /* read by whoever says they work: it is marked read for them */
  if (self->user == NULL)
    {
      self->pending_ticket = ticket_id;
      self->pending_contact = 0;
      self->pending_reply = FALSE;
      return;
    }
  crm_tickets_page_show_ticket (TICKETS_PAGE (self), ticket_id);
}

/**
 * crm_window_reply_ticket:
 * @self: a #CrmWindow
 * @ticket_id: the ticket
 *
 * Shows a ticket's card with its reply's text being written (a
 * notification's "Reply").
 */
void
crm_window_reply_ticket (CrmWindow *self,
                         gint64     ticket_id)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_window_show_ticket (self, ticket_id);
  if (self->user == NULL)
    self->pending_reply = TRUE;
  else
    crm_tickets_page_reply_ticket (TICKETS_PAGE (self));
}
