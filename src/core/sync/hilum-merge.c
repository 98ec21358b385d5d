/* hilum-merge.c — the three-way merge of a study's document: base, local, remote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works on the JSON trees: a keyed list (findings, their annotation entries, boxes,
 * readers, images) merges item by item, an object member by member, anything else as a
 * whole value. Absent is a value too (NULL), which is how additions and deletions fall
 * out of the same three-way rule.
 */
#define G_LOG_DOMAIN "hilum-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-merge.h"

typedef struct
{
  GPtrArray  *conflicts;   /* JsonNode objects of new conflicts */
  GHashTable *conflict_ids;
  GPtrArray  *report;      /* HilumMergeConflict */
  const char *local_by;    /* (nullable) whose the local and the remote values are */
  const char *remote_by;
  GError     *error;
} Merge;

/* Where a value is: enough to name it to the user and to find it again. */
typedef struct
{
  GPtrArray  *path;        /* const char * steps */
  const char *finding_id;
  const char *box_id;
} Where;

typedef char     *(*KeyFunc)   (JsonObject *item);
typedef JsonNode *(*ItemMerge) (Merge      *merge,
                                JsonNode   *base,
                                JsonNode   *local,
                                JsonNode   *remote,
                                Where      *where);

void
hilum_merge_result_free (HilumMergeResult *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->merged);
  g_clear_pointer (&self->operation, hilum_operation_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_free (self);
}

static void
merge_conflict_free (HilumMergeConflict *conflict)
{
  g_free (conflict->finding_id);
  g_free (conflict->field);
  g_free (conflict->local);
  g_free (conflict->remote);
  g_free (conflict);
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
}

/* What the user reads: the path without the ids of lists. */
static char *
field_name (Where *where)
{
  GPtrArray *path = where->path;
  const char *first = path->len > 0 ? path->pdata[0] : "";

  if (g_str_equal (first, "findings"))
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (where->box_id != NULL)
        return g_strdup ("box");
      if (path->len <= 2)
        return g_strdup ("finding");
      for (guint i = 2; i < path->len; i++)
        {
          if (field->len > 0)
            g_string_append_c (field, '.');
          g_string_append (field, path->pdata[i]);
          /* annotations/<reader|image>: the entry's key is not a field name */
          if (g_str_equal (path->pdata[i], "annotations"))
            i++;
        }
      return g_string_free (g_steal_pointer (&field), FALSE);
    }
  if (g_str_equal (first, "readers") || g_str_equal (first, "images"))
    return g_strdup (path->len > 1 ? (g_str_equal (first, "readers") ? "reader" : "image") : first);
  {
    g_autofree char **steps = (char **) g_new0 (char *, path->len + 1);

    for (guint i = 0; i < path->len; i++)
      steps[i] = path->pdata[i];
    return g_strjoinv (".", steps);
  }
}

