/* hilum-study-view-private.h — what hilum-study-view.c and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-preset-store.h"
#include "hilum-study-view.h"

G_BEGIN_DECLS

struct _HilumStudyView
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkMenuButton    *presets_button;
  GtkWidget        *frame_box;
  GtkSpinButton    *frame_spin;
  GtkAdjustment    *frame_adjustment;
  HilumImageSlot   *frontal_slot;
  HilumImageSlot   *lateral_slot;
  HilumImageSlot   *prior_slot;
  HilumImageSlot   *slots[HILUM_N_SLOTS];

  GSettings        *settings;
  HilumPresetStore *preset_store;
  HilumStudy       *study;
  GSignalGroup     *study_signals;
  GCancellable     *cancellable;
  GHashTable       *decoded;   /* path → HilumImage */
  GHashTable       *failed;    /* path → message */
  GHashTable       *pending;   /* path set */

  HilumSlot         active;
  HilumPointerTool  pointer_tool;
  guint             link_window_level : 1;
  guint             show_overlays : 1;
  guint             show_patient_info : 1;
  guint             invert_vertical_drag : 1;
  guint             syncing : 1;
};

void _hilum_study_view_class_add_actions   (GtkWidgetClass *widget_class);
void _hilum_study_view_rebuild_presets_menu (HilumStudyView *self);

/* hilum-study-view-prior.c */
void        _hilum_study_view_class_add_prior_actions (GtkWidgetClass *widget_class);
void        _hilum_study_view_restore_prior           (HilumStudyView *self);
void        _hilum_study_view_update_prior            (HilumStudyView *self);
GMenuModel *_hilum_study_view_prior_section           (HilumStudyView *self);

G_END_DECLS
