/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm.h"

/* Waiting on the main loop for what the mail engine does. */

static inline gboolean
crm_test_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for %s", (const char *) user_data);

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @engine is in @state (30 s at most). */
static inline void
crm_test_wait_for_state (CrmMailEngine *engine,
                         CrmMailState   state)
{
  guint timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "a mail engine state");

  while (crm_mail_engine_get_state (engine) != state)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}
