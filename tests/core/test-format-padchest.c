/* test-format-padchest.c — PadChest-GR import/export: the lossless round trip, broken
 * records, edits, image sizes and the number writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-format.h"
#include "hilum-json-number.h"
#include "hilum-operation.h"
#include "hilum-png.h"

#define ID39 "123456789012345678901234567890123456789"

/* Records as Python's json.dumps() writes them (", " and ": "): edge cases of the release. */
static const char * const good_records[] = {
  /* 39-digit ids, accents and ñ, a positive and a negative finding. */
  "{\"StudyID\": \"" ID39 "\", \"ImageID\": \"" ID39 "_abc123.png\", "
  "\"PreviousStudyID\": null, \"PreviousImageID\": null, \"findings\": ["
  "{\"sentence_en\": \"Small left pleural effusion.\", \"sentence_es\": \"Pequeño derrame pleural izquierdo, señal ñ.\", "
  "\"abnormal\": true, \"boxes\": [[0.12345678, 0.2, 0.5, 0.75]], \"extra_boxes\": [], "
  "\"labels\": [\"pleural effusion\"], \"locations\": [\"left\", \"pleural\"], \"progression\": null}, "
  "{\"sentence_en\": \"No other significant alterations.\", \"sentence_es\": \"Sin otras alteraciones significativas.\", "
  "\"abnormal\": false}]}",
  /* Boxes touching the border as integers and as doubles, 1e-05, a prior, unknown keys. */
  "{\"StudyID\": \"222\", \"ImageID\": \"222_def456.png\", \"PreviousStudyID\": \"111\", "
  "\"PreviousImageID\": \"111_aaaaaa.png\", \"findings\": ["
  "{\"sentence_en\": \"Cardiomegaly.\", \"sentence_es\": \"Cardiomegalia.\", \"abnormal\": true, "
  "\"boxes\": [[0, 0, 1, 1], [0.0, 0.0, 1.0, 1.0]], \"extra_boxes\": [[1e-05, 0.1, 0.99999999, 1]], "
  "\"labels\": [\"cardiomegaly\"], \"locations\": [], \"progression\": \"stable\", "
  "\"note\": {\"a\": [1, 2.5], \"b\": null}}], \"Extra\": 7, \"split\": \"test\"}",
  /* A study with no findings. */
  "{\"StudyID\": \"333\", \"ImageID\": \"333_x.png\", \"PreviousStudyID\": null, "
  "\"PreviousImageID\": null, \"findings\": []}",
  /* Keys in another order, missing keys, nulls where lists are expected. */
  "{\"ImageID\": \"444_y.png\", \"StudyID\": \"444\", \"findings\": ["
  "{\"abnormal\": true, \"sentence_es\": \"Atelectasia.\", \"sentence_en\": \"Atelectasis.\", "
  "\"boxes\": null, \"labels\": null}, "
  "{\"sentence_en\": null, \"sentence_es\": \"Sin hallazgos.\", \"abnormal\": false}]}",
  /* findings null. */
  "{\"StudyID\": \"555\", \"ImageID\": \"555_z.png\", \"PreviousStudyID\": null, "
  "\"PreviousImageID\": null, \"findings\": null}",
};

static const char * const broken_records[] = {
  "\"not a record\"",
  "{\"ImageID\": \"x.png\", \"findings\": []}",
  "{\"StudyID\": \"666\", \"ImageID\": \"666.png\", \"findings\": [{\"sentence_en\": \"A.\", "
  "\"sentence_es\": \"A.\", \"abnormal\": true, \"boxes\": [[0.1, 0.2, 0.3]], \"extra_boxes\": []}]}",
  "{\"StudyID\": \"777\", \"ImageID\": \"777.png\", \"findings\": [{\"sentence_en\": 5, "
  "\"sentence_es\": \"A.\", \"abnormal\": false}]}",
};

static char *
join_records (gboolean with_broken)
{
  GString *out = g_string_new ("[");
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (good_records); i++)
    {
      /* The broken ones sit between the good ones: the good ones keep their order. */
      if (with_broken && i < G_N_ELEMENTS (broken_records))
        {
          g_string_append_printf (out, "%s%s", first ? "" : ", ", broken_records[i]);
          first = FALSE;
        }
      g_string_append_printf (out, "%s%s", first ? "" : ", ", good_records[i]);
      first = FALSE;
    }
  g_string_append (out, "]\n");
  return g_string_free (out, FALSE);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
