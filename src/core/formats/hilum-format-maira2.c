/* hilum-format-maira2.c — MAIRA-2 grounded reports as JSON Lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MAIRA-2 (arXiv 2406.04449) reads a current frontal image (required), a current lateral,
 * a prior frontal, the indication, technique, comparison and prior report, and writes a
 * grounded report as text. Hilum's file holds one study per line (JSON Lines), keys in
 * this order:
 *
 *   {"study_id": "…", "frontal_image": "<image_id>" | null, "lateral_image": … | null,
 *    "prior_frontal_image": … | null, "image_width": 2000 | null, "image_height": 1600 | null,
 *    "indication": "…", "technique": "…", "comparison": "…", "prior_report": "…",
 *    "grounded_report": "<obj>Sentence.<box><x55><y45><x70><y56></box></obj><obj>…</obj>"}
 *
 * - A missing text is "N/A", as MAIRA-2 was trained; the prior report is written only
 *   when the study has a prior image (else "N/A"). On import "N/A" becomes empty.
 * - grounded_report: every finding with an English sentence, in report order, each as
 *   <obj>sentence</obj> with its boxes (none, one or several) before </obj>. Text outside
 *   <obj> on import becomes a finding without boxes.
 * - Boxes are those of ONE reader (options->reader_id, else the first who boxed the
 *   frontal) on the CURRENT FRONTAL image only, in the frame of its SQUARE CENTRE CROP:
 *   crop = min(W, H) at ((W - crop) / 2, (H - crop) / 2), integer division. A box
 *   reaching out of that square is clipped (a warning says which); one wholly outside is
 *   left out. Lateral boxes and the other reader's are left out with a note.
 * - 100 bins per axis, order x_min, y_min, x_max, y_max. A coordinate c in 0–1 of the crop
 *   is written as bin = clamp(floor(c · 100), 0, 99) for minima and maxima alike, and read
 *   back as (bin + 0.5) / 100 (MAIRA-2's decoding). So a round trip moves an edge by at
 *   most one bin, and a second round trip gives the same bins again.
 * - The crop needs the frontal image's size: from the document, else from --images;
 *   without either an export with boxes fails (NEEDS_IMAGES) and an imported record with
 *   boxes is a problem.
 */
#define G_LOG_DOMAIN "hilum-format-maira2"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hilum-format-grounded.h"

#define N_BINS 100

typedef struct
{
  double offset_x;
  double offset_y;
  double crop;
  double width;
  double height;
} Crop;

static void
crop_init (Crop  *crop,
           guint  width,
           guint  height)
{
  guint side = MIN (width, height);

  crop->crop = side;
  crop->offset_x = (width - side) / 2;
  crop->offset_y = (height - side) / 2;
  crop->width = width;
  crop->height = height;
}

static int
encode_bin (double c)
{
  /* The epsilon keeps 0.29 (28.999999999999996 · 100) in bin 29. */
  return CLAMP ((int) floor (c * N_BINS + 1e-9), 0, N_BINS - 1);
}

/* ---- Export ---- */

static const char *
context_text (JsonObject *study,
              const char *field)
{
  const char *text = study != NULL ? hilum_json_get_string (study, field, "") : "";

  return *text != '\0' ? text : "N/A";
}

static const char *
image_id_of_role (HilumDocument *document,
                  const char    *role)
{
  JsonObject *image = hilum_document_find_image_by_role (document, role);

  return image != NULL ? hilum_json_get_string (image, "image_id", NULL) : NULL;
}

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/* Appends one box in crop bins; FALSE when it lies wholly outside the crop. */
static gboolean
append_box (GString    *out,
            const Crop *crop,
            double      xyxy[4],
            gboolean   *clipped)
{
  double c[4];

  c[0] = (xyxy[0] * crop->width - crop->offset_x) / crop->crop;
  c[1] = (xyxy[1] * crop->height - crop->offset_y) / crop->crop;
  c[2] = (xyxy[2] * crop->width - crop->offset_x) / crop->crop;
  c[3] = (xyxy[3] * crop->height - crop->offset_y) / crop->crop;

  *clipped = FALSE;
  for (guint k = 0; k < 4; k++)
    {
      if (c[k] < -1e-9 || c[k] > 1.0 + 1e-9)
        *clipped = TRUE;
      c[k] = CLAMP (c[k], 0.0, 1.0);
    }
  if (*clipped && (c[0] >= c[2] || c[1] >= c[3]))
    return FALSE;

  g_string_append_printf (out, "<box><x%d><y%d><x%d><y%d></box>",
                          encode_bin (c[0]), encode_bin (c[1]),
                          encode_bin (c[2]), encode_bin (c[3]));
  return TRUE;
}

