/* hilum-format-padchest.c — PadChest-GR grounded reports, a lossless round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One record (FORMATS.md) becomes one document. What the document holds in a normalised
 * form is written back from the document; what it cannot hold is kept beside it:
 *
 *   provenance.key_order         the record's keys in their order
 *   provenance.imported_from     {format, file, index (position in the file), indent, ascii}
 *   study.source.extra           record keys Hilum does not know, verbatim
 *   study.source.raw             record values whose normalised copy differs (StudyID as a
 *                                number, "findings": null …)
 *   finding.source               {format, abnormal (as imported), key_order, extra, raw}
 *   box.source                   {format, values: the four numbers as parsed}
 *
 * A raw value is written back only while the document still holds what was made of it
 * (e.g. "labels": null imported as [] stays null until a label is added), so edits always
 * show and untouched values come back as they were — integers stay integers, 0.12345678
 * stays 0.12345678, missing keys stay missing, negative findings keep their three keys.
 *
 * Boxes: the reader with source_slot "boxes" is written to "boxes", "extra_boxes" to
 * "extra_boxes". A reader without either slot (someone who annotated in Hilum) takes the
 * first slot no reader of the study holds, "boxes" first; when both are held, its boxes are
 * added to "extra_boxes" and the export warns. Boxes on other images than the current
 * frontal one have no place in PadChest-GR: they are left out with a warning.
 */
#define G_LOG_DOMAIN "hilum-format-padchest"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-format-private.h"

#define READER_BOXES "padchest-gr:boxes"
#define READER_EXTRA "padchest-gr:extra_boxes"

/* (nullable) The key at @i of a stored key order: a document edited by hand (or by an
 * attacker) may hold anything there, and a non-string is skipped, never dereferenced. */
static const char *
order_key (JsonArray *order,
           guint      i)
{
  JsonNode *node = json_array_get_element (order, i);

  return hilum_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

static const char * const record_keys[] = {
  "StudyID", "ImageID", "PreviousStudyID", "PreviousImageID", "findings",
};
static const char * const positive_keys[] = {
  "sentence_en", "sentence_es", "abnormal", "boxes", "extra_boxes", "labels", "locations",
  "progression",
};
static const char * const negative_keys[] = { "sentence_en", "sentence_es", "abnormal" };

static gboolean
is_one_of (const char         *key,
           const char * const *keys,
           guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (key, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* ---- Import ---- */

/* The four numbers of a box → xyxy_norm (clamped to the image) and a copy of the values. */
static gboolean
parse_box (JsonNode   *node,
           double      xyxy[4],
           JsonArray **values,
           char      **why)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *why = g_strdup (_("a box is not a list of four numbers"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n != 4)
    {
      *why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a box has %u number, not four",
                                           "a box has %u numbers, not four", n), n);
      return FALSE;
    }
  *values = json_array_sized_new (4);
  for (guint i = 0; i < 4; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!hilum_json_node_get_number (element, &xyxy[i]))
        {
          g_clear_pointer (values, json_array_unref);
          *why = g_strdup (_("a box holds something that is not a number"));
          return FALSE;
        }
      xyxy[i] = CLAMP (xyxy[i], 0.0, 1.0);
      json_array_add_element (*values, json_node_copy (element));
    }
  return TRUE;
}

static gboolean
import_boxes (JsonObject  *finding,
              JsonNode    *node,
              const char  *reader_id,
              const char  *image_id,
              char       **why)
{
  JsonArray *boxes = json_node_get_array (node);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
  g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  JsonObject *annotation;

  /* All boxes are checked before any is added: a bad record leaves nothing behind. */
  for (guint i = 0; i < json_array_get_length (boxes); i++)
    {
      double xyxy[4];
      JsonArray *values = NULL;

      if (!parse_box (json_array_get_element (boxes, i), xyxy, &values, why))
        return FALSE;
      g_ptr_array_add (parsed, values);
      g_array_append_vals (coords, xyxy, 1);
    }

  annotation = hilum_format_finding_get_annotation (finding, reader_id, image_id, TRUE);
  for (guint i = 0; i < parsed->len; i++)
    hilum_format_annotation_add_box (annotation, &g_array_index (coords, double, i * 4),
                                     HILUM_FORMAT_PADCHEST_GR,
                                     json_array_ref (parsed->pdata[i]));
  return TRUE;
}