assert_json_equal (const char *a,
                   const char *b)
{
  g_autoptr(JsonNode) na = parse (a);
  g_autoptr(JsonNode) nb = parse (b);
  g_autofree char *where = NULL;

  if (!hilum_json_equal_values (na, nb, &where))
    g_error ("JSON differs at %s", where);
  /* Strictly: integers stay integers, doubles doubles, members in the same order. */
  g_assert_true (hilum_json_equal (na, nb));
}

static GPtrArray *
import_text (const char  *dir,
             const char  *text,
             GPtrArray   *problems)
{
  g_autofree char *path = g_build_filename (dir, "grounded_reports.json", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, path, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (documents);
  return documents;
}

static char *
export_text (const char *dir,
             GPtrArray  *documents,
             GPtrArray  *problems)
{
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (hilum_format_export (HILUM_FORMAT_PADCHEST_GR, documents, path, NULL, problems,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_numbers (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.12345678, "0.12345678" }, { 1e-05, "1e-05" }, { 0.0, "0.0" }, { 1.0, "1.0" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 1e16, "1e+16" }, { 1e15, "1000000000000000.0" },
    { 0.0001, "0.0001" }, { -0.5, "-0.5" }, { 123.456, "123.456" }, { 1.5e-300, "1.5e-300" },
    { 0.99999999, "0.99999999" }, { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
  };
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hilum_json_number_to_string (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* Any double comes back exactly, and no shorter text would. */
  for (guint i = 0; i < 20000; i++)
    {
      double value = i % 2 ? g_rand_double (rand) : g_rand_double_range (rand, -1e6, 1e6) * pow (10, g_rand_int_range (rand, -20, 20));
      g_autofree char *text = hilum_json_number_to_string (value);
      char shorter[64];
      guint digits = 0;
      char all[64];
      guint n = 0, start = 0;

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
      /* Significant digits: without leading and trailing zeros. */
      for (const char *p = text; *p != '\0' && *p != 'e'; p++)
        if (g_ascii_isdigit (*p))
          all[n++] = *p;
      while (start < n && all[start] == '0')
        start++;
      while (n > start && all[n - 1] == '0')
        n--;
      digits = n - start;
      if (digits > 2)
        {
          char format[16];

          g_snprintf (format, sizeof format, "%%.%ue", digits - 2);
          g_ascii_formatd (shorter, sizeof shorter, format, value);
          g_assert_cmpfloat (g_ascii_strtod (shorter, NULL), !=, value);
        }
    }
  g_rand_free (rand);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *input = join_records (FALSE);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  g_autoptr(GPtrArray) documents = import_text (dir, input, problems);
  g_autofree char *output = NULL;
  HilumDocument *first;
  JsonObject *finding, *frontal;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (documents->len, ==, G_N_ELEMENTS (good_records));

  /* What a user sees of the first study. */
  first = documents->pdata[0];
  g_assert_cmpstr (hilum_document_get_study_id (first), ==, ID39);
  g_assert_cmpuint (hilum_document_get_n_findings (first), ==, 2);
  finding = hilum_document_get_finding (first, 0);
  g_assert_cmpstr (hilum_finding_get_polarity (finding), ==, "positive");
  g_assert_cmpstr (hilum_finding_get_text (finding, "es"), ==, "Pequeño derrame pleural izquierdo, señal ñ.");
  g_assert_cmpstr (hilum_finding_get_polarity (hilum_document_get_finding (first, 1)), ==, "negative");
  frontal = hilum_document_find_image_by_role (first, "current_frontal");
  g_assert_nonnull (frontal);
  g_assert_cmpstr (json_object_get_string_member (frontal, "image_id"), ==, ID39 "_abc123.png");
  g_assert_cmpint (json_object_get_int_member (frontal, "width"), ==, 0);
  {
    const char *finding_id = NULL, *reader_id = NULL, *image_id = NULL;
    JsonArray *annotations = json_object_get_array_member (finding, "annotations");
    JsonObject *annotation = json_array_get_object_element (annotations, 0);
    JsonObject *box = json_array_get_object_element (json_object_get_array_member (annotation, "boxes"), 0);
    JsonArray *xyxy = json_object_get_array_member (box, "xyxy_norm");

    g_assert_cmpfloat (json_array_get_double_element (xyxy, 0), ==, 0.12345678);
    g_assert_cmpfloat (json_array_get_double_element (xyxy, 3), ==, 0.75);
    g_assert_nonnull (hilum_document_find_box (first, json_object_get_string_member (box, "box_id"),
                                               &finding_id, &reader_id, &image_id));
    g_assert_cmpstr (reader_id, ==, "padchest-gr:boxes");
    g_assert_cmpstr (image_id, ==, ID39 "_abc123.png");
  }
  g_assert_cmpstr (hilum_document_get_study_field (documents->pdata[1], "prior_study_id"), ==, "111");
  g_assert_cmpuint (hilum_document_get_n_findings (documents->pdata[2]), ==, 0);

  /* Export: the same text, byte for byte (same writer style as the input). */
  output = export_text (dir, documents, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_json_equal (input, output);
  g_assert_cmpstr (output, ==, input);
  hilum_fixture_dir_remove (dir);
}

/* Pretty-printed input (json.dump(indent=2)) comes back pretty-printed. */
static void
test_round_trip_pretty (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *compact = join_records (FALSE);
  g_autoptr(JsonNode) tree = parse (compact);
  g_autofree char *pretty = hilum_json_to_string (tree, 2, FALSE);
  g_autofree char *input = g_strconcat (pretty, "\n", NULL);
  g_autoptr(GPtrArray) documents = import_text (dir, input, NULL);
  g_autofree char *output = export_text (dir, documents, NULL);

  g_assert_true (strstr (input, "[\n  {\n    \"StudyID\"") != NULL);
  g_assert_cmpstr (output, ==, input);

  /* Through hilum-study/1 text and back: nothing is lost on the way either. */
  for (guint i = 0; i < documents->len; i++)
    {
      g_autofree char *text = hilum_document_to_string (documents->pdata[i], TRUE);
      g_autoptr(GError) error = NULL;
      HilumDocument *copy = hilum_document_new_from_string (text, -1, &error);

      g_assert_no_error (error);
      g_object_unref (documents->pdata[i]);
      documents->pdata[i] = copy;
    }
  g_free (output);
  output = export_text (dir, documents, NULL);
  g_assert_cmpstr (output, ==, input);
  hilum_fixture_dir_remove (dir);
}

static void
test_ascii (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  const char *input = "[{\"StudyID\": \"1\", \"ImageID\": \"1.png\", \"PreviousStudyID\": null, "
                      "\"PreviousImageID\": null, \"findings\": [{\"sentence_en\": \"Effusion.\", "
                      "\"sentence_es\": \"Peque\\u00f1o derrame.\", \"abnormal\": false}]}]\n";
  g_autoptr(GPtrArray) documents = import_text (dir, input, NULL);
  g_autofree char *output = export_text (dir, documents, NULL);

  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (documents->pdata[0], 0), "es"),
                   ==, "Pequeño derrame.");
  /* Written with ensure_ascii like the input. */
  g_assert_cmpstr (output, ==, input);
  hilum_fixture_dir_remove (dir);
}

static void
test_broken (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *input = join_records (TRUE);
  g_autofree char *expected = join_records (FALSE);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  g_autoptr(GPtrArray) documents = import_text (dir, input, problems);
  g_autofree char *output = NULL;
  HilumFormatProblem *p;

  g_assert_cmpuint (documents->len, ==, G_N_ELEMENTS (good_records));
  g_assert_cmpuint (problems->len, ==, 4);
  /* Records are named by StudyID, else by their position (1-based) in the file. */
  p = problems->pdata[0];
  g_assert_cmpstr (p->record, ==, "#1");
  g_assert_cmpstr (p->message, ==, "the record is not a JSON object");
  p = problems->pdata[1];
  g_assert_cmpstr (p->record, ==, "#3");
  g_assert_cmpstr (p->message, ==, "the record has no StudyID");
  p = problems->pdata[2];
  g_assert_cmpstr (p->record, ==, "666");
  g_assert_cmpstr (p->message, ==, "finding 1, “boxes”: a box has 3 numbers, not four");
  p = problems->pdata[3];
  g_assert_cmpstr (p->record, ==, "777");
  g_assert_cmpstr (p->message, ==, "the sentence “sentence_en” of finding 1 is not text");

  output = export_text (dir, documents, NULL);
  g_assert_cmpstr (output, ==, expected);
  hilum_fixture_dir_remove (dir);
}

static void
test_not_json (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "[\n  {\"StudyID\": \"1\",\n   \"ImageID\": }\n]\n", -1, NULL));
  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, path, NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE);
  /* The place: file, line 3. */
  expected = g_strdup_printf ("%s:3:", path);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"StudyID\": \"1\"}", -1, NULL));
  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, path, NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE);
  g_clear_error (&error);

  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, "/nonexistent/x.json", NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ);
  hilum_fixture_dir_remove (dir);
}

