/* hilum-study-loader.h — between scanned studies and the store's documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-document.h"
#include "hilum-store.h"
#include "hilum-study.h"

G_BEGIN_DECLS

/*
 * A scanned study enters the store as a document listing its images (image_id: the SOP
 * Instance UID, else the file name; role from the slot; "file": the absolute path; width,
 * height, view_position), so it shows in the worklist and can be annotated. A study
 * picked in the worklist is built back from its document's images (their headers are
 * read again; a missing file becomes a failure of the study, and its report still opens).
 * No GTK here: these run in worker threads.
 */

/* (transfer full) a new document for @study */
HilumDocument *hilum_study_loader_new_document      (HilumStudy     *study);
/* (transfer full) the built-in demo study's document: a short bilingual report of two
 * findings, the first with a box on the frontal image, by a demo reader */
HilumDocument *hilum_study_loader_new_demo_document (HilumStudy     *study);
/* Puts a document for each of @studies the store does not have yet (@demo: the demo
 * document); the number put. Blocking (worker thread). */
guint          hilum_study_loader_register          (HilumStore     *store,
                                                     GPtrArray      *studies,
                                                     gboolean        demo,
                                                     GError        **error);
/* (transfer full) a study of the images of @document; blocking (reads headers). With
 * @store, an image whose file is not here is taken from the image cache; one of a
 * server study that is not cached either is marked unavailable (it was never
 * downloaded), so its slot says so. */
HilumStudy    *hilum_study_loader_build             (HilumDocument  *document,
                                                     HilumStore     *store,
                                                     GCancellable   *cancellable);
/* (nullable) the image_id in @document of the image file @header shows (matched by
 * SOP Instance UID, then path, then file name) */
const char    *hilum_study_loader_find_image_id     (HilumDocument  *document,
                                                     HilumImage     *header);

G_END_DECLS
