/* hilum-image-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-image-json"

#include <math.h>

#include "hilum-image.h"
#include "hilum-image-json.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

JsonNode *
hilum_image_info_to_json (HilumImage *image)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const HilumImageInfo *info;
  guint n_windows;

  g_return_val_if_fail (HILUM_IS_IMAGE (image), NULL);

  info = hilum_image_get_info (image);
  n_windows = hilum_image_get_n_windows (image);
  builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "path", hilum_image_get_path (image));
  add_string (builder, "sop_instance_uid",
              hilum_image_get_string (image, HILUM_IMAGE_SOP_INSTANCE_UID));
  add_string (builder, "study_instance_uid",
              hilum_image_get_string (image, HILUM_IMAGE_STUDY_INSTANCE_UID));
  add_string (builder, "series_instance_uid",
              hilum_image_get_string (image, HILUM_IMAGE_SERIES_INSTANCE_UID));
  add_string (builder, "modality", hilum_image_get_string (image, HILUM_IMAGE_MODALITY));
  add_string (builder, "view_position",
              hilum_image_get_string (image, HILUM_IMAGE_VIEW_POSITION));
  add_string (builder, "view", hilum_view_to_string (hilum_image_get_view (image)));
  add_int (builder, "rows", hilum_image_get_height (image));
  add_int (builder, "columns", hilum_image_get_width (image));
  add_int (builder, "frames", hilum_image_get_n_frames (image));
  add_int (builder, "bits_allocated", info->bits_allocated);
  add_int (builder, "bits_stored", info->bits_stored);
  add_int (builder, "pixel_representation", info->pixel_representation);
  add_int (builder, "samples_per_pixel", info->samples_per_pixel);
  add_string (builder, "photometric", hilum_image_get_string (image, HILUM_IMAGE_PHOTOMETRIC));
  add_string (builder, "transfer_syntax",
              hilum_image_get_string (image, HILUM_IMAGE_TRANSFER_SYNTAX));
  add_double (builder, "rescale_slope", info->rescale_slope);
  add_double (builder, "rescale_intercept", info->rescale_intercept);

  json_builder_set_member_name (builder, "window_center");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_windows; i++)
    {
      double center, width;

      hilum_image_get_window (image, i, &center, &width);
      json_builder_add_double_value (builder, center);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "window_width");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_windows; i++)
    {
      double center, width;

      hilum_image_get_window (image, i, &center, &width);
      json_builder_add_double_value (builder, width);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pixel_spacing");
  if (info->has_pixel_spacing)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, info->pixel_spacing[0]);
      json_builder_add_double_value (builder, info->pixel_spacing[1]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_double (builder, "min", hilum_image_get_min_value (image));
  add_double (builder, "max", hilum_image_get_max_value (image));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%.0f", value == 0.0 ? 0.0 : value);
      return;
    }
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_string (out, l->data);
            g_string_append_c (out, ':');
            append_node (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_number (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
hilum_json_to_compact_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_node (out, node);
  return g_string_free (out, FALSE);
}

char *
hilum_image_info_to_json_string (HilumImage *image)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (HILUM_IS_IMAGE (image), NULL);

  node = hilum_image_info_to_json (image);
  return hilum_json_to_compact_string (node);
}
