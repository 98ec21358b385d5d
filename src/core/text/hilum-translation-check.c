/* hilum-translation-check.c — consistency checks of a finding's Spanish/English pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules, exactly (DESIGN.md §"Text: spelling and the bilingual pair"). Words are
 * compared "folded": lower case, accents dropped, ASCII punctuation as spaces
 * (hilum_vocabulary_fold), so "Izquierdo," and "izquierdo" are one word. They are kept
 * simple on purpose: a flag is a hint to a translator, never a verdict.
 *
 *   missing-translation  one side is empty or blank and the other is not. When it is
 *                        raised no other flag is checked (there is nothing to compare).
 *   untranslated-copy    the folded words of both sides are the same; or the Spanish side
 *                        reads as English: at least two English function words (the, of,
 *                        and, with, left, right, is, are, without, both, there, in) making
 *                        at least a third of its words, and no Spanish one (de, del, la,
 *                        el, los, las, y, con, sin, en, se, un, una, que, por, para, al).
 *   side-mismatch        the set of sides named differs. English: left, right, bilateral,
 *                        both (= bilateral). Spanish: izquierdo/a(s), izq → left;
 *                        derecho/a(s), dcho, dcha → right; bilateral(es), ambos, ambas →
 *                        bilateral. Whole words only; "left" in "left ventricle" counts.
 *   number-mismatch      the multiset of numbers differs. A number is digits with an
 *                        optional decimal part (2,5 and 2.5 are one number; 2.50 = 2.5),
 *                        with its unit when one of mm, cm, ml, % follows (3 cm = 3cm), a
 *                        vertebra letter before it (T6; the Spanish dorsal D6 = T6; L, C),
 *                        and an ordinal ending dropped (1st, 2nd, 1º, 2ª, 1er, 3o → the
 *                        number). Numbers written as words ("two", "dos") are not seen.
 *   negation-mismatch    one side has an explicit negation and the other has none.
 *                        English: no, not, without, absence of, free of, negative for
 *                        ("no evidence of" is "no"). Spanish: no (so "no se observa", "no
 *                        hay"), sin, ausencia de, libre(s) de, se descarta(n). "Descartar"
 *                        alone (rule out) and "unremarkable" are not negations here.
 *   label-missing        for each of the finding's labels, neither sentence holds the
 *                        head word of its English term (the last word: "pleural effusion"
 *                        → effusion) or of its Spanish name (the first word: "derrame
 *                        pleural" → derrame). A word matches another when they are equal
 *                        after dropping a trailing "es" or "s" and then a trailing "a" or
 *                        "o" (nódulos = nódulo, izquierda = izquierdo). A label the
 *                        vocabulary does not know is looked for as written, in English.
 *
 * Every kind is raised at most once per finding; negative findings are checked too.
 */
#define G_LOG_DOMAIN "hilum-translation-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-translation-check.h"
#include "hilum-vocabulary.h"

void
hilum_translation_flag_free (HilumTranslationFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->finding_id);
  g_free (flag->flag);
  g_free (flag->message);
  g_free (flag);
}

static void
add_flag (GPtrArray  *flags,
          JsonObject *finding,
          const char *id,
          char       *message)
{
  HilumTranslationFlag *flag = g_new0 (HilumTranslationFlag, 1);

  flag->finding_id = g_strdup (hilum_finding_get_id (finding));
  flag->flag = g_strdup (id);
  flag->message = message;
  g_ptr_array_add (flags, flag);
}

