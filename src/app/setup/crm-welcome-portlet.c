/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-welcome-portlet"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-welcome-portlet.h"
#include "crm-contact-store.h"

/**
 * CrmWelcomePortlet:
 *
 * The Start page's greeting: who is working, what the office holds and
 * the commands used most.
 */
struct _CrmWelcomePortlet
{
  CrmPortlet  parent_instance;

  /* template widgets */
  GtkLabel   *greeting_label;
  GtkLabel   *description_label;
};

G_DEFINE_FINAL_TYPE (CrmWelcomePortlet, crm_welcome_portlet, CRM_TYPE_PORTLET)

/* On the worker: the office's contacts, counted (plus one: never NULL). */
static gpointer
crm_welcome_portlet_read (CrmSession  *reader,
                          gpointer     query,
                          GError     **error)
{
  return GSIZE_TO_POINTER ((gsize) MAX (crm_contact_store_count (crm_contact_store_from_session (reader)), 0) + 1);
}

static void
crm_welcome_portlet_apply (CrmPortlet *portlet,
                           gpointer    result)
{
  CrmWelcomePortlet *self = CRM_WELCOME_PORTLET (portlet);
  CrmUser *user = crm_portlet_get_user (portlet);
  gint64 contacts = (gint64) GPOINTER_TO_SIZE (result) - 1;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (user != NULL)
    /* Translators: %s is the user's name */
    title = g_strdup_printf (_("Hello, %s"), crm_user_get_name (user));
  else
    title = g_strdup (_("Hello"));

  if (contacts == 0)
    description = g_strdup (_("The address book is empty. Add the first contact to begin."));
  else
    description = g_strdup_printf (ngettext ("The office works with %d contact.",
                                             "The office works with %d contacts.",
                                             (gulong) contacts),
                                   (int) contacts);

  gtk_label_set_text (self->greeting_label, title);
  gtk_label_set_text (self->description_label, description);
}

static gboolean
crm_welcome_portlet_watches (CrmPortlet *portlet,
                             const char *entity)
{
  return g_str_equal (entity, "contact");
}

static void
crm_welcome_portlet_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_WELCOME_PORTLET);

  G_OBJECT_CLASS (crm_welcome_portlet_parent_class)->dispose (object);
}

static void
crm_welcome_portlet_class_init (CrmWelcomePortletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmPortletClass *portlet_class = CRM_PORTLET_CLASS (klass);

  object_class->dispose = crm_welcome_portlet_dispose;
  portlet_class->read = crm_welcome_portlet_read;
  portlet_class->apply = crm_welcome_portlet_apply;
  portlet_class->watches = crm_welcome_portlet_watches;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/setup/crm-welcome-portlet.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePortlet, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePortlet, description_label);
}

static void
crm_welcome_portlet_init (CrmWelcomePortlet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