static void
set_raw (JsonObject *source,
         const char *key,
         JsonNode   *value)
{
  JsonObject *raw = hilum_json_get_object (source, "raw");

  if (raw == NULL)
    {
      raw = json_object_new ();
      json_object_set_object_member (source, "raw", raw);
    }
  json_object_set_member (raw, key, json_node_copy (value));
}

static JsonObject *
import_finding (JsonNode    *node,
                guint        index,
                const char  *image_id,
                char       **why)
{
  g_autoptr(JsonObject) finding = NULL;
  JsonObject *object, *source, *extra, *text;
  JsonArray *key_order;
  JsonNode *abnormal;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *why = g_strdup_printf (_("finding %u is not a JSON object"), index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  abnormal = json_object_get_member (object, "abnormal");
  if (abnormal == NULL || !JSON_NODE_HOLDS_VALUE (abnormal)
      || json_node_get_value_type (abnormal) != G_TYPE_BOOLEAN)
    {
      *why = g_strdup_printf (_("finding %u does not say whether it is abnormal (true or false)"),
                              index + 1);
      return NULL;
    }

  finding = hilum_finding_new (json_node_get_boolean (abnormal) ? "positive" : "negative");
  json_object_set_string_member (finding, "polarity",
                                 json_node_get_boolean (abnormal) ? "positive" : "negative");
  text = hilum_json_get_object (finding, "text");
  if (text == NULL)
    {
      text = json_object_new ();
      json_object_set_object_member (finding, "text", text);
    }

  source = json_object_new ();
  json_object_set_string_member (source, "format", hilum_format_get_name (HILUM_FORMAT_PADCHEST_GR));
  json_object_set_boolean_member (source, "abnormal", json_node_get_boolean (abnormal));
  key_order = json_array_new ();
  json_object_set_array_member (source, "key_order", key_order);
  extra = json_object_new ();
  json_object_set_object_member (source, "extra", extra);
  json_object_set_object_member (finding, "source", source);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      json_array_add_string_element (key_order, key);

      if (strcmp (key, "sentence_en") == 0 || strcmp (key, "sentence_es") == 0)
        {
          const char *lang = key + strlen ("sentence_");

          if (node_is_string (value))
            {
              json_object_set_string_member (text, lang, json_node_get_string (value));
            }
          else if (JSON_NODE_HOLDS_NULL (value))
            {
              json_object_set_string_member (text, lang, "");
              set_raw (source, key, value);
            }
          else
            {
              *why = g_strdup_printf (_("the sentence “%s” of finding %u is not text"), key,
                                      index + 1);
              return NULL;
            }
        }
      else if (strcmp (key, "abnormal") == 0)
        {
          continue;
        }
      else if (strcmp (key, "boxes") == 0 || strcmp (key, "extra_boxes") == 0)
        {
          const char *reader = strcmp (key, "boxes") == 0 ? READER_BOXES : READER_EXTRA;

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              g_autofree char *box_why = NULL;

              if (!import_boxes (finding, value, reader, image_id, &box_why))
                {
                  *why = g_strdup_printf (_("finding %u, “%s”: %s"), index + 1, key, box_why);
                  return NULL;
                }
            }
          else if (JSON_NODE_HOLDS_NULL (value))
            {
              set_raw (source, key, value);
            }
          else
            {
              *why = g_strdup_printf (_("“%s” of finding %u is not a list of boxes"), key,
                                      index + 1);
              return NULL;
            }
        }
      else if (strcmp (key, "labels") == 0 || strcmp (key, "locations") == 0)
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              json_object_set_member (finding, key, json_node_copy (value));
            }
          else
            {
              json_object_set_array_member (finding, key, json_array_new ());
              set_raw (source, key, value);
            }
        }
      else if (strcmp (key, "progression") == 0)
        {
          if (node_is_string (value) || JSON_NODE_HOLDS_NULL (value))
            {
              json_object_set_member (finding, key, json_node_copy (value));
            }
          else
            {
              json_object_set_null_member (finding, key);
              set_raw (source, key, value);
            }
        }
      else
        {
          json_object_set_member (extra, key, json_node_copy (value));
        }
    }

  return g_steal_pointer (&finding);
}

