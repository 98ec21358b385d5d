/* hilum-store-sync.c — the sync engine's view of the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write here is one transaction, like an edit: a sync killed at any moment leaves
 * either the state before a step or the state after it, never half of one.
 */
#define G_LOG_DOMAIN "hilum-store-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-store-private.h"
#include "hilum-json.h"
#include "hilum-store-sync.h"
#include "hilum-uuid.h"

void
hilum_sync_record_free (HilumSyncRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->study_id);
  g_free (record->json);
  g_free (record->base_json);
  g_free (record->remote_version);
  g_free (record->remote_id);
  g_free (record);
}

static gboolean
check_writable (HilumStore  *self,
                GError     **error)
{
  if (!hilum_store_is_read_only (self))
    return TRUE;

  g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY,
               _("The store “%s” is read-only: it cannot be synced."),
               hilum_store_get_path (self));
  return FALSE;
}

static void
set_not_found (const char  *study_id,
               GError     **error)
{
  g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND,
               _("The study “%s” is not in the store."), study_id);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Reads every row of @stmt's first column as a string. */
static GPtrArray *
collect_strings (HilumStore    *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (strings, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&strings);
}

/* By index only (the outbox's, and the partial index of never-synced documents), so the
 * header's count costs the pending studies, not the 100,000 in the store. */
static const char unsynced_sql[] =
  "SELECT study_id FROM ("
  "  SELECT o.study_id AS study_id, o.first AS first FROM"
  "    (SELECT study_id, min(id) AS first FROM outbox GROUP BY study_id) o"
  "    JOIN documents d ON d.study_id = o.study_id WHERE d.remote_deleted = 0"
  "      AND NOT EXISTS (SELECT 1 FROM local_only_studies l WHERE l.study_id = d.study_id)"
  "  UNION ALL"
  "  SELECT d.study_id, NULL FROM documents d INDEXED BY documents_never_synced"
  "    WHERE d.remote_version IS NULL AND d.remote_deleted = 0"
  "      AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.study_id = d.study_id)"
  "      AND NOT EXISTS (SELECT 1 FROM local_only_studies l WHERE l.study_id = d.study_id))"
  " ORDER BY first IS NULL, first, study_id";

GPtrArray *
hilum_store_list_unsynced (HilumStore  *self,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if ((stmt = _hilum_store_prepare (self, unsynced_sql, error)) == NULL)
    return NULL;

  return collect_strings (self, stmt, error);
}

guint
hilum_store_count_unsynced (HilumStore *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), 0);

  ids = hilum_store_list_unsynced (self, NULL);
  return ids != NULL ? ids->len : 0;
}

HilumSyncRecord *
hilum_store_get_sync_record (HilumStore  *self,
                             const char  *study_id,
                             GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  HilumSyncRecord *record;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self,
                               "SELECT json, base_json, remote_version, remote_id, revision,"
                               " remote_deleted,"
                               " (SELECT coalesce (max(id), 0) FROM outbox WHERE study_id = ?1)"
                               " FROM documents WHERE study_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        set_not_found (study_id, error);
      else
        _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  record = g_new0 (HilumSyncRecord, 1);
  record->study_id = g_strdup (study_id);
  record->json = column_dup (stmt, 0);
  record->base_json = column_dup (stmt, 1);
  record->remote_version = column_dup (stmt, 2);
  record->remote_id = column_dup (stmt, 3);
  record->revision = sqlite3_column_int64 (stmt, 4);
  record->remote_deleted = sqlite3_column_int (stmt, 5) != 0;
  record->outbox_last = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);

  return record;
}

gboolean
hilum_store_mark_pushed (HilumStore  *self,
                         const char  *study_id,
                         const char  *pushed_json,
                         const char  *remote_version,
                         const char  *remote_id,
                         gint64       outbox_last,
                         GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL && pushed_json != NULL && remote_version != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_hilum_store_begin (self, error))
    return FALSE;

  stmt = _hilum_store_prepare (self,
                               "UPDATE documents SET base_json = ?2, remote_version = ?3,"
                               " remote_id = coalesce (?4, remote_id), synced_revision = revision"
                               " WHERE study_id = ?1",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pushed_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, remote_version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, remote_id, -1, SQLITE_TRANSIENT);
  if (!_hilum_store_step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (study_id, error);
      goto failed;
    }

  stmt = _hilum_store_prepare (self, "DELETE FROM outbox WHERE study_id = ?1 AND id <= ?2", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, outbox_last);
  if (!_hilum_store_step_done (self, stmt, error) || !_hilum_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _hilum_store_rollback (self);
  return FALSE;
}

