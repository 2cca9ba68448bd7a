/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_pesel_check        (const char  *pesel,
                                  GDate      **birth_date,
                                  GError     **error);
gboolean  crm_id_card_check      (const char  *number,
                                  GError     **error);
char     *crm_id_card_normalize  (const char  *number);
char     *crm_referral_fold_name (const char  *name);
char     *crm_referral_mask      (const char  *identifier);

G_END_DECLS
