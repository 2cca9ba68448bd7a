/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_OFFER_EDITOR (crm_offer_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmOfferEditor, crm_offer_editor, CRM, OFFER_EDITOR, AdwWindow)

CrmOfferEditor *crm_offer_editor_new       (CrmSession     *session,
                                            CrmOffer       *offer);
gboolean        crm_offer_editor_save      (CrmOfferEditor *self);
const char     *crm_offer_editor_get_error (CrmOfferEditor *self);

G_END_DECLS
