/* test-viewport.c — zoom, pan, fit and coordinates of the viewport model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "hilum-fixtures.h"
#include "hilum-viewport.h"

static void
assert_visible_rect (HilumViewport *viewport,
                     double         x,
                     double         y,
                     double         width,
                     double         height)
{
  double rx, ry, rw, rh;

  g_assert_true (hilum_viewport_get_visible_rect (viewport, &rx, &ry, &rw, &rh));
  g_assert_cmpfloat_with_epsilon (rx, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (ry, y, 1e-9);
  g_assert_cmpfloat_with_epsilon (rw, width, 1e-9);
  g_assert_cmpfloat_with_epsilon (rh, height, 1e-9);
}

static void
test_fit (void)
{
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (3000, 2000, 1500, 800);

  /* The height limits: 800 / 2000 = 0.4; the 1200-wide image is centred. */
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.4);
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, 1500);
  g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), ==, 1000);
  assert_visible_rect (viewport, 150, 0, 1200, 800);

  /* Still fitted after a resize: now the width limits. */
  hilum_viewport_set_widget_size (viewport, 600, 600);
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.2);
  assert_visible_rect (viewport, 0, 100, 600, 400);

  /* Once the user zooms, a resize keeps zoom and centre. */
  hilum_viewport_zoom_at (viewport, 0.5, 300, 300);
  g_assert_false (hilum_viewport_get_fitted (viewport));
  hilum_viewport_set_widget_size (viewport, 900, 700);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.5);
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, 1500);
  g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), ==, 1000);

  /* fit () brings it back, and it follows the widget again. */
  hilum_viewport_fit (viewport);
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.3);
  assert_visible_rect (viewport, 0, 50, 900, 600);
  hilum_viewport_set_widget_size (viewport, 3000, 4000);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
  assert_visible_rect (viewport, 0, 1000, 3000, 2000);
}

static void
test_fit_before_size (void)
{
  g_autoptr(HilumViewport) viewport = hilum_viewport_new ();

  /* The widget is allocated after the image is known, and the other way round. */
  g_assert_false (hilum_viewport_get_visible_rect (viewport, NULL, NULL, NULL, NULL));
  hilum_viewport_set_image_size (viewport, 400, 400);
  g_assert_false (hilum_viewport_get_visible_rect (viewport, NULL, NULL, NULL, NULL));
  hilum_viewport_set_widget_size (viewport, 200, 100);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.25);
  assert_visible_rect (viewport, 50, 0, 100, 100);

  /* A new image size is a new image: fitted again even after a zoom. */
  hilum_viewport_set_zoom (viewport, 3);
  hilum_viewport_set_image_size (viewport, 100, 50);
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 2.0);
  assert_visible_rect (viewport, 0, 0, 200, 100);

  /* Tiny and huge images stay within the zoom limits. */
  hilum_viewport_set_image_size (viewport, 2, 1);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, HILUM_VIEWPORT_MAX_ZOOM);
  hilum_viewport_set_image_size (viewport, 100000, 100000);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, HILUM_VIEWPORT_MIN_ZOOM);
}

static void
test_actual_size (void)
{
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (3000, 3000, 1000, 800);

  hilum_viewport_pan_by (viewport, 10, 20);
  hilum_viewport_actual_size (viewport);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
  g_assert_false (hilum_viewport_get_fitted (viewport));
  /* Around the widget centre: the image point there does not move. */
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport), 1500 - 10 / (800.0 / 3000), 1e-9);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_y (viewport), 1500 - 20 / (800.0 / 3000), 1e-9);
  assert_visible_rect (viewport, 0, 0, 1000, 800);

  /* 1:1 chosen while the fitted zoom happens to be 1 still stops following the widget. */
  hilum_viewport_set_image_size (viewport, 1000, 500);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
  hilum_viewport_actual_size (viewport);
  g_assert_false (hilum_viewport_get_fitted (viewport));
  hilum_viewport_set_widget_size (viewport, 500, 500);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
}

