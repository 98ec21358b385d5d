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

/* The records of the problems joined by ",". */
static char *
problem_records (Fixture *fixture)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < fixture->problems->len; i++)
    {
      HilumFormatProblem *problem = g_ptr_array_index (fixture->problems, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", problem->record);
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
  g_assert_cmpstr (problems, ==,
                   STUDY_39 ": Boxes not on the current frontal image left out (1): RadFact holds the frontal image only\n"
                   STUDY_39 ": Boxes of other readers left out (1): only the boxes of “r1” fit in RadFact\n");
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

  g_autofree char *fallback = NULL;

  assert_boxes (boxes, expected, 1, 0, 0);
  g_assert_cmpuint (n_boxes (g_ptr_array_index (back, 0)), ==, 1);

  /* A reader the study does not know: the first reader with boxes, r1, as without one. */
  options.reader_id = "someone-else";
  fallback = export (fixture, HILUM_FORMAT_RADFACT, documents, &options);
  g_free (out);
  out = export (fixture, HILUM_FORMAT_RADFACT, documents, NULL);
  g_assert_cmpstr (fallback, ==, out);
  g_assert_nonnull (strstr (out, "\"x_min\": 0.3,"));
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

  g_assert_cmpstr (problems, ==,
                   "#2: Not a RadFact example (an object was expected)\n"
                   "#3: The example has no “example_id”\n"
                   "bad-empty: Target phrase 1: “boxes” must be null or a list of boxes, not an empty list\n"
                   "bad-range: Box 1 of target phrase 1 is not four numbers with 0 ≤ min ≤ max ≤ 1\n");
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

/* ---- MAIRA-2 ---- */

static const char maira2_small[] =
  "{\"study_id\": \"S1\", \"frontal_image\": \"S1F\", \"lateral_image\": null,"
  " \"prior_frontal_image\": null, \"image_width\": 100, \"image_height\": 80,"
  " \"indication\": \"Disnea\", \"technique\": \"N/A\", \"comparison\": \"N/A\","
  " \"prior_report\": \"N/A\", \"grounded_report\": \"<obj>Right basal opacity, ñ."
  "<box><x0><y25><x50><y99></box></obj><obj>No effusion.</obj>\"}\n"
  "{\"study_id\": \"E2\", \"frontal_image\": \"E2F\", \"lateral_image\": null,"
  " \"prior_frontal_image\": null, \"image_width\": 100, \"image_height\": 100,"
  " \"indication\": \"N/A\", \"technique\": \"N/A\", \"comparison\": \"N/A\","
  " \"prior_report\": \"N/A\", \"grounded_report\": \"\"}\n";

static void
test_maira2_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (small_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_MAIRA2, documents, NULL);
  g_autofree char *problems = problems_text (fixture);

  g_assert_cmpstr (out, ==, maira2_small);
  /* 100 × 80: the crop is the 80 × 80 square from x = 10, so a box from x = 0 is clipped. */
  g_assert_cmpstr (problems, ==, "S1: Box 1 of finding 1 clipped by the MAIRA-2 centre crop\n");
}

static void
test_maira2_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (big_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_MAIRA2, documents, NULL);
  g_autofree char *problems = problems_text (fixture);
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  JsonObject *study;
  /* Finding 1: the whole image clipped to the 1000 × 1000 square from x = 500, then the box
   * inside; finding 2: the corner box, clipped too. Bins read back at their centres. */
  static const double first[] = { 0.2525, 0.005, 0.7475, 0.995,
                                   0.3, 0.25, 0.45, 0.5 };
  static const double corner[] = { 0.5, 0.5, 0.7475, 0.995 };

  g_assert_cmpstr (problems, ==,
                   STUDY_39 ": Box 1 of finding 1 clipped by the MAIRA-2 centre crop\n"
                   STUDY_39 ": Box 1 of finding 2 clipped by the MAIRA-2 centre crop\n"
                   STUDY_39 ": Boxes not on the current frontal image left out (1): MAIRA-2 holds the frontal image only\n"
                   STUDY_39 ": Boxes of other readers left out (1): only the boxes of “r1” fit in MAIRA-2\n");
  g_assert_nonnull (strstr (out, "\"grounded_report\": \"<obj>Small left pleural effusion, “meniscus” sign, \\\"ñ\\\"."
                                 "<box><x0><y0><x99><y99></box><box><x10><y25><x40><y50></box></obj>"
                                 "<obj>Cardiomegaly,\\nmild.<box><x50><y50><x99><y99></box></obj>"
                                 "<obj>No pneumothorax.</obj>\"}\n"));
  g_assert_nonnull (strstr (out, "\"indication\": \"Tos y fiebre, ¿neumonía?\", \"technique\": \"N/A\""));
  /* No prior image: no prior report. */
  g_assert_nonnull (strstr (out, "\"prior_report\": \"N/A\""));

  back = import (fixture, HILUM_FORMAT_MAIRA2, out, NULL);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, 2);
  document = g_ptr_array_index (back, 0);
  study = json_object_get_object_member (hilum_document_get_root (document), "study");
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, STUDY_39);
  g_assert_cmpstr (json_object_get_string_member (study, "indication"), ==, "Tos y fiebre, ¿neumonía?");
  g_assert_cmpstr (json_object_get_string_member (study, "technique"), ==, "");
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 3);
  g_assert_cmpstr (text_en (document, 0), ==, "Small left pleural effusion, “meniscus” sign, \"ñ\".");
  g_assert_cmpstr (text_en (document, 1), ==, "Cardiomegaly,\nmild.");
  g_assert_cmpstr (text_en (document, 2), ==, "No pneumothorax.");
  /* Within one bin: 10 pixels = 0.005 across, 0.01 down. */
  boxes = boxes_of (document, 0, "maira2", "F1");
  assert_boxes (boxes, first, 2, 0.005, 0.01);
  g_clear_pointer (&boxes, g_array_unref);
  boxes = boxes_of (document, 1, "maira2", "F1");
  assert_boxes (boxes, corner, 1, 0.005, 0.01);
  g_assert_cmpuint (n_boxes (document), ==, 3);
  g_assert_cmpuint (hilum_document_get_n_findings (g_ptr_array_index (back, 1)), ==, 0);

  /* A second round trip gives the same bins again. */
  again = export (fixture, HILUM_FORMAT_MAIRA2, back, NULL);
  g_assert_nonnull (strstr (again, "<box><x0><y0><x99><y99></box><box><x10><y25><x40><y50></box></obj>"));
  g_assert_nonnull (strstr (again, "<obj>Cardiomegaly,\\nmild.<box><x50><y50><x99><y99></box></obj>"));
}

