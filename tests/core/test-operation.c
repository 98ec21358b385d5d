/* test-operation.c — operations as JSON: constructors, inverses, labels, parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-operation.h"

static void
assert_json (HilumOperation *op,
             const char     *want)
{
  g_autofree char *got = hilum_operation_to_string (op);

  g_assert_cmpstr (got, ==, want);
}

static void
test_constructors (void)
{
  const double xyxy[4] = { 0.25, 0.5, 0.75, 1 };
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "Tos");
  g_autoptr(JsonNode) labels = json_from_string ("[\"nodule\"]", NULL);
  g_autoptr(JsonObject) reader = json_object_new ();
  g_autoptr(JsonObject) finding = json_object_new ();
  g_autoptr(HilumOperation) box = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  json_object_set_string_member (reader, "reader_id", "r1");
  json_object_set_string_member (finding, "finding_id", "f1");

  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_study_field ("indication", value);
    assert_json (op, "{\"op\":\"set-study-field\",\"field\":\"indication\",\"value\":\"Tos\"}");
    g_assert_cmpstr (hilum_operation_get_kind (op), ==, "set-study-field");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_finding (finding, 2);
    assert_json (op, "{\"op\":\"add-finding\",\"index\":2,\"finding\":{\"finding_id\":\"f1\"}}");
    /* The operation holds a copy: changing the caller's object later changes nothing. */
    json_object_set_string_member (finding, "polarity", "negative");
    assert_json (op, "{\"op\":\"add-finding\",\"index\":2,\"finding\":{\"finding_id\":\"f1\"}}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_finding (finding, -1);
    assert_json (op, "{\"op\":\"add-finding\",\"finding\":{\"finding_id\":\"f1\",\"polarity\":\"negative\"}}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_finding ("f1");
    assert_json (op, "{\"op\":\"remove-finding\",\"finding_id\":\"f1\"}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_move_finding ("f1", 0);
    assert_json (op, "{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"to\":0}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_finding_field ("f1", "labels", labels);
    assert_json (op, "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"labels\",\"value\":[\"nodule\"]}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "es", "Nódulo en ñ");
    assert_json (op, "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.es\",\"value\":\"Nódulo en ñ\"}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_box ("f1", "r1", "img", "b1", xyxy);
    assert_json (op, "{\"op\":\"add-box\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"img\","
                     "\"box\":{\"box_id\":\"b1\",\"xyxy_norm\":[0.25,0.5,0.75,1.0]}}");
  }
  box = hilum_operation_new_add_box ("f1", "r1", "img", NULL, xyxy);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (
                   json_object_get_object_member (hilum_operation_get_json (box), "box"), "box_id")));
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_box ("b1");
    assert_json (op, "{\"op\":\"remove-box\",\"box_id\":\"b1\"}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_box ("b1", xyxy);
    assert_json (op, "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0.25,0.5,0.75,1.0]}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_reader (reader);
    assert_json (op, "{\"op\":\"add-reader\",\"reader\":{\"reader_id\":\"r1\"}}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_reader ("r1");
    assert_json (op, "{\"op\":\"remove-reader\",\"reader_id\":\"r1\"}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_replace_finding (finding);
    assert_json (op, "{\"op\":\"replace-finding\",\"finding_id\":\"f1\",\"value\":{\"finding_id\":\"f1\",\"polarity\":\"negative\"}}");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_document_field ("qc", NULL);
    assert_json (op, "{\"op\":\"set-document-field\",\"field\":\"qc\"}");
  }

  /* A batch takes its parts: the array is emptied, the parts live on in the batch. */
  g_ptr_array_add (parts, hilum_operation_new_remove_box ("b1"));
  g_ptr_array_add (parts, hilum_operation_new_remove_finding ("f1"));
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_batch ("Delete Finding", parts);
    assert_json (op, "{\"op\":\"batch\",\"label\":\"Delete Finding\",\"ops\":["
                     "{\"op\":\"remove-box\",\"box_id\":\"b1\"},{\"op\":\"remove-finding\",\"finding_id\":\"f1\"}]}");
    g_assert_cmpuint (parts->len, ==, 0);
  }
}

typedef struct
{
  const char *applied;
  const char *inverse;
} InverseCase;

static void
test_invert (void)
{
  /* Applied operations (with what apply() recorded) and their inverses. */
  static const InverseCase cases[] = {
    { "{\"op\":\"set-study-field\",\"field\":\"indication\",\"value\":\"b\",\"before\":\"a\",\"author\":\"r1\",\"time\":\"t\"}",
      "{\"op\":\"set-study-field\",\"field\":\"indication\",\"before\":\"b\",\"value\":\"a\",\"restore\":true}" },
    /* The member was absent: the inverse removes it again. */
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"labels\",\"value\":[]}",
      "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"labels\",\"before\":[],\"restore\":true}" },
    { "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.en\",\"value\":\"x\",\"parent_created\":true}",
      "{\"op\":\"set-finding-field\",\"finding_id\":\"f1\",\"field\":\"text.en\",\"before\":\"x\",\"remove_parent\":true,\"restore\":true}" },
    { "{\"op\":\"add-finding\",\"index\":1,\"finding\":{\"finding_id\":\"f1\"}}",
      "{\"op\":\"remove-finding\",\"finding_id\":\"f1\",\"index\":1,\"restore\":true}" },
    { "{\"op\":\"remove-finding\",\"finding_id\":\"f1\",\"index\":1,\"before\":{\"finding_id\":\"f1\"}}",
      "{\"op\":\"add-finding\",\"index\":1,\"finding\":{\"finding_id\":\"f1\"},\"restore\":true}" },
    { "{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"to\":0,\"from\":3}",
      "{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"from\":0,\"to\":3,\"restore\":true}" },
    { "{\"op\":\"add-box\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"box\":{\"box_id\":\"b1\",\"xyxy_norm\":[0,0,1,1]},"
      "\"index\":0,\"annotation_index\":0,\"annotation_created\":true}",
      "{\"op\":\"remove-box\",\"box_id\":\"b1\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"index\":0,"
      "\"remove_annotation\":true,\"restore\":true}" },
    { "{\"op\":\"add-box\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"box\":{\"box_id\":\"b1\",\"xyxy_norm\":[0,0,1,1]},"
      "\"index\":2,\"annotation_index\":0,\"status_before\":\"not_boxed\"}",
      "{\"op\":\"remove-box\",\"box_id\":\"b1\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"index\":2,"
      "\"status\":\"not_boxed\",\"restore\":true}" },
    { "{\"op\":\"remove-box\",\"box_id\":\"b1\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"index\":2,"
      "\"annotation_index\":1,\"before\":{\"box_id\":\"b1\",\"xyxy_norm\":[0,0,1,1]},\"status_before\":\"boxed\"}",
      "{\"op\":\"add-box\",\"finding_id\":\"f1\",\"reader_id\":\"r1\",\"image_id\":\"i\",\"index\":2,"
      "\"box\":{\"box_id\":\"b1\",\"xyxy_norm\":[0,0,1,1]},\"annotation_index\":1,\"status\":\"boxed\",\"restore\":true}" },
    { "{\"op\":\"set-box\",\"box_id\":\"b1\",\"value\":[0,0,1,1],\"before\":[0,0,0.5,0.5]}",
      "{\"op\":\"set-box\",\"box_id\":\"b1\",\"before\":[0,0,1,1],\"value\":[0,0,0.5,0.5],\"restore\":true}" },
    { "{\"op\":\"add-reader\",\"reader\":{\"reader_id\":\"r3\"},\"index\":2}",
      "{\"op\":\"remove-reader\",\"reader_id\":\"r3\",\"index\":2,\"restore\":true}" },
    { "{\"op\":\"remove-reader\",\"reader_id\":\"r3\",\"index\":2,\"before\":{\"reader_id\":\"r3\"}}",
      "{\"op\":\"add-reader\",\"reader\":{\"reader_id\":\"r3\"},\"index\":2,\"restore\":true}" },
    { "{\"op\":\"replace-finding\",\"finding_id\":\"f1\",\"value\":{\"finding_id\":\"f1\",\"x\":2},\"before\":{\"finding_id\":\"f1\",\"x\":1}}",
      "{\"op\":\"replace-finding\",\"finding_id\":\"f1\",\"before\":{\"finding_id\":\"f1\",\"x\":2},\"value\":{\"finding_id\":\"f1\",\"x\":1},\"restore\":true}" },
    /* A batch: the inverted parts in reverse order. */
    { "{\"op\":\"batch\",\"label\":\"Split\",\"ops\":[{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"to\":0,\"from\":3},"
      "{\"op\":\"set-study-field\",\"field\":\"status\",\"value\":\"in_progress\",\"before\":\"new\",\"auto\":true}]}",
      "{\"op\":\"batch\",\"label\":\"Split\",\"ops\":[{\"op\":\"set-study-field\",\"field\":\"status\",\"before\":\"in_progress\","
      "\"value\":\"new\",\"auto\":true,\"restore\":true},{\"op\":\"move-finding\",\"finding_id\":\"f1\",\"from\":0,\"to\":3,\"restore\":true}],"
      "\"restore\":true}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HilumOperation) op = hilum_fixture_operation (cases[i].applied);
      g_autoptr(HilumOperation) inverse = hilum_operation_invert (op);

      assert_json (inverse, cases[i].inverse);
    }
}

typedef struct
{
  const char *json;
  const char *label;
} LabelCase;

static void
test_labels (void)
{
  static const LabelCase cases[] = {
    { "{\"op\":\"set-finding-field\",\"field\":\"text.en\"}", "Edit Sentence" },
    { "{\"op\":\"set-finding-field\",\"field\":\"text.es\"}", "Edit Sentence" },
    { "{\"op\":\"set-finding-field\",\"field\":\"polarity\"}", "Change Polarity" },
    { "{\"op\":\"set-finding-field\",\"field\":\"labels\"}", "Edit Labels" },
    { "{\"op\":\"set-finding-field\",\"field\":\"locations\"}", "Edit Locations" },
    { "{\"op\":\"set-finding-field\",\"field\":\"progression\"}", "Edit Progression" },
    { "{\"op\":\"set-finding-field\",\"field\":\"translation.es\"}", "Change Translation State" },
    { "{\"op\":\"set-study-field\",\"field\":\"indication\"}", "Edit Indication" },
    { "{\"op\":\"set-study-field\",\"field\":\"prior_report\"}", "Edit Prior Report" },
    { "{\"op\":\"set-study-field\",\"field\":\"status\"}", "Change Study Status" },
    { "{\"op\":\"add-finding\"}", "Add Finding" },
    { "{\"op\":\"remove-finding\"}", "Delete Finding" },
    { "{\"op\":\"move-finding\"}", "Move Finding" },
    { "{\"op\":\"add-box\"}", "Add Box" },
    { "{\"op\":\"remove-box\"}", "Delete Box" },
    { "{\"op\":\"set-box\"}", "Move Box" },
    { "{\"op\":\"add-reader\"}", "Add Reader" },
    { "{\"op\":\"batch\",\"label\":\"Split Finding\",\"ops\":[]}", "Split Finding" },
    { "{\"op\":\"batch\",\"ops\":[]}", "Edit Study" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HilumOperation) op = hilum_fixture_operation (cases[i].json);

      g_assert_cmpstr (hilum_operation_get_label (op), ==, cases[i].label);
    }
}

static void
test_parse (void)
{
  static const char * const bad[] = { "", "[1]", "{\"field\":\"x\"}", "{\"op\":" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HilumOperation) op = hilum_operation_new_from_string (bad[i], &error);

      g_assert_null (op);
      g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_BAD_OPERATION);
      g_assert_true (g_str_has_prefix (error->message, "The edit could not be read: "));
    }

  /* What it writes it reads back; a parsed operation can be applied (it is not sealed). */
  {
    g_autoptr(HilumDocument) doc = hilum_document_new ("s");
    g_autoptr(HilumOperation) op = hilum_fixture_operation ("{\"op\":\"set-study-field\",\"field\":\"technique\",\"value\":\"PA\"}");
    g_autoptr(HilumOperation) copy = NULL;
    g_autoptr(HilumOperation) again = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (hilum_document_apply (doc, op, &error));
    g_assert_no_error (error);
    assert_json (op, "{\"op\":\"set-study-field\",\"field\":\"technique\",\"value\":\"PA\",\"before\":\"\"}");
    text = hilum_operation_to_string (op);
    again = hilum_fixture_operation (text);
    assert_json (again, text);

    /* A copy is deep: applying it does not touch the original. */
    copy = hilum_operation_copy (op);
    json_object_set_string_member (hilum_operation_get_json (copy), "value", "AP");
    g_assert_true (hilum_document_apply (doc, copy, NULL));
    assert_json (op, "{\"op\":\"set-study-field\",\"field\":\"technique\",\"value\":\"PA\",\"before\":\"\"}");
    assert_json (copy, "{\"op\":\"set-study-field\",\"field\":\"technique\",\"value\":\"AP\",\"before\":\"PA\"}");
  }
}

static void
test_boxed (void)
{
  g_autoptr(HilumOperation) op = hilum_operation_new_remove_finding ("f1");
  GValue value = G_VALUE_INIT;

  /* A boxed type, so signals can carry it. */
  g_value_init (&value, HILUM_TYPE_OPERATION);
  g_value_set_boxed (&value, op);
  g_assert_true (g_value_get_boxed (&value) == op);
  g_value_unset (&value);
  assert_json (op, "{\"op\":\"remove-finding\",\"finding_id\":\"f1\"}");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/operation/constructors", test_constructors);
  g_test_add_func ("/hilum/operation/invert", test_invert);
  g_test_add_func ("/hilum/operation/labels", test_labels);
  g_test_add_func ("/hilum/operation/parse", test_parse);
  g_test_add_func ("/hilum/operation/boxed", test_boxed);

  return g_test_run ();
}
