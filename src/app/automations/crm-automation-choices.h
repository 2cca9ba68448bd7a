/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

/**
 * CrmAutomationChoices:
 * @status_ids: (element-type gint64): the ticket statuses an automation
 *   of tickets or requests may select by
 * @status_names: their names
 * @view_ids: (element-type gint64): the module's saved views
 * @view_names: their names
 * @template_ids: (element-type gint64): the mail templates (FD3)
 * @template_names: their names
 * @user_ids: (element-type gint64): the active users
 * @user_names: their names
 *
 * What the automation editor and its step dialog offer, read off the
 * main loop (crm_automation_choices_read ()).
 */
typedef struct
{
  GArray       *status_ids;
  GtkStringList *status_names;
  GArray       *view_ids;
  GtkStringList *view_names;
  GArray       *template_ids;
  GtkStringList *template_names;
  GArray       *user_ids;
  GtkStringList *user_names;
} CrmAutomationChoices;

CrmAutomationChoices *crm_automation_choices_new   (void);
void                  crm_automation_choices_free  (CrmAutomationChoices  *choices);
gboolean              crm_automation_choices_read  (CrmSession            *reader,
                                                    const char            *module,
                                                    CrmAutomationChoices  *choices,
                                                    GError               **error);
gboolean              crm_automation_choices_read_views (CrmSession            *reader,
                                                         const char            *module,
                                                         CrmAutomationChoices  *choices,
                                                         GError               **error);
guint                 crm_automation_choices_find  (GArray                *ids,
                                                    gint64                 id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomationChoices, crm_automation_choices_free)

G_END_DECLS
