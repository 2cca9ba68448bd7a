/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-composer.h"

/**
 * CrmTicketComposer:
 *
 * Where the next reply or internal comment of a ticket is written:
 * copies, the text, the files to send with it, the templates, whether
 * it is an internal comment, and Send with its menu (the ticket view's
 * actions `ticket.send`, `ticket.send-later`, `ticket.attach`). It
 * holds what is written; the ticket view sends it.
 */
struct _CrmTicketComposer
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkEntry           *cc_entry;
  GtkTextView        *text_view;
  CrmAttachmentTray  *attachments_box;
  CrmTemplatesButton *templates_button;
  GtkCheckButton     *comment_check;
  GtkLabel           *composer_error;
  GtkRevealer        *others_revealer;
  GtkLabel           *others_label;

  GtkCssProvider     *font_css;
};

G_DEFINE_FINAL_TYPE (CrmTicketComposer, crm_ticket_composer, GTK_TYPE_WIDGET)

enum {
  TEMPLATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chosen_cb (CrmTicketComposer *self,
           const char        *body)
{
  g_signal_emit (self, signals[TEMPLATE_CHOSEN], 0, body);
}

static void
crm_ticket_composer_dispose (GObject *object)
{
  CrmTicketComposer *self = CRM_TICKET_COMPOSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_COMPOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->font_css);

  G_OBJECT_CLASS (crm_ticket_composer_parent_class)->dispose (object);
}

static void
crm_ticket_composer_class_init (CrmTicketComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_composer_dispose;

  /**
   * CrmTicketComposer::template-chosen:
   * @self: the composer
   * @body: the template's text, placeholders unfilled
   *
   * A template was chosen: the view fills it in for its ticket and
   * inserts it (crm_ticket_composer_insert ()).
   */
  signals[TEMPLATE_CHOSEN] =
    g_signal_new ("template-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CRM_TYPE_ATTACHMENT_TRAY);
  g_type_ensure (CRM_TYPE_TEMPLATES_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-ticket-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, cc_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, templates_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, comment_check);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, composer_error);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, others_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketComposer, others_label);
  gtk_widget_class_bind_template_callback (widget_class, chosen_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_ticket_composer_init (CrmTicketComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->font_css = gtk_css_provider_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "composer");
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->font_css), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * crm_ticket_composer_get_text_view:
 * @self: a #CrmTicketComposer
 *
 * Returns: (transfer none): where the text is written
 */
GtkTextView *
crm_ticket_composer_get_text_view (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  return self->text_view;
}

/**
 * crm_ticket_composer_get_tray:
 * @self: a #CrmTicketComposer
 *
 * Returns: (transfer none): the files to send with the reply
 */
CrmAttachmentTray *
crm_ticket_composer_get_tray (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  return self->attachments_box;
}

/**
 * crm_ticket_composer_get_templates_button:
 * @self: a #CrmTicketComposer
 *
 * Returns: (transfer none): the templates' button
 */
CrmTemplatesButton *
crm_ticket_composer_get_templates_button (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  return self->templates_button;
}

/**
 * crm_ticket_composer_dup_text:
 * @self: a #CrmTicketComposer
 *
 * Returns: (transfer full): what is written
 */
char *
crm_ticket_composer_dup_text (CrmTicketComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The copies as typed. */
const char *
crm_ticket_composer_get_cc (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->cc_entry));
}

/**
 * crm_ticket_composer_dup_copies:
 * @self: a #CrmTicketComposer
 *
 * Returns: (transfer full): the copies' addresses, separated by commas
 *   or semicolons as typed, trimmed, empty ones left out
 */
GStrv
crm_ticket_composer_dup_copies (CrmTicketComposer *self)
{
  g_auto(GStrv) cc = NULL;
  g_autoptr(GStrvBuilder) copies = g_strv_builder_new ();

  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  cc = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->cc_entry)), ",;", -1);
  for (guint i = 0; cc[i] != NULL; i++)
    if (*g_strstrip (cc[i]) != '\0')
      g_strv_builder_add (copies, cc[i]);

  return g_strv_builder_end (copies);
}

/* Whether it is an internal comment, never sent. */
gboolean
crm_ticket_composer_get_internal (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), FALSE);

  return gtk_check_button_get_active (self->comment_check);
}

