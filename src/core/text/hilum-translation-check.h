/* hilum-translation-check.h — consistency checks of a finding's Spanish/English pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-document.h"

G_BEGIN_DECLS

/*
 * DESIGN.md §"Text: spelling and the bilingual pair": each ES/EN pair of a finding is
 * compared. Flags (stable ids):
 *   missing-translation   one side empty, the other not
 *   untranslated-copy     both sides the same text (or the Spanish side is English)
 *   side-mismatch         left/right/bilateral ↔ izquierdo/a, derecho/a, bilateral differ
 *   number-mismatch       numbers or units (3 cm ↔ 3 cm; 2,5 ↔ 2.5) differ
 *   negation-mismatch     one side negated (no, sin, without, no evidence, no se observa…)
 *                          and the other not
 *   label-missing         a PadChest label of the finding is named in neither sentence
 *                          (English term or its Spanish name from the vocabulary, or a
 *                          close form)
 */

typedef struct
{
  char *finding_id;
  char *flag;       /* one of the ids above */
  char *message;    /* translated, says what differs: "Left in English, derecho in Spanish" */
} HilumTranslationFlag;
void           hilum_translation_flag_free      (HilumTranslationFlag *flag);

/* Flags of one finding: GPtrArray of HilumTranslationFlag (empty when the pair is fine). */
GPtrArray     *hilum_translation_check_finding  (JsonObject     *finding);
/* Flags of the finding @finding_id of @document (empty when it is not there). */
GPtrArray     *hilum_translation_check_finding_id (HilumDocument *document,
                                                   const char    *finding_id);
/* Flags of every finding of @document, in report order. */
GPtrArray     *hilum_translation_check_document (HilumDocument  *document);

/* TRUE when @document has a finding with text whose pair is flagged or not verified in
 * both languages: a study of the translator's queue. */
gboolean       hilum_translation_needs_work     (HilumDocument  *document);

G_END_DECLS
