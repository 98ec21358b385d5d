/* hilum-session.h — editing one study: operations, undo/redo, the store, the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"
#include "hilum-operation.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * What the UI (and the CLI's import of an edited document) edits through. perform():
 * stamps the operation with the current reader and time, checks the reader's rights
 * (a reader never changes another reader's boxes; a translator edits text but not boxes),
 * commits it to the store (hilum_store_commit_operation) and only then records it for
 * undo. Text edits of the same field that follow each other within 2 s merge into one
 * undo step (a pause in typing, another field or hilum_session_break_merge() starts a
 * new one). undo()/redo() perform the inverse
 * operation through the same path, so they are audited like any edit.
 * Signals: "changed" (HilumOperation *op) after every applied operation (including undo
 * and redo); notify::can-undo, notify::can-redo.
 */

#define HILUM_TYPE_SESSION (hilum_session_get_type ())
G_DECLARE_FINAL_TYPE (HilumSession, hilum_session, HILUM, SESSION, GObject)

typedef enum
{
  HILUM_READER_ROLE_READER = 0,
  HILUM_READER_ROLE_REVIEWER,
  HILUM_READER_ROLE_TRANSLATOR,
} HilumReaderRole;
const char      *hilum_reader_role_to_string     (HilumReaderRole role);   /* "reader" … */
gboolean         hilum_reader_role_from_string   (const char     *string,
                                                  HilumReaderRole *role);

/* @store may be NULL (in-memory editing, e.g. tests of undo). */
HilumSession    *hilum_session_new               (HilumStore     *store,
                                                  HilumDocument  *document,
                                                  const char     *reader_id,
                                                  const char     *reader_name,
                                                  HilumReaderRole role);
HilumDocument   *hilum_session_get_document      (HilumSession   *self);
/* (nullable) (transfer none) the store it commits to */
HilumStore      *hilum_session_get_store         (HilumSession   *self);
const char      *hilum_session_get_reader_id     (HilumSession   *self);
HilumReaderRole  hilum_session_get_role          (HilumSession   *self);

/* Takes no ownership of @op. On error nothing changed (and the error says why in the
 * user's language: e.g. the disk is full — the edit was not saved). */
gboolean         hilum_session_perform           (HilumSession   *self,
                                                  HilumOperation *op,
                                                  GError        **error);
gboolean         hilum_session_can_undo          (HilumSession   *self);
gboolean         hilum_session_can_redo          (HilumSession   *self);
/* (nullable) translated label of the next undo/redo ("Add Box") */
const char      *hilum_session_get_undo_label    (HilumSession   *self);
const char      *hilum_session_get_redo_label    (HilumSession   *self);
gboolean         hilum_session_undo              (HilumSession   *self,
                                                  GError        **error);
gboolean         hilum_session_redo              (HilumSession   *self,
                                                  GError        **error);
/* Ends text-edit merging (e.g. when focus leaves a field). */
void             hilum_session_break_merge       (HilumSession   *self);

/* After a sync stored a merged document of the study: the session's document follows
 * it (one "changed"), the undo history is cleared. Nothing to do when none came. */
gboolean         hilum_session_catch_up          (HilumSession   *self,
                                                  GError        **error);

/* Additions. Tests: the monotonic time (µs) the merging of text edits sees; -1 = the real
 * clock. */
void             hilum_session_set_clock_for_testing (HilumSession *self,
                                                      gint64        monotonic_usec);

G_END_DECLS
