/* test-image-view.c — what HilumImageView puts on screen, read back as pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test shows a synthetic image in a real window (Xvfb, GSK_RENDERER=cairo),
 * renders the widget through its paintable and the window's GskRenderer, and checks
 * the gray values against the DICOM LINEAR window formula, computed here independently.
 */
#include <math.h>

#include <gtk/gtk.h>

#include "hilum-image-view.h"
#include "hilum-overlay.h"
#include "hilum-ui-test.h"
#include "hilum-viewport.h"

#define WINDOW_WIDTH  400
#define WINDOW_HEIGHT 300

typedef struct
{
  GtkWidget      *window;
  HilumImageView *view;
  HilumImage     *image;
  /* The last rendering of the view: B8G8R8A8 premultiplied (opaque here). */
  guint8         *pixels;
  gsize           stride;
  int             width;
  int             height;
} Fixture;

/* PS3.3 C.11.2.1.2.1, written out again so the test does not trust hilum-voi.c. */
static int
linear (double center,
        double width,
        double x)
{
  double y;

  if (x <= center - 0.5 - (width - 1) / 2)
    y = 0;
  else if (x > center - 0.5 + (width - 1) / 2)
    y = 255;
  else
    y = ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;

  return (int) floor (y + 0.5);
}

/* 200 × 100, 12-bit: the left half is 1000, the right half 3000; the file window
 * is center 2048, width 4096. */
static HilumImage *
make_halves_image (void)
{
  guint16 *pixels = g_new (guint16, 200 * 100);
  HilumImage *image;

  for (guint y = 0; y < 100; y++)
    for (guint x = 0; x < 200; x++)
      pixels[y * 200 + x] = x < 100 ? 1000 : 3000;

  image = hilum_image_new_gray (200, 100, 1, pixels, 1.0, 0.0);
  hilum_image_add_window (image, 2048, 4096);

  return image;
}

/* 32 × 32 checkerboard of single pixels, 1000 and 3000. */
static HilumImage *
make_checker_image (void)
{
  guint16 *pixels = g_new (guint16, 32 * 32);
  HilumImage *image;

  for (guint y = 0; y < 32; y++)
    for (guint x = 0; x < 32; x++)
      pixels[y * 32 + x] = ((x + y) & 1) ? 3000 : 1000;

  image = hilum_image_new_gray (32, 32, 1, pixels, 1.0, 0.0);
  hilum_image_add_window (image, 2048, 4096);

  return image;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->window = gtk_window_new ();
  g_object_ref (f->window);   /* ours, dropped by g_assert_finalize_object () */
  gtk_window_set_default_size (GTK_WINDOW (f->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);

  f->view = HILUM_IMAGE_VIEW (hilum_image_view_new ());
  g_object_ref (f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));

  hilum_test_wait_for_size (GTK_WIDGET (f->view), WINDOW_WIDTH, WINDOW_HEIGHT, deadline);

  /* The focus ring is tested by eye; keep it out of the pixels. */
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
  iterate_for (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->pixels, g_free);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->view);
  if (f->image != NULL)
    g_assert_finalize_object (f->image);
}

static void
show_image (Fixture    *f,
            HilumImage *image)
{
  f->image = image;
  hilum_image_view_set_image (f->view, image);
  iterate_for (20);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* The widget paintable shows the widget's last drawn frame: let GTK paint what the
 * change just queued. A missing redraw shows up as stale pixels, never as a hang. */
static void
wait_for_paint (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->view));
  gint64 deadline = g_get_monotonic_time () + 300 * 1000;
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);
  while (!painted && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  g_signal_handler_disconnect (clock, id);
}

