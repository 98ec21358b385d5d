/* hilum-box-layer-private.h — what the box layer's object, drawing and input share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-box-geometry.h"
#include "hilum-box-layer.h"

G_BEGIN_DECLS

/* Half the side of the square around a handle that grabs it, in widget pixels: a
 * little larger than the handle drawn, so that it is easy to hit. */
#define HANDLE_HIT_RADIUS 6.0
#define HANDLE_DRAW_SIZE 9.0

typedef struct
{
  /* Borrowed from the document: valid until it next changes. */
  const char *box_id;
  const char *finding_id;
  const char *reader_id;
  guint       finding_index;
  double      norm[4];
  guint       mine : 1;
} BoxItem;

typedef enum
{
  DRAG_NONE = 0,
  DRAG_DRAW,
  DRAG_EDIT,
} DragKind;

struct _HilumBoxLayer
{
  GObject        parent_instance;

  HilumSession  *session;
  char          *image_id;
  char          *selected_finding_id;
  char          *selected_box_id;

  /* Reused by every collect_boxes (): no allocation per frame. */
  GArray        *items;
  GArray        *boxes;         /* HilumDocumentBox, what items are made from */

  DragKind       drag;
  HilumBoxPart   drag_part;
  double         drag_x;
  double         drag_y;
  double         drag_start_box[4];
  double         drag_box[4];
  gboolean       drag_big_enough;
  /* The box (of another reader) a click that draws nothing selects. */
  char          *drag_click_box_id;

  guint          draw_mode : 1;
  guint          show_other_readers : 1;
};

/* hilum-box-layer.c */
void           _hilum_box_layer_redraw              (HilumBoxLayer  *self);
HilumDocument *_hilum_box_layer_get_document        (HilumBoxLayer  *self);
/* The boxes on the layer's image, in report order: (transfer none), valid until the next
 * call or the document's next change. */
GArray        *_hilum_box_layer_collect_boxes       (HilumBoxLayer  *self);
BoxItem       *_hilum_box_layer_find_item           (GArray         *items,
                                                     const char     *box_id);
gboolean       _hilum_box_layer_item_visible        (HilumBoxLayer  *self,
                                                     BoxItem        *item);
gboolean       _hilum_box_layer_item_editable       (HilumBoxLayer  *self,
                                                     BoxItem        *item);
gboolean       _hilum_box_layer_may_draw            (HilumBoxLayer  *self);
void           _hilum_box_layer_user_select         (HilumBoxLayer  *self,
                                                     BoxItem        *item);
void           _hilum_box_layer_emit_box_selected   (HilumBoxLayer  *self,
                                                     const char     *box_id,
                                                     const char     *finding_id);
gboolean       _hilum_box_layer_perform             (HilumBoxLayer  *self,
                                                     HilumOperation *op);
void           _hilum_box_layer_cancel_drag         (HilumBoxLayer  *self);

static inline gboolean
_hilum_box_layer_has_image (HilumViewport *viewport)
{
  return hilum_viewport_get_image_width (viewport) > 0 &&
         hilum_viewport_get_image_height (viewport) > 0;
}

G_END_DECLS
