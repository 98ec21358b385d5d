/* hilum-image-view.c — draws one radiograph and turns gestures into viewport changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-image-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-image-view.h"
#include "hilum-overlay.h"
#include "hilum-renderer.h"

/* One scroll-wheel notch or one +/- key press zooms by this factor. */
#define ZOOM_STEP 1.25
/* Touchpads scroll in surface pixels; this many count as one notch. */
#define SMOOTH_SCROLL_PIXELS_PER_STEP 20.0
/* Arrow keys move the image by this many widget pixels (four times with Shift). */
#define PAN_KEY_STEP 48.0

typedef enum
{
  DRAG_NONE = 0,
  DRAG_PAN,
  DRAG_WINDOW_LEVEL,
} DragMode;

struct _HilumImageView
{
  GtkWidget         parent_instance;

  HilumImage       *image;
  HilumViewport    *viewport;
  HilumRenderer    *renderer;
  HilumOverlay     *overlay;
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
  DragMode          drag_mode;
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

G_DEFINE_FINAL_TYPE (HilumImageView, hilum_image_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (HilumPointerTool, hilum_pointer_tool,
  G_DEFINE_ENUM_VALUE (HILUM_POINTER_TOOL_PAN, "pan"),
  G_DEFINE_ENUM_VALUE (HILUM_POINTER_TOOL_WINDOW_LEVEL, "window-level"))

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_VIEWPORT,
  PROP_FRAME,
  PROP_LABEL,
  PROP_SHOW_OVERLAYS,
  PROP_SHOW_PATIENT_INFO,
  PROP_INVERT_VERTICAL_DRAG,
  PROP_POINTER_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA background_color = { 0.0f, 0.0f, 0.0f, 1.0f };
static const GdkRGBA focus_color = { 0.208f, 0.518f, 0.894f, 0.8f };  /* Adwaita accent blue */

static void
invalidate_texture (HilumImageView *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_cursor (HilumImageView *self)
{
  const char *name;

  if (self->image == NULL)
    name = NULL;
  else if (self->drag_mode == DRAG_PAN)
    name = "grabbing";
  else if (self->drag_mode == DRAG_WINDOW_LEVEL)
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

static const char *
view_label (HilumImageView *self)
{
  if (self->label != NULL && self->label[0] != '\0')
    return self->label;

  if (self->image != NULL)
    {
      switch (hilum_image_get_view (self->image))
        {
        case HILUM_VIEW_FRONTAL:
          return _("Frontal");
        case HILUM_VIEW_LATERAL:
          return _("Lateral");
        case HILUM_VIEW_UNKNOWN:
        default:
          break;
        }
    }

  return NULL;
}

static void
update_accessible_label (HilumImageView *self)
{
  const char *label = view_label (self);
  g_autofree char *text = NULL;

  if (label != NULL)
    /* Translators: accessible name of an image view, e.g. "Frontal image" */
    text = g_strdup_printf (_("%s image"), label);
  else
    text = g_strdup (_("Image"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Texts that change with the viewport: W/L, zoom, inversion. */
static void
update_viewport_texts (HilumImageView *self)
{
  g_autofree char *description = NULL;

  if (self->image != NULL)
    {
      double center = hilum_viewport_get_window_center (self->viewport);
      double width = hilum_viewport_get_window_width (self->viewport);
      double zoom = hilum_viewport_get_zoom (self->viewport);
      g_autofree char *wl = hilum_overlay_format_window (center, width);
      g_autofree char *zoom_text = hilum_overlay_format_zoom (zoom);

      if (hilum_viewport_get_invert (self->viewport))
        {
          /* Translators: shown above the window/level values when the grey scale is inverted */
          g_autofree char *text = g_strdup_printf ("%s\n%s", _("Inverted"), wl);
          hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM_LEFT, text);
        }
      else
        hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM_LEFT, wl);

      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM_RIGHT, zoom_text);

      /* Translators: accessible description of an image view; the first number is the
       * window width, the second the level (window center) */
      description = g_strdup_printf (_("Window %.0f, level %.0f, zoom %.0f%%"),
                                     width, center, zoom * 100.0);
    }
  else
    {
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM_LEFT, NULL);
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM_RIGHT, NULL);
      description = g_strdup (_("No image"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static char *
format_patient_info (HilumImage *image)
{
  GString *s = g_string_new (NULL);
  const char *name = hilum_image_get_string (image, HILUM_IMAGE_PATIENT_NAME);
  const char *id = hilum_image_get_string (image, HILUM_IMAGE_PATIENT_ID);
  const char *date = hilum_image_get_string (image, HILUM_IMAGE_STUDY_DATE);

  if (name[0] != '\0')
    {
      /* DICOM person names separate their components with '^'. */
      g_auto(GStrv) parts = g_strsplit (name, "^", -1);
      g_autofree char *joined = NULL;

      for (guint i = 0; parts[i] != NULL; i++)
        g_strstrip (parts[i]);
      joined = g_strjoinv (" ", parts);
      g_string_append (s, g_strstrip (joined));
    }

  if (id[0] != '\0')
    {
      if (s->len > 0)
        g_string_append_c (s, '\n');
      /* Translators: patient identifier shown in the corner of an image */
      g_string_append_printf (s, _("ID %s"), id);
    }

  if (date[0] != '\0')
    {
      if (s->len > 0)
        g_string_append_c (s, '\n');
      if (strlen (date) == 8 && g_ascii_isdigit (date[0]))
        g_string_append_printf (s, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
      else
        g_string_append (s, date);
    }

  return g_string_free (s, FALSE);
}

/* Texts that change with the image, label, frame or settings. */
static void
update_image_texts (HilumImageView *self)
{
  const char *label = view_label (self);

  if (self->image == NULL)
    {
      g_autofree char *empty = NULL;

      for (guint i = 0; i < HILUM_OVERLAY_N_POSITIONS; i++)
        hilum_overlay_set_text (self->overlay, i, NULL);

      if (label != NULL)
        empty = g_strdup_printf ("%s\n%s", label, _("No image"));
      else
        empty = g_strdup (_("No image"));
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_CENTER, empty);
    }
  else
    {
      GString *top_left = g_string_new (NULL);
      g_autofree char *top_left_text = NULL;
      g_autofree char *left = NULL, *right = NULL, *top = NULL, *bottom = NULL;
      guint n_frames = hilum_image_get_n_frames (self->image);

      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_CENTER, NULL);

      if (label != NULL)
        g_string_append_printf (top_left, "%s\n", label);
      /* Translators: image size in pixels, width × height */
      g_string_append_printf (top_left, _("%u × %u"),
                              hilum_image_get_width (self->image),
                              hilum_image_get_height (self->image));
      if (n_frames > 1)
        {
          g_string_append_c (top_left, '\n');
          /* Translators: the frame shown of a multi-frame image, e.g. "Frame 2 of 5" */
          g_string_append_printf (top_left, _("Frame %u of %u"), self->frame + 1, n_frames);
        }
      top_left_text = g_string_free (top_left, FALSE);
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_TOP_LEFT, top_left_text);

      if (self->show_patient_info)
        {
          g_autofree char *info = format_patient_info (self->image);
          hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_TOP_RIGHT, info);
        }
      else
        hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_TOP_RIGHT, NULL);

      if (!hilum_overlay_parse_orientation (hilum_image_get_string (self->image,
                                                                    HILUM_IMAGE_PATIENT_ORIENTATION),
                                            &left, &right, &top, &bottom))
        g_clear_pointer (&left, g_free);

      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_LEFT, left);
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_RIGHT, right);
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_TOP, top);
      hilum_overlay_set_text (self->overlay, HILUM_OVERLAY_BOTTOM, bottom);
    }

  update_viewport_texts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_actions (HilumImageView *self)
{
  static const char * const image_actions[] = {
    "image-view.preset", "image-view.invert", "image-view.reset", "image-view.fit",
    "image-view.actual-size", "image-view.zoom-in", "image-view.zoom-out",
  };

  for (guint i = 0; i < G_N_ELEMENTS (image_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), image_actions[i], self->image != NULL);
}