/* Renders the view as GTK would put it on screen and keeps the pixels. */
static void
render (Fixture *f)
{
  GtkWidget *widget = GTK_WIDGET (f->view);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  wait_for_paint (f);

  f->width = gtk_widget_get_width (widget);
  f->height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, f->width, f->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, f->width, f->height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, f->width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, f->height);

  g_clear_pointer (&f->pixels, g_free);
  f->stride = f->width * 4;
  f->pixels = g_malloc (f->stride * f->height);
  gdk_texture_download (texture, f->pixels, f->stride);
}

static const guint8 *
pixel_at (Fixture *f,
          int      x,
          int      y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, f->width);
  g_assert_cmpint (y, <, f->height);

  return f->pixels + y * f->stride + x * 4;
}

/* The gray value at widget pixel (x, y); asserts that it is gray. */
static int
gray_at (Fixture *f,
         int      x,
         int      y)
{
  const guint8 *p = pixel_at (f, x, y);

  g_assert_cmpint (p[0], ==, p[1]);
  g_assert_cmpint (p[1], ==, p[2]);

  return p[1];
}

static int
max_channel_in (Fixture *f,
                int      x0,
                int      y0,
                int      x1,
                int      y1)
{
  int max = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guint8 *p = pixel_at (f, x, y);
        max = MAX (max, MAX (p[0], MAX (p[1], p[2])));
      }

  return max;
}

/* Pixels of the orientation markers' yellow (red and green well above blue): the
 * image itself is gray, so these can only be markers. */
static guint
count_yellow_in (Fixture *f,
                 int      x0,
                 int      y0,
                 int      x1,
                 int      y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guint8 *p = pixel_at (f, x, y);   /* B G R A */
        if (p[2] > 150 && p[1] > 150 && p[0] + 60 < p[1])
          n++;
      }

  return n;
}

/* gtk_test_accessible_assert_property() stringifies its value into a format: no '%'. */
static void
assert_accessible (Fixture               *f,
                   GtkAccessibleProperty  property,
                   const char            *expected)
{
  g_autofree char *actual = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->view),
                                                                property, expected);

  /* NULL means it matched; otherwise it is the value found. */
  if (actual != NULL)
    g_assert_cmpstr (actual, ==, expected);
}

/* A drag as the GtkGestureDrag of @button reports it: start point, then offsets. */
static void
drag (Fixture *f,
      guint    button,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  GtkEventController *gesture = hilum_test_find_controller (f->view, GTK_TYPE_GESTURE_DRAG, button);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", dx / 2, dy / 2);
  g_signal_emit_by_name (gesture, "drag-update", dx, dy);
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

/* The widget point showing the centre of image pixel (ix, iy). */
static void
widget_point (Fixture *f,
              double   ix,
              double   iy,
              int     *x,
              int     *y)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  double wx, wy;

  hilum_viewport_image_to_widget (viewport, ix + 0.5, iy + 0.5, &wx, &wy);
  *x = (int) floor (wx);
  *y = (int) floor (wy);
}

/* Both halves of the halves image show the LINEAR value of the current window. */
static void
assert_halves_match_window (Fixture *f)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  double c = hilum_viewport_get_window_center (viewport);
  double w = hilum_viewport_get_window_width (viewport);
  gboolean invert = hilum_viewport_get_invert (viewport);
  int expected_left = linear (c, w, 1000);
  int expected_right = linear (c, w, 3000);
  int x, y;

  if (invert)
    {
      expected_left = 255 - expected_left;
      expected_right = 255 - expected_right;
    }

  render (f);

  /* Several image pixels of each half, well inside it. */
  for (guint i = 0; i < 5; i++)
    {
      widget_point (f, 10 + 17 * i, 20 + 15 * i, &x, &y);
      g_assert_cmpint (gray_at (f, x, y), ==, expected_left);
      widget_point (f, 110 + 17 * i, 20 + 15 * i, &x, &y);
      g_assert_cmpint (gray_at (f, x, y), ==, expected_right);
    }
}

