/* hilum-buffer-pool.h — reusable RGB buffers for rendered frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-renderer.h"

G_BEGIN_DECLS

/*
 * A frame buffer of a few MB costs ~100 ms the first time its pages are touched
 * (PLATFORM.md "texture cost"), so rendered frames come from a pool: a HilumPixelBuffer
 * goes back to its pool when its last reference is dropped and is handed out again for
 * any frame that fits. The pool is thread-safe and refcounted; a buffer keeps its pool
 * alive, so a texture may outlive the renderer that drew it.
 */
typedef struct _HilumBufferPool HilumBufferPool;

HilumBufferPool   *hilum_buffer_pool_new           (guint            max_free);
HilumBufferPool   *hilum_buffer_pool_ref           (HilumBufferPool *self);
void               hilum_buffer_pool_unref         (HilumBufferPool *self);
/* A buffer of @width × @height RGB pixels; contents undefined (never cleared). */
HilumPixelBuffer  *hilum_buffer_pool_acquire       (HilumBufferPool *self,
                                                    guint            width,
                                                    guint            height);
/* Buffers waiting in the pool, and buffers ever allocated by it. */
guint              hilum_buffer_pool_get_n_free    (HilumBufferPool *self);
guint              hilum_buffer_pool_get_n_allocated (HilumBufferPool *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumBufferPool, hilum_buffer_pool_unref)

G_END_DECLS