static gboolean
export_study (HilumDocument            *document,
              const HilumFormatOptions *options,
              GPtrArray                *problems,
              GString                  *out,
              GError                  **error)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonObject *study = hilum_json_get_object (root, "study");
  JsonObject *frontal = hilum_grounded_frontal_image (document);
  const char *study_id = hilum_document_get_study_id (document);
  const char *frontal_id = frontal != NULL ? hilum_json_get_string (frontal, "image_id", NULL) : NULL;
  const char *reader_id = hilum_grounded_choose_reader (document, frontal_id, options->reader_id);
  const char *prior_id = image_id_of_role (document, "prior_frontal");
  guint n = hilum_document_get_n_findings (document);
  g_autoptr(JsonObject) line = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  gboolean any_box = FALSE;
  guint width = 0, height = 0;
  Crop crop;

  if (prior_id == NULL && study != NULL)
    prior_id = hilum_json_get_string (study, "prior_image_id", NULL);

  for (guint i = 0; i < n && !any_box; i++)
    {
      g_autoptr(GPtrArray) boxes = hilum_grounded_finding_boxes (hilum_document_get_finding (document, i),
                                                                 reader_id, frontal_id);
      any_box = boxes->len > 0;
    }

  if (frontal != NULL)
    {
      if (any_box)
        {
          if (!hilum_format_image_get_size (document, frontal, options, &width, &height, error))
            return FALSE;
        }
      else
        {
          /* Written when known; not needed without boxes. */
          width = MAX (0, json_object_get_int_member_with_default (frontal, "width", 0));
          height = MAX (0, json_object_get_int_member_with_default (frontal, "height", 0));
          if (width == 0 || height == 0)
            width = height = 0;
        }
    }
  crop_init (&crop, width, height);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = hilum_document_get_finding (document, i);
      const char *text = hilum_finding_get_text (finding, "en");
      g_autoptr(GPtrArray) boxes = NULL;

      if (*text == '\0')
        {
          hilum_format_add_problem (problems, study_id,
                                    /* Translators: %u is the finding's number in the report */
                                    _("Finding %u has no English sentence: MAIRA-2 cannot hold it"),
                                    i + 1);
          continue;
        }

      g_string_append (report, "<obj>");
      g_string_append (report, text);
      boxes = hilum_grounded_finding_boxes (finding, reader_id, frontal_id);
      for (guint j = 0; j < boxes->len; j++)
        {
          double xyxy[4];
          gboolean clipped;

          if (!hilum_format_box_get_xyxy (g_ptr_array_index (boxes, j), xyxy))
            continue;
          hilum_grounded_clamp (xyxy);
          if (!append_box (report, &crop, xyxy, &clipped))
            hilum_format_add_problem (problems, study_id,
                                      /* Translators: box %u of finding %u */
                                      _("Box %u of finding %u lies outside the MAIRA-2 centre crop: left out"),
                                      j + 1, i + 1);
          else if (clipped)
            hilum_format_add_problem (problems, study_id,
                                      /* Translators: box %u of finding %u */
                                      _("Box %u of finding %u clipped by the MAIRA-2 centre crop"),
                                      j + 1, i + 1);
        }
      g_string_append (report, "</obj>");
    }

  hilum_grounded_note_left_out (document, frontal_id, reader_id,
                                "MAIRA-2", problems);

  json_object_set_string_member (line, "study_id", study_id);
  set_nullable_string (line, "frontal_image", frontal_id);
  set_nullable_string (line, "lateral_image", image_id_of_role (document, "current_lateral"));
  set_nullable_string (line, "prior_frontal_image", prior_id);
  if (width > 0 && height > 0)
    {
      json_object_set_int_member (line, "image_width", width);
      json_object_set_int_member (line, "image_height", height);
    }
  else
    {
      json_object_set_null_member (line, "image_width");
      json_object_set_null_member (line, "image_height");
    }
  json_object_set_string_member (line, "indication", context_text (study, "indication"));
  json_object_set_string_member (line, "technique", context_text (study, "technique"));
  json_object_set_string_member (line, "comparison", context_text (study, "comparison"));
  json_object_set_string_member (line, "prior_report",
                                 prior_id != NULL ? context_text (study, "prior_report") : "N/A");
  json_object_set_string_member (line, "grounded_report", report->str);

  node = json_node_init_object (json_node_alloc (), line);
  hilum_json_append_node (out, node, -1, FALSE);
  g_string_append_c (out, '\n');

  return TRUE;
}

gboolean
hilum_format_maira2_export (GPtrArray                *documents,
                            const char               *path,
                            const HilumFormatOptions *options,
                            GPtrArray                *problems,
                            GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!hilum_format_export_each (documents, options, problems, out, export_study, error))
    return FALSE;
  return hilum_format_write_file (path, out->str, out->len, error);
}

/* ---- Import ---- */