/* Puts @text where the cursor is, and the focus on the text. */
void
crm_ticket_composer_insert (CrmTicketComposer *self,
                            const char        *text)
{
  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (self->text_view), text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * crm_ticket_composer_restore:
 * @self: a #CrmTicketComposer
 * @text: a reply's text, taken back
 * @cc: (nullable): its copies
 *
 * Puts a reply taken back (undone) into the composer, before whatever
 * was written since, so that nothing is lost either way; it is a
 * reply again, not a comment.
 */
void
crm_ticket_composer_restore (CrmTicketComposer *self,
                             const char        *text,
                             const char        *cc)
{
  GtkTextBuffer *buffer;
  g_autofree char *now = NULL;

  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  now = crm_ticket_composer_dup_text (self);
  if (*now == '\0')
    gtk_text_buffer_set_text (buffer, text, -1);
  else
    {
      g_autofree char *both = g_strconcat (text, "\n\n", now, NULL);

      gtk_text_buffer_set_text (buffer, both, -1);
    }

  if (cc != NULL && *cc != '\0')
    {
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->cc_entry));
      g_autofree char *joined = *typed != '\0' ? g_strconcat (cc, ", ", typed, NULL) : g_strdup (cc);

      gtk_editable_set_text (GTK_EDITABLE (self->cc_entry), joined);
    }

  gtk_check_button_set_active (self->comment_check, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Says why what is written was not sent. */
void
crm_ticket_composer_show_error (CrmTicketComposer *self,
                                const char        *message)
{
  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  gtk_label_set_text (self->composer_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->composer_error), TRUE);
}

/**
 * crm_ticket_composer_clear:
 * @self: a #CrmTicketComposer
 * @sent: whether a reply went (its copies and files go with it too)
 *
 * Empties the composer after what it held was sent or saved.
 */
void
crm_ticket_composer_clear (CrmTicketComposer *self,
                           gboolean           sent)
{
  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  if (sent)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->cc_entry), "");
      crm_attachment_tray_clear (self->attachments_box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->composer_error), FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_check_button_set_active (self->comment_check, FALSE);
}

/* The copies and the files belong to a reply to one ticket: they go
 * when another ticket is shown. */
void
crm_ticket_composer_drop_copies (CrmTicketComposer *self)
{
  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  crm_attachment_tray_clear (self->attachments_box);
  gtk_editable_set_text (GTK_EDITABLE (self->cc_entry), "");
}

/**
 * crm_ticket_composer_set_font:
 * @self: a #CrmTicketComposer
 * @font: (nullable): a Pango font description, or %NULL for the default
 *
 * TK4: the composer's font, a setting of the user's.
 */
void
crm_ticket_composer_set_font (CrmTicketComposer *self,
                              const char        *font)
{
  g_autoptr(GString) css = g_string_new ("textview.composer {");

  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  if (font != NULL && *font != '\0')
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
      const char *family = pango_font_description_get_family (desc);
      int size = pango_font_description_get_size (desc);

      if (family != NULL)
        g_string_append_printf (css, " font-family: \"%s\";", family);
      if (size > 0)
        g_string_append_printf (css, " font-size: %.1fpt;", size / (double) PANGO_SCALE);
    }
  g_string_append (css, " }");
  gtk_css_provider_load_from_data (self->font_css, css->str, -1);
}

/**
 * crm_ticket_composer_set_others_replying:
 * @self: a #CrmTicketComposer
 * @names: (nullable): who else is writing a reply to this ticket now,
 *   or %NULL for nobody
 *
 * Says, above the text, that a colleague on another desktop is
 * answering the same client, before two answers go.
 */
void
crm_ticket_composer_set_others_replying (CrmTicketComposer *self,
                                         const char        *names)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CRM_IS_TICKET_COMPOSER (self));

  if (names != NULL)
    {
      /* Translators: %s is a person's name, or several, joined by commas */
      text = g_strdup_printf (_("%s is replying to this ticket"), names);
      gtk_label_set_label (self->others_label, text);
    }
  gtk_revealer_set_reveal_child (self->others_revealer, names != NULL);
}

/**
 * crm_ticket_composer_get_others_replying:
 * @self: a #CrmTicketComposer
 *
 * Returns: (nullable): what the composer says of colleagues replying,
 *   or %NULL when it says nothing
 */
const char *
crm_ticket_composer_get_others_replying (CrmTicketComposer *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COMPOSER (self), NULL);

  return gtk_revealer_get_reveal_child (self->others_revealer) ? gtk_label_get_label (self->others_label) : NULL;
}