static void
apply (HilumDocument  *document,
       HilumOperation *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_document_apply (document, op, &error));
  g_assert_no_error (error);
  hilum_operation_unref (op);
}

static const char *
first_box_id (JsonObject *finding,
              const char *reader_id)
{
  JsonArray *annotations = json_object_get_array_member (finding, "annotations");

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);

      if (g_str_equal (json_object_get_string_member (a, "reader_id"), reader_id))
        return json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (a, "boxes"), 0), "box_id");
    }
  return NULL;
}

static void
test_edit (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *input = join_records (FALSE);
  g_autoptr(GPtrArray) documents = import_text (dir, input, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  HilumDocument *doc = documents->pdata[0];
  JsonObject *positive = hilum_document_get_finding (doc, 0);
  g_autofree char *positive_id = g_strdup (hilum_finding_get_id (positive));
  g_autofree char *negative_id = g_strdup (hilum_finding_get_id (hilum_document_get_finding (doc, 1)));
  const char *image_id = ID39 "_abc123.png";
  const double moved[4] = { 0.25, 0.125, 0.5, 0.875 };
  const double added[4] = { 0.3, 0.3, 0.4, 0.4 };
  const double third[4] = { 0.6, 0.6, 0.7, 0.7 };
  g_autoptr(JsonObject) reader = json_object_new ();
  g_autofree char *output = NULL;
  g_autoptr(JsonNode) tree = NULL;
  JsonObject *record, *f0, *f1;
  JsonArray *boxes;

  apply (doc, hilum_operation_new_set_text (positive_id, "en", "Moderate left pleural effusion."));
  apply (doc, hilum_operation_new_set_box (first_box_id (positive, "padchest-gr:boxes"), moved));
  apply (doc, hilum_operation_new_add_box (positive_id, "padchest-gr:extra_boxes", image_id, NULL, added));
  json_object_set_string_member (reader, "reader_id", "r1");
  json_object_set_string_member (reader, "name", "Dr. Núñez");
  json_object_set_string_member (reader, "role", "reader");
  apply (doc, hilum_operation_new_add_reader (reader));
  apply (doc, hilum_operation_new_add_box (positive_id, "r1", image_id, NULL, third));
  {
    g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "positive");

    apply (doc, hilum_operation_new_set_finding_field (negative_id, "polarity", value));
  }

  output = export_text (dir, documents, problems);
  tree = parse (output);
  record = json_array_get_object_element (json_node_get_array (tree), 0);
  f0 = json_array_get_object_element (json_object_get_array_member (record, "findings"), 0);
  f1 = json_array_get_object_element (json_object_get_array_member (record, "findings"), 1);

  g_assert_cmpstr (json_object_get_string_member (f0, "sentence_en"), ==, "Moderate left pleural effusion.");
  g_assert_cmpstr (json_object_get_string_member (f0, "sentence_es"), ==, "Pequeño derrame pleural izquierdo, señal ñ.");
  boxes = json_object_get_array_member (f0, "boxes");
  g_assert_cmpuint (json_array_get_length (boxes), ==, 1);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (boxes, 0), i), ==, moved[i]);
  /* The extra_boxes reader's new box, then the third reader's (both slots held: a warning). */
  boxes = json_object_get_array_member (f0, "extra_boxes");
  g_assert_cmpuint (json_array_get_length (boxes), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (boxes, 0), 0), ==, 0.3);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (boxes, 1), 0), ==, 0.6);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[0])->message, "r1"));

  /* The negative finding turned positive has all eight keys now, in the release order. */
  g_assert_true (json_object_get_boolean_member (f1, "abnormal"));
  {
    static const char * const keys[] = { "sentence_en", "sentence_es", "abnormal", "boxes",
                                         "extra_boxes", "labels", "locations", "progression" };
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;
    guint n = 0;

    json_object_iter_init_ordered (&iter, f1);
    while (json_object_iter_next_ordered (&iter, &key, &value))
      g_assert_cmpstr (key, ==, keys[n++]);
    g_assert_cmpuint (n, ==, 8);
  }
  /* The other studies did not change. */
  {
    g_autoptr(JsonNode) in = parse (input);
    JsonArray *a = json_node_get_array (in), *b = json_node_get_array (tree);

    for (guint i = 1; i < json_array_get_length (a); i++)
      g_assert_true (hilum_json_equal (json_array_get_element (a, i), json_array_get_element (b, i)));
  }
  hilum_fixture_dir_remove (dir);
}

