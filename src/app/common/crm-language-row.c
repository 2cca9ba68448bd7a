/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-language-row.h"
#include "crm-offer-store.h"
#include "crm-widget-write.h"

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

static gboolean
read_own (CrmSession    *reader,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 contact_id = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) local_error = NULL;
  char *own = crm_offer_store_dup_contact_language (crm_offer_store_from_session (reader), contact_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* none of their own: the empty string */
  *result = own != NULL ? own : g_strdup ("");

  return TRUE;
}

static void
select_code (AdwComboRow *row,
             const char  *code)
{
  const char * const *codes = crm_language_get_codes ();
  guint selected = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (code, codes[i]) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "crm-language-initial", GUINT_TO_POINTER (selected));
}

static void
own_read_cb (GtkWidget    *widget,
             gpointer      result,
             const GError *error)
{
  AdwComboRow *row = ADW_COMBO_ROW (widget);

  if (result == NULL)
    {
      /* left as it was read: unchanged unless chosen */
      g_warning ("Reading a contact’s language of mail failed: %s", error->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      return;
    }
  select_code (row, result);
  gtk_widget_set_sensitive (GTK_WIDGET (row), TRUE);
}

/**
 * crm_language_row_fill:
 * @row: a combo row
 * @session: the session
 * @contact_id: the contact edited, or 0 for a new one
 *
 * Fills @row with "The office’s" and each language mail can be written
 * in, and selects the contact's, read on a worker: until then the row
 * cannot be changed (crm_language_row_get_changed() says %FALSE).
 */
void
crm_language_row_fill (AdwComboRow *row,
                       CrmSession  *session,
                       gint64       contact_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *office = crm_offer_store_dup_office_language (crm_offer_store_from_session (session));
  g_autofree char *office_text = NULL;
  const char * const *codes = crm_language_get_codes ();

  /* Translators: the first choice of a contact's language of mail; %s is a language's name */
  office_text = g_strdup_printf (_("The office’s: %s"), crm_language_get_name (office));
  gtk_string_list_append (names, office_text);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (names, crm_language_get_name (codes[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  select_code (row, NULL);
  if (contact_id != 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
      crm_widget_read (GTK_WIDGET (row), session, read_own, GSIZE_TO_POINTER ((gsize) contact_id), NULL, g_free,
                       NULL, own_read_cb);
    }
}

/**
 * crm_language_row_get_changed:
 * @row: a combo row filled by crm_language_row_fill()
 *
 * Returns: whether the user chose another language than the contact's
 */
gboolean
crm_language_row_get_changed (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row) !=
         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "crm-language-initial"));
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
