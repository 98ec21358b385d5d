/* test-box-layer.c — drawing, picking and editing boxes on a real image view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A HilumImageView in a window (Xvfb, GSK_RENDERER=cairo) shows a 200 × 100 image in
 * 400 × 300 widget pixels (fit: zoom 2, the image spans y 50–250), with a HilumBoxLayer
 * on a session of a small study document. Gestures are emitted on the view's own
 * GtkGestureDrag, keys on its key controller, as test-image-view.c does; what is
 * checked is the document (xyxy_norm, who owns which box), the undo history and the
 * pixels on screen.
 */
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "hilum-box-layer.h"
#include "hilum-finding-colors.h"
#include "hilum-image-view.h"
#include "hilum-ui-test.h"

#define WINDOW_WIDTH  400
#define WINDOW_HEIGHT 300
#define IMAGE_WIDTH   200
#define IMAGE_HEIGHT  100
/* The image's gray on screen: 1000 in a window of center 2048, width 4096. */
#define IMAGE_GRAY    62

#define F1 "f1000000-0000-4000-8000-000000000001"
#define F2 "f2000000-0000-4000-8000-000000000002"
#define F3 "f3000000-0000-4000-8000-000000000003"

/* Finding 2 has a box of r1 (the current reader) and finding 1 one of r2 (the other
 * reader), both on the frontal image; finding 3 has a box on the lateral only. */
static const char document_json[] =
  "{\"schema\": \"hilum-study/1\","
  " \"study\": {\"study_id\": \"S1\", \"status\": \"new\"},"
  " \"images\": [{\"image_id\": \"front\", \"role\": \"current_frontal\", \"width\": 200, \"height\": 100},"
  "              {\"image_id\": \"side\", \"role\": \"current_lateral\", \"width\": 200, \"height\": 100}],"
  " \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana\", \"role\": \"reader\"},"
  "               {\"reader_id\": \"r2\", \"name\": \"Luis\", \"role\": \"reader\"}],"
  " \"findings\": ["
  "  {\"finding_id\": \"" F1 "\", \"polarity\": \"positive\", \"text\": {\"en\": \"Cardiomegaly.\", \"es\": \"Cardiomegalia.\"},"
  "   \"annotations\": [{\"reader_id\": \"r2\", \"image_id\": \"front\", \"status\": \"boxed\","
  "                     \"boxes\": [{\"box_id\": \"other\", \"xyxy_norm\": [0.5, 0.2, 0.8, 0.6]}]}]},"
  "  {\"finding_id\": \"" F2 "\", \"polarity\": \"positive\", \"text\": {\"en\": \"Nodule.\", \"es\": \"Nódulo.\"},"
  "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"front\", \"status\": \"boxed\","
  "                     \"boxes\": [{\"box_id\": \"mine\", \"xyxy_norm\": [0.1, 0.3, 0.3, 0.7]}]}]},"
  "  {\"finding_id\": \"" F3 "\", \"polarity\": \"positive\", \"text\": {\"en\": \"Effusion.\", \"es\": \"Derrame.\"},"
  "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"side\", \"status\": \"boxed\","
  "                     \"boxes\": [{\"box_id\": \"lateral\", \"xyxy_norm\": [0.1, 0.1, 0.2, 0.2]}]}]}"
  " ]}";

typedef struct
{
  GtkWidget      *window;
  HilumImageView *view;
  HilumBoxLayer  *layer;
  HilumSession   *session;
  HilumTestShot  *shot;

  guint           n_selected;
  char           *selected_box;
  char           *selected_finding;
  guint           n_errors;
  GError         *last_error;
} Fixture;

static HilumImage *
make_image (void)
{
  guint16 *pixels = g_new (guint16, IMAGE_WIDTH * IMAGE_HEIGHT);
  HilumImage *image;

  for (guint i = 0; i < IMAGE_WIDTH * IMAGE_HEIGHT; i++)
    pixels[i] = 1000;
  image = hilum_image_new_gray (IMAGE_WIDTH, IMAGE_HEIGHT, 1, pixels, 1.0, 0.0);
  hilum_image_add_window (image, 2048, 4096);
  return image;
}

static HilumSession *
make_session (const char      *reader_id,
              HilumReaderRole  role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) document = hilum_document_new_from_string (document_json, -1, &error);

  g_assert_no_error (error);
  return hilum_session_new (NULL, document, reader_id, reader_id, role);
}

