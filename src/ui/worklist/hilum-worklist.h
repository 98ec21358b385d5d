/* hilum-worklist.h — the sidebar list of studies: the store's worklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-store.h"
#include "hilum-study.h"
#include "hilum-worklist-item.h"
#include "hilum-workspace.h"

G_BEGIN_DECLS

#define HILUM_TYPE_WORKLIST (hilum_worklist_get_type ())
G_DECLARE_FINAL_TYPE (HilumWorklist, hilum_worklist, HILUM, WORKLIST, GtkWidget)

/*
 * With a workspace that has a store, the list is the store's worklist
 * (hilum_workspace_query_worklist_async, filtered by the search entry and ordered by the
 * sort menu): every study ever opened or imported, with its status. Without one (the
 * store could not be opened) it lists the studies opened in this run. Rows are recycled (GtkListView), so 100,000
 * studies scroll as fast as ten.
 *
 * Properties: "selected-study" (HilumStudy, nullable: notified whenever the selected row
 * changes, also when its study has not been built yet — see "selected-id"),
 * "selected-id" (nullable), "busy" (files are being scanned), "querying".
 */
GtkWidget  *hilum_worklist_new                 (void);
/* The application's workspace (nullable): the rows are its store's. */
void        hilum_worklist_set_workspace       (HilumWorklist  *self,
                                                HilumWorkspace *workspace);
/* The studies scanned in this run (HilumStudy); with a store the list is queried
 * again, else it becomes these studies. */
void        hilum_worklist_set_studies         (HilumWorklist *self,
                                                GPtrArray     *studies);
/* Queries the store again (after edits, an import), keeping the selection. */
void        hilum_worklist_refresh             (HilumWorklist *self);
/* Reads @study_id's row again (its status and counts after an edit) without querying
 * the whole list: the row changes in place, the order stays until the next refresh. */
void        hilum_worklist_update_study        (HilumWorklist *self,
                                                const char    *study_id);
/* (transfer none) the rows, a list model of HilumWorklistItem */
GListModel *hilum_worklist_get_model           (HilumWorklist *self);
/* (nullable) */
HilumWorklistItem *hilum_worklist_get_selected_item (HilumWorklist *self);
/* (nullable) the selected row's study, when it has one (scanned or built) */
HilumStudy *hilum_worklist_get_selected_study  (HilumWorklist *self);
/* (nullable) */
const char *hilum_worklist_get_selected_id     (HilumWorklist *self);
/* Selects the study with @study_id; FALSE when there is none. While a query runs the
 * choice waits for its rows. */
gboolean    hilum_worklist_select_study_id     (HilumWorklist *self,
                                                const char    *study_id);
/* Moves the selection by @step (+1 next, -1 previous); FALSE at either end. */
gboolean    hilum_worklist_select_relative     (HilumWorklist *self,
                                                int            step);
/* Shows a spinner and @message while files are scanned. */
void        hilum_worklist_set_busy            (HilumWorklist *self,
                                                gboolean       busy,
                                                const char    *message);
gboolean    hilum_worklist_get_busy            (HilumWorklist *self);
/* TRUE while the store is being queried. */
gboolean    hilum_worklist_get_querying        (HilumWorklist *self);
/* TRUE when the keyboard focus is in the list. */
gboolean    hilum_worklist_has_focus           (HilumWorklist *self);
/* Focuses the search entry (Ctrl+F). */
void        hilum_worklist_focus_search        (HilumWorklist *self);
/* Focuses the list (F6). */
gboolean    hilum_worklist_focus_list          (HilumWorklist *self);
void        hilum_worklist_set_search          (HilumWorklist *self,
                                                const char    *text);
/* Lists only @study_ids (a server query's studies; NULL: all again) under a bar that says
 * @label and has Show All. */
void        hilum_worklist_show_only           (HilumWorklist      *self,
                                                const char * const *study_ids,
                                                const char         *label);
gboolean    hilum_worklist_get_showing_only    (HilumWorklist *self);

G_END_DECLS
