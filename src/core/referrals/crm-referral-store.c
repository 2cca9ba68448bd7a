/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-referral-store-private.h"
#include "crm-user-store.h"

/**
 * CrmReferralStore:
 *
 * Referrals from brokers (issue 16, RF1-RF12; tables of 0039). A broker
 * gets a form (crm-referral-store-forms.c) whose link carries a signed
 * token (crm-referral-token.c); the form server hands each filled form
 * to crm_referral_store_submit() (crm-referral-store-submit.c), once
 * per submission id. The office lists them with their counts
 * (crm-referral-store-list.c, #CrmReferralList), sees similar clients,
 * referrals and leads (crm-referral-store-similar.c), accepts or
 * rejects them with a comment mailed to the broker, and writes to the
 * broker, whose answers the mail import threads back
 * (crm-referral-store-decide.c). The PESEL and the ID card number are
 * masked but on request, with an audit row, and rejected referrals are
 * purged after the office's retention (crm-referral-store-privacy.c).
 *
 * This file: the office's settings ("referral-retention-days",
 * "referral-forms-url", "referral-identifier", the templates of the
 * decisions' mails; the settings table takes them as they are) and the
 * investments. Every change leaves an audit row.
 */
struct _CrmReferralStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmReferralStore, crm_referral_store, CRM_TYPE_STORE)

#define SETTING_RETENTION "referral-retention-days"
#define SETTING_FORMS_URL "referral-forms-url"
#define SETTING_IDENTIFIER "referral-identifier"
#define SETTING_ACCEPT_TEMPLATE "referral-accept-template"
#define SETTING_REJECT_TEMPLATE "referral-reject-template"
#define MAX_RETENTION_DAYS 3650

static void
crm_referral_store_class_init (CrmReferralStoreClass *klass)
{
}

static void
crm_referral_store_init (CrmReferralStore *self)
{
}

/**
 * crm_referral_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the referrals' store of @session
 */
CrmReferralStore *
crm_referral_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_REFERRAL_STORE);
}

gint64
_crm_referral_store_now (CrmReferralStore *self)
{
  return crm_clock_now_unix (crm_session_get_clock (_crm_session (self)));
}

/* Binds @text, or NULL for NULL or "". */
void
_crm_referral_bind_text (CrmStatement *stmt,
                         int           index,
                         const char   *text)
{
  if (text != NULL && *text != '\0')
    crm_statement_bind_text (stmt, index, text);
  else
    crm_statement_bind_null (stmt, index);
}

/* Office settings are an administrator's (crmctl with no --as, and the
 * engine, work as the office). @what says what, in the message. */
gboolean
_crm_referral_store_check_admin (CrmReferralStore  *self,
                                 const char        *what,
                                 GError           **error)
{
  g_autoptr(CrmUser) actor = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (user_id == 0 || !(actor = crm_user_store_get (crm_user_store_from_session (_crm_session (self)), user_id, NULL)) ||
      crm_user_get_role (actor) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_PERMISSION,
               /* Translators: %s is what was to be changed, e.g. "the referral forms' address" */
               _("Only an administrator may change %s."), what);

  return FALSE;
}

/* A line of text a user gives: trimmed, 1 to @max characters, no
 * control characters (it may reach a mail's header). */
char *
_crm_referral_clean_line (const char  *text,
            guint        max,
            const char  *message,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > max)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, message);
      return NULL;
    }
  for (const char *p = clean; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, message);
        return NULL;
      }

  return g_steal_pointer (&clean);
}

typedef struct
{
  const char *key;
  const char *value;
  const char *action;
} SetSetting;

static gboolean
set_setting_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  SetSetting *set = user_data;

  return crm_session_set_setting (session, set->key, set->value, error) &&
         crm_session_append_history (session, "settings", 0, set->action, set->value, error);
}

static gboolean
set_setting (CrmReferralStore  *self,
             const char        *key,
             const char        *value,
             const char        *action,
             GError           **error)
{
  SetSetting set = { key, value, action };

  return crm_session_run_in_transaction (_crm_session (self), set_setting_tx, &set, error);
}

/**
 * crm_referral_store_get_retention_days:
 * @self: a #CrmReferralStore
 *
 * Returns: how many days a rejected referral is kept, from its
 *   rejection (%CRM_REFERRAL_RETENTION_DAYS unless the office set it)
 */
guint
crm_referral_store_get_retention_days (CrmReferralStore *self)
{
  g_autofree char *text = NULL;
  guint64 days = 0;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), CRM_REFERRAL_RETENTION_DAYS);

  text = crm_session_get_setting (_crm_session (self), SETTING_RETENTION, NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, MAX_RETENTION_DAYS, &days, NULL))
    return CRM_REFERRAL_RETENTION_DAYS;

  return (guint) days;
}

