/* hilum-presets.c — window/level presets for radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THE PRESETS (window center C and width W, in modality values, for one frame):
 *
 *   File Default  the first Window Center / Window Width of the file. Without one, the
 *                 full range of the frame: C = (min + max) / 2 + 0.5, W = max - min + 1,
 *                 which under the LINEAR function shows min as pure black and max as pure
 *                 white.
 *   Auto          the same, with min and max replaced by the 0.5th and 99.5th
 *                 percentiles of the frame's values: a stray dead or hot pixel, a burnt-in
 *                 label or the unexposed border cannot flatten the contrast of the rest.
 *
 *   CR and DX radiographs carry no Hounsfield units: the same tissue has very different
 *   values from one detector and exposure to the next. Lung, Mediastinum and Bone are
 *   therefore placed within the image's own robust range [P1, P99] (1st and 99th
 *   percentiles of the frame's modality values), R = P99 - P1, for a radiograph displayed
 *   as usual (MONOCHROME2: higher values brighter; air dark, bone white). In a chest
 *   radiograph P1 is usually the air beside the body, the aerated lung lies around
 *   0.3-0.6 R, heart and mediastinum around 0.8-0.95 R, and only bone over the
 *   mediastinum, the shoulders and shutters reach the top:
 *
 *     Lung          C = P1 + 0.40 R,  W = 0.60 R   (shows P1 + 0.10 R … P1 + 0.70 R)
 *                   aerated lung spread over the grey scale: vessels, interstitium and
 *                   the ribs over the lungs visible; mediastinum and abdomen saturate white.
 *     Mediastinum   C = P1 + 0.70 R,  W = 0.50 R   (P1 + 0.45 R … P1 + 0.95 R)
 *                   the dense soft tissue: heart borders, mediastinum, the retrocardiac and
 *                   subdiaphragmatic regions, the spine through the heart, tubes and
 *                   lines; the lungs go dark.
 *     Bone          C = P1 + 0.80 R,  W = 0.35 R   (P1 + 0.625 R … P1 + 0.975 R)
 *                   the brightest values, narrow and high-contrast: clavicles, spine,
 *                   scapulae, shoulders, the ribs where they cross soft tissue.
 *
 *   A MONOCHROME1 image (higher values darker) is displayed inverted, so the same
 *   positions are measured from P99 downwards (C = P99 - 0.40 R for Lung …): each preset
 *   shows the same tissue whatever the photometric interpretation.
 *
 * Percentiles: the p-th percentile is the smallest value v such that at least p % of
 * the pixels (every channel of a colour image) are <= v, read off the frame's histogram
 * of stored indices. With a negative rescale slope the index order is the reverse of
 * the value order; the pair of percentiles is then taken the other way round.
 */
#define G_LOG_DOMAIN "hilum-presets"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hilum-image.h"
#include "hilum-presets.h"

typedef struct
{
  const char *name;
  const char *label;
  /* Relative presets: position of C and W within [P1, P99]. */
  double      center;
  double      width;
} PresetInfo;

static const PresetInfo presets[HILUM_N_PRESETS] = {
  [HILUM_PRESET_DEFAULT]     = { "default",     N_("File Default"), 0, 0 },
  [HILUM_PRESET_AUTO]        = { "auto",        N_("Auto"),         0, 0 },
  [HILUM_PRESET_LUNG]        = { "lung",        N_("Lung"),         0.40, 0.60 },
  [HILUM_PRESET_MEDIASTINUM] = { "mediastinum", N_("Mediastinum"),  0.70, 0.50 },
  [HILUM_PRESET_BONE]        = { "bone",        N_("Bone"),         0.80, 0.35 },
};

/* Used when an image has no pixels at all (header only): the identity on 8-bit values. */
#define FALLBACK_CENTER 128.0
#define FALLBACK_WIDTH  256.0

const char *
hilum_preset_get_name (HilumPreset preset)
{
  g_return_val_if_fail (preset < HILUM_N_PRESETS, NULL);

  return presets[preset].name;
}

const char *
hilum_preset_get_label (HilumPreset preset)
{
  g_return_val_if_fail (preset < HILUM_N_PRESETS, NULL);

  return _(presets[preset].label);
}

