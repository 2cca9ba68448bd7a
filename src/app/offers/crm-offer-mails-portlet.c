/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-mails-portlet"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-offer-mails-portlet.h"
#include "crm-offer-text.h"
#include "crm-toast.h"
#include "crm-offer-store.h"
#include "crm-widget-write.h"

/**
 * CrmOfferMailsPortlet:
 *
 * "Emails to send" (OF7): the mails the core prepared for the user
 * when new offers fitted clients' searches, one per client with its
 * offers. An offer's number opens the offer, a search's number the
 * client's search; the agent leaves an offer out, discards a mail, or
 * ticks mails and sends them through the outbox, with Undo while they
 * wait.
 *
 * A prepared mail is the agent's of its search (else the client's
 * manager's); the box says whose mails it shows: the user's own, or,
 * for managers and administrators who switch to it, the whole
 * office's. Offers a client already got are marked, and sending them
 * again asks first (issue 10, defects 13 and 14).
 */
struct _CrmOfferMailsPortlet
{
  CrmPortlet  parent_instance;

  /* template widgets */
  GtkStack   *stack;
  GtkListBox *mails_list;
  GtkLabel   *hint_label;
  GtkLabel   *owner_label;
  GtkWidget  *office_box;

  /* owned */
  GListModel *mails;
  GHashTable *ticked;   /* mail ids, gint64 * */

  gboolean    show_all;
};

G_DEFINE_FINAL_TYPE (CrmOfferMailsPortlet, crm_offer_mails_portlet, CRM_TYPE_PORTLET)

enum {
  PROP_0,
  PROP_SHOW_ALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Managers and administrators may look at every agent's mails. */
static gboolean
may_show_all (CrmOfferMailsPortlet *self)
{
  CrmUser *user = crm_portlet_get_user (CRM_PORTLET (self));

  return user == NULL || crm_user_get_role (user) != CRM_ROLE_AGENT;
}

static gboolean
showing_all (CrmOfferMailsPortlet *self)
{
  return self->show_all && may_show_all (self);
}

static void
update_actions (CrmOfferMailsPortlet *self)
{
  guint n = g_hash_table_size (self->ticked);
  g_autofree char *hint = NULL;

  if (n == 0)
    hint = g_strdup (_("Tick the mails to send."));
  else
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mail ticked", "%u mails ticked", n), n);
  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mails.send", n > 0);
}

static void
tick_toggled_cb (GtkCheckButton       *check,
                 CrmOfferMailsPortlet *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "crm-mail-id"));

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->ticked, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->ticked, &id);
  update_actions (self);
}

static GtkWidget *
link_button (const char *label,
             const char *tooltip,
             const char *action,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "link");
  gtk_widget_add_css_class (button, "link-number");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static GtkWidget *
offer_line (CrmOfferMailsPortlet *self,
            CrmOfferMail         *mail,
            CrmMatch             *match)
{
  CrmOffer *offer = crm_match_get_offer (match);
  CrmSearch *search = crm_match_get_search (match);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  GtkWidget *remove;
  g_autofree char *offer_number = g_strdup_printf (_("No. %lld"), (long long) crm_offer_get_id (offer));
  /* Translators: a link to a client's search in "Emails to send" */
  g_autofree char *search_number = g_strdup_printf (_("Search No. %lld"), (long long) crm_search_get_id (search));
  g_autofree char *title = crm_offer_dup_title (offer);
  g_autofree char *where = crm_offer_dup_location (offer);
  g_autofree char *price = crm_offer_text_price (crm_portlet_get_session (CRM_PORTLET (self)),
                                                 crm_offer_get_price (offer));
  /* Translators: an offer in "Emails to send": title, location, price */
  g_autofree char *text = g_strdup_printf (_("%s · %s · %s"), title, where, price);

  gtk_widget_set_margin_start (line, 30);
  gtk_box_append (GTK_BOX (line), link_button (offer_number, _("Open the Offer"), "win.show-offer",
                                               crm_offer_get_id (offer)));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, text);
  gtk_box_append (GTK_BOX (line), label);
  if (crm_match_get_sent (match) != 0)
    {
      g_autofree char *sent_when = crm_format_date_time (crm_match_get_sent (match));
      /* Translators: beside an offer in "Emails to send": the client got it before; %s is a date */
      g_autofree char *sent_text = g_strdup_printf (_("Already sent %s"), sent_when);
      GtkWidget *sent = gtk_label_new (sent_text);

      gtk_label_set_ellipsize (GTK_LABEL (sent), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (sent, _("The client already got this offer by mail"));
      gtk_widget_add_css_class (sent, "caption");
      gtk_widget_add_css_class (sent, "warning");
      gtk_box_append (GTK_BOX (line), sent);
    }
  gtk_box_append (GTK_BOX (line), link_button (search_number, _("Open the Client’s Search"), "win.show-search",
                                               crm_search_get_id (search)));
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Leave This Offer Out of the Mail"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "mails.remove-offer");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(xx)", crm_offer_mail_get_id (mail),
                                    crm_offer_get_id (offer));
  gtk_box_append (GTK_BOX (line), remove);

  return line;
}