static void
box_selected_cb (HilumBoxLayer *layer,
                 const char    *box_id,
                 const char    *finding_id,
                 Fixture       *f)
{
  f->n_selected++;
  g_free (f->selected_box);
  g_free (f->selected_finding);
  f->selected_box = g_strdup (box_id);
  f->selected_finding = g_strdup (finding_id);
}

static void
error_cb (HilumBoxLayer *layer,
          const GError  *error,
          Fixture       *f)
{
  f->n_errors++;
  g_clear_error (&f->last_error);
  f->last_error = g_error_copy (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  HilumReaderRole role = GPOINTER_TO_INT (data);
  g_autoptr(HilumImage) image = make_image ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);

  f->view = HILUM_IMAGE_VIEW (hilum_image_view_new ());
  g_object_ref (f->view);
  /* Corner texts would cover the pixels under test. */
  hilum_image_view_set_show_overlays (f->view, FALSE);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));

  hilum_test_wait_for_size (GTK_WIDGET (f->view), WINDOW_WIDTH, WINDOW_HEIGHT, deadline);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);

  hilum_image_view_set_image (f->view, image);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (hilum_image_view_get_viewport (f->view)),
                                  2.0, 1e-12);

  f->session = make_session ("r1", role);
  f->layer = hilum_box_layer_new ();
  hilum_box_layer_set_session (f->layer, f->session);
  hilum_box_layer_set_image_id (f->layer, "front");
  hilum_image_view_set_box_layer (f->view, f->layer);
  g_signal_connect (f->layer, "box-selected", G_CALLBACK (box_selected_cb), f);
  g_signal_connect (f->layer, "error", G_CALLBACK (error_cb), f);

  hilum_test_iterate_for (30);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->shot, hilum_test_shot_free);
  g_clear_pointer (&f->selected_box, g_free);
  g_clear_pointer (&f->selected_finding, g_free);
  g_clear_error (&f->last_error);
  g_signal_handlers_disconnect_by_data (f->layer, f);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->layer);
  g_assert_finalize_object (f->session);
}

/* A primary-button drag as its GtkGestureDrag reports it; (0, 0) is a click. */
static void
drag (Fixture *f,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  GtkEventController *gesture = hilum_test_find_controller (f->view, GTK_TYPE_GESTURE_DRAG, GDK_BUTTON_PRIMARY);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  if (dx != 0 || dy != 0)
    {
      g_signal_emit_by_name (gesture, "drag-update", dx / 3, dy / 3);
      g_signal_emit_by_name (gesture, "drag-update", dx, dy);
    }
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

static HilumDocument *
document (Fixture *f)
{
  return hilum_session_get_document (f->session);
}

static guint
count_boxes (Fixture    *f,
             const char *finding_id,
             const char *reader_id)
{
  JsonObject *finding = hilum_document_find_finding (document (f), finding_id, NULL);
  JsonArray *annotations;
  guint n = 0;

  g_assert_nonnull (finding);
  if (!json_object_has_member (finding, "annotations"))
    return 0;
  annotations = json_object_get_array_member (finding, "annotations");
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);

      if (g_strcmp0 (json_object_get_string_member (annotation, "reader_id"), reader_id) == 0 &&
          g_strcmp0 (json_object_get_string_member (annotation, "image_id"), "front") == 0)
        n += json_array_get_length (json_object_get_array_member (annotation, "boxes"));
    }
  return n;
}

/* Asserts the box's owner and finding and returns its xyxy_norm. */
static void
get_box_in (HilumDocument *doc,
            const char    *box_id,
            const char    *expected_finding,
            const char    *expected_reader,
            double         out[4])
{
  const char *finding_id = NULL, *reader_id = NULL, *image_id = NULL;
  JsonObject *box = hilum_document_find_box (doc, box_id, &finding_id, &reader_id, &image_id);
  JsonArray *xyxy;

  g_assert_nonnull (box);
  g_assert_cmpstr (finding_id, ==, expected_finding);
  g_assert_cmpstr (reader_id, ==, expected_reader);
  g_assert_cmpstr (image_id, ==, "front");
  xyxy = json_object_get_array_member (box, "xyxy_norm");
  g_assert_cmpuint (json_array_get_length (xyxy), ==, 4);
  for (guint i = 0; i < 4; i++)
    out[i] = json_array_get_double_element (xyxy, i);
}

