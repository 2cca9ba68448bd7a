/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-ticket.h"
#include "crm-user.h"

G_BEGIN_DECLS

char *crm_template_expand (const char *template_text,
                           CrmTicket  *ticket,
                           CrmUser    *agent);

G_END_DECLS
