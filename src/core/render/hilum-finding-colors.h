/* hilum-finding-colors.h — the colour of a finding, shared by its boxes and its report row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A finding is known to the user by its number (its 1-based position in report order,
 * i.e. its index in the document's "findings" + 1) and by its colour, which follows the
 * number: the box layer and the report panel must agree, so both take it from here.
 * The colours are bright enough to read on a black radiograph and on a light panel
 * (with dark text on top) and distinct from each other; they repeat after
 * hilum_finding_colors_get_n() findings.
 */

guint            hilum_finding_colors_get_n          (void);
/* @index: the finding's 0-based index in report order. Components in [0, 1]. */
void             hilum_finding_color_get             (guint           index,
                                                      double         *red,
                                                      double         *green,
                                                      double         *blue);
/* "#rrggbb", for CSS. */
const char      *hilum_finding_color_get_hex         (guint           index);

G_END_DECLS
