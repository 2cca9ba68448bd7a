/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-catalogue.h"
#include "crm-error.h"
#include "crm-form-server-private.h"
#include "crm-referral-token.h"

/**
 * CrmFormServer:
 *
 * The brokers' referral forms (issue 16, RF1) served by libsoup's
 * #SoupServer inside the office's one engine, on a thread of its own
 * with its own main context, so that neither a window nor the mail
 * waits on a client. GET /f/TOKEN shows a form, POST /f/TOKEN sends it,
 * GET /f/TOKEN/thanks thanks (a good post is answered 303 there, so a
 * reload sends nothing twice). A token is the core's signed link: a
 * forged one answers 404, a revoked or expired form 410.
 *
 * libsoup does not promise to withstand hostile clients, and Debian
 * 12's 3.2 predates later fixes, so the server is meant to listen on
 * loopback behind a reverse proxy (data/forms/nginx-crm-forms.conf),
 * and keeps its own limits whatever the proxy does: a body over
 * %CRM_FORM_MAX_BODY or a declared length over it is refused before it
 * is read (413), as is a document over %CRM_FORM_MAX_FILE; posts are
 * limited per link and per address by token buckets (429 with
 * Retry-After); a request must bring its headers within a few seconds
 * and its body within a minute, or its connection is shut; a robot
 * that fills the hidden field or posts faster than a person is thanked
 * and nothing is stored. The database is read and written on the
 * session's workers, never on the server's thread: one submission, one
 * transaction, idempotent by the submission id its page carried.
 */

#define HEADERS_DEADLINE_US (10 * G_USEC_PER_SEC)
#define BODY_DEADLINE_US    (60 * G_USEC_PER_SEC)
#define FORM_CACHE_US       (2 * G_USEC_PER_SEC)
#define STAMP_MAX_AGE_US    ((gint64) 24 * 60 * 60 * G_USEC_PER_SEC)
/* posts: per client address a burst of 6, then one each 10 s; per
 * link a burst of 30, then one each 4 s */
#define ADDRESS_BURST       6
#define ADDRESS_SECONDS     10
#define LINK_BURST          30
#define LINK_SECONDS        4
#define STAMP_PLACEHOLDER   "@STAMP@"

struct _CrmFormServer
{
  GObject            parent_instance;

  /* owned references */
  CrmSession        *session;
  CrmFormSettings   *settings;

  /* the server's thread's, created and dropped there */
  CrmSession        *worker;
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  SoupServer        *server;
  GBytes            *stamp_key;
  CrmFormBuckets    *by_address;
  CrmFormBuckets    *by_link;
  GHashTable        *requests;    /* SoupServerMessage → Request */
  GHashTable        *forms;       /* form id → CrmFormEntry */
  GHashTable        *links;       /* a link's token → Link, as checked */
  CrmFormRejections  rejections;
  guint              busy;        /* reads and writes under way */

  /* the start's handshake */
  GMutex             lock;
  GCond              cond;
  gboolean           answered;
  GError            *start_error;
  GTask             *start_task;
  guint              port;
};

G_DEFINE_FINAL_TYPE (CrmFormServer, crm_form_server, G_TYPE_OBJECT)

typedef enum
{
  ROUTE_NONE,
  ROUTE_FORM,
  ROUTE_THANKS,
} Route;

typedef struct
{
  gatomicrefcount     ref_count;
  CrmFormServer      *self;       /* borrowed: the server outlives its requests */
  SoupServerMessage  *msg;        /* weak: libsoup's, NULL once it is gone */
  gint64              started_us;
  gboolean            got_headers;
  gboolean            got_body;
  gboolean            paused;
  gboolean            done;       /* finished, aborted or taken: leave msg alone */
  guint64             received;
  const char         *language;
  Route               route;
  char               *token;
  gint64              form_id;    /* 0: a forged or unknown token */
  char               *nonce;
  gint64              expires;
} Request;

/* Requests */

