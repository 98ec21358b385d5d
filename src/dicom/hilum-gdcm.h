/* hilum-gdcm.h — GDCM behind a C API (only hilum-decode links it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-decode-private.h"

G_BEGIN_DECLS

/* Reads a DICOM file (Part 10, or a bare data set) into @raw; returns a
 * HILUM_DECODE_EXIT_* code. GDCM's trace is captured: a warning that pixel data are
 * incomplete makes the file DAMAGED even when GDCM itself reports success. */
int      hilum_gdcm_decode       (const char     *path,
                                  gboolean        header_only,
                                  HilumRaw       *raw);

G_END_DECLS
