/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "crm.h"
#include "crm-test-util.h"
#include "dovecot-fixture.h"
#include "pg-fixture.h"

/* Tickets against the threads a mail reader builds (issue 11): a corpus
 * of conversations with gaps (parents and roots missing, References
 * truncated or reordered, Outlook-style In-Reply-To only, replies that
 * arrive before their parents, forwarded mail, list mail) goes through
 * a real Dovecot and the real import; notmuch threads the very same
 * files; the pairwise precision and recall of tickets against notmuch's
 * threads must reach the targets. The corpus comes from a fixed
 * seed, so a run can be repeated; CRM_TEST_CORPUS_SEED tries another. */

#define N_THREADS 70
#define SEED 20260504

typedef struct
{
  char      *id;
  char      *raw;
  gint64     date;
  gboolean   delivered;
} Mail;

typedef struct
{
  char   *id;
  gint64  date;
  GPtrArray *chain;   /* the Message-IDs above it, oldest first */
  char   *raw;        /* for a forward as an attachment */
} Node;

static const char *people[] = {
  "Anna Kowalska <anna@example.com>", "Jan Nowak <jan@example.org>", "Ola Wiśniewska <ola@example.net>",
  "Piotr Zieliński <piotr@example.com>", "Marta Lewandowska <marta@example.org>", "Tomasz Wójcik <tomasz@example.net>",
  "Ewa Kamińska <ewa@example.com>", "Karol Dąbrowski <karol@example.org>", "Zofia Mazur <zofia@example.net>",
  "Adam Krawczyk <adam@example.com>", "Biuro <biuro@example.com>", "Agnieszka Król <agnieszka@example.org>",
};

static const char *topics[] = {
  "Mieszkanie na Mokotowie", "Dom pod Warszawą", "Umowa najmu", "Oględziny w sobotę", "Faktura za marzec",
  "Kredyt hipoteczny", "Działka w Konstancinie", "Remont łazienki", "Klucze do lokalu", "Wycena nieruchomości",
};

static const char *weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void
mail_free (gpointer data)
{
  Mail *mail = data;

  if (mail == NULL)
    return;
  g_free (mail->id);
  g_free (mail->raw);
  g_free (mail);
}

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->id);
  g_free (node->raw);
  g_clear_pointer (&node->chain, g_ptr_array_unref);
  g_free (node);
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_strdup_printf ("%s, %d %s %d %02d:%02d:%02d +0000", weekdays[g_date_time_get_day_of_week (time) - 1],
                          g_date_time_get_day_of_month (time), months[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time), g_date_time_get_hour (time), g_date_time_get_minute (time),
                          g_date_time_get_second (time));
}

static void
append_ids (GString    *out,
            const char *name,
            GPtrArray  *ids)
{
  if (ids->len == 0)
    return;
  g_string_append_printf (out, "%s:", name);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s<%s>", i > 0 && i % 3 == 0 ? "\r\n " : " ", (char *) g_ptr_array_index (ids, i));
  g_string_append (out, "\r\n");
}

/* The headers a mail program writes for a reply with @chain above it. */
static void
reply_headers (GRand     *rand,
               GString   *out,
               GPtrArray *chain)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  const char *parent = chain->len > 0 ? g_ptr_array_index (chain, chain->len - 1) : NULL;
  int style = g_rand_int_range (rand, 0, 100);
  gboolean in_reply_to = TRUE;

  if (parent == NULL)
    return;

  if (style < 45)
    /* a mail reader: the whole chain */
    g_ptr_array_extend (refs, chain, NULL, NULL);
  else if (style < 62)
    /* Outlook: In-Reply-To only */
    ;
  else if (style < 72)
    {
      /* References cut short: the root and the last two (RFC 5322 3.6.4) */
      g_ptr_array_add (refs, g_ptr_array_index (chain, 0));
      for (guint i = MAX (1, (int) chain->len - 2); i < chain->len; i++)
        g_ptr_array_add (refs, g_ptr_array_index (chain, i));
    }
  else if (style < 82)
    {
      /* reordered */
      g_ptr_array_extend (refs, chain, NULL, NULL);
      for (guint i = refs->len; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          gpointer swap = refs->pdata[i - 1];

          refs->pdata[i - 1] = refs->pdata[j];
          refs->pdata[j] = swap;
        }
    }
  else if (style < 92)
    {
      /* References only */
      g_ptr_array_extend (refs, chain, NULL, NULL);
      in_reply_to = FALSE;
    }
  else
    /* only the parent, in both */
    g_ptr_array_add (refs, (gpointer) parent);

  if (in_reply_to)
    g_string_append_printf (out, "In-Reply-To: <%s>\r\n", parent);
  append_ids (out, "References", refs);
}

