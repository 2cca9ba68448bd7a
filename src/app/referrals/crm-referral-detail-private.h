/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of a referral's details (crm-referral-detail.c,
 * crm-referral-detail-sections.c). */

#include "crm-referral-detail.h"

G_BEGIN_DECLS

struct _CrmReferralDetail
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkStack        *stack;
  GtkWidget       *scroller;
  GtkWidget       *back_button;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkWidget       *status_pill;
  GtkWidget       *decision_box;
  GtkWidget       *reveal_button;
  GtkLabel        *investment_value;
  GtkLabel        *phone_value;
  GtkLabel        *email_value;
  GtkWidget       *pesel_row;
  GtkLabel        *pesel_value;
  GtkWidget       *id_card_row;
  GtkLabel        *id_card_value;
  GtkLabel        *consent_value;
  GtkLabel        *source_value;
  GtkLabel        *broker_value;
  GtkLabel        *broker_email_value;
  GtkWidget       *broker_phone_row;
  GtkLabel        *broker_phone_value;
  GtkLabel        *advisor_value;
  GtkWidget       *advisor_email_row;
  GtkLabel        *advisor_email_value;
  GtkWidget       *advisor_phone_row;
  GtkLabel        *advisor_phone_value;
  GtkLabel        *received_value;
  GtkLabel        *changed_value;
  GtkWidget       *changed_by_row;
  GtkLabel        *changed_by_value;
  GtkWidget       *client_row;
  GtkLabel        *client_value;
  GtkListBox      *history_list;
  GtkListBox      *documents_list;
  GtkWidget       *documents_empty;
  GtkWidget       *similar_clients_title;
  GtkListBox      *similar_clients_list;
  GtkWidget       *similar_referrals_title;
  GtkListBox      *similar_referrals_list;
  GtkWidget       *similar_leads_title;
  GtkListBox      *similar_leads_list;
  GtkWidget       *similar_empty;
  GtkListBox      *messages_list;
  GtkWidget       *messages_empty;
  GtkTextView     *composer_view;
  GtkLabel        *composer_error;
  GtkWidget       *send_button;

  /* owned */
  CrmSession      *session;
  gint64           id;
  CrmReferralCard *card;
  GCancellable    *cancellable;  /* of the card being read */
  guint            reload_source;
  char            *pesel;        /* revealed, of this referral */
  char            *id_card;
  gboolean         revealed;
  gboolean         revealing;
  gboolean         sending;
};

void _crm_referral_detail_show_sections (CrmReferralDetail *self);
void _crm_referral_detail_show_numbers  (CrmReferralDetail *self);
void _crm_referral_detail_similar_activated (CrmReferralDetail *self,
                                             GtkListBoxRow     *row);

G_END_DECLS
