/* hilum-spell.c — spell checking of report sentences in English and Spanish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-spell"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <hunspell/hunspell.h>

#include "hilum-personal-dictionary.h"
#include "hilum-spell-tokenizer.h"
#include "hilum-spell.h"

#define SYSTEM_HUNSPELL_DIR "/usr/share/hunspell"
/* Words of a report repeat; past this many cached words the cache starts over. */
#define CACHE_MAX 4096

struct _HilumSpeller
{
  char       *lang;
  Hunhandle  *handle;
  GHashTable *cache;        /* word → GINT_TO_POINTER (1 correct, 2 misspelled) */
  guint       n_personal;   /* words of the personal list applied to handle */
};

G_DEFINE_QUARK (hilum-spell-error-quark, hilum_spell_error)

/* ---- the notifier ------------------------------------------------------------------ */

#define HILUM_TYPE_SPELL_NOTIFIER (hilum_spell_notifier_get_type ())
G_DECLARE_FINAL_TYPE (HilumSpellNotifier, hilum_spell_notifier, HILUM, SPELL_NOTIFIER, GObject)

struct _HilumSpellNotifier
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (HilumSpellNotifier, hilum_spell_notifier, G_TYPE_OBJECT)

static guint changed_signal;

static void
hilum_spell_notifier_class_init (HilumSpellNotifierClass *klass)
{
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hilum_spell_notifier_init (HilumSpellNotifier *self)
{
}

GObject *
hilum_speller_get_notifier (void)
{
  static GObject *notifier;

  if (g_once_init_enter (&notifier))
    g_once_init_leave (&notifier, g_object_new (HILUM_TYPE_SPELL_NOTIFIER, NULL));
  return notifier;
}

/* ---- files ------------------------------------------------------------------------- */

void
hilum_misspelling_free (HilumMisspelling *m)
{
  if (m == NULL)
    return;
  g_free (m->word);
  g_free (m);
}

static char *
hunspell_dir (void)
{
  const char *dir = g_getenv ("HILUM_HUNSPELL_DIR");

  return g_strdup (dir != NULL && dir[0] != '\0' ? dir : SYSTEM_HUNSPELL_DIR);
}

/* Hilum's own word list, like hilum-vocabulary.c finds its data. */
static char *
hilum_dic_path (const char *lang)
{
  const char *datadir = g_getenv ("HILUM_DATADIR");
  g_autofree char *name = g_strdup_printf ("hilum-%s.dic", lang);
  char *path;

  if (datadir != NULL && datadir[0] != '\0')
    return g_build_filename (datadir, "dict", name, NULL);
  path = g_build_filename (PKGDATADIR, "dict", name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename (HILUM_SOURCE_DATADIR, "dict", name, NULL);
}

HilumSpeller *
hilum_speller_new (const char  *lang,
                   GError     **error)
{
  g_autofree char *dir = hunspell_dir ();
  g_autofree char *aff = NULL;
  g_autofree char *dic = NULL;
  g_autofree char *med = NULL;
  g_autofree char *own = NULL;
  const char *stock;
  HilumSpeller *self;

  g_return_val_if_fail (lang != NULL, NULL);

  if (g_str_equal (lang, "en"))
    stock = "en_US";
  else if (g_str_equal (lang, "es"))
    stock = "es_ES";
  else
    {
      g_set_error (error, HILUM_SPELL_ERROR, HILUM_SPELL_ERROR_FAILED,
                   _("No spell checking for the language “%s”: use en or es"), lang);
      return NULL;
    }

  aff = g_strdup_printf ("%s/%s.aff", dir, stock);
  dic = g_strdup_printf ("%s/%s.dic", dir, stock);
  /* hunspell returns a handle even for missing files: look first. */
  if (!g_file_test (aff, G_FILE_TEST_IS_REGULAR) || !g_file_test (dic, G_FILE_TEST_IS_REGULAR))
    {
      if (g_str_equal (lang, "en"))
        g_set_error (error, HILUM_SPELL_ERROR, HILUM_SPELL_ERROR_NO_DICTIONARY,
                     _("The English spelling dictionary is missing (%s): install the hunspell-en-us package"),
                     dic);
      else
        g_set_error (error, HILUM_SPELL_ERROR, HILUM_SPELL_ERROR_NO_DICTIONARY,
                     _("The Spanish spelling dictionary is missing (%s): install the hunspell-es package"),
                     dic);
      return NULL;
    }

  self = g_new0 (HilumSpeller, 1);
  self->lang = g_strdup (lang);
  self->handle = Hunspell_create (aff, dic);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_str_equal (lang, "en"))
    {
      /* The medical words are an add-on: without them English still works. */
      med = g_build_filename (dir, "en_med_glut.dic", NULL);
      if (g_file_test (med, G_FILE_TEST_IS_REGULAR))
        Hunspell_add_dic (self->handle, med);
    }
  own = hilum_dic_path (lang);
  if (g_file_test (own, G_FILE_TEST_IS_REGULAR))
    Hunspell_add_dic (self->handle, own);
  else
    g_warning ("Hilum's word list %s is missing", own);

  return self;
}

void
hilum_speller_free (HilumSpeller *self)
{
  if (self == NULL)
    return;
  Hunspell_destroy (self->handle);
  g_hash_table_unref (self->cache);
  g_free (self->lang);
  g_free (self);
}

const char *
hilum_speller_get_language (HilumSpeller *self)
{
  return self->lang;
}

/* Applies the personal and ignored words added since this speller last looked. */
static void
sync_personal (HilumSpeller *self)
{
  g_auto(GStrv) words = NULL;
  guint count = hilum_personal_dictionary_get_count (self->lang);

  if (count == self->n_personal)
    return;
  words = hilum_personal_dictionary_get_words (self->lang, self->n_personal, &count);
  for (guint i = 0; words[i] != NULL; i++)
    Hunspell_add (self->handle, words[i]);
  self->n_personal = count;
  /* Only "misspelled" answers can change, but dropping all is simpler and rare. */
  g_hash_table_remove_all (self->cache);
}

static gboolean
hunspell_accepts (HilumSpeller *self,
                  const char   *word)
{
  g_autofree char *lower = NULL;

  if (Hunspell_spell (self->handle, word))
    return TRUE;
  /* A capital at the start of a sentence, or a word in capitals (ATELECTASIS), is fine
   * when the lower-case word is; hunspell does most of this, the personal words not. */
  lower = g_utf8_strdown (word, -1);
  if (!g_str_equal (lower, word) && Hunspell_spell (self->handle, lower))
    return TRUE;
  return FALSE;
}

/* Checks one token (no digits handled here: the caller exempts). Apostrophes are
 * normalised to the straight one hunspell's dictionaries use. */
static gboolean
check_cached (HilumSpeller *self,
              const char   *word,
              gsize         len)
{
  g_autofree char *key = g_strndup (word, len);
  gpointer cached = g_hash_table_lookup (self->cache, key);
  gboolean ok;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;

  if (hilum_spell_token_is_exempt (key, -1))
    ok = TRUE;
  else if (strstr (key, "\xe2\x80\x99") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (key, "\xe2\x80\x99", -1);
      g_autofree char *straight = g_strjoinv ("'", parts);

      ok = hunspell_accepts (self, straight);
    }
  else
    ok = hunspell_accepts (self, key);

  if (g_hash_table_size (self->cache) >= CACHE_MAX)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_steal_pointer (&key), GINT_TO_POINTER (ok ? 1 : 2));
  return ok;
}