static GtkWidget *
create_mail_row (gpointer item,
                 gpointer user_data)
{
  CrmOfferMailsPortlet *self = user_data;
  CrmOfferMail *mail = item;
  GListModel *matches = crm_offer_mail_get_matches (mail);
  gint64 id = crm_offer_mail_get_id (mail);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *client = gtk_label_new (crm_offer_mail_get_client_name (mail));
  GtkWidget *details;
  GtkWidget *discard;
  g_autofree char *when = crm_format_date_time (crm_offer_mail_get_created (mail));
  g_autofree char *line = NULL;
  const char *email = crm_offer_mail_get_client_email (mail);

  if (showing_all (self))
    {
      const char *agent = crm_offer_mail_get_agent_name (mail);

      /* Translators: under a client in the whole office's "Emails to send": address, when the mail was
       * prepared, and whose mail it is */
      line = g_strdup_printf (_("%s · prepared %s · for %s"), email ? email : _("no e-mail address"), when,
                              agent ? agent : _("no agent"));
    }
  else
    /* Translators: under a client in "Emails to send": address, then when the mail was prepared */
    line = g_strdup_printf (_("%s · prepared %s"), email ? email : _("no e-mail address"), when);
  details = gtk_label_new (line);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);

  g_object_set_data (G_OBJECT (check), "crm-mail-id", GSIZE_TO_POINTER ((gsize) id));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->ticked, &id));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, email ? _("Send This Mail") : _("The client has no e-mail address"));
  /* one mail that cannot go must not hold back the others ticked */
  gtk_widget_set_sensitive (check, email != NULL);
  g_signal_connect_object (check, "toggled", G_CALLBACK (tick_toggled_cb), self, 0);
  gtk_label_set_xalign (GTK_LABEL (client), 0);
  gtk_label_set_ellipsize (GTK_LABEL (client), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (client, "heading");
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, email ? "dim-label" : "warning");
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (names), client);
  gtk_box_append (GTK_BOX (names), details);
  discard = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (discard, _("Discard This Mail"));
  gtk_widget_add_css_class (discard, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "mails.discard");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (discard), "x", id);
  gtk_box_append (GTK_BOX (header), check);
  gtk_box_append (GTK_BOX (header), names);
  gtk_box_append (GTK_BOX (header), discard);
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);

      gtk_box_append (GTK_BOX (box), offer_line (self, mail, match));
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* On the main thread: whose mails. */
static gpointer
crm_offer_mails_portlet_prepare (CrmPortlet *portlet)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (portlet);
  CrmUser *user = crm_portlet_get_user (portlet);
  CrmOfferMailFilter *filter = g_new0 (CrmOfferMailFilter, 1);

  filter->pending_only = TRUE;
  filter->agent_id = user != NULL && !showing_all (self) ? crm_user_get_id (user) : 0;
  gtk_widget_set_visible (self->office_box, user != NULL && may_show_all (self));
  gtk_label_set_text (self->owner_label, user != NULL && !showing_all (self)
                                         /* Translators: whose mails "Emails to send" shows */
                                         ? _("Your mails, and those of searches without an agent")
                                         /* Translators: whose mails "Emails to send" shows */
                                         : _("All the office’s mails"));

  return filter;
}

