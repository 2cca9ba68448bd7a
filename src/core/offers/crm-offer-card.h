/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-offer-store.h"
#include "crm-search-store.h"

G_BEGIN_DECLS

/**
 * CrmOfferCard:
 * @offer: (nullable): the offer, when an offer's card was read
 * @search: (nullable): the search, when a search's card was read
 * @fresh: whether the search takes part in matching new offers (OF6)
 * @matches: (element-type CrmMatch): the searches the offer fits, or
 *   the offers that fit the search, best first (OF3)
 * @matches_error: (nullable): why the matches could not be read
 * @history: (element-type CrmHistoryEntry): what was done and sent
 *
 * What the card of an offer or of a search shows, read in one go off
 * the main thread: matching judges thousands of rows, and the window
 * goes on painting meanwhile.
 */
typedef struct
{
  CrmOffer    *offer;
  CrmSearch   *search;
  gboolean     fresh;
  GListModel  *matches;
  GError      *matches_error;
  GListModel  *history;
  GHashTable  *mails;     /* &id → #CrmOfferMail: the mails the history
                           * says were sent, read with it */
} CrmOfferCard;

void          crm_offer_card_read_async  (CrmSession           *session,
                                          const char           *kind,
                                          gint64                id,
                                          guint                 max_matches,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
CrmOfferCard *crm_offer_card_read_finish (CrmSession           *session,
                                          GAsyncResult         *result,
                                          GError              **error);
void          crm_offer_card_free        (CrmOfferCard         *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOfferCard, crm_offer_card_free)

G_END_DECLS
