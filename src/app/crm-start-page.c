/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-start-page.h"

/**
 * CrmStartPage:
 *
 * Where the working day starts: a greeting, what the office holds and
 * the commands used most.
 */
struct _CrmStartPage
{
  GtkWidget      parent_instance;

  /* template widgets */
  AdwStatusPage *status;

  /* owned */
  CrmStore      *store;
  CrmUser       *user;
  guint          update_source;
};

G_DEFINE_FINAL_TYPE (CrmStartPage, crm_start_page, GTK_TYPE_WIDGET)

static void
update (CrmStartPage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gint64 contacts;

  if (self->store == NULL)
    return;

  contacts = crm_store_count_contacts (self->store);

  if (self->user != NULL)
    /* Translators: %s is the user's name */
    title = g_strdup_printf (_("Hello, %s"), crm_user_get_name (self->user));
  else
    title = g_strdup (_("Hello"));

  if (contacts == 0)
    description = g_strdup (_("The address book is empty. Add the first contact to begin."));
  else
    description = g_strdup_printf (ngettext ("The office works with %d contact.",
                                             "The office works with %d contacts.",
                                             (gulong) contacts),
                                   (int) contacts);

  adw_status_page_set_title (self->status, title);
  adw_status_page_set_description (self->status, description);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  CrmStartPage *self = user_data;

  self->update_source = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CrmStartPage *self,
                  const char   *entity,
                  gint64        id,
                  CrmStore     *store)
{
  if (self->update_source == 0)
    self->update_source = g_idle_add (update_idle_cb, self);
}

static void
crm_start_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmStartPage *self = (CrmStartPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_START_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_start_page_parent_class)->dispose (object);
}

static void
crm_start_page_class_init (CrmStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmStartPage, status);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_start_page_init (CrmStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_start_page_set_store (CrmStartPage *self,
                          CrmStore     *store)
{
  g_return_if_fail (CRM_IS_START_PAGE (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::contact",
                           G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

void
crm_start_page_set_user (CrmStartPage *self,
                         CrmUser      *user)
{
  g_return_if_fail (CRM_IS_START_PAGE (self));

  if (g_set_object (&self->user, user))
    update (self);
}
