/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-referral-submission.h"

G_BEGIN_DECLS

/**
 * CrmReferralStatus:
 * @CRM_REFERRAL_PENDING: received, waiting for a decision
 * @CRM_REFERRAL_ACCEPTED: accepted: the client is in the CRM
 * @CRM_REFERRAL_REJECTED: rejected (purged after the office's retention)
 */
typedef enum
{
  CRM_REFERRAL_PENDING,
  CRM_REFERRAL_ACCEPTED,
  CRM_REFERRAL_REJECTED,
} CrmReferralStatus;

const char *crm_referral_status_to_string   (CrmReferralStatus  status);
gboolean    crm_referral_status_from_string (const char        *text,
                                             CrmReferralStatus *status);
const char *crm_referral_status_get_label   (CrmReferralStatus  status);

#define CRM_TYPE_REFERRAL (crm_referral_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferral, crm_referral, CRM, REFERRAL, GObject)

gint64             crm_referral_get_id                (CrmReferral *self);
const char        *crm_referral_get_client_name       (CrmReferral *self);
gint64             crm_referral_get_investment_id     (CrmReferral *self);
const char        *crm_referral_get_investment        (CrmReferral *self);
gint64             crm_referral_get_received          (CrmReferral *self);
CrmReferralStatus  crm_referral_get_status            (CrmReferral *self);
gint64             crm_referral_get_form_id           (CrmReferral *self);
const char        *crm_referral_get_source            (CrmReferral *self);
const char        *crm_referral_get_broker_name       (CrmReferral *self);
const char        *crm_referral_get_broker_email      (CrmReferral *self);
const char        *crm_referral_get_broker_phone      (CrmReferral *self);
const char        *crm_referral_get_phone             (CrmReferral *self);
const char        *crm_referral_get_email             (CrmReferral *self);
const char        *crm_referral_get_pesel_masked      (CrmReferral *self);
const char        *crm_referral_get_id_card_masked    (CrmReferral *self);
const char        *crm_referral_get_advisor_name      (CrmReferral *self);
const char        *crm_referral_get_advisor_email     (CrmReferral *self);
const char        *crm_referral_get_advisor_phone     (CrmReferral *self);
gboolean           crm_referral_get_consent           (CrmReferral *self);
gint64             crm_referral_get_status_changed    (CrmReferral *self);
const char        *crm_referral_get_status_changed_by (CrmReferral *self);
gint64             crm_referral_get_contact_id        (CrmReferral *self);
const char        *crm_referral_get_contact_name      (CrmReferral *self);
gint64             crm_referral_get_last_message      (CrmReferral *self);
gboolean           crm_referral_get_awaiting_reply    (CrmReferral *self);

/**
 * CrmInvestment:
 * @id: the investment's id
 * @name: its name, as the form lists it
 * @created: when it was added
 *
 * An investment the developer offers, which a referral is for.
 */
typedef struct
{
  gint64  id;
  char   *name;
  gint64  created;
} CrmInvestment;

#define CRM_TYPE_INVESTMENT (crm_investment_get_type ())
GType          crm_investment_get_type (void) G_GNUC_CONST;
CrmInvestment *crm_investment_copy     (const CrmInvestment *investment);
void           crm_investment_free     (CrmInvestment       *investment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmInvestment, crm_investment_free)

/**
 * CrmReferralForm:
 * @id: the form's id
 * @name: its name, shown as the referrals' source
 * @broker_name: the broker (agency) it was made for
 * @broker_email: where the decisions and messages are mailed
 * @broker_phone: (nullable): the broker's phone, E.164
 * @nonce: what its link's token was signed with
 * @created: when it was made
 * @created_by: (nullable): who made it
 * @expires: when its link expires, 0 for never
 * @revoked: when it was revoked, 0 while it works
 * @n_referrals: how many referrals came through it
 *
 * A broker's web form (RF1): one per source.
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *broker_name;
  char   *broker_email;
  char   *broker_phone;
  char   *nonce;
  gint64  created;
  char   *created_by;
  gint64  expires;
  gint64  revoked;
  guint   n_referrals;
} CrmReferralForm;

#define CRM_TYPE_REFERRAL_FORM (crm_referral_form_get_type ())
GType            crm_referral_form_get_type (void) G_GNUC_CONST;
CrmReferralForm *crm_referral_form_copy     (const CrmReferralForm *form);
void             crm_referral_form_free     (CrmReferralForm       *form);
gboolean         crm_referral_form_is_open  (const CrmReferralForm *form,
                                             gint64                 now);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReferralForm, crm_referral_form_free)

/**
 * CrmReferralStatusChange:
 * @status: the status it was given
 * @comment: the comment mailed to the broker
 * @user: (nullable): who changed it
 * @at: when
 *
 * One line of a referral's status section (RF6).
 */
