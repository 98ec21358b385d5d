/* hilum-png.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-png"

#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <png.h>

#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-voi.h"

G_DEFINE_QUARK (hilum-png-error-quark, hilum_png_error)

/* libpng reports errors through a callback that must not return; the callback keeps
 * libpng's own text so that the GError can say what went wrong. */
typedef struct
{
  jmp_buf jmp;
  char    message[256];
} PngContext;

static void
png_error_cb (png_structp      png,
              png_const_charp  message)
{
  PngContext *ctx = png_get_error_ptr (png);

  g_strlcpy (ctx->message, message ? message : "", sizeof ctx->message);
  longjmp (ctx->jmp, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
{
  /* Warnings (e.g. a bad CRC in an ancillary chunk) are not the user's business. */
}

gboolean
hilum_png_write (const char     *path,
                 guint           width,
                 guint           height,
                 guint           channels,
                 guint           bit_depth,
                 gconstpointer   pixels,
                 gsize           stride,
                 GError        **error)
{
  PngContext ctx = { 0 };
  png_structp png = NULL;
  png_infop info = NULL;
  FILE * volatile fp = NULL;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (channels == 1 || channels == 3, FALSE);
  g_return_val_if_fail (bit_depth == 8 || bit_depth == 16, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fp = g_fopen (path, "wb");
  if (fp == NULL)
    {
      saved_errno = errno;
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &ctx, png_error_cb, png_warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      fclose (fp);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_WRITE,
                   _("Could not write “%s”: out of memory"), path);
      return FALSE;
    }

  if (setjmp (ctx.jmp))
    {
      png_destroy_write_struct (&png, &info);
      fclose (fp);
      /* Leave no half-written PNG behind that a script could mistake for a result. */
      g_unlink (path);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, ctx.message);
      return FALSE;
    }

  png_init_io (png, fp);
  /* Radiographs are large and written once: favour speed over the last few percent. */
  png_set_compression_level (png, 3);
  png_set_IHDR (png, info, width, height, bit_depth,
                channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (bit_depth == 16)
    png_set_swap (png);
#endif

  for (guint y = 0; y < height; y++)
    png_write_row (png, (png_const_bytep) pixels + (gsize) y * stride);

  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  /* A full disk shows up only when the buffered data is flushed. */
  if (fclose (fp) != 0)
    {
      saved_errno = errno;
      g_unlink (path);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
hilum_png_write_gray8 (const char    *path,
                       guint          width,
                       guint          height,
                       const guint8  *pixels,
                       GError       **error)
{
  return hilum_png_write (path, width, height, 1, 8, pixels, width, error);
}

gboolean
hilum_png_write_rgb8 (const char    *path,
                      guint          width,
                      guint          height,
                      const guint8  *pixels,
                      GError       **error)
{
  return hilum_png_write (path, width, height, 3, 8, pixels, (gsize) width * 3, error);
}

gboolean
hilum_png_write_gray16 (const char     *path,
                        guint           width,
                        guint           height,
                        const guint16  *pixels,
                        GError        **error)
{
  return hilum_png_write (path, width, height, 1, 16, pixels, (gsize) width * 2, error);
}

gpointer
hilum_png_read (const char  *path,
                guint       *width,
                guint       *height,
                guint       *channels,
                guint       *bit_depth,
                GError     **error)
{
  PngContext ctx = { 0 };
  png_structp png = NULL;
  png_infop info = NULL;
  FILE * volatile fp = NULL;
  guint8 * volatile pixels = NULL;
  png_bytep * volatile rows = NULL;
  guint8 signature[8];
  png_uint_32 w, h;
  int depth, color_type;
  guint n_channels;
  gsize stride;
  int saved_errno;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      saved_errno = errno;
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_READ,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (fread (signature, 1, sizeof signature, fp) != sizeof signature ||
      png_sig_cmp (signature, 0, sizeof signature) != 0)
    {
      fclose (fp);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_READ,
                   _("“%s” is not a PNG image"), path);
      return NULL;
    }

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &ctx, png_error_cb, png_warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      fclose (fp);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_READ,
                   _("Could not read “%s”: out of memory"), path);
      return NULL;
    }

  if (setjmp (ctx.jmp))
    {
      png_destroy_read_struct (&png, &info, NULL);
      fclose (fp);
      g_free (pixels);
      g_free (rows);
      g_set_error (error, HILUM_PNG_ERROR, HILUM_PNG_ERROR_DAMAGED,
                   _("The image “%s” is damaged: %s"), path, ctx.message);
      return NULL;
    }

  png_init_io (png, fp);
  png_set_sig_bytes (png, sizeof signature);
  png_read_info (png, info);
  png_get_IHDR (png, info, &w, &h, &depth, &color_type, NULL, NULL, NULL);

  if (color_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (color_type == PNG_COLOR_TYPE_GRAY && depth < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (depth == 16)
    png_set_swap (png);
#endif
  png_read_update_info (png, info);

  n_channels = png_get_channels (png, info);
  depth = png_get_bit_depth (png, info);
  stride = png_get_rowbytes (png, info);

  pixels = g_malloc ((gsize) h * stride);
  rows = g_new (png_bytep, h);
  for (png_uint_32 y = 0; y < h; y++)
    rows[y] = pixels + (gsize) y * stride;
  png_read_image (png, rows);
  png_read_end (png, NULL);

  png_destroy_read_struct (&png, &info, NULL);
  fclose (fp);
  g_free (rows);

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  if (channels != NULL)
    *channels = n_channels;
  if (bit_depth != NULL)
    *bit_depth = depth;

  return pixels;
}

gboolean
hilum_png_write_image (const char  *path,
                       HilumImage  *image,
                       guint        frame,
                       double       center,
                       double       width,
                       gboolean     invert,
                       GError     **error)
{
  const HilumImageInfo *info;
  g_autofree guint8 *table = NULL;
  g_autofree guint8 *out = NULL;
  guint w, h;
  gsize n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (HILUM_IS_IMAGE (image), FALSE);
  g_return_val_if_fail (frame < hilum_image_get_n_frames (image), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = hilum_image_get_info (image);
  w = hilum_image_get_width (image);
  h = hilum_image_get_height (image);
  n = (gsize) w * h;

  if (hilum_image_is_color (image))
    {
      const guint8 *rgb = hilum_image_get_rgb_frame (image, frame);

      /* W/L applies to each channel alike, on the 0..255 samples. */
      table = g_malloc (256);
      hilum_voi_fill_table (info->voi_function, center, width, invert, 1.0, 0.0, table, 256);
      out = g_malloc (n * 3);
      for (gsize i = 0; i < n * 3; i++)
        out[i] = table[rgb[i]];
      return hilum_png_write_rgb8 (path, w, h, out, error);
    }
  else
    {
      const guint16 *gray = hilum_image_get_gray_frame (image, frame);
      guint n_indices = hilum_image_get_index_count (image);

      table = g_malloc (n_indices);
      hilum_voi_fill_table (info->voi_function, center, width, invert,
                            hilum_image_get_value_scale (image),
                            hilum_image_get_value_offset (image),
                            table, n_indices);
      out = g_malloc (n);
      for (gsize i = 0; i < n; i++)
        out[i] = table[MIN (gray[i], n_indices - 1)];
      return hilum_png_write_gray8 (path, w, h, out, error);
    }
}
