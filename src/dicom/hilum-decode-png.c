/* hilum-decode-png.c — PNG through libpng (PadChest-GR ships 16-bit gray PNG)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-decode-png"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <png.h>

#include "hilum-decode-protocol.h"
#include "hilum-decode-private.h"

typedef struct
{
  char message[256];
  gboolean image_data_warning;
} PngState;

static void
png_error_cb (png_structp     png,
              png_const_charp message)
{
  PngState *state = png_get_error_ptr (png);

  g_strlcpy (state->message, message, sizeof state->message);
  png_longjmp (png, 1);
}

/* libpng downgrades some damage of the image data to warnings ("benign errors");
 * any of those means the pixels cannot be trusted. */
static void
png_warning_cb (png_structp     png,
                png_const_charp message)
{
  PngState *state = png_get_error_ptr (png);

  if (strstr (message, "IDAT") != NULL || strstr (message, "image data") != NULL
      || strstr (message, "Decompression") != NULL || strstr (message, "CRC") != NULL)
    {
      state->image_data_warning = TRUE;
      g_strlcpy (state->message, message, sizeof state->message);
    }
}

static int
png_failure (HilumRaw   *raw,
             const char *message)
{
  /* The default read function says "Read Error" when the file ends early. */
  if (strstr (message, "Read Error") != NULL || strstr (message, "Not enough") != NULL
      || strstr (message, "EOF") != NULL || strstr (message, "truncated") != NULL)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                           "PNG: %s", message);
  return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                         "PNG: %s", message);
}

int
hilum_decode_png (const char *path,
                  gboolean    header_only,
                  HilumRaw   *raw)
{
  PngState state = { { 0, }, FALSE };
  png_structp png = NULL;
  png_infop info = NULL;
  FILE *file;
  guint8 *volatile pixels = NULL;
  png_bytep *volatile rows = NULL;
  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
  gboolean gray;
  gsize rowbytes;

  raw->format = "png";

  file = fopen (path, "rb");
  if (file == NULL)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_FOUND, HILUM_DECODE_REASON_UNREADABLE,
                           "%s", g_strerror (errno));

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &state, png_error_cb, png_warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      fclose (file);
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_TOO_LARGE,
                             "libpng cannot start");
    }

  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_read_struct (&png, &info, NULL);
      fclose (file);
      g_free (rows);
      g_free (pixels);
      return png_failure (raw, state.message);
    }

  png_init_io (png, file);
  /* A corrupt header must not make us allocate gigabytes; 65,535 is DICOM's limit too. */
  png_set_user_limits (png, 65535, 65535);
  png_read_info (png, info);
  png_get_IHDR (png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);

  gray = (color_type & PNG_COLOR_MASK_COLOR) == 0;
  raw->width = width;
  raw->height = height;
  raw->frames = 1;
  raw->bits_allocated = bit_depth > 8 ? 16 : 8;
  raw->bits_stored = gray ? MAX (bit_depth, 8) : 8;
  raw->pixel_representation = 0;
  raw->samples_per_pixel = gray ? 1 : 3;
  hilum_raw_set_string (raw, HILUM_IMAGE_PHOTOMETRIC, gray ? "MONOCHROME2" : "RGB");

  if (header_only)
    {
      png_destroy_read_struct (&png, &info, NULL);
      fclose (file);
      return HILUM_DECODE_EXIT_OK;
    }

  if (color_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (gray && bit_depth < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
  if (color_type & PNG_COLOR_MASK_ALPHA)
    png_set_strip_alpha (png);
  if (!gray && bit_depth == 16)
    png_set_scale_16 (png);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (gray && bit_depth == 16)
    png_set_swap (png);
#endif
  png_set_interlace_handling (png);
  png_read_update_info (png, info);

  rowbytes = png_get_rowbytes (png, info);
  if (rowbytes != (gsize) width * (gray ? (bit_depth == 16 ? 2 : 1) : 3))
    png_error (png, "unexpected row size after the transformations");

  pixels = g_try_malloc ((gsize) height * rowbytes);
  rows = g_try_new (png_bytep, height);
  if (pixels == NULL || rows == NULL)
    png_error (png, "out of memory");
  for (png_uint_32 y = 0; y < height; y++)
    rows[y] = pixels + (gsize) y * rowbytes;

  png_read_image (png, rows);
  png_read_end (png, NULL);

  png_destroy_read_struct (&png, &info, NULL);
  fclose (file);
  g_free (rows);

  if (state.image_data_warning)
    {
      g_free (pixels);
      return png_failure (raw, state.message);
    }

  raw->color = !gray;
  raw->sample = bit_depth == 16 && gray ? HILUM_SAMPLE_U16 : HILUM_SAMPLE_U8;
  raw->clean_bits = 0;
  raw->pixels = pixels;
  raw->n_bytes = (gsize) height * rowbytes;
  raw->pixels_free = g_free;
  raw->pixels_data = pixels;

  return HILUM_DECODE_EXIT_OK;
}
