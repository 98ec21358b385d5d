/* hilum-workspace.h — the application's state: the store, the open sessions, background work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-session.h"
#include "hilum-store.h"
#include "hilum-study.h"
#include "hilum-worklist-item.h"

G_BEGIN_DECLS

/*
 * One per application (DESIGN.md §Layout: application state lives in the core, never in
 * a window). It owns the store, a cache of editing sessions (one per study, so every
 * window edits the same document and shares its undo history) and runs the slow work
 * in worker threads as _async/_finish pairs. No GTK: the CLI and the tests use it too.
 *
 * Signals:
 * "study-changed" (const char *study_id): the stored document of @study_id changed (an
 *   operation of one of its sessions); NULL when any study may have changed (studies
 *   put by a scan). Worklists follow it.
 * "session-changed" (const char *study_id): the session of @study_id (NULL: of every
 *   study) was dropped (the reader changed); who holds it gets the new one with
 *   hilum_workspace_get_session().
 */

#define HILUM_TYPE_WORKSPACE (hilum_workspace_get_type ())
G_DECLARE_FINAL_TYPE (HilumWorkspace, hilum_workspace, HILUM, WORKSPACE, GObject)

/* Opens the store at @store_path (NULL: the user's default store). A store that cannot
 * be opened leaves the workspace without one (images can still be viewed);
 * hilum_workspace_get_store_error() says why. */
HilumWorkspace *hilum_workspace_new                 (const char      *store_path);
/* A workspace on @store (nullable: without a store). */
HilumWorkspace *hilum_workspace_new_for_store       (HilumStore      *store);
/* (nullable) (transfer none) */
HilumStore     *hilum_workspace_get_store           (HilumWorkspace  *self);
/* (nullable) why the store could not be opened */
const GError   *hilum_workspace_get_store_error     (HilumWorkspace  *self);

/* Who edits: new sessions are of this reader (an empty id or name: the user's login or
 * real name). A change drops every session ("session-changed" with NULL). */
void            hilum_workspace_set_reader          (HilumWorkspace  *self,
                                                     const char      *reader_id,
                                                     const char      *reader_name,
                                                     HilumReaderRole  role);

/* (nullable) (transfer none) the session of @study_id: the cached one, else one on the
 * stored document, else (with @study) on a new document of @study, put in the store.
 * NULL without a store (nothing could be saved) or when the study cannot be read. */
HilumSession   *hilum_workspace_get_session         (HilumWorkspace  *self,
                                                     const char      *study_id,
                                                     HilumStudy      *study,
                                                     GError         **error);

/* Scans @paths (files and folders) for studies and puts a document for each new one in
 * the store (@demo: the demo's document with its short report). */
void            hilum_workspace_scan_async          (HilumWorkspace      *self,
                                                     const char * const  *paths,
                                                     gboolean             demo,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* (transfer full) the HilumStudy found (maybe none). @failures: (out) (optional)
 * (transfer full) messages about files no study took; @store_error: (out) (optional)
 * why the studies could not all be put in the store — they are returned all the same.
 * NULL only with @error set (cancelled). */
GPtrArray      *hilum_workspace_scan_finish         (HilumWorkspace  *self,
                                                     GAsyncResult    *result,
                                                     GPtrArray      **failures,
                                                     GError         **store_error,
                                                     GError         **error);

/* A study of the store not scanned in this run: built from its document's images
 * (their headers are read again; a missing file becomes a failure of the study). */
void            hilum_workspace_build_study_async   (HilumWorkspace      *self,
                                                     const char          *study_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
HilumStudy     *hilum_workspace_build_study_finish  (HilumWorkspace  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

/* Writes the built-in demo study (once); the folder it is in. */
void            hilum_workspace_ensure_demo_async   (HilumWorkspace      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char           *hilum_workspace_ensure_demo_finish  (HilumWorkspace  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

/* The worklist rows (hilum_store_query_worklist() of any status), made into
 * HilumWorklistItem in the worker. */
void            hilum_workspace_query_worklist_async (HilumWorkspace      *self,
                                                      const char          *search,
                                                      HilumWorklistSort    sort,
                                                      gboolean             descending,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* (transfer full) HilumWorklistItem */
GPtrArray      *hilum_workspace_query_worklist_finish (HilumWorkspace  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

/* The row of one study (after an edit). */
void            hilum_workspace_query_worklist_item_async  (HilumWorkspace      *self,
                                                            const char          *study_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* (nullable) (transfer full) NULL without @error when the store has no such study */
HilumWorklistItem *hilum_workspace_query_worklist_item_finish (HilumWorkspace  *self,
                                                               GAsyncResult    *result,
                                                               GError         **error);

/* A sync stored a new document of @study_id: its open session follows it. */
void            hilum_workspace_study_synced        (HilumWorkspace  *self,
                                                     const char      *study_id);

/* The translator's queue: the ids of the studies whose translation needs work
 * (hilum_translation_needs_work()), in the store's order, read in a worker on a
 * read-only connection of its own (it reads every document). */
void            hilum_workspace_query_translation_queue_async  (HilumWorkspace      *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
/* (transfer full) study ids (char *) */
GPtrArray      *hilum_workspace_query_translation_queue_finish (HilumWorkspace  *self,
                                                                GAsyncResult    *result,
                                                                GError         **error);

/* The store's integrity check (hilum_store_check_integrity) on a connection of its own
 * in a worker: TRUE when it is sound (or there is no store). */
void            hilum_workspace_check_store_async   (HilumWorkspace      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hilum_workspace_check_store_finish  (HilumWorkspace      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
