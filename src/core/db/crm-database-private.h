/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-database.h"

G_BEGIN_DECLS

/* What a backend gives its statements: crm-statement.c dispatches
 * through it. */
typedef struct
{
  void          (*bind_int64)  (CrmStatement *self, int index, gint64 value);
  void          (*bind_double) (CrmStatement *self, int index, double value);
  void          (*bind_text)   (CrmStatement *self, int index, const char *text, gboolean copy);
  void          (*bind_blob)   (CrmStatement *self, int index, gconstpointer data, gsize length);
  void          (*bind_null)   (CrmStatement *self, int index);
  CrmStep       (*step)        (CrmStatement *self);
  void          (*reset)       (CrmStatement *self);
  void          (*release)     (CrmStatement *self);
  gint64        (*get_int64)   (CrmStatement *self, int column);
  double        (*get_double)  (CrmStatement *self, int column);
  const char   *(*get_text)    (CrmStatement *self, int column);
  gconstpointer (*get_blob)    (CrmStatement *self, int column, gsize *length);
  gboolean      (*is_null)     (CrmStatement *self, int column);
  /* (nullable): starts a statement without waiting for it; NULL: it
   * runs to its end at once */
  gboolean      (*send)        (CrmStatement *self);
  /* waits for what send started */
  CrmStep       (*finish)      (CrmStatement *self);
} CrmStatementClass;

struct _CrmStatement
{
  const CrmStatementClass *klass;
  CrmStep                  sent;   /* what a send that ran at once gave */
};
typedef enum
{
  CRM_DEBUG_MAIN_THREAD     = 1 << 0,
  CRM_DEBUG_SLOW_STATEMENTS = 1 << 1,
} CrmDebugFlags;

guint    _crm_database_debug_flags       (void);
void     _crm_database_check_thread      (const char   *sql);
void     _crm_database_check_time        (const char   *sql,
                                         gint64        usec);
gboolean _crm_database_apply_migrations (CrmDatabase  *self,
                                         const char   *resource_dir,
                                         GPtrArray    *names,
                                         int           current,
                                         const char   *version_sql,
                                         GError      **error);

G_END_DECLS
