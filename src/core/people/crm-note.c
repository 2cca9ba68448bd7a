/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-note.h"

/**
 * CrmNote:
 *
 * A note written on a contact. Immutable; read from the store.
 */
struct _CrmNote
{
  GObject  parent_instance;

  gint64  id;
  char   *author;
  gint64  at;
  char   *body;
};

G_DEFINE_FINAL_TYPE (CrmNote, crm_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AUTHOR,
  PROP_AT,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_note_finalize (GObject *object)
{
  CrmNote *self = (CrmNote *)object;

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (crm_note_parent_class)->finalize (object);
}

static void
crm_note_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CrmNote *self = CRM_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_note_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CrmNote *self = CRM_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_AUTHOR:
      self->author = g_value_dup_string (value);
      break;

    case PROP_AT:
      self->at = g_value_get_int64 (value);
      break;

    case PROP_BODY:
      self->body = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_note_class_init (CrmNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_note_finalize;
  object_class->get_property = crm_note_get_property;
  object_class->set_property = crm_note_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_note_init (CrmNote *self)
{
}

CrmNote *
crm_note_new (gint64      id,
              const char *author,
              gint64      at,
              const char *body)
{
  return g_object_new (CRM_TYPE_NOTE,
                       "id", id,
                       "author", author,
                       "at", at,
                       "body", body,
                       NULL);
}

gint64
crm_note_get_id (CrmNote *self)
{
  g_return_val_if_fail (CRM_IS_NOTE (self), 0);

  return self->id;
}

const char *
crm_note_get_author (CrmNote *self)
{
  g_return_val_if_fail (CRM_IS_NOTE (self), NULL);

  return self->author;
}

gint64
crm_note_get_at (CrmNote *self)
{
  g_return_val_if_fail (CRM_IS_NOTE (self), 0);

  return self->at;
}

const char *
crm_note_get_body (CrmNote *self)
{
  g_return_val_if_fail (CRM_IS_NOTE (self), NULL);

  return self->body;
}
