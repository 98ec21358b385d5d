/* hilum-worklist-item.h — one row of the worklist: a study of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-store.h"
#include "hilum-study.h"

G_BEGIN_DECLS

#define HILUM_TYPE_WORKLIST_ITEM (hilum_worklist_item_get_type ())
G_DECLARE_FINAL_TYPE (HilumWorklistItem, hilum_worklist_item, HILUM, WORKLIST_ITEM, GObject)

/*
 * Light on purpose (the worklist may hold 100,000 of them): the store's row, and the
 * scanned HilumStudy once there is one (scanned in this run, or built from the document
 * when the study was first shown).
 */

/* Takes @row. */
HilumWorklistItem *hilum_worklist_item_new_from_row  (HilumWorklistRow  *row);
/* An item of a scanned study, for a window without a store. */
HilumWorklistItem *hilum_worklist_item_new_for_study (HilumStudy        *study);
const char        *hilum_worklist_item_get_study_id  (HilumWorklistItem *self);
/* The study's title for the list: the scanned study's when the store has only its id. */
const char        *hilum_worklist_item_get_title     (HilumWorklistItem *self);
HilumStudyStatus   hilum_worklist_item_get_status    (HilumWorklistItem *self);
guint              hilum_worklist_item_get_n_findings (HilumWorklistItem *self);
guint              hilum_worklist_item_get_n_boxes   (HilumWorklistItem *self);
/* the sync conflicts its document holds, to resolve in the report */
guint              hilum_worklist_item_get_n_conflicts (HilumWorklistItem *self);
/* (nullable) */
HilumStudy        *hilum_worklist_item_get_study     (HilumWorklistItem *self);
void               hilum_worklist_item_set_study     (HilumWorklistItem *self,
                                                      HilumStudy        *study);

G_END_DECLS
