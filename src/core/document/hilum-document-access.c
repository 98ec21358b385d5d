/* hilum-document-access.c — the typed accessors the UI reads a study through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document may come from any file (validation checks only what editing needs), so every
 * accessor reads defensively: a member that is absent or of another type reads as empty,
 * never as a critical. Lookups by id are linear: a study has tens of findings.
 */
#define G_LOG_DOMAIN "hilum-document-access"

#include "config.h"

#include "hilum-document.h"
#include "hilum-json.h"

static JsonArray *
root_array (HilumDocument *self,
            const char    *member)
{
  return hilum_json_get_array (hilum_document_get_root (self), member);
}

/* (nullable) */
static JsonObject *
finding_of (HilumDocument *self,
            const char    *finding_id)
{
  if (finding_id == NULL)
    return NULL;
  return hilum_document_find_finding (self, finding_id, NULL);
}

/* (nullable) the object at @index of @array, when it is one */
static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
hilum_document_get_finding_id (HilumDocument *self,
                               guint          index)
{
  JsonObject *finding;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  finding = object_at (root_array (self, "findings"), index);
  return finding != NULL ? hilum_json_get_string (finding, "finding_id", NULL) : NULL;
}

gboolean
hilum_document_get_finding_index (HilumDocument *self,
                                  const char    *finding_id,
                                  guint         *index)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), FALSE);

  return finding_id != NULL && hilum_document_find_finding (self, finding_id, index) != NULL;
}

gboolean
hilum_document_has_finding (HilumDocument *self,
                            const char    *finding_id)
{
  return hilum_document_get_finding_index (self, finding_id, NULL);
}

HilumPolarity
hilum_document_get_finding_polarity (HilumDocument *self,
                                     const char    *finding_id)
{
  JsonObject *finding;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), HILUM_POLARITY_POSITIVE);

  finding = finding_of (self, finding_id);
  return g_strcmp0 (hilum_json_get_string (finding, "polarity", NULL), "negative") == 0
         ? HILUM_POLARITY_NEGATIVE : HILUM_POLARITY_POSITIVE;
}

const char *
hilum_document_get_finding_text (HilumDocument *self,
                                 const char    *finding_id,
                                 const char    *lang)
{
  JsonObject *finding;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), "");
  g_return_val_if_fail (lang != NULL, "");

  finding = finding_of (self, finding_id);
  return finding != NULL ? hilum_finding_get_text (finding, lang) : "";
}

const char *
hilum_document_get_finding_progression (HilumDocument *self,
                                        const char    *finding_id)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return hilum_json_get_string (finding_of (self, finding_id), "progression", NULL);
}

/* The strings of @member, other elements skipped. */
static GStrv
dup_terms (HilumDocument *self,
           const char    *finding_id,
           const char    *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = hilum_json_get_array (finding_of (self, finding_id), member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (hilum_json_node_is_string (element))
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

GStrv
hilum_document_dup_finding_labels (HilumDocument *self,
                                   const char    *finding_id)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return dup_terms (self, finding_id, "labels");
}

GStrv
hilum_document_dup_finding_locations (HilumDocument *self,
                                      const char    *finding_id)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);

  return dup_terms (self, finding_id, "locations");
}

HilumTranslationState
hilum_document_get_translation_state (HilumDocument  *self,
                                      const char     *finding_id,
                                      const char     *lang,
                                      const char    **by,
                                      const char    **at)
{
  JsonObject *state;

  if (by != NULL)
    *by = "";
  if (at != NULL)
    *at = NULL;
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), HILUM_TRANSLATION_DRAFT);
  g_return_val_if_fail (lang != NULL, HILUM_TRANSLATION_DRAFT);

  state = hilum_json_get_object (hilum_json_get_object (finding_of (self, finding_id), "translation"),
                                 lang);
  if (state == NULL)
    return HILUM_TRANSLATION_DRAFT;
  if (by != NULL)
    *by = hilum_json_get_string (state, "by", "");
  if (at != NULL)
    *at = hilum_json_get_string (state, "at", NULL);
  return g_strcmp0 (hilum_json_get_string (state, "state", NULL), "verified") == 0
         ? HILUM_TRANSLATION_VERIFIED : HILUM_TRANSLATION_DRAFT;
}

