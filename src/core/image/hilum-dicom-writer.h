/* hilum-dicom-writer.h — a minimal DICOM Part 10 writer for radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HILUM_DICOM_WRITER_ERROR (hilum_dicom_writer_error_quark ())

typedef enum
{
  HILUM_DICOM_WRITER_ERROR_INVALID,   /* the description cannot make a valid file */
  HILUM_DICOM_WRITER_ERROR_WRITE,     /* the file could not be written */
} HilumDicomWriterError;

GQuark        hilum_dicom_writer_error_quark  (void);

/* What goes into the object (Explicit VR Little Endian; MONOCHROME2 with BitsAllocated
 * 16, unsigned, or RGB with 8 bits per sample). By default a CR Image Storage object;
 * @sop_class_uid, @modality and @conversion_type make it another (a Secondary Capture:
 * HILUM_DICOM_SECONDARY_CAPTURE, "OT", "WSD"). Strings may be NULL: they are written
 * empty (type 2) or, for the UIDs, generated. */
#define HILUM_DICOM_CR_IMAGE_STORAGE       "1.2.840.10008.5.1.4.1.1.1"
#define HILUM_DICOM_SECONDARY_CAPTURE      "1.2.840.10008.5.1.4.1.1.7"

typedef struct
{
  const char *sop_class_uid;         /* NULL: CR Image Storage */
  const char *modality;              /* NULL: "CR" */
  const char *conversion_type;       /* (0008,0064), NULL: absent (SC needs it) */
  const char *patient_name;          /* "Demo^Hilum" */
  const char *patient_id;
  const char *study_instance_uid;
  const char *series_instance_uid;
  const char *sop_instance_uid;
  const char *study_date;            /* YYYYMMDD */
  const char *study_time;            /* HHMMSS */
  const char *study_description;
  const char *series_description;
  const char *view_position;         /* "PA", "LL" … */
  const char *patient_orientation;   /* "L\\F" */
  const char *body_part;             /* "CHEST" */
  guint       series_number;
  guint       instance_number;
  guint       bits_stored;           /* 1..16; 0 means 16 */
  double      pixel_spacing[2];      /* row, column in mm; 0 means absent */
  double      window_center;
  double      window_width;          /* 0 means no window in the file */
  double      rescale_slope;         /* 0 means no rescale in the file */
  double      rescale_intercept;
} HilumDicomImageDesc;

/* A new UID under the 2.25 root (UUID as a decimal number), at most 64 characters. */
char         *hilum_dicom_generate_uid        (void);

/* The whole file as bytes (preamble, File Meta group, data set). @pixels has
 * @width × @height values, row by row. */
GBytes       *hilum_dicom_build_image         (const HilumDicomImageDesc *desc,
                                               guint                      width,
                                               guint                      height,
                                               const guint16             *pixels,
                                               GError                   **error);

/* The same with @rgb: @width × @height × 3 bytes, interleaved R, G, B. */
GBytes       *hilum_dicom_build_rgb_image     (const HilumDicomImageDesc *desc,
                                               guint                      width,
                                               guint                      height,
                                               const guint8              *rgb,
                                               GError                   **error);

/* Writes the file atomically (a temporary file renamed over @path). */
gboolean      hilum_dicom_write_image         (const char                *path,
                                               const HilumDicomImageDesc *desc,
                                               guint                      width,
                                               guint                      height,
                                               const guint16             *pixels,
                                               GError                   **error);

G_END_DECLS
