/* hilum-secondary-capture.c — a PNG or JPEG radiograph wrapped as DICOM for upload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UIDs are name-based: "hilum:study:<study id>", "hilum:series:<study id>/<image
 * id>" and "hilum:sop:<study id>/<image id>". The series is per image because the source
 * formats have no series; the study and its images stay grouped by the study UID. No
 * date or time of the wrapping is written, so the bytes depend on the inputs alone.
 */
#define G_LOG_DOMAIN "hilum-secondary-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-dicom-writer.h"
#include "hilum-image.h"
#include "hilum-secondary-capture.h"
#include "hilum-uid.h"

char *
hilum_secondary_capture_study_uid (const char *study_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (study_id != NULL, NULL);

  name = g_strconcat ("hilum:study:", study_id, NULL);
  return hilum_uid_from_name (name);
}

char *
hilum_secondary_capture_series_uid (const char *study_id,
                                    const char *image_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (study_id != NULL && image_id != NULL, NULL);

  name = g_strconcat ("hilum:series:", study_id, "/", image_id, NULL);
  return hilum_uid_from_name (name);
}

char *
hilum_secondary_capture_sop_uid (const char *study_id,
                                 const char *image_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (study_id != NULL && image_id != NULL, NULL);

  name = g_strconcat ("hilum:sop:", study_id, "/", image_id, NULL);
  return hilum_uid_from_name (name);
}

/* The bits a gray image needs: 8 for an 8-bit PNG or JPEG, 16 for a 16-bit PNG. */
static guint
bits_for (guint index_count)
{
  guint bits = 1;

  while (bits < 16 && (1u << bits) < index_count)
    bits++;
  return bits <= 8 ? 8 : 16;
}

GBytes *
hilum_secondary_capture_build (HilumImage                      *image,
                               const HilumSecondaryCaptureDesc *desc,
                               GError                         **error)
{
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *sop_uid = NULL;
  HilumDicomImageDesc dicom = { 0 };
  double scale, offset;

  g_return_val_if_fail (HILUM_IS_IMAGE (image), NULL);
  g_return_val_if_fail (desc != NULL && desc->study_id != NULL && desc->image_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  study_uid = hilum_secondary_capture_study_uid (desc->study_id);
  series_uid = hilum_secondary_capture_series_uid (desc->study_id, desc->image_id);
  sop_uid = hilum_secondary_capture_sop_uid (desc->study_id, desc->image_id);

  dicom.sop_class_uid = HILUM_DICOM_SECONDARY_CAPTURE;
  dicom.modality = "OT";
  dicom.conversion_type = "WSD";
  dicom.patient_id = desc->patient_id;
  dicom.study_instance_uid = study_uid;
  dicom.series_instance_uid = series_uid;
  dicom.sop_instance_uid = sop_uid;
  dicom.study_date = desc->study_date;
  dicom.study_description = desc->study_id;
  dicom.series_description = desc->series_description != NULL ? desc->series_description : desc->image_id;
  dicom.view_position = desc->view_position;
  dicom.body_part = "CHEST";
  dicom.series_number = 1;
  dicom.instance_number = 1;

  if (hilum_image_is_color (image))
    return hilum_dicom_build_rgb_image (&dicom, hilum_image_get_width (image),
                                        hilum_image_get_height (image),
                                        hilum_image_get_rgb_frame (image, 0), error);

  /* The stored indices go as they are; a scale or offset other than the identity (which
   * PNG and JPEG never have) becomes a rescale, so the modality values stay the same. */
  scale = hilum_image_get_value_scale (image);
  offset = hilum_image_get_value_offset (image);
  if (scale != 1.0 || offset != 0.0)
    {
      dicom.rescale_slope = scale;
      dicom.rescale_intercept = offset;
    }
  dicom.bits_stored = bits_for (hilum_image_get_index_count (image));

  return hilum_dicom_build_image (&dicom, hilum_image_get_width (image),
                                  hilum_image_get_height (image),
                                  hilum_image_get_gray_frame (image, 0), error);
}
