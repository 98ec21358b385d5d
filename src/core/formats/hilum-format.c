/* hilum-format.c — importing and exporting the dataset formats: names, dispatch, helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-format"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hilum-document-private.h"
#include "hilum-format-private.h"
#include "hilum-text-limit.h"
#include "hilum-uuid.h"

G_DEFINE_QUARK (hilum-format-error-quark, hilum_format_error)

typedef GPtrArray *(*ImportFunc) (const char *path, const HilumFormatOptions *options,
                                  GPtrArray *problems, GError **error);
typedef gboolean   (*ExportFunc) (GPtrArray *documents, const char *path,
                                  const HilumFormatOptions *options,
                                  GPtrArray *problems, GError **error);

static const struct
{
  const char *name;
  const char *label;
  ImportFunc  import;
  ExportFunc  export;
} formats[HILUM_N_FORMATS] = {
  [HILUM_FORMAT_HILUM] = { "hilum", N_("Hilum study documents"),
                           hilum_format_hilum_import, hilum_format_hilum_export },
  [HILUM_FORMAT_PADCHEST_GR] = { "padchest-gr", N_("PadChest-GR grounded reports"),
                                 hilum_format_padchest_import, hilum_format_padchest_export },
  [HILUM_FORMAT_RADFACT] = { "radfact", N_("RadFact"),
                             hilum_format_radfact_import, hilum_format_radfact_export },
  [HILUM_FORMAT_MAIRA2] = { "maira2", N_("MAIRA-2 grounded reports"),
                            hilum_format_maira2_import, hilum_format_maira2_export },
  [HILUM_FORMAT_MS_CXR] = { "ms-cxr", N_("MS-CXR boxes (CSV)"),
                            hilum_format_mscxr_import, hilum_format_mscxr_export },
  [HILUM_FORMAT_COCO] = { "coco", N_("COCO annotations"),
                          hilum_format_coco_import, hilum_format_coco_export },
};

const char *
hilum_format_get_name (HilumFormat format)
{
  g_return_val_if_fail (format < HILUM_N_FORMATS, NULL);

  return formats[format].name;
}

const char *
hilum_format_get_label (HilumFormat format)
{
  g_return_val_if_fail (format < HILUM_N_FORMATS, NULL);

  return _(formats[format].label);
}

gboolean
hilum_format_from_name (const char  *name,
                        HilumFormat *format)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < HILUM_N_FORMATS; i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

void
hilum_format_problem_free (HilumFormatProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->record);
  g_free (problem->message);
  g_free (problem);
}

static gboolean
made_up (const char *id)
{
  return id != NULL && g_uuid_string_is_valid (id) && id[14] == '4';
}

/* Each finding's id from its study and place, each box's from its finding, reader, image
 * and place: the same record imported again is the same document. */
static void
settle_ids (HilumDocument *document,
            HilumFormat    format)
{
  JsonArray *findings = hilum_json_get_array (hilum_document_get_root (document), "findings");
  const char *study_id = hilum_document_get_study_id (document);

  for (guint f = 0; findings != NULL && f < json_array_get_length (findings); f++)
    {
      JsonObject *finding = hilum_json_array_get_object (findings, f);
      JsonArray *annotations = hilum_json_get_array (finding, "annotations");
      g_autofree char *name = g_strdup_printf ("%s/%s/finding/%u", hilum_format_get_name (format), study_id, f);
      g_autofree char *finding_id = hilum_uuid_for_name (name);

      if (finding == NULL)
        continue;
      /* Only the ids the importer made up (random, version 4); a file's own stay. */
      if (made_up (hilum_json_get_string (finding, "finding_id", NULL)))
        json_object_set_string_member (finding, "finding_id", finding_id);
      else
        {
          g_free (finding_id);
          finding_id = g_strdup (hilum_json_get_string (finding, "finding_id", ""));
        }
      for (guint a = 0; annotations != NULL && a < json_array_get_length (annotations); a++)
        {
          JsonObject *annotation = hilum_json_array_get_object (annotations, a);
          JsonArray *boxes = hilum_json_get_array (annotation, "boxes");

          for (guint b = 0; boxes != NULL && b < json_array_get_length (boxes); b++)
            {
              JsonObject *box = hilum_json_array_get_object (boxes, b);
              g_autofree char *box_name = g_strdup_printf ("%s/%s/%s/%u", finding_id,
                                                           hilum_json_get_string (annotation, "reader_id", ""),
                                                           hilum_json_get_string (annotation, "image_id", ""), b);
              g_autofree char *box_id = hilum_uuid_for_name (box_name);

              if (box != NULL && made_up (hilum_json_get_string (box, "box_id", NULL)))
                json_object_set_string_member (box, "box_id", box_id);
            }
        }
    }
}

