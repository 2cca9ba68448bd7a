/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-projects"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-project-dialog.h"
#include "crm-ticket-projects.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmTicketProjects:
 *
 * The projects made from the request shown (RQ8, RQ13), beside its
 * conversation: each one's name, status and total, opened in its
 * editor, closed or reopened from its menu, and its specification
 * attached to the reply being written as a PDF
 * (#CrmTicketProjects::attach). Reading and writing are done off the
 * main thread; the card shows what changed when the database says so.
 */
struct _CrmTicketProjects
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkListBox  *list;

  /* owned */
  CrmSession  *session;
  char        *currency;
  GPtrArray   *projects;   /* (element-type CrmProject): as shown */

  gint64       ticket_id;
};

G_DEFINE_FINAL_TYPE (CrmTicketProjects, crm_ticket_projects, GTK_TYPE_WIDGET)

enum {
  ATTACH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CrmProject *
find_project (CrmTicketProjects *self,
              gint64             project_id)
{
  for (guint i = 0; self->projects != NULL && i < self->projects->len; i++)
    {
      const CrmProject *project = g_ptr_array_index (self->projects, i);

      if (project->id == project_id)
        return project;
    }

  return NULL;
}

static void
saved_cb (CrmTicketProjects *self,
          const char        *name,
          gboolean           created)
{
  g_autofree char *text = created
                          /* Translators: a toast; a project's name */
                          ? g_strdup_printf (_("Project “%s” created"), name)
                          /* Translators: a toast; a project's name */
                          : g_strdup_printf (_("Project “%s” saved"), name);

  crm_toast_show (GTK_WIDGET (self), text);
}

static void
present_dialog (CrmTicketProjects *self,
                GtkWidget         *dialog)
{
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a project: its items read on a worker */

static gboolean
read_project (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  *result = crm_project_store_get (crm_project_store_from_session (reader), GPOINTER_TO_SIZE (data), error);

  return *result != NULL;
}

static void
project_read_cb (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (widget);

  if (result == NULL)
    {
      crm_toast_show (widget, error->message);
      return;
    }
  present_dialog (self, crm_project_dialog_new_for_project (GTK_WINDOW (gtk_widget_get_root (widget)), self->session,
                                                            result, self->currency));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (widget);

  if (self->session == NULL)
    return;
  crm_widget_read (widget, self->session, read_project, GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)),
                   NULL, (GDestroyNotify) crm_project_free, NULL, project_read_cb);
}

static void
row_activated_cb (CrmTicketProjects *self,
                  GtkListBoxRow     *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-project-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "project.open", "x", id);
}

/* Closing and reopening, on the writer */

static gboolean
write_close (CrmSession  *writer,
             GVariant    *args,
             GError     **error)
{
  CrmProjectStore *store = crm_project_store_from_session (writer);
  gint64 id;
  gboolean close;

  g_variant_get (args, "(xb&s)", &id, &close, NULL);

  return close ? crm_project_store_close (store, id, NULL, error) : crm_project_store_reopen (store, id, NULL, error);
}

static void
closed_cb (GtkWidget    *widget,
           GVariant     *args,
           const GError *error)
{
  g_autofree char *text = NULL;
  const char *name;
  gboolean close;

  g_variant_get (args, "(xb&s)", NULL, &close, &name);
  if (error != NULL)
    text = g_strdup (error->message);
  else if (close)
    /* Translators: a toast; a project's name */
    text = g_strdup_printf (_("Project “%s” closed"), name);
  else
    /* Translators: a toast; a project's name */
    text = g_strdup_printf (_("Project “%s” reopened"), name);
  crm_toast_show (widget, text);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CrmProject *project = find_project (self, id);

  if (self->session == NULL || project == NULL)
    return;
  crm_widget_write (widget, self->session, write_close,
                    g_variant_new ("(xbs)", id, g_str_equal (action_name, "project.close"), project->name), closed_cb);
}

/* The specification attached to the reply: written into a temporary
 * file on a worker, its bytes kept */

typedef struct
{
  char   *name;
  GBytes *data;
} Spec;

static void
spec_free (gpointer data)
{
  Spec *spec = data;

  g_free (spec->name);
  g_clear_pointer (&spec->data, g_bytes_unref);
  g_free (spec);
}

