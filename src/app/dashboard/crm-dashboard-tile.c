/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-dashboard-tile.h"
#include "crm-toast.h"

/**
 * CrmDashboardTile:
 *
 * One card of the dashboard: its title, its main figures (each a
 * button that opens the list behind it), a chart (#CrmChart) and, a
 * click away under it, the same numbers in a table whose rows open
 * their lists too. Its menu exports the table as CSV (UTF-8, a header
 * row), written off the main loop.
 */

typedef struct
{
  GStrv  cells;
  int    link;
  gint64 key;
  gint64 ticket_id;
} Row;

struct _CrmDashboardTile
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *box;
  GtkLabel      *title_label;
  GtkFlowBox    *figures_box;
  AdwBin        *chart_bin;
  GtkExpander   *table_expander;
  GtkGrid       *table_grid;

  /* owned */
  char          *name;
  char          *title;
  char          *file_name;
  char          *summary;
  GStrv          columns;
  GPtrArray     *rows;        /* Row */
  GPtrArray     *row_widgets; /* GtkWidget, the first cell of each row once built */
  GPtrArray     *figures;     /* char *, "label: value" */
  GFile         *export_file; /* tests: written without asking */
  gboolean       table_built;
};

G_DEFINE_FINAL_TYPE (CrmDashboardTile, crm_dashboard_tile, GTK_TYPE_WIDGET)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

/* The table, built when first shown */

static void
row_clicked_cb (GtkButton        *button,
                CrmDashboardTile *self)
{
  Row *row = g_object_get_data (G_OBJECT (button), "crm-row");

  if (row->ticket_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-ticket", "x", row->ticket_id);
  else if (row->link != CRM_DASHBOARD_NO_LINK)
    g_signal_emit (self, signals[LINK], 0, row->link, row->key, row->cells[0]);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), number ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (number)
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

static gboolean
is_number (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  if (*text == '-' || *text == '+')
    text++;

  return g_ascii_isdigit (*text);
}

static void
build_table (CrmDashboardTile *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  g_ptr_array_set_size (self->row_widgets, 0);

  for (guint c = 0; self->columns != NULL && self->columns[c] != NULL; c++)
    {
      /* a column of numbers has its header on the right, as they are */
      Row *first = self->rows->len > 0 ? g_ptr_array_index (self->rows, 0) : NULL;
      gboolean numbers = c > 0 && first != NULL && c < g_strv_length (first->cells) && is_number (first->cells[c]);
      GtkWidget *label = cell_label (self->columns[c], numbers);

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->table_grid, label, (int) c, 0, 1, 1);
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; row->cells[c] != NULL; c++)
        {
          GtkWidget *cell = cell_label (row->cells[c], c > 0 && is_number (row->cells[c]));

          if (c == 0 && (row->link != CRM_DASHBOARD_NO_LINK || row->ticket_id > 0))
            {
              GtkWidget *button = gtk_button_new ();

              gtk_button_set_child (GTK_BUTTON (button), cell);
              gtk_widget_add_css_class (button, "flat");
              gtk_widget_add_css_class (button, "dashboard-row");
              gtk_widget_set_tooltip_text (button, row->ticket_id > 0 ? _("Open the ticket")
                                                                      : _("Open the list behind this row"));
              g_object_set_data (G_OBJECT (button), "crm-row", row);
              g_signal_connect (button, "clicked", G_CALLBACK (row_clicked_cb), self);
              cell = button;
            }
          if (c == 0)
            g_ptr_array_add (self->row_widgets, cell);
          gtk_grid_attach (self->table_grid, cell, (int) c, (int) r + 1, 1, 1);
        }
    }
  if (self->rows->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing in this period."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->table_grid, label, 0, 1, MAX (1, (int) g_strv_length (self->columns)), 1);
    }
  self->table_built = TRUE;
}

static void
expanded_cb (CrmDashboardTile *self)
{
  if (gtk_expander_get_expanded (self->table_expander) && !self->table_built)
    build_table (self);
}

/* CSV */

static void
append_field (GString    *csv,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_line (GString            *csv,
             const char * const *fields)
{
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_field (csv, fields[i]);
    }
  g_string_append (csv, "\r\n");
}

