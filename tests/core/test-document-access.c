/* test-document-access.c — the typed accessors the UI reads documents through, and the
 * typed operation constructors it edits them with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-format.h"
#include "hilum-operation.h"
#include "hilum-translation-check.h"

/* Two readers (one verified the Spanish of f1), boxes on two images, a finding without
 * polarity, a translation state that is not an object — and, put in after reading (the
 * reader refuses them; a store of an older version may still hold them), a number among
 * the labels, a progression that is a number and an image that is not an object: the
 * accessors skip what is not what they read. */
static const char *sample_json =
  "{\"schema\":\"hilum-study/1\","
  "\"study\":{\"study_id\":\"s1\",\"study_date\":\"20200101\",\"indication\":\"Tos\",\"status\":\"in_progress\"},"
  "\"images\":[{\"image_id\":\"img-f\",\"role\":\"current_frontal\",\"width\":1824,\"height\":1652},"
  "{\"image_id\":\"img-l\",\"role\":\"current_lateral\",\"width\":null}],"
  "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"},"
  "{\"reader_id\":\"r2\",\"role\":\"translator\"}],"
  "\"findings\":["
  "{\"finding_id\":\"f1\",\"polarity\":\"positive\",\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia.\"},"
  "\"translation\":{\"es\":{\"state\":\"verified\",\"by\":\"r2\",\"at\":\"2026-11-24T14:02:00Z\"},"
  "\"en\":{\"state\":\"draft\",\"by\":null,\"at\":null}},"
  "\"labels\":[\"cardiomegaly\",\"other\"],\"locations\":[\"cardiac\"],\"progression\":\"stable\","
  "\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b1\",\"xyxy_norm\":[0.75,0.5,0.25,0.875]},"
  "{\"box_id\":\"b2\",\"xyxy_norm\":[0,0,1,1]}]},"
  "{\"reader_id\":\"r2\",\"image_id\":\"img-l\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b3\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]}]}]},"
  "{\"finding_id\":\"f2\",\"polarity\":\"negative\",\"text\":{\"en\":\"No effusion.\",\"es\":\"Sin derrame.\"},"
  "\"translation\":{\"es\":\"verified\"},"
  "\"annotations\":[{\"reader_id\":\"r2\",\"image_id\":\"img-f\",\"boxes\":["
  "{\"box_id\":\"b4\",\"xyxy_norm\":[0.5,0.5,0.625,0.625]}]}]},"
  "{\"finding_id\":\"f3\",\"text\":{\"es\":\"Nódulo.\"}}"
  "]}";

static HilumDocument *
sample_document (void)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *doc = hilum_document_new_from_string (sample_json, -1, &error);

  JsonObject *root;
  JsonArray *findings;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  root = hilum_document_get_root (doc);
  findings = json_object_get_array_member (root, "findings");
  json_array_add_int_element (json_object_get_array_member (json_array_get_object_element (findings, 0), "labels"), 7);
  json_object_set_int_member (json_array_get_object_element (findings, 1), "progression", 3);
  json_array_add_string_element (json_object_get_array_member (root, "images"), "not an image");
  return doc;
}

static void
apply (HilumDocument  *doc,
       HilumOperation *op)
{
  g_autoptr(HilumOperation) owned = op;
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_document_apply (doc, owned, &error));
  g_assert_no_error (error);
}

