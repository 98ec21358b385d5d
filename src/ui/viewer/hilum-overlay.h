/* hilum-overlay.h — the text drawn over a radiograph: corners, orientation markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HILUM_TYPE_OVERLAY (hilum_overlay_get_type ())
G_DECLARE_FINAL_TYPE (HilumOverlay, hilum_overlay, HILUM, OVERLAY, GObject)

/* Where a text goes. The corners hold the annotations; the four edge midpoints hold the
 * orientation markers; CENTER is the message of an empty slot. */
typedef enum
{
  HILUM_OVERLAY_TOP_LEFT = 0,
  HILUM_OVERLAY_TOP_RIGHT,
  HILUM_OVERLAY_BOTTOM_LEFT,
  HILUM_OVERLAY_BOTTOM_RIGHT,
  HILUM_OVERLAY_LEFT,
  HILUM_OVERLAY_RIGHT,
  HILUM_OVERLAY_TOP,
  HILUM_OVERLAY_BOTTOM,
  HILUM_OVERLAY_CENTER,
  HILUM_OVERLAY_N_POSITIONS
} HilumOverlayPosition;

/* Distance of the corner texts from the widget edges, in logical pixels. */
#define HILUM_OVERLAY_MARGIN 8

/* The layouts are made from @widget's Pango context (no reference to @widget is kept). */
HilumOverlay *hilum_overlay_new                  (GtkWidget            *widget);
/* NULL or "" hides the text at @position. Returns TRUE when the text changed. */
gboolean      hilum_overlay_set_text             (HilumOverlay         *self,
                                                  HilumOverlayPosition  position,
                                                  const char           *text);
const char   *hilum_overlay_get_text             (HilumOverlay         *self,
                                                  HilumOverlayPosition  position);
/* Dim text (used for the "No image" message of an empty slot). */
void          hilum_overlay_set_dim              (HilumOverlay         *self,
                                                  HilumOverlayPosition  position,
                                                  gboolean              dim);
/* Call when the widget's font or scale changed. */
void          hilum_overlay_context_changed      (HilumOverlay         *self);
/* Draws every non-empty text into a @width × @height area, legible on any image:
 * light text with a dark outline. Allocates nothing. */
void          hilum_overlay_snapshot             (HilumOverlay         *self,
                                                  GtkSnapshot          *snapshot,
                                                  double                width,
                                                  double                height);

/* Orientation markers from DICOM PatientOrientation (0020,0020), e.g. "L\F", "A\FL":
 * the row direction is what lies towards the right edge, the column direction towards
 * the bottom edge; the opposite edges show the opposite directions. Returns FALSE (and
 * sets nothing) when @patient_orientation is empty or not two valid values.
 * Results are the markers to show, in the user's language (L R A P H F in English;
 * D I A P Cr Ca in Spanish); free them with g_free(). */
gboolean      hilum_overlay_parse_orientation    (const char           *patient_orientation,
                                                  char                **left,
                                                  char                **right,
                                                  char                **top,
                                                  char                **bottom);
/* "Zoom 37%", "1:1", "Zoom 400%" (newly allocated, translated). */
char         *hilum_overlay_format_zoom          (double                zoom);
/* "W 400 L 1200" (newly allocated, translated). */
char         *hilum_overlay_format_window        (double                center,
                                                  double                width);

G_END_DECLS
