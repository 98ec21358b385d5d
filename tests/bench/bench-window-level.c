/* bench-window-level.c — CPU time from a window/level change to a new frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A synthetic 3000 × 3000 12-bit chest-like radiograph, a 1600 × 1000 viewport at fit,
 * 1:1 and 4× (and a few more), 200 successive W/L changes each: the CPU time of
 * hilum_viewport_set_window () + hilum_renderer_render () per change. Target: ≤ 8 ms.
 * Prints figures; asserts nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hilum-image.h"
#include "hilum-pyramid.h"
#include "hilum-renderer.h"
#include "hilum-viewport.h"
#include "hilum-voi.h"

#define SIZE 3000
#define WIDGET_W 1600
#define WIDGET_H 1000
#define N_CHANGES 200

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static double
ellipse (double x, double y, double cx, double cy, double rx, double ry)
{
  double dx = (x - cx) / rx, dy = (y - cy) / ry;
  double d = dx * dx + dy * dy;

  return d < 1 ? sqrt (1 - d) : 0;
}

/* Attenuation-like sum of body, lungs (negative), mediastinum, spine and ribs, plus
 * noise: enough structure for realistic value statistics, cheap to make. */
static guint16 *
chest_image (void)
{
  guint16 *pixels = g_new (guint16, (gsize) SIZE * SIZE);
  GRand *rand = g_rand_new_with_seed (7);

  for (guint y = 0; y < SIZE; y++)
    {
      double v = (double) y / SIZE;

      for (guint x = 0; x < SIZE; x++)
        {
          double u = (double) x / SIZE;
          double a = 0.25;

          a += 1.9 * ellipse (u, v, 0.5, 0.62, 0.44, 0.6);                  /* torso */
          a -= 1.0 * ellipse (u, v, 0.32, 0.45, 0.14, 0.28);                /* right lung */
          a -= 1.0 * ellipse (u, v, 0.68, 0.45, 0.13, 0.27);                /* left lung */
          a += 0.8 * ellipse (u, v, 0.55, 0.6, 0.13, 0.16);                 /* heart */
          a += 0.6 * (fabs (u - 0.5) < 0.035 ? 1 : 0);                       /* spine */
          a += 0.25 * (sin (v * 90 + fabs (u - 0.5) * 20) > 0.7 ? 1 : 0)    /* ribs */
               * ellipse (u, v, 0.5, 0.45, 0.36, 0.32);
          a += 0.02 * sin (u * 400) * sin (v * 377);                        /* texture */
          a += g_rand_double_range (rand, -0.01, 0.01);                     /* noise */
          pixels[(gsize) y * SIZE + x] = (guint16) CLAMP (a * 1300, 0, 4095);
        }
    }

  g_rand_free (rand);
  return pixels;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
run_case (const char    *name,
          HilumRenderer *renderer,
          HilumViewport *viewport,
          int            scale_factor)
{
  double cpu[N_CHANGES];
  double wall_total = 0;
  guint out_w = 0, out_h = 0;
  HilumPixelBuffer *previous = NULL;

  /* One warm-up frame: pool buffer and pyramid exist afterwards, as in the app. */
  g_clear_pointer (&previous, hilum_pixel_buffer_unref);
  previous = hilum_renderer_render (renderer, viewport, scale_factor);

  for (guint i = 0; i < N_CHANGES; i++)
    {
      /* A drag: centre and width change a little every event. */
      double center = 1500 + 400 * sin (i * 0.1);
      double width = 2000 + 1000 * cos (i * 0.07);
      double t0 = thread_cpu_ms ();
      double w0 = wall_ms ();
      HilumPixelBuffer *buffer;

      hilum_viewport_set_window (viewport, center, width);
      buffer = hilum_renderer_render (renderer, viewport, scale_factor);
      cpu[i] = thread_cpu_ms () - t0;
      wall_total += wall_ms () - w0;
      out_w = buffer->width;
      out_h = buffer->height;

      /* The texture of the previous frame is dropped once the new one is shown. */
      g_clear_pointer (&previous, hilum_pixel_buffer_unref);
      previous = buffer;
    }
  g_clear_pointer (&previous, hilum_pixel_buffer_unref);

  qsort (cpu, N_CHANGES, sizeof (double), compare_doubles);
  printf ("%-28s zoom %7.4f  out %4u x %4u   cpu median %6.2f ms  p95 %6.2f ms  max %6.2f ms"
          "  (wall mean %6.2f ms)\n",
          name, hilum_viewport_get_zoom (viewport), out_w, out_h,
          cpu[N_CHANGES / 2], cpu[(int) (N_CHANGES * 0.95)], cpu[N_CHANGES - 1],
          wall_total / N_CHANGES);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(HilumRenderer) renderer = NULL;
  g_autoptr(HilumViewport) viewport = NULL;
  double t0;

  printf ("bench-window-level: %d x %d 12-bit image, %d x %d viewport, %d W/L changes per case\n",
          SIZE, SIZE, WIDGET_W, WIDGET_H, N_CHANGES);

  t0 = wall_ms ();
  image = hilum_image_new_gray (SIZE, SIZE, 1, chest_image (), 1, 0);
  printf ("synthetic image made in %.0f ms; index count %u\n",
          wall_ms () - t0, hilum_image_get_index_count (image));

  /* The pyramid on its own, once (the renderer builds it at the first minified frame). */
  {
    HilumPyramid *pyramid;
    double c0 = thread_cpu_ms ();

    pyramid = hilum_pyramid_new_gray (hilum_image_get_gray_frame (image, 0), SIZE, SIZE, 4);
    printf ("pyramid build: %.2f ms cpu (%u levels, coarsest %u x %u)\n",
            thread_cpu_ms () - c0, hilum_pyramid_get_n_levels (pyramid),
            hilum_pyramid_get_level (pyramid, hilum_pyramid_get_n_levels (pyramid) - 1)->width,
            hilum_pyramid_get_level (pyramid, hilum_pyramid_get_n_levels (pyramid) - 1)->height);
    hilum_pyramid_free (pyramid);
  }

  /* VOI tables of the largest size (16-bit data). */
  {
    g_autofree guint8 *table = g_malloc (65536);
    static const char *names[] = { "LINEAR", "LINEAR_EXACT", "SIGMOID" };

    for (HilumVoiFunction f = HILUM_VOI_LINEAR; f <= HILUM_VOI_SIGMOID; f++)
      {
        double c0 = thread_cpu_ms ();

        for (guint i = 0; i < 20; i++)
          hilum_voi_fill_table (f, 30000 + i, 20000, FALSE, 1, 0, table, 65536);
        printf ("VOI table, 65,536 entries, %-12s %.3f ms\n", names[f], (thread_cpu_ms () - c0) / 20);
      }
  }

  renderer = hilum_renderer_new (image);
  viewport = hilum_viewport_new ();
  hilum_viewport_set_image_size (viewport, SIZE, SIZE);
  hilum_viewport_set_widget_size (viewport, WIDGET_W, WIDGET_H);
  hilum_viewport_set_window (viewport, 2048, 4096);

  {
    double c0 = thread_cpu_ms ();
    HilumPixelBuffer *first = hilum_renderer_render (renderer, viewport, 1);

    printf ("first frame at fit (builds the pyramid, allocates the buffer): %.2f ms cpu\n",
            thread_cpu_ms () - c0);
    hilum_pixel_buffer_unref (first);
  }

  run_case ("fit", renderer, viewport, 1);
  hilum_viewport_actual_size (viewport);
  run_case ("1:1", renderer, viewport, 1);
  hilum_viewport_set_zoom (viewport, 4);
  run_case ("4x", renderer, viewport, 1);
  hilum_viewport_set_zoom (viewport, 32);
  run_case ("32x", renderer, viewport, 1);
  hilum_viewport_set_zoom (viewport, 0.7);
  run_case ("0.7x (level 0, minified)", renderer, viewport, 1);
  hilum_viewport_fit (viewport);
  run_case ("fit, scale factor 2", renderer, viewport, 2);
  hilum_viewport_actual_size (viewport);
  run_case ("1:1, scale factor 2", renderer, viewport, 2);

  return 0;
}
