/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-automation-choices.h"
#include "crm-automation-editor.h"

G_BEGIN_DECLS

struct _CrmAutomationEditor
{
  AdwWindow              parent_instance;

  /* template widgets */
  AdwToastOverlay       *toast_overlay;
  GtkWidget             *save_button;
  GtkWidget             *content;
  GtkLabel              *version_label;
  AdwEntryRow           *name_row;
  AdwComboRow           *selector_row;
  AdwComboRow           *status_row;
  AdwComboRow           *view_row;
  GtkLabel              *no_selection_label;
  GtkSwitch             *only_new_switch;
  AdwComboRow           *runs_row;
  AdwComboRow           *catch_up_row;
  GtkListBox            *steps_list;
  GtkWidget             *palette;

  /* owned */
  CrmSession            *session;
  char                  *module;
  CrmAutomation         *automation;   /* as read, or NULL for a new one */
  CrmAutomationChoices  *choices;
  GPtrArray             *steps;        /* CrmAutomationStep, as edited */
  GCancellable          *cancellable;
  gboolean               loading;
  gboolean               saving;
};

/* crm-automation-editor-steps.c */
void _crm_automation_editor_steps_init        (CrmAutomationEditor      *self);
void _crm_automation_editor_steps_class_init  (GtkWidgetClass           *widget_class);
void _crm_automation_editor_show_steps        (CrmAutomationEditor      *self,
                                               int                       focus);
void _crm_automation_editor_new_step          (CrmAutomationEditor      *self,
                                               CrmAutomationStepKind     kind,
                                               guint                     position);

G_END_DECLS
