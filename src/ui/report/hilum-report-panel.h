/* hilum-report-panel.h — the report beside the images: study fields and the findings in
 * report order, positive and negative ones in two groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-conflict-list.h"
#include "hilum-session.h"

G_BEGIN_DECLS

/*
 * Properties: "session" (HilumSession, nullable), "selected-finding-id" (string, nullable;
 * bind it to the box layers' selection: setting it scrolls to and highlights the row),
 * "language-first" ("es" or "en": which sentence is on top; both are always shown).
 *
 * Every edit is an operation performed on the session; undo/redo are the window's (the
 * fields' own undo is off so Ctrl+Z reaches it). The panel follows the session's
 * "changed" and updates only what changed: typing keeps focus and cursor.
 *
 * Widget actions (activate with gtk_widget_activate_action (panel, "report.…", NULL) or
 * a shortcut whose action is on the panel); when focus is inside the panel they also
 * have keys of their own (hilum-report-panel.c, class_init):
 *   report.add-finding       a new finding after the selected one (same polarity), selected
 *                            and with the keyboard in its first sentence      Ctrl+Return
 *   report.remove-finding    the selected finding and all its boxes (one undo step)
 *   report.move-up / -down   within its group                         Alt+Shift+Up/Down
 *   report.next-finding / previous-finding    in the order shown      Alt+Down / Alt+Up
 *
 * With a translator's session only the sentences are editable: the other controls are
 * insensitive, the add/remove/move actions disabled (next/previous still work).
 *
 * Signal "operation-failed" (const char *message): the session refused an edit (e.g. the
 * store could not save it); the field shows the document's value again. Show the message.
 */

#define HILUM_TYPE_REPORT_PANEL (hilum_report_panel_get_type ())
G_DECLARE_FINAL_TYPE (HilumReportPanel, hilum_report_panel, HILUM, REPORT_PANEL, GtkWidget)

GtkWidget       *hilum_report_panel_new                    (void);
/* (nullable) (transfer none) */
HilumSession    *hilum_report_panel_get_session            (HilumReportPanel *self);
void             hilum_report_panel_set_session            (HilumReportPanel *self,
                                                            HilumSession     *session);
/* (nullable) */
const char      *hilum_report_panel_get_selected_finding_id (HilumReportPanel *self);
void             hilum_report_panel_set_selected_finding_id (HilumReportPanel *self,
                                                             const char       *finding_id);
const char      *hilum_report_panel_get_language_first     (HilumReportPanel *self);
void             hilum_report_panel_set_language_first     (HilumReportPanel *self,
                                                            const char       *lang);
/* (transfer full) the finding ids shown in the group of @polarity ("positive",
 * "negative"), top to bottom */
GStrv            hilum_report_panel_dup_finding_ids        (HilumReportPanel *self,
                                                            const char       *polarity);
/* (nullable) (transfer none) the row of a finding: a HilumFindingRow */
GtkWidget       *hilum_report_panel_get_row                (HilumReportPanel *self,
                                                            const char       *finding_id);
/* (transfer none) the study fields: a HilumStudyFields */
GtkWidget       *hilum_report_panel_get_study_fields       (HilumReportPanel *self);

/* (transfer none) the conflicts of the study and of findings gone from this copy */
HilumConflictList *hilum_report_panel_get_study_conflicts (HilumReportPanel *self);

G_END_DECLS
