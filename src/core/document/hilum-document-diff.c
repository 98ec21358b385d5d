/* hilum-document-diff.c — the operations that turn one document into another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used when an edited hilum-study/1 document of a study already in the store is imported:
 * the difference goes through the session as ordinary operations, so it is audited,
 * undoable and rights-checked (a script cannot change another reader's boxes either).
 *
 * The diff is as fine as the operation kinds allow — a changed sentence is one
 * set-finding-field, a moved box one set-box — and falls back to replacing a whole finding
 * (or a whole top-level member) where they cannot say it: unknown keys, a changed key order,
 * a box that changed more than its coordinates. Every candidate is tried on a working copy
 * and checked against the target, so applying the result always gives the target.
 */
#define G_LOG_DOMAIN "hilum-document-diff"

#include "config.h"

#include "hilum-document.h"
#include "hilum-document-private.h"
#include "hilum-json.h"

typedef struct
{
  HilumDocument *work;          /* self with the operations so far applied */
  GPtrArray     *ops;
} Diff;

static JsonObject *
op_new (const char *kind)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "op", kind);
  /* Values come from a validated document, like an undo's. */
  json_object_set_boolean_member (o, "restore", TRUE);
  return o;
}

/* Applies @o (taken) to the working copy and keeps it; FALSE (and nothing kept) when the
 * working copy refuses it. */
static gboolean
diff_push (Diff       *diff,
           JsonObject *o)
{
  g_autoptr(HilumOperation) op = hilum_operation_new_from_json (o);
  g_autoptr(GError) error = NULL;

  json_object_unref (o);
  if (!_hilum_document_apply_silently (diff->work, op, &error))
    {
      g_debug ("Diff operation refused: %s", error->message);
      return FALSE;
    }
  g_ptr_array_add (diff->ops, g_steal_pointer (&op));
  return TRUE;
}

static void
set_value (JsonObject *o,
           JsonNode   *value)
{
  if (value != NULL)
    json_object_set_member (o, "value", hilum_json_deep_copy (value));
}

/* Top-level members other than the study and the findings. */
static void
diff_members (Diff       *diff,
              JsonObject *target)
{
  JsonObject *root = hilum_document_get_root (diff->work);
  g_autoptr(GList) members = json_object_get_members (root);
  g_autoptr(GList) target_names = json_object_get_members (target);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* Copies: setting a member frees its old name string. */
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (names, g_strdup (l->data));

  for (GList *l = target_names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *o;

      if (g_str_equal (name, "schema") || g_str_equal (name, "findings"))
        continue;
      if (hilum_json_node_equal (json_object_get_member (root, name), json_object_get_member (target, name)))
        continue;
      if (g_str_equal (name, "study") && json_object_has_member (root, "study"))
        continue;     /* diff_study() */
      o = op_new ("set-document-field");
      json_object_set_string_member (o, "field", name);
      set_value (o, json_object_get_member (target, name));
      diff_push (diff, o);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonObject *o;

      if (json_object_has_member (target, name) || g_str_equal (name, "schema") || g_str_equal (name, "findings"))
        continue;
      o = op_new ("set-document-field");
      json_object_set_string_member (o, "field", name);
      diff_push (diff, o);
    }
}

static void
diff_study (Diff       *diff,
            JsonObject *target_study)
{
  static const char * const fields[] = {
    "indication", "technique", "comparison", "prior_report", "status", "study_date",
    "prior_study_id", "prior_image_id", NULL
  };
  JsonObject *study = hilum_json_get_object (hilum_document_get_root (diff->work), "study");
  g_autoptr(HilumDocument) saved = NULL;
  guint n_before = diff->ops->len;
  g_autoptr(JsonNode) whole = NULL;
  JsonObject *o;

  if (hilum_json_object_equal (study, target_study))
    return;

  /* Field by field when that says it all; else the whole study object. */
  saved = hilum_document_copy (diff->work);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *a = json_object_get_member (study, fields[i]);
      JsonNode *b = json_object_get_member (target_study, fields[i]);

      if (hilum_json_node_equal (a, b))
        continue;
      o = op_new ("set-study-field");
      json_object_set_string_member (o, "field", fields[i]);
      set_value (o, b);
      if (!diff_push (diff, o))
        break;
      study = hilum_json_get_object (hilum_document_get_root (diff->work), "study");
    }
  if (hilum_json_object_equal (hilum_json_get_object (hilum_document_get_root (diff->work), "study"), target_study))
    return;

  g_set_object (&diff->work, saved);
  g_ptr_array_set_size (diff->ops, n_before);
  whole = json_node_init_object (json_node_alloc (), target_study);
  o = op_new ("set-document-field");
  json_object_set_string_member (o, "field", "study");
  set_value (o, whole);
  diff_push (diff, o);
}

