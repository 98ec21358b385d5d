/* test-store-sync.c — what sync reads from and writes to the store: pending studies,
 * pushes, pulls merged in, the audit union, the sync state, and the migration of a
 * version-1 store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-operation.h"
#include "hilum-store.h"
#include "hilum-store-private.h"
#include "hilum-store-sync.h"

#define DOC_JSON(id, text) \
  "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"" id "\",\"status\":\"new\"}," \
  "\"images\":[],\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"}]," \
  "\"findings\":[{\"finding_id\":\"f1\",\"polarity\":\"positive\"," \
  "\"text\":{\"en\":\"" text "\",\"es\":\"Cardiomegalia.\"}}]}"

typedef struct
{
  char       *dir;
  char       *path;
  HilumStore *store;
} Fixture;

static HilumDocument *
document_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *document = hilum_document_new_from_string (json, -1, &error);

  g_assert_no_error (error);
  return document;
}

static void
put (Fixture    *fixture,
     const char *json)
{
  g_autoptr(HilumDocument) document = document_from (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_store_put_document (fixture->store, document, &error));
  g_assert_no_error (error);
}

/* Commits a new English sentence for f1 as reader r1, as the session does. */
static void
edit (Fixture    *fixture,
      const char *study_id,
      const char *text,
      const char *time)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (fixture->store, study_id, NULL);
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", text);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (hilum_operation_get_json (op), "author", "r1");
  json_object_set_string_member (hilum_operation_get_json (op), "time", time);
  g_assert_true (hilum_store_commit_operation (fixture->store, document, op, &error));
  g_assert_no_error (error);
}

static char *
unsynced_ids (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = hilum_store_list_unsynced (fixture->store, &error);

  g_assert_no_error (error);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **)ids->pdata);
}

static char *
english_of (Fixture    *fixture,
            const char *study_id)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (fixture->store, study_id, NULL);
  JsonObject *finding;

  g_assert_nonnull (document);
  finding = json_array_get_object_element (
      json_object_get_array_member (hilum_document_get_root (document), "findings"), 0);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (finding, "text"), "en"));
}