/**
 * crm_dashboard_tile_to_csv:
 * @self: a #CrmDashboardTile
 *
 * Returns: (transfer full): the card's table as CSV (RFC 4180): its
 *   columns' header, then a line for each row
 */
char *
crm_dashboard_tile_to_csv (CrmDashboardTile *self)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  append_line (csv, (const char * const *) self->columns);
  for (guint r = 0; r < self->rows->len; r++)
    append_line (csv, (const char * const *) ((Row *) g_ptr_array_index (self->rows, r))->cells);

  return g_string_free (csv, FALSE);
}

static void
write_csv_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "crm-file");
  const char *csv = data;
  GError *error = NULL;

  if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
csv_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmDashboardTile *self = CRM_DASHBOARD_TILE (object);
  GFile *file = g_object_get_data (G_OBJECT (result), "crm-file");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: a card of the dashboard could not be saved */
    text = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
  else
    /* Translators: a card of the dashboard was saved as a file */
    text = g_strdup_printf (_("Exported “%s”"), name);
  crm_toast_show (GTK_WIDGET (self), text);
}

static void
write_csv (CrmDashboardTile *self,
           GFile            *file)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, csv_written_cb, NULL);

  g_task_set_source_tag (task, write_csv);
  g_object_set_data_full (G_OBJECT (task), "crm-file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, crm_dashboard_tile_to_csv (self), g_free);
  g_task_run_in_thread (task, write_csv_thread);
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     CrmDashboardTile *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        write_csv (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmDashboardTile *self = CRM_DASHBOARD_TILE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->export_file != NULL)
    {
      write_csv (self, self->export_file);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  suggested = g_strconcat (self->file_name, ".csv", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Figures */

static void
figure_clicked_cb (GtkButton        *button,
                   CrmDashboardTile *self)
{
  int link = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "crm-link"));
  gint64 *key = g_object_get_data (G_OBJECT (button), "crm-key");

  g_signal_emit (self, signals[LINK], 0, link, *key,
                 g_object_get_data (G_OBJECT (button), "crm-label"));
}

/**
 * crm_dashboard_tile_add_figure:
 * @self: a #CrmDashboardTile
 * @label: what it counts
 * @value: the number, formatted
 * @tooltip: (nullable): more about it
 * @link: the #CrmDashboardCard figure it opens, or
 *   %CRM_DASHBOARD_NO_LINK
 * @key: the link's key (an agent, a broker's form)
 *
 * Adds one of the main figures above the chart.
 */
void
crm_dashboard_tile_add_figure (CrmDashboardTile *self,
                               const char       *label,
                               const char       *value,
                               const char       *tooltip,
                               int               link,
                               gint64            key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *figure;

  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (caption, "caption");
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), caption);
  if (link != CRM_DASHBOARD_NO_LINK)
    {
      figure = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (figure), box);
      gtk_widget_add_css_class (figure, "flat");
      g_object_set_data (G_OBJECT (figure), "crm-link", GINT_TO_POINTER (link));
      g_object_set_data_full (G_OBJECT (figure), "crm-key", g_memdup2 (&key, sizeof key), g_free);
      g_object_set_data_full (G_OBJECT (figure), "crm-label", g_strdup (label), g_free);
      g_signal_connect (figure, "clicked", G_CALLBACK (figure_clicked_cb), self);
    }
  else
    figure = box;
  /* Translators: a dashboard's figure, printed: what it counts and the number */
  g_ptr_array_add (self->figures, g_strdup_printf (_("%s: %s"), label, value));
  gtk_widget_add_css_class (figure, "dashboard-figure");
  g_object_set_data_full (G_OBJECT (figure), "crm-value", g_strdup (value), g_free);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (figure, tooltip);
  gtk_flow_box_append (self->figures_box, figure);
}

guint
crm_dashboard_tile_get_n_figures (CrmDashboardTile *self)
{
  guint n = 0;

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/**
 * crm_dashboard_tile_get_figure:
 * @self: a #CrmDashboardTile
 * @i: which, in the order added
 *
 * Returns: (transfer none) (nullable): the figure's widget (a button
 *   when it opens a list); its "crm-value" data is its number's text
 */
GtkWidget *
crm_dashboard_tile_get_figure (CrmDashboardTile *self,
                               guint             i)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  child = gtk_flow_box_get_child_at_index (self->figures_box, (int) i);

  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

/* The card */

static void
crm_dashboard_tile_dispose (GObject *object)
{
  CrmDashboardTile *self = (CrmDashboardTile *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DASHBOARD_TILE);
  /* the template's top box, which no field holds */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_dashboard_tile_parent_class)->dispose (object);
}

