/* hilum-store-sync.h — what the sync engine reads from and writes to the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * Offline first: an edit is committed locally (documents + audit + outbox, one
 * transaction) long before any server sees it. Sync then works per study from three
 * versions of its document: the current one, the *base* (what the server had when this
 * store last synced it, documents.base_json) and the remote one. The outbox rows say a
 * study has edits the server has not seen; a study never synced (no remote version) is
 * pending too. A push that reached the server but whose answer was lost is harmless:
 * its outbox rows stay, the next push is refused as stale (its If-Match names the old
 * version), the engine pulls, merges (nothing differs) and marks it synced — nothing is
 * doubled.
 */

typedef struct
{
  char     *study_id;
  char     *json;             /* the current document */
  char     *base_json;        /* (nullable) the last synced document; NULL: never synced */
  char     *remote_version;   /* (nullable) the server's version (ETag) of base_json */
  char     *remote_id;        /* (nullable) the server's id of the study */
  gint64    revision;         /* local revision of json */
  gint64    outbox_last;      /* id of the newest outbox row when read; 0: none */
  gboolean  remote_deleted;   /* the study was deleted on the server; kept here */
} HilumSyncRecord;

void              hilum_sync_record_free          (HilumSyncRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumSyncRecord, hilum_sync_record_free)

/* Study ids with edits the server has not seen (outbox rows), or never synced, and not
 * deleted on the server; oldest edit first. GPtrArray of char*. */
GPtrArray        *hilum_store_list_unsynced       (HilumStore      *self,
                                                   GError         **error);
/* How many studies hilum_store_list_unsynced() lists; 0 on error. */
guint             hilum_store_count_unsynced      (HilumStore      *self);

/* (nullable) NULL with HILUM_STORE_ERROR_NOT_FOUND when the study is not in the store. */
HilumSyncRecord  *hilum_store_get_sync_record     (HilumStore      *self,
                                                   const char      *study_id,
                                                   GError         **error);

/* The server now holds @pushed_json as @remote_version: it becomes the base, and the
 * outbox rows up to @outbox_last (those the pushed document contains) are done. Edits
 * committed meanwhile keep their outbox rows. */
gboolean          hilum_store_mark_pushed         (HilumStore      *self,
                                                   const char      *study_id,
                                                   const char      *pushed_json,
                                                   const char      *remote_version,
                                                   const char      *remote_id,
                                                   gint64           outbox_last,
                                                   GError         **error);

/* Stores what a pull brought: @merged becomes the current document and @remote_json
 * (at @remote_version) the base, and @audit (nullable: the operation that turned the
 * local document into @merged, e.g. a batch) goes to the audit log — one transaction.
 * @expected_revision is the local revision the merge started from (-1: the study is new
 * here); when an edit was committed meanwhile nothing is written and the error is
 * HILUM_STORE_ERROR_CHANGED, so the engine merges again and no edit is lost. The
 * outbox is left alone: local edits not yet on the server still go up. */
gboolean          hilum_store_apply_remote        (HilumStore      *self,
                                                   const char      *study_id,
                                                   gint64           expected_revision,
                                                   HilumDocument   *merged,
                                                   const char      *remote_json,
                                                   const char      *remote_version,
                                                   const char      *remote_id,
                                                   HilumOperation  *audit,
                                                   GError         **error);

/* (nullable) The local study whose server id is @remote_id; NULL without error when
 * none is. By index: a pull costs the changes it reads, not the studies in the store. */
char             *hilum_store_find_remote_study   (HilumStore      *self,
                                                   const char      *remote_id,
                                                   GError         **error);
/* How many studies have a server id and are not known deleted there (by index). */
guint             hilum_store_count_remote_studies (HilumStore     *self);
/* Those studies: server id → study id. */
GHashTable       *hilum_store_list_remote_studies (HilumStore      *self,
                                                   GError         **error);
/* Records the server's id of a study that is on the server (found or uploaded) before
 * its document is. */
gboolean          hilum_store_set_remote_id       (HilumStore      *self,
                                                   const char      *study_id,
                                                   const char      *remote_id,
                                                   GError         **error);
/* (transfer full) this store's identity, a UUID made the first time it is asked for
 * and kept: which computer a synced value came from. NULL with @error set when it cannot
 * be stored. */
char             *hilum_store_get_identity        (HilumStore      *self,
                                                   GError         **error);
/* A study that stays on this computer (the built-in demo): never listed as unsynced,
 * never pushed. */
gboolean          hilum_store_set_local_only      (HilumStore      *self,
                                                   const char      *study_id,
                                                   GError         **error);
/* A study that was deleted on the server: its document stays here (and is reported),
 * and it is not pushed again until the user decides. */
gboolean          hilum_store_set_remote_deleted  (HilumStore      *self,
                                                   const char      *study_id,
                                                   gboolean         deleted,
                                                   GError         **error);

/* The audit log of a study as sync sends it: a JSON array of
 * {"event_id": "…", "op": {…}}, oldest first. */
JsonNode         *hilum_store_get_audit_events    (HilumStore      *self,
                                                   const char      *study_id,
                                                   GError         **error);
/* The same as JSON text, without parsing anything (what a push sends). */
char             *hilum_store_get_audit_events_json (HilumStore    *self,
                                                     const char    *study_id,
                                                     GError       **error);
/* Adds the events of @events (as above) that the log lacks — the union of two logs;
 * the number added in @n_added (nullable). Malformed entries are an error and nothing
 * is added. */
gboolean          hilum_store_add_audit_events    (HilumStore      *self,
                                                   const char      *study_id,
                                                   JsonArray       *events,
                                                   guint           *n_added,
                                                   GError         **error);

/* Small named values of the sync state (e.g. the last /changes sequence number of a
 * server); (nullable) NULL when unset. */
char             *hilum_store_get_sync_value      (HilumStore      *self,
                                                   const char      *key,
                                                   GError         **error);
gboolean          hilum_store_set_sync_value      (HilumStore      *self,
                                                   const char      *key,
                                                   const char      *value,
                                                   GError         **error);

G_END_DECLS