static gint64
sql_int (HilumStore *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_hilum_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("hilum-store-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "hilum.db", NULL);
  fixture->store = hilum_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* An imported study was never on a server: pending. Edits make a study pending in the
 * order of its oldest unsent edit. */
static void
test_unsynced (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(HilumSyncRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *after_edits = NULL;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  put (fixture, DOC_JSON ("s2", "Cardiomegaly."));
  ids = unsynced_ids (fixture);
  g_assert_cmpstr (ids, ==, "s1,s2");
  g_assert_cmpuint (hilum_store_count_unsynced (fixture->store), ==, 2);

  record = hilum_store_get_sync_record (fixture->store, "s1", &error);
  g_assert_no_error (error);
  g_assert_null (record->base_json);
  g_assert_null (record->remote_version);
  g_assert_null (record->remote_id);
  g_assert_cmpint (record->outbox_last, ==, 0);
  g_assert_cmpint (record->revision, ==, 0);
  g_assert_false (record->remote_deleted);
  g_assert_nonnull (strstr (record->json, "\"study_id\":\"s1\""));

  /* s2 edited first, then s1: s2 goes first. */
  edit (fixture, "s2", "Enlarged heart.", "2026-01-01T10:00:00Z");
  edit (fixture, "s1", "Big heart.", "2026-01-01T10:01:00Z");
  after_edits = unsynced_ids (fixture);
  g_assert_cmpstr (after_edits, ==, "s2,s1");

  g_assert_null (hilum_store_get_sync_record (fixture->store, "nope", &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A study that stays here (the demo) is never pending, edited or not. */
  {
    g_autofree char *without = NULL;

    g_assert_true (hilum_store_set_local_only (fixture->store, "s2", &error));
    g_assert_no_error (error);
    edit (fixture, "s2", "Heart.", "2026-01-01T10:02:00Z");
    without = unsynced_ids (fixture);
    g_assert_cmpstr (without, ==, "s1");
    g_assert_cmpuint (hilum_store_count_unsynced (fixture->store), ==, 1);
  }
}

/* A push makes the pushed document the base; an edit committed while it was on the way
 * stays pending. */
static void
test_mark_pushed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HilumSyncRecord) before = NULL;
  g_autoptr(HilumSyncRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *still = NULL;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  edit (fixture, "s1", "Big heart.", "2026-01-01T10:00:00Z");
  before = hilum_store_get_sync_record (fixture->store, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->outbox_last, >, 0);

  g_assert_true (hilum_store_mark_pushed (fixture->store, "s1", before->json, "\"0-abc\"",
                                          "orthanc-1", before->outbox_last, &error));
  g_assert_no_error (error);
  ids = unsynced_ids (fixture);
  g_assert_cmpstr (ids, ==, "");
  after = hilum_store_get_sync_record (fixture->store, "s1", &error);
  g_assert_cmpstr (after->base_json, ==, before->json);
  g_assert_cmpstr (after->remote_version, ==, "\"0-abc\"");
  g_assert_cmpstr (after->remote_id, ==, "orthanc-1");
  g_assert_cmpint (after->outbox_last, ==, 0);

  /* Read for a push, edited meanwhile, then the push lands: the new edit still goes up. */
  g_clear_pointer (&before, hilum_sync_record_free);
  edit (fixture, "s1", "Heart enlarged.", "2026-01-01T10:02:00Z");
  before = hilum_store_get_sync_record (fixture->store, "s1", &error);
  edit (fixture, "s1", "Heart much enlarged.", "2026-01-01T10:03:00Z");
  g_assert_true (hilum_store_mark_pushed (fixture->store, "s1", before->json, "\"0-def\"",
                                          NULL, before->outbox_last, &error));
  g_assert_no_error (error);
  still = unsynced_ids (fixture);
  g_assert_cmpstr (still, ==, "s1");
  g_assert_cmpint (sql_int (fixture->store, "SELECT count(*) FROM outbox"), ==, 1);
  /* The server id is kept when a later push does not name it. */
  g_clear_pointer (&after, hilum_sync_record_free);
  after = hilum_store_get_sync_record (fixture->store, "s1", &error);
  g_assert_cmpstr (after->remote_id, ==, "orthanc-1");
}

/* A pull merged in: written only when no edit came meanwhile, audited, base updated;
 * a study new to this store arrives whole and shows in the worklist. */
static void
test_apply_remote (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(HilumDocument) merged = document_from (DOC_JSON ("s1", "Merged sentence."));
  g_autoptr(HilumDocument) fresh = document_from (DOC_JSON ("s9", "From the server."));
  g_autoptr(HilumOperation) audit = hilum_operation_new_set_text ("f1", "en", "Merged sentence.");
  g_autoptr(HilumSyncRecord) record = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *ids = NULL;
  gint64 revision;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  edit (fixture, "s1", "Local edit.", "2026-01-01T10:00:00Z");
  revision = hilum_store_get_revision (fixture->store, "s1");

  /* Started from an older revision: refused, nothing written. */
  g_assert_false (hilum_store_apply_remote (fixture->store, "s1", revision - 1, merged,
                                            DOC_JSON ("s1", "Remote."), "\"0-r1\"", "o1", NULL, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  unchanged = english_of (fixture, "s1");
  g_assert_cmpstr (unchanged, ==, "Local edit.");

  json_object_set_string_member (hilum_operation_get_json (audit), "author", "sync");
  g_assert_true (hilum_store_apply_remote (fixture->store, "s1", revision, merged,
                                           DOC_JSON ("s1", "Remote."), "\"0-r1\"", "o1", audit, &error));
  g_assert_no_error (error);
  text = english_of (fixture, "s1");
  g_assert_cmpstr (text, ==, "Merged sentence.");
  g_assert_cmpint (hilum_store_get_revision (fixture->store, "s1"), ==, revision + 1);
  record = hilum_store_get_sync_record (fixture->store, "s1", &error);
  g_assert_cmpstr (record->base_json, ==, DOC_JSON ("s1", "Remote."));
  g_assert_cmpstr (record->remote_version, ==, "\"0-r1\"");
  g_assert_cmpstr (record->remote_id, ==, "o1");
  /* The local edit has not reached the server: it stays in the outbox. */
  g_assert_cmpint (record->outbox_last, >, 0);

  log = hilum_store_get_audit (fixture->store, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (log->pdata[1]), "author"), ==, "sync");

  /* A study the server has and this store has not. */
  g_assert_true (hilum_store_apply_remote (fixture->store, "s9", -1, fresh,
                                           DOC_JSON ("s9", "From the server."), "\"0-r9\"", "o9", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hilum_store_has_study (fixture->store, "s9"));
  rows = hilum_store_query_worklist (fixture->store, "server", -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((HilumWorklistRow *)rows->pdata[0])->study_id, ==, "s9");
  ids = unsynced_ids (fixture);
  g_assert_cmpstr (ids, ==, "s1");

  /* Again as new: it exists now, so the merge must start over. */
  g_assert_false (hilum_store_apply_remote (fixture->store, "s9", -1, fresh,
                                            DOC_JSON ("s9", "From the server."), "\"0-r9\"", "o9", NULL, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED);
  g_clear_error (&error);

  /* A document of another study is refused. */
  g_assert_false (hilum_store_apply_remote (fixture->store, "s1", revision + 1, fresh,
                                            DOC_JSON ("s9", "x"), "\"0-x\"", NULL, NULL, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED);
}

/* The audit logs of two stores merge as a union: each event once, whatever the order. */
static void
test_audit_union (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) union_node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) log = NULL;
  JsonArray *events;
  guint added = 99;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  edit (fixture, "s1", "First.", "2026-01-01T10:00:00Z");
  edit (fixture, "s1", "Second.", "2026-01-01T10:01:00Z");

  mine = hilum_store_get_audit_events (fixture->store, "s1", &error);
  g_assert_no_error (error);
  events = json_node_get_array (mine);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (events, 0), "event_id")), ==, 64);

  /* Our own events again: nothing added. */
  g_assert_true (hilum_store_add_audit_events (fixture->store, "s1", events, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);

  /* Another client's log: one shared event, one of its own. */
  g_assert_true (json_parser_load_from_data (parser,
      "[{\"event_id\":\"e-remote\",\"op\":{\"op\":\"set-finding-field\",\"finding_id\":\"f1\","
      "\"field\":\"text.es\",\"value\":\"Cardiomegalia leve.\",\"author\":\"r2\","
      "\"time\":\"2026-01-01T09:00:00Z\"}}]", -1, &error));
  theirs = json_parser_steal_root (parser);
  json_array_add_element (json_node_get_array (theirs),
                          json_node_copy (json_array_get_element (events, 1)));
  g_assert_true (hilum_store_add_audit_events (fixture->store, "s1", json_node_get_array (theirs), &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);

  log = hilum_store_get_audit (fixture->store, "s1", &error);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (log->pdata[2]), "author"), ==, "r2");
  union_node = hilum_store_get_audit_events (fixture->store, "s1", &error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (union_node), 2), "event_id"), ==, "e-remote");

  /* A malformed entry: an error, and not even the good entries before it are added. */
  g_assert_true (json_parser_load_from_data (parser,
      "[{\"event_id\":\"e-new\",\"op\":{\"op\":\"x\"}},{\"event_id\":7,\"op\":{}}]", -1, &error));
  g_clear_pointer (&theirs, json_node_unref);
  theirs = json_parser_steal_root (parser);
  g_assert_false (hilum_store_add_audit_events (fixture->store, "s1", json_node_get_array (theirs), &added, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Audit event 2 from the server is malformed.");
  g_assert_cmpint (sql_int (fixture->store, "SELECT count(*) FROM audit"), ==, 3);
}

static void
test_remote_deleted_and_state (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *unset = NULL;
  g_autofree char *value = NULL;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  put (fixture, DOC_JSON ("s2", "Cardiomegaly."));
  g_assert_true (hilum_store_set_remote_deleted (fixture->store, "s1", TRUE, &error));
  g_assert_no_error (error);
  ids = unsynced_ids (fixture);
  g_assert_cmpstr (ids, ==, "s2");
  /* Deleted on the server, kept here. */
  g_assert_true (hilum_store_has_study (fixture->store, "s1"));
  g_assert_false (hilum_store_set_remote_deleted (fixture->store, "nope", TRUE, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  unset = hilum_store_get_sync_value (fixture->store, "changes:https://example.org", &error);
  g_assert_no_error (error);
  g_assert_null (unset);
  g_assert_true (hilum_store_set_sync_value (fixture->store, "changes:https://example.org", "41", &error));
  g_assert_true (hilum_store_set_sync_value (fixture->store, "changes:https://example.org", "42", &error));
  value = hilum_store_get_sync_value (fixture->store, "changes:https://example.org", &error);
  g_assert_cmpstr (value, ==, "42");
}

/* A read-only store is never synced: every write says so. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HilumStore) read_only = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumSyncRecord) record = NULL;

  put (fixture, DOC_JSON ("s1", "Cardiomegaly."));
  read_only = hilum_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  record = hilum_store_get_sync_record (read_only, "s1", &error);
  g_assert_no_error (error);
  g_assert_false (hilum_store_mark_pushed (read_only, "s1", record->json, "\"0-a\"", NULL, 0, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be synced"));
}

/* A store made by the first version of Hilum: opened, it gains the sync columns in one
 * step and keeps every document and audit event; its events get their ids. */
static void
test_migrate_version_1 (void)
{
  static const char v1_sql[] =
    "PRAGMA application_id = 1212763213;"
    "CREATE TABLE documents (study_id TEXT PRIMARY KEY NOT NULL, json TEXT NOT NULL,"
    "  revision INTEGER NOT NULL DEFAULT 0, base_json TEXT, remote_version TEXT);"
    "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  study_id TEXT NOT NULL REFERENCES documents (study_id), author TEXT,"
    "  time TEXT NOT NULL, kind TEXT NOT NULL, op TEXT NOT NULL);"
    "CREATE INDEX audit_by_study ON audit (study_id, id);"
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  study_id TEXT NOT NULL REFERENCES documents (study_id) ON DELETE CASCADE,"
    "  op TEXT NOT NULL, created INTEGER NOT NULL);"
    "CREATE INDEX outbox_by_study ON outbox (study_id, id);"
    "CREATE TABLE image_cache (key TEXT PRIMARY KEY NOT NULL, path TEXT NOT NULL,"
    "  size INTEGER NOT NULL, last_used INTEGER NOT NULL);"
    "CREATE INDEX image_cache_by_last_used ON image_cache (last_used);";
  static const char op_json[] =
    "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.en\","
    "\"value\":\"Old edit.\",\"author\":\"r1\",\"time\":\"2025-05-05T10:00:00Z\"}";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hilum-store-v1-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hilum.db", NULL);
  g_autofree char *insert = NULL;
  g_autofree char *expected_id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, op_json, -1);
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(HilumSyncRecord) record = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3 *db = NULL;
  char *sql_error = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1_sql, NULL, NULL, &sql_error), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _hilum_store_worklist_schema, NULL, NULL, &sql_error), ==, SQLITE_OK);
  insert = g_strdup_printf ("INSERT INTO documents (study_id, json, revision) VALUES ('s1', '%s', 3);"
                            "INSERT INTO audit (study_id, author, time, kind, op)"
                            " VALUES ('s1', 'r1', '2025-05-05T10:00:00Z', 'set-finding-field', '%s');"
                            "INSERT INTO outbox (study_id, op, created) VALUES ('s1', '%s', 1);"
                            "PRAGMA user_version = 1;",
                            DOC_JSON ("s1", "Old edit."), op_json, op_json);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, &sql_error), ==, SQLITE_OK);
  sqlite3_close (db);

  store = hilum_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "PRAGMA user_version"), ==, 4);

  document = hilum_store_get_document (store, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hilum_store_get_revision (store, "s1"), ==, 3);
  record = hilum_store_get_sync_record (store, "s1", &error);
  g_assert_no_error (error);
  g_assert_null (record->base_json);
  g_assert_cmpint (record->outbox_last, ==, 1);
  ids = hilum_store_list_unsynced (store, &error);
  g_assert_cmpuint (ids->len, ==, 1);

  events = hilum_store_get_audit_events (store, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (events), 0), "event_id"),
                   ==, expected_id);

  /* Opened again: nothing to do, nothing lost. */
  g_clear_object (&store);
  store = hilum_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM audit"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM documents"), ==, 1);

  g_clear_object (&store);
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hilum/store-sync/unsynced", test_unsynced);
  ADD ("/hilum/store-sync/mark-pushed", test_mark_pushed);
  ADD ("/hilum/store-sync/apply-remote", test_apply_remote);
  ADD ("/hilum/store-sync/audit-union", test_audit_union);
  ADD ("/hilum/store-sync/remote-deleted-and-state", test_remote_deleted_and_state);
  ADD ("/hilum/store-sync/read-only", test_read_only);
#undef ADD
  g_test_add_func ("/hilum/store-sync/migrate-version-1", test_migrate_version_1);

  return g_test_run ();
}