static void
test_zoom_at (void)
{
  static const double zooms[] = { 0.5, 1, 1.7, 2, 4, 8, 13.3, 32 };
  static const double points[][2] = { { 500, 400 }, { 0, 0 }, { 999, 799 }, { 123.25, 777.5 },
                                      { 640, 10 } };
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (3000, 2400, 1000, 800);

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      double wx = points[p][0], wy = points[p][1];
      double ix0, iy0;

      hilum_viewport_fit (viewport);
      hilum_viewport_widget_to_image (viewport, wx, wy, &ix0, &iy0);
      g_assert_cmpfloat (ix0, >=, 0);
      g_assert_cmpfloat (iy0, >=, 0);

      /* Zooming in around the pointer: the image point under it never moves. */
      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          double ix1, iy1, bx, by;

          hilum_viewport_zoom_at (viewport, zooms[z], wx, wy);
          g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, zooms[z]);
          hilum_viewport_widget_to_image (viewport, wx, wy, &ix1, &iy1);
          g_assert_cmpfloat_with_epsilon (ix1, ix0, 1e-9);
          g_assert_cmpfloat_with_epsilon (iy1, iy0, 1e-9);
          hilum_viewport_image_to_widget (viewport, ix0, iy0, &bx, &by);
          g_assert_cmpfloat_with_epsilon (bx, wx, 1e-9);
          g_assert_cmpfloat_with_epsilon (by, wy, 1e-9);
        }

      /* And out again, down to the minimum: the point stays put as long as the centre
       * this needs lies in the image; otherwise the pan clamp stops the centre on the
       * image border. */
      for (int z = G_N_ELEMENTS (zooms) - 2; z >= -1; z--)
        {
          double zoom = z >= 0 ? zooms[z] : HILUM_VIEWPORT_MIN_ZOOM;
          double old_zoom = hilum_viewport_get_zoom (viewport);
          double want_x = ix0 + (hilum_viewport_get_center_x (viewport) - ix0) * old_zoom / zoom;
          double want_y = iy0 + (hilum_viewport_get_center_y (viewport) - iy0) * old_zoom / zoom;

          hilum_viewport_zoom_at (viewport, zoom, wx, wy);
          g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport),
                                          CLAMP (want_x, 0, 3000), 1e-9);
          g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_y (viewport),
                                          CLAMP (want_y, 0, 2400), 1e-9);
          if (want_x >= 0 && want_x <= 3000 && want_y >= 0 && want_y <= 2400)
            {
              double ix1, iy1;

              hilum_viewport_widget_to_image (viewport, wx, wy, &ix1, &iy1);
              g_assert_cmpfloat_with_epsilon (ix1, ix0, 1e-9);
              g_assert_cmpfloat_with_epsilon (iy1, iy0, 1e-9);
            }
        }
    }

  /* Pointer on image pixel (1000, 600) at the fitted zoom 1/3: after zooming to 8x it
   * is still under the pointer. */
  hilum_viewport_fit (viewport);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1 / 3.0);
  hilum_viewport_zoom_at (viewport, 8, 500 + (1000 - 1500) / 3.0, 400 + (600 - 1200) / 3.0);
  {
    double wx, wy;

    hilum_viewport_image_to_widget (viewport, 1000, 600, &wx, &wy);
    g_assert_cmpfloat_with_epsilon (wx, 500 - 500 / 3.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (wy, 400 - 200, 1e-9);
  }
}

static void
test_clamp_zoom (void)
{
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (1000, 1000, 500, 500);

  hilum_viewport_set_zoom (viewport, 100);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 32);
  hilum_viewport_zoom_at (viewport, 1e-6, 10, 10);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0 / 16);
  hilum_viewport_set_zoom (viewport, -3);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0 / 16);
  hilum_viewport_set_zoom (viewport, NAN);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
  g_object_set (viewport, "zoom", 32.0, NULL);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 32);
}

