/* hilum-image-view-private.h — what hilum-image-view.c and its input half share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-image-view.h"
#include "hilum-overlay.h"
#include "hilum-renderer.h"

G_BEGIN_DECLS

typedef enum
{
  HILUM_DRAG_NONE = 0,
  HILUM_DRAG_PAN,
  HILUM_DRAG_WINDOW_LEVEL,
  HILUM_DRAG_BOX,           /* the box layer took it: drawing, moving or resizing a box */
} HilumDragMode;

struct _HilumImageView
{
  GtkWidget         parent_instance;

  HilumImage       *image;
  HilumViewport    *viewport;
  HilumRenderer    *renderer;
  HilumOverlay     *overlay;
  HilumBoxLayer    *box_layer;
  char             *label;
  guint             frame;
  /* max - min modality value: the gain of a window/level drag. */
  double            value_range;

  /* The last rendered frame, reused until the viewport changes (NULL = render again). */
  GdkTexture       *texture;
  graphene_rect_t   texture_rect;
  int               texture_scale;

  /* The drag in progress, whichever button started it. */
  GtkGesture       *drag_gesture;
  HilumDragMode          drag_mode;
  double            drag_last_x;
  double            drag_last_y;
  double            drag_start_center;
  double            drag_start_width;

  double            pinch_start_zoom;
  double            pinch_last_x;
  double            pinch_last_y;

  double            pointer_x;
  double            pointer_y;

  const char       *cursor_name;

  HilumPointerTool  pointer_tool;
  guint             show_overlays : 1;
  guint             show_patient_info : 1;
  guint             invert_vertical_drag : 1;
  guint             pointer_inside : 1;
  guint             space_held : 1;
  guint             drag_claimed : 1;
};

/* hilum-image-view-input.c: gestures, keys, actions and the cursor. */
void _hilum_image_view_class_init_input (GtkWidgetClass *widget_class);
void _hilum_image_view_init_input       (HilumImageView *self);
void _hilum_image_view_update_cursor    (HilumImageView *self);
void _hilum_image_view_update_actions   (HilumImageView *self);
/* Forgets a drag in progress (a new image arrived under it). */
void _hilum_image_view_cancel_drag      (HilumImageView *self);

G_END_DECLS
