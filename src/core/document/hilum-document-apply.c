/* hilum-document-apply.c — applying operations to a study document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind validates everything first and only then changes the tree, so a refused
 * operation leaves the document as it was. While applying, the operation records what it
 * replaced ("before", "index", "from", "status_before", "annotation_before" …): that is
 * what makes hilum_operation_invert() restore the exact bytes. Recorded fields are
 * cleared first, so the same operation may be applied to two equal documents (the store
 * applies it to a copy, then to the live document).
 *
 * Operations built by hilum_operation_invert() carry "restore": true. Their values come
 * from the document itself (an imported box slightly outside [0,1], a null sentence), so
 * only their structure is checked, not their content.
 */
#define G_LOG_DOMAIN "hilum-document-apply"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-document.h"
#include "hilum-document-private.h"
#include "hilum-json.h"

static gboolean
fail (GError            **error,
      HilumDocumentError  code,
      const char         *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError            **error,
      HilumDocumentError  code,
      const char         *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, HILUM_DOCUMENT_ERROR, code, message);
  return FALSE;
}

static const char *
op_string (JsonObject *op,
           const char *name)
{
  return hilum_json_get_string (op, name, NULL);
}

static const char *
op_kind (JsonObject *op)
{
  return json_object_get_string_member_with_default (op, "op", "");
}

static gboolean
require_string (JsonObject  *op,
                const char  *name,
                const char **out,
                GError     **error)
{
  *out = op_string (op, name);
  if (*out == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("The edit “%s” has no “%s”."), op_kind (op), name);
  return TRUE;
}

/* An optional integer position; -1 when absent. */
static gboolean
op_index (JsonObject  *op,
          const char  *name,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (op, name);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!hilum_json_node_is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("The position in the edit “%s” is not a whole number."),
                 op_kind (op));
  *out = json_node_get_int (node);
  if (*out < 0 || *out > max)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("Position %d is outside the list (0 to %d)."),
                 (int) CLAMP (*out, G_MININT, G_MAXINT), (int) CLAMP (max, G_MININT, G_MAXINT));
  return TRUE;
}

static void
clear_recorded (JsonObject         *op,
                const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (json_object_has_member (op, names[i]))
      json_object_remove_member (op, names[i]);
}

static JsonObject *
root_of (HilumDocument *self)
{
  return hilum_document_get_root (self);
}

/* A copy of @node into the root's list @member (@list) at the edit's "index" (default: the
 * end); the edit records where, for its undo. */
static gboolean
insert_in_root (HilumDocument  *self,
                JsonObject     *op,
                const char     *member,
                JsonArray      *list,
                JsonNode       *node,
                GError        **error)
{
  gint64 index;

  if (!op_index (op, "index", json_array_get_length (list), &index, error))
    return FALSE;
  if (index < 0)
    index = json_array_get_length (list);
  hilum_json_array_insert (root_of (self), member, index, hilum_json_deep_copy (node));
  json_object_set_int_member (op, "index", index);
  return TRUE;
}

static JsonArray *
findings_of (HilumDocument *self)
{
  return hilum_json_get_array (root_of (self), "findings");
}

static JsonObject *
require_finding (HilumDocument  *self,
                 const char     *finding_id,
                 guint          *index,
                 GError        **error)
{
  JsonObject *finding = hilum_document_find_finding (self, finding_id, index);

  if (finding == NULL)
    fail (error, HILUM_DOCUMENT_ERROR_NOT_FOUND,
          _("There is no finding with the id “%s” in this study."), finding_id);
  return finding;
}

static gboolean
check_box_coordinates (JsonNode  *node,
                       gboolean   restore,
                       GError   **error)
{
  JsonArray *array;
  double v[4];

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) != 4)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A box needs four numbers: x1, y1, x2, y2."));
  for (guint i = 0; i < 4; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!hilum_json_node_is_number (element))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("A box needs four numbers: x1, y1, x2, y2."));
      v[i] = json_node_get_double (element);
    }
  if (restore)
    return TRUE;
  for (guint i = 0; i < 4; i++)
    if (!(v[i] >= 0.0 && v[i] <= 1.0))
      return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                   _("A box must lie inside the image: its coordinates must be between 0 and 1."));
  if (v[0] > v[2] || v[1] > v[3])
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A box must not be turned inside out: x1 may not exceed x2, nor y1 exceed y2."));
  return TRUE;
}

