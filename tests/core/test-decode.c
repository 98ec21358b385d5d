/* test-decode.c — every input Hilum must open, decoded through the hilum-decode helper
 *
 * Fixtures are generated into a temporary directory with the real tools (see
 * hilum-fixtures.h); each test asserts the modality values (or RGB values) of the
 * decoded pixels against the pattern that was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-decoder-private.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-renderer.h"

#define W 64
#define H 48

static char *fixture_dir;

static char *
fixture_path (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

static HilumImage *
decode_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  HilumImage *image = hilum_decode_file (path, NULL, &error);

  /* Not fatal: the other cases still run and report. */
  if (image == NULL)
    g_test_fail_printf ("decoding %s failed: %s", path, error ? error->message : "no error set");
  return image;
}

static void
decode_error (const char *path,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (image);
  g_assert_error (error, HILUM_DECODE_ERROR, code);
  g_test_message ("message: %s", error->message);
  /* The message names the file (its name at least), so a user knows which one. */
  g_assert_nonnull (strstr (error->message, basename));
}

/* Compares every pixel's modality value with @expected; lossy codecs get a tolerance
 * on the largest and on the mean error. */
static void
assert_gray_values (HilumImage   *image,
                    guint         frame,
                    const double *expected,
                    double        max_error,
                    double        max_mean_error)
{
  const guint16 *pixels;
  double worst = 0, sum = 0;
  guint worst_x = 0, worst_y = 0;

  g_assert_false (hilum_image_is_color (image));
  g_assert_cmpuint (hilum_image_get_width (image), ==, W);
  g_assert_cmpuint (hilum_image_get_height (image), ==, H);
  pixels = hilum_image_get_gray_frame (image, frame);
  g_assert_nonnull (pixels);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        double value = hilum_image_index_to_value (image, pixels[y * W + x]);
        double error = fabs (value - expected[y * W + x]);

        sum += error;
        if (error > worst)
          worst = error, worst_x = x, worst_y = y;
      }

  if (worst > max_error + 1e-9)
    {
      const guint i = worst_y * W + worst_x;

      g_test_fail_printf ("frame %u pixel (%u, %u): value %g, expected %g (tolerance %g)",
                          frame, worst_x, worst_y,
                          hilum_image_index_to_value (image, pixels[i]), expected[i], max_error);
      return;
    }
  g_assert_cmpfloat (sum / (W * H), <=, max_mean_error + 1e-9);
}

static double *
to_doubles (const guint16 *values,
            gsize          n,
            double         slope,
            double         intercept)
{
  double *out = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    out[i] = values[i] * slope + intercept;
  return out;
}

/* ---- transfer syntaxes -------------------------------------------------------------- */

typedef struct
{
  const char        *name;
  HilumFixtureSyntax syntax;
  guint              bits;        /* 8 or 12 */
  gboolean           lossy;
  double             max_error;
  double             max_mean_error;
} SyntaxCase;

static const SyntaxCase syntax_cases[] = {
  { "explicit-le", HILUM_FIXTURE_EXPLICIT_LE, 12, FALSE, 0, 0 },
  { "implicit-le", HILUM_FIXTURE_IMPLICIT_LE, 12, FALSE, 0, 0 },
  { "explicit-be", HILUM_FIXTURE_EXPLICIT_BE, 12, FALSE, 0, 0 },
  { "deflate", HILUM_FIXTURE_DEFLATE, 12, FALSE, 0, 0 },
  { "rle", HILUM_FIXTURE_RLE, 12, FALSE, 0, 0 },
  { "rle-gdcm", HILUM_FIXTURE_RLE_GDCM, 12, FALSE, 0, 0 },
  { "jpeg-baseline", HILUM_FIXTURE_JPEG_BASELINE, 8, TRUE, 4, 1 },
  { "jpeg-extended-12", HILUM_FIXTURE_JPEG_EXTENDED, 12, TRUE, 16, 3 },
  { "jpeg-lossless", HILUM_FIXTURE_JPEG_LOSSLESS, 12, FALSE, 0, 0 },
  { "jpeg-lossless-8", HILUM_FIXTURE_JPEG_LOSSLESS, 8, FALSE, 0, 0 },
  { "jpeg-lossless-14", HILUM_FIXTURE_JPEG_LOSSLESS_14, 12, FALSE, 0, 0 },
  { "jpeg-ls", HILUM_FIXTURE_JPEG_LS, 12, FALSE, 0, 0 },
  { "jpeg-ls-gdcm", HILUM_FIXTURE_JPEG_LS_GDCM, 12, FALSE, 0, 0 },
  { "j2k", HILUM_FIXTURE_J2K, 12, FALSE, 0, 0 },
  { "j2k-lossy", HILUM_FIXTURE_J2K_LOSSY, 12, TRUE, 16, 3 },
};

/* The common base: PGM → gdcmimg → dcmconv +te, tags with dcmodify. */
static char *
make_base (guint    bits,
           gboolean textured)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("base-%u-%s", bits, textured ? "t" : "s");
  g_autofree char *pgm = g_strconcat (fixture_dir, "/", name, ".pgm", NULL);
  char *dcm = g_strconcat (fixture_dir, "/", name, ".dcm", NULL);
  guint maxval = (1u << bits) - 1;
  g_autofree guint16 *values = NULL;
  const char *tags[] = {
    "Modality=CR", "ViewPosition=PA", "PatientOrientation=L\\F",
    "StudyInstanceUID=1.2.826.0.1.3680043.10.1337.77.1",
    "SeriesInstanceUID=1.2.826.0.1.3680043.10.1337.77.2",
    "PixelSpacing=0.139\\0.143", NULL
  };

  if (g_file_test (dcm, G_FILE_TEST_EXISTS))
    return dcm;

  values = hilum_fixture_pattern (W, H, 1, maxval, 0, textured);
  hilum_fixture_write_pgm (pgm, W, H, maxval, values, &error);
  g_assert_no_error (error);
  hilum_fixture_gdcmimg (pgm, dcm, &error);
  g_assert_no_error (error);
  hilum_fixture_modify (dcm, tags, &error);
  g_assert_no_error (error);
  return dcm;
}

