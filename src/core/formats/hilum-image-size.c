/* hilum-image-size.c — an image file's pixel size, without decoding its pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-image-size"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-decoder.h"
#include "hilum-format.h"
#include "hilum-image.h"
#include "hilum-image-size.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* Reading 24 bytes beats a helper process by three orders of magnitude: importing the
 * PadChest-GR release asks for 4,555 sizes. */
static int
read_png_ihdr (const char *path,
               guint      *width,
               guint      *height)
{
  guint8 head[24];
  FILE *file = fopen (path, "rb");
  size_t n;

  if (file == NULL)
    return -1;
  n = fread (head, 1, sizeof head, file);
  fclose (file);
  if (n != sizeof head || memcmp (head, png_signature, 8) != 0 || memcmp (head + 12, "IHDR", 4) != 0)
    return 0;
  *width = (guint) head[16] << 24 | (guint) head[17] << 16 | (guint) head[18] << 8 | head[19];
  *height = (guint) head[20] << 24 | (guint) head[21] << 16 | (guint) head[22] << 8 | head[23];
  return 1;
}

gboolean
hilum_image_size_read (const char  *path,
                       guint       *width,
                       guint       *height,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HilumImage) image = NULL;
  guint w = 0, h = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  switch (read_png_ihdr (path, &w, &h))
    {
    case -1:
      g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                   _("Cannot read the image %s: %s"), path, g_strerror (errno));
      return FALSE;
    case 1:
      if (w == 0 || h == 0)
        {
          g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                       _("The image %s has no pixels"), path);
          return FALSE;
        }
      break;
    default:
      image = hilum_decode_header (path, NULL, &local_error);
      if (image == NULL)
        {
          g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_READ,
                       _("Cannot read the size of the image %s: %s"), path, local_error->message);
          return FALSE;
        }
      w = hilum_image_get_width (image);
      h = hilum_image_get_height (image);
      break;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return TRUE;
}

char *
hilum_image_size_find_file (const char *dir,
                            const char *name)
{
  static const char * const suffixes[] = { "", ".png", ".dcm" };

  g_return_val_if_fail (dir != NULL, NULL);

  if (name == NULL || *name == '\0' || strchr (name, '/') != NULL || strcmp (name, "..") == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *base = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, base, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
