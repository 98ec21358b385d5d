/* hilum-store-cache.c — the index of images downloaded from a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * last_used is in microseconds and ties fall back to the row id, so "least recently
 * used" is a strict order even for images fetched in the same second.
 */
#define G_LOG_DOMAIN "hilum-store-cache"

#include "config.h"

#include "hilum-store-cache.h"
#include "hilum-store-private.h"

static gint64
now_us (void)
{
  return g_get_real_time ();
}

gboolean
hilum_store_cache_add (HilumStore  *self,
                       const char  *key,
                       const char  *study_id,
                       const char  *path,
                       guint64      size,
                       GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && study_id != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self,
                               "INSERT INTO image_cache (key, study_id, path, size, last_used)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)"
                               " ON CONFLICT (key) DO UPDATE SET study_id = excluded.study_id,"
                               " path = excluded.path, size = excluded.size,"
                               " last_used = excluded.last_used",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (gint64) size);
  sqlite3_bind_int64 (stmt, 5, now_us ());

  return _hilum_store_step_done (self, stmt, error);
}

char *
hilum_store_cache_lookup (HilumStore  *self,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if ((stmt = _hilum_store_prepare (self, "SELECT path FROM image_cache WHERE key = ?1", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    path = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }
  if (path == NULL)
    return NULL;

  /* A read-only store still finds its images; it just cannot remember the use. */
  if (!hilum_store_is_read_only (self) &&
      (stmt = _hilum_store_prepare (self, "UPDATE image_cache SET last_used = ?2 WHERE key = ?1", NULL)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now_us ());
      if (!_hilum_store_step_done (self, stmt, NULL))
        g_debug ("Could not mark %s as used", key);
    }

  return g_steal_pointer (&path);
}

gboolean
hilum_store_cache_remove (HilumStore  *self,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if ((stmt = _hilum_store_prepare (self, "DELETE FROM image_cache WHERE key = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);

  return _hilum_store_step_done (self, stmt, error);
}

static gint64
single_int (HilumStore *self,
            const char *sql,
            const char *text)
{
  sqlite3_stmt *stmt;
  gint64 value = 0;

  if ((stmt = _hilum_store_prepare (self, sql, NULL)) == NULL)
    return 0;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

guint
hilum_store_cache_count_study (HilumStore *self,
                               const char *study_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), 0);
  g_return_val_if_fail (study_id != NULL, 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return (guint) single_int (self, "SELECT count(*) FROM image_cache WHERE study_id = ?1", study_id);
}

guint64
hilum_store_cache_get_size (HilumStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return (guint64) single_int (self, "SELECT coalesce (sum(size), 0) FROM image_cache", NULL);
}

gboolean
hilum_store_cache_set_pinned (HilumStore  *self,
                              const char  *study_id,
                              gboolean     pinned,
                              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self,
                               pinned ? "INSERT INTO pinned_studies (study_id) VALUES (?1)"
                                        " ON CONFLICT (study_id) DO NOTHING"
                                      : "DELETE FROM pinned_studies WHERE study_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);

  return _hilum_store_step_done (self, stmt, error);
}

gboolean
hilum_store_cache_is_pinned (HilumStore *self,
                             const char *study_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  return single_int (self, "SELECT count(*) FROM pinned_studies WHERE study_id = ?1", study_id) > 0;
}

GPtrArray *
hilum_store_cache_evict (HilumStore  *self,
                         guint64      limit,
                         GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint64 total;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  total = (guint64) single_int (self, "SELECT coalesce (sum(size), 0) FROM image_cache", NULL);
  if (total <= limit)
    return g_steal_pointer (&paths);

  if (!_hilum_store_begin (self, error))
    return NULL;

  stmt = _hilum_store_prepare (self,
                               "SELECT rowid, path, size FROM image_cache"
                               " WHERE study_id IS NULL"
                               "    OR study_id NOT IN (SELECT study_id FROM pinned_studies)"
                               " ORDER BY last_used, rowid",
                               error);
  if (stmt == NULL)
    goto failed;
  while (total > limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (keys, rowid);
      g_ptr_array_add (paths, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
      total -= MIN (total, (guint64) sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      goto failed;
    }

  stmt = _hilum_store_prepare (self, "DELETE FROM image_cache WHERE rowid = ?1", error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < keys->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (keys, gint64, i));
      if (!_hilum_store_step_done (self, stmt, error))
        goto failed;
    }
  if (!_hilum_store_commit (self, error))
    goto failed;

  return g_steal_pointer (&paths);

failed:
  _hilum_store_rollback (self);
  return NULL;
}