static void
test_syntax (gconstpointer data)
{
  const SyntaxCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *base = make_base (c->bits, !c->lossy);
  g_autofree char *name = g_strdup_printf ("syntax-%s.dcm", c->name);
  g_autofree char *path = fixture_path (name);
  g_autofree char *ts = NULL;
  g_autofree guint16 *values = NULL;
  g_autofree double *expected = NULL;
  const HilumImageInfo *info;

  hilum_fixture_transcode (base, path, c->syntax, &error);
  g_assert_no_error (error);
  /* The fixture really is in the syntax under test. */
  ts = hilum_fixture_dump_tag (path, "0002,0010");
  g_assert_cmpstr (ts, ==, hilum_fixture_syntax_uid (c->syntax));

  image = decode_ok (path);

  if (image == NULL)

    return;
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_TRANSFER_SYNTAX), ==,
                   hilum_fixture_syntax_uid (c->syntax));
  g_assert_cmpuint (hilum_image_get_n_frames (image), ==, 1);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "CR");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PHOTOMETRIC), ==, "MONOCHROME2");
  info = hilum_image_get_info (image);
  g_assert_cmpuint (info->samples_per_pixel, ==, 1);
  g_assert_cmpuint (info->pixel_representation, ==, 0);
  g_assert_false (info->inverted_display);

  values = hilum_fixture_pattern (W, H, 1, (1u << c->bits) - 1, 0, !c->lossy);
  expected = to_doubles (values, W * H, 1, 0);
  assert_gray_values (image, 0, expected, c->max_error, c->max_mean_error);
  if (!c->lossy)
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      for (guint i = 0; i < W * H; i++)
        lo = MIN (lo, expected[i]), hi = MAX (hi, expected[i]);
      g_assert_cmpfloat (expected[0], ==, 0);
      g_assert_cmpfloat (hilum_image_get_min_value (image), ==, lo);
      g_assert_cmpfloat (hilum_image_get_max_value (image), ==, hi);
    }
}

/* ---- bit depths, sign, rescale ---------------------------------------------------------- */

typedef struct
{
  const char *name;
  guint       bits_stored;
  gboolean    is_signed;
  gboolean    sign_extend;   /* the words carry the sign above BitsStored */
  const char *slope;
  const char *intercept;
} BitsCase;

static const BitsCase bits_cases[] = {
  { "10-unsigned", 10, FALSE, FALSE, NULL, NULL },
  { "12-unsigned", 12, FALSE, FALSE, NULL, NULL },
  { "16-unsigned", 16, FALSE, FALSE, NULL, NULL },
  { "10-signed", 10, TRUE, FALSE, NULL, NULL },
  { "12-signed", 12, TRUE, TRUE, NULL, NULL },
  { "16-signed", 16, TRUE, TRUE, NULL, NULL },
  { "rescale-12-unsigned", 12, FALSE, FALSE, "2", "-1024" },
  { "rescale-12-signed", 12, TRUE, TRUE, "0.5", "100.25" },
  { "rescale-16-unsigned", 16, FALSE, FALSE, "1", "-32768" },
};

static void
test_bits (gconstpointer data)
{
  const BitsCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *name = g_strdup_printf ("bits-%s.dcm", c->name);
  g_autofree char *path = fixture_path (name);
  guint maxval = c->bits_stored == 16 ? 65535 : (1u << c->bits_stored) - 1;
  g_autofree guint16 *pattern = hilum_fixture_pattern (W, H, 1, maxval, 0, TRUE);
  g_autofree guint16 *words = NULL;
  g_autofree double *expected = g_new (double, W * H);
  HilumFixtureElement extra[3] = { { 0 } };
  double slope = c->slope ? g_ascii_strtod (c->slope, NULL) : 1;
  double intercept = c->intercept ? g_ascii_strtod (c->intercept, NULL) : 0;
  HilumFixtureDicom spec = {
    .width = W, .height = H, .bits_allocated = 16, .bits_stored = c->bits_stored,
    .is_signed = c->is_signed, .samples_per_pixel = 1, .extra = extra,
  };
  const HilumImageInfo *info;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  if (c->slope != NULL)
    {
      extra[0] = (HilumFixtureElement) { 0x0028, 0x1052, "DS", c->intercept };
      extra[1] = (HilumFixtureElement) { 0x0028, 0x1053, "DS", c->slope };
    }

  /* Signed: the pattern shifted down by half the range, so both corners are far from 0. */
  for (guint i = 0; i < W * H; i++)
    {
      int stored = c->is_signed ? (int) pattern[i] - (int) ((maxval + 1) / 2) : (int) pattern[i];

      pattern[i] = (guint16) (gint16) stored;
      expected[i] = stored * slope + intercept;
      lo = MIN (lo, expected[i]);
      hi = MAX (hi, expected[i]);
    }
  if (c->sign_extend)
    {
      words = g_new (guint16, W * H);
      for (guint i = 0; i < W * H; i++)
        words[i] = GUINT16_TO_LE (pattern[i]);
    }
  else
    words = hilum_fixture_pack_words (pattern, W * H, c->bits_stored);
  spec.pixels = words;
  spec.pixels_size = W * H * 2;
  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);

  image = decode_ok (path);

  if (image == NULL)

    return;
  info = hilum_image_get_info (image);
  g_assert_cmpuint (info->bits_allocated, ==, 16);
  g_assert_cmpuint (info->bits_stored, ==, c->bits_stored);
  g_assert_cmpuint (info->pixel_representation, ==, c->is_signed ? 1 : 0);
  g_assert_cmpfloat (info->rescale_slope, ==, slope);
  g_assert_cmpfloat (info->rescale_intercept, ==, intercept);
  assert_gray_values (image, 0, expected, 0, 0);
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, lo);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, hi);
  if (c->is_signed && slope == 1 && intercept == 0)
    {
      /* Negative values come out negative: the top-left corner is -2^(bits-1). */
      g_assert_cmpfloat (expected[0], <, 0);
      g_assert_cmpfloat (lo, ==, -(double) ((maxval + 1) / 2));
    }
}

