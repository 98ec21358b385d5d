/* test-cli.c — hilum-cli as a data engineer runs it: a subprocess, JSON out, PNG files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-presets.h"

#define W 64
#define H 48

static char *fixture_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

/* Runs $HILUM_CLI with @args (NULL-terminated). */
static void
run_cli (CliResult *result,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HILUM_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  /* A crash is never an acceptable answer. */
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d, stderr: %s", result->status, result->err);
}

/* Non-zero, nothing half-written on stdout, exactly one line on stderr that starts with
 * "hilum-cli: " and contains @needle (e.g. the file name). */
static void
assert_one_error_line (const CliResult *r,
                       const char      *needle)
{
  g_assert_cmpint (r->status, !=, 0);
  g_assert_true (g_str_has_prefix (r->err, "hilum-cli: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  {
    guint lines = 0;

    for (const char *p = r->err; *p != '\0'; p++)
      lines += *p == '\n';
    g_assert_cmpuint (lines, ==, 1);
  }
  if (needle != NULL)
    g_assert_nonnull (strstr (r->err, needle));
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

/* A 12-bit pattern file; frames × pattern + 100 per frame. */
static char *
make_dicom (const char                *name,
            const HilumFixtureElement *extra,
            const char                *photometric,
            guint                      frames)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (name);
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, frames, 4095, 100, TRUE);
  g_autofree guint16 *words = hilum_fixture_pack_words (values, (gsize) W * H * MAX (frames, 1), 12);
  HilumFixtureDicom spec = {
    .width = W, .height = H, .frames = frames, .bits_allocated = 16, .bits_stored = 12,
    .samples_per_pixel = 1, .photometric = photometric,
    .pixels = words, .pixels_size = (gsize) W * H * MAX (frames, 1) * 2, .extra = extra,
  };

  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);
  return path;
}

/* The standard's formulas, written out independently of hilum-voi.c:
 * PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT, SIGMOID). */
static double
voi (const char *function,
     double      c,
     double      w,
     double      x)
{
  double y;

  if (g_str_equal (function, "SIGMOID"))
    return 255.0 / (1.0 + exp (-4.0 * (x - c) / w));
  if (g_str_equal (function, "LINEAR_EXACT"))
    y = ((x - c) / w + 0.5) * 255.0;
  else if (x <= c - 0.5 - (w - 1) / 2)
    return 0;
  else if (x > c - 0.5 + (w - 1) / 2)
    return 255;
  else
    y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255.0;
  return CLAMP (y, 0.0, 255.0);
}

/* Every pixel of the rendered PNG equals round(VOI(modality value)), inverted when
 * asked; exact except where the formula lands on a .5 tie. */
static void
assert_render (const char   *png,
               const double *modality,
               const char   *function,
               double        c,
               double        w,
               gboolean      invert)
{
  g_autoptr(GError) error = NULL;
  guint width = 0, height = 0, channels = 0, depth = 0;
  g_autofree guint8 *pixels = hilum_png_read (png, &width, &height, &channels, &depth, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, W);
  g_assert_cmpuint (height, ==, H);
  g_assert_cmpuint (channels, ==, 1);
  g_assert_cmpuint (depth, ==, 8);

  for (guint i = 0; i < W * H; i++)
    {
      double y = voi (function, c, w, modality[i]);
      double want = invert ? 255.0 - y : y;
      int expected = (int) floor (want + 0.5);
      gboolean tie = fabs (want - floor (want) - 0.5) < 1e-6;

      if (pixels[i] != expected && !(tie && ABS (pixels[i] - expected) <= 1))
        {
          g_test_fail_printf ("pixel (%u, %u) of %s: %u, expected %d (value %g, window %g/%g%s)",
                              i % W, i / W, png, pixels[i], expected, modality[i], c, w,
                              invert ? ", inverted" : "");
          return;
        }
    }
}

static double *
pattern_values (guint  frame,
                double slope,
                double intercept)
{
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, frame + 1, 4095, 100, TRUE);
  double *out = g_new (double, W * H);

  for (guint i = 0; i < W * H; i++)
    out[i] = values[(gsize) frame * W * H + i] * slope + intercept;
  return out;
}

