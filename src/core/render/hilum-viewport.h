/* hilum-viewport.h — zoom, pan and window/level of one image view, without drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_TYPE_VIEWPORT (hilum_viewport_get_type ())
G_DECLARE_FINAL_TYPE (HilumViewport, hilum_viewport, HILUM, VIEWPORT, GObject)

#define HILUM_VIEWPORT_MIN_ZOOM (1.0 / 16.0)
#define HILUM_VIEWPORT_MAX_ZOOM 32.0

/*
 * Coordinates: image coordinates are in image pixels with the origin at the top-left
 * corner of pixel (0,0), so pixel column c spans [c, c+1). Widget coordinates are
 * logical widget pixels, origin top-left. zoom = widget pixels per image pixel.
 * center-x/center-y is the image point shown at the centre of the widget.
 *
 * Properties (all notify): image-width, image-height, widget-width, widget-height,
 * zoom, center-x, center-y, window-center, window-width, invert, fitted.
 * "fitted" is TRUE while the view follows the widget size (after fit, until the user
 * zooms or pans).
 */

HilumViewport *hilum_viewport_new                (void);

void     hilum_viewport_set_image_size           (HilumViewport *self,
                                                  guint          width,
                                                  guint          height);
void     hilum_viewport_set_widget_size          (HilumViewport *self,
                                                  double         width,
                                                  double         height);
guint    hilum_viewport_get_image_width          (HilumViewport *self);
guint    hilum_viewport_get_image_height         (HilumViewport *self);
double   hilum_viewport_get_widget_width         (HilumViewport *self);
double   hilum_viewport_get_widget_height        (HilumViewport *self);

double   hilum_viewport_get_zoom                 (HilumViewport *self);
/* Clamped to [MIN_ZOOM, MAX_ZOOM]; keeps the image point under (wx, wy) fixed. */
void     hilum_viewport_zoom_at                  (HilumViewport *self,
                                                  double         zoom,
                                                  double         wx,
                                                  double         wy);
void     hilum_viewport_set_zoom                 (HilumViewport *self,
                                                  double         zoom);
double   hilum_viewport_get_center_x             (HilumViewport *self);
double   hilum_viewport_get_center_y             (HilumViewport *self);
void     hilum_viewport_set_center               (HilumViewport *self,
                                                  double         x,
                                                  double         y);
/* Moves the image by (dx, dy) widget pixels. Panning is clamped so that part of the
 * image always stays in view. */
void     hilum_viewport_pan_by                   (HilumViewport *self,
                                                  double         dx,
                                                  double         dy);
/* Fits the whole image, centred; stays fitted when the widget resizes. */
void     hilum_viewport_fit                      (HilumViewport *self);
gboolean hilum_viewport_get_fitted               (HilumViewport *self);
/* 1:1 — one image pixel per widget pixel, around the widget centre. */
void     hilum_viewport_actual_size              (HilumViewport *self);

void     hilum_viewport_widget_to_image          (HilumViewport *self,
                                                  double         wx,
                                                  double         wy,
                                                  double        *ix,
                                                  double        *iy);
void     hilum_viewport_image_to_widget          (HilumViewport *self,
                                                  double         ix,
                                                  double         iy,
                                                  double        *wx,
                                                  double        *wy);
/* The widget rectangle the image occupies, clipped to the widget (may be empty). */
gboolean hilum_viewport_get_visible_rect         (HilumViewport *self,
                                                  double        *x,
                                                  double        *y,
                                                  double        *width,
                                                  double        *height);

double   hilum_viewport_get_window_center        (HilumViewport *self);
double   hilum_viewport_get_window_width         (HilumViewport *self);
/* Width is clamped to >= 1. */
void     hilum_viewport_set_window               (HilumViewport *self,
                                                  double         center,
                                                  double         width);
gboolean hilum_viewport_get_invert               (HilumViewport *self);
void     hilum_viewport_set_invert               (HilumViewport *self,
                                                  gboolean       invert);

G_END_DECLS
