/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-message.h"

/**
 * CrmMessage:
 *
 * One stored mail message, as lists show it. Immutable; read from the store.
 */
struct _CrmMessage
{
  GObject   parent_instance;

  gint64    id;
  char     *message_id;
  char     *direction;
  char     *from;
  char     *to;
  char     *cc;
  char     *subject;
  gint64    date;
  gint64    ticket_id;
  char     *reason;
  char     *automatic;
  gboolean  bulk;
  char     *from_name;
  char     *role;
};

G_DEFINE_FINAL_TYPE (CrmMessage, crm_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MESSAGE_ID,
  PROP_DIRECTION,
  PROP_FROM,
  PROP_TO,
  PROP_CC,
  PROP_SUBJECT,
  PROP_DATE,
  PROP_TICKET_ID,
  PROP_REASON,
  PROP_AUTOMATIC,
  PROP_BULK,
  PROP_FROM_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_message_finalize (GObject *object)
{
  CrmMessage *self = (CrmMessage *)object;

  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->direction, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->from_name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->cc, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->automatic, g_free);

  G_OBJECT_CLASS (crm_message_parent_class)->finalize (object);
}

static void
crm_message_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmMessage *self = CRM_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_MESSAGE_ID:
      g_value_set_string (value, self->message_id);
      break;

    case PROP_DIRECTION:
      g_value_set_string (value, self->direction);
      break;

    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;

    case PROP_TO:
      g_value_set_string (value, self->to);
      break;

    case PROP_CC:
      g_value_set_string (value, self->cc);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;
    case PROP_TICKET_ID:
      g_value_set_int64 (value, self->ticket_id);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_AUTOMATIC:
      g_value_set_string (value, self->automatic);
      break;

    case PROP_BULK:
      g_value_set_boolean (value, self->bulk);
      break;

    case PROP_FROM_NAME:
      g_value_set_string (value, self->from_name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_message_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmMessage *self = CRM_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_MESSAGE_ID:
      self->message_id = g_value_dup_string (value);
      break;

    case PROP_DIRECTION:
      self->direction = g_value_dup_string (value);
      break;

    case PROP_FROM:
      self->from = g_value_dup_string (value);
      break;

    case PROP_TO:
      self->to = g_value_dup_string (value);
      break;

    case PROP_CC:
      self->cc = g_value_dup_string (value);
      break;

    case PROP_SUBJECT:
      self->subject = g_value_dup_string (value);
      break;

    case PROP_DATE:
      self->date = g_value_get_int64 (value);
      break;
    case PROP_TICKET_ID:
      self->ticket_id = g_value_get_int64 (value);
      break;

    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;

    case PROP_AUTOMATIC:
      self->automatic = g_value_dup_string (value);
      break;

    case PROP_BULK:
      self->bulk = g_value_get_boolean (value);
      break;

    case PROP_FROM_NAME:
      self->from_name = g_value_dup_string (value);
      break;
    case PROP_ROLE:
      self->role = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_message_class_init (CrmMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_message_finalize;
  object_class->get_property = crm_message_get_property;
  object_class->set_property = crm_message_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_MESSAGE_ID] = g_param_spec_string ("message-id", NULL, NULL, NULL, flags);
  properties[PROP_DIRECTION] = g_param_spec_string ("direction", NULL, NULL, NULL, flags);
  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties[PROP_TO] = g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties[PROP_CC] = g_param_spec_string ("cc", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_int64 ("date", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TICKET_ID] = g_param_spec_int64 ("ticket-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * CrmMessage:reason:
   *
   * Why the mail is in its ticket, or why it opened none; translated.
   */
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  /**
   * CrmMessage:automatic:
   *
   * "auto-reply" or "delivery-report" for mail a robot sent, which
   * opens no ticket ("automatic": so judged by an earlier version);
   * %NULL for other mail.
   */
  properties[PROP_AUTOMATIC] = g_param_spec_string ("automatic", NULL, NULL, NULL, flags);
  /**
   * CrmMessage:bulk:
   *
   * List or bulk mail (Precedence, List-Id): never answered automatically.
   */
  properties[PROP_BULK] = g_param_spec_boolean ("bulk", NULL, NULL, FALSE, flags);
  /**
   * CrmMessage:from-name:
   *
   * The sender's name as the mail gave it (From's display name), or
   * %NULL.
   */
  properties[PROP_FROM_NAME] = g_param_spec_string ("from-name", NULL, NULL, NULL, flags);
  /**
   * CrmMessage:role:
   *
   * What a ticket's mail is besides the client's and ours: "forward",
   * our forward of the ticket to others, or "third-party", what one of
   * them answered (TK18); %NULL for the conversation with the client.
   */
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_message_init (CrmMessage *self)
{
}

CrmMessage *
crm_message_new (gint64      id,
                 const char *message_id,
                 const char *direction,
                 const char *from,
                 const char *to,
                 const char *cc,
                 const char *subject,
                 gint64      date,
                 gint64      ticket_id)
{
  return g_object_new (CRM_TYPE_MESSAGE,
                       "id", id,
                       "message-id", message_id,
                       "direction", direction,
                       "from", from,
                       "to", to,
                       "cc", cc,
                       "subject", subject,
                       "date", date,
                       "ticket-id", ticket_id,
                       NULL);
}

gint64
crm_message_get_id (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), 0);

  return self->id;
}

const char *
crm_message_get_message_id (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->message_id;
}

const char *
crm_message_get_direction (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->direction;
}

const char *
crm_message_get_from (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->from;
}

const char *
crm_message_get_to (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->to;
}

const char *
crm_message_get_cc (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->cc;
}

const char *
crm_message_get_subject (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->subject;
}

gint64
crm_message_get_date (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), 0);

  return self->date;
}

