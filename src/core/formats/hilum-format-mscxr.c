/* hilum-format-mscxr.c — MS-CXR CSV (PhysioNet)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per box, absolute pixels with a top-left x, y plus w, h:
 *
 *   dicom_id,category_name,label_text,path,x,y,w,h,image_width,image_height,split
 *
 * Export: a row per box of ONE reader (options->reader_id, else the first who boxed it) on
 * the CURRENT FRONTAL image (lateral boxes and the other reader's are left out with a
 * note); dicom_id = the image id, path = the image's file, label_text = the English
 * sentence, category_name = the finding's first label mapped case-insensitively to the
 * eight MS-CXR categories ("pleural effusion" → "Pleural Effusion", "pulmonary edema" →
 * "Edema"), an unmatched label as it is, "" without a label; split = the study's source
 * split. Pixel values come from xyxy_norm × the image size (document, else --images), whole
 * numbers for a box on pixel edges; a box imported from MS-CXR and not moved since keeps
 * its numbers. Findings without boxes and studies without any have no row: MS-CXR cannot
 * hold them. Fields are quoted as RFC 4180 says (commas, quotes, line breaks).
 *
 * Import: columns by their header name (any order; category_name, path and split are
 * optional); rows grouped by dicom_id, in order of first appearance → one document per
 * image (study_id = dicom_id: MS-CXR has no study id), rows with the same label_text → one
 * positive finding, labelled with the category in lower case; boxes belong to
 * options->reader_id, else "ms-cxr". A broken row is a problem; the others import.
 */
#define G_LOG_DOMAIN "hilum-format-mscxr"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hilum-format-grounded.h"

static const char * const columns[] = {
  "dicom_id", "category_name", "label_text", "path", "x", "y", "w", "h",
  "image_width", "image_height", "split",
};
enum { DICOM_ID, CATEGORY, LABEL_TEXT, PATH, X, Y, W, H, IMAGE_WIDTH, IMAGE_HEIGHT, SPLIT,
       N_COLUMNS };

/* ---- CSV ---- */

static void
append_field (GString    *out,
              const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

typedef struct
{
  const char *p;
  const char *end;
  guint       line;       /* 1-based line where the current record starts */
  guint       next_line;
} CsvReader;

/* Reads one record into @fields (char *); FALSE at the end of the text or, with @message
 * set, on a quote left open. */
static gboolean
csv_read_record (CsvReader  *reader,
                 GPtrArray  *fields,
                 char      **message)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  if (reader->p >= reader->end)
    return FALSE;

  reader->line = reader->next_line;
  for (;;)
    {
      gsize quoted_length;

      g_string_truncate (field, 0);
      if (reader->p < reader->end && *reader->p == '"')
        {
          reader->p++;
          for (;;)
            {
              if (reader->p >= reader->end)
                {
                  /* Translators: %u is a line number of the CSV file */
                  *message = g_strdup_printf (_("A quote opened on line %u is never closed"),
                                              reader->line);
                  reader->p = reader->end;
                  return FALSE;
                }
              if (*reader->p == '"')
                {
                  if (reader->p + 1 < reader->end && reader->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->p += 2;
                      continue;
                    }
                  reader->p++;
                  break;
                }
              if (*reader->p == '\n')
                reader->next_line++;
              g_string_append_c (field, *reader->p++);
            }
        }
      /* Unquoted text, or whatever follows a closing quote, up to the separator; the \r of
       * a CRLF line end is not part of the field, one inside quotes is. */
      quoted_length = field->len;
      while (reader->p < reader->end && *reader->p != ',' && *reader->p != '\n')
        g_string_append_c (field, *reader->p++);
      if (field->len > quoted_length && field->str[field->len - 1] == '\r')
        g_string_truncate (field, field->len - 1);
      g_ptr_array_add (fields, g_strdup (field->str));

      if (reader->p >= reader->end)
        return TRUE;
      if (*reader->p++ == '\n')
        {
          reader->next_line++;
          return TRUE;
        }
    }
}

/* ---- Export ---- */

