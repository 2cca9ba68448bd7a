/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-project"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-project.h"

/* Projects made from sales requests (RQ8, RQ13) and their items, as
 * values; and the numbers of a specification: money in minor units
 * (two decimals) and quantities in thousandths, read from what a user
 * types and written in the user's notation, never through floating
 * point. */

#define MATERIAL_MAX 500
#define UNIT_MAX 20
#define TERMS_MAX 1000

G_DEFINE_BOXED_TYPE (CrmProjectItem, crm_project_item, crm_project_item_copy, crm_project_item_free)
G_DEFINE_BOXED_TYPE (CrmProject, crm_project, crm_project_copy, crm_project_free)

/* Items */

/**
 * crm_project_item_new:
 * @material: what is made or supplied
 * @quantity: in thousandths of @unit
 * @unit: (nullable): the unit
 * @price: of one unit, in minor units
 * @terms: (nullable): the item's terms
 *
 * Returns: (transfer full): a new item, not stored yet; empty texts
 *   are kept as %NULL
 */
CrmProjectItem *
crm_project_item_new (const char *material,
                      gint64      quantity,
                      const char *unit,
                      gint64      price,
                      const char *terms)
{
  CrmProjectItem *item = g_new0 (CrmProjectItem, 1);

  item->material = g_strstrip (g_strdup (material != NULL ? material : ""));
  item->quantity = quantity;
  item->unit = unit != NULL && *unit != '\0' ? g_strstrip (g_strdup (unit)) : NULL;
  item->price = price;
  item->terms = terms != NULL && *terms != '\0' ? g_strstrip (g_strdup (terms)) : NULL;
  if (item->unit != NULL && *item->unit == '\0')
    g_clear_pointer (&item->unit, g_free);
  if (item->terms != NULL && *item->terms == '\0')
    g_clear_pointer (&item->terms, g_free);

  return item;
}

/**
 * crm_project_item_copy:
 * @item: an item
 *
 * Returns: (transfer full): a copy
 */
CrmProjectItem *
crm_project_item_copy (const CrmProjectItem *item)
{
  CrmProjectItem *copy = g_new0 (CrmProjectItem, 1);

  *copy = *item;
  copy->material = g_strdup (item->material);
  copy->unit = g_strdup (item->unit);
  copy->terms = g_strdup (item->terms);

  return copy;
}

/**
 * crm_project_item_free:
 * @item: (nullable): an item
 */
void
crm_project_item_free (CrmProjectItem *item)
{
  if (item == NULL)
    return;
  g_free (item->material);
  g_free (item->unit);
  g_free (item->terms);
  g_free (item);
}

/**
 * crm_project_item_get_total:
 * @item: an item
 *
 * The line's total: quantity times price, rounded half up to the minor
 * unit (1.5 × 0.01 is 0.02). The limits on both keep it exact.
 *
 * Returns: in minor units
 */
gint64
crm_project_item_get_total (const CrmProjectItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (item->quantity >= 0 && item->quantity <= CRM_PROJECT_QUANTITY_MAX, 0);
  g_return_val_if_fail (item->price >= 0 && item->price <= CRM_PROJECT_PRICE_MAX, 0);

  return (item->quantity * item->price + 500) / 1000;
}

/**
 * crm_project_item_check:
 * @item: an item
 * @error: return location for a #GError
 *
 * Whether the item can be stored: a material, a quantity above 0, a
 * price of 0 or more, each within its limits.
 *
 * Returns: %TRUE, or %FALSE with @error (%CRM_ERROR_INVALID) saying
 *   what to correct
 */
gboolean
crm_project_item_check (const CrmProjectItem  *item,
                        GError               **error)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (item->material == NULL || *item->material == '\0' || g_utf8_strlen (item->material, -1) > MATERIAL_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Name the item’s material (1 to %d characters)."), MATERIAL_MAX);
      return FALSE;
    }
  if (item->quantity <= 0 || item->quantity > CRM_PROJECT_QUANTITY_MAX)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter a quantity above 0 and below 1 000 000, with at most 3 decimals."));
      return FALSE;
    }
  if (item->price < 0 || item->price > CRM_PROJECT_PRICE_MAX)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Enter a price of 0 or more and below 10 000 000, with at most 2 decimals."));
      return FALSE;
    }
  if (item->unit != NULL && g_utf8_strlen (item->unit, -1) > UNIT_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the unit in at most %d characters."), UNIT_MAX);
      return FALSE;
    }
  if (item->terms != NULL && g_utf8_strlen (item->terms, -1) > TERMS_MAX)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the terms in at most %d characters."), TERMS_MAX);
      return FALSE;
    }

  return TRUE;
}

