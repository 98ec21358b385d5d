/* hilum-sync-engine.c — one sync of a store with a server: pull, merge, push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-sync-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-backoff.h"
#include "hilum-json.h"
#include "hilum-merge.h"
#include "hilum-secondary-capture.h"
#include "hilum-remote-image.h"
#include "hilum-sync-engine.h"
#include "hilum-sync-error.h"
#include "hilum-sync-payload.h"
#include "hilum-transfer-pool.h"

#define ATTACHMENT "hilum"
#define CHANGES_PAGE 1000
/* A study edited on two clients at once can be refused a few times in a row; past
 * this the edit stays pending for the next run. */
#define MAX_PUSH_ROUNDS 8
/* Requests in flight at once, and answers waiting to be taken: enough to keep the
 * network busy while the engine parses, merges and stores. */
#define N_CONNECTIONS 4
#define WINDOW 32
/* Studies stored in one transaction during a pull or push. */
#define BATCH 64

struct _HilumSyncEngine
{
  GObject               parent_instance;

  HilumStore           *store;
  HilumOrthanc         *orthanc;
  char                 *server_name;
  HilumSyncImageSource  image_source;
  gpointer              image_source_data;
  HilumSyncStudyMerged  merged_func;
  gpointer              merged_data;
  guint                 retry_base_ms;
  guint                 retry_max_ms;
  guint                 retry_attempts;
  char                 *identity;      /* (nullable) the store's, on what it pushes */
};

G_DEFINE_FINAL_TYPE (HilumSyncEngine, hilum_sync_engine, G_TYPE_OBJECT)

typedef enum
{
  PULL_ABSENT,      /* the server has no document of the study */
  PULL_UNCHANGED,   /* 304: what this store has */
  PULL_APPLIED,
  PULL_PROBLEM,     /* unreadable, or of another study: reported, left alone */
} PullOutcome;

typedef struct
{
  HilumSyncEngine  *self;
  HilumSyncSummary *summary;
  GCancellable     *cancellable;
  GHashTable       *changed;   /* study ids in summary->changed */
  GHashTable       *pushed;    /* remote id → documents pushed in this run */
  GHashTable       *deleted;   /* study ids in summary->deleted_on_server */
} Run;

#define RUN_INIT(engine, cancel) \
  { (engine), hilum_sync_summary_new (), (cancel), \
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), \
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), \
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) }

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->summary, hilum_sync_summary_free);
  g_clear_pointer (&run->changed, g_hash_table_unref);
  g_clear_pointer (&run->pushed, g_hash_table_unref);
  g_clear_pointer (&run->deleted, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

void
hilum_sync_conflict_free (HilumSyncConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->study_id);
  g_free (self->finding_id);
  g_free (self->field);
  g_free (self->local);
  g_free (self->remote);
  g_free (self);
}

HilumSyncSummary *
hilum_sync_summary_new (void)
{
  HilumSyncSummary *self = g_new0 (HilumSyncSummary, 1);

  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_sync_conflict_free);
  self->deleted_on_server = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->changed = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
hilum_sync_summary_free (HilumSyncSummary *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->conflicts);
  g_ptr_array_unref (self->deleted_on_server);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->changed);
  g_free (self);
}

char *
hilum_sync_engine_changes_key (const HilumServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return g_strconcat ("changes:", hilum_server_get_key (server), NULL);
}

static void
note_changed (Run        *run,
              const char *study_id)
{
  if (g_hash_table_add (run->changed, g_strdup (study_id)))
    g_ptr_array_add (run->summary->changed, g_strdup (study_id));
}

static void
note_problem (Run    *run,
              GError *error)
{
  for (guint i = 0; i < run->summary->problems->len; i++)
    if (g_str_equal (run->summary->problems->pdata[i], error->message))
      return;
  g_ptr_array_add (run->summary->problems, g_strdup (error->message));
}

static void
note_deleted (Run        *run,
              const char *study_id)
{
  /* A set beside the list: a server emptied of 100,000 studies is not 10¹⁰ compares. */
  if (!g_hash_table_add (run->deleted, g_strdup (study_id)))
    return;
  g_ptr_array_add (run->summary->deleted_on_server, g_strdup (study_id));
}

