/* hilum-store.c — the local store: one SQLite file, every edit committed before it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety comes from SQLite's WAL: a transaction that COMMIT returned for is in the
 * -wal file, which survives kill -9 of the process (synchronous=NORMAL only gives up the
 * last transactions on a power cut, not on a crash). So hilum_store_commit_operation()
 * writes the new document, its audit row, its outbox row and its worklist row in one
 * transaction and touches the caller's document only after COMMIT.
 *
 * A file is recognised as a Hilum store by its application_id; anything else (another
 * program's database, garbage, a damaged header) is refused before anything is written,
 * so the user's file is never changed or replaced by a fresh store.
 */
#define G_LOG_DOMAIN "hilum-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hilum-document.h"
#include "hilum-store-private.h"

/* 'HILM' */
#define HILUM_STORE_APPLICATION_ID 0x48494c4d
/* 1: the first stores. 2: what sync needs — the server's id of each study, the local
 * revision last synced, a study deleted on the server, an id per audit event (so that
 * the union of two clients' audit logs has each event once), the sync state, the study
 * of each cached image and the studies kept available offline. */
#define HILUM_STORE_SCHEMA_VERSION 4

G_DEFINE_FINAL_TYPE (HilumStore, hilum_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (hilum-store-error-quark, hilum_store_error)

static const char schema_sql[] =
  "CREATE TABLE documents ("
  "  study_id TEXT PRIMARY KEY NOT NULL,"
  "  json TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  base_json TEXT,"
  "  remote_version TEXT);"
  /* Version 2 adds the sync columns and tables through migrate_to_2 (), for new stores
   * as for old ones: one definition of them. */
  /* Audit rows are never deleted: no cascade, a study with history cannot go away. */
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  study_id TEXT NOT NULL REFERENCES documents (study_id),"
  "  author TEXT,"
  "  time TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  op TEXT NOT NULL);"
  "CREATE INDEX audit_by_study ON audit (study_id, id);"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  study_id TEXT NOT NULL REFERENCES documents (study_id) ON DELETE CASCADE,"
  "  op TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX outbox_by_study ON outbox (study_id, id);"
  "CREATE TABLE image_cache ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  path TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  last_used INTEGER NOT NULL);"
  "CREATE INDEX image_cache_by_last_used ON image_cache (last_used);";

void
_hilum_store_set_error (HilumStore  *self,
                        int          rc,
                        GError     **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  int sys_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FULL,
                           _("The disk is full: the last change was not saved."));
      break;

    case SQLITE_READONLY:
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY,
                   _("The store “%s” is read-only: changes cannot be saved."), name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                   _("“%s” is not a Hilum store or is damaged."), name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                   _("The store “%s” is in use by another program: the last change was not saved."),
                   name);
      break;

    case SQLITE_IOERR:
      if (sys_errno == ENOSPC || sys_errno == EDQUOT)
        g_set_error_literal (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FULL,
                             _("The disk is full: the last change was not saved."));
      else if (sys_errno == EROFS)
        g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY,
                     _("The store “%s” is read-only: changes cannot be saved."), name);
      else
        g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                     _("Could not read or write the store “%s”: %s"), name,
                     sys_errno != 0 ? g_strerror (sys_errno) : sqlite3_errstr (rc));
      break;

    default:
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                   _("The store “%s” failed: %s"), name,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }
}

