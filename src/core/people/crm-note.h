/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_NOTE (crm_note_get_type ())

G_DECLARE_FINAL_TYPE (CrmNote, crm_note, CRM, NOTE, GObject)

CrmNote    *crm_note_new        (gint64      id,
                                 const char *author,
                                 gint64      at,
                                 const char *body);
gint64      crm_note_get_id     (CrmNote    *self);
const char *crm_note_get_author (CrmNote    *self);
gint64      crm_note_get_at     (CrmNote    *self);
const char *crm_note_get_body   (CrmNote    *self);

G_END_DECLS