static void
test_maira2_needs_images (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"N1\"},"
    " \"images\": [{\"image_id\": \"n1\", \"role\": \"current_frontal\", \"width\": 0, \"height\": 0,"
    "              \"file\": \"n1.png\"},"
    "             {\"image_id\": \"p1\", \"role\": \"prior_frontal\", \"width\": 0, \"height\": 0}],"
    " \"readers\": [],"
    " \"findings\": [{\"finding_id\": \"a\", \"polarity\": \"positive\", \"text\": {\"en\": \"Mass.\"},"
    "   \"annotations\": [{\"reader_id\": \"r9\", \"image_id\": \"n1\", \"status\": \"boxed\", \"boxes\": ["
    "     {\"box_id\": \"x\", \"xyxy_norm\": [0.25, 0.5, 0.75, 1.0]}]}]}]}";
  g_autoptr(GPtrArray) documents = documents_of (json, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "out.jsonl", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "n1.png", NULL);
  g_autofree guint8 *pixels = g_malloc0 (200 * 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  HilumFormatOptions options = { 0 };

  g_assert_false (hilum_format_export (HILUM_FORMAT_MAIRA2, documents, path, &options, NULL, &error));
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_NEEDS_IMAGES);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* 200 × 100 from the folder: the box, x 50–150 and y 50–100, is the whole crop. */
  g_assert_true (hilum_png_write_gray8 (png, 200, 100, pixels, NULL));
  options.images_dir = fixture->dir;
  out = export (fixture, HILUM_FORMAT_MAIRA2, documents, &options);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_nonnull (strstr (out, "\"prior_frontal_image\": \"p1\", \"image_width\": 200, \"image_height\": 100"));
  g_assert_nonnull (strstr (out, "<obj>Mass.<box><x0><y50><x99><y99></box></obj>"));
}

