/* hilum-finding-row.h — one finding of the report: number and colour, the two sentences,
 * polarity, labels, locations, progression and its boxes per reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-conflict-list.h"
#include "hilum-session.h"

G_BEGIN_DECLS

/*
 * Edits go straight to the session as operations; the row never changes itself. What
 * the document says comes back through hilum_finding_row_sync() (called by the report
 * panel on the session's "changed"), which touches only the fields whose value differs,
 * so the cursor of a field being typed in stays where it is.
 * Signals: "selected" when the user moves into the row (focus or click);
 * "operation-failed" (const char *message) when the session refused an edit.
 */

#define HILUM_TYPE_FINDING_ROW (hilum_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (HilumFindingRow, hilum_finding_row, HILUM, FINDING_ROW, GtkWidget)

GtkWidget       *hilum_finding_row_new               (HilumSession    *session,
                                                      const char      *finding_id);
const char      *hilum_finding_row_get_finding_id    (HilumFindingRow *self);
/* Re-reads the finding from the session's document. */
void             hilum_finding_row_sync              (HilumFindingRow *self);
/* @index: the finding's 0-based position in report order (number index + 1, colour). */
void             hilum_finding_row_set_index         (HilumFindingRow *self,
                                                      guint            index);
guint            hilum_finding_row_get_index         (HilumFindingRow *self);
void             hilum_finding_row_set_selected      (HilumFindingRow *self,
                                                      gboolean         selected);
gboolean         hilum_finding_row_get_selected      (HilumFindingRow *self);
/* "en" or "es": which sentence is on top. */
void             hilum_finding_row_set_language_first (HilumFindingRow *self,
                                                       const char      *lang);
/* Puts the keyboard in the top sentence; FALSE when it could not. */
gboolean         hilum_finding_row_focus_text        (HilumFindingRow *self);
/* (transfer none) the sentence field of @lang ("en", "es") */
GtkTextView     *hilum_finding_row_get_text_view     (HilumFindingRow *self,
                                                      const char      *lang);
/* (transfer none) the polarity and progression choosers */
GtkDropDown     *hilum_finding_row_get_polarity      (HilumFindingRow *self);
GtkDropDown     *hilum_finding_row_get_progression   (HilumFindingRow *self);
/* (transfer none) the HilumTermPicker of @field ("labels", "locations"); it shows on
 * the selected row only, the others show a one-line summary */
GtkWidget       *hilum_finding_row_get_term_picker   (HilumFindingRow *self,
                                                      const char      *field);
/* (transfer none) what the row says about the boxes, e.g. "Boxes: Ana 2 · r2 1" */
const char      *hilum_finding_row_get_boxes_text    (HilumFindingRow *self);

/* (transfer none) the conflicts of the finding, under its fields */
HilumConflictList *hilum_finding_row_get_conflicts (HilumFindingRow *self);

G_END_DECLS