static void
add_conflict (Merge    *merge,
              Where    *where,
              JsonNode *base,
              JsonNode *local,
              JsonNode *remote)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *local_text = node_text (local);
  g_autofree char *remote_text = node_text (remote);
  g_autofree char *field = field_name (where);
  g_autofree char *id = NULL;
  HilumMergeConflict *report;
  gboolean ordered = strcmp (local_text, remote_text) <= 0;

  /* The same conflict met on two clients has one id: path and the pair, unordered. */
  for (guint i = 0; i < where->path->len; i++)
    {
      g_checksum_update (checksum, (const guchar *) where->path->pdata[i], -1);
      g_checksum_update (checksum, (const guchar *) "/", 1);
    }
  g_checksum_update (checksum, (const guchar *) (ordered ? local_text : remote_text), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (ordered ? remote_text : local_text), -1);
  id = g_strndup (g_checksum_get_string (checksum), 32);

  report = g_new0 (HilumMergeConflict, 1);
  report->finding_id = g_strdup (where->finding_id);
  report->field = g_strdup (field);
  report->local = g_strdup (local_text);
  report->remote = g_strdup (remote_text);
  g_ptr_array_add (merge->report, report);

  if (!g_hash_table_add (merge->conflict_ids, g_strdup (id)))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "conflict_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "path");
  json_builder_begin_array (builder);
  for (guint i = 0; i < where->path->len; i++)
    json_builder_add_string_value (builder, where->path->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "finding_id");
  if (where->finding_id != NULL)
    json_builder_add_string_value (builder, where->finding_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "box_id");
  if (where->box_id != NULL)
    json_builder_add_string_value (builder, where->box_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, field);
  json_builder_set_member_name (builder, "base");
  json_builder_add_value (builder, copy_or_null (base));
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, copy_or_null (local));
  json_builder_add_value (builder, copy_or_null (remote));
  json_builder_end_array (builder);
  /* The stores each value comes from, so every computer can say which is its own. */
  if (merge->local_by != NULL || merge->remote_by != NULL)
    {
      json_builder_set_member_name (builder, "by");
      json_builder_begin_array (builder);
      if (merge->local_by != NULL)
        json_builder_add_string_value (builder, merge->local_by);
      else
        json_builder_add_null_value (builder);
      if (merge->remote_by != NULL)
        json_builder_add_string_value (builder, merge->remote_by);
      else
        json_builder_add_null_value (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  g_ptr_array_add (merge->conflicts, json_builder_get_root (builder));
}

/* The three-way rule on a whole value; NULL is "absent". */
static JsonNode *
merge_leaf (Merge    *merge,
            JsonNode *base,
            JsonNode *local,
            JsonNode *remote,
            Where    *where)
{
  if (hilum_json_node_equal (local, remote) || hilum_json_node_equal (remote, base))
    return local != NULL ? json_node_copy (local) : NULL;
  if (hilum_json_node_equal (local, base))
    return remote != NULL ? json_node_copy (remote) : NULL;
  add_conflict (merge, where, base, local, remote);
  /* Edited against deleted: the edited one stays until someone decides. */
  if (local == NULL)
    return json_node_copy (remote);
  return json_node_copy (local);
}

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* What a MemberMerge answers for "merge it as a whole value". */
#define AS_LEAF ((JsonNode *) 1)

typedef JsonNode *(*MemberMerge) (Merge      *merge,
                                  const char *member,
                                  JsonNode   *base,
                                  JsonNode   *local,
                                  JsonNode   *remote,
                                  Where      *where);

/* Member by member, in the local order with the remote's new members after. */
static JsonNode *
merge_members (Merge       *merge,
               JsonNode    *base,
               JsonNode    *local,
               JsonNode    *remote,
               Where       *where,
               MemberMerge  member_merge)
{
  JsonObject *b = node_object (base), *l = node_object (local), *r = node_object (remote);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node;

  /* Not objects on every side that has it: a whole value. */
  if ((local != NULL && l == NULL) || (remote != NULL && r == NULL) || (base != NULL && b == NULL) ||
      (l == NULL && r == NULL))
    return merge_leaf (merge, base, local, remote, where);

  {
    JsonObject *sides[2] = { l, r };

    for (guint s = 0; s < 2; s++)
      {
        g_autoptr(GList) members = sides[s] ? json_object_get_members (sides[s]) : NULL;

        for (GList *m = members; m != NULL; m = m->next)
          if (g_hash_table_add (seen, m->data))
            g_ptr_array_add (keys, m->data);
      }
  }

  result = json_object_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      JsonNode *nb = b ? json_object_get_member (b, key) : NULL;
      JsonNode *nl = l ? json_object_get_member (l, key) : NULL;
      JsonNode *nr = r ? json_object_get_member (r, key) : NULL;
      JsonNode *merged;

      g_ptr_array_add (where->path, (gpointer) key);
      merged = member_merge != NULL ? member_merge (merge, key, nb, nl, nr, where) : AS_LEAF;
      if (merged == AS_LEAF)
        merged = merge_leaf (merge, nb, nl, nr, where);
      g_ptr_array_remove_index (where->path, where->path->len - 1);
      if (merged != NULL)
        json_object_set_member (result, key, merged);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, result);
  return node;
}


