/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-setup-page.h"
#include "crm-user-store.h"

/**
 * CrmSetupPage:
 *
 * The first run: creates the first administrator, who then sets up the
 * office (users, mailbox) from the preferences.
 */
struct _CrmSetupPage
{
  GtkWidget    parent_instance;

  /* template widgets */
  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  GtkLabel    *error_label;

  /* owned */
  CrmSession    *session;
};

G_DEFINE_FINAL_TYPE (CrmSetupPage, crm_setup_page, GTK_TYPE_WIDGET)

enum {
  USER_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CrmSetupPage *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Which field a refusal is about: the name when it is missing, else
 * the address. */
static void
refused (CrmSetupPage *self,
         const GError *error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  GtkWidget *row = *trimmed == '\0' ? GTK_WIDGET (self->name_row) : GTK_WIDGET (self->email_row);

  gtk_widget_add_css_class (row, "error");
  gtk_widget_grab_focus (row);
  show_error (self, error->message);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) user = NULL;

  user = crm_user_store_add_finish (crm_user_store_from_session (CRM_SESSION (object)), result, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.create", TRUE);
  if (user == NULL)
    {
      refused (self, error);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[USER_CREATED], 0, user);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmSetupPage *self = CRM_SETUP_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  CrmUserStore *users;

  g_return_if_fail (self->session != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");

  users = crm_user_store_from_session (self->session);
  if (!crm_user_store_check (users, 0, name, email, CRM_ROLE_ADMIN, &error))
    {
      refused (self, error);
      return;
    }
  /* once: a second press while it is stored would make a second user */
  gtk_widget_action_set_enabled (widget, "setup.create", FALSE);
  crm_user_store_add_async (users, name, email, CRM_ROLE_ADMIN, NULL, created_cb, g_object_ref (self));
}

static void
entry_activated_cb (CrmSetupPage *self,
                    AdwEntryRow  *row)
{
  if (row == self->name_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "setup.create", NULL);
}

static void
crm_setup_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmSetupPage *self = (CrmSetupPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SETUP_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_setup_page_parent_class)->dispose (object);
}

static void
crm_setup_page_class_init (CrmSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_setup_page_dispose;

  /**
   * CrmSetupPage::user-created:
   * @self: the page
   * @user: the new administrator
   */
  signals[USER_CREATED] =
    g_signal_new ("user-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CRM_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/setup/crm-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSetupPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSetupPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "setup.create", NULL, create_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_setup_page_init (CrmSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_setup_page_set_session (CrmSetupPage *self,
                            CrmSession   *session)
{
  g_return_if_fail (CRM_IS_SETUP_PAGE (self));

  g_set_object (&self->session, session);
}
