/* hilum-pyramid.h — 2× box-filtered levels of one frame, for minified display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Level 0 is the frame itself (borrowed, not copied); level L + 1 has
 * ceil(width_L / 2) × ceil(height_L / 2) pixels, each the rounded mean of the (up to)
 * 2 × 2 pixels of level L it covers, so level-L pixel (x, y) covers the level-0 pixels
 * [x·2^L, (x+1)·2^L) × [y·2^L, (y+1)·2^L). At most @max_levels levels are made after
 * level 0, fewer when a level is down to one pixel. Averaging indices is exact in modality values because the index →
 * value mapping is linear.
 */
typedef struct
{
  guint          width;
  guint          height;
  const guint16 *gray;     /* width × height, or NULL */
  const guint8  *rgb;      /* width × height × 3, or NULL */
} HilumPyramidLevel;

typedef struct _HilumPyramid HilumPyramid;

HilumPyramid            *hilum_pyramid_new_gray    (const guint16 *pixels,
                                                    guint          width,
                                                    guint          height,
                                                    guint          max_levels);
HilumPyramid            *hilum_pyramid_new_rgb     (const guint8  *pixels,
                                                    guint          width,
                                                    guint          height,
                                                    guint          max_levels);
void                     hilum_pyramid_free        (HilumPyramid  *self);
guint                    hilum_pyramid_get_n_levels (HilumPyramid *self);
const HilumPyramidLevel *hilum_pyramid_get_level   (HilumPyramid  *self,
                                                    guint          level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumPyramid, hilum_pyramid_free)

G_END_DECLS