sqlite3_stmt *
_hilum_store_prepare (HilumStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_hilum_store_step_done (HilumStore    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

sqlite3 *
_hilum_store_get_db (HilumStore *self)
{
  return self->db;
}

static gboolean
exec_sql (HilumStore  *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _hilum_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* IMMEDIATE: take the write lock now, so a busy store fails (after busy_timeout) before
 * any work instead of at COMMIT. */
static gboolean
begin (HilumStore  *self,
       GError     **error)
{
  if (self->batch_depth > 0)
    return exec_sql (self, "SAVEPOINT hilum_step", error);
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (HilumStore  *self,
        GError     **error)
{
  if (self->batch_depth > 0)
    return exec_sql (self, "RELEASE hilum_step", error);
  return exec_sql (self, "COMMIT", error);
}

static void
rollback (HilumStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;
  if (self->batch_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK TO hilum_step; RELEASE hilum_step", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
hilum_store_begin_batch (HilumStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (self->batch_depth == 0 && !exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->batch_depth++;
  return TRUE;
}

gboolean
hilum_store_end_batch (HilumStore  *self,
                       GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth == 0)
    {
      ok = exec_sql (self, "COMMIT", error);
      if (!ok)
        rollback (self);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
_hilum_store_exec (HilumStore  *self,
                   const char  *sql,
                   GError     **error)
{
  return exec_sql (self, sql, error);
}

gboolean
_hilum_store_begin (HilumStore  *self,
                    GError     **error)
{
  return begin (self, error);
}

gboolean
_hilum_store_commit (HilumStore  *self,
                     GError     **error)
{
  return commit (self, error);
}

void
_hilum_store_rollback (HilumStore *self)
{
  rollback (self);
}

char *
_hilum_store_event_id (const char *op_json)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, op_json, -1);
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hilum_store_finalize (GObject *object)
{
  HilumStore *self = (HilumStore *)object;

  /* Finalizing the statements first lets sqlite3_close() checkpoint the WAL and
   * remove the -wal and -shm files. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hilum_store_parent_class)->finalize (object);
}

static void
hilum_store_class_init (HilumStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_store_finalize;
}

static void
hilum_store_init (HilumStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
}

static void
set_open_error (const char  *path,
                const char  *reason,
                GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
               _("Could not open the store “%s”: %s"), name, reason);
}

static gboolean
open_connection (HilumStore  *self,
                 gboolean     immutable,
                 GError     **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_EXRESCODE;
  int rc;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;

  if (immutable)
    {
      /* A read-only medium without the -shm file of a WAL database: SQLite cannot
       * coordinate with writers there, and there are none. */
      g_autofree char *file_uri = g_filename_to_uri (self->path, NULL, NULL);

      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else if (self->read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (self->path, sqlite3_errstr (rc), error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* Reads what identifies the file without writing to it. */
static int
read_header (HilumStore *self,
             gint64     *application_id,
             gint64     *user_version,
             gint64     *n_objects)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT application_id FROM pragma_application_id),"
                           " (SELECT user_version FROM pragma_user_version),"
                           " (SELECT count(*) FROM sqlite_schema)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *application_id = sqlite3_column_int64 (stmt, 0);
          *user_version = sqlite3_column_int64 (stmt, 1);
          *n_objects = sqlite3_column_int64 (stmt, 2);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* The audit events a store had before version 2 get their ids from their content, the
 * same way hilum_store_commit_operation() names new ones. */
static gboolean
name_old_audit_events (HilumStore  *self,
                       GError     **error)
{
  sqlite3_stmt *select_stmt, *update_stmt;
  int rc;

  select_stmt = _hilum_store_prepare (self, "SELECT id, op FROM audit WHERE event_id IS NULL", error);
  if (select_stmt == NULL)
    return FALSE;
  update_stmt = _hilum_store_prepare (self, "UPDATE audit SET event_id = ?2 WHERE id = ?1", error);
  if (update_stmt == NULL)
    {
      sqlite3_reset (select_stmt);
      return FALSE;
    }

  while ((rc = sqlite3_step (select_stmt)) == SQLITE_ROW)
    {
      g_autofree char *event_id = _hilum_store_event_id ((const char *)sqlite3_column_text (select_stmt, 1));

      sqlite3_bind_int64 (update_stmt, 1, sqlite3_column_int64 (select_stmt, 0));
      sqlite3_bind_text (update_stmt, 2, event_id, -1, SQLITE_TRANSIENT);
      if (!_hilum_store_step_done (self, update_stmt, error))
        {
          sqlite3_reset (select_stmt);
          return FALSE;
        }
    }
  sqlite3_reset (select_stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static const char migrate_to_2_sql[] =
  "ALTER TABLE documents ADD COLUMN remote_id TEXT;"
  "ALTER TABLE documents ADD COLUMN synced_revision INTEGER;"
  "ALTER TABLE documents ADD COLUMN remote_deleted INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE audit ADD COLUMN event_id TEXT;"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT);"
  /* Images downloaded from a server: which study each belongs to, and the studies kept
   * available offline, whose images are never evicted (hilum-store-cache.c). */
  "ALTER TABLE image_cache ADD COLUMN study_id TEXT;"
  "CREATE INDEX image_cache_by_study ON image_cache (study_id);"
  "CREATE TABLE pinned_studies ("
  "  study_id TEXT PRIMARY KEY NOT NULL);";

/* Inside the caller's transaction. */
static gboolean
migrate_to_2 (HilumStore  *self,
              GError     **error)
{
  return exec_sql (self, migrate_to_2_sql, error) &&
         name_old_audit_events (self, error) &&
         exec_sql (self, "CREATE UNIQUE INDEX audit_by_event ON audit (study_id, event_id);", error);
}

/* Version 3: a pull finds the local study of a server's study id by index, so a pull
 * costs the changes it reads, not the studies in the store; the studies with conflicts
 * to resolve are listed (no store before this version has any). */
static const char migrate_to_3_sql[] =
  "CREATE INDEX documents_by_remote ON documents (remote_id) WHERE remote_id IS NOT NULL;"
  "CREATE INDEX documents_never_synced ON documents (study_id) WHERE remote_version IS NULL;"
  "CREATE INDEX documents_on_server ON documents (remote_id) WHERE remote_id IS NOT NULL AND remote_deleted = 0;"
  /* The studies with sync conflicts to resolve (hilum-store-worklist.c). */
  "CREATE TABLE conflicted_studies ("
  "  study_id TEXT PRIMARY KEY NOT NULL REFERENCES documents (study_id) ON DELETE CASCADE,"
  "  n_conflicts INTEGER NOT NULL);";

/* Version 4: studies that stay on this computer (the built-in demo): never pushed. */
static const char migrate_to_4_sql[] =
  "CREATE TABLE local_only_studies ("
  "  study_id TEXT PRIMARY KEY NOT NULL REFERENCES documents (study_id) ON DELETE CASCADE);";

/* Brings a store of an older schema to HILUM_STORE_SCHEMA_VERSION in one transaction:
 * either every step lands or none does, and no row is dropped. */
static gboolean
migrate (HilumStore  *self,
         GError     **error)
{
  g_autofree char *pragma = NULL;
  gint64 application_id = 0, user_version = 0, n_objects = 0;
  int rc;

  if (!begin (self, error))
    return FALSE;

  /* Another process may have migrated it while we waited for the lock. */
  rc = read_header (self, &application_id, &user_version, &n_objects);
  if (rc != SQLITE_OK)
    {
      _hilum_store_set_error (self, rc, error);
      rollback (self);
      return FALSE;
    }

  if ((user_version < 2 && !migrate_to_2 (self, error)) ||
      (user_version < 3 && !exec_sql (self, migrate_to_3_sql, error)) ||
      (user_version < 4 && !exec_sql (self, migrate_to_4_sql, error)))
    {
      rollback (self);
      return FALSE;
    }

  pragma = g_strdup_printf ("PRAGMA user_version = %d;", HILUM_STORE_SCHEMA_VERSION);
  if (!exec_sql (self, pragma, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_schema (HilumStore  *self,
               GError     **error)
{
  g_autofree char *pragmas = NULL;
  gint64 application_id = 0, user_version = 0, n_objects = 0;
  int rc;

  if (!begin (self, error))
    return FALSE;

  /* Another process may have created it while we waited for the lock. */
  rc = read_header (self, &application_id, &user_version, &n_objects);
  if (rc != SQLITE_OK)
    {
      _hilum_store_set_error (self, rc, error);
      rollback (self);
      return FALSE;
    }
  if (n_objects > 0)
    {
      rollback (self);
      return TRUE;
    }

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             HILUM_STORE_APPLICATION_ID, HILUM_STORE_SCHEMA_VERSION);
  if (!exec_sql (self, schema_sql, error) ||
      !exec_sql (self, _hilum_store_worklist_schema, error) ||
      !migrate_to_2 (self, error) ||
      !exec_sql (self, migrate_to_3_sql, error) ||
      !exec_sql (self, migrate_to_4_sql, error) ||
      !exec_sql (self, pragmas, error) ||
      !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* WAL needs to create -wal and -shm files next to the database. */
  return access (path, W_OK) == 0 && access (dir, W_OK) == 0;
}

static HilumStore *
store_open (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(HilumStore) self = NULL;
  g_autofree char *name = g_filename_display_name (path);
  gint64 application_id = 0, user_version = 0, n_objects = 0;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  int rc;

  if (!exists && read_only)
    {
      set_open_error (path, g_strerror (ENOENT), error);
      return NULL;
    }
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_open_error (path, g_strerror (EISDIR), error);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *dir_name = g_filename_display_name (dir);

          g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                       _("Could not create the folder “%s” for the store: %s"),
                       dir_name, g_strerror (saved_errno));
          return NULL;
        }
    }
  else if (!read_only && !is_writable (path))
    read_only = TRUE;

  self = g_object_new (HILUM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  if (!open_connection (self, FALSE, error))
    return NULL;

  rc = read_header (self, &application_id, &user_version, &n_objects);
  if ((rc & 0xff) == SQLITE_CANTOPEN && self->read_only)
    {
      if (!open_connection (self, TRUE, error))
        return NULL;
      rc = read_header (self, &application_id, &user_version, &n_objects);
    }
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                   _("“%s” is not a Hilum store or is damaged."), name);
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      set_open_error (path, sqlite3_errstr (rc), error);
      return NULL;
    }

  if (n_objects == 0 && application_id == 0 && self->read_only)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                   _("“%s” is not a Hilum store or is damaged."), name);
      return NULL;
    }
  if ((n_objects > 0 || application_id != 0) && application_id != HILUM_STORE_APPLICATION_ID)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                   _("“%s” is not a Hilum store or is damaged."), name);
      return NULL;
    }
  if (user_version > HILUM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN,
                   _("The store “%s” was made by a newer version of Hilum."), name);
      return NULL;
    }

  if (!self->read_only)
    {
      /* journal_mode cannot change inside a transaction: before the schema. */
      if (!exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error))
        return NULL;
      if (n_objects == 0 && !create_schema (self, error))
        return NULL;
      if (n_objects > 0 && user_version < HILUM_STORE_SCHEMA_VERSION && !migrate (self, error))
        return NULL;
    }
  /* Read-only and older: reading works (only sync reads the version-2 columns, and sync
   * refuses a read-only store). */
  else if (!exec_sql (self, "PRAGMA query_only = ON;", NULL))
    g_debug ("query_only refused on %s", path);

  /* The worklist reads every row of the index: keep it in memory (32 MB at most). */
  if (!exec_sql (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;", error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
hilum_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "hilum", "hilum.db", NULL);
}

HilumStore *
hilum_store_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open (path, FALSE, error);
}

HilumStore *
hilum_store_open_read_only (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open (path, TRUE, error);
}

const char *
hilum_store_get_path (HilumStore *self)
{
  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);

  return self->path;
}

gboolean
hilum_store_is_read_only (HilumStore *self)
{
  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);

  return self->read_only;
}

static gboolean
put_one (HilumStore     *self,
         HilumDocument  *document,
         gint64          now,
         GError        **error)
{
  g_autofree char *json = hilum_document_to_string (document, FALSE);
  sqlite3_stmt *stmt;

  stmt = _hilum_store_prepare (self,
                               "INSERT INTO documents (study_id, json, revision) VALUES (?1, ?2, 0)"
                               " ON CONFLICT (study_id) DO UPDATE SET json = excluded.json,"
                               " revision = revision + 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hilum_document_get_study_id (document), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (!_hilum_store_step_done (self, stmt, error))
    return FALSE;

  return _hilum_store_index_study (self, hilum_document_get_root (document), now, error);
}

gboolean
hilum_store_put_documents (HilumStore             *self,
                           GPtrArray              *documents,
                           GFileProgressCallback   progress,
                           gpointer                progress_data,
                           GError                **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      if (!put_one (self, g_ptr_array_index (documents, i), now, error))
        {
          rollback (self);
          return FALSE;
        }
      if (progress != NULL && (i % 64 == 63 || i + 1 == documents->len))
        progress (i + 1, documents->len, progress_data);
    }

  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
hilum_store_put_document (HilumStore     *self,
                          HilumDocument  *document,
                          GError        **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), FALSE);

  g_ptr_array_add (documents, document);
  return hilum_store_put_documents (self, documents, NULL, NULL, error);
}

