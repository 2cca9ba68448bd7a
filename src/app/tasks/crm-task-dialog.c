/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-dialog"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "crm-task-dialog.h"
#include "crm-toast.h"

/**
 * CrmTaskDialog:
 *
 * "Add Task…" (FD5): what to do, for whom (the user working, to begin
 * with; any active colleague), when it falls due (tomorrow at 09:00,
 * local time, to begin with) and, from a record's card, the record it
 * belongs to. What cannot be added is said under the fields as they are
 * typed, and Add waits until it can. Added on the session's writer; a
 * toast in the window it was asked from says it is, or why not.
 */
struct _CrmTaskDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  AdwEntryRow      *title_row;
  AdwComboRow      *user_row;
  AdwEntryRow      *due_row;
  AdwActionRow     *record_row;
  GtkLabel         *hint;

  /* owned */
  CrmSession       *session;
  GListModel       *users;     /* CrmUser, active */
  char             *module;
  gint64            record_id;
  GWeakRef          from;      /* the widget it was asked from, for the toast */
};

G_DEFINE_FINAL_TYPE (CrmTaskDialog, crm_task_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* "2026-12-08 09:00", "09:00" today, or ISO 8601; local time */
static gint64
parse_due (CrmTaskDialog  *self,
           const char     *text,
           GError        **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) now = crm_clock_now (crm_session_get_clock (self->session));
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute;
  char end;

  if (sscanf (stripped, "%d:%d%c", &hour, &minute, &end) == 2)
    when = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local), hour, minute, 0);
  else if (sscanf (stripped, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &end) == 5)
    when = g_date_time_new (zone, year, month, day, hour, minute, 0);
  else if (*stripped != '\0')
    when = g_date_time_new_from_iso8601 (stripped, zone);
  if (when == NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what the user typed; keep the example's form */
                   _("“%s” is not a time: write it as 2026-12-08 09:00, or 09:00 for today."), stripped);
      return 0;
    }

  return g_date_time_to_unix (when);
}

/**
 * crm_task_dialog_check:
 * @self: a #CrmTaskDialog
 * @user_id: (out) (optional): whom it is for
 * @title: (out) (optional) (transfer full): what to do
 * @due: (out) (optional): when it falls due
 * @error: return location for a #GError
 *
 * Returns: whether the fields say a task that can be added; else @error
 *   says what to correct
 */
