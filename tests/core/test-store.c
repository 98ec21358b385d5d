/* test-store.c — the local store: opening, refusing, saving, the audit log, the worklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only: the tests run as root in CI, and root writes through chmod 0444, so the
 * SQLITE_READONLY path is tested by opening a store explicitly read-only (what
 * hilum_store_open() falls back to when access(W_OK) fails); the chmod fallback itself is
 * asserted too when the tests run as a normal user. A full disk is simulated with
 * PRAGMA max_page_count on the store's connection: SQLite reports SQLITE_FULL for it
 * exactly as for ENOSPC.
 */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-operation.h"
#include "hilum-store.h"
#include "hilum-store-private.h"

typedef struct
{
  const char *polarity;
  const char *en;
  const char *es;
  guint       n_boxes;
} FindingSpec;

/* A hilum-study/1 document with a frontal image, reader r1, and @findings whose ids are
 * "<study>-f<i>" and box ids "<study>-f<i>-b<j>". */
static HilumDocument *
make_document (const char        *study_id,
               const char        *date,
               const char        *status,
               const FindingSpec *findings,
               guint              n_findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  HilumDocument *document;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_string_value (b, HILUM_DOCUMENT_SCHEMA);
  json_builder_set_member_name (b, "study");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "study_id");
  json_builder_add_string_value (b, study_id);
  json_builder_set_member_name (b, "study_date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "indication");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "x_unknown");
  json_builder_add_string_value (b, "kept: año, ñandú");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "images");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "image_id");
  json_builder_add_string_value (b, "img-f");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "current_frontal");
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, 100);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, 80);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "readers");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reader_id");
  json_builder_add_string_value (b, "r1");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Ana");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "reader");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_findings; i++)
    {
      g_autofree char *finding_id = g_strdup_printf ("%s-f%u", study_id, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "finding_id");
      json_builder_add_string_value (b, finding_id);
      json_builder_set_member_name (b, "polarity");
      json_builder_add_string_value (b, findings[i].polarity);
      json_builder_set_member_name (b, "text");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "en");
      json_builder_add_string_value (b, findings[i].en);
      json_builder_set_member_name (b, "es");
      json_builder_add_string_value (b, findings[i].es);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "labels");
      json_builder_begin_array (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "annotations");
      json_builder_begin_array (b);
      if (findings[i].n_boxes > 0)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "reader_id");
          json_builder_add_string_value (b, "r1");
          json_builder_set_member_name (b, "image_id");
          json_builder_add_string_value (b, "img-f");
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, "boxed");
          json_builder_set_member_name (b, "boxes");
          json_builder_begin_array (b);
          for (guint j = 0; j < findings[i].n_boxes; j++)
            {
              g_autofree char *box_id = g_strdup_printf ("%s-b%u", finding_id, j);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "box_id");
              json_builder_add_string_value (b, box_id);
              json_builder_set_member_name (b, "xyxy_norm");
              json_builder_begin_array (b);
              json_builder_add_double_value (b, 0.125);
              json_builder_add_double_value (b, 0.25);
              json_builder_add_double_value (b, 0.5);
              json_builder_add_double_value (b, 0.75);
              json_builder_end_array (b);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  document = hilum_document_new_from_json (root, &error);
  g_assert_no_error (error);
  return document;
}

static char *
store_path (const char *dir)
{
  return g_build_filename (dir, "data", "hilum", "hilum.db", NULL);
}

static HilumStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  HilumStore *store = hilum_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
sql_text (HilumStore *store,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_hilum_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
with_author (HilumOperation *op,
             const char     *author,
             const char     *time)
{
  json_object_set_string_member (hilum_operation_get_json (op), "author", author);
  if (time != NULL)
    json_object_set_string_member (hilum_operation_get_json (op), "time", time);
}

static void
assert_file_bytes (const char *path,
                   const char *expected,
                   gsize       expected_length)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, expected, expected_length);
}

/* ------------------------------------------------------------------ opening */