static Request *
request_ref (Request *request)
{
  g_atomic_ref_count_inc (&request->ref_count);

  return request;
}

static void msg_gone_cb (gpointer data, GObject *where_the_object_was);

static void
request_unref (Request *request)
{
  if (!g_atomic_ref_count_dec (&request->ref_count))
    return;
  if (request->msg != NULL)
    g_object_weak_unref (G_OBJECT (request->msg), msg_gone_cb, request);
  g_free (request->token);
  g_free (request->nonce);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_unref)

/* "/f/TOKEN" or "/f/TOKEN/thanks"; a token is base64url */
static Route
parse_route (const char  *path,
             char       **token)
{
  const char *start;
  const char *end;

  if (!g_str_has_prefix (path, "/f/"))
    return ROUTE_NONE;
  start = path + 3;
  end = start;
  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == '.')
    end++;
  if (end == start || end - start > 512)
    return ROUTE_NONE;
  *token = g_strndup (start, end - start);
  if (*end == '\0')
    return ROUTE_FORM;
  if (g_str_equal (end, "/thanks"))
    return ROUTE_THANKS;
  g_clear_pointer (token, g_free);

  return ROUTE_NONE;
}

/* The address a client posts from: the proxy's own word for it, only
 * when the connection comes from the proxy the office trusts. */
static char *
remote_address (CrmFormServer     *self,
                SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);
  const char *forwarded;

  if (host == NULL)
    return g_strdup ("unknown");
  if (self->settings->trusted_proxy != NULL && g_str_equal (host, self->settings->trusted_proxy) &&
      (forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                  "X-Forwarded-For")) != NULL)
    {
      /* the proxy appends the address it saw: the last one */
      const char *comma = strrchr (forwarded, ',');
      g_autofree char *last = g_strstrip (g_strdup (comma != NULL ? comma + 1 : forwarded));

      if (g_hostname_is_ip_address (last))
        return g_steal_pointer (&last);
    }

  return g_strdup (host);
}

static void
respond_notice (Request       *request,
                guint          status,
                CrmFormNotice  notice)
{
  _crm_form_respond (request->msg, status, crm_form_page_render_notice (request->language, notice));
}

static void
pause_request (Request *request)
{
  if (!request->paused)
    soup_server_message_pause (request->msg);
  request->paused = TRUE;
}

static void
resume (Request *request)
{
  if (!request->done && request->paused)
    soup_server_message_unpause (request->msg);
  request->paused = FALSE;
}

/* answered now, before the body is read; libsoup no longer has it */
static void
reject (Request       *request,
        guint          status,
        CrmFormNotice  notice,
        guint          retry_after)
{
  CrmFormServer *self = request->self;
  SoupServerMessage *msg = request->msg;

  request->done = TRUE;
  g_signal_handlers_disconnect_by_data (msg, request);
  _crm_form_reject_early (msg, &self->rejections, status, request->language, notice, retry_after);
  g_hash_table_remove (self->requests, msg);
}

/* Pages */

static void
respond_form (Request    *request,
              CrmFormEntry  *entry,
              GHashTable *values,
              GHashTable *errors,
              gboolean    files_again,
              guint       status)
{
  CrmFormServer *self = request->self;
  g_autofree char *submission_id = _crm_form_new_submission_id ();
  g_autofree char *stamp = _crm_form_stamp_make (self->stamp_key, g_get_monotonic_time (), submission_id);
  g_autofree char *action = g_strdup_printf ("/f/%s", request->token);
  g_autofree char *key = NULL;
  char **halves;
  CrmFormPage page = {
    .language = request->language,
    .action = action,
    .title = entry->name,
    .id_kind = entry->id_kind,
    .investments = entry->investments,
    .values = values,
    .errors = errors,
    .files_again = files_again,
    .stamp = stamp,
    .max_files = CRM_FORM_MAX_FILES,
    .max_file_mb = CRM_FORM_MAX_FILE / (1024 * 1024),
  };

  if (values != NULL || errors != NULL)
    {
      _crm_form_respond (request->msg, status, crm_form_page_render (&page));
      return;
    }

  /* an empty form differs only by its stamp: made once a language and
   * a link while the form is kept, then the stamp put in */
  key = g_strconcat (request->language, " ", request->token, NULL);
  if (!(halves = g_hash_table_lookup (entry->pages, key)))
    {
      g_autofree char *html = NULL;

      page.stamp = STAMP_PLACEHOLDER;
      html = crm_form_page_render (&page);
      halves = g_strsplit (html, STAMP_PLACEHOLDER, 2);
      g_assert (g_strv_length (halves) == 2);
      g_hash_table_insert (entry->pages, g_steal_pointer (&key), halves);
    }
  _crm_form_respond (request->msg, status, g_strconcat (halves[0], stamp, halves[1], NULL));
}

