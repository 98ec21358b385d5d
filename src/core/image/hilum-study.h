/* hilum-study.h — the images of one study and which one is shown in which slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_TYPE_STUDY (hilum_study_get_type ())
G_DECLARE_FINAL_TYPE (HilumStudy, hilum_study, HILUM, STUDY, GObject)

typedef enum
{
  HILUM_SLOT_FRONTAL = 0,
  HILUM_SLOT_LATERAL,
  HILUM_SLOT_PRIOR_FRONTAL,
  HILUM_N_SLOTS
} HilumSlot;

/* A study groups image files: DICOM by StudyInstanceUID; PNG/JPEG by folder. Files are
 * known by their header (hilum_decode_header) until the study is opened. */
HilumStudy   *hilum_study_new                 (const char   *study_id);
const char   *hilum_study_get_id              (HilumStudy   *self);
/* A readable title: study description/date, else the folder name. */
const char   *hilum_study_get_title           (HilumStudy   *self);
void          hilum_study_set_title           (HilumStudy   *self,
                                               const char   *title);
/* Adds a file's header image; assigns slots from the views (DESIGN.md order). */
void          hilum_study_add_image           (HilumStudy   *self,
                                               HilumImage   *header);
GListModel   *hilum_study_get_images          (HilumStudy   *self);
/* (nullable) the header image shown in @slot */
HilumImage   *hilum_study_get_slot            (HilumStudy   *self,
                                               HilumSlot     slot);
void          hilum_study_set_slot            (HilumStudy   *self,
                                               HilumSlot     slot,
                                               HilumImage   *header);
void          hilum_study_swap_views          (HilumStudy   *self);
/* An image of an older study of the same patient: listed, shown in PRIOR_FRONTAL. */
void          hilum_study_add_prior_image     (HilumStudy   *self,
                                               HilumImage   *header);
gboolean      hilum_study_is_prior            (HilumStudy   *self,
                                               HilumImage   *header);
/* The user's choice of prior (a file they picked, a remembered or command-line choice):
 * like add_prior_image, and the slot counts as chosen. Empty it with
 * hilum_study_set_slot (self, HILUM_SLOT_PRIOR_FRONTAL, NULL). */
void          hilum_study_set_prior_image     (HilumStudy   *self,
                                               HilumImage   *header);
/* The slot showing @header, HILUM_N_SLOTS when none. */
HilumSlot     hilum_study_find_slot           (HilumStudy   *self,
                                               HilumImage   *header);
/* Whether the user (or a remembered choice) decided what @slot shows. */
gboolean      hilum_study_get_slot_user_set   (HilumStudy   *self,
                                               HilumSlot     slot);
/* Orders the images by view (frontal, lateral, unknown), then file name. */
void          hilum_study_sort_images         (HilumStudy   *self);
/* Signals: "changed" after any change of images, slots or failures; the slots are
 * also properties ("frontal", "lateral", "prior-frontal") with notify. */
/* Files that could not be read while scanning, with the reason. */
GPtrArray    *hilum_study_get_failures        (HilumStudy   *self);
void          hilum_study_add_failure         (HilumStudy   *self,
                                               const char   *message);

/* Scans files and folders (recursively) into studies, grouping DICOM by
 * StudyInstanceUID. Files that fail are kept as failures on the study of their folder,
 * or in @failures (array of translated strings) when no study takes them. */
GPtrArray    *hilum_scan_paths                (const char * const *paths,
                                               GPtrArray    *failures,
                                               GCancellable *cancellable);

/* Identification rule from DESIGN.md: ViewPosition, then descriptions, then shape. */
HilumView     hilum_identify_view             (const char   *view_position,
                                               const char   *series_description,
                                               const char   *protocol_name,
                                               guint         width,
                                               guint         height);

/* An image of the study that is not on this computer (a server study's image never
 * downloaded): the slot shows @message instead of decoding @path. */
void          hilum_study_set_unavailable     (HilumStudy   *self,
                                               const char   *path,
                                               const char   *message);
/* (nullable) */
const char   *hilum_study_get_unavailable     (HilumStudy   *self,
                                               const char   *path);
guint         hilum_study_count_unavailable   (HilumStudy   *self);

G_END_DECLS