static char *
make_raw (GRand      *rand,
          const char *id,
          const char *subject,
          gint64      date,
          GPtrArray  *chain,
          gboolean    list,
          const char *attached)
{
  GString *out = g_string_new (NULL);
  g_autofree char *when = format_date (date);
  const char *from = people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))];

  g_string_append_printf (out, "From: %s\r\n", from);
  if (list)
    g_string_append (out, "To: klienci@lists.example.com\r\nList-Id: Klienci <klienci.lists.example.com>\r\n"
                          "Precedence: list\r\n");
  else
    g_string_append (out, "To: Biuro <biuro@example.com>\r\n");
  if (g_rand_int_range (rand, 0, 4) == 0)
    g_string_append_printf (out, "Cc: %s\r\n", people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))]);
  g_string_append_printf (out, "Subject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n", subject, when, id);
  if (chain != NULL)
    reply_headers (rand, out, chain);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  if (attached == NULL)
    g_string_append_printf (out, "Content-Type: text/plain; charset=utf-8\r\n\r\nW sprawie: %s.\r\n"
                                 "Pozdrawiam\r\n", subject);
  else
    g_string_append_printf (out, "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n"
                                 "--fwd\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPrzesyłam dalej.\r\n"
                                 "--fwd\r\nContent-Type: message/rfc822\r\n\r\n%s\r\n--fwd--\r\n", attached);

  return g_string_free (out, FALSE);
}

static void
add_mail (GPtrArray  *corpus,
          GRand      *rand,
          Node       *node,
          gboolean    missing_allowed,
          const char *raw)
{
  Mail *mail = g_new0 (Mail, 1);

  mail->id = g_strdup (node->id);
  mail->date = node->date;
  mail->raw = g_strdup (raw);
  /* a fifth of the mail never reaches this mailbox, roots as well */
  mail->delivered = !missing_allowed || g_rand_int_range (rand, 0, 100) >= 20;
  g_ptr_array_add (corpus, mail);
}