/* ---- photometric interpretations ---------------------------------------------------- */

static void
test_monochrome (gconstpointer data)
{
  const char *photometric = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *name = g_strdup_printf ("%s.dcm", photometric);
  g_autofree char *path = fixture_path (name);
  g_autofree guint16 *pattern = hilum_fixture_pattern (W, H, 1, 4095, 0, TRUE);
  g_autofree guint16 *words = hilum_fixture_pack_words (pattern, W * H, 12);
  g_autofree double *expected = to_doubles (pattern, W * H, 1, 0);
  HilumFixtureDicom spec = {
    .width = W, .height = H, .bits_allocated = 16, .bits_stored = 12,
    .samples_per_pixel = 1, .photometric = photometric,
    .pixels = words, .pixels_size = W * H * 2,
  };
  gboolean inverted = g_str_equal (photometric, "MONOCHROME1");

  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);

  image = decode_ok (path);

  if (image == NULL)

    return;
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PHOTOMETRIC), ==, photometric);
  /* Pixels are kept as stored; the image says how it is displayed. */
  g_assert_cmpint (hilum_image_get_inverted_display (image), ==, inverted);
  g_assert_cmpint (hilum_image_get_info (image)->inverted_display, ==, inverted);
  assert_gray_values (image, 0, expected, 0, 0);
}

static void
rgb_to_ybr (const guint8 *rgb,
            guint8       *ybr)
{
  /* PS3.3 C.7.6.3.1.2, full range. */
  double r = rgb[0], g = rgb[1], b = rgb[2];
  double y = 0.2990 * r + 0.5870 * g + 0.1140 * b;
  double cb = -0.1687 * r - 0.3313 * g + 0.5000 * b + 128;
  double cr = 0.5000 * r - 0.4187 * g - 0.0813 * b + 128;

  ybr[0] = CLAMP (floor (y + 0.5), 0, 255);
  ybr[1] = CLAMP (floor (cb + 0.5), 0, 255);
  ybr[2] = CLAMP (floor (cr + 0.5), 0, 255);
}

typedef enum
{
  COLOR_RGB,
  COLOR_YBR_FULL,
  COLOR_YBR_FULL_422,
  COLOR_RGB_RLE,
  COLOR_YBR_FULL_422_JPEG,
  COLOR_RGB_J2K,
  COLOR_RGB_PLANAR,
} ColorCase;

static void
assert_patches (HilumImage *image,
                guint       tolerance)
{
  const guint8 *rgb;

  g_assert_true (hilum_image_is_color (image));
  g_assert_cmpuint (hilum_image_get_width (image), ==, W);
  g_assert_cmpuint (hilum_image_get_height (image), ==, H);
  g_assert_cmpuint (hilum_image_get_info (image)->samples_per_pixel, ==, 3);
  rgb = hilum_image_get_rgb_frame (image, 0);
  g_assert_nonnull (rgb);

  /* Every pixel at least 4 pixels inside its patch (codecs blur the edges). */
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        guint px = x % (W / 4), py = y % (H / 2);
        guint patch = hilum_fixture_patch_at (x, y, W, H);

        if (px < 4 || px >= W / 4 - 4 || py < 4 || py >= H / 2 - 4)
          continue;
        for (guint c = 0; c < 3; c++)
          {
            int got = rgb[(y * W + x) * 3 + c];
            int want = hilum_fixture_patch_colors[patch][c];

            if (ABS (got - want) > (int) tolerance)
              {
                g_test_fail_printf ("pixel (%u, %u) channel %u: %d, expected %d ± %u",
                                    x, y, c, got, want, tolerance);
                return;
              }
          }
      }
}

