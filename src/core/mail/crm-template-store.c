/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-template-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-mail-private.h"

/**
 * CrmTemplateStore:
 *
 * The office's templates for mail (TK4), shared by every module that
 * writes mail, in one session (see crm_template_store_from_session()).
 */
struct _CrmTemplateStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmTemplateStore, crm_template_store, CRM_TYPE_STORE)

static void
crm_template_store_class_init (CrmTemplateStoreClass *klass)
{
}

static void
crm_template_store_init (CrmTemplateStore *self)
{
}

/**
 * crm_template_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the templates' store of @session
 */
CrmTemplateStore *
crm_template_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_TEMPLATE_STORE);
}

/*
 * A template's placeholders:
 * filled in when it is used, are
 *
 *   {client_name}        the client's name (or address)
 *   {client_first_name}  the first word of it
 *   {ticket_number}      the ticket's number
 *   {ticket_subject}     the ticket's subject
 *   {agent_name}         the name of the user who writes
 *
 * in the office's notice of a merge (crm_ticket_store_set_merge_notice()):
 *
 *   {merged_ticket_number}  the number of the ticket merged into this one
 *
 * and in the text of offer mails (OF7, OF8; crm-offer-mail.c):
 *
 *   {offers}             the offers, one summary each
 *   {offer_count}        how many there are
 *
 * An unknown placeholder stays as it is written, so a typo shows.
 */

static const char * const placeholders[] = {
  "client_name", "client_first_name", "ticket_number", "ticket_subject", "agent_name", "offers", "offer_count",
  "merged_ticket_number", NULL,
};

/**
 * crm_template_placeholders:
 *
 * Returns: (transfer none): the names of the placeholders a template
 *   may use, without braces
 */
const char * const *
crm_template_placeholders (void)
{
  return placeholders;
}

void
crm_template_info_free (gpointer data)
{
  CrmTemplateInfo *info = data;

  g_free (info->name);
  g_free (info->body);
  g_free (info);
}

/**
 * crm_template_store_check:
 * @self: a #CrmTemplateStore
 * @name: the template's name
 * @body: its text
 * @error: return location for a #GError
 *
 * Says at once, without the database, what crm_template_store_add()
 * would refuse whatever is stored: a missing name or text.
 *
 * Returns: %TRUE when it can be added, as far as this can tell
 */
gboolean
crm_template_store_check (CrmTemplateStore  *self,
                          const char        *name,
                          const char        *body,
                          GError           **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (CRM_IS_TEMPLATE_STORE (self), FALSE);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Enter a name for the template."));
      return FALSE;
    }
  if (body == NULL || strspn (body, " \t\r\n") == strlen (body))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the template’s text."));
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_template_store_add:
 * @self: a #CrmTemplateStore
 * @name: the template's name, as the composer lists it
 * @body: its text, with placeholders
 * @error: return location for a #GError
 *
 * Returns: the template's id, or 0 with @error set
 */
gint64
crm_template_store_add (CrmTemplateStore  *self,
                        const char        *name,
                        const char        *body,
                        GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  gint64 id;

  g_return_val_if_fail (CRM_IS_TEMPLATE_STORE (self), 0);

  if (!crm_template_store_check (self, name, body, error))
    return 0;

  stmt = crm_database_prepare (_crm_store_db (self), "INSERT INTO templates (name, body, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_text (stmt, 1, clean);
  crm_statement_bind_text (stmt, 2, body);
  crm_statement_bind_int64 (stmt, 3, crm_session_now (_crm_session (self)));
  if (!crm_database_step_done (_crm_store_db (self), stmt, error))
    return 0;
  if (crm_database_count_changes (_crm_store_db (self)) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("There is already a template called “%s”."), clean);
      return 0;
    }
  id = crm_database_last_insert_id (_crm_store_db (self));

  crm_session_append_history (_crm_session (self), "template", id, "created", clean, NULL);
  crm_database_emit_changed (_crm_store_db (self), "template", id);

  return id;
}

/* The template goes, and with it the office's choice of it for offer
 * mails: a later template must not take its number and its place. */
typedef struct
{
  CrmTemplateStore *self;
  gint64            id;
} Deletion;

static gboolean
delete_template_tx (CrmDatabase  *database,
                    gpointer      user_data,
                    GError      **error)
{
  CrmTemplateStore *self = ((Deletion *) user_data)->self;
  gint64 id = ((Deletion *) user_data)->id;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (_crm_store_db (self), "DELETE FROM templates WHERE id = ?", error);
  g_autoptr(CrmStatement) choice = NULL;

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!crm_database_step_done (_crm_store_db (self), stmt, error))
    return FALSE;
  if (crm_database_count_changes (_crm_store_db (self)) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template %lld."), (long long) id);
      return FALSE;
    }
  if (!(choice = crm_database_prepare (_crm_store_db (self), "UPDATE settings SET value = '' WHERE key = 'offer-mail-template' "
                                           "AND value = CAST (?1 AS TEXT)", error)))
    return FALSE;
  crm_statement_bind_int64 (choice, 1, id);
  if (!crm_database_step_done (_crm_store_db (self), choice, error))
    return FALSE;
  /* the office's choice of template may have gone with it */
  if (crm_database_count_changes (_crm_store_db (self)) > 0)
    crm_database_emit_changed (_crm_store_db (self), "setting", 0);

  return crm_session_append_history (_crm_session (self), "template", id, "deleted", NULL, error);
}

