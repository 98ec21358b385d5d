/* test-voi.c — the DICOM VOI LUT functions, value by value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "hilum-voi.h"

/* The 8-bit value a user sees for modality value @x. */
static int
shown (HilumVoiFunction function,
       double           center,
       double           width,
       double           x)
{
  guint8 table[1];

  hilum_voi_fill_table (function, center, width, FALSE, 0.0, x, table, 1);

  return table[0];
}

static void
test_linear_edges (void)
{
  /* c = 2048, w = 4096 (a 12-bit image shown in full): the bounds are
   * c - 0.5 -/+ (w - 1) / 2 = 0 and 4095. */
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, 0), ==, 0.0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, -1000), ==, 0.0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, 4095), ==, 255.0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, 4096), ==, 255.0);
  /* x = 1: ((1 - 2047.5) / 4095 + 0.5) * 255 = 0.0623 */
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, 1),
                                  0.5 * 255.0 / 4095.0 * 2.0, 1e-9);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 0), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 1), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 4094), ==, 255);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 4095), ==, 255);

  /* c = 40, w = 400 (a typical soft-tissue window): black at and below -160, white
   * above 239; x = -159 gives ((-159 - 39.5) / 399 + 0.5) * 255 = 0.639 -> 1. */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 40, 400, -160), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 40, 400, -159), ==, 1);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 40, 400, 239), ==, 255);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 40, 400, 238), ==, 254);
}

static void
test_linear_middle (void)
{
  /* x = 2048: (0.5 / 4095 + 0.5) * 255 = 127.531 -> 128; x = 2047: 127.469 -> 127. */
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_LINEAR, 2048, 4096, 2048),
                                  127.5 + 127.5 / 4095.0, 1e-9);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 2048), ==, 128);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 2047), ==, 127);
  /* x = c - 0.5 is the exact middle. */
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR, 40, 400, 39.5), ==, 127.5);
  /* x = 1024: ((1024 - 2047.5) / 4095 + 0.5) * 255 = 63.766 -> 64 */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 2048, 4096, 1024), ==, 64);
  /* c = 128, w = 256 is the identity on 8-bit values. */
  for (int x = 0; x < 256; x++)
    g_assert_cmpint (shown (HILUM_VOI_LINEAR, 128, 256, x), ==, x);
}

static void
test_linear_narrow (void)
{
  /* Width 1 is a threshold at c - 0.5; widths below 1 behave as 1. */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 1, 99), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 1, 99.5), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 1, 99.6), ==, 255);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 1, 100), ==, 255);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 0.25, 99.5), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 0.25, 100), ==, 255);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, -5, 100), ==, 255);
  /* Width 2: bounds 99 and 100; x = 99.5 -> (0 / 1 + 0.5) * 255 = 127.5 -> 128. */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 2, 99), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 2, 99.5), ==, 128);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR, 100, 2, 100), ==, 255);
}

static void
test_linear_exact (void)
{
  /* y = ((x - c) / w + 0.5) * 255, black at x <= c - w/2, white at x > c + w/2. */
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 0), ==, 0.0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 2048), ==, 127.5);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 1024), ==, 63.75);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 4096), ==, 255.0);
  g_assert_cmpfloat (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 5000), ==, 255.0);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 2048), ==, 128);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 1024), ==, 64);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 1), ==, 0);     /* 0.062 */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 3), ==, 0);     /* 0.187 */
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 9), ==, 1);     /* 0.560 */
  /* x = 4080: (2032 / 4096 + 0.5) * 255 = 254.0039 */
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 4080),
                                  254.00390625, 1e-9);
  g_assert_cmpint (shown (HILUM_VOI_LINEAR_EXACT, 2048, 4096, 4080), ==, 254);
}

static void
test_sigmoid (void)
{
  /* 255 / (1 + exp (-4 (x - c) / w)): the middle is 127.5, x = c -/+ w/2 gives
   * 255 / (1 + e^2) = 30.397 and 255 / (1 + e^-2) = 224.603. */
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_SIGMOID, 2048, 4096, 2048),
                                  127.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_SIGMOID, 2048, 4096, 0),
                                  30.39675, 1e-4);
  g_assert_cmpfloat_with_epsilon (hilum_voi_apply (HILUM_VOI_SIGMOID, 2048, 4096, 4096),
                                  224.60325, 1e-4);
  g_assert_cmpint (shown (HILUM_VOI_SIGMOID, 2048, 4096, 0), ==, 30);
  g_assert_cmpint (shown (HILUM_VOI_SIGMOID, 2048, 4096, 2048), ==, 128);
  g_assert_cmpint (shown (HILUM_VOI_SIGMOID, 2048, 4096, 4096), ==, 225);
  /* Far out it saturates without overflow. */
  g_assert_cmpint (shown (HILUM_VOI_SIGMOID, 0, 1, -1e6), ==, 0);
  g_assert_cmpint (shown (HILUM_VOI_SIGMOID, 0, 1, 1e6), ==, 255);
}