GPtrArray *
hilum_format_import (HilumFormat               format,
                     const char               *path,
                     const HilumFormatOptions *options,
                     GPtrArray                *problems,
                     GError                  **error)
{
  static const HilumFormatOptions no_options = { 0 };
  GPtrArray *documents;

  g_return_val_if_fail (format < HILUM_N_FORMATS, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                   _("Cannot read %s: there is no such file or folder"), path);
      return NULL;
    }
  documents = formats[format].import (path, options != NULL ? options : &no_options, problems, error);
  /* A dataset file's findings and boxes get ids from where they are in it. */
  for (guint i = 0; documents != NULL && format != HILUM_FORMAT_HILUM && i < documents->len; i++)
    settle_ids (documents->pdata[i], format);
  return documents;
}

gboolean
hilum_format_export (HilumFormat               format,
                     GPtrArray                *documents,
                     const char               *path,
                     const HilumFormatOptions *options,
                     GPtrArray                *problems,
                     GError                  **error)
{
  static const HilumFormatOptions no_options = { 0 };

  g_return_val_if_fail (format < HILUM_N_FORMATS, FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return formats[format].export (documents, path, options != NULL ? options : &no_options,
                                 problems, error);
}

/* ---- Problems, files, progress ---- */

HilumFormatProblem *
hilum_format_problem_new (const char *record,
                          const char *message)
{
  HilumFormatProblem *problem = g_new0 (HilumFormatProblem, 1);

  /* Both may echo what a file held: a 100 KB id is not a 100 KB line. */
  problem->record = hilum_text_limit (record, HILUM_TEXT_LIMIT_VALUE);
  problem->message = hilum_text_limit (message, HILUM_TEXT_LIMIT_MESSAGE);
  return problem;
}

void
hilum_format_add_problem (GPtrArray  *problems,
                          const char *record,
                          const char *message_format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (problems == NULL)
    return;

  va_start (args, message_format);
  message = g_strdup_vprintf (message_format, args);
  va_end (args);
  g_ptr_array_add (problems, hilum_format_problem_new (record, message));
}

char *
hilum_format_record_name (const char *id,
                          guint       index)
{
  if (id != NULL && *id != '\0')
    return g_strdup (id);
  return g_strdup_printf ("#%u", index + 1);
}

gboolean
hilum_format_read_file (const char  *path,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                   _("Cannot read %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
hilum_format_parse_json_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;

  if (!hilum_format_read_file (path, &contents, &length, error))
    return NULL;

  root = hilum_json_parse (contents, (gssize) length, &local_error);
  if (root == NULL && local_error != NULL)
    {
      /* json-glib's message already reads "<data>:LINE:COLUMN: Parse error: …". */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                     _("%s is not valid JSON: %s:%s"), path, path, message + strlen ("<data>:"));
      else
        g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                     _("%s is not valid JSON: %s"), path, message);
      return NULL;
    }
  if (root == NULL)
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is empty"), path);
      return NULL;
    }
  return root;
}

gboolean
hilum_format_write_file (const char  *path,
                         const char  *contents,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *parent = g_path_get_dirname (path);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_WRITE,
                   _("Cannot create the folder %s: %s"), parent, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_set_contents (path, contents, length, &local_error))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

void
hilum_format_progress (const HilumFormatOptions *options,
                       goffset                   done,
                       goffset                   total)
{
  if (options != NULL && options->progress != NULL)
    options->progress (done, total, options->progress_data);
}

gboolean
hilum_format_cancelled (const HilumFormatOptions *options,
                        GError                  **error)
{
  if (options == NULL || options->cancellable == NULL)
    return FALSE;
  return g_cancellable_set_error_if_cancelled (options->cancellable, error);
}

/* ---- Building documents ---- */

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

