/* test-vocabulary.c — the PadChest vocabularies in English and Spanish, and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads data/vocab/padchest-terms.csv of the source tree (HILUM_DATADIR, set by meson)
 * and checks it against the PadChest term lists of the same folder's label tree.
 */
#include <string.h>

#include "hilum-vocabulary.h"

static HilumVocabulary *
load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("HILUM_DATADIR"), "vocab", NULL);
  HilumVocabulary *vocabulary = hilum_vocabulary_new_from_dir (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  return vocabulary;
}

static guint
count_tree (HilumVocabulary     *vocabulary,
            HilumVocabularyTree  tree)
{
  guint n = 0;

  for (guint i = 0; i < hilum_vocabulary_get_n_terms (vocabulary); i++)
    if (hilum_vocabulary_get_term (vocabulary, i)->tree == tree)
      n++;
  return n;
}

/* Every PadChest term of padchest_label_tree.csv is in the vocabulary with its tree. */
static void
test_complete (void)
{
  g_autoptr(HilumVocabulary) vocabulary = load ();
  g_autofree char *path = g_build_filename (g_getenv ("HILUM_DATADIR"), "vocab",
                                            "padchest_label_tree.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_assert_cmpuint (count_tree (vocabulary, HILUM_VOCABULARY_FINDINGS), ==, 170);
  g_assert_cmpuint (count_tree (vocabulary, HILUM_VOCABULARY_DIAGNOSES), ==, 22);
  g_assert_cmpuint (count_tree (vocabulary, HILUM_VOCABULARY_LOCATIONS), ==, 106);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 4);
      HilumVocabularyTree tree;

      if (g_strv_length (fields) < 4 || fields[1][0] == '0')
        continue;   /* comments, header, the roots */
      if (g_str_equal (fields[0], "finding"))
        tree = HILUM_VOCABULARY_FINDINGS;
      else if (g_str_equal (fields[0], "diagnosis"))
        tree = HILUM_VOCABULARY_DIAGNOSES;
      else if (g_str_equal (fields[0], "location"))
        tree = HILUM_VOCABULARY_LOCATIONS;
      else
        continue;

      g_assert_nonnull (hilum_vocabulary_lookup (vocabulary, fields[2], tree));
      g_assert_cmpstr (hilum_vocabulary_lookup (vocabulary, fields[2], tree)->term, ==, fields[2]);
      checked++;
    }
  g_assert_cmpuint (checked, >, 300);
}

/* Every term has a Spanish name, written with Spanish letters, and most differ. */
static void
test_spanish (void)
{
  g_autoptr(HilumVocabulary) vocabulary = load ();
  guint n = hilum_vocabulary_get_n_terms (vocabulary);
  guint differ = 0, accented = 0;
  static const struct { const char *en, *es; } known[] = {
    { "cardiomegaly", "cardiomegalia" },
    { "pleural effusion", "derrame pleural" },
    { "costophrenic angle blunting", "pinzamiento del seno costofrénico" },
    { "pneumothorax", "neumotórax" },
    { "left lower lobe", "lóbulo inferior izquierdo" },
    { "hilar", "hiliar" },
    { "left", "izquierdo/a" },
    { "ground glass pattern", "patrón en vidrio deslustrado" },
    { "COPD signs", "signos de EPOC" },
    { "rotator cuff", "manguito de los rotadores" },
  };

  for (guint i = 0; i < n; i++)
    {
      const HilumVocabularyTerm *term = hilum_vocabulary_get_term (vocabulary, i);

      g_assert_true (g_utf8_validate (term->es, -1, NULL));
      g_assert_cmpuint (strlen (term->es), >, 0);
      if (!g_str_equal (term->es, term->term))
        differ++;
      if (!g_str_is_ascii (term->es))
        accented++;
    }
  /* Words like "osteopenia" or "basal" are the same in both languages. */
  g_assert_cmpuint (differ, >, n * 85 / 100);
  g_assert_cmpuint (accented, >, n / 4);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, known[i].en,
                                                      HILUM_VOCABULARY_ALL, "es"), ==, known[i].es);
      g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, known[i].en,
                                                      HILUM_VOCABULARY_ALL, "en"), ==, known[i].en);
    }
}