static void
get_box (Fixture    *f,
         const char *box_id,
         const char *expected_finding,
         const char *expected_reader,
         double      out[4])
{
  get_box_in (document (f), box_id, expected_finding, expected_reader, out);
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

static void
render (Fixture *f)
{
  g_clear_pointer (&f->shot, hilum_test_shot_free);
  f->shot = hilum_test_render (GTK_WIDGET (f->view));
}

static const guint8 *
pixel (Fixture *f,
       int      x,
       int      y)
{
  g_assert_true (x >= 0 && y >= 0 && x < f->shot->width && y < f->shot->height);
  return f->shot->pixels + (gsize) y * f->shot->stride + (gsize) x * 4;
}

/* The pixel is @opacity of finding @index's colour over the image's gray. */
static void
assert_color (Fixture *f,
              int      x,
              int      y,
              guint    index,
              double   opacity)
{
  const guint8 *p = pixel (f, x, y);   /* B G R A */
  double rgb[3];

  hilum_finding_color_get (index, &rgb[0], &rgb[1], &rgb[2]);
  for (guint c = 0; c < 3; c++)
    {
      double expected = 255 * (opacity * rgb[c]) + (1 - opacity) * IMAGE_GRAY;

      if (fabs (p[2 - c] - expected) > 3)
        g_error ("pixel (%d, %d) is #%02x%02x%02x, not %.0f %% of %s over the image",
                 x, y, p[2], p[1], p[0], opacity * 100, hilum_finding_color_get_hex (index));
    }
}

static void
assert_image (Fixture *f,
              int      x,
              int      y)
{
  const guint8 *p = pixel (f, x, y);

  if (p[0] != IMAGE_GRAY || p[1] != IMAGE_GRAY || p[2] != IMAGE_GRAY)
    g_error ("pixel (%d, %d) is #%02x%02x%02x, not the image's gray", x, y, p[2], p[1], p[0]);
}

static gboolean
is_color (Fixture *f,
          int      x,
          int      y,
          guint    index)
{
  const guint8 *p = pixel (f, x, y);
  double rgb[3];

  hilum_finding_color_get (index, &rgb[0], &rgb[1], &rgb[2]);
  return fabs (p[2] - 255 * rgb[0]) <= 3 && fabs (p[1] - 255 * rgb[1]) <= 3 &&
         fabs (p[0] - 255 * rgb[2]) <= 3;
}

/* Widget x of image column @ix (zoom 2, fit) and widget y of image row @iy. */
#define WX(ix) (2.0 * (ix))
#define WY(iy) (50.0 + 2.0 * (iy))

/* A drag with finding 1 selected draws one box for the current reader: at the image
 * pixels under the pointer, in finding 1's colour, selected; one undo step removes it. */
static void
test_draw (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *box_id = NULL;
  double box[4];

  hilum_box_layer_set_selected_finding_id (f->layer, F1);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 0);

  /* Widget (100, 100) → (160, 140) is image (50, 25) → (80, 45). */
  drag (f, 100, 100, 60, 40);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 1);
  g_assert_cmpuint (count_boxes (f, F1, "r2"), ==, 1);
  g_assert_cmpuint (f->n_selected, ==, 1);
  g_assert_cmpstr (f->selected_finding, ==, F1);
  box_id = g_strdup (hilum_box_layer_get_selected_box_id (f->layer));
  g_assert_cmpstr (box_id, ==, f->selected_box);
  get_box (f, box_id, F1, "r1", box);
  assert_box (box, 50.0 / 200, 25.0 / 100, 80.0 / 200, 45.0 / 100);
  g_assert_cmpuint (f->n_errors, ==, 0);

  /* Finding 1's colour, solid, on the edges; the image inside and outside. */
  render (f);
  /* Along the edges, between the handles (corners and middles, 11 px wide). */
  for (guint i = 0; i < 6; i++)
    {
      static const int xs[] = { 107, 112, 118, 142, 148, 153 };
      static const int ys[] = { 107, 110, 113, 127, 130, 133 };

      assert_color (f, xs[i], 100, 0, 1);
      assert_color (f, xs[i], 140, 0, 1);
      assert_color (f, 100, ys[i], 0, 1);
      assert_color (f, 160, ys[i], 0, 1);
    }
  assert_image (f, 130, 120);
  assert_image (f, 126, 147);
  assert_image (f, 92, 104);
  /* The finding's number "1" on a tag of its colour above the top-left corner. */
  {
    guint tag = 0;

    for (int y = 80; y < 98; y++)
      for (int x = 98; x < 120; x++)
        tag += is_color (f, x, y, 0);
    g_assert_cmpuint (tag, >, 60);
  }

  /* One operation: one undo takes the box away, redo brings it back. */
  g_assert_true (hilum_session_can_undo (f->session));
  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 0);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  g_assert_false (hilum_session_can_undo (f->session));
  render (f);
  assert_image (f, 130, 100);
  g_assert_true (hilum_session_redo (f->session, NULL));
  get_box (f, box_id, F1, "r1", box);
  assert_box (box, 50.0 / 200, 25.0 / 100, 80.0 / 200, 45.0 / 100);
}

