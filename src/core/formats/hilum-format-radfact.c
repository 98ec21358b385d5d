/* hilum-format-radfact.c — RadFact JSON (microsoft/RadFact)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON list of {"example_id", "prediction": [phrase…], "target": [phrase…]}, a phrase
 * being {"text": "…", "boxes": null | [{"x_min", "y_min", "x_max", "y_max"}, …]} in 0–1
 * of the one (frontal) image. What Hilum writes:
 *
 * - example_id: the study id (a string, whatever its length);
 * - target: every finding with an English sentence, in report order — negative ones too,
 *   since RadFact judges a report phrase by phrase and "No pleural effusion." is a phrase;
 * - boxes: those of ONE reader on the CURRENT FRONTAL image: options->reader_id (when the
 *   study has that reader), else the first reader who boxed that image. No box gives null
 *   (RadFact rejects an empty list).
 *   Lateral boxes and the other reader's are left out with one note per study;
 * - prediction: what an imported RadFact file had (kept in study.source.extra), else [].
 *
 * Importing makes one document per example (study_id = example_id) with a current frontal
 * image of the same id and unknown size (read from --images when a file of that name is
 * there); every target phrase becomes a POSITIVE finding (RadFact has no polarity) whose
 * boxes belong to the reader options->reader_id, else "radfact".
 */
#define G_LOG_DOMAIN "hilum-format-radfact"

#include <glib/gi18n.h>

#include "hilum-format-grounded.h"

static const char * const box_keys[4] = { "x_min", "y_min", "x_max", "y_max" };

/* ---- Export ---- */

/* The values of a box imported from RadFact while nobody has moved it, so that the numbers
 * are written back exactly as they came. */
static JsonArray *
pristine_values (JsonObject   *box,
                 const double  xyxy[4])
{
  JsonArray *values = hilum_format_box_get_source_values (box, HILUM_FORMAT_RADFACT);

  if (values == NULL || json_array_get_length (values) != 4)
    return NULL;

  for (guint i = 0; i < 4; i++)
    {
      double value;

      if (!hilum_grounded_node_get_double (json_array_get_element (values, i), &value)
          || value != xyxy[i])
        return NULL;
    }

  return values;
}

static JsonNode *
boxes_node (GPtrArray *boxes)
{
  JsonArray *array;
  JsonNode *node;

  if (boxes->len == 0)
    return json_node_new (JSON_NODE_NULL);

  array = json_array_new ();
  for (guint i = 0; i < boxes->len; i++)
    {
      JsonObject *box = g_ptr_array_index (boxes, i);
      JsonObject *object = json_object_new ();
      JsonArray *values;
      double xyxy[4];

      if (!hilum_format_box_get_xyxy (box, xyxy))
        {
          json_object_unref (object);
          continue;
        }

      values = pristine_values (box, xyxy);
      if (values == NULL)
        hilum_grounded_clamp (xyxy);
      for (guint k = 0; k < 4; k++)
        {
          if (values != NULL)
            json_object_set_member (object, box_keys[k],
                                    json_node_copy (json_array_get_element (values, k)));
          else
            json_object_set_double_member (object, box_keys[k], xyxy[k]);
        }
      json_array_add_object_element (array, object);
    }

  /* Every box malformed: still no empty list. */
  if (json_array_get_length (array) == 0)
    {
      json_array_unref (array);
      return json_node_new (JSON_NODE_NULL);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static JsonObject *
export_example (HilumDocument            *document,
                const HilumFormatOptions *options,
                GPtrArray                *problems)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonObject *study = hilum_json_get_object (root, "study");
  JsonObject *source = study != NULL ? hilum_json_get_object (study, "source") : NULL;
  JsonObject *extra = source != NULL ? hilum_json_get_object (source, "extra") : NULL;
  JsonObject *frontal = hilum_grounded_frontal_image (document);
  const char *image_id = frontal != NULL ? hilum_json_get_string (frontal, "image_id", NULL) : NULL;
  const char *reader_id = hilum_grounded_choose_reader (document, image_id, options->reader_id);
  JsonArray *prediction = extra != NULL ? hilum_json_get_array (extra, "prediction") : NULL;
  JsonObject *example = json_object_new ();
  JsonArray *target = json_array_new ();
  guint n = hilum_document_get_n_findings (document);

  json_object_set_string_member (example, "example_id", hilum_document_get_study_id (document));
  if (prediction != NULL
      && g_strcmp0 (hilum_json_get_string (source, "dataset", NULL), "radfact") == 0)
    json_object_set_member (example, "prediction",
                            json_node_copy (json_object_get_member (extra, "prediction")));
  else
    json_object_set_array_member (example, "prediction", json_array_new ());

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      const char *text = hilum_finding_get_text (finding, "en");
      g_autoptr(GPtrArray) boxes = NULL;
      JsonObject *phrase;

      if (*text == '\0')
        {
          hilum_format_add_problem (problems, hilum_document_get_study_id (document),
                                    /* Translators: %u is the finding's number in the report */
                                    _("Finding %u has no English sentence: RadFact cannot hold it"),
                                    i + 1);
          continue;
        }

      boxes = hilum_grounded_finding_boxes (finding, reader_id, image_id);
      phrase = json_object_new ();
      json_object_set_string_member (phrase, "text", text);
      json_object_set_member (phrase, "boxes", boxes_node (boxes));
      json_array_add_object_element (target, phrase);
    }
  json_object_set_array_member (example, "target", target);

  hilum_grounded_note_left_out (document, image_id, reader_id,
                                "RadFact", problems);

  return example;
}

