/* hilum-dicom-writer.h — a minimal DICOM Part 10 writer for 16-bit radiographs
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

/* What goes into a CR Image Storage object (Explicit VR Little Endian, MONOCHROME2,
 * BitsAllocated 16, unsigned). Strings may be NULL: they are written empty (type 2) or,
 * for the UIDs, generated. */
typedef struct
{
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

/* Writes the file atomically (a temporary file renamed over @path). */
gboolean      hilum_dicom_write_image         (const char                *path,
                                               const HilumDicomImageDesc *desc,
                                               guint                      width,
                                               guint                      height,
                                               const guint16             *pixels,
                                               GError                   **error);

G_END_DECLS
