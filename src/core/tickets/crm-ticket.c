/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-ticket-private.h"

/**
 * CrmTicket:
 *
 * A ticket as read from the store: a snapshot, never changed in place;
 * the store says when to read it again (#CrmSession::changed).
 */
G_DEFINE_FINAL_TYPE (CrmTicket, crm_ticket, G_TYPE_OBJECT)

static void
crm_ticket_finalize (GObject *object)
{
  CrmTicket *self = CRM_TICKET (object);

  g_free (self->subject);
  g_free (self->status);
  g_free (self->status_kind);
  g_free (self->queue);
  g_free (self->priority);
  g_free (self->category);
  g_free (self->source);
  g_free (self->assignee);
  g_free (self->client_name);
  g_free (self->client_address);
  g_free (self->sender_name);
  g_strfreev (self->tags);
  g_free (self->client_manager);
  g_free (self->outcome);
  g_free (self->close_reason);

  G_OBJECT_CLASS (crm_ticket_parent_class)->finalize (object);
}

static void
crm_ticket_class_init (CrmTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_ticket_finalize;
}

static void
crm_ticket_init (CrmTicket *self)
{
}

#define GETTER(type, name, field, fallback) \
  type \
  crm_ticket_get_##name (CrmTicket *self) \
  { \
    g_return_val_if_fail (CRM_IS_TICKET (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, id, 0)
GETTER (const char *, subject, subject, NULL)
GETTER (const char *, status, status, NULL)
GETTER (const char *, status_kind, status_kind, NULL)
GETTER (const char *, queue, queue, NULL)
GETTER (const char *, priority, priority, NULL)
GETTER (const char *, category, category, NULL)
GETTER (const char *, source, source, NULL)
GETTER (gint64, assignee_id, assignee_id, 0)
GETTER (const char *, assignee, assignee, NULL)
GETTER (gint64, client_id, client_id, 0)
GETTER (const char *, client_name, client_name, NULL)
GETTER (const char *, client_address, client_address, NULL)
GETTER (const char *, sender_name, sender_name, NULL)
GETTER (gint64, created, created, 0)
GETTER (gint64, updated, updated, 0)
GETTER (gint64, response_due, response_due, 0)
GETTER (gint64, resolution_due, resolution_due, 0)
GETTER (gboolean, unread, unread, FALSE)
GETTER (const char *, client_manager, client_manager, NULL)
GETTER (const char *, outcome, outcome, NULL)
GETTER (const char *, close_reason, close_reason, NULL)
GETTER (gint64, merged_into, merged_into, 0)
GETTER (gint64, awaiting_since, awaiting_since, 0)

/**
 * crm_ticket_get_client_label:
 * @self: a #CrmTicket
 *
 * How the ticket's client is named in lists and headers: the contact's
 * name; for a sender not yet in the contacts, the name their mail gave
 * (issue 10, defect 9), else their address.
 *
 * Returns: (nullable): the name, or %NULL when the ticket has no client
 */
const char *
crm_ticket_get_client_label (CrmTicket *self)
{
  g_return_val_if_fail (CRM_IS_TICKET (self), NULL);

  if (self->client_name != NULL)
    return self->client_name;
  if (self->sender_name != NULL && *self->sender_name != '\0')
    return self->sender_name;

  return self->client_address;
}

#undef GETTER

/**
 * crm_ticket_dup_tags:
 * @self: a #CrmTicket
 *
 * Returns: (transfer full): the ticket's tags, by name
 */
GStrv
crm_ticket_dup_tags (CrmTicket *self)
{
  g_return_val_if_fail (CRM_IS_TICKET (self), NULL);

  return g_strdupv (self->tags);
}

/**
 * crm_ticket_display_name:
 * @stored: (nullable): a status, priority or queue name as stored
 *
 * The statuses, priorities and queue every office starts with are
 * stored by their English names; they are shown in the user's
 * language. Names the office gave itself are shown as they are.
 *
 * Returns: (nullable): the name to show
 */
const char *
crm_ticket_display_name (const char *stored)
{
  static const struct { const char *stored; const char *context; const char *shown; } names[] = {
    { "New", "ticket status", NC_("ticket status", "New") },
    { "Open", "ticket status", NC_("ticket status", "Open") },
    { "Pending", "ticket status", NC_("ticket status", "Pending") },
    { "Closed", "ticket status", NC_("ticket status", "Closed") },
    { "Low", "ticket priority", NC_("ticket priority", "Low") },
    { "Normal", "ticket priority", NC_("ticket priority", "Normal") },
    { "High", "ticket priority", NC_("ticket priority", "High") },
    { "Urgent", "ticket priority", NC_("ticket priority", "Urgent") },
    { "Inbox", "queue", NC_("queue", "Inbox") },
  };

  if (stored == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (stored, names[i].stored))
      return g_dpgettext2 (GETTEXT_PACKAGE, names[i].context, names[i].shown);

  return stored;
}
