/* hilum-vocabulary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-vocabulary"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-vocabulary.h"

#define VOCABULARY_FILE "padchest-terms.csv"

typedef struct
{
  HilumVocabularyTerm  pub;      /* first: a HilumVocabularyTerm * is an Entry * */
  char                *term;
  char                *es;
  char               **parents;
  char                *cui;
  char                *gr_group;
  /* Folded once at load, so a search folds only the query. */
  char                *folded_en;
  char                *folded_es;
} Entry;

struct _HilumVocabulary
{
  GObject     parent_instance;

  GPtrArray  *entries;       /* of Entry, file order */
  GHashTable *by_term;       /* English key → Entry */
  GHashTable *by_folded;     /* folded English key → Entry */
};

G_DEFINE_FINAL_TYPE (HilumVocabulary, hilum_vocabulary, G_TYPE_OBJECT)

G_DEFINE_QUARK (hilum-vocabulary-error-quark, hilum_vocabulary_error)

GType
hilum_vocabulary_tree_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { HILUM_VOCABULARY_FINDINGS, "HILUM_VOCABULARY_FINDINGS", "findings" },
        { HILUM_VOCABULARY_DIAGNOSES, "HILUM_VOCABULARY_DIAGNOSES", "diagnoses" },
        { HILUM_VOCABULARY_LOCATIONS, "HILUM_VOCABULARY_LOCATIONS", "locations" },
        { HILUM_VOCABULARY_GROUPS, "HILUM_VOCABULARY_GROUPS", "groups" },
        { 0, NULL, NULL },
      };
      GType type = g_flags_register_static (g_intern_static_string ("HilumVocabularyTree"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->term);
  g_free (entry->es);
  g_strfreev (entry->parents);
  g_free (entry->cui);
  g_free (entry->gr_group);
  g_free (entry->folded_en);
  g_free (entry->folded_es);
  g_free (entry);
}

char *
hilum_vocabulary_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  /* NFD splits "ó" and "ñ" into a base letter and a combining mark; dropping the
   * marks is what a Spanish reader expects ("neumotorax" finds "neumotórax"). */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      /* "COVID-19" and "covid 19", "izquierdo/a" and "izquierdo a" compare equal. */
      if (c < 0x80 && (g_ascii_ispunct (c) || g_ascii_isspace (c)))
        c = ' ';
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (folded, FALSE);
}

const char *
hilum_vocabulary_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  /* The first name is the language the messages are in; only Spanish has names. */
  if (names[0] != NULL && g_str_has_prefix (names[0], "es") &&
      (names[0][2] == '\0' || strchr ("_.@", names[0][2]) != NULL))
    return "es";
  return "en";
}

