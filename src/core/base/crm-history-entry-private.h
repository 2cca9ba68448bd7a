/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-history-entry.h"

G_BEGIN_DECLS

/* for the history of offers and searches, whose rows may name a mail */
void _crm_history_entry_set_offer_mail_id (CrmHistoryEntry *self,
                                           gint64           mail_id);

G_END_DECLS