static void
test_maira2_broken (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char input[] =
    "{\"study_id\": \"ok\", \"frontal_image\": \"f\", \"image_width\": 100, \"image_height\": 100,"
    " \"indication\": \"N/A\", \"grounded_report\": \"Heart normal. <obj>Opacidad basal<box><x1><y2><x3><y4></box></obj> Plain tail.\"}\n"
    "{not json\n"
    "\n"
    "{\"grounded_report\": \"\"}\n"
    "{\"study_id\": \"bin\", \"image_width\": 100, \"image_height\": 100, \"grounded_report\": \"<obj>x<box><x100><y2><x3><y4></box></obj>\"}\n"
    "{\"study_id\": \"open\", \"grounded_report\": \"<obj>x\"}\n"
    "{\"study_id\": \"size\", \"grounded_report\": \"<obj>x<box><x1><y2><x3><y4></box></obj>\"}\n";
  g_autoptr(GPtrArray) back = import (fixture, HILUM_FORMAT_MAIRA2, input, NULL);
  g_autofree char *records = problem_records (fixture);
  g_autofree char *problems = problems_text (fixture);
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  static const double expected[] = { 0.015, 0.025, 0.035, 0.045 };

  /* The broken JSON's message is json-glib's; the others are Hilum's. */
  g_assert_cmpstr (records, ==, "line 2,line 4,bin,open,size");
  g_assert_nonnull (strstr (problems,
                            "line 4: The record has no “study_id”\n"
                            "bin: A box of “x” is not <box><x…><y…><x…><y…></box> with bins 0–99\n"
                            "open: The grounded report has an <obj> without </obj>\n"
                            "size: The boxes need the frontal image’s size: give “image_width” and “image_height” or the images folder\n"));
  g_assert_cmpuint (back->len, ==, 1);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 3);
  g_assert_cmpstr (text_en (document, 0), ==, "Heart normal.");
  g_assert_cmpstr (text_en (document, 1), ==, "Opacidad basal");
  g_assert_cmpstr (text_en (document, 2), ==, "Plain tail.");
  boxes = boxes_of (document, 1, "maira2", "f");
  assert_boxes (boxes, expected, 1, 1e-12, 1e-12);
}

/* ---- MS-CXR ---- */

static const char mscxr_small[] =
  "dicom_id,category_name,label_text,path,x,y,w,h,image_width,image_height,split\n"
  "S1F,Consolidation,\"Right basal opacity, ñ.\",s1.png,0,20,50,60,100,80,train\n";

static void
test_mscxr_export (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (small_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_MS_CXR, documents, NULL);

  g_assert_cmpstr (out, ==, mscxr_small);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
}

