/* hilum-spell.h — spell checking of report sentences in English and Spanish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

/*
 * hunspell en_US with en_med_glut on top, and es_ES; Hilum's radiology word lists in
 * data/dict/ (both languages, with hunspell affixes); and a personal dictionary per user
 * ($XDG_DATA_HOME/hilum/dict/personal-<lang>.dic, one word per line). Numbers, units
 * (mm, cm, ml …), measurements (3x4, 2,5 cm, 10%), abbreviations (PA, AP, ICU, SNG …) are
 * never flagged; capitalised and upper-case words are checked as hunspell does.
 *
 * A HilumSpeller is NOT thread-safe (hunspell isn't): use one per thread. Checking is
 * fast (a whole report in well under 2 ms); suggestions are slow (40–75 ms a word): ask
 * for them off the UI thread (hilum_speller_suggest_async makes its own speller in a
 * worker thread, cached per thread).
 */

typedef struct _HilumSpeller HilumSpeller;

#define HILUM_SPELL_ERROR (hilum_spell_error_quark ())
typedef enum
{
  HILUM_SPELL_ERROR_NO_DICTIONARY,   /* the hunspell files of the language are missing */
  HILUM_SPELL_ERROR_FAILED,
} HilumSpellError;
GQuark         hilum_spell_error_quark            (void);

/* A misspelled word: offsets in CHARACTERS (not bytes) into the checked text. */
typedef struct
{
  guint  start;
  guint  end;
  char  *word;
} HilumMisspelling;
void           hilum_misspelling_free              (HilumMisspelling *m);

/* @lang: "en" or "es". */
HilumSpeller  *hilum_speller_new                   (const char   *lang,
                                                    GError      **error);
void           hilum_speller_free                  (HilumSpeller *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumSpeller, hilum_speller_free)
const char    *hilum_speller_get_language          (HilumSpeller *self);

gboolean       hilum_speller_check_word            (HilumSpeller *self,
                                                    const char   *word);
/* GPtrArray of HilumMisspelling, in text order. */
GPtrArray     *hilum_speller_check_text            (HilumSpeller *self,
                                                    const char   *text);
/* NULL-terminated, best first (transfer full). Slow: not on the UI thread. */
char         **hilum_speller_suggest               (HilumSpeller *self,
                                                    const char   *word);
void           hilum_speller_suggest_async         (const char          *lang,
                                                    const char          *word,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char         **hilum_speller_suggest_finish        (GAsyncResult        *result,
                                                    GError             **error);

/* The personal dictionary (persistent, shared by every speller of @lang in this process
 * from now on) and the session's "ignore all" list (not persistent). */
gboolean       hilum_speller_add_to_personal       (const char   *lang,
                                                    const char   *word,
                                                    GError      **error);
void           hilum_speller_ignore_all            (const char   *lang,
                                                    const char   *word);
/* Emitted on this object (from the thread that changed it) when a personal or ignored word
 * is added, so views re-check: "changed" (const char *lang). */
GObject       *hilum_speller_get_notifier          (void);

G_END_DECLS
