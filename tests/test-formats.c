/* test-formats.c — RadFact, MAIRA-2, MS-CXR and COCO: exports, imports, round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case starts from hilum-study/1 documents written here, with the edge cases the
 * formats trip on: boxes touching the border (0 and 1), accents and ñ, commas, quotes and a
 * line break in a sentence, a 39-digit study id, a study without findings, two readers and
 * a lateral box. Small cases compare the exported file byte for byte; the round trips
 * compare what a user would see again: sentences in order, boxes per reader and image.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-format.h"
#include "hilum-png.h"
#include "hilum-fixtures.h"

#define STUDY_39 "123456789012345678901234567890123456789"

/* Two readers on a 2000 × 1000 frontal (landscape, so the MAIRA-2 crop cuts its sides) and
 * a 1000 × 1000 lateral. Finding 1: r1 has a full-image box and one inside, r2 one box, r1
 * one on the lateral. Finding 2 (a line break in its sentence): r1 boxed the bottom-right
 * corner, r2 nothing (an empty list). Finding 3: negative, no annotations. */
static const char big_json[] =
  "{\"schema\": \"hilum-study/1\","
  " \"study\": {\"study_id\": \"" STUDY_39 "\", \"indication\": \"Tos y fiebre, ¿neumonía?\","
  "            \"technique\": \"\", \"comparison\": \"\", \"prior_report\": \"Sin hallazgos.\","
  "            \"source\": {\"dataset\": \"padchest-gr\", \"split\": \"test\", \"extra\": {}}},"
  " \"images\": [{\"image_id\": \"F1\", \"role\": \"current_frontal\", \"width\": 2000, \"height\": 1000,"
  "              \"file\": \"F1.png\"},"
  "             {\"image_id\": \"L1\", \"role\": \"current_lateral\", \"width\": 1000, \"height\": 1000,"
  "              \"file\": null}],"
  " \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana\", \"role\": \"reader\"},"
  "              {\"reader_id\": \"r2\", \"name\": \"Íñigo\", \"role\": \"reader\"}],"
  " \"findings\": ["
  "  {\"finding_id\": \"f-1\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Small left pleural effusion, “meniscus” sign, \\\"ñ\\\".\","
  "             \"es\": \"Pequeño derrame pleural izquierdo.\"},"
  "   \"labels\": [\"pleural effusion\"], \"locations\": [], \"progression\": null,"
  "   \"annotations\": ["
  "     {\"reader_id\": \"r1\", \"image_id\": \"F1\", \"status\": \"boxed\", \"boxes\": ["
  "        {\"box_id\": \"b1\", \"xyxy_norm\": [0.0, 0.0, 1.0, 1.0]},"
  "        {\"box_id\": \"b2\", \"xyxy_norm\": [0.3, 0.25, 0.45, 0.5]}]},"
  "     {\"reader_id\": \"r2\", \"image_id\": \"F1\", \"status\": \"boxed\", \"boxes\": ["
  "        {\"box_id\": \"b3\", \"xyxy_norm\": [0.55, 0.2, 0.8, 0.55]}]},"
  "     {\"reader_id\": \"r1\", \"image_id\": \"L1\", \"status\": \"boxed\", \"boxes\": ["
  "        {\"box_id\": \"b4\", \"xyxy_norm\": [0.1, 0.1, 0.3, 0.3]}]}]},"
  "  {\"finding_id\": \"f-2\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Cardiomegaly,\\nmild.\", \"es\": \"Cardiomegalia leve.\"},"
  "   \"labels\": [\"cardiomegaly\"], \"locations\": [], \"progression\": null,"
  "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"F1\", \"status\": \"boxed\", \"boxes\": ["
  "        {\"box_id\": \"b5\", \"xyxy_norm\": [0.5, 0.5, 1.0, 1.0]}]},"
  "     {\"reader_id\": \"r2\", \"image_id\": \"F1\", \"status\": \"not_boxed\", \"boxes\": []}]},"
  "  {\"finding_id\": \"f-3\", \"polarity\": \"negative\","
  "   \"text\": {\"en\": \"No pneumothorax.\", \"es\": \"Sin neumotórax.\"},"
  "   \"labels\": [], \"locations\": [], \"progression\": null, \"annotations\": []}]}";

