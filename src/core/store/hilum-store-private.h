/* hilum-store-private.h — what hilum-store.c and hilum-store-worklist.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "hilum-store.h"

G_BEGIN_DECLS

struct _HilumStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  /* The store is used from the UI thread and from workers (import, export, queries):
   * one connection, its cached statements and its transactions are guarded here. */
  GRecMutex    lock;
  GHashTable  *statements;   /* SQL text → sqlite3_stmt, prepared once */
  /* Inside hilum_store_begin_batch (): each transaction is a savepoint of the batch's. */
  guint        batch_depth;
  guint        read_only : 1;
};

/* A cached statement, reset and with its bindings cleared; NULL with @error set. */
sqlite3_stmt *_hilum_store_prepare        (HilumStore    *self,
                                           const char    *sql,
                                           GError       **error);
/* Runs a statement that returns no rows to the end, then resets it. */
gboolean      _hilum_store_step_done      (HilumStore    *self,
                                           sqlite3_stmt  *stmt,
                                           GError       **error);
/* Sets @error from a SQLite result code, in the user's language. */
void          _hilum_store_set_error      (HilumStore    *self,
                                           int            rc,
                                           GError       **error);

/* Lower case, accents removed ("Neumotórax" → "neumotorax"): what the worklist search
 * compares, on both the stored text and the search term. */
char         *_hilum_store_fold           (const char    *text);

/* Inserts or updates the worklist row and search text of the study @root describes;
 * inside the caller's transaction. */
gboolean      _hilum_store_index_study    (HilumStore    *self,
                                           JsonObject    *root,
                                           gint64         updated,
                                           GError       **error);

/* The worklist tables, for the schema (SQL statements separated by ';'). */
extern const char _hilum_store_worklist_schema[];

/* The id of an audit event: the SHA-256 of its operation's JSON text, which holds its
 * author and time. It travels with the event, so a merged log holds each event once. */
char         *_hilum_store_event_id       (const char    *op_json);

/* Runs SQL statements separated by ';' that return no rows. */
gboolean      _hilum_store_exec           (HilumStore    *self,
                                           const char    *sql,
                                           GError       **error);
gboolean      _hilum_store_begin          (HilumStore    *self,
                                           GError       **error);
gboolean      _hilum_store_commit         (HilumStore    *self,
                                           GError       **error);
void          _hilum_store_rollback       (HilumStore    *self);

/* For tests: the connection (e.g. PRAGMA max_page_count to simulate a full disk). */
sqlite3      *_hilum_store_get_db         (HilumStore    *self);

G_END_DECLS
