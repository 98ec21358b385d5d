/* hilum-transfer-pool.h — attachment GETs and PUTs on a few connections at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-orthanc.h"

G_BEGIN_DECLS

/*
 * A sync of a thousand studies is a thousand requests: on one connection each waits for
 * the one before, and the engine's own work (parsing, merging, the store) waits for the
 * network. The pool keeps a few requests in flight on connections of their own, and the
 * engine takes the answers as they come, in the order it asked (so a run is the same
 * on every machine). Transient failures are retried here with back-off.
 */
typedef enum
{
  HILUM_TRANSFER_GET,   /* the attachment, If-None-Match: condition */
  HILUM_TRANSFER_PUT,   /* body, If-Match: condition */
} HilumTransferKind;

typedef struct
{
  HilumTransferKind kind;
  char     *remote_id;
  char     *condition;   /* (nullable) */
  GBytes   *body;        /* PUT: what to send; GET: what came (NULL: 304) */
  char     *study_id;    /* (nullable) the caller's */
  char     *json;        /* (nullable) the caller's: the document pushed */
  gint64    outbox_last;
  /* results */
  gboolean  ok;
  gboolean  conflict;    /* PUT: 409 */
  char     *version;
  GError   *error;
} HilumTransfer;

HilumTransfer     *hilum_transfer_new        (HilumTransferKind kind,
                                              const char       *remote_id,
                                              const char       *condition);
void               hilum_transfer_free       (HilumTransfer    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumTransfer, hilum_transfer_free)

typedef struct _HilumTransferPool HilumTransferPool;

HilumTransferPool *hilum_transfer_pool_new   (HilumOrthanc     *orthanc,
                                              guint             n_connections,
                                              guint             retry_base_ms,
                                              guint             retry_max_ms,
                                              guint             retry_attempts,
                                              GCancellable     *cancellable);
/* Takes @transfer. */
void               hilum_transfer_pool_push  (HilumTransferPool *self,
                                              HilumTransfer     *transfer);
/* The next answer in the order pushed (blocks); NULL when none is outstanding. */
HilumTransfer     *hilum_transfer_pool_pop   (HilumTransferPool *self);
guint              hilum_transfer_pool_get_n_outstanding (HilumTransferPool *self);
void               hilum_transfer_pool_free  (HilumTransferPool *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumTransferPool, hilum_transfer_pool_free)

G_END_DECLS
