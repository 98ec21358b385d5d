/* hilum-decode-protocol.h — what hilum-decode and its client (hilum-decoder.c) agree on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `hilum-decode [--header-only] [--] FILE`
 * `hilum-decode --serve`: started ahead of time; reads one request from stdin,
 *   "full" or "header", '\0', the path, '\0', then works as above (exits 0 at once
 *   when stdin ends first). hilum-decode hands DICOM to hilum-decode-dicom next to it.
 *
 * On success the helper exits 0 after writing to stdout ONE line of JSON (the keys
 * below), a '\n', then exactly HILUM_DECODE_KEY_PIXEL_BYTES bytes of pixels:
 *
 *  - "gray16": width × height × frames guint16 indices in host byte order; the
 *    modality value of index i is  i * value_scale + value_offset  (hilum-image.h);
 *  - "rgb8":   width × height × frames × 3 bytes, interleaved R, G, B;
 *  - "none":   no pixels (--header-only).
 *
 * On failure it writes nothing usable to stdout, exits with one of the
 * HILUM_DECODE_EXIT_* codes and ends stderr with one line
 *   "hilum-decode: <reason>: <details in English>"
 * where <reason> is one of HILUM_DECODE_REASON_*. Codec libraries may write other lines
 * to stderr before it; only the last line counts. Death by a signal (GDCM assert) is
 * what the client reports as a crash.
 */
#pragma once

#define HILUM_DECODE_PROTOCOL_VERSION 1

/* Exit codes (0 is success; 1 and 2 are left to generic failures). */
#define HILUM_DECODE_EXIT_OK             0
#define HILUM_DECODE_EXIT_NOT_FOUND      10
#define HILUM_DECODE_EXIT_NOT_AN_IMAGE   11
#define HILUM_DECODE_EXIT_DAMAGED        12
#define HILUM_DECODE_EXIT_UNSUPPORTED    13
#define HILUM_DECODE_EXIT_USAGE          64

#define HILUM_DECODE_REASON_PREFIX       "hilum-decode: "

/* Reasons, so that the client can say them in the user's language. */
#define HILUM_DECODE_REASON_NO_FILE          "no-file"          /* NOT_FOUND */
#define HILUM_DECODE_REASON_UNREADABLE       "unreadable"       /* NOT_FOUND: permission, I/O */
#define HILUM_DECODE_REASON_UNKNOWN_FORMAT   "unknown-format"   /* NOT_AN_IMAGE */
#define HILUM_DECODE_REASON_NO_PIXEL_DATA    "no-pixel-data"    /* NOT_AN_IMAGE */
#define HILUM_DECODE_REASON_DICOMDIR         "dicomdir"         /* NOT_AN_IMAGE: a disc's index */
#define HILUM_DECODE_REASON_TRUNCATED        "truncated"        /* DAMAGED */
#define HILUM_DECODE_REASON_CORRUPT          "corrupt"          /* DAMAGED: pixel data */
#define HILUM_DECODE_REASON_BAD_HEADER       "bad-header"       /* DAMAGED: DICOM header */
#define HILUM_DECODE_REASON_PHOTOMETRIC      "photometric"      /* UNSUPPORTED; details: the value */
#define HILUM_DECODE_REASON_FLOAT            "float"            /* UNSUPPORTED */
#define HILUM_DECODE_REASON_PIXEL_FORMAT     "pixel-format"     /* UNSUPPORTED: bits/samples */
#define HILUM_DECODE_REASON_COMPRESSION      "compression"      /* UNSUPPORTED; details: syntax */
#define HILUM_DECODE_REASON_TOO_LARGE        "too-large"        /* UNSUPPORTED */
#define HILUM_DECODE_REASON_HELPER_MISSING   "helper-missing"   /* exit 1: no hilum-decode-dicom */

