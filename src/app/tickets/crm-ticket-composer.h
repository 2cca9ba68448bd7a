/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"
#include "crm-attachment-tray.h"
#include "crm-templates-button.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_COMPOSER (crm_ticket_composer_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketComposer, crm_ticket_composer, CRM, TICKET_COMPOSER, GtkWidget)

GtkTextView        *crm_ticket_composer_get_text_view        (CrmTicketComposer  *self);
CrmAttachmentTray  *crm_ticket_composer_get_tray             (CrmTicketComposer  *self);
CrmTemplatesButton *crm_ticket_composer_get_templates_button (CrmTicketComposer  *self);
char               *crm_ticket_composer_dup_text             (CrmTicketComposer  *self);
const char         *crm_ticket_composer_get_cc               (CrmTicketComposer  *self);
GStrv               crm_ticket_composer_dup_copies           (CrmTicketComposer  *self);
gboolean            crm_ticket_composer_get_internal         (CrmTicketComposer  *self);
void                crm_ticket_composer_insert               (CrmTicketComposer  *self,
                                                              const char         *text);
void                crm_ticket_composer_restore              (CrmTicketComposer  *self,
                                                              const char         *text,
                                                              const char         *cc);
void                crm_ticket_composer_show_error           (CrmTicketComposer  *self,
                                                              const char         *message);
void                crm_ticket_composer_clear                (CrmTicketComposer  *self,
                                                              gboolean            sent);
void                crm_ticket_composer_drop_copies          (CrmTicketComposer  *self);
void                crm_ticket_composer_set_font             (CrmTicketComposer  *self,
                                                              const char         *font);
void                crm_ticket_composer_set_others_replying  (CrmTicketComposer  *self,
                                                              const char         *names);
const char         *crm_ticket_composer_get_others_replying  (CrmTicketComposer  *self);

G_END_DECLS