static void
redirect_thanks (Request *request)
{
  g_autofree char *location = g_strdup_printf ("/f/%s/thanks", request->token);

  _crm_form_set_headers (request->msg);
  soup_server_message_set_redirect (request->msg, SOUP_STATUS_SEE_OTHER, location);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->self->busy--;
  crm_session_write_finish (CRM_SESSION (object), result, &error);
  if (request->done)
    return;
  if (error != NULL)
    {
      g_warning ("A referral could not be stored: %s", error->message);
      respond_notice (request, SOUP_STATUS_SERVICE_UNAVAILABLE, CRM_FORM_NOTICE_FAULT);
    }
  else
    redirect_thanks (request);
  resume (request);
}

static void
handle_post (Request   *request,
             CrmFormEntry *entry)
{
  CrmFormServer *self = request->self;
  SoupServerMessage *msg = request->msg;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(CrmFormInput) input = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(CrmReferralSubmission) submission = NULL;
  g_autofree char *submission_id = NULL;
  const char *trap;
  gint64 issued = 0;
  guint status = 0;

  if (!(input = _crm_form_input_parse (soup_server_message_get_request_headers (msg), body, &status)))
    {
      respond_notice (request, status, status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE
                                         ? CRM_FORM_NOTICE_TOO_LARGE : CRM_FORM_NOTICE_BAD_REQUEST);
      return;
    }

  /* a robot: thanked, and nothing stored */
  trap = g_hash_table_lookup (input->fields, CRM_FORM_FIELD_HONEYPOT);
  if (_crm_form_stamp_check (self->stamp_key, g_hash_table_lookup (input->fields, CRM_FORM_FIELD_STAMP),
                             &issued, &submission_id) &&
      ((trap != NULL && *trap != '\0') ||
       g_get_monotonic_time () - issued < CRM_FORM_MIN_FILL_SECONDS * G_USEC_PER_SEC))
    {
      g_debug ("a post to form %" G_GINT64_FORMAT " looks automated: not stored", request->form_id);
      redirect_thanks (request);
      return;
    }

  submission = _crm_form_check (input, request->language, entry->id_kind, entry->investments,
                                values, errors);
  if (submission_id == NULL || g_get_monotonic_time () - issued > STAMP_MAX_AGE_US)
    {
      /* a page of an earlier run of the server, or a day old: the
       * broker checks it and sends it again */
      g_clear_pointer (&submission, crm_referral_submission_free);
      g_hash_table_replace (errors, (gpointer) CRM_FORM_FIELD_FORM,
                            g_strdup (crm_catalogue_gettext (request->language,
                                                             N_("The form was open too long. Check it and send it again."))));
    }
  if (submission == NULL)
    {
      respond_form (request, entry, values, errors, input->file_parts > 0, SOUP_STATUS_UNPROCESSABLE_ENTITY);
      return;
    }

  submission->form_id = request->form_id;
  submission->submission_id = g_steal_pointer (&submission_id);
  submission->remote_address = remote_address (self, msg);
  pause_request (request);
  self->busy++;
  crm_session_write_async (self->worker, _crm_form_submit_write, g_steal_pointer (&submission),
                           (GDestroyNotify) crm_referral_submission_free, NULL, NULL,
                           submitted_cb, request_ref (request));
}