JsonObject *
hilum_format_new_root (const char  *study_id,
                       HilumFormat  format,
                       const char  *file)
{
  JsonObject *root = json_object_new ();
  JsonObject *provenance = json_object_new ();
  JsonObject *imported = json_object_new ();
  g_autofree char *now = now_iso8601 ();
  g_autofree char *base = file != NULL ? g_path_get_basename (file) : NULL;

  json_object_set_string_member (root, "schema", HILUM_DOCUMENT_SCHEMA);

  json_object_set_object_member (root, "study",
                                 _hilum_document_new_study (study_id, hilum_format_get_name (format)));

  json_object_set_array_member (root, "images", json_array_new ());
  json_object_set_array_member (root, "readers", json_array_new ());
  json_object_set_array_member (root, "findings", json_array_new ());
  json_object_set_object_member (root, "qc", json_object_new ());
  json_object_set_null_member (root, "consensus");

  json_object_set_string_member (provenance, "created_by", "hilum");
  json_object_set_string_member (provenance, "created_at", now);
  json_object_set_string_member (imported, "format", hilum_format_get_name (format));
  if (base != NULL)
    json_object_set_string_member (imported, "file", base);
  else
    json_object_set_null_member (imported, "file");
  json_object_set_object_member (provenance, "imported_from", imported);
  json_object_set_object_member (root, "provenance", provenance);

  return root;
}

JsonObject *
hilum_format_root_add_image (JsonObject *root,
                             const char *image_id,
                             const char *role,
                             guint       width,
                             guint       height,
                             const char *file)
{
  JsonObject *image = json_object_new ();

  json_object_set_string_member (image, "image_id", image_id);
  json_object_set_string_member (image, "role", role);
  json_object_set_string_member (image, "view_position", "");
  json_object_set_int_member (image, "width", width);
  json_object_set_int_member (image, "height", height);
  json_object_set_string_member (image, "photometric", "");
  if (file != NULL)
    json_object_set_string_member (image, "file", file);
  else
    json_object_set_null_member (image, "file");
  json_object_set_string_member (image, "sop_instance_uid", "");
  json_array_add_object_element (json_object_get_array_member (root, "images"), image);
  return image;
}

JsonObject *
hilum_format_root_add_reader (JsonObject *root,
                              const char *reader_id,
                              const char *name,
                              const char *source_slot)
{
  JsonArray *readers = json_object_get_array_member (root, "readers");
  JsonObject *reader;

  for (guint i = 0; i < json_array_get_length (readers); i++)
    {
      reader = hilum_json_array_get_object (readers, i);
      if (g_strcmp0 (hilum_json_get_string (reader, "reader_id", NULL), reader_id) == 0)
        return reader;
    }

  reader = json_object_new ();
  json_object_set_string_member (reader, "reader_id", reader_id);
  json_object_set_string_member (reader, "name", name != NULL ? name : reader_id);
  json_object_set_string_member (reader, "role", "reader");
  if (source_slot != NULL)
    json_object_set_string_member (reader, "source_slot", source_slot);
  else
    json_object_set_null_member (reader, "source_slot");
  json_array_add_object_element (readers, reader);
  return reader;
}

void
hilum_format_root_add_finding (JsonObject *root,
                               JsonObject *finding)
{
  json_array_add_object_element (json_object_get_array_member (root, "findings"), finding);
}

JsonObject *
hilum_format_finding_get_annotation (JsonObject *finding,
                                     const char *reader_id,
                                     const char *image_id,
                                     gboolean    create)
{
  JsonArray *annotations = hilum_json_get_array (finding, "annotations");
  JsonObject *annotation;

  if (annotations == NULL)
    {
      if (!create)
        return NULL;
      annotations = json_array_new ();
      json_object_set_array_member (finding, "annotations", annotations);
    }

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      annotation = hilum_json_array_get_object (annotations, i);
      if (annotation != NULL
          && g_strcmp0 (hilum_json_get_string (annotation, "reader_id", NULL), reader_id) == 0
          && g_strcmp0 (hilum_json_get_string (annotation, "image_id", NULL), image_id) == 0)
        return annotation;
    }
  if (!create)
    return NULL;

  annotation = json_object_new ();
  json_object_set_string_member (annotation, "reader_id", reader_id);
  json_object_set_string_member (annotation, "image_id", image_id);
  json_object_set_string_member (annotation, "status", "not_boxed");
  json_object_set_array_member (annotation, "boxes", json_array_new ());
  json_array_add_object_element (annotations, annotation);
  return annotation;
}

