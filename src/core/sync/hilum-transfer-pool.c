/* hilum-transfer-pool.c — attachment GETs and PUTs on a few connections at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-transfer-pool"

#include "config.h"

#include "hilum-backoff.h"
#include "hilum-sync-error.h"
#include "hilum-transfer-pool.h"

#define ATTACHMENT "hilum"

struct _HilumTransferPool
{
  GPtrArray    *threads;
  GAsyncQueue  *jobs;          /* HilumTransfer, or the pool itself to stop */
  GMutex        lock;
  GCond         done_cond;
  GQueue        order;         /* HilumTransfer in the order pushed */
  GHashTable   *finished;      /* HilumTransfer set */
  GCancellable *cancellable;
  guint         retry_base_ms;
  guint         retry_max_ms;
  guint         retry_attempts;
};

typedef struct
{
  HilumTransferPool *pool;
  HilumOrthanc      *orthanc;
} Worker;

HilumTransfer *
hilum_transfer_new (HilumTransferKind  kind,
                    const char        *remote_id,
                    const char        *condition)
{
  HilumTransfer *self = g_new0 (HilumTransfer, 1);

  self->kind = kind;
  self->remote_id = g_strdup (remote_id);
  self->condition = g_strdup (condition);
  return self;
}

void
hilum_transfer_free (HilumTransfer *self)
{
  if (self == NULL)
    return;
  g_free (self->remote_id);
  g_free (self->condition);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->study_id);
  g_free (self->json);
  g_free (self->version);
  g_clear_error (&self->error);
  g_free (self);
}

static void
run_transfer (Worker        *worker,
              HilumTransfer *transfer)
{
  HilumTransferPool *pool = worker->pool;
  HilumBackoff backoff;

  hilum_backoff_init (&backoff, pool->retry_base_ms, pool->retry_max_ms, pool->retry_attempts, 0);
  for (;;)
    {
      guint delay_ms;

      g_clear_error (&transfer->error);
      g_clear_pointer (&transfer->version, g_free);
      if (transfer->kind == HILUM_TRANSFER_GET)
        {
          GBytes *body = NULL;

          transfer->ok = hilum_orthanc_get_attachment (worker->orthanc, transfer->remote_id, ATTACHMENT,
                                                       transfer->condition, &body, &transfer->version,
                                                       pool->cancellable, &transfer->error);
          transfer->body = body;
        }
      else
        transfer->ok = hilum_orthanc_put_attachment (worker->orthanc, transfer->remote_id, ATTACHMENT,
                                                     transfer->body, transfer->condition, &transfer->version,
                                                     &transfer->conflict, pool->cancellable, &transfer->error);
      if (transfer->ok || !hilum_sync_error_is_transient (transfer->error) ||
          !hilum_backoff_next (&backoff, &delay_ms))
        break;
      for (guint waited = 0; waited < delay_ms && !g_cancellable_is_cancelled (pool->cancellable); waited += 20)
        g_usleep (20 * 1000);
    }
  hilum_backoff_clear (&backoff);
}

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  HilumTransferPool *pool = worker->pool;

  for (;;)
    {
      gpointer job = g_async_queue_pop (pool->jobs);

      if (job == pool)
        break;
      run_transfer (worker, job);
      g_mutex_lock (&pool->lock);
      g_hash_table_add (pool->finished, job);
      g_cond_broadcast (&pool->done_cond);
      g_mutex_unlock (&pool->lock);
    }
  g_object_unref (worker->orthanc);
  g_free (worker);
  return NULL;
}

HilumTransferPool *
hilum_transfer_pool_new (HilumOrthanc *orthanc,
                         guint         n_connections,
                         guint         retry_base_ms,
                         guint         retry_max_ms,
                         guint         retry_attempts,
                         GCancellable *cancellable)
{
  HilumTransferPool *self = g_new0 (HilumTransferPool, 1);

  self->jobs = g_async_queue_new ();
  self->threads = g_ptr_array_new ();
  self->finished = g_hash_table_new (NULL, NULL);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->retry_base_ms = retry_base_ms;
  self->retry_max_ms = retry_max_ms;
  self->retry_attempts = retry_attempts;
  g_mutex_init (&self->lock);
  g_cond_init (&self->done_cond);
  g_queue_init (&self->order);
  for (guint i = 0; i < MAX (n_connections, 1); i++)
    {
      Worker *worker = g_new0 (Worker, 1);

      worker->pool = self;
      /* The first one on the engine's own connection would share its handle: never. */
      worker->orthanc = hilum_orthanc_clone (orthanc);
      g_ptr_array_add (self->threads, g_thread_new ("hilum-transfer", worker_thread, worker));
    }
  return self;
}

void
hilum_transfer_pool_push (HilumTransferPool *self,
                          HilumTransfer     *transfer)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->order, transfer);
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->jobs, transfer);
}

HilumTransfer *
hilum_transfer_pool_pop (HilumTransferPool *self)
{
  HilumTransfer *next;

  g_mutex_lock (&self->lock);
  next = g_queue_peek_head (&self->order);
  while (next != NULL && !g_hash_table_contains (self->finished, next))
    g_cond_wait (&self->done_cond, &self->lock);
  if (next != NULL)
    {
      g_queue_pop_head (&self->order);
      g_hash_table_remove (self->finished, next);
    }
  g_mutex_unlock (&self->lock);
  return next;
}

guint
hilum_transfer_pool_get_n_outstanding (HilumTransferPool *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->order.length;
  g_mutex_unlock (&self->lock);
  return n;
}

void
hilum_transfer_pool_free (HilumTransferPool *self)
{
  HilumTransfer *left;

  if (self == NULL)
    return;
  for (guint i = 0; i < self->threads->len; i++)
    g_async_queue_push (self->jobs, self);
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (self->threads->pdata[i]);
  /* Jobs not taken by a worker, and answers nobody took. */
  while ((left = g_async_queue_try_pop (self->jobs)) != NULL)
    if (left != (gpointer) self)
      g_hash_table_add (self->finished, left);
  while ((left = g_queue_pop_head (&self->order)) != NULL)
    hilum_transfer_free (left);
  g_hash_table_unref (self->finished);
  g_async_queue_unref (self->jobs);
  g_ptr_array_unref (self->threads);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done_cond);
  g_free (self);
}