static void
test_mscxr_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (big_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_MS_CXR, documents, NULL);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  JsonArray *labels;
  static const double first[] = { 0.0, 0.0, 1.0, 1.0, 0.3, 0.25, 0.45, 0.5 };
  static const double corner[] = { 0.5, 0.5, 1.0, 1.0 };

  /* Quotes doubled, the line break kept inside quotes, pixels on the 2000 × 1000 grid. */
  g_assert_cmpstr (out, ==,
                   "dicom_id,category_name,label_text,path,x,y,w,h,image_width,image_height,split\n"
                   "F1,Pleural Effusion,\"Small left pleural effusion, “meniscus” sign, \"\"ñ\"\".\",F1.png,0,0,2000,1000,2000,1000,test\n"
                   "F1,Pleural Effusion,\"Small left pleural effusion, “meniscus” sign, \"\"ñ\"\".\",F1.png,600,250,300,250,2000,1000,test\n"
                   "F1,Cardiomegaly,\"Cardiomegaly,\nmild.\",F1.png,1000,500,1000,500,2000,1000,test\n");
  g_assert_cmpstr (fixture->problems->len > 0
                   ? ((HilumFormatProblem *) g_ptr_array_index (fixture->problems, 0))->message : "", ==,
                   "Boxes not on the current frontal image left out (1): MS-CXR holds the frontal image only");
  g_assert_cmpuint (fixture->problems->len, ==, 2);

  back = import (fixture, HILUM_FORMAT_MS_CXR, out, NULL);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, 1);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, "F1");
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 2);
  g_assert_cmpstr (text_en (document, 0), ==, "Small left pleural effusion, “meniscus” sign, \"ñ\".");
  g_assert_cmpstr (text_en (document, 1), ==, "Cardiomegaly,\nmild.");
  labels = json_object_get_array_member (hilum_document_get_finding (document, 0), "labels");
  g_assert_cmpstr (json_array_get_string_element (labels, 0), ==, "pleural effusion");
  boxes = boxes_of (document, 0, "ms-cxr", "F1");
  assert_boxes (boxes, first, 2, 0, 0);
  g_clear_pointer (&boxes, g_array_unref);
  boxes = boxes_of (document, 1, "ms-cxr", "F1");
  assert_boxes (boxes, corner, 1, 0, 0);

  /* Written again: the same rows (the study id became the dicom_id). */
  g_free (out);
  out = export (fixture, HILUM_FORMAT_MS_CXR, back, NULL);
  g_assert_nonnull (strstr (out, "F1,Cardiomegaly,\"Cardiomegaly,\nmild.\",F1.png,1000,500,1000,500,2000,1000,test\n"));
}

static void
test_mscxr_broken (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char input[] =
    "\xef\xbb\xbf" "dicom_id,category_name,label_text,path,x,y,w,h,image_width,image_height\r\n"
    "d1,Pneumonia,\"Opacidad en base, \"\"derecha\"\"\",p/d1.jpg,10,20,30.5,40,100,100\r\n"
    "d1,Pneumonia,\"Opacidad en base, \"\"derecha\"\"\",p/d1.jpg,50,50,10,10,100,100\r\n"
    "d2,Edema,Edema,p/d2.jpg,abc,0,1,1,100,100\r\n"
    "d1,Pneumonia,Other,p/d1.jpg,1,1,1,1,200,100\r\n"
    "d3,Lung Opacity,\"Edema\r\nbilateral\",p/d3.jpg,0,0,5,5,10,10\r\n"
    "d4,Edema,x,p,1,1,-1,1,10,10\r\n";
  g_autoptr(GPtrArray) back = import (fixture, HILUM_FORMAT_MS_CXR, input, NULL);
  g_autofree char *problems = problems_text (fixture);
  g_autoptr(GArray) boxes = NULL;
  g_autofree char *out = NULL;
  HilumDocument *document;
  static const double expected[] = { 0.1, 0.2, 0.405, 0.6, 0.5, 0.5, 0.6, 0.6 };

  /* Lines as an editor counts them: the header is line 1, the quoted line break makes two. */
  g_assert_cmpstr (problems, ==,
                   "line 4: “x” is not a number\n"
                   "line 5: The image size 200 × 100 differs from 100 × 100 on an earlier row of the same image\n"
                   "line 8: The box has a negative width or height\n");
  g_assert_cmpuint (back->len, ==, 2);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, "d1");
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 1);
  g_assert_cmpstr (text_en (document, 0), ==, "Opacidad en base, \"derecha\"");
  boxes = boxes_of (document, 0, "ms-cxr", "d1");
  assert_boxes (boxes, expected, 2, 1e-12, 1e-12);
  document = g_ptr_array_index (back, 1);
  g_assert_cmpstr (text_en (document, 0), ==, "Edema\r\nbilateral");

  /* Unmoved boxes keep their numbers: 30.5 stays 30.5. */
  out = export (fixture, HILUM_FORMAT_MS_CXR, back, NULL);
  g_assert_nonnull (strstr (out, "d1,Pneumonia,\"Opacidad en base, \"\"derecha\"\"\",p/d1.jpg,10,20,30.5,40,100,100,\n"));
  g_assert_nonnull (strstr (out, "d3,Lung Opacity,\"Edema\r\nbilateral\",p/d3.jpg,0,0,5,5,10,10,\n"));
}

