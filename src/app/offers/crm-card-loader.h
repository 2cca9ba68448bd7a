/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARD_LOADER (crm_card_loader_get_type ())

G_DECLARE_FINAL_TYPE (CrmCardLoader, crm_card_loader, CRM, CARD_LOADER, GObject)

CrmCardLoader *crm_card_loader_new         (GtkWidget           *owner,
                                            const char          *kind,
                                            guint                max_matches,
                                            const char * const  *entities);
void           crm_card_loader_set_session (CrmCardLoader       *self,
                                            CrmSession          *session);
void           crm_card_loader_load        (CrmCardLoader       *self,
                                            gint64               id);
void           crm_card_loader_reload      (CrmCardLoader       *self);
void           crm_card_loader_stop        (CrmCardLoader       *self);
gint64         crm_card_loader_get_id      (CrmCardLoader       *self);

G_END_DECLS
