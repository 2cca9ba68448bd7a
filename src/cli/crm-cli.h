/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "crm.h"

G_BEGIN_DECLS

/* Exit statuses of the contract (CRMCTL.md). */
#define CRM_CLI_OK 0
#define CRM_CLI_FAILURE 1
#define CRM_CLI_USAGE 2

typedef struct
{
  char     *data_dir;
  char     *database;   /* --database: the team's server */
  gboolean  json;
  CrmSession *session;
} CrmCli;

typedef int (*CrmCliCommandFunc) (CrmCli  *cli,
                                  int      argc,
                                  char   **argv);

CrmSession *crm_cli_open_store    (CrmCli               *cli,
                                   GError              **error);
char       *crm_cli_read_password (GError              **error);
int         crm_cli_fail          (CrmCli               *cli,
                                   const GError         *error);
int         crm_cli_usage_error   (CrmCli               *cli,
                                   const char           *format,
                                   ...) G_GNUC_PRINTF (2, 3);
gboolean    crm_cli_parse         (CrmCli               *cli,
                                   const char           *command,
                                   const char           *parameters,
                                   const GOptionEntry   *entries,
                                   int                  *argc,
                                   char               ***argv,
                                   GError              **error);
int         crm_cli_parse_no_args (CrmCli               *cli,
                                   const char           *command,
                                   const GOptionEntry   *entries,
                                   int                  *argc,
                                   char               ***argv);
int         crm_cli_parse_one_id  (CrmCli               *cli,
                                   const char           *command,
                                   const GOptionEntry   *entries,
                                   const char           *missing,
                                   int                  *argc,
                                   char               ***argv,
                                   gint64               *id);
gboolean    crm_cli_parse_id      (const char           *text,
                                   gint64               *id,
                                   GError              **error);
int         crm_cli_read_text     (CrmCli               *cli,
                                   const char           *path,
                                   char                **text);
int       crm_cli_load_attachments (CrmCli           *cli,
                                const char * const  *paths,
                                GPtrArray          **attachments);
gboolean crm_cli_due           (CrmSession   *session,
                                int           delay,
                                const char   *at,
                                gint64       *due,
                                GError      **error);
gboolean crm_cli_set_actor     (CrmSession   *session,
                                const char   *user,
                                gint64       *user_id,
                                GError      **error);
void     crm_cli_print_json    (JsonNode     *node);
void     crm_cli_print_builder (JsonBuilder  *builder);
void     crm_cli_print_id      (CrmCli       *cli,
                                gint64        id);
void      crm_cli_add_int      (JsonBuilder         *builder,
                                const char          *member,
                                gint64               value);
void      crm_cli_add_time     (JsonBuilder         *builder,
                                const char          *member,
                                gint64               when);
int       crm_cli_open_as      (CrmCli              *cli,
                                const char          *as,
                                CrmSession         **session);
gboolean  crm_cli_parse_time   (const char          *text,
                                gboolean             end_of_day,
                                gint64              *when,
                                GError             **error);
void      crm_cli_add_nullable (JsonBuilder         *builder,
                                const char          *member,
                                const char          *value);
void      crm_cli_add_strv     (JsonBuilder         *builder,
                                const char          *member,
                                const char * const  *strv);
char *crm_cli_format_time (gint64 unix_time);

int      crm_cli_account_add            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_account_list           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_account_test           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_account_edit           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_account_remove         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_sync                   (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_messages_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_messages_show          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_send                   (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_outbox_list            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_outbox_cancel          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_outbox_run             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_serve                  (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_queues_add             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_queues_list            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_rules_add              (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_rules_list             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_list           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_show           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_new            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_reply          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_comment        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_assign         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_set            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_follow         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_statuses_add           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_statuses_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_categories_add         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_categories_list        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_offers_add             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_offers_import          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_offers_list            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_offers_show            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_searches_add           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_searches_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_searches_show          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_searches_bump          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_list           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_send           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_present        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_for_search     (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_for_offer      (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_matches_show           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_offers_language        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
gboolean crm_cli_check_language         (const char   *given,
                                         GError      **error);
gboolean crm_cli_set_contact_language   (CrmSession   *session,
                                         gint64        contact_id,
                                         const char   *given,
                                         GError      **error);
void     crm_cli_add_contact_language   (JsonBuilder  *builder,
                                         CrmSession   *session,
                                         gint64        contact_id);
void     crm_cli_print_contact_language (CrmSession   *session,
                                         gint64        contact_id);
int      crm_cli_init                   (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_db_status              (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_db_migrate             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_demo                   (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_users_add              (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_users_list             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_users_edit             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_users_deactivate       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_users_reactivate       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_add           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_show          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_edit          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_delete        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_contacts_note          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);

int      crm_cli_tickets_close         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_merge         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_forward       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_split         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_unpin         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_print         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_delete        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_deleted       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_restore       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_move          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_reasons_add           (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_reasons_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_reasons_stats         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_shop_set              (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_shop_show             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_shop_last_order       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_activities_add        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_activities_list       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_activities_import     (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_activities_unlink     (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tickets_link          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_undo                  (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_add          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_item         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_list         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_show         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_close        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_reopen       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_projects_spec         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tasks_add             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tasks_list            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tasks_show            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tasks_done            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_tasks_undone          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);

int      crm_cli_automations_add       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_step      (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_move_step (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_remove_step(CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_list      (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_show      (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_activate  (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_deactivate(CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_simulate  (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_automations_runs      (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_scheduler_run         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_time_zone    (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_daily_cap    (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_forms_server (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_templates_add         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_templates_list        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_add             (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_list            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_show            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_records         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_rename          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_views_delete          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);

/* crm-cli-forms.c (investments, forms, settings) and crm-cli-referrals.c (referrals) */
int      crm_cli_investments_add         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_investments_list        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_forms_add               (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_forms_list              (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_forms_url               (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_forms_revoke            (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_forms_key               (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_list          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_counts        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_show          (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_accept        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_reject        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_message       (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_reveal        (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_referrals_purge         (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_referral_retention (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_referral_forms_url (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);
int      crm_cli_settings_referral_identifier (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);

/* crm-cli-dashboard.c */
int      crm_cli_dashboard               (CrmCli       *cli,
                                         int           argc,
                                         char        **argv);

G_END_DECLS
