/* hilum-operation.c — one typed edit of a study document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An operation is nothing but its JSON object: that is what the audit log stores and what
 * undo replays, so there is no parallel C representation to keep in step. The fields that
 * hilum_document_apply() records ("before", "index", "status_before" …) make every applied
 * operation invertible to the exact bytes of the document it was applied to.
 */
#define G_LOG_DOMAIN "hilum-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-json.h"
#include "hilum-operation.h"
#include "hilum-uuid.h"

struct _HilumOperation
{
  gatomicrefcount ref_count;
  JsonObject *object;
};

G_DEFINE_BOXED_TYPE (HilumOperation, hilum_operation, hilum_operation_ref, hilum_operation_unref)

HilumOperation *
hilum_operation_ref (HilumOperation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hilum_operation_unref (HilumOperation *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      json_object_unref (self->object);
      g_free (self);
    }
}

HilumOperation *
hilum_operation_new_from_json (JsonObject *object)
{
  HilumOperation *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_new0 (HilumOperation, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->object = json_object_ref (object);
  return self;
}

HilumOperation *
hilum_operation_new_from_string (const char  *json,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                   _("The edit could not be read: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || json_object_get_string_member_with_default (json_node_get_object (root), "op", NULL) == NULL)
    {
      g_set_error_literal (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                           _("The edit could not be read: it is not a JSON object with an “op”."));
      return NULL;
    }

  /* The parser's nodes are immutable (sealed): apply() fills fields in, so copy. */
  {
    g_autoptr(JsonNode) copy = hilum_json_deep_copy (root);
    return hilum_operation_new_from_json (json_node_get_object (copy));
  }
}

JsonObject *
hilum_operation_get_json (HilumOperation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->object;
}

char *
hilum_operation_to_string (HilumOperation *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), self->object);
  return json_to_string (node, FALSE);
}

const char *
hilum_operation_get_kind (HilumOperation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return json_object_get_string_member_with_default (self->object, "op", "");
}

/* Helpers for building and inverting. */

static JsonObject *
op_object_new (const char *kind)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "op", kind);
  return object;
}

static HilumOperation *
op_take (JsonObject *object)
{
  HilumOperation *self = hilum_operation_new_from_json (object);

  json_object_unref (object);
  return self;
}

/* Copies member @from of @src into @dst as @to, if present. */
static void
copy_member (JsonObject *dst,
             const char *to,
             JsonObject *src,
             const char *from)
{
  JsonNode *node = json_object_get_member (src, from);

  if (node != NULL)
    json_object_set_member (dst, to, hilum_json_deep_copy (node));
}

