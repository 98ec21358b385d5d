/* test-format-hilum.c — hilum-study/1 documents: one file, a folder of them, broken files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-format.h"
#include "hilum-json-number.h"
#include "hilum-operation.h"

static HilumDocument *
make_document (const char *study_id,
               const char *en,
               const char *es)
{
  HilumDocument *doc = hilum_document_new (study_id);
  g_autoptr(JsonObject) finding = hilum_finding_new ("positive");
  g_autoptr(JsonObject) reader = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) add = NULL;
  g_autoptr(HilumOperation) box = NULL;
  g_autoptr(HilumOperation) add_reader = NULL;
  const double xyxy[4] = { 0.12345678, 1e-05, 1.0, 0.5 };
  JsonObject *text = json_object_get_object_member (finding, "text");

  json_object_set_string_member (text, "en", en);
  json_object_set_string_member (text, "es", es);
  add = hilum_operation_new_add_finding (finding, 0);
  g_assert_true (hilum_document_apply (doc, add, &error));
  json_object_set_string_member (reader, "reader_id", "r1");
  json_object_set_string_member (reader, "name", "Ana Núñez");
  json_object_set_string_member (reader, "role", "reader");
  add_reader = hilum_operation_new_add_reader (reader);
  g_assert_true (hilum_document_apply (doc, add_reader, &error));
  box = hilum_operation_new_add_box (json_object_get_string_member (finding, "finding_id"),
                                     "r1", "img-1", NULL, xyxy);
  g_assert_true (hilum_document_apply (doc, box, &error));
  g_assert_no_error (error);
  return doc;
}

static void
assert_same (HilumDocument *a,
             HilumDocument *b)
{
  g_autoptr(JsonNode) na = hilum_document_to_json (a);
  g_autoptr(JsonNode) nb = hilum_document_to_json (b);
  g_autofree char *where = NULL;

  if (!hilum_json_equal_values (na, nb, &where))
    g_error ("documents differ at %s", where);
  g_assert_true (hilum_json_equal (na, nb));
}

static void
test_single (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "study.json", NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  g_ptr_array_add (documents, make_document ("123456789012345678901234567890123456789",
                                             "Effusion.", "Derrame pequeño, señal ñ."));
  g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, documents, path, NULL, NULL, &error));
  g_assert_no_error (error);
  /* One study: one file, pretty, UTF-8 as is, numbers in their shortest form. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{\n  \"schema\": \"hilum-study/1\",\n"));
  g_assert_nonnull (strstr (text, "señal ñ"));
  g_assert_nonnull (strstr (text, "0.12345678,"));
  g_assert_nonnull (strstr (text, "1e-05,"));

  back = hilum_format_import (HILUM_FORMAT_HILUM, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);
  assert_same (documents->pdata[0], back->pdata[0]);

  /* Stable: writing it again gives the same bytes. */
  g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, back, path, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, text);
  hilum_fixture_dir_remove (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "_.hidden.json", "a_b.json", "a_b-2.json", "b.json" };

  g_ptr_array_add (documents, make_document ("b", "B.", "B."));
  g_ptr_array_add (documents, make_document ("a/b", "AB.", "AB."));
  g_ptr_array_add (documents, make_document ("a_b", "A_B.", "A_B."));
  g_ptr_array_add (documents, make_document (".hidden", "H.", "H."));
  g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, documents, out, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Safe, distinct file names; nothing written outside the folder. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (out, names[i], NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }

  /* A broken file and a file that is not a document among them: the rest imports. */
  {
    g_autofree char *bad = g_build_filename (out, "c.json", NULL);
    g_autofree char *other = g_build_filename (out, "d.json", NULL);
    g_autofree char *ignored = g_build_filename (out, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (bad, "{\"schema\": ", -1, NULL));
    g_assert_true (g_file_set_contents (other, "{\"schema\": \"something/2\"}", -1, NULL));
    g_assert_true (g_file_set_contents (ignored, "not json", -1, NULL));
  }
  back = hilum_format_import (HILUM_FORMAT_HILUM, out, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 4);
  /* File name order. */
  g_assert_cmpstr (hilum_document_get_study_id (back->pdata[0]), ==, ".hidden");
  g_assert_cmpstr (hilum_document_get_study_id (back->pdata[1]), ==, "a_b");
  g_assert_cmpstr (hilum_document_get_study_id (back->pdata[2]), ==, "a/b");
  g_assert_cmpstr (hilum_document_get_study_id (back->pdata[3]), ==, "b");
  assert_same (documents->pdata[0], back->pdata[3]);
  assert_same (documents->pdata[1], back->pdata[2]);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (((HilumFormatProblem *) problems->pdata[0])->record, ==, "c.json");
  g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[0])->message, "not valid JSON"));
  g_assert_cmpstr (((HilumFormatProblem *) problems->pdata[1])->record, ==, "d.json");
  g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[1])->message, "something/2"));
  hilum_fixture_dir_remove (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "x.json", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  g_assert_true (g_file_set_contents (path, "{\n\"schema\": \"hilum-study/1\",\n,}", -1, NULL));
  documents = hilum_format_import (HILUM_FORMAT_HILUM, path, NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE);
  g_clear_error (&error);

  documents = hilum_format_import (HILUM_FORMAT_HILUM, "/nonexistent", NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ);
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/format/hilum/single", test_single);
  g_test_add_func ("/hilum/format/hilum/folder", test_folder);
  g_test_add_func ("/hilum/format/hilum/errors", test_errors);

  return g_test_run ();
}
