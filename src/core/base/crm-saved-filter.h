/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CRM_SAVED_FILTER_VERSION:
 *
 * The version of a saved filter's GVariant (FD4): an a{sv} whose
 * "version" (u) says how to read the other keys. A key's meaning never
 * changes within a version; a new key or meaning is a new version, and
 * a reader refuses a version newer than its own rather than read less
 * than was saved.
 */
#define CRM_SAVED_FILTER_VERSION 1

/**
 * CrmSavedFilterKey:
 * @key: a key of the filter's a{sv}
 * @type: the type of its value, as a GVariant type string
 *
 * One key a module's saved filter may hold.
 */
typedef struct
{
  const char *key;
  const char *type;
} CrmSavedFilterKey;

void     crm_saved_filter_init  (GVariantBuilder          *builder);
gboolean crm_saved_filter_check (GVariant                 *filter,
                                 const CrmSavedFilterKey  *keys,
                                 GError                  **error);

G_END_DECLS
