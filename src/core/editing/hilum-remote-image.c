/* hilum-remote-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-remote-image"

#include "config.h"

#include "hilum-json.h"
#include "hilum-remote-image.h"
#include "hilum-secondary-capture.h"

void
hilum_remote_image_free (HilumRemoteImage *self)
{
  if (self == NULL)
    return;
  g_free (self->image_id);
  g_free (self->study_uid);
  g_free (self->series_uid);
  g_free (self->sop_uid);
  g_free (self->file);
  g_free (self);
}

static const char *
image_string (JsonNode   *node,
              const char *member)
{
  const char *value = JSON_NODE_HOLDS_OBJECT (node)
                      ? hilum_json_get_string (json_node_get_object (node), member, NULL) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

char *
hilum_remote_study_uid (HilumDocument *document)
{
  JsonArray *images;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  images = hilum_json_get_array (hilum_document_get_root (document), "images");
  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    if (image_string (json_array_get_element (images, i), "sop_instance_uid") != NULL)
      return g_strdup (hilum_document_get_study_id (document));
  return hilum_secondary_capture_study_uid (hilum_document_get_study_id (document));
}

GPtrArray *
hilum_remote_images_list (HilumDocument *document)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_remote_image_free);
  g_autofree char *study_uid = NULL;
  const char *study_id;
  JsonArray *images;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), list);

  study_id = hilum_document_get_study_id (document);
  study_uid = hilum_remote_study_uid (document);
  images = hilum_json_get_array (hilum_document_get_root (document), "images");
  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);
      const char *image_id = image_string (node, "image_id");
      const char *sop_uid = image_string (node, "sop_instance_uid");
      HilumRemoteImage *image;

      if (image_id == NULL)
        continue;
      image = g_new0 (HilumRemoteImage, 1);
      image->image_id = g_strdup (image_id);
      image->study_uid = g_strdup (study_uid);
      image->file = g_strdup (image_string (node, "file"));
      if (sop_uid != NULL)
        {
          image->sop_uid = g_strdup (sop_uid);
          image->series_uid = g_strdup (image_string (node, "series_instance_uid"));
        }
      else
        {
          image->sop_uid = hilum_secondary_capture_sop_uid (study_id, image_id);
          image->series_uid = hilum_secondary_capture_series_uid (study_id, image_id);
        }
      g_ptr_array_add (list, image);
    }
  return list;
}

const char *
hilum_dicom_json_string (JsonObject *object,
                         const char *tag)
{
  JsonObject *attribute = hilum_json_get_object (object, tag);
  JsonArray *values = attribute != NULL ? hilum_json_get_array (attribute, "Value") : NULL;
  JsonNode *first = values != NULL && json_array_get_length (values) > 0
                    ? json_array_get_element (values, 0) : NULL;

  return hilum_json_node_is_string (first) ? json_node_get_string (first) : NULL;
}

static gint64
dicom_int (JsonObject *object,
           const char *tag)
{
  JsonObject *attribute = hilum_json_get_object (object, tag);
  JsonArray *values = attribute != NULL ? hilum_json_get_array (attribute, "Value") : NULL;
  JsonNode *first = values != NULL && json_array_get_length (values) > 0
                    ? json_array_get_element (values, 0) : NULL;
  double number = 0;

  return first != NULL && hilum_json_node_get_number (first, &number) ? (gint64) number : 0;
}

static gboolean
is_frontal (const char *view)
{
  return g_strcmp0 (view, "PA") == 0 || g_strcmp0 (view, "AP") == 0;
}

static gboolean
is_lateral (const char *view)
{
  return g_strcmp0 (view, "LL") == 0 || g_strcmp0 (view, "RL") == 0
         || g_strcmp0 (view, "LATERAL") == 0 || g_strcmp0 (view, "LAT") == 0;
}

JsonNode *
hilum_remote_images_from_qido (JsonArray *instances)
{
  g_autoptr(JsonArray) images = json_array_new ();
  gboolean have_frontal = FALSE;
  gboolean have_lateral = FALSE;
  JsonNode *node;

  for (guint i = 0; instances != NULL && i < json_array_get_length (instances); i++)
    {
      JsonNode *element = json_array_get_element (instances, i);
      JsonObject *instance = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *sop_uid = instance != NULL ? hilum_dicom_json_string (instance, "00080018") : NULL;
      const char *series_uid = instance != NULL ? hilum_dicom_json_string (instance, "0020000E") : NULL;
      const char *view = instance != NULL ? hilum_dicom_json_string (instance, "00185101") : NULL;
      const char *role = "other";
      JsonObject *image;

      if (sop_uid == NULL || series_uid == NULL)
        continue;
      if (is_frontal (view) && !have_frontal)
        role = "current_frontal", have_frontal = TRUE;
      else if (is_lateral (view) && !have_lateral)
        role = "current_lateral", have_lateral = TRUE;

      image = json_object_new ();
      json_object_set_string_member (image, "image_id", sop_uid);
      json_object_set_string_member (image, "role", role);
      json_object_set_string_member (image, "view_position", view != NULL ? view : "");
      json_object_set_int_member (image, "width", dicom_int (instance, "00280011"));
      json_object_set_int_member (image, "height", dicom_int (instance, "00280010"));
      json_object_set_null_member (image, "file");
      json_object_set_string_member (image, "sop_instance_uid", sop_uid);
      json_object_set_string_member (image, "series_instance_uid", series_uid);
      json_array_add_object_element (images, image);
    }

  /* One image with no view named: it is the frontal. */
  if (!have_frontal && json_array_get_length (images) == 1)
    json_object_set_string_member (hilum_json_array_get_object (images, 0), "role", "current_frontal");

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, images);
  return node;
}
