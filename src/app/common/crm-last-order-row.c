/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-last-order-row"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-last-order-row.h"

/**
 * CrmLastOrderRow:
 *
 * The client's last order in the office's e-shop (TK7), on the contact
 * card and beside a ticket: "#1234 · 3 Dec 2026 · Completed · 120.50
 * EUR" and its items. It is looked up without blocking the card: a
 * spinner while the shop is asked; "no orders"; what went wrong, with
 * Retry, when the shop cannot be read; nothing at all when the office
 * has no shop. A late answer for the client shown before is dropped:
 * each lookup has its own cancellable, cancelled when the row shows
 * another client.
 */
struct _CrmLastOrderRow
{
  GtkWidget     parent_instance;

  /* template widgets */
  AdwActionRow *row;
  GtkWidget    *retry_button;

  /* owned: the row's prefix, there only while it shows something (an
   * empty one would indent the title) */
  GtkWidget    *prefix;
  GtkSpinner   *spinner;
  GtkImage     *icon;

  CrmSession   *session;
  GStrv         emails;
  GCancellable *looking;   /* the lookup under way, or the last one */
  CrmShopOrder *order;
  const char   *state;     /* "hidden", "looking", "order", "none", "failed" */
};

G_DEFINE_FINAL_TYPE (CrmLastOrderRow, crm_last_order_row, GTK_TYPE_WIDGET)

static void
show_state (CrmLastOrderRow *self,
            const char      *state,
            const char      *title,
            const char      *subtitle,
            const char      *icon_name)
{
  self->state = state;
  gtk_widget_set_visible (GTK_WIDGET (self), !g_str_equal (state, "hidden"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title != NULL ? title : "");
  adw_action_row_set_subtitle (self->row, subtitle != NULL ? subtitle : "");
  if ((g_str_equal (state, "looking") || icon_name != NULL) != (gtk_widget_get_parent (self->prefix) != NULL))
    {
      if (gtk_widget_get_parent (self->prefix) == NULL)
        adw_action_row_add_prefix (self->row, self->prefix);
      else
        adw_action_row_remove (self->row, self->prefix);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), g_str_equal (state, "looking"));
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "looking"));
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (self->retry_button, g_str_equal (state, "failed"));
  if (g_str_equal (state, "none"))
    gtk_widget_add_css_class (GTK_WIDGET (self->row), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->row), "dim-label");
}

static void
show_order (CrmLastOrderRow *self,
            CrmShopOrder    *order)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (crm_shop_order_get_created (order));
  /* Translators: the day of an order, see strftime(3): %-d is the day
   * without a leading zero, %b the month's short name */
  g_autofree char *day = g_date_time_format (local, _("%-d %b %Y"));
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  g_autofree char *items = crm_shop_order_dup_items_text (order);

  /* Translators: an order's total, then its currency: "120.50 EUR" */
  total = g_strdup_printf (_("%s %s"), crm_shop_order_get_total (order) ? crm_shop_order_get_total (order) : "",
                           crm_shop_order_get_currency (order) ? crm_shop_order_get_currency (order) : "");
  /* Translators: an order: its number, day, status and total */
  title = g_strdup_printf (_("#%s · %s · %s · %s"), crm_shop_order_get_number (order), day,
                           crm_shop_order_status_label (crm_shop_order_get_status (order)), g_strstrip (total));
  show_state (self, "order", title, items, NULL);
}

typedef struct
{
  GWeakRef      self;
  GCancellable *looking;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_weak_ref_clear (&lookup->self);
  g_object_unref (lookup->looking);
  g_free (lookup);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(CrmLastOrderRow) self = g_weak_ref_get (&lookup->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmShopOrder) order = crm_shop_store_last_order_finish (CRM_SHOP_STORE (object), result, &error);

  /* an answer for the client shown before, or for a row gone */
  if (self == NULL || lookup->looking != self->looking || g_cancellable_is_cancelled (lookup->looking))
    {
      lookup_free (lookup);
      return;
    }
  lookup_free (lookup);

  g_set_object (&self->order, order);
  if (g_error_matches (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NOT_CONFIGURED))
    show_state (self, "hidden", NULL, NULL, NULL);
  else if (g_error_matches (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS))
    show_state (self, "failed", _("The shop’s keys are not on this computer"), error->message,
                "dialog-password-symbolic");
  else if (g_error_matches (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_REFUSED))
    show_state (self, "failed", _("The shop refused the keys"), error->message, "dialog-warning-symbolic");
  else if (error != NULL)
    show_state (self, "failed", _("The shop cannot be reached"), error->message, "network-error-symbolic");
  else if (order == NULL)
    show_state (self, "none", _("No orders in the shop"), NULL, NULL);
  else
    show_order (self, order);
}

