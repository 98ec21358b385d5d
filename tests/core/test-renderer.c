/* test-renderer.c — what the renderer puts on screen, pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "hilum-buffer-pool.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-renderer.h"
#include "hilum-viewport.h"
#include "hilum-voi.h"

/* A gray image whose index at (x, y) is f (x, y). */
static HilumImage *
gray_image (guint  width,
            guint  height,
            guint (*f) (guint x, guint y))
{
  guint16 *pixels = g_new (guint16, width * height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      pixels[y * width + x] = f (x, y);

  return hilum_image_new_gray (width, height, 1, pixels, 1.0, 0.0);
}

static guint
pattern16 (guint x, guint y)
{
  /* 4 × 4: 16 distinct values spread over 12 bits. */
  return (y * 4 + x) * 256 + 17;
}

static guint
pattern_small (guint x, guint y)
{
  /* Values below 256, so that the identity window (c 128, w 256) shows them as is. */
  return (x * 29 + y * 7 + (x * y) % 5) % 256;
}

static HilumViewport *
viewport_for (HilumImage *image,
              double      widget_width,
              double      widget_height,
              double      center,
              double      width)
{
  HilumViewport *viewport = hilum_fixture_viewport_new (hilum_image_get_width (image),
                                                        hilum_image_get_height (image),
                                                        widget_width, widget_height);

  hilum_viewport_set_window (viewport, center, width);

  return viewport;
}

static int
expected_gray (HilumImage *image,
               guint       index,
               double      center,
               double      width,
               gboolean    invert)
{
  double y = hilum_voi_apply (hilum_image_get_info (image)->voi_function, center, width,
                              hilum_image_index_to_value (image, index));
  int v = (int) floor (y + 0.5);

  return invert ? 255 - v : v;
}

static void
assert_pixel (HilumPixelBuffer *buffer,
              guint             x,
              guint             y,
              int               r,
              int               g,
              int               b)
{
  const guint8 *p;

  g_assert_cmpuint (x, <, buffer->width);
  g_assert_cmpuint (y, <, buffer->height);
  p = buffer->data + y * buffer->stride + x * 3;
  if (p[0] != r || p[1] != g || p[2] != b)
    g_error ("pixel (%u, %u) is (%d, %d, %d), expected (%d, %d, %d)", x, y, p[0], p[1], p[2], r, g, b);
}

static void
assert_placement (HilumPixelBuffer *buffer,
                  guint             width,
                  guint             height,
                  double            x,
                  double            y,
                  double            widget_width,
                  double            widget_height)
{
  g_assert_cmpuint (buffer->width, ==, width);
  g_assert_cmpuint (buffer->height, ==, height);
  g_assert_cmpuint (buffer->stride, >=, width * 3);
  g_assert_cmpfloat_with_epsilon (buffer->x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (buffer->y, y, 1e-9);
  g_assert_cmpfloat_with_epsilon (buffer->widget_width, widget_width, 1e-9);
  g_assert_cmpfloat_with_epsilon (buffer->widget_height, widget_height, 1e-9);
}

/* Every output pixel (x, y) shows image pixel (x / block + ox, y / block + oy). */
static void
assert_blocks (HilumPixelBuffer *buffer,
               HilumImage       *image,
               guint             block,
               guint             ox,
               guint             oy,
               double            center,
               double            width,
               gboolean          invert)
{
  const guint16 *pixels = hilum_image_get_gray_frame (image, 0);
  guint image_width = hilum_image_get_width (image);

  for (guint y = 0; y < buffer->height; y++)
    for (guint x = 0; x < buffer->width; x++)
      {
        guint index = pixels[(y / block + oy) * image_width + x / block + ox];
        int v = expected_gray (image, index, center, width, invert);

        assert_pixel (buffer, x, y, v, v, v);
      }
}

static void
test_one_to_one (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 4, 4, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumPixelBuffer) buffer = NULL;

  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 1);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 4, 4, 0, 0, 4, 4);
  assert_blocks (buffer, image, 1, 0, 0, 2048, 4096, FALSE);
  /* Hand-checked corners: index 17 -> ((17 - 2047.5) / 4095 + 0.5) * 255 = 1.06 -> 1;
   * index 3857 -> 240.2 -> 240. */
  assert_pixel (buffer, 0, 0, 1, 1, 1);
  assert_pixel (buffer, 3, 3, 240, 240, 240);
}

