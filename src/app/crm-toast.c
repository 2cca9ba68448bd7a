/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-toast.h"

/**
 * crm_toast_new:
 * @text: what the toast says, as plain text
 *
 * A toast for any text: a client's name, a file's name from a mail, a
 * server's words. libadwaita 1.2 reads a toast's title as Pango markup,
 * so the text is escaped: "Smith & Sons" shows as written, and a name
 * that looks like markup stays text.
 *
 * Returns: (transfer floating): a new #AdwToast
 */
AdwToast *
crm_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (escaped);
}