static gboolean
read_spec (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(CrmProjectSpec) spec = crm_project_spec_read (reader, GPOINTER_TO_SIZE (data), error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gboolean written;
  Spec *made;
  int fd;

  if (spec == NULL || (fd = g_file_open_tmp ("crm-specification-XXXXXX.pdf", &path, error)) < 0)
    return FALSE;
  g_close (fd, NULL);
  written = crm_project_spec_to_pdf (spec, path, error) && g_file_get_contents (path, &contents, &length, error);
  g_unlink (path);
  if (!written)
    return FALSE;

  made = g_new0 (Spec, 1);
  made->name = crm_project_spec_dup_file_name (spec);
  made->data = g_bytes_new_take (g_steal_pointer (&contents), length);
  *result = made;

  return TRUE;
}

static void
spec_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  Spec *spec = result;
  g_autofree char *text = NULL;

  if (spec == NULL)
    {
      crm_toast_show (widget, error->message);
      return;
    }
  g_signal_emit (widget, signals[ATTACH], 0, spec->name, spec->data);
  /* Translators: a toast; a file's name */
  text = g_strdup_printf (_("%s attached to the reply"), spec->name);
  crm_toast_show (widget, text);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (widget);

  if (self->session == NULL)
    return;
  crm_widget_read (widget, self->session, read_spec, GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)),
                   NULL, spec_free, NULL, spec_read_cb);
}

/* A project's row: its name; status and total; its menu. */
static GtkWidget *
project_row (CrmTicketProjects *self,
             const CrmProject  *project)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *escaped = g_markup_escape_text (project->name, -1);
  g_autofree char *amount = crm_project_format_money (project->total);
  g_autofree char *subtitle = NULL;

  /* Translators: under a project's name: its status, total and currency */
  subtitle = g_strdup_printf (_("%s · %s %s"), project->closed ? _("Closed") : _("Open"), amount, self->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open the project’s items"));
  g_object_set_data (G_OBJECT (row), "crm-project-id", GSIZE_TO_POINTER ((gsize) project->id));

  item = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target (item, "project.open", "x", project->id);
  g_menu_append_item (section, item);
  g_clear_object (&item);
  item = project->closed ? g_menu_item_new (_("_Reopen Project"), NULL) : g_menu_item_new (_("_Close Project"), NULL);
  g_menu_item_set_action_and_target (item, project->closed ? "project.reopen" : "project.close", "x", project->id);
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&item);
  item = g_menu_item_new (_("_Attach Specification to Reply"), NULL);
  g_menu_item_set_action_and_target (item, "project.attach", "x", project->id);
  g_menu_append_item (menu, item);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Project Actions"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  return row;
}

static void
crm_ticket_projects_dispose (GObject *object)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_PROJECTS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->projects, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_ticket_projects_parent_class)->dispose (object);
}

static void
crm_ticket_projects_finalize (GObject *object)
{
  CrmTicketProjects *self = CRM_TICKET_PROJECTS (object);

  g_free (self->currency);

  G_OBJECT_CLASS (crm_ticket_projects_parent_class)->finalize (object);
}

static void
crm_ticket_projects_class_init (CrmTicketProjectsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_projects_dispose;
  object_class->finalize = crm_ticket_projects_finalize;

  /**
   * CrmTicketProjects::attach:
   * @self: the projects
   * @name: the file's name
   * @data: (type GBytes): the specification, a PDF
   *
   * The user asked for a project's specification to go with the reply.
   */
  signals[ATTACH] = g_signal_new ("attach", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-ticket-projects.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketProjects, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "project.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "project.close", "x", close_action);
  gtk_widget_class_install_action (widget_class, "project.reopen", "x", close_action);
  gtk_widget_class_install_action (widget_class, "project.attach", "x", attach_action);
}

static void
crm_ticket_projects_init (CrmTicketProjects *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->currency = g_strdup ("");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * crm_ticket_projects_set_session:
 * @self: a #CrmTicketProjects
 * @session: (nullable): the session it reads and writes in
 */
void
crm_ticket_projects_set_session (CrmTicketProjects *self,
                                 CrmSession        *session)
{
  g_return_if_fail (CRM_IS_TICKET_PROJECTS (self));

  g_set_object (&self->session, session);
}

/**
 * crm_ticket_projects_show:
 * @self: a #CrmTicketProjects
 * @card: the request's card, as read
 *
 * Shows the request's projects; nothing while it has none.
 */
void
crm_ticket_projects_show (CrmTicketProjects   *self,
                          const CrmTicketCard *card)
{
  GtkWidget *child;

  g_return_if_fail (CRM_IS_TICKET_PROJECTS (self));
  g_return_if_fail (card != NULL);

  self->ticket_id = crm_ticket_get_id (card->ticket);
  g_free (self->currency);
  self->currency = g_strdup (card->currency);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  self->projects = g_ptr_array_ref (card->projects);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->projects->len; i++)
    gtk_list_box_append (self->list, project_row (self, g_ptr_array_index (self->projects, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), self->projects->len > 0);
}

/**
 * crm_ticket_projects_create:
 * @self: a #CrmTicketProjects
 *
 * "Create Project…" from the request shown: the dialog that asks the
 * name, then the items.
 */
void
crm_ticket_projects_create (CrmTicketProjects *self)
{
  g_return_if_fail (CRM_IS_TICKET_PROJECTS (self));

  if (self->session == NULL || self->ticket_id == 0)
    return;
  present_dialog (self, crm_project_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                                self->ticket_id, self->currency));
}