static void
test_create (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autofree char *mode = NULL;
  g_autofree char *tables = NULL;
  g_autoptr(HilumStore) store = NULL;

  /* The folders are made. */
  store = open_store (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (hilum_store_get_path (store), ==, path);
  g_assert_false (hilum_store_is_read_only (store));
  g_assert_cmpuint (hilum_store_count_studies (store), ==, 0);

  mode = sql_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_free (mode);
  mode = sql_text (store, "PRAGMA foreign_keys");
  g_assert_cmpstr (mode, ==, "1");
  g_free (mode);
  mode = sql_text (store, "PRAGMA synchronous");
  g_assert_cmpstr (mode, ==, "1");   /* NORMAL */
  tables = sql_text (store, "SELECT group_concat (name, ' ') FROM (SELECT name FROM sqlite_schema"
                            " WHERE type = 'table' AND name IN ('studies', 'documents', 'outbox',"
                            " 'audit', 'image_cache') ORDER BY name)");
  g_assert_cmpstr (tables, ==, "audit documents image_cache outbox studies");
  g_clear_object (&store);

  /* Opening it again keeps what it holds. */
  {
    g_autoptr(HilumDocument) doc = make_document ("s1", "20200101", "new", NULL, 0);
    g_autoptr(GError) error = NULL;

    store = open_store (path);
    g_assert_true (hilum_store_put_document (store, doc, &error));
    g_assert_no_error (error);
    g_clear_object (&store);
    store = open_store (path);
    g_assert_true (hilum_store_has_study (store, "s1"));
    g_assert_cmpuint (hilum_store_count_studies (store), ==, 1);
  }
  g_clear_object (&store);

  /* The default path follows XDG. */
  {
    g_autofree char *def = hilum_store_get_default_path ();
    g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "hilum", "hilum.db", NULL);

    g_assert_cmpstr (def, ==, expected);
  }

  hilum_fixture_dir_remove (dir);
}

static void
test_garbage (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = NULL;
  char garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char)(i * 131 + 7);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  store = hilum_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "notes.db"));
  g_assert_nonnull (strstr (error->message, "is not a Hilum store or is damaged"));
  assert_file_bytes (path, garbage, sizeof garbage);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A damaged SQLite header: the magic string, then nonsense. */
  memcpy (garbage, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  store = hilum_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "is not a Hilum store or is damaged"));
  assert_file_bytes (path, garbage, sizeof garbage);
  g_clear_error (&error);

  /* Read-only, the same refusal. */
  store = hilum_store_open_read_only (path, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
  assert_file_bytes (path, garbage, sizeof garbage);
  g_clear_error (&error);

  /* A folder where the file should be. */
  store = hilum_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);

  hilum_fixture_dir_remove (dir);
}