/* Keys the record did not have come in when an edit gives them something to hold. */
static void
test_edit_absent_keys (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *input = join_records (FALSE);
  g_autoptr(GPtrArray) documents = import_text (dir, input, NULL);
  HilumDocument *doc = documents->pdata[3];
  g_autofree char *id = g_strdup (hilum_finding_get_id (hilum_document_get_finding (doc, 0)));
  const double xyxy[4] = { 0.25, 0.5, 0.75, 1.0 };
  g_autoptr(JsonNode) locations = parse ("[\"left\"]");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *output = NULL;

  g_assert_cmpstr (hilum_document_get_study_id (doc), ==, "444");
  apply (doc, hilum_operation_new_add_box (id, "padchest-gr:extra_boxes", "444_y.png", NULL, xyxy));
  apply (doc, hilum_operation_new_set_finding_field (id, "locations", locations));
  g_ptr_array_add (one, doc);
  output = export_text (dir, one, NULL);
  assert_json_equal (output,
                     "[{\"ImageID\": \"444_y.png\", \"StudyID\": \"444\", \"findings\": ["
                     "{\"abnormal\": true, \"sentence_es\": \"Atelectasia.\", \"sentence_en\": \"Atelectasis.\", "
                     "\"boxes\": null, \"extra_boxes\": [[0.25, 0.5, 0.75, 1.0]], \"labels\": null, "
                     "\"locations\": [\"left\"]}, "
                     "{\"sentence_en\": null, \"sentence_es\": \"Sin hallazgos.\", \"abnormal\": false}]}]");
  hilum_fixture_dir_remove (dir);
}

