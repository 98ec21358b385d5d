/* hilum-document.c — one study as a hilum-study/1 JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is its JSON tree and nothing else: fields Hilum does not know stay where
 * they were, in their order, so import → export never loses data. Only operations
 * (hilum-document-apply.c) change it.
 */
#define G_LOG_DOMAIN "hilum-document"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-document.h"
#include "hilum-document-private.h"
#include "hilum-json.h"

struct _HilumDocument
{
  GObject parent_instance;

  JsonNode *root;               /* always an object */
};

G_DEFINE_FINAL_TYPE (HilumDocument, hilum_document, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Validation of a whole document */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID,
               _("This is not a valid Hilum study document: %s"), message);
  return FALSE;
}

static gboolean
member_is_string (JsonObject *object,
                  const char *name)
{
  return hilum_json_node_is_string (json_object_get_member (object, name));
}

static gboolean
validate_boxes (JsonArray   *boxes,
                guint        finding_number,
                GHashTable  *box_ids,
                GError     **error)
{
  for (guint k = 0; k < json_array_get_length (boxes); k++)
    {
      JsonNode *node = json_array_get_element (boxes, k);
      JsonObject *box;
      JsonArray *xyxy;
      const char *box_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("a box of finding %u is not an object."), finding_number);
      box = json_node_get_object (node);
      if (!member_is_string (box, "box_id"))
        return invalid (error, _("a box of finding %u has no “box_id” text."), finding_number);
      box_id = json_object_get_string_member (box, "box_id");
      if (!g_hash_table_add (box_ids, (gpointer) box_id))
        return invalid (error, _("two boxes have the same id “%s”."), box_id);
      if (!hilum_json_member_is (box, "xyxy_norm", JSON_NODE_ARRAY)
          || json_array_get_length (xyxy = hilum_json_get_array (box, "xyxy_norm")) != 4)
        return invalid (error, _("box “%s” has no “xyxy_norm” with four numbers."), box_id);
      for (guint c = 0; c < 4; c++)
        {
          JsonNode *value = json_array_get_element (xyxy, c);

          if (!JSON_NODE_HOLDS_VALUE (value)
              || (json_node_get_value_type (value) != G_TYPE_DOUBLE
                  && json_node_get_value_type (value) != G_TYPE_INT64))
            return invalid (error, _("box “%s” has no “xyxy_norm” with four numbers."), box_id);
        }
    }
  return TRUE;
}

/* @member is absent, null or text. */
static gboolean
optional_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) || hilum_json_node_is_string (node);
}

/* @member is absent, null or a list of text. */
static gboolean
optional_string_list (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) || hilum_json_node_is_string_array (node);
}

/* Each image and each reader is an object, its id (when it has one) text. */
static gboolean
validate_items (JsonObject  *object,
                const char  *list,
                const char  *id_member,
                GError     **error)
{
  JsonArray *items = hilum_json_get_array (object, list);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = hilum_json_array_get_object (items, i);

      if (item == NULL || !optional_string (item, id_member))
        return invalid (error, _("entry %u of “%s” is not an object with its “%s” as text."), i + 1, list, id_member);
    }
  return TRUE;
}

