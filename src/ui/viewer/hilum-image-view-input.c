/* hilum-image-view-input.c — gestures, keys and actions of HilumImageView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the user does to an image view ends as a change of its HilumViewport; the
 * view redraws on the viewport's notifications (hilum-image-view.c).
 */
#define G_LOG_DOMAIN "hilum-image-view-input"

#include "config.h"

#include <math.h>

#include "hilum-image-view-private.h"

/* One scroll-wheel notch or one +/- key press zooms by this factor. */
#define ZOOM_STEP 1.25
/* Touchpads scroll in surface pixels; this many count as one notch. */
#define SMOOTH_SCROLL_PIXELS_PER_STEP 20.0
/* Arrow keys move the image by this many widget pixels (four times with Shift). */
#define PAN_KEY_STEP 48.0
/* One key press of [ ] , . moves the window by this share of the image's value range:
 * fine enough to tune, and the same feel on a 10-bit and on a 16-bit image. */
#define WINDOW_KEY_STEP 0.02

/* What the box layer wants under the pointer, unless a pan or W/L drag or Space
 * overrides it. */
static const char *
box_layer_cursor (HilumImageView *self)
{
  if (self->box_layer == NULL || self->image == NULL || self->space_held)
    return NULL;
  if (self->drag_mode == HILUM_DRAG_BOX || (self->drag_mode == HILUM_DRAG_NONE && self->pointer_inside))
    return hilum_box_layer_get_cursor (self->box_layer, self->viewport,
                                       self->pointer_x, self->pointer_y);
  return NULL;
}

