/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-editor-private.h"
#include "crm-automation-step-dialog.h"
#include "crm-automation-text.h"

/* The editor's steps (AU5-AU7): a list of rows, one a step, in order.
 * Steps come from the palette by dragging one of its three kinds to a
 * place in the list, or by activating a kind (the keyboard's way, and
 * "Add Step"); a step's dialog asks what it does before it is put in.
 * Steps are reordered by dragging a row, or with Alt+Up and Alt+Down
 * on the focused row (or its Move Up / Move Down buttons). What is
 * dragged is a string: "new:KIND" from the palette, "move:INDEX" from
 * the list. Nothing is stored until the automation is saved. */

#define STEP_INDEX "crm-step-index"
#define PALETTE_KIND "crm-step-kind"

static const char *
kind_icon (CrmAutomationStepKind kind)
{
  switch (kind)
    {
    case CRM_AUTOMATION_STEP_EMAIL_CONTACT:
      return "mail-send-symbolic";
    case CRM_AUTOMATION_STEP_EMAIL_USER:
      return "avatar-default-symbolic";
    case CRM_AUTOMATION_STEP_TASK:
    default:
      return "object-select-symbolic";
    }
}

static int
row_index (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), STEP_INDEX)) - 1;
}

static void
move_step (CrmAutomationEditor *self,
           guint                from,
           guint                to)
{
  CrmAutomationStep *step;

  if (from >= self->steps->len || to >= self->steps->len || from == to)
    return;
  step = g_ptr_array_steal_index (self->steps, from);
  g_ptr_array_insert (self->steps, to, step);
  _crm_automation_editor_show_steps (self, (int) to);
}

static void
edit_applied_cb (CrmAutomationStepDialog *dialog,
                 CrmAutomationStep       *step,
                 CrmAutomationEditor     *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), STEP_INDEX)) - 1;
  guint position = (guint) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "crm-insert-at"));

  if (index >= 0 && (guint) index < self->steps->len)
    {
      CrmAutomationStep *copy = crm_automation_step_copy (step);

      copy->id = ((CrmAutomationStep *) g_ptr_array_index (self->steps, index))->id;
      crm_automation_step_free (g_ptr_array_index (self->steps, index));
      g_ptr_array_index (self->steps, index) = copy;
      _crm_automation_editor_show_steps (self, index);
      return;
    }
  if (self->steps->len >= CRM_AUTOMATION_MAX_STEPS)
    return;
  position = MIN (position, self->steps->len);
  g_ptr_array_insert (self->steps, position, crm_automation_step_copy (step));
  ((CrmAutomationStep *) g_ptr_array_index (self->steps, position))->id = 0;
  _crm_automation_editor_show_steps (self, (int) position);
}

static void
open_step_dialog (CrmAutomationEditor     *self,
                  const CrmAutomationStep *step,
                  int                      index,
                  guint                    insert_at)
{
  GtkWidget *dialog = crm_automation_step_dialog_new (GTK_WINDOW (self), self->choices, step);

  g_object_set_data (G_OBJECT (dialog), STEP_INDEX, GINT_TO_POINTER (index + 1));
  g_object_set_data (G_OBJECT (dialog), "crm-insert-at", GUINT_TO_POINTER (insert_at));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (edit_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new step of @kind, asked about and then put at @position. */
void
_crm_automation_editor_new_step (CrmAutomationEditor   *self,
                                 CrmAutomationStepKind  kind,
                                 guint                  position)
{
  g_autoptr(CrmAutomationStep) step = crm_automation_step_new (kind);

  if (self->choices == NULL)
    return;
  if (self->steps->len >= CRM_AUTOMATION_MAX_STEPS)
    {
      g_autofree char *text = g_strdup_printf (_("An automation has at most %d steps."), CRM_AUTOMATION_MAX_STEPS);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  /* 09:00 by default: an hour people read their mail at */
  step->minute_of_day = 9 * 60;
  if (self->choices->template_ids->len > 0)
    step->template_id = g_array_index (self->choices->template_ids, gint64, 0);
  open_step_dialog (self, step, -1, position);
}

static void
step_row_activated_cb (GtkListBox          *list,
                       GtkListBoxRow       *row,
                       CrmAutomationEditor *self)
{
  int index = row_index (GTK_WIDGET (row));

  if (index >= 0 && (guint) index < self->steps->len)
    open_step_dialog (self, g_ptr_array_index (self->steps, index), index, 0);
}

static void
row_button_cb (GtkButton           *button,
               CrmAutomationEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const char *what = g_object_get_data (G_OBJECT (button), "crm-what");
  int index = row != NULL ? row_index (row) : -1;

  if (index < 0 || (guint) index >= self->steps->len)
    return;
  if (g_str_equal (what, "up"))
    move_step (self, index, MAX (index - 1, 0));
  else if (g_str_equal (what, "down"))
    move_step (self, index, index + 1);
  else
    {
      g_ptr_array_remove_index (self->steps, index);
      _crm_automation_editor_show_steps (self, MIN (index, (int) self->steps->len - 1));
    }
}

static GtkWidget *
row_button (CrmAutomationEditor *self,
            const char          *icon,
            const char          *tooltip,
            const char          *what)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "crm-what", (gpointer) what);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_cb), self, 0);

  return button;
}

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autofree char *what = g_strdup_printf ("move:%d", row_index (row));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (G_TYPE_STRING, what);
}