static void
test_fit (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 40, 20, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumPixelBuffer) buffer = NULL;

  /* Fitted: zoom 5, the 20 × 20 image centred in the 40 × 20 widget. */
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 5);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 20, 20, 10, 0, 20, 20);
  assert_blocks (buffer, image, 5, 0, 0, 2048, 4096, FALSE);
}

static void
test_magnified (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 16, 16, 1000, 2000);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumPixelBuffer) buffer = NULL;
  g_autoptr(HilumPixelBuffer) hidpi = NULL;

  /* 4×: each image pixel is an exact 4 × 4 block of its table value. */
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 4);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 16, 16, 0, 0, 16, 16);
  assert_blocks (buffer, image, 4, 0, 0, 1000, 2000, FALSE);

  /* At scale factor 2 the blocks are 8 × 8 device pixels over the same widget area. */
  hidpi = hilum_renderer_render (renderer, viewport, 2);
  assert_placement (hidpi, 32, 32, 0, 0, 16, 16);
  assert_blocks (hidpi, image, 8, 0, 0, 1000, 2000, FALSE);

  /* 32× (the maximum) on a larger widget: 32 × 32 blocks. */
  g_clear_pointer (&buffer, hilum_pixel_buffer_unref);
  hilum_viewport_set_widget_size (viewport, 128, 128);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 32);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 128, 128, 0, 0, 128, 128);
  assert_blocks (buffer, image, 32, 0, 0, 1000, 2000, FALSE);
}

static void
test_panned (void)
{
  g_autoptr(HilumImage) image = gray_image (8, 8, pattern_small);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 8, 8, 128, 256);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  HilumPixelBuffer *buffer;

  /* Zoom 2 at the centre: the widget shows image pixels 2..5 as 2 × 2 blocks. */
  hilum_viewport_set_zoom (viewport, 2);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 8, 8, 0, 0, 8, 8);
  assert_blocks (buffer, image, 2, 2, 2, 128, 256, FALSE);
  hilum_pixel_buffer_unref (buffer);

  /* Dragged 4 widget pixels left: image pixels 4..7 across. */
  hilum_viewport_pan_by (viewport, -4, 0);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 8, 8, 0, 0, 8, 8);
  assert_blocks (buffer, image, 2, 4, 2, 128, 256, FALSE);
  hilum_pixel_buffer_unref (buffer);

  /* Further: the right image edge stops at the widget centre; only the left half of the
   * widget has pixels, and the buffer covers exactly that. */
  hilum_viewport_pan_by (viewport, -100, 0);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 4, 8, 0, 0, 4, 8);
  assert_blocks (buffer, image, 2, 6, 2, 128, 256, FALSE);
  hilum_pixel_buffer_unref (buffer);

  /* And down-right instead: the buffer sits at (4, 4) in the widget. */
  hilum_viewport_pan_by (viewport, 200, 200);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 4, 4, 4, 4, 4, 4);
  assert_blocks (buffer, image, 2, 0, 0, 128, 256, FALSE);
  hilum_pixel_buffer_unref (buffer);
}

static void
test_fractional_placement (void)
{
  g_autoptr(HilumImage) image = gray_image (3, 3, pattern_small);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 10, 7, 128, 256);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumPixelBuffer) buffer = NULL;
  g_autoptr(HilumPixelBuffer) hidpi = NULL;

  /* Zoom 7/3: the image spans widget x 1.5 .. 8.5. The buffer holds the device pixels
   * whose centres lie on the image: columns 1..7 (placed at x = 1, 7 wide). */
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 7, 7, 1, 0, 7, 7);
  /* Device column d (centre d + 0.5) shows image x floor ((d + 0.5 - 1.5) * 3 / 7):
   * columns 1..3 image pixel 0, 4..5 pixel 1, 6..7 pixel 2. */
  {
    const guint16 *pixels = hilum_image_get_gray_frame (image, 0);
    static const guint source[7] = { 0, 0, 0, 1, 1, 2, 2 };

    for (guint x = 0; x < 7; x++)
      {
        int v = pixels[source[x]];

        assert_pixel (buffer, x, 0, v, v, v);
      }
  }

  /* At scale 2: device columns 3..16 (centres 1.75 .. 8.25 in widget pixels). */
  hidpi = hilum_renderer_render (renderer, viewport, 2);
  assert_placement (hidpi, 14, 14, 1.5, 0, 7, 7);
}