/* ---- info --------------------------------------------------------------------------- */

static const char *const info_keys[] = {
  "path", "sop_instance_uid", "study_instance_uid", "series_instance_uid", "modality",
  "view_position", "view", "rows", "columns", "frames", "bits_allocated", "bits_stored",
  "pixel_representation", "samples_per_pixel", "photometric", "transfer_syntax",
  "rescale_slope", "rescale_intercept", "window_center", "window_width", "pixel_spacing",
  "min", "max", NULL
};

static JsonObject *
parse_object (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  g_autoptr(GList) members = NULL;
  guint i = 0;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  /* Exactly the documented keys, in the documented order. */
  members = json_object_get_members (json_node_get_object (root));
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, info_keys[i]);
  g_assert_cmpuint (i, ==, g_strv_length ((char **) info_keys));

  return json_object_ref (json_node_get_object (root));
}

static void
assert_number_array (JsonObject   *object,
                     const char   *key,
                     const double *values,
                     guint         n)
{
  JsonArray *array = json_object_get_array_member (object, key);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, i), values[i], 1e-9);
}

static void
test_info_json (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1337.9.3" },
    { 0x0018, 0x5101, "CS", "PA" },
    { 0x0020, 0x000d, "UI", "1.2.826.0.1.3680043.10.1337.9.1" },
    { 0x0020, 0x000e, "UI", "1.2.826.0.1.3680043.10.1337.9.2" },
    { 0x0028, 0x0030, "DS", "0.139\\0.143" },
    { 0x0028, 0x1050, "DS", "2000\\1000.5" },
    { 0x0028, 0x1051, "DS", "3000\\500" },
    { 0x0028, 0x1052, "DS", "-1024" },
    { 0x0028, 0x1053, "DS", "2" },
    { 0, 0, NULL, NULL },
  };
  static const double centers[] = { 2000, 1000.5 };
  static const double widths[] = { 3000, 500 };
  static const double spacing[] = { 0.139, 0.143 };
  g_autofree char *path = make_dicom ("info.dcm", extra, NULL, 0);
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonObject) o = NULL;

  run_cli (&r, "info", "--json", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  /* One object, one line. */
  g_assert_true (g_str_has_suffix (r.out, "}\n"));
  g_assert_cmpuint (strchr (r.out, '\n') - r.out + 1, ==, strlen (r.out));

  o = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (o, "sop_instance_uid"), ==,
                   "1.2.826.0.1.3680043.10.1337.9.3");
  g_assert_cmpstr (json_object_get_string_member (o, "study_instance_uid"), ==,
                   "1.2.826.0.1.3680043.10.1337.9.1");
  g_assert_cmpstr (json_object_get_string_member (o, "series_instance_uid"), ==,
                   "1.2.826.0.1.3680043.10.1337.9.2");
  g_assert_cmpstr (json_object_get_string_member (o, "modality"), ==, "CR");
  g_assert_cmpstr (json_object_get_string_member (o, "view_position"), ==, "PA");
  g_assert_cmpstr (json_object_get_string_member (o, "view"), ==, "frontal");
  g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, H);
  g_assert_cmpint (json_object_get_int_member (o, "columns"), ==, W);
  g_assert_cmpint (json_object_get_int_member (o, "frames"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "bits_allocated"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (o, "bits_stored"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (o, "pixel_representation"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "samples_per_pixel"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "photometric"), ==, "MONOCHROME2");
  g_assert_cmpstr (json_object_get_string_member (o, "transfer_syntax"), ==, "1.2.840.10008.1.2.1");
  g_assert_cmpfloat (json_object_get_double_member (o, "rescale_slope"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (o, "rescale_intercept"), ==, -1024);
  assert_number_array (o, "window_center", centers, 2);
  assert_number_array (o, "window_width", widths, 2);
  assert_number_array (o, "pixel_spacing", spacing, 2);
  /* Modality values of the pattern: 0 * 2 - 1024 and 4092 * 2 - 1024. */
  g_assert_cmpfloat (json_object_get_double_member (o, "min"), ==, -1024);
  g_assert_cmpfloat (json_object_get_double_member (o, "max"), ==, 4092 * 2 - 1024);
  /* Numbers as DICOM writes them, not 0.13900000000000001. */
  g_assert_nonnull (strstr (r.out, "\"pixel_spacing\":[0.139,0.143]"));
}

static void
test_info_json_absent (void)
{
  g_autofree char *path = make_dicom ("plain.dcm", NULL, NULL, 0);
  g_autofree char *png = fixture_path ("plain.png");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 65535, 0, TRUE);
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) r = { 0 };
  g_auto(GStrv) lines = NULL;

  hilum_png_write_gray16 (png, W, H, values, &error);
  g_assert_no_error (error);

  /* Two files: one JSON object per line. */
  run_cli (&r, "info", "--json", path, png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(JsonObject) o = parse_object (lines[k]);

      g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, k == 0 ? path : png);
      g_assert_cmpstr (json_object_get_string_member (o, "view_position"), ==, "");
      g_assert_cmpstr (json_object_get_string_member (o, "view"), ==, "unknown");
      g_assert_cmpfloat (json_object_get_double_member (o, "rescale_slope"), ==, 1);
      g_assert_cmpfloat (json_object_get_double_member (o, "rescale_intercept"), ==, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "window_center")), ==, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "window_width")), ==, 0);
      g_assert_true (json_object_get_null_member (o, "pixel_spacing"));
      g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, H);
      g_assert_cmpint (json_object_get_int_member (o, "columns"), ==, W);
      g_assert_cmpfloat (json_object_get_double_member (o, "min"), ==, 0);
    }

  {
    g_autoptr(JsonObject) dicom = parse_object (lines[0]);
    g_autoptr(JsonObject) image = parse_object (lines[1]);

    g_assert_cmpfloat (json_object_get_double_member (dicom, "max"), ==, 4092);
    g_assert_cmpstr (json_object_get_string_member (image, "sop_instance_uid"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (image, "study_instance_uid"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (image, "modality"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (image, "transfer_syntax"), ==, "");
    g_assert_cmpint (json_object_get_int_member (image, "bits_stored"), ==, 16);
    g_assert_cmpfloat (json_object_get_double_member (image, "max"), ==, 65532);
  }
}

static void
test_info_multiframe_lateral (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0018, 0x5101, "CS", "LL" }, { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("lateral-frames.dcm", extra, "MONOCHROME1", 3);
  g_auto(CliResult) r = { 0 };
  g_autoptr(JsonObject) o = NULL;

  run_cli (&r, "info", "--json", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "view"), ==, "lateral");
  g_assert_cmpint (json_object_get_int_member (o, "frames"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "photometric"), ==, "MONOCHROME1");
  /* min/max are those of the first frame. */
  g_assert_cmpfloat (json_object_get_double_member (o, "max"), ==, 4092);
}

static void
test_info_text (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0018, 0x5101, "CS", "AP" },
    { 0x0028, 0x1050, "DS", "2000" },
    { 0x0028, 0x1051, "DS", "3000" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("text.dcm", extra, NULL, 0);
  g_auto(CliResult) r = { 0 };
  g_auto(GStrv) lines = NULL;
  int value_column = -1;

  run_cli (&r, "info", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, path));
  g_assert_nonnull (strstr (r.out, "64 × 48 pixels, 1 frame"));
  g_assert_nonnull (strstr (r.out, "center 2000 width 3000"));
  g_assert_nonnull (strstr (r.out, "Frontal"));

  /* Aligned: every value starts in the same column. */
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon = strchr (lines[i], ':');
      const char *value;

      g_assert_nonnull (colon);
      value = colon + 1;
      while (*value == ' ')
        value++;
      if (value_column < 0)
        value_column = g_utf8_pointer_to_offset (lines[i], value);
      g_assert_cmpint (g_utf8_pointer_to_offset (lines[i], value), ==, value_column);
    }
  g_assert_cmpint (value_column, >, 0);
}

