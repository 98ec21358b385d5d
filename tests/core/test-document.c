/* test-document.c — the hilum-study/1 document: validation, applying operations, undo to
 * the exact bytes, refusals that change nothing, diffs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-operation.h"

/* A study as an import would make it: two readers, an unknown key in a finding, a box
 * slightly outside [0,1] as some releases have, integers among the coordinates. */
static const char *sample_json =
  "{\"schema\":\"hilum-study/1\","
  "\"study\":{\"study_id\":\"123456789012345678901234567890123456789\",\"study_date\":\"20200101\","
  "\"prior_study_id\":null,\"prior_image_id\":null,\"indication\":\"Tos\",\"technique\":\"\","
  "\"comparison\":\"\",\"prior_report\":\"\",\"status\":\"new\",\"source\":{\"dataset\":\"padchest-gr\","
  "\"split\":\"train\",\"extra\":{\"Year\":2020}}},"
  "\"images\":[{\"image_id\":\"img-f\",\"role\":\"current_frontal\",\"width\":1824,\"height\":1652}],"
  "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\",\"source_slot\":\"boxes\"},"
  "{\"reader_id\":\"r2\",\"name\":\"Luis\",\"role\":\"reader\",\"source_slot\":\"extra_boxes\"}],"
  "\"findings\":["
  "{\"finding_id\":\"f1\",\"polarity\":\"positive\",\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia.\"},"
  "\"labels\":[\"cardiomegaly\"],\"locations\":[\"cardiac\"],\"progression\":null,"
  "\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b1\",\"xyxy_norm\":[0.25,0.5,0.75,0.875],\"source\":{\"format\":\"padchest-gr\",\"values\":[0.25,0.5,0.75,0.875]}},"
  "{\"box_id\":\"b2\",\"xyxy_norm\":[0,0,1,1.0000001]}]},"
  "{\"reader_id\":\"r2\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b3\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]}]}],"
  "\"source\":{\"extra\":{\"unknown_key\":[1,2,3]}}},"
  "{\"finding_id\":\"f2\",\"polarity\":\"negative\",\"text\":{\"en\":\"No effusion.\",\"es\":\"Sin derrame.\"}},"
  "{\"finding_id\":\"f3\",\"polarity\":\"positive\",\"text\":{\"en\":\"Nodule.\",\"es\":\"Nódulo.\"},"
  "\"labels\":[],\"locations\":[],\"annotations\":[]}"
  "],"
  "\"qc\":{},\"consensus\":null,\"provenance\":{\"created_by\":\"import\",\"created_at\":\"2026-01-01T00:00:00Z\"}}";

static HilumDocument *
sample_document (void)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *doc = hilum_document_new_from_string (sample_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_new (void)
{
  g_autoptr(HilumDocument) doc = hilum_document_new ("1.2.840.1");
  g_autoptr(HilumDocument) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hilum_document_to_string (doc, FALSE);
  g_autofree char *text2 = NULL;
  JsonObject *root = hilum_document_get_root (doc);
  JsonObject *provenance = json_object_get_object_member (root, "provenance");

  g_assert_cmpstr (hilum_document_get_study_id (doc), ==, "1.2.840.1");
  g_assert_cmpstr (hilum_document_get_study_field (doc, "status"), ==, "new");
  g_assert_cmpstr (hilum_document_get_study_field (doc, "indication"), ==, "");
  g_assert_null (hilum_document_get_study_field (doc, "prior_study_id"));
  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "hilum-study/1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "images")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "readers")), ==, 0);
  g_assert_true (json_object_has_member (root, "qc"));
  g_assert_true (json_object_get_null_member (root, "consensus") || TRUE);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (provenance, "created_at"), "Z"));
  g_assert_true (g_str_has_prefix (text, "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1.2.840.1\""));

  /* What it writes it reads back, byte for byte. */
  reread = hilum_document_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  text2 = hilum_document_to_string (reread, FALSE);
  g_assert_cmpstr (text, ==, text2);
}

