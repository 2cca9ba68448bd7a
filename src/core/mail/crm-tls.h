/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean crm_tls_get_database (GTlsDatabase **database,
                               GError       **error);

G_END_DECLS
