/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-toast.h"
#include "crm-outbox.h"

/**
 * crm_toast_new:
 * @text: what the toast says, as plain text
 *
 * A toast for any text: a client's name, a file's name from a mail, a
 * server's words. libadwaita 1.2 reads a toast's title as Pango markup,
 * so the text is escaped: "Smith & Sons" shows as written, and a name
 * that looks like markup stays text.
 *
 * Returns: (transfer floating): a new #AdwToast
 */
AdwToast *
crm_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (escaped);
}

/**
 * crm_toast_show:
 * @widget: a widget in a window with a toast overlay
 * @text: what the toast says, shown as written
 *
 * The one way the window says something in passing.
 *
 * Returns: (transfer none) (nullable): the toast shown, or %NULL when
 *   @widget is in no window with a toast overlay
 */
AdwToast *
crm_toast_show (GtkWidget  *widget,
                const char *text)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("no toast overlay for: %s", text);
      return NULL;
    }

  toast = crm_toast_new (text);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return toast;
}

/**
 * crm_toast_undo_seconds:
 * @settings: (nullable): the application's settings
 *
 * Returns: the undo window for mail, in seconds (TK8)
 */
int
crm_toast_undo_seconds (GSettings *settings)
{
  return settings != NULL ? g_settings_get_int (settings, "undo-send-seconds") : 30;
}

typedef struct
{
  CrmSession       *session;
  GArray         *ids;
  CrmUndoFunc     undone;
  gpointer        user_data;
  GDestroyNotify  destroy;
  guint           deadline_source;
  int             seconds;   /* the undo window asked for */
  AdwToast       *toast;   /* weak */
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_handle_id (&undo->deadline_source, g_source_remove);
  if (undo->destroy != NULL)
    undo->destroy (undo->user_data);
  g_clear_object (&undo->session);
  g_clear_pointer (&undo->ids, g_array_unref);
  g_free (undo);
}

/* The toasts offering Undo in a window's overlay, to take them away
 * when the user who sent changes. */
static GPtrArray *
overlay_undos (GtkWidget *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), "crm-undo-toasts");

  if (toasts == NULL)
    {
      toasts = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (overlay), "crm-undo-toasts", toasts, (GDestroyNotify) g_ptr_array_unref);
    }

  return toasts;
}

/* An Undo on its way to the database: the toast is gone already. */
typedef struct
{
  GWeakRef        overlay;
  CrmUndoFunc     undone;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Undoing;

static void
undoing_free (Undoing *undoing)
{
  g_weak_ref_clear (&undoing->overlay);
  if (undoing->destroy != NULL)
    undoing->destroy (undoing->user_data);
  g_free (undoing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undoing, undoing_free)

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Undoing) undoing = user_data;
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (&undoing->overlay);
  g_autoptr(GError) error = NULL;
  guint n_cancelled = 0;
  gboolean cancelled, late;

  late = !crm_outbox_cancel_finish (crm_outbox_from_session (CRM_SESSION (source)), result, &n_cancelled, &error);
  cancelled = n_cancelled > 0;
  if (late)
    g_debug ("Undo failed: %s", error->message);

  if (cancelled && undoing->undone != NULL)
    undoing->undone (undoing->user_data);

  /* the Undo came too late for some: say so, never nothing */
  if (late && overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (cancelled ? _("Some of the mail had already gone and was not undone")
                                                          : _("Too late to undo: the mail has already gone")));
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  Undoing *undoing = g_new0 (Undoing, 1);
  CrmOutbox *outbox = crm_outbox_from_session (undo->session);

  /* what to do once undone goes with the write, not with the toast */
  g_weak_ref_init (&undoing->overlay, g_object_get_data (G_OBJECT (toast), "crm-overlay"));
  undoing->undone = undo->undone;
  undoing->user_data = undo->user_data;
  undoing->destroy = undo->destroy;
  undo->undone = NULL;
  undo->destroy = NULL;
  crm_outbox_cancel_async (outbox, undo->ids, NULL, undone_cb, undoing);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Undo *undo = user_data;

  undo->deadline_source = 0;
  if (undo->toast != NULL)
    adw_toast_dismiss (undo->toast);

  return G_SOURCE_REMOVE;
}

/* when the first of the mails is due: a gint64, or G_MAXINT64 */
static gboolean
read_first_due (CrmSession    *reader,
                gpointer       data,
                gpointer      *result,
                GCancellable  *cancellable,
                GError       **error)
{
  GArray *ids = data;
  gint64 first_due = G_MAXINT64;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmOutboxItem) item = crm_outbox_get (crm_outbox_from_session (reader), g_array_index (ids, gint64, i),
                                                      NULL);

      if (item != NULL)
        first_due = MIN (first_due, crm_outbox_item_get_due (item));
    }
  *result = g_memdup2 (&first_due, sizeof first_due);

  return TRUE;
}

