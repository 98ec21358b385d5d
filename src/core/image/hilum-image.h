/* hilum-image.h — one decoded radiograph, immutable once built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-decode-protocol.h"
#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_TYPE_IMAGE (hilum_image_get_type ())
G_DECLARE_FINAL_TYPE (HilumImage, hilum_image, HILUM, IMAGE, GObject)

/*
 * Pixels are kept compactly so that window/level is one table look-up per pixel:
 *
 *  - grayscale: one guint16 "index" per pixel and frame; the modality value
 *    (after rescale slope/intercept) of an index i is  i * value_scale + value_offset.
 *    The table a W/L change builds therefore never has more than 65,536 entries.
 *  - colour (RGB after any YBR conversion): three guint8 per pixel; value_scale 1,
 *    value_offset 0, and W/L applies to each channel alike.
 *
 * MONOCHROME1 images are stored as decoded; `hilum_image_get_inverted_display()` says
 * that they display inverted.
 */

HilumImage   *hilum_image_new_gray              (guint          width,
                                                 guint          height,
                                                 guint          frames,
                                                 guint16       *index_pixels,
                                                 double         value_scale,
                                                 double         value_offset);
HilumImage   *hilum_image_new_rgb               (guint          width,
                                                 guint          height,
                                                 guint          frames,
                                                 guint8        *rgb_pixels);

guint         hilum_image_get_width             (HilumImage    *self);
guint         hilum_image_get_height            (HilumImage    *self);
guint         hilum_image_get_n_frames          (HilumImage    *self);
gboolean      hilum_image_is_color              (HilumImage    *self);
const guint16*hilum_image_get_gray_frame        (HilumImage    *self,
                                                 guint          frame);
const guint8 *hilum_image_get_rgb_frame         (HilumImage    *self,
                                                 guint          frame);
double        hilum_image_get_value_scale       (HilumImage    *self);
double        hilum_image_get_value_offset      (HilumImage    *self);
double        hilum_image_index_to_value        (HilumImage    *self,
                                                 guint          index);
/* Number of distinct indices (max index + 1); 256 for colour images. */
guint         hilum_image_get_index_count       (HilumImage    *self);
/* Modality-value range of the first frame. */
double        hilum_image_get_min_value         (HilumImage    *self);
double        hilum_image_get_max_value         (HilumImage    *self);
/* Histogram of indices of @frame (hilum_image_get_index_count() bins), computed once. */
const guint32*hilum_image_get_histogram         (HilumImage    *self,
                                                 guint          frame);

/* Metadata; strings are never NULL ("" when absent). */
const char   *hilum_image_get_path              (HilumImage    *self);
void          hilum_image_set_path              (HilumImage    *self,
                                                 const char    *path);
const char   *hilum_image_get_string            (HilumImage    *self,
                                                 const char    *key);
void          hilum_image_set_string            (HilumImage    *self,
                                                 const char    *key,
                                                 const char    *value);
/* The keys used with get/set_string are the HILUM_IMAGE_* names of
 * hilum-decode-protocol.h, which the decode helper writes. */

typedef struct
{
  guint  bits_allocated;
  guint  bits_stored;
  guint  pixel_representation;   /* 0 unsigned, 1 signed */
  guint  samples_per_pixel;
  double rescale_slope;          /* 1 when absent */
  double rescale_intercept;      /* 0 when absent */
  gboolean has_pixel_spacing;
  double pixel_spacing[2];       /* row, column (mm) */
  gboolean inverted_display;     /* MONOCHROME1 */
  HilumVoiFunction voi_function;
} HilumImageInfo;

const HilumImageInfo *hilum_image_get_info      (HilumImage    *self);
void          hilum_image_set_info              (HilumImage    *self,
                                                 const HilumImageInfo *info);
/* Window centers and widths as the file gives them (may be empty). */
guint         hilum_image_get_n_windows         (HilumImage    *self);
void          hilum_image_get_window            (HilumImage    *self,
                                                 guint          i,
                                                 double        *center,
                                                 double        *width);
void          hilum_image_add_window            (HilumImage    *self,
                                                 double         center,
                                                 double         width);
gboolean      hilum_image_get_inverted_display  (HilumImage    *self);
HilumView     hilum_image_get_view              (HilumImage    *self);

G_END_DECLS
