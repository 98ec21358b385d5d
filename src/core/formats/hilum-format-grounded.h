/* hilum-format-grounded.h — what the four grounded-report formats share
 *
 * RadFact, MAIRA-2, MS-CXR and COCO all hold boxes linked to sentences but far less than a
 * hilum-study/1 document: mostly one image, one reader, no Spanish. These helpers choose
 * what an export keeps (and say what it leaves out) and map labels to the MS-CXR
 * categories. Only src/core/formats/hilum-format-*.c include this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-format-private.h"

G_BEGIN_DECLS

/* The image whose boxes a frontal-only format exports: the image of role
 * "current_frontal" (transfer none; nullable). */
JsonObject *hilum_grounded_frontal_image     (HilumDocument *document);

/* The reader whose boxes a single-reader format exports: @wanted when the study knows that
 * reader (in "readers" or an annotation); else the first reader of "readers" (then of the
 * findings' annotations, in report order) with a box on @image_id. NULL when nobody boxed
 * that image. (transfer none) */
const char *hilum_grounded_choose_reader     (HilumDocument *document,
                                              const char    *image_id,
                                              const char    *wanted);

/* The boxes (JsonObject *) of @finding drawn by @reader_id on @image_id, in order; an empty
 * array when @reader_id or @image_id is NULL. (transfer container) */
GPtrArray  *hilum_grounded_finding_boxes     (JsonObject    *finding,
                                              const char    *reader_id,
                                              const char    *image_id);

/* Adds one problem per study for the boxes an export leaves out: those on other images
 * than @image_id (the lateral) and those of other readers than @reader_id. @format_label
 * is the format's name ("MAIRA-2"). */
void        hilum_grounded_note_left_out     (HilumDocument *document,
                                              const char    *image_id,
                                              const char    *reader_id,
                                              const char    *format_label,
                                              GPtrArray     *problems);

/* @xyxy clamped to [0,1] with min <= max (swapped when reversed). */
void        hilum_grounded_clamp             (double         xyxy[4]);

/* Pixel boxes (MS-CXR, COCO): top-left x, y, width, height on a @width x @height image
 * ↔ xyxy_norm. The import direction clamps to [0,1], so a box reaching past the image is
 * kept at its edge. */
void        hilum_grounded_xywh_to_xyxy      (const double   xywh[4],
                                              guint          width,
                                              guint          height,
                                              double         xyxy[4]);
void        hilum_grounded_xyxy_to_xywh      (const double   xyxy[4],
                                              guint          width,
                                              guint          height,
                                              double         xywh[4]);
/* A pixel value for writing: rounded to 1e-6 pixel (no 99.99999999999999), an integer
 * node when whole. (transfer full) */
JsonNode   *hilum_grounded_pixel_node        (double         value);
/* The same as text (integers without ".0", as MS-CXR writes them). */
void        hilum_grounded_append_pixel      (GString       *out,
                                              double         value);
/* The box's pixel x, y, w, h on a @width x @height image as four new number nodes: the
 * values it was imported with while pristine for @format (recomputing xyxy_norm from them
 * gives the document's exactly), else from xyxy_norm (clamped). FALSE when the box is
 * malformed. */
gboolean    hilum_grounded_box_pixel_nodes   (JsonObject    *box,
                                              HilumFormat    format,
                                              guint          width,
                                              guint          height,
                                              JsonNode      *nodes[4]);
/* A number node as text: integers without ".0", doubles as Python writes them. */
void        hilum_grounded_append_number     (GString       *out,
                                              JsonNode      *node);
/* @text as a number node (an integer when it is one); NULL when it is no number. */
JsonNode   *hilum_grounded_parse_number      (const char    *text);
/* A JSON number node → double; FALSE when @node is not a number. */
gboolean    hilum_grounded_node_get_double   (JsonNode      *node,
                                              double        *value);

/* The MS-CXR category of @finding: its first label, mapped case-insensitively to one of the
 * eight MS-CXR categories ("pleural effusion" → "Pleural Effusion", "pulmonary edema" →
 * "Edema"); a label that matches none is written as it is; no label gives "". */
const char *hilum_grounded_category          (JsonObject    *finding);
/* The label an imported category becomes: PadChest style lower case. (transfer full) */
char       *hilum_grounded_category_to_label (const char    *category);

/* A new positive finding with its English @text and, when @label is not empty, that label
 * (transfer full). */
JsonObject *hilum_grounded_new_finding       (const char    *text,
                                              const char    *label);

G_END_DECLS
