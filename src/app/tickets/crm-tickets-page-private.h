/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the tickets page (crm-tickets-page.c,
 * crm-tickets-page-views.c). */

#include "crm-tickets-page.h"

G_BEGIN_DECLS

/**
 * CrmTicketsPage:
 *
 * The helpdesk and the requests inbox (TK11, RQ5): a lazy list of
 * tickets with filters (queue, status, mine or unassigned) and a
 * search over subjects, texts and addresses; unread tickets in bold;
 * the selected ticket's card beside it. As the requests inbox
 * (#CrmTicketsPage:requests) the oldest come first, with each client's
 * manager.
 */
struct _CrmTicketsPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *queue_dropdown;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *who_dropdown;
  GtkDropDown        *tag_dropdown;
  GtkDropDown        *source_dropdown;
  GtkStack           *list_stack;
  GtkGridView        *list_view;
  GtkWidget          *outcomes_button;
  GtkWidget          *deleted_button;
  AdwStatusPage      *empty_status;
  GtkLabel           *count_label;
  GtkSpinner         *loading_spinner;
  CrmTicketView      *view;
  GtkWidget          *view_bar;
  GtkLabel           *view_label;

  /* owned */
  CrmSession           *session;
  CrmUser            *user;
  CrmTicketList      *tickets;
  GtkSingleSelection *selection;
  GPtrArray          *queues;      /* CrmQueueInfo, as last read */
  GPtrArray          *queue_ids;
  guint               tags_source;
  gint64              shown;
  gboolean            requests;

  /* a saved view shown (FD4; crm-tickets-page-views.c) */
  GVariant           *view_filter;  /* its filter, whole */
  GVariant           *view_shown;   /* what the filter bar shows of it */
  char               *view_name;
};

/* In the order of the status drop-down: "Not Closed", the kinds, "Any
 * Status". */
extern const char * const _crm_tickets_page_statuses[6];

void      _crm_tickets_page_read_bar         (CrmTicketsPage  *self,
                                              CrmTicketFilter *filter,
                                              gint64           me);
gboolean  _crm_tickets_page_view_filter      (CrmTicketsPage  *self,
                                              CrmTicketFilter *filter);
void      _crm_tickets_page_clear_view       (CrmTicketsPage  *self);
void      _crm_tickets_page_save_view_action (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void      _crm_tickets_page_leave_view_action (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);

G_END_DECLS