/* On the worker: the mails waiting. */
static gpointer
crm_offer_mails_portlet_read (CrmSession  *reader,
                              gpointer     query,
                              GError     **error)
{
  return crm_offer_store_list_mails (crm_offer_store_from_session (reader), query, error);
}

static void
crm_offer_mails_portlet_apply (CrmPortlet *portlet,
                               gpointer    result)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (portlet);
  GHashTableIter iter;
  gpointer key;
  guint n;

  g_set_object (&self->mails, result);

  /* ticks of mails gone (sent, discarded), or of clients who lost
   * their address, go too */
  n = g_list_model_get_n_items (self->mails);
  g_hash_table_iter_init (&iter, self->ticked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(CrmOfferMail) mail = g_list_model_get_item (self->mails, i);

          found = crm_offer_mail_get_id (mail) == *(gint64 *) key && crm_offer_mail_get_client_email (mail) != NULL;
        }
      if (!found)
        g_hash_table_iter_remove (&iter);
    }

  gtk_list_box_bind_model (self->mails_list, self->mails, create_mail_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "mails" : "empty");
  update_actions (self);
}

static gboolean
crm_offer_mails_portlet_watches (CrmPortlet *portlet,
                                 const char *entity)
{
  return g_str_equal (entity, "offer-mail") || g_str_equal (entity, "offer") || g_str_equal (entity, "search") ||
         g_str_equal (entity, "contact") || g_str_equal (entity, "outbox");
}

static void
report (CrmOfferMailsPortlet *self,
        GError               *error)
{
  crm_toast_show (GTK_WIDGET (self), error->message);
  crm_portlet_reload (CRM_PORTLET (self));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CrmOfferMailsPortlet) self = user_data;
  g_autoptr(GArray) outbox_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (self));

  outbox_ids = crm_offer_store_send_finish (crm_offer_store_from_session (CRM_SESSION (object)), result, &error);
  if (session == NULL)
    return;
  if (outbox_ids == NULL)
    {
      report (self, error);
      return;
    }

  /* Translators: a toast after "Send" in "Emails to send" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mail with offers queued",
                                        "%u mails with offers queued", outbox_ids->len),
                           outbox_ids->len);
  crm_toast_show_undo (GTK_WIDGET (self), session, title, outbox_ids,
                       crm_toast_undo_seconds (crm_portlet_get_settings (CRM_PORTLET (self))));
}

static guint
send_ticked (CrmOfferMailsPortlet *self,
             gboolean              again)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (self));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int seconds = crm_toast_undo_seconds (crm_portlet_get_settings (CRM_PORTLET (self)));
  GHashTableIter iter;
  gpointer key;

  if (session == NULL || g_hash_table_size (self->ticked) == 0)
    return 0;

  g_hash_table_iter_init (&iter, self->ticked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  crm_offer_store_send_mails_async (crm_offer_store_from_session (session), (const gint64 *) ids->data, ids->len, again,
                                    crm_clock_now_unix (crm_session_get_clock (session)) + seconds, NULL, sent_cb,
                                    g_object_ref (self));
  g_hash_table_remove_all (self->ticked);

  return ids->len;
}

/* The offers of the ticked mails their clients already got, one line
 * each, or NULL when there are none. */