static void
read_size (const HilumFormatOptions *options,
           const char               *image_id,
           guint                    *width,
           guint                    *height)
{
  g_autofree char *path = NULL;

  *width = *height = 0;
  if (options->images_dir == NULL)
    return;
  path = hilum_image_size_find_file (options->images_dir, image_id);
  /* A missing or unreadable image is not a failed record: the size stays unknown (0) and
   * an export to a pixel format asks for the images again. */
  if (path == NULL || !hilum_image_size_read (path, width, height, NULL))
    *width = *height = 0;
}

/* Study ids are text; a number is accepted and kept as a number in study.source.raw. */
static char *
id_to_string (JsonNode *node)
{
  if (node_is_string (node))
    return g_strdup (json_node_get_string (node));
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static HilumDocument *
import_record (JsonNode                 *node,
               guint                     index,
               const char               *path,
               const HilumFormatOptions *options,
               int                       indent,
               gboolean                  ascii,
               char                    **record_name,
               char                    **why)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *study_id = NULL;
  JsonObject *object, *study, *source, *extra, *provenance, *imported;
  JsonArray *key_order;
  JsonNode *image, *findings;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  guint width, height;
  HilumDocument *document;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *why = g_strdup (_("the record is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  study_id = id_to_string (json_object_get_member (object, "StudyID"));
  if (study_id == NULL || *study_id == '\0')
    {
      *why = g_strdup (_("the record has no StudyID"));
      return NULL;
    }
  *record_name = g_strdup (study_id);

  image = json_object_get_member (object, "ImageID");
  if (!node_is_string (image) || *json_node_get_string (image) == '\0')
    {
      *why = g_strdup (_("the record has no ImageID"));
      return NULL;
    }

  root = hilum_format_new_root (study_id, HILUM_FORMAT_PADCHEST_GR, path);
  study = hilum_json_get_object (root, "study");
  source = hilum_json_get_object (study, "source");
  extra = hilum_json_get_object (source, "extra");
  provenance = hilum_json_get_object (root, "provenance");
  imported = hilum_json_get_object (provenance, "imported_from");
  json_object_set_int_member (imported, "index", index);
  json_object_set_int_member (imported, "indent", indent);
  json_object_set_boolean_member (imported, "ascii", ascii);
  key_order = json_array_new ();
  json_object_set_array_member (provenance, "key_order", key_order);

  read_size (options, json_node_get_string (image), &width, &height);
  hilum_format_root_add_image (root, json_node_get_string (image), "current_frontal",
                               width, height, json_node_get_string (image));
  hilum_format_root_add_reader (root, READER_BOXES, _("PadChest-GR boxes"), "boxes");
  hilum_format_root_add_reader (root, READER_EXTRA, _("PadChest-GR extra boxes"), "extra_boxes");

  findings = json_object_get_member (object, "findings");
  if (findings != NULL && !JSON_NODE_HOLDS_ARRAY (findings) && !JSON_NODE_HOLDS_NULL (findings))
    {
      *why = g_strdup (_("“findings” is not a list"));
      return NULL;
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      json_array_add_string_element (key_order, key);

      if (strcmp (key, "StudyID") == 0)
        {
          if (!node_is_string (value))
            set_raw (source, key, value);
        }
      else if (strcmp (key, "ImageID") == 0)
        {
          continue;
        }
      else if (strcmp (key, "PreviousStudyID") == 0 || strcmp (key, "PreviousImageID") == 0)
        {
          const char *field = strcmp (key, "PreviousStudyID") == 0 ? "prior_study_id"
                                                                   : "prior_image_id";
          g_autofree char *id = id_to_string (value);

          if (id != NULL)
            json_object_set_string_member (study, field, id);
          if (!node_is_string (value) && !JSON_NODE_HOLDS_NULL (value))
            set_raw (source, key, value);
          if (strcmp (key, "PreviousImageID") == 0 && node_is_string (value)
              && *json_node_get_string (value) != '\0')
            {
              read_size (options, id, &width, &height);
              hilum_format_root_add_image (root, id, "prior_frontal", width, height, id);
            }
        }
      else if (strcmp (key, "findings") == 0)
        {
          JsonArray *array;

          if (JSON_NODE_HOLDS_NULL (value))
            {
              set_raw (source, key, value);
              continue;
            }
          array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *finding = import_finding (json_array_get_element (array, i), i,
                                                    json_node_get_string (image), why);

              if (finding == NULL)
                return NULL;
              hilum_format_root_add_finding (root, finding);
            }
        }
      else
        {
          json_object_set_member (extra, key, json_node_copy (value));
        }
    }

  document = hilum_format_finish_document (g_steal_pointer (&root), &local_error);
  if (document == NULL)
    *why = g_strdup (local_error->message);
  return document;
}

/* How the file was written (Python's json.dump: indent or not, ensure_ascii or not), so an
 * export writes it the same way, byte for byte when nothing changed. */
static void
sniff_style (const char *path,
             int        *indent,
             gboolean   *ascii)
{
  g_autofree char *head = NULL;
  gsize length = 0;
  const char *p;

  *indent = -1;
  *ascii = FALSE;
  if (!g_file_get_contents (path, &head, &length, NULL))
    return;

  p = strchr (head, '[');
  if (p != NULL && p[1] == '\n')
    {
      *indent = 0;
      for (p += 2; *p == ' '; p++)
        (*indent)++;
    }
  *ascii = strstr (head, "\\u00") != NULL;
  for (gsize i = 0; i < length && *ascii; i++)
    if ((guchar) head[i] >= 0x80)
      *ascii = FALSE;
}

GPtrArray *
hilum_format_padchest_import (const char               *path,
                              const HilumFormatOptions *options,
                              GPtrArray                *problems,
                              GError                  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *records;
  int indent;
  gboolean ascii;
  guint n;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                   _("%s is a folder: give the PadChest-GR JSON file (grounded_reports_….json)"),
                   path);
      return NULL;
    }

  root = hilum_format_parse_json_file (path, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is not a PadChest-GR file: it is not a list of study records"), path);
      return NULL;
    }
  sniff_style (path, &indent, &ascii);

  records = json_node_get_array (root);
  n = json_array_get_length (records);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *record_name = NULL;
      g_autofree char *why = NULL;
      HilumDocument *document;

      if (hilum_format_cancelled (options, error))
        return NULL;

      document = import_record (json_array_get_element (records, i), i, path, options,
                                indent, ascii, &record_name, &why);
      if (document != NULL)
        {
          g_ptr_array_add (documents, document);
        }
      else
        {
          g_autofree char *name = hilum_format_record_name (record_name, i);

          hilum_format_add_problem (problems, name, "%s", why);
        }
      if ((i + 1) % 64 == 0 || i + 1 == n)
        hilum_format_progress (options, i + 1, n);
    }
  return g_steal_pointer (&documents);
}