static void
first_due_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *toast_ref = user_data;
  g_autoptr(AdwToast) toast = g_weak_ref_get (toast_ref);
  g_autofree gint64 *first_due = crm_session_read_finish (CRM_SESSION (source), result, NULL);
  Undo *undo = toast != NULL ? g_object_get_data (G_OBJECT (toast), "crm-undo") : NULL;

  g_weak_ref_clear (toast_ref);
  g_free (toast_ref);
  if (undo == NULL || first_due == NULL || *first_due == G_MAXINT64 || undo->deadline_source == 0)
    return;

  {
    gint64 left = *first_due - crm_clock_now_unix (crm_session_get_clock (undo->session));

    if (left < (gint64) undo->seconds)
      {
        g_clear_handle_id (&undo->deadline_source, g_source_remove);
        undo->deadline_source = g_timeout_add_seconds ((guint) MAX (left, 1), deadline_cb, undo);
      }
  }
}

static void
toast_dismissed_cb (AdwToast  *toast,
                    GtkWidget *overlay)
{
  g_ptr_array_remove (overlay_undos (overlay), toast);
}

/**
 * crm_toast_show_undo_full:
 * @widget: a widget in a window with a toast overlay
 * @store: the store
 * @title: what the toast says
 * @outbox_ids: (element-type gint64): the queued messages
 * @seconds: the undo window; 0 or less: no Undo
 * @undone: (nullable) (scope notified): called when Undo took the mail
 *   back, to give the user back what they wrote
 * @user_data: for @undone
 * @destroy: frees @user_data when the toast goes
 *
 * Offers Undo on a toast while the messages wait in the outbox; Undo
 * cancels them (TK8, OF7). The toast goes when the first of them
 * leaves — not later, whether the window had the focus or not — and
 * when another user starts working (crm_toast_dismiss_undo()). An Undo
 * that comes too late says so.
 *
 * Returns: (transfer none) (nullable): the toast shown
 */
AdwToast *
crm_toast_show_undo_full (GtkWidget      *widget,
                          CrmSession     *session,
                          const char     *title,
                          GArray         *outbox_ids,
                          int             seconds,
                          CrmUndoFunc     undone,
                          gpointer        user_data,
                          GDestroyNotify  destroy)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  toast = crm_toast_new (title);
  if (outbox_ids->len > 0 && seconds > 0)
    {
      Undo *undo = g_new0 (Undo, 1);

      undo->session = g_object_ref (session);
      undo->ids = g_array_ref (outbox_ids);
      undo->seconds = seconds;
      undo->undone = undone;
      undo->user_data = user_data;
      undo->destroy = destroy;
      undo->toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &undo->toast);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 0);
      undo->deadline_source = g_timeout_add_seconds (seconds, deadline_cb, undo);
      /* the toast lasts until the first mail is due to leave: when
       * they are read (on a worker), sooner if that is sooner */
      {
        GWeakRef *toast_ref = g_new0 (GWeakRef, 1);

        g_weak_ref_init (toast_ref, toast);
        crm_session_read_async (session, read_first_due, g_array_ref (outbox_ids), (GDestroyNotify) g_array_unref,
                                g_free, NULL, first_due_cb, toast_ref);
      }
      g_object_set_data (G_OBJECT (toast), "crm-overlay", overlay);
      g_object_set_data_full (G_OBJECT (toast), "crm-undo", undo, undo_free);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo);
      g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay);
      g_ptr_array_add (overlay_undos (overlay), toast);
    }
  else if (destroy != NULL)
    destroy (user_data);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return toast;
}

/**
 * crm_toast_show_undo:
 *
 * crm_toast_show_undo_full() with nothing to give back.
 *
 * Returns: (transfer none) (nullable): the toast shown
 */
AdwToast *
crm_toast_show_undo (GtkWidget  *widget,
                     CrmSession *session,
                     const char *title,
                     GArray     *outbox_ids,
                     int         seconds)
{
  return crm_toast_show_undo_full (widget, session, title, outbox_ids, seconds, NULL, NULL, NULL);
}

/**
 * crm_toast_dismiss_undo:
 * @widget: the window's toast overlay, or a widget inside it
 *
 * Takes away the window's Undo toasts: the user who sent the mail has
 * stopped working here (Switch User), and Undo is theirs alone.
 */
void
crm_toast_dismiss_undo (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) toasts = NULL;

  if (overlay == NULL || g_object_get_data (G_OBJECT (overlay), "crm-undo-toasts") == NULL)
    return;

  toasts = g_ptr_array_copy (overlay_undos (overlay), (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (toasts, g_object_unref);
  for (guint i = 0; i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
}
