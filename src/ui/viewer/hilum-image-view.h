/* hilum-image-view.h — draws one radiograph and turns gestures into viewport changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-box-layer.h"
#include "hilum-image.h"
#include "hilum-presets.h"
#include "hilum-viewport.h"

G_BEGIN_DECLS

#define HILUM_TYPE_IMAGE_VIEW (hilum_image_view_get_type ())
G_DECLARE_FINAL_TYPE (HilumImageView, hilum_image_view, HILUM, IMAGE_VIEW, GtkWidget)

/* What a primary-button drag does. (The secondary button always does window/level;
 * middle button and space+drag always pan.) */
typedef enum
{
  HILUM_POINTER_TOOL_PAN = 0,
  HILUM_POINTER_TOOL_WINDOW_LEVEL,
} HilumPointerTool;

GType           hilum_pointer_tool_get_type            (void) G_GNUC_CONST;
#define HILUM_TYPE_POINTER_TOOL (hilum_pointer_tool_get_type ())

/*
 * Properties: "image" (HilumImage, nullable), "viewport" (read-only), "frame",
 * "label" (the slot's name shown in the corner and when empty, e.g. "Frontal"),
 * "show-overlays", "show-patient-info", "invert-vertical-drag", "pointer-tool",
 * "box-layer" (HilumBoxLayer, nullable: the readers' boxes drawn over the image; it gets
 * the primary button and the arrow, Delete and Escape keys first — hilum-box-layer.h).
 *
 * Keys while focused: 1–5 presets (default, auto, lung, mediastinum, bone), I invert,
 * R reset (fit + file default window), F fit, 0 (zero) 1:1, O overlays, +/- zoom,
 * arrow keys pan. Double-click resets.
 */
GtkWidget      *hilum_image_view_new                   (void);
HilumImage     *hilum_image_view_get_image             (HilumImageView  *self);
void            hilum_image_view_set_image             (HilumImageView  *self,
                                                        HilumImage      *image);
HilumViewport  *hilum_image_view_get_viewport          (HilumImageView  *self);
guint           hilum_image_view_get_frame             (HilumImageView  *self);
void            hilum_image_view_set_frame             (HilumImageView  *self,
                                                        guint            frame);
const char     *hilum_image_view_get_label             (HilumImageView  *self);
void            hilum_image_view_set_label             (HilumImageView  *self,
                                                        const char      *label);
void            hilum_image_view_apply_preset          (HilumImageView  *self,
                                                        HilumPreset      preset);
void            hilum_image_view_reset                 (HilumImageView  *self);
gboolean        hilum_image_view_get_show_overlays     (HilumImageView  *self);
void            hilum_image_view_set_show_overlays     (HilumImageView  *self,
                                                        gboolean         show);
gboolean        hilum_image_view_get_show_patient_info (HilumImageView  *self);
void            hilum_image_view_set_show_patient_info (HilumImageView  *self,
                                                        gboolean         show);
gboolean        hilum_image_view_get_invert_vertical_drag (HilumImageView *self);
void            hilum_image_view_set_invert_vertical_drag (HilumImageView *self,
                                                           gboolean        invert);
HilumPointerTool hilum_image_view_get_pointer_tool     (HilumImageView  *self);
void            hilum_image_view_set_pointer_tool      (HilumImageView  *self,
                                                        HilumPointerTool tool);
HilumBoxLayer  *hilum_image_view_get_box_layer         (HilumImageView  *self);
void            hilum_image_view_set_box_layer         (HilumImageView  *self,
                                                        HilumBoxLayer   *layer);

G_END_DECLS