static void
serve (Request   *request,
       CrmFormEntry *entry)
{
  SoupServerMessage *msg = request->msg;
  const char *method = soup_server_message_get_method (msg);

  if (!entry->found || g_strcmp0 (entry->nonce, request->nonce) != 0)
    respond_notice (request, SOUP_STATUS_NOT_FOUND, CRM_FORM_NOTICE_NOT_FOUND);
  else if (entry->gone)
    respond_notice (request, SOUP_STATUS_GONE, CRM_FORM_NOTICE_GONE);
  else if (request->route == ROUTE_THANKS)
    respond_notice (request, SOUP_STATUS_OK, CRM_FORM_NOTICE_THANKS);
  else if (method == SOUP_METHOD_POST)
    handle_post (request, entry);
  else
    respond_form (request, entry, NULL, NULL, FALSE, SOUP_STATUS_OK);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CrmFormServer *self = request->self;
  g_autoptr(GError) error = NULL;
  CrmFormEntry *entry;

  self->busy--;
  entry = crm_session_read_finish (CRM_SESSION (object), result, &error);
  if (entry != NULL)
    {
      entry->fetched_us = g_get_monotonic_time ();
      g_hash_table_replace (self->forms, &entry->form_id, entry);
    }
  if (request->done)
    return;
  if (entry == NULL)
    {
      g_warning ("A referral form could not be read: %s", error->message);
      respond_notice (request, SOUP_STATUS_SERVICE_UNAVAILABLE, CRM_FORM_NOTICE_FAULT);
    }
  else
    serve (request, entry);
  /* a post being stored stays paused */
  if (soup_server_message_get_status (request->msg) != 0)
    resume (request);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CrmFormServer *self = user_data;
  Request *request = g_hash_table_lookup (self->requests, msg);
  const char *method = soup_server_message_get_method (msg);
  CrmFormEntry *entry;
  gint64 *key;

  if (request == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  request->got_body = TRUE;
  if (request->route == ROUTE_NONE)
    {
      respond_notice (request, SOUP_STATUS_NOT_FOUND, CRM_FORM_NOTICE_NOT_FOUND);
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD &&
      (method != SOUP_METHOD_POST || request->route != ROUTE_FORM))
    {
      respond_notice (request, SOUP_STATUS_METHOD_NOT_ALLOWED, CRM_FORM_NOTICE_BAD_REQUEST);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    request->route == ROUTE_FORM ? "GET, HEAD, POST" : "GET, HEAD");
      return;
    }
  if (request->form_id == 0)
    {
      respond_notice (request, SOUP_STATUS_NOT_FOUND, CRM_FORM_NOTICE_NOT_FOUND);
      return;
    }
  if (request->expires != 0 && request->expires <= crm_session_now (self->worker))
    {
      respond_notice (request, SOUP_STATUS_GONE, CRM_FORM_NOTICE_GONE);
      return;
    }

  entry = g_hash_table_lookup (self->forms, &request->form_id);
  if (entry != NULL && g_get_monotonic_time () - entry->fetched_us < FORM_CACHE_US)
    {
      serve (request, entry);
      return;
    }

  pause_request (request);
  self->busy++;
  key = g_new (gint64, 1);
  *key = request->form_id;
  crm_session_read_async (self->worker, _crm_form_lookup_read, key, g_free, (GDestroyNotify) _crm_form_entry_free, NULL,
                          looked_up_cb, request_ref (request));
}

/* Before the body: the limits */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Request *request = user_data;

  request->received += g_bytes_get_size (chunk);
  if (request->received > CRM_FORM_MAX_BODY && !request->done)
    reject (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, CRM_FORM_NOTICE_TOO_LARGE, 0);
}

/* A link's signature checked once a minute at most: a page served
 * costs one HMAC (its stamp's), not two. Only good links are kept, a
 * few thousand at most. */
