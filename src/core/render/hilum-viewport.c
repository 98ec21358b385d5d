/* hilum-viewport.c — zoom, pan and window/level of one image view, without drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-viewport"

#include <math.h>

#include "hilum-viewport.h"

/*
 * The state is (zoom, center): the image point (center_x, center_y) is drawn at the
 * widget centre, and one image pixel covers `zoom` widget pixels. Everything else —
 * the mapping in both directions, the visible rectangle — follows from it, so the two
 * directions of the mapping are inverse by construction.
 *
 * Pan clamp (the rule): the centre is kept inside the image rectangle [0, W] × [0, H].
 * The image therefore always covers the middle of the widget, and at least half of the
 * smaller of the widget and the (zoomed) image stays in view along each axis; the image
 * can never be pushed entirely out of sight, at any zoom, and the rule is the same at
 * every zoom, so zooming never makes a previously allowed pan jump.
 */

struct _HilumViewport
{
  GObject parent_instance;

  guint image_width;
  guint image_height;
  double widget_width;
  double widget_height;

  double zoom;
  double center_x;
  double center_y;

  double window_center;
  double window_width;

  guint invert : 1;
  guint fitted : 1;
};

G_DEFINE_FINAL_TYPE (HilumViewport, hilum_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMAGE_WIDTH,
  PROP_IMAGE_HEIGHT,
  PROP_WIDGET_WIDTH,
  PROP_WIDGET_HEIGHT,
  PROP_ZOOM,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_WINDOW_CENTER,
  PROP_WINDOW_WIDTH,
  PROP_INVERT,
  PROP_FITTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
clamp_zoom (double zoom)
{
  if (isnan (zoom))
    return 1.0;
  return CLAMP (zoom, HILUM_VIEWPORT_MIN_ZOOM, HILUM_VIEWPORT_MAX_ZOOM);
}

static double
fit_zoom (HilumViewport *self)
{
  if (self->image_width == 0 || self->image_height == 0 ||
      self->widget_width <= 0 || self->widget_height <= 0)
    return self->zoom;

  return clamp_zoom (MIN (self->widget_width / self->image_width,
                          self->widget_height / self->image_height));
}

/* The single place where zoom, centre and "fitted" change: clamps, then notifies only
 * what really changed. Returns whether zoom or centre changed. */
static gboolean
update_view (HilumViewport *self,
             double         zoom,
             double         center_x,
             double         center_y,
             gboolean       fitted)
{
  gboolean moved = FALSE;

  if (fitted)
    {
      zoom = fit_zoom (self);
      center_x = self->image_width / 2.0;
      center_y = self->image_height / 2.0;
    }

  zoom = clamp_zoom (zoom);
  center_x = isnan (center_x) ? self->center_x : CLAMP (center_x, 0.0, (double) self->image_width);
  center_y = isnan (center_y) ? self->center_y : CLAMP (center_y, 0.0, (double) self->image_height);

  g_object_freeze_notify (G_OBJECT (self));

  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      moved = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }

  if (center_x != self->center_x)
    {
      self->center_x = center_x;
      moved = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
    }

  if (center_y != self->center_y)
    {
      self->center_y = center_y;
      moved = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
    }

  if (!!fitted != self->fitted)
    {
      self->fitted = !!fitted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FITTED]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return moved;
}

/* A user move (zoom, pan) ends the fitted state only if it really moved the view, so a
 * pan against the clamp or a zoom beyond the limits leaves a fitted view fitted. */
static void
user_move (HilumViewport *self,
           double         zoom,
           double         center_x,
           double         center_y)
{
  zoom = clamp_zoom (zoom);
  center_x = isnan (center_x) ? self->center_x : CLAMP (center_x, 0.0, (double) self->image_width);
  center_y = isnan (center_y) ? self->center_y : CLAMP (center_y, 0.0, (double) self->image_height);

  if (zoom == self->zoom && center_x == self->center_x && center_y == self->center_y)
    return;

  update_view (self, zoom, center_x, center_y, FALSE);
}

