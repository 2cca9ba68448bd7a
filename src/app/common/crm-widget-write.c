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

/* a read: the widget is not kept alive for it */
typedef struct
{
  GWeakRef               widget;
  GDestroyNotify         result_free;
  CrmWidgetReadDoneFunc  done;
} Reader;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&reader->widget);
  g_autoptr(GError) error = NULL;
  gpointer value = crm_session_read_finish (CRM_SESSION (object), result, &error);

  /* gone meanwhile: nobody waits for it */
  if (widget != NULL)
    reader->done (widget, value, error);
  if (value != NULL && reader->result_free != NULL)
    reader->result_free (value);
  g_weak_ref_clear (&reader->widget);
  g_free (reader);
}

/**
 * crm_widget_read:
 * @widget: the widget that asks
 * @session: its session
 * @func: reads, on a worker (crm_session_read_async ())
 * @data: (nullable): for @func
 * @data_free: (nullable): frees @data
 * @result_free: (nullable): frees what @func gave
 * @cancellable: (nullable): a #GCancellable
 * @done: called with the result while @widget is still there
 *
 * Reads off the main thread for @widget, which may go meanwhile: then
 * @done is not called.
 */
void
crm_widget_read (GtkWidget             *widget,
                 CrmSession            *session,
                 CrmSessionReadFunc     func,
                 gpointer               data,
                 GDestroyNotify         data_free,
                 GDestroyNotify         result_free,
                 GCancellable          *cancellable,
                 CrmWidgetReadDoneFunc  done)
{
  Reader *reader;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (func != NULL && done != NULL);

  reader = g_new0 (Reader, 1);
  g_weak_ref_init (&reader->widget, widget);
  reader->result_free = result_free;
  reader->done = done;
  crm_session_read_async (session, func, data, data_free, result_free, cancellable, read_cb, reader);
}