/* The folded words of @text, without empty ones. */
static GStrv
folded_words (const char *text)
{
  g_autofree char *folded = hilum_vocabulary_fold (text);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether @words holds @first immediately followed by @second. */
static gboolean
has_pair (GStrv       words,
          const char *first,
          const char *second)
{
  for (guint i = 0; words[i] && words[i + 1]; i++)
    if (g_str_equal (words[i], first) && g_str_equal (words[i + 1], second))
      return TRUE;
  return FALSE;
}

/* ---- untranslated-copy ----------------------------------------------------------- */

static const char * const english_markers[] = {
  "the", "of", "and", "with", "left", "right", "is", "are", "without", "both", "there",
  "in", NULL
};
static const char * const spanish_markers[] = {
  "de", "del", "la", "el", "los", "las", "y", "con", "sin", "en", "se", "un", "una", "que",
  "por", "para", "al", NULL
};

static gboolean
reads_as_english (GStrv words)
{
  guint n_words = g_strv_length (words);
  guint n_english = 0;

  for (guint i = 0; words[i]; i++)
    {
      if (g_strv_contains (spanish_markers, words[i]))
        return FALSE;
      if (g_strv_contains (english_markers, words[i]))
        n_english++;
    }
  return n_english >= 2 && n_english * 3 >= n_words;
}

/* ---- side-mismatch --------------------------------------------------------------- */

enum { SIDE_LEFT = 1, SIDE_RIGHT = 2, SIDE_BILATERAL = 4 };

static const struct { const char *word; guint side; } side_words[] = {
  { "left", SIDE_LEFT }, { "right", SIDE_RIGHT }, { "bilateral", SIDE_BILATERAL },
  { "both", SIDE_BILATERAL },
  { "izquierdo", SIDE_LEFT }, { "izquierda", SIDE_LEFT }, { "izquierdos", SIDE_LEFT },
  { "izquierdas", SIDE_LEFT }, { "izq", SIDE_LEFT },
  { "derecho", SIDE_RIGHT }, { "derecha", SIDE_RIGHT }, { "derechos", SIDE_RIGHT },
  { "derechas", SIDE_RIGHT }, { "dcho", SIDE_RIGHT }, { "dcha", SIDE_RIGHT },
  { "bilaterales", SIDE_BILATERAL }, { "ambos", SIDE_BILATERAL },
  { "ambas", SIDE_BILATERAL },
};

/* The sides @words names; @named gets the side words in the order met. */
static guint
sides_of (GStrv    words,
          GString *named)
{
  guint sides = 0;

  for (guint i = 0; words[i]; i++)
    for (guint j = 0; j < G_N_ELEMENTS (side_words); j++)
      if (g_str_equal (words[i], side_words[j].word))
        {
          if (!strstr (named->str, words[i]))
            g_string_append_printf (named, "%s%s", named->len ? ", " : "", words[i]);
          sides |= side_words[j].side;
        }
  return sides;
}

/* ---- number-mismatch ------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The numbers of @text, normalised ("2.5 cm", "t6", "3"), sorted. */
static GPtrArray *
numbers_of (const char *text)
{
  static GRegex *regex;
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("(?<![[:alnum:]])([tdlc]?)(\\d+(?:[.,]\\d+)?)"
                               "(?:\\s*(mm|cm|ml|%)(?![[:alpha:]])"
                               "|\\.?(?:st|nd|rd|th|er|º|ª|o|a)(?![[:alpha:]]))?",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  g_regex_match (regex, lower, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *prefix = g_match_info_fetch (match, 1);
      g_autofree char *digits = g_match_info_fetch (match, 2);
      g_autofree char *unit = g_match_info_fetch (match, 3);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double value;

      g_strdelimit (digits, ",", '.');
      value = g_ascii_strtod (digits, NULL);
      g_ascii_formatd (buf, sizeof buf, "%.10g", value);
      /* Spanish reports name thoracic vertebrae "dorsal": D6 is T6. */
      if (g_str_equal (prefix, "d"))
        prefix[0] = 't';
      if (prefix[0] != '\0')
        g_ptr_array_add (numbers, g_strdup_printf ("%c%s", g_ascii_toupper (prefix[0]), buf));
      else if (unit != NULL && unit[0] != '\0')
        g_ptr_array_add (numbers, g_strdup_printf (g_str_equal (unit, "%") ? "%s%s" : "%s %s",
                                                   buf, unit));
      else
        g_ptr_array_add (numbers, g_strdup (buf));
      g_match_info_next (match, NULL);
    }
  g_ptr_array_sort (numbers, compare_strings);
  return numbers;
}

static gboolean
same_strings (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

static char *
join_or (GPtrArray  *strings,
         const char *none)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (const char *) strings->pdata[i]);
  if (text->len == 0)
    g_string_append (text, none);
  return g_string_free (text, FALSE);
}

/* ---- negation-mismatch ----------------------------------------------------------- */

/* (nullable) The first explicit negation of @words, as it reads. */
static const char *
english_negation (GStrv words)
{
  static const char * const single[] = { "no", "not", "without", NULL };

  for (guint i = 0; words[i]; i++)
    if (g_strv_contains (single, words[i]))
      return words[i];
  if (has_pair (words, "absence", "of"))
    return "absence of";
  if (has_pair (words, "free", "of"))
    return "free of";
  if (has_pair (words, "negative", "for"))
    return "negative for";
  return NULL;
}

static const char *
spanish_negation (GStrv words)
{
  static const char * const single[] = { "no", "sin", NULL };

  for (guint i = 0; words[i]; i++)
    if (g_strv_contains (single, words[i]))
      return words[i];
  if (has_pair (words, "ausencia", "de"))
    return "ausencia de";
  if (has_pair (words, "libre", "de") || has_pair (words, "libres", "de"))
    return "libre de";
  if (has_pair (words, "se", "descarta") || has_pair (words, "se", "descartan"))
    return "se descarta";
  return NULL;
}

/* ---- label-missing --------------------------------------------------------------- */

/* @word without a plural ending, then without a gender ending. */
static char *
word_stem (const char *word)
{
  gsize len = strlen (word);

  if (len > 4 && g_str_has_suffix (word, "es"))
    len -= 2;
  else if (len > 3 && word[len - 1] == 's')
    len -= 1;
  if (len > 3 && (word[len - 1] == 'a' || word[len - 1] == 'o'))
    len -= 1;
  return g_strndup (word, len);
}

static gboolean
words_hold (GStrv       words,
            const char *head)
{
  g_autofree char *head_stem = word_stem (head);

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *stem = word_stem (words[i]);

      if (g_str_equal (words[i], head) || g_str_equal (stem, head_stem))
        return TRUE;
    }
  return FALSE;
}