static char *
dup_already_sent (CrmOfferMailsPortlet *self)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  guint n = self->mails ? g_list_model_get_n_items (self->mails) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmOfferMail) mail = g_list_model_get_item (self->mails, i);
      gint64 id = crm_offer_mail_get_id (mail);
      GListModel *matches = crm_offer_mail_get_matches (mail);
      g_autoptr(GHashTable) named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      if (!g_hash_table_contains (self->ticked, &id))
        continue;
      for (guint m = 0; m < g_list_model_get_n_items (matches); m++)
        {
          g_autoptr(CrmMatch) match = g_list_model_get_item (matches, m);
          gint64 offer_id = crm_offer_get_id (crm_match_get_offer (match));
          g_autofree char *when = NULL;

          if (crm_match_get_sent (match) == 0 || !g_hash_table_add (named, g_memdup2 (&offer_id, sizeof offer_id)))
            continue;
          when = crm_format_date_time (crm_match_get_sent (match));
          /* Translators: a line of the question before sending offers again: the client, the offer's
           * number, when the client got it */
          g_string_append_printf (lines, _("%s: offer No. %lld, sent %s"), crm_offer_mail_get_client_name (mail),
                                  (long long) offer_id, when);
          g_string_append_c (lines, '\n');
        }
    }
  if (lines->len == 0)
    return NULL;
  g_string_truncate (lines, lines->len - 1);

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static void
again_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   CrmOfferMailsPortlet *self)
{
  if (g_str_equal (response, "send"))
    send_ticked (self, TRUE);
}

/**
 * crm_offer_mails_portlet_send:
 * @self: a #CrmOfferMailsPortlet
 *
 * Sends the ticked mails through the outbox, after the undo window; a
 * toast offers Undo. When some of their offers were already sent to
 * the client, a dialog names them and asks first (its "send" response
 * sends them all).
 *
 * Returns: how many mails were queued; 0 while the dialog asks
 */
guint
crm_offer_mails_portlet_send (CrmOfferMailsPortlet *self)
{
  g_autofree char *already = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_OFFER_MAILS_PORTLET (self), 0);

  if (g_hash_table_size (self->ticked) == 0)
    return 0;
  if ((already = dup_already_sent (self)) == NULL)
    return send_ticked (self, FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Send Offers Again?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                  _("These clients already got these offers by mail:"), already);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "send", _("_Send Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (again_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return 0;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_offer_mails_portlet_send (CRM_OFFER_MAILS_PORTLET (widget));
}

/* What the database refused is said, and the list shows what is stored. */
static void
written_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  if (error == NULL || crm_portlet_get_session (CRM_PORTLET (widget)) == NULL)
    return;
  crm_toast_show (widget, error->message);
  crm_portlet_reload (CRM_PORTLET (widget));
}

static gboolean
discard_write (CrmSession  *writer,
               GVariant    *args,
               GError     **error)
{
  gint64 mail_id;

  g_variant_get (args, "(x)", &mail_id);

  return crm_offer_store_discard_mail (crm_offer_store_from_session (writer), mail_id, error);
}

static void
discarded_cb (GtkWidget    *widget,
              GVariant     *args,
              const GError *error)
{
  if (error == NULL)
    crm_toast_show (widget, _("Mail discarded"));
  else
    written_cb (widget, args, error);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (widget));

  if (session != NULL)
    crm_widget_write (widget, session, discard_write, g_variant_new ("(x)", g_variant_get_int64 (parameter)),
                      discarded_cb);
}

static gboolean
remove_offer_write (CrmSession  *writer,
                    GVariant    *args,
                    GError     **error)
{
  gint64 mail_id, offer_id;

  g_variant_get (args, "(xx)", &mail_id, &offer_id);

  return crm_offer_store_remove_from_mail (crm_offer_store_from_session (writer), mail_id, offer_id, error);
}

static void
remove_offer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (widget));

  if (session != NULL)
    crm_widget_write (widget, session, remove_offer_write, g_variant_ref (parameter), written_cb);
}