/* Projects */

/**
 * crm_project_copy:
 * @project: a project
 *
 * Returns: (transfer full): a copy, with copies of its items
 */
CrmProject *
crm_project_copy (const CrmProject *project)
{
  CrmProject *copy = g_new0 (CrmProject, 1);

  *copy = *project;
  copy->name = g_strdup (project->name);
  copy->created_by = g_strdup (project->created_by);
  copy->closed_by = g_strdup (project->closed_by);
  if (project->items != NULL)
    copy->items = g_ptr_array_copy (project->items, (GCopyFunc) crm_project_item_copy, NULL);
  if (copy->items != NULL)
    g_ptr_array_set_free_func (copy->items, (GDestroyNotify) crm_project_item_free);

  return copy;
}

/**
 * crm_project_free:
 * @project: (nullable): a project
 */
void
crm_project_free (CrmProject *project)
{
  if (project == NULL)
    return;
  g_free (project->name);
  g_free (project->created_by);
  g_free (project->closed_by);
  g_clear_pointer (&project->items, g_ptr_array_unref);
  g_free (project);
}

/**
 * crm_project_status:
 * @project: a project
 *
 * Returns: "open" or "closed", as crmctl and the database say it
 */
const char *
crm_project_status (const CrmProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->closed ? "closed" : "open";
}

/* Numbers */

typedef struct
{
  char  mark;     /* '.' or ',' */
  guint before;   /* how many digits came before it */
} Mark;

static gboolean
is_group_space (gunichar c)
{
  /* spaces, no-break spaces (U+00A0, U+202F), and apostrophes, as
   * people and locales group thousands */
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR || c == '\'' || c == 0x2019;
}

/* Reads a non-negative decimal number of at most @decimals decimals
 * into an integer of that many (2.5 with 3 decimals is 2500). A '.' or
 * ',' is the decimal separator when it is the last mark and the only
 * one of its kind; other marks group thousands, three digits apart.
 * Returns FALSE for anything else, or a number above @max. */
static gboolean
parse_decimal (const char *text,
               guint       decimals,
               gint64      max,
               gint64     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_autoptr(GArray) spaces = g_array_new (FALSE, FALSE, sizeof (guint));
  guint whole, fraction, same = 0;
  Mark *last;
  gint64 result = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == '.' || c == ',')
        {
          Mark mark = { (char) c, (guint) digits->len };

          g_array_append_val (marks, mark);
        }
      else if (is_group_space (c))
        {
          guint at = (guint) digits->len;

          g_array_append_val (spaces, at);
        }
      else
        return FALSE;
    }
  if (digits->len == 0)
    return FALSE;

  whole = digits->len;
  if (marks->len > 0)
    {
      last = &g_array_index (marks, Mark, marks->len - 1);
      for (guint i = 0; i < marks->len; i++)
        if (g_array_index (marks, Mark, i).mark == last->mark)
          same++;
      /* "1.5", "1 234,5", "1,234.50": the last mark is the decimal one */
      if (same == 1)
        whole = last->before;
      /* marks that group: three digits apart, none first */
      for (guint i = 0; i < marks->len - (same == 1 ? 1 : 0); i++)
        {
          Mark *mark = &g_array_index (marks, Mark, i);
          guint next = i + 1 < marks->len ? g_array_index (marks, Mark, i + 1).before : whole;

          if (mark->before == 0 || next - mark->before != 3 || (same == 1 && mark->mark == last->mark))
            return FALSE;
        }
    }
  fraction = digits->len - whole;
  if (fraction > decimals)
    return FALSE;
  /* spaces around the number and among the whole part's digits only */
  for (guint i = 0; i < spaces->len; i++)
    {
      guint at = g_array_index (spaces, guint, i);

      if (at > whole && at < digits->len)
        return FALSE;
    }

  for (guint i = 0; i < digits->len; i++)
    {
      if (result > max)
        return FALSE;
      result = result * 10 + (digits->str[i] - '0');
    }
  for (guint i = fraction; i < decimals; i++)
    {
      if (result > max)
        return FALSE;
      result *= 10;
    }
  if (result > max)
    return FALSE;
  *value = result;

  return TRUE;
}

