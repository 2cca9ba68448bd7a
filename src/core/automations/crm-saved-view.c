/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-saved-view.h"

/**
 * CrmSavedView:
 *
 * A saved view (FD4): a named filter of a module's list ("tickets",
 * "requests", "contacts", "offers" or "searches"), shared with the
 * office (#CrmSavedView:shared) or its owner's alone. Its filter is the
 * module's filter as a GVariant (crm_ticket_filter_to_variant () and
 * the like), "Mine" in it %CRM_USER_ME. Immutable: read from
 * #CrmViewStore, which makes the changes.
 */
struct _CrmSavedView
{
  GObject   parent_instance;

  gint64    id;
  char     *module;
  char     *name;
  gint64    owner_id;
  GVariant *filter;
  gint64    created_by;
  gint64    created;
  gint64    updated;
};

G_DEFINE_FINAL_TYPE (CrmSavedView, crm_saved_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MODULE,
  PROP_NAME,
  PROP_SHARED,
  PROP_OWNER_ID,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_saved_view_finalize (GObject *object)
{
  CrmSavedView *self = (CrmSavedView *)object;

  g_clear_pointer (&self->module, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->filter, g_variant_unref);

  G_OBJECT_CLASS (crm_saved_view_parent_class)->finalize (object);
}

static void
crm_saved_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmSavedView *self = CRM_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_MODULE:
      g_value_set_string (value, self->module);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SHARED:
      g_value_set_boolean (value, self->owner_id == 0);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_FILTER:
      g_value_set_variant (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_saved_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmSavedView *self = CRM_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_MODULE:
      self->module = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_OWNER_ID:
      self->owner_id = g_value_get_int64 (value);
      break;

    case PROP_FILTER:
      self->filter = g_value_dup_variant (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_saved_view_class_init (CrmSavedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_saved_view_finalize;
  object_class->get_property = crm_saved_view_get_property;
  object_class->set_property = crm_saved_view_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODULE] =
    g_param_spec_string ("module", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmSavedView:shared:
   *
   * Whether the office shares the view; else it is its owner's.
   */
  properties[PROP_SHARED] =
    g_param_spec_boolean ("shared", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * CrmSavedView:owner-id:
   *
   * The user whose private view it is, or 0 for a shared view.
   */
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER] =
    g_param_spec_variant ("filter", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_saved_view_init (CrmSavedView *self)
{
}

/**
 * crm_saved_view_new:
 * @id: the view's id
 * @module: its module
 * @name: its name
 * @owner_id: its owner, or 0 for a shared view
 * @filter: its filter, an a{sv}
 *
 * Returns: (transfer full): a new #CrmSavedView
 */
CrmSavedView *
crm_saved_view_new (gint64      id,
                    const char *module,
                    const char *name,
                    gint64      owner_id,
                    GVariant   *filter)
{
  return g_object_new (CRM_TYPE_SAVED_VIEW,
                       "id", id,
                       "module", module,
                       "name", name,
                       "owner-id", owner_id,
                       "filter", filter,
                       NULL);
}

gint64
crm_saved_view_get_id (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), 0);

  return self->id;
}

const char *
crm_saved_view_get_module (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), NULL);

  return self->module;
}

const char *
crm_saved_view_get_name (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), NULL);

  return self->name;
}

gboolean
crm_saved_view_get_shared (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), FALSE);

  return self->owner_id == 0;
}

gint64
crm_saved_view_get_owner_id (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), 0);

  return self->owner_id;
}

/**
 * crm_saved_view_get_filter:
 * @self: a #CrmSavedView
 *
 * Returns: (transfer none): the module's filter, an a{sv}: read it
 *   with the module's crm_ticket_filter_from_variant () and the like
 */
GVariant *
crm_saved_view_get_filter (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), NULL);

  return self->filter;
}

gint64
crm_saved_view_get_created_by (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), 0);

  return self->created_by;
}

gint64
crm_saved_view_get_created (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), 0);

  return self->created;
}

gint64
crm_saved_view_get_updated (CrmSavedView *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_VIEW (self), 0);

  return self->updated;
}

/**
 * crm_saved_view_set_times:
 * @self: a #CrmSavedView
 * @created_by: who made it, or 0
 * @created: when (Unix time)
 * @updated: when last renamed (Unix time)
 *
 * For the store that reads the view.
 */
void
crm_saved_view_set_times (CrmSavedView *self,
                          gint64        created_by,
                          gint64        created,
                          gint64        updated)
{
  g_return_if_fail (CRM_IS_SAVED_VIEW (self));

  self->created_by = created_by;
  self->created = created;
  self->updated = updated;
}
