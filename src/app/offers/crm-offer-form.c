/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "crm-offer-form.h"

/* What the offer editor and the search editor share: how a field at
 * fault is marked, said under its group and put right. */

/**
 * crm_offer_form_field_changed:
 * @field: a field of the form, typed into
 *
 * Typing again clears the marks of the field's group: a range is often
 * put right by its other bound.
 */
void
crm_offer_form_field_changed (GtkEditable *field)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (field));

  if (!gtk_widget_has_css_class (GTK_WIDGET (field), "error"))
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    gtk_widget_remove_css_class (row, "error");
  for (GtkWidget *next = gtk_widget_get_next_sibling (list); next != NULL; next = gtk_widget_get_next_sibling (next))
    if (GTK_IS_LABEL (next) && gtk_widget_has_css_class (next, "field-error"))
      gtk_widget_set_visible (next, FALSE);
}

/**
 * crm_offer_form_field_error:
 * @field: the field at fault
 * @label: the label under its group
 * @message: why
 * @first_message: (inout): the form's first message, set when %NULL
 * @first: (inout): whether no field was marked yet: the first gets the focus
 *
 * Marks @field and says why under its group.
 */
void
crm_offer_form_field_error (GtkWidget   *field,
                            GtkLabel    *label,
                            const char  *message,
                            char       **first_message,
                            gboolean    *first)
{
  const char *shown = gtk_label_get_label (label);
  g_autofree char *text = gtk_widget_get_visible (GTK_WIDGET (label)) && *shown != '\0'
                          ? g_strdup_printf ("%s\n%s", shown, message) : g_strdup (message);

  gtk_widget_add_css_class (field, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);

  if (*first_message == NULL)
    *first_message = g_strdup (message);
  if (*first)
    {
      gtk_widget_grab_focus (field);
      *first = FALSE;
    }
}

/* Takes every mark off the form's @fields and hides its @labels. */
void
crm_offer_form_clear_errors (GtkWidget **fields,
                             guint       n_fields,
                             GtkLabel  **labels,
                             guint       n_labels)
{
  for (guint i = 0; i < n_fields; i++)
    {
      gtk_widget_remove_css_class (fields[i], "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (fields[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  for (guint i = 0; i < n_labels; i++)
    {
      gtk_label_set_label (labels[i], "");
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), FALSE);
    }
}

/**
 * crm_offer_form_store_error:
 * @label: the form's label for what is not one field's
 * @message: the store's word, why the record was not saved
 * @shown: (inout): the form's message, replaced by @message
 *
 * Says what the form could not check itself.
 */
void
crm_offer_form_store_error (GtkLabel    *label,
                            const char  *message,
                            char       **shown)
{
  g_autofree char *copy = g_strdup (message);

  g_free (*shown);
  *shown = g_steal_pointer (&copy);
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}
