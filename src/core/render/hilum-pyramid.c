/* hilum-pyramid.c — 2× box-filtered levels of one frame, for minified display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-pyramid"

#include "hilum-pyramid.h"

struct _HilumPyramid
{
  GArray *levels;   /* HilumPyramidLevel; the pixels of levels >= 1 are owned */
};

static guint16 *
halve_gray (const guint16 *src,
            guint          width,
            guint          height,
            guint          out_width,
            guint          out_height)
{
  guint16 *dst = g_new (guint16, (gsize) out_width * out_height);
  guint full_w = width / 2;

  for (guint y = 0; y < out_height; y++)
    {
      const guint16 *r0 = src + (gsize) (2 * y) * width;
      /* An odd last row averages with itself. */
      const guint16 *r1 = (2 * y + 1 < height) ? r0 + width : r0;
      guint16 *d = dst + (gsize) y * out_width;
      guint x;

      for (x = 0; x < full_w; x++)
        d[x] = (r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] + 2) >> 2;

      if (x < out_width)   /* odd last column */
        d[x] = (r0[2 * x] + r1[2 * x] + 1) >> 1;
    }

  return dst;
}

static guint8 *
halve_rgb (const guint8 *src,
           guint         width,
           guint         height,
           guint         out_width,
           guint         out_height)
{
  guint8 *dst = g_new (guint8, (gsize) out_width * out_height * 3);
  gsize src_stride = (gsize) width * 3;
  guint full_w = width / 2;

  for (guint y = 0; y < out_height; y++)
    {
      const guint8 *r0 = src + (gsize) (2 * y) * src_stride;
      const guint8 *r1 = (2 * y + 1 < height) ? r0 + src_stride : r0;
      guint8 *d = dst + (gsize) y * out_width * 3;
      guint x;

      for (x = 0; x < full_w; x++)
        for (guint c = 0; c < 3; c++)
          d[3 * x + c] = (r0[6 * x + c] + r0[6 * x + 3 + c] +
                          r1[6 * x + c] + r1[6 * x + 3 + c] + 2) >> 2;

      if (x < out_width)
        for (guint c = 0; c < 3; c++)
          d[3 * x + c] = (r0[6 * x + c] + r1[6 * x + c] + 1) >> 1;
    }

  return dst;
}

static HilumPyramid *
hilum_pyramid_new (const guint16 *gray,
                   const guint8  *rgb,
                   guint          width,
                   guint          height,
                   guint          max_levels)
{
  HilumPyramid *self = g_new0 (HilumPyramid, 1);
  HilumPyramidLevel level = { width, height, gray, rgb };

  self->levels = g_array_new (FALSE, FALSE, sizeof (HilumPyramidLevel));
  g_array_append_val (self->levels, level);

  while (self->levels->len <= max_levels && MAX (level.width, level.height) > 1)
    {
      HilumPyramidLevel next;

      next.width = (level.width + 1) / 2;
      next.height = (level.height + 1) / 2;
      next.gray = level.gray ? halve_gray (level.gray, level.width, level.height,
                                           next.width, next.height) : NULL;
      next.rgb = level.rgb ? halve_rgb (level.rgb, level.width, level.height,
                                        next.width, next.height) : NULL;
      g_array_append_val (self->levels, next);
      level = next;
    }

  return self;
}

/**
 * hilum_pyramid_new_gray:
 * @pixels: (transfer none): level 0; must outlive the pyramid
 *
 * Returns: (transfer full): the pyramid, all levels built
 */
HilumPyramid *
hilum_pyramid_new_gray (const guint16 *pixels,
                        guint          width,
                        guint          height,
                        guint          max_levels)
{
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return hilum_pyramid_new (pixels, NULL, width, height, max_levels);
}

/**
 * hilum_pyramid_new_rgb:
 * @pixels: (transfer none): level 0; must outlive the pyramid
 *
 * Returns: (transfer full): the pyramid, all levels built
 */
HilumPyramid *
hilum_pyramid_new_rgb (const guint8 *pixels,
                       guint         width,
                       guint         height,
                       guint         max_levels)
{
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return hilum_pyramid_new (NULL, pixels, width, height, max_levels);
}

void
hilum_pyramid_free (HilumPyramid *self)
{
  if (self == NULL)
    return;

  for (guint i = 1; i < self->levels->len; i++)
    {
      HilumPyramidLevel *level = &g_array_index (self->levels, HilumPyramidLevel, i);

      g_free ((gpointer) level->gray);
      g_free ((gpointer) level->rgb);
    }

  g_array_unref (self->levels);
  g_free (self);
}

guint
hilum_pyramid_get_n_levels (HilumPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->levels->len;
}

/**
 * hilum_pyramid_get_level:
 *
 * Returns: (transfer none): level @level (0 is the frame itself)
 */
const HilumPyramidLevel *
hilum_pyramid_get_level (HilumPyramid *self,
                         guint         level)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level < self->levels->len, NULL);

  return &g_array_index (self->levels, HilumPyramidLevel, level);
}