/* ---- render ------------------------------------------------------------------------- */

static void
test_render_default_window (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2000\\1000" },
    { 0x0028, 0x1051, "DS", "3000\\500" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("render-default.dcm", extra, NULL, 0);
  g_autofree char *png = fixture_path ("render-default.png");
  g_autofree double *values = pattern_values (0, 1, 0);
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "render", path, "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  /* The first window of the file. */
  assert_render (png, values, "LINEAR", 2000, 3000, FALSE);
}

static void
test_render_window (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2000" },
    { 0x0028, 0x1051, "DS", "3000" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("render-window.dcm", extra, NULL, 0);
  g_autofree char *png = fixture_path ("render-window.png");
  g_autofree char *png2 = fixture_path ("render-window-negative.png");
  g_autofree double *values = pattern_values (0, 1, 0);
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) r2 = { 0 };

  run_cli (&r, "render", path, "--window", "1500", "1201", "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_render (png, values, "LINEAR", 1500, 1201, FALSE);

  /* A negative center is a number, not an option; options come in any order. */
  run_cli (&r2, "render", "--window", "-100", "4000", "-o", png2, path, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  assert_render (png2, values, "LINEAR", -100, 4000, FALSE);
}

static void
test_render_preset (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2000" },
    { 0x0028, 0x1051, "DS", "3000" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("render-preset.dcm", extra, NULL, 0);
  g_autofree double *values = pattern_values (0, 1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);

  g_assert_no_error (error);
  for (HilumPreset p = HILUM_PRESET_DEFAULT; p < HILUM_N_PRESETS; p++)
    {
      const char *name = hilum_preset_get_name (p);
      g_autofree char *file = g_strdup_printf ("render-preset-%s.png", name);
      g_autofree char *png = fixture_path (file);
      g_auto(CliResult) r = { 0 };
      double c = 0, w = 0;

      run_cli (&r, "render", path, "--preset", name, "-o", png, NULL);
      g_assert_cmpint (r.status, ==, 0);
      /* The preset's window for this image, as the core computes it. */
      hilum_preset_compute (p, image, 0, &c, &w);
      g_test_message ("preset %s: center %g width %g", name, c, w);
      if (p == HILUM_PRESET_DEFAULT)
        {
          g_assert_cmpfloat (c, ==, 2000);
          g_assert_cmpfloat (w, ==, 3000);
        }
      assert_render (png, values, "LINEAR", c, w, FALSE);
    }
}

static void
test_render_invert (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2000" },
    { 0x0028, 0x1051, "DS", "3000" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *mono2 = make_dicom ("render-mono2.dcm", extra, NULL, 0);
  g_autofree char *mono1 = make_dicom ("render-mono1.dcm", extra, "MONOCHROME1", 0);
  g_autofree double *values = pattern_values (0, 1, 0);
  struct { const char *file; gboolean flag; gboolean inverted; } cases[] = {
    { mono2, TRUE, TRUE },     /* --invert */
    { mono1, FALSE, TRUE },    /* MONOCHROME1 is shown inverted */
    { mono1, TRUE, FALSE },    /* …and --invert flips it back */
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *name = g_strdup_printf ("render-invert-%u.png", k);
      g_autofree char *png = fixture_path (name);
      g_auto(CliResult) r = { 0 };

      if (cases[k].flag)
        run_cli (&r, "render", cases[k].file, "--invert", "-o", png, NULL);
      else
        run_cli (&r, "render", cases[k].file, "-o", png, NULL);
      g_assert_cmpint (r.status, ==, 0);
      assert_render (png, values, "LINEAR", 2000, 3000, cases[k].inverted);
    }
}

static void
test_render_no_window (void)
{
  g_autofree char *path = make_dicom ("render-nowin.dcm", NULL, NULL, 0);
  g_autofree char *png = fixture_path ("render-nowin.png");
  g_autofree double *values = pattern_values (0, 1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);
  g_autofree guint8 *pixels = NULL;
  g_auto(CliResult) r = { 0 };
  double c = 0, w = 0;
  guint lo_i = 0, hi_i = 0;

  g_assert_no_error (error);
  run_cli (&r, "render", path, "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* The value range of the image: its darkest pixel black, its brightest white. */
  pixels = hilum_png_read (png, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < W * H; i++)
    {
      if (values[i] < values[lo_i])
        lo_i = i;
      if (values[i] > values[hi_i])
        hi_i = i;
    }
  g_assert_cmpuint (pixels[lo_i], ==, 0);
  g_assert_cmpuint (pixels[hi_i], ==, 255);

  hilum_preset_compute (HILUM_PRESET_DEFAULT, image, 0, &c, &w);
  assert_render (png, values, "LINEAR", c, w, FALSE);
}

static void
test_render_rescale (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "3000" },
    { 0x0028, 0x1051, "DS", "4000" },
    { 0x0028, 0x1052, "DS", "-1024" },
    { 0x0028, 0x1053, "DS", "2" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_dicom ("render-rescale.dcm", extra, NULL, 0);
  g_autofree char *png = fixture_path ("render-rescale.png");
  g_autofree double *values = pattern_values (0, 2, -1024);
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "render", path, "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* The window is in modality values: stored * 2 - 1024. */
  assert_render (png, values, "LINEAR", 3000, 4000, FALSE);
}

static void
test_render_voi_function (gconstpointer data)
{
  const char *function = data;
  HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2000" },
    { 0x0028, 0x1051, "DS", "1500" },
    { 0x0028, 0x1056, "CS", function },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *name = g_strdup_printf ("render-%s", function);
  g_autofree char *dcm = g_strconcat (name, ".dcm", NULL);
  g_autofree char *path = make_dicom (dcm, extra, NULL, 0);
  g_autofree char *png = g_strconcat (fixture_dir, "/", name, ".png", NULL);
  g_autofree double *values = pattern_values (0, 1, 0);
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "render", path, "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_render (png, values, function, 2000, 1500, FALSE);
}

static void
test_render_frame (void)
{
  g_autofree char *path = make_dicom ("render-frames.dcm", NULL, NULL, 3);
  g_autofree char *png = fixture_path ("render-frame2.png");
  g_autofree double *frame2 = pattern_values (2, 1, 0);
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) bad = { 0 };
  g_autofree char *bad_png = fixture_path ("render-frame9.png");

  run_cli (&r, "render", path, "--frame", "2", "--window", "2000", "4000", "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* Frame 2 is frame 0 + 200. */
  assert_render (png, frame2, "LINEAR", 2000, 4000, FALSE);

  run_cli (&bad, "render", path, "--frame", "9", "-o", bad_png, NULL);
  assert_one_error_line (&bad, "render-frames.dcm");
  g_assert_false (g_file_test (bad_png, G_FILE_TEST_EXISTS));
}

static void
test_render_color (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("render-rgb.dcm");
  g_autofree char *png = fixture_path ("render-rgb.png");
  g_autofree guint8 *rgb = hilum_fixture_patches_rgb (W, H);
  g_autofree guint8 *pixels = NULL;
  HilumFixtureDicom spec = {
    .width = W, .height = H, .bits_allocated = 8, .bits_stored = 8,
    .samples_per_pixel = 3, .pixels = rgb, .pixels_size = W * H * 3,
  };
  g_auto(CliResult) r = { 0 };
  guint width, height, channels, depth;

  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);
  run_cli (&r, "render", path, "--window", "100", "101", "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);

  pixels = hilum_png_read (png, &width, &height, &channels, &depth, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels, ==, 3);
  g_assert_cmpuint (depth, ==, 8);
  g_assert_cmpuint (width, ==, W);
  g_assert_cmpuint (height, ==, H);
  /* The window applies to each channel alike. */
  for (guint i = 0; i < W * H * 3; i++)
    {
      int expected = (int) floor (voi ("LINEAR", 100, 101, rgb[i]) + 0.5);

      if (pixels[i] != expected)
        {
          g_test_fail_printf ("sample %u: %u, expected %d", i, pixels[i], expected);
          return;
        }
    }
}

/* ---- errors ------------------------------------------------------------------------- */

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = make_dicom ("good.dcm", NULL, NULL, 0);
  g_autofree char *text = fixture_path ("report.txt");
  g_autofree char *missing = fixture_path ("missing.dcm");
  g_autofree char *cut = fixture_path ("cut-in-half.dcm");
  g_autofree char *out = fixture_path ("errors.png");
  g_autofree char *unwritable = fixture_path ("no-such-dir/out.png");
  g_autofree char *abort_file = fixture_path ("gdcm-abort.dcm");

  g_file_set_contents (text, "Findings: none.\n", -1, &error);
  g_assert_no_error (error);
  hilum_fixture_truncate (good, cut, 0.5, &error);
  g_assert_no_error (error);
  hilum_fixture_write_gdcm_abort (abort_file, &error);
  g_assert_no_error (error);

  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", text, "-o", out, NULL);
    assert_one_error_line (&r, "report.txt");
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", missing, "-o", out, NULL);
    assert_one_error_line (&r, "missing.dcm");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", cut, "-o", out, NULL);
    assert_one_error_line (&r, "cut-in-half.dcm");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "info", "--json", cut, NULL);
    assert_one_error_line (&r, "cut-in-half.dcm");
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", abort_file, "-o", out, NULL);
    assert_one_error_line (&r, "gdcm-abort.dcm");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", good, "-o", unwritable, NULL);
    assert_one_error_line (&r, unwritable);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Bad options: one line, no output file. */
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", good, "-o", out, "--bogus", NULL);
    assert_one_error_line (&r, "--bogus");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", good, "-o", out, "--window", "40", NULL);
    assert_one_error_line (&r, "--window");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", good, "-o", out, "--preset", "brain", NULL);
    assert_one_error_line (&r, "brain");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "render", good, NULL);
    assert_one_error_line (&r, "-o");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "frobnicate", NULL);
    assert_one_error_line (&r, "frobnicate");
  }
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, NULL);
    assert_one_error_line (&r, NULL);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Several files: the good one is printed, the bad one reported, exit non-zero. */
  {
    g_auto(CliResult) r = { 0 };
    g_autoptr(JsonObject) o = NULL;

    run_cli (&r, "info", "--json", good, missing, NULL);
    assert_one_error_line (&r, "missing.dcm");
    o = parse_object (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, good);
  }
}