static GHashTable *
index_findings (JsonArray *findings)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_hash_table_insert (index, (gpointer) hilum_finding_get_id (hilum_json_array_get_object (findings, i)),
                         GUINT_TO_POINTER (i + 1));
  return index;
}

/* box_id → box object, with its annotation in @annotations (nullable). */
static GHashTable *
index_boxes (JsonObject *finding,
             GHashTable *annotations)
{
  GHashTable *boxes = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *list = hilum_json_get_array (finding, "annotations");

  for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
    {
      JsonObject *annotation = hilum_json_array_get_object (list, j);
      JsonArray *b = hilum_json_get_array (annotation, "boxes");

      for (guint k = 0; b != NULL && k < json_array_get_length (b); k++)
        {
          JsonObject *box = hilum_json_array_get_object (b, k);
          const char *id = json_object_get_string_member_with_default (box, "box_id", NULL);

          if (id == NULL)
            continue;
          g_hash_table_insert (boxes, (gpointer) id, box);
          if (annotations != NULL)
            g_hash_table_insert (annotations, (gpointer) id, annotation);
        }
    }
  return boxes;
}

/* Boxes a common finding no longer has go first, so that a box moving to another finding
 * can be added there. */
static void
diff_removed_boxes (Diff      *diff,
                    JsonArray *target_findings,
                    GHashTable *target_index)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  JsonArray *findings = hilum_json_get_array (hilum_document_get_root (diff->work), "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = hilum_json_array_get_object (findings, i);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (target_index, hilum_finding_get_id (finding)));
      g_autoptr(GHashTable) mine = NULL;
      g_autoptr(GHashTable) theirs = NULL;
      GHashTableIter iter;
      gpointer id;

      if (t == 0)
        continue;
      mine = index_boxes (finding, NULL);
      theirs = index_boxes (hilum_json_array_get_object (target_findings, t - 1), NULL);
      g_hash_table_iter_init (&iter, mine);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (theirs, id))
          g_ptr_array_add (gone, g_strdup (id));
    }
  /* Hash order is arbitrary: sort, so the same diff always comes out the same. */
  g_ptr_array_sort (gone, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < gone->len; i++)
    {
      JsonObject *o = op_new ("remove-box");

      json_object_set_string_member (o, "box_id", g_ptr_array_index (gone, i));
      diff_push (diff, o);
    }
}

static void
diff_finding_fields (Diff       *diff,
                     JsonObject *finding,
                     JsonObject *target)
{
  static const char * const fields[] = { "polarity", "labels", "locations", "progression", NULL };
  static const char * const nested[] = { "text", "translation", NULL };
  const char *finding_id = hilum_finding_get_id (target);
  JsonObject *o;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *a = json_object_get_member (finding, fields[i]);
      JsonNode *b = json_object_get_member (target, fields[i]);

      if (hilum_json_node_equal (a, b))
        continue;
      o = op_new ("set-finding-field");
      json_object_set_string_member (o, "finding_id", finding_id);
      json_object_set_string_member (o, "field", fields[i]);
      set_value (o, b);
      diff_push (diff, o);
    }

  for (guint i = 0; nested[i] != NULL; i++)
    {
      JsonObject *a = hilum_json_get_object (finding, nested[i]);
      JsonObject *b = hilum_json_get_object (target, nested[i]);
      g_autoptr(GList) names = b != NULL ? json_object_get_members (b) : NULL;
      g_autoptr(GPtrArray) old_names = g_ptr_array_new_with_free_func (g_free);

      /* Copies: setting a member frees its old name string. */
      if (a != NULL)
        {
          g_autoptr(GList) list = json_object_get_members (a);

          for (GList *l = list; l != NULL; l = l->next)
            g_ptr_array_add (old_names, g_strdup (l->data));
        }

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *field = g_strconcat (nested[i], ".", l->data, NULL);

          if (a != NULL && hilum_json_node_equal (json_object_get_member (a, l->data), json_object_get_member (b, l->data)))
            continue;
          o = op_new ("set-finding-field");
          json_object_set_string_member (o, "finding_id", finding_id);
          json_object_set_string_member (o, "field", field);
          set_value (o, json_object_get_member (b, l->data));
          diff_push (diff, o);
          finding = hilum_document_find_finding (diff->work, finding_id, NULL);
          a = hilum_json_get_object (finding, nested[i]);
        }
      for (guint k = 0; k < old_names->len; k++)
        {
          const char *name = g_ptr_array_index (old_names, k);
          g_autofree char *field = g_strconcat (nested[i], ".", name, NULL);

          if (b != NULL && json_object_has_member (b, name))
            continue;
          o = op_new ("set-finding-field");
          json_object_set_string_member (o, "finding_id", finding_id);
          json_object_set_string_member (o, "field", field);
          if (b == NULL)
            json_object_set_boolean_member (o, "remove_parent", TRUE);
          diff_push (diff, o);
        }
      finding = hilum_document_find_finding (diff->work, finding_id, NULL);
    }
}

