/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-attachment.h"

/**
 * CrmAttachment:
 *
 * A file attached to a stored message. Immutable; read from the store.
 */
struct _CrmAttachment
{
  GObject  parent_instance;

  gint64  id;
  char   *name;
  char   *mime_type;
  gint64  size;
};

G_DEFINE_FINAL_TYPE (CrmAttachment, crm_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_MIME_TYPE,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_attachment_finalize (GObject *object)
{
  CrmAttachment *self = (CrmAttachment *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->mime_type, g_free);

  G_OBJECT_CLASS (crm_attachment_parent_class)->finalize (object);
}

static void
crm_attachment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmAttachment *self = CRM_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_attachment_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmAttachment *self = CRM_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_MIME_TYPE:
      self->mime_type = g_value_dup_string (value);
      break;

    case PROP_SIZE:
      self->size = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_attachment_class_init (CrmAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_attachment_finalize;
  object_class->get_property = crm_attachment_get_property;
  object_class->set_property = crm_attachment_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_attachment_init (CrmAttachment *self)
{
}

CrmAttachment *
crm_attachment_new (gint64      id,
                    const char *name,
                    const char *mime_type,
                    gint64      size)
{
  return g_object_new (CRM_TYPE_ATTACHMENT,
                       "id", id,
                       "name", name,
                       "mime-type", mime_type,
                       "size", size,
                       NULL);
}

gint64
crm_attachment_get_id (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), 0);

  return self->id;
}

const char *
crm_attachment_get_name (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);

  return self->name;
}

const char *
crm_attachment_get_mime_type (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), NULL);

  return self->mime_type;
}

gint64
crm_attachment_get_size (CrmAttachment *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT (self), 0);

  return self->size;
}
