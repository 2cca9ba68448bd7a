/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-task.h"

/**
 * CrmTask:
 *
 * Something a user is to do by a time (FD5): its title, the user it is
 * for, when it falls due, the record it belongs to if any (a ticket or
 * request, a contact, an offer or a search, which opens from the task),
 * and whether it is done. Immutable: read from the #CrmTaskStore, which
 * makes, changes and lists them.
 */
struct _CrmTask
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  gint64   user_id;
  char    *user_name;
  gint64   due;
  char    *record_module;
  gint64   record_id;
  char    *record_label;
  gint64   done;
  char    *done_by;
  gint64   created_by_id;
  char    *created_by;
  gint64   created;
  gint64   notified;
  gint64   automation_run_id;
};

G_DEFINE_FINAL_TYPE (CrmTask, crm_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_DUE,
  PROP_RECORD_MODULE,
  PROP_RECORD_ID,
  PROP_RECORD_LABEL,
  PROP_DONE,
  PROP_DONE_BY,
  PROP_CREATED_BY_ID,
  PROP_CREATED_BY,
  PROP_CREATED,
  PROP_NOTIFIED,
  PROP_AUTOMATION_RUN_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the modules a task's record may be in, as tasks.record_module has them */
static const char * const record_modules[] = { "tickets", "contacts", "offers", "searches", NULL };

/**
 * crm_task_record_modules:
 *
 * Returns: (transfer none): the modules a task's record may be in:
 *   "tickets" (requests are tickets), "contacts", "offers", "searches"
 */
const char * const *
crm_task_record_modules (void)
{
  return record_modules;
}

/**
 * crm_task_record_module_valid:
 * @module: (nullable): a module's name
 *
 * Returns: whether a task's record may be in @module
 */
gboolean
crm_task_record_module_valid (const char *module)
{
  return module != NULL && g_strv_contains (record_modules, module);
}

/**
 * crm_task_record_module_name:
 * @module: a module, as crm_task_record_modules() names them
 *
 * Returns: (nullable): what one record of @module is called, translated:
 *   "Ticket", "Contact", "Offer", "Search"
 */
const char *
crm_task_record_module_name (const char *module)
{
  if (g_strcmp0 (module, "tickets") == 0)
    /* Translators: what a task belongs to */
    return _("Ticket");
  if (g_strcmp0 (module, "contacts") == 0)
    /* Translators: what a task belongs to */
    return _("Contact");
  if (g_strcmp0 (module, "offers") == 0)
    /* Translators: what a task belongs to (a property offer) */
    return _("Offer");
  if (g_strcmp0 (module, "searches") == 0)
    /* Translators: what a task belongs to (a client's search for a property) */
    return _("Search");

  return NULL;
}

/**
 * crm_task_parse_record:
 * @text: "MODULE:ID", as crmctl's --record takes it ("requests" is
 *   "tickets")
 * @module: (out) (transfer full): the module
 * @record_id: (out): the record
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CRM_ERROR_INVALID saying what to write
 */
gboolean
crm_task_parse_record (const char  *text,
                       char       **module,
                       gint64      *record_id,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 id;

  g_return_val_if_fail (module != NULL, FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);

  parts = g_strsplit (text != NULL ? text : "", ":", 2);
  if (parts[0] != NULL && g_ascii_strcasecmp (parts[0], "requests") == 0)
    {
      g_free (parts[0]);
      parts[0] = g_strdup ("tickets");
    }
  if (g_strv_length (parts) != 2 || !crm_task_record_module_valid (parts[0]) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given; keep the module names as they are */
                   _("“%s” is not a record: write MODULE:ID, where MODULE is tickets, requests, contacts, offers "
                     "or searches, as in tickets:12."),
                   text != NULL ? text : "");
      return FALSE;
    }
  *module = g_strdup (parts[0]);
  *record_id = (gint64) id;

  return TRUE;
}

static void
crm_task_finalize (GObject *object)
{
  CrmTask *self = CRM_TASK (object);

  g_free (self->title);
  g_free (self->user_name);
  g_free (self->record_module);
  g_free (self->record_label);
  g_free (self->done_by);
  g_free (self->created_by);

  G_OBJECT_CLASS (crm_task_parent_class)->finalize (object);
}