static void
test_invert (void)
{
  guint8 plain[4096], inverted[4096];

  hilum_voi_fill_table (HILUM_VOI_LINEAR, 2048, 4096, FALSE, 1, 0, plain, 4096);
  hilum_voi_fill_table (HILUM_VOI_LINEAR, 2048, 4096, TRUE, 1, 0, inverted, 4096);

  g_assert_cmpint (inverted[0], ==, 255);
  g_assert_cmpint (inverted[4095], ==, 0);
  g_assert_cmpint (inverted[2048], ==, 127);
  for (guint i = 0; i < 4096; i++)
    g_assert_cmpint (inverted[i], ==, 255 - plain[i]);
}

static void
test_table_full (void)
{
  g_autofree guint8 *table = g_malloc (65536);

  /* A 16-bit index space with a 12-bit window: everything above 4095 is white. */
  hilum_voi_fill_table (HILUM_VOI_LINEAR, 2048, 4096, FALSE, 1, 0, table, 65536);
  g_assert_cmpint (table[0], ==, 0);
  g_assert_cmpint (table[1024], ==, 64);
  g_assert_cmpint (table[2047], ==, 127);
  g_assert_cmpint (table[2048], ==, 128);
  g_assert_cmpint (table[4095], ==, 255);
  g_assert_cmpint (table[65535], ==, 255);

  /* Modality values: index i is the value 2 i - 1024 (CT-like rescale). */
  hilum_voi_fill_table (HILUM_VOI_LINEAR, 40, 400, FALSE, 2, -1024, table, 65536);
  g_assert_cmpint (table[432], ==, 0);      /* -160 */
  g_assert_cmpint (table[532], ==, 128);    /* 40: (0.5 / 399 + 0.5) * 255 = 127.8 */
  g_assert_cmpint (table[632], ==, 255);    /* 240 */
}

/* The fast table must be the same, entry for entry, as the formula. */
static void
test_table_matches_apply (void)
{
  static const struct { double c, w, scale, offset; guint n; } cases[] = {
    { 2048, 4096, 1, 0, 4096 },
    { 40, 400, 1, -1024, 4096 },
    { 40, 400, 2, -1024, 2048 },
    { 100.5, 1, 1, 0, 256 },
    { 100, 2, 0.5, 0, 512 },
    { 1000.25, 333.3, 0.37, 12.5, 65536 },
    { 0, 1e6, 1, -32768, 65536 },
    { 500, 80, -1, 1000, 1200 },     /* negative rescale slope */
    { 7, 3, 1, 0, 1 },
    { 1e9, 10, 1, 0, 300 },          /* window far outside the data */
  };
  g_autofree guint8 *table = g_malloc (65536);
  g_autofree guint8 *inverted = g_malloc (65536);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      for (HilumVoiFunction f = HILUM_VOI_LINEAR; f <= HILUM_VOI_SIGMOID; f++)
        {
          hilum_voi_fill_table (f, cases[k].c, cases[k].w, FALSE,
                                cases[k].scale, cases[k].offset, table, cases[k].n);
          hilum_voi_fill_table (f, cases[k].c, cases[k].w, TRUE,
                                cases[k].scale, cases[k].offset, inverted, cases[k].n);

          for (guint i = 0; i < cases[k].n; i++)
            {
              double y = hilum_voi_apply (f, cases[k].c, cases[k].w,
                                          i * cases[k].scale + cases[k].offset);
              int expected = (int) floor (y + 0.5);

              if (table[i] != expected || inverted[i] != 255 - expected)
                g_error ("case %u function %d index %u: table %d, inverted %d, formula %d",
                         k, f, i, table[i], inverted[i], expected);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/voi/linear/edges", test_linear_edges);
  g_test_add_func ("/hilum/voi/linear/middle", test_linear_middle);
  g_test_add_func ("/hilum/voi/linear/narrow", test_linear_narrow);
  g_test_add_func ("/hilum/voi/linear-exact", test_linear_exact);
  g_test_add_func ("/hilum/voi/sigmoid", test_sigmoid);
  g_test_add_func ("/hilum/voi/invert", test_invert);
  g_test_add_func ("/hilum/voi/table/full", test_table_full);
  g_test_add_func ("/hilum/voi/table/matches-apply", test_table_matches_apply);

  return g_test_run ();
}
