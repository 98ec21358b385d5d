/* hilum-format-grounded.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-format-grounded"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hilum-format-grounded.h"

JsonObject *
hilum_grounded_frontal_image (HilumDocument *document)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  return hilum_document_find_image_by_role (document, "current_frontal");
}

static gboolean
annotation_has_boxes (JsonObject *annotation)
{
  JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

  return boxes != NULL && json_array_get_length (boxes) > 0;
}

/* The first annotation of @reader_id (NULL: anyone's) on @image_id (NULL: any image),
 * with boxes when @with_boxes. (transfer none) */
static JsonObject *
find_annotation (HilumDocument *document,
                 const char    *reader_id,
                 const char    *image_id,
                 gboolean       with_boxes)
{
  guint n = hilum_document_get_n_findings (document);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      JsonArray *annotations = hilum_json_get_array (finding, "annotations");
      guint n_annotations = annotations != NULL ? json_array_get_length (annotations) : 0;

      for (guint j = 0; j < n_annotations; j++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, j);

          if (annotation != NULL
              && (reader_id == NULL
                  || g_strcmp0 (hilum_json_get_string (annotation, "reader_id", NULL), reader_id) == 0)
              && (image_id == NULL
                  || g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL), image_id) == 0)
              && (!with_boxes || annotation_has_boxes (annotation)))
            return annotation;
        }
    }

  return NULL;
}

static gboolean
document_knows_reader (HilumDocument *document,
                       const char    *reader_id)
{
  return hilum_document_find_reader (document, reader_id, NULL) != NULL
         || find_annotation (document, reader_id, NULL, FALSE) != NULL;
}

const char *
hilum_grounded_choose_reader (HilumDocument *document,
                              const char    *image_id,
                              const char    *wanted)
{
  JsonObject *annotation;
  JsonArray *readers;
  guint n;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  /* A reader the study does not know (--reader naming the reader of another import) would
   * silently give no boxes at all: the default rule serves better. */
  if (wanted != NULL && document_knows_reader (document, wanted))
    return wanted;
  if (image_id == NULL)
    return NULL;

  readers = hilum_json_get_array (hilum_document_get_root (document), "readers");
  n = readers != NULL ? json_array_get_length (readers) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *reader = hilum_json_array_get_object (readers, i);
      const char *reader_id = reader != NULL
                              ? hilum_json_get_string (reader, "reader_id", NULL) : NULL;

      if (reader_id != NULL && find_annotation (document, reader_id, image_id, TRUE) != NULL)
        return reader_id;
    }

  /* A reader missing from "readers" still owns its boxes. */
  annotation = find_annotation (document, NULL, image_id, TRUE);
  return annotation != NULL ? hilum_json_get_string (annotation, "reader_id", NULL) : NULL;
}

GPtrArray *
hilum_grounded_finding_boxes (JsonObject *finding,
                              const char *reader_id,
                              const char *image_id)
{
  GPtrArray *result = g_ptr_array_new ();
  JsonArray *annotations;
  guint n;

  if (reader_id == NULL || image_id == NULL)
    return result;

  annotations = hilum_json_get_array (finding, "annotations");
  n = annotations != NULL ? json_array_get_length (annotations) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *annotation = hilum_json_array_get_object (annotations, i);
      JsonArray *boxes;

      if (annotation == NULL
          || g_strcmp0 (hilum_json_get_string (annotation, "reader_id", NULL), reader_id) != 0
          || g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL), image_id) != 0)
        continue;

      boxes = hilum_json_get_array (annotation, "boxes");
      for (guint j = 0; boxes != NULL && j < json_array_get_length (boxes); j++)
        {
          JsonObject *box = hilum_json_array_get_object (boxes, j);

          if (box != NULL)
            g_ptr_array_add (result, box);
        }
    }

  return result;
}

