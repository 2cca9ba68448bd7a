/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_NO_ANSWER_WATCH (crm_no_answer_watch_get_type ())

G_DECLARE_FINAL_TYPE (CrmNoAnswerWatch, crm_no_answer_watch, CRM, NO_ANSWER_WATCH, GObject)

CrmNoAnswerWatch *crm_no_answer_watch_new   (GtkApplication   *application,
                                             CrmSession       *session);
void              crm_no_answer_watch_check (CrmNoAnswerWatch *self);

G_END_DECLS
