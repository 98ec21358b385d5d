/* hilum-renderer.h — the visible part of an image at screen scale, into pooled buffers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_TYPE_RENDERER (hilum_renderer_get_type ())
G_DECLARE_FINAL_TYPE (HilumRenderer, hilum_renderer, HILUM, RENDERER, GObject)

/* An RGB (3 bytes per pixel) buffer from the renderer's pool; it goes back to the pool
 * when the last reference is dropped, so a texture can hold it for as long as it lives. */
typedef struct _HilumPixelBuffer
{
  guint8 *data;
  guint   width;
  guint   height;
  gsize   stride;
  /* Where the buffer lies in widget coordinates (logical pixels). */
  double  x, y, widget_width, widget_height;
} HilumPixelBuffer;

GType              hilum_pixel_buffer_get_type     (void) G_GNUC_CONST;
HilumPixelBuffer  *hilum_pixel_buffer_ref          (HilumPixelBuffer *buffer);
void               hilum_pixel_buffer_unref        (HilumPixelBuffer *buffer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumPixelBuffer, hilum_pixel_buffer_unref)

/* Builds the 2x pyramid of @image once (for every frame on demand). */
HilumRenderer     *hilum_renderer_new              (HilumImage      *image);
/* Builds the first frame's pyramid in the calling (worker) thread and keeps it with
 * @image, so that the first render of it on the UI thread need not. */
void               hilum_renderer_prepare_image    (HilumImage      *image);
/* Decodes @path (hilum_decode_file()) and prepares its first frame's pyramid
 * (hilum_renderer_prepare_image()), both in a worker thread: what showing an image
 * needs before its first frame. */
void               hilum_renderer_load_image_async (const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* (transfer full) the image, or NULL with @error (HILUM_DECODE_ERROR, or
 * G_IO_ERROR_CANCELLED) */
HilumImage        *hilum_renderer_load_image_finish (GAsyncResult        *result,
                                                     GError             **error);
HilumImage        *hilum_renderer_get_image        (HilumRenderer   *self);
guint              hilum_renderer_get_frame        (HilumRenderer   *self);
void               hilum_renderer_set_frame        (HilumRenderer   *self,
                                                    guint            frame);
/* Renders what @viewport shows, at @scale_factor device pixels per widget pixel:
 * nearest neighbour when magnified (pixel-exact), from the nearest finer pyramid level
 * when minified. NULL when nothing of the image is visible. The VOI table is rebuilt
 * only when W/L or invert changed since the last call. */
HilumPixelBuffer  *hilum_renderer_render           (HilumRenderer   *self,
                                                    HilumViewport   *viewport,
                                                    int              scale_factor);

G_END_DECLS