static void
test_foreign (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *before = NULL;
  gsize before_length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT);"
                                     "INSERT INTO contacts VALUES ('Ana');", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  store = hilum_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "other.sqlite"));
  g_assert_nonnull (strstr (error->message, "is not a Hilum store or is damaged"));
  assert_file_bytes (path, before, before_length);
  g_clear_error (&error);

  /* A store from a newer Hilum is not touched either. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "newer.db", NULL);
  store = open_store (path);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = hilum_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "newer version of Hilum"));

  hilum_fixture_dir_remove (dir);
}

static void
test_read_only (void)
{
  static const FindingSpec findings[] = { { "positive", "Cardiomegaly", "Cardiomegalia", 1 } };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autofree char *json = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumStore) writer = NULL;
  g_autoptr(HilumDocument) doc = make_document ("ro-1", "20200101", "new", findings, 1);
  g_autoptr(HilumDocument) read = NULL;
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* The writer stays open, as the app would be while hilum-cli exports. */
  writer = open_store (path);
  g_assert_true (hilum_store_put_document (writer, doc, &error));
  g_assert_no_error (error);

  store = hilum_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_is_read_only (store));
  read = hilum_store_get_document (store, "ro-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (read, 0), "es"), ==, "Cardiomegalia");
  rows = hilum_store_query_worklist (store, "cardio", -1, HILUM_WORKLIST_SORT_TITLE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  json = hilum_document_to_string (read, FALSE);
  op = hilum_operation_new_set_text ("ro-1-f0", "en", "Enlarged heart");
  g_assert_false (hilum_store_commit_operation (store, read, op, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "is read-only: changes cannot be saved"));
  g_clear_error (&error);
  {
    g_autofree char *after = hilum_document_to_string (read, FALSE);

    g_assert_cmpstr (after, ==, json);
  }
  g_assert_false (hilum_store_put_document (store, doc, &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (hilum_store_get_revision (store, "ro-1"), ==, 0);

  /* The writer's later commit shows in the reader. */
  g_assert_true (hilum_store_commit_operation (writer, doc, op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hilum_store_get_revision (store, "ro-1"), ==, 1);
  g_clear_object (&store);
  g_clear_object (&writer);

  /* A missing file is not created by a read-only open. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);

    g_assert_null (hilum_store_open_read_only (missing, &error));
    g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_OPEN);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }

  /* Unwritable file and folder: hilum_store_open() says it is read-only. Root writes
   * through the permissions, so this part holds for normal users only. */
  if (geteuid () != 0)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      store = open_store (path);
      g_assert_true (hilum_store_is_read_only (store));
      g_assert_false (hilum_store_commit_operation (store, doc, op, &error));
      g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_READ_ONLY);
      g_clear_object (&store);
      g_chmod (folder, 0755);
      g_chmod (path, 0644);
    }

  hilum_fixture_dir_remove (dir);
}

static void
test_full (void)
{
  static const FindingSpec findings[] = { { "positive", "Cardiomegaly", "Cardiomegalia", 0 } };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autofree char *big = g_strnfill (6000, 'x');
  g_autofree char *page_count = NULL;
  g_autofree char *limit_sql = NULL;
  g_autoptr(HilumStore) store = open_store (path);
  g_autoptr(HilumDocument) doc = make_document ("full-1", "", "new", findings, 1);
  g_autoptr(GError) error = NULL;
  guint committed = 0;

  g_assert_true (hilum_store_put_document (store, doc, &error));
  g_assert_no_error (error);

  page_count = sql_text (store, "PRAGMA page_count");
  limit_sql = g_strdup_printf ("PRAGMA max_page_count = %d", atoi (page_count) + 12);
  g_free (sql_text (store, limit_sql));

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u %s", i, big);
      g_autofree char *before = hilum_document_to_string (doc, FALSE);
      g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("full-1-f0", i % 2 ? "en" : "es", text);

      if (!hilum_store_commit_operation (store, doc, op, &error))
        {
          g_autofree char *after = hilum_document_to_string (doc, FALSE);
          g_autoptr(HilumDocument) stored = NULL;
          g_autofree char *stored_json = NULL;
          g_autoptr(GPtrArray) audit = NULL;

          g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FULL);
          g_assert_cmpstr (error->message, ==, "The disk is full: the last change was not saved.");
          g_clear_error (&error);
          /* Nothing changed: not the caller's document, not the stored one. */
          g_assert_cmpstr (after, ==, before);
          stored = hilum_store_get_document (store, "full-1", &error);
          g_assert_no_error (error);
          stored_json = hilum_document_to_string (stored, FALSE);
          g_assert_cmpstr (stored_json, ==, before);
          audit = hilum_store_get_audit (store, "full-1", &error);
          g_assert_no_error (error);
          g_assert_cmpuint (audit->len, ==, committed);
          g_assert_cmpint (hilum_store_get_revision (store, "full-1"), ==, committed);
          break;
        }
      committed++;
    }
  g_assert_cmpuint (committed, >, 0);
  g_assert_cmpuint (committed, <, 200);

  /* A bulk import that does not fit adds nothing. */
  {
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
    FindingSpec spec = { "positive", big, big, 0 };

    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *id = g_strdup_printf ("bulk-%u", i);

        g_ptr_array_add (docs, make_document (id, "", "new", &spec, 1));
      }
    g_assert_false (hilum_store_put_documents (store, docs, NULL, NULL, &error));
    g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_FULL);
    g_clear_error (&error);
    g_assert_cmpuint (hilum_store_count_studies (store), ==, 1);
  }

  /* Room again (the user freed space): the next edit is saved. */
  g_free (sql_text (store, "PRAGMA max_page_count = 1000000"));
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("full-1-f0", "en", "Saved after all");

    g_assert_true (hilum_store_commit_operation (store, doc, op, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (doc, 0), "en"), ==, "Saved after all");
    g_assert_cmpint (hilum_store_get_revision (store, "full-1"), ==, committed + 1);
  }

  hilum_fixture_dir_remove (dir);
}