static gboolean
export_document (HilumDocument            *document,
                 const HilumFormatOptions *options,
                 GPtrArray                *problems,
                 GString                  *out,
                 GError                  **error)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonObject *study = hilum_json_get_object (root, "study");
  JsonObject *source = study != NULL ? hilum_json_get_object (study, "source") : NULL;
  const char *split = source != NULL ? hilum_json_get_string (source, "split", "") : "";
  JsonObject *frontal = hilum_grounded_frontal_image (document);
  const char *image_id = frontal != NULL ? hilum_json_get_string (frontal, "image_id", NULL) : NULL;
  const char *file = frontal != NULL ? hilum_json_get_string (frontal, "file", "") : "";
  const char *reader_id = hilum_grounded_choose_reader (document, image_id, options->reader_id);
  guint n = hilum_document_get_n_findings (document);
  guint width = 0, height = 0;
  gboolean have_size = FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      g_autoptr(GPtrArray) boxes = hilum_grounded_finding_boxes (finding, reader_id, image_id);

      if (boxes->len > 0 && !have_size)
        {
          if (!hilum_format_image_get_size (document, frontal, options, &width, &height, error))
            return FALSE;
          have_size = TRUE;
        }

      for (guint j = 0; j < boxes->len; j++)
        {
          JsonNode *nodes[4];

          if (!hilum_grounded_box_pixel_nodes (g_ptr_array_index (boxes, j), HILUM_FORMAT_MS_CXR,
                                               width, height, nodes))
            continue;

          append_field (out, image_id);
          g_string_append_c (out, ',');
          append_field (out, hilum_grounded_category (finding));
          g_string_append_c (out, ',');
          append_field (out, hilum_finding_get_text (finding, "en"));
          g_string_append_c (out, ',');
          append_field (out, file);
          for (guint k = 0; k < 4; k++)
            {
              g_string_append_c (out, ',');
              hilum_grounded_append_number (out, nodes[k]);
              json_node_unref (nodes[k]);
            }
          g_string_append_printf (out, ",%u,%u,", width, height);
          append_field (out, split);
          g_string_append_c (out, '\n');
        }
    }

  hilum_grounded_note_left_out (document, image_id, reader_id,
                                "MS-CXR", problems);
  return TRUE;
}

gboolean
hilum_format_mscxr_export (GPtrArray                *documents,
                           const char               *path,
                           const HilumFormatOptions *options,
                           GPtrArray                *problems,
                           GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < N_COLUMNS; k++)
    {
      g_string_append (out, columns[k]);
      g_string_append_c (out, k + 1 < N_COLUMNS ? ',' : '\n');
    }

  if (!hilum_format_export_each (documents, options, problems, out, export_document, error))
    return FALSE;
  return hilum_format_write_file (path, out->str, out->len, error);
}

/* ---- Import ---- */

typedef struct
{
  char       *dicom_id;
  JsonObject *root;
  guint       width;
  guint       height;
  GHashTable *findings;   /* label_text → JsonObject (owned by root) */
} Group;

static void
group_free (Group *group)
{
  g_free (group->dicom_id);
  g_clear_pointer (&group->root, json_object_unref);
  g_hash_table_unref (group->findings);
  g_free (group);
}

static const char *
field_at (GPtrArray *fields,
          int        index)
{
  return index >= 0 && (guint) index < fields->len ? g_ptr_array_index (fields, index) : NULL;
}

static gboolean
read_size (const char *text,
           guint      *value)
{
  g_autoptr(JsonNode) node = hilum_grounded_parse_number (text);
  double number;

  if (node == NULL || !hilum_grounded_node_get_double (node, &number)
      || number < 1 || number > G_MAXINT || number != floor (number))
    return FALSE;

  *value = (guint) number;
  return TRUE;
}