/* Zoomed and panned, the box still lands on the pixels under the pointer; the outline
 * is drawn where the drag was; dragging past the image clamps to its border. */
static void
test_draw_zoomed (Fixture       *f,
                  gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  static const struct { double zoom, cx, cy; } views[] = {
    { 4, 120, 60 }, { 7.5, 33.25, 71.5 }, { 1.25, 150, 60 },
  };

  /* Only the new box and "mine" on screen. */
  hilum_box_layer_set_show_other_readers (f->layer, FALSE);
  hilum_box_layer_set_selected_finding_id (f->layer, F2);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double x0 = 130, y0 = 90, x1 = 190, y1 = 170, box[4];
      /* The viewport's mapping, written out: widget centre (200, 150) shows (cx, cy). */
      double ix0 = views[v].cx + (x0 - 200) / views[v].zoom;
      double iy0 = views[v].cy + (y0 - 150) / views[v].zoom;
      double ix1 = views[v].cx + (x1 - 200) / views[v].zoom;
      double iy1 = views[v].cy + (y1 - 150) / views[v].zoom;

      hilum_viewport_set_zoom (viewport, views[v].zoom);
      hilum_viewport_set_center (viewport, views[v].cx, views[v].cy);
      /* Drawn from the bottom right up: the box is the same. */
      drag (f, x1, y1, x0 - x1, y0 - y1);

      get_box (f, hilum_box_layer_get_selected_box_id (f->layer), F2, "r1", box);
      g_assert_cmpfloat_with_epsilon (box[0], ix0 / 200, 1e-12);
      g_assert_cmpfloat_with_epsilon (box[1], iy0 / 100, 1e-12);
      g_assert_cmpfloat_with_epsilon (box[2], ix1 / 200, 1e-12);
      g_assert_cmpfloat_with_epsilon (box[3], iy1 / 100, 1e-12);

      render (f);
      assert_color (f, 140, (int) y0, 1, 1);
      assert_color (f, (int) x1, 110, 1, 1);
      assert_image (f, 170, 120);

      g_assert_cmpuint (count_boxes (f, F2, "r1"), ==, 2);
      g_assert_true (hilum_session_undo (f->session, NULL));
    }

  /* Past the image's right and bottom borders: clamped to them. */
  {
    double box[4];

    hilum_viewport_fit (viewport);
    drag (f, 300, 200, 200, 200);
    get_box (f, hilum_box_layer_get_selected_box_id (f->layer), F2, "r1", box);
    assert_box (box, 150.0 / 200, 75.0 / 100, 1, 1);
  }

  /* Smaller than 2 × 2 image pixels: nothing is created (3 widget px = 1.5 image px). */
  drag (f, 100, 100, 3, 40);
  drag (f, 100, 100, 40, 3);
  g_assert_cmpuint (count_boxes (f, F2, "r1"), ==, 2);
  g_assert_cmpuint (f->n_errors, ==, 0);
}

/* A click on a box selects it and its finding; the finding's boxes stand out and the
 * other findings' fade; a click on the bare image unselects the box. */
