/* hilum-study-fields.h — the study's indication, technique, comparison and prior
 * report, and its status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-session.h"

G_BEGIN_DECLS

/*
 * Each edit is a set-study-field operation on the session; hilum_study_fields_sync()
 * shows the document again (the report panel calls it on the session's "changed"),
 * touching only what differs. Signal "operation-failed" (const char *message).
 */

#define HILUM_TYPE_STUDY_FIELDS (hilum_study_fields_get_type ())
G_DECLARE_FINAL_TYPE (HilumStudyFields, hilum_study_fields, HILUM, STUDY_FIELDS, GtkWidget)

GtkWidget       *hilum_study_fields_new              (void);
/* @session: (nullable) */
void             hilum_study_fields_set_session      (HilumStudyFields *self,
                                                      HilumSession     *session);
void             hilum_study_fields_sync             (HilumStudyFields *self);
/* (transfer none) the field of @field: "indication", "technique", "comparison" */
GtkEditable     *hilum_study_fields_get_entry        (HilumStudyFields *self,
                                                      const char       *field);
/* (transfer none) */
GtkTextView     *hilum_study_fields_get_prior_report (HilumStudyFields *self);
/* (transfer none) what the collapsed row says, e.g. "In progress" */
const char      *hilum_study_fields_get_summary      (HilumStudyFields *self);
void             hilum_study_fields_set_expanded     (HilumStudyFields *self,
                                                      gboolean          expanded);

G_END_DECLS
