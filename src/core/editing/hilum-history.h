/* hilum-history.h — the undo and redo stacks of one editing session (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-operation.h"

G_BEGIN_DECLS

/* Text edits of the same field closer together than this merge into one undo step. */
#define HILUM_HISTORY_MERGE_USEC (2 * G_USEC_PER_SEC)

typedef struct _HilumHistory HilumHistory;

HilumHistory    *hilum_history_new                   (void);
void             hilum_history_free                  (HilumHistory   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumHistory, hilum_history_free)

/* Records an applied @op (a new edit, not an undo or redo) done at @now_usec (monotonic):
 * clears the redo stack, and merges @op into the last step when both are text edits of the
 * same field within HILUM_HISTORY_MERGE_USEC and no break came in between. @merge_target is
 * the part of @op that may merge (@op itself, or the edit inside a batch the session
 * wrapped around it); NULL when @op never merges. Returns TRUE when it merged. */
gboolean         hilum_history_push                  (HilumHistory   *self,
                                                      HilumOperation *op,
                                                      HilumOperation *merge_target,
                                                      gint64          now_usec);
/* The next edit starts a new undo step. */
void             hilum_history_break_merge           (HilumHistory   *self);

gboolean         hilum_history_can_undo              (HilumHistory   *self);
gboolean         hilum_history_can_redo              (HilumHistory   *self);
guint            hilum_history_get_n_undo            (HilumHistory   *self);
guint            hilum_history_get_n_redo            (HilumHistory   *self);
/* (nullable) (transfer none) the step undo / redo would replay */
HilumOperation  *hilum_history_peek_undo             (HilumHistory   *self);
HilumOperation  *hilum_history_peek_redo             (HilumHistory   *self);
/* After the inverse of peek_undo() was applied: the step moves to the redo stack. */
void             hilum_history_undone                (HilumHistory   *self);
/* After peek_redo() was applied again as @applied (a fresh copy): it moves back. */
void             hilum_history_redone                (HilumHistory   *self,
                                                      HilumOperation *applied);
void             hilum_history_clear                 (HilumHistory   *self);

/* Whether @op is a text edit that can merge (set-finding-field of text.*, set-study-field
 * of a free-text field). */
gboolean         hilum_history_is_mergeable          (HilumOperation *op);

G_END_DECLS