static void
test_color (gconstpointer data)
{
  ColorCase which = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree guint8 *rgb = hilum_fixture_patches_rgb (W, H);
  g_autofree guint8 *stored = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  HilumFixtureDicom spec = {
    .width = W, .height = H, .bits_allocated = 8, .bits_stored = 8,
    .samples_per_pixel = 3,
  };
  guint tolerance = 0;

  switch (which)
    {
    case COLOR_RGB:
    case COLOR_RGB_RLE:
    case COLOR_YBR_FULL_422_JPEG:
    case COLOR_RGB_J2K:
      spec.pixels = rgb;
      spec.pixels_size = W * H * 3;
      break;

    case COLOR_RGB_PLANAR:
      {
        static const HilumFixtureElement planar[] = {
          { 0x0028, 0x0006, "US", "1" }, { 0, 0, NULL, NULL },
        };

        stored = g_new (guint8, W * H * 3);
        for (guint i = 0; i < W * H; i++)
          for (guint c = 0; c < 3; c++)
            stored[c * W * H + i] = rgb[i * 3 + c];
        spec.pixels = stored;
        spec.pixels_size = W * H * 3;
        spec.extra = planar;
      }
      break;

    case COLOR_YBR_FULL:
      stored = g_new (guint8, W * H * 3);
      for (guint i = 0; i < W * H; i++)
        rgb_to_ybr (rgb + i * 3, stored + i * 3);
      spec.photometric = "YBR_FULL";
      spec.pixels = stored;
      spec.pixels_size = W * H * 3;
      tolerance = 2;   /* rounding in both directions */
      break;

    case COLOR_YBR_FULL_422:
      /* PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr for each pair of pixels of a row. */
      stored = g_new (guint8, W * H * 2);
      for (guint i = 0; i < W * H; i += 2)
        {
          guint8 a[3], b[3];

          rgb_to_ybr (rgb + i * 3, a);
          rgb_to_ybr (rgb + (i + 1) * 3, b);
          stored[i * 2 + 0] = a[0];
          stored[i * 2 + 1] = b[0];
          stored[i * 2 + 2] = (a[1] + b[1] + 1) / 2;
          stored[i * 2 + 3] = (a[2] + b[2] + 1) / 2;
        }
      spec.photometric = "YBR_FULL_422";
      spec.pixels = stored;
      spec.pixels_size = W * H * 2;
      tolerance = 2;
      break;

    default:
      g_assert_not_reached ();
    }

  path = g_strdup_printf ("%s/color-%d.dcm", fixture_dir, which);
  source = g_strdup_printf ("%s/color-%d-source.dcm", fixture_dir, which);
  hilum_fixture_write_dicom (source, &spec, &error);
  g_assert_no_error (error);

  switch (which)
    {
    case COLOR_RGB_RLE:
      hilum_fixture_transcode (source, path, HILUM_FIXTURE_RLE, &error);
      break;
    case COLOR_RGB_J2K:
      hilum_fixture_transcode (source, path, HILUM_FIXTURE_J2K, &error);
      break;
    case COLOR_YBR_FULL_422_JPEG:
      /* dcmcjpeg +eb converts RGB to YCbCr with 4:2:2 subsampling: YBR_FULL_422. */
      hilum_fixture_transcode (source, path, HILUM_FIXTURE_JPEG_BASELINE, &error);
      tolerance = 8;
      break;
    case COLOR_RGB:
    case COLOR_RGB_PLANAR:
    case COLOR_YBR_FULL:
    case COLOR_YBR_FULL_422:
    default:
      g_rename (source, path);
      break;
    }
  g_assert_no_error (error);

  if (which == COLOR_YBR_FULL_422_JPEG)
    {
      g_autofree char *photometric = hilum_fixture_dump_tag (path, "0028,0004");

      g_assert_cmpstr (photometric, ==, "YBR_FULL_422");
    }

  image = decode_ok (path);

  if (image == NULL)

    return;
  assert_patches (image, tolerance);
}

/* ---- windows, VOI LUT function ---------------------------------------------------------- */

static char *
make_tagged (const char                *name,
             const HilumFixtureElement *extra)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (name);
  g_autofree guint16 *pattern = hilum_fixture_pattern (W, H, 1, 4095, 0, TRUE);
  g_autofree guint16 *words = hilum_fixture_pack_words (pattern, W * H, 12);
  HilumFixtureDicom spec = {
    .width = W, .height = H, .bits_allocated = 16, .bits_stored = 12,
    .samples_per_pixel = 1, .pixels = words, .pixels_size = W * H * 2, .extra = extra,
  };

  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_windows (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2048\\1000\\-100.5" },
    { 0x0028, 0x1051, "DS", "4096\\500\\1200" },
    { 0, 0, NULL, NULL },
  };
  static const double centers[] = { 2048, 1000, -100.5 };
  static const double widths[] = { 4096, 500, 1200 };
  g_autofree char *path = make_tagged ("windows.dcm", extra);
  g_autoptr(HilumImage) image = decode_ok (path);
  g_autofree char *plain_path = make_tagged ("no-windows.dcm", NULL);
  g_autoptr(HilumImage) plain = decode_ok (plain_path);

  if (image == NULL || plain == NULL)
    return;
  g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      double c = 0, w = 0;

      hilum_image_get_window (image, i, &c, &w);
      g_assert_cmpfloat (c, ==, centers[i]);
      g_assert_cmpfloat (w, ==, widths[i]);
    }
  g_assert_cmpuint (hilum_image_get_n_windows (plain), ==, 0);
}