#define LINK_CACHE_US (60 * G_USEC_PER_SEC)
#define LINK_CACHE_MAX 4096

typedef struct
{
  gint64  form_id;
  char   *nonce;
  gint64  expires;
  gint64  checked_us;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->nonce);
  g_free (link);
}

static gboolean
check_link (CrmFormServer *self,
            Request       *request)
{
  gint64 now = g_get_monotonic_time ();
  Link *link = g_hash_table_lookup (self->links, request->token);

  if (link == NULL || now - link->checked_us > LINK_CACHE_US)
    {
      g_autofree char *nonce = NULL;
      gint64 form_id = 0, expires = 0;

      if (!crm_referral_token_parse (request->token, &form_id, &nonce, &expires, NULL))
        {
          g_hash_table_remove (self->links, request->token);
          return FALSE;
        }
      if (g_hash_table_size (self->links) >= LINK_CACHE_MAX)
        g_hash_table_remove_all (self->links);
      link = g_new0 (Link, 1);
      link->form_id = form_id;
      link->nonce = g_steal_pointer (&nonce);
      link->expires = expires;
      link->checked_us = now;
      g_hash_table_replace (self->links, g_strdup (request->token), link);
    }
  request->form_id = link->form_id;
  g_free (request->nonce);
  request->nonce = g_strdup (link->nonce);
  request->expires = link->expires;

  return TRUE;
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  CrmFormServer *self = user_data;
  Request *request = g_hash_table_lookup (self->requests, msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *address = NULL;
  g_autofree char *link_key = NULL;
  guint retry_after = 0;

  if (request == NULL)
    return;
  request->got_headers = TRUE;
  request->language = crm_catalogue_negotiate (soup_message_headers_get_one (headers, "Accept-Language"));
  request->route = parse_route (path, &request->token);
  if (request->route != ROUTE_NONE && !check_link (self, request))
    request->form_id = 0;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    return;

  /* a declared length over the limit is refused before it is read */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > CRM_FORM_MAX_BODY)
    {
      reject (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, CRM_FORM_NOTICE_TOO_LARGE, 0);
      return;
    }
  if (request->route != ROUTE_FORM || request->form_id == 0)
    {
      reject (request, SOUP_STATUS_NOT_FOUND, CRM_FORM_NOTICE_NOT_FOUND, 0);
      return;
    }

  address = remote_address (self, msg);
  link_key = g_strdup_printf ("%" G_GINT64_FORMAT, request->form_id);
  if (!_crm_form_buckets_take (self->by_address, address, g_get_monotonic_time (), &retry_after) ||
      !_crm_form_buckets_take (self->by_link, link_key, g_get_monotonic_time (), &retry_after))
    {
      g_debug ("too many posts from %s to form %s", address, link_key);
      reject (request, CRM_FORM_STATUS_TOO_MANY_REQUESTS, CRM_FORM_NOTICE_TOO_MANY, retry_after);
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), request);
}

/* Every request: its deadlines */

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  CrmFormServer *self = user_data;
  Request *request = g_new0 (Request, 1);

  g_atomic_ref_count_init (&request->ref_count);
  request->self = self;
  request->msg = msg;
  g_object_weak_ref (G_OBJECT (msg), msg_gone_cb, request);
  request->started_us = g_get_monotonic_time ();
  request->language = CRM_CATALOGUE_DEFAULT_LANGUAGE;
  g_hash_table_insert (self->requests, msg, request);
}

static void
request_ended_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  gpointer           user_data)
{
  CrmFormServer *self = user_data;
  Request *request = g_hash_table_lookup (self->requests, msg);

  if (request == NULL)
    return;
  request->done = TRUE;
  g_signal_handlers_disconnect_by_data (msg, request);
  g_hash_table_remove (self->requests, msg);
}

/* a connection closed before its request was whole ends no request:
 * its message going is the end */
