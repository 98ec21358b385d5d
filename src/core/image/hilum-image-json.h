/* hilum-image-json.h — the `hilum-cli info --json` object of an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-types.h"

G_BEGIN_DECLS

/* The object of DESIGN.md §hilum-cli, keys in this order: path, sop_instance_uid,
 * study_instance_uid, series_instance_uid, modality, view_position, view, rows, columns,
 * frames, bits_allocated, bits_stored, pixel_representation, samples_per_pixel,
 * photometric, transfer_syntax, rescale_slope, rescale_intercept, window_center,
 * window_width, pixel_spacing, min, max. Absent tags: "" for strings, slope 1,
 * intercept 0, empty window lists, null spacing. min/max are modality values of the
 * first frame.
 * Returns: (transfer full): a JSON object node. */
JsonNode  *hilum_image_info_to_json         (HilumImage  *image);

/* The same object on one line (no newline). Numbers are written the way DICOM writes
 * them: integers without a fraction, others with at most 15 significant digits
 * (0.139, not 0.13900000000000001). */
char      *hilum_image_info_to_json_string  (HilumImage  *image);

/* Any JSON node on one line with the number format above. */
char      *hilum_json_to_compact_string     (JsonNode    *node);

G_END_DECLS