static gboolean
is_hyphen_at (const char *p)
{
  return *p == '-' || g_str_has_prefix (p, "\xe2\x80\x90") || g_str_has_prefix (p, "\xe2\x80\x91");
}

typedef struct
{
  HilumSpeller *self;
  GPtrArray    *result;
} CheckData;

static void
add_misspelling (CheckData  *data,
                 const char *word,
                 gsize       len,
                 guint       start,
                 guint       end)
{
  HilumMisspelling *m = g_new0 (HilumMisspelling, 1);

  m->word = g_strndup (word, len);
  m->start = start;
  m->end = end;
  g_ptr_array_add (data->result, m);
}

static void
check_token (const char            *text,
             const HilumSpellToken *token,
             gpointer               user_data)
{
  CheckData *data = user_data;
  const char *word = text + token->byte_start;
  gsize len = token->byte_end - token->byte_start;
  const char *end = word + len;
  const char *part;
  guint part_index;
  gboolean hyphenated = FALSE;

  /* A token with digits anywhere (C7-T1) is a measurement or a level: never flagged. */
  for (const char *p = word; p < end; p++)
    if (g_ascii_isdigit (*p))
      return;
    else if (is_hyphen_at (p))
      hyphenated = TRUE;

  if (check_cached (data->self, word, len))
    return;
  if (!hyphenated)
    {
      add_misspelling (data, word, len, token->start, token->end);
      return;
    }

  /* A compound the dictionaries lack (well-defined, retro-cardíaco): each part alone. */
  part = word;
  part_index = token->start;
  for (const char *p = word; p <= end;)
    {
      if (p == end || is_hyphen_at (p))
        {
          gsize part_len = (gsize) (p - part);
          glong part_chars = g_utf8_strlen (part, (gssize) part_len);

          if (part_len > 0 && !check_cached (data->self, part, part_len))
            add_misspelling (data, part, part_len, part_index, part_index + (guint) part_chars);
          if (p == end)
            break;
          part_index += (guint) part_chars + 1;
          p = g_utf8_next_char (p);
          part = p;
        }
      else
        p = g_utf8_next_char (p);
    }
}