static guint16 mean4 (guint a, guint b, guint c, guint d) { return (a + b + c + d + 2) >> 2; }

static void
test_minified (void)
{
  g_autoptr(HilumImage) image = gray_image (16, 16, pattern_small);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 8, 8, 128, 256);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  const guint16 *pixels = hilum_image_get_gray_frame (image, 0);
  guint16 level1[8][8], level2[4][4];
  HilumPixelBuffer *buffer;

  for (guint y = 0; y < 8; y++)
    for (guint x = 0; x < 8; x++)
      level1[y][x] = mean4 (pixels[2 * y * 16 + 2 * x], pixels[2 * y * 16 + 2 * x + 1],
                            pixels[(2 * y + 1) * 16 + 2 * x], pixels[(2 * y + 1) * 16 + 2 * x + 1]);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 4; x++)
      level2[y][x] = mean4 (level1[2 * y][2 * x], level1[2 * y][2 * x + 1],
                            level1[2 * y + 1][2 * x], level1[2 * y + 1][2 * x + 1]);

  /* Zoom 1/2: every screen pixel is the mean of its 2 × 2 image pixels (the identity
   * window shows the mean itself). */
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.5);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 8, 8, 0, 0, 8, 8);
  for (guint y = 0; y < 8; y++)
    for (guint x = 0; x < 8; x++)
      assert_pixel (buffer, x, y, level1[y][x], level1[y][x], level1[y][x]);
  hilum_pixel_buffer_unref (buffer);

  /* The same view at scale factor 2 is 1:1 in device pixels: the image itself. */
  buffer = hilum_renderer_render (renderer, viewport, 2);
  assert_placement (buffer, 16, 16, 0, 0, 8, 8);
  assert_blocks (buffer, image, 1, 0, 0, 128, 256, FALSE);
  hilum_pixel_buffer_unref (buffer);

  /* Zoom 1/4: means of 4 × 4 blocks (of 2 × 2 means). */
  hilum_viewport_set_widget_size (viewport, 4, 4);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.25);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 4, 4, 0, 0, 4, 4);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 4; x++)
      assert_pixel (buffer, x, y, level2[y][x], level2[y][x], level2[y][x]);
  hilum_pixel_buffer_unref (buffer);

  /* Zoom 1/3 (between levels): sampled from level 1, the finer one. Screen column x
   * has its centre on image x 3x + 1.5, i.e. level-1 column floor ((3x + 1.5) / 2). */
  hilum_viewport_set_widget_size (viewport, 16 / 3.0, 16 / 3.0);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_zoom (viewport), 1 / 3.0, 1e-12);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 5, 5, 0, 0, 5, 5);
  for (guint y = 0; y < 5; y++)
    for (guint x = 0; x < 5; x++)
      {
        guint lx = MIN ((guint) ((3 * x + 1.5) / 2), 7);
        guint ly = MIN ((guint) ((3 * y + 1.5) / 2), 7);

        assert_pixel (buffer, x, y, level1[ly][lx], level1[ly][lx], level1[ly][lx]);
      }
  hilum_pixel_buffer_unref (buffer);
}

