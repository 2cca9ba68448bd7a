/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-activity.h"
#include "crm-error.h"

/**
 * CrmActivity:
 *
 * A call or a chat (TK6): with whom (a contact, or only a number),
 * when, how long, what was said, and the ticket it is linked to.
 * Immutable: made by hand with crm_activity_new() to be added, or read
 * from the #CrmActivityStore.
 */
struct _CrmActivity
{
  GObject          parent_instance;

  gint64           id;
  CrmActivityKind  kind;
  gint64           contact_id;
  char            *contact_name;
  char            *phone;
  gint64           at;
  gint64           duration;
  char            *note;
  gint64           ticket_id;
  char            *created_by;
};

G_DEFINE_FINAL_TYPE (CrmActivity, crm_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_CONTACT_ID,
  PROP_CONTACT_NAME,
  PROP_PHONE,
  PROP_AT,
  PROP_DURATION,
  PROP_NOTE,
  PROP_TICKET_ID,
  PROP_CREATED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "call", "chat" };

/**
 * crm_activity_kind_to_string:
 * @kind: a #CrmActivityKind
 *
 * Returns: its stable name: "call" or "chat"
 */
const char *
crm_activity_kind_to_string (CrmActivityKind kind)
{
  g_return_val_if_fail (kind <= CRM_ACTIVITY_CHAT, NULL);

  return kind_names[kind];
}

/**
 * crm_activity_kind_from_string:
 * @text: "call" or "chat", in any case
 * @kind: (out): the kind
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CRM_ERROR_INVALID
 */
gboolean
crm_activity_kind_from_string (const char       *text,
                               CrmActivityKind  *kind,
                               GError          **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  folded = text != NULL ? g_strstrip (g_ascii_strdown (text, -1)) : g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (folded, kind_names[i]))
      {
        *kind = (CrmActivityKind) i;
        return TRUE;
      }

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what was given; "call" and "chat" are kept as they are */
               _("“%s” is neither a call nor a chat: say call or chat."), text != NULL ? text : "");

  return FALSE;
}

/**
 * crm_activity_format_duration:
 * @seconds: how long, in seconds
 *
 * Returns: (transfer full): "45 s", "4 min", "1 h 5 min"; minutes are
 *   rounded up, as a phone bill counts them
 */
char *
crm_activity_format_duration (gint64 seconds)
{
  gint64 minutes = (seconds + 59) / 60;

  if (seconds < 60)
    /* Translators: a call's length in seconds */
    return g_strdup_printf (_("%d s"), (int) MAX (seconds, 0));
  if (minutes < 60)
    /* Translators: a call's length in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes % 60 == 0)
    /* Translators: a call's length in hours */
    return g_strdup_printf (_("%d h"), (int) (minutes / 60));

  /* Translators: a call's length in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

static void
crm_activity_finalize (GObject *object)
{
  CrmActivity *self = CRM_ACTIVITY (object);

  g_free (self->contact_name);
  g_free (self->phone);
  g_free (self->note);
  g_free (self->created_by);

  G_OBJECT_CLASS (crm_activity_parent_class)->finalize (object);
}

static void
crm_activity_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmActivity *self = CRM_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_TICKET_ID:
      g_value_set_int64 (value, self->ticket_id);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_activity_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrmActivity *self = CRM_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_KIND:
      self->kind = (CrmActivityKind) g_value_get_int (value);
      break;
    case PROP_CONTACT_ID:
      self->contact_id = g_value_get_int64 (value);
      break;
    case PROP_CONTACT_NAME:
      self->contact_name = g_value_dup_string (value);
      break;
    case PROP_PHONE:
      self->phone = g_value_dup_string (value);
      break;
    case PROP_AT:
      self->at = g_value_get_int64 (value);
      break;
    case PROP_DURATION:
      self->duration = g_value_get_int64 (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;
    case PROP_TICKET_ID:
      self->ticket_id = g_value_get_int64 (value);
      break;
    case PROP_CREATED_BY:
      self->created_by = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_activity_class_init (CrmActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_activity_finalize;
  object_class->get_property = crm_activity_get_property;
  object_class->set_property = crm_activity_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, CRM_ACTIVITY_CALL, CRM_ACTIVITY_CHAT,
                                            CRM_ACTIVITY_CALL, flags);
  properties[PROP_CONTACT_ID] = g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTACT_NAME] = g_param_spec_string ("contact-name", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_TICKET_ID] = g_param_spec_int64 ("ticket-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_BY] = g_param_spec_string ("created-by", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_activity_init (CrmActivity *self)
{
}

/**
 * crm_activity_new:
 * @kind: a call or a chat
 * @contact_id: the contact it was with, or 0 for only a number
 * @phone: (nullable): the number, as typed or exported
 * @at: when it began, a Unix time
 * @duration: how long, in seconds
 * @note: (nullable): what was said
 *
 * An activity not stored yet, for crm_activity_store_add(), which
 * checks it.
 *
 * Returns: (transfer full): a new #CrmActivity
 */
CrmActivity *
crm_activity_new (CrmActivityKind  kind,
                  gint64           contact_id,
                  const char      *phone,
                  gint64           at,
                  gint64           duration,
                  const char      *note)
{
  g_return_val_if_fail (kind <= CRM_ACTIVITY_CHAT, NULL);

  return g_object_new (CRM_TYPE_ACTIVITY,
                       "kind", kind,
                       "contact-id", MAX (contact_id, 0),
                       "phone", phone,
                       "at", at,
                       "duration", duration,
                       "note", note,
                       NULL);
}

/**
 * crm_activity_get_id:
 * @self: a #CrmActivity
 *
 * Returns: its id, or 0 when it is not stored
 */
gint64
crm_activity_get_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->id;
}