GPtrArray *
hilum_speller_check_text (HilumSpeller *self,
                          const char   *text)
{
  CheckData data = { self, g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_misspelling_free) };

  g_return_val_if_fail (self != NULL, data.result);
  if (text == NULL)
    return data.result;

  sync_personal (self);
  hilum_spell_tokenize (text, check_token, &data);
  return data.result;
}

gboolean
hilum_speller_check_word (HilumSpeller *self,
                          const char   *word)
{
  g_autoptr(GPtrArray) result = NULL;

  g_return_val_if_fail (self != NULL, TRUE);
  if (word == NULL || word[0] == '\0')
    return TRUE;
  result = hilum_speller_check_text (self, word);
  return result->len == 0;
}

char **
hilum_speller_suggest (HilumSpeller *self,
                       const char   *word)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **list = NULL;
  char **suggestions;
  int n;

  sync_personal (self);
  n = Hunspell_suggest (self->handle, &list, word);
  for (int i = 0; i < n; i++)
    g_strv_builder_add (builder, list[i]);
  if (list != NULL)
    Hunspell_free_list (self->handle, &list, n);
  suggestions = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return suggestions;
}

/* ---- suggestions in a worker --------------------------------------------------------- */

/* A hunspell handle is not thread-safe: each worker thread keeps its own spellers. */
static GPrivate worker_spellers = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

typedef struct
{
  char *lang;
  char *word;
} SuggestData;

static void
suggest_data_free (SuggestData *data)
{
  g_free (data->lang);
  g_free (data->word);
  g_free (data);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestData *data = task_data;
  GHashTable *spellers = g_private_get (&worker_spellers);
  HilumSpeller *speller;
  GError *error = NULL;
  char **suggestions;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (spellers == NULL)
    {
      spellers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) hilum_speller_free);
      g_private_set (&worker_spellers, spellers);
    }
  speller = g_hash_table_lookup (spellers, data->lang);
  if (speller == NULL)
    {
      speller = hilum_speller_new (data->lang, &error);
      if (speller == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_hash_table_insert (spellers, g_strdup (data->lang), speller);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  suggestions = hilum_speller_suggest (speller, data->word);
  g_task_return_pointer (task, suggestions, (GDestroyNotify) g_strfreev);
}

void
hilum_speller_suggest_async (const char          *lang,
                             const char          *word,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SuggestData *data = g_new0 (SuggestData, 1);

  data->lang = g_strdup (lang);
  data->word = g_strdup (word);
  g_task_set_source_tag (task, hilum_speller_suggest_async);
  g_task_set_task_data (task, data, (GDestroyNotify) suggest_data_free);
  g_task_run_in_thread (task, suggest_thread);
}

char **
hilum_speller_suggest_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- personal words ------------------------------------------------------------------ */

gboolean
hilum_speller_add_to_personal (const char  *lang,
                               const char  *word,
                               GError     **error)
{
  if (!hilum_personal_dictionary_add (lang, word, error))
    return FALSE;
  g_signal_emit (hilum_speller_get_notifier (), changed_signal, 0, lang);
  return TRUE;
}

void
hilum_speller_ignore_all (const char *lang,
                          const char *word)
{
  hilum_personal_dictionary_ignore (lang, word);
  g_signal_emit (hilum_speller_get_notifier (), changed_signal, 0, lang);
}