static void
test_linear_window (Fixture       *f,
                    gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);

  show_image (f, make_halves_image ());

  /* A new image is fitted (200 × 100 into 400 × 300: zoom 2) with the file's window. */
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 2.0, 1e-9);
  g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, 2048);
  g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, 4096);

  assert_halves_match_window (f);
  /* The formula, by hand: 1000 → 62, 3000 → 187. */
  g_assert_cmpint (gray_at (f, 100, 150), ==, 62);
  g_assert_cmpint (gray_at (f, 300, 150), ==, 187);
  /* Above and below the image: black background. */
  g_assert_cmpint (gray_at (f, 200, 25), ==, 0);
  g_assert_cmpint (gray_at (f, 200, 275), ==, 0);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_ROLE_IMG);
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Window 4096, level 2048, zoom 200%");

  /* A narrower window through the viewport repaints with the new values. */
  hilum_viewport_set_window (viewport, 2000, 2500);
  assert_halves_match_window (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, 26);
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Window 2500, level 2000, zoom 200%");
}

static void
test_presets (Fixture       *f,
              gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  static const struct { HilumPreset preset; guint keyval; } cases[] = {
    { HILUM_PRESET_LUNG, GDK_KEY_3 },
    { HILUM_PRESET_BONE, GDK_KEY_5 },
    { HILUM_PRESET_MEDIASTINUM, GDK_KEY_4 },
    { HILUM_PRESET_AUTO, GDK_KEY_2 },
    { HILUM_PRESET_DEFAULT, GDK_KEY_1 },
  };

  show_image (f, make_halves_image ());

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double c, w;

      hilum_preset_compute (cases[i].preset, f->image, 0, &c, &w);

      hilum_viewport_set_window (viewport, 123, 45);
      hilum_image_view_apply_preset (f->view, cases[i].preset);
      g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, c);
      g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, MAX (1, w));
      assert_halves_match_window (f);

      /* The number key does the same. */
      hilum_viewport_set_window (viewport, 123, 45);
      g_assert_true (hilum_test_press_key (f->view, cases[i].keyval, 0));
      g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, c);
      g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, MAX (1, w));
      assert_halves_match_window (f);
    }

  /* File default: the image's own window. */
  g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, 2048);
  g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, 4096);

  /* The widget action that menus use does the same. */
  {
    double c, w;

    hilum_preset_compute (HILUM_PRESET_BONE, f->image, 0, &c, &w);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "image-view.preset",
                                               "i", (gint32) HILUM_PRESET_BONE));
    g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, c);
    assert_halves_match_window (f);
  }
}

