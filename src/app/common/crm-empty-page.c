/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-empty-page.h"

/**
 * CrmEmptyPage:
 *
 * The page of a module that this version does not have yet: an
 * honest empty state, never sample content.
 */
struct _CrmEmptyPage
{
  GtkWidget      parent_instance;

  /* template widgets */
  AdwStatusPage *status;
};

G_DEFINE_FINAL_TYPE (CrmEmptyPage, crm_empty_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_empty_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_EMPTY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_empty_page_parent_class)->dispose (object);
}

static void
crm_empty_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmEmptyPage *self = CRM_EMPTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->status));
      break;

    case PROP_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->status));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->status));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_empty_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmEmptyPage *self = CRM_EMPTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->status, g_value_get_string (value));
      break;

    case PROP_TITLE:
      adw_status_page_set_title (self->status, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      adw_status_page_set_description (self->status, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_empty_page_class_init (CrmEmptyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_empty_page_dispose;
  object_class->get_property = crm_empty_page_get_property;
  object_class->set_property = crm_empty_page_set_property;

  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-empty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmEmptyPage, status);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_empty_page_init (CrmEmptyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