/* Reads "<x12>" at *@pos; advances past it. */
static gboolean
parse_bin (const char **pos,
           char         axis,
           int         *bin)
{
  const char *p = *pos;
  int value = 0;
  guint digits = 0;

  if (p[0] != '<' || p[1] != axis)
    return FALSE;
  for (p += 2; g_ascii_isdigit (*p) && digits < 3; p++, digits++)
    value = value * 10 + (*p - '0');
  if (digits == 0 || *p != '>' || value >= N_BINS)
    return FALSE;

  *bin = value;
  *pos = p + 1;
  return TRUE;
}

static double
decode (int           bin,
        double        offset,
        double        side,
        double        size)
{
  return (offset + (bin + 0.5) / N_BINS * side) / size;
}

typedef struct
{
  JsonObject *root;
  const char *frontal_id;
  const char *reader_id;
  gboolean    has_size;
  Crop        crop;
} Target;

static void
add_plain (Target     *target,
           const char *start,
           gsize       length)
{
  g_autofree char *text = g_strstrip (g_strndup (start, length));

  if (*text != '\0')
    hilum_format_root_add_finding (target->root, hilum_grounded_new_finding (text, NULL));
}

/* Parses one "<obj>…</obj>" body (without the tags) into a finding. */
static gboolean
add_object (Target     *target,
            const char *body,
            gsize       length,
            char      **message)
{
  g_autofree char *copy = g_strndup (body, length);
  const char *box = strstr (copy, "<box>");
  g_autofree char *text = g_strstrip (g_strndup (copy, box != NULL ? (gsize) (box - copy) : length));
  JsonObject *finding = hilum_grounded_new_finding (text, NULL);
  JsonObject *annotation = NULL;
  const char *p = box;

  while (p != NULL && *p != '\0')
    {
      int bins[4];
      double xyxy[4];
      JsonArray *values;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (!g_str_has_prefix (p, "<box>")
          || !(p += 5, parse_bin (&p, 'x', &bins[0])) || !parse_bin (&p, 'y', &bins[1])
          || !parse_bin (&p, 'x', &bins[2]) || !parse_bin (&p, 'y', &bins[3])
          || !g_str_has_prefix (p, "</box>"))
        {
          /* Translators: %s is the sentence whose box is broken */
          *message = g_strdup_printf (_("A box of “%s” is not <box><x…><y…><x…><y…></box> with bins 0–99"),
                                      text);
          json_object_unref (finding);
          return FALSE;
        }
      p += 6;

      if (!target->has_size)
        {
          *message = g_strdup (_("The boxes need the frontal image’s size: give “image_width” and “image_height” or the images folder"));
          json_object_unref (finding);
          return FALSE;
        }

      xyxy[0] = decode (bins[0], target->crop.offset_x, target->crop.crop, target->crop.width);
      xyxy[1] = decode (bins[1], target->crop.offset_y, target->crop.crop, target->crop.height);
      xyxy[2] = decode (bins[2], target->crop.offset_x, target->crop.crop, target->crop.width);
      xyxy[3] = decode (bins[3], target->crop.offset_y, target->crop.crop, target->crop.height);
      hilum_grounded_clamp (xyxy);

      values = json_array_new ();
      for (guint k = 0; k < 4; k++)
        json_array_add_int_element (values, bins[k]);
      if (annotation == NULL)
        annotation = hilum_format_finding_get_annotation (finding, target->reader_id,
                                                          target->frontal_id, TRUE);
      hilum_format_annotation_add_box (annotation, xyxy, HILUM_FORMAT_MAIRA2, values);
    }

  hilum_format_root_add_finding (target->root, finding);
  return TRUE;
}

static gboolean
parse_report (Target     *target,
              const char *report,
              char      **message)
{
  const char *p = report;

  while (*p != '\0')
    {
      const char *open = strstr (p, "<obj>");
      const char *close;

      if (open == NULL)
        {
          add_plain (target, p, strlen (p));
          break;
        }
      add_plain (target, p, open - p);

      close = strstr (open + 5, "</obj>");
      if (close == NULL)
        {
          *message = g_strdup (_("The grounded report has an <obj> without </obj>"));
          return FALSE;
        }
      if (!add_object (target, open + 5, close - (open + 5), message))
        return FALSE;
      p = close + 6;
    }

  return TRUE;
}

static const char *
context_value (JsonObject *line,
               const char *member)
{
  const char *text = hilum_json_get_string (line, member, "");

  return strcmp (text, "N/A") == 0 ? "" : text;
}

static void
size_from_folder (const HilumFormatOptions *options,
                  const char               *image_id,
                  guint                    *width,
                  guint                    *height,
                  char                    **file)
{
  g_autofree char *found = NULL;

  if (options->images_dir == NULL || image_id == NULL)
    return;
  found = hilum_image_size_find_file (options->images_dir, image_id);
  if (found != NULL && hilum_image_size_read (found, width, height, NULL))
    *file = g_path_get_basename (found);
}