static void
test_drag_window_level (Fixture       *f,
                        gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  /* Gain: the image's value range (3000 - 1000) per widget size. */
  const double gain_x = 2000.0 / WINDOW_WIDTH;
  const double gain_y = 2000.0 / WINDOW_HEIGHT;
  int before;

  show_image (f, make_halves_image ());
  render (f);
  before = gray_at (f, 300, 150);
  g_assert_cmpint (before, ==, 187);

  /* Secondary button, dragging DOWN 30 px raises the level by 30 × gain: the image
   * gets darker (the convention of most PACS). */
  drag (f, GDK_BUTTON_SECONDARY, 200, 150, 0, 30);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (viewport),
                                  2048 + 30 * gain_y, 1e-9);
  g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, 4096);
  assert_halves_match_window (f);
  g_assert_cmpint (gray_at (f, 300, 150), <, before);

  /* Dragging right widens the window: less contrast between the halves. */
  before = gray_at (f, 300, 150) - gray_at (f, 100, 150);
  drag (f, GDK_BUTTON_SECONDARY, 200, 150, 100, 0);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (viewport),
                                  4096 + 100 * gain_x, 1e-9);
  assert_halves_match_window (f);
  g_assert_cmpint (gray_at (f, 300, 150) - gray_at (f, 100, 150), <, before);

  /* Dragging left past the narrowest window stops at width 1. */
  drag (f, GDK_BUTTON_SECONDARY, 200, 150, -1000, 0);
  g_assert_cmpfloat (hilum_viewport_get_window_width (viewport), ==, 1);
  assert_halves_match_window (f);

  /* "invert-vertical-drag": dragging down lowers the level, the image gets brighter. */
  hilum_viewport_set_window (viewport, 2048, 4096);
  render (f);
  before = gray_at (f, 300, 150);
  hilum_image_view_set_invert_vertical_drag (f->view, TRUE);
  drag (f, GDK_BUTTON_SECONDARY, 200, 150, 0, 30);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (viewport),
                                  2048 - 30 * gain_y, 1e-9);
  assert_halves_match_window (f);
  g_assert_cmpint (gray_at (f, 300, 150), >, before);

  /* The primary button pans with the pan tool (the default) … */
  hilum_viewport_set_window (viewport, 2048, 4096);
  hilum_viewport_set_zoom (viewport, 4);
  {
    double cx = hilum_viewport_get_center_x (viewport);
    drag (f, GDK_BUTTON_PRIMARY, 200, 150, -40, 0);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport), cx + 10, 1e-9);
    g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, 2048);
  }

  /* … and does window/level with the window/level tool. */
  hilum_image_view_set_pointer_tool (f->view, HILUM_POINTER_TOOL_WINDOW_LEVEL);
  hilum_image_view_set_invert_vertical_drag (f->view, FALSE);
  {
    double cx = hilum_viewport_get_center_x (viewport);
    drag (f, GDK_BUTTON_PRIMARY, 200, 150, 0, 60);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (viewport),
                                    2048 + 60 * gain_y, 1e-9);
    g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, cx);
  }

  /* The middle button always pans. */
  {
    double cy = hilum_viewport_get_center_y (viewport);
    drag (f, GDK_BUTTON_MIDDLE, 200, 150, 0, 20);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_y (viewport), cy - 5, 1e-9);
  }

  /* Holding space makes the primary button pan even with the window/level tool. */
  {
    GtkEventController *key = hilum_test_find_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_KEY, 0);
    double c = hilum_viewport_get_window_center (viewport);
    double cx = hilum_viewport_get_center_x (viewport);
    gboolean handled = FALSE;

    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_space, 0, 0, &handled);
    g_assert_true (handled);
    drag (f, GDK_BUTTON_PRIMARY, 200, 150, 40, 0);
    g_signal_emit_by_name (key, "key-released", GDK_KEY_space, 0, 0);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport), cx - 10, 1e-9);
    g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, c);
  }

  /* Double-click resets: fitted, file window. */
  {
    GtkEventController *click = hilum_test_find_controller (f->view, GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);
    g_signal_emit_by_name (click, "pressed", 2, 200.0, 150.0);
    g_assert_true (hilum_viewport_get_fitted (viewport));
    g_assert_cmpfloat (hilum_viewport_get_window_center (viewport), ==, 2048);
    assert_halves_match_window (f);
  }
}