static void
test_minified_odd (void)
{
  /* 5 × 3: the last column and row of each level average what they cover. */
  static const guint16 values[15] = { 10, 20, 30, 40, 50,
                                      60, 70, 80, 90, 100,
                                      110, 120, 130, 140, 150 };
  g_autoptr(HilumImage) image = hilum_image_new_gray (5, 3, 1, g_memdup2 (values, sizeof values), 1, 0);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 2.5, 1.5, 128, 256);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumPixelBuffer) buffer = NULL;

  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.5);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  /* The image covers widget 0 .. 2.5 × 0 .. 1.5: device columns 0 and 1 and row 0
   * have their centres on it. */
  assert_placement (buffer, 2, 1, 0, 0, 2, 1);
  assert_pixel (buffer, 0, 0, 40, 40, 40);      /* (10 + 20 + 60 + 70 + 2) / 4 */
  assert_pixel (buffer, 1, 0, 60, 60, 60);      /* (30 + 40 + 80 + 90 + 2) / 4 */

  /* The last level pixel of an odd side: zoom 1/2 on the bottom-right corner. */
  hilum_viewport_set_widget_size (viewport, 1, 1);
  hilum_viewport_set_zoom (viewport, 0.5);
  hilum_viewport_set_center (viewport, 5, 3);
  g_clear_pointer (&buffer, hilum_pixel_buffer_unref);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  /* The image covers only half of the one-pixel widget; the buffer is never less than
   * one device pixel. Its centre is image (5, 3): level-1 pixel (2, 1), the lone corner
   * 150 that no other pixel was averaged with. */
  assert_placement (buffer, 1, 1, 0, 0, 1, 1);
  assert_pixel (buffer, 0, 0, 150, 150, 150);
}

static void
test_inverted (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 4, 4, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  HilumImageInfo info = *hilum_image_get_info (image);
  HilumPixelBuffer *buffer;

  /* Invert from the viewport. */
  hilum_viewport_set_invert (viewport, TRUE);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_blocks (buffer, image, 1, 0, 0, 2048, 4096, TRUE);
  assert_pixel (buffer, 0, 0, 254, 254, 254);
  hilum_pixel_buffer_unref (buffer);

  /* MONOCHROME1 and invert cancel out. */
  info.inverted_display = TRUE;
  hilum_image_set_info (image, &info);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_blocks (buffer, image, 1, 0, 0, 2048, 4096, FALSE);
  hilum_pixel_buffer_unref (buffer);

  /* MONOCHROME1 alone is shown inverted. */
  hilum_viewport_set_invert (viewport, FALSE);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_blocks (buffer, image, 1, 0, 0, 2048, 4096, TRUE);
  hilum_pixel_buffer_unref (buffer);
}

static void
test_window_change (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 4, 4, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  static const double windows[][2] = { { 2048, 4096 }, { 1000, 500 }, { 3000, 1 },
                                       { 2000, 100000 }, { 2048, 4096 } };

  /* Every W/L change shows in the next frame, and going back gives the first frame. */
  for (guint k = 0; k < G_N_ELEMENTS (windows); k++)
    {
      g_autoptr(HilumPixelBuffer) buffer = NULL;

      hilum_viewport_set_window (viewport, windows[k][0], windows[k][1]);
      buffer = hilum_renderer_render (renderer, viewport, 1);
      assert_blocks (buffer, image, 1, 0, 0, windows[k][0], windows[k][1], FALSE);
    }
}

static void
test_functions (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 4, 4, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  HilumImageInfo info = *hilum_image_get_info (image);

  /* The image's VOI LUT function is the one used; index 17 under SIGMOID:
   * 255 / (1 + exp (-4 (17 - 2048) / 4096)) = 30.9 -> 31. */
  for (HilumVoiFunction f = HILUM_VOI_LINEAR; f <= HILUM_VOI_SIGMOID; f++)
    {
      g_autoptr(HilumPixelBuffer) buffer = NULL;

      info.voi_function = f;
      hilum_image_set_info (image, &info);
      buffer = hilum_renderer_render (renderer, viewport, 1);
      assert_blocks (buffer, image, 1, 0, 0, 2048, 4096, FALSE);
      if (f == HILUM_VOI_SIGMOID)
        assert_pixel (buffer, 0, 0, 31, 31, 31);
    }
}

