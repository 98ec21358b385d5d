/* hilum-secondary-capture.h — a PNG or JPEG radiograph wrapped as DICOM for upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

/*
 * A DICOM server stores DICOM: a study that exists only as PNG or JPEG files (PadChest-GR,
 * MIMIC-CXR-JPG) goes up as Secondary Capture Image Storage objects (conversion type WSD,
 * workstation). Their UIDs are derived from the source's own ids (hilum_uid_from_name()),
 * never random: two laptops that upload the same PadChest-GR study create one study on
 * the server, not two, and a second upload from the same machine replaces nothing.
 * The pixels are the decoded image's exactly (16-bit gray as is, 8-bit gray in 16 bits
 * with BitsStored 8, RGB as 8-bit RGB), so the server's copy shows what Hilum showed.
 */

typedef struct
{
  const char *study_id;         /* the source's study id, e.g. PadChest StudyID */
  const char *image_id;         /* the source's image id, e.g. the PNG's ImageID */
  const char *patient_id;       /* (nullable) */
  const char *study_date;       /* (nullable) YYYYMMDD */
  const char *view_position;    /* (nullable) "PA", "LL" … */
  const char *series_description; /* (nullable) */
} HilumSecondaryCaptureDesc;

/* The UIDs the object of @study_id / @image_id gets (transfer full). */
char    *hilum_secondary_capture_study_uid  (const char                      *study_id);
char    *hilum_secondary_capture_series_uid (const char                      *study_id,
                                             const char                      *image_id);
char    *hilum_secondary_capture_sop_uid    (const char                      *study_id,
                                             const char                      *image_id);

/* The DICOM file of @image (the first frame); the same inputs give the same bytes. */
GBytes  *hilum_secondary_capture_build      (HilumImage                      *image,
                                             const HilumSecondaryCaptureDesc *desc,
                                             GError                         **error);

G_END_DECLS
