/* test-presets.c — the numbers behind File Default, Auto, Lung, Mediastinum and Bone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "hilum-image.h"
#include "hilum-presets.h"
#include "hilum-voi.h"

/* A 1-frame gray image holding @n given indices (any layout: presets look at values). */
static HilumImage *
image_from (const guint16 *indices,
            guint          n,
            double         scale,
            double         offset)
{
  return hilum_image_new_gray (n, 1, 1, g_memdup2 (indices, n * sizeof (guint16)), scale, offset);
}

/* 1000 pixels, the values 0..999 once each. */
static HilumImage *
ramp_image (double scale,
            double offset)
{
  guint16 indices[1000];

  for (guint i = 0; i < 1000; i++)
    indices[i] = (i * 367) % 1000;    /* shuffled: order must not matter */

  return image_from (indices, 1000, scale, offset);
}

static void
assert_window (HilumPreset  preset,
               HilumImage  *image,
               guint        frame,
               double       center,
               double       width)
{
  double c, w;

  hilum_preset_compute (preset, image, frame, &c, &w);
  if (fabs (c - center) > 1e-9 || fabs (w - width) > 1e-9)
    g_error ("preset %s: window %g/%g, expected %g/%g",
             hilum_preset_get_name (preset), c, w, center, width);
}

static void
test_names (void)
{
  static const char *names[] = { "default", "auto", "lung", "mediastinum", "bone" };
  static const char *labels[] = { "File Default", "Auto", "Lung", "Mediastinum", "Bone" };
  HilumPreset preset;

  for (guint i = 0; i < HILUM_N_PRESETS; i++)
    {
      g_assert_cmpstr (hilum_preset_get_name (i), ==, names[i]);
      g_assert_cmpstr (hilum_preset_get_label (i), ==, labels[i]);
      g_assert_true (hilum_preset_from_name (names[i], &preset));
      g_assert_cmpint (preset, ==, i);
    }

  g_assert_true (hilum_preset_from_name ("Lung", &preset));
  g_assert_cmpint (preset, ==, HILUM_PRESET_LUNG);
  g_assert_false (hilum_preset_from_name ("soft-tissue", &preset));
  g_assert_false (hilum_preset_from_name ("", &preset));
}

static void
test_default_file_window (void)
{
  g_autoptr(HilumImage) image = ramp_image (1, 0);

  /* The first window of the file, whatever the pixels. */
  hilum_image_add_window (image, 40, 400);
  hilum_image_add_window (image, 500, 2000);
  assert_window (HILUM_PRESET_DEFAULT, image, 0, 40, 400);
}

static void
test_default_range (void)
{
  guint16 indices[1001];
  g_autoptr(HilumImage) plain = NULL;
  g_autoptr(HilumImage) rescaled = NULL;
  g_autoptr(HilumImage) reversed = NULL;
  double c, w;

  for (guint i = 0; i < 1001; i++)
    indices[i] = 100 + i;
  plain = image_from (indices, 1001, 1, 0);
  rescaled = image_from (indices, 1001, 2, -1024);
  reversed = image_from (indices, 1001, -1, 1000);

  /* Values 100..1100: c = 600.5, w = 1001, so 100 is black and 1100 white exactly. */
  assert_window (HILUM_PRESET_DEFAULT, plain, 0, 600.5, 1001);
  hilum_preset_compute (HILUM_PRESET_DEFAULT, plain, 0, &c, &w);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 100), ==, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 101), >, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1100), ==, 255);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1099), <, 255);

  /* In modality values: slope 2, intercept -1024 gives -824..1176. */
  assert_window (HILUM_PRESET_DEFAULT, rescaled, 0, 176.5, 2001);
  /* A negative slope reverses the order: values -100..900. */
  assert_window (HILUM_PRESET_DEFAULT, reversed, 0, 400.5, 1001);
}

static void
test_default_frames (void)
{
  guint16 *indices = g_new (guint16, 2 * 11);
  g_autoptr(HilumImage) image = NULL;

  /* Frame 0 holds 0..10, frame 1 holds 10..20. */
  for (guint i = 0; i < 11; i++)
    {
      indices[i] = i;
      indices[11 + i] = 10 + i;
    }
  image = hilum_image_new_gray (11, 1, 2, indices, 1, 0);

  assert_window (HILUM_PRESET_DEFAULT, image, 0, 5.5, 11);
  assert_window (HILUM_PRESET_DEFAULT, image, 1, 15.5, 11);
}

static void
test_auto (void)
{
  guint16 indices[2000];
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(HilumImage) rescaled = NULL;
  double c, w;
  guint n = 0;

  /* 5 dead pixels at 0, 1989 pixels at 100..2088, 6 hot pixels at 4000. The 0.5th
   * percentile is the 10th smallest value (104), the 99.5th the 1990th (2084): the
   * outliers do not count. */
  for (guint i = 0; i < 5; i++)
    indices[n++] = 0;
  for (guint i = 0; i < 1989; i++)
    indices[n++] = 100 + i;
  for (guint i = 0; i < 6; i++)
    indices[n++] = 4000;
  image = image_from (indices, n, 1, 0);
  rescaled = image_from (indices, n, 0.5, 10);

  assert_window (HILUM_PRESET_AUTO, image, 0, (104 + 2084) / 2.0 + 0.5, 2084 - 104 + 1);
  hilum_preset_compute (HILUM_PRESET_AUTO, image, 0, &c, &w);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 104), ==, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 2084), ==, 255);

  /* The file window does not matter to Auto. */
  hilum_image_add_window (image, 40, 400);
  assert_window (HILUM_PRESET_AUTO, image, 0, (104 + 2084) / 2.0 + 0.5, 2084 - 104 + 1);

  /* Values 62..1052 after slope 0.5, intercept 10. */
  assert_window (HILUM_PRESET_AUTO, rescaled, 0, (62 + 1052) / 2.0 + 0.5, 1052 - 62 + 1);
}

