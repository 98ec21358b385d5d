/* hilum-spell-tokenizer.h — splitting report text into the words a speller checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word of the text: letters and digits, with the apostrophes and hyphens between them
 * (patient's, C7-T1). Offsets in characters and in bytes into the text. */
typedef struct
{
  guint        start;       /* characters */
  guint        end;
  gsize        byte_start;
  gsize        byte_end;
} HilumSpellToken;

/* Calls @func for every word of @text (UTF-8) in text order; URLs are skipped whole. */
typedef void (*HilumSpellTokenFunc) (const char            *text,
                                     const HilumSpellToken *token,
                                     gpointer               user_data);
void      hilum_spell_tokenize            (const char          *text,
                                           HilumSpellTokenFunc  func,
                                           gpointer             user_data);

/* TRUE for a word that is never flagged: one with digits (3x4, T6, C7-T1), a unit (mm,
 * mmHg, Fr …), an upper-case abbreviation of up to 6 letters (PA, ICU, EPOC), a single
 * letter. @len in bytes, or -1. */
gboolean  hilum_spell_token_is_exempt     (const char *word,
                                           gssize      len);

G_END_DECLS
