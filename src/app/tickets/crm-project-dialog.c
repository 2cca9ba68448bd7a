/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-project-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-project-dialog.h"
#include "crm-project-item-row.h"
#include "crm-widget-write.h"

/**
 * CrmProjectDialog:
 *
 * "Create Project…" from a request (RQ8): the project's name first,
 * then its items, one row each (material, quantity, unit, unit price,
 * terms), added and removed, with each line's total and the project's
 * as they are typed. Opened on a stored project, the same editor shows
 * its items and saves over the version it read; a closed project is
 * shown, not changed. Saved off the main thread: what the database
 * refuses is said in the dialog, with nothing typed lost. Says
 * #CrmProjectDialog::saved.
 */
struct _CrmProjectDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  GtkStack       *stack;
  GtkListBox     *items;
  GtkLabel       *price_heading;
  GtkLabel       *total_heading;
  GtkLabel       *total_label;
  GtkLabel       *error_label;
  GtkSizeGroup   *material_group;
  GtkSizeGroup   *quantity_group;
  GtkSizeGroup   *unit_group;
  GtkSizeGroup   *price_group;
  GtkSizeGroup   *total_group;
  GtkSizeGroup   *terms_group;
  GtkSizeGroup   *remove_group;

  /* owned */
  CrmSession     *session;
  char           *currency;

  gint64          ticket_id;
  gint64          project_id;   /* 0: a new project */
  gint64          version;      /* the stored project's, as read */
  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (CrmProjectDialog, crm_project_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CrmProjectDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GPtrArray *
item_rows (CrmProjectDialog *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->items)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CRM_IS_PROJECT_ITEM_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

/* The project's total: the lines that can be read. */
static void
update_total (CrmProjectDialog *self)
{
  g_autoptr(GPtrArray) rows = item_rows (self);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  gint64 sum = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 line = crm_project_item_row_get_total (g_ptr_array_index (rows, i));

      if (line > 0)
        sum += line;
    }
  amount = crm_project_format_money (sum);
  /* Translators: under a project's items: the total and the currency */
  text = g_strdup_printf (_("Total: %s %s"), amount, self->currency);
  gtk_label_set_text (self->total_label, text);
}

/* what the last save refused is no longer what is written */
static void
row_changed_cb (CrmProjectDialog *self)
{
  show_error (self, NULL);
  update_total (self);
}

static void
row_remove_cb (CrmProjectDialog  *self,
               CrmProjectItemRow *row)
{
  gtk_list_box_remove (self->items, GTK_WIDGET (row));
  show_error (self, NULL);
  update_total (self);
}

static GtkWidget *
add_row (CrmProjectDialog     *self,
         const CrmProjectItem *item)
{
  GtkWidget *row = crm_project_item_row_new (item);
  GtkSizeGroup *groups[CRM_PROJECT_ITEM_N_FIELDS] = {
    self->material_group, self->quantity_group, self->unit_group, self->price_group,
    self->total_group, self->terms_group, self->remove_group,
  };

  for (guint f = 0; f < CRM_PROJECT_ITEM_N_FIELDS; f++)
    gtk_size_group_add_widget (groups[f], crm_project_item_row_get_field (CRM_PROJECT_ITEM_ROW (row), f));
  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->items, row);

  return row;
}

static char *
dup_name (CrmProjectDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* The step the dialog is at: its button and its title. */
static void
show_step (CrmProjectDialog *self,
           const char       *step)
{
  gboolean items = g_str_equal (step, "items");
  g_autofree char *name = dup_name (self);

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_button_set_label (self->save_button, !items ? _("_Next") : self->project_id == 0 ? _("_Create") : _("_Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), items ? "project.save" : "project.next");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "project.next", !items && *name != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "project.save", items && !self->saving);
}

static void
name_changed_cb (CrmProjectDialog *self)
{
  g_autofree char *name = dup_name (self);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "name"))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "project.next", *name != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (widget);
  g_autofree char *name = dup_name (self);
  g_autoptr(GPtrArray) rows = NULL;

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      show_error (self, _("Name the project first."));
      return;
    }
  show_error (self, NULL);
  show_step (self, "items");
  rows = item_rows (self);
  if (rows->len == 0)
    gtk_widget_grab_focus (crm_project_item_row_get_field (CRM_PROJECT_ITEM_ROW (add_row (self, NULL)),
                                                           CRM_PROJECT_ITEM_FIELD_MATERIAL));
}

static void
name_activated_cb (CrmProjectDialog *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "name"))
    gtk_widget_activate_action (GTK_WIDGET (self), "project.next", NULL);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (widget);
  GtkWidget *row = add_row (self, NULL);

  gtk_widget_grab_focus (crm_project_item_row_get_field (CRM_PROJECT_ITEM_ROW (row), CRM_PROJECT_ITEM_FIELD_MATERIAL));
}

/* on the writer */
static gboolean
write_project (CrmSession  *writer,
               GVariant    *args,
               GError     **error)
{
  CrmProjectStore *store = crm_project_store_from_session (writer);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_project_item_free);
  g_autoptr(GVariantIter) iter = NULL;
  gint64 ticket_id, project_id, version, id, quantity, price;
  const char *name, *material, *unit, *terms;

  g_variant_get (args, "(xxx&sa(xsxmsxms))", &ticket_id, &project_id, &version, &name, &iter);
  while (g_variant_iter_next (iter, "(x&sxm&sxm&s)", &id, &material, &quantity, &unit, &price, &terms))
    {
      CrmProjectItem *item = crm_project_item_new (material, quantity, unit, price, terms);

      item->id = id;
      g_ptr_array_add (items, item);
    }

  if (project_id == 0)
    return crm_project_store_add (store, ticket_id, name, items, error) != 0;

  return crm_project_store_save (store, project_id, version, name, items, error);
}