/* Conversations as trees, with what reaches the mailbox, in the order it arrives. */
static GPtrArray *
build_corpus (guint *withheld)
{
  const char *seed = g_getenv ("CRM_TEST_CORPUS_SEED");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed && *seed ? (guint32) g_ascii_strtoull (seed, NULL, 10) : SEED);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (mail_free);
  GPtrArray *corpus = g_ptr_array_new_with_free_func (mail_free);
  gint64 base = 1777881600; /* 4 May 2026 */

  for (guint t = 0; t < N_THREADS; t++)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (node_free);
      g_autofree char *topic = g_strdup_printf ("%s (%u)", topics[t % G_N_ELEMENTS (topics)], t);
      guint n = 1 + g_rand_int_range (rand, 0, 12);
      gboolean list = t % 5 == 1;

      for (guint k = 0; k < n; k++)
        {
          Node *node = g_new0 (Node, 1);
          Node *parent = NULL;
          g_autofree char *subject = NULL;
          g_autofree char *raw = NULL;

          node->id = g_strdup_printf ("t%u.m%u.%08x@mail.example.%s", t, k, g_rand_int (rand), k % 2 ? "org" : "com");
          node->chain = g_ptr_array_new_with_free_func (g_free);
          if (k > 0)
            {
              parent = g_ptr_array_index (nodes, g_rand_int_range (rand, 0, 100) < 60 ? k - 1
                                                                                    : (guint) g_rand_int_range (rand, 0, k));
              for (guint i = 0; i < parent->chain->len; i++)
                g_ptr_array_add (node->chain, g_strdup (g_ptr_array_index (parent->chain, i)));
              g_ptr_array_add (node->chain, g_strdup (parent->id));
              node->date = parent->date + g_rand_int_range (rand, 600, 2 * 86400);
            }
          else
            node->date = base + g_rand_int_range (rand, 0, 30 * 86400);

          subject = k == 0 ? g_strdup (topic) : g_strdup_printf ("%s %s", k % 3 ? "Re:" : "RE:", topic);
          raw = make_raw (rand, node->id, subject, node->date, k > 0 ? node->chain : NULL, list, NULL);
          node->raw = g_strdup (raw);
          g_ptr_array_add (nodes, node);
          add_mail (all, rand, node, TRUE, raw);
        }

      /* forwarded: a new conversation (the original attached), with a reply */
      if (t % 7 == 3)
        {
          Node *root = g_ptr_array_index (nodes, 0);
          Node forward = { NULL, root->date + 3600, NULL, NULL };
          Node answer = { NULL, root->date + 7200, g_ptr_array_new (), NULL };
          g_autofree char *subject = g_strdup_printf ("Fwd: %s", topic);
          g_autofree char *reply_subject = g_strdup_printf ("Re: Fwd: %s", topic);
          g_autofree char *raw = NULL;
          g_autofree char *reply = NULL;

          forward.id = g_strdup_printf ("fwd%u@mail.example.net", t);
          answer.id = g_strdup_printf ("fwd%u.re@mail.example.net", t);
          raw = make_raw (rand, forward.id, subject, forward.date, NULL, FALSE, root->raw);
          add_mail (all, rand, &forward, FALSE, raw);
          g_ptr_array_add (answer.chain, forward.id);
          reply = make_raw (rand, answer.id, reply_subject, answer.date, answer.chain, FALSE, NULL);
          add_mail (all, rand, &answer, TRUE, reply);
          g_free (forward.id);
          g_free (answer.id);
          g_ptr_array_unref (answer.chain);
        }

      /* forwarded by a program that keeps the thread's headers: the same thread */
      if (t % 11 == 5 && n > 1)
        {
          Node *last = g_ptr_array_index (nodes, n - 1);
          Node forward = { NULL, last->date + 600, NULL, NULL };
          g_autofree char *subject = g_strdup_printf ("Fwd: %s", topic);
          g_autofree char *raw = NULL;

          forward.id = g_strdup_printf ("fwd%u.kept@mail.example.net", t);
          forward.chain = g_ptr_array_new ();
          g_ptr_array_extend (forward.chain, last->chain, NULL, NULL);
          g_ptr_array_add (forward.chain, last->id);
          raw = make_raw (rand, forward.id, subject, forward.date, forward.chain, FALSE, last->raw);
          add_mail (all, rand, &forward, TRUE, raw);
          g_free (forward.id);
          g_ptr_array_unref (forward.chain);
        }
    }

  /* arrival: by date, and now and then a reply before what it answers */
  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      if (((Mail *) all->pdata[j])->date < ((Mail *) all->pdata[i])->date)
        {
          gpointer swap = all->pdata[i];

          all->pdata[i] = all->pdata[j];
          all->pdata[j] = swap;
        }
  for (guint i = 0; i + 1 < all->len; i++)
    if (g_rand_int_range (rand, 0, 100) < 10)
      {
        gpointer swap = all->pdata[i];

        all->pdata[i] = all->pdata[i + 1];
        all->pdata[i + 1] = swap;
        i++;
      }

  *withheld = 0;
  for (guint i = 0; i < all->len; i++)
    if (((Mail *) all->pdata[i])->delivered)
      g_ptr_array_add (corpus, g_steal_pointer (&all->pdata[i]));
    else
      (*withheld)++;

  return corpus;
}

static void
collect_thread (JsonArray  *nodes,
                guint       thread,
                GHashTable *threads)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonArray *node = json_array_get_array_element (nodes, i);
      JsonObject *message = json_array_get_object_element (node, 0);

      g_hash_table_insert (threads, g_strdup (json_object_get_string_member (message, "id")),
                           GUINT_TO_POINTER (thread));
      collect_thread (json_array_get_array_element (node, 1), thread, threads);
    }
}

