/* hilum-term-picker.h — the PadChest labels or locations of a finding: removable
 * chips and an entry that searches the vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The terms are English PadChest keys (what documents store); the chips and the list
 * show them in the picker's language. "terms-changed" is emitted only when the user
 * adds or removes a term, never by hilum_term_picker_set_terms(), so that a panel
 * can turn it into an operation without echoing its own updates.
 */
#pragma once

#include <gtk/gtk.h>

#include "hilum-vocabulary.h"

G_BEGIN_DECLS

#define HILUM_TYPE_TERM_PICKER (hilum_term_picker_get_type ())
G_DECLARE_FINAL_TYPE (HilumTermPicker, hilum_term_picker, HILUM, TERM_PICKER, GtkWidget)

/* @tree: HILUM_VOCABULARY_LABELS or HILUM_VOCABULARY_LOCATIONS (any set of trees). */
GtkWidget           *hilum_term_picker_new          (HilumVocabularyTree  tree);
HilumVocabularyTree  hilum_term_picker_get_tree     (HilumTermPicker     *self);
void                 hilum_term_picker_set_tree     (HilumTermPicker     *self,
                                                     HilumVocabularyTree  tree);
/* (transfer none) (array zero-terminated=1) English keys, in the order added; never NULL. */
const char * const  *hilum_term_picker_get_terms    (HilumTermPicker     *self);
/* @terms: (nullable): English keys; unknown ones are kept and shown as they are. */
void                 hilum_term_picker_set_terms    (HilumTermPicker     *self,
                                                     const char * const  *terms);
/* "es" or "en"; the UI language by default. */
const char          *hilum_term_picker_get_language (HilumTermPicker     *self);
/* @language: (nullable): NULL for the UI language. */
void                 hilum_term_picker_set_language (HilumTermPicker     *self,
                                                     const char          *language);
/* (transfer none) The "Add" search entry: focus it to start typing. */
GtkWidget           *hilum_term_picker_get_entry    (HilumTermPicker     *self);

G_END_DECLS