static void
test_accessors (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  const char *finding_id = NULL, *reader_id = NULL, *image_id = NULL;
  JsonObject *box;
  JsonObject *finding;
  guint index = 99;

  g_assert_cmpstr (hilum_document_get_study_id (doc), ==, "123456789012345678901234567890123456789");
  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 3);
  finding = hilum_document_get_finding (doc, 1);
  g_assert_cmpstr (hilum_finding_get_id (finding), ==, "f2");
  g_assert_cmpstr (hilum_finding_get_polarity (finding), ==, "negative");
  g_assert_cmpstr (hilum_finding_get_text (finding, "es"), ==, "Sin derrame.");
  g_assert_cmpstr (hilum_finding_get_text (finding, "fr"), ==, "");
  g_assert_true (hilum_document_find_finding (doc, "f3", &index) == hilum_document_get_finding (doc, 2));
  g_assert_cmpuint (index, ==, 2);
  g_assert_null (hilum_document_find_finding (doc, "nope", NULL));

  box = hilum_document_find_box (doc, "b3", &finding_id, &reader_id, &image_id);
  g_assert_nonnull (box);
  g_assert_cmpstr (finding_id, ==, "f1");
  g_assert_cmpstr (reader_id, ==, "r2");
  g_assert_cmpstr (image_id, ==, "img-f");
  g_assert_null (hilum_document_find_box (doc, "b9", NULL, NULL, NULL));
  g_assert_cmpint (json_object_get_int_member (hilum_document_find_image_by_role (doc, "current_frontal"), "width"),
                   ==, 1824);
  g_assert_null (hilum_document_find_image_by_role (doc, "current_lateral"));
}

static void
test_unknown_kept (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autoptr(HilumDocument) copy = hilum_document_copy (doc);
  g_autofree char *text = hilum_document_to_string (doc, FALSE);
  g_autofree char *copy_text = hilum_document_to_string (copy, FALSE);
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", "Big heart.");

  /* Unknown keys, their order, the 39-digit id and integers survive. */
  g_assert_nonnull (strstr (text, "\"source\":{\"extra\":{\"unknown_key\":[1,2,3]}}"));
  g_assert_nonnull (strstr (text, "\"xyxy_norm\":[0,0,1,1.0000001"));
  g_assert_nonnull (strstr (text, "\"extra\":{\"Year\":2020}"));
  g_assert_cmpstr (text, ==, copy_text);

  /* The copy is deep: editing it leaves the original alone. */
  g_assert_true (hilum_document_apply (copy, op, NULL));
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (copy, 0), "en"), ==, "Big heart.");
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (doc, 0), "en"), ==, "Cardiomegaly.");
}

typedef struct
{
  const char *json;
  const char *message;
} InvalidCase;

