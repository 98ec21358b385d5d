/* test-cli-hostile.c — hilum-cli on input made to break it, and re-imports that must not
 * replace anyone's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is one a mutation fuzzer under AddressSanitizer found (issue #10), with its
 * input generated here: every run ends with one clear line and an exit status, never a
 * signal, a Json-CRITICAL or a line as long as the input; the store keeps what readers
 * did.
 */
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hilum-fixtures.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hilum_fixture_dir_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  hilum_fixture_dir_remove (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Every line of @err is one "hilum-cli: " line of a readable length, and none is a
 * GLib warning or critical. */
static void
assert_clear_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      g_assert_true (g_str_has_prefix (lines[i], "hilum-cli: "));
      g_assert_cmpuint (g_utf8_strlen (lines[i], -1), <=, 520);
    }
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
}

static void
test_spell_stdin (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *page = g_strnfill (4096, 'a');

  /* Empty stdin: nothing to flag (it segfaulted). */
  g_assert_cmpint (hilum_fixture_run_cli ("", 0, &out, &err, "spell", "--lang", "en", "-", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  /* Exactly 4096 bytes, no NUL: the word is read to its end and no further. */
  g_assert_cmpint (hilum_fixture_run_cli (page, 4096, &out2, &err2, "spell", "--lang", "en", "--json", "-", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "\"end\" : 4096"));
  g_assert_cmpstr (err2, ==, "");
}

/* 100,000 nested brackets, in every JSON importer and in check-translations. */
static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) document = g_string_new ("{\"schema\":\"hilum-study/1\",\"x\":");
  g_autofree char *plain = NULL;
  g_autofree char *doc = NULL;
  const char *formats[] = { "hilum", "padchest-gr", "radfact", "coco", "maira2" };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_printf (document, "%s}", deep->str);
  plain = write_file (f, "deep.json", deep->str);
  doc = write_file (f, "deep-doc.json", document->str);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *target = g_build_filename (f->dir, formats[i], NULL);
      /* 1: the file is refused; 2 (MAIRA-2, one record per line): its line is. */
      int status = hilum_fixture_run_cli (NULL, 0, &out, &err, "convert", "--from", formats[i], "--to", "hilum",
                                          plain, target, NULL);

      g_assert_true (status == 1 || status == 2);
      assert_clear_lines (err);
      g_assert_nonnull (strstr (err, "nests more than 200 levels deep"));
    }
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "check-translations", doc, NULL), ==, 1);
    assert_clear_lines (err);
    g_assert_nonnull (strstr (err, "nests more than 200 levels deep"));
  }
}

/* A document a person (or an attacker) edited by hand: values of the wrong type are
 * refused in one line, and nothing of them reaches the store. */
static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *store = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *doc = write_file (f, "types.json",
    "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"t1\",\"status\":5},"
    "\"images\":[{\"image_id\":3}],\"readers\":[],\"findings\":[{\"finding_id\":\"f1\","
    "\"polarity\":7,\"text\":{\"en\":5},\"labels\":[{\"x\":1}]}]}");
  g_autofree char *radfact = write_file (f, "rf.json",
    "[{\"example_id\": \"s1\", \"target\": 7}, {\"example_id\": \"s2\", \"target\": [3, {\"text\": 5}]}]");
  g_autofree char *coco = write_file (f, "coco.json",
    "{\"images\": [5, {\"id\": \"x\"}], \"annotations\": [7, {\"id\": 1, \"image_id\": {\"a\": 1}, \"bbox\": \"no\"}],"
    " \"categories\": 3}");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *rf_out = NULL, *rf_err = NULL;
  g_autofree char *coco_out = NULL, *coco_err = NULL;
  g_autofree char *export_out = NULL, *export_err = NULL;
  g_autofree char *target = g_build_filename (f->dir, "converted", NULL);
  g_autofree char *exported = g_build_filename (f->dir, "exported.json", NULL);

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "import", "--store", store, "--from", "hilum",
                                          doc, NULL), ==, 2);
  assert_clear_lines (err);
  g_assert_nonnull (strstr (err, "entry 1 of “images” is not an object with its “image_id” as text"));

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &rf_out, &rf_err, "convert", "--from", "radfact", "--to",
                                          "hilum", radfact, target, NULL), ==, 2);
  assert_clear_lines (rf_err);
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &coco_out, &coco_err, "convert", "--from", "coco", "--to",
                                          "hilum", coco, target, NULL), ==, 2);
  assert_clear_lines (coco_err);

  /* Nothing was stored: an export of the store has no record. */
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &export_out, &export_err, "export", "--store", store, "--to",
                                          "padchest-gr", exported, NULL), ==, 0);
  assert_clear_lines (export_err);
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (exported, &written, NULL, NULL));
    g_assert_cmpstr (g_strstrip (written), ==, "[]");
  }
}

