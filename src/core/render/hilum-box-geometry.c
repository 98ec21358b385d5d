/* hilum-box-geometry.c — boxes between normalised, image and widget coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-box-geometry"

#include <math.h>
#include <string.h>

#include "hilum-box-geometry.h"

/* Every widget mapping goes through the viewport's own two functions, so a box lands
 * on exactly the image pixels the image view draws under the pointer. */

void
hilum_box_widget_to_norm (HilumViewport *viewport,
                          double         wx,
                          double         wy,
                          double        *nx,
                          double        *ny)
{
  double ix, iy;
  guint w, h;

  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  w = MAX (1, hilum_viewport_get_image_width (viewport));
  h = MAX (1, hilum_viewport_get_image_height (viewport));
  hilum_viewport_widget_to_image (viewport, wx, wy, &ix, &iy);

  if (nx)
    *nx = ix / w;
  if (ny)
    *ny = iy / h;
}

void
hilum_box_norm_to_widget (HilumViewport *viewport,
                          double         nx,
                          double         ny,
                          double        *wx,
                          double        *wy)
{
  guint w, h;

  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  w = hilum_viewport_get_image_width (viewport);
  h = hilum_viewport_get_image_height (viewport);
  hilum_viewport_image_to_widget (viewport, nx * w, ny * h, wx, wy);
}

void
hilum_box_norm_to_widget_rect (HilumViewport *viewport,
                               const double   norm[4],
                               double         widget[4])
{
  hilum_box_norm_to_widget (viewport, norm[0], norm[1], &widget[0], &widget[1]);
  hilum_box_norm_to_widget (viewport, norm[2], norm[3], &widget[2], &widget[3]);
}

void
hilum_box_order (double box[4])
{
  if (box[0] > box[2])
    {
      double t = box[0];
      box[0] = box[2];
      box[2] = t;
    }
  if (box[1] > box[3])
    {
      double t = box[1];
      box[1] = box[3];
      box[3] = t;
    }
}

void
hilum_box_clamp (double norm[4])
{
  hilum_box_order (norm);
  for (guint i = 0; i < 4; i++)
    norm[i] = CLAMP (norm[i], 0.0, 1.0);
}

gboolean
hilum_box_is_big_enough (guint         image_width,
                         guint         image_height,
                         const double  norm[4])
{
  /* A hair of tolerance: a box drawn over exactly two pixels must not be lost to
   * rounding in the division by the image size. */
  const double eps = 1e-9;

  return (norm[2] - norm[0]) * image_width >= HILUM_BOX_MIN_IMAGE_PIXELS - eps &&
         (norm[3] - norm[1]) * image_height >= HILUM_BOX_MIN_IMAGE_PIXELS - eps;
}

gboolean
hilum_box_from_widget_drag (HilumViewport *viewport,
                            double         x0,
                            double         y0,
                            double         x1,
                            double         y1,
                            double         norm[4])
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), FALSE);

  hilum_box_widget_to_norm (viewport, x0, y0, &norm[0], &norm[1]);
  hilum_box_widget_to_norm (viewport, x1, y1, &norm[2], &norm[3]);
  hilum_box_clamp (norm);

  return hilum_box_is_big_enough (hilum_viewport_get_image_width (viewport),
                                  hilum_viewport_get_image_height (viewport),
                                  norm);
}

void
hilum_box_handle_position (HilumViewport *viewport,
                           const double   norm[4],
                           HilumBoxPart   part,
                           double        *wx,
                           double        *wy)
{
  double r[4], x, y;

  hilum_box_norm_to_widget_rect (viewport, norm, r);

  switch (part)
    {
    case HILUM_BOX_PART_TOP_LEFT:     x = r[0]; y = r[1]; break;
    case HILUM_BOX_PART_TOP:          x = (r[0] + r[2]) / 2; y = r[1]; break;
    case HILUM_BOX_PART_TOP_RIGHT:    x = r[2]; y = r[1]; break;
    case HILUM_BOX_PART_RIGHT:        x = r[2]; y = (r[1] + r[3]) / 2; break;
    case HILUM_BOX_PART_BOTTOM_RIGHT: x = r[2]; y = r[3]; break;
    case HILUM_BOX_PART_BOTTOM:       x = (r[0] + r[2]) / 2; y = r[3]; break;
    case HILUM_BOX_PART_BOTTOM_LEFT:  x = r[0]; y = r[3]; break;
    case HILUM_BOX_PART_LEFT:         x = r[0]; y = (r[1] + r[3]) / 2; break;
    case HILUM_BOX_PART_NONE:
    case HILUM_BOX_PART_INSIDE:
    default:
      x = (r[0] + r[2]) / 2;
      y = (r[1] + r[3]) / 2;
      break;
    }

  if (wx)
    *wx = x;
  if (wy)
    *wy = y;
}

gboolean
hilum_box_has_side_handles (HilumViewport *viewport,
                            const double   norm[4],
                            double         handle_radius)
{
  double r[4];

  hilum_box_norm_to_widget_rect (viewport, norm, r);

  return fabs (r[2] - r[0]) > 6 * handle_radius && fabs (r[3] - r[1]) > 6 * handle_radius;
}

