/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmError:
 * @CRM_ERROR_INVALID: the input does not pass validation; the message says what to fix
 * @CRM_ERROR_NOT_FOUND: the record named does not exist
 * @CRM_ERROR_CONFLICT: the change clashes with a record that exists
 * @CRM_ERROR_PERMISSION: the acting user may not do this
 * @CRM_ERROR_CHANGED: someone changed the record since it was read:
 *   nothing was saved, and the message says so
 *
 * Errors a user can act on. Messages are translated.
 */
typedef enum
{
  CRM_ERROR_INVALID,
  CRM_ERROR_NOT_FOUND,
  CRM_ERROR_CONFLICT,
  CRM_ERROR_PERMISSION,
  CRM_ERROR_CHANGED,
} CrmError;

#define CRM_ERROR (crm_error_quark ())

GQuark crm_error_quark (void);

G_END_DECLS