void
hilum_grounded_note_left_out (HilumDocument *document,
                              const char    *image_id,
                              const char    *reader_id,
                              const char    *format_label,
                              GPtrArray     *problems)
{
  guint other_images = 0;
  guint other_readers = 0;
  guint n;

  g_return_if_fail (HILUM_IS_DOCUMENT (document));

  n = hilum_document_get_n_findings (document);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      JsonArray *annotations = hilum_json_get_array (finding, "annotations");
      guint n_annotations = annotations != NULL ? json_array_get_length (annotations) : 0;

      for (guint j = 0; j < n_annotations; j++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, j);
          JsonArray *boxes = annotation != NULL ? hilum_json_get_array (annotation, "boxes") : NULL;
          guint n_boxes = boxes != NULL ? json_array_get_length (boxes) : 0;

          if (n_boxes == 0)
            continue;
          if (g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL), image_id) != 0)
            other_images += n_boxes;
          else if (g_strcmp0 (hilum_json_get_string (annotation, "reader_id", NULL), reader_id) != 0)
            other_readers += n_boxes;
        }
    }

  if (other_images > 0)
    hilum_format_add_problem (problems, hilum_document_get_study_id (document),
                              /* Translators: %u is a number of boxes, %s a format name (RadFact) */
                              _("Boxes not on the current frontal image left out (%u): %s holds the frontal image only"),
                              other_images, format_label);
  if (other_readers > 0)
    hilum_format_add_problem (problems, hilum_document_get_study_id (document),
                              /* Translators: %u is a number of boxes, %s a reader id, %s a format name */
                              _("Boxes of other readers left out (%u): only the boxes of “%s” fit in %s"),
                              other_readers, reader_id != NULL ? reader_id : "", format_label);
}

void
hilum_grounded_clamp (double xyxy[4])
{
  for (guint i = 0; i < 4; i++)
    xyxy[i] = isnan (xyxy[i]) ? 0.0 : CLAMP (xyxy[i], 0.0, 1.0);
  for (guint i = 0; i < 2; i++)
    if (xyxy[i] > xyxy[i + 2])
      {
        double swap = xyxy[i];

        xyxy[i] = xyxy[i + 2];
        xyxy[i + 2] = swap;
      }
}

void
hilum_grounded_xywh_to_xyxy (const double xywh[4],
                             guint        width,
                             guint        height,
                             double       xyxy[4])
{
  xyxy[0] = xywh[0] / width;
  xyxy[1] = xywh[1] / height;
  xyxy[2] = (xywh[0] + xywh[2]) / width;
  xyxy[3] = (xywh[1] + xywh[3]) / height;
  hilum_grounded_clamp (xyxy);
}

void
hilum_grounded_xyxy_to_xywh (const double xyxy[4],
                             guint        width,
                             guint        height,
                             double       xywh[4])
{
  double x1 = xyxy[0] * width;
  double y1 = xyxy[1] * height;
  double x2 = xyxy[2] * width;
  double y2 = xyxy[3] * height;

  /* Round the edges, not the sizes, so a box on pixel edges gives whole numbers. */
  x1 = round (x1 * 1e6) / 1e6;
  y1 = round (y1 * 1e6) / 1e6;
  x2 = round (x2 * 1e6) / 1e6;
  y2 = round (y2 * 1e6) / 1e6;
  xywh[0] = x1;
  xywh[1] = y1;
  xywh[2] = round ((x2 - x1) * 1e6) / 1e6;
  xywh[3] = round ((y2 - y1) * 1e6) / 1e6;
}

static gboolean
is_whole (double value)
{
  return fabs (value) < 1e15 && value == floor (value);
}

JsonNode *
hilum_grounded_pixel_node (double value)
{
  JsonNode *node = json_node_alloc ();

  value = round (value * 1e6) / 1e6;
  if (is_whole (value))
    json_node_init_int (node, (gint64) value);
  else
    json_node_init_double (node, value);

  return node;
}

void
hilum_grounded_append_pixel (GString *out,
                             double   value)
{
  value = round (value * 1e6) / 1e6;
  if (is_whole (value))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    hilum_json_number_append (out, value);
}

