/* hilum-decoder.h — decoding images in the hilum-decode helper process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_DECODE_ERROR (hilum_decode_error_quark ())

typedef enum
{
  HILUM_DECODE_ERROR_NOT_FOUND,      /* no such file, or unreadable */
  HILUM_DECODE_ERROR_NOT_AN_IMAGE,   /* not DICOM/PNG/JPEG, or DICOM without pixel data */
  HILUM_DECODE_ERROR_DAMAGED,        /* truncated or corrupt pixel data */
  HILUM_DECODE_ERROR_UNSUPPORTED,    /* a valid file Hilum cannot show */
  HILUM_DECODE_ERROR_CRASHED,        /* the helper died (GDCM assert) or timed out */
} HilumDecodeError;

GQuark        hilum_decode_error_quark        (void);

/* Path of the helper: $HILUM_DECODE, else the installed one, else the build tree's. */
const char   *hilum_decoder_get_helper_path   (void);

/* Full decode (metadata + every frame). Messages in the error are translated and name
 * the file. Blocking: call from a worker thread, or use the async variant. */
HilumImage   *hilum_decode_file               (const char           *path,
                                               GCancellable         *cancellable,
                                               GError              **error);
void          hilum_decode_file_async         (const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
HilumImage   *hilum_decode_file_finish        (GAsyncResult         *result,
                                               GError              **error);

/* Metadata only (no pixels are kept): what grouping files into studies needs.
 * The returned image has width/height/metadata but no pixel frames. */
HilumImage   *hilum_decode_header             (const char           *path,
                                               GCancellable         *cancellable,
                                               GError              **error);
void          hilum_decode_header_async       (const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
HilumImage   *hilum_decode_header_finish      (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
