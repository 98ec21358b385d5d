/* hilum-format-coco.c — COCO object detection JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   {"images": [{"id", "width", "height", "file_name", +"study_id", "hilum_image_id", "role"}],
 *    "annotations": [{"id", "image_id", "category_id", "bbox": [x, y, w, h], "area",
 *                     "iscrowd": 0, +"label_text", "finding_id", "reader_id", "study_id"}],
 *    "categories": [{"id", "name"}]}
 *
 * COCO keeps every image and every reader, so an export writes all of them: each image of
 * each study whose size is known (document or --images; an image with boxes and no size
 * fails the export with NEEDS_IMAGES), each box of each reader in report order. Pixel
 * x, y, w, h come from xyxy_norm × the image size (whole numbers for a box on pixel edges;
 * boxes imported from COCO and not moved since keep their numbers); area = w × h. The
 * categories are the findings' first labels mapped like MS-CXR's ("pleural effusion" →
 * "Pleural Effusion"; "" without a label), numbered from 1 in order of first use. The
 * extra keys (allowed by COCO readers, which ignore them) let an import rebuild studies,
 * findings (their ids and English sentences) and readers exactly. What COCO cannot hold:
 * findings without boxes, polarity, Spanish text, the study's context.
 *
 * Import of a plain COCO file (no extra keys): one study per image (study_id = the file
 * name without its extension), one positive finding per category, the boxes belonging to
 * options->reader_id, else "coco". A broken image or annotation is a problem; the others
 * import.
 */
#define G_LOG_DOMAIN "hilum-format-coco"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hilum-format-grounded.h"

/* ---- Export ---- */

typedef struct
{
  JsonArray  *images;
  JsonArray  *annotations;
  JsonArray  *categories;
  GHashTable *category_ids;   /* name → id */
  gint64      next_image;
  gint64      next_annotation;
} Writer;

static gint64
category_id (Writer     *writer,
             const char *name)
{
  gpointer id;
  JsonObject *category;

  if (g_hash_table_lookup_extended (writer->category_ids, name, NULL, &id))
    return GPOINTER_TO_INT (id);

  category = json_object_new ();
  json_object_set_int_member (category, "id", g_hash_table_size (writer->category_ids) + 1);
  json_object_set_string_member (category, "name", name);
  json_array_add_object_element (writer->categories, category);
  g_hash_table_insert (writer->category_ids, g_strdup (name),
                       GINT_TO_POINTER (g_hash_table_size (writer->category_ids) + 1));

  return g_hash_table_size (writer->category_ids);
}

static gboolean
image_has_boxes (HilumDocument *document,
                 const char    *image_id)
{
  guint n = hilum_document_get_n_findings (document);

  for (guint i = 0; i < n; i++)
    {
      JsonArray *annotations = hilum_json_get_array (hilum_document_get_finding (document, i),
                                                       "annotations");

      for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, j);
          JsonArray *boxes = annotation != NULL ? hilum_json_get_array (annotation, "boxes") : NULL;

          if (boxes != NULL && json_array_get_length (boxes) > 0
              && g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL), image_id) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  gint64 coco_id;
  guint  width;
  guint  height;
} ImageEntry;

