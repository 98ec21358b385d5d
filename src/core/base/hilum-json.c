/* hilum-json.c — small json-glib helpers every layer of the core shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-json.h"
#include "hilum-json-number.h"

JsonNode *
hilum_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *new_object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (new_object, name, hilum_json_deep_copy (member));
        copy = json_node_init_object (json_node_alloc (), new_object);
        json_object_unref (new_object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *new_array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (new_array, hilum_json_deep_copy (json_array_get_element (array, i)));
        copy = json_node_init_array (json_node_alloc (), new_array);
        json_array_unref (new_array);
        return copy;
      }

    case JSON_NODE_NULL:
      return json_node_init_null (json_node_alloc ());

    case JSON_NODE_VALUE:
    default:
      /* A fresh value: json_node_copy() would share it. Integers stay integers. */
      copy = json_node_alloc ();
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        default:
          return json_node_init_null (copy);
        }
    }
}

JsonObject *
hilum_json_object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) wrap = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  wrap = json_node_init_object (json_node_alloc (), object);
  copy = hilum_json_deep_copy (wrap);
  return json_object_ref (json_node_get_object (copy));
}

JsonArray *
hilum_json_get_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
hilum_json_get_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
hilum_json_get_string (JsonObject *object,
                       const char *member,
                       const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return hilum_json_node_is_string (node) ? json_node_get_string (node) : fallback;
}

gboolean
hilum_json_member_is (JsonObject   *object,
                      const char   *member,
                      JsonNodeType  type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && json_node_get_node_type (node) == type;
}

gboolean
hilum_json_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
hilum_json_node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_DOUBLE
             || json_node_get_value_type (node) == G_TYPE_INT64);
}

gboolean
hilum_json_node_is_string_array (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!hilum_json_node_is_string (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

gboolean
hilum_json_node_get_number (JsonNode *node,
                            double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else
    return FALSE;
  return TRUE;
}

gboolean
hilum_json_node_equal (JsonNode *a,
                       JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return hilum_json_equal (a, b);
}

gboolean
hilum_json_object_equal (JsonObject *a,
                         JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  return hilum_json_equal (na, nb);
}

void
hilum_json_array_insert (JsonObject *parent,
                         const char *array_member,
                         guint       index,
                         JsonNode   *node)
{
  JsonArray *old;
  JsonArray *array;
  guint n;

  g_return_if_fail (parent != NULL);
  g_return_if_fail (node != NULL);

  old = hilum_json_get_array (parent, array_member);
  n = old != NULL ? json_array_get_length (old) : 0;
  array = json_array_sized_new (n + 1);

  /* JsonArray cannot insert: build the new array from the same element nodes, so the
   * objects others hold (findings, boxes) stay the same objects. */
  for (guint i = 0; i <= n; i++)
    {
      if (i == MIN (index, n))
        json_array_add_element (array, node);
      if (i < n)
        json_array_add_element (array, json_node_ref (json_array_get_element (old, i)));
    }
  json_object_set_array_member (parent, array_member, array);
}

/* JsonObject only appends, so the members after @position are taken out and put back
 * behind the new one. */
void
hilum_json_object_set_member_at (JsonObject *object,
                                 const char *name,
                                 JsonNode   *node,
                                 gint64      position)
{
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 i = 0;

  g_return_if_fail (object != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (node != NULL);

  members = json_object_get_members (object);
  after = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = members; l != NULL; l = l->next, i++)
    if (i >= position)
      g_ptr_array_add (after, g_strdup (l->data));

  json_object_set_member (object, name, node);
  for (guint k = 0; k < after->len; k++)
    {
      const char *member = g_ptr_array_index (after, k);
      JsonNode *moved = json_node_ref (json_object_get_member (object, member));

      json_object_remove_member (object, member);
      json_object_set_member (object, member, moved);
    }
}

gint64
hilum_json_object_get_member_position (JsonObject *object,
                                       const char *name)
{
  g_autoptr(GList) members = NULL;
  gint64 i = 0;

  g_return_val_if_fail (object != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next, i++)
    if (g_str_equal (l->data, name))
      return i;
  return -1;
}

gboolean
hilum_json_depth_within (const char *body,
                         gssize      length,
                         guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  gsize n = length < 0 ? strlen (body) : (gsize) length;

  for (gsize i = 0; i < n; i++)
    {
      char c = body[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
hilum_json_parse (const char  *text,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!hilum_json_depth_within (text, length, HILUM_JSON_MAX_DEPTH))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("it nests more than %u levels deep"), HILUM_JSON_MAX_DEPTH);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  return json_parser_steal_root (parser);
}

JsonObject *
hilum_json_array_get_object (JsonArray *array,
                             guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
