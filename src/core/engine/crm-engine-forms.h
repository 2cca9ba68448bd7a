/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-form-server.h"
#include "crm-mail-engine.h"

G_BEGIN_DECLS

#define CRM_TYPE_ENGINE_FORMS (crm_engine_forms_get_type ())

G_DECLARE_FINAL_TYPE (CrmEngineForms, crm_engine_forms, CRM, ENGINE_FORMS, GObject)

CrmEngineForms *crm_mail_engine_get_forms     (CrmMailEngine         *engine);

void            crm_engine_forms_set_override (CrmEngineForms        *self,
                                               const CrmFormSettings *settings);
guint           crm_engine_forms_get_port     (CrmEngineForms        *self);
const char     *crm_engine_forms_get_problem  (CrmEngineForms        *self);

/* for the engine */
CrmEngineForms *_crm_engine_forms_new         (void);
void            _crm_engine_forms_start       (CrmEngineForms        *self,
                                               CrmSession            *session);
void            _crm_engine_forms_stop        (CrmEngineForms        *self);

G_END_DECLS
