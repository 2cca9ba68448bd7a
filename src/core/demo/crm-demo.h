/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"

G_BEGIN_DECLS

gboolean crm_demo_generate_contacts (CrmSession  *session,
                                     guint        n_contacts,
                                     guint32      seed,
                                     GError     **error);

gboolean crm_demo_generate_tickets (CrmSession  *session,
                                    guint        n_tickets,
                                    guint        n_messages,
                                    guint32      seed,
                                    GError     **error);

gboolean crm_demo_generate_searches (CrmSession  *session,
                                     guint        n_searches,
                                     guint32      seed,
                                     GError     **error);

gboolean crm_demo_generate_offers (CrmSession  *session,
                                   guint        n_offers,
                                   guint32      seed,
                                   GError     **error);

G_END_DECLS