static JsonNode *
xyxy_node_new (const double xyxy_norm[4])
{
  JsonArray *array = json_array_sized_new (4);

  JsonNode *node;

  for (guint i = 0; i < 4; i++)
    json_array_add_double_element (array, xyxy_norm[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

static HilumOperation *
invert_set (JsonObject *object)
{
  /* Absent "before": the member was absent, so the inverse has no "value" (it removes
   * the member again). */
  JsonObject *inverse = op_object_new (json_object_get_string_member (object, "op"));
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_str_equal (name, "op") || g_str_equal (name, "author") || g_str_equal (name, "time"))
        continue;
      else if (g_str_equal (name, "value"))
        json_object_set_member (inverse, "before", hilum_json_deep_copy (node));
      else if (g_str_equal (name, "before"))
        json_object_set_member (inverse, "value", hilum_json_deep_copy (node));
      else if (g_str_equal (name, "parent_created"))
        json_object_set_boolean_member (inverse, "remove_parent", TRUE);
      else if (g_str_equal (name, "remove_parent") || g_str_equal (name, "parent_removed"))
        continue;
      else
        json_object_set_member (inverse, name, hilum_json_deep_copy (node));
    }
  return op_take (inverse);
}

static HilumOperation *invert_unmarked (HilumOperation *self);

/* Inverses carry "restore": their values come from the document itself, so apply()
 * checks their structure but not their content (an imported box slightly outside [0,1]
 * must come back on undo). */
HilumOperation *
hilum_operation_invert (HilumOperation *self)
{
  HilumOperation *inverse;

  g_return_val_if_fail (self != NULL, NULL);

  inverse = invert_unmarked (self);
  json_object_set_boolean_member (inverse->object, "restore", TRUE);
  /* An edit the session made by itself (the study's status…) stays one when undone. */
  if (json_object_get_boolean_member_with_default (self->object, "auto", FALSE))
    json_object_set_boolean_member (inverse->object, "auto", TRUE);
  return inverse;
}

static HilumOperation *
invert_unmarked (HilumOperation *self)
{
  JsonObject *o;
  JsonObject *inverse;
  const char *kind;

  g_return_val_if_fail (self != NULL, NULL);

  o = self->object;
  kind = hilum_operation_get_kind (self);

  if (g_str_equal (kind, "set-study-field") || g_str_equal (kind, "set-finding-field")
      || g_str_equal (kind, "set-box") || g_str_equal (kind, "replace-finding")
      || g_str_equal (kind, "set-document-field"))
    return invert_set (o);

  if (g_str_equal (kind, "add-finding"))
    {
      JsonObject *finding = hilum_json_get_object (o, "finding");

      inverse = op_object_new ("remove-finding");
      if (finding != NULL)
        json_object_set_string_member (inverse, "finding_id", hilum_json_get_string (finding, "finding_id", ""));
      copy_member (inverse, "index", o, "index");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "remove-finding"))
    {
      inverse = op_object_new ("add-finding");
      copy_member (inverse, "index", o, "index");
      copy_member (inverse, "finding", o, "before");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "move-finding"))
    {
      inverse = op_object_new ("move-finding");
      copy_member (inverse, "finding_id", o, "finding_id");
      copy_member (inverse, "from", o, "to");
      copy_member (inverse, "to", o, "from");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "add-box"))
    {
      JsonObject *box = hilum_json_get_object (o, "box");

      inverse = op_object_new ("remove-box");
      if (box != NULL)
        copy_member (inverse, "box_id", box, "box_id");
      copy_member (inverse, "finding_id", o, "finding_id");
      copy_member (inverse, "reader_id", o, "reader_id");
      copy_member (inverse, "image_id", o, "image_id");
      copy_member (inverse, "index", o, "index");
      if (json_object_get_boolean_member_with_default (o, "annotation_created", FALSE))
        json_object_set_boolean_member (inverse, "remove_annotation", TRUE);
      if (json_object_get_boolean_member_with_default (o, "annotations_created", FALSE))
        json_object_set_boolean_member (inverse, "remove_annotations", TRUE);
      else
        copy_member (inverse, "status", o, "status_before");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "remove-box"))
    {
      inverse = op_object_new ("add-box");
      copy_member (inverse, "finding_id", o, "finding_id");
      copy_member (inverse, "reader_id", o, "reader_id");
      copy_member (inverse, "image_id", o, "image_id");
      copy_member (inverse, "index", o, "index");
      copy_member (inverse, "box", o, "before");
      copy_member (inverse, "annotation_index", o, "annotation_index");
      if (json_object_has_member (o, "annotation_before"))
        copy_member (inverse, "annotation", o, "annotation_before");
      else
        copy_member (inverse, "status", o, "status_before");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "add-reader"))
    {
      JsonObject *reader = hilum_json_get_object (o, "reader");

      inverse = op_object_new ("remove-reader");
      if (reader != NULL)
        copy_member (inverse, "reader_id", reader, "reader_id");
      copy_member (inverse, "index", o, "index");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "remove-reader"))
    {
      inverse = op_object_new ("add-reader");
      copy_member (inverse, "reader", o, "before");
      copy_member (inverse, "index", o, "index");
      return op_take (inverse);
    }

  if (g_str_equal (kind, "batch"))
    {
      JsonArray *ops = hilum_json_get_array (o, "ops");
      JsonArray *inverted = json_array_new ();
      guint n = ops != NULL ? json_array_get_length (ops) : 0;

      inverse = op_object_new ("batch");
      copy_member (inverse, "label", o, "label");
      for (guint i = n; i > 0; i--)
        {
          JsonObject *child = hilum_json_array_get_object (ops, i - 1);
          g_autoptr(HilumOperation) child_op = hilum_operation_new_from_json (child);
          g_autoptr(HilumOperation) child_inverse = hilum_operation_invert (child_op);

          json_array_add_object_element (inverted, json_object_ref (child_inverse->object));
        }
      json_object_set_array_member (inverse, "ops", inverted);
      return op_take (inverse);
    }

  /* An unknown kind has no inverse: an empty batch changes nothing. */
  g_warning ("Cannot invert an operation of kind “%s”", kind);
  inverse = op_object_new ("batch");
  json_object_set_array_member (inverse, "ops", json_array_new ());
  return op_take (inverse);
}

static const char *
study_field_label (const char *field)
{
  if (g_strcmp0 (field, "indication") == 0)
    return _("Edit Indication");
  if (g_strcmp0 (field, "technique") == 0)
    return _("Edit Technique");
  if (g_strcmp0 (field, "comparison") == 0)
    return _("Edit Comparison");
  if (g_strcmp0 (field, "prior_report") == 0)
    return _("Edit Prior Report");
  if (g_strcmp0 (field, "status") == 0)
    return _("Change Study Status");
  if (g_strcmp0 (field, "study_date") == 0)
    return _("Edit Study Date");
  return _("Edit Study");
}