/**
 * crm_project_parse_money:
 * @text: what the user wrote: "12.50", "1 234,5", "1,234.50"
 * @minor: (out): the amount in minor units
 * @error: return location for a #GError
 *
 * Reads a price: 0 or more, at most 2 decimals, with a '.' or ',' as
 * the decimal separator and spaces, '.' or ',' grouping thousands.
 *
 * Returns: %TRUE, or %FALSE with @error (%CRM_ERROR_INVALID)
 */
gboolean
crm_project_parse_money (const char  *text,
                         gint64      *minor,
                         GError     **error)
{
  g_return_val_if_fail (minor != NULL, FALSE);

  if (!parse_decimal (text, 2, CRM_PROJECT_PRICE_MAX, minor))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user wrote as a price */
                   _("“%s” is not a price: write 0 or more, below 10 000 000, with at most 2 decimals, as 12.50."),
                   text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_project_parse_quantity:
 * @text: what the user wrote: "2", "2.5", "0,125"
 * @thousandths: (out): the quantity in thousandths
 * @error: return location for a #GError
 *
 * Reads a quantity: above 0, at most 3 decimals, written as prices are
 * (crm_project_parse_money ()).
 *
 * Returns: %TRUE, or %FALSE with @error (%CRM_ERROR_INVALID)
 */
gboolean
crm_project_parse_quantity (const char  *text,
                            gint64      *thousandths,
                            GError     **error)
{
  g_return_val_if_fail (thousandths != NULL, FALSE);

  if (!parse_decimal (text, 3, CRM_PROJECT_QUANTITY_MAX, thousandths) || *thousandths == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user wrote as a quantity */
                   _("“%s” is not a quantity: write a number above 0 and below 1 000 000, with at most 3 decimals, "
                     "as 2.5."),
                   text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return FALSE;
    }

  return TRUE;
}

/* @value with @decimals decimals (of which trailing zeros beyond @keep
 * are dropped), its thousands apart by @group, its point @point. */
static char *
format_decimal (gint64      value,
                guint       decimals,
                guint       keep,
                const char *point,
                const char *group)
{
  g_autofree char *digits = g_strdup_printf ("%0*" G_GINT64_FORMAT, (int) decimals + 1, value);
  gsize len = strlen (digits);
  gsize whole = len - decimals;
  gsize end = len;
  GString *out = g_string_new (NULL);

  while (end > whole + keep && digits[end - 1] == '0')
    end--;
  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0 && group != NULL)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
  if (end > whole)
    {
      g_string_append (out, point);
      g_string_append_len (out, digits + whole, (gssize) (end - whole));
    }

  return g_string_free (out, FALSE);
}

/* The locale's decimal point and thousands separator; a no-break space
 * where it has none. */
static void
notation (const char **point,
          const char **group)
{
  struct lconv *conv = localeconv ();

  *point = conv->decimal_point != NULL && *conv->decimal_point != '\0' ? conv->decimal_point : ".";
  *group = conv->thousands_sep != NULL && *conv->thousands_sep != '\0' ? conv->thousands_sep : "\u00a0";
}

/**
 * crm_project_format_money:
 * @minor: an amount in minor units
 *
 * Returns: (transfer full): the amount as the user's locale writes
 *   it, always with 2 decimals: "1 234.50"
 */
char *
crm_project_format_money (gint64 minor)
{
  const char *point, *group;

  g_return_val_if_fail (minor >= 0, NULL);

  notation (&point, &group);

  return format_decimal (minor, 2, 2, point, group);
}

/**
 * crm_project_format_quantity:
 * @thousandths: a quantity in thousandths
 *
 * Returns: (transfer full): the quantity as the user's locale writes
 *   it, with the decimals it has: "2.5", "1 200"
 */
char *
crm_project_format_quantity (gint64 thousandths)
{
  const char *point, *group;

  g_return_val_if_fail (thousandths >= 0, NULL);

  notation (&point, &group);

  return format_decimal (thousandths, 3, 0, point, group);
}

/**
 * crm_project_money_to_string:
 * @minor: an amount in minor units
 *
 * Returns: (transfer full): the amount for scripts, whatever the
 *   locale: "1234.50"
 */
char *
crm_project_money_to_string (gint64 minor)
{
  g_return_val_if_fail (minor >= 0, NULL);

  return format_decimal (minor, 2, 2, ".", NULL);
}

/**
 * crm_project_quantity_to_string:
 * @thousandths: a quantity in thousandths
 *
 * Returns: (transfer full): the quantity for scripts: "2.5", "1200"
 */
char *
crm_project_quantity_to_string (gint64 thousandths)
{
  g_return_val_if_fail (thousandths >= 0, NULL);

  return format_decimal (thousandths, 3, 0, ".", NULL);
}