static void
test_voi_function (gconstpointer data)
{
  const char *function = data;
  HilumFixtureElement extra[] = {
    { 0x0028, 0x1050, "DS", "2048" },
    { 0x0028, 0x1051, "DS", "4096" },
    { 0x0028, 0x1056, "CS", function },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *name = g_strdup_printf ("voi-%s.dcm", function[0] ? function : "absent");
  g_autofree char *path = NULL;
  g_autoptr(HilumImage) image = NULL;
  HilumVoiFunction expected = HILUM_VOI_LINEAR;

  if (function[0] == '\0')
    extra[2].vr = NULL;   /* no VOILUTFunction: LINEAR (PS3.3 C.11.2.1.3) */
  else if (g_str_equal (function, "LINEAR_EXACT"))
    expected = HILUM_VOI_LINEAR_EXACT;
  else if (g_str_equal (function, "SIGMOID"))
    expected = HILUM_VOI_SIGMOID;

  path = make_tagged (name, extra);
  image = decode_ok (path);
  if (image == NULL)
    return;
  g_assert_cmpint (hilum_image_get_info (image)->voi_function, ==, expected);
}

/* ---- multi-frame -------------------------------------------------------------------- */

static void
test_multiframe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *path = fixture_path ("multiframe.dcm");
  g_autofree char *rle = fixture_path ("multiframe-rle.dcm");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 4, 4000, 30, TRUE);
  g_autofree guint16 *words = hilum_fixture_pack_words (values, W * H * 4, 12);
  HilumFixtureDicom spec = {
    .width = W, .height = H, .frames = 4, .bits_allocated = 16, .bits_stored = 12,
    .samples_per_pixel = 1, .pixels = words, .pixels_size = W * H * 4 * 2,
  };
  const char *files[] = { path, rle };

  hilum_fixture_write_dicom (path, &spec, &error);
  g_assert_no_error (error);
  hilum_fixture_transcode (path, rle, HILUM_FIXTURE_RLE, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autoptr(HilumImage) img = decode_ok (files[k]);
      const guint16 *f0, *f2;

      if (img == NULL)
        continue;
      g_assert_cmpuint (hilum_image_get_n_frames (img), ==, 4);
      for (guint f = 0; f < 4; f++)
        {
          g_autofree double *expected = to_doubles (values + f * W * H, W * H, 1, 0);

          assert_gray_values (img, f, expected, 0, 0);
        }
      /* The same pixel differs between frames exactly as written. */
      f0 = hilum_image_get_gray_frame (img, 0);
      f2 = hilum_image_get_gray_frame (img, 2);
      g_assert_cmpfloat (hilum_image_index_to_value (img, f2[10 * W + 10]) -
                         hilum_image_index_to_value (img, f0[10 * W + 10]), ==, 60);
    }
}

/* ---- PNG and JPEG ------------------------------------------------------------------- */

static void
test_png (gconstpointer data)
{
  guint depth = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *name = g_strdup_printf ("gray%u.png", depth);
  g_autofree char *path = fixture_path (name);
  guint maxval = depth == 8 ? 255 : 65535;
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, maxval, 0, TRUE);
  g_autofree double *expected = to_doubles (values, W * H, 1, 0);

  if (depth == 8)
    {
      g_autofree guint8 *bytes = g_new (guint8, W * H);

      for (guint i = 0; i < W * H; i++)
        bytes[i] = values[i];
      hilum_png_write_gray8 (path, W, H, bytes, &error);
    }
  else
    hilum_png_write_gray16 (path, W, H, values, &error);
  g_assert_no_error (error);

  image = decode_ok (path);

  if (image == NULL)

    return;
  g_assert_cmpuint (hilum_image_get_n_frames (image), ==, 1);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_TRANSFER_SYNTAX), ==, "");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_SOP_INSTANCE_UID), ==, "");
  g_assert_cmpuint (hilum_image_get_info (image)->bits_stored, ==, depth);
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_slope, ==, 1);
  assert_gray_values (image, 0, expected, 0, 0);
  /* The pattern's largest value is maxval - 3 + (x * 7 + y * 13) % 4 near the corner. */
  {
    double hi = 0;

    for (guint i = 0; i < W * H; i++)
      hi = MAX (hi, expected[i]);
    g_assert_cmpfloat (hilum_image_get_max_value (image), ==, hi);
    g_assert_cmpfloat (hilum_image_get_min_value (image), ==, 0);
  }
}

static void
test_png_rgb (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("rgb.png");
  g_autofree guint8 *rgb = hilum_fixture_patches_rgb (W, H);
  g_autoptr(HilumImage) image = NULL;

  hilum_png_write_rgb8 (path, W, H, rgb, &error);
  g_assert_no_error (error);
  image = decode_ok (path);
  if (image == NULL)
    return;
  assert_patches (image, 0);
}

static void
test_jpeg (gconstpointer data)
{
  gboolean color = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autofree char *netpbm = fixture_path (color ? "jpeg-src.ppm" : "jpeg-src.pgm");
  g_autofree char *path = fixture_path (color ? "color.jpg" : "gray.jpg");

  if (color)
    {
      g_autofree guint8 *rgb = hilum_fixture_patches_rgb (W, H);

      hilum_fixture_write_ppm (netpbm, W, H, rgb, &error);
    }
  else
    {
      g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 255, 0, FALSE);

      hilum_fixture_write_pgm (netpbm, W, H, 255, values, &error);
    }
  g_assert_no_error (error);
  hilum_fixture_cjpeg (netpbm, path, 95, &error);
  g_assert_no_error (error);

  image = decode_ok (path);

  if (image == NULL)

    return;
  if (color)
    assert_patches (image, 6);
  else
    {
      g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 255, 0, FALSE);
      g_autofree double *expected = to_doubles (values, W * H, 1, 0);

      assert_gray_values (image, 0, expected, 4, 1);
    }
}

/* ---- metadata ----------------------------------------------------------------------- */