static void
hilum_viewport_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HilumViewport *self = HILUM_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_IMAGE_WIDTH:
      g_value_set_uint (value, self->image_width);
      break;
    case PROP_IMAGE_HEIGHT:
      g_value_set_uint (value, self->image_height);
      break;
    case PROP_WIDGET_WIDTH:
      g_value_set_double (value, self->widget_width);
      break;
    case PROP_WIDGET_HEIGHT:
      g_value_set_double (value, self->widget_height);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_CENTER_X:
      g_value_set_double (value, self->center_x);
      break;
    case PROP_CENTER_Y:
      g_value_set_double (value, self->center_y);
      break;
    case PROP_WINDOW_CENTER:
      g_value_set_double (value, self->window_center);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_double (value, self->window_width);
      break;
    case PROP_INVERT:
      g_value_set_boolean (value, self->invert);
      break;
    case PROP_FITTED:
      g_value_set_boolean (value, self->fitted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_viewport_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HilumViewport *self = HILUM_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_IMAGE_WIDTH:
      hilum_viewport_set_image_size (self, g_value_get_uint (value), self->image_height);
      break;
    case PROP_IMAGE_HEIGHT:
      hilum_viewport_set_image_size (self, self->image_width, g_value_get_uint (value));
      break;
    case PROP_WIDGET_WIDTH:
      hilum_viewport_set_widget_size (self, g_value_get_double (value), self->widget_height);
      break;
    case PROP_WIDGET_HEIGHT:
      hilum_viewport_set_widget_size (self, self->widget_width, g_value_get_double (value));
      break;
    case PROP_ZOOM:
      hilum_viewport_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_CENTER_X:
      hilum_viewport_set_center (self, g_value_get_double (value), self->center_y);
      break;
    case PROP_CENTER_Y:
      hilum_viewport_set_center (self, self->center_x, g_value_get_double (value));
      break;
    case PROP_WINDOW_CENTER:
      hilum_viewport_set_window (self, g_value_get_double (value), self->window_width);
      break;
    case PROP_WINDOW_WIDTH:
      hilum_viewport_set_window (self, self->window_center, g_value_get_double (value));
      break;
    case PROP_INVERT:
      hilum_viewport_set_invert (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_viewport_class_init (HilumViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hilum_viewport_get_property;
  object_class->set_property = hilum_viewport_set_property;

  properties[PROP_IMAGE_WIDTH] =
    g_param_spec_uint ("image-width", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_IMAGE_HEIGHT] =
    g_param_spec_uint ("image-height", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_WIDGET_WIDTH] =
    g_param_spec_double ("widget-width", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  properties[PROP_WIDGET_HEIGHT] =
    g_param_spec_double ("widget-height", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         HILUM_VIEWPORT_MIN_ZOOM, HILUM_VIEWPORT_MAX_ZOOM, 1.0, rw);
  properties[PROP_CENTER_X] =
    g_param_spec_double ("center-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_CENTER_Y] =
    g_param_spec_double ("center-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_WINDOW_CENTER] =
    g_param_spec_double ("window-center", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 128.0, rw);
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_double ("window-width", NULL, NULL, 1.0, G_MAXDOUBLE, 256.0, rw);
  properties[PROP_INVERT] =
    g_param_spec_boolean ("invert", NULL, NULL, FALSE, rw);
  properties[PROP_FITTED] =
    g_param_spec_boolean ("fitted", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hilum_viewport_init (HilumViewport *self)
{
  self->zoom = 1.0;
  /* LINEAR with c = 128, w = 256 is the identity on 8-bit values. */
  self->window_center = 128.0;
  self->window_width = 256.0;
  self->fitted = TRUE;
}

HilumViewport *
hilum_viewport_new (void)
{
  return g_object_new (HILUM_TYPE_VIEWPORT, NULL);
}

/**
 * hilum_viewport_set_image_size:
 *
 * A new image size means a new image: the view is fitted to it again. Setting the same
 * size changes nothing.
 */
void
hilum_viewport_set_image_size (HilumViewport *self,
                               guint          width,
                               guint          height)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  if (width == self->image_width && height == self->image_height)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (width != self->image_width)
    {
      self->image_width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_WIDTH]);
    }
  if (height != self->image_height)
    {
      self->image_height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_HEIGHT]);
    }

  update_view (self, self->zoom, self->center_x, self->center_y, TRUE);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * hilum_viewport_set_widget_size:
 *
 * A fitted view is fitted again; otherwise the zoom and the image point at the widget
 * centre are kept.
 */
void
hilum_viewport_set_widget_size (HilumViewport *self,
                                double         width,
                                double         height)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  width = isnan (width) ? 0.0 : MAX (width, 0.0);
  height = isnan (height) ? 0.0 : MAX (height, 0.0);

  if (width == self->widget_width && height == self->widget_height)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (width != self->widget_width)
    {
      self->widget_width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDGET_WIDTH]);
    }
  if (height != self->widget_height)
    {
      self->widget_height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDGET_HEIGHT]);
    }

  if (self->fitted)
    update_view (self, self->zoom, self->center_x, self->center_y, TRUE);

  g_object_thaw_notify (G_OBJECT (self));
}

guint
hilum_viewport_get_image_width (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->image_width;
}

guint
hilum_viewport_get_image_height (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->image_height;
}

double
hilum_viewport_get_widget_width (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->widget_width;
}