/* ------------------------------------------------------------------ documents */

static void
test_round_trip (void)
{
  static const FindingSpec findings[] = {
    { "positive", "Right pneumothorax", "Neumotórax derecho", 2 },
    { "negative", "No pleural effusion", "Sin derrame pleural", 0 },
  };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  const char *long_id = "123456789012345678901234567890123456789";
  g_autoptr(HilumStore) store = open_store (path);
  g_autoptr(HilumDocument) doc = make_document (long_id, "20170316", "in_progress", findings, 2);
  g_autoptr(HilumDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = hilum_document_to_string (doc, FALSE);
  g_autofree char *read_json = NULL;

  g_assert_false (hilum_store_has_study (store, long_id));
  g_assert_cmpint (hilum_store_get_revision (store, long_id), ==, -1);
  g_assert_true (hilum_store_put_document (store, doc, &error));
  g_assert_no_error (error);
  g_assert_true (hilum_store_has_study (store, long_id));
  g_assert_cmpint (hilum_store_get_revision (store, long_id), ==, 0);
  g_clear_object (&store);

  store = open_store (path);
  read = hilum_store_get_document (store, long_id, &error);
  g_assert_no_error (error);
  read_json = hilum_document_to_string (read, FALSE);
  g_assert_cmpstr (read_json, ==, json);
  g_assert_nonnull (strstr (read_json, "\"x_unknown\":\"kept: año, ñandú\""));
  g_assert_cmpstr (hilum_document_get_study_id (read), ==, long_id);

  g_assert_null (hilum_store_get_document (store, "nope", &error));
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  /* Putting it again replaces it (one revision more); the worklist row follows. */
  {
    static const FindingSpec one[] = { { "positive", "Cardiomegaly", "Cardiomegalia", 0 } };
    g_autoptr(HilumDocument) again = make_document (long_id, "20170316", "annotated", one, 1);
    g_autoptr(GPtrArray) rows = NULL;
    HilumWorklistRow *row;

    g_assert_true (hilum_store_put_document (store, again, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hilum_store_get_revision (store, long_id), ==, 1);
    g_assert_cmpuint (hilum_store_count_studies (store), ==, 1);
    rows = hilum_store_query_worklist (store, NULL, -1, HILUM_WORKLIST_SORT_TITLE, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    row = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (row->title, ==, "Cardiomegaly");
    g_assert_cmpint (row->status, ==, HILUM_STUDY_STATUS_ANNOTATED);
    g_assert_cmpuint (row->n_findings, ==, 1);
    g_assert_cmpuint (row->n_boxes, ==, 0);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = hilum_store_query_worklist (store, "neumotorax", -1, HILUM_WORKLIST_SORT_TITLE, FALSE, &error);
    g_assert_cmpuint (rows->len, ==, 0);
  }

  hilum_fixture_dir_remove (dir);
}

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer data)
{
  goffset *last = data;

  g_assert_cmpint (current, >, last[0]);
  g_assert_cmpint (total, ==, 300);
  last[0] = current;
  last[1]++;
}

static void
test_bulk (void)
{
  static const FindingSpec findings[] = { { "positive", "Aortic elongation", "Elongación aórtica", 1 } };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autoptr(HilumStore) store = open_store (path);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  goffset last[2] = { 0, 0 };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("%05u", 300 - i);

      g_ptr_array_add (docs, make_document (id, "20170316", "new", findings, 1));
    }
  g_assert_true (hilum_store_put_documents (store, docs, progress_cb, last, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last[0], ==, 300);
  g_assert_cmpint (last[1], >=, 2);
  g_assert_cmpuint (hilum_store_count_studies (store), ==, 300);

  /* Same title everywhere: the study id breaks the tie. */
  ids = hilum_store_list_study_ids (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 300);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "00001");
  g_assert_cmpstr (g_ptr_array_index (ids, 299), ==, "00300");

  hilum_fixture_dir_remove (dir);
}

static void
test_audit (void)
{
  static const FindingSpec findings[] = { { "positive", "Cardiomegaly", "Cardiomegalia", 0 } };
  static const double first[4] = { 0.1, 0.2, 0.3, 0.4 };
  static const double moved[4] = { 0.15, 0.25, 0.35, 0.45 };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autoptr(HilumStore) store = open_store (path);
  g_autoptr(HilumDocument) doc = make_document ("au-1", "20170316", "new", findings, 1);
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) finding = hilum_finding_new ("negative");
  g_autofree char *outbox = NULL;
  const char *new_id = hilum_finding_get_id (finding);
  HilumOperation *ops[4];

  g_assert_true (hilum_store_put_document (store, doc, &error));
  g_assert_no_error (error);

  ops[0] = hilum_operation_new_set_text ("au-1-f0", "en", "Enlarged heart");
  with_author (ops[0], "r1", "2026-01-02T10:00:00Z");
  ops[1] = hilum_operation_new_add_finding (finding, -1);
  with_author (ops[1], "r2", "2026-01-02T10:00:01Z");
  ops[2] = hilum_operation_new_add_box ("au-1-f0", "r1", "img-f", "box-1", first);
  with_author (ops[2], "r1", "2026-01-02T10:00:02Z");
  ops[3] = hilum_operation_new_set_box ("box-1", moved);
  with_author (ops[3], "r1", NULL);   /* the store stamps the time */

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_assert_true (hilum_store_commit_operation (store, doc, ops[i], &error));
      g_assert_no_error (error);
      g_assert_cmpint (hilum_store_get_revision (store, "au-1"), ==, i + 1);
    }
  /* The caller's document shows every edit. */
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (doc, 0), "en"), ==, "Enlarged heart");
  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 2);
  g_assert_nonnull (hilum_document_find_finding (doc, new_id, NULL));
  g_assert_nonnull (hilum_document_find_box (doc, "box-1", NULL, NULL, NULL));

  /* A failing edit changes nothing and is not audited. */
  {
    g_autoptr(HilumOperation) bad = hilum_operation_new_remove_finding ("no-such-finding");
    g_autofree char *before = hilum_document_to_string (doc, FALSE);
    g_autofree char *after = NULL;

    g_assert_false (hilum_store_commit_operation (store, doc, bad, &error));
    g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    after = hilum_document_to_string (doc, FALSE);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (hilum_store_get_revision (store, "au-1"), ==, 4);
  }

  /* A study that is not in the store. */
  {
    g_autoptr(HilumDocument) stray = make_document ("stray", "", "new", findings, 1);
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("stray-f0", "en", "x");
    g_autofree char *before = hilum_document_to_string (stray, FALSE);
    g_autofree char *after = NULL;

    g_assert_false (hilum_store_commit_operation (store, stray, op, &error));
    g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    after = hilum_document_to_string (stray, FALSE);
    g_assert_cmpstr (after, ==, before);
  }

  g_clear_object (&store);
  store = open_store (path);
  audit = hilum_store_get_audit (store, "au-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 4);
  {
    JsonObject *o0 = hilum_operation_get_json (g_ptr_array_index (audit, 0));
    JsonObject *o1 = hilum_operation_get_json (g_ptr_array_index (audit, 1));
    JsonObject *o2 = hilum_operation_get_json (g_ptr_array_index (audit, 2));
    JsonObject *o3 = hilum_operation_get_json (g_ptr_array_index (audit, 3));
    JsonArray *before3, *value3;

    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 0)), ==, "set-finding-field");
    g_assert_cmpstr (json_object_get_string_member (o0, "author"), ==, "r1");
    g_assert_cmpstr (json_object_get_string_member (o0, "time"), ==, "2026-01-02T10:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (o0, "value"), ==, "Enlarged heart");
    g_assert_cmpstr (json_object_get_string_member (o0, "before"), ==, "Cardiomegaly");

    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 1)), ==, "add-finding");
    g_assert_cmpstr (json_object_get_string_member (o1, "author"), ==, "r2");
    g_assert_cmpint (json_object_get_int_member (o1, "index"), ==, 1);

    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 2)), ==, "add-box");
    g_assert_cmpstr (json_object_get_string_member (o2, "time"), ==, "2026-01-02T10:00:02Z");

    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 3)), ==, "set-box");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o3, "time"), "20"));
    before3 = json_object_get_array_member (o3, "before");
    value3 = json_object_get_array_member (o3, "value");
    g_assert_cmpfloat (json_array_get_double_element (before3, 0), ==, 0.1);
    g_assert_cmpfloat (json_array_get_double_element (before3, 3), ==, 0.4);
    g_assert_cmpfloat (json_array_get_double_element (value3, 0), ==, 0.15);
  }

  /* One outbox row per edit, for the sync. */
  outbox = sql_text (store, "SELECT count(*) FROM outbox WHERE study_id = 'au-1'");
  g_assert_cmpstr (outbox, ==, "4");

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    hilum_operation_unref (ops[i]);
  hilum_fixture_dir_remove (dir);
}

