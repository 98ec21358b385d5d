/* hilum-conflict-card.h — one sync conflict at its field: both values, and the choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-conflict.h"
#include "hilum-session.h"

G_BEGIN_DECLS

/*
 * Shows the two values a field got on two computers ("Mine" is the one this copy shows)
 * with Keep Mine, Keep Theirs and, for a sentence or a study text, Edit…, which opens an
 * entry for a third value. Each choice is one operation on the session (so it is undone,
 * audited and synced like any edit). Signal "operation-failed" (const char *message).
 */

#define HILUM_TYPE_CONFLICT_CARD (hilum_conflict_card_get_type ())
G_DECLARE_FINAL_TYPE (HilumConflictCard, hilum_conflict_card, HILUM, CONFLICT_CARD, GtkWidget)

GtkWidget  *hilum_conflict_card_new             (HilumSession        *session,
                                                 const HilumConflict *conflict);
const char *hilum_conflict_card_get_conflict_id (HilumConflictCard   *self);
/* (transfer none) "mine", "theirs", "edit", "save", for the tests */
GtkWidget  *hilum_conflict_card_get_button      (HilumConflictCard   *self,
                                                 const char          *which);
GtkEditable *hilum_conflict_card_get_entry      (HilumConflictCard   *self);

G_END_DECLS
