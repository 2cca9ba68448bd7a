/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "crm-template-expand.h"
#include "crm-template-store.h"

/**
 * crm_template_expand:
 * @template_text: a template's text
 * @ticket: (nullable): the ticket it is used in
 * @agent: (nullable): the user who writes
 *
 * Fills in the placeholders (see the top of crm-template-store.c).
 *
 * Returns: (transfer full): the text to put in the composer
 */
char *
crm_template_expand (const char *template_text,
                     CrmTicket  *ticket,
                     CrmUser    *agent)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *number = ticket ? g_strdup_printf ("%lld", (long long) crm_ticket_get_id (ticket)) : NULL;
  g_autofree char *first_name = NULL;
  const char *client = NULL;

  g_return_val_if_fail (template_text != NULL, NULL);

  if (ticket != NULL)
    client = crm_ticket_get_client_name (ticket) ? crm_ticket_get_client_name (ticket)
                                                 : crm_ticket_get_client_address (ticket);
  if (client != NULL)
    first_name = g_strndup (client, strcspn (client, " @"));

  for (const char *p = template_text; *p; )
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      g_autofree char *name = close ? g_strndup (p + 1, close - p - 1) : NULL;
      const char *value = NULL;
      gboolean known = name != NULL && g_strv_contains ((const char * const *) crm_template_placeholders (), name);

      if (known)
        {
          if (g_str_equal (name, "client_name"))
            value = client;
          else if (g_str_equal (name, "client_first_name"))
            value = first_name;
          else if (g_str_equal (name, "ticket_number"))
            value = number;
          else if (g_str_equal (name, "ticket_subject"))
            value = ticket ? crm_ticket_get_subject (ticket) : NULL;
          else if (g_str_equal (name, "agent_name"))
            value = agent ? crm_user_get_name (agent) : NULL;

          g_string_append (out, value ? value : "");
          p = close + 1;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