static void
msg_gone_cb (gpointer  data,
             GObject  *where_the_object_was)
{
  Request *request = data;

  request->done = TRUE;
  request->msg = NULL;
  if (request->self->requests != NULL)
    g_hash_table_remove (request->self->requests, where_the_object_was);
}

/* a connection that brings no headers in time, or no body, is shut:
 * libsoup then closes it as a client gone */
static gboolean
sweep_cb (gpointer user_data)
{
  CrmFormServer *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Request *request;
  GHashTableIter forms;
  CrmFormEntry *entry;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &request))
    {
      GSocket *socket;

      if (request->got_body || request->done)
        continue;
      if (now - request->started_us < (request->got_headers ? BODY_DEADLINE_US : HEADERS_DEADLINE_US))
        continue;
      if ((socket = soup_server_message_get_socket (request->msg)) != NULL)
        {
          g_debug ("closing a connection too slow to send its request");
          g_socket_shutdown (socket, TRUE, TRUE, NULL);
        }
    }

  g_hash_table_iter_init (&forms, self->forms);
  while (g_hash_table_iter_next (&forms, NULL, (gpointer *) &entry))
    if (now - entry->fetched_us > FORM_CACHE_US)
      g_hash_table_iter_remove (&forms);

  return G_SOURCE_CONTINUE;
}

/* The server's thread */

static void
answer_start (CrmFormServer *self,
              GError        *error)
{
  GTask *task;

  g_mutex_lock (&self->lock);
  self->answered = TRUE;
  task = g_steal_pointer (&self->start_task);
  if (task == NULL)
    self->start_error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  /* told on the starter's main context */
  if (task == NULL)
    return;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
listen_on (CrmFormServer  *self,
           GError        **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->settings->address);
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  if (inet == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("“%s” is not an IP address."), self->settings->address);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, (guint16) self->settings->port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;
  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? (guint) g_uri_get_port (uris->data) : self->settings->port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  CrmFormServer *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) sweep = NULL;
  g_autofree char *warm = NULL;
  guint8 key[32];

  g_main_context_push_thread_default (self->context);

  for (guint i = 0; i < G_N_ELEMENTS (key); i += 4)
    {
      guint32 word = g_random_int ();

      memcpy (key + i, &word, 4);
    }
  self->stamp_key = g_bytes_new (key, sizeof key);
  self->requests = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) request_unref);
  self->forms = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _crm_form_entry_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, link_free);
  self->by_address = _crm_form_buckets_new (ADDRESS_BURST, ADDRESS_SECONDS);
  self->by_link = _crm_form_buckets_new (LINK_BURST, LINK_SECONDS);
  self->rejections.cancellable = g_cancellable_new ();
  self->server = soup_server_new ("server-header", NULL, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_ended_cb), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (request_ended_cb), self);
  soup_server_add_early_handler (self->server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);

  /* the links' key comes from the Secret Service once, before the
   * first client: a token made is one parsed */
  if (!(self->worker = crm_session_open_another (self->session, &error)) ||
      !(warm = crm_referral_token_make (1, "warm-up", 0, &error)) || !listen_on (self, &error))
    {
      answer_start (self, g_steal_pointer (&error));
      goto out;
    }
  answer_start (self, NULL);

  sweep = g_timeout_source_new_seconds (1);
  g_source_set_callback (sweep, sweep_cb, self, NULL);
  g_source_attach (sweep, self->context);
  g_main_loop_run (self->loop);
  g_source_destroy (sweep);

out:
  soup_server_disconnect (self->server);
  g_cancellable_cancel (self->rejections.cancellable);
  /* what is under way ends here: a write is never cut short */
  while (self->busy > 0 || self->rejections.pending > 0)
    g_main_context_iteration (self->context, TRUE);
  g_clear_object (&self->server);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->forms, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->by_address, _crm_form_buckets_free);
  g_clear_pointer (&self->by_link, _crm_form_buckets_free);
  g_clear_pointer (&self->stamp_key, g_bytes_unref);
  g_clear_object (&self->rejections.cancellable);
  g_clear_object (&self->worker);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  CrmFormServer *self = user_data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