static const char *
finding_field_label (const char *field)
{
  if (field != NULL && g_str_has_prefix (field, "text."))
    return _("Edit Sentence");
  if (field != NULL && g_str_has_prefix (field, "translation."))
    return _("Change Translation State");
  if (g_strcmp0 (field, "polarity") == 0)
    return _("Change Polarity");
  if (g_strcmp0 (field, "labels") == 0)
    return _("Edit Labels");
  if (g_strcmp0 (field, "locations") == 0)
    return _("Edit Locations");
  if (g_strcmp0 (field, "progression") == 0)
    return _("Edit Progression");
  return _("Edit Finding");
}

const char *
hilum_operation_get_label (HilumOperation *self)
{
  const char *kind;
  const char *field;

  g_return_val_if_fail (self != NULL, NULL);

  kind = hilum_operation_get_kind (self);
  field = json_object_get_string_member_with_default (self->object, "field", NULL);

  if (g_str_equal (kind, "set-study-field"))
    return study_field_label (field);
  if (g_str_equal (kind, "set-finding-field"))
    return finding_field_label (field);
  if (g_str_equal (kind, "add-finding"))
    return _("Add Finding");
  if (g_str_equal (kind, "remove-finding"))
    return _("Delete Finding");
  if (g_str_equal (kind, "move-finding"))
    return _("Move Finding");
  if (g_str_equal (kind, "replace-finding"))
    return _("Edit Finding");
  if (g_str_equal (kind, "add-box"))
    return _("Add Box");
  if (g_str_equal (kind, "remove-box"))
    return _("Delete Box");
  if (g_str_equal (kind, "set-box"))
    return _("Move Box");
  if (g_str_equal (kind, "add-reader"))
    return _("Add Reader");
  if (g_str_equal (kind, "remove-reader"))
    return _("Remove Reader");
  if (g_str_equal (kind, "set-document-field"))
    return _("Edit Study");
  if (g_str_equal (kind, "batch"))
    {
      const char *label = json_object_get_string_member_with_default (self->object, "label", NULL);

      if (label != NULL && *label != '\0')
        return label;
      return _("Edit Study");
    }
  return _("Edit");
}

/* Constructors: "before", "index" and "from" are filled in by hilum_document_apply(). */

