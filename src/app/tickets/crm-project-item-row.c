/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-project-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-project-item-row.h"

/**
 * CrmProjectItemRow:
 *
 * One item of a project in its editor: material, quantity, unit, unit
 * price, the line's total as typed, and terms. A quantity or a price
 * that cannot be read is marked as it is typed, with the reason in its
 * tooltip; the line's total shows once both are read. Says
 * #CrmProjectItemRow::changed and #CrmProjectItemRow::remove.
 */
struct _CrmProjectItemRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkEntry      *material;
  GtkEntry      *quantity;
  GtkEntry      *unit;
  GtkEntry      *price;
  GtkLabel      *total;
  GtkEntry      *terms;
  GtkButton     *remove_button;

  gint64         id;         /* the stored item's, or 0 */
  gint64         line_total; /* -1 while quantity or price cannot be read */
};

G_DEFINE_FINAL_TYPE (CrmProjectItemRow, crm_project_item_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Marks @entry when its text, if any, cannot be read. */
static gboolean
check_number (GtkEntry *entry,
              gboolean  money,
              gint64   *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  gboolean read;

  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
      return FALSE;
    }
  read = money ? crm_project_parse_money (text, value, &error) : crm_project_parse_quantity (text, value, &error);
  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), read ? NULL : error->message);

  return read;
}

static void
field_changed_cb (CrmProjectItemRow *self)
{
  gint64 quantity = 0, price = 0;
  gboolean have_quantity = check_number (self->quantity, FALSE, &quantity);
  gboolean have_price = check_number (self->price, TRUE, &price);

  if (gtk_editable_get_text (GTK_EDITABLE (self->material))[0] != '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->material), "error");
  if (have_quantity && have_price)
    {
      CrmProjectItem line = { 0, 0, NULL, quantity, NULL, price, NULL };
      g_autofree char *text = NULL;

      self->line_total = crm_project_item_get_total (&line);
      text = crm_project_format_money (self->line_total);
      gtk_label_set_text (self->total, text);
    }
  else
    {
      self->line_total = -1;
      gtk_label_set_text (self->total, "—");
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (CrmProjectItemRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
crm_project_item_row_class_init (CrmProjectItemRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CrmProjectItemRow::changed:
   * @self: the row
   *
   * A field was changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * CrmProjectItemRow::remove:
   * @self: the row
   *
   * The user asked for the item to go.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-project-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, material);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, quantity);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, unit);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, price);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, total);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, terms);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectItemRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
crm_project_item_row_init (CrmProjectItemRow *self)
{
  self->line_total = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_project_item_row_new:
 * @item: (nullable): a stored item to show, or %NULL for a new one
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_project_item_row_new (const CrmProjectItem *item)
{
  CrmProjectItemRow *self = g_object_new (CRM_TYPE_PROJECT_ITEM_ROW, NULL);

  if (item != NULL)
    {
      g_autofree char *quantity = crm_project_format_quantity (item->quantity);
      g_autofree char *price = crm_project_format_money (item->price);

      self->id = item->id;
      gtk_editable_set_text (GTK_EDITABLE (self->material), item->material);
      gtk_editable_set_text (GTK_EDITABLE (self->quantity), quantity);
      gtk_editable_set_text (GTK_EDITABLE (self->unit), item->unit != NULL ? item->unit : "");
      gtk_editable_set_text (GTK_EDITABLE (self->price), price);
      gtk_editable_set_text (GTK_EDITABLE (self->terms), item->terms != NULL ? item->terms : "");
    }

  return GTK_WIDGET (self);
}

/**
 * crm_project_item_row_get_field:
 * @self: a #CrmProjectItemRow
 * @field: which
 *
 * Returns: (transfer none): the widget of @field, to line the columns
 *   up (#GtkSizeGroup) or to type into
 */
GtkWidget *
crm_project_item_row_get_field (CrmProjectItemRow   *self,
                                CrmProjectItemField  field)
{
  g_return_val_if_fail (CRM_IS_PROJECT_ITEM_ROW (self), NULL);

  switch (field)
    {
    case CRM_PROJECT_ITEM_FIELD_MATERIAL:
      return GTK_WIDGET (self->material);
    case CRM_PROJECT_ITEM_FIELD_QUANTITY:
      return GTK_WIDGET (self->quantity);
    case CRM_PROJECT_ITEM_FIELD_UNIT:
      return GTK_WIDGET (self->unit);
    case CRM_PROJECT_ITEM_FIELD_PRICE:
      return GTK_WIDGET (self->price);
    case CRM_PROJECT_ITEM_FIELD_TOTAL:
      return GTK_WIDGET (self->total);
    case CRM_PROJECT_ITEM_FIELD_TERMS:
      return GTK_WIDGET (self->terms);
    case CRM_PROJECT_ITEM_FIELD_REMOVE:
      return GTK_WIDGET (self->remove_button);
    case CRM_PROJECT_ITEM_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_project_item_row_is_blank:
 * @self: a #CrmProjectItemRow
 *
 * Returns: whether nothing is written in the row: it is left out
 */
gboolean
crm_project_item_row_is_blank (CrmProjectItemRow *self)
{
  GtkEntry *entries[] = { self->material, self->quantity, self->unit, self->price, self->terms };

  g_return_val_if_fail (CRM_IS_PROJECT_ITEM_ROW (self), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entries[i]))));

      if (*text != '\0')
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_project_item_row_get_total:
 * @self: a #CrmProjectItemRow
 *
 * Returns: the line's total in minor units, or -1 while its quantity
 *   or price cannot be read
 */
gint64
crm_project_item_row_get_total (CrmProjectItemRow *self)
{
  g_return_val_if_fail (CRM_IS_PROJECT_ITEM_ROW (self), -1);

  return self->line_total;
}

/**
 * crm_project_item_row_read:
 * @self: a #CrmProjectItemRow
 * @error: return location for a #GError
 *
 * Reads the item as written; the field at fault is marked.
 *
 * Returns: (transfer full): the item, with the stored item's id, or
 *   %NULL with @error saying what to correct
 */
CrmProjectItem *
crm_project_item_row_read (CrmProjectItemRow  *self,
                           GError            **error)
{
  g_autoptr(CrmProjectItem) item = NULL;
  gint64 quantity = 0, price = 0;
  GtkEntry *fault = NULL;

  g_return_val_if_fail (CRM_IS_PROJECT_ITEM_ROW (self), NULL);

  if (!crm_project_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->quantity)), &quantity, error))
    fault = self->quantity;
  else if (!crm_project_parse_money (gtk_editable_get_text (GTK_EDITABLE (self->price)), &price, error))
    fault = self->price;
  else
    {
      item = crm_project_item_new (gtk_editable_get_text (GTK_EDITABLE (self->material)), quantity,
                                   gtk_editable_get_text (GTK_EDITABLE (self->unit)), price,
                                   gtk_editable_get_text (GTK_EDITABLE (self->terms)));
      item->id = self->id;
      /* the numbers are read within their limits and the entries keep
       * the unit and the terms short: what is left is the material */
      if (!crm_project_item_check (item, error))
        fault = self->material;
    }
  if (fault != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (fault), "error");
      return NULL;
    }

  return g_steal_pointer (&item);
}
