/* hilum-sync-payload.h — what a study's attachment on the server holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-document.h"

G_BEGIN_DECLS

/*
 * The study document travels as a user-defined attachment of its Orthanc study (content
 * type application/json):
 *
 *   {"schema": "hilum-sync/1", "document": {…hilum-study/1…}, "audit": [{"event_id": …, "op": {…}}, …]}
 *
 * The audit log rides with the document so that every client ends with the union of all
 * logs (hilum_store_add_audit_events()); the document is the merge's "remote" version.
 * Anything the server sends is untrusted: it is checked before anything reaches the store.
 */

#define HILUM_SYNC_PAYLOAD_SCHEMA "hilum-sync/1"

#define HILUM_SYNC_PAYLOAD_ERROR (hilum_sync_payload_error_quark ())
typedef enum
{
  HILUM_SYNC_PAYLOAD_ERROR_INVALID,       /* not JSON, not this schema, too deep */
  HILUM_SYNC_PAYLOAD_ERROR_WRONG_STUDY,   /* the document of another study */
} HilumSyncPayloadError;
GQuark     hilum_sync_payload_error_quark (void);

/* The attachment's body. @document_json is a hilum-study/1 document as the store keeps
 * it; @audit (nullable) an array of audit events; @by (nullable) the identity of the
 * store that pushes it (hilum_store_get_identity ()), so a conflict made from it knows
 * whose each value is. The same inputs give the same bytes. */
char      *hilum_sync_payload_build       (const char     *document_json,
                                           JsonNode       *audit,
                                           const char     *by);

/* The same with the audit events as JSON text (hilum_store_get_audit_events_json ()). */
char      *hilum_sync_payload_build_text  (const char     *document_json,
                                           const char     *audit_json,
                                           const char     *by);

/* Reads a body the server sent for @study_id (NULL: a study new here, whose id the
 * caller checks against the server's study): the document (transfer full) and the audit
 * events (transfer full, an array node; empty when the body has none) and @by (optional:
 * the pushing store's identity, NULL when the body has none). On error nothing
 * is returned and the message, in the UI language, names the study. */
gboolean   hilum_sync_payload_parse       (const char     *body,
                                           gsize           length,
                                           const char     *study_id,
                                           HilumDocument **document,
                                           JsonNode      **audit,
                                           char          **by,
                                           GError        **error);



G_END_DECLS