static void
test_modality (void)
{
  /* Indices 0..15 with slope 100 and intercept -1024: the window is in those values. */
  guint16 *pixels = g_new (guint16, 16);
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(HilumViewport) viewport = NULL;
  g_autoptr(HilumRenderer) renderer = NULL;
  g_autoptr(HilumPixelBuffer) buffer = NULL;

  for (guint i = 0; i < 16; i++)
    pixels[i] = i;
  image = hilum_image_new_gray (4, 4, 1, pixels, 100, -1024);
  viewport = viewport_for (image, 4, 4, 0, 801);
  renderer = hilum_renderer_new (image);
  buffer = hilum_renderer_render (renderer, viewport, 1);

  /* Window c 0 w 801: black at and below -400.5, white above 399.5. Index 6 is -424
   * (black), 7 is -324 -> ((-324 + 0.5) / 800 + 0.5) * 255 = 24.3 -> 24, 10 is -24 ->
   * 120.01 -> 120, 14 is 376 -> 247.51 -> 248, 15 is 476 (white). */
  assert_pixel (buffer, 2, 1, 0, 0, 0);
  assert_pixel (buffer, 3, 1, 24, 24, 24);
  assert_pixel (buffer, 2, 2, 120, 120, 120);
  assert_pixel (buffer, 2, 3, 248, 248, 248);
  assert_pixel (buffer, 3, 3, 255, 255, 255);
}

static void
test_rgb (void)
{
  guint8 *rgb = g_new (guint8, 2 * 2 * 3);
  static const guint8 values[12] = { 255, 0, 0,    0, 200, 0,
                                     10, 20, 30,   100, 128, 250 };
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(HilumViewport) viewport = NULL;
  g_autoptr(HilumRenderer) renderer = NULL;
  HilumPixelBuffer *buffer;

  memcpy (rgb, values, sizeof values);
  image = hilum_image_new_rgb (2, 2, 1, rgb);
  viewport = viewport_for (image, 4, 4, 128, 256);
  renderer = hilum_renderer_new (image);

  /* Identity window at 2×: the colours as they are, in 2 × 2 blocks. */
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 4, 4, 0, 0, 4, 4);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 4; x++)
      {
        const guint8 *p = values + ((y / 2) * 2 + x / 2) * 3;

        assert_pixel (buffer, x, y, p[0], p[1], p[2]);
      }
  hilum_pixel_buffer_unref (buffer);

  /* Window c 64 w 128 (0..127 over the full scale, y = 255 x / 127) on each channel:
   * 200 -> 255, 10 -> 20.1 -> 20, 20 -> 40.2 -> 40, 30 -> 60.2 -> 60, 100 -> 200.8 -> 201. */
  hilum_viewport_set_window (viewport, 64, 128);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_pixel (buffer, 0, 0, 255, 0, 0);
  assert_pixel (buffer, 2, 0, 0, 255, 0);
  assert_pixel (buffer, 0, 2, 20, 40, 60);
  assert_pixel (buffer, 3, 3, 201, 255, 255);
  hilum_pixel_buffer_unref (buffer);

  /* Inverted per channel too. */
  hilum_viewport_set_window (viewport, 128, 256);
  hilum_viewport_set_invert (viewport, TRUE);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_pixel (buffer, 3, 3, 155, 127, 5);
  hilum_pixel_buffer_unref (buffer);

  /* Minified colour comes from the colour pyramid: the mean per channel. */
  hilum_viewport_set_invert (viewport, FALSE);
  hilum_viewport_set_widget_size (viewport, 1, 1);
  g_assert_cmpfloat (hilum_viewport_get_zoom (viewport), ==, 0.5);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_placement (buffer, 1, 1, 0, 0, 1, 1);
  assert_pixel (buffer, 0, 0, (255 + 0 + 10 + 100 + 2) / 4, (0 + 200 + 20 + 128 + 2) / 4,
                (0 + 0 + 30 + 250 + 2) / 4);
  hilum_pixel_buffer_unref (buffer);
}

