/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Stable names of the enumerations, for storage and crmctl. */

#include "crm-types.h"

G_BEGIN_DECLS

const char *_crm_enum_to_nick   (GType       type,
                                 int         value);
gboolean    _crm_enum_from_nick (GType       type,
                                 const char *text,
                                 int        *value);

G_END_DECLS
