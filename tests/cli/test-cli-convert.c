/* test-cli-convert.c — hilum-cli convert / import / export, end to end
 *
 * Runs the real hilum-cli ($HILUM_CLI) on generated files and checks exit codes, the
 * lines on stderr, the files written and the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-json-number.h"
#include "hilum-store.h"

static const char *record_a =
  "{\"StudyID\": \"123456789012345678901234567890123456789\", \"ImageID\": \"a.png\", "
  "\"PreviousStudyID\": null, \"PreviousImageID\": null, \"findings\": ["
  "{\"sentence_en\": \"Small left pleural effusion.\", \"sentence_es\": \"Pequeño derrame pleural izquierdo.\", "
  "\"abnormal\": true, \"boxes\": [[0.12345678, 0.2, 0.5, 1]], \"extra_boxes\": [], "
  "\"labels\": [\"pleural effusion\"], \"locations\": [\"left\"], \"progression\": null}, "
  "{\"sentence_en\": \"No other significant alterations.\", \"sentence_es\": \"Sin otras alteraciones significativas.\", "
  "\"abnormal\": false}]}";
static const char *record_b =
  "{\"StudyID\": \"222\", \"ImageID\": \"b.png\", \"PreviousStudyID\": null, "
  "\"PreviousImageID\": null, \"findings\": [{\"sentence_en\": \"Cardiomegaly.\", "
  "\"sentence_es\": \"Cardiomegalia.\", \"abnormal\": true, \"boxes\": [[0, 0, 1e-05, 1.0]], "
  "\"extra_boxes\": [[0.3, 0.3, 0.6, 0.6]], \"labels\": [], \"locations\": [], "
  "\"progression\": \"stable\", \"x\": 1}], \"Extra\": [1, 2]}";
static const char *record_b_broken =
  "{\"StudyID\": \"222\", \"ImageID\": \"b.png\", \"findings\": [{\"sentence_en\": \"Changed.\", "
  "\"sentence_es\": \"Cambiado.\", \"abnormal\": true, \"boxes\": [[0.1, 0.2, 0.3]]}]}";
static const char *record_c_broken =
  "{\"StudyID\": \"333\", \"ImageID\": \"c.png\", \"findings\": [{\"sentence_en\": 7, "
  "\"sentence_es\": \"x\", \"abnormal\": false}]}";

typedef struct
{
  char *dir;
  char *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = hilum_fixture_dir_new ();
  fixture->store = g_build_filename (fixture->dir, "store.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
write_input (Fixture    *fixture,
             const char *name,
             const char *records[],
             guint       n)
{
  char *path = path_in (fixture, name);
  g_autoptr(GString) text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", records[i]);
  g_string_append (text, "]\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

/* Runs hilum-cli with @args (NULL-terminated); returns the exit status. */
static int
run (Fixture     *fixture,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = path_in (fixture, "xdg");
  const char *cli = g_getenv ("HILUM_CLI");
  int status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The default store lives under the test's own data folder. */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static char *
joined (const char *records[],
        guint       n)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", records[i]);
  g_string_append (text, "]\n");
  return g_string_free (text, FALSE);
}

static void
test_convert_padchest (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *records[] = { record_a, record_c_broken, record_b };
  const char *good[] = { record_a, record_b };
  g_autofree char *in = write_input (fixture, "in.json", records, 3);
  g_autofree char *out_path = path_in (fixture, "out.json");
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *expected = joined (good, 2);

  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to",
                        "padchest-gr", in, out_path, NULL), ==, 2);
  /* One line per failed record, nothing else. */
  g_assert_cmpstr (err, ==, "hilum-cli: 333: the sentence “sentence_en” of finding 1 is not text\n");
  text = read_text (out_path);
  g_assert_cmpstr (text, ==, expected);

  /* All good: exit 0, silent. */
  g_free (err);
  g_free (out);
  g_free (in);
  in = write_input (fixture, "in.json", good, 2);
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to",
                        "padchest-gr", in, out_path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static void
