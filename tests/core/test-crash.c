/* test-crash.c — kill -9 a process that is committing edits; nothing it reported is lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/core/crash-writer.c opens a store and commits edits in a loop, printing
 * "committed N" after each hilum_store_commit_operation() returns. This test kills it
 * with SIGKILL at random moments — after a random time (mostly inside a commit, which
 * is where the writer spends its time) or right after it reported its k-th commit —
 * then opens the store as the app would and checks that every reported edit is in the
 * document and in the audit log, that the document holds exactly the audited edits
 * (none half-applied), revision == audit length, and PRAGMA integrity_check is "ok".
 * Rounds continue from where the killed writer stopped. Seeded by GTest's --seed.
 */
#include <signal.h>
#include <string.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-store.h"
#include "hilum-store-private.h"

#define STUDY_ID "crash-1"
#define N_ROUNDS 30
#define LAST_SEQ 3000

static const char base_document[] =
  "{\"schema\": \"hilum-study/1\","
  " \"study\": {\"study_id\": \"" STUDY_ID "\", \"study_date\": \"20170316\", \"status\": \"new\"},"
  " \"images\": [{\"image_id\": \"img-f\", \"role\": \"current_frontal\", \"width\": 200, \"height\": 100}],"
  " \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana\", \"role\": \"reader\"}],"
  " \"findings\": []}";

typedef struct
{
  char       *path;
  GHashTable *reported;   /* seq → seq, every "committed N" ever printed */
  guint       n_killed;   /* rounds where the writer died before finishing */
} Crash;

static void
parse_lines (Crash      *crash,
             const char *output,
             gboolean   *done)
{
  g_auto(GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 seq;

      if (g_str_has_prefix (lines[i], "committed ") &&
          g_ascii_string_to_unsigned (lines[i] + strlen ("committed "), 10, 0, G_MAXUINT, &seq, NULL))
        g_hash_table_add (crash->reported, GUINT_TO_POINTER ((guint)seq + 1));
      else if (g_str_equal (lines[i], "done"))
        *done = TRUE;
    }
}

static GSubprocess *
spawn_writer (Crash *crash)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *last = g_strdup_printf ("%d", LAST_SEQ);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            writer, crash->path, STUDY_ID, last, NULL);
  g_assert_no_error (error);
  return child;
}

/* Kills the writer after @delay_us. */
static void
round_after_delay (Crash *crash,
                   guint  delay_us)
{
  g_autoptr(GSubprocess) child = spawn_writer (crash);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean done = FALSE;

  g_usleep (delay_us);
  g_subprocess_send_signal (child, SIGKILL);
  /* The pipe still holds what the writer printed before it died. */
  g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  parse_lines (crash, output, &done);
  if (!done)
    {
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      crash->n_killed++;
    }
}

