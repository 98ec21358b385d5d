/* test-box-geometry.c — boxes between widget, image and normalised coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user sees: a box dragged at any zoom and pan lands on the image pixels that
 * were under the pointer, and comes back to the same widget points; moves, resizes and
 * nudges count in image pixels and stop at the image border.
 */
#include <math.h>

#include "hilum-box-geometry.h"
#include "hilum-fixtures.h"
#include "hilum-viewport.h"

#define W 1824
#define H 1652

static HilumViewport *
viewport_new (guint  image_width,
              guint  image_height,
              double widget_width,
              double widget_height)
{
  HilumViewport *viewport = hilum_fixture_viewport_new (image_width, image_height,
                                                        widget_width, widget_height);

  hilum_viewport_fit (viewport);

  return viewport;
}

static void
assert_box (const double box[4],
            double       x1,
            double       y1,
            double       x2,
            double       y2)
{
  g_assert_cmpfloat_with_epsilon (box[0], x1, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[1], y1, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[2], x2, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[3], y2, 1e-12);
}

/* Zooms from 1/16 to 32 and pans all over: widget → norm → widget returns the same
 * point, and norm is the viewport's image coordinate divided by the image size. */
static void
test_round_trip (void)
{
  g_autoptr(HilumViewport) viewport = viewport_new (W, H, 900, 700);
  static const double zooms[] = { 1.0 / 16, 0.1, 0.37, 0.5, 1, 1.5, 2, 3.3, 8, 32 };
  static const double centers[][2] = {
    { 0, 0 }, { 912, 826 }, { 1824, 1652 }, { 100.25, 1500.75 }, { 1800, 3 },
  };
  guint n = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint c = 0; c < G_N_ELEMENTS (centers); c++)
      {
        hilum_viewport_set_zoom (viewport, zooms[z]);
        hilum_viewport_set_center (viewport, centers[c][0], centers[c][1]);
        g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), zooms[z], 1e-12);

        for (double wx = -50; wx <= 950; wx += 97.5)
          for (double wy = -30; wy <= 730; wy += 83.25)
            {
              double nx, ny, ix, iy, bx, by;

              hilum_box_widget_to_norm (viewport, wx, wy, &nx, &ny);
              hilum_viewport_widget_to_image (viewport, wx, wy, &ix, &iy);
              g_assert_cmpfloat (nx, ==, ix / W);
              g_assert_cmpfloat (ny, ==, iy / H);

              hilum_box_norm_to_widget (viewport, nx, ny, &bx, &by);
              g_assert_cmpfloat_with_epsilon (bx, wx, 1e-9);
              g_assert_cmpfloat_with_epsilon (by, wy, 1e-9);
              n++;
            }
      }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (zooms) * G_N_ELEMENTS (centers) * 11 * 10);
}

/* A drag from (x0, y0) to (x1, y1) — in any direction — gives the image rectangle
 * between the two points, over the image size; its widget rectangle is the drag. */
static void
test_drag (void)
{
  g_autoptr(HilumViewport) viewport = viewport_new (W, H, 900, 700);
  static const double zooms[] = { 0.2, 0.38, 1, 2.5, 7 };
  static const double drags[][4] = {
    { 100, 120, 300, 260 }, { 300, 260, 100, 120 }, { 450, 10, 449, 600 },
    { 10.5, 690.25, 880.75, 5.5 },
  };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint d = 0; d < G_N_ELEMENTS (drags); d++)
      {
        const double *g = drags[d];
        double norm[4], ix0, iy0, ix1, iy1, r[4];
        gboolean inside;

        hilum_viewport_set_zoom (viewport, zooms[z]);
        hilum_viewport_set_center (viewport, 700 + 40 * d, 900 - 30 * z);

        hilum_viewport_widget_to_image (viewport, g[0], g[1], &ix0, &iy0);
        hilum_viewport_widget_to_image (viewport, g[2], g[3], &ix1, &iy1);
        inside = MIN (ix0, ix1) >= 0 && MAX (ix0, ix1) <= W &&
                 MIN (iy0, iy1) >= 0 && MAX (iy0, iy1) <= H;

        hilum_box_from_widget_drag (viewport, g[0], g[1], g[2], g[3], norm);
        g_assert_cmpfloat (norm[0], ==, CLAMP (MIN (ix0, ix1) / W, 0, 1));
        g_assert_cmpfloat (norm[1], ==, CLAMP (MIN (iy0, iy1) / H, 0, 1));
        g_assert_cmpfloat (norm[2], ==, CLAMP (MAX (ix0, ix1) / W, 0, 1));
        g_assert_cmpfloat (norm[3], ==, CLAMP (MAX (iy0, iy1) / H, 0, 1));

        if (inside)
          {
            hilum_box_norm_to_widget_rect (viewport, norm, r);
            g_assert_cmpfloat_with_epsilon (r[0], MIN (g[0], g[2]), 1e-9);
            g_assert_cmpfloat_with_epsilon (r[1], MIN (g[1], g[3]), 1e-9);
            g_assert_cmpfloat_with_epsilon (r[2], MAX (g[0], g[2]), 1e-9);
            g_assert_cmpfloat_with_epsilon (r[3], MAX (g[1], g[3]), 1e-9);
          }
      }
}