static void
set_not_found (HilumStore  *self,
               const char  *study_id,
               GError     **error)
{
  g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND,
               _("The study “%s” is not in the store."), study_id);
}

HilumDocument *
hilum_store_get_document (HilumStore  *self,
                          const char  *study_id,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) local_error = NULL;
  HilumDocument *document;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);

  stmt = _hilum_store_prepare (self, "SELECT json FROM documents WHERE study_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      set_not_found (self, study_id, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  document = hilum_document_new_from_string ((const char *)sqlite3_column_text (stmt, 0),
                                             sqlite3_column_bytes (stmt, 0), &local_error);
  sqlite3_reset (stmt);
  if (document == NULL)
    g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_DAMAGED,
                 _("The study “%s” in the store is damaged: %s"), study_id,
                 local_error->message);

  return document;
}

static gint64
get_revision (HilumStore *self,
              const char *study_id)
{
  sqlite3_stmt *stmt;
  gint64 revision = -1;

  stmt = _hilum_store_prepare (self, "SELECT revision FROM documents WHERE study_id = ?1", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return revision;
}

gint64
hilum_store_get_revision (HilumStore *self,
                          const char *study_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), -1);
  g_return_val_if_fail (study_id != NULL, -1);

  locker = g_rec_mutex_locker_new (&self->lock);
  return get_revision (self, study_id);
}

