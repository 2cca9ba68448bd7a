/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language of one web request, chosen from the browser's
 * Accept-Language among the catalogues the application has, and the
 * page's strings looked up in it, whatever the process's own locale. */

#define CRM_CATALOGUE_DEFAULT_LANGUAGE "pl"

const char *crm_catalogue_negotiate (const char *accept_language);
const char *crm_catalogue_gettext   (const char *language,
                                     const char *msgid) G_GNUC_FORMAT (2);
const char *crm_catalogue_pgettext  (const char *language,
                                     const char *context,
                                     const char *msgid) G_GNUC_FORMAT (3);

G_END_DECLS