static gboolean
validate_finding (JsonNode    *node,
                  guint        number,
                  GHashTable  *finding_ids,
                  GHashTable  *box_ids,
                  GError     **error)
{
  JsonObject *finding;
  const char *finding_id;
  JsonArray *annotations;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("finding %u is not an object."), number);
  finding = json_node_get_object (node);
  if (!member_is_string (finding, "finding_id"))
    return invalid (error, _("finding %u has no “finding_id” text."), number);
  finding_id = json_object_get_string_member (finding, "finding_id");
  if (!g_hash_table_add (finding_ids, (gpointer) finding_id))
    return invalid (error, _("two findings have the same id “%s”."), finding_id);
  if (json_object_has_member (finding, "text") && !hilum_json_member_is (finding, "text", JSON_NODE_OBJECT))
    return invalid (error, _("the “text” of finding %u is not an object."), number);
  /* Every value the app and the exports read as a given type is that type, or absent:
   * nothing of another type gets into the store to surprise them later. */
  {
    JsonObject *text = hilum_json_get_object (finding, "text");
    const char *polarity = hilum_json_get_string (finding, "polarity", NULL);

    for (guint l = 0; l < 2 && text != NULL; l++)
      if (!optional_string (text, l == 0 ? "en" : "es"))
        return invalid (error, _("a sentence of finding %u is not text."), number);
    if (json_object_has_member (finding, "polarity")
        && g_strcmp0 (polarity, "positive") != 0 && g_strcmp0 (polarity, "negative") != 0)
      return invalid (error, _("the polarity of finding %u is neither “positive” nor “negative”."), number);
    if (!optional_string (finding, "progression"))
      return invalid (error, _("the progression of finding %u is not text."), number);
    if (!optional_string_list (finding, "labels") || !optional_string_list (finding, "locations"))
      return invalid (error, _("the labels or locations of finding %u are not a list of text."), number);
  }

  if (!json_object_has_member (finding, "annotations"))
    return TRUE;
  if (!hilum_json_member_is (finding, "annotations", JSON_NODE_ARRAY))
    return invalid (error, _("the “annotations” of finding %u are not a list."), number);

  annotations = hilum_json_get_array (finding, "annotations");
  for (guint j = 0; j < json_array_get_length (annotations); j++)
    {
      JsonNode *a_node = json_array_get_element (annotations, j);
      JsonObject *annotation;

      if (!JSON_NODE_HOLDS_OBJECT (a_node))
        return invalid (error, _("an annotation of finding %u is not an object."), number);
      annotation = json_node_get_object (a_node);
      if (!member_is_string (annotation, "reader_id") || !member_is_string (annotation, "image_id"))
        return invalid (error, _("an annotation of finding %u has no “reader_id” or “image_id” text."),
                        number);
      if (!hilum_json_member_is (annotation, "boxes", JSON_NODE_ARRAY))
        return invalid (error, _("an annotation of finding %u has no “boxes” list."), number);
      if (!validate_boxes (hilum_json_get_array (annotation, "boxes"), number, box_ids, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_document (JsonNode  *root,
                   GError   **error)
{
  g_autoptr(GHashTable) finding_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) box_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonObject *study;
  JsonArray *findings;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, _("it is not a JSON object."));
  object = json_node_get_object (root);

  if (!member_is_string (object, "schema"))
    return invalid (error, _("it has no “schema”."));
  if (g_strcmp0 (json_object_get_string_member (object, "schema"), HILUM_DOCUMENT_SCHEMA) != 0)
    return invalid (error, _("its schema is “%s”, not “%s”."),
                    json_object_get_string_member (object, "schema"), HILUM_DOCUMENT_SCHEMA);

  if (!hilum_json_member_is (object, "study", JSON_NODE_OBJECT))
    return invalid (error, _("it has no “study” object."));
  study = hilum_json_get_object (object, "study");
  if (!member_is_string (study, "study_id"))
    return invalid (error, _("“study_id” is missing or not text."));

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "images" : "readers";

      if (json_object_has_member (object, name) && !hilum_json_member_is (object, name, JSON_NODE_ARRAY))
        return invalid (error, _("“%s” is not a list."), name);
    }
  if (!validate_items (object, "images", "image_id", error) ||
      !validate_items (object, "readers", "reader_id", error))
    return FALSE;
  {
    static const char *texts[] = { "status", "study_date", "indication", "technique", "comparison", "prior_report" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (!optional_string (study, texts[i]))
        return invalid (error, _("the study’s “%s” is not text."), texts[i]);
  }

  if (!hilum_json_member_is (object, "findings", JSON_NODE_ARRAY))
    return invalid (error, _("“findings” is missing or not a list."));
  findings = hilum_json_get_array (object, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (!validate_finding (json_array_get_element (findings, i), i + 1, finding_ids, box_ids, error))
      return FALSE;

  return TRUE;
}

/* GObject */

static void
hilum_document_finalize (GObject *object)
{
  HilumDocument *self = (HilumDocument *)object;

  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (hilum_document_parent_class)->finalize (object);
}

static void
hilum_document_class_init (HilumDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_document_finalize;

  /**
   * HilumDocument::changed:
   * @op: the operation just applied, with its "before" filled in
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HILUM_TYPE_OPERATION);
}

static void
hilum_document_init (HilumDocument *self)
{
}

void
_hilum_document_emit_changed (HilumDocument  *self,
                              HilumOperation *op)
{
  g_signal_emit (self, signals[CHANGED], 0, op);
}

/* The "study" object of a new document: nothing known yet but its id (and the dataset it
 * comes from, nullable). */
JsonObject *
_hilum_document_new_study (const char *study_id,
                           const char *dataset)
{
  JsonObject *study = json_object_new ();
  JsonObject *source = json_object_new ();

  json_object_set_string_member (study, "study_id", study_id);
  json_object_set_string_member (study, "study_date", "");
  json_object_set_null_member (study, "prior_study_id");
  json_object_set_null_member (study, "prior_image_id");
  json_object_set_string_member (study, "indication", "");
  json_object_set_string_member (study, "technique", "");
  json_object_set_string_member (study, "comparison", "");
  json_object_set_string_member (study, "prior_report", "");
  json_object_set_string_member (study, "status", "new");
  if (dataset != NULL)
    json_object_set_string_member (source, "dataset", dataset);
  else
    json_object_set_null_member (source, "dataset");
  json_object_set_null_member (source, "split");
  json_object_set_object_member (source, "extra", json_object_new ());
  json_object_set_object_member (study, "source", source);
  return study;
}

/* Public API */

HilumDocument *
hilum_document_new (const char *study_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  HilumDocument *self;
  JsonObject *root;
  JsonObject *study;
  JsonObject *provenance;

  g_return_val_if_fail (study_id != NULL, NULL);

  study = _hilum_document_new_study (study_id, NULL);

  provenance = json_object_new ();
  json_object_set_null_member (provenance, "created_by");
  {
    g_autofree char *created_at = g_date_time_format_iso8601 (now);

    json_object_set_string_member (provenance, "created_at", created_at);
  }
  json_object_set_null_member (provenance, "imported_from");
  json_object_set_array_member (provenance, "absent_keys", json_array_new ());
  json_object_set_array_member (provenance, "key_order", json_array_new ());

  root = json_object_new ();
  json_object_set_string_member (root, "schema", HILUM_DOCUMENT_SCHEMA);
  json_object_set_object_member (root, "study", study);
  json_object_set_array_member (root, "images", json_array_new ());
  json_object_set_array_member (root, "readers", json_array_new ());
  json_object_set_array_member (root, "findings", json_array_new ());
  json_object_set_object_member (root, "qc", json_object_new ());
  json_object_set_null_member (root, "consensus");
  json_object_set_object_member (root, "provenance", provenance);

  self = g_object_new (HILUM_TYPE_DOCUMENT, NULL);
  self->root = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return self;
}

HilumDocument *
hilum_document_new_from_json (JsonNode  *root,
                              GError   **error)
{
  HilumDocument *self;

  if (!validate_document (root, error))
    return NULL;

  self = g_object_new (HILUM_TYPE_DOCUMENT, NULL);
  self->root = hilum_json_deep_copy (root);
  return self;
}

HilumDocument *
hilum_document_new_from_string (const char  *json,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if ((root = hilum_json_parse (json, length, &local_error)) == NULL)
    {
      g_set_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID,
                   _("This is not a valid Hilum study document: %s"),
                   local_error != NULL ? local_error->message : _("it is empty"));
      return NULL;
    }
  return hilum_document_new_from_json (root, error);
}

HilumDocument *
hilum_document_copy (HilumDocument *self)
{
  HilumDocument *copy;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  copy = g_object_new (HILUM_TYPE_DOCUMENT, NULL);
  copy->root = hilum_json_deep_copy (self->root);
  return copy;
}

JsonNode *
hilum_document_to_json (HilumDocument *self)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return hilum_json_deep_copy (self->root);
}

char *
hilum_document_to_string (HilumDocument *self,
                          gboolean       pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, self->root);
  return json_generator_to_data (generator, NULL);
}

