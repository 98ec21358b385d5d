/* hilum-box-layer-input.c — the box layer's pointer and keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A gesture previews in self->drag_box; the document changes once, at its end.
 */
#define G_LOG_DOMAIN "hilum-box-layer-input"

#include "config.h"

#include <string.h>

#include "hilum-box-layer-private.h"

#define NUDGE_STEP 1.0
#define NUDGE_STEP_SHIFT 10.0

/* The box under (x, y): the current reader's before the others', then the smallest
 * (a box inside another stays reachable). */
static BoxItem *
pick_item (HilumBoxLayer *self,
           GArray        *items,
           HilumViewport *viewport,
           double         x,
           double         y)
{
  BoxItem *best = NULL;
  double best_area = G_MAXDOUBLE;

  for (guint i = 0; i < items->len; i++)
    {
      BoxItem *item = &g_array_index (items, BoxItem, i);
      double area = (item->norm[2] - item->norm[0]) * (item->norm[3] - item->norm[1]);

      if (!_hilum_box_layer_item_visible (self, item) ||
          hilum_box_hit_test (viewport, item->norm, x, y, FALSE, 0) != HILUM_BOX_PART_INSIDE)
        continue;

      if (best == NULL ||
          (item->mine && !best->mine) ||
          (item->mine == best->mine && area < best_area))
        {
          best = item;
          best_area = area;
        }
    }

  return best;
}

gboolean
hilum_box_layer_drag_begin (HilumBoxLayer *self,
                            HilumViewport *viewport,
                            double         x,
                            double         y)
{
  GArray *items;
  BoxItem *selected, *picked;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), FALSE);

  _hilum_box_layer_cancel_drag (self);
  if (self->session == NULL || self->image_id == NULL || !_hilum_box_layer_has_image (viewport))
    return FALSE;

  items = _hilum_box_layer_collect_boxes (self);
  self->drag_x = x;
  self->drag_y = y;

  /* The selected box's handles come first: they may stick out of it. */
  selected = _hilum_box_layer_find_item (items, self->selected_box_id);
  if (selected != NULL && _hilum_box_layer_item_editable (self, selected))
    {
      HilumBoxPart part = hilum_box_hit_test (viewport, selected->norm, x, y, TRUE, HANDLE_HIT_RADIUS);

      if (HILUM_BOX_PART_IS_HANDLE (part))
        {
          self->drag = DRAG_EDIT;
          self->drag_part = part;
          memcpy (self->drag_start_box, selected->norm, sizeof self->drag_start_box);
          memcpy (self->drag_box, selected->norm, sizeof self->drag_box);
          return TRUE;
        }
    }

  picked = pick_item (self, items, viewport, x, y);
  if (picked != NULL && picked->mine)
    {
      gboolean editable = _hilum_box_layer_item_editable (self, picked);

      self->drag_part = HILUM_BOX_PART_INSIDE;
      memcpy (self->drag_start_box, picked->norm, sizeof self->drag_start_box);
      memcpy (self->drag_box, picked->norm, sizeof self->drag_box);
      _hilum_box_layer_user_select (self, picked);   /* may re-read the items: picked is stale now */
      if (!editable)
        return FALSE;
      self->drag = DRAG_EDIT;
      return TRUE;
    }

  if (_hilum_box_layer_may_draw (self))
    {
      self->drag = DRAG_DRAW;
      self->drag_big_enough = FALSE;
      self->drag_click_box_id = g_strdup (picked != NULL ? picked->box_id : NULL);
      hilum_box_from_widget_drag (viewport, x, y, x, y, self->drag_box);
      return TRUE;
    }

  /* Only a pick: the view pans (or windows) as without boxes. */
  _hilum_box_layer_user_select (self, picked);
  return FALSE;
}

void
hilum_box_layer_drag_update (HilumBoxLayer *self,
                             HilumViewport *viewport,
                             double         offset_x,
                             double         offset_y)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  if (self->drag == DRAG_DRAW)
    {
      self->drag_big_enough = hilum_box_from_widget_drag (viewport,
                                                          self->drag_x, self->drag_y,
                                                          self->drag_x + offset_x,
                                                          self->drag_y + offset_y,
                                                          self->drag_box);
      _hilum_box_layer_redraw (self);
    }
  else if (self->drag == DRAG_EDIT)
    {
      double x0, y0, x1, y1;

      /* Through the viewport, so a move follows the pointer at any zoom. */
      hilum_viewport_widget_to_image (viewport, self->drag_x, self->drag_y, &x0, &y0);
      hilum_viewport_widget_to_image (viewport, self->drag_x + offset_x, self->drag_y + offset_y,
                                      &x1, &y1);
      hilum_box_resize (hilum_viewport_get_image_width (viewport),
                        hilum_viewport_get_image_height (viewport),
                        self->drag_start_box, self->drag_part, x1 - x0, y1 - y0,
                        self->drag_box);
      _hilum_box_layer_redraw (self);
    }
}

