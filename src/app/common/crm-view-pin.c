/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-view-pin.h"

/**
 * crm_view_pin_clear:
 * @pin: a #CrmViewPin
 *
 * No view is shown any more: the list follows the bar.
 */
void
crm_view_pin_clear (CrmViewPin *pin)
{
  g_clear_pointer (&pin->filter, g_variant_unref);
  g_clear_pointer (&pin->shown, g_variant_unref);
  g_clear_pointer (&pin->name, g_free);
  if (pin->bar != NULL)
    gtk_widget_set_visible (pin->bar, FALSE);
}

/**
 * crm_view_pin_begin:
 * @pin: a #CrmViewPin
 * @view: the view to show
 *
 * The page sets its bar for @view now; until crm_view_pin_end(), every
 * change of the bar is the view's.
 */
void
crm_view_pin_begin (CrmViewPin   *pin,
                    CrmSavedView *view)
{
  crm_view_pin_clear (pin);
  pin->filter = g_variant_ref (crm_saved_view_get_filter (view));
  pin->name = g_strdup (crm_saved_view_get_name (view));
}

/**
 * crm_view_pin_end:
 * @pin: a #CrmViewPin
 * @shown: (transfer floating): the bar's filter now, as the module
 *   saves it
 *
 * The bar is set: the view is shown while the bar shows @shown.
 */
void
crm_view_pin_end (CrmViewPin *pin,
                  GVariant   *shown)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&pin->shown, g_variant_unref);
  pin->shown = g_variant_ref_sink (shown);
  if (pin->label != NULL)
    {
      /* Translators: above a list, the saved view it shows */
      text = g_strdup_printf (_("View: %s"), pin->name);
      gtk_label_set_text (pin->label, text);
    }
  if (pin->bar != NULL)
    gtk_widget_set_visible (pin->bar, TRUE);
}

/**
 * crm_view_pin_get:
 * @pin: a #CrmViewPin
 * @bar: (transfer floating): the bar's filter now
 *
 * Returns: (transfer none) (nullable): the view's filter, while the
 *   bar shows what it showed of it (or is being set for it); else
 *   %NULL, the view left
 */
GVariant *
crm_view_pin_get (CrmViewPin *pin,
                  GVariant   *bar)
{
  g_autoptr(GVariant) now = g_variant_ref_sink (bar);

  if (pin->filter == NULL)
    return NULL;
  if (pin->shown != NULL && !g_variant_equal (now, pin->shown))
    {
      crm_view_pin_clear (pin);
      return NULL;
    }

  return pin->filter;
}
