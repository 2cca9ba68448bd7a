/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages the office writes to clients in, and the application's
 * catalogues read in any of them, whatever the user's own language. */

const char * const *crm_language_get_codes   (void);
gboolean    crm_language_is_known (const char *code);
const char *crm_language_get_name (const char *code);
const char *crm_language_gettext  (const char *language,
                                   const char *msgid) G_GNUC_FORMAT (2);
const char         *crm_language_ngettext    (const char *language,
                                              const char *msgid,
                                              const char *msgid_plural,
                                              gulong      n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);
const char *crm_language_pgettext (const char *language,
                                   const char *context,
                                   const char *msgid) G_GNUC_FORMAT (3);

G_END_DECLS
