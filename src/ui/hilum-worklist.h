/* hilum-worklist.h — the sidebar list of opened studies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-study.h"

G_BEGIN_DECLS

#define HILUM_TYPE_WORKLIST (hilum_worklist_get_type ())
G_DECLARE_FINAL_TYPE (HilumWorklist, hilum_worklist, HILUM, WORKLIST, GtkWidget)

/* Properties: "selected-study" (HilumStudy, nullable), "busy". */
GtkWidget  *hilum_worklist_new                 (void);
/* Replaces the list with @studies (HilumStudy). */
void        hilum_worklist_set_studies         (HilumWorklist *self,
                                                GPtrArray     *studies);
/* (transfer none) the studies, as a list model of HilumStudy */
GListModel *hilum_worklist_get_model           (HilumWorklist *self);
HilumStudy *hilum_worklist_get_selected_study  (HilumWorklist *self);
/* Selects the study with @study_id; FALSE when there is none. */
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
/* TRUE when the keyboard focus is in the list. */
gboolean    hilum_worklist_has_focus           (HilumWorklist *self);

G_END_DECLS