static void
test_frames (void)
{
  guint16 *pixels = g_new (guint16, 2 * 2 * 2);
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(HilumViewport) viewport = NULL;
  g_autoptr(HilumRenderer) renderer = NULL;
  HilumPixelBuffer *buffer;

  for (guint i = 0; i < 8; i++)
    pixels[i] = i < 4 ? 10 : 200;
  image = hilum_image_new_gray (2, 2, 2, pixels, 1, 0);
  viewport = viewport_for (image, 2, 2, 128, 256);
  renderer = hilum_renderer_new (image);

  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_pixel (buffer, 1, 1, 10, 10, 10);
  hilum_pixel_buffer_unref (buffer);

  hilum_renderer_set_frame (renderer, 1);
  g_assert_cmpuint (hilum_renderer_get_frame (renderer), ==, 1);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_pixel (buffer, 1, 1, 200, 200, 200);
  hilum_pixel_buffer_unref (buffer);

  /* Minified frame 1 uses frame 1's own pyramid. */
  hilum_viewport_set_widget_size (viewport, 1, 1);
  buffer = hilum_renderer_render (renderer, viewport, 1);
  assert_pixel (buffer, 0, 0, 200, 200, 200);
  hilum_pixel_buffer_unref (buffer);
}

static void
test_nothing_visible (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumImage) header_only = hilum_image_new_gray (4, 4, 1, NULL, 1, 0);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 0, 0, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  g_autoptr(HilumRenderer) empty_renderer = hilum_renderer_new (header_only);

  /* No widget area yet, or no pixels: nothing to draw. */
  g_assert_null (hilum_renderer_render (renderer, viewport, 1));
  hilum_viewport_set_widget_size (viewport, 4, 4);
  g_assert_null (hilum_renderer_render (empty_renderer, viewport, 1));
}

static void
test_pool (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumViewport) viewport = viewport_for (image, 64, 64, 2048, 4096);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  HilumPixelBuffer *a, *b, *c;
  guint8 *data_a;

  /* A released buffer is the next frame's buffer. */
  a = hilum_renderer_render (renderer, viewport, 1);
  data_a = a->data;
  hilum_pixel_buffer_unref (a);
  a = hilum_renderer_render (renderer, viewport, 1);
  g_assert_true (a->data == data_a);

  /* One still held (by a texture): the next frame gets another buffer. */
  b = hilum_renderer_render (renderer, viewport, 1);
  g_assert_true (b->data != a->data);

  /* A smaller frame reuses a larger buffer; a reference keeps a buffer out of the pool. */
  hilum_pixel_buffer_ref (b);
  hilum_pixel_buffer_unref (a);
  hilum_viewport_set_widget_size (viewport, 32, 32);
  c = hilum_renderer_render (renderer, viewport, 1);
  g_assert_true (c->data == data_a);
  assert_placement (c, 32, 32, 0, 0, 32, 32);
  assert_blocks (c, image, 8, 0, 0, 2048, 4096, FALSE);
  hilum_pixel_buffer_unref (b);
  g_assert_cmpuint (b->width, ==, 64);      /* still alive: one reference left */
  hilum_pixel_buffer_unref (b);
  hilum_pixel_buffer_unref (c);

  /* A buffer may outlive its renderer. */
  a = hilum_renderer_render (renderer, viewport, 1);
  g_clear_object (&renderer);
  assert_blocks (a, image, 8, 0, 0, 2048, 4096, FALSE);
  hilum_pixel_buffer_unref (a);

  /* The boxed type copies by reference. */
  {
    g_autoptr(HilumRenderer) other = hilum_renderer_new (image);
    HilumPixelBuffer *d = hilum_renderer_render (other, viewport, 1);
    HilumPixelBuffer *e = g_boxed_copy (hilum_pixel_buffer_get_type (), d);

    g_assert_true (e == d);
    g_boxed_free (hilum_pixel_buffer_get_type (), e);
    hilum_pixel_buffer_unref (d);
  }
}