/* Box ids must stay unique in the document: ids of @finding's boxes go into @ids, and
 * FALSE comes back on the first one already there. */
static gboolean
collect_box_ids (JsonObject  *finding,
                 GHashTable  *ids,
                 const char **duplicate)
{
  JsonNode *annotations = json_object_get_member (finding, "annotations");

  if (annotations == NULL || !JSON_NODE_HOLDS_ARRAY (annotations))
    return TRUE;
  for (guint j = 0; j < json_array_get_length (json_node_get_array (annotations)); j++)
    {
      JsonNode *a = json_array_get_element (json_node_get_array (annotations), j);
      JsonNode *boxes;

      if (!JSON_NODE_HOLDS_OBJECT (a))
        continue;
      boxes = json_object_get_member (json_node_get_object (a), "boxes");
      if (boxes == NULL || !JSON_NODE_HOLDS_ARRAY (boxes))
        continue;
      for (guint k = 0; k < json_array_get_length (json_node_get_array (boxes)); k++)
        {
          JsonNode *b = json_array_get_element (json_node_get_array (boxes), k);
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (b))
            continue;
          id = json_object_get_string_member_with_default (json_node_get_object (b), "box_id", NULL);
          if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
            {
              *duplicate = id;
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* A finding coming in whole (add-finding, replace-finding): shaped like one of the
 * document's, with no box id that another finding (other than @skip_index) already has. */
static gboolean
check_incoming_finding (HilumDocument  *self,
                        JsonNode       *node,
                        gint64          skip_index,
                        GError        **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) probe = NULL;
  g_autoptr(HilumDocument) shape = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *findings = findings_of (self);
  const char *duplicate = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit carries no finding."));

  /* Reuse the document validation on a one-finding document. */
  shape = hilum_document_new ("probe");
  probe = hilum_document_to_json (shape);
  {
    JsonArray *one = json_array_new ();

    json_array_add_element (one, hilum_json_deep_copy (node));
    json_object_set_array_member (json_node_get_object (probe), "findings", one);
  }
  g_clear_object (&shape);
  shape = hilum_document_new_from_json (probe, &local_error);
  if (shape == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, "%s", local_error->message);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    if ((gint64) i != skip_index)
      collect_box_ids (hilum_json_array_get_object (findings, i), ids, &duplicate);
  if (!collect_box_ids (json_node_get_object (node), ids, &duplicate))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A box with the id “%s” is already in this study."), duplicate);
  return TRUE;
}

/* set-study-field */

static gboolean
check_study_value (const char  *field,
                   JsonNode    *value,
                   GError     **error)
{
  static const char * const text_fields[] = {
    "indication", "technique", "comparison", "prior_report", "study_date", NULL
  };
  static const char * const other_fields[] = { "prior_study_id", "prior_image_id", "status", NULL };

  if (!g_strv_contains (text_fields, field) && !g_strv_contains (other_fields, field))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("“%s” is not a study field that can be edited."), field);
  if (value == NULL)
    return TRUE;

  if (g_strv_contains (text_fields, field))
    {
      if (!hilum_json_node_is_string (value) && !JSON_NODE_HOLDS_NULL (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("The study’s “%s” must be text."), field);
      return TRUE;
    }
  if (g_str_equal (field, "prior_study_id") || g_str_equal (field, "prior_image_id"))
    {
      if (!hilum_json_node_is_string (value) && !JSON_NODE_HOLDS_NULL (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("The study’s “%s” must be text or empty."), field);
      return TRUE;
    }
  if (g_str_equal (field, "status"))
    {
      static const char * const statuses[] = { "new", "in_progress", "annotated", "reviewed", NULL };

      if (!hilum_json_node_is_string (value) || !g_strv_contains (statuses, json_node_get_string (value)))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("The study status must be new, in_progress, annotated or reviewed."));
      return TRUE;
    }
  return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
               _("“%s” is not a study field that can be edited."), field);
}

/* Sets (or, with no "value", removes) @name of @parent, recording "before" — and, when it
 * removes, the member's "position", so that putting it back puts it where it was. */
static void
set_member_recording (JsonObject *op,
                      JsonObject *parent,
                      const char *name)
{
  JsonNode *old = json_object_get_member (parent, name);
  JsonNode *value = json_object_get_member (op, "value");

  if (old != NULL)
    json_object_set_member (op, "before", hilum_json_deep_copy (old));
  if (value != NULL && old == NULL && json_object_has_member (op, "position"))
    hilum_json_object_set_member_at (parent, name, hilum_json_deep_copy (value),
                          json_object_get_int_member_with_default (op, "position", G_MAXINT));
  else if (value != NULL)
    json_object_set_member (parent, name, hilum_json_deep_copy (value));
  else if (old != NULL)
    {
      json_object_set_int_member (op, "position", hilum_json_object_get_member_position (parent, name));
      json_object_remove_member (parent, name);
    }
}

static gboolean
apply_set_study_field (HilumDocument  *self,
                       JsonObject     *op,
                       gboolean        restore,
                       GError        **error)
{
  static const char * const recorded[] = { "before", NULL };
  const char *field;
  JsonObject *study = hilum_json_get_object (root_of (self), "study");
  JsonNode *value = json_object_get_member (op, "value");

  if (!require_string (op, "field", &field, error))
    return FALSE;
  if (!check_study_value (field, restore ? NULL : value, error))
    return FALSE;

  clear_recorded (op, recorded);
  set_member_recording (op, study, field);
  return TRUE;
}

/* set-finding-field */

static gboolean
check_finding_value (const char  *field,
                     JsonNode    *value,
                     GError     **error)
{
  if (g_str_has_prefix (field, "text.") && field[5] != '\0')
    {
      if (value != NULL && !hilum_json_node_is_string (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("A sentence must be text."));
      return TRUE;
    }
  if (g_str_has_prefix (field, "translation.") && field[12] != '\0')
    {
      if (value != NULL && !JSON_NODE_HOLDS_OBJECT (value) && !JSON_NODE_HOLDS_NULL (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("A translation state must be an object such as {\"state\": \"verified\"}."));
      return TRUE;
    }
  if (g_str_equal (field, "polarity"))
    {
      if (value != NULL
          && (!hilum_json_node_is_string (value)
              || (g_strcmp0 (json_node_get_string (value), "positive") != 0
                  && g_strcmp0 (json_node_get_string (value), "negative") != 0)))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("A finding’s polarity must be “positive” or “negative”."));
      return TRUE;
    }
  if (g_str_equal (field, "labels") || g_str_equal (field, "locations"))
    {
      if (value != NULL && !hilum_json_node_is_string_array (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     g_str_equal (field, "labels") ? _("A finding’s labels must be a list of texts.")
                                                  : _("A finding’s locations must be a list of texts."));
      return TRUE;
    }
  if (g_str_equal (field, "progression"))
    {
      if (value != NULL && !hilum_json_node_is_string (value) && !JSON_NODE_HOLDS_NULL (value))
        return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                     _("A finding’s progression must be text or empty."));
      return TRUE;
    }
  return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
               _("“%s” is not a finding field that can be edited."), field);
}

static gboolean
apply_set_finding_field (HilumDocument  *self,
                         JsonObject     *op,
                         gboolean        restore,
                         GError        **error)
{
  static const char * const recorded[] = { "before", "parent_created", "parent_removed", NULL };
  const char *finding_id;
  const char *field;
  const char *dot;
  JsonObject *finding;
  JsonObject *parent;
  JsonNode *parent_node = NULL;
  g_autofree char *parent_name = NULL;
  const char *name;

  if (!require_string (op, "finding_id", &finding_id, error)
      || !require_string (op, "field", &field, error))
    return FALSE;
  if (!check_finding_value (field, restore ? NULL : json_object_get_member (op, "value"), error))
    return FALSE;
  if (!(finding = require_finding (self, finding_id, NULL, error)))
    return FALSE;

  /* "text.en" lives in the "text" object of the finding. */
  dot = strchr (field, '.');
  if (dot != NULL)
    {
      parent_name = g_strndup (field, dot - field);
      name = dot + 1;
      parent_node = json_object_get_member (finding, parent_name);
      if (parent_node != NULL && !JSON_NODE_HOLDS_OBJECT (parent_node))
        return fail (error, HILUM_DOCUMENT_ERROR_INVALID,
                     _("The finding’s “%s” is not an object."), parent_name);
    }
  else
    name = field;

  clear_recorded (op, recorded);
  if (parent_name != NULL && parent_node == NULL && json_object_has_member (op, "value"))
    {
      JsonObject *empty = json_object_new ();
      JsonNode *fresh = json_node_init_object (json_node_alloc (), empty);

      json_object_unref (empty);
      if (json_object_has_member (op, "parent_position"))
        hilum_json_object_set_member_at (finding, parent_name, fresh,
                              json_object_get_int_member_with_default (op, "parent_position", G_MAXINT));
      else
        json_object_set_member (finding, parent_name, fresh);
      json_object_set_boolean_member (op, "parent_created", TRUE);
    }
  else if (parent_name != NULL && parent_node == NULL)
    return TRUE;
  parent = parent_name != NULL ? hilum_json_get_object (finding, parent_name) : finding;
  set_member_recording (op, parent, name);

  if (parent_name != NULL && json_object_get_size (parent) == 0
      && json_object_get_boolean_member_with_default (op, "remove_parent", FALSE))
    {
      json_object_set_int_member (op, "parent_position", hilum_json_object_get_member_position (finding, parent_name));
      json_object_remove_member (finding, parent_name);
      json_object_set_boolean_member (op, "parent_removed", TRUE);
    }
  return TRUE;
}

/* Findings */

static gboolean
apply_add_finding (HilumDocument  *self,
                   JsonObject     *op,
                   GError        **error)
{
  JsonNode *node = json_object_get_member (op, "finding");
  JsonArray *findings = findings_of (self);
  const char *finding_id;

  if (!check_incoming_finding (self, node, -1, error))
    return FALSE;
  finding_id = hilum_finding_get_id (json_node_get_object (node));
  if (hilum_document_find_finding (self, finding_id, NULL) != NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A finding with the id “%s” is already in this study."), finding_id);
  return insert_in_root (self, op, "findings", findings, node, error);
}

static gboolean
apply_remove_finding (HilumDocument  *self,
                      JsonObject     *op,
                      GError        **error)
{
  const char *finding_id;
  guint index;

  if (!require_string (op, "finding_id", &finding_id, error))
    return FALSE;
  if (!require_finding (self, finding_id, &index, error))
    return FALSE;

  json_object_set_int_member (op, "index", index);
  json_object_set_member (op, "before", hilum_json_deep_copy (json_array_get_element (findings_of (self), index)));
  json_array_remove_element (findings_of (self), index);
  return TRUE;
}

static gboolean
apply_move_finding (HilumDocument  *self,
                    JsonObject     *op,
                    GError        **error)
{
  JsonArray *findings = findings_of (self);
  const char *finding_id;
  JsonNode *node;
  guint from;
  gint64 to;

  if (!require_string (op, "finding_id", &finding_id, error))
    return FALSE;
  if (!require_finding (self, finding_id, &from, error))
    return FALSE;
  if (!json_object_has_member (op, "to"))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit “%s” has no “%s”."), "move-finding", "to");
  if (!op_index (op, "to", (gint64) json_array_get_length (findings) - 1, &to, error))
    return FALSE;

  json_object_set_int_member (op, "from", from);
  node = json_node_ref (json_array_get_element (findings, from));
  json_array_remove_element (findings, from);
  hilum_json_array_insert (root_of (self), "findings", to, node);
  return TRUE;
}

static gboolean
apply_replace_finding (HilumDocument  *self,
                       JsonObject     *op,
                       GError        **error)
{
  JsonNode *value = json_object_get_member (op, "value");
  const char *finding_id;
  guint index;

  if (!require_string (op, "finding_id", &finding_id, error))
    return FALSE;
  if (!require_finding (self, finding_id, &index, error))
    return FALSE;
  if (!check_incoming_finding (self, value, index, error))
    return FALSE;
  if (g_strcmp0 (hilum_finding_get_id (json_node_get_object (value)), finding_id) != 0)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A finding can be replaced only by one with the same id."));

  json_object_set_member (op, "before", hilum_json_deep_copy (json_array_get_element (findings_of (self), index)));
  json_array_remove_element (findings_of (self), index);
  hilum_json_array_insert (root_of (self), "findings", index, hilum_json_deep_copy (value));
  return TRUE;
}

/* Boxes */

static void
set_status (JsonObject *annotation,
            JsonNode   *status)
{
  if (status == NULL || JSON_NODE_HOLDS_NULL (status))
    {
      if (json_object_has_member (annotation, "status"))
        json_object_remove_member (annotation, "status");
    }
  else
    json_object_set_member (annotation, "status", hilum_json_deep_copy (status));
}

static JsonNode *
status_node (JsonObject *annotation)
{
  JsonNode *status = json_object_get_member (annotation, "status");

  return status != NULL ? hilum_json_deep_copy (status) : json_node_init_null (json_node_alloc ());
}

static gboolean
apply_add_box (HilumDocument  *self,
               JsonObject     *op,
               gboolean        restore,
               GError        **error)
{
  static const char * const recorded[] = { "annotation_created", "annotations_created", "status_before", NULL };
  const char *finding_id, *reader_id, *image_id, *box_id;
  JsonNode *box_node = json_object_get_member (op, "box");
  JsonNode *whole = json_object_get_member (op, "annotation");
  JsonObject *finding;
  JsonObject *annotation;
  JsonObject *box;
  guint annotation_index = 0;
  gint64 index;

  if (!require_string (op, "finding_id", &finding_id, error)
      || !require_string (op, "reader_id", &reader_id, error)
      || !require_string (op, "image_id", &image_id, error))
    return FALSE;
  if (box_node == NULL || !JSON_NODE_HOLDS_OBJECT (box_node))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit “%s” has no “%s”."), "add-box", "box");
  box = json_node_get_object (box_node);
  if (!require_string (box, "box_id", &box_id, error))
    return FALSE;
  if (!check_box_coordinates (json_object_get_member (box, "xyxy_norm"), restore, error))
    return FALSE;
  if (!(finding = require_finding (self, finding_id, NULL, error)))
    return FALSE;
  if (hilum_document_find_box (self, box_id, NULL, NULL, NULL) != NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A box with the id “%s” is already in this study."), box_id);
  if (json_object_has_member (finding, "annotations")
      && hilum_json_get_array (finding, "annotations") == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_INVALID, _("The finding’s annotations are not a list."));

  annotation = _hilum_finding_find_annotation (finding, reader_id, image_id, &annotation_index);
  if (annotation != NULL)
    {
      JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

      if (!op_index (op, "index", json_array_get_length (boxes), &index, error))
        return FALSE;
      clear_recorded (op, recorded);
      if (index < 0)
        index = json_array_get_length (boxes);
      json_object_set_member (op, "status_before", status_node (annotation));
      hilum_json_array_insert (annotation, "boxes", index, hilum_json_deep_copy (box_node));
      if (json_object_has_member (op, "status"))
        set_status (annotation, json_object_get_member (op, "status"));
      else
        json_object_set_string_member (annotation, "status", "boxed");
      json_object_set_int_member (op, "index", index);
      json_object_set_int_member (op, "annotation_index", annotation_index);
      return TRUE;
    }

  /* A new (reader, image) entry: the whole one an undo of its removal brings back, or
   * a fresh one with this box. */
  {
    JsonArray *annotations = hilum_json_get_array (finding, "annotations");
    guint n = annotations != NULL ? json_array_get_length (annotations) : 0;
    gint64 at;
    JsonNode *entry;

    if (!op_index (op, "annotation_index", n, &at, error))
      return FALSE;
    if (whole != NULL)
      {
        JsonObject *w;

        if (!JSON_NODE_HOLDS_OBJECT (whole)
            || g_strcmp0 (op_string (w = json_node_get_object (whole), "reader_id"), reader_id) != 0
            || g_strcmp0 (op_string (w, "image_id"), image_id) != 0
            || hilum_json_get_array (w, "boxes") == NULL)
          return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                       _("The edit “%s” has no “%s”."), "add-box", "annotation");
        entry = hilum_json_deep_copy (whole);
        index = -1;
        for (guint k = 0; k < json_array_get_length (hilum_json_get_array (w, "boxes")); k++)
          if (g_strcmp0 (json_object_get_string_member_with_default (
                           hilum_json_array_get_object (hilum_json_get_array (w, "boxes"), k),
                           "box_id", NULL), box_id) == 0)
            index = k;
        if (index < 0)
          return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                       _("The edit “%s” has no “%s”."), "add-box", "annotation");
      }
    else
      {
        JsonObject *fresh = json_object_new ();
        JsonArray *boxes = json_array_new ();

        json_object_set_string_member (fresh, "reader_id", reader_id);
        json_object_set_string_member (fresh, "image_id", image_id);
        json_object_set_string_member (fresh, "status", "boxed");
        json_array_add_element (boxes, hilum_json_deep_copy (box_node));
        json_object_set_array_member (fresh, "boxes", boxes);
        entry = json_node_init_object (json_node_alloc (), fresh);
        json_object_unref (fresh);
        index = 0;
      }

    clear_recorded (op, recorded);
    if (at < 0)
      at = n;
    if (annotations == NULL)
      {
        json_object_set_array_member (finding, "annotations", json_array_new ());
        json_object_set_boolean_member (op, "annotations_created", TRUE);
      }
    hilum_json_array_insert (finding, "annotations", at, entry);
    json_object_set_int_member (op, "index", index);
    json_object_set_int_member (op, "annotation_index", at);
    json_object_set_boolean_member (op, "annotation_created", TRUE);
    return TRUE;
  }
}

static gboolean
apply_remove_box (HilumDocument  *self,
                  JsonObject     *op,
                  GError        **error)
{
  static const char * const recorded[] = { "before", "annotation_before", "status_before", "index",
                                           "annotation_index", NULL };
  const char *box_id;
  const char *finding_id = NULL, *reader_id = NULL, *image_id = NULL;
  g_autofree char *f_id = NULL, *r_id = NULL, *i_id = NULL;
  JsonObject *finding;
  JsonObject *annotation;
  JsonArray *boxes;
  guint annotation_index = 0;
  guint index = 0;

  if (!require_string (op, "box_id", &box_id, error))
    return FALSE;
  if (hilum_document_find_box (self, box_id, &finding_id, &reader_id, &image_id) == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_NOT_FOUND,
                 _("There is no box with the id “%s” in this study."), box_id);

  f_id = g_strdup (finding_id);
  r_id = g_strdup (reader_id);
  i_id = g_strdup (image_id);
  finding = hilum_document_find_finding (self, f_id, NULL);
  annotation = _hilum_finding_find_annotation (finding, r_id, i_id, &annotation_index);
  boxes = hilum_json_get_array (annotation, "boxes");
  for (guint k = 0; k < json_array_get_length (boxes); k++)
    if (g_strcmp0 (json_object_get_string_member_with_default (hilum_json_array_get_object (boxes, k),
                                                               "box_id", NULL), box_id) == 0)
      index = k;

  clear_recorded (op, recorded);
  json_object_set_string_member (op, "finding_id", f_id);
  json_object_set_string_member (op, "reader_id", r_id);
  json_object_set_string_member (op, "image_id", i_id);
  json_object_set_int_member (op, "index", index);
  json_object_set_int_member (op, "annotation_index", annotation_index);
  json_object_set_member (op, "before", hilum_json_deep_copy (json_array_get_element (boxes, index)));

  if (json_array_get_length (boxes) == 1
      && json_object_get_boolean_member_with_default (op, "remove_annotation", FALSE))
    {
      JsonNode *entry = json_array_get_element (hilum_json_get_array (finding, "annotations"),
                                                annotation_index);

      json_object_set_member (op, "annotation_before", hilum_json_deep_copy (entry));
      json_array_remove_element (hilum_json_get_array (finding, "annotations"), annotation_index);
      if (json_array_get_length (hilum_json_get_array (finding, "annotations")) == 0
          && json_object_get_boolean_member_with_default (op, "remove_annotations", FALSE))
        json_object_remove_member (finding, "annotations");
      return TRUE;
    }

  json_object_set_member (op, "status_before", status_node (annotation));
  json_array_remove_element (boxes, index);
  /* The entry stays, so "this reader looked and found nothing to box" is kept. */
  if (json_object_has_member (op, "status"))
    set_status (annotation, json_object_get_member (op, "status"));
  else if (json_array_get_length (boxes) == 0)
    json_object_set_string_member (annotation, "status", "not_boxed");
  return TRUE;
}

static gboolean
apply_set_box (HilumDocument  *self,
               JsonObject     *op,
               gboolean        restore,
               GError        **error)
{
  static const char * const recorded[] = { "before", NULL };
  const char *box_id;
  JsonObject *box;

  if (!require_string (op, "box_id", &box_id, error))
    return FALSE;
  if (!json_object_has_member (op, "value"))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit “%s” has no “%s”."), "set-box", "value");
  if (!check_box_coordinates (json_object_get_member (op, "value"), restore, error))
    return FALSE;
  if (!(box = hilum_document_find_box (self, box_id, NULL, NULL, NULL)))
    return fail (error, HILUM_DOCUMENT_ERROR_NOT_FOUND,
                 _("There is no box with the id “%s” in this study."), box_id);

  clear_recorded (op, recorded);
  set_member_recording (op, box, "xyxy_norm");
  return TRUE;
}

/* Readers */

static gboolean
apply_add_reader (HilumDocument  *self,
                  JsonObject     *op,
                  GError        **error)
{
  JsonNode *node = json_object_get_member (op, "reader");
  JsonArray *readers = hilum_json_get_array (root_of (self), "readers");
  const char *reader_id;
  guint existing;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit “%s” has no “%s”."), "add-reader", "reader");
  if (!require_string (json_node_get_object (node), "reader_id", &reader_id, error))
    return FALSE;
  if (hilum_document_find_reader (self, reader_id, &existing) != NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("A reader with the id “%s” is already in this study."), reader_id);
  if (readers == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_INVALID, _("The study has no list of readers."));
  return insert_in_root (self, op, "readers", readers, node, error);
}

static gboolean
apply_remove_reader (HilumDocument  *self,
                     JsonObject     *op,
                     GError        **error)
{
  JsonArray *readers = hilum_json_get_array (root_of (self), "readers");
  const char *reader_id;
  guint index;

  if (!require_string (op, "reader_id", &reader_id, error))
    return FALSE;
  if (hilum_document_find_reader (self, reader_id, &index) == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_NOT_FOUND,
                 _("There is no reader with the id “%s” in this study."), reader_id);

  json_object_set_int_member (op, "index", index);
  json_object_set_member (op, "before", hilum_json_deep_copy (json_array_get_element (readers, index)));
  json_array_remove_element (readers, index);
  return TRUE;
}

/* set-document-field: a whole top-level member (images, readers, qc, the study object,
 * unknown keys) — what a diff uses when no finer operation says it. */
static gboolean
apply_set_document_field (HilumDocument  *self,
                          JsonObject     *op,
                          GError        **error)
{
  static const char * const recorded[] = { "before", NULL };
  JsonNode *value = json_object_get_member (op, "value");
  const char *field;

  if (!require_string (op, "field", &field, error))
    return FALSE;
  if (g_str_equal (field, "schema") || g_str_equal (field, "findings"))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
                 _("The document’s “%s” cannot be replaced as a whole."), field);
  if (g_str_equal (field, "study")
      && (value == NULL || !JSON_NODE_HOLDS_OBJECT (value)
          || op_string (json_node_get_object (value), "study_id") == NULL))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The study needs a “study_id” text."));
  if ((g_str_equal (field, "images") || g_str_equal (field, "readers"))
      && (value == NULL || !JSON_NODE_HOLDS_ARRAY (value)))
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The study’s “%s” must be a list."), field);

  clear_recorded (op, recorded);
  set_member_recording (op, root_of (self), field);
  return TRUE;
}