/* A key order that holds a number: the PadChest-GR export skips it (it segfaulted). */
static void
test_key_order (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *store = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *doc = write_file (f, "order.json",
    "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"k1\"},\"images\":[],\"readers\":[],"
    "\"findings\":[{\"finding_id\":\"f1\",\"polarity\":\"positive\",\"text\":{\"en\":\"Cardiomegaly.\"}}],"
    "\"provenance\":{\"key_order\":[1,{\"a\":2},\"StudyID\",\"findings\"],"
    "\"imported_from\":{\"format\":\"padchest-gr\",\"indent\":\"x\",\"ascii\":\"y\"}}}");
  g_autofree char *target = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "import", "--store", store, "--from", "hilum",
                                          doc, NULL), ==, 0);
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out2, &err2, "export", "--store", store, "--to",
                                          "padchest-gr", target, NULL), ==, 0);
  assert_clear_lines (err2);
  g_assert_true (g_file_get_contents (target, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"StudyID\": \"k1\""));
}

/* Kept unknown fields nested deep are written on one line past 16 levels: the output is
 * of the input's size, not its square. */
static void
test_deep_unknown_fields (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(GString) record = g_string_new (NULL);
  g_autofree char *in = NULL;
  g_autofree char *target = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *written = NULL;
  gsize in_length, out_length = 0;

  for (guint i = 0; i < 190; i++)
    g_string_append (nested, "{\"a\":");
  g_string_append (nested, "1");
  for (guint i = 0; i < 190; i++)
    g_string_append_c (nested, '}');
  g_string_append_printf (record, "[{\"StudyID\": \"u1\", \"ImageID\": \"u1.png\", \"findings\": [], \"Extra\": %s}]",
                          nested->str);
  in = write_file (f, "unknown.json", record->str);
  in_length = record->len;
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "convert", "--from", "padchest-gr", "--to",
                                          "padchest-gr", in, target, NULL), ==, 0);
  g_assert_true (g_file_get_contents (target, &written, &out_length, NULL));
  g_assert_cmpuint (out_length, <, 4 * in_length);
}

/* A 100 KB id is not a 100 KB line. */
static void
test_long_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = g_strnfill (100000, 'A');
  g_autofree char *json = g_strdup_printf ("[{\"StudyID\": \"%s\", \"ImageID\": \"x.png\", \"findings\": "
                                           "[{\"abnormal\": \"maybe\"}]}]", id);
  g_autofree char *in = write_file (f, "long.json", json);
  g_autofree char *target = g_build_filename (f->dir, "out", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "convert", "--from", "padchest-gr", "--to",
                                          "hilum", in, target, NULL), ==, 2);
  assert_clear_lines (err);
  g_assert_nonnull (strstr (err, "AAAA…: finding 1 does not say whether it is abnormal"));
}