static void
test_clamp_pan (void)
{
  static const double zooms[] = { 0.0625, 0.25, 1, 4, 32 };
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (2000, 1000, 800, 600);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      static const double pushes[][2] = { { 1e7, 0 }, { -1e7, 0 }, { 0, 1e7 }, { 0, -1e7 },
                                          { 1e7, 1e7 }, { -1e7, 1e7 } };

      hilum_viewport_set_zoom (viewport, zooms[z]);

      for (guint p = 0; p < G_N_ELEMENTS (pushes); p++)
        {
          double x, y, w, h, ix, iy;

          hilum_viewport_set_center (viewport, 1000, 500);
          hilum_viewport_pan_by (viewport, pushes[p][0], pushes[p][1]);

          /* The centre stops on the image border, so the image still covers the middle
           * of the widget and at least half of the smaller of widget and image in each
           * direction stays in view. */
          g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), >=, 0);
          g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), <=, 2000);
          g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), >=, 0);
          g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), <=, 1000);
          g_assert_true (hilum_viewport_get_visible_rect (viewport, &x, &y, &w, &h));
          g_assert_cmpfloat (w + 1e-9, >=, MIN (400, 2000 * zooms[z] / 2));
          g_assert_cmpfloat (h + 1e-9, >=, MIN (300, 1000 * zooms[z] / 2));
          hilum_viewport_widget_to_image (viewport, 400, 300, &ix, &iy);
          g_assert_cmpfloat (ix, >=, 0);
          g_assert_cmpfloat (ix, <=, 2000);
          g_assert_cmpfloat (iy, >=, 0);
          g_assert_cmpfloat (iy, <=, 1000);
        }
    }

  /* A pan inside the limits moves the image by exactly the drag. */
  hilum_viewport_set_zoom (viewport, 2);
  hilum_viewport_set_center (viewport, 1000, 500);
  hilum_viewport_pan_by (viewport, 30, -40);
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, 985);
  g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), ==, 520);

  /* Pushed right to the limit: the image's right edge sits at the widget centre. */
  hilum_viewport_pan_by (viewport, -1e6, 0);
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, 2000);
  assert_visible_rect (viewport, 0, 0, 400, 600);
}

static void
test_round_trip (void)
{
  static const double zooms[] = { 0.0625, 0.07, 0.2, 0.3333, 0.5, 0.9, 1, 1.25, 2, 3, 7.5, 16, 32 };
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (2500, 3000, 1280, 1024);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      for (guint k = 0; k < 20; k++)
        {
          hilum_viewport_set_zoom (viewport, zooms[z]);
          hilum_viewport_set_center (viewport,
                                     g_rand_double_range (rand, 0, 2500),
                                     g_rand_double_range (rand, 0, 3000));
          hilum_viewport_pan_by (viewport,
                                 g_rand_double_range (rand, -500, 500),
                                 g_rand_double_range (rand, -500, 500));

          for (guint p = 0; p < 20; p++)
            {
              double wx = g_rand_double_range (rand, -100, 1400);
              double wy = g_rand_double_range (rand, -100, 1100);
              double ix, iy, bx, by, jx, jy;

              hilum_viewport_widget_to_image (viewport, wx, wy, &ix, &iy);
              hilum_viewport_image_to_widget (viewport, ix, iy, &bx, &by);
              g_assert_cmpfloat_with_epsilon (bx, wx, 1e-9);
              g_assert_cmpfloat_with_epsilon (by, wy, 1e-9);

              hilum_viewport_image_to_widget (viewport, ix, iy, &bx, &by);
              hilum_viewport_widget_to_image (viewport, bx, by, &jx, &jy);
              g_assert_cmpfloat_with_epsilon (jx, ix, 1e-9);
              g_assert_cmpfloat_with_epsilon (jy, iy, 1e-9);
            }

          /* The image's corners land on the visible rectangle's edges when inside. */
          {
            double x0, y0, x1, y1, rx, ry, rw, rh;

            hilum_viewport_image_to_widget (viewport, 0, 0, &x0, &y0);
            hilum_viewport_image_to_widget (viewport, 2500, 3000, &x1, &y1);
            g_assert_true (hilum_viewport_get_visible_rect (viewport, &rx, &ry, &rw, &rh));
            g_assert_cmpfloat_with_epsilon (rx, CLAMP (x0, 0, 1280), 1e-9);
            g_assert_cmpfloat_with_epsilon (ry, CLAMP (y0, 0, 1024), 1e-9);
            g_assert_cmpfloat_with_epsilon (rx + rw, CLAMP (x1, 0, 1280), 1e-9);
            g_assert_cmpfloat_with_epsilon (ry + rh, CLAMP (y1, 0, 1024), 1e-9);
            g_assert_cmpfloat_with_epsilon (x1 - x0, 2500 * zooms[z], 1e-6);
          }
        }
    }

  g_rand_free (rand);
}

typedef struct
{
  GHashTable *counts;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (log->counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name)) + 1));
}

static guint
count (NotifyLog  *log,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint sum = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_UINT (value);

  return sum;
}

