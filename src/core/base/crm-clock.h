/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CLOCK (crm_clock_get_type ())

G_DECLARE_FINAL_TYPE (CrmClock, crm_clock, CRM, CLOCK, GObject)

CrmClock  *crm_clock_get_default (void);
CrmClock  *crm_clock_new         (void);
CrmClock  *crm_clock_new_fixed   (GDateTime   *now);
GDateTime *crm_clock_now         (CrmClock    *self);
gint64     crm_clock_now_unix    (CrmClock    *self);
gboolean   crm_clock_is_fixed    (CrmClock    *self);
void       crm_clock_set_fixed   (CrmClock    *self,
                                  GDateTime   *now);
void       crm_clock_advance     (CrmClock    *self,
                                  GTimeSpan    span);
GDateTime *crm_clock_parse_time  (const char  *text,
                                  GError     **error);
char      *crm_clock_format_unix (gint64       unix_time);

G_END_DECLS