HilumBoxPart
hilum_box_hit_test (HilumViewport *viewport,
                    const double   norm[4],
                    double         wx,
                    double         wy,
                    gboolean       with_handles,
                    double         handle_radius)
{
  static const HilumBoxPart corners[] = {
    HILUM_BOX_PART_TOP_LEFT, HILUM_BOX_PART_TOP_RIGHT,
    HILUM_BOX_PART_BOTTOM_RIGHT, HILUM_BOX_PART_BOTTOM_LEFT,
  };
  static const HilumBoxPart sides[] = {
    HILUM_BOX_PART_TOP, HILUM_BOX_PART_RIGHT,
    HILUM_BOX_PART_BOTTOM, HILUM_BOX_PART_LEFT,
  };
  double r[4];

  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), HILUM_BOX_PART_NONE);

  if (with_handles)
    {
      /* Corners win over sides: on a small box they are what the user aims at. */
      for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
        {
          double hx, hy;

          hilum_box_handle_position (viewport, norm, corners[i], &hx, &hy);
          if (fabs (wx - hx) <= handle_radius && fabs (wy - hy) <= handle_radius)
            return corners[i];
        }

      if (hilum_box_has_side_handles (viewport, norm, handle_radius))
        for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
          {
            double hx, hy;

            hilum_box_handle_position (viewport, norm, sides[i], &hx, &hy);
            if (fabs (wx - hx) <= handle_radius && fabs (wy - hy) <= handle_radius)
              return sides[i];
          }
    }

  hilum_box_norm_to_widget_rect (viewport, norm, r);
  hilum_box_order (r);
  if (wx >= r[0] && wx <= r[2] && wy >= r[1] && wy <= r[3])
    return HILUM_BOX_PART_INSIDE;

  return HILUM_BOX_PART_NONE;
}

void
hilum_box_translate (guint         image_width,
                     guint         image_height,
                     const double  norm[4],
                     double        dx,
                     double        dy,
                     double        out[4])
{
  double b[4] = { norm[0], norm[1], norm[2], norm[3] };
  double nx = dx / MAX (1, image_width);
  double ny = dy / MAX (1, image_height);

  hilum_box_order (b);

  /* The whole box stops at the border: its size never changes on a move. */
  nx = CLAMP (nx, -b[0], 1.0 - b[2]);
  ny = CLAMP (ny, -b[1], 1.0 - b[3]);
  if (b[0] < 0 || b[2] > 1)
    nx = 0;
  if (b[1] < 0 || b[3] > 1)
    ny = 0;

  out[0] = b[0] + nx;
  out[1] = b[1] + ny;
  out[2] = b[2] + nx;
  out[3] = b[3] + ny;
}

void
hilum_box_resize (guint         image_width,
                  guint         image_height,
                  const double  norm[4],
                  HilumBoxPart  part,
                  double        dx,
                  double        dy,
                  double        out[4])
{
  double b[4] = { norm[0], norm[1], norm[2], norm[3] };
  double min_x = HILUM_BOX_MIN_IMAGE_PIXELS / MAX (1, image_width);
  double min_y = HILUM_BOX_MIN_IMAGE_PIXELS / MAX (1, image_height);
  double nx = dx / MAX (1, image_width);
  double ny = dy / MAX (1, image_height);
  gboolean left = FALSE, right = FALSE, top = FALSE, bottom = FALSE;

  if (part == HILUM_BOX_PART_INSIDE)
    {
      hilum_box_translate (image_width, image_height, norm, dx, dy, out);
      return;
    }

  hilum_box_order (b);

  switch (part)
    {
    case HILUM_BOX_PART_TOP_LEFT:     top = left = TRUE; break;
    case HILUM_BOX_PART_TOP:          top = TRUE; break;
    case HILUM_BOX_PART_TOP_RIGHT:    top = right = TRUE; break;
    case HILUM_BOX_PART_RIGHT:        right = TRUE; break;
    case HILUM_BOX_PART_BOTTOM_RIGHT: bottom = right = TRUE; break;
    case HILUM_BOX_PART_BOTTOM:       bottom = TRUE; break;
    case HILUM_BOX_PART_BOTTOM_LEFT:  bottom = left = TRUE; break;
    case HILUM_BOX_PART_LEFT:         left = TRUE; break;
    case HILUM_BOX_PART_NONE:
    case HILUM_BOX_PART_INSIDE:
    default:
      break;
    }

  /* MIN/MAX rather than CLAMP: an imported box may already be smaller than the
   * minimum, and then the image border wins. */
  if (left)
    b[0] = MAX (0.0, MIN (b[0] + nx, b[2] - min_x));
  if (right)
    b[2] = MIN (1.0, MAX (b[2] + nx, b[0] + min_x));
  if (top)
    b[1] = MAX (0.0, MIN (b[1] + ny, b[3] - min_y));
  if (bottom)
    b[3] = MIN (1.0, MAX (b[3] + ny, b[1] + min_y));

  memcpy (out, b, sizeof b);
}