static void
crm_dashboard_tile_finalize (GObject *object)
{
  CrmDashboardTile *self = (CrmDashboardTile *)object;

  g_free (self->name);
  g_free (self->title);
  g_free (self->file_name);
  g_free (self->summary);
  g_strfreev (self->columns);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->row_widgets);
  g_ptr_array_unref (self->figures);
  g_clear_object (&self->export_file);

  G_OBJECT_CLASS (crm_dashboard_tile_parent_class)->finalize (object);
}

/* A card asks for no more width than a chart needs, whatever its
 * figures in a row would take: the page's flow box fits as many columns
 * of cards as the window's width allows. */
#define NATURAL_WIDTH 400

static void
crm_dashboard_tile_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  CrmDashboardTile *self = CRM_DASHBOARD_TILE (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
crm_dashboard_tile_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  CrmDashboardTile *self = CRM_DASHBOARD_TILE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
crm_dashboard_tile_class_init (CrmDashboardTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_dashboard_tile_dispose;
  object_class->finalize = crm_dashboard_tile_finalize;

  /**
   * CrmDashboardTile::link:
   * @self: the card
   * @card: the #CrmDashboardCard figure clicked (a bar, a figure, a row)
   * @key: its key: an agent, a broker's form, or 0
   * @label: what it was called on the card
   *
   * Asks for the list behind a figure.
   */
  signals[LINK] =
    g_signal_new ("link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/dashboard/crm-dashboard-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, box);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, chart_bin);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, table_expander);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardTile, table_grid);
  gtk_widget_class_bind_template_callback (widget_class, expanded_cb);
  gtk_widget_class_install_action (widget_class, "card.export-csv", NULL, export_csv_action);
  widget_class->measure = crm_dashboard_tile_measure;
  widget_class->size_allocate = crm_dashboard_tile_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_dashboard_tile_init (CrmDashboardTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->row_widgets = g_ptr_array_new ();
  self->figures = g_ptr_array_new_with_free_func (g_free);
}

/**
 * crm_dashboard_tile_new:
 * @name: the card's name, for the code ("tickets", "sla"…)
 * @title: its title
 * @file_name: the name its CSV is suggested, without ".csv"
 *
 * Returns: (transfer floating): a new, empty card
 */
CrmDashboardTile *
crm_dashboard_tile_new (const char *name,
                        const char *title,
                        const char *file_name)
{
  CrmDashboardTile *self = g_object_new (CRM_TYPE_DASHBOARD_TILE, NULL);

  self->name = g_strdup (name);
  self->title = g_strdup (title);
  self->file_name = g_strdup (file_name);
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_name (GTK_WIDGET (self), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return self;
}

const char *
crm_dashboard_tile_get_name (CrmDashboardTile *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  return self->name;
}

const char *
crm_dashboard_tile_get_title (CrmDashboardTile *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  return self->title;
}

/**
 * crm_dashboard_tile_add_chart:
 * @self: a #CrmDashboardTile
 * @kind: its bars' kind
 * @label: what it shows, for assistive technologies
 *
 * Returns: (transfer none): the card's chart
 */
CrmChart *
crm_dashboard_tile_add_chart (CrmDashboardTile *self,
                              CrmChartKind      kind,
                              const char       *label)
{
  GtkWidget *chart = crm_chart_new (kind);

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_bin_set_child (self->chart_bin, chart);

  return CRM_CHART (chart);
}

/**
 * crm_dashboard_tile_get_chart:
 * @self: a #CrmDashboardTile
 *
 * Returns: (transfer none) (nullable): the card's chart
 */
CrmChart *
crm_dashboard_tile_get_chart (CrmDashboardTile *self)
{
  GtkWidget *chart;

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  chart = adw_bin_get_child (self->chart_bin);

  return chart != NULL ? CRM_CHART (chart) : NULL;
}

/**
 * crm_dashboard_tile_clear:
 * @self: a #CrmDashboardTile
 *
 * Takes away the figures, the chart's data and the table's rows, for
 * new ones.
 */
void
crm_dashboard_tile_clear (CrmDashboardTile *self)
{
  CrmChart *chart;
  GtkWidget *child;

  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
  g_ptr_array_set_size (self->figures, 0);
  if ((chart = crm_dashboard_tile_get_chart (self)) != NULL)
    crm_chart_clear (chart);
  g_ptr_array_set_size (self->rows, 0);
  self->table_built = FALSE;
}

void
crm_dashboard_tile_set_columns (CrmDashboardTile   *self,
                                const char * const *columns)
{
  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);
}

/**
 * crm_dashboard_tile_add_row:
 * @self: a #CrmDashboardTile
 * @cells: (array zero-terminated=1): the row's cells, formatted
 * @link: what a click on it opens, or %CRM_DASHBOARD_NO_LINK
 * @key: the link's key
 * @ticket_id: a ticket a click opens instead, or 0
 */
void
crm_dashboard_tile_add_row (CrmDashboardTile   *self,
                            const char * const *cells,
                            int                 link,
                            gint64              key,
                            gint64              ticket_id)
{
  Row *row;

  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  row = g_new0 (Row, 1);
  row->cells = g_strdupv ((char **) cells);
  row->link = link;
  row->key = key;
  row->ticket_id = ticket_id;
  g_ptr_array_add (self->rows, row);
}

/**
 * crm_dashboard_tile_update:
 * @self: a #CrmDashboardTile
 * @summary: its numbers in words, for assistive technologies
 *
 * Shows the figures, rows and chart data set since
 * crm_dashboard_tile_clear(); the table is built when it is shown.
 */
void
crm_dashboard_tile_update (CrmDashboardTile *self,
                           const char       *summary)
{
  CrmChart *chart;

  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
  if ((chart = crm_dashboard_tile_get_chart (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  self->table_built = FALSE;
  if (gtk_expander_get_expanded (self->table_expander))
    build_table (self);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_box), self->figures->len > 0);
}

const char * const *
crm_dashboard_tile_get_columns (CrmDashboardTile *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  return (const char * const *) self->columns;
}

guint
crm_dashboard_tile_get_n_rows (CrmDashboardTile *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), 0);

  return self->rows->len;
}

const char * const *
crm_dashboard_tile_get_row (CrmDashboardTile *self,
                            guint             i)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);

  return (const char * const *) ((Row *) g_ptr_array_index (self->rows, i))->cells;
}