static void
test_metadata (void)
{
  static const HilumFixtureElement extra[] = {
    { 0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1337.5.3" },
    { 0x0018, 0x5101, "CS", "LL" },
    { 0x0020, 0x000d, "UI", "1.2.826.0.1.3680043.10.1337.5.1" },
    { 0x0020, 0x000e, "UI", "1.2.826.0.1.3680043.10.1337.5.2" },
    { 0x0020, 0x0020, "CS", "A\\F" },
    { 0x0028, 0x0030, "DS", "0.139\\0.143" },
    { 0, 0, NULL, NULL },
  };
  g_autofree char *path = make_tagged ("metadata.dcm", extra);
  g_autoptr(HilumImage) image = decode_ok (path);
  g_autoptr(HilumImage) header = NULL;
  g_autoptr(GError) error = NULL;
  const HilumImageInfo *info;
  HilumImage *both[2];

  header = hilum_decode_header (path, NULL, &error);
  g_assert_no_error (error);
  if (image == NULL || header == NULL)
    return;
  both[0] = image;
  both[1] = header;

  for (guint k = 0; k < 2; k++)
    {
      HilumImage *img = both[k];

      g_assert_cmpstr (hilum_image_get_path (img), ==, path);
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_SOP_INSTANCE_UID), ==,
                       "1.2.826.0.1.3680043.10.1337.5.3");
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_STUDY_INSTANCE_UID), ==,
                       "1.2.826.0.1.3680043.10.1337.5.1");
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_SERIES_INSTANCE_UID), ==,
                       "1.2.826.0.1.3680043.10.1337.5.2");
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_VIEW_POSITION), ==, "LL");
      g_assert_cmpint (hilum_image_get_view (img), ==, HILUM_VIEW_LATERAL);
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_PATIENT_ORIENTATION), ==, "A\\F");
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_MODALITY), ==, "CR");
      g_assert_cmpstr (hilum_image_get_string (img, HILUM_IMAGE_PATIENT_ID), ==, "HILUM-TEST");
      g_assert_cmpuint (hilum_image_get_width (img), ==, W);
      g_assert_cmpuint (hilum_image_get_height (img), ==, H);
      info = hilum_image_get_info (img);
      g_assert_true (info->has_pixel_spacing);
      g_assert_cmpfloat_with_epsilon (info->pixel_spacing[0], 0.139, 1e-12);
      g_assert_cmpfloat_with_epsilon (info->pixel_spacing[1], 0.143, 1e-12);
    }
}

static void
test_metadata_gdcmimg (void)
{
  /* The gdcmimg + dcmodify base: PA is frontal, tags set by dcmodify are read. */
  g_autofree char *base = make_base (12, TRUE);
  g_autoptr(HilumImage) image = decode_ok (base);
  const HilumImageInfo *info;

  if (image == NULL)
    return;
  info = hilum_image_get_info (image);

  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_VIEW_POSITION), ==, "PA");
  g_assert_cmpint (hilum_image_get_view (image), ==, HILUM_VIEW_FRONTAL);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_STUDY_INSTANCE_UID), ==,
                   "1.2.826.0.1.3680043.10.1337.77.1");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PATIENT_ORIENTATION), ==, "L\\F");
  g_assert_true (info->has_pixel_spacing);
  g_assert_cmpfloat_with_epsilon (info->pixel_spacing[0], 0.139, 1e-12);
  g_assert_cmpfloat_with_epsilon (info->pixel_spacing[1], 0.143, 1e-12);
  g_assert_cmpuint (info->bits_stored, ==, 12);
}

static void
test_no_spacing (void)
{
  g_autofree char *path = make_tagged ("no-spacing.dcm", NULL);
  g_autoptr(HilumImage) image = decode_ok (path);
  const HilumImageInfo *info;

  if (image == NULL)
    return;
  info = hilum_image_get_info (image);
  g_assert_false (info->has_pixel_spacing);
  g_assert_cmpfloat (info->rescale_slope, ==, 1);
  g_assert_cmpfloat (info->rescale_intercept, ==, 0);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_VIEW_POSITION), ==, "");
  g_assert_cmpint (hilum_image_get_view (image), ==, HILUM_VIEW_UNKNOWN);
}

static void
decode_async_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HilumImage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = hilum_decode_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *base = make_base (12, TRUE);
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 4095, 0, TRUE);
  g_autofree double *expected = to_doubles (values, W * H, 1, 0);
  g_autoptr(HilumImage) image = NULL;

  hilum_decode_file_async (base, NULL, decode_async_cb, &image);
  while (image == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_gray_values (image, 0, expected, 0, 0);
}

typedef struct
{
  gboolean    done;
  HilumImage *image;
  GError     *error;
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_clear_object (&loaded->image);
  g_clear_error (&loaded->error);
}