static void
test_zoom_pixel_exact (Fixture       *f,
                       gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  int dark = linear (2048, 4096, 1000);
  int light = linear (2048, 4096, 3000);
  guint n_dark = 0, n_light = 0;

  show_image (f, make_checker_image ());

  /* 4× with image pixel boundaries on whole widget pixels. */
  hilum_viewport_set_zoom (viewport, 4);
  hilum_viewport_set_center (viewport, 16, 16);
  render (f);

  /* Every widget pixel over the image shows exactly the value of the image pixel
   * under its centre: 4 × 4 blocks, nothing blended at their edges. */
  for (int y = 90; y < 210; y++)
    for (int x = 140; x < 260; x++)
      {
        double ix, iy;
        int expected;

        hilum_viewport_widget_to_image (viewport, x + 0.5, y + 0.5, &ix, &iy);
        expected = (((int) floor (ix) + (int) floor (iy)) & 1) ? light : dark;
        g_assert_cmpint (gray_at (f, x, y), ==, expected);
        if (expected == dark)
          n_dark++;
        else
          n_light++;
      }
  g_assert_cmpuint (n_dark, ==, n_light);

  /* The blocks are 4 pixels wide: columns 200–203 alike, 204 different. */
  g_assert_cmpint (gray_at (f, 200, 100), ==, gray_at (f, 203, 100));
  g_assert_cmpint (gray_at (f, 200, 100), !=, gray_at (f, 204, 100));
  g_assert_cmpint (gray_at (f, 200, 100), !=, gray_at (f, 199, 100));

  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Window 4096, level 2048, zoom 400%");

  /* A scroll notch up zooms in by 1.25 around the pointer: the image point under it
   * stays put. */
  {
    GtkEventController *motion = hilum_test_find_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
    GtkEventController *scroll = hilum_test_find_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_SCROLL, 0);
    gboolean handled = FALSE;
    double ix0, iy0, ix1, iy1;

    g_signal_emit_by_name (motion, "motion", 150.0, 120.0);
    hilum_viewport_widget_to_image (viewport, 150, 120, &ix0, &iy0);
    g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
    g_assert_true (handled);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 5.0, 1e-9);
    hilum_viewport_widget_to_image (viewport, 150, 120, &ix1, &iy1);
    g_assert_cmpfloat_with_epsilon (ix0, ix1, 1e-9);
    g_assert_cmpfloat_with_epsilon (iy0, iy1, 1e-9);

    g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 4.0, 1e-9);
  }

  /* Keys: 0 is 1:1, F fits, + and - zoom by 1.25 around the centre. */
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_0, 0));
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1.0);
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Window 4096, level 2048, zoom 100%");
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 1.25, 1e-9);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_minus, 0));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 1.0, 1e-9);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_f, 0));
  g_assert_true (hilum_viewport_get_fitted (viewport));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 300.0 / 32, 1e-9);

  /* Arrow keys move the view over the image. */
  hilum_viewport_set_zoom (viewport, 32);
  {
    double cx = hilum_viewport_get_center_x (viewport);
    g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Right, 0));
    g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), >, cx);
  }
}

static void
test_invert (Fixture       *f,
             gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);

  show_image (f, make_halves_image ());
  hilum_viewport_set_window (viewport, 2000, 3000);
  render (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, linear (2000, 3000, 1000));
  g_assert_cmpint (gray_at (f, 300, 150), ==, linear (2000, 3000, 3000));

  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_i, 0));
  g_assert_true (hilum_viewport_get_invert (viewport));
  render (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, 255 - linear (2000, 3000, 1000));
  g_assert_cmpint (gray_at (f, 300, 150), ==, 255 - linear (2000, 3000, 3000));
  /* The background stays black. */
  g_assert_cmpint (gray_at (f, 200, 25), ==, 0);

  /* [ ] narrow and widen the window, , . lower and raise the level, each by 2 % of the
   * value range (1000 … 3000 here: 40). */
  hilum_viewport_set_invert (viewport, FALSE);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_bracketright, 0));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (viewport), 3040, 1e-9);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_bracketleft, 0));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_bracketleft, 0));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (viewport), 2960, 1e-9);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_period, 0));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (viewport), 2040, 1e-9);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_comma, 0));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_comma, 0));
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (viewport), 1960, 1e-9);
  render (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, linear (1960, 2960, 1000));
  g_assert_cmpint (gray_at (f, 300, 150), ==, linear (1960, 2960, 3000));

  /* R resets: fitted, file window, not inverted. */
  hilum_viewport_set_zoom (viewport, 3);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_r, 0));
  g_assert_false (hilum_viewport_get_invert (viewport));
  g_assert_true (hilum_viewport_get_fitted (viewport));
  assert_halves_match_window (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, 62);
}

