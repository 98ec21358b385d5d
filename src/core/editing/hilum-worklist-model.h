/* hilum-worklist-model.h — the worklist's rows as a list model that is replaced whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-worklist-item.h"

G_BEGIN_DECLS

#define HILUM_TYPE_WORKLIST_MODEL (hilum_worklist_model_get_type ())
G_DECLARE_FINAL_TYPE (HilumWorklistModel, hilum_worklist_model, HILUM, WORKLIST_MODEL, GObject)

/*
 * A GListModel of HilumWorklistItem over one array. A new query result replaces the
 * array in one step (one "items-changed"), and the 100,000 old rows are freed in a
 * worker thread, so the UI thread never walks them one by one (GListStore's splice
 * does, in a balanced tree).
 */
HilumWorklistModel *hilum_worklist_model_new     (void);
/* Takes @items (HilumWorklistItem, a free func that unrefs them). */
void                hilum_worklist_model_replace (HilumWorklistModel *self,
                                                  GPtrArray          *items);
/* Replaces the row at @position (takes a reference on @item). */
void                hilum_worklist_model_set_item (HilumWorklistModel *self,
                                                   guint               position,
                                                   HilumWorklistItem  *item);

G_END_DECLS