/* (nullable) The head word of a folded name: its first or last word. */
static char *
head_word (const char *name,
           gboolean    last)
{
  g_auto(GStrv) words = folded_words (name);
  guint n = g_strv_length (words);

  if (n == 0)
    return NULL;
  return g_strdup (words[last ? n - 1 : 0]);
}

static gboolean
label_named (const char *label,
             GStrv       en_words,
             GStrv       es_words)
{
  HilumVocabulary *vocabulary = hilum_vocabulary_get_default ();
  const HilumVocabularyTerm *term;
  g_autofree char *en_head = NULL;
  g_autofree char *es_head = NULL;

  term = hilum_vocabulary_lookup (vocabulary, label, HILUM_VOCABULARY_ALL);
  en_head = head_word (term ? term->term : label, TRUE);
  es_head = term && term->es ? head_word (term->es, FALSE) : NULL;

  for (guint side = 0; side < 2; side++)
    {
      GStrv words = side == 0 ? en_words : es_words;

      if ((en_head && words_hold (words, en_head)) || (es_head && words_hold (words, es_head)))
        return TRUE;
    }
  return FALSE;
}

/* ---- the checks ------------------------------------------------------------------ */

GPtrArray *
hilum_translation_check_finding (JsonObject *finding)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_translation_flag_free);
  const char *en = hilum_finding_get_text (finding, "en");
  const char *es = hilum_finding_get_text (finding, "es");
  g_auto(GStrv) en_words = NULL;
  g_auto(GStrv) es_words = NULL;
  g_autoptr(GString) en_sides = g_string_new (NULL);
  g_autoptr(GString) es_sides = g_string_new (NULL);
  g_autoptr(GPtrArray) en_numbers = NULL;
  g_autoptr(GPtrArray) es_numbers = NULL;
  const char *en_negation, *es_negation;
  JsonArray *labels;

  g_return_val_if_fail (finding != NULL, flags);

  if (is_blank (en) != is_blank (es))
    {
      add_flag (flags, finding, "missing-translation",
                g_strdup (is_blank (es) ? _("The Spanish sentence is empty.")
                                        : _("The English sentence is empty.")));
      return flags;
    }
  if (is_blank (en))
    return flags;

  en_words = folded_words (en);
  es_words = folded_words (es);

  {
    g_autofree char *en_joined = g_strjoinv (" ", en_words);
    g_autofree char *es_joined = g_strjoinv (" ", es_words);

    if (g_str_equal (en_joined, es_joined))
      add_flag (flags, finding, "untranslated-copy",
                g_strdup (_("The Spanish sentence is the same as the English one.")));
    else if (reads_as_english (es_words))
      add_flag (flags, finding, "untranslated-copy",
                g_strdup (_("The Spanish sentence seems to be in English.")));
  }

  if (sides_of (en_words, en_sides) != sides_of (es_words, es_sides))
    {
      if (en_sides->len == 0)
        add_flag (flags, finding, "side-mismatch",
                  g_strdup_printf (_("The English sentence names no side, the Spanish one says %s."),
                                   es_sides->str));
      else if (es_sides->len == 0)
        add_flag (flags, finding, "side-mismatch",
                  g_strdup_printf (_("The English sentence says %s, the Spanish one names no side."),
                                   en_sides->str));
      else
        add_flag (flags, finding, "side-mismatch",
                  g_strdup_printf (_("The English sentence says %s, the Spanish one says %s."),
                                   en_sides->str, es_sides->str));
    }

  en_numbers = numbers_of (en);
  es_numbers = numbers_of (es);
  if (!same_strings (en_numbers, es_numbers))
    {
      g_autofree char *en_list = join_or (en_numbers, _("no number"));
      g_autofree char *es_list = join_or (es_numbers, _("no number"));

      add_flag (flags, finding, "number-mismatch",
                g_strdup_printf (_("Numbers differ: %s in English, %s in Spanish."),
                                 en_list, es_list));
    }

  en_negation = english_negation (en_words);
  es_negation = spanish_negation (es_words);
  if (en_negation != NULL && es_negation == NULL)
    add_flag (flags, finding, "negation-mismatch",
              g_strdup_printf (_("The English sentence is negated (“%s”), the Spanish one is not."),
                               en_negation));
  else if (es_negation != NULL && en_negation == NULL)
    add_flag (flags, finding, "negation-mismatch",
              g_strdup_printf (_("The Spanish sentence is negated (“%s”), the English one is not."),
                               es_negation));

  labels = json_object_has_member (finding, "labels")
             ? json_object_get_array_member (finding, "labels") : NULL;
  if (labels != NULL)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (labels); i++)
        {
          const char *label = json_array_get_string_element (labels, i);

          if (label != NULL && label[0] != '\0' && !label_named (label, en_words, es_words))
            g_ptr_array_add (missing, (gpointer) label);
        }
      if (missing->len > 0)
        {
          g_autofree char *list = join_or (missing, "");

          add_flag (flags, finding, "label-missing",
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Neither sentence names the label %s.",
                                                  "Neither sentence names the labels %s.",
                                                  missing->len),
                                     list));
        }
    }

  return flags;
}

