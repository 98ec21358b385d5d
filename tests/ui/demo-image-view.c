/* demo-image-view.c — two image views side by side, to look at (not a test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the synthetic demo frontal radiograph with overlays, orientation markers and
 * patient information next to an empty "Lateral" slot, for screenshots:
 *
 *   xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session -- demo-image-view [--bright] [--quit-after SECONDS]
 *
 * It is built (BUILD/tests/ui/demo-image-view) but never run by the tests: it opens a
 * window and waits.
 *
 * --bright applies a narrow, low window so that most of the image is white: the overlay
 * text must stay legible on it. --bench N changes the window N times, as a drag does, and
 * prints the time from each change to its painted frame (then quits).
 */
#include <stdlib.h>

#include <gtk/gtk.h>

#include "hilum-demo.h"
#include "hilum-image.h"
#include "hilum-image-view.h"
#include "hilum-viewport.h"

typedef struct
{
  gboolean painted;
  gint64   frame_start;
  gint64   paint_done;
} BenchFrame;

static void
frame_start_cb (BenchFrame *frame)
{
  frame->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (BenchFrame *frame)
{
  frame->paint_done = g_get_monotonic_time ();
  frame->painted = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Change → painted frame, as a window/level drag produces them. */
static void
bench (GtkWidget *view,
       guint      n)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (HILUM_IMAGE_VIEW (view));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  g_autofree double *latency = g_new (double, n);
  g_autofree double *paint = g_new (double, n);
  BenchFrame frame = { 0 };
  gulong start_id, paint_id;

  start_id = g_signal_connect_data (clock, "before-paint", G_CALLBACK (frame_start_cb), &frame,
                                     NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);

  for (guint i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      frame.painted = FALSE;
      hilum_viewport_set_window (viewport, 1500 + 10 * (i % 100), 3000 + 7 * (i % 50));
      while (!frame.painted)
        g_main_context_iteration (NULL, TRUE);
      latency[i] = (frame.paint_done - t0) / 1000.0;
      /* The frame itself: snapshot (our render into the pooled buffer) plus GSK. */
      paint[i] = (frame.paint_done - frame.frame_start) / 1000.0;
    }

  g_signal_handler_disconnect (clock, start_id);
  g_signal_handler_disconnect (clock, paint_id);
  qsort (latency, n, sizeof (double), compare_doubles);
  qsort (paint, n, sizeof (double), compare_doubles);
  g_print ("view %d x %d at zoom %.2f, %u window changes (GSK_RENDERER=%s):\n"
           "  change to painted frame: median %.1f ms, p90 %.1f ms, max %.1f ms\n"
           "  frame (snapshot + GSK):  median %.1f ms, p90 %.1f ms, max %.1f ms\n",
           gtk_widget_get_width (view), gtk_widget_get_height (view),
           hilum_viewport_get_zoom (viewport), n,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
           latency[n / 2], latency[n * 9 / 10], latency[n - 1],
           paint[n / 2], paint[n * 9 / 10], paint[n - 1]);
}

static gboolean
quit_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  gboolean bright = FALSE;
  double quit_after = 0;
  guint bench_n = 0;
  gboolean done = FALSE;
  g_autoptr(HilumImage) image = NULL;
  GtkWidget *window, *box, *frontal, *lateral;
  guint16 *pixels;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--bright"))
        bright = TRUE;
      else if (g_str_equal (argv[i], "--quit-after") && i + 1 < argc)
        quit_after = g_ascii_strtod (argv[++i], NULL);
      else if (g_str_equal (argv[i], "--bench") && i + 1 < argc)
        {
          bench_n = (guint) MAX (1, g_ascii_strtoll (argv[i + 1], NULL, 10));
          i++;
        }
    }

  gtk_init ();

  pixels = hilum_demo_render (HILUM_VIEW_FRONTAL, 2000, 2400);
  image = hilum_image_new_gray (2000, 2400, 1, pixels, 1.0, 0.0);
  hilum_image_add_window (image, 2048, 4096);
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_ORIENTATION, "L\\F");
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_NAME, "DOE^JANE");
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_ID, "HIL-0042");
  hilum_image_set_string (image, HILUM_IMAGE_STUDY_DATE, "20240131");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_window_set_child (GTK_WINDOW (window), box);

  frontal = hilum_image_view_new ();
  hilum_image_view_set_label (HILUM_IMAGE_VIEW (frontal), "Frontal");
  hilum_image_view_set_show_patient_info (HILUM_IMAGE_VIEW (frontal), TRUE);
  hilum_image_view_set_image (HILUM_IMAGE_VIEW (frontal), image);
  gtk_box_append (GTK_BOX (box), frontal);

  lateral = hilum_image_view_new ();
  hilum_image_view_set_label (HILUM_IMAGE_VIEW (lateral), "Lateral");
  gtk_box_append (GTK_BOX (box), lateral);

  if (bright)
    hilum_viewport_set_window (hilum_image_view_get_viewport (HILUM_IMAGE_VIEW (frontal)),
                               800, 600);

  gtk_widget_grab_focus (frontal);
  gtk_window_present (GTK_WINDOW (window));
  /* Show the keyboard focus ring, as after a Tab. */
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);

  if (bench_n > 0)
    {
      while (gtk_widget_get_width (frontal) < 100 || !gtk_widget_get_mapped (frontal))
        g_main_context_iteration (NULL, TRUE);
      bench (frontal, bench_n);
      hilum_viewport_set_zoom (hilum_image_view_get_viewport (HILUM_IMAGE_VIEW (frontal)), 2.0);
      bench (frontal, bench_n);
      return EXIT_SUCCESS;
    }

  if (quit_after > 0)
    g_timeout_add ((guint) (quit_after * 1000), quit_cb, &done);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (quit_cb), &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return EXIT_SUCCESS;
}
