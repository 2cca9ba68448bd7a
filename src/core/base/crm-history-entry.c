/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-history-entry-private.h"

/**
 * CrmHistoryEntry:
 *
 * One line of the audit history; who did what to which record, and when. Immutable; read from the store.
 */
struct _CrmHistoryEntry
{
  GObject  parent_instance;

  gint64  at;
  char   *actor;
  char   *action;
  char   *detail;
  gint64  offer_mail_id;
};

G_DEFINE_FINAL_TYPE (CrmHistoryEntry, crm_history_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_history_entry_finalize (GObject *object)
{
  CrmHistoryEntry *self = (CrmHistoryEntry *)object;

  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (crm_history_entry_parent_class)->finalize (object);
}

static void
crm_history_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmHistoryEntry *self = CRM_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_history_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmHistoryEntry *self = CRM_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_AT:
      self->at = g_value_get_int64 (value);
      break;

    case PROP_ACTOR:
      self->actor = g_value_dup_string (value);
      break;

    case PROP_ACTION:
      self->action = g_value_dup_string (value);
      break;

    case PROP_DETAIL:
      self->detail = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_history_entry_class_init (CrmHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_history_entry_finalize;
  object_class->get_property = crm_history_entry_get_property;
  object_class->set_property = crm_history_entry_set_property;

  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_history_entry_init (CrmHistoryEntry *self)
{
}

CrmHistoryEntry *
crm_history_entry_new (gint64      at,
                       const char *actor,
                       const char *action,
                       const char *detail)
{
  return g_object_new (CRM_TYPE_HISTORY_ENTRY,
                       "at", at,
                       "actor", actor,
                       "action", action,
                       "detail", detail,
                       NULL);
}

gint64
crm_history_entry_get_at (CrmHistoryEntry *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ENTRY (self), 0);

  return self->at;
}

const char *
crm_history_entry_get_actor (CrmHistoryEntry *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ENTRY (self), NULL);

  return self->actor;
}

const char *
crm_history_entry_get_action (CrmHistoryEntry *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ENTRY (self), NULL);

  return self->action;
}

const char *
crm_history_entry_get_detail (CrmHistoryEntry *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ENTRY (self), NULL);

  return self->detail;
}

/**
 * crm_history_entry_get_offer_mail_id:
 * @self: a #CrmHistoryEntry
 *
 * Returns: the mail with offers the entry tells of (OF9: an offer or a
 *   search "mailed"), or 0
 */
gint64
crm_history_entry_get_offer_mail_id (CrmHistoryEntry *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ENTRY (self), 0);

  return self->offer_mail_id;
}

void
_crm_history_entry_set_offer_mail_id (CrmHistoryEntry *self,
                                      gint64           mail_id)
{
  g_return_if_fail (CRM_IS_HISTORY_ENTRY (self));

  self->offer_mail_id = mail_id;
}
