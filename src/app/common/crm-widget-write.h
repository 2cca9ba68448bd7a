/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

/**
 * CrmWidgetWriteFunc:
 * @writer: a session on a connection of its own, on a worker thread
 * @args: what the widget gave, as a #GVariant tuple
 * @error: return location for a #GError
 *
 * Makes one change a widget asked for, with the stores' synchronous
 * calls on @writer.
 *
 * Returns: %TRUE when made
 */
typedef gboolean (*CrmWidgetWriteFunc) (CrmSession  *writer,
                                        GVariant    *args,
                                        GError     **error);

/**
 * CrmWidgetWrittenFunc:
 * @widget: the widget that asked
 * @args: what it gave
 * @error: (nullable): why the change was not made
 *
 * Called on the widget's thread when the change is made, or not.
 */
typedef void (*CrmWidgetWrittenFunc) (GtkWidget    *widget,
                                      GVariant     *args,
                                      const GError *error);

void crm_widget_write (GtkWidget            *widget,
                       CrmSession           *session,
                       CrmWidgetWriteFunc    func,
                       GVariant             *args,
                       CrmWidgetWrittenFunc  done);

/**
 * CrmWidgetReadDoneFunc:
 * @widget: the widget that asked, still there
 * @result: (nullable): what the read gave, freed after the call
 * @error: (nullable): why there is nothing
 *
 * Called on the widget's thread when a read is done.
 */
typedef void (*CrmWidgetReadDoneFunc) (GtkWidget    *widget,
                                       gpointer      result,
                                       const GError *error);

void crm_widget_read (GtkWidget             *widget,
                      CrmSession            *session,
                      CrmSessionReadFunc     func,
                      gpointer               data,
                      GDestroyNotify         data_free,
                      GDestroyNotify         result_free,
                      GCancellable          *cancellable,
                      CrmWidgetReadDoneFunc  done);

G_END_DECLS
