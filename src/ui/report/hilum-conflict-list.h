/* hilum-conflict-list.h — the sync conflicts of a finding, or of the study
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-session.h"

G_BEGIN_DECLS

/*
 * A column of HilumConflictCard. With a finding id it holds that finding's conflicts
 * (the finding row shows it under its texts); without one, those of the study and those
 * of findings this copy no longer has (an edit on one computer against a deletion on
 * the other), which the report panel shows above everything. Hidden while empty.
 * hilum_conflict_list_sync() rebuilds the cards only when the set of conflicts changed,
 * so an Edit… being typed survives other edits. Signal "operation-failed".
 */

#define HILUM_TYPE_CONFLICT_LIST (hilum_conflict_list_get_type ())
G_DECLARE_FINAL_TYPE (HilumConflictList, hilum_conflict_list, HILUM, CONFLICT_LIST, GtkWidget)

/* @finding_id: (nullable) */
GtkWidget *hilum_conflict_list_new     (const char        *finding_id);
/* @session: (nullable) */
void       hilum_conflict_list_set_session (HilumConflictList *self,
                                            HilumSession      *session);
void       hilum_conflict_list_sync    (HilumConflictList *self);
guint      hilum_conflict_list_get_n_conflicts (HilumConflictList *self);

G_END_DECLS