static void
test_mscxr_not_mscxr (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "in.csv", NULL);
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };

  g_assert_true (g_file_set_contents (path, "dicom_id,label_text,x,y\nd1,a,1,2\n", -1, NULL));
  g_assert_null (hilum_format_import (HILUM_FORMAT_MS_CXR, path, &options, fixture->problems, &error));
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "“w”"));
}

/* ---- COCO ---- */

static const char coco_small[] =
  "{\n"
  "  \"images\": [\n"
  "    {\n"
  "      \"id\": 1,\n"
  "      \"width\": 100,\n"
  "      \"height\": 80,\n"
  "      \"file_name\": \"s1.png\",\n"
  "      \"study_id\": \"S1\",\n"
  "      \"hilum_image_id\": \"S1F\",\n"
  "      \"role\": \"current_frontal\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": 2,\n"
  "      \"width\": 100,\n"
  "      \"height\": 100,\n"
  "      \"file_name\": \"E2F\",\n"
  "      \"study_id\": \"E2\",\n"
  "      \"hilum_image_id\": \"E2F\",\n"
  "      \"role\": \"current_frontal\"\n"
  "    }\n"
  "  ],\n"
  "  \"annotations\": [\n"
  "    {\n"
  "      \"id\": 1,\n"
  "      \"image_id\": 1,\n"
  "      \"category_id\": 1,\n"
  "      \"bbox\": [\n"
  "        0,\n"
  "        20,\n"
  "        50,\n"
  "        60\n"
  "      ],\n"
  "      \"area\": 3000,\n"
  "      \"iscrowd\": 0,\n"
  "      \"label_text\": \"Right basal opacity, ñ.\",\n"
  "      \"finding_id\": \"a\",\n"
  "      \"reader_id\": \"r1\",\n"
  "      \"study_id\": \"S1\"\n"
  "    }\n"
  "  ],\n"
  "  \"categories\": [\n"
  "    {\n"
  "      \"id\": 1,\n"
  "      \"name\": \"Consolidation\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_coco_export (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (small_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_COCO, documents, NULL);

  g_assert_cmpstr (out, ==, coco_small);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
}