/* ---- Export ---- */

typedef struct
{
  HilumDocument            *document;
  const char               *frontal_id;     /* nullable */
  GHashTable               *slots;          /* reader_id → "boxes" / "extra_boxes" */
  const char               *record;
  GPtrArray                *problems;
  gboolean                  warned_crowded;
  gboolean                  warned_image;
} Export;

/* json_node_init_array/object() add a reference: these hand over the one we hold. */
static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static gboolean
is_padchest (JsonObject *source)
{
  return g_strcmp0 (hilum_json_get_string (source, "format", NULL),
                    hilum_format_get_name (HILUM_FORMAT_PADCHEST_GR)) == 0;
}

/* Which key each reader's boxes go to (see the comment at the top of the file). */
static void
assign_slots (Export *export)
{
  JsonArray *readers = hilum_json_get_array (hilum_document_get_root (export->document),
                                               "readers");
  gboolean held[2] = { FALSE, FALSE };
  guint n = readers != NULL ? json_array_get_length (readers) : 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        JsonObject *reader = hilum_json_array_get_object (readers, i);
        const char *id = hilum_json_get_string (reader, "reader_id", NULL);
        const char *slot = hilum_json_get_string (reader, "source_slot", "");

        if (id == NULL)
          continue;
        if (pass == 0 && (strcmp (slot, "boxes") == 0 || strcmp (slot, "extra_boxes") == 0))
          {
            held[strcmp (slot, "boxes") == 0 ? 0 : 1] = TRUE;
            g_hash_table_insert (export->slots, (gpointer) id, (gpointer) slot);
          }
        else if (pass == 1 && !g_hash_table_contains (export->slots, id))
          {
            const char *chosen = !held[0] ? "boxes" : "extra_boxes";

            if (!held[0] || !held[1])
              held[!held[0] ? 0 : 1] = TRUE;
            else
              chosen = "";   /* crowded: added to extra_boxes with a warning */
            g_hash_table_insert (export->slots, (gpointer) id, (gpointer) chosen);
          }
      }
}

