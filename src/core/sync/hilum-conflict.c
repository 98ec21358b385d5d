/* hilum-conflict.c — the sync conflicts a document holds, and resolving them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-conflict.h"
#include "hilum-json.h"

void
hilum_conflict_free (HilumConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->conflict_id);
  g_free (self->finding_id);
  g_free (self->box_id);
  g_free (self->field);
  g_free (self->current_by);
  g_free (self->other_by);
  g_clear_pointer (&self->current, json_node_unref);
  g_clear_pointer (&self->other, json_node_unref);
  g_free (self);
}

/* The key of an item of the list named @list (as hilum-merge.c keys them). */
static char *
item_key (const char *list,
          JsonNode   *item)
{
  JsonObject *object = item != NULL && JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;

  if (object == NULL)
    return NULL;
  if (g_str_equal (list, "annotations"))
    {
      const char *reader = hilum_json_get_string (object, "reader_id", NULL);
      const char *image = hilum_json_get_string (object, "image_id", NULL);

      return reader != NULL && image != NULL ? g_strconcat (reader, "|", image, NULL) : NULL;
    }
  if (g_str_equal (list, "findings"))
    return g_strdup (hilum_json_get_string (object, "finding_id", NULL));
  if (g_str_equal (list, "boxes"))
    return g_strdup (hilum_json_get_string (object, "box_id", NULL));
  if (g_str_equal (list, "readers"))
    return g_strdup (hilum_json_get_string (object, "reader_id", NULL));
  if (g_str_equal (list, "images"))
    return g_strdup (hilum_json_get_string (object, "image_id", NULL));
  return NULL;
}

static gint
find_item (JsonArray  *array,
           const char *list,
           const char *key)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = item_key (list, json_array_get_element (array, i));

      if (g_strcmp0 (item, key) == 0)
        return (gint) i;
    }
  return -1;
}

static const char *
path_step (JsonArray *path,
           guint      i)
{
  JsonNode *node = i < json_array_get_length (path) ? json_array_get_element (path, i) : NULL;

  return hilum_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

/* (transfer none) (nullable) The value at @path from step @from of @node. */
static JsonNode *
lookup_path (JsonNode   *node,
             const char *list,
             JsonArray  *path,
             guint       from)
{
  for (guint i = from; node != NULL && i < json_array_get_length (path); i++)
    {
      const char *step = path_step (path, i);

      if (step == NULL)
        return NULL;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          node = json_object_get_member (json_node_get_object (node), step);
          list = step;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node) && list != NULL)
        {
          gint at = find_item (json_node_get_array (node), list, step);

          node = at >= 0 ? json_array_get_element (json_node_get_array (node), (guint) at) : NULL;
        }
      else
        return NULL;
    }
  return node;
}

/* Sets (or with @value NULL removes) the value at @path from @from inside @node, a copy
 * the caller owns; FALSE when the place no longer exists. Takes @value. */
static gboolean
set_path (JsonNode   *node,
          const char *list,
          JsonArray  *path,
          guint       from,
          JsonNode   *value)
{
  const char *step = path_step (path, from);
  gboolean last = from + 1 == json_array_get_length (path);

  if (step == NULL)
    goto failed;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (last)
        {
          if (value != NULL)
            json_object_set_member (object, step, value);
          else
            json_object_remove_member (object, step);
          return TRUE;
        }
      if (!json_object_has_member (object, step))
        goto failed;
      return set_path (json_object_get_member (object, step), step, path, from + 1, value);
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && list != NULL)
    {
      JsonArray *array = json_node_get_array (node);
      gint at = find_item (array, list, step);

      if (last)
        {
          g_autoptr(JsonArray) rebuilt = json_array_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              if ((gint) i == at)
                {
                  if (value != NULL)
                    json_array_add_element (rebuilt, g_steal_pointer (&value));
                  continue;
                }
              json_array_add_element (rebuilt, json_node_copy (json_array_get_element (array, i)));
            }
          if (value != NULL)
            json_array_add_element (rebuilt, g_steal_pointer (&value));
          json_node_set_array (node, rebuilt);
          return TRUE;
        }
      if (at < 0)
        goto failed;
      return set_path (json_array_get_element (array, (guint) at), list, path, from + 1, value);
    }

failed:
  g_clear_pointer (&value, json_node_unref);
  return FALSE;
}

