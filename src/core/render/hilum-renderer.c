/* hilum-renderer.c — the visible part of an image at screen scale, into pooled buffers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-renderer"

#include <math.h>
#include <string.h>

#include "hilum-buffer-pool.h"
#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-pyramid.h"
#include "hilum-renderer.h"
#include "hilum-viewport.h"
#include "hilum-voi.h"

/*
 * One render = one output buffer that covers exactly the visible rectangle of the
 * viewport, in device pixels. Each output pixel shows the image point under its centre:
 * from level 0 when magnified (so an image pixel becomes a solid block, pixel-exact),
 * otherwise from the finest pyramid level that still has at least the screen's
 * resolution. Everything per pixel is two table look-ups (source index, VOI byte); the
 * geometry is worked out once per row and once per column.
 *
 * The renderer holds no global state and a lock around everything it caches (pyramids,
 * VOI table, column offsets, pool), so a worker thread may render while the UI thread
 * asks for the frame; one render runs at a time per renderer. The viewport is only read,
 * but a GObject is not thread-safe: a worker renders from its own HilumViewport, set to
 * the UI's state (zoom, centre, sizes, window, invert) before the job is queued.
 */

/* Levels 1..4: the minimum zoom 1/16 is served by level 4 (2^4 = 16) — for a 3000-pixel
 * radiograph that is ~190 pixels, and coarser levels would never be used. */
#define PYRAMID_LEVELS 4
/* Buffers kept for reuse: one on screen, one being rendered, one in flight. */
#define POOL_MAX_FREE 3

struct _HilumRenderer
{
  GObject parent_instance;

  HilumImage *image;
  guint frame;

  GMutex lock;
  HilumPyramid **pyramids;        /* one per frame, built on first minified render */
  gboolean first_borrowed;        /* pyramids[0] is the image's prepared one, not ours */
  HilumBufferPool *pool;

  guint8 *table;                  /* index → display byte; heap, up to 64 KiB */
  guint32 *table4;                /* grey: index → the byte 4 times, up to 256 KiB */
  guint table_size;
  gboolean table_valid;
  HilumVoiFunction table_function;
  double table_center;
  double table_width;
  gboolean table_invert;

  guint *columns;                 /* per output column: offset of its source pixel */
  guint columns_capacity;
  guint *rows;                    /* per output row: source row in the level */
  guint rows_capacity;
};

G_DEFINE_FINAL_TYPE (HilumRenderer, hilum_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMAGE,
  PROP_FRAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
prepared_pyramid_quark (void)
{
  return g_quark_from_static_string ("hilum-renderer-prepared-pyramid");
}

static HilumPyramid *
build_pyramid (HilumImage *image,
               guint       frame)
{
  guint w = hilum_image_get_width (image);
  guint h = hilum_image_get_height (image);

  if (hilum_image_is_color (image))
    return hilum_pyramid_new_rgb (hilum_image_get_rgb_frame (image, frame), w, h, PYRAMID_LEVELS);
  else
    return hilum_pyramid_new_gray (hilum_image_get_gray_frame (image, frame), w, h, PYRAMID_LEVELS);
}

static void
hilum_renderer_dispose (GObject *object)
{
  HilumRenderer *self = HILUM_RENDERER (object);

  if (self->pyramids != NULL && self->image != NULL)
    {
      guint n = hilum_image_get_n_frames (self->image);

      if (self->first_borrowed)
        self->pyramids[0] = NULL;
      for (guint i = 0; i < n; i++)
        g_clear_pointer (&self->pyramids[i], hilum_pyramid_free);
    }
  g_clear_pointer (&self->pyramids, g_free);
  g_clear_object (&self->image);

  G_OBJECT_CLASS (hilum_renderer_parent_class)->dispose (object);
}

static void
hilum_renderer_finalize (GObject *object)
{
  HilumRenderer *self = HILUM_RENDERER (object);

  g_clear_pointer (&self->pool, hilum_buffer_pool_unref);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->table4, g_free);
  g_clear_pointer (&self->columns, g_free);
  g_clear_pointer (&self->rows, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hilum_renderer_parent_class)->finalize (object);
}

