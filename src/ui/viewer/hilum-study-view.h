/* hilum-study-view.h — the images of one study side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-image-slot.h"
#include "hilum-image-view.h"
#include "hilum-presets.h"
#include "hilum-study.h"

G_BEGIN_DECLS

#define HILUM_TYPE_STUDY_VIEW (hilum_study_view_get_type ())
G_DECLARE_FINAL_TYPE (HilumStudyView, hilum_study_view, HILUM, STUDY_VIEW, GtkWidget)

/*
 * Shows the FRONTAL and LATERAL slots of a study side by side (and PRIOR-FRONTAL when
 * the study has one). Images are decoded in parallel when the study is set; a failed
 * image shows an error in its slot and emits "image-failed" (path, message).
 * "loaded" is emitted when no image is being decoded any more.
 *
 * Linking window/level is *relative*: a view's window center and width are mapped to
 * fractions of its image's value range (min..max of the first frame) and the other
 * views get the same fractions of their own ranges. Frontal and lateral radiographs are
 * exposed differently and may be stored with different bit depths, so copying the
 * absolute values would make one of them white or black.
 *
 * Actions (group "study"): preset(s), user-preset(u), save-preset, swap-views,
 * assign((us)), link-window-level (stateful), next-frame, previous-frame,
 * choose-prior, remove-prior.
 * Properties bound to GSettings: link-window-level, show-overlays, show-patient-info,
 * invert-vertical-drag, pointer-tool.
 */
GtkWidget      *hilum_study_view_new              (void);
HilumStudy     *hilum_study_view_get_study        (HilumStudyView *self);
void            hilum_study_view_set_study        (HilumStudyView *self,
                                                   HilumStudy     *study);
HilumImageSlot *hilum_study_view_get_slot         (HilumStudyView *self,
                                                   HilumSlot       slot);
HilumImageView *hilum_study_view_get_view         (HilumStudyView *self,
                                                   HilumSlot       slot);
/* TRUE while an image of the study is being decoded. */
gboolean        hilum_study_view_get_loading      (HilumStudyView *self);
void            hilum_study_view_swap_views       (HilumStudyView *self);
/* Shows @path (an image of the study) in @slot; the image that was there moves to the
 * slot @path came from. */
void            hilum_study_view_assign           (HilumStudyView *self,
                                                   HilumSlot       slot,
                                                   const char     *path);
/* Shows the image file @path in the prior place, as the user's choice (remembered);
 * its header is read in a thread. */
void            hilum_study_view_set_prior_path   (HilumStudyView *self,
                                                   const char     *path);
/* Empties the prior place (remembered: the automatic prior does not come back). */
void            hilum_study_view_remove_prior     (HilumStudyView *self);
/* The slot the user worked in last (focus or click). */
HilumSlot       hilum_study_view_get_active_slot  (HilumStudyView *self);
/* Focuses the image view of @slot; FALSE when it has no image. */
gboolean        hilum_study_view_focus_slot       (HilumStudyView *self,
                                                   HilumSlot       slot);
void            hilum_study_view_apply_preset     (HilumStudyView *self,
                                                   HilumPreset     preset);
gboolean        hilum_study_view_get_link_window_level (HilumStudyView *self);
void            hilum_study_view_set_link_window_level (HilumStudyView *self,
                                                        gboolean        link);

G_END_DECLS