void
_hilum_image_view_update_cursor (HilumImageView *self)
{
  const char *layer_name = box_layer_cursor (self);
  const char *name;

  if (self->image == NULL)
    name = NULL;
  else if (layer_name != NULL)
    name = layer_name;
  else if (self->drag_mode == HILUM_DRAG_PAN)
    name = "grabbing";
  else if (self->drag_mode == HILUM_DRAG_WINDOW_LEVEL)
    name = "all-scroll";
  else if (self->space_held || self->pointer_tool == HILUM_POINTER_TOOL_PAN)
    name = "grab";
  else
    name = "crosshair";

  /* Names are static strings: a pointer compare avoids a new GdkCursor per event. */
  if (name == self->cursor_name)
    return;

  self->cursor_name = name;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

void
_hilum_image_view_update_actions (HilumImageView *self)
{
  static const char * const image_actions[] = {
    "image-view.preset", "image-view.invert", "image-view.reset", "image-view.fit",
    "image-view.actual-size", "image-view.zoom-in", "image-view.zoom-out",
  };

  for (guint i = 0; i < G_N_ELEMENTS (image_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), image_actions[i], self->image != NULL);
}

static void
zoom_by (HilumImageView *self,
         double          factor,
         gboolean        at_pointer)
{
  double x, y;

  if (self->image == NULL)
    return;

  if (at_pointer && self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  hilum_viewport_zoom_at (self->viewport,
                          hilum_viewport_get_zoom (self->viewport) * factor,
                          x, y);
}

static void
toggle_invert (HilumImageView *self)
{
  if (self->image == NULL)
    return;

  hilum_viewport_set_invert (self->viewport, !hilum_viewport_get_invert (self->viewport));
}

/* Window/level drag, with the convention of most PACS workstations: dragging right
 * widens the window (less contrast), dragging DOWN raises the level (window center),
 * so the image gets DARKER; "invert-vertical-drag" makes dragging up raise it instead.
 * The gain is the image's value range per widget size, so one drag across the whole
 * widget spans the whole range of the image. (dx, dy) is the offset from the start. */
static void
apply_window_level_drag (HilumImageView *self,
                         double          dx,
                         double          dy)
{
  double w = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  double h = MAX (1, gtk_widget_get_height (GTK_WIDGET (self)));
  double sign = self->invert_vertical_drag ? -1.0 : 1.0;
  double center = self->drag_start_center + sign * dy * self->value_range / h;
  double width = self->drag_start_width + dx * self->value_range / w;

  hilum_viewport_set_window (self->viewport, center, MAX (1.0, width));
}

static void
drag_begin_cb (HilumImageView *self,
               double          start_x,
               double          start_y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (gesture));
  HilumDragMode mode;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* One drag at a time, whichever button came first. */
  if (self->image == NULL || self->drag_gesture != NULL)
    return;

  /* The boxes get the primary button first: on a box, or with a finding to draw for. */
  if (button == GDK_BUTTON_PRIMARY && !self->space_held && self->box_layer != NULL &&
      hilum_box_layer_drag_begin (self->box_layer, self->viewport, start_x, start_y))
    mode = HILUM_DRAG_BOX;
  else if (button == GDK_BUTTON_SECONDARY)
    mode = HILUM_DRAG_WINDOW_LEVEL;
  else if (button == GDK_BUTTON_MIDDLE)
    mode = HILUM_DRAG_PAN;
  else if (self->space_held || self->pointer_tool == HILUM_POINTER_TOOL_PAN)
    mode = HILUM_DRAG_PAN;
  else
    mode = HILUM_DRAG_WINDOW_LEVEL;

  self->drag_gesture = GTK_GESTURE (gesture);
  self->drag_mode = mode;
  self->drag_claimed = FALSE;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  self->drag_start_center = hilum_viewport_get_window_center (self->viewport);
  self->drag_start_width = hilum_viewport_get_window_width (self->viewport);

  _hilum_image_view_update_cursor (self);
}

static void
drag_update_cb (HilumImageView *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->drag_gesture != GTK_GESTURE (gesture))
    return;

  /* Claim only once the pointer moves, so that a double click still reaches the
   * click gesture. */
  if (!self->drag_claimed)
    {
      self->drag_claimed = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  if (self->drag_mode == HILUM_DRAG_PAN)
    {
      hilum_viewport_pan_by (self->viewport,
                             offset_x - self->drag_last_x,
                             offset_y - self->drag_last_y);
      self->drag_last_x = offset_x;
      self->drag_last_y = offset_y;
    }
  else if (self->drag_mode == HILUM_DRAG_WINDOW_LEVEL)
    {
      apply_window_level_drag (self, offset_x, offset_y);
    }
  else if (self->drag_mode == HILUM_DRAG_BOX)
    {
      hilum_box_layer_drag_update (self->box_layer, self->viewport, offset_x, offset_y);
    }
}

static void
drag_end_cb (HilumImageView *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  if (self->drag_gesture != GTK_GESTURE (gesture))
    return;

  if (self->drag_mode == HILUM_DRAG_BOX)
    hilum_box_layer_drag_end (self->box_layer, self->viewport, offset_x, offset_y);

  self->drag_gesture = NULL;
  self->drag_mode = HILUM_DRAG_NONE;
  _hilum_image_view_update_cursor (self);
}

static void
drag_cancel_cb (HilumImageView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  if (self->drag_gesture != gesture)
    return;

  if (self->drag_mode == HILUM_DRAG_BOX)
    hilum_box_layer_drag_cancel (self->box_layer);

  self->drag_gesture = NULL;
  self->drag_mode = HILUM_DRAG_NONE;
  _hilum_image_view_update_cursor (self);
}

static void
click_pressed_cb (HilumImageView  *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press == 2)
    hilum_image_view_reset (self);
}

static gboolean
scroll_cb (HilumImageView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  double steps;

  if (self->image == NULL || dy == 0)
    return FALSE;

  /* Plain and Ctrl+scroll both zoom for now; plain scroll may page frames later. */
  if (gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL)
    steps = dy;
  else
    steps = dy / SMOOTH_SCROLL_PIXELS_PER_STEP;

  zoom_by (self, pow (ZOOM_STEP, -steps), TRUE);

  return TRUE;
}

static void
motion_cb (HilumImageView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;

  /* Over a box or its handles the cursor says what a drag would do. */
  if (self->box_layer != NULL)
    _hilum_image_view_update_cursor (self);
}

static void
leave_cb (HilumImageView           *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
}

