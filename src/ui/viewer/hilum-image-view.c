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
#include "hilum-image-view-private.h"
#include "hilum-overlay.h"
#include "hilum-renderer.h"

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
  PROP_BOX_LAYER,
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
scale_factor_changed_cb (HilumImageView *self)
{
  hilum_overlay_context_changed (self->overlay);
  invalidate_texture (self);
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
  /* R8G8B8 on purpose, although cairo draws from ARGB32: GTK 4.8 turns R8G8B8 into it
   * with a fast byte swizzle (0.8 ms for 1600 × 1000), but has no shortcut for a texture
   * that is already B8G8R8A8_PREMULTIPLIED (GDK_MEMORY_DEFAULT) and converts it through
   * floats (7.7 ms); the W/L frame of the cairo renderer got 70 % slower with it. */
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

  /* Boxes above the image, below the corner texts they must not hide. */
  if (self->image != NULL && self->box_layer != NULL)
    hilum_box_layer_snapshot (self->box_layer, widget, snapshot, self->viewport);

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

  hilum_image_view_set_box_layer (self, NULL);
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
    case PROP_BOX_LAYER:
      g_value_set_object (value, self->box_layer);
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
    case PROP_BOX_LAYER:
      hilum_image_view_set_box_layer (self, g_value_get_object (value));
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
  properties[PROP_BOX_LAYER] =
    g_param_spec_object ("box-layer", NULL, NULL,
                         HILUM_TYPE_BOX_LAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _hilum_image_view_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "hilum-image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hilum_image_view_init (HilumImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

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

  _hilum_image_view_init_input (self);
  _hilum_image_view_update_actions (self);
  update_accessible_label (self);
  update_image_texts (self);
  _hilum_image_view_update_cursor (self);
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

  _hilum_image_view_cancel_drag (self);
  _hilum_image_view_update_actions (self);
  update_accessible_label (self);
  update_image_texts (self);
  _hilum_image_view_update_cursor (self);
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
  _hilum_image_view_update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_TOOL]);
}

/**
 * hilum_image_view_get_box_layer:
 *
 * Returns: (transfer none) (nullable): the boxes drawn over the image
 */
HilumBoxLayer *
hilum_image_view_get_box_layer (HilumImageView *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_VIEW (self), NULL);

  return self->box_layer;
}

void
hilum_image_view_set_box_layer (HilumImageView *self,
                                HilumBoxLayer  *layer)
{
  g_return_if_fail (HILUM_IS_IMAGE_VIEW (self));
  g_return_if_fail (layer == NULL || HILUM_IS_BOX_LAYER (layer));

  if (self->box_layer == layer)
    return;

  if (self->drag_mode == HILUM_DRAG_BOX)
    _hilum_image_view_cancel_drag (self);
  if (self->box_layer != NULL)
    g_signal_handlers_disconnect_by_data (self->box_layer, self);
  g_set_object (&self->box_layer, layer);
  if (layer != NULL)
    g_signal_connect_object (layer, "redraw", G_CALLBACK (gtk_widget_queue_draw), self,
                             G_CONNECT_SWAPPED);

  _hilum_image_view_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOX_LAYER]);
}