static void
test_coco_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = documents_of (big_json, empty_json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_COCO, documents, NULL);
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  static const double r1[] = { 0.0, 0.0, 1.0, 1.0, 0.3, 0.25, 0.45, 0.5 };
  static const double r2[] = { 0.55, 0.2, 0.8, 0.55 };
  static const double lateral[] = { 0.1, 0.1, 0.3, 0.3 };

  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_nonnull (strstr (out, "\"bbox\": [\n        1100,\n        200,\n        500,\n        350\n      ],\n"
                                 "      \"area\": 175000,"));

  back = import (fixture, HILUM_FORMAT_COCO, out, NULL);
  g_assert_cmpuint (fixture->problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, 2);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, STUDY_39);
  /* Findings with boxes come back with their ids; the negative one had none. */
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 2);
  g_assert_cmpstr (hilum_finding_get_id (hilum_document_get_finding (document, 0)), ==, "f-1");
  g_assert_cmpstr (hilum_finding_get_id (hilum_document_get_finding (document, 1)), ==, "f-2");
  g_assert_cmpstr (text_en (document, 0), ==, "Small left pleural effusion, “meniscus” sign, \"ñ\".");
  g_assert_cmpstr (text_en (document, 1), ==, "Cardiomegaly,\nmild.");
  boxes = boxes_of (document, 0, "r1", "F1");
  assert_boxes (boxes, r1, 2, 0, 0);
  g_clear_pointer (&boxes, g_array_unref);
  boxes = boxes_of (document, 0, "r2", "F1");
  assert_boxes (boxes, r2, 1, 0, 0);
  g_clear_pointer (&boxes, g_array_unref);
  boxes = boxes_of (document, 0, "r1", "L1");
  assert_boxes (boxes, lateral, 1, 0, 0);
  g_assert_cmpuint (n_boxes (document), ==, 5);
  g_assert_nonnull (hilum_document_find_image_by_role (document, "current_lateral"));
  /* The study without findings keeps its image. */
  document = g_ptr_array_index (back, 1);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, "E2");
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 0);

  again = export (fixture, HILUM_FORMAT_COCO, back, NULL);
  g_assert_cmpstr (again, ==, out);
}

static void
test_coco_broken (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char input[] =
    "{\"images\": [{\"id\": 1, \"width\": 10, \"height\": 20, \"file_name\": \"dir/img1.png\"},"
    "             {\"id\": 2, \"file_name\": \"nosize.png\"},"
    "             {\"id\": 1, \"width\": 5, \"height\": 5, \"file_name\": \"twice.png\"}],"
    " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 7, \"bbox\": [1, 2, 3, 4.5]},"
    "                  {\"id\": 2, \"image_id\": 2, \"category_id\": 7, \"bbox\": [1, 2, 3, 4]},"
    "                  {\"id\": 3, \"image_id\": 1, \"category_id\": 7, \"bbox\": [1, 2, 3]},"
    "                  {\"id\": 4, \"image_id\": 1, \"category_id\": 8, \"bbox\": [0, 0, 10, 20]}],"
    " \"categories\": [{\"id\": 7, \"name\": \"Pneumothorax\"}, {\"id\": 8, \"name\": \"Nódulo\"}]}";
  g_autoptr(GPtrArray) back = import (fixture, HILUM_FORMAT_COCO, input, NULL);
  g_autofree char *problems = problems_text (fixture);
  g_autoptr(GArray) boxes = NULL;
  HilumDocument *document;
  static const double expected[] = { 0.1, 0.1, 0.4, 0.325 };

  g_assert_cmpstr (problems, ==,
                   "image 2: The image has no valid “width” and “height”\n"
                   "image 1: Another image has the same “id”\n"
                   "annotation 2: The annotation names no image of the file\n"
                   "annotation 3: “bbox” is not four numbers\n");
  g_assert_cmpuint (back->len, ==, 1);
  document = g_ptr_array_index (back, 0);
  g_assert_cmpstr (hilum_document_get_study_id (document), ==, "img1");
  g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 2);
  g_assert_cmpstr (text_en (document, 0), ==, "Pneumothorax");
  g_assert_cmpstr (text_en (document, 1), ==, "Nódulo");
  boxes = boxes_of (document, 0, "coco", "dir/img1.png");
  assert_boxes (boxes, expected, 1, 1e-12, 1e-12);
}