/* One row into its group; FALSE with @message (translated) when it is broken. */
static gboolean
import_row (GPtrArray                *fields,
            const int                 index[N_COLUMNS],
            const char               *path,
            const HilumFormatOptions *options,
            GPtrArray                *groups,
            GHashTable               *by_dicom,
            char                    **message)
{
  const char *dicom_id = field_at (fields, index[DICOM_ID]);
  const char *label_text = field_at (fields, index[LABEL_TEXT]);
  const char *category = field_at (fields, index[CATEGORY]);
  const char *reader_id = options->reader_id != NULL ? options->reader_id : "ms-cxr";
  g_autoptr(JsonArray) values = json_array_new ();
  JsonObject *finding;
  JsonObject *annotation;
  Group *group;
  guint width, height;
  double xywh[4];
  double xyxy[4];

  if (fields->len < 4)
    {
      *message = g_strdup (_("The row has too few columns"));
      return FALSE;
    }
  if (dicom_id == NULL || *dicom_id == '\0')
    {
      *message = g_strdup (_("The row has no dicom_id"));
      return FALSE;
    }
  if (label_text == NULL)
    {
      *message = g_strdup (_("The row has no label_text"));
      return FALSE;
    }
  if (!read_size (field_at (fields, index[IMAGE_WIDTH]), &width)
      || !read_size (field_at (fields, index[IMAGE_HEIGHT]), &height))
    {
      *message = g_strdup (_("image_width and image_height must be whole numbers of pixels"));
      return FALSE;
    }
  for (guint k = 0; k < 4; k++)
    {
      JsonNode *node = hilum_grounded_parse_number (field_at (fields, index[X + k]));

      if (node == NULL)
        {
          /* Translators: %s is a column name: x, y, w or h */
          *message = g_strdup_printf (_("“%s” is not a number"), columns[X + k]);
          return FALSE;
        }
      hilum_grounded_node_get_double (node, &xywh[k]);
      json_array_add_element (values, node);
    }
  if (xywh[2] < 0 || xywh[3] < 0)
    {
      *message = g_strdup (_("The box has a negative width or height"));
      return FALSE;
    }

  group = g_hash_table_lookup (by_dicom, dicom_id);
  if (group == NULL)
    {
      const char *file = field_at (fields, index[PATH]);
      const char *split = field_at (fields, index[SPLIT]);

      group = g_new0 (Group, 1);
      group->dicom_id = g_strdup (dicom_id);
      group->width = width;
      group->height = height;
      group->findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      group->root = hilum_format_new_root (dicom_id, HILUM_FORMAT_MS_CXR, path);
      hilum_format_root_add_image (group->root, dicom_id, "current_frontal", width, height,
                                   file != NULL && *file != '\0' ? file : NULL);
      hilum_format_root_add_reader (group->root, reader_id, reader_id, NULL);
      if (split != NULL && *split != '\0')
        json_object_set_string_member (hilum_json_get_object (hilum_json_get_object (group->root, "study"),
                                                                "source"),
                                       "split", split);
      g_ptr_array_add (groups, group);
      g_hash_table_insert (by_dicom, group->dicom_id, group);
    }
  else if (group->width != width || group->height != height)
    {
      /* Translators: the size given on this row differs from an earlier row's */
      *message = g_strdup_printf (_("The image size %u × %u differs from %u × %u on an earlier row of the same image"),
                                  width, height, group->width, group->height);
      return FALSE;
    }

  finding = g_hash_table_lookup (group->findings, label_text);
  if (finding == NULL)
    {
      g_autofree char *label = hilum_grounded_category_to_label (category);

      finding = hilum_grounded_new_finding (label_text, label);
      hilum_format_root_add_finding (group->root, finding);
      g_hash_table_insert (group->findings, g_strdup (label_text), finding);
    }

  hilum_grounded_xywh_to_xyxy (xywh, width, height, xyxy);
  annotation = hilum_format_finding_get_annotation (finding, reader_id, dicom_id, TRUE);
  hilum_format_annotation_add_box (annotation, xyxy, HILUM_FORMAT_MS_CXR, g_steal_pointer (&values));

  return TRUE;
}

GPtrArray *
hilum_format_mscxr_import (const char               *path,
                           const HilumFormatOptions *options,
                           GPtrArray                *problems,
                           GError                  **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) by_dicom = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *message = NULL;
  int index[N_COLUMNS];
  CsvReader reader = { 0 };
  gsize length;

  if (!hilum_format_read_file (path, &contents, &length, error))
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is not an MS-CXR file: it is not UTF-8 text"), path);
      return NULL;
    }

  reader.p = contents;
  reader.end = contents + length;
  reader.next_line = 1;
  if (g_str_has_prefix (contents, "\xef\xbb\xbf"))
    reader.p += 3;

  for (guint k = 0; k < N_COLUMNS; k++)
    index[k] = -1;
  if (csv_read_record (&reader, fields, &message))
    for (guint i = 0; i < fields->len; i++)
      {
        g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (fields, i)));

        for (guint k = 0; k < N_COLUMNS; k++)
          if (index[k] < 0 && strcmp (name, columns[k]) == 0)
            index[k] = i;
      }
  for (guint k = 0; k < N_COLUMNS; k++)
    if (index[k] < 0 && k != CATEGORY && k != PATH && k != SPLIT)
      {
        /* Translators: %s is a file, the second %s a column name */
        g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                     _("%s is not an MS-CXR file: the column “%s” is missing"), path, columns[k]);
        return NULL;
      }

  while (csv_read_record (&reader, fields, &message))
    {
      g_autofree char *row_message = NULL;

      if (hilum_format_cancelled (options, error))
        return NULL;
      if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
        continue;   /* a blank line */
      if (!import_row (fields, index, path, options, groups, by_dicom, &row_message))
        {
          /* Translators: %u is a line number of the CSV file */
          g_autofree char *record = g_strdup_printf (_("line %u"), reader.line);

          hilum_format_add_problem (problems, record, "%s", row_message);
        }
      hilum_format_progress (options, reader.p - contents, length);
    }
  if (message != NULL)
    hilum_format_add_problem (problems, _("end of file"), "%s", message);

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      g_autoptr(GError) local_error = NULL;
      HilumDocument *document = hilum_format_finish_document (g_steal_pointer (&group->root),
                                                              &local_error);

      if (document != NULL)
        g_ptr_array_add (documents, document);
      else
        hilum_format_add_problem (problems, group->dicom_id, "%s", local_error->message);
    }

  return g_steal_pointer (&documents);
}
