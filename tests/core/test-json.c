/* test-json.c — the shared JSON helpers (base/hilum-json) and ids (base/hilum-uuid)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-uuid.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_text (JsonNode   *node,
             const char *want)
{
  g_autofree char *got = json_to_string (node, FALSE);

  g_assert_cmpstr (got, ==, want);
}

static void
assert_object_text (JsonObject *object,
                    const char *want)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  assert_text (node, want);
}

static void
test_deep_copy (void)
{
  g_autoptr(JsonNode) original = parse ("{\"b\":1,\"a\":[2.5,\"x\",null,true,{\"c\":[]}]}");
  g_autoptr(JsonNode) copy = hilum_json_deep_copy (original);
  JsonArray *array;

  g_assert_null (hilum_json_deep_copy (NULL));
  /* Same text, member order and integer kept... */
  assert_text (copy, "{\"b\":1,\"a\":[2.5,\"x\",null,true,{\"c\":[]}]}");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (json_node_get_object (copy), "b")),
                   ==, G_TYPE_INT64);
  /* ...but nothing shared: changing the copy leaves the original as it was. */
  array = json_object_get_array_member (json_node_get_object (copy), "a");
  json_object_set_string_member (json_array_get_object_element (array, 4), "c", "changed");
  json_array_add_int_element (array, 7);
  assert_text (original, "{\"b\":1,\"a\":[2.5,\"x\",null,true,{\"c\":[]}]}");
  assert_text (copy, "{\"b\":1,\"a\":[2.5,\"x\",null,true,{\"c\":\"changed\"},7]}");

  {
    g_autoptr(JsonObject) object = hilum_json_object_deep_copy (json_node_get_object (original));

    g_assert_true (object != json_node_get_object (original));
    json_object_remove_member (object, "a");
    assert_object_text (object, "{\"b\":1}");
    assert_text (original, "{\"b\":1,\"a\":[2.5,\"x\",null,true,{\"c\":[]}]}");
  }
}