static JsonNode *
box_values (JsonObject *box)
{
  JsonArray *values = hilum_format_box_get_source_values (box, HILUM_FORMAT_PADCHEST_GR);
  double xyxy[4];
  JsonArray *out;

  if (!hilum_format_box_get_xyxy (box, xyxy))
    return NULL;

  /* Pristine: the numbers as read still give the box's coordinates (same code as import). */
  if (values != NULL && json_array_get_length (values) == 4)
    {
      gboolean pristine = TRUE;

      for (guint i = 0; i < 4 && pristine; i++)
        {
          double v;

          pristine = hilum_json_node_get_number (json_array_get_element (values, i), &v)
                     && CLAMP (v, 0.0, 1.0) == xyxy[i];
        }
      if (pristine)
        return json_node_init_array (json_node_alloc (), values);
    }

  out = json_array_sized_new (4);
  for (guint i = 0; i < 4; i++)
    json_array_add_double_element (out, xyxy[i]);
  return take_array (out);
}

/* The finding's boxes of every reader whose slot is @key, in reader order. */
static JsonNode *
export_boxes (Export     *export,
              JsonObject *finding,
              const char *key)
{
  JsonArray *annotations = hilum_json_get_array (finding, "annotations");
  JsonArray *out = json_array_new ();
  guint n = annotations != NULL ? json_array_get_length (annotations) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *annotation = hilum_json_array_get_object (annotations, i);
      const char *reader = hilum_json_get_string (annotation, "reader_id", "");
      const char *slot = g_hash_table_lookup (export->slots, reader);
      JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

      if (boxes == NULL || json_array_get_length (boxes) == 0)
        continue;
      if (slot == NULL || *slot == '\0')
        {
          if (strcmp (key, "extra_boxes") != 0)
            continue;
          if (!export->warned_crowded)
            hilum_format_add_problem (export->problems, export->record,
                                      _("PadChest-GR holds two readers: the boxes of %s were "
                                        "added to “extra_boxes”"), reader);
          export->warned_crowded = TRUE;
        }
      else if (strcmp (slot, key) != 0)
        {
          continue;
        }
      if (export->frontal_id == NULL
          || g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL),
                        export->frontal_id) != 0)
        {
          if (!export->warned_image)
            hilum_format_add_problem (export->problems, export->record,
                                      _("PadChest-GR only has boxes on the frontal image: "
                                        "boxes on other images were left out"));
          export->warned_image = TRUE;
          continue;
        }
      for (guint b = 0; b < json_array_get_length (boxes); b++)
        {
          JsonNode *values = box_values (hilum_json_array_get_object (boxes, b));

          if (values != NULL)
            json_array_add_element (out, values);
        }
    }
  return take_array (out);
}