static void
test_overlays (Fixture       *f,
               gconstpointer  data)
{
  const int m = HILUM_OVERLAY_MARGIN;
  HilumImage *image = make_halves_image ();

  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_ORIENTATION, "L\\F");
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_NAME, "DOE^JANE");
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_ID, "12345");
  hilum_image_view_set_label (f->view, "Frontal");
  show_image (f, image);
  render (f);

  /* Text in the corners (the image lies in rows 50–250). */
  g_assert_cmpint (max_channel_in (f, m, m, 150, 60), >, 200);          /* label, size */
  g_assert_cmpint (max_channel_in (f, m, 240, 150, 300 - m), >, 200);   /* W/L */
  g_assert_cmpint (max_channel_in (f, 250, 240, 400 - m, 300 - m), >, 200);  /* zoom */
  /* No patient information unless asked for. */
  g_assert_cmpint (max_channel_in (f, 250, 0, 400, 50), ==, 0);

  /* Orientation markers: "L" on the right edge, "R" on the left, "H" on top, "F" at
   * the bottom, in yellow. */
  g_assert_cmpuint (count_yellow_in (f, 360, 130, 400, 170), >, 10);
  g_assert_cmpuint (count_yellow_in (f, 0, 130, 40, 170), >, 10);
  g_assert_cmpuint (count_yellow_in (f, 180, 0, 220, 40), >, 10);
  g_assert_cmpuint (count_yellow_in (f, 180, 260, 220, 300), >, 10);
  g_assert_cmpuint (count_yellow_in (f, 100, 60, 300, 240), ==, 0);

  hilum_image_view_set_show_patient_info (f->view, TRUE);
  render (f);
  g_assert_cmpint (max_channel_in (f, 250, m, 400 - m, 60), >, 200);

  /* O hides every overlay: the corners and edges are black again, the image stays. */
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_o, 0));
  g_assert_false (hilum_image_view_get_show_overlays (f->view));
  render (f);
  g_assert_cmpint (max_channel_in (f, 0, 0, 400, 50), ==, 0);
  g_assert_cmpint (max_channel_in (f, 0, 250, 400, 300), ==, 0);
  g_assert_cmpuint (count_yellow_in (f, 0, 0, 400, 300), ==, 0);
  g_assert_cmpint (gray_at (f, 100, 150), ==, 62);

  /* Ctrl+O belongs to the application. */
  g_assert_false (hilum_test_press_key (f->view, GDK_KEY_o, GDK_CONTROL_MASK));
  g_assert_false (hilum_image_view_get_show_overlays (f->view));

  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_O, GDK_SHIFT_MASK));
  g_assert_true (hilum_image_view_get_show_overlays (f->view));
  render (f);
  g_assert_cmpint (max_channel_in (f, m, m, 150, 60), >, 200);

  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_LABEL, "Frontal image");
}

static void
test_orientation_parse (void)
{
  static const struct {
    const char *value;
    const char *left, *right, *top, *bottom;
  } cases[] = {
    { "L\\F", "R", "L", "H", "F" },
    { "A\\F", "P", "A", "H", "F" },
    { "P\\F", "A", "P", "H", "F" },
    { "LP\\F", "RA", "LP", "H", "F" },
    { "r\\fa", "L", "R", "HP", "FA" },
    { "L/H", "R", "L", "F", "H" },
  };
  static const char * const invalid[] = { "", "L", "X\\F", "L\\F\\A", "LLLL\\F", "\\" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *left = NULL, *right = NULL, *top = NULL, *bottom = NULL;

      g_assert_true (hilum_overlay_parse_orientation (cases[i].value, &left, &right, &top, &bottom));
      g_assert_cmpstr (left, ==, cases[i].left);
      g_assert_cmpstr (right, ==, cases[i].right);
      g_assert_cmpstr (top, ==, cases[i].top);
      g_assert_cmpstr (bottom, ==, cases[i].bottom);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      char *left = NULL, *right = NULL, *top = NULL, *bottom = NULL;

      g_assert_false (hilum_overlay_parse_orientation (invalid[i], &left, &right, &top, &bottom));
      g_assert_null (left);
    }
}

