/* hilum-merge.h — the three-way merge of a study's document: base, local, remote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"

G_BEGIN_DECLS

/*
 * The merge works by finding (finding_id), box (box_id), annotation entry (reader and
 * image), reader, image and field: each sentence (text.en, text.es), each translation
 * state, labels, locations, progression, polarity, each study field and every other
 * member as a whole. A thing changed on one side only takes that side; changed alike on
 * both, that value. Changed to two values, or edited on one side and deleted on the
 * other, is a CONFLICT: the document keeps the local value (or the edited thing) in
 * place and both values in its "conflicts" list, so the conflict syncs like any edit and
 * every client shows it until someone resolves it (hilum-conflict.h):
 *
 *   "conflicts": [{"conflict_id": "…", "path": ["findings", F, "text", "es"],
 *                  "finding_id": F | null, "box_id": B | null, "field": "text.es",
 *                  "base": V | null, "values": [V1, V2], "by": [S1, S2]}]
 *
 * "by" (when the merge was told) names the stores V1 and V2 come from.
 * conflict_id is a digest of the path and the two values, so two clients that meet
 * the same conflict record it once. The conflicts lists of both sides merge as a set:
 * one resolved (removed) on one side is resolved. A NULL base (a study never synced
 * here meeting the server's) merges what is alike and makes conflicts of what is not.
 */

typedef struct
{
  char *finding_id;   /* (nullable) */
  char *field;        /* "text.es", "labels", "box", "finding", "study.indication" … */
  char *local;        /* JSON text of each side's value ("null": deleted there) */
  char *remote;
} HilumMergeConflict;

typedef struct
{
  HilumDocument  *merged;
  HilumOperation *operation;       /* (nullable) turns local into merged; NULL: equal */
  GPtrArray      *conflicts;       /* HilumMergeConflict found by this merge */
  guint           n_local_changes; /* > 0 when merged differs from remote */
} HilumMergeResult;

void              hilum_merge_result_free  (HilumMergeResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumMergeResult, hilum_merge_result_free)

HilumMergeResult *hilum_merge_documents    (HilumDocument *base,
                                            HilumDocument *local,
                                            HilumDocument *remote,
                                            GError       **error);
/* The same, naming the stores the local and remote documents come from (nullable; see
 * hilum_store_get_identity ()): each new conflict keeps them in its "by", so on every
 * computer the report can say which value is its own. */
HilumMergeResult *hilum_merge_documents_by (HilumDocument *base,
                                            HilumDocument *local,
                                            HilumDocument *remote,
                                            const char    *local_by,
                                            const char    *remote_by,
                                            GError       **error);

G_END_DECLS