/* Keys of the JSON line. */
#define HILUM_DECODE_KEY_PROTOCOL            "protocol"
#define HILUM_DECODE_KEY_FORMAT              "format"           /* "dicom" "png" "jpeg" */
#define HILUM_DECODE_KEY_WIDTH               "width"
#define HILUM_DECODE_KEY_HEIGHT              "height"
#define HILUM_DECODE_KEY_FRAMES              "frames"
#define HILUM_DECODE_KEY_PIXELS              "pixels"           /* "gray16" "rgb8" "none" */
#define HILUM_DECODE_KEY_PIXEL_BYTES         "pixel_bytes"
#define HILUM_DECODE_KEY_VALUE_SCALE         "value_scale"
#define HILUM_DECODE_KEY_VALUE_OFFSET        "value_offset"
#define HILUM_DECODE_KEY_BITS_ALLOCATED      "bits_allocated"
#define HILUM_DECODE_KEY_BITS_STORED         "bits_stored"
#define HILUM_DECODE_KEY_PIXEL_REPRESENTATION "pixel_representation"
#define HILUM_DECODE_KEY_SAMPLES_PER_PIXEL   "samples_per_pixel"
#define HILUM_DECODE_KEY_RESCALE_SLOPE       "rescale_slope"
#define HILUM_DECODE_KEY_RESCALE_INTERCEPT   "rescale_intercept"
#define HILUM_DECODE_KEY_WINDOW_CENTER       "window_center"    /* array of numbers */
#define HILUM_DECODE_KEY_WINDOW_WIDTH        "window_width"     /* array of numbers */
#define HILUM_DECODE_KEY_VOI_FUNCTION        "voi_function"     /* "LINEAR" "LINEAR_EXACT" "SIGMOID" */
#define HILUM_DECODE_KEY_PIXEL_SPACING       "pixel_spacing"    /* [row, column] mm, or null */
#define HILUM_DECODE_KEY_INVERTED_DISPLAY    "inverted_display" /* MONOCHROME1 */
#define HILUM_IMAGE_SOP_INSTANCE_UID     "sop_instance_uid"
#define HILUM_IMAGE_STUDY_INSTANCE_UID   "study_instance_uid"
#define HILUM_IMAGE_SERIES_INSTANCE_UID  "series_instance_uid"
#define HILUM_IMAGE_MODALITY             "modality"
#define HILUM_IMAGE_VIEW_POSITION        "view_position"
#define HILUM_IMAGE_SERIES_DESCRIPTION   "series_description"
#define HILUM_IMAGE_PROTOCOL_NAME        "protocol_name"
#define HILUM_IMAGE_PATIENT_ORIENTATION  "patient_orientation"
#define HILUM_IMAGE_PATIENT_NAME         "patient_name"
#define HILUM_IMAGE_PATIENT_ID           "patient_id"
#define HILUM_IMAGE_STUDY_DATE           "study_date"
#define HILUM_IMAGE_STUDY_DESCRIPTION    "study_description"
#define HILUM_IMAGE_PHOTOMETRIC          "photometric"
#define HILUM_IMAGE_TRANSFER_SYNTAX      "transfer_syntax"

/* The string keys, also the keys of hilum_image_get_string() in the core; always
 * present, "" when absent. For DICOM "photometric" and "transfer_syntax" are
 * as in the file (the transfer syntax as its UID); PNG and JPEG say "MONOCHROME2" or
 * "RGB" and have no transfer syntax (""). */

/* The string keys of the JSON line, in the order the helper writes them; both sides
 * iterate this one list. */
#define HILUM_DECODE_STRING_KEYS { \
  HILUM_IMAGE_SOP_INSTANCE_UID, \
  HILUM_IMAGE_STUDY_INSTANCE_UID, \
  HILUM_IMAGE_SERIES_INSTANCE_UID, \
  HILUM_IMAGE_MODALITY, \
  HILUM_IMAGE_VIEW_POSITION, \
  HILUM_IMAGE_SERIES_DESCRIPTION, \
  HILUM_IMAGE_PROTOCOL_NAME, \
  HILUM_IMAGE_PATIENT_ORIENTATION, \
  HILUM_IMAGE_PATIENT_NAME, \
  HILUM_IMAGE_PATIENT_ID, \
  HILUM_IMAGE_STUDY_DATE, \
  HILUM_IMAGE_STUDY_DESCRIPTION, \
  HILUM_IMAGE_PHOTOMETRIC, \
  HILUM_IMAGE_TRANSFER_SYNTAX, \
}

#define HILUM_DECODE_PIXELS_GRAY16           "gray16"
#define HILUM_DECODE_PIXELS_RGB8             "rgb8"
#define HILUM_DECODE_PIXELS_NONE             "none"
