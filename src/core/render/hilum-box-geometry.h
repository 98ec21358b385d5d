/* hilum-box-geometry.h — boxes between normalised, image and widget coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-types.h"
#include "hilum-viewport.h"

G_BEGIN_DECLS

/*
 * A box is four doubles, xyxy_norm = {x1, y1, x2, y2}, in [0,1] of the image's full
 * pixel grid with the origin at the top-left corner of pixel (0,0): x_norm = x_img / W,
 * where x_img are HilumViewport image coordinates. Everything here is pure maths on that
 * convention; the UI (HilumBoxLayer) only adds drawing and events.
 */

/* A box smaller than this many image pixels along either side is never created. */
#define HILUM_BOX_MIN_IMAGE_PIXELS 2.0

/* The part of a box under the pointer: what a drag from there does to it. */
typedef enum
{
  HILUM_BOX_PART_NONE = 0,
  HILUM_BOX_PART_INSIDE,
  HILUM_BOX_PART_TOP_LEFT,
  HILUM_BOX_PART_TOP,
  HILUM_BOX_PART_TOP_RIGHT,
  HILUM_BOX_PART_RIGHT,
  HILUM_BOX_PART_BOTTOM_RIGHT,
  HILUM_BOX_PART_BOTTOM,
  HILUM_BOX_PART_BOTTOM_LEFT,
  HILUM_BOX_PART_LEFT,
} HilumBoxPart;

#define HILUM_BOX_PART_IS_HANDLE(part) ((part) >= HILUM_BOX_PART_TOP_LEFT)

void         hilum_box_widget_to_norm       (HilumViewport *viewport,
                                             double         wx,
                                             double         wy,
                                             double        *nx,
                                             double        *ny);
void         hilum_box_norm_to_widget       (HilumViewport *viewport,
                                             double         nx,
                                             double         ny,
                                             double        *wx,
                                             double        *wy);
/* The widget rectangle {x1, y1, x2, y2} of @norm. */
void         hilum_box_norm_to_widget_rect  (HilumViewport *viewport,
                                             const double   norm[4],
                                             double         widget[4]);

/* Puts x1 <= x2 and y1 <= y2. */
void         hilum_box_order                (double         box[4]);
/* Orders and clamps every coordinate to [0,1]. */
void         hilum_box_clamp                (double         norm[4]);
/* TRUE when @norm covers at least HILUM_BOX_MIN_IMAGE_PIXELS along both sides. */
gboolean     hilum_box_is_big_enough        (guint          image_width,
                                             guint          image_height,
                                             const double   norm[4]);

/* The box a drag from widget (x0, y0) to (x1, y1) draws: both points mapped through
 * @viewport, ordered, clamped to the image. Returns whether it is big enough to keep. */
gboolean     hilum_box_from_widget_drag     (HilumViewport *viewport,
                                             double         x0,
                                             double         y0,
                                             double         x1,
                                             double         y1,
                                             double         norm[4]);

/* Where the handle @part of @norm is drawn, in widget coordinates. */
void         hilum_box_handle_position      (HilumViewport *viewport,
                                             const double   norm[4],
                                             HilumBoxPart   part,
                                             double        *wx,
                                             double        *wy);
/* Whether the side handles (TOP, RIGHT …) are offered: not when the box is so small on
 * screen that they would crowd the corners. */
gboolean     hilum_box_has_side_handles     (HilumViewport *viewport,
                                             const double   norm[4],
                                             double         handle_radius);
/* The part of @norm under widget point (wx, wy): a handle (when @with_handles; within
 * @handle_radius widget pixels, corners first), INSIDE, or NONE. */
HilumBoxPart hilum_box_hit_test             (HilumViewport *viewport,
                                             const double   norm[4],
                                             double         wx,
                                             double         wy,
                                             gboolean       with_handles,
                                             double         handle_radius);

/* @norm moved by (dx, dy) IMAGE pixels, keeping its size and staying on the image. */
void         hilum_box_translate            (guint          image_width,
                                             guint          image_height,
                                             const double   norm[4],
                                             double         dx,
                                             double         dy,
                                             double         out[4]);
/* @norm with the edges that handle @part holds moved by (dx, dy) IMAGE pixels; the
 * moved edges stay on the image and at least HILUM_BOX_MIN_IMAGE_PIXELS from the
 * opposite ones (an edge never crosses over). INSIDE moves the box (translate). */
void         hilum_box_resize               (guint          image_width,
                                             guint          image_height,
                                             const double   norm[4],
                                             HilumBoxPart   part,
                                             double         dx,
                                             double         dy,
                                             double         out[4]);

G_END_DECLS