static void
test_pool_limits (void)
{
  g_autoptr(HilumBufferPool) pool = hilum_buffer_pool_new (3);
  HilumPixelBuffer *buffers[5];
  HilumPixelBuffer *big, *again;
  guint8 *big_data;

  /* Five frames in flight at once, then all released: three are kept. */
  for (guint i = 0; i < 5; i++)
    buffers[i] = hilum_buffer_pool_acquire (pool, 100 + i, 100);
  g_assert_cmpuint (hilum_buffer_pool_get_n_allocated (pool), ==, 5);
  for (guint i = 0; i < 5; i++)
    hilum_pixel_buffer_unref (buffers[i]);
  g_assert_cmpuint (hilum_buffer_pool_get_n_free (pool), ==, 3);

  /* Reused without a new allocation, rows padded to 4 bytes. */
  again = hilum_buffer_pool_acquire (pool, 101, 99);
  g_assert_cmpuint (hilum_buffer_pool_get_n_allocated (pool), ==, 5);
  g_assert_cmpuint (again->stride, ==, 304);
  hilum_pixel_buffer_unref (again);

  /* After the view grows, the big buffer displaces the smallest one in the pool. */
  big = hilum_buffer_pool_acquire (pool, 1000, 1000);
  big_data = big->data;
  g_assert_cmpuint (hilum_buffer_pool_get_n_allocated (pool), ==, 6);
  hilum_pixel_buffer_unref (big);
  g_assert_cmpuint (hilum_buffer_pool_get_n_free (pool), ==, 3);
  big = hilum_buffer_pool_acquire (pool, 1000, 1000);
  g_assert_true (big->data == big_data);
  g_assert_cmpuint (hilum_buffer_pool_get_n_allocated (pool), ==, 6);
  hilum_pixel_buffer_unref (big);
}

typedef struct
{
  HilumRenderer *renderer;
  HilumImage    *image;
  double         center;
  guint          failures;
} ThreadData;

static gpointer
render_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(HilumViewport) viewport = viewport_for (data->image, 64, 64, data->center, 4096);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(HilumPixelBuffer) buffer = hilum_renderer_render (data->renderer, viewport, 1);
      int v = expected_gray (data->image, pattern16 (1, 1), data->center, 4096, FALSE);

      if (buffer->data[(20 * buffer->stride) + 20 * 3] != v)
        data->failures++;
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(HilumImage) image = gray_image (4, 4, pattern16);
  g_autoptr(HilumRenderer) renderer = hilum_renderer_new (image);
  ThreadData one = { renderer, image, 1000, 0 };
  ThreadData two = { renderer, image, 3000, 0 };
  GThread *a = g_thread_new ("render-a", render_thread, &one);
  GThread *b = g_thread_new ("render-b", render_thread, &two);

  /* Two threads with different windows on one renderer: each frame is consistent. */
  g_thread_join (a);
  g_thread_join (b);
  g_assert_cmpuint (one.failures, ==, 0);
  g_assert_cmpuint (two.failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/renderer/one-to-one", test_one_to_one);
  g_test_add_func ("/hilum/renderer/fit", test_fit);
  g_test_add_func ("/hilum/renderer/magnified", test_magnified);
  g_test_add_func ("/hilum/renderer/panned", test_panned);
  g_test_add_func ("/hilum/renderer/fractional-placement", test_fractional_placement);
  g_test_add_func ("/hilum/renderer/minified", test_minified);
  g_test_add_func ("/hilum/renderer/minified-odd", test_minified_odd);
  g_test_add_func ("/hilum/renderer/inverted", test_inverted);
  g_test_add_func ("/hilum/renderer/window-change", test_window_change);
  g_test_add_func ("/hilum/renderer/functions", test_functions);
  g_test_add_func ("/hilum/renderer/modality", test_modality);
  g_test_add_func ("/hilum/renderer/rgb", test_rgb);
  g_test_add_func ("/hilum/renderer/frames", test_frames);
  g_test_add_func ("/hilum/renderer/nothing-visible", test_nothing_visible);
  g_test_add_func ("/hilum/renderer/pool", test_pool);
  g_test_add_func ("/hilum/renderer/pool-limits", test_pool_limits);
  g_test_add_func ("/hilum/renderer/threads", test_threads);

  return g_test_run ();
}
