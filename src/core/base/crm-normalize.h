/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *crm_normalize_email         (const char  *input,
                                         GError     **error);
char       *crm_normalize_mailbox       (const char  *input,
                                         char       **display_name,
                                         GError     **error);
char       *crm_normalize_phone         (const char  *input,
                                         const char  *country,
                                         GError     **error);
const char *crm_phone_country_code      (const char  *country);
gboolean    crm_phone_country_is_known  (const char  *country);
char       *crm_phone_country_dup_label (const char  *country);
const char * const *crm_phone_countries (void);
char *crm_normalize_search_text (const char *input);
char *crm_normalize_person_name (const char *name);

G_END_DECLS