static void
diff_finding_boxes (Diff       *diff,
                    JsonObject *finding,
                    JsonObject *target)
{
  g_autoptr(GHashTable) target_annotations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) mine = index_boxes (finding, NULL);
  g_autoptr(GHashTable) theirs = index_boxes (target, target_annotations);
  JsonArray *annotations = hilum_json_get_array (target, "annotations");
  const char *finding_id = hilum_finding_get_id (target);

  /* In the target's order, so boxes land where they stand there. */
  for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
    {
      JsonObject *annotation = hilum_json_array_get_object (annotations, j);
      JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

      for (guint k = 0; boxes != NULL && k < json_array_get_length (boxes); k++)
        {
          JsonObject *box = hilum_json_array_get_object (boxes, k);
          const char *id = json_object_get_string_member_with_default (box, "box_id", NULL);
          JsonObject *old = id != NULL ? g_hash_table_lookup (mine, id) : NULL;
          JsonObject *o;

          if (id == NULL)
            continue;
          if (old == NULL)
            {
              g_autoptr(JsonNode) whole = json_node_init_object (json_node_alloc (), box);

              o = op_new ("add-box");
              json_object_set_string_member (o, "finding_id", finding_id);
              json_object_set_string_member (o, "reader_id",
                                             json_object_get_string_member_with_default (annotation, "reader_id", ""));
              json_object_set_string_member (o, "image_id",
                                             json_object_get_string_member_with_default (annotation, "image_id", ""));
              json_object_set_member (o, "box", hilum_json_deep_copy (whole));
              if (json_object_has_member (annotation, "status"))
                json_object_set_member (o, "status", hilum_json_deep_copy (json_object_get_member (annotation, "status")));
              diff_push (diff, o);
            }
          else if (!hilum_json_node_equal (json_object_get_member (old, "xyxy_norm"), json_object_get_member (box, "xyxy_norm")))
            {
              o = op_new ("set-box");
              json_object_set_string_member (o, "box_id", id);
              set_value (o, json_object_get_member (box, "xyxy_norm"));
              diff_push (diff, o);
            }
        }
    }
}

