/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"

G_BEGIN_DECLS

#define CRM_FORM_SERVER_DEFAULT_ADDRESS "127.0.0.1"
#define CRM_FORM_SERVER_DEFAULT_PORT    8088

/**
 * CrmFormSettings:
 * @enabled: whether the office's engine serves the referral forms
 * @address: the address it listens on, "127.0.0.1" by default
 * @port: its port
 * @public_address: whether @address may be other than loopback
 * @trusted_proxy: (nullable): the reverse proxy's address, the only
 *   one whose X-Forwarded-For is believed
 *
 * The office's settings of the referral forms' server (in the
 * database: every desktop's engine reads the same).
 */
typedef struct
{
  gboolean       enabled;
  char          *address;
  guint          port;
  gboolean       public_address;
  char          *trusted_proxy;
} CrmFormSettings;

CrmFormSettings *crm_form_settings_load         (CrmSession             *session);
gboolean         crm_form_settings_save         (const CrmFormSettings  *settings,
                                                 CrmSession             *session,
                                                 GError                **error);
CrmFormSettings *crm_form_settings_copy         (const CrmFormSettings  *settings);
void             crm_form_settings_free         (CrmFormSettings        *settings);
gboolean         crm_form_settings_parse_listen (const char             *text,
                                                 char                  **address,
                                                 guint                  *port,
                                                 GError                **error);
gboolean         crm_form_address_is_loopback   (const char             *address);
gboolean         crm_form_settings_check        (const CrmFormSettings  *settings,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFormSettings, crm_form_settings_free)

G_END_DECLS