/* A drag that leaves the image is cut at its border; one that spans less than two
 * image pixels (at any zoom) gives no box. */
static void
test_drag_clamp_and_minimum (void)
{
  g_autoptr(HilumViewport) viewport = viewport_new (200, 100, 400, 300);
  double norm[4], wx, wy;

  /* Fit: zoom 2, the image occupies x 0..400, y 50..250. */
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 2.0, 1e-12);

  g_assert_true (hilum_box_from_widget_drag (viewport, -30, 10, 100, 150, norm));
  assert_box (norm, 0, 0, 50.0 / 200, 50.0 / 100);
  g_assert_true (hilum_box_from_widget_drag (viewport, 390, 240, 500, 290, norm));
  assert_box (norm, 195.0 / 200, 95.0 / 100, 1, 1);

  /* 3.9 widget pixels are 1.95 image pixels at zoom 2: too small either way. */
  g_assert_false (hilum_box_from_widget_drag (viewport, 100, 100, 103.9, 140, norm));
  g_assert_false (hilum_box_from_widget_drag (viewport, 100, 100, 140, 103.9, norm));
  g_assert_true (hilum_box_from_widget_drag (viewport, 100, 100, 104, 104, norm));
  assert_box (norm, 50.0 / 200, 25.0 / 100, 52.0 / 200, 27.0 / 100);

  /* Zoomed in 16×, 20 widget pixels are 1.25 image pixels: no box. */
  hilum_viewport_zoom_at (viewport, 16, 200, 150);
  g_assert_false (hilum_box_from_widget_drag (viewport, 100, 100, 120, 120, norm));
  g_assert_true (hilum_box_from_widget_drag (viewport, 100, 100, 132, 132, norm));
  hilum_box_norm_to_widget (viewport, norm[2], norm[3], &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 132, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 132, 1e-9);

  /* Outside the image altogether: a degenerate box on the border, not kept. */
  hilum_viewport_fit (viewport);
  g_assert_false (hilum_box_from_widget_drag (viewport, 10, 5, 300, 40, norm));
  g_assert_cmpfloat (norm[1], ==, 0);
  g_assert_cmpfloat (norm[3], ==, 0);
}

