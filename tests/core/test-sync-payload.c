/* test-sync-payload.c — the attachment a study's annotations travel in: built the same
 * every time, read back whole, and anything else from the server refused in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hilum-sync-payload.h"

#define BY "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
#define DOC "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"s1\",\"status\":\"new\"}," \
            "\"images\":[],\"readers\":[],\"findings\":[],\"x_kept\":{\"a\":[1,2]}}"

static void
test_round_trip (void)
{
  g_autoptr(JsonNode) audit = json_from_string ("[{\"event_id\":\"e1\",\"op\":{\"op\":\"set-study-field\",\"field\":\"status\",\"value\":\"in_progress\"}}]", NULL);
  g_autofree char *body = hilum_sync_payload_build (DOC, audit, BY);
  g_autofree char *again = hilum_sync_payload_build (DOC, audit, BY);
  g_autofree char *no_one = hilum_sync_payload_build (DOC, audit, "not-a-uuid\",\"x\":\"");
  g_autofree char *by = NULL;
  g_autofree char *nobody = NULL;
  g_autofree char *written = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (body, ==, again);
  g_assert_true (g_str_has_prefix (body, "{\"schema\":\"hilum-sync/1\",\"document\":" DOC ",\"audit\":["));

  g_assert_true (hilum_sync_payload_parse (body, strlen (body), "s1", &document, &events, &by, &error));
  g_assert_no_error (error);
  /* Whose it is comes back; what is not an identity is never written nor read. */
  g_assert_cmpstr (by, ==, BY);
  g_assert_null (strstr (no_one, "not-a-uuid"));
  g_clear_object (&document);
  g_clear_pointer (&events, json_node_unref);
  g_assert_true (hilum_sync_payload_parse (no_one, strlen (no_one), "s1", &document, &events, &nobody, &error));
  g_assert_null (nobody);
  written = hilum_document_to_string (document, FALSE);
  g_assert_cmpstr (written, ==, DOC);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (events), 0), "event_id"), ==, "e1");
}

static void
test_no_audit (void)
{
  const char *body = "{\"schema\":\"hilum-sync/1\",\"document\":" DOC "}";
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_sync_payload_parse (body, strlen (body), "s1", &document, &events, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (events));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (events)), ==, 0);
}

static void
assert_refused (const char *body,
                gsize       length,
                int         code,
                const char *message)
{
  HilumDocument *document = NULL;
  JsonNode *events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (hilum_sync_payload_parse (body, length, "s1", &document, &events, NULL, &error));
  g_assert_error (error, HILUM_SYNC_PAYLOAD_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (document);
  g_assert_null (events);
}

static void
test_refused (void)
{
  static const char not_hilum[] = "The server’s annotations of study “s1” are not a Hilum document.";
  static const struct { const char *body; } invalid[] = {
    { "" },
    { "not json" },
    { "[1, 2]" },
    { "{\"schema\":\"other/1\",\"document\":" DOC "}" },
    { "{\"schema\":\"hilum-sync/1\"}" },
    { "{\"schema\":\"hilum-sync/1\",\"document\":[]}" },
    { "{\"schema\":\"hilum-sync/1\",\"document\":" DOC ",\"audit\":{}}" },
    { "{\"schema\":\"hilum-sync/1\",\"document\":{\"study\":{}}}" },
    { "{\"schema\":\"hilum-sync/1\",\"document\":" DOC },
  };
  const char *other = "{\"schema\":\"hilum-sync/1\",\"document\":{\"schema\":\"hilum-study/1\","
                      "\"study\":{\"study_id\":\"s2\"},\"images\":[],\"readers\":[],\"findings\":[]}}";

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_refused (invalid[i].body, strlen (invalid[i].body), HILUM_SYNC_PAYLOAD_ERROR_INVALID, not_hilum);
  assert_refused (other, strlen (other), HILUM_SYNC_PAYLOAD_ERROR_WRONG_STUDY,
                  "The server’s annotations of study “s1” belong to another study.");
}

/* 100,000 levels of nesting: refused before json-glib could overflow the stack; a
 * bracket inside a string does not count. */
static void
test_deep_nesting (void)
{
  GString *body = g_string_new ("{\"schema\":\"hilum-sync/1\",\"document\":" DOC ",\"x\":");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, ']');
  g_string_append_c (body, '}');
  text = g_string_free (body, FALSE);
  assert_refused (text, strlen (text), HILUM_SYNC_PAYLOAD_ERROR_INVALID,
                  "The server’s annotations of study “s1” are not a Hilum document.");

  {
    const char *brackets = "{\"schema\":\"hilum-sync/1\",\"document\":{\"schema\":\"hilum-study/1\","
                           "\"study\":{\"study_id\":\"s1\",\"indication\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"\"},"
                           "\"images\":[],\"readers\":[],\"findings\":[]}}";
    g_autoptr(HilumDocument) document = NULL;
    g_autoptr(JsonNode) events = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (hilum_sync_payload_parse (brackets, strlen (brackets), "s1", &document, &events, NULL, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/sync-payload/round-trip", test_round_trip);
  g_test_add_func ("/hilum/sync-payload/no-audit", test_no_audit);
  g_test_add_func ("/hilum/sync-payload/refused", test_refused);
  g_test_add_func ("/hilum/sync-payload/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