static gboolean
export_document (Writer                   *writer,
                 HilumDocument            *document,
                 const HilumFormatOptions *options,
                 GError                  **error)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonArray *images = hilum_json_get_array (root, "images");
  const char *study_id = hilum_document_get_study_id (document);
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = hilum_document_get_n_findings (document);

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonObject *image = hilum_json_array_get_object (images, i);
      const char *image_id = image != NULL ? hilum_json_get_string (image, "image_id", NULL) : NULL;
      const char *file;
      g_autoptr(GError) local_error = NULL;
      JsonObject *object;
      ImageEntry *entry;
      guint width, height;

      if (image_id == NULL || g_hash_table_contains (entries, image_id))
        continue;
      if (!hilum_format_image_get_size (document, image, options, &width, &height, &local_error))
        {
          /* An image without boxes and size is no loss to COCO; one with boxes is. */
          if (image_has_boxes (document, image_id))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }

      file = hilum_json_get_string (image, "file", NULL);
      entry = g_new0 (ImageEntry, 1);
      entry->coco_id = ++writer->next_image;
      entry->width = width;
      entry->height = height;
      g_hash_table_insert (entries, (gpointer) image_id, entry);

      object = json_object_new ();
      json_object_set_int_member (object, "id", entry->coco_id);
      json_object_set_int_member (object, "width", width);
      json_object_set_int_member (object, "height", height);
      json_object_set_string_member (object, "file_name", file != NULL && *file != '\0' ? file : image_id);
      json_object_set_string_member (object, "study_id", study_id);
      json_object_set_string_member (object, "hilum_image_id", image_id);
      json_object_set_string_member (object, "role", hilum_json_get_string (image, "role", "other"));
      json_array_add_object_element (writer->images, object);
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      JsonArray *annotations = hilum_json_get_array (finding, "annotations");
      gint64 category = -1;

      for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, j);
          JsonArray *boxes = annotation != NULL ? hilum_json_get_array (annotation, "boxes") : NULL;
          ImageEntry *entry = annotation != NULL
                              ? g_hash_table_lookup (entries, hilum_json_get_string (annotation, "image_id", ""))
                              : NULL;

          for (guint k = 0; entry != NULL && boxes != NULL && k < json_array_get_length (boxes); k++)
            {
              JsonObject *box = hilum_json_array_get_object (boxes, k);
              JsonNode *nodes[4];
              JsonArray *bbox;
              JsonObject *object;
              double w, h;

              if (box == NULL
                  || !hilum_grounded_box_pixel_nodes (box, HILUM_FORMAT_COCO, entry->width,
                                                      entry->height, nodes))
                continue;
              if (category < 0)
                category = category_id (writer, hilum_grounded_category (finding));

              bbox = json_array_new ();
              for (guint m = 0; m < 4; m++)
                json_array_add_element (bbox, nodes[m]);
              hilum_grounded_node_get_double (nodes[2], &w);
              hilum_grounded_node_get_double (nodes[3], &h);

              object = json_object_new ();
              json_object_set_int_member (object, "id", ++writer->next_annotation);
              json_object_set_int_member (object, "image_id", entry->coco_id);
              json_object_set_int_member (object, "category_id", category);
              json_object_set_array_member (object, "bbox", bbox);
              json_object_set_member (object, "area", hilum_grounded_pixel_node (w * h));
              json_object_set_int_member (object, "iscrowd", 0);
              json_object_set_string_member (object, "label_text", hilum_finding_get_text (finding, "en"));
              json_object_set_string_member (object, "finding_id", hilum_finding_get_id (finding));
              json_object_set_string_member (object, "reader_id",
                                             hilum_json_get_string (annotation, "reader_id", ""));
              json_object_set_string_member (object, "study_id", study_id);
              json_array_add_object_element (writer->annotations, object);
            }
        }
    }

  return TRUE;
}

gboolean
hilum_format_coco_export (GPtrArray                *documents,
                          const char               *path,
                          const HilumFormatOptions *options,
                          GPtrArray                *problems,
                          GError                  **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GHashTable) category_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *top = json_object_new ();
  Writer writer = { 0 };

  json_node_take_object (node, top);
  writer.images = json_array_new ();
  writer.annotations = json_array_new ();
  writer.categories = json_array_new ();
  writer.category_ids = category_ids;
  json_object_set_array_member (top, "images", writer.images);
  json_object_set_array_member (top, "annotations", writer.annotations);
  json_object_set_array_member (top, "categories", writer.categories);

  for (guint i = 0; i < documents->len; i++)
    {
      if (hilum_format_cancelled (options, error))
        return FALSE;
      if (!export_document (&writer, g_ptr_array_index (documents, i), options, error))
        return FALSE;
      hilum_format_progress (options, i + 1, documents->len);
    }

  hilum_json_append_node (out, node, 2, FALSE);
  g_string_append_c (out, '\n');

  return hilum_format_write_file (path, out->str, out->len, error);
}

/* ---- Import ---- */

typedef struct
{
  char       *study_id;
  JsonObject *root;
  GHashTable *findings;    /* finding key → JsonObject (owned by root) */
} Study;

static void
study_free (Study *study)
{
  g_free (study->study_id);
  g_clear_pointer (&study->root, json_object_unref);
  g_hash_table_unref (study->findings);
  g_free (study);
}

typedef struct
{
  Study *study;
  char  *image_id;
  guint  width;
  guint  height;
} Image;

static void
image_free (Image *image)
{
  g_free (image->image_id);
  g_free (image);
}