static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  double cx = hilum_viewport_get_center_x (viewport);

  /* Box "mine" (finding 2): image 20,30 – 60,70, widget 40,110 – 120,190. */
  drag (f, 80, 150, 0, 0);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "mine");
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (f->layer), ==, F2);
  g_assert_cmpuint (f->n_selected, ==, 1);
  g_assert_cmpstr (f->selected_box, ==, "mine");
  g_assert_cmpstr (f->selected_finding, ==, F2);
  g_assert_false (hilum_session_can_undo (f->session));

  render (f);
  /* Finding 2 opaque and thick (3 px: rows 109–110 are covered), finding 1 — the
   * other reader's box, widget 200,90 – 320,170 — at 40 %. */
  assert_color (f, 60, 110, 1, 1);
  assert_color (f, 60, 109, 1, 1);
  assert_color (f, 120, 130, 1, 1);
  assert_color (f, 202, 90, 0, 0.4);
  /* The selected box's corner handle: white around the finding's colour. */
  {
    const guint8 *p = pixel (f, 36, 106);

    g_assert_cmpint (p[0], ==, 255);
    g_assert_cmpint (p[1], ==, 255);
    g_assert_cmpint (p[2], ==, 255);
    assert_color (f, 40, 190, 1, 1);
  }

  /* The report selects another finding: the box is no longer selected. */
  hilum_box_layer_set_selected_finding_id (f->layer, F3);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  render (f);
  assert_color (f, 60, 110, 1, 0.4);
  assert_color (f, 202, 90, 0, 0.4);

  /* The other reader's box can be picked too (a click, even with a finding to draw
   * for): it selects its finding. */
  drag (f, 260, 130, 0, 0);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "other");
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (f->layer), ==, F1);
  g_assert_cmpuint (f->n_selected, ==, 2);
  render (f);
  assert_color (f, 202, 90, 0, 1);

  /* Selecting a box from outside selects its finding; a box of the other image is
   * not this layer's. */
  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (f->layer), ==, F2);
  hilum_box_layer_set_selected_box_id (f->layer, "lateral");
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));

  /* With no finding selected a click on the bare image unselects, a drag pans. */
  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  hilum_box_layer_set_selected_finding_id (f->layer, NULL);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  drag (f, 80, 150, 0, 0);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "mine");
  drag (f, 160, 240, 0, 0);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (f->layer), ==, F2);
  hilum_box_layer_set_selected_finding_id (f->layer, NULL);
  drag (f, 160, 240, -40, 0);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport), cx + 20, 1e-9);
  g_assert_false (hilum_session_can_undo (f->session));
}

/* Drag inside moves, a handle resizes: one set-box at the end, in image pixels. */
static void
test_move_resize (Fixture       *f,
                  gconstpointer  data)
{
  double box[4];

  hilum_box_layer_set_selected_finding_id (f->layer, F2);

  /* Inside "mine" (widget 40,110 – 120,190): 20, 10 widget px are 10, 5 image px. */
  drag (f, 60, 150, 20, 10);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "mine");
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.15, 0.35, 0.35, 0.75);
  g_assert_cmpuint (count_boxes (f, F2, "r1"), ==, 1);

  render (f);
  assert_color (f, 80, 120, 1, 1);   /* the moved top edge, widget y 120 */
  assert_image (f, 80, 112);

  /* The bottom-right handle, now at widget (140, 200), dragged 30, 20 widget px. */
  drag (f, 141, 199, 30, 20);
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.15, 0.35, 0.425, 0.85);
  /* The top handle (middle of the top edge, widget (115, 120)) dragged down past the
   * bottom edge: stops two image pixels short of it. */
  drag (f, 115, 121, 0, 300);
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.15, 0.83, 0.425, 0.85);

  /* Each gesture one undo step, back to where the box was. */
  g_assert_true (hilum_session_undo (f->session, NULL));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.15, 0.35, 0.425, 0.85);
  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_true (hilum_session_undo (f->session, NULL));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.3, 0.3, 0.7);
  g_assert_false (hilum_session_can_undo (f->session));
  g_assert_cmpuint (f->n_errors, ==, 0);

  /* A click without moving changes nothing. */
  drag (f, 60, 150, 0, 0);
  g_assert_false (hilum_session_can_undo (f->session));
}