/* One CSV record (RFC 4180: quoted fields, "" inside quotes) from *cursor. */
static GPtrArray *
read_record (const char **cursor,
             const char  *end)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = *cursor;
  gboolean quoted = FALSE;

  while (p < end)
    {
      char c = *p++;

      if (quoted)
        {
          if (c == '"' && p < end && *p == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (c == '\n')
        break;
      else if (c != '\r')
        g_string_append_c (field, c);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  *cursor = p;
  return fields;
}

static gboolean
tree_from_name (const char          *name,
                HilumVocabularyTree *tree)
{
  static const struct { const char *name; HilumVocabularyTree tree; } trees[] = {
    { "finding", HILUM_VOCABULARY_FINDINGS },
    { "diagnosis", HILUM_VOCABULARY_DIAGNOSES },
    { "location", HILUM_VOCABULARY_LOCATIONS },
    { "group", HILUM_VOCABULARY_GROUPS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (trees); i++)
    if (g_str_equal (name, trees[i].name))
      {
        *tree = trees[i].tree;
        return TRUE;
      }
  return FALSE;
}

static const char *
field_or_null (GPtrArray *fields,
               int        column)
{
  const char *value;

  if (column < 0 || (guint) column >= fields->len)
    return NULL;
  value = g_ptr_array_index (fields, column);
  return value[0] ? value : NULL;
}

/* Spanish names such as "izquierdo/a" stand for both genders: the folded text holds
 * both words, so that "izquierda" finds it too. */
static char *
fold_spanish (const char *name)
{
  g_autofree char *folded = hilum_vocabulary_fold (name);
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *text = g_string_new (folded);

  for (guint i = 0; words[i]; i++)
    if (g_str_has_suffix (words[i], "o/a") && strlen (words[i]) > 3)
      {
        g_autofree char *feminine = g_strndup (words[i], strlen (words[i]) - 3);
        g_autofree char *folded_feminine = NULL;

        folded_feminine = hilum_vocabulary_fold (feminine);
        g_string_append_printf (text, " %sa", folded_feminine);
      }
  return g_string_free (text, FALSE);
}

static gboolean
hilum_vocabulary_parse (HilumVocabulary  *self,
                        const char       *csv,
                        gsize             length,
                        GError          **error)
{
  enum { TREE, TERM, ES, PARENT, CUI, GR_GROUP, N_COLUMNS };
  static const char *names[N_COLUMNS] = { "tree", "term", "es", "parent", "cui", "gr_group" };
  int columns[N_COLUMNS] = { -1, -1, -1, -1, -1, -1 };
  const char *cursor = csv;
  const char *end = csv + length;
  gboolean header = TRUE;
  guint line = 0;

  while (cursor < end)
    {
      g_autoptr(GPtrArray) fields = NULL;
      const char *tree_name, *term, *es, *parent;
      HilumVocabularyTree tree;
      Entry *entry;

      line++;
      if (*cursor == '#' || *cursor == '\n' || *cursor == '\r')
        {
          const char *newline = memchr (cursor, '\n', end - cursor);

          cursor = newline ? newline + 1 : end;
          continue;
        }

      fields = read_record (&cursor, end);
      if (header)
        {
          for (guint i = 0; i < fields->len; i++)
            for (guint c = 0; c < N_COLUMNS; c++)
              if (g_str_equal (g_ptr_array_index (fields, i), names[c]))
                columns[c] = (int) i;
          if (columns[TREE] < 0 || columns[TERM] < 0 || columns[ES] < 0)
            {
              g_set_error (error, HILUM_VOCABULARY_ERROR, HILUM_VOCABULARY_ERROR_PARSE,
                           _("The vocabulary has no tree, term or es column"));
              return FALSE;
            }
          header = FALSE;
          continue;
        }

      tree_name = field_or_null (fields, columns[TREE]);
      term = field_or_null (fields, columns[TERM]);
      if (tree_name == NULL || term == NULL || !tree_from_name (tree_name, &tree))
        {
          g_set_error (error, HILUM_VOCABULARY_ERROR, HILUM_VOCABULARY_ERROR_PARSE,
                       _("Line %u of the vocabulary has no valid tree or term"), line);
          return FALSE;
        }
      if (g_hash_table_contains (self->by_term, term))
        continue;

      es = field_or_null (fields, columns[ES]);
      parent = field_or_null (fields, columns[PARENT]);

      entry = g_new0 (Entry, 1);
      entry->term = g_strdup (term);
      entry->es = g_strdup (es ? es : term);
      entry->parents = parent ? g_strsplit (parent, "|", -1) : g_new0 (char *, 1);
      entry->cui = g_strdup (field_or_null (fields, columns[CUI]));
      entry->gr_group = g_strdup (field_or_null (fields, columns[GR_GROUP]));
      entry->folded_en = hilum_vocabulary_fold (entry->term);
      entry->folded_es = fold_spanish (entry->es);
      entry->pub.tree = tree;
      entry->pub.term = entry->term;
      entry->pub.es = entry->es;
      entry->pub.parents = (const char * const *) entry->parents;
      entry->pub.cui = entry->cui;
      entry->pub.gr_group = entry->gr_group;

      g_ptr_array_add (self->entries, entry);
      g_hash_table_insert (self->by_term, entry->term, entry);
      if (!g_hash_table_contains (self->by_folded, entry->folded_en))
        g_hash_table_insert (self->by_folded, entry->folded_en, entry);
    }

  if (header)
    {
      g_set_error (error, HILUM_VOCABULARY_ERROR, HILUM_VOCABULARY_ERROR_PARSE,
                   _("The vocabulary is empty"));
      return FALSE;
    }
  return TRUE;
}

static void
hilum_vocabulary_finalize (GObject *object)
{
  HilumVocabulary *self = (HilumVocabulary *)object;

  g_clear_pointer (&self->by_term, g_hash_table_unref);
  g_clear_pointer (&self->by_folded, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (hilum_vocabulary_parent_class)->finalize (object);
}

static void
hilum_vocabulary_class_init (HilumVocabularyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_vocabulary_finalize;
}

static void
hilum_vocabulary_init (HilumVocabulary *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_term = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_folded = g_hash_table_new (g_str_hash, g_str_equal);
}

HilumVocabulary *
hilum_vocabulary_new_from_data (const char  *csv,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(HilumVocabulary) self = NULL;

  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HILUM_TYPE_VOCABULARY, NULL);
  if (!hilum_vocabulary_parse (self, csv, length < 0 ? strlen (csv) : (gsize) length, error))
    return NULL;
  return g_steal_pointer (&self);
}

HilumVocabulary *
hilum_vocabulary_new_from_dir (const char  *dir,
                               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (dir, VOCABULARY_FILE, NULL);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return hilum_vocabulary_new_from_data (contents, (gssize) length, error);
}

static char *
default_dir (void)
{
  const char *datadir = g_getenv ("HILUM_DATADIR");
  g_autofree char *installed = NULL;

  if (datadir != NULL && datadir[0] != '\0')
    return g_build_filename (datadir, "vocab", NULL);

  installed = g_build_filename (PKGDATADIR, "vocab", VOCABULARY_FILE, NULL);
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return g_build_filename (PKGDATADIR, "vocab", NULL);
  /* Run from the build tree without installing. */
  return g_build_filename (HILUM_SOURCE_DATADIR, "vocab", NULL);
}

HilumVocabulary *
hilum_vocabulary_get_default (void)
{
  static HilumVocabulary *vocabulary;

  if (g_once_init_enter (&vocabulary))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = default_dir ();
      HilumVocabulary *loaded = hilum_vocabulary_new_from_dir (dir, &error);

      if (loaded == NULL)
        {
          g_warning ("No PadChest vocabulary in %s: %s", dir, error->message);
          loaded = g_object_new (HILUM_TYPE_VOCABULARY, NULL);
        }
      g_once_init_leave (&vocabulary, loaded);
    }
  return vocabulary;
}

guint
hilum_vocabulary_get_n_terms (HilumVocabulary *self)
{
  g_return_val_if_fail (HILUM_IS_VOCABULARY (self), 0);

  return self->entries->len;
}

const HilumVocabularyTerm *
hilum_vocabulary_get_term (HilumVocabulary *self,
                           guint            position)
{
  g_return_val_if_fail (HILUM_IS_VOCABULARY (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

const HilumVocabularyTerm *
hilum_vocabulary_lookup (HilumVocabulary     *self,
                         const char          *term,
                         HilumVocabularyTree  trees)
{
  g_autofree char *folded = NULL;
  Entry *entry;

  g_return_val_if_fail (HILUM_IS_VOCABULARY (self), NULL);

  if (term == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->by_term, term);
  if (entry == NULL)
    {
      folded = hilum_vocabulary_fold (term);
      g_strstrip (folded);
      entry = g_hash_table_lookup (self->by_folded, folded);
      /* PadChest's own CSV writes locations as "loc left". */
      if (entry == NULL && g_str_has_prefix (folded, "loc "))
        entry = g_hash_table_lookup (self->by_folded, folded + strlen ("loc "));
    }
  if (entry == NULL || (entry->pub.tree & trees) == 0)
    return NULL;
  return &entry->pub;
}

const char *
hilum_vocabulary_term_get_name (const HilumVocabularyTerm *term,
                                const char                *language)
{
  g_return_val_if_fail (term != NULL, NULL);

  if (language == NULL)
    language = hilum_vocabulary_ui_language ();
  return g_str_equal (language, "es") ? term->es : term->term;
}

const char *
hilum_vocabulary_display_name (HilumVocabulary     *self,
                               const char          *term,
                               HilumVocabularyTree  trees,
                               const char          *language)
{
  const HilumVocabularyTerm *found;

  g_return_val_if_fail (HILUM_IS_VOCABULARY (self), NULL);
  g_return_val_if_fail (term != NULL, NULL);

  found = hilum_vocabulary_lookup (self, term, trees);
  return found ? hilum_vocabulary_term_get_name (found, language) : term;
}

/* How well @name (folded) holds @word (folded): 1 at the start of the name, 2 at the
 * start of a later word, 3 inside a word, 0 not at all. */
static guint
word_rank (const char *name,
           const char *word)
{
  guint best = 0;

  for (const char *hit = strstr (name, word); hit != NULL; hit = strstr (hit + 1, word))
    {
      guint rank = hit == name ? 1 : hit[-1] == ' ' ? 2 : 3;

      if (best == 0 || rank < best)
        best = rank;
      if (best == 1)
        break;
    }
  return best;
}

/* 0 when @name is the query itself; else the sum of the words' ranks; G_MAXUINT when
 * a word is missing. */
static guint
name_score (const char  *name,
            const char  *query,
            char       **words)
{
  guint score = 1;

  if (g_str_equal (name, query))
    return 0;
  for (guint i = 0; words[i]; i++)
    {
      guint rank = word_rank (name, words[i]);

      if (rank == 0)
        return G_MAXUINT;
      score += rank;
    }
  return score;
}

typedef struct
{
  Entry      *entry;
  guint       score;
  gsize       length;     /* of the name that matched best */
  const char *sort_key;   /* the folded display name */
} Match;

static int
match_compare (gconstpointer a,
               gconstpointer b)
{
  const Match *ma = a;
  const Match *mb = b;

  if (ma->score != mb->score)
    return ma->score < mb->score ? -1 : 1;
  if (ma->length != mb->length)
    return ma->length < mb->length ? -1 : 1;
  return strcmp (ma->sort_key, mb->sort_key);
}

GPtrArray *
hilum_vocabulary_search (HilumVocabulary     *self,
                         const char          *query,
                         HilumVocabularyTree  trees,
                         const char          *language,
                         guint                max_results)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) matches = NULL;
  gboolean spanish;
  GPtrArray *results;

  g_return_val_if_fail (HILUM_IS_VOCABULARY (self), NULL);

  if (language == NULL)
    language = hilum_vocabulary_ui_language ();
  spanish = g_str_equal (language, "es");

  folded = hilum_vocabulary_fold (query ? query : "");
  g_strstrip (folded);
  words = g_strsplit (folded, " ", -1);
  /* "lóbulo  inferior" has an empty word between the spaces: drop it. */
  {
    guint n = 0;

    for (guint i = 0; words[i]; i++)
      {
        if (words[i][0] != '\0')
          words[n++] = words[i];
        else
          g_free (words[i]);
      }
    words[n] = NULL;
  }

  matches = g_array_sized_new (FALSE, FALSE, sizeof (Match), 64);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      const char *shown = spanish ? entry->folded_es : entry->folded_en;
      const char *other = spanish ? entry->folded_en : entry->folded_es;
      guint score_shown, score_other;
      Match match;

      if ((entry->pub.tree & trees) == 0)
        continue;

      score_shown = name_score (shown, folded, words);
      score_other = name_score (other, folded, words);
      if (score_shown == G_MAXUINT && score_other == G_MAXUINT)
        continue;

      match.entry = entry;
      match.sort_key = shown;
      /* The name the user reads wins a tie with the other language's. */
      if (score_shown <= score_other)
        {
          match.score = score_shown;
          match.length = strlen (shown);
        }
      else
        {
          match.score = score_other;
          match.length = strlen (other);
        }
      if (words[0] == NULL)
        match.length = 0;   /* everything: alphabetical */
      g_array_append_val (matches, match);
    }

  g_array_sort (matches, match_compare);

  if (max_results == 0 || max_results > matches->len)
    max_results = matches->len;
  results = g_ptr_array_sized_new (max_results);
  for (guint i = 0; i < max_results; i++)
    g_ptr_array_add (results, &g_array_index (matches, Match, i).entry->pub);
  return results;
}
