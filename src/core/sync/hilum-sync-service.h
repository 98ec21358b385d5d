/* hilum-sync-service.h — sync in the background: when, in which thread, in which state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-image-fetcher.h"
#include "hilum-study-query.h"
#include "hilum-sync-engine.h"

G_BEGIN_DECLS

/*
 * What the app holds: it pushes soon after an edit and pulls every minute (and on Sync
 * Now), one run at a time on a worker thread with its own store connection, so the UI
 * never waits for the network. Its state is what the header shows. A run's merges come
 * back on the main thread as "study-merged", for the open edit session to follow.
 */
typedef enum
{
  HILUM_SYNC_STATE_DISCONNECTED,  /* no server set */
  HILUM_SYNC_STATE_SYNCING,
  HILUM_SYNC_STATE_SYNCED,
  HILUM_SYNC_STATE_PENDING,       /* edits not on the server yet */
  HILUM_SYNC_STATE_OFFLINE,       /* the server cannot be reached; edits wait */
  HILUM_SYNC_STATE_CONFLICTS,     /* studies with conflicts to resolve */
  HILUM_SYNC_STATE_ERROR,         /* the server refused: see the message */
} HilumSyncState;

/* 4 GiB of images, until the settings say otherwise */
#define HILUM_SYNC_SERVICE_DEFAULT_CACHE_LIMIT (G_GUINT64_CONSTANT (4) << 30)

#define HILUM_TYPE_SYNC_SERVICE (hilum_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (HilumSyncService, hilum_sync_service, HILUM, SYNC_SERVICE, GObject)

/* @store is the main thread's connection (the counts are read through it); runs open
 * their own connection to the same file. */
HilumSyncService *hilum_sync_service_new            (HilumStore        *store);
/* @server NULL disconnects. Starts a run soon. */
void              hilum_sync_service_set_server     (HilumSyncService  *self,
                                                     const HilumServer *server,
                                                     const char        *password);
const HilumServer *hilum_sync_service_get_server    (HilumSyncService  *self);
/* Seconds between pulls (default 60; 0: only on demand and after edits). */
void              hilum_sync_service_set_interval   (HilumSyncService  *self,
                                                     guint              seconds);
/* An edit was committed: push it soon (edits in a burst go up together). */
void              hilum_sync_service_edit_committed (HilumSyncService  *self);
void              hilum_sync_service_sync_now       (HilumSyncService  *self);

/* The image files of a local study (DICOM, PNG, JPEG), for uploading it when the server
 * does not have it yet: DICOM goes as is, PNG and JPEG wrapped as Secondary Capture.
 * The app tells it what it scanned. @paths: NULL-terminated. */
void              hilum_sync_service_add_image_files (HilumSyncService  *self,
                                                      const char        *study_id,
                                                      const char * const *paths);

HilumSyncState    hilum_sync_service_get_state      (HilumSyncService  *self);
guint             hilum_sync_service_get_n_pending  (HilumSyncService  *self);
guint             hilum_sync_service_get_n_conflicts (HilumSyncService *self);
/* (nullable) Why the last run failed, in the UI language. */
const char       *hilum_sync_service_get_message    (HilumSyncService  *self);
/* (nullable) The summary of the last run that went through. */
HilumSyncSummary *hilum_sync_service_get_last_summary (HilumSyncService *self);
/* A short text for the header: "Synced", "3 pending", "Offline" … (translated). */
char             *hilum_sync_service_describe       (HilumSyncService  *self);
/* Reads the counts from the store again (after an edit, a resolution). */
void              hilum_sync_service_update_counts  (HilumSyncService  *self);

/* Searches the server's studies (QIDO-RS, at most HILUM_SYNC_SERVICE_QUERY_LIMIT per
 * field searched) on a worker thread; each found gets its row and document in the store.
 * The finish returns their Study Instance UIDs, newest first (GStrv). */
#define HILUM_SYNC_SERVICE_QUERY_LIMIT 500
void              hilum_sync_service_find_studies_async  (HilumSyncService      *self,
                                                          const HilumStudyQuery *query,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
char            **hilum_sync_service_find_studies_finish (HilumSyncService      *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* (transfer none) the images of server studies, on demand (connected with the server) */
HilumImageFetcher *hilum_sync_service_get_image_fetcher (HilumSyncService *self);

G_END_DECLS
