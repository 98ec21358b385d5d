/* hilum-find-dialog.h — Find Studies on the Server: dates, modality, patient or study
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-sync-service.h"

G_BEGIN_DECLS

/*
 * A QIDO-RS search through the sync service, off the main thread: Find (or Return)
 * runs it, a spinner turns meanwhile, an error is said in the dialog in plain words
 * (a date that is not one, the server's answer) and the fields stay as typed. When it
 * succeeds, "found" (GStrv study ids, newest first; every one in the store) is emitted
 * and the dialog closes. The fields are remembered while the app runs.
 */

#define HILUM_TYPE_FIND_DIALOG (hilum_find_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HilumFindDialog, hilum_find_dialog, HILUM, FIND_DIALOG, AdwWindow)

GtkWidget *hilum_find_dialog_new      (GtkWindow        *parent,
                                       HilumSyncService *service);
/* For the tests: fills the fields and runs the search as Find would. */
void       hilum_find_dialog_find     (HilumFindDialog  *self,
                                       const char       *date_from,
                                       const char       *date_to,
                                       const char       *modality,
                                       const char       *text);
/* (nullable) the error shown */
const char *hilum_find_dialog_get_error (HilumFindDialog *self);

G_END_DECLS