test_convert_hilum (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *good[] = { record_a, record_b };
  g_autofree char *in = write_input (fixture, "in.json", good, 2);
  g_autofree char *folder = path_in (fixture, "docs");
  g_autofree char *single = path_in (fixture, "one.json");
  g_autofree char *back = path_in (fixture, "back.json");
  g_autofree char *file_b = g_build_filename (folder, "222.json", NULL);
  g_autofree char *file_a = g_build_filename (folder, "123456789012345678901234567890123456789.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *expected = joined (good, 2);
  g_autoptr(HilumDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Several studies: a folder of documents. */
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to", "hilum",
                        in, folder, NULL), ==, 0);
  g_assert_true (g_file_test (file_a, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (file_b, G_FILE_TEST_IS_REGULAR));
  text = read_text (file_b);
  doc = hilum_document_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_document_get_study_id (doc), ==, "222");
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (doc, 0), "es"), ==, "Cardiomegalia.");

  /* And back: the same PadChest-GR file. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "hilum", "--to", "padchest-gr",
                        folder, back, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  text = read_text (back);
  /* The folder is read in file-name order: 123… before 222, the input order here too. */
  g_assert_cmpstr (text, ==, expected);

  /* One study: a single document file. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_free (in);
  in = write_input (fixture, "one-in.json", &good[1], 1);
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to", "hilum",
                        in, single, NULL), ==, 0);
  g_assert_true (g_file_test (single, G_FILE_TEST_IS_REGULAR));
}

static void
test_convert_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *bad = path_in (fixture, "bad.json");
  g_autofree char *out_path = path_in (fixture, "out.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "pascal", "--to", "hilum",
                        "a", "b", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "hilum-cli: Unknown format “pascal”; formats: hilum padchest-gr "
                            "radfact maira2 ms-cxr coco\n");

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_set_contents (bad, "[\n{\"StudyID\": }\n]", -1, NULL));
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to", "hilum",
                        bad, out_path, NULL), ==, 1);
  /* One line, with the place. */
  expected = g_strdup_printf ("%s:2:", bad);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpuint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "convert", "--from", "padchest-gr", "--to", "hilum",
                        bad, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "hilum-cli: Give an input and an output"));
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *good[] = { record_a, record_b };
  const char *broken[] = { record_b_broken, record_c_broken };
  g_autofree char *in = write_input (fixture, "in.json", good, 2);
  g_autofree char *bad = write_input (fixture, "bad.json", broken, 2);
  g_autofree char *out_path = path_in (fixture, "out.json");
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *expected = joined (good, 2);
  g_autofree char *only_b = joined (&good[1], 1);

  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from",
                        "padchest-gr", in, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "Imported 2 studies (2 new, 0 edited, 0 replaced, 0 unchanged; 0 kept as edited here)\n");

  /* Back out of the store, in the order of the imported file, equal to it. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", out_path, NULL), ==, 0);
  text = read_text (out_path);
  g_assert_cmpstr (text, ==, expected);

  /* Broken records: listed, exit 2, and the stored study 222 is untouched. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from",
                        "padchest-gr", bad, NULL), ==, 2);
  g_assert_cmpstr (err, ==, "hilum-cli: 222: finding 1, “boxes”: a box has 3 numbers, not four\n"
                            "hilum-cli: 333: the sentence “sentence_en” of finding 1 is not text\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "222", out_path, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  text = read_text (out_path);
  g_assert_cmpstr (text, ==, only_b);

  /* An unknown study: nothing written. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_remove (out_path);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "999", out_path, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "hilum-cli: "));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
}

/* A script edits an exported document; importing it applies the difference as audited
 * operations. */