static void
test_findings (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) locations = NULL;
  g_auto(GStrv) none = NULL;
  guint index = 99;

  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 3);
  g_assert_cmpstr (hilum_document_get_finding_id (doc, 0), ==, "f1");
  g_assert_cmpstr (hilum_document_get_finding_id (doc, 2), ==, "f3");
  g_assert_null (hilum_document_get_finding_id (doc, 3));

  g_assert_true (hilum_document_get_finding_index (doc, "f2", &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_false (hilum_document_get_finding_index (doc, "f9", &index));
  g_assert_false (hilum_document_get_finding_index (doc, NULL, NULL));
  g_assert_true (hilum_document_has_finding (doc, "f3"));
  g_assert_false (hilum_document_has_finding (doc, "f9"));

  g_assert_cmpint (hilum_document_get_finding_polarity (doc, "f1"), ==, HILUM_POLARITY_POSITIVE);
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, "f2"), ==, HILUM_POLARITY_NEGATIVE);
  /* No polarity, or no such finding: positive, as the report groups it. */
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, "f3"), ==, HILUM_POLARITY_POSITIVE);
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, "f9"), ==, HILUM_POLARITY_POSITIVE);

  g_assert_cmpstr (hilum_document_get_finding_text (doc, "f1", "es"), ==, "Cardiomegalia.");
  g_assert_cmpstr (hilum_document_get_finding_text (doc, "f1", "en"), ==, "Cardiomegaly.");
  g_assert_cmpstr (hilum_document_get_finding_text (doc, "f3", "es"), ==, "Nódulo.");
  g_assert_cmpstr (hilum_document_get_finding_text (doc, "f3", "en"), ==, "");
  g_assert_cmpstr (hilum_document_get_finding_text (doc, "f9", "es"), ==, "");

  g_assert_cmpstr (hilum_document_get_finding_progression (doc, "f1"), ==, "stable");
  /* A number is no progression Hilum can show. */
  g_assert_null (hilum_document_get_finding_progression (doc, "f2"));
  g_assert_null (hilum_document_get_finding_progression (doc, "f3"));

  labels = hilum_document_dup_finding_labels (doc, "f1");
  locations = hilum_document_dup_finding_locations (doc, "f1");
  none = hilum_document_dup_finding_labels (doc, "f3");
  g_assert_cmpstrv (labels, ((const char * const[]) { "cardiomegaly", "other", NULL }));
  g_assert_cmpstrv (locations, ((const char * const[]) { "cardiac", NULL }));
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_translation_state (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  const char *by = NULL;
  const char *at = NULL;

  g_assert_cmpint (hilum_document_get_translation_state (doc, "f1", "es", &by, &at),
                   ==, HILUM_TRANSLATION_VERIFIED);
  g_assert_cmpstr (by, ==, "r2");
  g_assert_cmpstr (at, ==, "2026-11-24T14:02:00Z");
  g_assert_cmpstr (hilum_document_get_reader_name (doc, by), ==, "r2");

  g_assert_cmpint (hilum_document_get_translation_state (doc, "f1", "en", &by, &at),
                   ==, HILUM_TRANSLATION_DRAFT);
  g_assert_cmpstr (by, ==, "");
  g_assert_null (at);
  /* A state that is not an object, no translation at all, no such finding: drafts. */
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f2", "es", NULL, NULL),
                   ==, HILUM_TRANSLATION_DRAFT);
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f3", "es", &by, NULL),
                   ==, HILUM_TRANSLATION_DRAFT);
  g_assert_cmpstr (by, ==, "");
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f9", "es", NULL, NULL),
                   ==, HILUM_TRANSLATION_DRAFT);
}

static void
test_boxes (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (HilumDocumentBox));
  HilumDocumentBox *box;

  /* Every box, report order. */
  g_assert_cmpuint (hilum_document_collect_boxes (doc, NULL, NULL, boxes), ==, 4);
  box = &g_array_index (boxes, HilumDocumentBox, 0);
  g_assert_cmpstr (box->box_id, ==, "b1");
  g_assert_cmpstr (box->finding_id, ==, "f1");
  g_assert_cmpstr (box->reader_id, ==, "r1");
  g_assert_cmpstr (box->image_id, ==, "img-f");
  g_assert_cmpuint (box->finding_index, ==, 0);
  /* As stored, not reordered: the viewer orders corners itself. */
  g_assert_cmpfloat (box->xyxy_norm[0], ==, 0.75);
  g_assert_cmpfloat (box->xyxy_norm[1], ==, 0.5);
  g_assert_cmpfloat (box->xyxy_norm[2], ==, 0.25);
  g_assert_cmpfloat (box->xyxy_norm[3], ==, 0.875);
  box = &g_array_index (boxes, HilumDocumentBox, 1);
  g_assert_cmpstr (box->box_id, ==, "b2");
  /* Integers read as numbers. */
  g_assert_cmpfloat (box->xyxy_norm[2], ==, 1.0);
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 2).box_id, ==, "b3");
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 2).image_id, ==, "img-l");
  box = &g_array_index (boxes, HilumDocumentBox, 3);
  g_assert_cmpstr (box->box_id, ==, "b4");
  g_assert_cmpstr (box->finding_id, ==, "f2");
  g_assert_cmpuint (box->finding_index, ==, 1);
  g_assert_cmpstr (box->reader_id, ==, "r2");

  /* One image: appended after what the array held. */
  g_assert_cmpuint (hilum_document_collect_boxes (doc, NULL, "img-f", boxes), ==, 3);
  g_assert_cmpuint (boxes->len, ==, 7);
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 4).box_id, ==, "b1");
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 5).box_id, ==, "b2");
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 6).box_id, ==, "b4");

  /* One finding, one finding on one image, and none. */
  g_array_set_size (boxes, 0);
  g_assert_cmpuint (hilum_document_collect_boxes (doc, "f1", NULL, boxes), ==, 3);
  g_assert_cmpuint (hilum_document_collect_boxes (doc, "f1", "img-l", boxes), ==, 1);
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 3).box_id, ==, "b3");
  g_assert_cmpuint (hilum_document_collect_boxes (doc, "f3", NULL, boxes), ==, 0);
  g_assert_cmpuint (hilum_document_collect_boxes (doc, "f9", NULL, boxes), ==, 0);
  g_assert_cmpuint (hilum_document_collect_boxes (doc, NULL, "img-x", boxes), ==, 0);

  /* A moved box reads moved: the accessors read the live document. */
  g_array_set_size (boxes, 0);
  apply (doc, hilum_operation_new_set_box ("b3", (const double[]) { 0.5, 0.5, 0.75, 0.75 }));
  hilum_document_collect_boxes (doc, NULL, "img-l", boxes);
  g_assert_cmpuint (boxes->len, ==, 1);
  g_assert_cmpfloat (g_array_index (boxes, HilumDocumentBox, 0).xyxy_norm[2], ==, 0.75);
}