static HilumDocument *
import_line (const char               *text,
             gsize                     length,
             const char               *path,
             const HilumFormatOptions *options,
             char                    **id_out,
             char                    **message)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *line;
  JsonObject *study;
  const char *study_id;
  const char *lateral_id;
  const char *prior_id;
  const char *report;
  g_autofree char *file = NULL;
  guint width = 0, height = 0;
  Target target = { 0 };

  if ((parsed = hilum_json_parse (text, length, &local_error)) == NULL)
    {
      *message = g_strdup_printf (_("Not JSON: %s"), local_error != NULL ? local_error->message : _("an empty line"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (parsed))
    {
      *message = g_strdup (_("Not a MAIRA-2 record (an object was expected)"));
      return NULL;
    }

  line = json_node_get_object (parsed);
  study_id = hilum_json_get_string (line, "study_id", NULL);
  if (study_id == NULL || *study_id == '\0')
    {
      *message = g_strdup (_("The record has no “study_id”"));
      return NULL;
    }
  *id_out = g_strdup (study_id);

  report = hilum_json_get_string (line, "grounded_report", NULL);
  if (report == NULL)
    {
      *message = g_strdup (_("The record has no “grounded_report”"));
      return NULL;
    }

  root = hilum_format_new_root (study_id, HILUM_FORMAT_MAIRA2, path);
  study = hilum_json_get_object (root, "study");
  json_object_set_string_member (study, "indication", context_value (line, "indication"));
  json_object_set_string_member (study, "technique", context_value (line, "technique"));
  json_object_set_string_member (study, "comparison", context_value (line, "comparison"));
  json_object_set_string_member (study, "prior_report", context_value (line, "prior_report"));

  target.root = root;
  target.reader_id = options->reader_id != NULL ? options->reader_id : "maira2";
  target.frontal_id = hilum_json_get_string (line, "frontal_image", NULL);
  if (target.frontal_id == NULL)
    target.frontal_id = study_id;

  width = MAX (0, json_object_get_int_member_with_default (line, "image_width", 0));
  height = MAX (0, json_object_get_int_member_with_default (line, "image_height", 0));
  if (width == 0 || height == 0)
    size_from_folder (options, target.frontal_id, &width, &height, &file);
  target.has_size = width > 0 && height > 0;
  if (!target.has_size)
    width = height = 0;
  crop_init (&target.crop, width, height);

  hilum_format_root_add_image (root, target.frontal_id, "current_frontal", width, height, file);
  lateral_id = hilum_json_get_string (line, "lateral_image", NULL);
  if (lateral_id != NULL)
    hilum_format_root_add_image (root, lateral_id, "current_lateral", 0, 0, NULL);
  prior_id = hilum_json_get_string (line, "prior_frontal_image", NULL);
  if (prior_id != NULL)
    {
      hilum_format_root_add_image (root, prior_id, "prior_frontal", 0, 0, NULL);
      json_object_set_string_member (study, "prior_image_id", prior_id);
    }
  hilum_format_root_add_reader (root, target.reader_id, target.reader_id, NULL);

  if (!parse_report (&target, report, message))
    return NULL;

  {
    HilumDocument *document = hilum_format_finish_document (g_steal_pointer (&root), &local_error);

    if (document == NULL)
      *message = g_strdup (local_error->message);
    return document;
  }
}

GPtrArray *
hilum_format_maira2_import (const char               *path,
                            const HilumFormatOptions *options,
                            GPtrArray                *problems,
                            GError                  **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gsize length;
  const char *p;
  guint index = 0;

  if (!hilum_format_read_file (path, &contents, &length, error))
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_PARSE,
                   _("%s is not a MAIRA-2 file: it is not UTF-8 text"), path);
      return NULL;
    }

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (p = contents; p < contents + length; index++)
    {
      const char *end = memchr (p, '\n', contents + length - p);
      gsize line_length = (end != NULL ? end : contents + length) - p;
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;
      g_autofree char *stripped = g_strstrip (g_strndup (p, line_length));
      HilumDocument *document;

      p += line_length + 1;
      if (*stripped == '\0')
        continue;
      if (hilum_format_cancelled (options, error))
        return NULL;

      document = import_line (stripped, strlen (stripped), path, options, &id, &message);
      if (document != NULL)
        g_ptr_array_add (documents, document);
      else
        {
          /* A line number names a broken line better than a record index. */
          g_autofree char *record = id != NULL ? g_strdup (id)
                                               : g_strdup_printf (_("line %u"), index + 1);

          hilum_format_add_problem (problems, record, "%s", message);
        }
      hilum_format_progress (options, p - contents, length);
    }

  return g_steal_pointer (&documents);
}