JsonObject *
hilum_format_annotation_add_box (JsonObject   *annotation,
                                 const double  xyxy_norm[4],
                                 HilumFormat   format,
                                 JsonArray    *values)
{
  JsonObject *box = json_object_new ();
  JsonArray *xyxy = json_array_sized_new (4);
  g_autofree char *box_id = hilum_uuid_new ();

  json_object_set_string_member (box, "box_id", box_id);
  for (guint i = 0; i < 4; i++)
    json_array_add_double_element (xyxy, xyxy_norm[i]);
  json_object_set_array_member (box, "xyxy_norm", xyxy);
  if (values != NULL)
    {
      JsonObject *source = json_object_new ();

      json_object_set_string_member (source, "format", hilum_format_get_name (format));
      json_object_set_array_member (source, "values", values);
      json_object_set_object_member (box, "source", source);
    }
  json_array_add_object_element (json_object_get_array_member (annotation, "boxes"), box);
  json_object_set_string_member (annotation, "status", "boxed");
  return box;
}

HilumDocument *
hilum_format_finish_document (JsonObject  *root,
                              GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, root);
  return hilum_document_new_from_json (node, error);
}

/* ---- Reading documents (the member getters are hilum_json_get_*) ---- */

gboolean
hilum_format_export_each (GPtrArray                *documents,
                          const HilumFormatOptions *options,
                          GPtrArray                *problems,
                          GString                  *out,
                          HilumFormatExportFunc     export_one,
                          GError                  **error)
{
  for (guint i = 0; i < documents->len; i++)
    {
      if (hilum_format_cancelled (options, error))
        return FALSE;
      if (!export_one (g_ptr_array_index (documents, i), options, problems, out, error))
        return FALSE;
      hilum_format_progress (options, i + 1, documents->len);
    }
  return TRUE;
}

gboolean
hilum_format_box_get_xyxy (JsonObject *box,
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

JsonArray *
hilum_format_box_get_source_values (JsonObject  *box,
                                    HilumFormat  format)
{
  JsonObject *source = hilum_json_get_object (box, "source");

  if (source == NULL
      || g_strcmp0 (hilum_json_get_string (source, "format", NULL),
                    hilum_format_get_name (format)) != 0)
    return NULL;
  return hilum_json_get_array (source, "values");
}

gboolean
hilum_format_image_get_size (HilumDocument            *document,
                             JsonObject               *image,
                             const HilumFormatOptions *options,
                             guint                    *width,
                             guint                    *height,
                             GError                  **error)
{
  const char *image_id = hilum_json_get_string (image, "image_id", "");
  JsonNode *w = image != NULL ? json_object_get_member (image, "width") : NULL;
  JsonNode *h = image != NULL ? json_object_get_member (image, "height") : NULL;
  double dw = 0, dh = 0;

  if (hilum_json_node_get_number (w, &dw) && hilum_json_node_get_number (h, &dh)
      && dw >= 1 && dh >= 1)
    {
      *width = (guint) dw;
      *height = (guint) dh;
      return TRUE;
    }

  if (options != NULL && options->images_dir != NULL)
    {
      const char *names[] = { hilum_json_get_string (image, "file", NULL), image_id };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = NULL;

          if (names[i] == NULL)
            continue;
          path = hilum_image_size_find_file (options->images_dir, names[i]);
          if (path != NULL)
            return hilum_image_size_read (path, width, height, error);
        }
    }

  g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_NEEDS_IMAGES,
               _("The size of image %s of study %s is not known: give the folder of the images "
                 "(--images)"),
               *image_id != '\0' ? image_id : "?",
               hilum_document_get_study_id (document));
  return FALSE;
}

char *
hilum_format_safe_file_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?'
          || c == '"' || c == '<' || c == '>' || c == '|' || c == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_c (out, c);
    }
  if (out->len == 0 || out->str[0] == '.')
    g_string_prepend_c (out, '_');
  if (out->len > 200)
    {
      const char *end = NULL;

      /* Cut on a character boundary: a file name stays valid UTF-8. */
      g_string_truncate (out, 200);
      g_utf8_validate (out->str, out->len, &end);
      g_string_truncate (out, end - out->str);
    }
  return g_string_free (out, FALSE);
}