/* notmuch's threads of the files in @maildir: Message-ID → thread number. */
static GHashTable *
notmuch_threads (const char *maildir,
                 guint      *n_threads)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crm-notmuch-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *database = g_build_filename (dir, "db", NULL);
  g_autofree char *settings = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) index = NULL;
  g_autoptr(GSubprocess) show = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (database, 0700), ==, 0);
  settings = g_strdup_printf ("[database]\npath=%s\nmail_root=%s\n[new]\ntags=inbox\n"
                              "ignore=/(^|/)dovecot[^/]*$/;/(^|/)subscriptions$/\n"
                              "[maildir]\nsynchronize_flags=false\n[user]\nname=Test\nprimary_email=biuro@example.com\n",
                              database, maildir);
  g_assert_true (g_file_set_contents (config, settings, -1, &error));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "NOTMUCH_CONFIG", config, TRUE);
  index = g_subprocess_launcher_spawn (launcher, &error, "notmuch", "new", "--quiet", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (index, NULL, &error));
  g_assert_no_error (error);

  show = g_subprocess_launcher_spawn (launcher, &error, "notmuch", "show", "--format=json", "--body=false",
                                      "--entire-thread=true", "*", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (show, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (show));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  list = json_node_get_array (json_parser_get_root (parser));
  *n_threads = json_array_get_length (list);
  for (guint t = 0; t < *n_threads; t++)
    collect_thread (json_array_get_array_element (list, t), t, threads);

  crm_test_remove_tree (dir);

  return threads;
}

static double
pairs (guint n)
{
  return (double) n * (n - 1) / 2;
}

static void
count (GHashTable *counts,
       char       *key)
{
  g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static double
sum_pairs (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  double sum = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += pairs (GPOINTER_TO_UINT (value));

  return sum;
}

static void
test_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 10, 9, 0, 0);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmSyncResult) result = NULL;
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(GHashTable) threads = NULL;
  g_autoptr(GHashTable) by_ticket = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_thread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_both = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *mail_dir = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crm-corpus-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *maildir = NULL;
  GSubprocess *server;
  g_autoptr(CrmStatement) stmt = NULL;
  double same_ticket, same_thread, both, precision, recall, f1;
  guint withheld;
  guint n_threads;
  guint n_messages = 0;
  gint64 account_id;
  guint16 port;

  corpus = build_corpus (&withheld);
  server = crm_test_dovecot_start (&mail_dir, &port);
  for (guint i = 0; i < corpus->len; i++)
    crm_test_dovecot_deliver (mail_dir, ((Mail *) g_ptr_array_index (corpus, i))->raw);

  session = crm_test_session_open (path, clock, &error);
  g_assert_no_error (error);
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  account_id = crm_account_store_add (crm_account_store_from_session (session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);
  result = crm_mail_sync (session, account_id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, corpus->len);

  /* notmuch on the same files Dovecot holds */
  maildir = g_build_filename (mail_dir, "mail", "office", NULL);
  threads = notmuch_threads (maildir, &n_threads);
  g_assert_cmpuint (g_hash_table_size (threads), ==, corpus->len);

  stmt = crm_database_prepare (crm_session_get_database (session),
                               "SELECT message_id, coalesce (ticket_id, -id) FROM messages WHERE direction = 'in'",
                               &error);
  g_assert_no_error (error);
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      const char *id = crm_statement_get_text (stmt, 0);
      gint64 ticket = crm_statement_get_int64 (stmt, 1);
      gpointer thread;

      g_assert_true (g_hash_table_lookup_extended (threads, id, NULL, &thread));
      count (by_ticket, g_strdup_printf ("%" G_GINT64_FORMAT, ticket));
      count (by_thread, g_strdup_printf ("%u", GPOINTER_TO_UINT (thread)));
      count (by_both, g_strdup_printf ("%" G_GINT64_FORMAT "/%u", ticket, GPOINTER_TO_UINT (thread)));
      n_messages++;
    }
  g_clear_pointer (&stmt, crm_statement_release);
  g_assert_cmpuint (n_messages, ==, corpus->len);

  /* pairwise: two messages together in a ticket and in a thread */
  both = sum_pairs (by_both);
  same_ticket = sum_pairs (by_ticket);
  same_thread = sum_pairs (by_thread);
  precision = same_ticket > 0 ? both / same_ticket : 1;
  recall = same_thread > 0 ? both / same_thread : 1;
  f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  g_test_message ("%u messages (%u of the conversations never arrived): %u notmuch threads, %u tickets",
                  corpus->len, withheld, n_threads, g_hash_table_size (by_ticket));
  g_test_message ("pairwise precision %.3f, recall %.3f, F1 %.3f", precision, recall, f1);

  g_assert_cmpfloat (precision, >=, 0.99);
  g_assert_cmpfloat (f1, >=, 0.97);

  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
  crm_test_dovecot_stop (server, mail_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thread-corpus/against-notmuch", test_corpus);

  return g_test_run ();
}
