/* hilum-image-slot.h — one labelled place of the study view: an image, a spinner,
 * an empty note or an error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-image-view.h"

G_BEGIN_DECLS

#define HILUM_TYPE_IMAGE_SLOT (hilum_image_slot_get_type ())
G_DECLARE_FINAL_TYPE (HilumImageSlot, hilum_image_slot, HILUM, IMAGE_SLOT, GtkWidget)

typedef enum
{
  HILUM_SLOT_STATE_EMPTY = 0,   /* the study has no image for this slot */
  HILUM_SLOT_STATE_LOADING,     /* decoding */
  HILUM_SLOT_STATE_IMAGE,       /* the image is shown */
  HILUM_SLOT_STATE_ERROR,       /* the image could not be opened */
} HilumSlotState;

GtkWidget      *hilum_image_slot_new          (const char     *label);
HilumImageView *hilum_image_slot_get_view     (HilumImageSlot *self);
HilumSlotState  hilum_image_slot_get_state    (HilumImageSlot *self);
/* (nullable) the message shown in the error state */
const char     *hilum_image_slot_get_error    (HilumImageSlot *self);
const char     *hilum_image_slot_get_label    (HilumImageSlot *self);
/* (nullable) the file shown or being opened */
const char     *hilum_image_slot_get_path     (HilumImageSlot *self);
void            hilum_image_slot_set_empty    (HilumImageSlot *self);
void            hilum_image_slot_set_loading  (HilumImageSlot *self,
                                               const char     *path);
void            hilum_image_slot_set_image    (HilumImageSlot *self,
                                               const char     *path,
                                               HilumImage     *image);
/* An image that is not on this computer (a server study not downloaded): "Not
 * Downloaded" and why, in the error state. */
void            hilum_image_slot_set_unavailable (HilumImageSlot *self,
                                                  const char     *path,
                                                  const char     *message);
void            hilum_image_slot_set_error    (HilumImageSlot *self,
                                               const char     *path,
                                               const char     *message);
/* (nullable) a few words after the label, e.g. the date of a prior study */
void            hilum_image_slot_set_detail   (HilumImageSlot *self,
                                               const char     *detail);
/* (nullable) the detail shown, NULL when none */
const char     *hilum_image_slot_get_detail   (HilumImageSlot *self);
/* The menu of the slot's "Choose Image" button (the study's images). */
void            hilum_image_slot_set_menu     (HilumImageSlot *self,
                                               GMenuModel     *menu);

G_END_DECLS
