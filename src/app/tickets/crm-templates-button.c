/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-templates-button"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-templates-button.h"
#include "crm-template-store.h"

/**
 * CrmTemplatesButton:
 *
 * The composer's Templates menu (FD3): the office's templates, read
 * when it opens; choosing one says #CrmTemplatesButton::chosen with
 * its text, still to be filled in for the ticket.
 */
struct _CrmTemplatesButton
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkListBox    *list;

  CrmSession      *session;
};

G_DEFINE_FINAL_TYPE (CrmTemplatesButton, crm_templates_button, GTK_TYPE_WIDGET)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
shown_cb (CrmTemplatesButton *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  GtkWidget *child;

  if (self->session != NULL)
    templates = crm_template_store_list (crm_template_store_from_session (self->session), &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);
      GtkWidget *label = gtk_label_new (info->name);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "crm-template", g_strdup (info->body), g_free);
      gtk_list_box_append (self->list, row);
    }

  if (templates == NULL || templates->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No templates yet: add them in Preferences › Mail."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->list, label);
    }
}

static void
activated_cb (CrmTemplatesButton *self,
              GtkListBoxRow      *row)
{
  const char *body = g_object_get_data (G_OBJECT (row), "crm-template");

  if (body == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[CHOSEN], 0, body);
}

static void
crm_templates_button_dispose (GObject *object)
{
  CrmTemplatesButton *self = CRM_TEMPLATES_BUTTON (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TEMPLATES_BUTTON);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_templates_button_parent_class)->dispose (object);
}

static void
crm_templates_button_class_init (CrmTemplatesButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_templates_button_dispose;

  /**
   * CrmTemplatesButton::chosen:
   * @self: the button
   * @body: the template's text, not filled in
   *
   * The user chose a template.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-templates-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTemplatesButton, button);
  gtk_widget_class_bind_template_child (widget_class, CrmTemplatesButton, list);
  gtk_widget_class_bind_template_callback (widget_class, shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_templates_button_init (CrmTemplatesButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_templates_button_set_store:
 * @self: a #CrmTemplatesButton
 * @store: (nullable): the store whose templates are listed
 */
void
crm_templates_button_set_session (CrmTemplatesButton *self,
                                  CrmSession         *session)
{
  g_return_if_fail (CRM_IS_TEMPLATES_BUTTON (self));

  g_set_object (&self->session, session);
}
