/* hilum-box-layer.h — the readers' boxes over one image view: drawing and editing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-session.h"
#include "hilum-viewport.h"

G_BEGIN_DECLS

#define HILUM_TYPE_BOX_LAYER (hilum_box_layer_get_type ())
G_DECLARE_FINAL_TYPE (HilumBoxLayer, hilum_box_layer, HILUM, BOX_LAYER, GObject)

/*
 * A plain object, not a widget: a HilumImageView with its "box-layer" property set
 * draws the layer over the image and hands it the primary button and some keys first.
 * One layer per image view; it shows the boxes of "session"'s document whose
 * annotation has "image-id", for every finding, and edits them only through
 * hilum_session_perform() — one operation per gesture (add-box at the end of a drag,
 * set-box at the end of a move or resize, one per arrow key, remove-box).
 *
 * Wiring (the window): create it, set "session" when a study opens, "image-id" to the
 * document image the view shows (hilum_document_get_image_id_by_role (doc,
 * "current_frontal")), bind "selected-finding-id" both ways to the report's
 * selection (shared by the layers of both views), bind "draw-mode" and
 * "show-other-readers" to the window's toggles, and toast the "error" signal.
 *
 * Pointer (primary button):
 *  - on the selected box's handle (current reader's boxes only): resize;
 *  - inside one of the current reader's boxes: select it and its finding; drag moves;
 *  - anywhere else, with a finding selected, "draw-mode" on and a role that may draw
 *    (not a translator): a drag draws a new box for that finding, for the session's
 *    reader; a click (or a box under HILUM_BOX_MIN_IMAGE_PIXELS) selects another
 *    reader's box under the pointer, if any, or unselects the box;
 *  - otherwise the layer only selects (another reader's box) or unselects, and the
 *    image view pans or windows as it always did. Middle button and Space+drag pan.
 * Keys (with a box of the current reader selected): arrows nudge it by one image pixel
 * (Shift: 10), Delete/BackSpace remove it, Escape unselects it; without a box selected
 * the image view keeps its keys (arrows pan).
 *
 * Looks: each box is drawn in its finding's colour (hilum-finding-colors.h) with the
 * finding's number (index in report order + 1) at its top-left corner; the current
 * reader's boxes solid with a filled number tag, other readers' dashed with an
 * outlined tag (hidden when "show-other-readers" is off). With a finding selected its
 * boxes are thicker and opaque and the others fade to 40 %; the selected box shows its
 * 8 handles.
 *
 * Properties: "session" (HilumSession, nullable), "image-id" (nullable),
 * "selected-finding-id" (nullable), "selected-box-id" (nullable, read-write: setting a
 * box also selects its finding), "draw-mode" (default TRUE), "show-other-readers"
 * (default TRUE).
 * Signals: "box-selected" (box_id, finding_id: the user picked a box on the image),
 * "error" (GError *: an edit the session refused, in the user's language),
 * "redraw" (the view must draw again; HilumImageView connects it).
 */

HilumBoxLayer   *hilum_box_layer_new                    (void);

HilumSession    *hilum_box_layer_get_session            (HilumBoxLayer   *self);
void             hilum_box_layer_set_session            (HilumBoxLayer   *self,
                                                         HilumSession    *session);
const char      *hilum_box_layer_get_image_id           (HilumBoxLayer   *self);
void             hilum_box_layer_set_image_id           (HilumBoxLayer   *self,
                                                         const char      *image_id);
const char      *hilum_box_layer_get_selected_finding_id (HilumBoxLayer  *self);
void             hilum_box_layer_set_selected_finding_id (HilumBoxLayer  *self,
                                                          const char     *finding_id);
const char      *hilum_box_layer_get_selected_box_id    (HilumBoxLayer   *self);
void             hilum_box_layer_set_selected_box_id    (HilumBoxLayer   *self,
                                                         const char      *box_id);
gboolean         hilum_box_layer_get_draw_mode          (HilumBoxLayer   *self);
void             hilum_box_layer_set_draw_mode          (HilumBoxLayer   *self,
                                                         gboolean         draw_mode);
gboolean         hilum_box_layer_get_show_other_readers (HilumBoxLayer   *self);
void             hilum_box_layer_set_show_other_readers (HilumBoxLayer   *self,
                                                         gboolean         show);

/* What HilumImageView calls; (x, y) and offsets in widget coordinates. */
void             hilum_box_layer_snapshot               (HilumBoxLayer   *self,
                                                         GtkWidget       *widget,
                                                         GtkSnapshot     *snapshot,
                                                         HilumViewport   *viewport);
/* TRUE when the layer takes this drag (the view then neither pans nor windows). */
gboolean         hilum_box_layer_drag_begin             (HilumBoxLayer   *self,
                                                         HilumViewport   *viewport,
                                                         double           x,
                                                         double           y);
void             hilum_box_layer_drag_update            (HilumBoxLayer   *self,
                                                         HilumViewport   *viewport,
                                                         double           offset_x,
                                                         double           offset_y);
void             hilum_box_layer_drag_end               (HilumBoxLayer   *self,
                                                         HilumViewport   *viewport,
                                                         double           offset_x,
                                                         double           offset_y);
void             hilum_box_layer_drag_cancel            (HilumBoxLayer   *self);
gboolean         hilum_box_layer_key_pressed            (HilumBoxLayer   *self,
                                                         HilumViewport   *viewport,
                                                         guint            keyval,
                                                         GdkModifierType  state);
/* (nullable) the cursor the pointer at (x, y) should show, NULL: the view decides. */
const char      *hilum_box_layer_get_cursor             (HilumBoxLayer   *self,
                                                         HilumViewport   *viewport,
                                                         double           x,
                                                         double           y);

G_END_DECLS