/* Whether the document holds something for @key that an export must not drop. */
static gboolean
has_content (Export     *export,
             JsonObject *finding,
             const char *key)
{
  JsonNode *node;

  if (g_str_has_prefix (key, "sentence_"))
    return *hilum_json_get_string (hilum_json_get_object (finding, "text"),
                                     key + strlen ("sentence_"), "") != '\0';
  if (strcmp (key, "boxes") == 0 || strcmp (key, "extra_boxes") == 0)
    {
      g_autoptr(JsonNode) boxes = export_boxes (export, finding, key);

      return json_array_get_length (json_node_get_array (boxes)) > 0;
    }
  node = json_object_get_member (finding, key);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  return TRUE;
}

/* @made is what the document holds; the raw value wins while @made is what import made of
 * it (an empty string, an empty list, null). */
static JsonNode *
with_raw (JsonObject *source,
          const char *key,
          JsonNode   *made)
{
  JsonObject *raw = hilum_json_get_object (source, "raw");
  JsonNode *original = raw != NULL ? json_object_get_member (raw, key) : NULL;
  gboolean untouched;

  if (original == NULL)
    return made;
  untouched = JSON_NODE_HOLDS_NULL (made)
              || (JSON_NODE_HOLDS_ARRAY (made) && json_array_get_length (json_node_get_array (made)) == 0)
              || (node_is_string (made) && *json_node_get_string (made) == '\0');
  if (!untouched)
    return made;
  json_node_unref (made);
  return json_node_copy (original);
}

static JsonNode *
string_node (const char *string)
{
  return json_node_init_string (json_node_alloc (), string);
}

/* The keys of @extra (nullable) that @keys does not list yet, after them, in their order:
 * the record's own keys that Hilum does not know come back where they were. */
static void
add_extra_keys (GPtrArray  *keys,
                JsonObject *extra)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (extra == NULL)
    return;
  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      gboolean listed = FALSE;

      for (guint k = 0; k < keys->len && !listed; k++)
        listed = strcmp (keys->pdata[k], key) == 0;
      if (!listed)
        g_ptr_array_add (keys, (gpointer) key);
    }
}