static void
test_invalid (void)
{
  static const InvalidCase cases[] = {
    { "[1,2]", "This is not a valid Hilum study document: it is not a JSON object." },
    { "{\"study\":{\"study_id\":\"1\"},\"findings\":[]}", "This is not a valid Hilum study document: it has no “schema”." },
    { "{\"schema\":\"hilum-study/2\",\"study\":{\"study_id\":\"1\"},\"findings\":[]}",
      "This is not a valid Hilum study document: its schema is “hilum-study/2”, not “hilum-study/1”." },
    { "{\"schema\":\"hilum-study/1\",\"findings\":[]}",
      "This is not a valid Hilum study document: it has no “study” object." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":12},\"findings\":[]}",
      "This is not a valid Hilum study document: “study_id” is missing or not text." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"}}",
      "This is not a valid Hilum study document: “findings” is missing or not a list." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[3]}",
      "This is not a valid Hilum study document: finding 1 is not an object." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[{\"finding_id\":\"a\"},{\"polarity\":\"positive\"}]}",
      "This is not a valid Hilum study document: finding 2 has no “finding_id” text." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[{\"finding_id\":\"a\"},{\"finding_id\":\"a\"}]}",
      "This is not a valid Hilum study document: two findings have the same id “a”." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[{\"finding_id\":\"a\",\"annotations\":"
      "[{\"reader_id\":\"r\",\"image_id\":\"i\",\"boxes\":[{\"box_id\":\"b\",\"xyxy_norm\":[0,0,1]}]}]}]}",
      "This is not a valid Hilum study document: box “b” has no “xyxy_norm” with four numbers." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[{\"finding_id\":\"a\",\"annotations\":"
      "[{\"reader_id\":\"r\",\"image_id\":\"i\",\"boxes\":[{\"box_id\":\"b\",\"xyxy_norm\":[0,0,1,1]},"
      "{\"box_id\":\"b\",\"xyxy_norm\":[0,0,1,1]}]}]}]}",
      "This is not a valid Hilum study document: two boxes have the same id “b”." },
    { "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"1\"},\"findings\":[{\"finding_id\":\"a\",\"annotations\":"
      "[{\"reader_id\":\"r\",\"boxes\":[]}]}]}",
      "This is not a valid Hilum study document: an annotation of finding 1 has no “reader_id” or “image_id” text." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HilumDocument) doc = hilum_document_new_from_string (cases[i].json, -1, &error);

      g_assert_null (doc);
      g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HilumDocument) doc = hilum_document_new_from_string ("{\"schema\":", -1, &error);

    g_assert_null (doc);
    g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "This is not a valid Hilum study document: "));
  }
}

static void
changed_cb (HilumDocument  *doc,
            HilumOperation *op,
            gpointer        user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, hilum_operation_ref (op));
}

/* Applies @json to the sample, checks @check (a substring of the result), then applies
 * the inverse and checks the bytes are those from before; and the inverse of the inverse
 * (redo) gives the edited bytes again. */
static void
assert_same_text (const char *what,
                  const char *json,
                  const char *got,
                  const char *want)
{
  gsize i = 0;

  if (g_strcmp0 (got, want) == 0)
    return;
  while (got[i] != '\0' && got[i] == want[i])
    i++;
  g_error ("%s of %s differs at %" G_GSIZE_FORMAT ": got …%.120s… want …%.120s…",
           what, json, i, got + MAX (i, 40) - 40, want + MAX (i, 40) - 40);
}

static void
check_round_trip (const char *json,
                  const char *check)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autoptr(HilumOperation) op = hilum_fixture_operation (json);
  g_autoptr(HilumOperation) inverse = NULL;
  g_autoptr(HilumOperation) redo = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_operation_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = hilum_document_to_string (doc, FALSE);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_signal_connect (doc, "changed", G_CALLBACK (changed_cb), seen);
  if (!hilum_document_apply (doc, op, &error))
    g_error ("%s: %s", json, error->message);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (g_ptr_array_index (seen, 0) == op);
  after = hilum_document_to_string (doc, FALSE);
  g_assert_cmpstr (after, !=, before);
  if (strstr (after, check) == NULL)
    g_error ("%s: “%s” not in %s", json, check, after);

  inverse = hilum_operation_invert (op);
  if (!hilum_document_apply (doc, inverse, &error))
    g_error ("undo of %s: %s", json, error->message);
  undone = hilum_document_to_string (doc, FALSE);
  assert_same_text ("undo", json, undone, before);

  redo = hilum_operation_invert (inverse);
  if (!hilum_document_apply (doc, redo, &error))
    g_error ("redo of %s: %s", json, error->message);
  redone = hilum_document_to_string (doc, FALSE);
  assert_same_text ("redo", json, redone, after);
  g_assert_cmpuint (seen->len, ==, 3);
}

static void
test_round_trips (void)
{
  /* Study fields */
  check_round_trip ("{\"op\":\"set-study-field\",\"field\":\"indication\",\"value\":\"Fiebre\"}",
                    "\"indication\":\"Fiebre\",\"technique\"");
  check_round_trip ("{\"op\":\"set-study-field\",\"field\":\"status\",\"value\":\"in_progress\"}",
                    "\"status\":\"in_progress\"");
  check_round_trip ("{\"op\":\"set-study-field\",\"field\":\"prior_study_id\",\"value\":\"99\"}",
                    "\"prior_study_id\":\"99\"");
  /* Findings */
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.es\",\"value\":\"Cardiomegalia leve.\"}",
                    "\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia leve.\"}");
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f2\",\"field\":\"polarity\",\"value\":\"positive\"}",
                    "{\"finding_id\":\"f2\",\"polarity\":\"positive\"");
  /* A member the finding lacks is added at its end, and undo removes it again. */
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f2\",\"field\":\"labels\",\"value\":[\"pleural effusion\"]}",
                    "\"es\":\"Sin derrame.\"},\"labels\":[\"pleural effusion\"]}");
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"locations\",\"value\":[\"cardiac\",\"left\"]}",
                    "\"locations\":[\"cardiac\",\"left\"]");
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"progression\",\"value\":\"worsened\"}",
                    "\"progression\":\"worsened\"");
  check_round_trip ("{\"op\":\"set-finding-field\",\"finding_id\":\"f2\",\"field\":\"translation.es\",\"value\":{\"state\":\"verified\",\"by\":\"r1\",\"at\":null}}",
                    "\"translation\":{\"es\":{\"state\":\"verified\",\"by\":\"r1\",\"at\":null}}");
  check_round_trip ("{\"op\":\"add-finding\",\"index\":1,\"finding\":{\"finding_id\":\"f9\",\"polarity\":\"positive\",\"text\":{\"en\":\"Ñ\",\"es\":\"ñ\"}}}",
                    "\"unknown_key\":[1,2,3]}}},{\"finding_id\":\"f9\",\"polarity\"");
  check_round_trip ("{\"op\":\"add-finding\",\"finding\":{\"finding_id\":\"f9\"}}",
                    "[]},{\"finding_id\":\"f9\"}]");
  check_round_trip ("{\"op\":\"remove-finding\",\"finding_id\":\"f1\"}",
                    "\"findings\":[{\"finding_id\":\"f2\"");
  check_round_trip ("{\"op\":\"remove-finding\",\"finding_id\":\"f2\"}",
                    "[1,2,3]}}},{\"finding_id\":\"f3\"");
  check_round_trip ("{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"to\":2}",
                    "\"findings\":[{\"finding_id\":\"f2\"");
  check_round_trip ("{\"op\":\"move-finding\",\"finding_id\":\"f3\",\"to\":0}",
                    "\"findings\":[{\"finding_id\":\"f3\"");
  check_round_trip ("{\"op\":\"replace-finding\",\"finding_id\":\"f2\",\"value\":{\"finding_id\":\"f2\",\"x\":1}}",
                    "{\"finding_id\":\"f2\",\"x\":1}");
  /* Boxes: a new box in an existing entry, one that creates the entry, removing the last
   * box (the entry stays, "not_boxed"), moving an imported box that lies outside [0,1]. */
  check_round_trip ("{\"op\":\"add-box\",\"finding_id\":\"f1\",\"reader_id\":\"r2\",\"image_id\":\"img-f\","
                    "\"box\":{\"box_id\":\"b9\",\"xyxy_norm\":[0.5,0.5,0.625,0.75]}}",
                    "{\"box_id\":\"b3\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]},{\"box_id\":\"b9\"");
  check_round_trip ("{\"op\":\"add-box\",\"finding_id\":\"f3\",\"reader_id\":\"r1\",\"image_id\":\"img-f\","
                    "\"box\":{\"box_id\":\"b9\",\"xyxy_norm\":[0,0,1,1]}}",
                    "\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":[{\"box_id\":\"b9\",\"xyxy_norm\":[0,0,1,1]}]}]}");
  check_round_trip ("{\"op\":\"add-box\",\"finding_id\":\"f2\",\"reader_id\":\"r1\",\"image_id\":\"img-f\","
                    "\"box\":{\"box_id\":\"b9\",\"xyxy_norm\":[0,0,1,1]}}",
                    "\"annotations\":[{\"reader_id\":\"r1\"");
  check_round_trip ("{\"op\":\"remove-box\",\"box_id\":\"b3\"}",
                    "{\"reader_id\":\"r2\",\"image_id\":\"img-f\",\"status\":\"not_boxed\",\"boxes\":[]}");
  check_round_trip ("{\"op\":\"remove-box\",\"box_id\":\"b1\"}",
                    "\"status\":\"boxed\",\"boxes\":[{\"box_id\":\"b2\"");
  check_round_trip ("{\"op\":\"set-box\",\"box_id\":\"b2\",\"value\":[0.125,0,1,1]}",
                    "{\"box_id\":\"b2\",\"xyxy_norm\":[0.125,0,1,1]}");
  check_round_trip ("{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.2,0.5,0.75,0.875]}",
                    "\"xyxy_norm\":[0.2");
  /* Readers, whole members */
  check_round_trip ("{\"op\":\"add-reader\",\"reader\":{\"reader_id\":\"r3\",\"name\":\"Eva\",\"role\":\"translator\"}}",
                    "{\"reader_id\":\"r3\",\"name\":\"Eva\",\"role\":\"translator\"}]");
  check_round_trip ("{\"op\":\"remove-reader\",\"reader_id\":\"r1\"}",
                    "\"readers\":[{\"reader_id\":\"r2\"");
  check_round_trip ("{\"op\":\"set-document-field\",\"field\":\"qc\",\"value\":{\"img-f\":{\"rotated\":true}}}",
                    "\"qc\":{\"img-f\":{\"rotated\":true}}");
  check_round_trip ("{\"op\":\"set-document-field\",\"field\":\"x-unknown\",\"value\":7}",
                    "\"x-unknown\":7}");
  /* A batch: undone as one, children in reverse order. */
  check_round_trip ("{\"op\":\"batch\",\"label\":\"Split\",\"ops\":["
                    "{\"op\":\"add-finding\",\"finding\":{\"finding_id\":\"f9\"}},"
                    "{\"op\":\"set-finding-field\",\"finding_id\":\"f9\",\"field\":\"text.en\",\"value\":\"New.\"},"
                    "{\"op\":\"move-finding\",\"finding_id\":\"f9\",\"to\":0},"
                    "{\"op\":\"add-box\",\"finding_id\":\"f9\",\"reader_id\":\"r1\",\"image_id\":\"img-f\","
                    "\"box\":{\"box_id\":\"b9\",\"xyxy_norm\":[0,0,0.5,0.5]}},"
                    "{\"op\":\"remove-box\",\"box_id\":\"b1\"},"
                    "{\"op\":\"set-study-field\",\"field\":\"status\",\"value\":\"in_progress\"}]}",
                    "\"findings\":[{\"finding_id\":\"f9\",\"text\":{\"en\":\"New.\"},\"annotations\":[{\"reader_id\":\"r1\"");
}

static void
test_add_remove_box_entry (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autoptr(HilumOperation) add = NULL;
  g_autoptr(HilumOperation) remove = NULL;
  const double xyxy[4] = { 0.1, 0.2, 0.3, 0.4 };
  JsonObject *finding;
  JsonObject *annotation;

  add = hilum_operation_new_add_box ("f3", "r2", "img-f", NULL, xyxy);
  g_assert_true (hilum_document_apply (doc, add, NULL));
  finding = hilum_document_find_finding (doc, "f3", NULL);
  annotation = json_array_get_object_element (json_object_get_array_member (finding, "annotations"), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "reader_id"), ==, "r2");
  g_assert_cmpstr (json_object_get_string_member (annotation, "status"), ==, "boxed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (annotation, "boxes")), ==, 1);

  /* Deleting the reader's only box keeps the entry: "looked, nothing to box". */
  remove = hilum_operation_new_remove_box (json_object_get_string_member (json_object_get_object_member (hilum_operation_get_json (add), "box"), "box_id"));
  g_assert_true (hilum_document_apply (doc, remove, NULL));
  annotation = json_array_get_object_element (json_object_get_array_member (finding, "annotations"), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "status"), ==, "not_boxed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (annotation, "boxes")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (remove), "finding_id"), ==, "f3");
  g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (remove), "reader_id"), ==, "r2");
}