/* A box of a reader on a fresh document (not imported from PadChest-GR) goes to "boxes". */
static void
test_new_reader_slot (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autoptr(HilumDocument) doc = hilum_document_new ("42");
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(JsonObject) finding = hilum_finding_new ("positive");
  g_autoptr(JsonObject) reader = json_object_new ();
  const double xyxy[4] = { 0.5, 0.25, 0.75, 1.0 };
  g_autofree char *output = NULL;
  g_autofree char *id = g_strdup (json_object_get_string_member (finding, "finding_id"));

  json_object_set_string_member (json_object_get_object_member (finding, "text"), "en", "Nodule.");
  apply (doc, hilum_operation_new_add_finding (finding, 0));
  json_object_set_string_member (reader, "reader_id", "r1");
  json_object_set_string_member (reader, "name", "R");
  json_object_set_string_member (reader, "role", "reader");
  apply (doc, hilum_operation_new_add_reader (reader));
  /* No current frontal image: the box is left out with a warning. */
  apply (doc, hilum_operation_new_add_box (id, "r1", "img", NULL, xyxy));
  g_ptr_array_add (documents, doc);
  output = export_text (dir, documents, NULL);
  assert_json_equal (output,
                     "[{\"StudyID\": \"42\", \"ImageID\": null, \"PreviousStudyID\": null, "
                     "\"PreviousImageID\": null, \"findings\": [{\"sentence_en\": \"Nodule.\", "
                     "\"sentence_es\": \"\", \"abnormal\": true, \"boxes\": [], \"extra_boxes\": [], "
                     "\"labels\": [], \"locations\": [], \"progression\": null}]}]");
  hilum_fixture_dir_remove (dir);
}