gboolean
hilum_store_has_study (HilumStore *self,
                       const char *study_id)
{
  return hilum_store_get_revision (self, study_id) >= 0;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
hilum_store_commit_operation (HilumStore      *self,
                              HilumDocument   *document,
                              HilumOperation  *op,
                              GError         **error)
{
  return hilum_store_commit_operation_at (self, document, op, -1, error);
}

gboolean
hilum_store_commit_operation_at (HilumStore      *self,
                                 HilumDocument   *document,
                                 HilumOperation  *op,
                                 gint64           expected_revision,
                                 GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(HilumDocument) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *op_json = NULL;
  g_autofree char *event_id = NULL;
  const char *study_id;
  JsonObject *object;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  study_id = hilum_document_get_study_id (document);

  /* The audit log needs a time; HilumSession stamps it, other callers may not. */
  object = hilum_operation_get_json (op);
  if (get_string_member (object, "time") == NULL)
    {
      g_autoptr(GDateTime) date = g_date_time_new_now_utc ();
      g_autofree char *time = g_date_time_format_iso8601 (date);

      json_object_set_string_member (object, "time", time);
    }

  copy = hilum_document_copy (document);
  if (!hilum_document_apply (copy, op, error))
    return FALSE;
  json = hilum_document_to_string (copy, FALSE);
  op_json = hilum_operation_to_string (op);
  event_id = _hilum_store_event_id (op_json);

  if (!begin (self, error))
    return FALSE;

  /* A sync may have stored a merged document since the caller read its own: then this
   * edit must not write the stale one over it (the caller catches up and tries again). */
  if (expected_revision >= 0)
    {
      gint64 revision = hilum_store_get_revision (self, study_id);

      if (revision >= 0 && revision != expected_revision)
        {
          g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED,
                       _("The study “%s” was edited while it synced."), study_id);
          goto failed;
        }
    }
  stmt = _hilum_store_prepare (self,
                               "UPDATE documents SET json = ?2, revision = revision + 1"
                               " WHERE study_id = ?1",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (!_hilum_store_step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (self, study_id, error);
      goto failed;
    }

  stmt = _hilum_store_prepare (self,
                               "INSERT INTO audit (study_id, author, time, kind, op, event_id)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, get_string_member (object, "author"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, get_string_member (object, "time"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hilum_operation_get_kind (op), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, event_id, -1, SQLITE_STATIC);
  if (!_hilum_store_step_done (self, stmt, error))
    goto failed;

  stmt = _hilum_store_prepare (self,
                               "INSERT INTO outbox (study_id, op, created) VALUES (?1, ?2, ?3)",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_hilum_store_step_done (self, stmt, error))
    goto failed;

  if (!_hilum_store_index_study (self, hilum_document_get_root (copy), now, error) ||
      !commit (self, error))
    goto failed;

  /* Committed: now the caller's document may show it. The operation applied cleanly to
   * an identical copy, so this cannot fail unless the document changed meanwhile. */
  if (!hilum_document_apply (document, op, &local_error))
    g_warning ("Committed operation %s did not apply to the document of %s: %s",
               hilum_operation_get_kind (op), study_id, local_error->message);

  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

GPtrArray *
hilum_store_get_audit (HilumStore  *self,
                       const char  *study_id,
                       GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);

  stmt = _hilum_store_prepare (self, "SELECT op FROM audit WHERE study_id = ?1 ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_STATIC);

  ops = g_ptr_array_new_with_free_func ((GDestroyNotify)hilum_operation_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      HilumOperation *op;

      op = hilum_operation_new_from_string ((const char *)sqlite3_column_text (stmt, 0),
                                            &local_error);
      if (op == NULL)
        {
          sqlite3_reset (stmt);
          g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                       _("The history of the study “%s” in the store is damaged: %s"),
                       study_id, local_error->message);
          return NULL;
        }
      g_ptr_array_add (ops, op);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ops);
}

gboolean
hilum_store_check_integrity (HilumStore  *self,
                             GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  /* Not cached: run once in a while. The first three things it names are enough. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(3)", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      g_string_append_printf (found, "%s%s", n++ > 0 ? "; " : "", line != NULL ? line : "");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && found->len == 0)
    g_string_append (found, sqlite3_errstr (rc));
  if (found->len == 0)
    return TRUE;
  g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_DAMAGED,
               _("The store “%s” is damaged (%s). Export what can be exported, then restore it from a backup."),
               self->path, found->str);
  return FALSE;
}
