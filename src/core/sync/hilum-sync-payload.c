/* hilum-sync-payload.c — what a study's attachment on the server holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses recursively: a body nested a hundred thousand levels deep would
 * overflow the stack (PLATFORM.md), so the depth is measured first, outside strings,
 * without building anything.
 */
#define G_LOG_DOMAIN "hilum-sync-payload"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-sync-payload.h"

/* A study document nests about ten levels; unknown fields may add some. */
#define MAX_DEPTH 128

G_DEFINE_QUARK (hilum-sync-payload-error-quark, hilum_sync_payload_error)

char *
hilum_sync_payload_build (const char *document_json,
                          JsonNode   *audit,
                          const char *by)
{
  g_autofree char *audit_json = NULL;

  g_return_val_if_fail (document_json != NULL, NULL);
  g_return_val_if_fail (audit == NULL || JSON_NODE_HOLDS_ARRAY (audit), NULL);

  audit_json = audit != NULL ? json_to_string (audit, FALSE) : g_strdup ("[]");
  return hilum_sync_payload_build_text (document_json, audit_json, by);
}

char *
hilum_sync_payload_build_text (const char *document_json,
                               const char *audit_json,
                               const char *by)
{
  g_autofree char *by_json = NULL;

  g_return_val_if_fail (document_json != NULL, NULL);

  /* The document goes in as the store wrote it: no second serialisation that could
   * reorder or reformat anything. An identity is a UUID: nothing to escape. */
  by_json = by != NULL && g_uuid_string_is_valid (by) ? g_strdup_printf (",\"by\":\"%s\"", by) : g_strdup ("");
  return g_strconcat ("{\"schema\":\"" HILUM_SYNC_PAYLOAD_SCHEMA "\",\"document\":",
                      document_json, ",\"audit\":", audit_json != NULL ? audit_json : "[]",
                      by_json, "}", NULL);
}


static void
set_invalid (GError     **error,
             const char  *study_id)
{
  if (study_id == NULL)
    g_set_error_literal (error, HILUM_SYNC_PAYLOAD_ERROR, HILUM_SYNC_PAYLOAD_ERROR_INVALID,
                         _("The server’s annotations of a study are not a Hilum document."));
  else
    g_set_error (error, HILUM_SYNC_PAYLOAD_ERROR, HILUM_SYNC_PAYLOAD_ERROR_INVALID,
                 _("The server’s annotations of study “%s” are not a Hilum document."),
                 study_id);
}

gboolean
hilum_sync_payload_parse (const char     *body,
                          gsize           length,
                          const char     *study_id,
                          HilumDocument **document,
                          JsonNode      **audit,
                          char          **by,
                          GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(HilumDocument) parsed = NULL;
  JsonNode *root, *document_node, *audit_node;
  JsonObject *object;
  const char *schema;

  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (document != NULL && audit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hilum_json_depth_within (body, (gssize) length, MAX_DEPTH) ||
      !json_parser_load_from_data (parser, body, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, study_id);
      return FALSE;
    }

  object = json_node_get_object (root);
  schema = json_object_get_string_member_with_default (object, "schema", NULL);
  document_node = json_object_get_member (object, "document");
  audit_node = json_object_get_member (object, "audit");
  if (g_strcmp0 (schema, HILUM_SYNC_PAYLOAD_SCHEMA) != 0 ||
      document_node == NULL || !JSON_NODE_HOLDS_OBJECT (document_node) ||
      (audit_node != NULL && !JSON_NODE_HOLDS_ARRAY (audit_node)))
    {
      set_invalid (error, study_id);
      return FALSE;
    }

  /* Through the document's own reader: one place checks what a hilum-study/1 is. */
  parsed = hilum_document_new_from_json (document_node, NULL);
  if (parsed == NULL)
    {
      set_invalid (error, study_id);
      return FALSE;
    }
  if (study_id != NULL && g_strcmp0 (hilum_document_get_study_id (parsed), study_id) != 0)
    {
      g_set_error (error, HILUM_SYNC_PAYLOAD_ERROR, HILUM_SYNC_PAYLOAD_ERROR_WRONG_STUDY,
                   _("The server’s annotations of study “%s” belong to another study."),
                   study_id);
      return FALSE;
    }

  *document = g_steal_pointer (&parsed);
  if (by != NULL)
    {
      const char *text = hilum_json_get_string (object, "by", NULL);

      /* Only an identity as Hilum makes them: anything else is no one's. */
      *by = text != NULL && g_uuid_string_is_valid (text) ? g_strdup (text) : NULL;
    }
  if (audit_node != NULL)
    *audit = json_node_copy (audit_node);
  else
    {
      *audit = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (*audit, json_array_new ());
    }
  return TRUE;
}