static JsonNode *
export_finding (Export     *export,
                JsonObject *finding)
{
  JsonObject *source = hilum_json_get_object (finding, "source");
  JsonObject *text = hilum_json_get_object (finding, "text");
  JsonObject *extra = NULL;
  JsonArray *key_order = NULL;
  gboolean positive = g_strcmp0 (hilum_json_get_string (finding, "polarity", ""), "positive") == 0;
  const char * const *standard = positive ? positive_keys : negative_keys;
  guint n_standard = positive ? G_N_ELEMENTS (positive_keys) : G_N_ELEMENTS (negative_keys);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObject *out = json_object_new ();
  gboolean same = FALSE;

  if (is_padchest (source))
    {
      JsonNode *abnormal = json_object_get_member (source, "abnormal");

      extra = hilum_json_get_object (source, "extra");
      key_order = hilum_json_get_array (source, "key_order");
      /* Same polarity as imported: exactly the keys it had. Changed: the keys of the new
       * polarity, in the old order where they were there. */
      if (key_order != NULL && abnormal != NULL && JSON_NODE_HOLDS_VALUE (abnormal)
          && json_node_get_boolean (abnormal) == positive)
        {
          same = TRUE;
          for (guint i = 0; i < json_array_get_length (key_order); i++)
            if (order_key (key_order, i) != NULL)
              g_ptr_array_add (keys, (gpointer) order_key (key_order, i));
        }
      else if (key_order != NULL)
        {
          for (guint i = 0; i < json_array_get_length (key_order); i++)
            {
              const char *key = order_key (key_order, i);

              if (key == NULL)
                continue;
              if (is_one_of (key, standard, n_standard)
                  || (extra != NULL && json_object_has_member (extra, key)))
                g_ptr_array_add (keys, (gpointer) key);
            }
        }
    }
  for (guint i = 0; i < n_standard; i++)
    {
      gboolean listed = FALSE;

      for (guint k = 0; k < keys->len && !listed; k++)
        listed = strcmp (keys->pdata[k], standard[i]) == 0;
      if (listed)
        continue;
      /* A key the record never had stays absent while the polarity is the imported one,
       * unless an edit gave it something to hold (a box, a label): then it goes after the
       * release's key before it. */
      if (!same)
        {
          g_ptr_array_add (keys, (gpointer) standard[i]);
        }
      else if (has_content (export, finding, standard[i]))
        {
          guint at = 0;

          for (guint k = 0; k < keys->len; k++)
            for (guint j = 0; j < i; j++)
              if (strcmp (keys->pdata[k], standard[j]) == 0)
                at = k + 1;
          g_ptr_array_insert (keys, at, (gpointer) standard[i]);
        }
    }
  add_extra_keys (keys, extra);

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      JsonNode *value = NULL;

      if (strcmp (key, "sentence_en") == 0 || strcmp (key, "sentence_es") == 0)
        value = with_raw (source, key,
                          string_node (hilum_json_get_string (text, key + strlen ("sentence_"), "")));
      else if (strcmp (key, "abnormal") == 0)
        value = json_node_init_boolean (json_node_alloc (), positive);
      else if (strcmp (key, "boxes") == 0 || strcmp (key, "extra_boxes") == 0)
        value = with_raw (source, key, export_boxes (export, finding, key));
      else if (strcmp (key, "labels") == 0 || strcmp (key, "locations") == 0)
        {
          JsonNode *node = json_object_get_member (finding, key);

          value = with_raw (source, key, node != NULL ? json_node_copy (node)
                                                      : take_array (json_array_new ()));
        }
      else if (strcmp (key, "progression") == 0)
        {
          JsonNode *node = json_object_get_member (finding, key);

          value = with_raw (source, key, node != NULL ? json_node_copy (node)
                                                      : json_node_new (JSON_NODE_NULL));
        }
      else if (extra != NULL && json_object_has_member (extra, key))
        value = json_node_copy (json_object_get_member (extra, key));

      if (value != NULL)
        json_object_set_member (out, key, value);
    }
  return take_object (out);
}