static void
pinch_begin_cb (HilumImageView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  /* The first finger also started a one-finger drag: the pinch moves the image now. */
  if (self->drag_gesture != NULL)
    {
      if (self->drag_mode == HILUM_DRAG_BOX)
        hilum_box_layer_drag_cancel (self->box_layer);
      self->drag_gesture = NULL;
      self->drag_mode = HILUM_DRAG_NONE;
      _hilum_image_view_update_cursor (self);
    }

  self->pinch_start_zoom = hilum_viewport_get_zoom (self->viewport);
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->pinch_last_x, &self->pinch_last_y))
    {
      self->pinch_last_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->pinch_last_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
pinch_scale_changed_cb (HilumImageView *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double x = self->pinch_last_x;
  double y = self->pinch_last_y;

  if (self->image == NULL)
    return;

  /* The fingers' centroid both anchors the zoom and drags the image along. */
  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      hilum_viewport_pan_by (self->viewport, x - self->pinch_last_x, y - self->pinch_last_y);
      self->pinch_last_x = x;
      self->pinch_last_y = y;
    }

  hilum_viewport_zoom_at (self->viewport, self->pinch_start_zoom * scale, x, y);
}

/* Keyboard window/level, in the same units as the drag: shares of the value range. */
static void
nudge_window (HilumImageView *self,
              double          center_steps,
              double          width_steps)
{
  double step = WINDOW_KEY_STEP * self->value_range;

  hilum_viewport_set_window (self->viewport,
                             hilum_viewport_get_window_center (self->viewport) + center_steps * step,
                             hilum_viewport_get_window_width (self->viewport) + width_steps * step);
}

static gboolean
key_pressed_cb (HilumImageView        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  double step = (state & GDK_SHIFT_MASK) ? 4 * PAN_KEY_STEP : PAN_KEY_STEP;

  /* Leave Ctrl+O, Alt+1 … to the application's shortcuts. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;

  if (keyval == GDK_KEY_space)
    {
      self->space_held = TRUE;
      _hilum_image_view_update_cursor (self);
      return TRUE;
    }

  if (keyval == GDK_KEY_o || keyval == GDK_KEY_O)
    {
      hilum_image_view_set_show_overlays (self, !self->show_overlays);
      return TRUE;
    }

  if (self->image == NULL)
    return FALSE;

  /* With a box selected, the arrows nudge it and Delete removes it. */
  if (self->box_layer != NULL &&
      hilum_box_layer_key_pressed (self->box_layer, self->viewport, keyval, state))
    return TRUE;

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1:
      hilum_image_view_apply_preset (self, HILUM_PRESET_DEFAULT);
      return TRUE;
    case GDK_KEY_2: case GDK_KEY_KP_2:
      hilum_image_view_apply_preset (self, HILUM_PRESET_AUTO);
      return TRUE;
    case GDK_KEY_3: case GDK_KEY_KP_3:
      hilum_image_view_apply_preset (self, HILUM_PRESET_LUNG);
      return TRUE;
    case GDK_KEY_4: case GDK_KEY_KP_4:
      hilum_image_view_apply_preset (self, HILUM_PRESET_MEDIASTINUM);
      return TRUE;
    case GDK_KEY_5: case GDK_KEY_KP_5:
      hilum_image_view_apply_preset (self, HILUM_PRESET_BONE);
      return TRUE;
    case GDK_KEY_bracketleft:
      nudge_window (self, 0, -1);
      return TRUE;
    case GDK_KEY_bracketright:
      nudge_window (self, 0, 1);
      return TRUE;
    case GDK_KEY_comma:
      nudge_window (self, -1, 0);
      return TRUE;
    case GDK_KEY_period:
      nudge_window (self, 1, 0);
      return TRUE;
    case GDK_KEY_i: case GDK_KEY_I:
      toggle_invert (self);
      return TRUE;
    case GDK_KEY_r: case GDK_KEY_R:
      hilum_image_view_reset (self);
      return TRUE;
    case GDK_KEY_f: case GDK_KEY_F:
      hilum_viewport_fit (self->viewport);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0:
      hilum_viewport_actual_size (self->viewport);
      return TRUE;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      zoom_by (self, ZOOM_STEP, FALSE);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_underscore: case GDK_KEY_KP_Subtract:
      zoom_by (self, 1.0 / ZOOM_STEP, FALSE);
      return TRUE;
    /* The arrows move the view over the image, like scrolling: Right shows what lies
     * further right. */
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      hilum_viewport_pan_by (self->viewport, step, 0);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      hilum_viewport_pan_by (self->viewport, -step, 0);
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      hilum_viewport_pan_by (self->viewport, 0, step);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      hilum_viewport_pan_by (self->viewport, 0, -step);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
key_released_cb (HilumImageView        *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_held = FALSE;
      _hilum_image_view_update_cursor (self);
    }
}

