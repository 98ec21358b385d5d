/* hilum-conflict.h — the sync conflicts a document holds, and resolving them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"

G_BEGIN_DECLS

/*
 * A conflict (hilum-merge.h) keeps the two values a field got on two machines; the
 * document shows one of them (current) until someone keeps it, takes the other or
 * writes a third. A resolution is an ordinary operation — the value set with the
 * operation of its kind (so rights, undo and the audit log work as for any edit) and the
 * conflict taken off the list, as one batch that syncs like any edit.
 */
typedef struct
{
  char     *conflict_id;
  char     *finding_id;   /* (nullable) */
  char     *box_id;       /* (nullable) */
  char     *field;        /* "text.es", "labels", "box", "finding", "study.indication" … */
  JsonNode *current;      /* (nullable: absent, deleted) what the document holds now */
  JsonNode *other;        /* (nullable: absent, deleted) the other value */
  char     *current_by;   /* (nullable) the identity of the store each value came from */
  char     *other_by;
} HilumConflict;

typedef enum
{
  HILUM_CONFLICT_KEEP_CURRENT,
  HILUM_CONFLICT_KEEP_OTHER,
  HILUM_CONFLICT_EDIT,
} HilumConflictChoice;

void            hilum_conflict_free            (HilumConflict *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumConflict, hilum_conflict_free)

/* The conflicts of @document in order, optionally only those of @finding_id (NULL: all).
 * GPtrArray of HilumConflict. */
GPtrArray      *hilum_document_list_conflicts  (HilumDocument       *document,
                                                const char          *finding_id);
guint           hilum_document_count_conflicts (HilumDocument       *document);

/* The operation that resolves @conflict_id: @edited is the value for
 * HILUM_CONFLICT_EDIT (a string for a sentence). */
HilumOperation *hilum_conflict_resolve         (HilumDocument       *document,
                                                const char          *conflict_id,
                                                HilumConflictChoice  choice,
                                                JsonNode            *edited,
                                                GError             **error);

/* Which value is this store's own (@identity: hilum_store_get_identity ()): the current
 * one, the other one, or neither known (a third computer, or a conflict from before
 * stores named themselves). */
typedef enum
{
  HILUM_CONFLICT_MINE_UNKNOWN,
  HILUM_CONFLICT_MINE_CURRENT,
  HILUM_CONFLICT_MINE_OTHER,
} HilumConflictMine;

HilumConflictMine hilum_conflict_which_is_mine (const HilumConflict *self,
                                                const char          *identity);

/* A sentence or a study text: one a person can write a third value for (Edit). */
gboolean        hilum_conflict_is_text         (const HilumConflict *self);

/* (nullable) the text this copy shows, where the value is one: the start of an Edit */
const char     *hilum_conflict_get_current_text (const HilumConflict *self);

/* The same as hilum_conflict_resolve (…, HILUM_CONFLICT_EDIT, …) with @text as the
 * value, for the UI, which does not build JSON. */
HilumOperation *hilum_conflict_resolve_text    (HilumDocument       *document,
                                                const char          *conflict_id,
                                                const char          *text,
                                                GError             **error);

/* For the report panel, in the UI language: what the field is ("Spanish sentence"),
 * and a value as text ("Cardiomegalia.", "Deleted", "left, right"). */
char           *hilum_conflict_describe_field  (const HilumConflict *self);
char           *hilum_conflict_describe_value  (JsonNode            *value);

G_END_DECLS