JsonObject *
hilum_document_get_root (HilumDocument *self)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return json_node_get_object (self->root);
}

static JsonObject *
get_study (HilumDocument *self)
{
  return hilum_json_get_object (json_node_get_object (self->root), "study");
}

static JsonArray *
get_findings (HilumDocument *self)
{
  return hilum_json_get_array (json_node_get_object (self->root), "findings");
}

const char *
hilum_document_get_study_id (HilumDocument *self)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return json_object_get_string_member (get_study (self), "study_id");
}

const char *
hilum_document_get_study_field (HilumDocument *self,
                                const char    *field)
{
  JsonNode *node;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (get_study (self), field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

guint
hilum_document_get_n_findings (HilumDocument *self)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), 0);

  return json_array_get_length (get_findings (self));
}

JsonObject *
hilum_document_get_finding (HilumDocument *self,
                            guint          index)
{
  JsonArray *findings;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  findings = get_findings (self);
  g_return_val_if_fail (index < json_array_get_length (findings), NULL);

  return hilum_json_array_get_object (findings, index);
}

JsonObject *
hilum_document_find_finding (HilumDocument *self,
                             const char    *finding_id,
                             guint         *index)
{
  JsonArray *findings;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (finding_id != NULL, NULL);

  findings = get_findings (self);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = hilum_json_array_get_object (findings, i);

      if (g_strcmp0 (hilum_finding_get_id (finding), finding_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return finding;
        }
    }
  return NULL;
}