static JsonObject *
find_conflict (HilumDocument *document,
               const char    *conflict_id,
               guint         *index)
{
  JsonArray *conflicts = hilum_json_get_array (hilum_document_get_root (document), "conflicts");

  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (hilum_json_get_string (object, "conflict_id", NULL), conflict_id) == 0)
        {
          *index = i;
          return object;
        }
    }
  return NULL;
}

static HilumConflict *
conflict_new (HilumDocument *document,
              JsonObject    *entry)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *path = hilum_json_get_array (entry, "path");
  JsonArray *values = hilum_json_get_array (entry, "values");
  JsonArray *by = hilum_json_get_array (entry, "by");
  HilumConflict *conflict;
  JsonNode *current;
  gint other_index = -1;

  if (path == NULL || values == NULL || json_array_get_length (values) != 2 ||
      hilum_json_get_string (entry, "conflict_id", NULL) == NULL)
    return NULL;
  json_node_set_object (root, hilum_document_get_root (document));
  current = lookup_path (root, NULL, path, 0);

  conflict = g_new0 (HilumConflict, 1);
  conflict->conflict_id = g_strdup (hilum_json_get_string (entry, "conflict_id", NULL));
  conflict->finding_id = g_strdup (hilum_json_get_string (entry, "finding_id", NULL));
  conflict->box_id = g_strdup (hilum_json_get_string (entry, "box_id", NULL));
  conflict->field = g_strdup (hilum_json_get_string (entry, "field", ""));
  conflict->current = current != NULL ? json_node_copy (current) : NULL;
  /* The recorded value the document does not show now, and whose each one is. */
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *value = json_array_get_element (values, i);
      JsonNode *present = JSON_NODE_HOLDS_NULL (value) ? NULL : value;

      if (!hilum_json_node_equal (present, current) || i == 1)
        {
          conflict->other = present != NULL ? json_node_copy (present) : NULL;
          if (!hilum_json_node_equal (present, current))
            {
              other_index = i;
              break;
            }
        }
    }
  if (by != NULL && json_array_get_length (by) == 2 && other_index >= 0)
    {
      JsonNode *other_by = json_array_get_element (by, (guint) other_index);
      JsonNode *current_by = json_array_get_element (by, (guint) (1 - other_index));

      conflict->other_by = hilum_json_node_is_string (other_by) ? g_strdup (json_node_get_string (other_by)) : NULL;
      conflict->current_by = hilum_json_node_is_string (current_by) ? g_strdup (json_node_get_string (current_by)) : NULL;
    }
  return conflict;
}

GPtrArray *
hilum_document_list_conflicts (HilumDocument *document,
                               const char    *finding_id)
{
  JsonArray *conflicts;
  GPtrArray *list;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_conflict_free);
  conflicts = hilum_json_get_array (hilum_document_get_root (document), "conflicts");
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      HilumConflict *conflict = JSON_NODE_HOLDS_OBJECT (node)
                                ? conflict_new (document, json_node_get_object (node)) : NULL;

      if (conflict == NULL)
        continue;
      if (finding_id != NULL && g_strcmp0 (conflict->finding_id, finding_id) != 0)
        {
          hilum_conflict_free (conflict);
          continue;
        }
      g_ptr_array_add (list, conflict);
    }
  return list;
}

guint
hilum_document_count_conflicts (HilumDocument *document)
{
  JsonArray *conflicts;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), 0);

  conflicts = hilum_json_get_array (hilum_document_get_root (document), "conflicts");
  return conflicts != NULL ? json_array_get_length (conflicts) : 0;
}

static gboolean
is_study_text_field (const char *field)
{
  static const char * const fields[] = {
    "indication", "technique", "comparison", "prior_report", "status", "study_date", NULL
  };

  return field != NULL && g_strv_contains (fields, field);
}

