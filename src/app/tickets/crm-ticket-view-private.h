/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"
#include "crm-attachment-tray.h"
#include "crm-templates-button.h"
#include "crm-ticket-client-panel.h"
#include "crm-ticket-composer.h"
#include "crm-ticket-projects.h"
#include "crm-ticket-view.h"

G_BEGIN_DECLS

/* CrmTicketView is written in four files: crm-ticket-view.c (the card,
 * the conversation, the composer, who else replies), crm-ticket-view-
 * sending.c (what the composer sends: replies with Undo, replies for
 * later, comments, the check that no colleague answered meanwhile),
 * crm-ticket-view-operations.c (what issue 14 does to a whole ticket:
 * close with an outcome, move, merge, split, unpin, forward, print,
 * delete, and Undo on their toasts; and a request's projects) and
 * crm-ticket-view-activities.c (calls and chats linked or added, TK6). */
struct _CrmTicketView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *stack;
  GtkWidget      *back_button;
  GtkLabel       *subject_label;
  AdwFlap        *flap;
  GtkLabel       *details_label;
  GtkDropDown    *status_dropdown;
  GtkDropDown    *queue_dropdown;
  GtkDropDown    *priority_dropdown;
  GtkDropDown    *assignee_dropdown;
  GtkWidget      *assign_button;
  GtkButton      *close_button;
  GtkListBox     *conversation;
  GtkScrolledWindow *conversation_scroller;
  CrmTicketComposer *composer;
  GtkLabel       *due_label;
  CrmTicketClientPanel *client_panel;
  CrmTicketProjects *projects;
  GtkDropDown    *category_dropdown;
  GtkDropDown    *source_dropdown;
  GtkFlowBox     *tags_box;
  GtkEntry       *tag_entry;
  GtkLabel       *followers_label;
  GtkToggleButton *follow_button;

  /* owned */
  CrmSession       *session;
  CrmUser        *user;
  CrmTicket      *ticket;
  GSettings      *settings;
  gulong          changed_handler;
  GArray         *user_ids;      /* of the assignee drop-down's rows */
  GStrv           close_reasons; /* the office's, for the close dialog */
  GStrv           user_names;    /* of the assignee drop-down's rows */
  char           *print_to_file; /* a PDF printing writes, without asking (tests) */
  gboolean        filling;       /* the drop-downs are set, not changed */
  guint           reload_source;
  gint64          ticket_id;           /* asked for: shown once its card is read */
  GCancellable   *cancellable;         /* of the card being read */
  guint           spinner_source;      /* while set, another ticket is read without a word */
  gboolean        mark_read;           /* the card being read is opened: mark it read */
  gboolean        focus_reply;         /* … and its reply takes the keyboard once shown */
  gboolean        outbox_pending;      /* a mail of the conversation waits or is being sent */
  GHashTable     *drafts;              /* ticket id → Draft: replies taken back by Undo */
  guint           follow_end_source;   /* while set, the conversation shows its end */
  guint           show_end_tick;       /* scrolls it there in the next frame */
  gint64          conversation_ticket; /* what the conversation shows … */
  guint           conversation_entries;
  GHashTable     *toggled;             /* … and the messages the user folded or opened: key → folded + 1 */

  /* the team's database: who else replies to the ticket shown */
  gulong          announced_handler;
  gint64          announced_ticket;    /* what this desktop said it replies to … */
  gint64          announced_at;        /* … and when, monotonic */
  GHashTable     *others;              /* user id → Other */
  guint           others_source;
  gint64          seen_at;             /* when the card shown was read, Unix time */
};

void _crm_ticket_view_reload_later         (CrmTicketView     *self);
void _crm_ticket_view_stop_replying        (CrmTicketView     *self);
/* crm-ticket-view-sending.c */
void _crm_ticket_view_cancel_sending_cb    (CrmTicketView     *self,
                                            gint64             outbox_id);
void _crm_ticket_view_draft_free           (gpointer           data);
void _crm_ticket_view_restore_draft_of     (CrmTicketView     *self,
                                            gint64             ticket_id);
void _crm_ticket_view_send_action          (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_send_later_action    (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_apply                (CrmTicketView     *self,
                                            CrmTicketEdit     *edit);
void _crm_ticket_view_show_toast           (CrmTicketView     *self,
                                            const char        *text);
void _crm_ticket_view_report_error         (CrmTicketView     *self,
                                            GError            *error);

void _crm_ticket_view_offer_undo           (CrmTicketView     *self,
                                            CrmTicketEditKind  kind,
                                            gint64             ticket_id,
                                            gint64             step);
void _crm_ticket_view_ask_move             (CrmTicketView     *self,
                                            const char        *queue);
void _crm_ticket_view_split_message_cb     (CrmTicketView     *self,
                                            gint64             message_id);
void _crm_ticket_view_toggle_closed_action (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_merge_action         (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_unpin_action         (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_forward_action       (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_print_action         (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_delete_action        (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_link_activity_action (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_add_activity_action  (GtkWidget         *widget,
                                            const char        *action_name,
                                            GVariant          *parameter);
void _crm_ticket_view_create_project_action (GtkWidget        *widget,
                                             const char       *action_name,
                                             GVariant         *parameter);
void _crm_ticket_view_project_attach_cb    (CrmTicketView     *self,
                                            const char        *name,
                                            GBytes            *data);

G_END_DECLS
