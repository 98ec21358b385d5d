/* hilum-vocabulary.h — the PadChest vocabularies (findings, diagnoses, locations) in
 * English and Spanish, and a search over them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The English PadChest term is the key everywhere (documents store English keys);
 * the Spanish name is only for display. The terms come from data/vocab/padchest-terms.csv.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HILUM_VOCABULARY_ERROR (hilum_vocabulary_error_quark ())

typedef enum
{
  HILUM_VOCABULARY_ERROR_PARSE,   /* the vocabulary file is malformed */
} HilumVocabularyError;

/* The PadChest trees. A document's "labels" are findings and diagnoses; its
 * "locations" are locations. */
typedef enum /*< flags >*/
{
  HILUM_VOCABULARY_FINDINGS  = 1 << 0,
  HILUM_VOCABULARY_DIAGNOSES = 1 << 1,
  HILUM_VOCABULARY_LOCATIONS = 1 << 2,
  /* PadChest-GR label groups that are not themselves terms ("other entities"). */
  HILUM_VOCABULARY_GROUPS    = 1 << 3,
  HILUM_VOCABULARY_LABELS    = HILUM_VOCABULARY_FINDINGS | HILUM_VOCABULARY_DIAGNOSES,
  HILUM_VOCABULARY_ALL       = 0xf,
} HilumVocabularyTree;

#define HILUM_TYPE_VOCABULARY_TREE (hilum_vocabulary_tree_get_type ())
GType hilum_vocabulary_tree_get_type (void) G_GNUC_CONST;

/* One term; owned by its vocabulary, never freed by callers. */
typedef struct
{
  HilumVocabularyTree  tree;       /* exactly one flag */
  const char          *term;       /* English key, as PadChest spells it */
  const char          *es;         /* Spanish display name */
  const char * const  *parents;    /* English keys of its parents in the PadChest tree (may be empty) */
  const char          *cui;        /* (nullable) UMLS CUI */
  const char          *gr_group;   /* (nullable) PadChest-GR label group (an English key) */
} HilumVocabularyTerm;

#define HILUM_TYPE_VOCABULARY (hilum_vocabulary_get_type ())
G_DECLARE_FINAL_TYPE (HilumVocabulary, hilum_vocabulary, HILUM, VOCABULARY, GObject)

GQuark                     hilum_vocabulary_error_quark    (void);

/* (transfer none) The vocabulary of $HILUM_DATADIR/vocab when that is set, else of
 * PKGDATADIR/vocab; loaded once, thread-safe. Never NULL: when the file cannot be
 * read it is empty (and a warning is logged), and every term displays as is. */
HilumVocabulary           *hilum_vocabulary_get_default    (void);
/* Loads @dir/padchest-terms.csv. */
HilumVocabulary           *hilum_vocabulary_new_from_dir   (const char          *dir,
                                                            GError             **error);
HilumVocabulary           *hilum_vocabulary_new_from_data  (const char          *csv,
                                                            gssize               length,
                                                            GError             **error);

/* "es" when the user interface is in Spanish (by g_get_language_names ()), else "en". */
const char                *hilum_vocabulary_ui_language    (void);

guint                      hilum_vocabulary_get_n_terms    (HilumVocabulary     *self);
/* (transfer none) Terms in file order: findings, diagnoses, locations, groups. */
const HilumVocabularyTerm *hilum_vocabulary_get_term       (HilumVocabulary     *self,
                                                            guint                position);
/* (transfer none) (nullable) The term of English key @term in @trees. Exact spelling
 * first, then ignoring case and accents, and a location's PadChest "loc " prefix. */
const HilumVocabularyTerm *hilum_vocabulary_lookup         (HilumVocabulary     *self,
                                                            const char          *term,
                                                            HilumVocabularyTree  trees);
/* (transfer none) @term's name in @language ("es", "en"; NULL: the UI language).
 * An unknown term is returned as is (imported data may carry any term). */
const char                *hilum_vocabulary_display_name   (HilumVocabulary     *self,
                                                            const char          *term,
                                                            HilumVocabularyTree  trees,
                                                            const char          *language);
const char                *hilum_vocabulary_term_get_name  (const HilumVocabularyTerm *term,
                                                            const char          *language);

/* (transfer container) (element-type HilumVocabularyTerm) Terms of @trees whose
 * English or Spanish name contains every word of @query, ignoring case and accents;
 * best first: the whole name, then the start of the name, the start of a word, inside
 * a word; shorter names first. At most @max_results (0: all). An empty query gives
 * every term of @trees in display order. */
GPtrArray                 *hilum_vocabulary_search         (HilumVocabulary     *self,
                                                            const char          *query,
                                                            HilumVocabularyTree  trees,
                                                            const char          *language,
                                                            guint                max_results);

/* (transfer full) @text in lower case without accents: how search compares text. */
char                      *hilum_vocabulary_fold           (const char          *text);

G_END_DECLS