/* ------------------------------------------------------------------ worklist */

static GPtrArray *
query (HilumStore        *store,
       const char        *search,
       int                status,
       HilumWorklistSort  sort,
       gboolean           descending)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = hilum_store_query_worklist (store, search, status, sort, descending, &error);

  g_assert_no_error (error);
  return rows;
}

/* The ids of the rows, space-separated. */
static char *
ids_of (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      HilumWorklistRow *row = g_ptr_array_index (rows, i);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, row->study_id);
    }
  g_ptr_array_unref (rows);
  return g_string_free (s, FALSE);
}

#define ASSERT_IDS(rows, expected) \
  G_STMT_START { g_autofree char *ids_ = ids_of (rows); g_assert_cmpstr (ids_, ==, expected); } G_STMT_END

static void
test_worklist (void)
{
  static const FindingSpec a[] = {
    { "positive", "", "Neumotórax derecho", 2 },
    { "negative", "No pleural effusion", "Sin derrame pleural", 1 },
  };
  static const FindingSpec b[] = { { "positive", "Cardiomegaly", "Cardiomegalia", 0 } };
  static const FindingSpec d[] = { { "positive", "Pulmonary nodule", "Nódulo pulmonar en língula", 3 } };
  static const FindingSpec e[] = { { "positive", "Ángulo costofrénico: \"blunting\"", "", 0 } };
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = store_path (dir);
  g_autoptr(HilumStore) store = open_store (path);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  HilumWorklistRow *row;

  g_ptr_array_add (docs, make_document ("1001", "20170102", "in_progress", a, 2));
  g_ptr_array_add (docs, make_document ("1002", "20160101", "new", b, 1));
  g_ptr_array_add (docs, make_document ("1003", "20180101", "reviewed", NULL, 0));
  g_ptr_array_add (docs, make_document ("ÑU-7", "20170101", "annotated", d, 1));
  g_ptr_array_add (docs, make_document ("1005", "20150101", "new", e, 1));
  g_assert_true (hilum_store_put_documents (store, docs, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_store_count_studies (store), ==, 5);

  /* Titles: the first sentence (English, else Spanish), else the study id; sorted
   * without regard to case or accents. */
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_TITLE, FALSE), "1003 1005 1002 1001 ÑU-7");
  ASSERT_IDS (query (store, "", -1, HILUM_WORKLIST_SORT_TITLE, TRUE), "ÑU-7 1001 1002 1005 1003");
  rows = query (store, NULL, -1, HILUM_WORKLIST_SORT_TITLE, FALSE);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->study_id, ==, "1003");
  g_assert_cmpstr (row->title, ==, "1003");
  g_assert_cmpstr (row->study_date, ==, "20180101");
  g_assert_cmpint (row->status, ==, HILUM_STUDY_STATUS_REVIEWED);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row->title, ==, "Neumotórax derecho");
  g_assert_cmpuint (row->n_findings, ==, 2);
  g_assert_cmpuint (row->n_boxes, ==, 3);
  g_assert_cmpint (row->status, ==, HILUM_STUDY_STATUS_IN_PROGRESS);
  g_assert_cmpint (row->updated, >=, g_get_real_time () / G_USEC_PER_SEC - 60);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Search: case and accents do not matter, in either direction. */
  ASSERT_IDS (query (store, "neumotorax", -1, 0, FALSE), "1001");
  ASSERT_IDS (query (store, "NEUMOTÓRAX", -1, 0, FALSE), "1001");
  ASSERT_IDS (query (store, "Nodulo", -1, 0, FALSE), "ÑU-7");
  ASSERT_IDS (query (store, "lingula", -1, 0, FALSE), "ÑU-7");
  ASSERT_IDS (query (store, "ñu-", -1, 0, FALSE), "ÑU-7");
  ASSERT_IDS (query (store, "pleural effusion", -1, 0, FALSE), "1001");
  ASSERT_IDS (query (store, "  derrame  ", -1, 0, FALSE), "1001");
  ASSERT_IDS (query (store, "\"blunting\"", -1, 0, FALSE), "1005");
  ASSERT_IDS (query (store, "costofrenico", -1, 0, FALSE), "1005");
  ASSERT_IDS (query (store, "frénico: \"b", -1, 0, FALSE), "1005");
  /* Wildcards are plain characters. */
  ASSERT_IDS (query (store, "cardio*", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "c?rdio", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "[c]ardio", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "%ardio", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "*", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "pneumothorax", -1, 0, FALSE), "");
  /* Ids and dates. */
  ASSERT_IDS (query (store, "1003", -1, 0, FALSE), "1003");
  ASSERT_IDS (query (store, "2016", -1, 0, FALSE), "1002");
  ASSERT_IDS (query (store, "05", -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "1005");
  /* One or two characters look at the id, the title and the date only. */
  ASSERT_IDS (query (store, "u-", -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "ÑU-7");
  ASSERT_IDS (query (store, "de", -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "1001");
  ASSERT_IDS (query (store, "ñ", -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "1001 1005 ÑU-7");
  ASSERT_IDS (query (store, "ax", -1, 0, FALSE), "1001");

  /* Status filter, with and without a search. */
  ASSERT_IDS (query (store, NULL, HILUM_STUDY_STATUS_NEW, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "1002 1005");
  ASSERT_IDS (query (store, "cardio", HILUM_STUDY_STATUS_NEW, 0, FALSE), "1002");
  ASSERT_IDS (query (store, "cardio", HILUM_STUDY_STATUS_REVIEWED, 0, FALSE), "");

  /* Sorts. */
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_STUDY_ID, FALSE), "1001 1002 1003 1005 ÑU-7");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_STUDY_ID, TRUE), "ÑU-7 1005 1003 1002 1001");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_DATE, FALSE), "1005 1002 ÑU-7 1001 1003");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_DATE, TRUE), "1003 1001 ÑU-7 1002 1005");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_STATUS, FALSE), "1005 1002 1001 ÑU-7 1003");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_STATUS, TRUE), "1003 ÑU-7 1001 1005 1002");

  /* Edits update the row and the search in the same transaction. */
  {
    g_autoptr(HilumDocument) doc = hilum_store_get_document (store, "1002", &error);
    g_autoptr(HilumOperation) text = hilum_operation_new_set_text ("1002-f0", "en", "Aortic elongation");
    g_autoptr(JsonNode) reviewed = json_node_init_string (json_node_alloc (), "reviewed");
    g_autoptr(HilumOperation) status = hilum_operation_new_set_study_field ("status", reviewed);
    static const double xyxy[4] = { 0.2, 0.2, 0.4, 0.4 };
    g_autoptr(HilumOperation) box = hilum_operation_new_add_box ("1002-f0", "r1", "img-f", NULL, xyxy);

    g_assert_no_error (error);
    g_assert_true (hilum_store_commit_operation (store, doc, text, &error));
    g_assert_true (hilum_store_commit_operation (store, doc, status, &error));
    g_assert_true (hilum_store_commit_operation (store, doc, box, &error));
    g_assert_no_error (error);
  }
  ASSERT_IDS (query (store, "aortic", -1, 0, FALSE), "1002");
  ASSERT_IDS (query (store, "cardiomegaly", -1, 0, FALSE), "");
  ASSERT_IDS (query (store, "cardiomegalia", -1, 0, FALSE), "1002");
  ASSERT_IDS (query (store, NULL, HILUM_STUDY_STATUS_REVIEWED, HILUM_WORKLIST_SORT_TITLE, FALSE), "1003 1002");
  ASSERT_IDS (query (store, NULL, -1, HILUM_WORKLIST_SORT_TITLE, FALSE), "1003 1005 1002 1001 ÑU-7");
  rows = query (store, "aortic", -1, 0, FALSE);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->title, ==, "Aortic elongation");
  g_assert_cmpuint (row->n_boxes, ==, 1);
  g_assert_cmpint (row->status, ==, HILUM_STUDY_STATUS_REVIEWED);

  hilum_fixture_dir_remove (dir);
}