static void
test_readers_images (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  HilumDocumentReader reader;
  HilumDocumentImage image;

  g_assert_cmpuint (hilum_document_get_n_readers (doc), ==, 2);
  g_assert_true (hilum_document_get_reader (doc, 0, &reader));
  g_assert_cmpstr (reader.reader_id, ==, "r1");
  g_assert_cmpstr (reader.name, ==, "Ana");
  g_assert_cmpstr (reader.role, ==, "reader");
  g_assert_true (hilum_document_get_reader (doc, 1, &reader));
  g_assert_cmpstr (reader.reader_id, ==, "r2");
  g_assert_cmpstr (reader.name, ==, "");
  g_assert_cmpstr (reader.role, ==, "translator");
  g_assert_false (hilum_document_get_reader (doc, 2, &reader));
  g_assert_cmpstr (hilum_document_get_reader_name (doc, "r1"), ==, "Ana");

  g_assert_cmpuint (hilum_document_get_n_images (doc), ==, 3);
  g_assert_true (hilum_document_get_image (doc, 0, &image));
  g_assert_cmpstr (image.image_id, ==, "img-f");
  g_assert_cmpstr (image.role, ==, "current_frontal");
  g_assert_cmpuint (image.width, ==, 1824);
  g_assert_cmpuint (image.height, ==, 1652);
  g_assert_true (hilum_document_get_image (doc, 1, &image));
  g_assert_cmpstr (image.image_id, ==, "img-l");
  g_assert_cmpuint (image.width, ==, 0);
  g_assert_cmpuint (image.height, ==, 0);
  g_assert_false (hilum_document_get_image (doc, 2, &image));
  g_assert_false (hilum_document_get_image (doc, 3, &image));
  g_assert_cmpstr (hilum_document_get_image_id_by_role (doc, "current_lateral"), ==, "img-l");
  g_assert_null (hilum_document_get_image_id_by_role (doc, "prior_frontal"));

  g_assert_cmpstr (hilum_document_get_study_field (doc, "status"), ==, "in_progress");
  g_assert_cmpstr (hilum_document_get_study_field (doc, "indication"), ==, "Tos");
  g_assert_null (hilum_document_get_study_field (doc, "technique"));
}