static void
crm_task_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CrmTask *self = CRM_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_DUE:
      g_value_set_int64 (value, self->due);
      break;
    case PROP_RECORD_MODULE:
      g_value_set_string (value, self->record_module);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_RECORD_LABEL:
      g_value_set_string (value, self->record_label);
      break;
    case PROP_DONE:
      g_value_set_int64 (value, self->done);
      break;
    case PROP_DONE_BY:
      g_value_set_string (value, self->done_by);
      break;
    case PROP_CREATED_BY_ID:
      g_value_set_int64 (value, self->created_by_id);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_NOTIFIED:
      g_value_set_int64 (value, self->notified);
      break;
    case PROP_AUTOMATION_RUN_ID:
      g_value_set_int64 (value, self->automation_run_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_task_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CrmTask *self = CRM_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_USER_ID:
      self->user_id = g_value_get_int64 (value);
      break;
    case PROP_USER_NAME:
      self->user_name = g_value_dup_string (value);
      break;
    case PROP_DUE:
      self->due = g_value_get_int64 (value);
      break;
    case PROP_RECORD_MODULE:
      self->record_module = g_value_dup_string (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    case PROP_RECORD_LABEL:
      self->record_label = g_value_dup_string (value);
      break;
    case PROP_DONE:
      self->done = g_value_get_int64 (value);
      break;
    case PROP_DONE_BY:
      self->done_by = g_value_dup_string (value);
      break;
    case PROP_CREATED_BY_ID:
      self->created_by_id = g_value_get_int64 (value);
      break;
    case PROP_CREATED_BY:
      self->created_by = g_value_dup_string (value);
      break;
    case PROP_CREATED:
      self->created = g_value_get_int64 (value);
      break;
    case PROP_NOTIFIED:
      self->notified = g_value_get_int64 (value);
      break;
    case PROP_AUTOMATION_RUN_ID:
      self->automation_run_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_task_class_init (CrmTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_task_finalize;
  object_class->get_property = crm_task_get_property;
  object_class->set_property = crm_task_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USER_NAME] = g_param_spec_string ("user-name", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_int64 ("due", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_RECORD_MODULE] = g_param_spec_string ("record-module", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RECORD_LABEL] = g_param_spec_string ("record-label", NULL, NULL, NULL, flags);
  properties[PROP_DONE] = g_param_spec_int64 ("done", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DONE_BY] = g_param_spec_string ("done-by", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_BY_ID] = g_param_spec_int64 ("created-by-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_BY] = g_param_spec_string ("created-by", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NOTIFIED] = g_param_spec_int64 ("notified", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_AUTOMATION_RUN_ID] = g_param_spec_int64 ("automation-run-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_task_init (CrmTask *self)
{
}

/**
 * crm_task_get_id:
 * @self: a #CrmTask
 *
 * Returns: its id, or 0 when it is not stored
 */
gint64
crm_task_get_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->id;
}

/**
 * crm_task_get_title:
 * @self: a #CrmTask
 *
 * Returns: what is to be done
 */
const char *
crm_task_get_title (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->title;
}

/**
 * crm_task_get_user_id:
 * @self: a #CrmTask
 *
 * Returns: the user it is for
 */
gint64
crm_task_get_user_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->user_id;
}

/**
 * crm_task_get_user_name:
 * @self: a #CrmTask
 *
 * Returns: (nullable) the name of the user it is for
 */
const char *
crm_task_get_user_name (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->user_name;
}

/**
 * crm_task_get_due:
 * @self: a #CrmTask
 *
 * Returns: when it falls due, a Unix time
 */
gint64
crm_task_get_due (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->due;
}

/**
 * crm_task_get_record_module:
 * @self: a #CrmTask
 *
 * Returns: (nullable) the table of the record it belongs to: "tickets" (requests too), "contacts", "offers" or "searches"; %NULL for none
 */
const char *
crm_task_get_record_module (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->record_module;
}

/**
 * crm_task_get_record_id:
 * @self: a #CrmTask
 *
 * Returns: the record it belongs to, or 0
 */
gint64
crm_task_get_record_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->record_id;
}

/**
 * crm_task_get_record_label:
 * @self: a #CrmTask
 *
 * Returns: (nullable) what the record is called (a ticket's subject, a contact's name, an offer's place, a search's client), or %NULL when it is gone
 */
const char *
crm_task_get_record_label (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->record_label;
}

/**
 * crm_task_get_done:
 * @self: a #CrmTask
 *
 * Returns: when it was marked done, a Unix time, or 0 while it is open
 */
gint64
crm_task_get_done (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->done;
}

/**
 * crm_task_get_done_by:
 * @self: a #CrmTask
 *
 * Returns: (nullable) the name of who marked it done
 */
const char *
crm_task_get_done_by (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->done_by;
}

/**
 * crm_task_get_created_by_id:
 * @self: a #CrmTask
 *
 * Returns: who created it, or 0 (an automation, crmctl without --as)
 */
gint64
crm_task_get_created_by_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->created_by_id;
}

/**
 * crm_task_get_created_by:
 * @self: a #CrmTask
 *
 * Returns: (nullable) the name of who created it
 */
const char *
crm_task_get_created_by (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->created_by;
}

/**
 * crm_task_get_created:
 * @self: a #CrmTask
 *
 * Returns: when it was created, a Unix time
 */
gint64
crm_task_get_created (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->created;
}

/**
 * crm_task_get_notified:
 * @self: a #CrmTask
 *
 * Returns: when a desktop told its user it fell due, or 0
 */
gint64
crm_task_get_notified (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->notified;
}

/**
 * crm_task_get_automation_run_id:
 * @self: a #CrmTask
 *
 * Returns: the automation's step that created it, or 0
 */
gint64
crm_task_get_automation_run_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->automation_run_id;
}

/**
 * crm_task_is_overdue:
 * @self: a #CrmTask
 * @now: the time now, a Unix time (the session's clock)
 *
 * Returns: whether it is open and its due time has passed
 */
gboolean
crm_task_is_overdue (CrmTask *self,
                     gint64   now)
{
  g_return_val_if_fail (CRM_IS_TASK (self), FALSE);

  return self->done == 0 && self->due < now;
}

/**
 * crm_task_dup_record_text:
 * @self: a #CrmTask
 *
 * Returns: (transfer full) (nullable): the record it belongs to, in
 *   words ("Ticket #12 · Flat in Mokotów", "Contact · Anna Kowalska"),
 *   or %NULL when it belongs to none
 */
char *
crm_task_dup_record_text (CrmTask *self)
{
  const char *name;

  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  if (self->record_module == NULL)
    return NULL;
  name = crm_task_record_module_name (self->record_module);
  if (self->record_label == NULL)
    /* Translators: a task's record that was deleted: "Ticket", its number */
    return g_strdup_printf (_("%s #%lld (deleted)"), name, (long long) self->record_id);
  if (g_str_equal (self->record_module, "contacts"))
    /* Translators: a task's record: "Contact", a contact's name */
    return g_strdup_printf (_("%s · %s"), name, self->record_label);

  /* Translators: a task's record: "Ticket", its number, its subject (or an offer's place, a search's client) */
  return g_strdup_printf (_("%s #%lld · %s"), name, (long long) self->record_id, self->record_label);
}