/**
 * crm_referral_store_set_retention_days:
 * @self: a #CrmReferralStore
 * @days: 1 to 3650
 * @error: return location for a #GError
 *
 * Sets how long rejected referrals and their documents are kept: an
 * office setting, administrators only, with an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_set_retention_days (CrmReferralStore  *self,
                                       guint              days,
                                       GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);

  if (days < 1 || days > MAX_RETENTION_DAYS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Keep rejected referrals between 1 and %d days."), MAX_RETENTION_DAYS);
      return FALSE;
    }
  if (!_crm_referral_store_check_admin (self, _("how long rejected referrals are kept"), error))
    return FALSE;
  text = g_strdup_printf ("%u", days);

  return set_setting (self, SETTING_RETENTION, text, "referral-retention-set", error);
}

/**
 * crm_referral_store_get_forms_url:
 * @self: a #CrmReferralStore
 *
 * Returns: (transfer full): the forms' public address, without a
 *   trailing slash (%CRM_REFERRAL_FORMS_URL unless the office set one);
 *   a form's link is this, "/f/" and its token
 */
char *
crm_referral_store_get_forms_url (CrmReferralStore *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  return crm_session_get_setting (_crm_session (self), SETTING_FORMS_URL, CRM_REFERRAL_FORMS_URL);
}

/**
 * crm_referral_store_set_forms_url:
 * @self: a #CrmReferralStore
 * @url: (nullable): http:// or https:// and a host, e.g.
 *   "https://forms.example.pl"; %NULL or "" for the default
 * @error: return location for a #GError
 *
 * Sets the address the brokers reach the forms at (the office's proxy
 * in front of the engine's form server). Links made before keep the
 * address they were made with. Administrators only, with an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_set_forms_url (CrmReferralStore  *self,
                                  const char        *url,
                                  GError           **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autoptr(GUri) parsed = NULL;
  gsize len;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);

  while ((len = strlen (clean)) > 0 && clean[len - 1] == '/')
    clean[len - 1] = '\0';
  if (*clean != '\0' &&
      (!(parsed = g_uri_parse (clean, G_URI_FLAGS_NONE, NULL)) ||
       (g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0 && g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0) ||
       g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0' ||
       g_uri_get_query (parsed) != NULL || g_uri_get_fragment (parsed) != NULL ||
       strpbrk (clean, " \t\r\n") != NULL))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Give the forms’ address as http:// or https:// and a host, like https://forms.example.pl."));
      return FALSE;
    }
  if (!_crm_referral_store_check_admin (self, _("the referral forms’ address"), error))
    return FALSE;

  return set_setting (self, SETTING_FORMS_URL, *clean != '\0' ? clean : NULL, "referral-forms-url-set", error);
}

static const char * const identifier_names[] = { "pesel", "id-card", "both" };

/**
 * crm_referral_identifier_to_string:
 * @identifier: a #CrmReferralIdentifier
 *
 * Returns: (transfer none): "pesel", "id-card" or "both"
 */
const char *
crm_referral_identifier_to_string (CrmReferralIdentifier identifier)
{
  g_return_val_if_fail ((guint) identifier < G_N_ELEMENTS (identifier_names), "pesel");

  return identifier_names[identifier];
}

/**
 * crm_referral_identifier_from_string:
 * @text: (nullable): "pesel", "id-card" or "both"
 * @identifier: (out): what it names
 *
 * Returns: %TRUE when @text names one
 */
gboolean
crm_referral_identifier_from_string (const char            *text,
                                     CrmReferralIdentifier *identifier)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (identifier_names); i++)
    if (g_str_equal (text, identifier_names[i]))
      {
        *identifier = (CrmReferralIdentifier) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * crm_referral_store_get_identifier:
 * @self: a #CrmReferralStore
 *
 * Returns: which personal identifier the forms ask for
 *   (%CRM_REFERRAL_ASK_PESEL unless the office chose otherwise)
 */
CrmReferralIdentifier
crm_referral_store_get_identifier (CrmReferralStore *self)
{
  g_autofree char *text = NULL;
  CrmReferralIdentifier identifier = CRM_REFERRAL_ASK_PESEL;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), CRM_REFERRAL_ASK_PESEL);

  text = crm_session_get_setting (_crm_session (self), SETTING_IDENTIFIER, NULL);
  if (!crm_referral_identifier_from_string (text, &identifier))
    return CRM_REFERRAL_ASK_PESEL;

  return identifier;
}

