/* hilum-spell-checker.h — spell checking as you type in a GtkTextView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HILUM_TYPE_SPELL_CHECKER (hilum_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (HilumSpellChecker, hilum_spell_checker, HILUM, SPELL_CHECKER, GObject)

/* Attaches a checker of @lang ("en" or "es") to @view: misspelled words get a red
 * wavy underline (the tag "hilum-misspelled"), and the view's context menu offers
 * suggestions, "Add to Dictionary" and "Ignore All" on a misspelled word. The view
 * owns the checker (transfer none); attaching twice returns the first one. It takes
 * over the view's extra menu. */
HilumSpellChecker *hilum_spell_checker_attach          (GtkTextView       *view,
                                                        const char        *lang);
HilumSpellChecker *hilum_spell_checker_get_for_view    (GtkTextView       *view);
const char        *hilum_spell_checker_get_language    (HilumSpellChecker *self);

/* Checks the whole buffer now (it is otherwise checked when idle after a change). */
void               hilum_spell_checker_recheck         (HilumSpellChecker *self);

/* Fills the context menu for the word at @iter (as a right-click there does): the
 * suggestions come later, from a worker thread. */
void               hilum_spell_checker_prepare_menu    (HilumSpellChecker *self,
                                                        const GtkTextIter *iter);
/* Whether the last prepare_menu is still waiting for its suggestions. */
gboolean           hilum_spell_checker_is_suggesting   (HilumSpellChecker *self);

G_END_DECLS