typedef struct
{
  const char               *path;
  const HilumFormatOptions *options;
  GPtrArray                *problems;
  GPtrArray                *studies;     /* Study *, in order of first appearance */
  GHashTable               *by_study;    /* study_id → Study * */
  GHashTable               *images;      /* COCO id → Image * */
  GHashTable               *categories;  /* COCO id → name */
} Reader;

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static char *
record_of (const char *kind,
           JsonObject *object,
           guint       index)
{
  gint64 id;

  if (object != NULL && get_int (object, "id", &id))
    return g_strdup_printf ("%s %" G_GINT64_FORMAT, kind, id);

  return g_strdup_printf ("%s #%u", kind, index + 1);
}

static Study *
study_for (Reader     *reader,
           const char *study_id)
{
  Study *study = g_hash_table_lookup (reader->by_study, study_id);

  if (study == NULL)
    {
      study = g_new0 (Study, 1);
      study->study_id = g_strdup (study_id);
      study->root = hilum_format_new_root (study_id, HILUM_FORMAT_COCO, reader->path);
      study->findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add (reader->studies, study);
      g_hash_table_insert (reader->by_study, study->study_id, study);
    }

  return study;
}

static void
read_image (Reader     *reader,
            JsonObject *object,
            guint       index)
{
  /* Translators: a COCO record, as in “image 3” */
  g_autofree char *record = record_of (_("image"), object, index);
  g_autofree char *stem = NULL;
  const char *file_name;
  const char *study_id;
  const char *image_id;
  gint64 id, width, height;
  Image *image;

  if (object == NULL || !get_int (object, "id", &id))
    {
      hilum_format_add_problem (reader->problems, record, "%s", _("The image has no numeric “id”"));
      return;
    }
  if (!get_int (object, "width", &width) || !get_int (object, "height", &height)
      || width < 1 || height < 1 || width > G_MAXINT || height > G_MAXINT)
    {
      hilum_format_add_problem (reader->problems, record, "%s",
                                _("The image has no valid “width” and “height”"));
      return;
    }
  if (g_hash_table_contains (reader->images, &id))
    {
      hilum_format_add_problem (reader->problems, record, "%s", _("Another image has the same “id”"));
      return;
    }

  file_name = hilum_json_get_string (object, "file_name", "");
  if (*file_name == '\0')
    file_name = NULL;
  image_id = hilum_json_get_string (object, "hilum_image_id", NULL);
  if (image_id == NULL)
    image_id = file_name;
  study_id = hilum_json_get_string (object, "study_id", NULL);
  if (study_id == NULL && file_name != NULL)
    {
      g_autofree char *base = g_path_get_basename (file_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      stem = g_steal_pointer (&base);
      study_id = stem;
    }
  if (study_id == NULL || image_id == NULL)
    {
      hilum_format_add_problem (reader->problems, record, "%s", _("The image has no “file_name”"));
      return;
    }

  image = g_new0 (Image, 1);
  image->study = study_for (reader, study_id);
  image->image_id = g_strdup (image_id);
  image->width = width;
  image->height = height;
  hilum_format_root_add_image (image->study->root, image_id,
                               hilum_json_get_string (object, "role", "current_frontal"),
                               width, height, file_name);
  g_hash_table_insert (reader->images, g_memdup2 (&id, sizeof id), image);
}

static void
read_annotation (Reader     *reader,
                 JsonObject *object,
                 guint       index)
{
  /* Translators: a COCO record, as in “annotation 12” */
  g_autofree char *record = record_of (_("annotation"), object, index);
  g_autoptr(JsonArray) values = NULL;
  JsonArray *bbox;
  JsonObject *finding;
  JsonObject *annotation;
  const char *category = "";
  const char *label_text;
  const char *finding_id;
  const char *reader_id;
  const char *key;
  gint64 image_id, category_id;
  double xywh[4], xyxy[4];
  Image *image;

  if (object == NULL || !get_int (object, "image_id", &image_id)
      || (image = g_hash_table_lookup (reader->images, &image_id)) == NULL)
    {
      hilum_format_add_problem (reader->problems, record, "%s",
                                _("The annotation names no image of the file"));
      return;
    }

  bbox = hilum_json_get_array (object, "bbox");
  if (bbox == NULL || json_array_get_length (bbox) != 4)
    {
      hilum_format_add_problem (reader->problems, record, "%s", _("“bbox” is not four numbers"));
      return;
    }
  values = json_array_new ();
  for (guint k = 0; k < 4; k++)
    {
      JsonNode *node = json_array_get_element (bbox, k);

      if (!hilum_grounded_node_get_double (node, &xywh[k]))
        {
          hilum_format_add_problem (reader->problems, record, "%s", _("“bbox” is not four numbers"));
          return;
        }
      json_array_add_element (values, json_node_copy (node));
    }
  if (xywh[2] < 0 || xywh[3] < 0)
    {
      hilum_format_add_problem (reader->problems, record, "%s",
                                _("The box has a negative width or height"));
      return;
    }

  if (get_int (object, "category_id", &category_id))
    {
      const char *name = g_hash_table_lookup (reader->categories, &category_id);

      if (name != NULL)
        category = name;
    }
  label_text = hilum_json_get_string (object, "label_text", NULL);
  finding_id = hilum_json_get_string (object, "finding_id", NULL);
  reader_id = hilum_json_get_string (object, "reader_id", NULL);
  if (reader_id == NULL || *reader_id == '\0')
    reader_id = reader->options->reader_id != NULL ? reader->options->reader_id : "coco";

  /* Findings come back by id; a plain COCO file has one per sentence, else per category. */
  key = finding_id != NULL ? finding_id : label_text != NULL ? label_text : category;
  finding = g_hash_table_lookup (image->study->findings, key);
  if (finding == NULL)
    {
      g_autofree char *label = hilum_grounded_category_to_label (category);

      finding = hilum_grounded_new_finding (label_text != NULL ? label_text : category, label);
      if (finding_id != NULL && *finding_id != '\0')
        json_object_set_string_member (finding, "finding_id", finding_id);
      hilum_format_root_add_finding (image->study->root, finding);
      g_hash_table_insert (image->study->findings, g_strdup (key), finding);
    }

  hilum_format_root_add_reader (image->study->root, reader_id, reader_id, NULL);
  hilum_grounded_xywh_to_xyxy (xywh, image->width, image->height, xyxy);
  annotation = hilum_format_finding_get_annotation (finding, reader_id, image->image_id, TRUE);
  hilum_format_annotation_add_box (annotation, xyxy, HILUM_FORMAT_COCO, g_steal_pointer (&values));
}

GPtrArray *
hilum_format_coco_import (const char               *path,
                          const HilumFormatOptions *options,
                          GPtrArray                *problems,
                          GError                  **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) studies = g_ptr_array_new_with_free_func ((GDestroyNotify) study_free);
  g_autoptr(GHashTable) by_study = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) image_free);
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  JsonObject *top;
  JsonArray *list_images, *list_annotations, *list_categories;
  Reader reader = { 0 };
  guint total, done = 0;

  node = hilum_format_parse_json_file (path, error);
  if (node == NULL)
    return NULL;
  top = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  list_images = top != NULL ? hilum_json_get_array (top, "images") : NULL;
  list_annotations = top != NULL ? hilum_json_get_array (top, "annotations") : NULL;
  list_categories = top != NULL ? hilum_json_get_array (top, "categories") : NULL;
  if (list_images == NULL || list_annotations == NULL)
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is not a COCO file: it has no “images” and “annotations” lists"), path);
      return NULL;
    }

  reader.path = path;
  reader.options = options;
  reader.problems = problems;
  reader.studies = studies;
  reader.by_study = by_study;
  reader.images = images;
  reader.categories = categories;

  for (guint i = 0; list_categories != NULL && i < json_array_get_length (list_categories); i++)
    {
      JsonObject *category = hilum_json_array_get_object (list_categories, i);
      gint64 id;

      if (category != NULL && get_int (category, "id", &id))
        g_hash_table_insert (categories, g_memdup2 (&id, sizeof id),
                             (gpointer) hilum_json_get_string (category, "name", ""));
    }

  total = json_array_get_length (list_images) + json_array_get_length (list_annotations);
  for (guint i = 0; i < json_array_get_length (list_images); i++)
    {
      if (hilum_format_cancelled (options, error))
        return NULL;
      read_image (&reader, hilum_json_array_get_object (list_images, i), i);
      hilum_format_progress (options, ++done, total);
    }
  for (guint i = 0; i < json_array_get_length (list_annotations); i++)
    {
      if (hilum_format_cancelled (options, error))
        return NULL;
      read_annotation (&reader, hilum_json_array_get_object (list_annotations, i), i);
      hilum_format_progress (options, ++done, total);
    }

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < studies->len; i++)
    {
      Study *study = g_ptr_array_index (studies, i);
      g_autoptr(GError) local_error = NULL;
      HilumDocument *document = hilum_format_finish_document (g_steal_pointer (&study->root),
                                                              &local_error);

      if (document != NULL)
        g_ptr_array_add (documents, document);
      else
        hilum_format_add_problem (problems, study->study_id, "%s", local_error->message);
    }

  return g_steal_pointer (&documents);
}