/* The study without findings. */
static const char empty_json[] =
  "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"E2\"},"
  " \"images\": [{\"image_id\": \"E2F\", \"role\": \"current_frontal\", \"width\": 100, \"height\": 100}],"
  " \"readers\": [], \"findings\": []}";

/* The small case written out byte for byte: a 100 × 80 frontal, one finding with a box on
 * pixel edges touching the left border, one without boxes. */
static const char small_json[] =
  "{\"schema\": \"hilum-study/1\","
  " \"study\": {\"study_id\": \"S1\", \"indication\": \"Disnea\","
  "            \"source\": {\"dataset\": \"hilum\", \"split\": \"train\", \"extra\": {}}},"
  " \"images\": [{\"image_id\": \"S1F\", \"role\": \"current_frontal\", \"width\": 100, \"height\": 80,"
  "              \"file\": \"s1.png\"}],"
  " \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana\", \"role\": \"reader\"}],"
  " \"findings\": ["
  "  {\"finding_id\": \"a\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Right basal opacity, ñ.\", \"es\": \"Opacidad basal derecha.\"},"
  "   \"labels\": [\"Consolidation\"], \"annotations\": ["
  "     {\"reader_id\": \"r1\", \"image_id\": \"S1F\", \"status\": \"boxed\", \"boxes\": ["
  "        {\"box_id\": \"x\", \"xyxy_norm\": [0.0, 0.25, 0.5, 1.0]}]}]},"
  "  {\"finding_id\": \"b\", \"polarity\": \"negative\","
  "   \"text\": {\"en\": \"No effusion.\", \"es\": \"Sin derrame.\"}, \"labels\": []}]}";

typedef struct
{
  char      *dir;
  GPtrArray *problems;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = hilum_fixture_dir_new ();
  fixture->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->problems);
}

static HilumDocument *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *document = hilum_document_new_from_string (json, -1, &error);

  g_assert_no_error (error);
  return document;
}

static GPtrArray *
documents_of (const char *first,
              ...)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *json = first; json != NULL; json = va_arg (args, const char *))
    g_ptr_array_add (documents, load (json));
  va_end (args);

  return documents;
}