static char *
sql_text (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Re-importing a dataset file leaves a study a reader edited as it is and says so;
 * --replace applies the file's version as one audited change. */
static void
test_reimport_keeps_work (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *store = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *file = write_file (f, "gr.json",
    "[{\"StudyID\": \"r1\", \"ImageID\": \"r1.png\", \"findings\": [{\"sentence_en\": \"Cardiomegaly.\","
    " \"sentence_es\": \"Cardiomegalia.\", \"abnormal\": true, \"boxes\": [[0.1, 0.2, 0.3, 0.4]],"
    " \"extra_boxes\": [], \"labels\": [\"cardiomegaly\"], \"locations\": [], \"progression\": null}]}]");
  g_autofree char *edit = write_file (f, "edit.json", "");
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL, *o5 = NULL, *e5 = NULL;
  g_autofree char *document = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  g_autofree char *audits = NULL;
  g_autofree char *replaced = NULL;

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o1, &e1, "import", "--store", store, "--from", "padchest-gr",
                                          file, NULL), ==, 0);
  /* The same file again: nothing changed, nothing audited. */
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o2, &e2, "import", "--store", store, "--from", "padchest-gr",
                                          file, NULL), ==, 0);
  g_assert_cmpstr (o2, ==, "Imported 1 study (0 new, 0 edited, 0 replaced, 1 unchanged; 0 kept as edited here)\n");

  /* A reader's sentence, through the hilum format, by the reader. */
  document = sql_text (store, "SELECT json FROM documents WHERE study_id = 'r1'");
  {
    g_auto(GStrv) parts = g_strsplit (document, "\"Cardiomegaly.\"", -1);

    edited = g_strjoinv ("\"Mild cardiomegaly.\"", parts);
  }
  g_assert_true (g_file_set_contents (edit, edited, -1, NULL));
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o3, &e3, "import", "--store", store, "--from", "hilum",
                                          "--reader", "ana", edit, NULL), ==, 0);

  /* The dataset file again: the reader's work is kept, and the line says why. */
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o4, &e4, "import", "--store", store, "--from", "padchest-gr",
                                          file, NULL), ==, 2);
  g_assert_cmpstr (o4, ==, "Imported 0 studies (0 new, 0 edited, 0 replaced, 0 unchanged; 1 kept as edited here)\n"
                           "1 record failed\n");
  g_assert_nonnull (strstr (e4, "hilum-cli: r1: edited in Hilum since it was imported: kept as it is"));
  after = sql_text (store, "SELECT json FROM documents WHERE study_id = 'r1'");
  g_assert_nonnull (strstr (after, "Mild cardiomegaly."));

  /* Asked to: the file's version, as one more audited change by the importer. */
  audits = sql_text (store, "SELECT count(*) FROM audit WHERE study_id = 'r1'");
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o5, &e5, "import", "--store", store, "--from", "padchest-gr",
                                          "--replace", file, NULL), ==, 0);
  g_assert_cmpstr (o5, ==, "Imported 1 study (0 new, 0 edited, 1 replaced, 0 unchanged; 0 kept as edited here)\n");
  replaced = sql_text (store, "SELECT json FROM documents WHERE study_id = 'r1'");
  g_assert_null (strstr (replaced, "Mild cardiomegaly."));
  g_free (after);
  after = sql_text (store, "SELECT count(*) FROM audit WHERE study_id = 'r1'");
  g_assert_cmpint (atoi (after), ==, atoi (audits) + 1);
  g_free (after);
  after = sql_text (store, "SELECT author FROM audit WHERE study_id = 'r1' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (after, ==, "hilum-cli");
}

/* One damaged document: the others are exported and it is named; damage to the file is
 * said when the store opens. */
static void
test_damaged_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *store = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *file = write_file (f, "two.json",
    "[{\"StudyID\": \"d1\", \"ImageID\": \"d1.png\", \"findings\": []},"
    " {\"StudyID\": \"d2\", \"ImageID\": \"d2.png\", \"findings\": []}]");
  g_autofree char *target = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o1, &e1, "import", "--store", store, "--from", "padchest-gr",
                                          file, NULL), ==, 0);
  sql_exec (store, "UPDATE documents SET json = '{\"schema\": 5' WHERE study_id = 'd1'");
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o2, &e2, "export", "--store", store, "--to", "padchest-gr",
                                          target, NULL), ==, 0);
  assert_clear_lines (e2);
  g_assert_nonnull (strstr (e2, "hilum-cli: warning: d1: Not exported:"));
  g_assert_true (g_file_get_contents (target, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"d2\""));
  g_assert_null (strstr (written, "\"d1\""));

  /* Bytes overwritten in the middle of the file: the store says it is damaged. */
  {
    g_autoptr(GString) many = g_string_new ("[");
    g_autofree char *big_store = g_build_filename (f->dir, "big.db", NULL);
    g_autofree char *big = NULL;
    g_autofree char *o3 = NULL, *e3 = NULL, *o4 = NULL, *e4 = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;

    for (guint i = 0; i < 300; i++)
      g_string_append_printf (many, "%s{\"StudyID\": \"s%u\", \"ImageID\": \"i%u.png\", \"findings\": "
                              "[{\"sentence_en\": \"Finding %u.\", \"abnormal\": false}]}",
                              i > 0 ? ", " : "", i, i, i);
    g_string_append_c (many, ']');
    big = write_file (f, "many.json", many->str);
    g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &o3, &e3, "import", "--store", big_store, "--from",
                                            "padchest-gr", big, NULL), ==, 0);
    sql_exec (big_store, "PRAGMA wal_checkpoint(TRUNCATE)");
    g_assert_true (g_file_get_contents (big_store, &contents, &length, NULL));
    memset (contents + (length / 2 / 4096) * 4096 + 100, 0xff, 200);
    g_assert_true (g_file_set_contents (big_store, contents, (gssize) length, NULL));
    hilum_fixture_run_cli (NULL, 0, &o4, &e4, "export", "--store", big_store, "--to", "padchest-gr", target, NULL);
    assert_clear_lines (e4);
    g_assert_nonnull (strstr (e4, "is damaged ("));
    g_assert_nonnull (strstr (e4, "Export what can be exported, then restore it from a backup."));
  }
}