gboolean
hilum_format_radfact_export (GPtrArray                *documents,
                             const char               *path,
                             const HilumFormatOptions *options,
                             GPtrArray                *problems,
                             GError                  **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *list = json_array_new ();

  json_node_take_array (node, list);
  for (guint i = 0; i < documents->len; i++)
    {
      if (hilum_format_cancelled (options, error))
        return FALSE;
      json_array_add_object_element (list, export_example (g_ptr_array_index (documents, i),
                                                           options, problems));
      hilum_format_progress (options, i + 1, documents->len);
    }

  hilum_json_append_node (out, node, 2, FALSE);
  g_string_append_c (out, '\n');

  return hilum_format_write_file (path, out->str, out->len, error);
}

/* ---- Import ---- */

static gboolean
read_box (JsonNode  *node,
          double     xyxy[4],
          JsonArray *values)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  for (guint k = 0; k < 4; k++)
    {
      JsonNode *member = json_object_get_member (object, box_keys[k]);

      if (!hilum_grounded_node_get_double (member, &xyxy[k]))
        return FALSE;
      json_array_add_element (values, json_node_copy (member));
    }

  return 0.0 <= xyxy[0] && xyxy[0] <= xyxy[2] && xyxy[2] <= 1.0
         && 0.0 <= xyxy[1] && xyxy[1] <= xyxy[3] && xyxy[3] <= 1.0;
}

