/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-language-row.h"
#include "crm-offer-store.h"

/* A contact's language of mail (issue 10, defect 12) */

/**
 * crm_language_row_describe:
 * @session: the session
 * @contact_id: a contact
 *
 * Returns: (transfer full): the language mail to the contact is
 *   written in: "Polski", or "English (the office’s)"
 */
char *
crm_language_row_describe (CrmSession *session,
                           gint64      contact_id)
{
  g_autofree char *own = crm_offer_store_dup_contact_language (crm_offer_store_from_session (session), contact_id, NULL);
  g_autofree char *mail = crm_offer_store_dup_client_language (crm_offer_store_from_session (session), contact_id);

  if (own != NULL)
    return g_strdup (crm_language_get_name (mail));

  /* Translators: a contact's language of mail when they have none of their own; %s is a language's name */
  return g_strdup_printf (_("%s (the office’s)"), crm_language_get_name (mail));
}

/**
 * crm_language_row_fill:
 * @row: a combo row
 * @session: the session
 * @contact_id: the contact edited, or 0 for a new one
 *
 * Fills @row with "The office’s" and each language mail can be written
 * in, and selects the contact's.
 */
void
crm_language_row_fill (AdwComboRow *row,
                       CrmSession  *session,
                       gint64       contact_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *office = crm_offer_store_dup_office_language (crm_offer_store_from_session (session));
  g_autofree char *own = contact_id != 0 ? crm_offer_store_dup_contact_language (crm_offer_store_from_session (session), contact_id, NULL) : NULL;
  g_autofree char *office_text = NULL;
  const char * const *codes = crm_language_get_codes ();
  guint selected = 0;

  /* Translators: the first choice of a contact's language of mail; %s is a language's name */
  office_text = g_strdup_printf (_("The office’s: %s"), crm_language_get_name (office));
  gtk_string_list_append (names, office_text);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (names, crm_language_get_name (codes[i]));
      if (g_strcmp0 (own, codes[i]) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

/**
 * crm_language_row_get_code:
 * @row: a combo row filled by crm_language_row_fill()
 *
 * Returns: (nullable): the language chosen, or %NULL for the office's
 */
const char *
crm_language_row_get_code (AdwComboRow *row)
{
  const char * const *codes = crm_language_get_codes ();
  guint selected = adw_combo_row_get_selected (row);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= g_strv_length ((GStrv) codes))
    return codes[selected - 1];

  return NULL;
}