/* After a transient failure: waits (cancellably) and says to try again, or gives up. */
static gboolean
retry_after (Run           *run,
             HilumBackoff  *backoff,
             GError       **error)
{
  guint delay_ms;

  if (!hilum_sync_error_is_transient (*error) || !hilum_backoff_next (backoff, &delay_ms))
    return FALSE;
  g_debug ("retrying in %u ms: %s", delay_ms, (*error)->message);
  g_clear_error (error);
  for (guint waited = 0; waited < delay_ms; waited += 20)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      g_usleep (20 * 1000);
    }
  return TRUE;
}

static void
backoff_init (Run          *run,
              HilumBackoff *backoff)
{
  hilum_backoff_init (backoff, run->self->retry_base_ms, run->self->retry_max_ms,
                      run->self->retry_attempts, 0);
}

static gboolean
remote_matches_study (Run           *run,
                      const char    *remote_id,
                      HilumDocument *document,
                      GError       **error)
{
  g_autoptr(JsonObject) study = NULL;
  g_autofree char *uid = hilum_remote_study_uid (document);
  JsonObject *tags;
  const char *remote_uid;

  study = hilum_orthanc_get_study (run->self->orthanc, remote_id, run->cancellable, error);
  if (study == NULL)
    return FALSE;
  tags = hilum_json_get_object (study, "MainDicomTags");
  remote_uid = tags != NULL ? hilum_json_get_string (tags, "StudyInstanceUID", NULL) : NULL;
  if (g_strcmp0 (remote_uid, uid) != 0)
    {
      g_set_error (error, HILUM_SYNC_PAYLOAD_ERROR, HILUM_SYNC_PAYLOAD_ERROR_WRONG_STUDY,
                   _("The server’s annotations of study “%s” belong to another study."),
                   hilum_document_get_study_id (document));
      return FALSE;
    }
  return TRUE;
}

static void
take_conflicts (Run              *run,
                const char       *study_id,
                HilumMergeResult *result)
{
  for (guint i = 0; result->conflicts != NULL && i < result->conflicts->len; i++)
    {
      HilumMergeConflict *found = result->conflicts->pdata[i];
      HilumSyncConflict *conflict = g_new0 (HilumSyncConflict, 1);

      conflict->study_id = g_strdup (study_id);
      conflict->finding_id = g_strdup (found->finding_id);
      conflict->field = g_strdup (found->field);
      conflict->local = g_strdup (found->local);
      conflict->remote = g_strdup (found->remote);
      g_ptr_array_add (run->summary->conflicts, conflict);
    }
}

/* Takes the server's document of one study into the store, merged with the local one.
 * @known_study_id NULL: the study is new to this store. */