static void
diff_findings (Diff      *diff,
               JsonArray *target_findings)
{
  g_autoptr(GHashTable) target_index = index_findings (target_findings);
  JsonArray *findings = hilum_json_get_array (hilum_document_get_root (diff->work), "findings");
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint n_common;

  /* 1. Findings that are gone. */
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *id = hilum_finding_get_id (hilum_json_array_get_object (findings, i));

      if (!g_hash_table_contains (target_index, id))
        g_ptr_array_add (removed, g_strdup (id));
    }
  for (guint i = 0; i < removed->len; i++)
    {
      JsonObject *o = op_new ("remove-finding");

      json_object_set_string_member (o, "finding_id", g_ptr_array_index (removed, i));
      diff_push (diff, o);
    }

  /* 2. Boxes gone from the findings that stay. */
  diff_removed_boxes (diff, target_findings, target_index);

  /* 3. The findings that stay, into the target's order. */
  for (guint i = 0; i < json_array_get_length (target_findings); i++)
    {
      JsonObject *t = hilum_json_array_get_object (target_findings, i);

      if (hilum_document_find_finding (diff->work, hilum_finding_get_id (t), NULL) != NULL)
        g_ptr_array_add (order, (gpointer) hilum_finding_get_id (t));
    }
  n_common = order->len;
  for (guint i = 0; i < n_common; i++)
    {
      findings = hilum_json_get_array (hilum_document_get_root (diff->work), "findings");
      if (g_strcmp0 (hilum_finding_get_id (hilum_json_array_get_object (findings, i)), g_ptr_array_index (order, i)) == 0)
        continue;
      {
        JsonObject *o = op_new ("move-finding");

        json_object_set_string_member (o, "finding_id", g_ptr_array_index (order, i));
        json_object_set_int_member (o, "to", i);
        diff_push (diff, o);
      }
    }

  /* 4. Each finding that stays: field by field and box by box, or whole. */
  for (guint i = 0; i < n_common; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      JsonObject *target = hilum_json_array_get_object (target_findings,
                                                          GPOINTER_TO_UINT (g_hash_table_lookup (target_index, id)) - 1);
      JsonObject *finding = hilum_document_find_finding (diff->work, id, NULL);
      g_autoptr(HilumDocument) saved = NULL;
      guint n_before = diff->ops->len;

      if (hilum_json_object_equal (finding, target))
        continue;
      saved = hilum_document_copy (diff->work);
      diff_finding_fields (diff, finding, target);
      finding = hilum_document_find_finding (diff->work, id, NULL);
      diff_finding_boxes (diff, finding, target);
      finding = hilum_document_find_finding (diff->work, id, NULL);
      if (hilum_json_object_equal (finding, target))
        continue;

      g_set_object (&diff->work, saved);
      g_ptr_array_set_size (diff->ops, n_before);
      {
        JsonObject *o = op_new ("replace-finding");
        g_autoptr(JsonNode) whole = json_node_init_object (json_node_alloc (), target);

        json_object_set_string_member (o, "finding_id", id);
        set_value (o, whole);
        diff_push (diff, o);
      }
    }

  /* 5. New findings, at their places (ascending, so each index is right when it lands). */
  for (guint i = 0; i < json_array_get_length (target_findings); i++)
    {
      JsonObject *t = hilum_json_array_get_object (target_findings, i);
      g_autoptr(JsonNode) whole = NULL;
      JsonObject *o;

      if (hilum_document_find_finding (diff->work, hilum_finding_get_id (t), NULL) != NULL)
        continue;
      whole = json_node_init_object (json_node_alloc (), t);
      o = op_new ("add-finding");
      json_object_set_int_member (o, "index", i);
      json_object_set_member (o, "finding", hilum_json_deep_copy (whole));
      diff_push (diff, o);
    }
}

HilumOperation *
hilum_document_diff (HilumDocument *self,
                     HilumDocument *target)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_operation_unref);
  JsonObject *target_root;
  Diff diff;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (target), NULL);

  target_root = hilum_document_get_root (target);
  if (hilum_json_object_equal (hilum_document_get_root (self), target_root))
    return NULL;

  diff.work = hilum_document_copy (self);
  diff.ops = ops;

  diff_members (&diff, target_root);
  if (hilum_json_get_object (target_root, "study") != NULL)
    diff_study (&diff, hilum_json_get_object (target_root, "study"));
  diff_findings (&diff, hilum_json_get_array (target_root, "findings"));

  g_clear_object (&diff.work);

  /* The operations were applied to the working copy and carry what they recorded; hand
   * them out clean, as constructors would make them. */
  for (guint i = 0; i < ops->len; i++)
    {
      static const char * const recorded[] = {
        "before", "from", "status_before", "annotation_before", "annotation_created",
        "annotations_created", "parent_created", "parent_removed", NULL
      };
      JsonObject *o = hilum_operation_get_json (g_ptr_array_index (ops, i));

      for (guint k = 0; recorded[k] != NULL; k++)
        if (json_object_has_member (o, recorded[k]))
          json_object_remove_member (o, recorded[k]);
    }

  return hilum_operation_new_batch (NULL, ops);
}