/* batch: all or nothing */
static gboolean
apply_batch (HilumDocument  *self,
             JsonObject     *op,
             GError        **error)
{
  JsonArray *ops = hilum_json_get_array (op, "ops");
  guint n;

  if (ops == NULL)
    return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("The edit “%s” has no “%s”."), "batch", "ops");
  n = json_array_get_length (ops);
  for (guint i = 0; i < n; i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (ops, i)))
      return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION, _("A part of a combined edit is not an edit."));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HilumOperation) child = hilum_operation_new_from_json (hilum_json_array_get_object (ops, i));

      if (!_hilum_document_apply_silently (self, child, error))
        {
          /* Undo the parts already done, newest first: each inverse restores the
           * exact tree its part found. */
          for (guint j = i; j > 0; j--)
            {
              g_autoptr(HilumOperation) done = hilum_operation_new_from_json (hilum_json_array_get_object (ops, j - 1));
              g_autoptr(HilumOperation) inverse = hilum_operation_invert (done);
              g_autoptr(GError) rollback_error = NULL;

              if (!_hilum_document_apply_silently (self, inverse, &rollback_error))
                g_critical ("Rolling back a combined edit failed: %s", rollback_error->message);
            }
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_hilum_document_apply_silently (HilumDocument   *self,
                                HilumOperation  *op,
                                GError         **error)
{
  JsonObject *o = hilum_operation_get_json (op);
  const char *kind = hilum_operation_get_kind (op);
  gboolean restore = json_object_get_boolean_member_with_default (o, "restore", FALSE);

  if (g_str_equal (kind, "set-study-field"))
    return apply_set_study_field (self, o, restore, error);
  if (g_str_equal (kind, "set-finding-field"))
    return apply_set_finding_field (self, o, restore, error);
  if (g_str_equal (kind, "add-finding"))
    return apply_add_finding (self, o, error);
  if (g_str_equal (kind, "remove-finding"))
    return apply_remove_finding (self, o, error);
  if (g_str_equal (kind, "move-finding"))
    return apply_move_finding (self, o, error);
  if (g_str_equal (kind, "replace-finding"))
    return apply_replace_finding (self, o, error);
  if (g_str_equal (kind, "add-box"))
    return apply_add_box (self, o, restore, error);
  if (g_str_equal (kind, "remove-box"))
    return apply_remove_box (self, o, error);
  if (g_str_equal (kind, "set-box"))
    return apply_set_box (self, o, restore, error);
  if (g_str_equal (kind, "add-reader"))
    return apply_add_reader (self, o, error);
  if (g_str_equal (kind, "remove-reader"))
    return apply_remove_reader (self, o, error);
  if (g_str_equal (kind, "set-document-field"))
    return apply_set_document_field (self, o, error);
  if (g_str_equal (kind, "batch"))
    return apply_batch (self, o, error);

  return fail (error, HILUM_DOCUMENT_ERROR_BAD_OPERATION,
               _("“%s” is not a kind of edit Hilum knows."), kind);
}