HilumOperation *
hilum_operation_new_set_study_field (const char *field,
                                     JsonNode   *value)
{
  JsonObject *o;

  g_return_val_if_fail (field != NULL, NULL);

  o = op_object_new ("set-study-field");
  json_object_set_string_member (o, "field", field);
  json_object_set_member (o, "value", value != NULL ? hilum_json_deep_copy (value)
                                                    : json_node_new (JSON_NODE_NULL));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_add_finding (JsonObject *finding,
                                 int         index)
{
  g_autoptr(JsonNode) wrap = NULL;
  JsonObject *o;

  g_return_val_if_fail (finding != NULL, NULL);

  wrap = json_node_init_object (json_node_alloc (), finding);
  o = op_object_new ("add-finding");
  if (index >= 0)
    json_object_set_int_member (o, "index", index);
  json_object_set_member (o, "finding", hilum_json_deep_copy (wrap));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_remove_finding (const char *finding_id)
{
  JsonObject *o;

  g_return_val_if_fail (finding_id != NULL, NULL);

  o = op_object_new ("remove-finding");
  json_object_set_string_member (o, "finding_id", finding_id);
  return op_take (o);
}

HilumOperation *
hilum_operation_new_move_finding (const char *finding_id,
                                  int         to)
{
  JsonObject *o;

  g_return_val_if_fail (finding_id != NULL, NULL);

  o = op_object_new ("move-finding");
  json_object_set_string_member (o, "finding_id", finding_id);
  json_object_set_int_member (o, "to", to);
  return op_take (o);
}

HilumOperation *
hilum_operation_new_set_finding_field (const char *finding_id,
                                       const char *field,
                                       JsonNode   *value)
{
  JsonObject *o;

  g_return_val_if_fail (finding_id != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  o = op_object_new ("set-finding-field");
  json_object_set_string_member (o, "finding_id", finding_id);
  json_object_set_string_member (o, "field", field);
  json_object_set_member (o, "value", value != NULL ? hilum_json_deep_copy (value)
                                                    : json_node_new (JSON_NODE_NULL));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_set_text (const char *finding_id,
                              const char *lang,
                              const char *text)
{
  g_autofree char *field = NULL;
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (finding_id != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  field = g_strconcat ("text.", lang, NULL);
  value = json_node_init_string (json_node_alloc (), text != NULL ? text : "");
  return hilum_operation_new_set_finding_field (finding_id, field, value);
}

HilumOperation *
hilum_operation_new_add_box (const char   *finding_id,
                             const char   *reader_id,
                             const char   *image_id,
                             const char   *box_id,
                             const double  xyxy_norm[4])
{
  g_autofree char *uuid = NULL;
  JsonObject *o;
  JsonObject *box;

  g_return_val_if_fail (finding_id != NULL, NULL);
  g_return_val_if_fail (reader_id != NULL, NULL);
  g_return_val_if_fail (image_id != NULL, NULL);
  g_return_val_if_fail (xyxy_norm != NULL, NULL);

  if (box_id == NULL)
    box_id = uuid = hilum_uuid_new ();

  box = json_object_new ();
  json_object_set_string_member (box, "box_id", box_id);
  json_object_set_member (box, "xyxy_norm", xyxy_node_new (xyxy_norm));

  o = op_object_new ("add-box");
  json_object_set_string_member (o, "finding_id", finding_id);
  json_object_set_string_member (o, "reader_id", reader_id);
  json_object_set_string_member (o, "image_id", image_id);
  json_object_set_object_member (o, "box", box);
  return op_take (o);
}

HilumOperation *
hilum_operation_new_remove_box (const char *box_id)
{
  JsonObject *o;

  g_return_val_if_fail (box_id != NULL, NULL);

  o = op_object_new ("remove-box");
  json_object_set_string_member (o, "box_id", box_id);
  return op_take (o);
}

HilumOperation *
hilum_operation_new_set_box (const char   *box_id,
                             const double  xyxy_norm[4])
{
  JsonObject *o;

  g_return_val_if_fail (box_id != NULL, NULL);
  g_return_val_if_fail (xyxy_norm != NULL, NULL);

  o = op_object_new ("set-box");
  json_object_set_string_member (o, "box_id", box_id);
  json_object_set_member (o, "value", xyxy_node_new (xyxy_norm));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_add_reader (JsonObject *reader)
{
  g_autoptr(JsonNode) wrap = NULL;
  JsonObject *o;

  g_return_val_if_fail (reader != NULL, NULL);

  wrap = json_node_init_object (json_node_alloc (), reader);
  o = op_object_new ("add-reader");
  json_object_set_member (o, "reader", hilum_json_deep_copy (wrap));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_batch (const char *label,
                           GPtrArray  *ops)
{
  JsonArray *array = json_array_new ();
  JsonObject *o;

  if (ops != NULL)
    {
      for (guint i = 0; i < ops->len; i++)
        {
          HilumOperation *child = g_ptr_array_index (ops, i);

          json_array_add_object_element (array, json_object_ref (child->object));
        }
      /* "Takes the operations": drop the caller's references. */
      g_ptr_array_set_free_func (ops, (GDestroyNotify) hilum_operation_unref);
      g_ptr_array_set_size (ops, 0);
    }

  o = op_object_new ("batch");
  if (label != NULL)
    json_object_set_string_member (o, "label", label);
  json_object_set_array_member (o, "ops", array);
  return op_take (o);
}

/* Additions to the header. */

HilumOperation *
hilum_operation_copy (HilumOperation *self)
{
  g_autoptr(JsonNode) wrap = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  wrap = json_node_init_object (json_node_alloc (), self->object);
  copy = hilum_json_deep_copy (wrap);
  return hilum_operation_new_from_json (json_node_get_object (copy));
}

HilumOperation *
hilum_operation_new_remove_reader (const char *reader_id)
{
  JsonObject *o;

  g_return_val_if_fail (reader_id != NULL, NULL);

  o = op_object_new ("remove-reader");
  json_object_set_string_member (o, "reader_id", reader_id);
  return op_take (o);
}

HilumOperation *
hilum_operation_new_replace_finding (JsonObject *finding)
{
  g_autoptr(JsonNode) wrap = NULL;
  JsonObject *o;

  g_return_val_if_fail (finding != NULL, NULL);

  wrap = json_node_init_object (json_node_alloc (), finding);
  o = op_object_new ("replace-finding");
  json_object_set_string_member (o, "finding_id", hilum_json_get_string (finding, "finding_id", ""));
  json_object_set_member (o, "value", hilum_json_deep_copy (wrap));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_set_document_field (const char *field,
                                        JsonNode   *value)
{
  JsonObject *o;

  g_return_val_if_fail (field != NULL, NULL);

  o = op_object_new ("set-document-field");
  json_object_set_string_member (o, "field", field);
  if (value != NULL)
    json_object_set_member (o, "value", hilum_json_deep_copy (value));
  return op_take (o);
}

HilumOperation *
hilum_operation_new_set_study_text (const char *field,
                                    const char *text)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  value = json_node_init_string (json_node_alloc (), text != NULL ? text : "");
  return hilum_operation_new_set_study_field (field, value);
}

HilumOperation *
hilum_operation_new_set_polarity (const char    *finding_id,
                                  HilumPolarity  polarity)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (finding_id != NULL, NULL);

  value = json_node_init_string (json_node_alloc (), hilum_polarity_to_string (polarity));
  return hilum_operation_new_set_finding_field (finding_id, "polarity", value);
}

HilumOperation *
hilum_operation_new_set_progression (const char *finding_id,
                                     const char *progression)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (finding_id != NULL, NULL);

  value = progression != NULL ? json_node_init_string (json_node_alloc (), progression)
                              : json_node_init_null (json_node_alloc ());
  return hilum_operation_new_set_finding_field (finding_id, "progression", value);
}

HilumOperation *
hilum_operation_new_set_terms (const char         *finding_id,
                               const char         *field,
                               const char * const *terms)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (finding_id != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (field, "labels") == 0 || g_strcmp0 (field, "locations") == 0, NULL);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    json_array_add_string_element (array, terms[i]);
  value = json_node_init_array (json_node_alloc (), array);
  return hilum_operation_new_set_finding_field (finding_id, field, value);
}

HilumOperation *
hilum_operation_new_set_translation_state (const char            *finding_id,
                                           const char            *lang,
                                           HilumTranslationState  state,
                                           const char            *by,
                                           const char            *at)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *field = NULL;

  g_return_val_if_fail (finding_id != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  json_object_set_string_member (object, "state", hilum_translation_state_to_string (state));
  if (by != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *now_text = at == NULL ? g_date_time_format_iso8601 (now) : NULL;

      json_object_set_string_member (object, "by", by);
      json_object_set_string_member (object, "at", at != NULL ? at : now_text);
    }
  value = json_node_init_object (json_node_alloc (), object);
  field = g_strconcat ("translation.", lang, NULL);
  return hilum_operation_new_set_finding_field (finding_id, field, value);
}

HilumOperation *
hilum_operation_new_add_empty_finding (HilumPolarity polarity,
                                       int           index)
{
  g_autoptr(JsonObject) finding = hilum_finding_new (hilum_polarity_to_string (polarity));

  return hilum_operation_new_add_finding (finding, index);
}

const char *
hilum_operation_get_field (HilumOperation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return hilum_json_get_string (self->object, "field", NULL);
}

const char *
hilum_operation_get_finding_id (HilumOperation *self)
{
  const char *id;

  g_return_val_if_fail (self != NULL, NULL);

  id = hilum_json_get_string (self->object, "finding_id", NULL);
  if (id == NULL)
    id = hilum_json_get_string (hilum_json_get_object (self->object, "finding"), "finding_id", NULL);
  if (id == NULL && g_strcmp0 (hilum_operation_get_kind (self), "replace-finding") == 0)
    id = hilum_json_get_string (hilum_json_get_object (self->object, "value"), "finding_id", NULL);
  return id;
}

/* The finding the report's "Add Sentence" inserts: every member a finding has, empty. */
JsonObject *
hilum_finding_new (const char *polarity)
{
  g_autofree char *uuid = hilum_uuid_new ();
  JsonObject *finding = json_object_new ();
  JsonObject *text = json_object_new ();
  JsonObject *translation = json_object_new ();

  json_object_set_string_member (finding, "finding_id", uuid);
  json_object_set_string_member (finding, "polarity", polarity != NULL ? polarity : "positive");
  json_object_set_string_member (text, "en", "");
  json_object_set_string_member (text, "es", "");
  json_object_set_object_member (finding, "text", text);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *state = json_object_new ();

      json_object_set_string_member (state, "state", "draft");
      json_object_set_null_member (state, "by");
      json_object_set_null_member (state, "at");
      json_object_set_object_member (translation, i == 0 ? "en" : "es", state);
    }
  json_object_set_object_member (finding, "translation", translation);
  json_object_set_array_member (finding, "labels", json_array_new ());
  json_object_set_array_member (finding, "locations", json_array_new ());
  json_object_set_null_member (finding, "progression");
  json_object_set_array_member (finding, "annotations", json_array_new ());
  return finding;
}