static void
test_image_sizes (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *png = g_build_filename (images, "222_def456.png", NULL);
  g_autofree char *dcm = g_build_filename (images, "111_aaaaaa.png.dcm", NULL);
  g_autofree char *input = join_records (FALSE);
  g_autofree char *path = g_build_filename (dir, "in.json", NULL);
  g_autofree guint16 *pixels = g_new0 (guint16, 37 * 23);
  g_autofree guint16 *words = g_new0 (guint16, 19 * 11);
  HilumFixtureDicom spec = { .width = 19, .height = 11, .bits_allocated = 16, .bits_stored = 12,
                             .samples_per_pixel = 1, .pixels = words, .pixels_size = 19 * 11 * 2 };
  HilumFormatOptions options = { .images_dir = images };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  JsonObject *frontal, *prior;

  g_mkdir_with_parents (images, 0755);
  g_assert_true (hilum_png_write_gray16 (png, 37, 23, pixels, &error));
  g_assert_true (hilum_fixture_write_dicom (dcm, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, input, -1, NULL));

  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, path, &options, NULL, &error);
  g_assert_no_error (error);
  frontal = hilum_document_find_image_by_role (documents->pdata[1], "current_frontal");
  g_assert_cmpint (json_object_get_int_member (frontal, "width"), ==, 37);
  g_assert_cmpint (json_object_get_int_member (frontal, "height"), ==, 23);
  /* The prior, a DICOM file, through the decode helper's header. */
  prior = hilum_document_find_image_by_role (documents->pdata[1], "prior_frontal");
  g_assert_cmpint (json_object_get_int_member (prior, "width"), ==, 19);
  g_assert_cmpint (json_object_get_int_member (prior, "height"), ==, 11);
  /* No file: size unknown, and that is no failed record. */
  frontal = hilum_document_find_image_by_role (documents->pdata[0], "current_frontal");
  g_assert_cmpint (json_object_get_int_member (frontal, "width"), ==, 0);
  hilum_fixture_dir_remove (dir);
}

static void
test_names (void)
{
  HilumFormat format;

  g_assert_true (hilum_format_from_name ("padchest-gr", &format));
  g_assert_cmpint (format, ==, HILUM_FORMAT_PADCHEST_GR);
  g_assert_true (hilum_format_from_name ("ms-cxr", &format));
  g_assert_cmpint (format, ==, HILUM_FORMAT_MS_CXR);
  g_assert_false (hilum_format_from_name ("pascal-voc", &format));
  for (guint i = 0; i < HILUM_N_FORMATS; i++)
    {
      g_assert_true (hilum_format_from_name (hilum_format_get_name (i), &format));
      g_assert_cmpint (format, ==, i);
      g_assert_cmpstr (hilum_format_get_label (i), !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/format/padchest/numbers", test_numbers);
  g_test_add_func ("/hilum/format/padchest/names", test_names);
  g_test_add_func ("/hilum/format/padchest/round-trip", test_round_trip);
  g_test_add_func ("/hilum/format/padchest/round-trip-pretty", test_round_trip_pretty);
  g_test_add_func ("/hilum/format/padchest/ascii", test_ascii);
  g_test_add_func ("/hilum/format/padchest/broken", test_broken);
  g_test_add_func ("/hilum/format/padchest/not-json", test_not_json);
  g_test_add_func ("/hilum/format/padchest/edit", test_edit);
  g_test_add_func ("/hilum/format/padchest/edit-absent-keys", test_edit_absent_keys);
  g_test_add_func ("/hilum/format/padchest/new-reader-slot", test_new_reader_slot);
  g_test_add_func ("/hilum/format/padchest/image-sizes", test_image_sizes);

  return g_test_run ();
}
