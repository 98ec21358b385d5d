/* hilum-gdcm-private.h — shared by the C++ files of hilum-decode-dicom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string>

#include <gdcmFile.h>

#include "hilum-decode-private.h"

namespace hilum_gdcm {

/* The Transfer Syntax UID as the file gives it. */
std::string  transfer_syntax_uid  (const gdcm::File &file);

/* Everything but the pixels: strings (as UTF-8), pixel module, rescale, windows, VOI
 * function, spacing. The same for a full decode and --header-only. */
void         fill_metadata        (const gdcm::File &file,
                                   HilumRaw         *raw);

} /* namespace hilum_gdcm */