/* What the UI's edits write, read back through the accessors. */
static void
test_typed_operations (void)
{
  g_autoptr(HilumDocument) doc = sample_document ();
  g_autoptr(HilumOperation) add = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = NULL;
  const char *by = NULL;
  const char *at = NULL;
  g_autofree char *new_id = NULL;
  guint index = 0;

  apply (doc, hilum_operation_new_set_study_text ("technique", "PA"));
  g_assert_cmpstr (hilum_document_get_study_field (doc, "technique"), ==, "PA");
  apply (doc, hilum_operation_new_set_study_text ("status", "annotated"));
  g_assert_cmpstr (hilum_document_get_study_field (doc, "status"), ==, "annotated");

  apply (doc, hilum_operation_new_set_polarity ("f1", HILUM_POLARITY_NEGATIVE));
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, "f1"), ==, HILUM_POLARITY_NEGATIVE);

  apply (doc, hilum_operation_new_set_progression ("f1", "worsened"));
  g_assert_cmpstr (hilum_document_get_finding_progression (doc, "f1"), ==, "worsened");
  apply (doc, hilum_operation_new_set_progression ("f1", NULL));
  g_assert_null (hilum_document_get_finding_progression (doc, "f1"));
  g_assert_true (json_object_get_null_member (hilum_document_find_finding (doc, "f1", NULL), "progression"));

  apply (doc, hilum_operation_new_set_terms ("f3", "labels",
                                             (const char * const[]) { "nodule", "mass", NULL }));
  labels = hilum_document_dup_finding_labels (doc, "f3");
  g_assert_cmpstrv (labels, ((const char * const[]) { "nodule", "mass", NULL }));
  apply (doc, hilum_operation_new_set_terms ("f3", "locations", NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      hilum_document_find_finding (doc, "f3", NULL), "locations")), ==, 0);

  apply (doc, hilum_operation_new_set_translation_state ("f1", "en", HILUM_TRANSLATION_VERIFIED,
                                                         "r1", "2026-12-01T10:00:00Z"));
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f1", "en", &by, &at),
                   ==, HILUM_TRANSLATION_VERIFIED);
  g_assert_cmpstr (by, ==, "r1");
  g_assert_cmpstr (at, ==, "2026-12-01T10:00:00Z");
  /* Without a time: now, in UTC. */
  apply (doc, hilum_operation_new_set_translation_state ("f3", "es", HILUM_TRANSLATION_VERIFIED,
                                                         "r2", NULL));
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f3", "es", &by, &at),
                   ==, HILUM_TRANSLATION_VERIFIED);
  g_assert_cmpstr (by, ==, "r2");
  g_assert_true (at != NULL && g_str_has_suffix (at, "Z"));
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (at, NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_nonnull (when);
    g_assert_cmpint (g_date_time_difference (now, when), <, 60 * G_TIME_SPAN_SECOND);
  }
  /* A draft again: no who or when. */
  apply (doc, hilum_operation_new_set_translation_state ("f1", "es", HILUM_TRANSLATION_DRAFT, NULL, NULL));
  g_assert_cmpint (hilum_document_get_translation_state (doc, "f1", "es", &by, &at),
                   ==, HILUM_TRANSLATION_DRAFT);
  g_assert_cmpstr (by, ==, "");
  g_assert_null (at);

  /* A new empty negative sentence after f1: its id comes from the operation. */
  add = hilum_operation_new_add_empty_finding (HILUM_POLARITY_NEGATIVE, 1);
  new_id = g_strdup (hilum_operation_get_finding_id (add));
  g_assert_true (g_uuid_string_is_valid (new_id));
  g_assert_true (hilum_document_apply (doc, add, &error));
  g_assert_no_error (error);
  g_assert_true (hilum_document_get_finding_index (doc, new_id, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, new_id), ==, HILUM_POLARITY_NEGATIVE);
  g_assert_cmpstr (hilum_document_get_finding_text (doc, new_id, "es"), ==, "");
  g_assert_cmpint (hilum_document_get_translation_state (doc, new_id, "en", NULL, NULL),
                   ==, HILUM_TRANSLATION_DRAFT);
  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 4);
}

static void
test_operation_getters (void)
{
  g_autoptr(HilumOperation) text = hilum_operation_new_set_text ("f1", "es", "Hola.");
  g_autoptr(HilumOperation) study = hilum_operation_new_set_study_text ("indication", "Fiebre");
  g_autoptr(HilumOperation) box = hilum_operation_new_remove_box ("b1");
  g_autoptr(HilumOperation) add = hilum_operation_new_add_empty_finding (HILUM_POLARITY_POSITIVE, -1);
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(HilumOperation) replace = NULL;

  g_assert_cmpstr (hilum_operation_get_field (text), ==, "text.es");
  g_assert_cmpstr (hilum_operation_get_finding_id (text), ==, "f1");
  g_assert_cmpstr (hilum_operation_get_field (study), ==, "indication");
  g_assert_null (hilum_operation_get_finding_id (study));
  g_assert_null (hilum_operation_get_field (box));
  g_assert_null (hilum_operation_get_finding_id (box));
  g_assert_null (hilum_operation_get_field (add));
  g_assert_nonnull (hilum_operation_get_finding_id (add));

  json_object_set_string_member (finding, "finding_id", "f7");
  replace = hilum_operation_new_replace_finding (finding);
  g_assert_cmpstr (hilum_operation_get_finding_id (replace), ==, "f7");
}

