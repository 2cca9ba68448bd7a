/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "crm-database-private.h"

/* Each call goes to the backend that prepared the statement. */

void
crm_statement_bind_int64 (CrmStatement *self,
                          int           index,
                          gint64        value)
{
  self->klass->bind_int64 (self, index, value);
}

void
crm_statement_bind_double (CrmStatement *self,
                           int           index,
                           double        value)
{
  self->klass->bind_double (self, index, value);
}

/**
 * crm_statement_bind_text:
 * @self: a statement
 * @index: the parameter, from 1
 * @text: (nullable): text that stays valid until the statement is
 *   stepped to its end or released; %NULL binds NULL
 */
void
crm_statement_bind_text (CrmStatement *self,
                         int           index,
                         const char   *text)
{
  self->klass->bind_text (self, index, text, FALSE);
}

/**
 * crm_statement_bind_text_copy:
 * @self: a statement
 * @index: the parameter, from 1
 * @text: (nullable): text the statement copies
 */
void
crm_statement_bind_text_copy (CrmStatement *self,
                              int           index,
                              const char   *text)
{
  self->klass->bind_text (self, index, text, TRUE);
}

void
crm_statement_bind_blob (CrmStatement  *self,
                         int            index,
                         gconstpointer  data,
                         gsize          length)
{
  self->klass->bind_blob (self, index, data, length);
}

void
crm_statement_bind_null (CrmStatement *self,
                         int           index)
{
  self->klass->bind_null (self, index);
}

CrmStep
crm_statement_step (CrmStatement *self)
{
  return self->klass->step (self);
}

/**
 * crm_statement_send:
 * @self: a bound statement that returns no rows
 *
 * Starts @self and returns without waiting for the database's answer:
 * what it changes is in the database's hands as this returns (SQLite:
 * made; a server: sent, and made there even if this process dies now).
 * The caller can do what must follow at once, then waits for the
 * answer with crm_statement_finish(); nothing else runs on this
 * connection meanwhile.
 *
 * Returns: %FALSE if it failed already (crm_statement_finish() then
 *   says %CRM_STEP_ERROR)
 */
gboolean
crm_statement_send (CrmStatement *self)
{
  if (self->klass->send != NULL)
    return self->klass->send (self);

  self->sent = self->klass->step (self);

  return self->sent != CRM_STEP_ERROR;
}

/**
 * crm_statement_finish:
 * @self: a statement crm_statement_send() started
 *
 * Waits for the answer to @self.
 *
 * Returns: %CRM_STEP_DONE, or %CRM_STEP_ERROR (the database's error is
 *   then the connection's last)
 */
CrmStep
crm_statement_finish (CrmStatement *self)
{
  if (self->klass->finish != NULL)
    return self->klass->finish (self);

  return self->sent;
}

/* Back to before the first step, keeping the parameters. */
void
crm_statement_reset (CrmStatement *self)
{
  self->klass->reset (self);
}

/* Back to before the first step, parameters cleared: the statement
 * goes back to its database's cache. */
void
crm_statement_release (CrmStatement *self)
{
  self->klass->release (self);
}

gint64
crm_statement_get_int64 (CrmStatement *self,
                         int           column)
{
  return self->klass->get_int64 (self, column);
}

int
crm_statement_get_int (CrmStatement *self,
                       int           column)
{
  return (int) self->klass->get_int64 (self, column);
}

double
crm_statement_get_double (CrmStatement *self,
                          int           column)
{
  return self->klass->get_double (self, column);
}

/* Valid until the next step, reset or release; %NULL for NULL. */
const char *
crm_statement_get_text (CrmStatement *self,
                        int           column)
{
  return self->klass->get_text (self, column);
}

gconstpointer
crm_statement_get_blob (CrmStatement *self,
                        int           column,
                        gsize        *length)
{
  return self->klass->get_blob (self, column, length);
}

GBytes *
crm_statement_dup_bytes (CrmStatement *self,
                         int           column)
{
  gsize length = 0;
  gconstpointer data = self->klass->get_blob (self, column, &length);

  return g_bytes_new (data, length);
}

gboolean
crm_statement_is_null (CrmStatement *self,
                       int           column)
{
  return self->klass->is_null (self, column);
}