double
hilum_viewport_get_widget_height (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->widget_height;
}

double
hilum_viewport_get_zoom (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 1.0);
  return self->zoom;
}

void
hilum_viewport_zoom_at (HilumViewport *self,
                        double         zoom,
                        double         wx,
                        double         wy)
{
  double ix, iy;

  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  zoom = clamp_zoom (zoom);
  hilum_viewport_widget_to_image (self, wx, wy, &ix, &iy);

  /* Solve image_to_widget (ix, iy) == (wx, wy) for the centre at the new zoom. */
  user_move (self,
             zoom,
             ix - (wx - self->widget_width / 2.0) / zoom,
             iy - (wy - self->widget_height / 2.0) / zoom);
}

void
hilum_viewport_set_zoom (HilumViewport *self,
                         double         zoom)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  user_move (self, zoom, self->center_x, self->center_y);
}

double
hilum_viewport_get_center_x (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->center_x;
}

double
hilum_viewport_get_center_y (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->center_y;
}

void
hilum_viewport_set_center (HilumViewport *self,
                           double         x,
                           double         y)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  user_move (self, self->zoom, x, y);
}

void
hilum_viewport_pan_by (HilumViewport *self,
                       double         dx,
                       double         dy)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  /* Moving the image right by dx means the widget centre now shows a point dx/zoom
   * further left in the image. */
  user_move (self,
             self->zoom,
             self->center_x - dx / self->zoom,
             self->center_y - dy / self->zoom);
}

void
hilum_viewport_fit (HilumViewport *self)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  update_view (self, self->zoom, self->center_x, self->center_y, TRUE);
}

gboolean
hilum_viewport_get_fitted (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), FALSE);
  return self->fitted;
}

void
hilum_viewport_actual_size (HilumViewport *self)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  /* Asking for 1:1 is a deliberate choice even when the fitted zoom happens to be 1:
   * the view must stop following the widget size. */
  update_view (self, 1.0, self->center_x, self->center_y, FALSE);
}

void
hilum_viewport_widget_to_image (HilumViewport *self,
                                double         wx,
                                double         wy,
                                double        *ix,
                                double        *iy)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  if (ix)
    *ix = self->center_x + (wx - self->widget_width / 2.0) / self->zoom;
  if (iy)
    *iy = self->center_y + (wy - self->widget_height / 2.0) / self->zoom;
}

void
hilum_viewport_image_to_widget (HilumViewport *self,
                                double         ix,
                                double         iy,
                                double        *wx,
                                double        *wy)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  if (wx)
    *wx = (ix - self->center_x) * self->zoom + self->widget_width / 2.0;
  if (wy)
    *wy = (iy - self->center_y) * self->zoom + self->widget_height / 2.0;
}

gboolean
hilum_viewport_get_visible_rect (HilumViewport *self,
                                 double        *x,
                                 double        *y,
                                 double        *width,
                                 double        *height)
{
  double x0, y0, x1, y1;

  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), FALSE);

  hilum_viewport_image_to_widget (self, 0, 0, &x0, &y0);
  hilum_viewport_image_to_widget (self, self->image_width, self->image_height, &x1, &y1);

  x0 = MAX (x0, 0.0);
  y0 = MAX (y0, 0.0);
  x1 = MIN (x1, self->widget_width);
  y1 = MIN (y1, self->widget_height);

  if (x1 <= x0 || y1 <= y0)
    {
      x0 = y0 = x1 = y1 = 0;
    }

  if (x)
    *x = x0;
  if (y)
    *y = y0;
  if (width)
    *width = x1 - x0;
  if (height)
    *height = y1 - y0;

  return x1 > x0 && y1 > y0;
}

double
hilum_viewport_get_window_center (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 0);
  return self->window_center;
}

double
hilum_viewport_get_window_width (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), 1);
  return self->window_width;
}

void
hilum_viewport_set_window (HilumViewport *self,
                           double         center,
                           double         width)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (center) && !isnan (width));

  width = MAX (width, 1.0);

  g_object_freeze_notify (G_OBJECT (self));

  if (center != self->window_center)
    {
      self->window_center = center;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_CENTER]);
    }
  if (width != self->window_width)
    {
      self->window_width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_WIDTH]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
hilum_viewport_get_invert (HilumViewport *self)
{
  g_return_val_if_fail (HILUM_IS_VIEWPORT (self), FALSE);
  return self->invert;
}

void
hilum_viewport_set_invert (HilumViewport *self,
                           gboolean       invert)
{
  g_return_if_fail (HILUM_IS_VIEWPORT (self));

  invert = !!invert;
  if (invert == self->invert)
    return;

  self->invert = invert;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVERT]);
}