typedef struct
{
  const char *json;
  int code;
  const char *message;
} RefusedCase;

static void
test_refused (void)
{
  static const RefusedCase cases[] = {
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f7\",\"field\":\"text.en\",\"value\":\"x\"}",
      HILUM_DOCUMENT_ERROR_NOT_FOUND, "There is no finding with the id “f7” in this study." },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"colour\",\"value\":\"x\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "“colour” is not a finding field that can be edited." },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.en\",\"value\":3}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A sentence must be text." },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"polarity\",\"value\":\"maybe\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A finding’s polarity must be “positive” or “negative”." },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"labels\",\"value\":[\"a\",1]}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A finding’s labels must be a list of texts." },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"locations\",\"value\":\"left\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A finding’s locations must be a list of texts." },
    { "{\"op\":\"set-study-field\",\"field\":\"study_id\",\"value\":\"2\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "“study_id” is not a study field that can be edited." },
    { "{\"op\":\"set-study-field\",\"field\":\"status\",\"value\":\"done\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "The study status must be new, in_progress, annotated or reviewed." },
    { "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.1,0.2,1.5,0.4]}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A box must lie inside the image: its coordinates must be between 0 and 1." },
    { "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.5,0.2,0.4,0.4]}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A box must not be turned inside out: x1 may not exceed x2, nor y1 exceed y2." },
    { "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.1,0.2,0.4]}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A box needs four numbers: x1, y1, x2, y2." },
    { "{\"op\":\"set-box\",\"box_id\":\"b7\",\"value\":[0.1,0.2,0.3,0.4]}",
      HILUM_DOCUMENT_ERROR_NOT_FOUND, "There is no box with the id “b7” in this study." },
    { "{\"op\":\"remove-box\",\"box_id\":\"b7\"}",
      HILUM_DOCUMENT_ERROR_NOT_FOUND, "There is no box with the id “b7” in this study." },
    { "{\"op\":\"add-box\",\"finding_id\":\"f2\",\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"box\":{\"box_id\":\"b1\",\"xyxy_norm\":[0,0,1,1]}}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A box with the id “b1” is already in this study." },
    { "{\"op\":\"add-box\",\"finding_id\":\"f2\",\"reader_id\":\"r1\",\"box\":{\"box_id\":\"b8\",\"xyxy_norm\":[0,0,1,1]}}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "The edit “add-box” has no “image_id”." },
    { "{\"op\":\"add-finding\",\"finding\":{\"finding_id\":\"f1\"}}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "A finding with the id “f1” is already in this study." },
    { "{\"op\":\"add-finding\",\"index\":4,\"finding\":{\"finding_id\":\"f8\"}}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "Position 4 is outside the list (0 to 3)." },
    { "{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"to\":3}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "Position 3 is outside the list (0 to 2)." },
    { "{\"op\":\"remove-finding\",\"finding_id\":\"f8\"}",
      HILUM_DOCUMENT_ERROR_NOT_FOUND, "There is no finding with the id “f8” in this study." },
    { "{\"op\":\"paint\"}",
      HILUM_DOCUMENT_ERROR_BAD_OPERATION, "“paint” is not a kind of edit Hilum knows." },
    /* A batch whose last part fails leaves everything as it was. */
    { "{\"op\":\"batch\",\"ops\":[{\"op\":\"remove-finding\",\"finding_id\":\"f1\"},"
      "{\"op\":\"set-study-field\",\"field\":\"indication\",\"value\":\"x\"},"
      "{\"op\":\"add-box\",\"finding_id\":\"f2\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"box\":{\"box_id\":\"b9\",\"xyxy_norm\":[0,0,1,1]}},"
      "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0,0,1,1]}]}",
      HILUM_DOCUMENT_ERROR_NOT_FOUND, "There is no box with the id “b1” in this study." },
  };
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autofree char *before = hilum_document_to_string (doc, FALSE);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_operation_unref);

  g_signal_connect (doc, "changed", G_CALLBACK (changed_cb), seen);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HilumOperation) op = hilum_fixture_operation (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (hilum_document_apply (doc, op, &error));
      g_assert_error (error, HILUM_DOCUMENT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      after = hilum_document_to_string (doc, FALSE);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_cmpuint (seen->len, ==, 0);
}

static void
test_finding_new (void)
{
  g_autoptr(JsonObject) finding = hilum_finding_new ("negative");
  g_autofree char *uuid = hilum_uuid_new ();

  g_assert_true (g_uuid_string_is_valid (hilum_finding_get_id (finding)));
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_cmpstr (hilum_finding_get_polarity (finding), ==, "negative");
  g_assert_cmpstr (hilum_finding_get_text (finding, "en"), ==, "");
  g_assert_cmpstr (hilum_finding_get_text (finding, "es"), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (finding, "labels")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (finding, "annotations")), ==, 0);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* diff(self, target) applied to self gives target, byte for byte; returns the diff's
 * kinds ("set-box,add-finding"). */
static char *
check_diff (HilumDocument *self,
            HilumDocument *target)
{
  g_autoptr(HilumDocument) work = hilum_document_copy (self);
  g_autoptr(HilumOperation) diff = hilum_document_diff (self, target);
  g_autoptr(GError) error = NULL;
  g_autofree char *want = hilum_document_to_string (target, FALSE);
  g_autofree char *got = NULL;
  g_autofree char *self_text = hilum_document_to_string (self, FALSE);
  g_autofree char *self_after = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(HilumOperation) undo = NULL;
  g_autofree char *diff_text = NULL;
  JsonArray *ops;

  g_assert_nonnull (diff);
  g_assert_cmpstr (hilum_operation_get_kind (diff), ==, "batch");
  if (!hilum_document_apply (work, diff, &error))
    g_error ("diff %s: %s", hilum_operation_to_string (diff), error->message);
  got = hilum_document_to_string (work, FALSE);
  diff_text = hilum_operation_to_string (diff);
  assert_same_text ("diff", diff_text, got, want);
  /* diff() leaves self alone, and its result undoes to self exactly. */
  self_after = hilum_document_to_string (self, FALSE);
  g_assert_cmpstr (self_after, ==, self_text);
  undo = hilum_operation_invert (diff);
  g_assert_true (hilum_document_apply (work, undo, NULL));
  g_free (got);
  got = hilum_document_to_string (work, FALSE);
  assert_same_text ("undo of diff", "", got, self_text);

  ops = json_object_get_array_member (hilum_operation_get_json (diff), "ops");
  for (guint i = 0; i < json_array_get_length (ops); i++)
    g_string_append_printf (kinds, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (ops, i), "op"));
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static HilumDocument *
document_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *doc = hilum_document_new_from_string (json, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_diff (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();

  g_assert_null (hilum_document_diff (doc, doc));
  {
    g_autoptr(HilumDocument) copy = hilum_document_copy (doc);
    g_assert_null (hilum_document_diff (doc, copy));
  }

  /* Edits a session would make: each becomes its own fine operation. */
  {
    g_autoptr(HilumDocument) target = hilum_document_copy (doc);
    const char *edits[] = {
      "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.es\",\"value\":\"Cardiomegalia leve.\"}",
      "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.5,0.5,0.75,0.75]}",
      "{\"op\":\"add-box\",\"finding_id\":\"f3\",\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"box\":{\"box_id\":\"b7\",\"xyxy_norm\":[0,0,0.5,0.5]}}",
      "{\"op\":\"move-finding\",\"finding_id\":\"f3\",\"to\":0}",
      "{\"op\":\"remove-finding\",\"finding_id\":\"f2\"}",
      "{\"op\":\"add-finding\",\"index\":1,\"finding\":{\"finding_id\":\"f9\",\"text\":{\"en\":\"Ñandú.\"}}}",
      "{\"op\":\"set-study-field\",\"field\":\"indication\",\"value\":\"Fiebre\"}",
      "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"labels\",\"value\":[\"cardiomegaly\",\"other\"]}",
      "{\"op\":\"remove-box\",\"box_id\":\"b3\"}",
    };
    g_autofree char *kinds = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
      {
        g_autoptr(HilumOperation) op = hilum_fixture_operation (edits[i]);

        g_assert_true (hilum_document_apply (target, op, NULL));
      }
    kinds = check_diff (doc, target);
    g_assert_cmpstr (kinds, ==,
                     "set-study-field,remove-finding,remove-box,move-finding,"
                     "add-box,set-finding-field,set-finding-field,set-box,add-finding");
  }

  /* A box that moves to another finding keeps its id. */
  {
    g_autofree char *json = replace_once (sample_json, "\"status\":\"boxed\",\"boxes\":[{\"box_id\":\"b3\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]}]",
                                          "\"status\":\"not_boxed\",\"boxes\":[]");
    g_autofree char *json2 = replace_once (json, "\"annotations\":[]}",
                                           "\"annotations\":[{\"reader_id\":\"r2\",\"image_id\":\"img-f\",\"status\":\"boxed\","
                                           "\"boxes\":[{\"box_id\":\"b3\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]}]}]}");
    g_autoptr(HilumDocument) target = document_from (json2);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "remove-box,add-box");
  }

  /* What the kinds cannot say: an unknown key in a finding, a changed status, a key order,
   * unknown study keys, top-level members. */
  {
    g_autofree char *json = replace_once (sample_json, "\"unknown_key\":[1,2,3]", "\"unknown_key\":[1,2,4]");
    g_autoptr(HilumDocument) target = document_from (json);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "replace-finding");
  }
  {
    g_autofree char *json = replace_once (sample_json, "\"status\":\"boxed\",\"boxes\":[{\"box_id\":\"b3\"",
                                          "\"status\":\"not_reviewed\",\"boxes\":[{\"box_id\":\"b3\"");
    g_autoptr(HilumDocument) target = document_from (json);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "replace-finding");
  }
  {
    g_autofree char *json = replace_once (sample_json, "\"extra\":{\"Year\":2020}", "\"extra\":{\"Year\":2021}");
    g_autofree char *json2 = replace_once (json, "\"indication\":\"Tos\"", "\"indication\":\"Disnea\"");
    g_autoptr(HilumDocument) target = document_from (json2);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "set-document-field");
  }
  {
    g_autofree char *json = replace_once (sample_json, "\"qc\":{}", "\"qc\":{\"img-f\":{\"rotated\":true}}");
    g_autofree char *json2 = replace_once (json, "\"consensus\":null,", "");
    g_autofree char *json3 = replace_once (json2, "\"2026-01-01T00:00:00Z\"}", "\"2026-01-01T00:00:00Z\"},\"x\":1");
    g_autoptr(HilumDocument) target = document_from (json3);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "set-document-field,set-document-field,set-document-field");
  }
  {
    g_autofree char *json = replace_once (sample_json, "{\"en\":\"No effusion.\",\"es\":\"Sin derrame.\"}",
                                          "{\"es\":\"Sin derrame.\",\"en\":\"No effusion.\"}");
    g_autoptr(HilumDocument) target = document_from (json);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "replace-finding");
  }
  {
    /* A finding without its "text" (in the middle of its keys): undo puts it back there. */
    g_autofree char *json = replace_once (sample_json, "\"text\":{\"en\":\"Nodule.\",\"es\":\"Nódulo.\"},", "");
    g_autoptr(HilumDocument) target = document_from (json);
    g_autofree char *kinds = check_diff (doc, target);

    g_assert_cmpstr (kinds, ==, "set-finding-field,set-finding-field");
  }
  /* Reversed: a whole new document from an empty one, and back. */
  {
    g_autoptr(HilumDocument) empty = hilum_document_new ("123456789012345678901234567890123456789");
    g_autofree char *there = check_diff (empty, doc);
    g_autofree char *back = check_diff (doc, empty);

    g_assert_nonnull (strstr (there, "add-finding,add-finding,add-finding"));
    g_assert_nonnull (strstr (back, "remove-finding,remove-finding,remove-finding"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/document/new", test_new);
  g_test_add_func ("/hilum/document/accessors", test_accessors);
  g_test_add_func ("/hilum/document/unknown-kept", test_unknown_kept);
  g_test_add_func ("/hilum/document/invalid", test_invalid);
  g_test_add_func ("/hilum/document/round-trips", test_round_trips);
  g_test_add_func ("/hilum/document/box-entry", test_add_remove_box_entry);
  g_test_add_func ("/hilum/document/refused", test_refused);
  g_test_add_func ("/hilum/document/finding-new", test_finding_new);
  g_test_add_func ("/hilum/document/diff", test_diff);

  return g_test_run ();
}
