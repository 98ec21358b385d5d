/* hilum-buffer-pool.c — reusable RGB buffers for rendered frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-buffer-pool"

#include "hilum-buffer-pool.h"

typedef struct
{
  HilumPixelBuffer  pub;          /* first, so the public pointer is ours */
  gint              ref_count;
  gsize             capacity;     /* bytes behind pub.data */
  HilumBufferPool  *pool;         /* owned while the buffer is handed out, else NULL */
} PooledBuffer;

struct _HilumBufferPool
{
  GMutex     lock;
  GPtrArray *free_buffers;        /* PooledBuffer*, not referencing the pool */
  guint      max_free;
  guint      n_allocated;
};

G_DEFINE_BOXED_TYPE (HilumPixelBuffer, hilum_pixel_buffer,
                     hilum_pixel_buffer_ref, hilum_pixel_buffer_unref)

static void
pooled_buffer_free (PooledBuffer *buffer)
{
  g_free (buffer->pub.data);
  g_free (buffer);
}

static void
hilum_buffer_pool_clear (HilumBufferPool *self)
{
  g_ptr_array_unref (self->free_buffers);
  g_mutex_clear (&self->lock);
}

/**
 * hilum_buffer_pool_new:
 * @max_free: how many released buffers the pool keeps for reuse
 *
 * Returns: (transfer full): a new pool
 */
HilumBufferPool *
hilum_buffer_pool_new (guint max_free)
{
  HilumBufferPool *self = g_atomic_rc_box_new0 (HilumBufferPool);

  g_mutex_init (&self->lock);
  self->free_buffers = g_ptr_array_new_with_free_func ((GDestroyNotify) pooled_buffer_free);
  self->max_free = MAX (max_free, 1);

  return self;
}

HilumBufferPool *
hilum_buffer_pool_ref (HilumBufferPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
hilum_buffer_pool_unref (HilumBufferPool *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) hilum_buffer_pool_clear);
}

/**
 * hilum_buffer_pool_acquire:
 *
 * Returns: (transfer full): a buffer of at least @width × @height RGB pixels, from the
 *   pool when one is large enough (the smallest such), else freshly allocated
 */
HilumPixelBuffer *
hilum_buffer_pool_acquire (HilumBufferPool *self,
                           guint            width,
                           guint            height)
{
  PooledBuffer *buffer = NULL;
  gsize stride, needed;
  guint best = G_MAXUINT;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  /* Rows padded to 4 bytes: cheap, and what most consumers of RGB data expect. */
  stride = ((gsize) width * 3 + 3) & ~(gsize) 3;
  needed = stride * height;

  g_mutex_lock (&self->lock);

  for (guint i = 0; i < self->free_buffers->len; i++)
    {
      PooledBuffer *candidate = g_ptr_array_index (self->free_buffers, i);

      if (candidate->capacity >= needed &&
          (best == G_MAXUINT ||
           candidate->capacity < ((PooledBuffer *) g_ptr_array_index (self->free_buffers, best))->capacity))
        best = i;
    }

  if (best != G_MAXUINT)
    buffer = g_ptr_array_steal_index_fast (self->free_buffers, best);
  else
    self->n_allocated++;

  g_mutex_unlock (&self->lock);

  if (buffer == NULL)
    {
      buffer = g_new0 (PooledBuffer, 1);
      /* Not g_malloc0: every byte is written by the renderer, and clearing would touch
       * every page for nothing. */
      buffer->pub.data = g_malloc (needed);
      buffer->capacity = needed;
    }

  buffer->ref_count = 1;
  buffer->pool = hilum_buffer_pool_ref (self);
  buffer->pub.width = width;
  buffer->pub.height = height;
  buffer->pub.stride = stride;
  buffer->pub.x = buffer->pub.y = 0;
  buffer->pub.widget_width = buffer->pub.widget_height = 0;

  return &buffer->pub;
}

guint
hilum_buffer_pool_get_n_free (HilumBufferPool *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->free_buffers->len;
  g_mutex_unlock (&self->lock);

  return n;
}

guint
hilum_buffer_pool_get_n_allocated (HilumBufferPool *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->n_allocated;
  g_mutex_unlock (&self->lock);

  return n;
}

/* Called when the last reference of a handed-out buffer goes. */
static void
hilum_buffer_pool_release (HilumBufferPool *self,
                           PooledBuffer    *buffer)
{
  PooledBuffer *evict = NULL;

  g_mutex_lock (&self->lock);

  if (self->free_buffers->len < self->max_free)
    g_ptr_array_add (self->free_buffers, buffer);
  else
    {
      guint smallest = 0;

      /* Full: keep the largest buffers, so that after the view grows the pool does not
       * stay stuck with buffers too small for any frame. */
      for (guint i = 1; i < self->free_buffers->len; i++)
        if (((PooledBuffer *) g_ptr_array_index (self->free_buffers, i))->capacity <
            ((PooledBuffer *) g_ptr_array_index (self->free_buffers, smallest))->capacity)
          smallest = i;

      evict = buffer;
      if (((PooledBuffer *) g_ptr_array_index (self->free_buffers, smallest))->capacity < buffer->capacity)
        {
          evict = g_ptr_array_steal_index_fast (self->free_buffers, smallest);
          g_ptr_array_add (self->free_buffers, buffer);
        }
    }

  g_mutex_unlock (&self->lock);

  if (evict != NULL)
    pooled_buffer_free (evict);
}

/**
 * hilum_pixel_buffer_ref:
 *
 * Returns: (transfer full): @buffer
 */
HilumPixelBuffer *
hilum_pixel_buffer_ref (HilumPixelBuffer *buffer)
{
  PooledBuffer *self = (PooledBuffer *) buffer;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);

  return buffer;
}

void
hilum_pixel_buffer_unref (HilumPixelBuffer *buffer)
{
  PooledBuffer *self = (PooledBuffer *) buffer;
  HilumBufferPool *pool;

  g_return_if_fail (buffer != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  /* The buffer holds its pool only while handed out; a pooled buffer referencing its
   * pool would be a cycle. */
  pool = g_steal_pointer (&self->pool);
  hilum_buffer_pool_release (pool, self);
  hilum_buffer_pool_unref (pool);
}
