/* hilum-window.h — the main window: worklist, study view, opening files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-application.h"
#include "hilum-box-layer.h"
#include "hilum-report-panel.h"
#include "hilum-session.h"
#include "hilum-study-view.h"
#include "hilum-worklist.h"

G_BEGIN_DECLS

#define HILUM_TYPE_WINDOW (hilum_window_get_type ())
G_DECLARE_FINAL_TYPE (HilumWindow, hilum_window, HILUM, WINDOW, AdwApplicationWindow)

HilumWindow    *hilum_window_new              (HilumApplication   *application);
/* Scans @paths (files and folders, NULL-terminated) in a thread and lists the studies
 * found; the remembered study, else the first, is shown. */
void            hilum_window_open_paths       (HilumWindow        *self,
                                               const char * const *paths);
/* The same, showing @prior (nullable) as the prior image of the study shown. */
void            hilum_window_open_paths_with_prior (HilumWindow        *self,
                                                    const char * const *paths,
                                                    const char         *prior);
/* Opens what was open at the last run, or the demo study at the first start. */
void            hilum_window_restore          (HilumWindow        *self);
HilumStudyView *hilum_window_get_study_view   (HilumWindow        *self);
HilumWorklist  *hilum_window_get_worklist     (HilumWindow        *self);
/* TRUE while files are scanned or images decoded. */
gboolean        hilum_window_get_busy         (HilumWindow        *self);
/* (nullable) the text of the last toast shown, for tests and assistive tools */
const char     *hilum_window_get_last_toast   (HilumWindow        *self);
/* The report beside the images. */
HilumReportPanel *hilum_window_get_report_panel (HilumWindow      *self);
/* (nullable) the editing session of the study shown (cached per study while the app
 * runs, so each study keeps its undo history) */
HilumSession   *hilum_window_get_session      (HilumWindow        *self);
/* (nullable) the boxes over the image view of @slot (frontal or lateral) */
HilumBoxLayer  *hilum_window_get_box_layer    (HilumWindow        *self,
                                               HilumSlot           slot);
/* (nullable) the store the worklist and the edits use */
HilumStore     *hilum_window_get_store        (HilumWindow        *self);
/* Shows @message in a toast. */
void            hilum_window_show_message     (HilumWindow        *self,
                                               const char         *message);
/* (transfer none) the bar of server images downloading (a HilumDownloadBar) */
GtkWidget      *hilum_window_get_download_bar (HilumWindow        *self);

G_END_DECLS