/**
 * crm_dashboard_tile_get_row_widget:
 * @self: a #CrmDashboardTile
 * @i: a row
 *
 * The row's first cell in the table (a button when the row opens
 * something), the table opened and built.
 *
 * Returns: (transfer none): the widget
 */
GtkWidget *
crm_dashboard_tile_get_row_widget (CrmDashboardTile *self,
                                   guint             i)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  gtk_expander_set_expanded (self->table_expander, TRUE);
  if (!self->table_built)
    build_table (self);
  g_return_val_if_fail (i < self->row_widgets->len, NULL);

  return g_ptr_array_index (self->row_widgets, i);
}

/**
 * crm_dashboard_tile_get_figures_text:
 * @self: a #CrmDashboardTile
 *
 * Returns: (transfer full): the card's main figures on one line
 */
char *
crm_dashboard_tile_get_figures_text (CrmDashboardTile *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  for (guint i = 0; i < self->figures->len; i++)
    {
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, g_ptr_array_index (self->figures, i));
    }

  return g_strdup (text->str);
}

const char *
crm_dashboard_tile_get_summary (CrmDashboardTile *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_TILE (self), NULL);

  return self->summary;
}

/**
 * crm_dashboard_tile_set_export_file:
 * @self: a #CrmDashboardTile
 * @file: (nullable): where "Export CSV…" writes without asking (tests),
 *   or %NULL to ask
 */
void
crm_dashboard_tile_set_export_file (CrmDashboardTile *self,
                                    GFile            *file)
{
  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  g_set_object (&self->export_file, file);
}

/**
 * crm_dashboard_tile_set_file_name:
 * @self: a #CrmDashboardTile
 * @file_name: the name its CSV is suggested, without ".csv"
 */
void
crm_dashboard_tile_set_file_name (CrmDashboardTile *self,
                                  const char       *file_name)
{
  g_return_if_fail (CRM_IS_DASHBOARD_TILE (self));

  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
}