static char *
example_id_of (JsonObject *example)
{
  JsonNode *node = json_object_get_member (example, "example_id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

/* One example → a document, or NULL with @message set (translated). */
static HilumDocument *
import_example (JsonNode                 *node,
                const char               *path,
                const HilumFormatOptions *options,
                char                    **id_out,
                char                    **message)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *example_id = NULL;
  const char *reader_id = options->reader_id != NULL ? options->reader_id : "radfact";
  JsonObject *example;
  JsonArray *target;
  JsonObject *study;
  JsonObject *source;
  JsonObject *extra;
  guint width = 0, height = 0;
  g_autofree char *file = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *message = g_strdup (_("Not a RadFact example (an object was expected)"));
      return NULL;
    }

  example = json_node_get_object (node);
  example_id = example_id_of (example);
  if (example_id == NULL || *example_id == '\0')
    {
      *message = g_strdup (_("The example has no “example_id”"));
      return NULL;
    }
  *id_out = g_strdup (example_id);

  target = hilum_json_get_array (example, "target");
  if (target == NULL)
    {
      *message = g_strdup (_("The example has no “target” list"));
      return NULL;
    }

  if (options->images_dir != NULL)
    {
      g_autofree char *found = hilum_image_size_find_file (options->images_dir, example_id);

      if (found != NULL && hilum_image_size_read (found, &width, &height, NULL))
        file = g_path_get_basename (found);
    }

  root = hilum_format_new_root (example_id, HILUM_FORMAT_RADFACT, path);
  hilum_format_root_add_image (root, example_id, "current_frontal", width, height, file);
  hilum_format_root_add_reader (root, reader_id, reader_id, NULL);

  study = hilum_json_get_object (root, "study");
  source = study != NULL ? hilum_json_get_object (study, "source") : NULL;
  extra = source != NULL ? hilum_json_get_object (source, "extra") : NULL;
  if (extra != NULL && json_object_has_member (example, "prediction"))
    json_object_set_member (extra, "prediction",
                            json_node_copy (json_object_get_member (example, "prediction")));

  for (guint i = 0; i < json_array_get_length (target); i++)
    {
      JsonObject *phrase = hilum_json_array_get_object (target, i);
      const char *text = phrase != NULL ? hilum_json_get_string (phrase, "text", NULL) : NULL;
      JsonNode *boxes = phrase != NULL ? json_object_get_member (phrase, "boxes") : NULL;
      JsonObject *finding;

      if (text == NULL)
        {
          /* Translators: %u is the phrase's number in the target list */
          *message = g_strdup_printf (_("Target phrase %u has no text"), i + 1);
          return NULL;
        }
      if (boxes != NULL && !JSON_NODE_HOLDS_NULL (boxes)
          && (!JSON_NODE_HOLDS_ARRAY (boxes) || json_array_get_length (json_node_get_array (boxes)) == 0))
        {
          *message = g_strdup_printf (_("Target phrase %u: “boxes” must be null or a list of boxes, not an empty list"),
                                      i + 1);
          return NULL;
        }

      finding = hilum_grounded_new_finding (text, NULL);
      if (boxes != NULL && JSON_NODE_HOLDS_ARRAY (boxes))
        {
          JsonArray *list = json_node_get_array (boxes);
          JsonObject *annotation = hilum_format_finding_get_annotation (finding, reader_id,
                                                                        example_id, TRUE);

          for (guint j = 0; j < json_array_get_length (list); j++)
            {
              JsonArray *values = json_array_new ();
              double xyxy[4];

              if (!read_box (json_array_get_element (list, j), xyxy, values))
                {
                  json_array_unref (values);
                  json_object_unref (finding);
                  /* Translators: box %u of target phrase %u */
                  *message = g_strdup_printf (_("Box %u of target phrase %u is not four numbers with 0 ≤ min ≤ max ≤ 1"),
                                              j + 1, i + 1);
                  return NULL;
                }
              hilum_format_annotation_add_box (annotation, xyxy, HILUM_FORMAT_RADFACT, values);
            }
        }
      hilum_format_root_add_finding (root, finding);
    }

  {
    HilumDocument *document = hilum_format_finish_document (g_steal_pointer (&root), &local_error);

    if (document == NULL)
      *message = g_strdup (local_error->message);
    return document;
  }
}

GPtrArray *
hilum_format_radfact_import (const char               *path,
                             const HilumFormatOptions *options,
                             GPtrArray                *problems,
                             GError                  **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  JsonArray *list;
  guint n;

  node = hilum_format_parse_json_file (path, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is not a RadFact file: it should be a list of examples"), path);
      return NULL;
    }

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  list = json_node_get_array (node);
  n = json_array_get_length (list);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;
      HilumDocument *document;

      if (hilum_format_cancelled (options, error))
        return NULL;

      document = import_example (json_array_get_element (list, i), path, options, &id, &message);
      if (document != NULL)
        g_ptr_array_add (documents, document);
      else
        {
          g_autofree char *record = hilum_format_record_name (id, i);

          hilum_format_add_problem (problems, record, "%s", message);
        }
      hilum_format_progress (options, i + 1, n);
    }

  return g_steal_pointer (&documents);
}