/* Arrows nudge the selected box by one image pixel (Shift: 10) instead of panning;
 * Delete removes it; each is one undo step. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  double cx = hilum_viewport_get_center_x (viewport);
  double cy = hilum_viewport_get_center_y (viewport);
  double box[4];

  /* Nothing selected: the arrows pan as always. */
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Right, 0));
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), !=, cx);
  hilum_viewport_fit (viewport);

  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Right, 0));
  get_box (f, "mine", F2, "r1", box);
  g_assert_cmpfloat_with_epsilon (box[0] - 0.1, 1.0 / IMAGE_WIDTH, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[2] - 0.3, 1.0 / IMAGE_WIDTH, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[1], 0.3, 1e-12);

  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Down, GDK_SHIFT_MASK));
  get_box (f, "mine", F2, "r1", box);
  g_assert_cmpfloat_with_epsilon (box[1] - 0.3, 10.0 / IMAGE_HEIGHT, 1e-12);
  g_assert_cmpfloat_with_epsilon (box[3] - 0.7, 10.0 / IMAGE_HEIGHT, 1e-12);
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Left, 0));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Up, 0));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.39, 0.3, 0.79);
  g_assert_cmpfloat (hilum_viewport_get_center_x (viewport), ==, cx);
  g_assert_cmpfloat (hilum_viewport_get_center_y (viewport), ==, cy);

  /* Shift+Down three times: the third would leave the image, it stops on the border. */
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Down, GDK_SHIFT_MASK));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.6, 0.3, 1.0);

  render (f);
  assert_color (f, 40, 200, 1, 1);   /* left edge at widget x 40, from y 170 to 250 */
  assert_color (f, 60, 170, 1, 1);

  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Delete, 0));
  g_assert_null (hilum_document_find_box (document (f), "mine", NULL, NULL, NULL));
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  render (f);
  assert_image (f, 60, 170);

  /* Delete and the seven nudges: eight undo steps. */
  g_assert_true (hilum_session_undo (f->session, NULL));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.6, 0.3, 1.0);
  for (guint i = 0; i < 7; i++)
    g_assert_true (hilum_session_undo (f->session, NULL));
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.3, 0.3, 0.7);
  g_assert_false (hilum_session_can_undo (f->session));

  /* BackSpace removes too; Escape only unselects. */
  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Escape, 0));
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  g_assert_nonnull (hilum_document_find_box (document (f), "mine", NULL, NULL, NULL));
  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_BackSpace, 0));
  g_assert_null (hilum_document_find_box (document (f), "mine", NULL, NULL, NULL));
  g_assert_cmpuint (f->n_errors, ==, 0);
}

/* The other reader's box: dashed, never moved, resized, nudged or deleted by this
 * reader (an error says why), hidden with "show-other-readers". */
static void
test_other_reader (Fixture       *f,
                   gconstpointer  data)
{
  double box[4];
  guint on = 0, off = 0;

  /* Box "other" (finding 1): image 100,20 – 160,60, widget 200,90 – 320,170. */
  render (f);
  for (int x = 200; x < 320; x++)
    {
      if (is_color (f, x, 90, 0))
        on++;
      else
        off++;
    }
  /* 8 on, 5 off: dashes, not a solid line. */
  g_assert_cmpuint (on, >, 60);
  g_assert_cmpuint (off, >, 30);
  /* The current reader's box is solid all along. */
  for (int x = 42; x < 118; x++)
    g_assert_true (is_color (f, x, 110, 1));

  /* No finding selected: picking it works; dragging it pans the image instead. */
  drag (f, 260, 130, 30, 20);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "other");
  get_box (f, "other", F1, "r2", box);
  assert_box (box, 0.5, 0.2, 0.8, 0.6);
  hilum_viewport_fit (hilum_image_view_get_viewport (f->view));

  /* No handles: the corner drags like anywhere else in it. */
  hilum_box_layer_set_selected_finding_id (f->layer, NULL);
  drag (f, 320, 170, 30, 20);
  get_box (f, "other", F1, "r2", box);
  assert_box (box, 0.5, 0.2, 0.8, 0.6);
  hilum_viewport_fit (hilum_image_view_get_viewport (f->view));

  /* Keys are refused by the session, with a message that names the owner. */
  hilum_box_layer_set_selected_box_id (f->layer, "other");
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Right, 0));
  g_assert_cmpuint (f->n_errors, ==, 1);
  g_assert_error (f->last_error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (f->last_error->message, "Luis"));
  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Delete, 0));
  g_assert_cmpuint (f->n_errors, ==, 2);
  get_box (f, "other", F1, "r2", box);
  assert_box (box, 0.5, 0.2, 0.8, 0.6);
  g_assert_false (hilum_session_can_undo (f->session));

  /* With its finding selected, a drag over it draws this reader's own box. */
  drag (f, 220, 100, 60, 40);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 1);
  g_assert_cmpuint (count_boxes (f, F1, "r2"), ==, 1);
  get_box (f, "other", F1, "r2", box);
  assert_box (box, 0.5, 0.2, 0.8, 0.6);

  /* The session refuses whatever the caller. */
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_box ("other");
    g_autoptr(GError) error = NULL;

    g_assert_false (hilum_session_perform (f->session, op, &error));
    g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN);
  }

  /* Hidden: not drawn, not picked. */
  hilum_box_layer_set_selected_box_id (f->layer, "other");
  hilum_box_layer_set_show_other_readers (f->layer, FALSE);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  render (f);
  for (int x = 290; x < 320; x++)
    assert_image (f, x, 90);
  hilum_box_layer_set_selected_finding_id (f->layer, NULL);
  drag (f, 300, 150, 0, 0);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));

  hilum_box_layer_set_show_other_readers (f->layer, TRUE);
  render (f);
  g_assert_true (is_color (f, 202, 90, 0));
}

