/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-user-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-list-row.h"
#include "crm-user-chooser.h"
#include "crm-user-store.h"

/**
 * CrmUserChooser:
 *
 * "Who is working?": the office's users, one click each.
 */
struct _CrmUserChooser
{
  GtkWidget   parent_instance;

  /* template widgets */
  GtkListBox *users_list;

  /* owned */
  CrmSession   *session;
  GListModel *users;
};

G_DEFINE_FINAL_TYPE (CrmUserChooser, crm_user_chooser, GTK_TYPE_WIDGET)

enum {
  USER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row of labels that never wrap: this list is the first thing the
 * application draws, and a wrapping subtitle is laid out again and
 * again while the window takes its size. */
static GtkWidget *
create_user_row (gpointer item,
                 gpointer user_data)
{
  CrmUser *user = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *avatar = adw_avatar_new (32, crm_user_get_name (user), TRUE);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               crm_role_get_label (crm_user_get_role (user)),
                                               crm_user_get_email (user));
  g_autofree char *accessible = g_strdup_printf ("%s, %s", crm_user_get_name (user), subtitle);

  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), crm_list_row_label_new (crm_user_get_name (user), "title"));
  gtk_box_append (GTK_BOX (texts), crm_list_row_label_new (subtitle, "subtitle"));
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_widget_add_css_class (box, "user-row");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static void
row_activated_cb (CrmUserChooser *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list)
{
  g_autoptr(CrmUser) user = NULL;

  user = g_list_model_get_item (self->users, gtk_list_box_row_get_index (row));
  if (user != NULL)
    g_signal_emit (self, signals[USER_CHOSEN], 0, user);
}

static void
crm_user_chooser_dispose (GObject *object)
{
  GtkWidget *child;
  CrmUserChooser *self = (CrmUserChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_USER_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->users);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_user_chooser_parent_class)->dispose (object);
}

static void
crm_user_chooser_class_init (CrmUserChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_user_chooser_dispose;

  /**
   * CrmUserChooser::user-chosen:
   * @self: the chooser
   * @user: who is working
   */
  signals[USER_CHOSEN] =
    g_signal_new ("user-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CRM_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/setup/crm-user-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmUserChooser, users_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_user_chooser_init (CrmUserChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_user_chooser_set_session (CrmUserChooser *self,
                              CrmSession     *session)
{
  g_return_if_fail (CRM_IS_USER_CHOOSER (self));

  if (g_set_object (&self->session, session))
    crm_user_chooser_reload (self);
}

/**
 * crm_user_chooser_reload:
 * @self: a #CrmUserChooser
 *
 * Reads the users again, after one was added.
 */
void
crm_user_chooser_reload (CrmUserChooser *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_USER_CHOOSER (self));

  g_clear_object (&self->users);
  if (self->session != NULL)
    self->users = crm_user_store_list_active (crm_user_store_from_session (self->session), &error);
  if (self->users == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the users: %s", error->message);
      self->users = G_LIST_MODEL (g_list_store_new (CRM_TYPE_USER));
    }

  gtk_list_box_bind_model (self->users_list, self->users, create_user_row, self, NULL);
}
