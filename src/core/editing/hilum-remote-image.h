/* hilum-remote-image.h — which study, series and instance an image is on the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"

G_BEGIN_DECLS

/*
 * A DICOM image keeps its own UIDs (the document's sop_instance_uid, the study id, and
 * series_instance_uid once the server told it); a PNG or JPEG gets the UIDs of its
 * Secondary Capture (hilum-secondary-capture.h), derived from the study and image ids,
 * so every computer finds the same object without asking.
 */

typedef struct
{
  char *image_id;
  char *study_uid;
  char *series_uid;   /* (nullable) unknown until the server lists the study */
  char *sop_uid;      /* also the image's key in the cache */
  char *file;         /* (nullable) the path the document names */
} HilumRemoteImage;

void       hilum_remote_image_free          (HilumRemoteImage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumRemoteImage, hilum_remote_image_free)

/* (nullable) the first string of a DICOM JSON (QIDO-RS) attribute, @tag as eight hex
 * digits: "00185101": {"vr": "CS", "Value": ["PA"]} gives "PA" */
const char *hilum_dicom_json_string          (JsonObject       *object,
                                              const char       *tag);

/* The UID the study has (or will have) on the server (transfer full). */
char      *hilum_remote_study_uid           (HilumDocument    *document);
/* The images of @document with their server identity, in order: GPtrArray of
 * HilumRemoteImage. */
GPtrArray *hilum_remote_images_list         (HilumDocument    *document);
/* The document's "images" for a study the server has and Hilum never saw, from a
 * QIDO-RS list of its instances (with ViewPosition, Rows and Columns): the first frontal
 * (PA, AP) is the current frontal, the first lateral the current lateral; no files. */
JsonNode  *hilum_remote_images_from_qido    (JsonArray        *instances);

G_END_DECLS
