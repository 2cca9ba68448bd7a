/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-account.h"
#include "crm-clock.h"
#include "crm-contact.h"
#include "crm-contact-list.h"
#include "crm-demo.h"
#include "crm-error.h"
#include "crm-history-entry.h"
#include "crm-normalize.h"
#include "crm-note.h"
#include "crm-outgoing-message.h"
#include "crm-secrets.h"
#include "crm-smtp-client.h"
#include "crm-store.h"
#include "crm-types.h"
#include "crm-user.h"