static void
hilum_renderer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HilumRenderer *self = HILUM_RENDERER (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;
    case PROP_FRAME:
      g_value_set_uint (value, hilum_renderer_get_frame (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_renderer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HilumRenderer *self = HILUM_RENDERER (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      self->image = g_value_dup_object (value);
      break;
    case PROP_FRAME:
      hilum_renderer_set_frame (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_renderer_constructed (GObject *object)
{
  HilumRenderer *self = HILUM_RENDERER (object);

  G_OBJECT_CLASS (hilum_renderer_parent_class)->constructed (object);

  g_return_if_fail (HILUM_IS_IMAGE (self->image));

  self->pyramids = g_new0 (HilumPyramid *, MAX (hilum_image_get_n_frames (self->image), 1));
}

static void
hilum_renderer_class_init (HilumRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_renderer_dispose;
  object_class->finalize = hilum_renderer_finalize;
  object_class->get_property = hilum_renderer_get_property;
  object_class->set_property = hilum_renderer_set_property;
  object_class->constructed = hilum_renderer_constructed;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, HILUM_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAME] =
    g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hilum_renderer_init (HilumRenderer *self)
{
  g_mutex_init (&self->lock);
  self->pool = hilum_buffer_pool_new (POOL_MAX_FREE);
}

/**
 * hilum_renderer_new:
 * @image: the image to draw; the renderer keeps a reference
 *
 * Returns: (transfer full): a renderer for @image
 */
HilumRenderer *
hilum_renderer_new (HilumImage *image)
{
  g_return_val_if_fail (HILUM_IS_IMAGE (image), NULL);

  return g_object_new (HILUM_TYPE_RENDERER, "image", image, NULL);
}

/**
 * hilum_renderer_prepare_image:
 * @image: a decoded image
 *
 * Builds the pyramid of the first frame of @image now and keeps it with the image;
 * every renderer of @image then uses it instead of building its own. Building it takes
 * ~5 ms for 3000 × 3000 pixels: done in the worker that decoded the image, the first
 * frame that shows the image does not pay for it on the UI thread. Call it before the
 * image is shared; a header-only image is left as it is.
 */
void
hilum_renderer_prepare_image (HilumImage *image)
{
  g_return_if_fail (HILUM_IS_IMAGE (image));

  if (hilum_image_get_n_frames (image) == 0 ||
      (hilum_image_get_gray_frame (image, 0) == NULL && hilum_image_get_rgb_frame (image, 0) == NULL) ||
      g_object_get_qdata (G_OBJECT (image), prepared_pyramid_quark ()) != NULL)
    return;

  g_object_set_qdata_full (G_OBJECT (image), prepared_pyramid_quark (),
                           build_pyramid (image, 0), (GDestroyNotify) hilum_pyramid_free);
}

static void
load_image_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  HilumImage *image = hilum_decode_file (task_data, cancellable, &error);

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Here, not in the first frame on the UI thread: ~5 ms for a 3000 × 3000 image, in
   * the same frame for both images of a study. */
  hilum_renderer_prepare_image (image);
  g_task_return_pointer (task, image, g_object_unref);
}

void
hilum_renderer_load_image_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_renderer_load_image_async);
  g_task_set_name (task, "hilum_renderer_load_image_async");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_image_thread);
}

HilumImage *
hilum_renderer_load_image_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hilum_renderer_load_image_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hilum_renderer_get_image:
 *
 * Returns: (transfer none): the image
 */
HilumImage *
hilum_renderer_get_image (HilumRenderer *self)
{
  g_return_val_if_fail (HILUM_IS_RENDERER (self), NULL);

  return self->image;
}

guint
hilum_renderer_get_frame (HilumRenderer *self)
{
  guint frame;

  g_return_val_if_fail (HILUM_IS_RENDERER (self), 0);

  g_mutex_lock (&self->lock);
  frame = self->frame;
  g_mutex_unlock (&self->lock);

  return frame;
}

void
hilum_renderer_set_frame (HilumRenderer *self,
                          guint          frame)
{
  gboolean changed;

  g_return_if_fail (HILUM_IS_RENDERER (self));
  g_return_if_fail (frame < hilum_image_get_n_frames (self->image));

  g_mutex_lock (&self->lock);
  changed = frame != self->frame;
  self->frame = frame;
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

/* Called with the lock held. */
static void
ensure_table (HilumRenderer    *self,
              HilumVoiFunction  function,
              double            center,
              double            width,
              gboolean          invert)
{
  gboolean color = hilum_image_is_color (self->image);
  guint size = color ? 256 : hilum_image_get_index_count (self->image);

  if (self->table_valid &&
      self->table_size == size &&
      self->table_function == function &&
      self->table_center == center &&
      self->table_width == width &&
      self->table_invert == invert)
    return;

  if (self->table_size != size)
    {
      g_clear_pointer (&self->table4, g_free);
      g_free (self->table);
      self->table = g_new (guint8, size);
      self->table_size = size;
    }

  /* Colour data has no modality LUT: the channel bytes are the values. */
  hilum_voi_fill_table (function, center, width, invert,
                        color ? 1.0 : hilum_image_get_value_scale (self->image),
                        color ? 0.0 : hilum_image_get_value_offset (self->image),
                        self->table, size);

  if (!color)
    {
      if (self->table4 == NULL)
        self->table4 = g_new (guint32, size);
      for (guint i = 0; i < size; i++)
        self->table4[i] = self->table[i] * 0x01010101u;
    }

  self->table_valid = TRUE;
  self->table_function = function;
  self->table_center = center;
  self->table_width = width;
  self->table_invert = invert;
}

/* Called with the lock held. */
static HilumPyramid *
ensure_pyramid (HilumRenderer *self)
{
  guint frame = self->frame;

  if (self->pyramids[frame] == NULL && frame == 0)
    {
      /* Built in the decode worker (hilum_renderer_prepare_image); the image owns it. */
      self->pyramids[0] = g_object_get_qdata (G_OBJECT (self->image), prepared_pyramid_quark ());
      self->first_borrowed = self->pyramids[0] != NULL;
    }

  if (self->pyramids[frame] == NULL)
    self->pyramids[frame] = build_pyramid (self->image, frame);

  return self->pyramids[frame];
}

static guint *
ensure_capacity (guint  *array,
                 guint  *capacity,
                 guint   needed)
{
  if (*capacity < needed)
    {
      g_free (array);
      array = g_new (guint, needed);
      *capacity = needed;
    }

  return array;
}

/* Maps output pixel i (device pixels, starting at @first) to the column or row of the
 * pyramid level, through the viewport's own widget → image mapping so the renderer and
 * the coordinate read-outs can never disagree. */
static void
map_axis (HilumViewport *viewport,
          gboolean       vertical,
          int            first,
          guint          count,
          int            scale_factor,
          double         level_scale,
          guint          level_size,
          guint          multiplier,
          guint         *out)
{
  for (guint i = 0; i < count; i++)
    {
      double w = (first + i + 0.5) / scale_factor;
      double image_pos;
      double level_pos;
      guint index;

      if (vertical)
        hilum_viewport_widget_to_image (viewport, 0, w, NULL, &image_pos);
      else
        hilum_viewport_widget_to_image (viewport, w, 0, &image_pos, NULL);

      level_pos = floor (image_pos * level_scale);
      index = level_pos <= 0 ? 0 : level_pos >= level_size - 1 ? level_size - 1 : (guint) level_pos;
      out[i] = index * multiplier;
    }
}

static void
render_gray (const HilumPyramidLevel *level,
             const guint32           *table,
             const guint             *columns,
             const guint             *rows,
             HilumPixelBuffer        *buffer)
{
  guint width = buffer->width;

  for (guint y = 0; y < buffer->height; y++)
    {
      guint8 *dst = buffer->data + y * buffer->stride;
      const guint16 *src;

      /* Magnified views repeat rows: copy the one just made. */
      if (y > 0 && rows[y] == rows[y - 1])
        {
          memcpy (dst, dst - buffer->stride, (gsize) width * 3);
          continue;
        }

      src = level->gray + (gsize) rows[y] * level->width;

      /* One unaligned 4-byte store per pixel instead of three byte stores (~30 %
       * faster): its 4th byte is overwritten by the next pixel. The last pixel of the
       * row is written with memset, so nothing is written past the row. The output
       * stays 3-byte RGB on purpose (see ensure_texture () in hilum-image-view.c). */
      for (guint x = 0; x + 1 < width; x++)
        {
          memcpy (dst, &table[src[columns[x]]], 4);
          dst += 3;
        }
      memset (dst, (guint8) table[src[columns[width - 1]]], 3);
    }
}

static void
render_rgb (const HilumPyramidLevel *level,
            const guint8            *table,
            const guint             *columns,
            const guint             *rows,
            HilumPixelBuffer        *buffer)
{
  guint width = buffer->width;

  for (guint y = 0; y < buffer->height; y++)
    {
      guint8 *dst = buffer->data + y * buffer->stride;
      const guint8 *src;

      if (y > 0 && rows[y] == rows[y - 1])
        {
          memcpy (dst, dst - buffer->stride, (gsize) width * 3);
          continue;
        }

      src = level->rgb + (gsize) rows[y] * level->width * 3;

      for (guint x = 0; x < width; x++)
        {
          const guint8 *p = src + columns[x];

          dst[0] = table[p[0]];
          dst[1] = table[p[1]];
          dst[2] = table[p[2]];
          dst += 3;
        }
    }
}

/**
 * hilum_renderer_render:
 * @scale_factor: device pixels per widget pixel (>= 1)
 *
 * Returns: (transfer full) (nullable): the visible part of the image, placed in widget
 *   coordinates by the buffer's x, y, widget_width and widget_height
 */
HilumPixelBuffer *
hilum_renderer_render (HilumRenderer *self,
                       HilumViewport *viewport,
                       int            scale_factor)
{
  HilumPixelBuffer *buffer;
  const HilumPyramidLevel *level;
  HilumPyramidLevel level0;
  double vx, vy, vw, vh;
  double device_zoom, level_scale;
  int x0, y0, x1, y1;
  guint out_w, out_h;
  guint level_index = 0;
  gboolean color, invert;

  g_return_val_if_fail (HILUM_IS_RENDERER (self), NULL);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), NULL);

  scale_factor = MAX (scale_factor, 1);

  if (!hilum_viewport_get_visible_rect (viewport, &vx, &vy, &vw, &vh))
    return NULL;

  color = hilum_image_is_color (self->image);

  g_mutex_lock (&self->lock);

  level0.width = hilum_image_get_width (self->image);
  level0.height = hilum_image_get_height (self->image);
  level0.gray = color ? NULL : hilum_image_get_gray_frame (self->image, self->frame);
  level0.rgb = color ? hilum_image_get_rgb_frame (self->image, self->frame) : NULL;

  if (level0.gray == NULL && level0.rgb == NULL)
    {
      /* Header-only image: nothing to draw. */
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  /* Device pixels whose centre lies inside the visible rectangle; never less than one
   * when the rectangle is not empty. */
  x0 = (int) ceil (vx * scale_factor - 0.5);
  y0 = (int) ceil (vy * scale_factor - 0.5);
  x1 = MAX ((int) ceil ((vx + vw) * scale_factor - 0.5), x0 + 1);
  y1 = MAX ((int) ceil ((vy + vh) * scale_factor - 0.5), y0 + 1);
  out_w = x1 - x0;
  out_h = y1 - y0;

  /* Finest level whose pixels are no larger than a device pixel; the epsilon keeps an
   * exact power of two (zoom 1/2, 1/4 …) on the level that matches it one to one. */
  device_zoom = hilum_viewport_get_zoom (viewport) * scale_factor;
  level = &level0;
  if (device_zoom < 1.0)
    {
      HilumPyramid *pyramid = ensure_pyramid (self);
      double wanted = floor (log2 (1.0 / device_zoom) + 1e-9);

      level_index = (guint) MIN (wanted, (double) hilum_pyramid_get_n_levels (pyramid) - 1);
      if (level_index > 0)
        level = hilum_pyramid_get_level (pyramid, level_index);
    }
  level_scale = ldexp (1.0, -(int) level_index);

  invert = !!hilum_image_get_inverted_display (self->image) != !!hilum_viewport_get_invert (viewport);
  ensure_table (self,
                hilum_image_get_info (self->image)->voi_function,
                hilum_viewport_get_window_center (viewport),
                hilum_viewport_get_window_width (viewport),
                invert);

  self->columns = ensure_capacity (self->columns, &self->columns_capacity, out_w);
  self->rows = ensure_capacity (self->rows, &self->rows_capacity, out_h);
  map_axis (viewport, FALSE, x0, out_w, scale_factor, level_scale, level->width,
            color ? 3 : 1, self->columns);
  map_axis (viewport, TRUE, y0, out_h, scale_factor, level_scale, level->height,
            1, self->rows);

  buffer = hilum_buffer_pool_acquire (self->pool, out_w, out_h);
  buffer->x = (double) x0 / scale_factor;
  buffer->y = (double) y0 / scale_factor;
  buffer->widget_width = (double) out_w / scale_factor;
  buffer->widget_height = (double) out_h / scale_factor;

  if (color)
    render_rgb (level, self->table, self->columns, self->rows, buffer);
  else
    render_gray (level, self->table4, self->columns, self->rows, buffer);

  g_mutex_unlock (&self->lock);

  return buffer;
}