static void
viewport_notify_cb (HilumImageView *self,
                    GParamSpec     *pspec,
                    HilumViewport  *viewport)
{
  /* "fitted" alone changes nothing on screen. */
  if (g_strcmp0 (pspec->name, "fitted") == 0)
    return;

  invalidate_texture (self);

  if (g_strcmp0 (pspec->name, "window-center") == 0 ||
      g_strcmp0 (pspec->name, "window-width") == 0 ||
      g_strcmp0 (pspec->name, "zoom") == 0 ||
      g_strcmp0 (pspec->name, "invert") == 0)
    update_viewport_texts (self);
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
  DragMode mode;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* One drag at a time, whichever button came first. */
  if (self->image == NULL || self->drag_gesture != NULL)
    return;

  if (button == GDK_BUTTON_SECONDARY)
    mode = DRAG_WINDOW_LEVEL;
  else if (button == GDK_BUTTON_MIDDLE)
    mode = DRAG_PAN;
  else if (self->space_held || self->pointer_tool == HILUM_POINTER_TOOL_PAN)
    mode = DRAG_PAN;
  else
    mode = DRAG_WINDOW_LEVEL;

  self->drag_gesture = GTK_GESTURE (gesture);
  self->drag_mode = mode;
  self->drag_claimed = FALSE;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  self->drag_start_center = hilum_viewport_get_window_center (self->viewport);
  self->drag_start_width = hilum_viewport_get_window_width (self->viewport);

  update_cursor (self);
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

  if (self->drag_mode == DRAG_PAN)
    {
      hilum_viewport_pan_by (self->viewport,
                             offset_x - self->drag_last_x,
                             offset_y - self->drag_last_y);
      self->drag_last_x = offset_x;
      self->drag_last_y = offset_y;
    }
  else if (self->drag_mode == DRAG_WINDOW_LEVEL)
    {
      apply_window_level_drag (self, offset_x, offset_y);
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

  self->drag_gesture = NULL;
  self->drag_mode = DRAG_NONE;
  update_cursor (self);
}

static void
drag_cancel_cb (HilumImageView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  if (self->drag_gesture != gesture)
    return;

  self->drag_gesture = NULL;
  self->drag_mode = DRAG_NONE;
  update_cursor (self);
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
      self->drag_gesture = NULL;
      self->drag_mode = DRAG_NONE;
      update_cursor (self);
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
      update_cursor (self);
      return TRUE;
    }

  if (keyval == GDK_KEY_o || keyval == GDK_KEY_O)
    {
      hilum_image_view_set_show_overlays (self, !self->show_overlays);
      return TRUE;
    }

  if (self->image == NULL)
    return FALSE;

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
      update_cursor (self);
    }
}

