/* hilum-types.h — forward declarations, so headers need not include each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HilumImage     HilumImage;
typedef struct _HilumViewport  HilumViewport;
typedef struct _HilumRenderer  HilumRenderer;
typedef struct _HilumStudy     HilumStudy;
typedef struct _HilumPixelBuffer HilumPixelBuffer;

/* What a radiograph shows; DESIGN.md "view identification". */
typedef enum
{
  HILUM_VIEW_UNKNOWN = 0,
  HILUM_VIEW_FRONTAL,
  HILUM_VIEW_LATERAL,
} HilumView;

/* DICOM PS3.3 C.11.2.1.3 VOI LUT Function. */
typedef enum
{
  HILUM_VOI_LINEAR = 0,
  HILUM_VOI_LINEAR_EXACT,
  HILUM_VOI_SIGMOID,
} HilumVoiFunction;

const char *hilum_view_to_string   (HilumView   view);

G_END_DECLS