/* A translator sees the boxes and picks them, but neither draws nor edits. */
static void
test_translator (Fixture       *f,
                 gconstpointer  data)
{
  double box[4];

  hilum_box_layer_set_selected_finding_id (f->layer, F1);
  drag (f, 100, 100, 60, 40);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 0);
  hilum_viewport_fit (hilum_image_view_get_viewport (f->view));

  drag (f, 80, 150, 20, 10);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "mine");
  get_box (f, "mine", F2, "r1", box);
  assert_box (box, 0.1, 0.3, 0.3, 0.7);

  g_assert_true (hilum_test_press_key (f->view, GDK_KEY_Delete, 0));
  g_assert_cmpuint (f->n_errors, ==, 1);
  g_assert_nonnull (hilum_document_find_box (document (f), "mine", NULL, NULL, NULL));
  g_assert_false (hilum_session_can_undo (f->session));
}

/* The cursor says what a primary drag would do; with "draw-mode" off it pans. */
static void
test_cursor_and_draw_mode (Fixture       *f,
                           gconstpointer  data)
{
  HilumViewport *viewport = hilum_image_view_get_viewport (f->view);
  double cx = hilum_viewport_get_center_x (viewport);

  /* Nothing selected: the view's own cursor; over a box of this reader: move. */
  g_assert_null (hilum_box_layer_get_cursor (f->layer, viewport, 160, 240));
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 80, 150), ==, "move");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 260, 130), ==, "pointer");

  /* The view shows it as the pointer moves. */
  {
    GtkEventController *motion = hilum_test_find_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);

    g_signal_emit_by_name (motion, "motion", 80.0, 150.0);
    g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (f->view))), ==, "move");
    g_signal_emit_by_name (motion, "motion", 160.0, 240.0);
    g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (f->view))), ==, "grab");
  }

  /* A finding selected: crosshair on the bare image and over the other reader's box. */
  hilum_box_layer_set_selected_finding_id (f->layer, F1);
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 160, 240), ==, "crosshair");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 260, 130), ==, "crosshair");

  /* The selected box's handles resize. */
  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 40, 110), ==, "nwse-resize");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 120, 110), ==, "nesw-resize");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 80, 190), ==, "ns-resize");
  g_assert_cmpstr (hilum_box_layer_get_cursor (f->layer, viewport, 120, 150), ==, "ew-resize");

  /* Draw mode off: the same drag on the bare image pans and draws nothing. */
  hilum_box_layer_set_selected_finding_id (f->layer, F1);
  hilum_box_layer_set_draw_mode (f->layer, FALSE);
  g_assert_null (hilum_box_layer_get_cursor (f->layer, viewport, 160, 240));
  drag (f, 160, 240, -40, 0);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 0);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_center_x (viewport), cx + 20, 1e-9);

  /* Boxes still move without it. */
  hilum_viewport_fit (viewport);
  drag (f, 80, 150, 20, 0);
  g_assert_cmpstr (hilum_box_layer_get_selected_box_id (f->layer), ==, "mine");
  g_assert_true (hilum_session_can_undo (f->session));

  /* On again: it draws, for finding 2, selected with its box. */
  hilum_box_layer_set_draw_mode (f->layer, TRUE);
  drag (f, 160, 240, -40, -20);
  g_assert_cmpuint (count_boxes (f, F2, "r1"), ==, 2);
}

