/* hilum-voi.h — the VOI LUT: modality values to 8-bit display values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-types.h"

G_BEGIN_DECLS

/* One value through the DICOM VOI function (PS3.3 C.11.2.1.2), result in [0, 255]
 * before rounding. LINEAR: y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255, clamped. */
double   hilum_voi_apply                         (HilumVoiFunction function,
                                                  double           center,
                                                  double           width,
                                                  double           x);

/* Fills table[i] (i < n_indices) with the rounded display value of the modality value
 * i * value_scale + value_offset; inverted when @invert. */
void     hilum_voi_fill_table                    (HilumVoiFunction function,
                                                  double           center,
                                                  double           width,
                                                  gboolean         invert,
                                                  double           value_scale,
                                                  double           value_offset,
                                                  guint8          *table,
                                                  guint            n_indices);

G_END_DECLS
