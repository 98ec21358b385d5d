/* hilum-png.h — writing (and reading back) PNG files with libpng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_PNG_ERROR (hilum_png_error_quark ())

typedef enum
{
  HILUM_PNG_ERROR_WRITE,   /* the file cannot be created or written */
  HILUM_PNG_ERROR_READ,    /* the file cannot be opened, or is not a PNG */
  HILUM_PNG_ERROR_DAMAGED, /* libpng stopped inside the file */
} HilumPngError;

GQuark    hilum_png_error_quark   (void);

/* Writes an 8- or 16-bit PNG. @channels is 1 (gray) or 3 (RGB); @pixels are rows of
 * @width * @channels samples, @stride bytes apart; 16-bit samples are guint16 in host
 * byte order. Messages in the error are translated and name the file. */
gboolean  hilum_png_write         (const char     *path,
                                   guint           width,
                                   guint           height,
                                   guint           channels,
                                   guint           bit_depth,
                                   gconstpointer   pixels,
                                   gsize           stride,
                                   GError        **error);
gboolean  hilum_png_write_gray8   (const char     *path,
                                   guint           width,
                                   guint           height,
                                   const guint8   *pixels,
                                   GError        **error);
gboolean  hilum_png_write_rgb8    (const char     *path,
                                   guint           width,
                                   guint           height,
                                   const guint8   *pixels,
                                   GError        **error);
gboolean  hilum_png_write_gray16  (const char     *path,
                                   guint           width,
                                   guint           height,
                                   const guint16  *pixels,
                                   GError        **error);

/* Reads a PNG as it is stored: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) channels,
 * 8 or 16 bits (16-bit samples come back as guint16 in host byte order; palettes are
 * expanded to RGB, gray below 8 bits to 8 bits). Rows are packed.
 * Returns: (transfer full): the samples, free with g_free(). */
gpointer  hilum_png_read          (const char     *path,
                                   guint          *width,
                                   guint          *height,
                                   guint          *channels,
                                   guint          *bit_depth,
                                   GError        **error);

/* Writes @frame of @image at full resolution as an 8-bit PNG — gray, or RGB for a colour
 * image — after the modality LUT and the image's VOI LUT function with @center and
 * @width (modality values); @invert flips the result (the caller decides, e.g. for
 * MONOCHROME1). */
gboolean  hilum_png_write_image   (const char     *path,
                                   HilumImage     *image,
                                   guint           frame,
                                   double          center,
                                   double          width,
                                   gboolean        invert,
                                   GError        **error);

G_END_DECLS
