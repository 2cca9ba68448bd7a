/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"

G_DEFINE_QUARK (crm-error-quark, crm_error)