JsonObject *
_hilum_finding_find_annotation (JsonObject *finding,
                                const char *reader_id,
                                const char *image_id,
                                guint      *index)
{
  JsonArray *annotations;

  if (!hilum_json_member_is (finding, "annotations", JSON_NODE_ARRAY))
    return NULL;
  annotations = hilum_json_get_array (finding, "annotations");
  for (guint j = 0; j < json_array_get_length (annotations); j++)
    {
      JsonObject *annotation = hilum_json_array_get_object (annotations, j);

      if (g_strcmp0 (json_object_get_string_member_with_default (annotation, "reader_id", NULL), reader_id) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (annotation, "image_id", NULL), image_id) == 0)
        {
          if (index != NULL)
            *index = j;
          return annotation;
        }
    }
  return NULL;
}

JsonObject *
hilum_document_find_box (HilumDocument  *self,
                         const char     *box_id,
                         const char    **finding_id,
                         const char    **reader_id,
                         const char    **image_id)
{
  JsonArray *findings;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (box_id != NULL, NULL);

  findings = get_findings (self);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = hilum_json_array_get_object (findings, i);
      JsonArray *annotations;

      if (!hilum_json_member_is (finding, "annotations", JSON_NODE_ARRAY))
        continue;
      annotations = hilum_json_get_array (finding, "annotations");
      for (guint j = 0; j < json_array_get_length (annotations); j++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, j);
          JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

          for (guint k = 0; boxes != NULL && k < json_array_get_length (boxes); k++)
            {
              JsonObject *box = hilum_json_array_get_object (boxes, k);

              if (g_strcmp0 (json_object_get_string_member_with_default (box, "box_id", NULL), box_id) != 0)
                continue;
              if (finding_id != NULL)
                *finding_id = hilum_finding_get_id (finding);
              if (reader_id != NULL)
                *reader_id = json_object_get_string_member (annotation, "reader_id");
              if (image_id != NULL)
                *image_id = json_object_get_string_member (annotation, "image_id");
              return box;
            }
        }
    }
  return NULL;
}

JsonObject *
hilum_document_find_reader (HilumDocument *self,
                            const char    *reader_id,
                            guint         *index)
{
  JsonArray *readers;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  readers = hilum_json_get_array (hilum_document_get_root (self), "readers");
  for (guint i = 0; readers != NULL && reader_id != NULL && i < json_array_get_length (readers); i++)
    {
      JsonNode *node = json_array_get_element (readers, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                    "reader_id", NULL),
                        reader_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return json_node_get_object (node);
        }
    }
  return NULL;
}

const char *
hilum_document_get_reader_name (HilumDocument *self,
                                const char    *reader_id)
{
  JsonObject *reader = hilum_document_find_reader (self, reader_id, NULL);
  const char *name = NULL;

  if (reader != NULL)
    name = json_object_get_string_member_with_default (reader, "name", NULL);
  return name != NULL && name[0] != '\0' ? name : reader_id;
}

JsonObject *
hilum_document_find_image_by_role (HilumDocument *self,
                                   const char    *role)
{
  JsonArray *images;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  images = hilum_json_get_array (json_node_get_object (self->root), "images");
  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "role", NULL),
                        role) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

gboolean
hilum_document_apply (HilumDocument   *self,
                      HilumOperation  *op,
                      GError         **error)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_hilum_document_apply_silently (self, op, error))
    return FALSE;
  _hilum_document_emit_changed (self, op);
  return TRUE;
}

/* Finding accessors */

const char *
hilum_finding_get_id (JsonObject *finding)
{
  g_return_val_if_fail (finding != NULL, "");

  return json_object_get_string_member_with_default (finding, "finding_id", "");
}

const char *
hilum_finding_get_polarity (JsonObject *finding)
{
  g_return_val_if_fail (finding != NULL, "");

  return json_object_get_string_member_with_default (finding, "polarity", "");
}

const char *
hilum_finding_get_text (JsonObject *finding,
                        const char *lang)
{
  JsonNode *text;
  JsonNode *node;

  g_return_val_if_fail (finding != NULL, "");
  g_return_val_if_fail (lang != NULL, "");

  text = json_object_get_member (finding, "text");
  if (text == NULL || !JSON_NODE_HOLDS_OBJECT (text))
    return "";
  node = json_object_get_member (json_node_get_object (text), lang);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}