static char *
export (Fixture                  *fixture,
        HilumFormat               format,
        GPtrArray                *documents,
        const HilumFormatOptions *options)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GError) error = NULL;
  HilumFormatOptions none = { 0 };
  char *contents = NULL;

  g_ptr_array_set_size (fixture->problems, 0);
  g_assert_true (hilum_format_export (format, documents, path, options != NULL ? options : &none,
                                      fixture->problems, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  if (g_getenv ("HILUM_TEST_SHOW") != NULL)
    g_printerr ("----\n%s----\n", contents);

  return contents;
}

static GPtrArray *
import (Fixture                  *fixture,
        HilumFormat               format,
        const char               *contents,
        const HilumFormatOptions *options)
{
  g_autofree char *path = g_build_filename (fixture->dir, "in", NULL);
  g_autoptr(GError) error = NULL;
  HilumFormatOptions none = { 0 };
  GPtrArray *documents;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_ptr_array_set_size (fixture->problems, 0);
  documents = hilum_format_import (format, path, options != NULL ? options : &none,
                                   fixture->problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (documents);

  return documents;
}

/* The problem messages joined by "\n", each "record: message". */
static char *
problems_text (Fixture *fixture)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < fixture->problems->len; i++)
    {
      HilumFormatProblem *problem = g_ptr_array_index (fixture->problems, i);

      g_string_append_printf (out, "%s: %s\n", problem->record, problem->message);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The boxes of (@reader_id, @image_id) in finding @index, flattened: n × 4 doubles. */
static GArray *
boxes_of (HilumDocument *document,
          guint          index,
          const char    *reader_id,
          const char    *image_id)
{
  JsonObject *finding = hilum_document_get_finding (document, index);
  JsonArray *annotations = json_object_get_array_member (finding, "annotations");
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      JsonArray *boxes = json_object_get_array_member (annotation, "boxes");

      if (g_strcmp0 (json_object_get_string_member (annotation, "reader_id"), reader_id) != 0
          || g_strcmp0 (json_object_get_string_member (annotation, "image_id"), image_id) != 0)
        continue;
      for (guint j = 0; j < json_array_get_length (boxes); j++)
        {
          JsonArray *xyxy = json_object_get_array_member (json_array_get_object_element (boxes, j),
                                                          "xyxy_norm");

          for (guint k = 0; k < 4; k++)
            {
              double v = json_array_get_double_element (xyxy, k);

              g_array_append_val (values, v);
            }
        }
    }

  return values;
}

static guint
n_boxes (HilumDocument *document)
{
  guint n = 0;

  for (guint i = 0; i < hilum_document_get_n_findings (document); i++)
    {
      JsonArray *annotations = json_object_get_array_member (hilum_document_get_finding (document, i),
                                                             "annotations");

      for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
        n += json_array_get_length (json_object_get_array_member (json_array_get_object_element (annotations, j),
                                                                  "boxes"));
    }

  return n;
}

static void
assert_boxes (GArray       *boxes,
              const double *expected,
              guint         n,
              double        tolerance_x,
              double        tolerance_y)
{
  g_assert_cmpuint (boxes->len, ==, n * 4);
  for (guint i = 0; i < n * 4; i++)
    {
      double got = g_array_index (boxes, double, i);

      if (tolerance_x == 0)
        g_assert_cmpfloat (got, ==, expected[i]);
      else
        g_assert_cmpfloat_with_epsilon (got, expected[i], i % 2 == 0 ? tolerance_x : tolerance_y);
    }
}

static const char *
text_en (HilumDocument *document,
         guint          index)
{
  return hilum_finding_get_text (hilum_document_get_finding (document, index), "en");
}

/* ---- RadFact ---- */

static const char radfact_small[] =
  "[\n"
  "  {\n"
  "    \"example_id\": \"S1\",\n"
  "    \"prediction\": [],\n"
  "    \"target\": [\n"
  "      {\n"
  "        \"text\": \"Right basal opacity, ñ.\",\n"
  "        \"boxes\": [\n"
  "          {\n"
  "            \"x_min\": 0.0,\n"
  "            \"y_min\": 0.25,\n"
  "            \"x_max\": 0.5,\n"
  "            \"y_max\": 1.0\n"
  "          }\n"
  "        ]\n"
  "      },\n"
  "      {\n"
  "        \"text\": \"No effusion.\",\n"
  "        \"boxes\": null\n"
  "      }\n"
  "    ]\n"
  "  },\n"
  "  {\n"
  "    \"example_id\": \"E2\",\n"
  "    \"prediction\": [],\n"
  "    \"target\": []\n"
  "  }\n"
  "]\n";

static void
test_radfact_export (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (small_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_RADFACT, documents, NULL);

  g_assert_cmpstr (out, ==, radfact_small);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
}

static void
test_radfact_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (big_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_RADFACT, documents, NULL);
  g_autofree char *problems = problems_text (fixture);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  static const double first[] = { 0.0, 0.0, 1.0, 1.0, 0.3, 0.25, 0.45, 0.5 };
  static const double corner[] = { 0.5, 0.5, 1.0, 1.0 };

  /* r1 is the first reader with boxes: r2's box and r1's lateral box are left out, said once. */
  g_printerr ("%s", problems);
  g_assert_cmpuint (fixture->problems->len, ==, 2);
  g_assert_nonnull (strstr (out, "\"example_id\": \"" STUDY_39 "\""));
  g_assert_nonnull (strstr (out, "\"boxes\": null"));
  g_assert_null (strstr (out, "\"boxes\": []"));
  g_assert_null (strstr (out, "0.55"));

  back = import (fixture, HILUM_FORMAT_RADFACT, out, NULL);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, 2);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, STUDY_39);
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 3);
  g_assert_cmpstr (text_en (document, 0), ==, "Small left pleural effusion, “meniscus” sign, \"ñ\".");
  g_assert_cmpstr (text_en (document, 1), ==, "Cardiomegaly,\nmild.");
  g_assert_cmpstr (text_en (document, 2), ==, "No pneumothorax.");
  boxes = boxes_of (document, 0, "radfact", STUDY_39);
  assert_boxes (boxes, first, 2, 0, 0);
  g_clear_pointer (&boxes, g_array_unref);
  boxes = boxes_of (document, 1, "radfact", STUDY_39);
  assert_boxes (boxes, corner, 1, 0, 0);
  g_assert_cmpuint (n_boxes (document), ==, 3);
  g_assert_cmpstr (hilum_document_get_study_id (g_ptr_array_index (back, 1)), ==, "E2");
  g_assert_cmpuint (hilum_document_get_n_findings (g_ptr_array_index (back, 1)), ==, 0);
}

