/* hilum-ui-test.h — helpers shared by the UI tests that drive real windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hilum-application.h"
#include "hilum-demo.h"
#include "hilum-image-slot.h"
#include "hilum-study-view.h"
#include "hilum-window.h"

/* Gives the process fresh XDG directories, so that remembered choices and the demo
 * study are the test's own. Call before anything asks GLib for them. */
static inline char *
hilum_test_isolate_xdg (void)
{
  char *root = g_dir_make_tmp ("hilum-ui-test-XXXXXX", NULL);
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i], dir, TRUE);
    }
  return root;
}

/* A study of two small synthetic radiographs (frontal.dcm, lateral.dcm) in a new
 * folder under @root. */
static inline char *
hilum_test_make_study (const char *root,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (root, name, NULL);

  g_assert_true (hilum_demo_write_study (dir, 240, 288, &error));
  g_assert_no_error (error);
  return dir;
}

/* Keeps the first @keep bytes of @path: the pixel data is cut short. */
static inline void
hilum_test_truncate (const char *path,
                     double      keep)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) (length * keep), &error));
  g_assert_no_error (error);
}

static inline gboolean
hilum_test_wait_until (gboolean (*done) (gpointer),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static inline void
hilum_test_iterate_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline void
hilum_test_set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* The widget paintable shows the widget's last drawn frame: let GTK paint first. */
static inline void
hilum_test_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 1000 * 1000;
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  gtk_widget_queue_draw (widget);
  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (hilum_test_set_true), &painted);
  while (!painted && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  g_signal_handler_disconnect (clock, id);
}

typedef struct
{
  guint8 *pixels;   /* B8G8R8A8 premultiplied */
  gsize   stride;
  int     width;
  int     height;
} HilumTestShot;

static inline void
hilum_test_shot_free (HilumTestShot *shot)
{
  g_free (shot->pixels);
  g_free (shot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumTestShot, hilum_test_shot_free)

/* Renders @widget as GTK puts it on screen. */
static inline HilumTestShot *
hilum_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  HilumTestShot *shot = g_new0 (HilumTestShot, 1);
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  hilum_test_wait_for_paint (widget);

  shot->width = gtk_widget_get_width (widget);
  shot->height = gtk_widget_get_height (widget);
  g_assert_cmpint (shot->width, >, 0);
  g_assert_cmpint (shot->height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, shot->width, shot->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot->width, shot->height));
  shot->stride = (gsize) shot->width * 4;
  shot->pixels = g_malloc (shot->stride * shot->height);
  gdk_texture_download (texture, shot->pixels, shot->stride);
  return shot;
}

/* Mean gray (0–255) of a @size × @size square centred on (@x, @y). */
static inline double
hilum_test_mean_gray (HilumTestShot *shot,
                      int            x,
                      int            y,
                      int            size)
{
  double sum = 0;
  guint n = 0;

  for (int j = y - size / 2; j < y + size / 2; j++)
    for (int i = x - size / 2; i < x + size / 2; i++)
      {
        const guint8 *p;

        g_assert_true (i >= 0 && j >= 0 && i < shot->width && j < shot->height);
        p = shot->pixels + (gsize) j * shot->stride + (gsize) i * 4;
        sum += (p[0] + p[1] + p[2]) / 3.0;
        n++;
      }
  return sum / n;
}

/* Centre of @slot's image view in the coordinates of @ancestor. */
static inline void
hilum_test_view_center (HilumStudyView *view,
                        HilumSlot       slot,
                        GtkWidget      *ancestor,
                        int            *x,
                        int            *y)
{
  GtkWidget *image_view = GTK_WIDGET (hilum_study_view_get_view (view, slot));
  double ax, ay;

  g_assert_true (gtk_widget_translate_coordinates (image_view, ancestor,
                                                   gtk_widget_get_width (image_view) / 2.0,
                                                   gtk_widget_get_height (image_view) / 2.0,
                                                   &ax, &ay));
  *x = (int) ax;
  *y = (int) ay;
}

/* Iterates until @widget is mapped at exactly @width × @height; fails the test
 * if that has not happened by @deadline (monotonic time, µs). */
static inline void
hilum_test_wait_for_size (GtkWidget *widget,
                          int        width,
                          int        height,
                          gint64     deadline)
{
  while (!gtk_widget_get_mapped (widget) ||
         gtk_widget_get_width (widget) != width ||
         gtk_widget_get_height (widget) != height)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The first controller of @widget of @type; for a gesture, with @button unless 0. */
static inline GtkEventController *
hilum_test_find_controller (gpointer widget,
                            GType    type,
                            guint    button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        continue;
      if (button != 0 &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) != button)
        continue;

      return controller;   /* the widget keeps it alive */
    }

  g_assert_not_reached ();
}

/* Presses and releases @keyval on @widget's key controller, as GTK would deliver it;
 * returns whether the press was handled. */
static inline gboolean
hilum_test_press_key (gpointer         widget,
                      guint            keyval,
                      GdkModifierType  state)
{
  GtkEventController *key = hilum_test_find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY, 0);
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
  g_signal_emit_by_name (key, "key-released", keyval, 0, state);
  return handled;
}

/* Runs xdotool with @args (real X events to the focused window). */
static inline void
hilum_test_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let GTK read the events before the test looks. */
  hilum_test_iterate_for (150);
}

/* gtk_test_init () and adw_init (), then the app as it runs for a user, registered
 * but not unique, so that tests never talk to another running instance. */
static inline HilumApplication *
hilum_test_application_init (int    *argc,
                             char ***argv)
{
  g_autoptr(GError) error = NULL;
  HilumApplication *app;

  /* No accessibility bus: its daemon writes to stdout, which is TAP here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = hilum_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* For hilum_test_wait_until (): @data is a HilumWindow. */
static inline gboolean
hilum_test_window_not_busy (gpointer data)
{
  return !hilum_window_get_busy (data);
}
