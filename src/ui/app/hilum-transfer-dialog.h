/* hilum-transfer-dialog.h — importing and exporting dataset files, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-format.h"
#include "hilum-window.h"

G_BEGIN_DECLS

#define HILUM_TYPE_TRANSFER_DIALOG (hilum_transfer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HilumTransferDialog, hilum_transfer_dialog, HILUM, TRANSFER_DIALOG, AdwWindow)

/*
 * Import… and Export… of the main menu. The file, the format, the images folder (for
 * image sizes) and, for export, all studies or the one shown are chosen; the work runs
 * in the core's worker (hilum_import_file_async, hilum_export_store_async) with a
 * progress bar and can be cancelled. At the end the dialog
 * says how many studies were imported or exported and lists the records that failed
 * with the reason (and warnings, such as boxes clipped by the MAIRA-2 crop).
 * Importing a hilum-study/1 document of a study already in the store applies the
 * difference through the study's editing session: one undo step in the window.
 * Signal "finished" when the work ended (also when it failed or was cancelled).
 */

HilumTransferDialog *hilum_transfer_dialog_new          (HilumWindow         *window,
                                                        gboolean             export);
void                 hilum_transfer_dialog_set_format   (HilumTransferDialog *self,
                                                        HilumFormat          format);
void                 hilum_transfer_dialog_set_path     (HilumTransferDialog *self,
                                                        const char          *path);
void                 hilum_transfer_dialog_set_images_dir (HilumTransferDialog *self,
                                                          const char          *dir);
/* Export: only the study shown (else every study of the store). */
void                 hilum_transfer_dialog_set_current_only (HilumTransferDialog *self,
                                                            gboolean             current_only);
void                 hilum_transfer_dialog_start        (HilumTransferDialog *self);
void                 hilum_transfer_dialog_cancel       (HilumTransferDialog *self);
gboolean             hilum_transfer_dialog_get_running  (HilumTransferDialog *self);
/* (transfer none) "Replace the Edited Studies Too", shown after an import that kept
 * studies edited here since their import */
GtkWidget           *hilum_transfer_dialog_get_replace_button (HilumTransferDialog *self);
/* (nullable) the text shown at the end: counts, then failed records and warnings */
const char          *hilum_transfer_dialog_get_summary  (HilumTransferDialog *self);

G_END_DECLS
