/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_DATABASE_CHOOSER (crm_database_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CrmDatabaseChooser, crm_database_chooser, CRM, DATABASE_CHOOSER, GtkWidget)

CrmDatabaseChooser *crm_database_chooser_new         (void);
char               *crm_database_chooser_dup_uri     (CrmDatabaseChooser  *self,
                                                      GError             **error);
void                crm_database_chooser_show_error  (CrmDatabaseChooser  *self,
                                                      const char          *message);
void                crm_database_chooser_set_busy    (CrmDatabaseChooser  *self,
                                                      gboolean             busy);

G_END_DECLS
