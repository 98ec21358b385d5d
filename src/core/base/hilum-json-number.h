/* hilum-json-number.h — numbers and JSON written byte for byte as Hilum wants them
 *
 * json-glib's generator writes doubles with "%.17g" ("0.12345678" becomes
 * "0.12345677999999999"), which breaks the lossless PadChest-GR round trip. This writer
 * keeps integers as integers, writes doubles with the shortest text that reads back to the
 * same double, in Python's repr() style ("0.0", "1e-05", "0.12345678": the release files are
 * written by Python), and keeps object members in their order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Shortest round-trip text of @value, Python repr() style; NaN/inf are written as null. */
void       hilum_json_number_append       (GString      *out,
                                           double        value);
char      *hilum_json_number_to_string    (double        value);

/* JSON text of @node. @indent < 0: compact on one line; else pretty with @indent spaces per
 * level (", " / ": " separators like Python's json.dumps(indent=N)). Strings are UTF-8,
 * escaped only where JSON requires it, unless @ascii (then non-ASCII as \uXXXX). */
void       hilum_json_append_node         (GString      *out,
                                           JsonNode     *node,
                                           int           indent,
                                           gboolean      ascii);
char      *hilum_json_to_string           (JsonNode     *node,
                                           int           indent,
                                           gboolean      ascii);

/* Strict equality: same types (an integer is not a double), same values (doubles by ==),
 * same members IN THE SAME ORDER. */
gboolean   hilum_json_equal               (JsonNode     *a,
                                           JsonNode     *b);
/* Like hilum_json_equal() but integers and doubles of the same value are equal; on the first
 * difference, @where (nullable) receives its JSON path ("$[3].findings[0].boxes"). */
gboolean   hilum_json_equal_values        (JsonNode     *a,
                                           JsonNode     *b,
                                           char        **where);

G_END_DECLS