gint64
crm_message_get_ticket_id (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), 0);

  return self->ticket_id;
}

/**
 * crm_message_get_reason:
 * @self: a #CrmMessage
 *
 * Returns: (nullable): why the mail is in its ticket, or opened none
 */
const char *
crm_message_get_reason (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->reason;
}

/**
 * crm_message_get_automatic:
 * @self: a #CrmMessage
 *
 * Returns: (nullable): "auto-reply", "delivery-report", "automatic",
 *   or %NULL for mail a person wrote
 */
const char *
crm_message_get_automatic (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->automatic;
}

/**
 * crm_message_get_bulk:
 * @self: a #CrmMessage
 *
 * Returns: %TRUE for list or bulk mail, which nothing answers automatically
 */
gboolean
crm_message_get_bulk (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), FALSE);

  return self->bulk;
}

/**
 * crm_message_get_from_name:
 * @self: a #CrmMessage
 *
 * Returns: (nullable): the sender's name as the mail gave it
 */
const char *
crm_message_get_from_name (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->from_name;
}

/**
 * crm_message_dup_sender:
 * @self: a #CrmMessage
 *
 * Returns: (transfer full): the sender for people to read: "Name
 *   <address>", or whichever of the two there is
 */
char *
crm_message_dup_sender (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  if (self->from_name != NULL && *self->from_name != '\0' && self->from != NULL && *self->from != '\0')
    return g_strdup_printf ("%s <%s>", self->from_name, self->from);
  if (self->from_name != NULL && *self->from_name != '\0')
    return g_strdup (self->from_name);

  return g_strdup (self->from != NULL ? self->from : "");
}

/**
 * crm_message_get_role:
 * @self: a #CrmMessage
 *
 * Returns: (nullable): "forward", "third-party", or %NULL (#CrmMessage:role)
 */
const char *
crm_message_get_role (CrmMessage *self)
{
  g_return_val_if_fail (CRM_IS_MESSAGE (self), NULL);

  return self->role;
}