gboolean
hilum_preset_from_name (const char  *name,
                        HilumPreset *preset)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < HILUM_N_PRESETS; i++)
    {
      if (g_ascii_strcasecmp (name, presets[i].name) == 0)
        {
          if (preset != NULL)
            *preset = (HilumPreset) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The window that maps @lo to 0 and @hi to 255 exactly under LINEAR. */
static void
window_for_range (double  lo,
                  double  hi,
                  double *center,
                  double *width)
{
  *center = (lo + hi) / 2.0 + 0.5;
  *width = hi - lo + 1.0;
}

/* Percentiles @lo_fraction and @hi_fraction of the frame's modality values. */
static gboolean
frame_percentiles (HilumImage *image,
                   guint       frame,
                   double      lo_fraction,
                   double      hi_fraction,
                   double     *lo_value,
                   double     *hi_value)
{
  const guint32 *histogram = hilum_image_get_histogram (image, frame);
  guint n_bins = hilum_image_get_index_count (image);
  double scale = hilum_image_get_value_scale (image);
  double total = 0;
  double fractions[2];
  guint indices[2] = { 0, 0 };
  guint next = 0;
  double cumulative = 0;

  if (histogram == NULL)
    return FALSE;

  for (guint i = 0; i < n_bins; i++)
    total += histogram[i];
  if (total == 0)
    return FALSE;

  if (scale >= 0)
    {
      fractions[0] = lo_fraction;
      fractions[1] = hi_fraction;
    }
  else
    {
      /* Indices run the other way: the low value percentile is a high index one. */
      fractions[0] = 1.0 - hi_fraction;
      fractions[1] = 1.0 - lo_fraction;
    }

  for (guint i = 0; i < n_bins && next < 2; i++)
    {
      cumulative += histogram[i];
      while (next < 2 && cumulative > 0 && cumulative >= fractions[next] * total)
        indices[next++] = i;
    }
  /* Rounding can leave the top percentile unmet by a hair: it is then the last bin in use. */
  while (next < 2)
    indices[next++] = n_bins - 1;

  *lo_value = MIN (hilum_image_index_to_value (image, indices[0]),
                   hilum_image_index_to_value (image, indices[1]));
  *hi_value = MAX (hilum_image_index_to_value (image, indices[0]),
                   hilum_image_index_to_value (image, indices[1]));

  return TRUE;
}

/**
 * hilum_preset_compute:
 * @center: (out): window center, in modality values
 * @width: (out): window width, in modality values (>= 1)
 *
 * The window of @preset for @frame of @image; see the top of hilum-presets.c.
 */
void
hilum_preset_compute (HilumPreset  preset,
                      HilumImage  *image,
                      guint        frame,
                      double      *center,
                      double      *width)
{
  double c = FALLBACK_CENTER;
  double w = FALLBACK_WIDTH;
  double lo, hi;

  g_return_if_fail (preset < HILUM_N_PRESETS);
  g_return_if_fail (HILUM_IS_IMAGE (image));
  g_return_if_fail (frame < MAX (hilum_image_get_n_frames (image), 1));

  switch (preset)
    {
    case HILUM_PRESET_DEFAULT:
      if (hilum_image_get_n_windows (image) > 0)
        hilum_image_get_window (image, 0, &c, &w);
      else if (frame == 0 && hilum_image_get_gray_frame (image, 0) != NULL)
        /* Known since load: no histogram pass needed for the common case. */
        window_for_range (hilum_image_get_min_value (image),
                          hilum_image_get_max_value (image), &c, &w);
      else if (frame_percentiles (image, frame, 0.0, 1.0, &lo, &hi))
        window_for_range (lo, hi, &c, &w);
      break;

    case HILUM_PRESET_AUTO:
      if (frame_percentiles (image, frame, 0.005, 0.995, &lo, &hi))
        window_for_range (lo, hi, &c, &w);
      break;

    case HILUM_PRESET_LUNG:
    case HILUM_PRESET_MEDIASTINUM:
    case HILUM_PRESET_BONE:
    case HILUM_N_PRESETS:
    default:
      if (frame_percentiles (image, frame, 0.01, 0.99, &lo, &hi))
        {
          double range = MAX (hi - lo, 1.0);

          if (hilum_image_get_inverted_display (image))
            c = hi - presets[preset].center * range;
          else
            c = lo + presets[preset].center * range;
          w = presets[preset].width * range;
        }
      break;
    }

  if (center != NULL)
    *center = c;
  if (width != NULL)
    *width = MAX (w, 1.0);
}
