/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the automations' storage
 * (crm-automation-store.c, crm-automation-store-{members,run,log}.c);
 * nothing outside them includes it. */

#include "crm-automation-store.h"
#include "crm-store-private.h"
#include "crm-ticket-store-private.h"

G_BEGIN_DECLS

/* An automation as the scheduler works with it: its values, the steps
 * of its current version, and where it is. */
typedef struct
{
  CrmAutomation *automation;
  gboolean       paused;
  gint64         since_seq;
  gint64         pending_from;   /* -1: no bulk entering under way */
  gint64         frozen;
} CrmAutomationState;

/* A record of an automation's module, as a step needs it. */
typedef struct
{
  gboolean  exists;
  gint64    merged_into;
  char     *label;
  char     *subject;          /* tickets: their subject */
  char     *client_name;
  char     *client_address;   /* the client's first address, or NULL */
  gint64    owner_id;         /* the responsible user, or 0 */
  gboolean  automatic;        /* tickets: the client's last mail was automatic */
  gboolean  has_mail;         /* tickets: a conversation by mail */
} CrmAutomationRecord;

/* Who a step of a record goes to, as things are now. */
typedef struct
{
  char   *address;       /* a mail's recipient, normalised */
  gint64  user_id;       /* a mail to a user, a task: the user */
  char   *user_name;
  char   *label;         /* what the log and the simulation show */
  char   *skip_reason;   /* set: the step is skipped, for this reason */
  gboolean leave;        /* … and the record leaves the automation */
} CrmAutomationTarget;

void                 _crm_automation_state_free   (CrmAutomationState   *state);
void                 _crm_automation_record_clear (CrmAutomationRecord  *record);
void                 _crm_automation_target_clear (CrmAutomationTarget  *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomationState, _crm_automation_state_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmAutomationRecord, _crm_automation_record_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmAutomationTarget, _crm_automation_target_clear)

CrmAutomationState *_crm_automation_read_state  (CrmAutomationStore   *self,
                                                 gint64                id,
                                                 GError              **error);
GPtrArray          *_crm_automation_read_steps  (CrmAutomationStore   *self,
                                                 gint64                automation_id,
                                                 gint64                version,
                                                 GError              **error);
const char         *_crm_automation_entity      (const char           *module);
char               *_crm_automation_format_time (GTimeZone            *zone,
                                                 gint64                time);
gboolean            _crm_automation_touch       (CrmAutomationStore   *self,
                                                 gint64                automation_id,
                                                 GError              **error);

gboolean            _crm_automation_audit       (CrmAutomationStore   *self,
                                                 gint64                id,
                                                 const char           *action,
                                                 const char           *detail,
                                                 GError              **error);

/* crm-automation-store-steps.c */
gboolean  _crm_automation_check_step       (CrmAutomationStore         *self,
                                            const char                 *module,
                                            const CrmAutomationStep    *step,
                                            GError                    **error);
gboolean  _crm_automation_editable_version (CrmAutomationStore         *self,
                                            CrmAutomationState         *state,
                                            gint64                     *version,
                                            GError                    **error);
gboolean  _crm_automation_touch_updated    (CrmAutomationStore         *self,
                                            gint64                      id,
                                            GError                    **error);

/* crm-automation-store-members.c */
gboolean  _crm_automation_matches         (CrmAutomationStore         *self,
                                           const CrmAutomation        *automation,
                                           gint64                      record_id,
                                           gboolean                   *matches,
                                           GError                    **error);
GArray   *_crm_automation_select_page     (CrmAutomationStore         *self,
                                           const CrmAutomation        *automation,
                                           gint64                      after_id,
                                           guint                       limit,
                                           GError                    **error);
gboolean  _crm_automation_read_record     (CrmAutomationStore         *self,
                                           const char                 *module,
                                           gint64                      record_id,
                                           CrmAutomationRecord        *record,
                                           GError                    **error);
gint64    _crm_automation_open_entry      (CrmAutomationStore         *self,
                                           gint64                      automation_id,
                                           gint64                      record_id,
                                           GError                    **error);
gint64    _crm_automation_enter           (CrmAutomationStore         *self,
                                           const CrmAutomation        *automation,
                                           gint64                      record_id,
                                           gboolean                    baseline,
                                           gint64                      now,
                                           GTimeZone                  *zone,
                                           GError                    **error);
gboolean  _crm_automation_leave           (CrmAutomationStore         *self,
                                           gint64                      entry_id,
                                           const char                 *reason,
                                           gint64                      now,
                                           GError                    **error);
char     *_crm_automation_mismatch_reason (const CrmAutomation        *automation,
                                           const CrmAutomationRecord  *record);
gboolean  _crm_automation_enter_pending   (CrmAutomationStore         *self,
                                           guint                      *entered,
                                           GCancellable               *cancellable,
                                           GError                    **error);
gboolean  _crm_automation_follow_changes  (CrmAutomationStore         *self,
                                           guint                      *entered,
                                           guint                      *left,
                                           GCancellable               *cancellable,
                                           GError                    **error);
gboolean  _crm_automation_view_exists     (CrmAutomationStore         *self,
                                           const char                 *module,
                                           gint64                      view_id,
                                           GError                    **error);

/* crm-automation-store-run.c */
gboolean  _crm_automation_resolve         (CrmAutomationStore         *self,
                                           const CrmAutomation        *automation,
                                           const CrmAutomationStep    *step,
                                           const CrmAutomationRecord  *record,
                                           CrmAutomationTarget        *target,
                                           GError                    **error);
gboolean  _crm_automation_cap_reached     (CrmAutomationStore         *self,
                                           const char                 *address,
                                           gint64                      when,
                                           GTimeZone                  *zone,
                                           GHashTable                 *planned,
                                           char                      **reason,
                                           GError                    **error);
void      _crm_automation_register_outbox_hook (void);

G_END_DECLS