static char *
key_of_member (JsonObject *item,
               const char *member)
{
  const char *key = hilum_json_get_string (item, member, NULL);

  return key != NULL ? g_strdup (key) : NULL;
}

static char *
finding_key (JsonObject *item)
{
  return key_of_member (item, "finding_id");
}

static char *
box_key (JsonObject *item)
{
  return key_of_member (item, "box_id");
}

static char *
reader_key (JsonObject *item)
{
  return key_of_member (item, "reader_id");
}

static char *
image_key (JsonObject *item)
{
  return key_of_member (item, "image_id");
}

static char *
annotation_key (JsonObject *item)
{
  const char *reader = hilum_json_get_string (item, "reader_id", NULL);
  const char *image = hilum_json_get_string (item, "image_id", NULL);

  return reader != NULL && image != NULL ? g_strconcat (reader, "|", image, NULL) : NULL;
}

/* Items of a list by their key; FALSE when one has none (then the list is a value). */
static gboolean
index_items (JsonArray   *array,
             KeyFunc      key_func,
             GHashTable  *items,
             GPtrArray   *order)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char *key = JSON_NODE_HOLDS_OBJECT (node) ? key_func (json_node_get_object (node)) : NULL;

      if (key == NULL || g_hash_table_contains (items, key))
        {
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (items, key, node);
      if (order != NULL)
        g_ptr_array_add (order, key);
    }
  return TRUE;
}

static JsonNode *
merge_keyed (Merge     *merge,
             JsonNode  *base,
             JsonNode  *local,
             JsonNode  *remote,
             Where     *where,
             KeyFunc    key_func,
             ItemMerge  item_merge,
             gboolean   required)
{
  JsonArray *b = node_array (base), *l = node_array (local), *r = node_array (remote);
  g_autoptr(GHashTable) bi = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) li = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) local_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) remote_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonArray) result = json_array_new ();
  JsonNode *node;

  if ((local != NULL && l == NULL) || (remote != NULL && r == NULL) || (base != NULL && b == NULL) ||
      !index_items (b, key_func, bi, NULL) || !index_items (l, key_func, li, local_order) ||
      !index_items (r, key_func, ri, remote_order))
    {
      if (required && merge->error == NULL)
        g_set_error_literal (&merge->error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID,
                             _("A finding without its own id cannot be merged."));
      return merge_leaf (merge, base, local, remote, where);
    }
  if (l == NULL && r == NULL)
    return NULL;

  /* Local order; a remote addition goes after the item it follows there. */
  for (guint i = 0; i < local_order->len; i++)
    {
      g_ptr_array_add (order, local_order->pdata[i]);
      g_hash_table_add (placed, local_order->pdata[i]);
    }
  for (guint i = 0; i < remote_order->len; i++)
    {
      const char *key = remote_order->pdata[i];
      guint at = 0;

      if (g_hash_table_contains (placed, key))
        continue;
      if (i > 0)
        {
          guint found;

          for (gint j = (gint) i - 1; j >= 0; j--)
            if (g_ptr_array_find_with_equal_func (order, remote_order->pdata[j], g_str_equal, &found))
              {
                at = found + 1;
                break;
              }
        }
      g_ptr_array_insert (order, (gint) at, (gpointer) key);
      g_hash_table_add (placed, (gpointer) key);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *key = order->pdata[i];
      JsonNode *nb = g_hash_table_lookup (bi, key);
      JsonNode *nl = g_hash_table_lookup (li, key);
      JsonNode *nr = g_hash_table_lookup (ri, key);
      JsonNode *merged;

      const char *finding_id = where->finding_id;
      const char *box_id = where->box_id;

      g_ptr_array_add (where->path, (gpointer) key);
      /* Messages and resolutions name the finding or box, whichever side has it. */
      if (key_func == finding_key)
        where->finding_id = key;
      else if (key_func == box_key)
        where->box_id = key;
      if (nl != NULL && nr != NULL)
        merged = item_merge (merge, nb, nl, nr, where);
      else
        merged = merge_leaf (merge, nb, nl, nr, where);   /* added, deleted, or edited vs deleted */
      where->finding_id = finding_id;
      where->box_id = box_id;
      g_ptr_array_remove_index (where->path, where->path->len - 1);
      if (merged != NULL)
        json_array_add_element (result, merged);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, result);
  return node;
}