/* Another study: the layer follows the new session, the old one's edits are gone. */
static void
test_new_session (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HilumSession) other = make_session ("r2", HILUM_READER_ROLE_REVIEWER);
  double box[4];

  hilum_box_layer_set_selected_box_id (f->layer, "mine");
  hilum_box_layer_set_session (f->layer, other);
  g_assert_null (hilum_box_layer_get_selected_box_id (f->layer));
  g_assert_null (hilum_box_layer_get_selected_finding_id (f->layer));

  /* r2 now: "other" is theirs to move, "mine" is not. */
  drag (f, 260, 130, 20, 0);
  g_assert_no_error (f->last_error);
  get_box_in (hilum_session_get_document (other), "other", F1, "r2", box);
  assert_box (box, 0.55, 0.2, 0.85, 0.6);
  get_box (f, "other", F1, "r2", box);
  assert_box (box, 0.5, 0.2, 0.8, 0.6);
  g_assert_true (hilum_session_can_undo (other));
  g_assert_false (hilum_session_can_undo (f->session));

  hilum_box_layer_set_session (f->layer, f->session);
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* The demo radiograph with two readers' boxes, for the eye: HILUM_SCREENSHOT_DIR
 * receives box-layer.png. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  guint16 *pixels = hilum_demo_render (HILUM_VIEW_FRONTAL, 400, 480);
  g_autoptr(HilumImage) image = hilum_image_new_gray (400, 480, 1, pixels, 1.0, 0.0);
  const char *dir = g_getenv ("HILUM_SCREENSHOT_DIR");
  g_autofree char *first = NULL;
  guint colors[3] = { 0 };

  hilum_image_add_window (image, 2048, 4096);
  hilum_image_view_set_image (f->view, image);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 520, 600);
  hilum_image_view_set_show_overlays (f->view, TRUE);
  hilum_test_iterate_for (100);

  /* r1 draws for findings 1 and 2; r2's box of finding 1 is there already. */
  hilum_box_layer_set_selected_finding_id (f->layer, F1);
  {
    double x0, y0, x1, y1;
    HilumViewport *viewport = hilum_image_view_get_viewport (f->view);

    hilum_viewport_image_to_widget (viewport, 210, 110, &x0, &y0);
    hilum_viewport_image_to_widget (viewport, 330, 250, &x1, &y1);
    drag (f, x0, y0, x1 - x0, y1 - y0);
    first = g_strdup (hilum_box_layer_get_selected_box_id (f->layer));
    hilum_box_layer_set_selected_finding_id (f->layer, F2);
    hilum_viewport_image_to_widget (viewport, 250, 330, &x0, &y0);
    hilum_viewport_image_to_widget (viewport, 340, 420, &x1, &y1);
    drag (f, x0, y0, x1 - x0, y1 - y0);
  }
  /* Finding 1 selected, with its box of this reader and its handles. */
  hilum_box_layer_set_selected_box_id (f->layer, first);
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (f->layer), ==, F1);
  g_assert_cmpuint (count_boxes (f, F1, "r1"), ==, 1);
  g_assert_cmpuint (count_boxes (f, F2, "r1"), ==, 2);

  render (f);
  for (int y = 0; y < f->shot->height; y++)
    for (int x = 0; x < f->shot->width; x++)
      for (guint c = 0; c < 2; c++)
        colors[c] += is_color (f, x, y, c);
  /* Finding 1 (two readers, selected) stands out; finding 2 is faded, not absent. */
  g_assert_cmpuint (colors[0], >, 500);

  if (dir != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (f->shot->pixels, f->shot->stride * f->shot->height);
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (f->shot->width, f->shot->height,
                                                              GDK_MEMORY_DEFAULT, bytes,
                                                              f->shot->stride);
      g_autofree char *path = g_build_filename (dir, "box-layer.png", NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("wrote %s", path);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func, role) \
  g_test_add ("/hilum/box-layer/" path, Fixture, GINT_TO_POINTER (role), \
              fixture_setup, func, fixture_teardown)

  ADD ("draw", test_draw, HILUM_READER_ROLE_READER);
  ADD ("draw-zoomed", test_draw_zoomed, HILUM_READER_ROLE_READER);
  ADD ("select", test_select, HILUM_READER_ROLE_READER);
  ADD ("move-resize", test_move_resize, HILUM_READER_ROLE_READER);
  ADD ("keys", test_keys, HILUM_READER_ROLE_READER);
  ADD ("other-reader", test_other_reader, HILUM_READER_ROLE_READER);
  ADD ("translator", test_translator, HILUM_READER_ROLE_TRANSLATOR);
  ADD ("cursor-and-draw-mode", test_cursor_and_draw_mode, HILUM_READER_ROLE_READER);
  ADD ("new-session", test_new_session, HILUM_READER_ROLE_READER);
  ADD ("screenshot", test_screenshot, HILUM_READER_ROLE_READER);

  return g_test_run ();
}