GPtrArray *
hilum_translation_check_finding_id (HilumDocument *document,
                                    const char    *finding_id)
{
  JsonObject *finding;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  finding = finding_id != NULL ? hilum_document_find_finding (document, finding_id, NULL) : NULL;
  if (finding == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_translation_flag_free);
  return hilum_translation_check_finding (finding);
}

GPtrArray *
hilum_translation_check_document (HilumDocument *document)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_translation_flag_free);

  g_return_val_if_fail (document != NULL, flags);

  for (guint i = 0; i < hilum_document_get_n_findings (document); i++)
    {
      g_autoptr(GPtrArray) one = hilum_translation_check_finding (hilum_document_get_finding (document, i));

      for (guint j = 0; j < one->len; j++)
        g_ptr_array_add (flags, g_steal_pointer (&one->pdata[j]));
      g_ptr_array_set_free_func (one, NULL);
    }
  return flags;
}

static gboolean
pair_verified (HilumDocument *document,
               const char    *finding_id,
               const char    *lang)
{
  return hilum_document_get_translation_state (document, finding_id, lang, NULL, NULL)
         == HILUM_TRANSLATION_VERIFIED;
}

gboolean
hilum_translation_needs_work (HilumDocument *document)
{
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), FALSE);

  for (guint i = 0; i < hilum_document_get_n_findings (document); i++)
    {
      const char *id = hilum_document_get_finding_id (document, i);
      g_autoptr(GPtrArray) flags = NULL;

      /* A finding without any sentence has nothing to translate. */
      if (hilum_document_get_finding_text (document, id, "es")[0] == '\0'
          && hilum_document_get_finding_text (document, id, "en")[0] == '\0')
        continue;
      if (!pair_verified (document, id, "es") || !pair_verified (document, id, "en"))
        return TRUE;
      flags = hilum_translation_check_finding_id (document, id);
      if (flags != NULL && flags->len > 0)
        return TRUE;
    }
  return FALSE;
}