static void
written_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (widget);
  const char *name = NULL;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (widget, "project.save", TRUE);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_variant_get_child (args, 3, "&s", &name);
  g_signal_emit (self, signals[SAVED], 0, name, self->project_id == 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (widget);
  g_autoptr(GPtrArray) rows = item_rows (self);
  g_autofree char *name = dup_name (self);
  g_auto(GVariantBuilder) items = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(xsxmsxms)"));
  guint n = 0;

  if (self->saving || self->session == NULL)
    return;
  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      show_error (self, _("Name the project first."));
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CrmProjectItemRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmProjectItem) item = NULL;
      g_autoptr(GError) error = NULL;

      /* a row left empty is no item */
      if (crm_project_item_row_is_blank (row))
        continue;
      n++;
      if (!(item = crm_project_item_row_read (row, &error)))
        {
          /* Translators: an item's number in the project, then what to correct */
          g_autofree char *message = g_strdup_printf (_("Item %u: %s"), n, error->message);

          show_error (self, message);
          return;
        }
      g_variant_builder_add (&items, "(xsxmsxms)", item->id, item->material, item->quantity, item->unit, item->price,
                             item->terms);
    }

  show_error (self, NULL);
  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "project.save", FALSE);
  crm_widget_write (widget, self->session, write_project,
                    g_variant_new ("(xxxsa(xsxmsxms))", self->ticket_id, self->project_id, self->version, name,
                                   &items),
                    written_cb);
}

static void
crm_project_dialog_dispose (GObject *object)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_project_dialog_parent_class)->dispose (object);
}

static void
crm_project_dialog_finalize (GObject *object)
{
  CrmProjectDialog *self = CRM_PROJECT_DIALOG (object);

  g_free (self->currency);

  G_OBJECT_CLASS (crm_project_dialog_parent_class)->finalize (object);
}

static void
crm_project_dialog_class_init (CrmProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_project_dialog_dispose;
  object_class->finalize = crm_project_dialog_finalize;

  /**
   * CrmProjectDialog::saved:
   * @self: the dialog
   * @name: the project's name
   * @created: %TRUE for a new project, %FALSE for one changed
   *
   * The project is stored; the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, title);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, items);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, price_heading);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, total_heading);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, material_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, quantity_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, unit_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, price_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, total_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, terms_group);
  gtk_widget_class_bind_template_child (widget_class, CrmProjectDialog, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);

  gtk_widget_class_install_action (widget_class, "project.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "project.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "project.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "project.save", NULL);
}

static void
crm_project_dialog_init (CrmProjectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static CrmProjectDialog *
dialog_new (GtkWindow  *parent,
            CrmSession *session,
            const char *currency)
{
  CrmProjectDialog *self = g_object_new (CRM_TYPE_PROJECT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *price = NULL;
  g_autofree char *total = NULL;

  self->session = g_object_ref (session);
  self->currency = g_strdup (currency);
  /* Translators: a column of a project's items: the price of one unit, then the currency */
  price = g_strdup_printf (_("Unit Price (%s)"), currency);
  /* Translators: a column of a project's items: quantity × price, then the currency */
  total = g_strdup_printf (_("Total (%s)"), currency);
  gtk_label_set_text (self->price_heading, price);
  gtk_label_set_text (self->total_heading, total);
  update_total (self);

  return self;
}

/**
 * crm_project_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session it saves in
 * @ticket_id: the request the project is made from
 * @currency: the office's currency
 *
 * "Create Project…": the name, then the items.
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_project_dialog_new (GtkWindow  *parent,
                        CrmSession *session,
                        gint64      ticket_id,
                        const char *currency)
{
  CrmProjectDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = dialog_new (parent, session, currency);
  self->ticket_id = ticket_id;
  adw_window_title_set_title (self->title, _("New Project"));
  /* Translators: the subtitle of the new project dialog; a request's number */
  subtitle = g_strdup_printf (_("From request #%lld"), (long long) ticket_id);
  adw_window_title_set_subtitle (self->title, subtitle);
  show_step (self, "name");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return GTK_WIDGET (self);
}

/**
 * crm_project_dialog_new_for_project:
 * @parent: (nullable): the window it belongs to
 * @session: the session it saves in
 * @project: a stored project, read with its items
 * @currency: the office's currency
 *
 * The editor of a stored project: its items at once; a closed
 * project's shown only.
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_project_dialog_new_for_project (GtkWindow        *parent,
                                    CrmSession       *session,
                                    const CrmProject *project,
                                    const char       *currency)
{
  CrmProjectDialog *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (project != NULL && project->items != NULL, NULL);

  self = dialog_new (parent, session, currency);
  self->ticket_id = project->ticket_id;
  self->project_id = project->id;
  self->version = project->version;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), project->name);
  adw_window_title_set_title (self->title, project->name);
  for (guint i = 0; i < project->items->len; i++)
    add_row (self, g_ptr_array_index (project->items, i));
  update_total (self);
  show_step (self, "items");
  if (project->closed)
    {
      /* kept as it was when it closed (the store refuses changes too) */
      adw_window_title_set_subtitle (self->title, _("Closed: reopen the project to change it"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "project.save", FALSE);
    }
  else
    {
      g_autofree char *subtitle = NULL;

      /* Translators: the subtitle of a project's editor; a request's number */
      subtitle = g_strdup_printf (_("From request #%lld"), (long long) project->ticket_id);
      adw_window_title_set_subtitle (self->title, subtitle);
    }

  return GTK_WIDGET (self);
}
