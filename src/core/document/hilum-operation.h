/* hilum-operation.h — one typed edit of a study document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-types.h"

G_BEGIN_DECLS

/*
 * Every mutation of a study document is an operation: what undo/redo replays, what the
 * audit log records (who, when, what, before/after) and what a merge reasons about.
 * An operation IS a JSON object, stored as is in the audit log:
 *
 *   {"op": "set-study-field", "field": F, "value": V, "before": B}
 *        F: indication | technique | comparison | prior_report | status | study_date
 *   {"op": "add-finding", "index": I, "finding": {…whole finding…}}
 *   {"op": "remove-finding", "finding_id": ID, "index": I, "before": {…whole finding…}}
 *   {"op": "move-finding", "finding_id": ID, "from": I, "to": J}
 *   {"op": "set-finding-field", "finding_id": ID, "field": F, "value": V, "before": B}
 *        F: text.en | text.es | polarity | labels | locations | progression
 *           | translation.en | translation.es      (V any JSON value; null allowed)
 *   {"op": "add-box", "finding_id": ID, "reader_id": R, "image_id": M, "index": I,
 *        "box": {"box_id": …, "xyxy_norm": [x1, y1, x2, y2]}}
 *   {"op": "remove-box", "box_id": B, "finding_id": ID, "reader_id": R, "image_id": M,
 *        "index": I, "before": {…whole box…}}
 *   {"op": "set-box", "box_id": B, "value": [x1, y1, x2, y2], "before": [x1, y1, x2, y2]}
 *   {"op": "add-reader", "reader": {"reader_id": R, "name": …, "role": …}, "index": I}
 *   {"op": "remove-reader", "reader_id": R, "index": I, "before": {…whole reader…}}
 *   {"op": "replace-finding", "finding_id": ID, "value": {…whole finding…}, "before": {…}}
 *        (what hilum_document_diff() uses when a change has no finer kind: unknown keys)
 *   {"op": "set-document-field", "field": F, "value": V, "before": B}
 *        F: any top-level member but "schema" and "findings" (images, readers, qc,
 *           consensus, provenance, the whole "study" object, unknown members)
 *   {"op": "batch", "label": "…", "ops": [ … ]}        (applied and undone as one)
 *
 * Every operation also carries "author" (reader id of who made it) and "time" (ISO 8601
 * UTC), stamped by HilumSession. "before" (and "index"/"from" where listed) are filled in
 * by hilum_document_apply(): constructors leave them out, so an inverse can always be
 * built from an applied operation.
 *
 * Details that make undo restore the exact bytes of the document:
 * - A set-* operation without "value" removes the member (recording its "position" in the
 *   member order); one without "before" found the member absent (so its inverse removes it
 *   again). A "value" for an absent member with "position" goes back to that position.
 * - add-box records "annotation_index", and "annotation_created": true when it created the
 *   (reader, image) entry, else "status_before" (the entry's status, null when absent).
 *   "annotations_created": true when it created the finding's "annotations" list.
 *   It sets the entry's status to "boxed", or to its "status" when given (null removes it).
 *   With "annotation" (a whole entry) it inserts that entry when the entry is missing.
 * - remove-box records finding_id, reader_id, image_id, "index", "annotation_index",
 *   "before" and "status_before"; the entry stays (status "not_boxed" once empty) unless
 *   "remove_annotation": true and it held only this box — then "annotation_before" keeps the
 *   whole entry ("remove_annotations": true also drops an emptied "annotations" list).
 *   "status", when given, is the status to leave.
 * - set-finding-field on "text.xx"/"translation.xx" creates a missing "text"/"translation"
 *   object ("parent_created", at "parent_position" when given); its inverse carries
 *   "remove_parent" (the emptied object is removed, "parent_position" recorded).
 * - Operations the session adds by itself (the first edit's study status, the reader's entry)
 *   carry "auto": true; undo operations "undo_of" (the "time" of the edit they undo).
 * - Inverses carry "restore": true: their values come from the document itself, so only
 *   their structure is checked, not their content (an imported box slightly outside [0,1]
 *   comes back on undo). Documents' diffs carry it too.
 * Constructors copy the JsonNode / JsonObject arguments they get (transfer none).
 */

typedef struct _HilumOperation HilumOperation;

#define HILUM_TYPE_OPERATION (hilum_operation_get_type ())
GType            hilum_operation_get_type            (void) G_GNUC_CONST;

HilumOperation  *hilum_operation_ref                 (HilumOperation *self);
void             hilum_operation_unref               (HilumOperation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumOperation, hilum_operation_unref)