static void
test_notify (void)
{
  g_autoptr(HilumViewport) viewport = hilum_fixture_viewport_new (1000, 800, 500, 400);
  NotifyLog log = { g_hash_table_new (g_str_hash, g_str_equal) };

  g_signal_connect (viewport, "notify", G_CALLBACK (notify_cb), &log);

  /* Nothing changes: no notification. */
  hilum_viewport_set_image_size (viewport, 1000, 800);
  hilum_viewport_set_widget_size (viewport, 500, 400);
  hilum_viewport_fit (viewport);
  hilum_viewport_set_window (viewport, 128, 256);
  hilum_viewport_set_invert (viewport, FALSE);
  hilum_viewport_pan_by (viewport, 0, 0);
  hilum_viewport_set_zoom (viewport, 0.5);
  g_assert_cmpuint (total (&log), ==, 0);

  /* Window: each property once, only the ones that changed. */
  hilum_viewport_set_window (viewport, 2048, 256);
  g_assert_cmpuint (count (&log, "window-center"), ==, 1);
  g_assert_cmpuint (count (&log, "window-width"), ==, 0);
  hilum_viewport_set_window (viewport, 2000, 4096);
  g_assert_cmpuint (count (&log, "window-center"), ==, 2);
  g_assert_cmpuint (count (&log, "window-width"), ==, 1);
  hilum_viewport_set_window (viewport, 2000, 0.2);    /* clamped to 1 */
  g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, 1);
  g_assert_cmpuint (count (&log, "window-width"), ==, 2);
  hilum_viewport_set_window (viewport, 2000, 0.5);    /* still 1: no change */
  g_assert_cmpuint (count (&log, "window-width"), ==, 2);

  hilum_viewport_set_invert (viewport, TRUE);
  hilum_viewport_set_invert (viewport, TRUE);
  g_assert_cmpuint (count (&log, "invert"), ==, 1);

  /* A zoom at the centre changes the zoom and ends "fitted"; the centre stays. */
  g_hash_table_remove_all (log.counts);
  hilum_viewport_set_zoom (viewport, 2);
  g_assert_cmpuint (count (&log, "zoom"), ==, 1);
  g_assert_cmpuint (count (&log, "fitted"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 2);

  /* A horizontal pan: centre-x only. */
  g_hash_table_remove_all (log.counts);
  hilum_viewport_pan_by (viewport, 10, 0);
  g_assert_cmpuint (count (&log, "center-x"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 1);

  /* Resizing an unfitted view: only the widget size. */
  g_hash_table_remove_all (log.counts);
  hilum_viewport_set_widget_size (viewport, 600, 400);
  g_assert_cmpuint (count (&log, "widget-width"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 1);

  /* Fit: zoom, centre and fitted, once each; then resize: widget size and zoom. */
  g_hash_table_remove_all (log.counts);
  hilum_viewport_fit (viewport);
  g_assert_cmpuint (count (&log, "zoom"), ==, 1);
  g_assert_cmpuint (count (&log, "center-x"), ==, 1);
  g_assert_cmpuint (count (&log, "fitted"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 3);
  g_hash_table_remove_all (log.counts);
  hilum_viewport_set_widget_size (viewport, 300, 400);
  g_assert_cmpuint (count (&log, "widget-width"), ==, 1);
  g_assert_cmpuint (count (&log, "zoom"), ==, 1);
  g_assert_cmpuint (total (&log), ==, 2);

  /* A pan against the clamp moves nothing: no notification, still fitted. */
  g_hash_table_remove_all (log.counts);
  hilum_viewport_set_image_size (viewport, 10, 10);
  hilum_viewport_pan_by (viewport, 0, 0);
  g_assert_true (hilum_viewport_get_fitted (viewport));

  /* The properties are the accessors. */
  {
    double zoom, cx;
    gboolean fitted;

    g_object_get (viewport, "zoom", &zoom, "center-x", &cx, "fitted", &fitted, NULL);
    g_assert_cmpfloat (zoom, ==, hilum_viewport_get_zoom (viewport));
    g_assert_cmpfloat (cx, ==, 5);
    g_assert_true (fitted);
  }

  g_hash_table_unref (log.counts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/viewport/fit", test_fit);
  g_test_add_func ("/hilum/viewport/fit-before-size", test_fit_before_size);
  g_test_add_func ("/hilum/viewport/actual-size", test_actual_size);
  g_test_add_func ("/hilum/viewport/zoom-at", test_zoom_at);
  g_test_add_func ("/hilum/viewport/clamp/zoom", test_clamp_zoom);
  g_test_add_func ("/hilum/viewport/clamp/pan", test_clamp_pan);
  g_test_add_func ("/hilum/viewport/round-trip", test_round_trip);
  g_test_add_func ("/hilum/viewport/notify", test_notify);

  return g_test_run ();
}