static void
focus_leave_cb (HilumImageView          *self,
                GtkEventControllerFocus *controller)
{
  /* The release of a space held while focus moved away never reaches us. */
  self->space_held = FALSE;
  update_cursor (self);
}

static void
scale_factor_changed_cb (HilumImageView *self)
{
  hilum_overlay_context_changed (self->overlay);
  invalidate_texture (self);
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

static void
ensure_texture (HilumImageView *self,
                int             scale)
{
  HilumPixelBuffer *buffer;
  GBytes *bytes;

  if (self->texture != NULL && self->texture_scale == scale)
    return;

  g_clear_object (&self->texture);

  buffer = hilum_renderer_render (self->renderer, self->viewport, scale);
  if (buffer == NULL)
    return;

  /* The texture borrows the pooled buffer; it goes back to the pool when the texture
   * (and whatever GSK keeps of it) is gone. No copy, no allocation of pixels. */
  bytes = g_bytes_new_with_free_func (buffer->data,
                                      buffer->stride * buffer->height,
                                      (GDestroyNotify) hilum_pixel_buffer_unref,
                                      buffer);
  self->texture = gdk_memory_texture_new (buffer->width, buffer->height,
                                          GDK_MEMORY_R8G8B8, bytes, buffer->stride);
  g_bytes_unref (bytes);
  self->texture_scale = scale;

  /* The buffer is at device resolution: draw it exactly one texel per device pixel,
   * starting on a device pixel, so that GSK's filtering never blends neighbours
   * (GTK 4.8 has no nearest-neighbour texture node). */
  self->texture_rect = GRAPHENE_RECT_INIT (round (buffer->x * scale) / scale,
                                           round (buffer->y * scale) / scale,
                                           (double) buffer->width / scale,
                                           (double) buffer->height / scale);
}

static void
hilum_image_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_snapshot_append_color (snapshot, &background_color,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->image != NULL)
    {
      ensure_texture (self, gtk_widget_get_scale_factor (widget));
      if (self->texture != NULL)
        gtk_snapshot_append_texture (snapshot, self->texture, &self->texture_rect);
    }

  /* An empty slot always says what it is waiting for. */
  if (self->show_overlays || self->image == NULL)
    hilum_overlay_snapshot (self->overlay, snapshot, width, height);

  /* Adwaita draws no outline for unknown widgets: draw the keyboard focus ourselves. */
  if (gtk_widget_has_visible_focus (widget) && width > 4 && height > 4)
    {
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 0);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { focus_color, focus_color, focus_color, focus_color });
    }
}

static void
hilum_image_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 48;
  *natural = 320;
}

static void
hilum_image_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (widget);

  hilum_viewport_set_widget_size (self->viewport, width, height);
}

static void
hilum_image_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (widget);

  GTK_WIDGET_CLASS (hilum_image_view_parent_class)->css_changed (widget, change);

  /* A font change reaches the shared Pango context; the layouts must re-shape. */
  hilum_overlay_context_changed (self->overlay);
  gtk_widget_queue_draw (widget);
}

