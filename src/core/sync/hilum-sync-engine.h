/* hilum-sync-engine.h — one sync of a store with a server: pull, merge, push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-orthanc.h"
#include "hilum-store-sync.h"

G_BEGIN_DECLS

/*
 * A run reads the server's /changes since the last sequence number this store saw,
 * fetches each changed study's document (conditional GET: an unchanged one costs a 304),
 * merges it three ways with the local one (base = what this store last synced) and stores
 * the result; then pushes every pending study with If-Match of the version it was based
 * on. A push refused as stale (409) pulls that study, merges and pushes again. Each study
 * is its own transaction in the store, so quitting, a crash or the server dying leaves
 * every study either as it was or synced — never half, never doubled.
 *
 * Blocking: run it on a worker thread, with a store connection of that thread.
 */

typedef struct
{
  char *study_id;
  char *finding_id;   /* (nullable) a study field's conflict has none */
  char *field;
  char *local;        /* JSON text of each side's value */
  char *remote;
} HilumSyncConflict;

void hilum_sync_conflict_free (HilumSyncConflict *self);

typedef struct
{
  guint      pushed;             /* documents written to the server */
  guint      pulled;             /* server documents taken into the store */
  guint      merged;             /* of those, merged with local edits */
  guint      uploaded;           /* studies whose images were uploaded */
  GPtrArray *conflicts;          /* HilumSyncConflict: the ones this run found */
  GPtrArray *deleted_on_server;  /* study ids: kept here, no longer on the server */
  GPtrArray *problems;           /* translated messages about single studies */
  GPtrArray *changed;            /* study ids whose local document this run changed */
} HilumSyncSummary;

HilumSyncSummary *hilum_sync_summary_new  (void);
void              hilum_sync_summary_free (HilumSyncSummary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumSyncSummary, hilum_sync_summary_free)

/* The DICOM files (GBytes each) of a local study that is not on the server yet — as
 * they are, or PNG/JPEG wrapped as Secondary Capture; NULL with @error when they are not
 * at hand. Called on the engine's thread. */
typedef GPtrArray *(*HilumSyncImageSource) (const char     *study_id,
                                            HilumDocument  *document,
                                            gpointer        user_data,
                                            GError        **error);

/* Called on the engine's thread once a pulled study's new document is in the store,
 * with the operation that turned the previous document into it (an open edit session
 * applies it). */
typedef void (*HilumSyncStudyMerged) (const char     *study_id,
                                      HilumOperation *operation,
                                      gpointer        user_data);

#define HILUM_TYPE_SYNC_ENGINE (hilum_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (HilumSyncEngine, hilum_sync_engine, HILUM, SYNC_ENGINE, GObject)

HilumSyncEngine  *hilum_sync_engine_new              (HilumStore           *store,
                                                      HilumOrthanc         *orthanc);
void              hilum_sync_engine_set_image_source (HilumSyncEngine      *self,
                                                      HilumSyncImageSource  source,
                                                      gpointer              user_data);
void              hilum_sync_engine_set_merged_func  (HilumSyncEngine      *self,
                                                      HilumSyncStudyMerged  func,
                                                      gpointer              user_data);
/* Waits between retries of a transient failure (defaults 500 ms doubling to 30 s, 6
 * tries); tests make them short. */
void              hilum_sync_engine_set_retry        (HilumSyncEngine      *self,
                                                      guint                 base_ms,
                                                      guint                 max_ms,
                                                      guint                 max_attempts);

/* One run. FALSE when the server could not be used at all (address, TLS, password,
 * network after the retries): then nothing local changed in this run that had not
 * synced. Problems with single studies do not fail the run; they are in the summary. */
gboolean          hilum_sync_engine_run              (HilumSyncEngine      *self,
                                                      HilumSyncSummary    **summary,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

/* The store key under which the last /changes sequence number of @server is kept. */
/* The studies of @study_uids (NULL-terminated; e.g. what a QIDO-RS query found) the
 * store lacks: each gets its row and document now (the server's annotations, or a new
 * document listing its images), without waiting for the next run. */
gboolean          hilum_sync_engine_take_studies     (HilumSyncEngine      *self,
                                                      const char          **study_uids,
                                                      guint                *n_taken,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
char             *hilum_sync_engine_changes_key      (const HilumServer    *server);

G_END_DECLS
