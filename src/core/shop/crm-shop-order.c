/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-shop"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-shop-client.h"
#include "crm-shop-private.h"

/**
 * CrmShopOrder:
 *
 * One order of the office's e-shop as its REST API gave it (TK7):
 * the fields the client's card shows. Immutable.
 */
struct _CrmShopOrder
{
  GObject    parent_instance;

  gint64     id;
  char      *number;
  char      *status;
  GDateTime *created;      /* UTC */
  char      *total;
  char      *currency;
  char      *email;
  gint64     customer_id;  /* 0 for a guest */
  GPtrArray *names;        /* of the line items, entities decoded */
  GArray    *quantities;   /* gint64, one a name */
};

G_DEFINE_FINAL_TYPE (CrmShopOrder, crm_shop_order, G_TYPE_OBJECT)

static void
crm_shop_order_finalize (GObject *object)
{
  CrmShopOrder *self = (CrmShopOrder *)object;

  g_free (self->number);
  g_free (self->status);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->total);
  g_free (self->currency);
  g_free (self->email);
  g_ptr_array_unref (self->names);
  g_array_unref (self->quantities);

  G_OBJECT_CLASS (crm_shop_order_parent_class)->finalize (object);
}

static void
crm_shop_order_class_init (CrmShopOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_shop_order_finalize;
}

static void
crm_shop_order_init (CrmShopOrder *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->quantities = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Entities WordPress writes into product names ("Ship Your Idea
 * &ndash; Color: Black"); numeric ones are decoded whatever they are. */
static const struct
{
  const char *name;
  const char *text;
} named_entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\u00a0" }, { "ndash", "–" }, { "mdash", "—" }, { "times", "×" },
  { "hellip", "…" }, { "lsquo", "‘" }, { "rsquo", "’" }, { "ldquo", "“" },
  { "rdquo", "”" }, { "laquo", "«" }, { "raquo", "»" }, { "euro", "€" },
  { "reg", "®" }, { "copy", "©" }, { "trade", "™" }, { "deg", "°" },
};

char *
_crm_shop_decode_entities (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0';)
    {
      const char *semicolon = *p == '&' ? strchr (p, ';') : NULL;
      gboolean done = FALSE;

      if (semicolon != NULL && semicolon - p <= 10)
        {
          g_autofree char *name = g_strndup (p + 1, semicolon - p - 1);

          if (name[0] == '#')
            {
              char *end = NULL;
              gboolean hex = name[1] == 'x' || name[1] == 'X';
              guint64 code = g_ascii_strtoull (name + (hex ? 2 : 1), &end, hex ? 16 : 10);

              if (end != NULL && *end == '\0' && end != name + (hex ? 2 : 1) && code > 0 &&
                  g_unichar_validate ((gunichar) code))
                {
                  g_string_append_unichar (out, (gunichar) code);
                  done = TRUE;
                }
            }
          else
            for (guint i = 0; i < G_N_ELEMENTS (named_entities) && !done; i++)
              if (g_str_equal (name, named_entities[i].name))
                {
                  g_string_append (out, named_entities[i].text);
                  done = TRUE;
                }
        }
      if (done)
        p = semicolon + 1;
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Integers, also as text (some shops' plugins turn them into strings). */
static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      *value = (gint64) json_node_get_double (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, value, NULL);

  return FALSE;
}

/* "2017-03-22T19:28:02", as the REST API writes its times: the _gmt
 * field in UTC, else the shop's own time taken as UTC. */
static GDateTime *
parse_time (JsonObject *object)
{
  static const char *names[] = { "date_created_gmt", "date_created" };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = member_string (object, names[i]);
      GDateTime *time = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

      if (time != NULL)
        return time;
    }

  return NULL;
}

CrmShopOrder *
_crm_shop_order_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CrmShopOrder) self = g_object_new (CRM_TYPE_SHOP_ORDER, NULL);
  JsonNode *billing = json_object_get_member (object, "billing");
  JsonNode *items = json_object_get_member (object, "line_items");
  const char *number = member_string (object, "number");

  if (!member_int (object, "id", &self->id) || !(self->created = parse_time (object)))
    {
      g_set_error_literal (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_BAD_ANSWER,
                           _("The shop answered with an order that has no number or date: "
                             "is the address that of a WooCommerce shop?"));
      return NULL;
    }
  self->number = number != NULL && *number != '\0' ? g_strdup (number) : g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  self->status = g_strdup (member_string (object, "status"));
  self->total = g_strdup (member_string (object, "total"));
  self->currency = g_strdup (member_string (object, "currency"));
  member_int (object, "customer_id", &self->customer_id);
  if (billing != NULL && JSON_NODE_HOLDS_OBJECT (billing))
    self->email = g_strdup (member_string (json_node_get_object (billing), "email"));

  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *name;
          gint64 quantity = 1;

          if (!JSON_NODE_HOLDS_OBJECT (item) || !(name = member_string (json_node_get_object (item), "name")))
            continue;
          member_int (json_node_get_object (item), "quantity", &quantity);
          g_ptr_array_add (self->names, _crm_shop_decode_entities (name));
          g_array_append_val (self->quantities, quantity);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * crm_shop_order_get_id:
 * @self: a #CrmShopOrder
 *
 * Returns: the order's id in the shop
 */
gint64
crm_shop_order_get_id (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), 0);

  return self->id;
}

