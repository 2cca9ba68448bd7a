/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-match-row"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-match-row.h"

/**
 * CrmMatchRow:
 *
 * An offer held against a search (OF3), in a search's "Matching
 * offers" (the offer shown, with a tick to send it) or in an offer's
 * "Fits these searches" (the search and its client shown). A near miss
 * is marked and says what fails in its subtitle; expanded, the row
 * lists every criterion the search fills, passed or failed, with the
 * core's reason. An offer the search's client already got by mail is
 * marked, with when (issue 10, defect 14).
 */
struct _CrmMatchRow
{
  AdwExpanderRow  parent_instance;

  /* template widgets */
  GtkCheckButton *check;
  GtkWidget      *near_label;
  GtkLabel       *sent_label;
  GtkButton      *open_button;

  /* owned */
  CrmMatch       *match;
  gboolean        criteria_shown;
};

G_DEFINE_FINAL_TYPE (CrmMatchRow, crm_match_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
criterion_row (const CrmCriterion *criterion,
               gboolean            near_miss)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean passed = criterion->outcome == CRM_CRITERION_PASSED;
  GtkWidget *icon = gtk_image_new_from_icon_name (passed ? "object-select-symbolic" : "window-close-symbolic");

  gtk_widget_add_css_class (icon, passed ? "success" : near_miss ? "warning" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  passed ? _("Fits") : _("Does not fit"), -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion->reason);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* The header's title and subtitle (libadwaita's own labels, which
 * wrap) as lines that are cut with "…" instead: their lines are given,
 * and a wrapping label is measured again for every width GTK tries,
 * which made a card of twenty matches take longer than a frame to lay
 * out. The full texts are in the tooltip and in the criteria. */
static void
unwrap_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && (gtk_widget_has_css_class (child, "title") ||
                                   gtk_widget_has_css_class (child, "subtitle")))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_widget_set_tooltip_text (child, gtk_label_get_text (GTK_LABEL (child)));
        }
      else if (!GTK_IS_REVEALER (child))
        unwrap_labels (child);
    }
}

static void
fill (CrmMatchRow *self,
      gboolean     show_offer)
{
  CrmOffer *offer = crm_match_get_offer (self->match);
  CrmSearch *search = crm_match_get_search (self->match);
  gboolean near_miss = !crm_match_is_match (self->match);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *failed = near_miss ? crm_match_dup_reasons (self->match, TRUE) : NULL;

  if (show_offer)
    {
      g_autofree char *kind = crm_offer_dup_title (offer);
      g_autofree char *where = crm_offer_dup_location (offer);
      g_autofree char *summary = crm_offer_dup_summary (offer);

      /* Translators: an offer in a search's matches: number, title, location */
      title = g_strdup_printf (_("No. %lld · %s · %s"), (long long) crm_offer_get_id (offer), kind, where);
      subtitle = g_strdup (summary);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "win.show-offer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "x", crm_offer_get_id (offer));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), _("Open the Offer"));
    }
  else
    {
      /* Translators: a search in an offer's matches: the search's number and its client */
      title = g_strdup_printf (_("Search No. %lld · %s"), (long long) crm_search_get_id (search),
                               crm_search_get_client_name (search));
      subtitle = crm_search_dup_summary (search);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "win.show-search");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "x", crm_search_get_id (search));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), _("Open the Search"));
    }

  if (failed != NULL && *failed != '\0')
    {
      g_autofree char *joined = g_strdup_printf ("%s\n%s", subtitle, failed);

      g_free (subtitle);
      subtitle = g_steal_pointer (&joined);
    }
  if (crm_match_get_sent (self->match) != 0)
    {
      g_autofree char *when = crm_format_date_time (crm_match_get_sent (self->match));
      /* Translators: under a match: the search's client already got the offer; %s is a date */
      g_autofree char *sent = g_strdup_printf (_("Already sent to the client %s"), when);
      g_autofree char *joined = g_strdup_printf ("%s\n%s", subtitle, sent);

      g_free (subtitle);
      subtitle = g_steal_pointer (&joined);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sent_label), sent);
      gtk_widget_set_visible (GTK_WIDGET (self->sent_label), TRUE);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  unwrap_labels (GTK_WIDGET (self));
  gtk_widget_set_visible (self->near_label, near_miss);
  if (near_miss)
    gtk_widget_add_css_class (GTK_WIDGET (self), "near-miss");

}

/* The criteria, one row each, are made when the row is first opened:
 * a card lists up to a hundred matches, and eight wrapping rows under
 * each, measured though folded, made opening it take half a second. */
static void
expanded_cb (CrmMatchRow *self,
             GParamSpec  *pspec,
             gpointer     user_data)
{
  gboolean near_miss;

  if (self->criteria_shown || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;

  self->criteria_shown = TRUE;
  near_miss = !crm_match_is_match (self->match);
  for (guint k = 0; k < CRM_N_CRITERIA; k++)
    {
      const CrmCriterion *criterion = crm_match_get_criterion (self->match, k);

      if (criterion->outcome != CRM_CRITERION_ANY)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (self), criterion_row (criterion, near_miss));
    }
}