/* The operation that puts @value at @path, of the finest kind that says it. */
static HilumOperation *
value_operation (HilumDocument *document,
                 JsonArray     *path,
                 JsonNode      *value,
                 JsonNode      *current,
                 GError       **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  const char *top = path_step (path, 0);
  guint length = json_array_get_length (path);

  json_node_set_object (root, hilum_document_get_root (document));
  if (g_strcmp0 (top, "findings") == 0 && length >= 2)
    {
      const char *finding_id = path_step (path, 1);
      JsonObject *finding = hilum_document_find_finding (document, finding_id, NULL);
      const char *member = path_step (path, 2);
      g_autoptr(JsonNode) copy = NULL;

      if (length == 2)
        {
          if (value == NULL)
            return hilum_operation_new_remove_finding (finding_id);
          if (!JSON_NODE_HOLDS_OBJECT (value))
            goto failed;
          if (finding != NULL)
            return hilum_operation_new_replace_finding (json_node_get_object (value));
          return hilum_operation_new_add_finding (json_node_get_object (value), -1);
        }
      if (finding == NULL)
        goto failed;
      if (value != NULL && length == 4 && (g_strcmp0 (member, "text") == 0 || g_strcmp0 (member, "translation") == 0))
        {
          g_autofree char *field = g_strconcat (member, ".", path_step (path, 3), NULL);

          return hilum_operation_new_set_finding_field (finding_id, field, value);
        }
      if (value != NULL && length == 3 &&
          (g_str_equal (member, "polarity") || g_str_equal (member, "labels") ||
           g_str_equal (member, "locations") || g_str_equal (member, "progression")))
        return hilum_operation_new_set_finding_field (finding_id, member, value);
      if (value != NULL && current != NULL && length == 6 && g_strcmp0 (path_step (path, 4), "boxes") == 0)
        {
          JsonArray *xyxy = hilum_json_get_array (json_node_get_object (value), "xyxy_norm");
          double box[4];
          gboolean numbers = xyxy != NULL && json_array_get_length (xyxy) == 4;

          for (guint i = 0; numbers && i < 4; i++)
            numbers = hilum_json_node_get_number (json_array_get_element (xyxy, i), &box[i]);
          if (numbers)
            return hilum_operation_new_set_box (path_step (path, 5), box);
        }
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, hilum_json_object_deep_copy (finding));
      if (!set_path (copy, "findings", path, 2, value != NULL ? json_node_copy (value) : NULL))
        goto failed;
      return hilum_operation_new_replace_finding (json_node_get_object (copy));
    }

  if (g_strcmp0 (top, "study") == 0 && length == 2 && is_study_text_field (path_step (path, 1)) &&
      hilum_json_node_is_string (value))
    return hilum_operation_new_set_study_text (path_step (path, 1), json_node_get_string (value));

  if (top != NULL && !g_str_equal (top, "schema") && !g_str_equal (top, "findings"))
    {
      JsonNode *member = json_object_get_member (hilum_document_get_root (document), top);
      g_autoptr(JsonNode) copy = member != NULL ? json_node_copy (member) : NULL;

      if (length == 1)
        return hilum_operation_new_set_document_field (top, value);
      if (copy == NULL || !set_path (copy, top, path, 1, value != NULL ? json_node_copy (value) : NULL))
        goto failed;
      return hilum_operation_new_set_document_field (top, copy);
    }

failed:
  g_set_error_literal (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_NOT_FOUND,
                       _("What this conflict is about is no longer in the study; keep the current value."));
  return NULL;
}

HilumOperation *
hilum_conflict_resolve (HilumDocument        *document,
                        const char           *conflict_id,
                        HilumConflictChoice   choice,
                        JsonNode             *edited,
                        GError              **error)
{
  g_autoptr(HilumConflict) conflict = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_operation_unref);
  g_autoptr(JsonArray) remaining = json_array_new ();
  g_autoptr(JsonNode) remaining_node = NULL;
  JsonArray *conflicts;
  JsonObject *entry;
  JsonNode *value;
  guint index = 0;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (conflict_id != NULL, NULL);

  entry = find_conflict (document, conflict_id, &index);
  if (entry == NULL || (conflict = conflict_new (document, entry)) == NULL)
    {
      g_set_error_literal (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_NOT_FOUND,
                           _("This conflict was resolved already."));
      return NULL;
    }

  switch (choice)
    {
    case HILUM_CONFLICT_KEEP_CURRENT:
      value = conflict->current;
      break;
    case HILUM_CONFLICT_KEEP_OTHER:
      value = conflict->other;
      break;
    case HILUM_CONFLICT_EDIT:
      value = edited;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (!hilum_json_node_equal (value, conflict->current))
    {
      HilumOperation *op = value_operation (document, hilum_json_get_array (entry, "path"), value,
                                            conflict->current, error);

      if (op == NULL)
        return NULL;
      g_ptr_array_add (ops, op);
    }

  conflicts = hilum_json_get_array (hilum_document_get_root (document), "conflicts");
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    if (i != index)
      json_array_add_element (remaining, json_node_copy (json_array_get_element (conflicts, i)));
  if (json_array_get_length (remaining) > 0)
    {
      remaining_node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (remaining_node, remaining);
    }
  g_ptr_array_add (ops, hilum_operation_new_set_document_field ("conflicts", remaining_node));

  /* TRANSLATORS: an edit in the undo menu and the history */
  return hilum_operation_new_batch (C_("operation", "Resolve Conflict"), g_steal_pointer (&ops));
}