static void
header_async_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->image = hilum_decode_header_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static void
load_async_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->image = hilum_renderer_load_image_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static void
wait_loaded (Loaded *loaded)
{
  while (!loaded->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The header of the prior a user chooses: its tags, its file, no pixels. */
static void
test_header_async (void)
{
  g_autofree char *base = make_base (12, TRUE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Loaded loaded = { 0 };

  hilum_decode_header_async (base, NULL, header_async_cb, &loaded);
  wait_loaded (&loaded);
  g_assert_no_error (loaded.error);
  g_assert_cmpstr (hilum_image_get_path (loaded.image), ==, base);
  g_assert_cmpstr (hilum_image_get_string (loaded.image, HILUM_IMAGE_STUDY_INSTANCE_UID), ==,
                   "1.2.826.0.1.3680043.10.1337.77.1");
  g_assert_cmpint (hilum_image_get_view (loaded.image), ==, HILUM_VIEW_FRONTAL);
  g_assert_cmpuint (hilum_image_get_width (loaded.image), ==, W);
  g_assert_cmpuint (hilum_image_get_height (loaded.image), ==, H);
  g_assert_null (hilum_image_get_gray_frame (loaded.image, 0));
  loaded_clear (&loaded);

  /* A file that is not there: the decoder's message, through the callback. */
  loaded.done = FALSE;
  hilum_decode_header_async ("/nonexistent/prior.dcm", NULL, header_async_cb, &loaded);
  wait_loaded (&loaded);
  g_assert_null (loaded.image);
  g_assert_error (loaded.error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (loaded.error->message, "prior.dcm"));
  loaded_clear (&loaded);

  /* Another study shown meanwhile: cancelled, nothing returned. */
  loaded.done = FALSE;
  hilum_decode_header_async (base, cancellable, header_async_cb, &loaded);
  g_cancellable_cancel (cancellable);
  wait_loaded (&loaded);
  g_assert_null (loaded.image);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  loaded_clear (&loaded);
}

/* What the study view shows: every pixel decoded, the first frame's pyramid built in
 * the worker. */
static void
test_load_image_async (void)
{
  g_autofree char *base = make_base (12, TRUE);
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 4095, 0, TRUE);
  g_autofree double *expected = to_doubles (values, W * H, 1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Loaded loaded = { 0 };

  hilum_renderer_load_image_async (base, NULL, load_async_cb, &loaded);
  wait_loaded (&loaded);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.image);
  assert_gray_values (loaded.image, 0, expected, 0, 0);
  g_assert_cmpuint (hilum_image_get_gray_frame (loaded.image, 0)[5 * W + 7], ==, values[5 * W + 7]);
  g_assert_nonnull (g_object_get_data (G_OBJECT (loaded.image), "hilum-renderer-prepared-pyramid"));
  loaded_clear (&loaded);

  loaded.done = FALSE;
  hilum_renderer_load_image_async (base, cancellable, load_async_cb, &loaded);
  g_cancellable_cancel (cancellable);
  wait_loaded (&loaded);
  g_assert_null (loaded.image);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  loaded_clear (&loaded);

  loaded.done = FALSE;
  hilum_renderer_load_image_async ("/nonexistent/current.dcm", NULL, load_async_cb, &loaded);
  wait_loaded (&loaded);
  g_assert_null (loaded.image);
  g_assert_error (loaded.error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_FOUND);
  loaded_clear (&loaded);
}

/* ---- bad input ---------------------------------------------------------------------- */

static void
test_truncated_dicom (gconstpointer data)
{
  HilumFixtureSyntax syntax = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = make_base (12, TRUE);
  g_autofree char *name = g_strdup_printf ("truncated-%d-full.dcm", syntax);
  g_autofree char *full = fixture_path (name);
  g_autofree char *cut_name = g_strdup_printf ("truncated-%d.dcm", syntax);
  g_autofree char *cut = fixture_path (cut_name);

  hilum_fixture_transcode (base, full, syntax, &error);
  g_assert_no_error (error);
  hilum_fixture_truncate (full, cut, 0.5, &error);
  g_assert_no_error (error);
  decode_error (cut, HILUM_DECODE_ERROR_DAMAGED);
}

static void
test_truncated_png (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("full.png");
  g_autofree char *cut = fixture_path ("truncated.png");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 65535, 0, TRUE);

  hilum_png_write_gray16 (path, W, H, values, &error);
  g_assert_no_error (error);
  hilum_fixture_truncate (path, cut, 0.5, &error);
  g_assert_no_error (error);
  decode_error (cut, HILUM_DECODE_ERROR_DAMAGED);
}

static void
test_text_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("notes.txt");

  g_file_set_contents (path, "Chest PA and lateral: no acute findings.\n", -1, &error);
  g_assert_no_error (error);
  decode_error (path, HILUM_DECODE_ERROR_NOT_AN_IMAGE);
}

static void
test_no_pixel_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_tagged ("no-pixels.dcm", NULL);
  const char *argv[] = { "dcmodify", "-nb", "-ea", "(7fe0,0010)", path, NULL };

  hilum_fixture_run (argv, NULL, &error);
  g_assert_no_error (error);
  decode_error (path, HILUM_DECODE_ERROR_NOT_AN_IMAGE);
}

static void
test_missing_file (void)
{
  g_autofree char *path = fixture_path ("does-not-exist.dcm");

  decode_error (path, HILUM_DECODE_ERROR_NOT_FOUND);
}

static void
test_gdcm_abort (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("rtdose-abort.dcm");
  const char *argv[] = { "gdcminfo", path, NULL };
  int status = 0;

  hilum_fixture_write_gdcm_abort (path, &error);
  g_assert_no_error (error);

  /* The fixture really makes GDCM abort(). */
  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGABRT);

  /* …and this process lives on to report it. */
  decode_error (path, HILUM_DECODE_ERROR_CRASHED);
  decode_error (path, HILUM_DECODE_ERROR_CRASHED);
}

/* Replies a confused helper might send (the fuzzer found the first: "pixels" null made
 * the reader compare a NULL string): none is an image, none crashes. */