static void
hilum_image_view_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (hilum_image_view_parent_class)->state_flags_changed (widget, previous);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

static void
hilum_image_view_dispose (GObject *object)
{
  HilumImageView *self = (HilumImageView *)object;

  /* Someone else (a linked view) may keep the viewport alive. */
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);

  g_clear_object (&self->texture);
  g_clear_object (&self->renderer);
  g_clear_object (&self->image);
  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (hilum_image_view_parent_class)->dispose (object);
}

static void
hilum_image_view_finalize (GObject *object)
{
  HilumImageView *self = (HilumImageView *)object;

  /* Kept until finalize: GtkWidget's dispose may still restyle us (css_changed). */
  g_clear_object (&self->overlay);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (hilum_image_view_parent_class)->finalize (object);
}

static void
hilum_image_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;
    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;
    case PROP_FRAME:
      g_value_set_uint (value, self->frame);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_SHOW_OVERLAYS:
      g_value_set_boolean (value, self->show_overlays);
      break;
    case PROP_SHOW_PATIENT_INFO:
      g_value_set_boolean (value, self->show_patient_info);
      break;
    case PROP_INVERT_VERTICAL_DRAG:
      g_value_set_boolean (value, self->invert_vertical_drag);
      break;
    case PROP_POINTER_TOOL:
      g_value_set_enum (value, self->pointer_tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_image_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HilumImageView *self = HILUM_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      hilum_image_view_set_image (self, g_value_get_object (value));
      break;
    case PROP_FRAME:
      hilum_image_view_set_frame (self, g_value_get_uint (value));
      break;
    case PROP_LABEL:
      hilum_image_view_set_label (self, g_value_get_string (value));
      break;
    case PROP_SHOW_OVERLAYS:
      hilum_image_view_set_show_overlays (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PATIENT_INFO:
      hilum_image_view_set_show_patient_info (self, g_value_get_boolean (value));
      break;
    case PROP_INVERT_VERTICAL_DRAG:
      hilum_image_view_set_invert_vertical_drag (self, g_value_get_boolean (value));
      break;
    case PROP_POINTER_TOOL:
      hilum_image_view_set_pointer_tool (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_image_view_class_init (HilumImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_image_view_dispose;
  object_class->finalize = hilum_image_view_finalize;
  object_class->get_property = hilum_image_view_get_property;
  object_class->set_property = hilum_image_view_set_property;

  widget_class->snapshot = hilum_image_view_snapshot;
  widget_class->measure = hilum_image_view_measure;
  widget_class->size_allocate = hilum_image_view_size_allocate;
  widget_class->css_changed = hilum_image_view_css_changed;
  widget_class->state_flags_changed = hilum_image_view_state_flags_changed;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL,
                         HILUM_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL,
                         HILUM_TYPE_VIEWPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAME] =
    g_param_spec_uint ("frame", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_OVERLAYS] =
    g_param_spec_boolean ("show-overlays", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PATIENT_INFO] =
    g_param_spec_boolean ("show-patient-info", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVERT_VERTICAL_DRAG] =
    g_param_spec_boolean ("invert-vertical-drag", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER_TOOL] =
    g_param_spec_enum ("pointer-tool", NULL, NULL,
                       HILUM_TYPE_POINTER_TOOL, HILUM_POINTER_TOOL_PAN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  gtk_widget_class_set_css_name (widget_class, "hilum-image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
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

static void
hilum_image_view_init (HilumImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click;
  GtkGesture *pinch;
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkEventController *key;
  GtkEventController *focus;

  self->show_overlays = TRUE;
  self->value_range = 1;
  self->pointer_tool = HILUM_POINTER_TOOL_PAN;
  self->viewport = hilum_viewport_new ();
  self->overlay = hilum_overlay_new (widget);
  hilum_overlay_set_dim (self->overlay, HILUM_OVERLAY_CENTER, TRUE);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);

  g_signal_connect_object (self->viewport, "notify",
                           G_CALLBACK (viewport_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

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

  update_actions (self);
  update_accessible_label (self);
  update_image_texts (self);
  update_cursor (self);
}

GtkWidget *
hilum_image_view_new (void)
{
  return g_object_new (HILUM_TYPE_IMAGE_VIEW, NULL);
}

/**
 * hilum_image_view_get_image:
 *
 * Returns: (transfer none) (nullable): the image shown
 */
HilumImage *
hilum_image_view_get_image (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), NULL);

  return self->image;
}

/* A new image is shown whole (fit) with the file's default window. */
void
hilum_image_view_set_image (HilumImageView *self,
                            HilumImage     *image)
{
  gboolean frame_changed;

  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));
  g_return_if_fail (image == NULL || HILUM_IS_IMAGE (image));

  if (self->image == image)
    return;

  g_set_object (&self->image, image);
  g_clear_object (&self->renderer);
  g_clear_object (&self->texture);
  frame_changed = self->frame != 0;
  self->frame = 0;

  if (image != NULL)
    {
      if (hilum_image_is_color (image))
        self->value_range = 255;
      else
        self->value_range = MAX (1.0, hilum_image_get_max_value (image) -
                                      hilum_image_get_min_value (image));

      self->renderer = hilum_renderer_new (image);
      hilum_viewport_set_image_size (self->viewport,
                                     hilum_image_get_width (image),
                                     hilum_image_get_height (image));
      hilum_image_view_reset (self);
    }

  if (self->drag_gesture != NULL)
    {
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
      self->drag_gesture = NULL;
      self->drag_mode = DRAG_NONE;
    }

  update_actions (self);
  update_accessible_label (self);
  update_image_texts (self);
  update_cursor (self);
  invalidate_texture (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
  if (frame_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

/**
 * hilum_image_view_get_viewport:
 *
 * The view's zoom, pan and window/level; bind its "window-center" and "window-width"
 * to link views.
 *
 * Returns: (transfer none): the viewport
 */
HilumViewport *
hilum_image_view_get_viewport (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), NULL);

  return self->viewport;
}

guint
hilum_image_view_get_frame (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), 0);

  return self->frame;
}

void
hilum_image_view_set_frame (HilumImageView *self,
                            guint           frame)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  if (self->image != NULL)
    frame = MIN (frame, hilum_image_get_n_frames (self->image) - 1);
  else
    frame = 0;

  if (frame == self->frame)
    return;

  self->frame = frame;
  hilum_renderer_set_frame (self->renderer, frame);
  update_image_texts (self);
  invalidate_texture (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

/**
 * hilum_image_view_get_label:
 *
 * Returns: (transfer none) (nullable): the slot's name, e.g. "Frontal"
 */
const char *
hilum_image_view_get_label (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), NULL);

  return self->label;
}