/**
 * crm_referral_store_set_identifier:
 * @self: a #CrmReferralStore
 * @identifier: which personal identifier the forms ask for
 * @error: return location for a #GError
 *
 * An office setting, administrators only, with an audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_set_identifier (CrmReferralStore       *self,
                                   CrmReferralIdentifier   identifier,
                                   GError                **error)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail ((guint) identifier < G_N_ELEMENTS (identifier_names), FALSE);

  if (!_crm_referral_store_check_admin (self, _("what the referral forms ask for"), error))
    return FALSE;

  return set_setting (self, SETTING_IDENTIFIER, identifier_names[identifier], "referral-identifier-set", error);
}

static const char *
template_setting (CrmReferralStatus decision)
{
  return decision == CRM_REFERRAL_ACCEPTED ? SETTING_ACCEPT_TEMPLATE : SETTING_REJECT_TEMPLATE;
}

/**
 * crm_referral_store_get_template:
 * @self: a #CrmReferralStore
 * @decision: %CRM_REFERRAL_ACCEPTED or %CRM_REFERRAL_REJECTED
 *
 * Returns: the template the office chose for the broker's mail of
 *   @decision, or 0 for the built-in text
 */
gint64
crm_referral_store_get_template (CrmReferralStore  *self,
                                 CrmReferralStatus  decision)
{
  g_autofree char *text = NULL;
  gint64 id = 0;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  text = crm_session_get_setting (_crm_session (self), template_setting (decision), NULL);
  if (text != NULL)
    id = g_ascii_strtoll (text, NULL, 10);

  return MAX (id, 0);
}

/**
 * crm_referral_store_set_template:
 * @self: a #CrmReferralStore
 * @decision: %CRM_REFERRAL_ACCEPTED or %CRM_REFERRAL_REJECTED
 * @template_id: an office template, or 0 for the built-in text
 * @error: return location for a #GError
 *
 * Chooses the text of the broker's mail of @decision. The template's
 * placeholders are {client_name}, {client_first_name}, {agent_name},
 * {broker_name}, {advisor_name}, {investment}, {referral_number} and
 * {comment} (the comment goes after the text when it has none).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_set_template (CrmReferralStore  *self,
                                 CrmReferralStatus  decision,
                                 gint64             template_id,
                                 GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (decision != CRM_REFERRAL_PENDING, FALSE);

  if (template_id != 0)
    {
      gboolean found = FALSE;

      if (!_crm_store_exists (CRM_STORE (self), "SELECT EXISTS (SELECT 1 FROM templates WHERE id = ?)", NULL,
                              template_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no template %lld."), (long long) template_id);
          return FALSE;
        }
      text = g_strdup_printf ("%" G_GINT64_FORMAT, template_id);
    }
  if (!_crm_referral_store_check_admin (self, _("the referral mails’ templates"), error))
    return FALSE;

  return set_setting (self, template_setting (decision), text, "referral-template-set", error);
}

/* Investments */

typedef struct
{
  const char *name;
  gint64      id;
} AddInvestment;

static gboolean
add_investment_tx (CrmSession  *session,
                   gpointer     user_data,
                   GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  AddInvestment *add = user_data;
  g_autoptr(CrmStatement) stmt = NULL;

  if (!(stmt = _crm_store_prepare (self, "INSERT INTO investments (name, created_by, created_at) "
                                         "VALUES (?1, (SELECT id FROM users WHERE id = ?2), ?3) RETURNING id", error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, add->name);
  crm_statement_bind_int64 (stmt, 2, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 3, _crm_referral_store_now (self));
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      if (_crm_store_unique_violated (self))
        g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                     /* Translators: %s is an investment's name */
                     _("There is an investment “%s” already."), add->name);
      else
        _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  add->id = crm_statement_get_int64 (stmt, 0);

  return crm_session_append_history (session, "investment", add->id, "created", add->name, error);
}

/**
 * crm_referral_store_add_investment:
 * @self: a #CrmReferralStore
 * @name: the investment's name, as the forms list it
 * @error: return location for a #GError: %CRM_ERROR_INVALID for an
 *   empty or too long name, %CRM_ERROR_CONFLICT when one has it
 *
 * Returns: the new investment's id, or 0 with @error set
 */
gint64
crm_referral_store_add_investment (CrmReferralStore  *self,
                                   const char        *name,
                                   GError           **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  AddInvestment add = { clean, 0 };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 200 || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Give the investment a name of at most 200 characters."));
      return 0;
    }
  if (!crm_session_run_in_transaction (_crm_session (self), add_investment_tx, &add, error))
    return 0;
  _crm_store_emit_changed (self, "investment", add.id);

  return add.id;
}

/**
 * crm_referral_store_list_investments:
 * @self: a #CrmReferralStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmInvestment): the
 *   investments by name, or %NULL with @error set
 */
GPtrArray *
crm_referral_store_list_investments (CrmReferralStore  *self,
                                     GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_investment_free);
  CrmStep step;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT id, name, created_at FROM investments ORDER BY name, id", error)))
    return NULL;
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmInvestment *investment = g_new0 (CrmInvestment, 1);

      investment->id = crm_statement_get_int64 (stmt, 0);
      investment->name = g_strdup (crm_statement_get_text (stmt, 1));
      investment->created = crm_statement_get_int64 (stmt, 2);
      g_ptr_array_add (list, investment);
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}