/**
 * crm_template_store_delete:
 * @self: a #CrmTemplateStore
 * @id: the template
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it was deleted
 */
gboolean
crm_template_store_delete (CrmTemplateStore  *self,
                           gint64             id,
                           GError           **error)
{
  Deletion deletion = { self, id };

  g_return_val_if_fail (CRM_IS_TEMPLATE_STORE (self), FALSE);

  if (!crm_database_run_in_transaction (_crm_store_db (self), delete_template_tx, &deletion, error))
    return FALSE;

  crm_database_emit_changed (_crm_store_db (self), "template", id);

  return TRUE;
}

/**
 * crm_template_store_get_offer_mail_template:
 * @self: a #CrmTemplateStore
 *
 * Returns: (transfer full) (nullable): the text of the template the
 *   office chose for mails with offers, or %NULL for the built-in text
 *   (also when the chosen template was deleted)
 */
char *
crm_template_store_get_offer_mail_template (CrmTemplateStore *self)
{
  g_autofree char *id = NULL;
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_TEMPLATE_STORE (self), NULL);

  id = crm_database_get_setting (_crm_store_db (self), "offer-mail-template", NULL);
  if (id == NULL || *id == '\0' ||
      !(stmt = crm_database_prepare (_crm_store_db (self), "SELECT body FROM templates WHERE CAST (id AS TEXT) = ?", NULL)))
    return NULL;
  crm_statement_bind_text (stmt, 1, id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return NULL;

  return g_strdup (crm_statement_get_text (stmt, 0));
}

/**
 * crm_template_store_set_offer_mail_template:
 * @self: a #CrmTemplateStore
 * @template_id: a template, or 0 for the built-in text
 * @error: return location for a #GError
 *
 * Chooses the text of mails with offers (FD3): the template's, with
 * {offers} where the offers go (after the text when it has none).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_template_store_set_offer_mail_template (CrmTemplateStore  *self,
                                            gint64             template_id,
                                            GError           **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (CRM_IS_TEMPLATE_STORE (self), FALSE);

  if (template_id != 0)
    {
      g_autoptr(CrmStatement) stmt = crm_database_prepare (_crm_store_db (self), "SELECT 1 FROM templates WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      crm_statement_bind_int64 (stmt, 1, template_id);
      if (crm_statement_step (stmt) != CRM_STEP_ROW)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template with id %lld."),
                       (long long) template_id);
          return FALSE;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, template_id);
    }

  return crm_database_set_setting (_crm_store_db (self), "offer-mail-template", id ? id : "", error);
}

static gboolean
read_templates (CrmSession    *reader,
                gpointer       data,
                gpointer      *result,
                GCancellable  *cancellable,
                GError       **error)
{
  return (*result = crm_template_store_list (crm_template_store_from_session (reader), error)) != NULL;
}

/**
 * crm_template_store_keep_up_to_date:
 * @self: a #CrmTemplateStore
 *
 * For the window's session: the templates are read on a worker now and
 * after every change to them, and crm_template_store_list() answers
 * from what was read, without waiting on the database.
 */
void
crm_template_store_keep_up_to_date (CrmTemplateStore *self)
{
  g_return_if_fail (CRM_IS_TEMPLATE_STORE (self));

  _crm_store_keep (CRM_STORE (self), "template", read_templates, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * crm_template_store_list:
 * @self: a #CrmTemplateStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmTemplateInfo): the templates, by name
 */
GPtrArray *
crm_template_store_list (CrmTemplateStore  *self,
                         GError           **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (crm_template_info_free);
  g_autoptr(CrmStatement) stmt = NULL;
  GPtrArray *kept = _crm_store_get_kept (CRM_STORE (self));
  int rc;

  /* a copy of what the window keeps */
  if (kept != NULL)
    {
      for (guint i = 0; i < kept->len; i++)
        {
          CrmTemplateInfo *info = g_ptr_array_index (kept, i);
          CrmTemplateInfo *copy = g_new0 (CrmTemplateInfo, 1);

          copy->id = info->id;
          copy->name = g_strdup (info->name);
          copy->body = g_strdup (info->body);
          g_ptr_array_add (templates, copy);
        }
      return g_steal_pointer (&templates);
    }

  stmt = crm_database_prepare (_crm_store_db (self), "SELECT id, name, body FROM templates ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmTemplateInfo *info = g_new0 (CrmTemplateInfo, 1);

      info->id = crm_statement_get_int64 (stmt, 0);
      info->name = g_strdup (crm_statement_get_text (stmt, 1));
      info->body = g_strdup (crm_statement_get_text (stmt, 2));
      g_ptr_array_add (templates, info);
    }
  if (rc != CRM_STEP_DONE)
    {
      crm_database_set_error (_crm_store_db (self), error);
      return NULL;
    }

  return g_steal_pointer (&templates);
}
