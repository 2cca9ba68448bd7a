/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "crm-form-page.h"
#include "crm-form-server.h"
#include "crm-referral-submission.h"

G_BEGIN_DECLS

/* crm-form-guard.c: what keeps hostile clients within bounds */

/* libsoup 3.2 has no name for it */
#define CRM_FORM_STATUS_TOO_MANY_REQUESTS 429

typedef struct _CrmFormBuckets CrmFormBuckets;

CrmFormBuckets *_crm_form_buckets_new     (guint            burst,
                                           guint            seconds_per_token);
void            _crm_form_buckets_free    (CrmFormBuckets  *buckets);
gboolean        _crm_form_buckets_take    (CrmFormBuckets  *buckets,
                                           const char      *key,
                                           gint64           now_us,
                                           guint           *retry_after);

char           *_crm_form_stamp_make      (GBytes          *key,
                                           gint64           issued_us,
                                           const char      *submission_id);
gboolean        _crm_form_stamp_check     (GBytes          *key,
                                           const char      *stamp,
                                           gint64          *issued_us,
                                           char           **submission_id);
char           *_crm_form_new_submission_id (void);

void            _crm_form_set_headers     (SoupServerMessage *msg);
void            _crm_form_respond         (SoupServerMessage *msg,
                                           guint              status,
                                           char              *html);
/* the early answers still lingering, and what ends them */
typedef struct
{
  GCancellable *cancellable;
  guint         pending;
} CrmFormRejections;

void            _crm_form_reject_early    (SoupServerMessage *msg,
                                           CrmFormRejections *owner,
                                           guint              status,
                                           const char        *language,
                                           CrmFormNotice      notice,
                                           guint              retry_after);

/* crm-form-input.c: a submission read and checked */

typedef struct
{
  char   *file_name;
  char   *content_type;   /* from the bytes, not from the client */
  GBytes *bytes;
} CrmFormFile;

typedef struct
{
  GHashTable *fields;     /* name → value; the first of each name */
  GPtrArray  *files;      /* CrmFormFile, those with bytes */
  guint       file_parts; /* documents chosen, with or without bytes */
} CrmFormInput;

void          _crm_form_file_free   (CrmFormFile   *file);
void          _crm_form_input_free  (CrmFormInput  *input);
CrmFormInput *_crm_form_input_parse (SoupMessageHeaders *headers,
                                     GBytes             *body,
                                     guint              *status);
const char   *_crm_form_sniff_type  (GBytes             *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFormInput, _crm_form_input_free)

/* crm-form-check.c: the fields checked */

CrmReferralSubmission *_crm_form_check (CrmFormInput  *input,
                                        const char    *language,
                                        CrmFormIdKind  id_kind,
                                        GPtrArray     *investments,
                                        GHashTable    *values,
                                        GHashTable    *errors);

/* crm-form-server-store.c: the store, on the session's workers */

typedef struct
{
  gint64     form_id;
  gboolean   found;
  gboolean   gone;
  char      *nonce;
  char      *name;                /* the broker's */
  CrmFormIdKind id_kind;          /* the office's setting */
  GPtrArray *investments;         /* CrmFormChoice */
  GHashTable *pages;              /* "LANGUAGE TOKEN" → the empty form, split at its stamp */
  gint64     fetched_us;
} CrmFormEntry;

void     _crm_form_entry_free   (CrmFormEntry   *entry);
gboolean _crm_form_lookup_read  (CrmSession     *reader,
                                 gpointer        data,
                                 gpointer       *result,
                                 GCancellable   *cancellable,
                                 GError        **error);
gboolean _crm_form_submit_write (CrmSession     *writer,
                                 gpointer        data,
                                 gpointer       *result,
                                 GCancellable   *cancellable,
                                 GError        **error);

G_END_DECLS