static void
test_hit (void)
{
  g_autoptr(HilumViewport) viewport = viewport_new (200, 100, 400, 300);
  const double box[4] = { 0.25, 0.2, 0.75, 0.8 };   /* widget 100,90 – 300,210 */
  const double tiny[4] = { 0.5, 0.5, 0.52, 0.53 };  /* widget 200,150 – 208,156 */
  struct { double x, y; HilumBoxPart part; } cases[] = {
    { 100, 90, HILUM_BOX_PART_TOP_LEFT },
    { 104, 86, HILUM_BOX_PART_TOP_LEFT },
    { 200, 90, HILUM_BOX_PART_TOP },
    { 300, 92, HILUM_BOX_PART_TOP_RIGHT },
    { 305, 150, HILUM_BOX_PART_RIGHT },
    { 296, 206, HILUM_BOX_PART_BOTTOM_RIGHT },
    { 200, 213, HILUM_BOX_PART_BOTTOM },
    { 100, 210, HILUM_BOX_PART_BOTTOM_LEFT },
    { 97, 150, HILUM_BOX_PART_LEFT },
    { 150, 120, HILUM_BOX_PART_INSIDE },
    { 200, 150, HILUM_BOX_PART_INSIDE },
    { 94, 150, HILUM_BOX_PART_NONE },
    { 200, 220, HILUM_BOX_PART_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (hilum_box_hit_test (viewport, box, cases[i].x, cases[i].y, TRUE, 5),
                     ==, cases[i].part);

  /* Without handles (another reader's box) the border is just the inside. */
  g_assert_cmpint (hilum_box_hit_test (viewport, box, 100, 90, FALSE, 5), ==, HILUM_BOX_PART_INSIDE);
  g_assert_cmpint (hilum_box_hit_test (viewport, box, 97, 150, FALSE, 5), ==, HILUM_BOX_PART_NONE);

  /* A box small on screen offers its corners only. */
  g_assert_false (hilum_box_has_side_handles (viewport, tiny, 5));
  g_assert_true (hilum_box_has_side_handles (viewport, box, 5));
  g_assert_cmpint (hilum_box_hit_test (viewport, tiny, 202, 152, TRUE, 5), ==, HILUM_BOX_PART_TOP_LEFT);
  g_assert_cmpint (hilum_box_hit_test (viewport, tiny, 207, 151, TRUE, 5), ==, HILUM_BOX_PART_TOP_RIGHT);

  /* Zoom changes where the handles are, not what they are. */
  hilum_viewport_zoom_at (viewport, 8, 200, 150);
  {
    double hx, hy;

    hilum_box_handle_position (viewport, box, HILUM_BOX_PART_BOTTOM_RIGHT, &hx, &hy);
    g_assert_cmpint (hilum_box_hit_test (viewport, box, hx - 3, hy + 3, TRUE, 5), ==,
                     HILUM_BOX_PART_BOTTOM_RIGHT);
    g_assert_cmpfloat_with_epsilon (hx, (150 - 100) * 8 + 200, 1e-9);
    g_assert_cmpfloat_with_epsilon (hy, (80 - 50) * 8 + 150, 1e-9);
  }
}

/* Nudges and moves count in image pixels and keep the size at the border. */
static void
test_translate (void)
{
  const double box[4] = { 0.25, 0.2, 0.75, 0.8 };
  double out[4];

  hilum_box_translate (200, 100, box, 1, 0, out);
  assert_box (out, 0.25 + 1.0 / 200, 0.2, 0.75 + 1.0 / 200, 0.8);
  hilum_box_translate (200, 100, box, 0, -10, out);
  assert_box (out, 0.25, 0.1, 0.75, 0.7);

  /* 60 pixels left only fit 50: the box stops at the left border, same size. */
  hilum_box_translate (200, 100, box, -60, 0, out);
  assert_box (out, 0, 0.2, 0.5, 0.8);
  hilum_box_translate (200, 100, box, 1000, 1000, out);
  assert_box (out, 0.5, 0.4, 1, 1);
}

static void
test_resize (void)
{
  const double box[4] = { 0.25, 0.2, 0.75, 0.8 };   /* pixels 50,20 – 150,80 */
  double out[4];

  hilum_box_resize (200, 100, box, HILUM_BOX_PART_BOTTOM_RIGHT, 10, 5, out);
  assert_box (out, 0.25, 0.2, 0.8, 0.85);
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_TOP_LEFT, -10, -5, out);
  assert_box (out, 0.2, 0.15, 0.75, 0.8);
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_TOP, 33, 7, out);
  assert_box (out, 0.25, 0.27, 0.75, 0.8);
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_LEFT, 7, 33, out);
  assert_box (out, 0.285, 0.2, 0.75, 0.8);
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_INSIDE, 7, 3, out);
  assert_box (out, 0.285, 0.23, 0.785, 0.83);

  /* Past the opposite edge: stops two pixels short of it, never flips. */
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_RIGHT, -500, 0, out);
  assert_box (out, 0.25, 0.2, 0.26, 0.8);
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_BOTTOM_LEFT, 500, -500, out);
  assert_box (out, 0.74, 0.2, 0.75, 0.22);
  g_assert_true (hilum_box_is_big_enough (200, 100, out));

  /* Past the image border: stops on it. */
  hilum_box_resize (200, 100, box, HILUM_BOX_PART_TOP_RIGHT, 500, -500, out);
  assert_box (out, 0.25, 0, 1, 0.8);
}

static void
test_clamp (void)
{
  double box[4] = { 1.2, 0.7, -0.1, 0.3 };

  hilum_box_clamp (box);
  assert_box (box, 0, 0.3, 1, 0.7);

  g_assert_true (hilum_box_is_big_enough (200, 100, (double[4]) { 0.1, 0.1, 0.11, 0.12 }));
  g_assert_false (hilum_box_is_big_enough (200, 100, (double[4]) { 0.1, 0.1, 0.109, 0.12 }));
  g_assert_false (hilum_box_is_big_enough (200, 100, (double[4]) { 0.1, 0.1, 0.11, 0.119 }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/box-geometry/round-trip", test_round_trip);
  g_test_add_func ("/hilum/box-geometry/drag", test_drag);
  g_test_add_func ("/hilum/box-geometry/drag-clamp-and-minimum", test_drag_clamp_and_minimum);
  g_test_add_func ("/hilum/box-geometry/hit", test_hit);
  g_test_add_func ("/hilum/box-geometry/translate", test_translate);
  g_test_add_func ("/hilum/box-geometry/resize", test_resize);
  g_test_add_func ("/hilum/box-geometry/clamp", test_clamp);

  return g_test_run ();
}