static void
test_overlay_format (void)
{
  g_autofree char *z1 = hilum_overlay_format_zoom (0.37);
  g_autofree char *z2 = hilum_overlay_format_zoom (1.0);
  g_autofree char *z3 = hilum_overlay_format_zoom (4.0);
  g_autofree char *w1 = hilum_overlay_format_window (1200, 400);
  g_autofree char *w2 = hilum_overlay_format_window (0.5, 2.3);

  g_assert_cmpstr (z1, ==, "Zoom 37%");
  g_assert_cmpstr (z2, ==, "1:1");
  g_assert_cmpstr (z3, ==, "Zoom 400%");
  g_assert_cmpstr (w1, ==, "W 400 L 1200");
  g_assert_cmpstr (w2, ==, "W 2.3 L 0.5");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);

  hilum_image_view_set_label (f->view, "Lateral");
  render (f);

  /* The slot says what it waits for, dim, in the middle; the corners stay black. */
  g_assert_cmpint (max_channel_in (f, 100, 100, 300, 200), >, 80);
  g_assert_cmpint (max_channel_in (f, 100, 100, 300, 200), <, 200);
  g_assert_cmpint (max_channel_in (f, 0, 0, 80, 40), ==, 0);
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_LABEL, "Lateral image");
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No image");

  /* Keys, presets and actions do nothing without an image, and do not fail. */
  g_assert_false (hilum_test_press_key (f->view, GDK_KEY_3, 0));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "image-view.invert", NULL);
  g_assert_false (hilum_viewport_get_invert (viewport));
  hilum_image_view_apply_preset (f->view, HILUM_PRESET_LUNG);
  hilum_image_view_reset (f->view);

  /* With overlays off the empty slot still says so. */
  hilum_image_view_set_show_overlays (f->view, FALSE);
  render (f);
  g_assert_cmpint (max_channel_in (f, 100, 100, 300, 200), >, 80);

  /* An image, then none again: back to the empty slot. */
  show_image (f, make_halves_image ());
  render (f);
  g_assert_cmpint (gray_at (f, 100, 150), ==, 62);
  hilum_image_view_set_image (f->view, NULL);
  g_assert_null (hilum_image_view_get_image (f->view));
  render (f);
  g_assert_cmpint (max_channel_in (f, 0, 0, 400, 100), ==, 0);
  g_assert_cmpint (max_channel_in (f, 100, 100, 300, 200), >, 80);
  assert_accessible (f, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No image");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/hilum/image-view/linear-window", Fixture, NULL,
              fixture_setup, test_linear_window, fixture_teardown);
  g_test_add ("/hilum/image-view/presets", Fixture, NULL,
              fixture_setup, test_presets, fixture_teardown);
  g_test_add ("/hilum/image-view/drag-window-level", Fixture, NULL,
              fixture_setup, test_drag_window_level, fixture_teardown);
  g_test_add ("/hilum/image-view/zoom-pixel-exact", Fixture, NULL,
              fixture_setup, test_zoom_pixel_exact, fixture_teardown);
  g_test_add ("/hilum/image-view/invert", Fixture, NULL,
              fixture_setup, test_invert, fixture_teardown);
  g_test_add ("/hilum/image-view/overlays", Fixture, NULL,
              fixture_setup, test_overlays, fixture_teardown);
  g_test_add ("/hilum/image-view/empty", Fixture, NULL,
              fixture_setup, test_empty, fixture_teardown);
  g_test_add_func ("/hilum/overlay/orientation", test_orientation_parse);
  g_test_add_func ("/hilum/overlay/format", test_overlay_format);

  return g_test_run ();
}
