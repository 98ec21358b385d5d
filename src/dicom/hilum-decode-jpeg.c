/* hilum-decode-jpeg.c — JPEG files (MIMIC-CXR-JPG) through gdk-pixbuf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-decode-jpeg"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "hilum-decode-protocol.h"
#include "hilum-decode-private.h"

typedef struct
{
  guint width;
  guint height;
  guint components;
  guint precision;
  guint8 sof;           /* the SOFn marker, 0xc0 … 0xcf */
  gboolean has_eoi;
} JpegHeader;

/* Walks the marker segments up to the first frame header; a file cut anywhere before
 * the end has no EOI marker (libjpeg pads the missing data with gray and only warns). */
static gboolean
parse_header (const guint8 *data,
              gsize         length,
              JpegHeader   *header)
{
  gsize pos = 2;

  memset (header, 0, sizeof *header);

  while (pos + 4 <= length)
    {
      guint8 marker;
      gsize segment;

      if (data[pos] != 0xff)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      segment = (data[pos + 2] << 8) | data[pos + 3];
      if (segment < 2 || pos + 2 + segment > length)
        return FALSE;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (segment < 8)
            return FALSE;
          header->sof = marker;
          header->precision = data[pos + 4];
          header->height = (data[pos + 5] << 8) | data[pos + 6];
          header->width = (data[pos + 7] << 8) | data[pos + 8];
          header->components = data[pos + 9];
          break;
        }
      pos += 2 + segment;
    }

  if (header->sof == 0)
    return FALSE;

  /* Entropy-coded data never contain FF D9 (a data FF is followed by 00 or RSTn), so
   * an EOI near the end means the scan data arrived whole. Some writers pad after it. */
  for (gsize i = length, stop = length > 4096 ? length - 4096 : 0; i >= stop + 2; i--)
    if (data[i - 2] == 0xff && data[i - 1] == 0xd9)
      {
        header->has_eoi = TRUE;
        break;
      }

  return TRUE;
}

static gboolean
pixbuf_is_gray (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * rowstride;
      guint differ = 0;

      for (int x = 0; x < width; x++, p += channels)
        differ |= (p[0] ^ p[1]) | (p[0] ^ p[2]);
      if (differ != 0)
        return FALSE;
    }
  return TRUE;
}

int
hilum_decode_jpeg (const char *path,
                   gboolean    header_only,
                   HilumRaw   *raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree char *contents = NULL;
  GdkPixbuf *pixbuf;
  JpegHeader header;
  gsize length = 0;
  int width, height, rowstride, channels;
  const guint8 *pixels;
  gsize n;

  raw->format = "jpeg";

  if (!g_file_get_contents (path, &contents, &length, &error))
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_FOUND, HILUM_DECODE_REASON_UNREADABLE,
                           "%s", error->message);

  if (!parse_header ((const guint8 *) contents, length, &header))
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                           "JPEG: no frame header before the end of the file");

  raw->width = header.width;
  raw->height = header.height;
  raw->frames = 1;
  raw->bits_allocated = 8;
  raw->bits_stored = header.precision;
  raw->pixel_representation = 0;
  raw->samples_per_pixel = header.components == 1 ? 1 : 3;
  hilum_raw_set_string (raw, HILUM_IMAGE_PHOTOMETRIC,
                        header.components == 1 ? "MONOCHROME2" : "RGB");

  if (header.precision != 8 || header.sof == 0xc3 || header.sof == 0xcb)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_PIXEL_FORMAT,
                           "JPEG with %u-bit samples (SOF%u)", header.precision,
                           header.sof - 0xc0u);
  if (header_only)
    return HILUM_DECODE_EXIT_OK;
  if (!header.has_eoi)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                           "JPEG: the end-of-image marker is missing");

  loader = gdk_pixbuf_loader_new_with_type ("jpeg", &error);
  if (loader == NULL)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_COMPRESSION,
                           "gdk-pixbuf has no JPEG loader: %s", error->message);
  if (!gdk_pixbuf_loader_write (loader, (const guchar *) contents, length, &error)
      || !gdk_pixbuf_loader_close (loader, &error))
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                           "JPEG: %s", error->message);
  g_clear_pointer (&contents, g_free);

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8
      || gdk_pixbuf_get_n_channels (pixbuf) < 3)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                           "JPEG: no image came out of the decoder");

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  n = (gsize) width * height;
  raw->width = width;
  raw->height = height;

  /* Gray radiographs come out of gdk-pixbuf as RGB with R = G = B: keep one byte. */
  if (pixbuf_is_gray (pixbuf))
    {
      guint8 *gray = g_malloc (MAX (n, 1));

      for (int y = 0; y < height; y++)
        {
          const guint8 *p = pixels + (gsize) y * rowstride;
          guint8 *out = gray + (gsize) y * width;

          for (int x = 0; x < width; x++, p += channels)
            out[x] = p[0];
        }
      raw->color = FALSE;
      raw->sample = HILUM_SAMPLE_U8;
      raw->clean_bits = 0;
      raw->samples_per_pixel = 1;
      raw->pixels = gray;
      raw->n_bytes = n;
      raw->pixels_free = g_free;
      raw->pixels_data = gray;
      hilum_raw_set_string (raw, HILUM_IMAGE_PHOTOMETRIC, "MONOCHROME2");
    }
  else
    {
      guint8 *rgb = g_malloc (MAX (n * 3, 1));

      for (int y = 0; y < height; y++)
        {
          const guint8 *p = pixels + (gsize) y * rowstride;
          guint8 *out = rgb + (gsize) y * width * 3;

          for (int x = 0; x < width; x++, p += channels, out += 3)
            {
              out[0] = p[0];
              out[1] = p[1];
              out[2] = p[2];
            }
        }
      raw->color = TRUE;
      raw->samples_per_pixel = 3;
      raw->pixels = rgb;
      raw->n_bytes = n * 3;
      raw->pixels_free = g_free;
      raw->pixels_data = rgb;
    }

  return HILUM_DECODE_EXIT_OK;
}