static void
test_radfact_reader (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (big_json, NULL);
  HilumFormatOptions options = { .reader_id = "r2" };
  g_autofree char *out = export (fixture, HILUM_FORMAT_RADFACT, documents, &options);
  g_autoptr(GPtrArray) back = import (fixture, HILUM_FORMAT_RADFACT, out, &options);
  g_autoptr(GArray) boxes = boxes_of (g_ptr_array_index (back, 0), 0, "r2", STUDY_39);
  static const double expected[] = { 0.55, 0.2, 0.8, 0.55 };

  assert_boxes (boxes, expected, 1, 0, 0);
  g_assert_cmpuint (n_boxes (g_ptr_array_index (back, 0)), ==, 1);
}

static void
test_radfact_broken (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char input[] =
    "[{\"example_id\": \"ok1\", \"prediction\": [{\"text\": \"p\", \"boxes\": null}],"
    "  \"target\": [{\"text\": \"Opacidad, ñ\", \"boxes\": [{\"x_min\": 0.123456789, \"y_min\": 0.1,"
    "                                            \"x_max\": 0.2, \"y_max\": 1}]}]},"
    " 42,"
    " {\"target\": []},"
    " {\"example_id\": \"bad-empty\", \"target\": [{\"text\": \"x\", \"boxes\": []}]},"
    " {\"example_id\": \"bad-range\", \"target\": [{\"text\": \"x\", \"boxes\": [{\"x_min\": 0.5,"
    "   \"y_min\": 0.1, \"x_max\": 0.2, \"y_max\": 0.3}]}]},"
    " {\"example_id\": \"ok2\", \"target\": []}]";
  g_autoptr(GPtrArray) back = import (fixture, HILUM_FORMAT_RADFACT, input, NULL);
  g_autofree char *problems = problems_text (fixture);
  g_autofree char *out = NULL;

  g_printerr ("%s", problems);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (hilum_document_get_study_id (g_ptr_array_index (back, 0)), ==, "ok1");
  g_assert_cmpstr (hilum_document_get_study_id (g_ptr_array_index (back, 1)), ==, "ok2");
  g_assert_cmpuint (fixture->problems->len, ==, 4);

  /* Written back: the prediction kept, the numbers as they came. */
  out = export (fixture, HILUM_FORMAT_RADFACT, back, NULL);
  g_assert_nonnull (strstr (out, "\"x_min\": 0.123456789,"));
  g_assert_nonnull (strstr (out, "\"y_max\": 1\n"));
  g_assert_nonnull (strstr (out, "\"text\": \"p\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hilum/formats/radfact/export", Fixture, NULL, fixture_setup, test_radfact_export,
              fixture_teardown);
  g_test_add ("/hilum/formats/radfact/round-trip", Fixture, NULL, fixture_setup,
              test_radfact_round_trip, fixture_teardown);
  g_test_add ("/hilum/formats/radfact/reader", Fixture, NULL, fixture_setup, test_radfact_reader,
              fixture_teardown);
  g_test_add ("/hilum/formats/radfact/broken", Fixture, NULL, fixture_setup, test_radfact_broken,
              fixture_teardown);

  return g_test_run ();
}