static GtkWidget *
step_row (CrmAutomationEditor     *self,
          const CrmAutomationStep *step,
          guint                    index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%u. %s", index + 1, crm_automation_kind_label (step->kind));
  g_autofree char *summary = crm_automation_step_summary (step);
  g_autofree char *details = crm_automation_step_details (step);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", summary, details);
  GtkDragSource *source = gtk_drag_source_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (kind_icon (step->kind)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, "go-up-symbolic", _("Move Up (Alt+Up)"), "up"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "go-down-symbolic", _("Move Down (Alt+Down)"), "down"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, "user-trash-symbolic", _("Remove Step"), "remove"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Drag to reorder; Enter edits the step"));
  g_object_set_data (G_OBJECT (row), STEP_INDEX, GINT_TO_POINTER (index + 1));

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

/* The list drawn again from the steps; @focus, when >= 0, the row
 * focused afterwards. */
void
_crm_automation_editor_show_steps (CrmAutomationEditor *self,
                                   int                  focus)
{
  GtkListBoxRow *row;

  /* the placeholder is not a row: it stays */
  while ((row = gtk_list_box_get_row_at_index (self->steps_list, 0)) != NULL)
    gtk_list_box_remove (self->steps_list, GTK_WIDGET (row));
  for (guint i = 0; i < self->steps->len; i++)
    gtk_list_box_append (self->steps_list, step_row (self, g_ptr_array_index (self->steps, i), i));
  if (focus >= 0 && (row = gtk_list_box_get_row_at_index (self->steps_list, focus)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Where a drop at @y puts a step: before the row under it, or after it
 * when in its lower half; after the last without a row there. */
static guint
drop_position (CrmAutomationEditor *self,
               double               y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->steps_list, (int) y);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->steps_list), &bounds))
    return self->steps->len;
  if (y > bounds.origin.y + bounds.size.height / 2)
    return (guint) gtk_list_box_row_get_index (row) + 1;

  return (guint) gtk_list_box_row_get_index (row);
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         CrmAutomationEditor *self)
{
  const char *what = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  guint position = drop_position (self, y);
  gint64 number;

  if (what == NULL)
    return FALSE;
  if (g_str_has_prefix (what, "new:") &&
      g_ascii_string_to_signed (what + 4, 10, CRM_AUTOMATION_STEP_EMAIL_CONTACT, CRM_AUTOMATION_STEP_TASK, &number,
                                NULL))
    {
      _crm_automation_editor_new_step (self, (CrmAutomationStepKind) number, position);
      return TRUE;
    }
  if (g_str_has_prefix (what, "move:") &&
      g_ascii_string_to_signed (what + 5, 10, 0, (gint64) self->steps->len - 1, &number, NULL))
    {
      /* the step leaves its place first: the places after it move up */
      if (position > (guint) number)
        position--;
      move_step (self, (guint) number, MIN (position, self->steps->len - 1));
      return TRUE;
    }

  return FALSE;
}

static GdkContentProvider *
palette_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  GtkWidget *item = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), PALETTE_KIND)) - 1;
  g_autofree char *what = g_strdup_printf ("new:%d", kind);
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (item);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (G_TYPE_STRING, what);
}

static void
palette_clicked_cb (GtkButton           *button,
                    CrmAutomationEditor *self)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), PALETTE_KIND)) - 1;

  _crm_automation_editor_new_step (self, (CrmAutomationStepKind) kind, self->steps->len);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmAutomationEditor *self = CRM_AUTOMATION_EDITOR (widget);
  CrmAutomationStepKind kind;

  if (crm_automation_step_kind_parse (g_variant_get_string (parameter, NULL), &kind, NULL))
    _crm_automation_editor_new_step (self, kind, self->steps->len);
}

/* Alt+Up, Alt+Down: the step whose row (or a button of it) has the
 * focus moves, and keeps the focus. */
static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmAutomationEditor *self = CRM_AUTOMATION_EDITOR (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  int index;

  if (focus != NULL && GTK_IS_LIST_BOX_ROW (focus))
    row = focus;
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->steps_list))
    return;
  index = row_index (row);
  if (g_str_equal (action_name, "steps.move-up") && index > 0)
    move_step (self, index, index - 1);
  else if (g_str_equal (action_name, "steps.move-down") && index >= 0 && (guint) index + 1 < self->steps->len)
    move_step (self, index, index + 1);
}

void
_crm_automation_editor_steps_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "steps.add", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "steps.move-up", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "steps.move-down", NULL, move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "steps.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "steps.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "steps.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "steps.move-down", NULL);
}

void
_crm_automation_editor_steps_init (CrmAutomationEditor *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  GtkWidget *placeholder = gtk_label_new (_("Drag a step here from the palette, or choose it there and press Enter."));

  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_step_free);

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->steps_list, placeholder);
  g_signal_connect_object (self->steps_list, "row-activated", G_CALLBACK (step_row_activated_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->steps_list), GTK_EVENT_CONTROLLER (target));

  for (CrmAutomationStepKind kind = CRM_AUTOMATION_STEP_EMAIL_CONTACT; kind <= CRM_AUTOMATION_STEP_TASK; kind++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kind_icon (kind)));
      gtk_box_append (GTK_BOX (box), gtk_label_new (crm_automation_kind_label (kind)));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_tooltip_text (button, _("Drag into the steps, or press to add at the end"));
      gtk_widget_set_name (button, crm_automation_step_kind_to_string (kind));
      g_object_set_data (G_OBJECT (button), PALETTE_KIND, GINT_TO_POINTER (kind + 1));
      g_signal_connect_object (button, "clicked", G_CALLBACK (palette_clicked_cb), self, 0);
      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect (source, "prepare", G_CALLBACK (palette_drag_prepare_cb), NULL);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));
      gtk_box_append (GTK_BOX (self->palette), button);
    }
}
