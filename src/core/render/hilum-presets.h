/* hilum-presets.h — window/level presets for radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-types.h"

G_BEGIN_DECLS

/* CR/DX images have no Hounsfield units, so Lung, Mediastinum and Bone are defined
 * relative to the image's own value range (see hilum-presets.c for the definition). */
typedef enum
{
  HILUM_PRESET_DEFAULT = 0,   /* first WC/WW of the file, else min/max of the image */
  HILUM_PRESET_AUTO,          /* histogram percentiles */
  HILUM_PRESET_LUNG,
  HILUM_PRESET_MEDIASTINUM,
  HILUM_PRESET_BONE,
  HILUM_N_PRESETS
} HilumPreset;

/* Stable names used by the CLI (--preset) and settings: "default", "auto", "lung",
 * "mediastinum", "bone". */
const char *hilum_preset_get_name      (HilumPreset  preset);
/* Translated label for menus: "File Default", "Auto", "Lung", … */
const char *hilum_preset_get_label     (HilumPreset  preset);
gboolean    hilum_preset_from_name     (const char  *name,
                                        HilumPreset *preset);
/* Window center and width (modality values) of @preset for @frame of @image. */
void        hilum_preset_compute       (HilumPreset  preset,
                                        HilumImage  *image,
                                        guint        frame,
                                        double      *center,
                                        double      *width);

G_END_DECLS
