/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmStatement:
 *
 * A prepared statement, borrowed from its #CrmDatabase: parameters are
 * numbered from 1 (`?1`, `?2`…), result columns from 0. Release it with
 * g_autoptr(CrmStatement) (which resets it and clears its parameters
 * for the next user); never free it.
 */
typedef struct _CrmStatement CrmStatement;

/**
 * CrmStep:
 * @CRM_STEP_ERROR: the statement failed: crm_database_set_error() says why
 * @CRM_STEP_DONE: no more rows
 * @CRM_STEP_ROW: a row is ready to be read
 */
typedef enum
{
  CRM_STEP_ERROR = -1,
  CRM_STEP_DONE = 0,
  CRM_STEP_ROW = 1,
} CrmStep;

void    crm_statement_bind_int64     (CrmStatement  *self,
                                      int            index,
                                      gint64         value);
void    crm_statement_bind_double    (CrmStatement  *self,
                                      int            index,
                                      double         value);
void    crm_statement_bind_text      (CrmStatement  *self,
                                      int            index,
                                      const char    *text);
void    crm_statement_bind_text_copy (CrmStatement  *self,
                                      int            index,
                                      const char    *text);
void    crm_statement_bind_blob      (CrmStatement  *self,
                                      int            index,
                                      gconstpointer  data,
                                      gsize          length);
void    crm_statement_bind_null      (CrmStatement  *self,
                                      int            index);
CrmStep crm_statement_step           (CrmStatement  *self);
gboolean crm_statement_send          (CrmStatement  *self);
CrmStep crm_statement_finish         (CrmStatement  *self);
void    crm_statement_reset          (CrmStatement  *self);
void    crm_statement_release        (CrmStatement  *self);

gint64         crm_statement_get_int64  (CrmStatement *self,
                                         int           column);
int            crm_statement_get_int    (CrmStatement *self,
                                         int           column);
double         crm_statement_get_double (CrmStatement *self,
                                         int           column);
const char    *crm_statement_get_text   (CrmStatement *self,
                                         int           column);
gconstpointer  crm_statement_get_blob   (CrmStatement *self,
                                         int           column,
                                         gsize        *length);
GBytes        *crm_statement_dup_bytes  (CrmStatement *self,
                                         int           column);
gboolean       crm_statement_is_null    (CrmStatement *self,
                                         int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStatement, crm_statement_release)

G_END_DECLS