/**
 * crm_shop_order_get_number:
 * @self: a #CrmShopOrder
 *
 * Returns: the order's number, as the shop shows it to the client
 */
const char *
crm_shop_order_get_number (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->number;
}

/**
 * crm_shop_order_get_status:
 * @self: a #CrmShopOrder
 *
 * Returns: (nullable): WooCommerce's status: pending, processing,
 *   on-hold, completed, cancelled, refunded, failed… (see
 *   crm_shop_order_status_label())
 */
const char *
crm_shop_order_get_status (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->status;
}

/**
 * crm_shop_order_get_created:
 * @self: a #CrmShopOrder
 *
 * Returns: (transfer none): when the order was placed, in UTC
 */
GDateTime *
crm_shop_order_get_created (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->created;
}

/**
 * crm_shop_order_get_total:
 * @self: a #CrmShopOrder
 *
 * Returns: (nullable): the total as the shop wrote it ("120.50")
 */
const char *
crm_shop_order_get_total (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->total;
}

/**
 * crm_shop_order_get_currency:
 * @self: a #CrmShopOrder
 *
 * Returns: (nullable): the ISO 4217 code of the order's currency
 */
const char *
crm_shop_order_get_currency (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->currency;
}

/**
 * crm_shop_order_get_email:
 * @self: a #CrmShopOrder
 *
 * Returns: (nullable): the billing address's e-mail
 */
const char *
crm_shop_order_get_email (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  return self->email;
}

/**
 * crm_shop_order_get_customer_id:
 * @self: a #CrmShopOrder
 *
 * Returns: the shop's customer who placed it, 0 for a guest
 */
gint64
crm_shop_order_get_customer_id (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), 0);

  return self->customer_id;
}

/**
 * crm_shop_order_get_n_items:
 * @self: a #CrmShopOrder
 *
 * Returns: how many line items the order has
 */
guint
crm_shop_order_get_n_items (CrmShopOrder *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), 0);

  return self->names->len;
}

/**
 * crm_shop_order_get_item:
 * @self: a #CrmShopOrder
 * @index: a line item, below crm_shop_order_get_n_items()
 * @quantity: (out) (optional): how many were ordered
 *
 * Returns: the product's name
 */
const char *
crm_shop_order_get_item (CrmShopOrder *self,
                         guint         index,
                         gint64       *quantity)
{
  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);
  g_return_val_if_fail (index < self->names->len, NULL);

  if (quantity != NULL)
    *quantity = g_array_index (self->quantities, gint64, index);

  return g_ptr_array_index (self->names, index);
}

/**
 * crm_shop_order_dup_items_text:
 * @self: a #CrmShopOrder
 *
 * Returns: (transfer full): the items in one line, "2 × Chair, 1 × Table"
 */
char *
crm_shop_order_dup_items_text (CrmShopOrder *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_SHOP_ORDER (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    {
      if (i > 0)
        /* Translators: between the line items of an order, "2 × Chair, 1 × Table" */
        g_string_append (text, _(", "));
      /* Translators: one line item of an order: a quantity, then the product's name */
      g_string_append_printf (text, _("%d × %s"), (int) CLAMP (g_array_index (self->quantities, gint64, i), G_MININT, G_MAXINT),
                              (const char *) g_ptr_array_index (self->names, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * crm_shop_order_status_label:
 * @status: (nullable): WooCommerce's status of an order
 *
 * Returns: the status as users read it, translated; an unknown status
 *   (a shop's plugin may add its own) as the shop wrote it
 */
const char *
crm_shop_order_status_label (const char *status)
{
  static const struct
  {
    const char *status;
    const char *label;
  } labels[] = {
    /* Translators: statuses of an order in the e-shop (WooCommerce's) */
    { "pending", N_("Pending Payment") },
    { "processing", N_("Processing") },
    { "on-hold", N_("On Hold") },
    { "completed", N_("Completed") },
    { "cancelled", N_("Cancelled") },
    { "refunded", N_("Refunded") },
    { "failed", N_("Failed") },
    { "trash", N_("Deleted") },
    { "checkout-draft", N_("Draft") },
  };

  if (status == NULL)
    return _("Unknown");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (status, labels[i].status))
      return _(labels[i].label);

  return status;
}