HilumConflictMine
hilum_conflict_which_is_mine (const HilumConflict *self,
                              const char          *identity)
{
  g_return_val_if_fail (self != NULL, HILUM_CONFLICT_MINE_UNKNOWN);

  if (identity == NULL || g_strcmp0 (self->current_by, self->other_by) == 0)
    return HILUM_CONFLICT_MINE_UNKNOWN;
  if (g_strcmp0 (self->current_by, identity) == 0)
    return HILUM_CONFLICT_MINE_CURRENT;
  if (g_strcmp0 (self->other_by, identity) == 0)
    return HILUM_CONFLICT_MINE_OTHER;
  return HILUM_CONFLICT_MINE_UNKNOWN;
}

gboolean
hilum_conflict_is_text (const HilumConflict *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_str_has_prefix (self->field, "text.")
         || (g_str_has_prefix (self->field, "study.") && g_strcmp0 (self->field, "study.status") != 0);
}

const char *
hilum_conflict_get_current_text (const HilumConflict *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return hilum_json_node_is_string (self->current) ? json_node_get_string (self->current) : NULL;
}

HilumOperation *
hilum_conflict_resolve_text (HilumDocument  *document,
                             const char     *conflict_id,
                             const char     *text,
                             GError        **error)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  g_return_val_if_fail (text != NULL, NULL);

  json_node_set_string (value, text);
  return hilum_conflict_resolve (document, conflict_id, HILUM_CONFLICT_EDIT, value, error);
}

char *
hilum_conflict_describe_field (const HilumConflict *self)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "text.en", N_("English sentence") },
    { "text.es", N_("Spanish sentence") },
    { "translation.en", N_("English translation state") },
    { "translation.es", N_("Spanish translation state") },
    { "labels", N_("Labels") },
    { "locations", N_("Locations") },
    { "progression", N_("Progression") },
    { "polarity", N_("Positive or negative") },
    { "box", N_("Box") },
    { "finding", N_("Finding") },
    { "study.indication", N_("Indication") },
    { "study.technique", N_("Technique") },
    { "study.comparison", N_("Comparison") },
    { "study.prior_report", N_("Prior report") },
    { "study.status", N_("Study status") },
    { "study.study_date", N_("Study date") },
    { "reader", N_("Reader") },
    { "image", N_("Image") },
  };

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (self->field, labels[i].field) == 0)
      return g_strdup (_(labels[i].label));
  return g_strdup (self->field);
}

char *
hilum_conflict_describe_value (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("Deleted"));
  if (hilum_json_node_is_string (value))
    return g_strdup (*json_node_get_string (value) != '\0' ? json_node_get_string (value) : _("Empty"));
  if (hilum_json_node_is_string_array (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);

      if (json_array_get_length (array) == 0)
        return g_strdup (_("None"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, json_array_get_string_element (array, i));
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonArray *xyxy = hilum_json_get_array (object, "xyxy_norm");
      JsonObject *text = hilum_json_get_object (object, "text");
      double box[4];

      if (xyxy != NULL && json_array_get_length (xyxy) == 4 &&
          hilum_json_node_get_number (json_array_get_element (xyxy, 0), &box[0]) &&
          hilum_json_node_get_number (json_array_get_element (xyxy, 1), &box[1]) &&
          hilum_json_node_get_number (json_array_get_element (xyxy, 2), &box[2]) &&
          hilum_json_node_get_number (json_array_get_element (xyxy, 3), &box[3]))
        /* TRANSLATORS: a box by its corners, as fractions of the image */
        return g_strdup_printf (_("from %.3f, %.3f to %.3f, %.3f"), box[0], box[1], box[2], box[3]);
      if (text != NULL)
        {
          const char *en = hilum_json_get_string (text, "en", "");
          const char *es = hilum_json_get_string (text, "es", "");

          return g_strdup (*es != '\0' ? es : *en != '\0' ? en : _("A finding without text"));
        }
    }
  return json_to_string (value, FALSE);
}