void
hilum_image_view_set_label (HilumImageView *self,
                            const char     *label)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  update_accessible_label (self);
  update_image_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

void
hilum_image_view_apply_preset (HilumImageView *self,
                               HilumPreset     preset)
{
  double center, width;

  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));
  g_return_if_fail (preset < HILUM_N_PRESETS);

  if (self->image == NULL)
    return;

  hilum_preset_compute (preset, self->image, self->frame, &center, &width);
  hilum_viewport_set_window (self->viewport, center, width);
}

/* Fit, the file's default window, no inversion: the state a new image starts in. */
void
hilum_image_view_reset (HilumImageView *self)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  if (self->image == NULL)
    return;

  hilum_viewport_fit (self->viewport);
  hilum_viewport_set_invert (self->viewport, FALSE);
  hilum_image_view_apply_preset (self, HILUM_PRESET_DEFAULT);
}

gboolean
hilum_image_view_get_show_overlays (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), FALSE);

  return self->show_overlays;
}

void
hilum_image_view_set_show_overlays (HilumImageView *self,
                                    gboolean        show)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  show = !!show;
  if (show == self->show_overlays)
    return;

  self->show_overlays = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OVERLAYS]);
}

gboolean
hilum_image_view_get_show_patient_info (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), FALSE);

  return self->show_patient_info;
}

void
hilum_image_view_set_show_patient_info (HilumImageView *self,
                                        gboolean        show)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  show = !!show;
  if (show == self->show_patient_info)
    return;

  self->show_patient_info = show;
  update_image_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PATIENT_INFO]);
}

gboolean
hilum_image_view_get_invert_vertical_drag (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), FALSE);

  return self->invert_vertical_drag;
}

void
hilum_image_view_set_invert_vertical_drag (HilumImageView *self,
                                           gboolean        invert)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));

  invert = !!invert;
  if (invert == self->invert_vertical_drag)
    return;

  self->invert_vertical_drag = invert;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVERT_VERTICAL_DRAG]);
}

HilumPointerTool
hilum_image_view_get_pointer_tool (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), HILUM_POINTER_TOOL_PAN);

  return self->pointer_tool;
}

void
hilum_image_view_set_pointer_tool (HilumImageView   *self,
                                   HilumPointerTool  tool)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));
  g_return_if_fail (tool <= HILUM_POINTER_TOOL_WINDOW_LEVEL);

  if (tool == self->pointer_tool)
    return;

  self->pointer_tool = tool;
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_TOOL]);
}
