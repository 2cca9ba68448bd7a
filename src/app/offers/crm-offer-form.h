/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void crm_offer_form_field_changed (GtkEditable  *field);
void crm_offer_form_store_error   (GtkLabel     *label,
                                   const char   *message,
                                   char        **shown);
void crm_offer_form_field_error   (GtkWidget    *field,
                                   GtkLabel     *label,
                                   const char   *message,
                                   char        **first_message,
                                   gboolean     *first);
void crm_offer_form_clear_errors  (GtkWidget   **fields,
                                   guint         n_fields,
                                   GtkLabel    **labels,
                                   guint         n_labels);

G_END_DECLS
