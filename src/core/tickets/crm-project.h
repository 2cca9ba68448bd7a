/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The largest quantity (in thousandths) and unit price (in minor units)
 * an item takes: their product, and a project's total, stay exact in
 * 64 bits. */
#define CRM_PROJECT_QUANTITY_MAX G_GINT64_CONSTANT (999999999)
#define CRM_PROJECT_PRICE_MAX G_GINT64_CONSTANT (999999999)
#define CRM_PROJECT_ITEMS_MAX 500

#define CRM_TYPE_PROJECT_ITEM (crm_project_item_get_type ())
#define CRM_TYPE_PROJECT (crm_project_get_type ())

/**
 * CrmProjectItem:
 * @id: the item's id, or 0 for one not stored yet
 * @position: its place in the project, from 1
 * @material: what is made or supplied
 * @quantity: how much, in thousandths of @unit (2.5 m is 2500)
 * @unit: (nullable): the unit ("m", "pcs")
 * @price: the price of one unit, in minor units of the office's
 *   currency (12.50 is 1250)
 * @terms: (nullable): the item's terms (delivery, finish…)
 *
 * One line of a project's specification. Amounts are integers: no
 * rounding happens but the one of a line's total to the minor unit
 * (crm_project_item_get_total ()).
 */
typedef struct
{
  gint64  id;
  guint   position;
  char   *material;
  gint64  quantity;
  char   *unit;
  gint64  price;
  char   *terms;
} CrmProjectItem;

/**
 * CrmProject:
 * @id: the project's id
 * @ticket_id: the request it was made from
 * @name: its name
 * @closed: whether it is closed
 * @created_by: (nullable): who made it
 * @created_at: when, a Unix time
 * @closed_by: (nullable): who closed it
 * @closed_at: when, or 0 while open
 * @version: one more with every change: an editor saves only over the
 *   version it read
 * @n_items: how many items it has
 * @total: the sum of its items' totals, in minor units
 * @items: (nullable) (element-type CrmProjectItem): its items in order,
 *   when read whole (crm_project_store_get ()); %NULL in lists
 *
 * A project made from a sales request (RQ8, RQ13).
 */
typedef struct
{
  gint64     id;
  gint64     ticket_id;
  char      *name;
  gboolean   closed;
  char      *created_by;
  gint64     created_at;
  char      *closed_by;
  gint64     closed_at;
  gint64     version;
  guint      n_items;
  gint64     total;
  GPtrArray *items;
} CrmProject;

GType           crm_project_item_get_type  (void) G_GNUC_CONST;
CrmProjectItem *crm_project_item_new       (const char            *material,
                                            gint64                 quantity,
                                            const char            *unit,
                                            gint64                 price,
                                            const char            *terms);
CrmProjectItem *crm_project_item_copy      (const CrmProjectItem  *item);
void            crm_project_item_free      (CrmProjectItem        *item);
gint64          crm_project_item_get_total (const CrmProjectItem  *item);
gboolean        crm_project_item_check     (const CrmProjectItem  *item,
                                            GError               **error);

GType       crm_project_get_type  (void) G_GNUC_CONST;
CrmProject *crm_project_copy      (const CrmProject  *project);
void        crm_project_free      (CrmProject        *project);
const char *crm_project_status    (const CrmProject  *project);

gboolean crm_project_parse_money     (const char  *text,
                                      gint64      *minor,
                                      GError     **error);
gboolean crm_project_parse_quantity  (const char  *text,
                                      gint64      *thousandths,
                                      GError     **error);
char    *crm_project_format_money    (gint64       minor);
char    *crm_project_format_quantity (gint64       thousandths);
char    *crm_project_money_to_string (gint64       minor);
char    *crm_project_quantity_to_string (gint64    thousandths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmProjectItem, crm_project_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmProject, crm_project_free)

G_END_DECLS