static JsonNode *
merge_whole_item (Merge    *merge,
                  JsonNode *base,
                  JsonNode *local,
                  JsonNode *remote,
                  Where    *where)
{
  return merge_leaf (merge, base, local, remote, where);
}


static JsonNode *
annotation_member (Merge      *merge,
                   const char *member,
                   JsonNode   *base,
                   JsonNode   *local,
                   JsonNode   *remote,
                   Where      *where)
{
  if (g_str_equal (member, "boxes"))
    return merge_keyed (merge, base, local, remote, where, box_key, merge_whole_item, FALSE);
  return AS_LEAF;
}

static JsonNode *
annotation_item (Merge    *merge,
                 JsonNode *base,
                 JsonNode *local,
                 JsonNode *remote,
                 Where    *where)
{
  return merge_members (merge, base, local, remote, where, annotation_member);
}

static JsonNode *
finding_member (Merge      *merge,
                const char *member,
                JsonNode   *base,
                JsonNode   *local,
                JsonNode   *remote,
                Where      *where)
{
  /* Each language on its own: the Spanish and the English sentence are two fields. */
  if (g_str_equal (member, "text") || g_str_equal (member, "translation"))
    return merge_members (merge, base, local, remote, where, NULL);
  if (g_str_equal (member, "annotations"))
    return merge_keyed (merge, base, local, remote, where, annotation_key, annotation_item, FALSE);
  return AS_LEAF;
}

static JsonNode *
finding_item (Merge    *merge,
              JsonNode *base,
              JsonNode *local,
              JsonNode *remote,
              Where    *where)
{
  return merge_members (merge, base, local, remote, where, finding_member);
}

static JsonNode *
top_member (Merge      *merge,
            const char *member,
            JsonNode   *base,
            JsonNode   *local,
            JsonNode   *remote,
            Where      *where)
{
  if (g_str_equal (member, "conflicts"))
    return NULL;   /* merged as a set afterwards */
  if (g_str_equal (member, "study"))
    return merge_members (merge, base, local, remote, where, NULL);
  if (g_str_equal (member, "findings"))
    {
      /* A finding deleted on one side whose boxes or text changed on the other keeps
       * the finding: finding_item sets the id for messages, merge_leaf the deletion. */
      JsonNode *merged = merge_keyed (merge, base, local, remote, where, finding_key, finding_item, TRUE);

      return merged;
    }
  if (g_str_equal (member, "readers"))
    return merge_keyed (merge, base, local, remote, where, reader_key, merge_whole_item, FALSE);
  if (g_str_equal (member, "images"))
    return merge_keyed (merge, base, local, remote, where, image_key, merge_whole_item, FALSE);
  return AS_LEAF;
}

static void
index_conflicts (JsonObject *root,
                 GHashTable *ids,
                 GPtrArray  *order)
{
  JsonArray *conflicts = hilum_json_get_array (root, "conflicts");

  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      const char *id = hilum_json_get_string (node_object (node), "conflict_id", NULL);

      if (id != NULL && !g_hash_table_contains (ids, id))
        {
          g_hash_table_insert (ids, (gpointer) id, node);
          if (order != NULL)
            g_ptr_array_add (order, node);
        }
    }
}

/* Both sides' conflicts as a set: one resolved on either side (in the base, gone
 * there) is resolved; then this merge's new ones. */
