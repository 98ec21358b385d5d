/* hilum-voi.c — the VOI LUT functions of DICOM PS3.3 C.11.2.1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-voi"

#include <math.h>
#include <string.h>

#include "hilum-voi.h"

double
hilum_voi_apply (HilumVoiFunction function,
                 double           center,
                 double           width,
                 double           x)
{
  double y;

  /* The standard requires width >= 1 for LINEAR; a smaller width from a broken file or
   * a wild drag must still give a usable (step) window rather than a division by zero. */
  if (!(width >= 1.0))
    width = 1.0;

  switch (function)
    {
    case HILUM_VOI_LINEAR_EXACT:
      if (x <= center - width / 2.0)
        return 0.0;
      if (x > center + width / 2.0)
        return 255.0;
      y = ((x - center) / width + 0.5) * 255.0;
      break;

    case HILUM_VOI_SIGMOID:
      y = 255.0 / (1.0 + exp (-4.0 * (x - center) / width));
      break;

    case HILUM_VOI_LINEAR:
    default:
      if (x <= center - 0.5 - (width - 1.0) / 2.0)
        return 0.0;
      if (x > center - 0.5 + (width - 1.0) / 2.0)
        return 255.0;
      /* Only reached with width > 1: width == 1 leaves no x between the two bounds. */
      y = ((x - (center - 0.5)) / (width - 1.0) + 0.5) * 255.0;
      break;
    }

  if (isnan (y))
    return 0.0;

  return CLAMP (y, 0.0, 255.0);
}

static inline guint8
display_byte (HilumVoiFunction function,
              double           center,
              double           width,
              double           value_scale,
              double           value_offset,
              guint            i)
{
  double y = hilum_voi_apply (function, center, width, (double) i * value_scale + value_offset);

  return (guint8) floor (y + 0.5);
}

/* LINEAR and LINEAR_EXACT are monotone in the index, so the table is at most 256 runs of
 * equal bytes. Each run's end is found by bisection with the exact per-value formula, so
 * the table agrees with hilum_voi_apply() to the last entry (ties included) while costing
 * a few thousand evaluations plus memset() instead of 65,536 divisions. */
static void
fill_monotone (HilumVoiFunction function,
               double           center,
               double           width,
               double           value_scale,
               double           value_offset,
               guint8          *table,
               guint            n_indices)
{
  guint start = 0;

  while (start < n_indices)
    {
      guint8 v = display_byte (function, center, width, value_scale, value_offset, start);
      guint lo = start;       /* display_byte (lo) == v */
      guint hi = n_indices;   /* first index known to differ (or the end) */

      if (display_byte (function, center, width, value_scale, value_offset, n_indices - 1) == v)
        lo = hi - 1;
      else
        {
          while (hi - lo > 1)
            {
              guint mid = lo + (hi - lo) / 2;

              if (display_byte (function, center, width, value_scale, value_offset, mid) == v)
                lo = mid;
              else
                hi = mid;
            }
        }

      memset (table + start, v, lo + 1 - start);
      start = lo + 1;
    }
}

void
hilum_voi_fill_table (HilumVoiFunction function,
                      double           center,
                      double           width,
                      gboolean         invert,
                      double           value_scale,
                      double           value_offset,
                      guint8          *table,
                      guint            n_indices)
{
  g_return_if_fail (table != NULL || n_indices == 0);

  if (n_indices == 0)
    return;

  if (function != HILUM_VOI_SIGMOID &&
      isfinite (center) && isfinite (width) &&
      isfinite (value_scale) && isfinite (value_offset))
    fill_monotone (function, center, width, value_scale, value_offset, table, n_indices);
  else
    {
      for (guint i = 0; i < n_indices; i++)
        table[i] = display_byte (function, center, width, value_scale, value_offset, i);
    }

  if (invert)
    {
      for (guint i = 0; i < n_indices; i++)
        table[i] = 255 - table[i];
    }
}