/* Takes a reference on @object (no copy). */
HilumOperation  *hilum_operation_new_from_json       (JsonObject     *object);
HilumOperation  *hilum_operation_new_from_string     (const char     *json,
                                                      GError        **error);
JsonObject      *hilum_operation_get_json            (HilumOperation *self);
char            *hilum_operation_to_string           (HilumOperation *self);
const char      *hilum_operation_get_kind            (HilumOperation *self);
/* The inverse of an APPLIED operation (its "before" is known). */
HilumOperation  *hilum_operation_invert              (HilumOperation *self);
/* A short translated description for menus: "Undo Add Box", history lists. */
const char      *hilum_operation_get_label           (HilumOperation *self);

HilumOperation  *hilum_operation_new_set_study_field (const char     *field,
                                                      JsonNode       *value);
HilumOperation  *hilum_operation_new_add_finding     (JsonObject     *finding,
                                                      int             index);
HilumOperation  *hilum_operation_new_remove_finding  (const char     *finding_id);
HilumOperation  *hilum_operation_new_move_finding    (const char     *finding_id,
                                                      int             to);
HilumOperation  *hilum_operation_new_set_finding_field (const char   *finding_id,
                                                        const char   *field,
                                                        JsonNode     *value);
HilumOperation  *hilum_operation_new_set_text        (const char     *finding_id,
                                                      const char     *lang,
                                                      const char     *text);
/* @box_id NULL makes a new UUID. */
HilumOperation  *hilum_operation_new_add_box         (const char     *finding_id,
                                                      const char     *reader_id,
                                                      const char     *image_id,
                                                      const char     *box_id,
                                                      const double    xyxy_norm[4]);
HilumOperation  *hilum_operation_new_remove_box      (const char     *box_id);
HilumOperation  *hilum_operation_new_set_box         (const char     *box_id,
                                                      const double    xyxy_norm[4]);
HilumOperation  *hilum_operation_new_add_reader      (JsonObject     *reader);
/* Takes the operations (their references) from @ops. */
HilumOperation  *hilum_operation_new_batch           (const char     *label,
                                                      GPtrArray      *ops);

/* Additions for undo, diffs and the session. */
/* A deep copy: applying the copy does not fill in @self's "before". */
HilumOperation  *hilum_operation_copy                (HilumOperation *self);
HilumOperation  *hilum_operation_new_remove_reader   (const char     *reader_id);
/* Replaces the finding with the same finding_id by @finding (a copy). */
HilumOperation  *hilum_operation_new_replace_finding (JsonObject     *finding);
/* @value NULL removes the member. */
HilumOperation  *hilum_operation_new_set_document_field (const char  *field,
                                                         JsonNode    *value);

/* Typed constructors: what the UI edits with, so it never builds JSON values itself. */
/* set-study-field of a text field (indication … study_date, status) to @text. */
HilumOperation  *hilum_operation_new_set_study_text  (const char     *field,
                                                      const char     *text);
HilumOperation  *hilum_operation_new_set_polarity    (const char     *finding_id,
                                                      HilumPolarity   polarity);
/* @progression NULL: "not stated" (null). */
HilumOperation  *hilum_operation_new_set_progression (const char     *finding_id,
                                                      const char     *progression);
/* @field "labels" or "locations"; @terms (nullable: none) their English keys in order. */
HilumOperation  *hilum_operation_new_set_terms       (const char     *finding_id,
                                                      const char     *field,
                                                      const char * const *terms);
/* translation.@lang = {"state": …, "by": @by, "at": @at}; "by"/"at" only when @by is
 * given (@at NULL then means now). A draft is written without them. */
HilumOperation  *hilum_operation_new_set_translation_state (const char *finding_id,
                                                            const char *lang,
                                                            HilumTranslationState state,
                                                            const char *by,
                                                            const char *at);
/* add-finding of a new empty finding (hilum_finding_new) at @index (-1: at the end);
 * hilum_operation_get_finding_id() gives its new id. */
HilumOperation  *hilum_operation_new_add_empty_finding (HilumPolarity polarity,
                                                        int           index);

/* What an operation is about, for redrawing only what it changed. */
/* (nullable) The "field" of a set-* operation ("text.es", "indication" …). */
const char      *hilum_operation_get_field           (HilumOperation *self);
/* (nullable) The finding a finding or box operation names: its "finding_id", or the id
 * of the finding an add-finding / replace-finding carries. */
const char      *hilum_operation_get_finding_id      (HilumOperation *self);

/* (transfer full) A new empty finding object: new UUID, @polarity ("positive" when NULL),
 * empty texts, draft translations, no labels, locations, progression or boxes. */
JsonObject      *hilum_finding_new                   (const char     *polarity);

G_END_DECLS