static void
merge_conflict_lists (Merge      *merge,
                      JsonObject *base,
                      JsonObject *local,
                      JsonObject *remote,
                      JsonObject *merged)
{
  g_autoptr(GHashTable) b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) l = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) r = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(JsonArray) result = json_array_new ();

  if (base != NULL)
    index_conflicts (base, b, NULL);
  index_conflicts (local, l, candidates);
  index_conflicts (remote, r, candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      JsonNode *node = candidates->pdata[i];
      const char *id = hilum_json_get_string (json_node_get_object (node), "conflict_id", NULL);
      gboolean resolved = g_hash_table_contains (b, id) &&
                          (!g_hash_table_contains (l, id) || !g_hash_table_contains (r, id));

      if (resolved || !g_hash_table_add (taken, (gpointer) id))
        continue;
      json_array_add_element (result, json_node_copy (node));
    }
  for (guint i = 0; i < merge->conflicts->len; i++)
    {
      JsonNode *node = merge->conflicts->pdata[i];
      const char *id = hilum_json_get_string (json_node_get_object (node), "conflict_id", NULL);

      if (!g_hash_table_add (taken, (gpointer) id))
        continue;
      /* Resolved once on a side, met again: the same two values came back. */
      json_array_add_element (result, json_node_copy (node));
    }
  if (json_array_get_length (result) > 0)
    json_object_set_array_member (merged, "conflicts", g_steal_pointer (&result));
}

HilumMergeResult *
hilum_merge_documents (HilumDocument  *base,
                       HilumDocument  *local,
                       HilumDocument  *remote,
                       GError        **error)
{
  return hilum_merge_documents_by (base, local, remote, NULL, NULL, error);
}

HilumMergeResult *
hilum_merge_documents_by (HilumDocument  *base,
                          HilumDocument  *local,
                          HilumDocument  *remote,
                          const char     *local_by,
                          const char     *remote_by,
                          GError        **error)
{
  g_autoptr(JsonNode) base_node = NULL;
  g_autoptr(JsonNode) local_node = NULL;
  g_autoptr(JsonNode) remote_node = NULL;
  g_autoptr(JsonNode) merged_node = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  g_autoptr(HilumDocument) merged = NULL;
  HilumMergeResult *result;
  Merge merge = { 0 };
  Where where = { path, NULL, NULL };

  g_return_val_if_fail (base == NULL || HILUM_IS_DOCUMENT (base), NULL);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (local), NULL);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (remote), NULL);

  if (g_strcmp0 (hilum_document_get_study_id (local), hilum_document_get_study_id (remote)) != 0)
    {
      g_set_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID,
                   _("The server’s annotations of study “%s” belong to another study."),
                   hilum_document_get_study_id (local));
      return NULL;
    }

  if (base != NULL)
    {
      base_node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (base_node, hilum_document_get_root (base));
    }
  local_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (local_node, hilum_document_get_root (local));
  remote_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (remote_node, hilum_document_get_root (remote));

  merge.local_by = local_by;
  merge.remote_by = remote_by;
  merge.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  merge.conflict_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge.report = g_ptr_array_new_with_free_func ((GDestroyNotify) merge_conflict_free);

  merged_node = merge_members (&merge, base_node, local_node, remote_node, &where, top_member);
  if (merge.error == NULL)
    merge_conflict_lists (&merge, base ? hilum_document_get_root (base) : NULL,
                          hilum_document_get_root (local), hilum_document_get_root (remote),
                          json_node_get_object (merged_node));
  if (merge.error == NULL)
    merged = hilum_document_new_from_json (merged_node, &merge.error);

  g_ptr_array_unref (merge.conflicts);
  g_hash_table_unref (merge.conflict_ids);
  if (merge.error != NULL)
    {
      g_ptr_array_unref (merge.report);
      g_propagate_error (error, merge.error);
      return NULL;
    }

  result = g_new0 (HilumMergeResult, 1);
  result->merged = g_steal_pointer (&merged);
  result->operation = hilum_document_diff (local, result->merged);
  result->conflicts = merge.report;
  result->n_local_changes = hilum_json_object_equal (hilum_document_get_root (result->merged),
                                                     hilum_document_get_root (remote)) ? 0 : 1;
  return result;
}
