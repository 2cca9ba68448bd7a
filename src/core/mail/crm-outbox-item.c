/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-outbox-item.h"

/**
 * CrmOutboxItem:
 *
 * One message in the outbox and where it stands. Immutable; read from the store.
 */
struct _CrmOutboxItem
{
  GObject  parent_instance;

  gint64  id;
  char   *state;
  gint64  due;
  gint64  attempts;
  char   *last_error;
  char   *subject;
};

G_DEFINE_FINAL_TYPE (CrmOutboxItem, crm_outbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_DUE,
  PROP_ATTEMPTS,
  PROP_LAST_ERROR,
  PROP_SUBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_outbox_item_finalize (GObject *object)
{
  CrmOutboxItem *self = (CrmOutboxItem *)object;

  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (crm_outbox_item_parent_class)->finalize (object);
}

static void
crm_outbox_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmOutboxItem *self = CRM_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    case PROP_DUE:
      g_value_set_int64 (value, self->due);
      break;

    case PROP_ATTEMPTS:
      g_value_set_int64 (value, self->attempts);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_outbox_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmOutboxItem *self = CRM_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_STATE:
      self->state = g_value_dup_string (value);
      break;

    case PROP_DUE:
      self->due = g_value_get_int64 (value);
      break;

    case PROP_ATTEMPTS:
      self->attempts = g_value_get_int64 (value);
      break;

    case PROP_LAST_ERROR:
      self->last_error = g_value_dup_string (value);
      break;

    case PROP_SUBJECT:
      self->subject = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_outbox_item_class_init (CrmOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_outbox_item_finalize;
  object_class->get_property = crm_outbox_item_get_property;
  object_class->set_property = crm_outbox_item_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_int64 ("due", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_int64 ("attempts", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_outbox_item_init (CrmOutboxItem *self)
{
}

CrmOutboxItem *
crm_outbox_item_new (gint64      id,
                     const char *state,
                     gint64      due,
                     gint64      attempts,
                     const char *last_error,
                     const char *subject)
{
  return g_object_new (CRM_TYPE_OUTBOX_ITEM,
                       "id", id,
                       "state", state,
                       "due", due,
                       "attempts", attempts,
                       "last-error", last_error,
                       "subject", subject,
                       NULL);
}

gint64
crm_outbox_item_get_id (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), 0);

  return self->id;
}

const char *
crm_outbox_item_get_state (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), NULL);

  return self->state;
}

gint64
crm_outbox_item_get_due (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), 0);

  return self->due;
}

gint64
crm_outbox_item_get_attempts (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), 0);

  return self->attempts;
}

const char *
crm_outbox_item_get_last_error (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), NULL);

  return self->last_error;
}

const char *
crm_outbox_item_get_subject (CrmOutboxItem *self)
{
  g_return_val_if_fail (CRM_IS_OUTBOX_ITEM (self), NULL);

  return self->subject;
}