static JsonNode *
export_record (Export *export)
{
  JsonObject *root = hilum_document_get_root (export->document);
  JsonObject *study = hilum_json_get_object (root, "study");
  JsonObject *source = hilum_json_get_object (study, "source");
  JsonObject *provenance = hilum_json_get_object (root, "provenance");
  JsonObject *imported = hilum_json_get_object (provenance, "imported_from");
  gboolean ours = is_padchest (imported);
  JsonObject *extra = ours ? hilum_json_get_object (source, "extra") : NULL;
  JsonArray *key_order = ours ? hilum_json_get_array (provenance, "key_order") : NULL;
  JsonArray *findings = hilum_json_get_array (root, "findings");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObject *out = json_object_new ();

  if (!ours)
    source = NULL;   /* its "raw" values belong to another format */

  if (key_order != NULL)
    for (guint i = 0; i < json_array_get_length (key_order); i++)
      {
        if (order_key (key_order, i) != NULL)
          g_ptr_array_add (keys, (gpointer) order_key (key_order, i));
      }
  else
    for (guint i = 0; i < G_N_ELEMENTS (record_keys); i++)
      g_ptr_array_add (keys, (gpointer) record_keys[i]);
  add_extra_keys (keys, extra);

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      JsonNode *value = NULL;

      if (strcmp (key, "StudyID") == 0)
        {
          JsonObject *raw = hilum_json_get_object (source, "raw");
          JsonNode *original = raw != NULL ? json_object_get_member (raw, key) : NULL;
          g_autofree char *id = NULL;

          if (original != NULL && JSON_NODE_HOLDS_VALUE (original)
              && json_node_get_value_type (original) == G_TYPE_INT64)
            id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (original));
          if (id != NULL && g_strcmp0 (id, hilum_document_get_study_id (export->document)) == 0)
            value = json_node_copy (original);
          else
            value = string_node (hilum_document_get_study_id (export->document));
        }
      else if (strcmp (key, "ImageID") == 0)
        {
          value = export->frontal_id != NULL ? string_node (export->frontal_id)
                                             : json_node_new (JSON_NODE_NULL);
        }
      else if (strcmp (key, "PreviousStudyID") == 0 || strcmp (key, "PreviousImageID") == 0)
        {
          const char *field = strcmp (key, "PreviousStudyID") == 0 ? "prior_study_id"
                                                                   : "prior_image_id";
          const char *id = hilum_json_get_string (study, field, NULL);
          JsonObject *raw = hilum_json_get_object (source, "raw");
          JsonNode *original = raw != NULL ? json_object_get_member (raw, key) : NULL;
          g_autofree char *original_id = NULL;

          if (original != NULL && JSON_NODE_HOLDS_VALUE (original)
              && json_node_get_value_type (original) == G_TYPE_INT64)
            original_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (original));
          if (original != NULL && g_strcmp0 (original_id, id) == 0)
            value = json_node_copy (original);
          else
            value = id != NULL ? string_node (id) : json_node_new (JSON_NODE_NULL);
        }
      else if (strcmp (key, "findings") == 0)
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
            json_array_add_element (array, export_finding (export,
                                                           hilum_json_array_get_object (findings, i)));
          value = with_raw (source, key, take_array (array));
        }
      else if (extra != NULL && json_object_has_member (extra, key))
        {
          value = json_node_copy (json_object_get_member (extra, key));
        }
      if (value != NULL)
        json_object_set_member (out, key, value);
    }
  return take_object (out);
}

gboolean
hilum_format_padchest_export (GPtrArray                *documents,
                              const char               *path,
                              const HilumFormatOptions *options,
                              GPtrArray                *problems,
                              GError                  **error)
{
  g_autoptr(JsonNode) records = take_array (json_array_new ());
  g_autoptr(GString) out = g_string_new (NULL);
  int indent = -1;
  gboolean ascii = FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      HilumDocument *document = documents->pdata[i];
      JsonObject *frontal = hilum_document_find_image_by_role (document, "current_frontal");
      g_autoptr(GHashTable) slots = g_hash_table_new (g_str_hash, g_str_equal);
      Export export = {
        .document = document,
        .frontal_id = hilum_json_get_string (frontal, "image_id", NULL),
        .slots = slots,
        .record = hilum_document_get_study_id (document),
        .problems = problems,
      };

      if (hilum_format_cancelled (options, error))
        return FALSE;

      if (i == 0)
        {
          JsonObject *provenance = hilum_json_get_object (hilum_document_get_root (document),
                                                            "provenance");
          JsonObject *imported = hilum_json_get_object (provenance, "imported_from");

          if (is_padchest (imported) && json_object_has_member (imported, "indent"))
            {
              indent = (int) CLAMP (json_object_get_int_member_with_default (imported, "indent", -1), -1, 16);
              ascii = json_object_get_boolean_member_with_default (imported, "ascii", FALSE);
            }
        }

      assign_slots (&export);
      json_array_add_element (json_node_get_array (records), export_record (&export));
      hilum_format_progress (options, i + 1, documents->len);
    }

  hilum_json_append_node (out, records, indent, ascii);
  g_string_append_c (out, '\n');
  return hilum_format_write_file (path, out->str, out->len, error);
}
