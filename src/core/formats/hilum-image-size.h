/* hilum-image-size.h — an image file's pixel size, without decoding its pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* PNG: read from the IHDR chunk directly (24 bytes of the file). DICOM (or anything else):
 * through the decode helper's header (hilum_decode_header), which reads no pixel data.
 * Errors are HILUM_FORMAT_ERROR_READ with the path and the reason. */
gboolean   hilum_image_size_read          (const char    *path,
                                           guint         *width,
                                           guint         *height,
                                           GError       **error);

/* The file @name inside @dir (also tried: @name + ".png", @name + ".dcm"); (transfer full)
 * the path found, or NULL. */
char      *hilum_image_size_find_file     (const char    *dir,
                                           const char    *name);

G_END_DECLS