static void
crm_offer_mails_portlet_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (object);

  switch (prop_id)
    {
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_offer_mails_portlet_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (object);

  switch (prop_id)
    {
    case PROP_SHOW_ALL:
      crm_offer_mails_portlet_set_show_all (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_offer_mails_portlet_dispose (GObject *object)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OFFER_MAILS_PORTLET);
  g_clear_object (&self->mails);

  G_OBJECT_CLASS (crm_offer_mails_portlet_parent_class)->dispose (object);
}

static void
crm_offer_mails_portlet_finalize (GObject *object)
{
  CrmOfferMailsPortlet *self = CRM_OFFER_MAILS_PORTLET (object);

  g_clear_pointer (&self->ticked, g_hash_table_unref);

  G_OBJECT_CLASS (crm_offer_mails_portlet_parent_class)->finalize (object);
}

static void
crm_offer_mails_portlet_class_init (CrmOfferMailsPortletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmPortletClass *portlet_class = CRM_PORTLET_CLASS (klass);

  object_class->dispose = crm_offer_mails_portlet_dispose;
  object_class->finalize = crm_offer_mails_portlet_finalize;
  object_class->get_property = crm_offer_mails_portlet_get_property;
  object_class->set_property = crm_offer_mails_portlet_set_property;
  portlet_class->prepare = crm_offer_mails_portlet_prepare;
  portlet_class->query_free = g_free;
  portlet_class->read = crm_offer_mails_portlet_read;
  portlet_class->result_free = g_object_unref;
  portlet_class->apply = crm_offer_mails_portlet_apply;
  portlet_class->watches = crm_offer_mails_portlet_watches;

  /**
   * CrmOfferMailsPortlet:show-all:
   *
   * Whether a manager or an administrator sees the whole office's
   * prepared mails rather than their own.
   */
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-offer-mails-portlet.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailsPortlet, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailsPortlet, mails_list);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailsPortlet, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailsPortlet, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferMailsPortlet, office_box);

  gtk_widget_class_install_action (widget_class, "mails.send", NULL, send_action);
  gtk_widget_class_install_property_action (widget_class, "mails.show-all", "show-all");
  gtk_widget_class_install_action (widget_class, "mails.discard", "x", discard_action);
  gtk_widget_class_install_action (widget_class, "mails.remove-offer", "(xx)", remove_offer_action);
}

static void
crm_offer_mails_portlet_init (CrmOfferMailsPortlet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ticked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  update_actions (self);
}

/**
 * crm_offer_mails_portlet_get_mails:
 * @self: a #CrmOfferMailsPortlet
 *
 * Returns: (transfer none) (nullable): the #CrmOfferMail items shown
 */
GListModel *
crm_offer_mails_portlet_get_mails (CrmOfferMailsPortlet *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAILS_PORTLET (self), NULL);

  return self->mails;
}

/**
 * crm_offer_mails_portlet_set_ticked:
 * @self: a #CrmOfferMailsPortlet
 * @mail_id: a mail shown
 * @ticked: whether to send it
 *
 * Ticks a mail's row, as a click does.
 */
void
crm_offer_mails_portlet_set_ticked (CrmOfferMailsPortlet *self,
                                    gint64                mail_id,
                                    gboolean              ticked)
{
  g_return_if_fail (CRM_IS_OFFER_MAILS_PORTLET (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->mails_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *header = box ? gtk_widget_get_first_child (box) : NULL;
      GtkWidget *check = header ? gtk_widget_get_first_child (header) : NULL;

      if (GTK_IS_CHECK_BUTTON (check) &&
          GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "crm-mail-id")) == (gsize) mail_id)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked);
    }
}

/**
 * crm_offer_mails_portlet_get_show_all:
 * @self: a #CrmOfferMailsPortlet
 *
 * Returns: whether the whole office's mails are shown
 *   (#CrmOfferMailsPortlet:show-all, for managers and administrators)
 */
gboolean
crm_offer_mails_portlet_get_show_all (CrmOfferMailsPortlet *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAILS_PORTLET (self), FALSE);

  return showing_all (self);
}

/**
 * crm_offer_mails_portlet_set_show_all:
 * @self: a #CrmOfferMailsPortlet
 * @show_all: whether to show every agent's mails
 *
 * Switches between the user's mails and the whole office's; an agent
 * sees their own whatever this says.
 */
void
crm_offer_mails_portlet_set_show_all (CrmOfferMailsPortlet *self,
                                      gboolean              show_all)
{
  g_return_if_fail (CRM_IS_OFFER_MAILS_PORTLET (self));

  show_all = !!show_all;
  if (self->show_all == show_all)
    return;

  self->show_all = show_all;
  g_hash_table_remove_all (self->ticked);
  if (crm_portlet_get_session (CRM_PORTLET (self)) != NULL)
    crm_portlet_reload (CRM_PORTLET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL]);
}