static void
look_up (CrmLastOrderRow *self,
         gboolean         fresh)
{
  Lookup *lookup;

  if (self->looking != NULL)
    g_cancellable_cancel (self->looking);
  g_clear_object (&self->looking);
  g_clear_object (&self->order);

  if (self->session == NULL || self->emails == NULL || self->emails[0] == NULL)
    {
      show_state (self, "hidden", NULL, NULL, NULL);
      return;
    }

  self->looking = g_cancellable_new ();
  show_state (self, "looking", _("Looking up the last order…"), NULL, NULL);
  lookup = g_new0 (Lookup, 1);
  g_weak_ref_init (&lookup->self, self);
  lookup->looking = g_object_ref (self->looking);
  crm_shop_store_last_order_async (crm_shop_store_from_session (self->session), (const char * const *) self->emails,
                                   fresh, self->looking, looked_up_cb, lookup);
}

static void
retry_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  look_up (CRM_LAST_ORDER_ROW (widget), TRUE);
}

static void
crm_last_order_row_dispose (GObject *object)
{
  CrmLastOrderRow *self = CRM_LAST_ORDER_ROW (object);
  GtkWidget *child;

  if (self->looking != NULL)
    g_cancellable_cancel (self->looking);
  g_clear_object (&self->looking);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_LAST_ORDER_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->order);
  g_clear_object (&self->prefix);

  G_OBJECT_CLASS (crm_last_order_row_parent_class)->dispose (object);
}

static void
crm_last_order_row_finalize (GObject *object)
{
  CrmLastOrderRow *self = CRM_LAST_ORDER_ROW (object);

  g_strfreev (self->emails);

  G_OBJECT_CLASS (crm_last_order_row_parent_class)->finalize (object);
}

static void
crm_last_order_row_class_init (CrmLastOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_last_order_row_dispose;
  object_class->finalize = crm_last_order_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-last-order-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmLastOrderRow, row);
  gtk_widget_class_bind_template_child (widget_class, CrmLastOrderRow, retry_button);
  gtk_widget_class_install_action (widget_class, "last-order.retry", NULL, retry_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_last_order_row_init (CrmLastOrderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = "hidden";
  self->prefix = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (self->prefix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->prefix), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (self->prefix), GTK_WIDGET (self->icon));
}

/**
 * crm_last_order_row_set_session:
 * @self: a #CrmLastOrderRow
 * @session: the window's session (its shop store keeps the answers
 *   every card shares)
 */
void
crm_last_order_row_set_session (CrmLastOrderRow *self,
                                CrmSession      *session)
{
  g_return_if_fail (CRM_IS_LAST_ORDER_ROW (self));
  g_return_if_fail (session == NULL || CRM_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    look_up (self, FALSE);
}

/**
 * crm_last_order_row_set_emails:
 * @self: a #CrmLastOrderRow
 * @emails: (nullable): the client's addresses; %NULL or none hides the row
 *
 * Shows the last order of another client: what was asked for the one
 * before is cancelled, and its answer never shows. The same addresses
 * again leave the row as it is.
 */
void
crm_last_order_row_set_emails (CrmLastOrderRow    *self,
                               const char * const *emails)
{
  g_return_if_fail (CRM_IS_LAST_ORDER_ROW (self));

  if (self->emails != NULL && emails != NULL && g_strv_equal ((const char * const *) self->emails, emails) &&
      !g_str_equal (self->state, "hidden") && !g_str_equal (self->state, "failed"))
    return;
  g_strfreev (self->emails);
  self->emails = g_strdupv ((char **) emails);
  look_up (self, FALSE);
}

/**
 * crm_last_order_row_get_state:
 * @self: a #CrmLastOrderRow
 *
 * Returns: what the row shows: "hidden", "looking", "order", "none"
 *   or "failed"
 */
const char *
crm_last_order_row_get_state (CrmLastOrderRow *self)
{
  g_return_val_if_fail (CRM_IS_LAST_ORDER_ROW (self), NULL);

  return self->state;
}

/**
 * crm_last_order_row_get_order:
 * @self: a #CrmLastOrderRow
 *
 * Returns: (transfer none) (nullable): the order shown
 */
CrmShopOrder *
crm_last_order_row_get_order (CrmLastOrderRow *self)
{
  g_return_val_if_fail (CRM_IS_LAST_ORDER_ROW (self), NULL);

  return self->order;
}