static gboolean
read_xyxy (JsonObject *box,
           double      xyxy_norm[4])
{
  JsonArray *xyxy = hilum_json_get_array (box, "xyxy_norm");

  if (xyxy == NULL || json_array_get_length (xyxy) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!hilum_json_node_get_number (json_array_get_element (xyxy, i), &xyxy_norm[i]))
      return FALSE;
  return TRUE;
}

guint
hilum_document_collect_boxes (HilumDocument *self,
                              const char    *finding_id,
                              const char    *image_id,
                              GArray        *boxes)
{
  JsonArray *findings;
  guint added = 0;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (boxes != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (boxes) == sizeof (HilumDocumentBox), 0);

  findings = root_array (self, "findings");
  for (guint f = 0; findings != NULL && f < json_array_get_length (findings); f++)
    {
      JsonObject *finding = object_at (findings, f);
      const char *id = hilum_json_get_string (finding, "finding_id", NULL);
      JsonArray *annotations = hilum_json_get_array (finding, "annotations");

      if (id == NULL || (finding_id != NULL && !g_str_equal (id, finding_id)))
        continue;
      for (guint a = 0; annotations != NULL && a < json_array_get_length (annotations); a++)
        {
          JsonObject *annotation = object_at (annotations, a);
          const char *reader_id = hilum_json_get_string (annotation, "reader_id", NULL);
          const char *annotation_image = hilum_json_get_string (annotation, "image_id", NULL);
          JsonArray *list = hilum_json_get_array (annotation, "boxes");

          if (reader_id == NULL || annotation_image == NULL
              || (image_id != NULL && !g_str_equal (annotation_image, image_id)))
            continue;
          for (guint b = 0; list != NULL && b < json_array_get_length (list); b++)
            {
              JsonObject *box = object_at (list, b);
              HilumDocumentBox item = { 0 };

              item.box_id = hilum_json_get_string (box, "box_id", NULL);
              if (item.box_id == NULL || !read_xyxy (box, item.xyxy_norm))
                continue;
              item.finding_id = id;
              item.reader_id = reader_id;
              item.image_id = annotation_image;
              item.finding_index = f;
              g_array_append_val (boxes, item);
              added++;
            }
        }
    }
  return added;
}

guint
hilum_document_get_n_readers (HilumDocument *self)
{
  JsonArray *readers;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), 0);

  readers = root_array (self, "readers");
  return readers != NULL ? json_array_get_length (readers) : 0;
}

gboolean
hilum_document_get_reader (HilumDocument       *self,
                           guint                index,
                           HilumDocumentReader *reader)
{
  JsonObject *object;
  const char *reader_id;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);

  object = object_at (root_array (self, "readers"), index);
  reader_id = hilum_json_get_string (object, "reader_id", NULL);
  if (reader_id == NULL)
    return FALSE;
  reader->reader_id = reader_id;
  reader->name = hilum_json_get_string (object, "name", "");
  reader->role = hilum_json_get_string (object, "role", "");
  return TRUE;
}

guint
hilum_document_get_n_images (HilumDocument *self)
{
  JsonArray *images;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), 0);

  images = root_array (self, "images");
  return images != NULL ? json_array_get_length (images) : 0;
}

static guint
dimension (JsonObject *image,
           const char *member)
{
  JsonNode *node = json_object_get_member (image, member);
  double value = 0;

  if (!hilum_json_node_get_number (node, &value) || !(value > 0) || value > G_MAXUINT)
    return 0;
  return (guint) value;
}

gboolean
hilum_document_get_image (HilumDocument      *self,
                          guint               index,
                          HilumDocumentImage *image)
{
  JsonObject *object;
  const char *image_id;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (image != NULL, FALSE);

  object = object_at (root_array (self, "images"), index);
  image_id = hilum_json_get_string (object, "image_id", NULL);
  if (image_id == NULL)
    return FALSE;
  image->image_id = image_id;
  image->role = hilum_json_get_string (object, "role", "");
  image->width = dimension (object, "width");
  image->height = dimension (object, "height");
  return TRUE;
}

const char *
hilum_document_get_image_id_by_role (HilumDocument *self,
                                     const char    *role)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  return hilum_json_get_string (hilum_document_find_image_by_role (self, role), "image_id", NULL);
}