static void
test_help (void)
{
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) render = { 0 };

  run_cli (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "info"));
  g_assert_nonnull (strstr (r.out, "render"));

  run_cli (&render, "render", "--help", NULL);
  g_assert_cmpint (render.status, ==, 0);
  g_assert_nonnull (strstr (render.out, "--window"));
  g_assert_nonnull (strstr (render.out, "--preset"));
  g_assert_nonnull (strstr (render.out, "--invert"));
  g_assert_nonnull (strstr (render.out, "--frame"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_dir = hilum_fixture_dir_new ();

  g_test_add_func ("/hilum/cli/info/json", test_info_json);
  g_test_add_func ("/hilum/cli/info/json-absent-tags", test_info_json_absent);
  g_test_add_func ("/hilum/cli/info/multiframe-lateral", test_info_multiframe_lateral);
  g_test_add_func ("/hilum/cli/info/text", test_info_text);
  g_test_add_func ("/hilum/cli/render/default-window", test_render_default_window);
  g_test_add_func ("/hilum/cli/render/window", test_render_window);
  g_test_add_func ("/hilum/cli/render/preset", test_render_preset);
  g_test_add_func ("/hilum/cli/render/invert", test_render_invert);
  g_test_add_func ("/hilum/cli/render/no-window", test_render_no_window);
  g_test_add_func ("/hilum/cli/render/rescale", test_render_rescale);
  g_test_add_data_func ("/hilum/cli/render/voi/linear-exact", "LINEAR_EXACT", test_render_voi_function);
  g_test_add_data_func ("/hilum/cli/render/voi/sigmoid", "SIGMOID", test_render_voi_function);
  g_test_add_func ("/hilum/cli/render/frame", test_render_frame);
  g_test_add_func ("/hilum/cli/render/color", test_render_color);
  g_test_add_func ("/hilum/cli/errors", test_errors);
  g_test_add_func ("/hilum/cli/help", test_help);

  status = g_test_run ();
  hilum_fixture_dir_remove (fixture_dir);
  g_free (fixture_dir);
  return status;
}