static void
check_active_cb (CrmMatchRow    *self,
                 GParamSpec     *pspec,
                 GtkCheckButton *check)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
crm_match_row_dispose (GObject *object)
{
  CrmMatchRow *self = CRM_MATCH_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_MATCH_ROW);
  g_clear_object (&self->match);

  G_OBJECT_CLASS (crm_match_row_parent_class)->dispose (object);
}

static void
crm_match_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmMatchRow *self = CRM_MATCH_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, crm_match_row_get_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_match_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CrmMatchRow *self = CRM_MATCH_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      crm_match_row_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_match_row_class_init (CrmMatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_match_row_dispose;
  object_class->get_property = crm_match_row_get_property;
  object_class->set_property = crm_match_row_set_property;

  /**
   * CrmMatchRow:active:
   *
   * Whether the offer is ticked to be sent.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-match-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMatchRow, check);
  gtk_widget_class_bind_template_child (widget_class, CrmMatchRow, near_label);
  gtk_widget_class_bind_template_child (widget_class, CrmMatchRow, sent_label);
  gtk_widget_class_bind_template_child (widget_class, CrmMatchRow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, check_active_cb);
}

static void
crm_match_row_init (CrmMatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_match_row_new:
 * @match: an offer against a search
 * @show_offer: %TRUE to show the offer (in a search), %FALSE to show
 *   the search (in an offer)
 * @selectable: whether the row has a tick, to send the offer
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_match_row_new (CrmMatch *match,
                   gboolean  show_offer,
                   gboolean  selectable)
{
  CrmMatchRow *self;

  g_return_val_if_fail (CRM_IS_MATCH (match), NULL);

  self = g_object_new (CRM_TYPE_MATCH_ROW, NULL);
  self->match = g_object_ref (match);
  gtk_widget_set_visible (GTK_WIDGET (self->check), selectable);
  fill (self, show_offer);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);

  return GTK_WIDGET (self);
}

/**
 * crm_match_row_get_match:
 * @self: a #CrmMatchRow
 *
 * Returns: (transfer none): the match shown
 */
CrmMatch *
crm_match_row_get_match (CrmMatchRow *self)
{
  g_return_val_if_fail (CRM_IS_MATCH_ROW (self), NULL);

  return self->match;
}

gboolean
crm_match_row_get_active (CrmMatchRow *self)
{
  g_return_val_if_fail (CRM_IS_MATCH_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
crm_match_row_set_active (CrmMatchRow *self,
                          gboolean     active)
{
  g_return_if_fail (CRM_IS_MATCH_ROW (self));

  /* the check button's notify says it */
  gtk_check_button_set_active (self->check, active);
}

/* a card shows this many matches at first, the rest when asked */
#define FIRST_ROWS 20

/**
 * crm_match_rows_bind:
 * @list: the card's list of matches
 * @more: the button under it that shows them all
 * @matches: (nullable): the matches, best first
 * @create: makes a row of a match
 * @user_data: for @create
 *
 * Shows the first twenty of @matches in @list, and @more ("Show All N
 * Matches") when there are more: each match is a row with its own
 * widgets, and a hundred of them took longer than a frame to lay out.
 */
void
crm_match_rows_bind (GtkListBox                 *list,
                     GtkButton                  *more,
                     GListModel                 *matches,
                     GtkListBoxCreateWidgetFunc  create,
                     gpointer                    user_data)
{
  g_autoptr(GtkSliceListModel) first = NULL;
  guint n = matches != NULL ? g_list_model_get_n_items (matches) : 0;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (GTK_IS_BUTTON (more));

  if (matches == NULL)
    {
      gtk_list_box_bind_model (list, NULL, NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (list), "crm-first-matches", NULL);
      gtk_widget_set_visible (GTK_WIDGET (more), FALSE);
      return;
    }

  first = gtk_slice_list_model_new (g_object_ref (matches), 0, FIRST_ROWS);
  g_object_set_data_full (G_OBJECT (list), "crm-first-matches", g_object_ref (first), g_object_unref);
  gtk_list_box_bind_model (list, G_LIST_MODEL (first), create, user_data, NULL);
  if (n > FIRST_ROWS)
    {
      /* Translators: under the first matches of a card; %u is how many there are (more than 20) */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show _All %u Matches",
                                                             "Show _All %u Matches", n), n);

      gtk_button_set_label (more, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (more), n > FIRST_ROWS);
}

/**
 * crm_match_rows_show_all:
 * @list: a list bound by crm_match_rows_bind()
 * @more: its button
 *
 * Shows every match, when the user asked for them.
 */
void
crm_match_rows_show_all (GtkListBox *list,
                         GtkButton  *more)
{
  GtkSliceListModel *first = g_object_get_data (G_OBJECT (list), "crm-first-matches");

  if (first != NULL)
    gtk_slice_list_model_set_size (first, G_MAXUINT);
  gtk_widget_set_visible (GTK_WIDGET (more), FALSE);
}