/* The tree's parents, CUIs and the PadChest-GR groups come along. */
static void
test_tree (void)
{
  g_autoptr(HilumVocabulary) vocabulary = load ();
  const HilumVocabularyTerm *term;

  term = hilum_vocabulary_lookup (vocabulary, "air bronchogram", HILUM_VOCABULARY_LABELS);
  g_assert_nonnull (term);
  g_assert_cmpuint (term->tree, ==, HILUM_VOCABULARY_FINDINGS);
  g_assert_cmpuint (g_strv_length ((char **) term->parents), ==, 2);
  g_assert_cmpstr (term->parents[0], ==, "consolidation");
  g_assert_cmpstr (term->parents[1], ==, "alveolar pattern");
  g_assert_cmpstr (term->cui, ==, "C3669021");
  g_assert_cmpstr (term->gr_group, ==, "alveolar pattern");

  term = hilum_vocabulary_lookup (vocabulary, "cardiomegaly", HILUM_VOCABULARY_LABELS);
  g_assert_cmpuint (g_strv_length ((char **) term->parents), ==, 0);
  g_assert_cmpstr (term->cui, ==, "C0018800");

  term = hilum_vocabulary_lookup (vocabulary, "pneumonia", HILUM_VOCABULARY_LABELS);
  g_assert_cmpuint (term->tree, ==, HILUM_VOCABULARY_DIAGNOSES);
  g_assert_null (term->gr_group);

  term = hilum_vocabulary_lookup (vocabulary, "lingula", HILUM_VOCABULARY_LOCATIONS);
  g_assert_cmpstr (term->parents[0], ==, "left upper lobe");

  /* A group name that is not a term is still displayable in Spanish. */
  g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, "other entities",
                                                  HILUM_VOCABULARY_GROUPS, "es"), ==, "otras entidades");
  g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, "nsg tube",
                                                  HILUM_VOCABULARY_ALL, "es"), ==, "sonda nasogástrica");
}

/* Lookups respect the tree, tolerate case and PadChest's "loc " prefix; unknown
 * terms show as they are. */
static void
test_lookup_unknown (void)
{
  g_autoptr(HilumVocabulary) vocabulary = load ();
  const char *unknown = "weird imported label";

  g_assert_null (hilum_vocabulary_lookup (vocabulary, "left", HILUM_VOCABULARY_LABELS));
  g_assert_nonnull (hilum_vocabulary_lookup (vocabulary, "left", HILUM_VOCABULARY_LOCATIONS));
  g_assert_null (hilum_vocabulary_lookup (vocabulary, "cardiomegaly", HILUM_VOCABULARY_LOCATIONS));
  g_assert_cmpstr (hilum_vocabulary_lookup (vocabulary, "Cardiomegaly", HILUM_VOCABULARY_LABELS)->term,
                   ==, "cardiomegaly");
  g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, "loc left",
                                                  HILUM_VOCABULARY_LOCATIONS, "es"), ==, "izquierdo/a");

  g_assert_null (hilum_vocabulary_lookup (vocabulary, unknown, HILUM_VOCABULARY_ALL));
  g_assert_true (hilum_vocabulary_display_name (vocabulary, unknown, HILUM_VOCABULARY_ALL, "es") == unknown);
  g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, "", HILUM_VOCABULARY_ALL, "en"), ==, "");
}

static const char *
first_name (GPtrArray  *results,
            const char *language)
{
  g_assert_cmpuint (results->len, >, 0);
  return hilum_vocabulary_term_get_name (g_ptr_array_index (results, 0), language);
}