static void
test_maira2_outside (Fixture       *fixture,
                     gconstpointer  data)
{
  /* 400 × 100: the crop is x 150–250; a box in x 0–100 lies wholly outside it. */
  static const char json[] =
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"W1\"},"
    " \"images\": [{\"image_id\": \"w\", \"role\": \"current_frontal\", \"width\": 400, \"height\": 100}],"
    " \"findings\": [{\"finding_id\": \"a\", \"text\": {\"en\": \"Rib lesion.\"},"
    "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"w\", \"status\": \"boxed\", \"boxes\": ["
    "     {\"box_id\": \"x\", \"xyxy_norm\": [0.0, 0.1, 0.25, 0.2]},"
    "     {\"box_id\": \"y\", \"xyxy_norm\": [0.375, 0.1, 0.625, 0.2]}]}]}]}";
  g_autoptr(GPtrArray) documents = documents_of (json, NULL);
  g_autofree char *out = export (fixture, HILUM_FORMAT_MAIRA2, documents, NULL);
  g_autofree char *problems = problems_text (fixture);

  g_assert_cmpstr (problems, ==, "W1: Box 1 of finding 1 lies outside the MAIRA-2 centre crop: left out\n");
  g_assert_nonnull (strstr (out, "\"grounded_report\": \"<obj>Rib lesion.<box><x0><y10><x99><y20></box></obj>\""));
}

static void
test_coco_needs_images (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"N1\"},"
    " \"images\": [{\"image_id\": \"n1\", \"role\": \"current_frontal\"}],"
    " \"findings\": [{\"finding_id\": \"a\", \"text\": {\"en\": \"Mass.\"},"
    "   \"annotations\": [{\"reader_id\": \"r9\", \"image_id\": \"n1\", \"status\": \"boxed\", \"boxes\": ["
    "     {\"box_id\": \"x\", \"xyxy_norm\": [0.25, 0.5, 0.75, 1.0]}]}]}]}";
  g_autoptr(GPtrArray) documents = documents_of (json, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };

  g_assert_false (hilum_format_export (HILUM_FORMAT_COCO, documents, path, &options, NULL, &error));
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_NEEDS_IMAGES);
  g_clear_error (&error);
  g_assert_false (hilum_format_export (HILUM_FORMAT_MS_CXR, documents, path, &options, NULL, &error));
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_NEEDS_IMAGES);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
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

  g_test_add ("/hilum/formats/maira2/export", Fixture, NULL, fixture_setup, test_maira2_export,
              fixture_teardown);
  g_test_add ("/hilum/formats/maira2/round-trip", Fixture, NULL, fixture_setup,
              test_maira2_round_trip, fixture_teardown);
  g_test_add ("/hilum/formats/maira2/needs-images", Fixture, NULL, fixture_setup,
              test_maira2_needs_images, fixture_teardown);
  g_test_add ("/hilum/formats/maira2/broken", Fixture, NULL, fixture_setup, test_maira2_broken,
              fixture_teardown);

  g_test_add ("/hilum/formats/ms-cxr/export", Fixture, NULL, fixture_setup, test_mscxr_export,
              fixture_teardown);
  g_test_add ("/hilum/formats/ms-cxr/round-trip", Fixture, NULL, fixture_setup,
              test_mscxr_round_trip, fixture_teardown);
  g_test_add ("/hilum/formats/ms-cxr/broken", Fixture, NULL, fixture_setup, test_mscxr_broken,
              fixture_teardown);
  g_test_add ("/hilum/formats/ms-cxr/not-ms-cxr", Fixture, NULL, fixture_setup,
              test_mscxr_not_mscxr, fixture_teardown);
  g_test_add ("/hilum/formats/coco/export", Fixture, NULL, fixture_setup, test_coco_export,
              fixture_teardown);
  g_test_add ("/hilum/formats/coco/round-trip", Fixture, NULL, fixture_setup,
              test_coco_round_trip, fixture_teardown);
  g_test_add ("/hilum/formats/coco/broken", Fixture, NULL, fixture_setup, test_coco_broken,
              fixture_teardown);

  g_test_add ("/hilum/formats/maira2/outside", Fixture, NULL, fixture_setup, test_maira2_outside,
              fixture_teardown);
  g_test_add ("/hilum/formats/needs-images", Fixture, NULL, fixture_setup,
              test_coco_needs_images, fixture_teardown);

  return g_test_run ();
}
