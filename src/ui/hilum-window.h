/* hilum-window.h — the main window: worklist, study view, opening files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hilum-application.h"
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

G_END_DECLS