static gboolean
results_contain (GPtrArray  *results,
                 const char *term)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((const HilumVocabularyTerm *) g_ptr_array_index (results, i))->term, term))
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr(HilumVocabulary) vocabulary = load ();
  g_autoptr(GPtrArray) r1 = NULL;
  g_autoptr(GPtrArray) r2 = NULL;
  g_autoptr(GPtrArray) r3 = NULL;
  g_autoptr(GPtrArray) r4 = NULL;
  g_autoptr(GPtrArray) r5 = NULL;
  g_autoptr(GPtrArray) r6 = NULL;
  g_autoptr(GPtrArray) r7 = NULL;
  g_autoptr(GPtrArray) r8 = NULL;

  /* Spanish, with and without the accent, and in capitals. */
  r1 = hilum_vocabulary_search (vocabulary, "neumot", HILUM_VOCABULARY_LABELS, "es", 0);
  g_assert_cmpstr (first_name (r1, "es"), ==, "neumotórax");
  g_assert_true (results_contain (r1, "hydropneumothorax"));
  r2 = hilum_vocabulary_search (vocabulary, "NEUMOTORAX", HILUM_VOCABULARY_LABELS, "es", 0);
  g_assert_cmpstr (first_name (r2, "es"), ==, "neumotórax");

  /* English words find terms while the UI is in Spanish. */
  r3 = hilum_vocabulary_search (vocabulary, "effusion", HILUM_VOCABULARY_LABELS, "es", 0);
  g_assert_cmpstr (first_name (r3, "en"), ==, "pleural effusion");
  g_assert_cmpuint (r3->len, ==, 4);   /* pleural, pericardial, loculated pleural, loculated fissural */

  /* Words in any order, each the start of a word; the tree filters. */
  r4 = hilum_vocabulary_search (vocabulary, "inf izq", HILUM_VOCABULARY_LOCATIONS, "es", 0);
  g_assert_cmpstr (first_name (r4, "es"), ==, "lóbulo inferior izquierdo");
  g_assert_cmpuint (r4->len, ==, 1);
  r5 = hilum_vocabulary_search (vocabulary, "izq", HILUM_VOCABULARY_LABELS, "es", 0);
  g_assert_cmpuint (r5->len, ==, 0);
  g_clear_pointer (&r5, g_ptr_array_unref);
  /* "izquierdo/a" is found by either gender. */
  r5 = hilum_vocabulary_search (vocabulary, "izquierda", HILUM_VOCABULARY_LOCATIONS, "es", 0);
  g_assert_cmpuint (r5->len, ==, 1);
  g_assert_cmpstr (first_name (r5, "es"), ==, "izquierdo/a");
  g_clear_pointer (&r5, g_ptr_array_unref);
  r5 = hilum_vocabulary_search (vocabulary, "derecho", HILUM_VOCABULARY_LOCATIONS, "es", 0);
  g_assert_cmpstr (first_name (r5, "es"), ==, "derecho/a");

  /* Ranking: the whole name, then its start, then a word's start, then inside. */
  r6 = hilum_vocabulary_search (vocabulary, "atelectasia", HILUM_VOCABULARY_LABELS, "es", 0);
  g_assert_cmpstr (first_name (r6, "es"), ==, "atelectasia");
  g_assert_cmpstr (hilum_vocabulary_term_get_name (g_ptr_array_index (r6, 1), "es"), ==, "atelectasia basal");
  r7 = hilum_vocabulary_search (vocabulary, "pleural", HILUM_VOCABULARY_LABELS, "en", 3);
  g_assert_cmpuint (r7->len, ==, 3);
  g_assert_cmpstr (first_name (r7, "en"), ==, "pleural mass");   /* the shortest starting so */
  for (guint i = 0; i < r7->len; i++)
    g_assert_true (g_str_has_prefix (((const HilumVocabularyTerm *) g_ptr_array_index (r7, i))->term, "pleural"));

  /* Nothing typed: every term of the tree, alphabetical in the display language. */
  r8 = hilum_vocabulary_search (vocabulary, "  ", HILUM_VOCABULARY_LOCATIONS, "es", 0);
  g_assert_cmpuint (r8->len, ==, 106);
  g_assert_cmpstr (first_name (r8, "es"), ==, "ambos senos costofrénicos");
}

