/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-list-row.h"

/**
 * crm_list_row_new:
 * @n_details: how many lines go under the title
 *
 * The child of a row in the pages' lazy lists (tickets, offers,
 * searches): a title, then @n_details smaller, dimmed lines, each cut
 * short with an ellipsis. The list's bind callback fills the labels in
 * order, from the box's first child.
 *
 * Returns: (transfer floating): the row's box
 */
GtkWidget *
crm_list_row_new (guint n_details)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i <= n_details; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (i > 0)
        {
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
        }
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

/**
 * crm_list_row_label_new:
 * @text: (nullable): what the label says
 * @style: (nullable): a style class ("title", "subtitle", …)
 *
 * A label of a row that never wraps: one line, ellipsized. Rows shown
 * as the window starts use these, since a wrapping label is laid out
 * again and again while the window takes its size.
 *
 * Returns: (transfer floating): the label
 */
GtkWidget *
crm_list_row_label_new (const char *text,
                        const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}