static void
test_bad_replies (void)
{
  static const char *replies[] = {
    "{\"pixels\": null, \"width\": 2, \"height\": 2, \"frames\": 1, \"pixel_bytes\": 8}\n12345678",
    "{\"pixels\": \"gray16\", \"width\": 2, \"height\": 2, \"frames\": 1, \"pixel_bytes\": 8}\n1234",
    "{\"pixels\": \"gray16\", \"width\": -2, \"height\": 2, \"frames\": 1, \"pixel_bytes\": -8}\n",
    "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]\n",
    "no newline at all",
  };
  static const char good[] =
    "{\"protocol\": 1, \"format\": \"png\", \"pixels\": \"gray16\", \"width\": 2, \"height\": 1, \"frames\": 1,"
    " \"pixel_bytes\": 4, \"value_scale\": 1, \"value_offset\": 0, \"window_center\": [\"x\", 2],"
    " \"window_width\": [{}, 3], \"pixel_spacing\": [null, 0.5], \"inverted_display\": \"yes\"}\n\x01\x00\x02\x00";
  g_autoptr(HilumImage) image = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    g_assert_null (_hilum_decoder_image_from_reply ((const guint8 *) replies[i], strlen (replies[i])));

  /* Odd values in a sound reply are read as nothing, not as a crash. */
  image = _hilum_decoder_image_from_reply ((const guint8 *) good, sizeof good - 1);
  g_assert_nonnull (image);
  g_assert_cmpuint (hilum_image_get_width (image), ==, 2);
  g_assert_false (hilum_image_get_inverted_display (image));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  fixture_dir = hilum_fixture_dir_new ();

  for (guint i = 0; i < G_N_ELEMENTS (syntax_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hilum/decode/syntax/%s", syntax_cases[i].name);

      g_test_add_data_func (path, &syntax_cases[i], test_syntax);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bits_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hilum/decode/bits/%s", bits_cases[i].name);

      g_test_add_data_func (path, &bits_cases[i], test_bits);
    }
  g_test_add_data_func ("/hilum/decode/photometric/monochrome1", "MONOCHROME1", test_monochrome);
  g_test_add_data_func ("/hilum/decode/photometric/monochrome2", "MONOCHROME2", test_monochrome);
  g_test_add_data_func ("/hilum/decode/color/rgb", GINT_TO_POINTER (COLOR_RGB), test_color);
  g_test_add_data_func ("/hilum/decode/color/rgb-planar", GINT_TO_POINTER (COLOR_RGB_PLANAR), test_color);
  g_test_add_data_func ("/hilum/decode/color/ybr-full", GINT_TO_POINTER (COLOR_YBR_FULL), test_color);
  g_test_add_data_func ("/hilum/decode/color/ybr-full-422", GINT_TO_POINTER (COLOR_YBR_FULL_422), test_color);
  g_test_add_data_func ("/hilum/decode/color/ybr-full-422-jpeg",
                        GINT_TO_POINTER (COLOR_YBR_FULL_422_JPEG), test_color);
  g_test_add_data_func ("/hilum/decode/color/rgb-rle", GINT_TO_POINTER (COLOR_RGB_RLE), test_color);
  g_test_add_data_func ("/hilum/decode/color/rgb-j2k", GINT_TO_POINTER (COLOR_RGB_J2K), test_color);
  g_test_add_func ("/hilum/decode/windows", test_windows);
  g_test_add_data_func ("/hilum/decode/voi-function/absent", "", test_voi_function);
  g_test_add_data_func ("/hilum/decode/voi-function/linear", "LINEAR", test_voi_function);
  g_test_add_data_func ("/hilum/decode/voi-function/linear-exact", "LINEAR_EXACT", test_voi_function);
  g_test_add_data_func ("/hilum/decode/voi-function/sigmoid", "SIGMOID", test_voi_function);
  g_test_add_func ("/hilum/decode/multiframe", test_multiframe);
  g_test_add_data_func ("/hilum/decode/png/gray8", GUINT_TO_POINTER (8), test_png);
  g_test_add_data_func ("/hilum/decode/png/gray16", GUINT_TO_POINTER (16), test_png);
  g_test_add_func ("/hilum/decode/png/rgb", test_png_rgb);
  g_test_add_data_func ("/hilum/decode/jpeg/gray", GINT_TO_POINTER (FALSE), test_jpeg);
  g_test_add_data_func ("/hilum/decode/jpeg/color", GINT_TO_POINTER (TRUE), test_jpeg);
  g_test_add_func ("/hilum/decode/metadata/tags", test_metadata);
  g_test_add_func ("/hilum/decode/metadata/gdcmimg", test_metadata_gdcmimg);
  g_test_add_func ("/hilum/decode/metadata/absent", test_no_spacing);
  g_test_add_func ("/hilum/decode/async", test_async);
  g_test_add_func ("/hilum/decode/header-async", test_header_async);
  g_test_add_func ("/hilum/renderer/load-image-async", test_load_image_async);
  g_test_add_data_func ("/hilum/decode/error/truncated-dicom",
                        GINT_TO_POINTER (HILUM_FIXTURE_EXPLICIT_LE), test_truncated_dicom);
  g_test_add_data_func ("/hilum/decode/error/truncated-dicom-rle",
                        GINT_TO_POINTER (HILUM_FIXTURE_RLE), test_truncated_dicom);
  g_test_add_data_func ("/hilum/decode/error/truncated-dicom-j2k",
                        GINT_TO_POINTER (HILUM_FIXTURE_J2K), test_truncated_dicom);
  g_test_add_func ("/hilum/decode/error/truncated-png", test_truncated_png);
  g_test_add_func ("/hilum/decode/error/text-file", test_text_file);
  g_test_add_func ("/hilum/decode/error/no-pixel-data", test_no_pixel_data);
  g_test_add_func ("/hilum/decode/error/missing-file", test_missing_file);
  g_test_add_func ("/hilum/decode/error/gdcm-abort", test_gdcm_abort);
  g_test_add_func ("/hilum/decode/error/bad-replies", test_bad_replies);

  status = g_test_run ();
  hilum_fixture_dir_remove (fixture_dir);
  g_free (fixture_dir);
  return status;
}
