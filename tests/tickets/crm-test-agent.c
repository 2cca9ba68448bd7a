/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "crm.h"

/*
 * crm-test-agent URI PASSWORD QUEUE SECONDS SEED: one agent of an office
 * on the team's database, logged in as themselves, working the queue
 * QUEUE for SECONDS as the window lets them: take one of the oldest
 * unassigned tickets, answer a ticket of theirs and close it or give it
 * to a colleague, and now and then change the priority of any open
 * ticket. Every change is made as the window makes it, expecting what
 * the agent saw (crm_ticket_edit_expect()).
 *
 * What was done is printed, one line each, for the test to check
 * against the database and the SMTP server:
 *
 *   take TICKET USER            the ticket went from nobody to USER
 *   give TICKET FROM TO         from FROM to the colleague TO
 *   prio TICKET FROM TO         the priority FROM became TO
 *   close TICKET
 *   reply TICKET OUTBOX MARKER  a reply queued; MARKER is in its body
 *   conflict WHAT TICKET        refused: someone was first
 *
 * Used by tests/tickets/test-agents.c and bench/team.c.
 */

static const char *priorities[] = { "Low", "Normal", "High", "Urgent" };

static CrmTicket *
pick (CrmTicketStore  *store,
      CrmTicketFilter *filter,
      GRand           *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = crm_ticket_store_list (store, filter, &error);
  guint n;

  if (found == NULL)
    g_error ("listing: %s", error->message);
  if ((n = g_list_model_get_n_items (found)) == 0)
    return NULL;

  return g_list_model_get_item (found, g_rand_int_range (rand, 0, n));
}

/* Applies @edit; FALSE when a colleague was first. */
static gboolean
apply (CrmTicketStore *store,
       CrmTicketEdit  *edit,
       const char     *what,
       gint64         *made)
{
  g_autoptr(GError) error = NULL;
  gint64 result = crm_ticket_store_apply (store, edit, &error);

  if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
    {
      printf ("conflict %s %" G_GINT64_FORMAT "\n", what, crm_ticket_edit_get_ticket_id (edit));
      return FALSE;
    }
  if (result == 0)
    g_error ("%s of ticket %" G_GINT64_FORMAT ": %s", what, crm_ticket_edit_get_ticket_id (edit), error->message);
  if (made != NULL)
    *made = result;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GListModel) users = NULL;
  CrmTicketStore *store;
  gint64 me, queue, deadline;
  guint n_users, replies = 0;

  crm_init ();
  if (argc != 6)
    {
      g_printerr ("usage: crm-test-agent URI PASSWORD QUEUE SECONDS SEED\n");
      return 2;
    }
  session = crm_session_open_uri (argv[1], argv[2], NULL, &error);
  if (session == NULL)
    g_error ("%s: %s", argv[1], error->message);
  g_assert_true (crm_session_get_logged_in (session));
  me = crm_session_get_user_id (session);
  queue = g_ascii_strtoll (argv[3], NULL, 10);
  deadline = g_get_monotonic_time () + g_ascii_strtoll (argv[4], NULL, 10) * G_USEC_PER_SEC;
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[5], NULL, 10));
  store = crm_ticket_store_from_session (session);
  users = crm_user_store_list_active (crm_user_store_from_session (session), &error);
  g_assert_no_error (error);
  n_users = g_list_model_get_n_items (users);
  setvbuf (stdout, NULL, _IOLBF, 0);

  while (g_get_monotonic_time () < deadline)
    {
      double what = g_rand_double (rand);
      g_autoptr(CrmTicket) ticket = NULL;

      if (what < 0.2)
        {
          /* any open ticket of the queue: a new priority */
          CrmTicketFilter open = { .queue_id = queue, .open_only = TRUE, .limit = 40 };
          const char *to = priorities[g_rand_int_range (rand, 0, G_N_ELEMENTS (priorities))];
          g_autoptr(CrmTicketEdit) edit = NULL;

          if ((ticket = pick (store, &open, rand)) == NULL || g_strcmp0 (to, crm_ticket_get_priority (ticket)) == 0)
            continue;
          edit = crm_ticket_edit_new (crm_ticket_get_id (ticket), CRM_TICKET_EDIT_PRIORITY, to);
          crm_ticket_edit_expect (edit, ticket);
          if (apply (store, edit, "prio", NULL))
            printf ("prio %" G_GINT64_FORMAT " %s %s\n", crm_ticket_get_id (ticket), crm_ticket_get_priority (ticket), to);
        }
      else if (what < 0.6)
        {
          /* one of the oldest nobody has yet: everybody wants those */
          CrmTicketFilter free = { .queue_id = queue, .assignee_id = -1, .open_only = TRUE,
                                   .oldest_first = TRUE, .limit = 2 };
          g_autoptr(CrmTicketEdit) edit = NULL;

          if ((ticket = pick (store, &free, rand)) == NULL)
            continue;
          edit = crm_ticket_edit_new_assign (crm_ticket_get_id (ticket), me);
          crm_ticket_edit_expect (edit, ticket);
          if (apply (store, edit, "take", NULL))
            printf ("take %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", crm_ticket_get_id (ticket), me);
        }
      else
        {
          /* one of mine: answered, then closed or handed on */
          CrmTicketFilter mine = { .queue_id = queue, .assignee_id = me, .open_only = TRUE, .limit = 10 };
          g_autofree char *marker = NULL;
          g_autofree char *body = NULL;
          g_autoptr(CrmTicketEdit) reply = NULL;
          g_autoptr(CrmTicketEdit) next = NULL;
          gint64 outbox = 0;

          if ((ticket = pick (store, &mine, rand)) == NULL)
            continue;
          marker = g_strdup_printf ("team-reply-%" G_GINT64_FORMAT "-%u", me, ++replies);
          body = g_strdup_printf ("Dzień dobry,\n\nodpowiedź %s.\n", marker);
          reply = crm_ticket_edit_new_reply (crm_ticket_get_id (ticket), body, NULL, NULL, 0);
          if (apply (store, reply, "reply", &outbox))
            printf ("reply %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", crm_ticket_get_id (ticket), outbox, marker);

          /* as it is now, after the reply (which may have set its status) */
          g_clear_object (&ticket);
          if (!(ticket = crm_ticket_store_get (store, crm_ticket_edit_get_ticket_id (reply), 0, &error)))
            g_error ("reading a ticket: %s", error->message);

          if (g_rand_boolean (rand))
            {
              next = crm_ticket_edit_new (crm_ticket_get_id (ticket), CRM_TICKET_EDIT_STATUS, "Closed");
              crm_ticket_edit_expect (next, ticket);
              if (apply (store, next, "close", NULL))
                printf ("close %" G_GINT64_FORMAT "\n", crm_ticket_get_id (ticket));
            }
          else
            {
              g_autoptr(CrmUser) colleague = g_list_model_get_item (users, g_rand_int_range (rand, 0, n_users));

              if (crm_user_get_id (colleague) == me || crm_user_get_role (colleague) != CRM_ROLE_AGENT)
                continue;
              next = crm_ticket_edit_new_assign (crm_ticket_get_id (ticket), crm_user_get_id (colleague));
              crm_ticket_edit_expect (next, ticket);
              if (apply (store, next, "give", NULL))
                printf ("give %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                        crm_ticket_get_id (ticket), me, crm_user_get_id (colleague));
            }
        }

      /* a moment to read, as people do */
      g_usleep (g_rand_int_range (rand, 200, 1000) * 1000);
    }

  return EXIT_SUCCESS;
}