static void
begin (CrmFormServer *self,
       GTask         *task)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->answered = FALSE;
  self->start_task = task;
  self->thread = g_thread_new ("crm-forms", server_thread, self);
}

/* Overrides */

static void
crm_form_server_dispose (GObject *object)
{
  CrmFormServer *self = CRM_FORM_SERVER (object);

  crm_form_server_stop (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_form_server_parent_class)->dispose (object);
}

static void
crm_form_server_finalize (GObject *object)
{
  CrmFormServer *self = CRM_FORM_SERVER (object);

  g_clear_pointer (&self->settings, crm_form_settings_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (crm_form_server_parent_class)->finalize (object);
}

static void
crm_form_server_class_init (CrmFormServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_form_server_dispose;
  object_class->finalize = crm_form_server_finalize;
}

static void
crm_form_server_init (CrmFormServer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/* Public API */

/**
 * crm_form_server_new:
 * @session: the engine's session; the server opens one of its own
 * @settings: where to listen, and what the forms ask for
 *
 * Returns: (transfer full): a server, not yet listening
 */
CrmFormServer *
crm_form_server_new (CrmSession            *session,
                     const CrmFormSettings *settings)
{
  CrmFormServer *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (CRM_TYPE_FORM_SERVER, NULL);
  self->session = g_object_ref (session);
  self->settings = crm_form_settings_copy (settings);

  return self;
}

/**
 * crm_form_server_start:
 * @self: a #CrmFormServer
 * @error: return location for a #GError
 *
 * Starts the server's thread and listens. Refuses an address other
 * than loopback unless the settings allow a public one.
 *
 * Returns: %TRUE once it listens
 */
gboolean
crm_form_server_start (CrmFormServer  *self,
                       GError        **error)
{
  GError *start_error;

  g_return_val_if_fail (CRM_IS_FORM_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (!crm_form_settings_check (self->settings, error))
    return FALSE;
  begin (self, NULL);

  g_mutex_lock (&self->lock);
  while (!self->answered)
    g_cond_wait (&self->cond, &self->lock);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->lock);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_error (error, start_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_form_server_start_async:
 * @self: a #CrmFormServer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context once
 *   it listens, or failed to
 * @user_data: for @callback
 *
 * Starts the server without waiting: for the engine on a window's
 * main loop (the links' key may be read from the Secret Service).
 */
void
crm_form_server_start_async (CrmFormServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_FORM_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_form_server_start_async);
  if (!crm_form_settings_check (self->settings, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  begin (self, g_steal_pointer (&task));
}

/**
 * crm_form_server_start_finish:
 * @self: a #CrmFormServer
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE once it listens
 */
gboolean
crm_form_server_start_finish (CrmFormServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      /* the thread that failed is done */
      if (self->thread != NULL)
        g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_form_server_stop:
 * @self: a #CrmFormServer
 *
 * Stops listening, closes the connections and waits for a submission
 * being stored. Safe to call when not started.
 */
void
crm_form_server_stop (CrmFormServer *self)
{
  g_return_if_fail (CRM_IS_FORM_SERVER (self));

  if (self->thread == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/**
 * crm_form_server_get_port:
 * @self: a #CrmFormServer
 *
 * Returns: the port it listens on (the one the system chose for 0)
 */
guint
crm_form_server_get_port (CrmFormServer *self)
{
  g_return_val_if_fail (CRM_IS_FORM_SERVER (self), 0);

  return self->port;
}

/**
 * crm_form_server_get_address:
 * @self: a #CrmFormServer
 *
 * Returns: (transfer none): the address it listens on
 */
const char *
crm_form_server_get_address (CrmFormServer *self)
{
  g_return_val_if_fail (CRM_IS_FORM_SERVER (self), NULL);

  return self->settings->address;
}