static void
focus_leave_cb (HilumImageView          *self,
                GtkEventControllerFocus *controller)
{
  /* The release of a space held while focus moved away never reaches us. */
  self->space_held = FALSE;
  _hilum_image_view_update_cursor (self);
}

static void
action_preset (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  int preset = g_variant_get_int32 (parameter);

  if (preset >= 0 && preset < HILUM_N_PRESETS)
    hilum_image_view_apply_preset (HILUM_IMAGE_VIEW (widget), preset);
}

static void
action_simple (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (widget);

  if (self->image == NULL)
    return;

  if (g_str_equal (action_name, "image-view.invert"))
    toggle_invert (self);
  else if (g_str_equal (action_name, "image-view.reset"))
    hilum_image_view_reset (self);
  else if (g_str_equal (action_name, "image-view.fit"))
    hilum_viewport_fit (self->viewport);
  else if (g_str_equal (action_name, "image-view.actual-size"))
    hilum_viewport_actual_size (self->viewport);
  else if (g_str_equal (action_name, "image-view.zoom-in"))
    zoom_by (self, ZOOM_STEP, FALSE);
  else if (g_str_equal (action_name, "image-view.zoom-out"))
    zoom_by (self, 1.0 / ZOOM_STEP, FALSE);
}

static GtkGesture *
add_drag_gesture (HilumImageView *self,
                  guint           button)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), button);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (drag_cancel_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  return drag;
}

void
_hilum_image_view_cancel_drag (HilumImageView *self)
{
  if (self->drag_gesture != NULL)
    {
      if (self->drag_mode == HILUM_DRAG_BOX)
        hilum_box_layer_drag_cancel (self->box_layer);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
      self->drag_gesture = NULL;
      self->drag_mode = HILUM_DRAG_NONE;
    }
}

void
_hilum_image_view_class_init_input (GtkWidgetClass *widget_class)
{
  /* For menus and the window: "image-view.preset(3)" etc. The keys of the key
   * controller below do the same things. */
  gtk_widget_class_install_action (widget_class, "image-view.preset", "i", action_preset);
  gtk_widget_class_install_action (widget_class, "image-view.invert", NULL, action_simple);
  gtk_widget_class_install_action (widget_class, "image-view.reset", NULL, action_simple);
  gtk_widget_class_install_action (widget_class, "image-view.fit", NULL, action_simple);
  gtk_widget_class_install_action (widget_class, "image-view.actual-size", NULL, action_simple);
  gtk_widget_class_install_action (widget_class, "image-view.zoom-in", NULL, action_simple);
  gtk_widget_class_install_action (widget_class, "image-view.zoom-out", NULL, action_simple);
  gtk_widget_class_install_property_action (widget_class, "image-view.show-overlays", "show-overlays");
}

void
_hilum_image_view_init_input (HilumImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click;
  GtkGesture *pinch;
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkEventController *key;
  GtkEventController *focus;

  add_drag_gesture (self, GDK_BUTTON_PRIMARY);
  add_drag_gesture (self, GDK_BUTTON_MIDDLE);
  add_drag_gesture (self, GDK_BUTTON_SECONDARY);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_object (pinch, "begin", G_CALLBACK (pinch_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (key, "key-released", G_CALLBACK (key_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);
}
