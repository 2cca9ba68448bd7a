/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-task-actions.h"
#include "crm-toast.h"

/* Marking a task done from any list of tasks (the Start page, All
 * Tasks, a record's card): on the session's writer; said on a toast
 * whose Undo opens it again; what the database refuses said instead. */

typedef struct
{
  GWeakRef    overlay;   /* the toast overlay of the window it was done in */
  CrmSession *session;
  gint64      task_id;
  gboolean    done;
  gboolean    offer_undo;   /* not for an Undo itself */
} Marking;

static void
marking_free (gpointer data)
{
  Marking *marking = data;

  g_weak_ref_clear (&marking->overlay);
  g_clear_object (&marking->session);
  g_free (marking);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Marking, marking_free)

static void mark (GtkWidget  *overlay,
                  CrmSession *session,
                  gint64      task_id,
                  gboolean    done,
                  gboolean    offer_undo);

static void
undo_clicked_cb (AdwToast *toast,
                 Marking  *marking)
{
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&marking->overlay);

  if (overlay != NULL)
    mark (overlay, marking->session, marking->task_id, !marking->done, FALSE);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Marking) marking = user_data;
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&marking->overlay);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  task = crm_task_store_set_done_finish (crm_task_store_from_session (marking->session), result, &error);
  if (overlay == NULL)
    return;
  if (task == NULL)
    {
      /* the lists show what is stored again */
      crm_database_emit_changed (crm_session_get_database (marking->session), "task", marking->task_id);
      crm_toast_show (overlay, error->message);
      return;
    }

  if (marking->done)
    /* Translators: a toast; a task's title */
    text = g_strdup_printf (_("“%s” done"), crm_task_get_title (task));
  else
    /* Translators: a toast; a task's title */
    text = g_strdup_printf (_("“%s” is not done"), crm_task_get_title (task));
  toast = crm_toast_show (overlay, text);
  if (toast == NULL || !marking->offer_undo)
    return;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), g_steal_pointer (&marking),
                         (GClosureNotify) (void (*) (void)) marking_free, 0);
}

static void
mark (GtkWidget  *overlay,
      CrmSession *session,
      gint64      task_id,
      gboolean    done,
      gboolean    offer_undo)
{
  Marking *marking = g_new0 (Marking, 1);
  CrmTaskStore *store = crm_task_store_from_session (session);

  g_weak_ref_init (&marking->overlay, overlay);
  marking->session = g_object_ref (session);
  marking->task_id = task_id;
  marking->done = done;
  marking->offer_undo = offer_undo;
  crm_task_store_set_done_async (store, task_id, done, NULL, marked_cb, marking);
}

/**
 * crm_task_mark_done:
 * @widget: a widget in the window where the user marked it
 * @session: the window's session
 * @task: the task
 * @done: %TRUE to mark it done, %FALSE to open it again
 *
 * Marks @task done (or not done) on the session's writer and says so on
 * a toast with Undo.
 */
void
crm_task_mark_done (GtkWidget  *widget,
                    CrmSession *session,
                    CrmTask    *task,
                    gboolean    done)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (CRM_IS_TASK (task));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  mark (overlay != NULL ? overlay : widget, session, crm_task_get_id (task), done, TRUE);
}