static gboolean
pull_study (Run           *run,
            const char    *remote_id,
            const char    *known_study_id,
            HilumTransfer *prefetched,
            PullOutcome   *outcome,
            GError       **error)
{
  HilumSyncEngine *self = run->self;

  *outcome = PULL_UNCHANGED;

  for (guint round = 0; round < MAX_PUSH_ROUNDS; round++)
    {
      g_autoptr(HilumSyncRecord) record = NULL;
      g_autoptr(HilumDocument) remote = NULL;
      g_autoptr(HilumDocument) base = NULL;
      g_autoptr(HilumDocument) local = NULL;
      g_autoptr(HilumMergeResult) result = NULL;
      g_autoptr(JsonNode) audit = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *version = NULL;
      g_autofree char *remote_json = NULL;
      g_autofree char *remote_by = NULL;
      HilumBackoff backoff;
      const char *study_id = known_study_id;
      gboolean got;

      if (study_id != NULL &&
          (record = hilum_store_get_sync_record (self->store, study_id, error)) == NULL)
        return FALSE;

      /* The pool's answer, when it asked with what the store still holds. */
      if (round == 0 && prefetched != NULL &&
          g_strcmp0 (prefetched->condition, record ? record->remote_version : NULL) == 0)
        {
          got = prefetched->ok;
          body = prefetched->body ? g_bytes_ref (prefetched->body) : NULL;
          version = g_strdup (prefetched->version);
          local_error = prefetched->error ? g_error_copy (prefetched->error) : NULL;
        }
      else
        {
          backoff_init (run, &backoff);
          while (!(got = hilum_orthanc_get_attachment (self->orthanc, remote_id, ATTACHMENT,
                                                       record ? record->remote_version : NULL,
                                                       &body, &version, run->cancellable, &local_error)) &&
                 retry_after (run, &backoff, &local_error))
            ;
          hilum_backoff_clear (&backoff);
        }
      if (!got)
        {
          if (g_error_matches (local_error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
            {
              *outcome = PULL_ABSENT;   /* no annotations yet, or the study is gone */
              return TRUE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (body == NULL)
        return TRUE;       /* 304: what this store already has */

      if (!hilum_sync_payload_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                     study_id, &remote, &audit, &remote_by, &local_error))
        {
          note_problem (run, local_error);
          *outcome = PULL_PROBLEM;
          return TRUE;
        }
      if (study_id == NULL)
        {
          /* A document that names a study: only when the server's study is that one. */
          if (!remote_matches_study (run, remote_id, remote, &local_error))
            {
              if (local_error->domain == HILUM_SYNC_ERROR)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              note_problem (run, local_error);
              *outcome = PULL_PROBLEM;
              return TRUE;
            }
          study_id = hilum_document_get_study_id (remote);
          /* Imported here too, never synced: merged with no common base. */
          record = hilum_store_get_sync_record (self->store, study_id, NULL);
        }

      /* Nothing edited here since the last sync (no outbox, the document as it was
       * synced): the server's document is the merge, without parsing ours. */
      if (record != NULL && record->outbox_last == 0 && record->base_json != NULL &&
          g_str_equal (record->json, record->base_json))
        ;
      else if (record != NULL)
        {
          local = hilum_document_new_from_string (record->json, -1, error);
          if (local == NULL)
            return FALSE;
          if (record->base_json != NULL &&
              (base = hilum_document_new_from_string (record->base_json, -1, error)) == NULL)
            return FALSE;
        }

      if (local != NULL)
        {
          result = hilum_merge_documents_by (base, local, remote, self->identity, remote_by, &local_error);
          if (result == NULL)
            {
              note_problem (run, local_error);
              *outcome = PULL_PROBLEM;
              return TRUE;
            }
        }

      remote_json = hilum_document_to_string (remote, FALSE);
      if (!hilum_store_apply_remote (self->store, study_id, record ? record->revision : -1,
                                     result ? result->merged : remote, remote_json, version,
                                     remote_id, result ? result->operation : NULL, &local_error))
        {
          if (g_error_matches (local_error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED))
            continue;      /* an edit landed meanwhile: merge again with it */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* The union of both logs, once the study is in the store. */
      if (!hilum_store_add_audit_events (self->store, study_id, json_node_get_array (audit), NULL, error))
        return FALSE;
      *outcome = PULL_APPLIED;
      run->summary->pulled++;
      if (result != NULL && result->n_local_changes > 0)
        run->summary->merged++;
      if (result != NULL)
        take_conflicts (run, study_id, result);
      if (result == NULL || result->operation != NULL)
        {
          note_changed (run, study_id);
          if (self->merged_func != NULL)
            self->merged_func (study_id, result ? result->operation : NULL, self->merged_data);
        }
      return TRUE;
    }
  return TRUE;
}

/* A study on the server with no document of Hilum's: its row and a fresh document here,
 * which the push then puts on the server. */
static gboolean
adopt_study (Run        *run,
             const char *remote_id,
             GError    **error)
{
  g_autoptr(JsonObject) study = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *tags;
  const char *uid;

  study = hilum_orthanc_get_study (run->self->orthanc, remote_id, run->cancellable, &local_error);
  if (study == NULL)
    {
      if (g_error_matches (local_error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
        return TRUE;   /* deleted again meanwhile */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  tags = hilum_json_get_object (study, "MainDicomTags");
  uid = tags != NULL ? hilum_json_get_string (tags, "StudyInstanceUID", NULL) : NULL;
  if (uid == NULL || hilum_store_has_study (run->self->store, uid))
    return uid == NULL || hilum_store_set_remote_id (run->self->store, uid, remote_id, error);

  document = hilum_document_new (uid);
  /* Its images as the server lists them, so the study opens here (downloaded on
   * demand) and boxes have images to belong to. */
  {
    g_autoptr(JsonArray) instances = NULL;
    g_autofree char *path = g_strdup_printf ("studies/%s/instances", uid);

    instances = hilum_orthanc_qido (run->self->orthanc, path,
                                    "includefield=00185101&includefield=00280010&includefield=00280011",
                                    run->cancellable, &local_error);
    if (instances == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (json_array_get_length (instances) > 0)
      {
        g_autoptr(JsonNode) images = hilum_remote_images_from_qido (instances);
        g_autoptr(HilumOperation) set_images = hilum_operation_new_set_document_field ("images", images);

        hilum_document_apply (document, set_images, NULL);
      }
  }
  if (tags != NULL && hilum_json_get_string (tags, "StudyDate", NULL) != NULL)
    {
      g_autoptr(HilumOperation) date =
        hilum_operation_new_set_study_text ("study_date", hilum_json_get_string (tags, "StudyDate", NULL));

      hilum_document_apply (document, date, NULL);
    }
  if (!hilum_store_put_document (run->self->store, document, error) ||
      !hilum_store_set_remote_id (run->self->store, uid, remote_id, error))
    return FALSE;
  run->summary->pulled++;
  note_changed (run, uid);
  return TRUE;
}

static gboolean
pull_remote_study (Run           *run,
                   const char    *remote_id,
                   const char    *study_id,
                   HilumTransfer *prefetched,
                   GError       **error)
{
  PullOutcome outcome;

  if (!pull_study (run, remote_id, study_id, prefetched, &outcome, error))
    return FALSE;
  if (study_id == NULL && outcome == PULL_ABSENT)
    return adopt_study (run, remote_id, error);
  return TRUE;
}

static gboolean
pull_studies_batched (Run        *run,
                      GPtrArray  *remote_ids,
                      GHashTable *deleted,
                      GError    **error)
{
  HilumSyncEngine *self = run->self;
  g_autoptr(HilumTransferPool) pool = NULL;
  guint next = 0;
  guint in_batch = 0;
  pool = hilum_transfer_pool_new (self->orthanc, MIN (N_CONNECTIONS, remote_ids->len), self->retry_base_ms,
                                  self->retry_max_ms, self->retry_attempts, run->cancellable);
  while (next < remote_ids->len || hilum_transfer_pool_get_n_outstanding (pool) > 0)
    {
      g_autoptr(HilumTransfer) done = NULL;

      while (next < remote_ids->len && hilum_transfer_pool_get_n_outstanding (pool) < WINDOW)
        {
          const char *remote_id = remote_ids->pdata[next++];
          g_autofree char *study_id = NULL;
          g_autoptr(HilumSyncRecord) record = NULL;
          GError *local_error = NULL;
          HilumTransfer *transfer;

          if (g_hash_table_contains (deleted, remote_id))
            continue;
          study_id = hilum_store_find_remote_study (self->store, remote_id, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (study_id != NULL)
            record = hilum_store_get_sync_record (self->store, study_id, NULL);
          transfer = hilum_transfer_new (HILUM_TRANSFER_GET, remote_id, record ? record->remote_version : NULL);
          transfer->study_id = g_steal_pointer (&study_id);
          hilum_transfer_pool_push (pool, transfer);
        }
      if ((done = hilum_transfer_pool_pop (pool)) == NULL)
        break;
      if (done->error != NULL && !g_error_matches (done->error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&done->error));
          return FALSE;
        }
      if (!pull_remote_study (run, done->remote_id, done->study_id, done, error))
        return FALSE;
      /* What is stored goes to disk now and then, and the UI's writes get their turn. */
      if (++in_batch == BATCH && !(in_batch = 0) &&
          (!hilum_store_end_batch (self->store, error) || !hilum_store_begin_batch (self->store, error)))
        return FALSE;
    }
  return TRUE;
}

/* A conditional GET of each changed study on the pool's connections; each answer is
 * merged and stored here, in order, while the next ones travel — BATCH studies to a
 * transaction. */
static gboolean
pull_studies (Run        *run,
              GPtrArray  *remote_ids,
              GHashTable *deleted,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (remote_ids->len == 0)
    return TRUE;
  if (!hilum_store_begin_batch (run->self->store, error))
    return FALSE;
  ok = pull_studies_batched (run, remote_ids, deleted, &local_error);
  /* Even after a failure: every study merged so far is whole and stays. */
  if (!hilum_store_end_batch (run->self->store, ok ? &local_error : NULL))
    ok = FALSE;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static gboolean
pull (Run     *run,
      GError **error)
{
  HilumSyncEngine *self = run->self;
  const HilumServer *server = hilum_http_client_get_server (hilum_orthanc_get_client (self->orthanc));
  g_autofree char *key = hilum_sync_engine_changes_key (server);
  g_autofree char *since_text = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *remote_id;
  gint64 since = 0;
  gint64 saved;
  gboolean done = FALSE;

  since_text = hilum_store_get_sync_value (self->store, key, error);
  if (since_text != NULL)
    since = g_ascii_strtoll (since_text, NULL, 10);
  saved = since;

  while (!done)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) local_error = NULL;
      HilumBackoff backoff;
      gint64 last = since;

      backoff_init (run, &backoff);
      while ((changes = hilum_orthanc_get_changes (self->orthanc, since, CHANGES_PAGE, &last, &done,
                                                   run->cancellable, &local_error)) == NULL &&
             retry_after (run, &backoff, &local_error))
        ;
      hilum_backoff_clear (&backoff);
      if (changes == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint i = 0; i < changes->len; i++)
        {
          HilumOrthancChange *change = changes->pdata[i];

          if (g_strcmp0 (change->resource_type, "Study") != 0)
            continue;
          if (g_str_equal (change->change_type, "Deleted"))
            g_hash_table_add (deleted, g_strdup (change->id));
          else if (g_hash_table_add (seen, g_strdup (change->id)))
            g_ptr_array_add (order, g_strdup (change->id));
        }
      /* Deleting a study erases its change rows: the log can shrink. */
      if (last < since)
        {
          since = 0;
          continue;
        }
      since = last;
      if (changes->len == 0)
        break;
    }

  if (!pull_studies (run, order, deleted, error))
    return FALSE;

  g_hash_table_iter_init (&iter, deleted);
  while (g_hash_table_iter_next (&iter, (gpointer *) &remote_id, NULL))
    {
      g_autofree char *study_id = hilum_store_find_remote_study (self->store, remote_id, NULL);

      if (study_id != NULL)
        {
          if (!hilum_store_set_remote_deleted (self->store, study_id, TRUE, error))
            return FALSE;
          note_deleted (run, study_id);
        }
    }

  /* Saved last: a run cut short reads the same changes again, and pulling a study
   * twice costs a 304. */
  if (since != saved)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, since);

      if (!hilum_store_set_sync_value (self->store, key, text, error))
        return FALSE;
    }
  return TRUE;
}

/* Orthanc 1.10 erases a deleted study's change rows and accepts attachments for ids it
 * no longer has, so a deletion shows nowhere else: when the server counts fewer studies
 * than this store knows there, the ids are compared (rare, and O(studies) only then). */
static gboolean
find_deleted (Run     *run,
              GError **error)
{
  HilumSyncEngine *self = run->self;
  g_autoptr(GHashTable) local = NULL;
  g_autoptr(GPtrArray) remote = NULL;
  GHashTableIter iter;
  const char *remote_id;
  const char *study_id;
  gint64 n_remote;

  n_remote = hilum_orthanc_count_studies (self->orthanc, run->cancellable, error);
  if (n_remote < 0)
    return FALSE;
  if (n_remote >= (gint64) hilum_store_count_remote_studies (self->store))
    return TRUE;

  if ((local = hilum_store_list_remote_studies (self->store, error)) == NULL ||
      (remote = hilum_orthanc_list_studies (self->orthanc, run->cancellable, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < remote->len; i++)
    g_hash_table_remove (local, remote->pdata[i]);
  g_hash_table_iter_init (&iter, local);
  while (g_hash_table_iter_next (&iter, (gpointer *) &remote_id, (gpointer *) &study_id))
    {
      if (!hilum_store_set_remote_deleted (self->store, study_id, TRUE, error))
        return FALSE;
      note_deleted (run, study_id);
    }
  return TRUE;
}

/* The server's id of a local study, uploading its images when the server lacks them. */
static char *
ensure_remote_study (Run           *run,
                     const char    *study_id,
                     HilumDocument *document,
                     GError       **error)
{
  HilumSyncEngine *self = run->self;
  g_autofree char *uid = hilum_remote_study_uid (document);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  HilumBackoff backoff;
  char *remote_id;
  gboolean stored;

  remote_id = hilum_orthanc_lookup_study (self->orthanc, uid, run->cancellable, &local_error);
  if (remote_id != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return remote_id;
    }

  if (self->image_source == NULL ||
      (files = self->image_source (study_id, document, self->image_source_data, &local_error)) == NULL)
    {
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND,
                   _("The study “%s” is not on the server yet and its images are not at hand to upload (%s)."),
                   study_id, local_error ? local_error->message : _("no image folder"));
      return NULL;
    }
  backoff_init (run, &backoff);
  while (!(stored = hilum_orthanc_store_instances (self->orthanc, files, run->cancellable, &local_error)) &&
         retry_after (run, &backoff, &local_error))
    ;
  hilum_backoff_clear (&backoff);
  if (!stored)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  run->summary->uploaded++;
  remote_id = hilum_orthanc_lookup_study (self->orthanc, uid, run->cancellable, error);
  if (remote_id == NULL && error != NULL && *error == NULL)
    g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_MALFORMED,
                 _("The server %s accepted the images of “%s” but does not list the study."),
                 self->server_name, study_id);
  return remote_id;
}

static gboolean
push_study (Run        *run,
            const char *study_id,
            GError    **error)
{
  HilumSyncEngine *self = run->self;

  for (guint round = 0; round < MAX_PUSH_ROUNDS; round++)
    {
      g_autoptr(HilumSyncRecord) record = NULL;
      g_autoptr(HilumDocument) document = NULL;
      g_autoptr(JsonNode) audit = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *remote_id = NULL;
      g_autofree char *version = NULL;
      HilumBackoff backoff;
      gboolean conflict = FALSE;
      gboolean put;

      if ((record = hilum_store_get_sync_record (self->store, study_id, error)) == NULL)
        return FALSE;
      if (record->remote_deleted)
        return TRUE;
      if ((document = hilum_document_new_from_string (record->json, -1, error)) == NULL)
        return FALSE;

      remote_id = g_strdup (record->remote_id);
      if (remote_id == NULL)
        {
          remote_id = ensure_remote_study (run, study_id, document, &local_error);
          if (remote_id == NULL)
            {
              if (local_error->domain == HILUM_SYNC_ERROR &&
                  !g_error_matches (local_error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              note_problem (run, local_error);
              return TRUE;
            }
          if (!hilum_store_set_remote_id (self->store, study_id, remote_id, error))
            return FALSE;
        }

      if ((audit = hilum_store_get_audit_events (self->store, study_id, error)) == NULL)
        return FALSE;
      {
        char *text = hilum_sync_payload_build (record->json, audit, self->identity);

        body = g_bytes_new_take (text, strlen (text));
      }

      backoff_init (run, &backoff);
      while (!(put = hilum_orthanc_put_attachment (self->orthanc, remote_id, ATTACHMENT, body,
                                                   record->remote_version, &version, &conflict,
                                                   run->cancellable, &local_error)) &&
             retry_after (run, &backoff, &local_error))
        ;
      hilum_backoff_clear (&backoff);
      if (!put)
        {
          if (g_error_matches (local_error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
            {
              /* Deleted on the server: the document stays here, and is reported. */
              if (!hilum_store_set_remote_deleted (self->store, study_id, TRUE, error))
                return FALSE;
              note_deleted (run, study_id);
              return TRUE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (conflict)
        {
          PullOutcome outcome;

          /* The server moved on: merge with what it has, then push the merge. Never
           * over a document that cannot be read: that is reported and left alone. */
          if (!pull_study (run, remote_id, study_id, NULL, &outcome, error))
            return FALSE;
          if (outcome == PULL_PROBLEM)
            return TRUE;
          continue;
        }
      if (!hilum_store_mark_pushed (self->store, study_id, record->json, version, remote_id,
                                    record->outbox_last, error))
        return FALSE;
      run->summary->pushed++;
      g_hash_table_replace (run->pushed, g_strdup (remote_id),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (run->pushed, remote_id)) + 1));
      return TRUE;
    }
  return TRUE;
}

static gboolean
push (Run     *run,
      GError **error)
{
  HilumSyncEngine *self = run->self;
  g_autoptr(GPtrArray) pending = hilum_store_list_unsynced (self->store, error);
  g_autoptr(HilumTransferPool) pool = NULL;
  guint next = 0;

  if (pending == NULL)
    return FALSE;
  if (pending->len == 0)
    return TRUE;

  /* Studies already on the server go up on the pool's connections; the rest (to find
   * or upload first), a refused one (409: merge first) and a deleted one take the
   * careful way, one by one. */
  pool = hilum_transfer_pool_new (self->orthanc, MIN (N_CONNECTIONS, pending->len), self->retry_base_ms,
                                  self->retry_max_ms, self->retry_attempts, run->cancellable);
  while (next < pending->len || hilum_transfer_pool_get_n_outstanding (pool) > 0)
    {
      g_autoptr(HilumTransfer) done = NULL;

      while (next < pending->len && hilum_transfer_pool_get_n_outstanding (pool) < WINDOW)
        {
          const char *study_id = pending->pdata[next++];
          g_autoptr(HilumSyncRecord) record = NULL;
          g_autofree char *audit = NULL;
          HilumTransfer *transfer;
          char *text;

          if ((record = hilum_store_get_sync_record (self->store, study_id, error)) == NULL)
            return FALSE;
          if (record->remote_deleted)
            continue;
          if (record->remote_id == NULL)
            {
              if (!push_study (run, study_id, error))
                return FALSE;
              continue;
            }
          if ((audit = hilum_store_get_audit_events_json (self->store, study_id, error)) == NULL)
            return FALSE;
          text = hilum_sync_payload_build_text (record->json, audit, self->identity);
          transfer = hilum_transfer_new (HILUM_TRANSFER_PUT, record->remote_id, record->remote_version);
          transfer->body = g_bytes_new_take (text, strlen (text));
          transfer->study_id = g_strdup (study_id);
          transfer->json = g_strdup (record->json);
          transfer->outbox_last = record->outbox_last;
          hilum_transfer_pool_push (pool, transfer);
        }
      if ((done = hilum_transfer_pool_pop (pool)) == NULL)
        break;
      if (done->ok && !done->conflict)
        {
          if (!hilum_store_mark_pushed (self->store, done->study_id, done->json, done->version,
                                        done->remote_id, done->outbox_last, error))
            return FALSE;
          run->summary->pushed++;
          g_hash_table_replace (run->pushed, g_strdup (done->remote_id),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (run->pushed, done->remote_id)) + 1));
        }
      else if (done->ok || g_error_matches (done->error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
        {
          if (!push_study (run, done->study_id, error))
            return FALSE;
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&done->error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Each push is a change on the server that the next pull would read and answer with a
 * 304: when everything since the last pull is this run's own pushes, the log is read
 * past them now. Anything else in it (another client, the same study twice more than
 * pushed) and it is left for the pull. */
static gboolean
absorb_own_changes (Run     *run,
                    GError **error)
{
  HilumSyncEngine *self = run->self;
  const HilumServer *server = hilum_http_client_get_server (hilum_orthanc_get_client (self->orthanc));
  g_autofree char *key = hilum_sync_engine_changes_key (server);
  g_autofree char *since_text = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 since;
  gint64 last;
  gboolean done = FALSE;

  if (g_hash_table_size (run->pushed) == 0)
    return TRUE;
  since_text = hilum_store_get_sync_value (self->store, key, error);
  since = since_text != NULL ? g_ascii_strtoll (since_text, NULL, 10) : 0;
  last = since;
  while (!done)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 page_last = last;

      changes = hilum_orthanc_get_changes (self->orthanc, last, CHANGES_PAGE, &page_last, &done,
                                           run->cancellable, &local_error);
      if (changes == NULL)
        return TRUE;   /* the next pull reads them */
      for (guint i = 0; i < changes->len; i++)
        {
          HilumOrthancChange *change = changes->pdata[i];
          guint pushes = GPOINTER_TO_UINT (g_hash_table_lookup (run->pushed, change->id));
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, change->id)) + 1;

          if (!g_str_equal (change->change_type, "UpdatedAttachment") || count > pushes)
            return TRUE;
          g_hash_table_replace (seen, g_strdup (change->id), GUINT_TO_POINTER (count));
        }
      if (page_last <= last)
        break;
      last = page_last;
    }
  if (last != since)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, last);

      return hilum_store_set_sync_value (self->store, key, text, error);
    }
  return TRUE;
}

static void
hilum_sync_engine_finalize (GObject *object)
{
  HilumSyncEngine *self = HILUM_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->orthanc);
  g_clear_pointer (&self->server_name, g_free);
  g_clear_pointer (&self->identity, g_free);

  G_OBJECT_CLASS (hilum_sync_engine_parent_class)->finalize (object);
}

static void
hilum_sync_engine_class_init (HilumSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_sync_engine_finalize;
}

static void
hilum_sync_engine_init (HilumSyncEngine *self)
{
  self->retry_base_ms = 500;
  self->retry_max_ms = 30000;
  self->retry_attempts = 6;
}

HilumSyncEngine *
hilum_sync_engine_new (HilumStore   *store,
                       HilumOrthanc *orthanc)
{
  HilumSyncEngine *self;

  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (HILUM_IS_ORTHANC (orthanc), NULL);

  self = g_object_new (HILUM_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->orthanc = g_object_ref (orthanc);
  self->server_name = hilum_server_get_display_name (
    hilum_http_client_get_server (hilum_orthanc_get_client (orthanc)));
  /* Without one (a read-only store) conflicts just cannot say whose each value is. */
  self->identity = hilum_store_get_identity (store, NULL);
  return self;
}

void
hilum_sync_engine_set_image_source (HilumSyncEngine      *self,
                                    HilumSyncImageSource  source,
                                    gpointer              user_data)
{
  g_return_if_fail (HILUM_IS_SYNC_ENGINE (self));
  self->image_source = source;
  self->image_source_data = user_data;
}

void
hilum_sync_engine_set_merged_func (HilumSyncEngine      *self,
                                   HilumSyncStudyMerged  func,
                                   gpointer              user_data)
{
  g_return_if_fail (HILUM_IS_SYNC_ENGINE (self));
  self->merged_func = func;
  self->merged_data = user_data;
}

void
hilum_sync_engine_set_retry (HilumSyncEngine *self,
                             guint            base_ms,
                             guint            max_ms,
                             guint            max_attempts)
{
  g_return_if_fail (HILUM_IS_SYNC_ENGINE (self));
  self->retry_base_ms = base_ms;
  self->retry_max_ms = max_ms;
  self->retry_attempts = max_attempts;
}

gboolean
hilum_sync_engine_run (HilumSyncEngine   *self,
                       HilumSyncSummary **summary,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_auto(Run) run = RUN_INIT (self, cancellable);

  /* Pull first: pending edits then merge with what others did before going up, and
   * the push is rarely refused. */
  gint64 start = g_get_monotonic_time ();

  if (!pull (&run, error))
    return FALSE;
  g_debug ("pull: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (!find_deleted (&run, error))
    return FALSE;
  g_debug ("deletions: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (!push (&run, error))
    return FALSE;
  g_debug ("push: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (!absorb_own_changes (&run, error))
    return FALSE;
  if (summary != NULL)
    *summary = g_steal_pointer (&run.summary);
  return TRUE;
}

gboolean
hilum_sync_engine_take_studies (HilumSyncEngine  *self,
                                const char      **study_uids,
                                guint            *n_taken,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_auto(Run) run = RUN_INIT (self, cancellable);
  guint taken = 0;

  g_return_val_if_fail (HILUM_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (study_uids != NULL, FALSE);

  for (guint i = 0; study_uids[i] != NULL; i++)
    {
      g_autofree char *remote_id = NULL;
      g_autoptr(GError) local_error = NULL;

      if (hilum_store_has_study (self->store, study_uids[i]))
        continue;
      remote_id = hilum_orthanc_lookup_study (self->orthanc, study_uids[i], cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Listed by QIDO, gone by now: nothing to take. */
      if (remote_id == NULL)
        continue;
      if (!pull_remote_study (&run, remote_id, NULL, NULL, error))
        return FALSE;
      taken++;
    }
  if (n_taken != NULL)
    *n_taken = taken;
  return TRUE;
}
