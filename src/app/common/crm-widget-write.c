/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-toast.h"
#include "crm-widget-write.h"

/* A change a widget asks for (a setting switched, a user added, a mail
 * discarded) goes to the database on a writer of its own
 * (crm_session_write_async ()), so that no frame waits for it, however
 * far the database is. What it changed is told on the widget's session
 * before the widget hears back, as for any write of its own. */

/* on the worker */
typedef struct
{
  CrmWidgetWriteFunc  func;
  GVariant           *args;
} Write;

static void
write_free (gpointer data)
{
  Write *write = data;

  g_clear_pointer (&write->args, g_variant_unref);
  g_free (write);
}

/* on the widget's thread */
typedef struct
{
  GtkWidget            *widget;
  GVariant             *args;
  CrmWidgetWrittenFunc  done;
} Asker;

static void
asker_free (Asker *asker)
{
  g_clear_object (&asker->widget);
  g_clear_pointer (&asker->args, g_variant_unref);
  g_free (asker);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Asker, asker_free)

static gboolean
write_func (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  Write *write = data;

  if (!write->func (writer, write->args, error))
    return FALSE;
  *result = GINT_TO_POINTER (1);

  return TRUE;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Asker) asker = user_data;
  g_autoptr(GError) error = NULL;

  crm_session_write_finish (CRM_SESSION (object), result, &error);
  if (asker->done != NULL)
    asker->done (asker->widget, asker->args, error);
  else if (error != NULL && gtk_widget_get_root (asker->widget) != NULL)
    crm_toast_show (asker->widget, error->message);
}

/**
 * crm_widget_write:
 * @widget: the widget that asks
 * @session: its session
 * @func: makes the change, on a worker
 * @args: (transfer floating): what @func needs, as a tuple
 * @done: (nullable): called when made or not; without it a failure is
 *   said in a toast over @widget
 *
 * Makes a change off the main thread for @widget, which is kept alive
 * until @done has run.
 */
void
crm_widget_write (GtkWidget            *widget,
                  CrmSession           *session,
                  CrmWidgetWriteFunc    func,
                  GVariant             *args,
                  CrmWidgetWrittenFunc  done)
{
  Write *write;
  Asker *asker;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (func != NULL);
  g_return_if_fail (args != NULL);

  write = g_new0 (Write, 1);
  write->func = func;
  write->args = g_variant_ref_sink (args);
  asker = g_new0 (Asker, 1);
  asker->widget = g_object_ref (widget);
  asker->args = g_variant_ref (write->args);
  asker->done = done;
  crm_session_write_async (session, write_func, write, write_free, NULL, NULL, written_cb, asker);
}