void
hilum_box_layer_drag_end (HilumBoxLayer *self,
                          HilumViewport *viewport,
                          double         offset_x,
                          double         offset_y)
{
  DragKind kind;

  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  hilum_box_layer_drag_update (self, viewport, offset_x, offset_y);
  kind = self->drag;
  self->drag = DRAG_NONE;

  if (kind == DRAG_DRAW)
    {
      if (self->drag_big_enough)
        {
          g_autofree char *box_id = hilum_uuid_new ();
          g_autofree char *finding_id = g_strdup (self->selected_finding_id);
          g_autoptr(HilumOperation) op =
            hilum_operation_new_add_box (finding_id, hilum_session_get_reader_id (self->session),
                                         self->image_id, box_id, self->drag_box);

          if (_hilum_box_layer_perform (self, op))
            {
              hilum_box_layer_set_selected_box_id (self, box_id);
              _hilum_box_layer_emit_box_selected (self, box_id, finding_id);
            }
        }
      else
        {
          /* A click: it picks what is under it (another reader's box) or nothing. */
          GArray *items = _hilum_box_layer_collect_boxes (self);

          _hilum_box_layer_user_select (self, _hilum_box_layer_find_item (items, self->drag_click_box_id));
        }
    }
  else if (kind == DRAG_EDIT && memcmp (self->drag_box, self->drag_start_box, sizeof self->drag_box) != 0)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_set_box (self->selected_box_id,
                                                                  self->drag_box);

      _hilum_box_layer_perform (self, op);
    }

  g_clear_pointer (&self->drag_click_box_id, g_free);
  _hilum_box_layer_redraw (self);
}

void
hilum_box_layer_drag_cancel (HilumBoxLayer *self)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  _hilum_box_layer_cancel_drag (self);
}

gboolean
hilum_box_layer_key_pressed (HilumBoxLayer   *self,
                             HilumViewport   *viewport,
                             guint            keyval,
                             GdkModifierType  state)
{
  double step = (state & GDK_SHIFT_MASK) ? NUDGE_STEP_SHIFT : NUDGE_STEP;
  double dx = 0, dy = 0;
  GArray *items;
  BoxItem *item;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), FALSE);

  if (self->session == NULL || self->selected_box_id == NULL || !_hilum_box_layer_has_image (viewport))
    return FALSE;

  items = _hilum_box_layer_collect_boxes (self);
  item = _hilum_box_layer_find_item (items, self->selected_box_id);
  if (item == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag != DRAG_NONE)
        _hilum_box_layer_cancel_drag (self);
      else
        hilum_box_layer_set_selected_box_id (self, NULL);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      dy = -step;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      dy = step;
      break;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      break;
    default:
      return FALSE;
    }

  /* A gesture in progress owns the box until it ends. */
  if (self->drag != DRAG_NONE)
    return TRUE;

  /* Another reader's box (never offered by the pointer) or a translator: the session
   * refuses, and its message, naming the owner, says why nothing moves. */
  if (dx == 0 && dy == 0)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_remove_box (self->selected_box_id);

      _hilum_box_layer_perform (self, op);
    }
  else
    {
      g_autoptr(HilumOperation) op = NULL;
      double moved[4];

      hilum_box_translate (hilum_viewport_get_image_width (viewport),
                           hilum_viewport_get_image_height (viewport),
                           item->norm, dx, dy, moved);
      /* At the border there is nothing to do, and nothing to undo. */
      if (memcmp (moved, item->norm, sizeof moved) == 0)
        return TRUE;

      op = hilum_operation_new_set_box (self->selected_box_id, moved);
      _hilum_box_layer_perform (self, op);
    }

  return TRUE;
}

static const char *
cursor_for_part (HilumBoxPart part)
{
  switch (part)
    {
    case HILUM_BOX_PART_TOP_LEFT:
    case HILUM_BOX_PART_BOTTOM_RIGHT:
      return "nwse-resize";
    case HILUM_BOX_PART_TOP_RIGHT:
    case HILUM_BOX_PART_BOTTOM_LEFT:
      return "nesw-resize";
    case HILUM_BOX_PART_TOP:
    case HILUM_BOX_PART_BOTTOM:
      return "ns-resize";
    case HILUM_BOX_PART_LEFT:
    case HILUM_BOX_PART_RIGHT:
      return "ew-resize";
    case HILUM_BOX_PART_INSIDE:
      return "move";
    case HILUM_BOX_PART_NONE:
    default:
      return NULL;
    }
}

const char *
hilum_box_layer_get_cursor (HilumBoxLayer *self,
                            HilumViewport *viewport,
                            double         x,
                            double         y)
{
  GArray *items;
  BoxItem *item;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), NULL);

  if (self->drag == DRAG_DRAW)
    return "crosshair";
  if (self->drag == DRAG_EDIT)
    return cursor_for_part (self->drag_part);
  if (self->session == NULL || self->image_id == NULL || !_hilum_box_layer_has_image (viewport))
    return NULL;

  items = _hilum_box_layer_collect_boxes (self);
  item = _hilum_box_layer_find_item (items, self->selected_box_id);
  if (item != NULL && _hilum_box_layer_item_editable (self, item))
    {
      HilumBoxPart part = hilum_box_hit_test (viewport, item->norm, x, y, TRUE, HANDLE_HIT_RADIUS);

      if (HILUM_BOX_PART_IS_HANDLE (part))
        return cursor_for_part (part);
    }

  item = pick_item (self, items, viewport, x, y);
  if (item != NULL && _hilum_box_layer_item_editable (self, item))
    return "move";
  if (_hilum_box_layer_may_draw (self))
    return "crosshair";
  if (item != NULL)
    return "pointer";

  return NULL;
}