static void
test_relative (void)
{
  g_autoptr(HilumImage) image = ramp_image (1, 0);
  g_autoptr(HilumImage) rescaled = ramp_image (2, -1000);
  g_autoptr(HilumImage) mono1 = ramp_image (1, 0);
  HilumImageInfo info = *hilum_image_get_info (mono1);

  /* Values 0..999 once each: P1 = 9, P99 = 989, R = 980.
   * Lung        C = P1 + 0.40 R = 401,  W = 0.60 R = 588
   * Mediastinum C = P1 + 0.70 R = 695,  W = 0.50 R = 490
   * Bone        C = P1 + 0.80 R = 793,  W = 0.35 R = 343 */
  assert_window (HILUM_PRESET_LUNG, image, 0, 401, 588);
  assert_window (HILUM_PRESET_MEDIASTINUM, image, 0, 695, 490);
  assert_window (HILUM_PRESET_BONE, image, 0, 793, 343);

  /* In modality values: -1000..998 step 2, P1 = -982, P99 = 978, R = 1960. */
  assert_window (HILUM_PRESET_LUNG, rescaled, 0, -982 + 784, 1176);
  assert_window (HILUM_PRESET_MEDIASTINUM, rescaled, 0, -982 + 1372, 980);
  assert_window (HILUM_PRESET_BONE, rescaled, 0, -982 + 1568, 686);

  /* MONOCHROME1 is shown inverted: the same tissue sits at the other end. */
  info.inverted_display = TRUE;
  hilum_image_set_info (mono1, &info);
  assert_window (HILUM_PRESET_LUNG, mono1, 0, 989 - 392, 588);
  assert_window (HILUM_PRESET_MEDIASTINUM, mono1, 0, 989 - 686, 490);
  assert_window (HILUM_PRESET_BONE, mono1, 0, 989 - 784, 343);
}

/* What the presets look like on a chest-like histogram: air (dark), lung, soft tissue
 * and bone (bright) populations. Each preset must show its tissue in mid-grey and
 * push the others to the ends. */
static void
test_relative_tissues (void)
{
  static const struct { guint value, count; } populations[] = {
    { 100, 1000 },     /* air beside the body */
    { 1400, 3000 },    /* aerated lung */
    { 2300, 3000 },    /* chest wall */
    { 3000, 2000 },    /* heart and mediastinum */
    { 3600, 1000 },    /* spine, shoulders */
  };
  guint16 indices[10000];
  g_autoptr(HilumImage) image = NULL;
  double c, w;
  guint n = 0;

  for (guint p = 0; p < G_N_ELEMENTS (populations); p++)
    for (guint i = 0; i < populations[p].count; i++)
      indices[n++] = populations[p].value;
  image = image_from (indices, n, 1, 0);

  hilum_preset_compute (HILUM_PRESET_LUNG, image, 0, &c, &w);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 100), ==, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1400), >, 70);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1400), <, 180);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3000), ==, 255);

  hilum_preset_compute (HILUM_PRESET_MEDIASTINUM, image, 0, &c, &w);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1400), ==, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3000), >, 100);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3000), <, 230);

  hilum_preset_compute (HILUM_PRESET_BONE, image, 0, &c, &w);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 1400), ==, 0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3000), <,
                     hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3600));
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, c, w, 3600), >, 200);
}

static void
test_color (void)
{
  static const guint8 rgb[12] = { 20, 30, 40,   200, 210, 220,   50, 60, 70,   5, 250, 128 };
  g_autoptr(HilumImage) image = hilum_image_new_rgb (2, 2, 1, g_memdup2 (rgb, sizeof rgb));

  /* Every channel counts: 5..250. */
  assert_window (HILUM_PRESET_DEFAULT, image, 0, 128, 246);
}

static void
test_degenerate (void)
{
  static const guint16 flat[4] = { 500, 500, 500, 500 };
  g_autoptr(HilumImage) flat_image = image_from (flat, 4, 1, 0);
  g_autoptr(HilumImage) header_only = hilum_image_new_gray (4, 4, 1, NULL, 1, 0);
  double c, w;

  /* A flat image: a threshold just above its value, never a zero width. */
  assert_window (HILUM_PRESET_DEFAULT, flat_image, 0, 500.5, 1);
  assert_window (HILUM_PRESET_AUTO, flat_image, 0, 500.5, 1);
  hilum_preset_compute (HILUM_PRESET_LUNG, flat_image, 0, &c, &w);
  g_assert_cmpfloat (w, >=, 1);

  /* No pixels at all: the 8-bit identity, or the file window when there is one. */
  for (HilumPreset p = 0; p < HILUM_N_PRESETS; p++)
    assert_window (p, header_only, 0, 128, 256);
  hilum_image_add_window (header_only, 1000, 3000);
  assert_window (HILUM_PRESET_DEFAULT, header_only, 0, 1000, 3000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/presets/names", test_names);
  g_test_add_func ("/hilum/presets/default/file-window", test_default_file_window);
  g_test_add_func ("/hilum/presets/default/range", test_default_range);
  g_test_add_func ("/hilum/presets/default/frames", test_default_frames);
  g_test_add_func ("/hilum/presets/auto", test_auto);
  g_test_add_func ("/hilum/presets/relative", test_relative);
  g_test_add_func ("/hilum/presets/relative/tissues", test_relative_tissues);
  g_test_add_func ("/hilum/presets/color", test_color);
  g_test_add_func ("/hilum/presets/degenerate", test_degenerate);

  return g_test_run ();
}