/* Kills the writer as soon as it has reported @n_lines more commits. */
static void
round_after_lines (Crash *crash,
                   guint  n_lines)
{
  g_autoptr(GSubprocess) child = spawn_writer (crash);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  gboolean done = FALSE;

  for (guint i = 0; i < n_lines && !done; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      parse_lines (crash, line, &done);
    }
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  /* Lines printed between the last read and the kill. */
  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      parse_lines (crash, line, &done);
    }
  if (!done)
    crash->n_killed++;
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* Reopens the store and checks it; returns the number of audited edits. */
static guint
check_store (Crash *crash)
{
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *integrity = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_findings = 0;

  store = hilum_store_open (crash->path, &error);
  g_assert_no_error (error);
  document = hilum_store_get_document (store, STUDY_ID, &error);
  g_assert_no_error (error);
  audit = hilum_store_get_audit (store, STUDY_ID, &error);
  g_assert_no_error (error);

  /* The stored JSON parses on its own. */
  json = hilum_document_to_string (document, FALSE);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));

  g_assert_cmpint (hilum_store_get_revision (store, STUDY_ID), ==, audit->len);

  /* Every edit the writer reported is audited… */
  g_hash_table_iter_init (&iter, crash->reported);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_cmpuint (GPOINTER_TO_UINT (key) - 1, <, audit->len);

  /* …the audit log is exactly edits 0, 1, 2 … in order, and the document shows each. */
  for (guint seq = 0; seq < audit->len; seq++)
    {
      JsonObject *op = hilum_operation_get_json (g_ptr_array_index (audit, seq));
      g_autofree char *finding_id = g_strdup_printf ("f-%u", seq - seq % 3);
      g_autofree char *expected = NULL;
      JsonObject *finding;

      g_assert_cmpint (json_object_get_int_member (op, "seq"), ==, seq);
      g_assert_cmpstr (json_object_get_string_member (op, "author"), ==, "crash-writer");
      g_assert_true (json_object_has_member (op, "time"));

      finding = hilum_document_find_finding (document, finding_id, NULL);
      g_assert_nonnull (finding);
      switch (seq % 3)
        {
        case 0:
          expected = g_strdup_printf ("finding %u", seq);
          g_assert_cmpstr (hilum_finding_get_text (finding, "en"), ==, expected);
          n_findings++;
          break;
        case 1:
          expected = g_strdup_printf ("texto %u", seq);
          g_assert_cmpstr (hilum_finding_get_text (finding, "es"), ==, expected);
          break;
        default:
          expected = g_strdup_printf ("b-%u", seq);
          g_assert_nonnull (hilum_document_find_box (document, expected, NULL, NULL, NULL));
          break;
        }
    }

  /* Nothing beyond the audited edits: no half-applied one. */
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, n_findings);
  if (audit->len % 3 == 1)
    {
      g_autofree char *last = g_strdup_printf ("f-%u", audit->len - 1);

      g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (document, last, NULL), "es"), ==, "");
    }

  /* The worklist row was committed with the document. */
  {
    g_autoptr(GPtrArray) rows = hilum_store_query_worklist (store, NULL, -1, HILUM_WORKLIST_SORT_TITLE,
                                                            FALSE, &error);
    HilumWorklistRow *row;

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    row = g_ptr_array_index (rows, 0);
    g_assert_cmpuint (row->n_findings, ==, n_findings);
    g_assert_cmpuint (row->n_boxes, ==, audit->len / 3);
  }

  g_clear_object (&store);
  integrity = integrity_check (crash->path);
  g_assert_cmpstr (integrity, ==, "ok");

  return audit->len;
}

static void
test_kill (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) base = NULL;
  g_autoptr(HilumStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  guint previous = 0;
  Crash crash = { 0 };

  crash.path = g_build_filename (dir, "hilum.db", NULL);
  crash.reported = g_hash_table_new (NULL, NULL);

  base = hilum_document_new_from_string (base_document, -1, &error);
  g_assert_no_error (error);
  store = hilum_store_open (crash.path, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (store, base, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      guint n;

      if (round % 2 == 0)
        /* From before the store is even open (0-3 ms) to well into the loop. */
        round_after_delay (&crash, round < 4 ? g_test_rand_int_range (0, 3000)
                                             : g_test_rand_int_range (5000, 120000));
      else
        round_after_lines (&crash, g_test_rand_int_range (1, 120));

      n = check_store (&crash);
      g_test_message ("round %u: %u edits in the store, %u reported", round, n,
                      g_hash_table_size (crash.reported));
      g_assert_cmpuint (n, >=, previous);
      previous = n;
    }

  /* The rounds really did interrupt the writer, after it had committed things. */
  g_assert_cmpuint (crash.n_killed, >=, N_ROUNDS - 1);
  g_assert_cmpuint (g_hash_table_size (crash.reported), >, 50);
  g_test_message ("%u edits in %.1f s", previous, (g_get_monotonic_time () - start) / 1e6);

  g_hash_table_unref (crash.reported);
  g_free (crash.path);
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/store/crash/kill", test_kill);

  return g_test_run ();
}