gboolean
crm_task_dialog_check (CrmTaskDialog  *self,
                       gint64         *user_id,
                       char          **title,
                       gint64         *due,
                       GError        **error)
{
  g_autoptr(CrmUser) user = NULL;
  const char *text;
  gint64 when;
  guint selected;

  g_return_val_if_fail (CRM_IS_TASK_DIALOG (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  selected = adw_combo_row_get_selected (self->user_row);
  if (self->users == NULL || selected == GTK_INVALID_LIST_POSITION ||
      (user = g_list_model_get_item (self->users, selected)) == NULL)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose whom the task is for."));
      return FALSE;
    }
  if (!(when = parse_due (self, gtk_editable_get_text (GTK_EDITABLE (self->due_row)), error)) ||
      !crm_task_store_check (crm_task_store_from_session (self->session), text, when, error))
    return FALSE;

  if (user_id != NULL)
    *user_id = crm_user_get_id (user);
  if (title != NULL)
    *title = g_strstrip (g_strdup (text));
  if (due != NULL)
    *due = when;

  return TRUE;
}

static void
changed_cb (CrmTaskDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* the fields are filled before the session is known */
  if (self->session == NULL)
    return;
  ok = crm_task_dialog_check (self, NULL, NULL, NULL, &error);
  /* an empty title is not worth a red line while the dialog opens */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0')
    g_clear_error (&error);

  gtk_label_set_text (self->hint, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", ok);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GWeakRef *from_ref = user_data;
  g_autoptr(GtkWidget) from = g_weak_ref_get (from_ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = crm_task_store_add_finish (crm_task_store_from_session (CRM_SESSION (source)), result, &error);
  g_autofree char *text = NULL;

  g_weak_ref_clear (from_ref);
  g_free (from_ref);
  if (from == NULL)
    return;
  if (task == NULL)
    {
      crm_toast_show (from, error->message);
      return;
    }
  /* Translators: a toast; a task's title, and whom it is for */
  text = g_strdup_printf (_("Task “%s” added for %s"), crm_task_get_title (task), crm_task_get_user_name (task));
  crm_toast_show (from, text);
}

static void
crm_task_dialog_response (AdwMessageDialog *dialog,
                          const char       *response)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (dialog);
  g_autoptr(GtkWidget) from = g_weak_ref_get (&self->from);
  g_autofree char *title = NULL;
  gint64 user_id, due;

  if (ADW_MESSAGE_DIALOG_CLASS (crm_task_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_task_dialog_parent_class)->response (dialog, response);
  if (g_str_equal (response, "add") && self->session != NULL &&
      crm_task_dialog_check (self, &user_id, &title, &due, NULL))
    {
      GWeakRef *from_ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (from_ref, from);
      crm_task_store_add_async (crm_task_store_from_session (self->session), user_id, title, due, self->module,
                                self->record_id, NULL, added_cb, from_ref);
    }
}

static void
crm_task_dialog_dispose (GObject *object)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (crm_task_dialog_parent_class)->dispose (object);
}

static void
crm_task_dialog_finalize (GObject *object)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (object);

  g_weak_ref_clear (&self->from);
  g_free (self->module);

  G_OBJECT_CLASS (crm_task_dialog_parent_class)->finalize (object);
}

static void
crm_task_dialog_class_init (CrmTaskDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_task_dialog_dispose;
  object_class->finalize = crm_task_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_task_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tasks/crm-task-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, record_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, hint);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
crm_task_dialog_init (CrmTaskDialog *self)
{
  g_weak_ref_init (&self->from, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
user_name (CrmUser *user)
{
  return g_strdup (crm_user_get_name (user));
}

/**
 * crm_task_dialog_new:
 * @from: the widget it is asked from: its window is the dialog's parent,
 *   and the toast that says the task was added shows there
 * @session: the window's session: whom the task is for to begin with
 *   (its user), the colleagues to choose from, the clock
 * @module: (nullable): the module of the record the task belongs to
 * @record_id: the record, with @module
 * @record_text: (nullable): the record, in words
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_task_dialog_new (GtkWidget  *from,
                     CrmSession *session,
                     const char *module,
                     gint64      record_id,
                     const char *record_text)
{
  CrmTaskDialog *self;
  GtkRoot *root;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *due = NULL;
  g_autoptr(GtkExpression) name = NULL;
  gint64 me;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  root = gtk_widget_get_root (from);
  self = g_object_new (CRM_TYPE_TASK_DIALOG, "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
  g_weak_ref_set (&self->from, from);
  self->session = g_object_ref (session);
  self->module = g_strdup (module);
  self->record_id = module != NULL ? record_id : 0;

  /* the window's users, kept in memory (crm_user_store_keep_up_to_date ()) */
  self->users = crm_user_store_list_active (crm_user_store_from_session (session), NULL);
  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (user_name), NULL, NULL);
  adw_combo_row_set_expression (self->user_row, name);
  adw_combo_row_set_model (self->user_row, self->users);
  me = crm_session_get_user_id (session);
  for (guint i = 0; self->users != NULL && i < g_list_model_get_n_items (self->users); i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, i);

      if (crm_user_get_id (user) == me)
        adw_combo_row_set_selected (self->user_row, i);
    }

  if (module != NULL)
    {
      adw_action_row_set_subtitle (self->record_row, record_text != NULL ? record_text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->record_row), TRUE);
    }

  /* tomorrow at 09:00, local time */
  now = crm_clock_now (crm_session_get_clock (session));
  local = g_date_time_to_local (now);
  tomorrow = g_date_time_add_days (local, 1);
  due = g_strdup_printf ("%04d-%02d-%02d 09:00", g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                         g_date_time_get_day_of_month (tomorrow));
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due);
  changed_cb (self);

  return GTK_WIDGET (self);
}
