/* hilum-json.h — small json-glib helpers every layer of the core shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * json-glib's own getters emit criticals when a member is absent or of another type, and
 * its copies share objects and arrays; documents read from files may hold anything, so the
 * core reads them through these, which never complain and never share.
 */

/* (transfer full) (nullable) A copy of the whole tree (json_node_copy() shares objects
 * and arrays); integers stay integers. NULL gives NULL. */
JsonNode    *hilum_json_deep_copy                  (JsonNode     *node);
/* (transfer full) */
JsonObject  *hilum_json_object_deep_copy           (JsonObject   *object);

/* Member getters that never fail: @object may be NULL, the member absent or of another
 * type; then the array/object getters return NULL and the string getter @fallback.
 * (transfer none) */
JsonArray   *hilum_json_get_array                  (JsonObject   *object,
                                                    const char   *member);
JsonObject  *hilum_json_get_object                 (JsonObject   *object,
                                                    const char   *member);
const char  *hilum_json_get_string                 (JsonObject   *object,
                                                    const char   *member,
                                                    const char   *fallback);
/* TRUE when @object has @member and it is of @type. */
gboolean     hilum_json_member_is                  (JsonObject   *object,
                                                    const char   *member,
                                                    JsonNodeType  type);

/* Node tests; a NULL @node is none of them. */
gboolean     hilum_json_node_is_string             (JsonNode     *node);
/* An integer or a double. */
gboolean     hilum_json_node_is_number             (JsonNode     *node);
/* An array whose elements are all strings (an empty array is one). */
gboolean     hilum_json_node_is_string_array       (JsonNode     *node);
/* A number (integer or double) → @value; FALSE (and @value untouched) otherwise. */
gboolean     hilum_json_node_get_number            (JsonNode     *node,
                                                    double       *value);

/* The equality of hilum_json_equal() (same types, values and member order), for members
 * that may be absent: two NULLs are equal, one NULL is not. */
gboolean     hilum_json_node_equal                 (JsonNode     *a,
                                                    JsonNode     *b);
gboolean     hilum_json_object_equal               (JsonObject   *a,
                                                    JsonObject   *b);

/* Replaces the @array_member array of @parent by a new array with @node (taken) inserted
 * at @index (clamped to the end); the other elements are the same nodes, so objects others
 * hold stay the same objects. A missing member becomes a one-element array. */
void         hilum_json_array_insert               (JsonObject   *parent,
                                                    const char   *array_member,
                                                    guint         index,
                                                    JsonNode     *node);

/* Key order. json-glib keeps members in insertion order and can only append. */

/* Sets @name (absent from @object) to @node (taken) at @position of the member order
 * (beyond the end: appended). @object stays the same object. */
void         hilum_json_object_set_member_at       (JsonObject   *object,
                                                    const char   *name,
                                                    JsonNode     *node,
                                                    gint64        position);
/* The place of @name in the member order, or -1 when absent. */
gint64       hilum_json_object_get_member_position (JsonObject   *object,
                                                    const char   *name);

/* (nullable) (transfer none) element @index of @array when it is an object; NULL
 * without a warning otherwise (json_array_get_object_element criticals on a number). */
JsonObject  *hilum_json_array_get_object           (JsonArray    *array,
                                                    guint         index);

/* JSON nested deeper than this is refused before parsing: json-glib recurses, and a
 * hostile file of 100,000 brackets would overflow the stack. Hilum's own documents nest
 * about ten levels. */
#define HILUM_JSON_MAX_DEPTH 200

/* Whether @text (@length bytes, -1: NUL-terminated) nests at most @max_depth objects
 * and arrays, strings skipped, measured without parsing. */
gboolean     hilum_json_depth_within               (const char   *text,
                                                    gssize        length,
                                                    guint         max_depth);
/* (transfer full) (nullable) the root of @text; a text nested deeper than
 * HILUM_JSON_MAX_DEPTH is an error like a syntax error (JSON_PARSER_ERROR). NULL
 * without error: an empty text. */
JsonNode    *hilum_json_parse                      (const char   *text,
                                                    gssize        length,
                                                    GError      **error);

G_END_DECLS