CrmActivityKind
crm_activity_get_kind (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), CRM_ACTIVITY_CALL);

  return self->kind;
}

/**
 * crm_activity_get_contact_id:
 * @self: a #CrmActivity
 *
 * Returns: the contact it was with, or 0 when only the number is known
 */
gint64
crm_activity_get_contact_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->contact_id;
}

/**
 * crm_activity_get_contact_name:
 * @self: a #CrmActivity
 *
 * Returns: (nullable): the contact's name, as read
 */
const char *
crm_activity_get_contact_name (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->contact_name;
}

/**
 * crm_activity_get_phone:
 * @self: a #CrmActivity
 *
 * Returns: (nullable): the number; stored ones are normalised
 *   (crm_normalize_phone())
 */
const char *
crm_activity_get_phone (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->phone;
}

gint64
crm_activity_get_at (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->at;
}

/**
 * crm_activity_get_duration:
 * @self: a #CrmActivity
 *
 * Returns: how long it was, in seconds
 */
gint64
crm_activity_get_duration (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->duration;
}

/**
 * crm_activity_get_note:
 * @self: a #CrmActivity
 *
 * Returns: (nullable): what was said
 */
const char *
crm_activity_get_note (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->note;
}

/**
 * crm_activity_get_ticket_id:
 * @self: a #CrmActivity
 *
 * Returns: the ticket it is linked to, or 0
 */
gint64
crm_activity_get_ticket_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->ticket_id;
}

/**
 * crm_activity_get_created_by:
 * @self: a #CrmActivity
 *
 * Returns: (nullable): the user who entered or imported it
 */
const char *
crm_activity_get_created_by (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->created_by;
}

/**
 * crm_activity_dup_summary:
 * @self: a #CrmActivity
 *
 * Returns: (transfer full): one line for lists and the ticket's
 *   conversation: "Call with Zofia Kamińska · 4 min · +48601234567"
 */
char *
crm_activity_dup_summary (CrmActivity *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  if (self->contact_name != NULL && *self->contact_name != '\0')
    g_string_append_printf (text,
                            self->kind == CRM_ACTIVITY_CHAT
                            /* Translators: a chat with a contact; their name */
                            ? _("Chat with %s")
                            /* Translators: a phone call with a contact; their name */
                            : _("Call with %s"),
                            self->contact_name);
  else
    g_string_append (text, self->kind == CRM_ACTIVITY_CHAT ? _("Chat") : _("Call"));
  if (self->duration > 0)
    {
      g_autofree char *duration = crm_activity_format_duration (self->duration);

      g_string_append_printf (text, " · %s", duration);
    }
  if (self->phone != NULL && *self->phone != '\0')
    g_string_append_printf (text, " · %s", self->phone);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
