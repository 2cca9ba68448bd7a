/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

/**
 * CrmViewPin:
 * @bar: (nullable): the row above a list that names the view shown
 * @label: (nullable): its label
 * @filter: (nullable): the view's filter, whole, while it is shown
 * @shown: (nullable): what the list's filter bar showed of it
 * @name: (nullable): the view's name
 *
 * A saved view a list page shows (FD4): the list follows the view's
 * filter whole for as long as the page's filter bar shows what it
 * showed of it, though a view may hold more than the bar can show.
 * Part of the page; its widgets borrowed from the page's template.
 */
typedef struct
{
  GtkWidget *bar;
  GtkLabel  *label;
  GVariant  *filter;
  GVariant  *shown;
  char      *name;
} CrmViewPin;

void      crm_view_pin_clear (CrmViewPin   *pin);
void      crm_view_pin_begin (CrmViewPin   *pin,
                              CrmSavedView *view);
void      crm_view_pin_end   (CrmViewPin   *pin,
                              GVariant     *shown);
GVariant *crm_view_pin_get   (CrmViewPin   *pin,
                              GVariant     *bar);

G_END_DECLS