/* A real import: a PadChest-GR record read by the format, then read through the accessors. */
static void
test_padchest_import (void)
{
  static const char record[] =
    "[{\"StudyID\": \"222\", \"ImageID\": \"222_def456.png\", \"PreviousStudyID\": null, "
    "\"PreviousImageID\": null, \"findings\": ["
    "{\"sentence_en\": \"Cardiomegaly.\", \"sentence_es\": \"Cardiomegalia.\", \"abnormal\": true, "
    "\"boxes\": [[0.25, 0.5, 0.75, 1]], \"extra_boxes\": [[0.1, 0.2, 0.3, 0.4]], "
    "\"labels\": [\"cardiomegaly\"], \"locations\": [\"cardiac\"], \"progression\": \"stable\"}, "
    "{\"sentence_en\": \"No effusion.\", \"sentence_es\": \"Sin derrame.\", \"abnormal\": false}]}]";
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "grounded_reports.json", NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (HilumDocumentBox));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = NULL;
  HilumDocumentImage image;
  HilumDocument *doc;
  const char *positive, *negative;

  g_assert_true (g_file_set_contents (path, record, -1, NULL));
  documents = hilum_format_import (HILUM_FORMAT_PADCHEST_GR, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  doc = g_ptr_array_index (documents, 0);

  g_assert_cmpstr (hilum_document_get_study_id (doc), ==, "222");
  g_assert_cmpuint (hilum_document_get_n_findings (doc), ==, 2);
  positive = hilum_document_get_finding_id (doc, 0);
  negative = hilum_document_get_finding_id (doc, 1);
  g_assert_true (g_uuid_string_is_valid (positive));
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, positive), ==, HILUM_POLARITY_POSITIVE);
  g_assert_cmpint (hilum_document_get_finding_polarity (doc, negative), ==, HILUM_POLARITY_NEGATIVE);
  g_assert_cmpstr (hilum_document_get_finding_text (doc, positive, "es"), ==, "Cardiomegalia.");
  g_assert_cmpstr (hilum_document_get_finding_text (doc, negative, "en"), ==, "No effusion.");
  g_assert_cmpstr (hilum_document_get_finding_progression (doc, positive), ==, "stable");
  labels = hilum_document_dup_finding_labels (doc, positive);
  g_assert_cmpstrv (labels, ((const char * const[]) { "cardiomegaly", NULL }));

  g_assert_true (hilum_document_get_image (doc, 0, &image));
  g_assert_cmpstr (image.image_id, ==, "222_def456.png");
  g_assert_cmpstr (image.role, ==, "current_frontal");
  g_assert_cmpstr (hilum_document_get_image_id_by_role (doc, "current_frontal"), ==, "222_def456.png");

  /* The two box slots of the release are two readers. */
  g_assert_cmpuint (hilum_document_collect_boxes (doc, positive, "222_def456.png", boxes), ==, 2);
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 0).reader_id, ==, "padchest-gr:boxes");
  g_assert_cmpfloat (g_array_index (boxes, HilumDocumentBox, 0).xyxy_norm[3], ==, 1.0);
  g_assert_cmpstr (g_array_index (boxes, HilumDocumentBox, 1).reader_id, ==, "padchest-gr:extra_boxes");
  g_assert_cmpfloat (g_array_index (boxes, HilumDocumentBox, 1).xyxy_norm[0], ==, 0.1);
  g_assert_cmpuint (hilum_document_get_n_readers (doc), ==, 2);
  g_assert_cmpuint (hilum_document_collect_boxes (doc, negative, NULL, boxes), ==, 0);

  /* Translation checks by id: the pair is consistent; an unknown id has no flags. */
  {
    g_autoptr(GPtrArray) flags = hilum_translation_check_finding_id (doc, positive);
    g_autoptr(GPtrArray) unknown = hilum_translation_check_finding_id (doc, "f9");

    g_assert_cmpuint (flags->len, ==, 0);
    g_assert_cmpuint (unknown->len, ==, 0);
  }
  apply (doc, hilum_operation_new_set_text (positive, "en", ""));
  {
    g_autoptr(GPtrArray) flags = hilum_translation_check_finding_id (doc, positive);

    g_assert_cmpuint (flags->len, ==, 1);
    g_assert_cmpstr (((HilumTranslationFlag *) flags->pdata[0])->flag, ==, "missing-translation");
    g_assert_cmpstr (((HilumTranslationFlag *) flags->pdata[0])->finding_id, ==, positive);
  }

  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/document-access/findings", test_findings);
  g_test_add_func ("/hilum/document-access/translation-state", test_translation_state);
  g_test_add_func ("/hilum/document-access/boxes", test_boxes);
  g_test_add_func ("/hilum/document-access/readers-images", test_readers_images);
  g_test_add_func ("/hilum/document-access/typed-operations", test_typed_operations);
  g_test_add_func ("/hilum/document-access/operation-getters", test_operation_getters);
  g_test_add_func ("/hilum/document-access/padchest-import", test_padchest_import);

  return g_test_run ();
}