gboolean
hilum_grounded_node_get_double (JsonNode *node,
                                double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return isfinite (*value);
}

static const struct
{
  const char *label;
  const char *category;
} categories[] = {
  { "atelectasis", "Atelectasis" },
  { "cardiomegaly", "Cardiomegaly" },
  { "consolidation", "Consolidation" },
  { "edema", "Edema" },
  { "pulmonary edema", "Edema" },
  { "lung opacity", "Lung Opacity" },
  { "pleural effusion", "Pleural Effusion" },
  { "pneumonia", "Pneumonia" },
  { "pneumothorax", "Pneumothorax" },
};

const char *
hilum_grounded_category (JsonObject *finding)
{
  JsonArray *labels = hilum_json_get_array (finding, "labels");
  const char *label;
  g_autofree char *folded = NULL;

  if (labels == NULL || json_array_get_length (labels) == 0)
    return "";

  label = json_node_get_string (json_array_get_element (labels, 0));
  if (label == NULL)
    return "";

  folded = g_utf8_casefold (label, -1);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (strcmp (folded, categories[i].label) == 0)
      return categories[i].category;

  return label;
}

char *
hilum_grounded_category_to_label (const char *category)
{
  return g_utf8_strdown (category != NULL ? category : "", -1);
}

JsonObject *
hilum_grounded_new_finding (const char *text,
                            const char *label)
{
  JsonObject *finding = hilum_finding_new ("positive");
  JsonObject *texts = hilum_json_get_object (finding, "text");

  if (texts == NULL)
    {
      texts = json_object_new ();
      json_object_set_string_member (texts, "es", "");
      json_object_set_object_member (finding, "text", texts);
    }
  json_object_set_string_member (texts, "en", text);

  if (label != NULL && *label != '\0')
    {
      JsonArray *labels = json_array_new ();

      json_array_add_string_element (labels, label);
      json_object_set_array_member (finding, "labels", labels);
    }

  return finding;
}

gboolean
hilum_grounded_box_pixel_nodes (JsonObject  *box,
                                HilumFormat  format,
                                guint        width,
                                guint        height,
                                JsonNode    *nodes[4])
{
  JsonArray *values = hilum_format_box_get_source_values (box, format);
  double xyxy[4];
  double xywh[4];

  if (!hilum_format_box_get_xyxy (box, xyxy))
    return FALSE;

  if (values != NULL && json_array_get_length (values) == 4)
    {
      double again[4];
      gboolean numbers = TRUE;

      for (guint k = 0; k < 4 && numbers; k++)
        numbers = hilum_grounded_node_get_double (json_array_get_element (values, k), &xywh[k]);
      if (numbers)
        {
          hilum_grounded_xywh_to_xyxy (xywh, width, height, again);
          if (again[0] == xyxy[0] && again[1] == xyxy[1]
              && again[2] == xyxy[2] && again[3] == xyxy[3])
            {
              for (guint k = 0; k < 4; k++)
                nodes[k] = json_node_copy (json_array_get_element (values, k));
              return TRUE;
            }
        }
    }

  hilum_grounded_clamp (xyxy);
  hilum_grounded_xyxy_to_xywh (xyxy, width, height, xywh);
  for (guint k = 0; k < 4; k++)
    nodes[k] = hilum_grounded_pixel_node (xywh[k]);

  return TRUE;
}

void
hilum_grounded_append_number (GString  *out,
                              JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    hilum_json_number_append (out, json_node_get_double (node));
}

JsonNode *
hilum_grounded_parse_number (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  JsonNode *node;
  char *end = NULL;
  gint64 integer;
  double value;

  if (*copy == '\0')
    return NULL;

  errno = 0;
  integer = g_ascii_strtoll (copy, &end, 10);
  if (errno == 0 && end != copy && *end == '\0')
    {
      node = json_node_alloc ();
      return json_node_init_int (node, integer);
    }

  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return NULL;

  node = json_node_alloc ();
  return json_node_init_double (node, value);
}