typedef struct
{
  CrmReferralStatus  status;
  char              *comment;
  char              *user;
  gint64             at;
} CrmReferralStatusChange;

void crm_referral_status_change_free (gpointer change);

/**
 * CrmReferralMessage:
 * @id: the message's id
 * @incoming: %TRUE for the broker's, %FALSE for the office's
 * @kind: "message", "accepted" or "rejected" (the decision's mail)
 * @body: the text
 * @author: (nullable): the user who wrote it, or the broker's address
 * @at: when it was written or received
 * @outbox_state: (nullable): for the office's: "waiting", "sending",
 *   "sent", "failed" or "cancelled"
 *
 * One message with the broker (RF10, RF12).
 */
typedef struct
{
  gint64    id;
  gboolean  incoming;
  char     *kind;
  char     *body;
  char     *author;
  gint64    at;
  char     *outbox_state;
} CrmReferralMessage;

void crm_referral_message_free (gpointer message);

/**
 * CrmReferralMatch:
 * @id: the similar record's id (a contact, a referral or a ticket)
 * @name: its name (a lead's: its client's, or its subject)
 * @phone: (nullable): its phone
 * @email: (nullable): its address
 * @detail: (nullable): what else identifies it: a client's manager, a
 *   referral's investment and status, a lead's queue and status
 * @source: (nullable): where it came from: a referral's form, a lead's
 *   source ("email", "phone"…)
 * @at: when it was received or created
 * @matched: (array zero-terminated=1): the fields that matched:
 *   "phone", "email", "pesel", "id_card", "name"
 * @score: how alike, 0 to 1: a PESEL alone is nearly certain, a name
 *   alone weak; each field that matches adds
 *
 * A record like a referral's client (RF8), with why.
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *phone;
  char   *email;
  char   *detail;
  char   *source;
  gint64  at;
  GStrv   matched;
  double  score;
} CrmReferralMatch;

void crm_referral_match_free (gpointer match);

/**
 * CrmReferralSimilar:
 * @clients: (element-type CrmReferralMatch): contacts
 * @referrals: (element-type CrmReferralMatch): other referrals
 * @leads: (element-type CrmReferralMatch): tickets and requests
 *
 * What the duplicate check found, each list by score, best first.
 */
typedef struct
{
  GPtrArray *clients;
  GPtrArray *referrals;
  GPtrArray *leads;
} CrmReferralSimilar;

void crm_referral_similar_free (CrmReferralSimilar *similar);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReferralSimilar, crm_referral_similar_free)

/**
 * CrmReferralCard:
 * @referral: the referral (PESEL and ID number masked)
 * @documents: (element-type CrmReferralDocument): its documents, without
 *   their bytes (crm_referral_store_get_document())
 * @status_changes: (element-type CrmReferralStatusChange): oldest first
 * @messages: (element-type CrmReferralMessage): oldest first
 * @similar: what the duplicate check found
 *
 * Everything a referral's details page shows (RF5-RF10).
 */
typedef struct
{
  CrmReferral        *referral;
  GPtrArray          *documents;
  GPtrArray          *status_changes;
  GPtrArray          *messages;
  CrmReferralSimilar *similar;
} CrmReferralCard;

void crm_referral_card_free (CrmReferralCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReferralCard, crm_referral_card_free)

/**
 * CrmReferralCounts:
 * @all: every referral
 * @pending: those waiting for a decision (the tile's count)
 * @accepted: those accepted
 * @rejected: those rejected
 * @messages: those whose last message is the broker's, waiting for an answer
 *
 * The status tiles' counts (RF2).
 */
typedef struct
{
  guint all;
  guint pending;
  guint accepted;
  guint rejected;
  guint messages;
} CrmReferralCounts;

/**
 * CrmReferralFilter:
 * @id: only this referral, or 0
 * @client_name: (nullable): words of the client's name (folded: case,
 *   diacritics and declension do not matter)
 * @advisor: (nullable): words of the broker's advisor's name
 * @from: received at or after this Unix time, or 0
 * @to: received before this Unix time, or 0
 * @status: (nullable): "pending", "accepted", "rejected", or "messages"
 *   (those with messages, the newest message first); %NULL for all
 * @investment_id: only this investment, or 0
 * @form_id: only this source (form), or 0
 * @search: (nullable): words in the client's name, phone, e-mail or
 *   the advisor's name
 *
 * The referrals' filters (RF3). Newest first.
 */
typedef struct
{
  gint64      id;
  const char *client_name;
  const char *advisor;
  gint64      from;
  gint64      to;
  const char *status;
  gint64      investment_id;
  gint64      form_id;
  const char *search;
} CrmReferralFilter;

G_END_DECLS