static void
test_getters (void)
{
  g_autoptr(JsonNode) node = parse ("{\"s\":\"text\",\"n\":3,\"z\":null,\"a\":[1],\"o\":{\"k\":\"v\"}}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (hilum_json_get_string (object, "s", "none"), ==, "text");
  /* A number, null, an array, a missing member or no object at all: the fallback. */
  g_assert_cmpstr (hilum_json_get_string (object, "n", "none"), ==, "none");
  g_assert_cmpstr (hilum_json_get_string (object, "z", "none"), ==, "none");
  g_assert_cmpstr (hilum_json_get_string (object, "a", "none"), ==, "none");
  g_assert_cmpstr (hilum_json_get_string (object, "missing", "none"), ==, "none");
  g_assert_cmpstr (hilum_json_get_string (NULL, "s", "none"), ==, "none");
  g_assert_null (hilum_json_get_string (object, "n", NULL));

  g_assert_cmpuint (json_array_get_length (hilum_json_get_array (object, "a")), ==, 1);
  g_assert_null (hilum_json_get_array (object, "o"));
  g_assert_null (hilum_json_get_array (object, "missing"));
  g_assert_null (hilum_json_get_array (NULL, "a"));
  g_assert_cmpstr (json_object_get_string_member (hilum_json_get_object (object, "o"), "k"), ==, "v");
  g_assert_null (hilum_json_get_object (object, "a"));
  g_assert_null (hilum_json_get_object (object, "z"));

  g_assert_true (hilum_json_member_is (object, "z", JSON_NODE_NULL));
  g_assert_true (hilum_json_member_is (object, "o", JSON_NODE_OBJECT));
  g_assert_false (hilum_json_member_is (object, "o", JSON_NODE_ARRAY));
  g_assert_false (hilum_json_member_is (object, "missing", JSON_NODE_NULL));
  g_assert_false (hilum_json_member_is (NULL, "o", JSON_NODE_OBJECT));
}

static void
test_node_tests (void)
{
  g_autoptr(JsonNode) node = parse ("{\"s\":\"1\",\"i\":2,\"d\":0.5,\"b\":true,\"z\":null,"
                                    "\"strings\":[\"a\",\"b\"],\"empty\":[],\"mixed\":[\"a\",1]}");
  JsonObject *object = json_node_get_object (node);
  double value = -1;

  g_assert_true (hilum_json_node_is_string (json_object_get_member (object, "s")));
  g_assert_false (hilum_json_node_is_string (json_object_get_member (object, "i")));
  g_assert_false (hilum_json_node_is_string (json_object_get_member (object, "z")));
  g_assert_false (hilum_json_node_is_string (NULL));

  g_assert_true (hilum_json_node_is_number (json_object_get_member (object, "i")));
  g_assert_true (hilum_json_node_is_number (json_object_get_member (object, "d")));
  g_assert_false (hilum_json_node_is_number (json_object_get_member (object, "s")));
  g_assert_false (hilum_json_node_is_number (json_object_get_member (object, "b")));

  g_assert_true (hilum_json_node_is_string_array (json_object_get_member (object, "strings")));
  g_assert_true (hilum_json_node_is_string_array (json_object_get_member (object, "empty")));
  g_assert_false (hilum_json_node_is_string_array (json_object_get_member (object, "mixed")));
  g_assert_false (hilum_json_node_is_string_array (json_object_get_member (object, "s")));

  g_assert_true (hilum_json_node_get_number (json_object_get_member (object, "i"), &value));
  g_assert_cmpfloat (value, ==, 2.0);
  g_assert_true (hilum_json_node_get_number (json_object_get_member (object, "d"), &value));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_false (hilum_json_node_get_number (json_object_get_member (object, "s"), &value));
  g_assert_false (hilum_json_node_get_number (NULL, &value));
  g_assert_cmpfloat (value, ==, 0.5);
}

static void
test_equal (void)
{
  g_autoptr(JsonNode) a = parse ("{\"x\":1,\"y\":[\"a\"]}");
  g_autoptr(JsonNode) same = parse ("{\"x\":1,\"y\":[\"a\"]}");
  g_autoptr(JsonNode) reordered = parse ("{\"y\":[\"a\"],\"x\":1}");
  g_autoptr(JsonNode) as_double = parse ("{\"x\":1.0,\"y\":[\"a\"]}");

  g_assert_true (hilum_json_node_equal (a, same));
  g_assert_true (hilum_json_node_equal (NULL, NULL));
  g_assert_false (hilum_json_node_equal (a, NULL));
  g_assert_false (hilum_json_node_equal (NULL, a));
  /* Member order and integer-ness are part of a document's bytes. */
  g_assert_false (hilum_json_node_equal (a, reordered));
  g_assert_false (hilum_json_node_equal (a, as_double));

  g_assert_true (hilum_json_object_equal (json_node_get_object (a), json_node_get_object (same)));
  g_assert_false (hilum_json_object_equal (json_node_get_object (a), json_node_get_object (reordered)));
  g_assert_true (hilum_json_object_equal (NULL, NULL));
  g_assert_false (hilum_json_object_equal (json_node_get_object (a), NULL));
}

static void
test_array_insert (void)
{
  g_autoptr(JsonNode) node = parse ("{\"list\":[{\"n\":0},{\"n\":1}],\"other\":true}");
  JsonObject *parent = json_node_get_object (node);
  JsonObject *first = json_array_get_object_element (hilum_json_get_array (parent, "list"), 0);

  hilum_json_array_insert (parent, "list", 1, json_from_string ("{\"n\":\"mid\"}", NULL));
  assert_text (node, "{\"list\":[{\"n\":0},{\"n\":\"mid\"},{\"n\":1}],\"other\":true}");
  /* The elements that were there are the same objects, not copies. */
  g_assert_true (json_array_get_object_element (hilum_json_get_array (parent, "list"), 0) == first);

  hilum_json_array_insert (parent, "list", 0, json_from_string ("\"start\"", NULL));
  hilum_json_array_insert (parent, "list", 99, json_from_string ("\"end\"", NULL));
  assert_text (node, "{\"list\":[\"start\",{\"n\":0},{\"n\":\"mid\"},{\"n\":1},\"end\"],\"other\":true}");

  hilum_json_array_insert (parent, "new", 3, json_from_string ("7", NULL));
  assert_text (node, "{\"list\":[\"start\",{\"n\":0},{\"n\":\"mid\"},{\"n\":1},\"end\"],"
                     "\"other\":true,\"new\":[7]}");
}

static void
test_key_order (void)
{
  g_autoptr(JsonNode) node = parse ("{\"a\":1,\"b\":2,\"c\":3}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpint (hilum_json_object_get_member_position (object, "a"), ==, 0);
  g_assert_cmpint (hilum_json_object_get_member_position (object, "c"), ==, 2);
  g_assert_cmpint (hilum_json_object_get_member_position (object, "x"), ==, -1);

  hilum_json_object_set_member_at (object, "x", json_from_string ("\"new\"", NULL), 1);
  assert_text (node, "{\"a\":1,\"x\":\"new\",\"b\":2,\"c\":3}");
  g_assert_cmpint (hilum_json_object_get_member_position (object, "x"), ==, 1);
  g_assert_cmpint (hilum_json_object_get_member_position (object, "c"), ==, 3);

  hilum_json_object_set_member_at (object, "first", json_from_string ("0", NULL), 0);
  hilum_json_object_set_member_at (object, "last", json_from_string ("9", NULL), 100);
  assert_text (node, "{\"first\":0,\"a\":1,\"x\":\"new\",\"b\":2,\"c\":3,\"last\":9}");

  /* Removing a member and putting it back at its position restores the exact bytes. */
  {
    gint64 position = hilum_json_object_get_member_position (object, "b");
    JsonNode *b = json_node_ref (json_object_get_member (object, "b"));

    json_object_remove_member (object, "b");
    hilum_json_object_set_member_at (object, "b", b, position);
    assert_text (node, "{\"first\":0,\"a\":1,\"x\":\"new\",\"b\":2,\"c\":3,\"last\":9}");
  }
}

static void
test_uuid (void)
{
  g_autofree char *a = hilum_uuid_new ();
  g_autofree char *b = hilum_uuid_new ();

  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpuint (strlen (a), ==, 36);
  g_assert_cmpstr (a, !=, b);
  /* Version 4, lower case: ids compare as plain strings. */
  g_assert_cmpint (a[14], ==, '4');
  for (const char *c = a; *c != '\0'; c++)
    g_assert_false (g_ascii_isupper (*c));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/json/deep-copy", test_deep_copy);
  g_test_add_func ("/hilum/json/getters", test_getters);
  g_test_add_func ("/hilum/json/node-tests", test_node_tests);
  g_test_add_func ("/hilum/json/equal", test_equal);
  g_test_add_func ("/hilum/json/array-insert", test_array_insert);
  g_test_add_func ("/hilum/json/key-order", test_key_order);
  g_test_add_func ("/hilum/uuid/new", test_uuid);

  return g_test_run ();
}