static void
test_import_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *good[] = { record_a, record_b };
  g_autofree char *in = write_input (fixture, "in.json", good, 2);
  g_autofree char *doc_path = path_in (fixture, "222.json");
  g_autofree char *out_path = path_in (fixture, "out.json");
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *edited = NULL;
  JsonObject *root, *finding;
  gboolean found = FALSE;

  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from",
                        "padchest-gr", in, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to", "hilum",
                        "--study", "222", doc_path, NULL), ==, 0);

  /* The script's edit: a new English sentence. */
  g_assert_true (json_parser_load_from_file (parser, doc_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  finding = json_array_get_object_element (json_object_get_array_member (root, "findings"), 0);
  json_object_set_string_member (json_object_get_object_member (finding, "text"), "en",
                                 "Marked cardiomegaly.");
  edited = hilum_json_to_string (json_parser_get_root (parser), 2, FALSE);
  g_assert_true (g_file_set_contents (doc_path, edited, -1, NULL));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from", "hilum",
                        doc_path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "Imported 1 study (0 new, 1 edited, 0 replaced, 0 unchanged; 0 kept as edited here)\n");

  /* A fresh export imported again changes nothing. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to", "hilum",
                        "--study", "222", doc_path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from", "hilum",
                        doc_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported 1 study (0 new, 0 edited, 0 replaced, 1 unchanged; 0 kept as edited here)\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", "--study", "222", out_path, NULL), ==, 0);
  text = read_text (out_path);
  g_assert_nonnull (strstr (text, "\"sentence_en\": \"Marked cardiomegaly.\""));
  g_assert_nonnull (strstr (text, "\"boxes\": [[0, 0, 1e-05, 1.0]]"));

  /* Audited, by hilum-cli. */
  store = hilum_store_open (fixture->store, &error);
  g_assert_no_error (error);
  audit = hilum_store_get_audit (store, "222", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      g_autofree char *op = hilum_operation_to_string (audit->pdata[i]);

      if (strstr (op, "Marked cardiomegaly.") != NULL && strstr (op, "\"hilum-cli\"") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

/* A script cannot move another reader's box, unless it runs as that reader. */
static void
test_import_edit_rights (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *good[] = { record_b };
  g_autofree char *in = write_input (fixture, "in.json", good, 1);
  g_autofree char *doc_path = path_in (fixture, "222.json");
  g_autofree char *out_path = path_in (fixture, "out.json");
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *edited = NULL;
  g_autofree char *expected = joined (good, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *finding, *annotation, *box;
  JsonArray *xyxy;

  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from",
                        "padchest-gr", in, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to", "hilum",
                        doc_path, NULL), ==, 0);

  g_assert_true (json_parser_load_from_file (parser, doc_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  finding = json_array_get_object_element (json_object_get_array_member (root, "findings"), 0);
  annotation = json_array_get_object_element (json_object_get_array_member (finding, "annotations"), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "reader_id"), ==, "padchest-gr:boxes");
  box = json_array_get_object_element (json_object_get_array_member (annotation, "boxes"), 0);
  xyxy = json_object_get_array_member (box, "xyxy_norm");
  json_array_remove_element (xyxy, 0);
  json_array_add_double_element (xyxy, 0.5);   /* now [0, 1e-05, 1, 0.5] */
  edited = hilum_json_to_string (json_parser_get_root (parser), 2, FALSE);
  g_assert_true (g_file_set_contents (doc_path, edited, -1, NULL));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from", "hilum",
                        doc_path, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "hilum-cli: 222: "));
  g_assert_nonnull (strstr (err, "PadChest-GR boxes"));
  g_assert_cmpuint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", out_path, NULL), ==, 0);
  text = read_text (out_path);
  g_assert_cmpstr (text, ==, expected);

  /* As that reader: the box moves, and the export writes its new place. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--store", fixture->store, "--from", "hilum",
                        "--reader", "padchest-gr:boxes", doc_path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "export", "--store", fixture->store, "--to",
                        "padchest-gr", out_path, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  text = read_text (out_path);
  g_assert_nonnull (strstr (text, "\"boxes\": [[0.0, 1e-05, 1.0, 0.5]]"));
}

static void
test_default_store (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *good[] = { record_b };
  g_autofree char *in = write_input (fixture, "in.json", good, 1);
  g_autofree char *db = g_build_filename (fixture->dir, "xdg", "hilum", "hilum.db", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_autofree char *twice = NULL;
  const char *two[] = { record_b, record_b };

  g_assert_cmpint (run (fixture, &out, &err, "import", "--from", "padchest-gr", in, NULL), ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));

  /* The same study twice in one file: the second is a failed record. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  twice = write_input (fixture, "twice.json", two, 2);
  g_assert_cmpint (run (fixture, &out, &err, "import", "--from", "padchest-gr", twice, NULL), ==, 2);
  g_assert_cmpstr (err, ==, "hilum-cli: 222: the study is in the file twice; the first record was imported\n");
  g_assert_cmpstr (out, ==, "Imported 1 study (0 new, 0 edited, 1 replaced, 0 unchanged; 0 kept as edited here)\n1 record failed\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hilum/cli-convert/convert-padchest", test_convert_padchest);
  ADD ("/hilum/cli-convert/convert-hilum", test_convert_hilum);
  ADD ("/hilum/cli-convert/convert-errors", test_convert_errors);
  ADD ("/hilum/cli-convert/import-export", test_import_export);
  ADD ("/hilum/cli-convert/import-edit", test_import_edit);
  ADD ("/hilum/cli-convert/import-edit-rights", test_import_edit_rights);
  ADD ("/hilum/cli-convert/default-store", test_default_store);
#undef ADD

  return g_test_run ();
}