static void
test_status_strings (void)
{
  HilumStudyStatus status;

  for (int i = HILUM_STUDY_STATUS_NEW; i <= HILUM_STUDY_STATUS_REVIEWED; i++)
    {
      g_assert_true (hilum_study_status_from_string (hilum_study_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_cmpstr (hilum_study_status_to_string (HILUM_STUDY_STATUS_IN_PROGRESS), ==, "in_progress");
  g_assert_cmpstr (hilum_study_status_get_label (HILUM_STUDY_STATUS_IN_PROGRESS), ==, "In Progress");
  g_assert_cmpstr (hilum_study_status_get_label (HILUM_STUDY_STATUS_REVIEWED), ==, "Reviewed");
  g_assert_false (hilum_study_status_from_string ("done", &status));
  g_assert_false (hilum_study_status_from_string (NULL, &status));
}

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Neumotórax", "neumotorax" },
    { "ÑANDÚ Über façade", "nandu uber facade" },
    { "Straße", "strasse" },
    { "plain ASCII 123", "plain ascii 123" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = _hilum_store_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/store/create", test_create);
  g_test_add_func ("/hilum/store/garbage", test_garbage);
  g_test_add_func ("/hilum/store/foreign", test_foreign);
  g_test_add_func ("/hilum/store/read-only", test_read_only);
  g_test_add_func ("/hilum/store/full", test_full);
  g_test_add_func ("/hilum/store/round-trip", test_round_trip);
  g_test_add_func ("/hilum/store/bulk", test_bulk);
  g_test_add_func ("/hilum/store/audit", test_audit);
  g_test_add_func ("/hilum/store/worklist", test_worklist);
  g_test_add_func ("/hilum/store/status", test_status_strings);
  g_test_add_func ("/hilum/store/fold", test_fold);

  return g_test_run ();
}