static void
test_fold (void)
{
  g_autofree char *a = hilum_vocabulary_fold ("Pinzamiento del SENO costofrénico");
  g_autofree char *b = hilum_vocabulary_fold ("Señal ÁÉÍÓÚÜ");
  g_autofree char *c = hilum_vocabulary_fold ("COVID-19");

  g_assert_cmpstr (a, ==, "pinzamiento del seno costofrenico");
  g_assert_cmpstr (b, ==, "senal aeiouu");
  g_assert_cmpstr (c, ==, "covid 19");
}

/* A search over the whole vocabulary must keep up with typing: print the cost. */
static void
test_speed (void)
{
  gint64 loading = g_get_monotonic_time ();
  g_autoptr(HilumVocabulary) vocabulary = load ();
  const char *queries[] = { "n", "neumo", "effusion", "lob inf", "derrame pleural", "zzz" };
  guint rounds = 200;
  gint64 start = g_get_monotonic_time ();
  double per_search;

  g_test_message ("loading the vocabulary: %.2f ms", (start - loading) / 1000.0);

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      g_ptr_array_unref (hilum_vocabulary_search (vocabulary, queries[i], HILUM_VOCABULARY_ALL, "es", 0));
  per_search = (double) (g_get_monotonic_time () - start) / (rounds * G_N_ELEMENTS (queries));
  g_test_message ("search over %u terms: %.1f us per query", hilum_vocabulary_get_n_terms (vocabulary),
                  per_search);
  g_assert_cmpfloat (per_search, >, 0);
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumVocabulary) quoted = NULL;
  HilumVocabulary *broken;

  broken = hilum_vocabulary_new_from_data ("term,es\nx,y\n", -1, &error);
  g_assert_null (broken);
  g_assert_error (error, HILUM_VOCABULARY_ERROR, HILUM_VOCABULARY_ERROR_PARSE);
  g_clear_error (&error);

  broken = hilum_vocabulary_new_from_data ("tree,term,es\nplanet,mars,marte\n", -1, &error);
  g_assert_null (broken);
  g_assert_error (error, HILUM_VOCABULARY_ERROR, HILUM_VOCABULARY_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  quoted = hilum_vocabulary_new_from_data ("# c\ntree,term,es\r\nfinding,\"a, b\",\"el \"\"a\"\", b\"\r\n",
                                           -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_vocabulary_get_n_terms (quoted), ==, 1);
  g_assert_cmpstr (hilum_vocabulary_display_name (quoted, "a, b", HILUM_VOCABULARY_ALL, "es"), ==, "el \"a\", b");
}

/* The default vocabulary comes from $HILUM_DATADIR and the UI language from the locale. */
static void
test_default (void)
{
  HilumVocabulary *vocabulary = hilum_vocabulary_get_default ();

  g_assert_true (vocabulary == hilum_vocabulary_get_default ());
  g_assert_cmpuint (hilum_vocabulary_get_n_terms (vocabulary), ==, 170 + 22 + 106 + 1);
  /* meson runs the tests with LC_ALL=C.UTF-8 */
  g_assert_cmpstr (hilum_vocabulary_ui_language (), ==, "en");
  g_assert_cmpstr (hilum_vocabulary_display_name (vocabulary, "pleural effusion", HILUM_VOCABULARY_LABELS, NULL),
                   ==, "pleural effusion");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/vocabulary/complete", test_complete);
  g_test_add_func ("/hilum/vocabulary/spanish", test_spanish);
  g_test_add_func ("/hilum/vocabulary/tree", test_tree);
  g_test_add_func ("/hilum/vocabulary/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/hilum/vocabulary/search", test_search);
  g_test_add_func ("/hilum/vocabulary/fold", test_fold);
  g_test_add_func ("/hilum/vocabulary/speed", test_speed);
  g_test_add_func ("/hilum/vocabulary/parse-errors", test_parse_errors);
  g_test_add_func ("/hilum/vocabulary/default", test_default);

  return g_test_run ();
}
