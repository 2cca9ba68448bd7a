/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_TYPE_BACKGROUND (crm_background_get_type ())

G_DECLARE_FINAL_TYPE (CrmBackground, crm_background, CRM, BACKGROUND, GObject)

CrmBackground *crm_background_new           (GApplication  *application,
                                             GSettings     *settings);
gboolean       crm_background_window_closed (CrmBackground *self,
                                             gboolean       engine_running);
void           crm_background_window_opened (CrmBackground *self);
void           crm_background_quit          (CrmBackground *self);

G_END_DECLS