/* An image whose pixels need more than the decode helper may use: one line, at once. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.dcm", NULL);
  g_autofree guint16 *pixels = g_new0 (guint16, 4000 * 4000);
  HilumFixtureDicom spec = { 4000, 4000, 0, 16, 12, FALSE, 1, NULL, NULL, NULL, pixels,
                             4000 * 4000 * sizeof (guint16), NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_fixture_write_dicom (path, &spec, &error));
  g_assert_no_error (error);
  /* 200 MB of address space leaves the pixels 24 MB; these need 32. */
  g_setenv ("HILUM_DECODE_MEMORY_MB", "200", TRUE);
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "info", path, NULL), ==, 1);
  g_unsetenv ("HILUM_DECODE_MEMORY_MB");
  g_assert_cmpstr (err, ==, "hilum-cli: “big.dcm” cannot be shown: it is too large to decode safely.\n");
  /* Under the default limit it decodes. */
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out2, &err2, "info", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "4000"));
}

/* A JPEG 2000 file whose Rows say less than its codestream (GDCM overran its buffer):
 * damaged, in one line, before GDCM decodes; the sound file decodes. */
static void
test_j2k_wrong_rows (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.dcm", NULL);
  g_autofree char *j2k = g_build_filename (f->dir, "j2k.dcm", NULL);
  g_autofree guint16 *pixels = g_new0 (guint16, 64 * 64);
  HilumFixtureDicom spec = { 64, 64, 0, 16, 12, FALSE, 1, NULL, NULL, NULL, pixels, 64 * 64 * sizeof (guint16), NULL };
  const char *rows[] = { "Rows=16", NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 64 * 64; i++)
    pixels[i] = (guint16) (i % 4096);
  g_assert_true (hilum_fixture_write_dicom (plain, &spec, &error));
  g_assert_true (hilum_fixture_transcode (plain, j2k, HILUM_FIXTURE_J2K, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out, &err, "info", j2k, NULL), ==, 0);
  g_assert_true (hilum_fixture_modify (j2k, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hilum_fixture_run_cli (NULL, 0, &out2, &err2, "info", j2k, NULL), ==, 1);
  g_assert_cmpstr (err2, ==, "hilum-cli: “j2k.dcm” is damaged: the image data is corrupt and cannot be decoded.\n");
}

/* Both decode helpers, in their sandbox: no socket, no file opened for writing; reading
 * still works. */
static void
test_decoder_sandbox (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("HILUM_DECODE"));
  g_autofree char *dicom = g_build_filename (dir, "hilum-decode-dicom", NULL);
  const char *helpers[] = { g_getenv ("HILUM_DECODE"), dicom };

  for (guint i = 0; i < G_N_ELEMENTS (helpers); i++)
    {
      const char *argv[] = { helpers[i], "--check-sandbox", NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "socket: refused\nopen for writing: refused\nread: allowed\n");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hilum/cli-hostile/spell-stdin", test_spell_stdin);
  ADD ("/hilum/cli-hostile/deep-nesting", test_deep_nesting);
  ADD ("/hilum/cli-hostile/wrong-types", test_wrong_types);
  ADD ("/hilum/cli-hostile/key-order", test_key_order);
  ADD ("/hilum/cli-hostile/deep-unknown-fields", test_deep_unknown_fields);
  ADD ("/hilum/cli-hostile/long-values", test_long_values);
  ADD ("/hilum/cli-hostile/reimport-keeps-work", test_reimport_keeps_work);
  ADD ("/hilum/cli-hostile/damaged-store", test_damaged_store);
  ADD ("/hilum/cli-hostile/too-large", test_too_large);
  ADD ("/hilum/cli-hostile/decoder-sandbox", test_decoder_sandbox);
  ADD ("/hilum/cli-hostile/j2k-wrong-rows", test_j2k_wrong_rows);
#undef ADD

  return g_test_run ();
}