static gint64
current_revision (HilumStore *self,
                  const char *study_id)
{
  sqlite3_stmt *stmt;
  gint64 revision = -1;

  stmt = _hilum_store_prepare (self, "SELECT revision FROM documents WHERE study_id = ?1", NULL);
  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return revision;
}

static gboolean
insert_audit_event (HilumStore  *self,
                    const char  *study_id,
                    const char  *event_id,
                    JsonObject  *op,
                    const char  *op_json,
                    gboolean    *added,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _hilum_store_prepare (self,
                               "INSERT INTO audit (study_id, author, time, kind, op, event_id)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                               " ON CONFLICT (study_id, event_id) DO NOTHING",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (op, "author", NULL), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member_with_default (op, "time", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (op, "op", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, op_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, event_id, -1, SQLITE_TRANSIENT);
  if (!_hilum_store_step_done (self, stmt, error))
    return FALSE;
  if (added != NULL)
    *added = sqlite3_changes (self->db) > 0;

  return TRUE;
}

static gboolean
write_remote (HilumStore     *self,
              const char     *study_id,
              gint64          expected_revision,
              const char     *merged_json,
              JsonObject     *merged_root,
              const char     *remote_json,
              const char     *remote_version,
              const char     *remote_id,
              HilumOperation *audit,
              GError        **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 revision = current_revision (self, study_id);
  sqlite3_stmt *stmt;

  if (revision != expected_revision)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED,
                   _("The study “%s” was edited while it synced."), study_id);
      return FALSE;
    }

  if (expected_revision < 0)
    stmt = _hilum_store_prepare (self,
                                 "INSERT INTO documents (study_id, json, revision, base_json,"
                                 " remote_version, remote_id, synced_revision)"
                                 " VALUES (?1, ?2, 0, ?3, ?4, ?5, 0)",
                                 error);
  else
    stmt = _hilum_store_prepare (self,
                                 "UPDATE documents SET json = ?2, revision = revision + 1,"
                                 " base_json = ?3, remote_version = ?4,"
                                 " remote_id = coalesce (?5, remote_id), remote_deleted = 0,"
                                 " synced_revision = revision + 1"
                                 " WHERE study_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, merged_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, remote_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, remote_version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, remote_id, -1, SQLITE_TRANSIENT);
  if (!_hilum_store_step_done (self, stmt, error))
    return FALSE;

  if (audit != NULL)
    {
      JsonObject *op = hilum_operation_get_json (audit);
      g_autofree char *op_json = NULL;
      g_autofree char *event_id = NULL;

      if (!json_object_has_member (op, "time"))
        {
          g_autoptr(GDateTime) date = g_date_time_new_now_utc ();
          g_autofree char *time = g_date_time_format_iso8601 (date);

          json_object_set_string_member (op, "time", time);
        }
      op_json = hilum_operation_to_string (audit);
      event_id = _hilum_store_event_id (op_json);
      if (!insert_audit_event (self, study_id, event_id, op, op_json, NULL, error))
        return FALSE;
    }

  /* A merge that kept local edits or conflicts differs from what the server holds: the
   * study stays pending, so the next push carries it up (and every client sees the
   * conflicts), even when this store had no edits of its own. */
  if (g_strcmp0 (merged_json, remote_json) != 0)
    {
      stmt = _hilum_store_prepare (self,
                                   "INSERT INTO outbox (study_id, op, created) VALUES (?1, ?2, ?3)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, "{\"op\":\"merge\"}", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!_hilum_store_step_done (self, stmt, error))
        return FALSE;
    }

  return _hilum_store_index_study (self, merged_root, now, error);
}

gboolean
hilum_store_apply_remote (HilumStore     *self,
                          const char     *study_id,
                          gint64          expected_revision,
                          HilumDocument  *merged,
                          const char     *remote_json,
                          const char     *remote_version,
                          const char     *remote_id,
                          HilumOperation *audit,
                          GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *merged_json = NULL;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL, FALSE);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (merged), FALSE);
  g_return_val_if_fail (remote_json != NULL && remote_version != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (g_strcmp0 (hilum_document_get_study_id (merged), study_id) != 0)
    {
      g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                   _("The server’s document for “%s” belongs to another study."), study_id);
      return FALSE;
    }

  merged_json = hilum_document_to_string (merged, FALSE);
  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_hilum_store_begin (self, error))
    return FALSE;
  if (!write_remote (self, study_id, expected_revision, merged_json,
                     hilum_document_get_root (merged), remote_json, remote_version, remote_id,
                     audit, error) ||
      !_hilum_store_commit (self, error))
    {
      _hilum_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

char *
hilum_store_find_remote_study (HilumStore  *self,
                               const char  *remote_id,
                               GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *study_id = NULL;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT study_id FROM documents WHERE remote_id = ?1 LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    study_id = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _hilum_store_set_error (self, rc, error);
  return study_id;
}

guint
hilum_store_count_remote_studies (HilumStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (HILUM_IS_STORE (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT count(*) FROM documents"
                               " WHERE remote_id IS NOT NULL AND remote_deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

GHashTable *
hilum_store_list_remote_studies (HilumStore  *self,
                                 GError     **error)
{
  g_autoptr(GHashTable) studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT remote_id, study_id FROM documents"
                               " WHERE remote_id IS NOT NULL AND remote_deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (studies, column_dup (stmt, 0), column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&studies);
}

gboolean
hilum_store_set_remote_id (HilumStore  *self,
                           const char  *study_id,
                           const char  *remote_id,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL && remote_id != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "UPDATE documents SET remote_id = ?2 WHERE study_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  if (!_hilum_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (study_id, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hilum_store_set_remote_deleted (HilumStore  *self,
                                const char  *study_id,
                                gboolean     deleted,
                                GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "UPDATE documents SET remote_deleted = ?2 WHERE study_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, deleted ? 1 : 0);
  if (!_hilum_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (study_id, error);
      return FALSE;
    }

  return TRUE;
}

char *
hilum_store_get_audit_events_json (HilumStore  *self,
                                   const char  *study_id,
                                   GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "SELECT event_id, op FROM audit WHERE study_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  /* The stored text as it is: each op was written by json-glib, each id is hex. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (json, "%s{\"event_id\":\"%s\",\"op\":%s}", json->len > 1 ? "," : "",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

JsonNode *
hilum_store_get_audit_events (HilumStore  *self,
                              const char  *study_id,
                              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(JsonArray) events = json_array_new ();
  JsonNode *node;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self,
                               "SELECT event_id, op FROM audit WHERE study_id = ?1 ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) op = json_from_string ((const char *)sqlite3_column_text (stmt, 1), NULL);
      JsonObject *event;

      if (op == NULL)
        continue;   /* never written by Hilum; not sent rather than sent damaged */
      event = json_object_new ();
      json_object_set_string_member (event, "event_id", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_member (event, "op", g_steal_pointer (&op));
      json_array_add_object_element (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hilum_store_set_error (self, rc, error);
      return NULL;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, events);
  return node;
}

static gboolean
check_events (JsonArray  *events,
              GError    **error)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *element = json_array_get_element (events, i);
      JsonObject *event;
      JsonNode *id, *op;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (id = json_object_get_member ((event = json_node_get_object (element)), "event_id")) == NULL ||
          json_node_get_value_type (id) != G_TYPE_STRING ||
          (op = json_object_get_member (event, "op")) == NULL || !JSON_NODE_HOLDS_OBJECT (op))
        {
          g_set_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED,
                       _("Audit event %u from the server is malformed."), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
hilum_store_add_audit_events (HilumStore  *self,
                              const char  *study_id,
                              JsonArray   *events,
                              guint       *n_added,
                              GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  guint added = 0;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL && events != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!check_writable (self, error) || !check_events (events, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_hilum_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = hilum_json_array_get_object (events, i);
      JsonNode *op = json_object_get_member (event, "op");
      g_autofree char *op_json = json_to_string (op, FALSE);
      gboolean one_added = FALSE;

      if (!insert_audit_event (self, study_id, json_object_get_string_member (event, "event_id"),
                               json_node_get_object (op), op_json, &one_added, error))
        {
          _hilum_store_rollback (self);
          return FALSE;
        }
      added += one_added ? 1 : 0;
    }

  if (!_hilum_store_commit (self, error))
    {
      _hilum_store_rollback (self);
      return FALSE;
    }

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

char *
hilum_store_get_sync_value (HilumStore  *self,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if ((stmt = _hilum_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?1", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _hilum_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return value;
}

gboolean
hilum_store_set_sync_value (HilumStore  *self,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self,
                               "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return _hilum_store_step_done (self, stmt, error);
}

gboolean
hilum_store_set_local_only (HilumStore  *self,
                            const char  *study_id,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HILUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (study_id != NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _hilum_store_prepare (self, "INSERT OR IGNORE INTO local_only_studies (study_id) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, study_id, -1, SQLITE_TRANSIENT);
  return _hilum_store_step_done (self, stmt, error);
}

char *
hilum_store_get_identity (HilumStore  *self,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) local_error = NULL;
  char *identity;

  g_return_val_if_fail (HILUM_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  identity = hilum_store_get_sync_value (self, "identity", &local_error);
  if (identity != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return identity;
    }
  identity = hilum_uuid_new ();
  if (!hilum_store_set_sync_value (self, "identity", identity, error))
    g_clear_pointer (&identity, g_free);
  return identity;
}
