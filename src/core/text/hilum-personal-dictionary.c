/* hilum-personal-dictionary.c — the user's own words and the session's ignored words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-personal-dictionary"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "hilum-personal-dictionary.h"

typedef struct
{
  char       *lang;
  GPtrArray  *words;      /* personal then ignored, in order of addition */
  GHashTable *set;        /* word → 1 (personal) or 2 (ignored) */
  GPtrArray  *personal;   /* what the file holds */
  guint       count;      /* words->len, readable without the lock */
} WordList;

static GMutex lock;
static GHashTable *lists;  /* lang → WordList */

char *
hilum_personal_dictionary_get_path (const char *lang)
{
  g_autofree char *name = g_strdup_printf ("personal-%s.dic", lang);

  return g_build_filename (g_get_user_data_dir (), "hilum", "dict", name, NULL);
}

static void
list_append (WordList   *list,
             const char *word,
             int         kind)
{
  g_hash_table_insert (list->set, g_strdup (word), GINT_TO_POINTER (kind));
  g_ptr_array_add (list->words, g_strdup (word));
  if (kind == 1)
    g_ptr_array_add (list->personal, g_strdup (word));
  g_atomic_int_set (&list->count, list->words->len);
}

/* Called with the lock held. */
static WordList *
get_list (const char *lang)
{
  WordList *list;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (lists == NULL)
    lists = g_hash_table_new (g_str_hash, g_str_equal);
  list = g_hash_table_lookup (lists, lang);
  if (list != NULL)
    return list;

  list = g_new0 (WordList, 1);
  list->lang = g_strdup (lang);
  list->words = g_ptr_array_new_with_free_func (g_free);
  list->personal = g_ptr_array_new_with_free_func (g_free);
  list->set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (lists, list->lang, list);

  path = hilum_personal_dictionary_get_path (lang);
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *word = g_strstrip (lines[i]);

          if (word[0] != '\0' && g_utf8_validate (word, -1, NULL) &&
              !g_hash_table_contains (list->set, word))
            list_append (list, word, 1);
        }
    }
  return list;
}

static gboolean
valid_word (const char *word)
{
  return word != NULL && word[0] != '\0' && g_utf8_validate (word, -1, NULL) &&
         strpbrk (word, " \t\r\n") == NULL;
}

gboolean
hilum_personal_dictionary_add (const char  *lang,
                               const char  *word,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autofree char *path = hilum_personal_dictionary_get_path (lang);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GString) contents = g_string_new (NULL);
  WordList *list;

  if (!valid_word (word))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a single word"), word != NULL ? word : "");
      return FALSE;
    }

  list = get_list (lang);
  if (GPOINTER_TO_INT (g_hash_table_lookup (list->set, word)) == 1)
    return TRUE;

  for (guint i = 0; i < list->personal->len; i++)
    g_string_append_printf (contents, "%s\n", (char *) g_ptr_array_index (list->personal, i));
  g_string_append_printf (contents, "%s\n", word);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, contents->str, (gssize) contents->len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save the personal dictionary “%s”"), path);
      return FALSE;
    }

  /* A word ignored earlier is already in the speller's list; only the file changes. */
  if (g_hash_table_contains (list->set, word))
    {
      g_hash_table_insert (list->set, g_strdup (word), GINT_TO_POINTER (1));
      g_ptr_array_add (list->personal, g_strdup (word));
    }
  else
    list_append (list, word, 1);
  return TRUE;
}

void
hilum_personal_dictionary_ignore (const char *lang,
                                  const char *word)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  WordList *list;

  if (!valid_word (word))
    return;
  list = get_list (lang);
  if (!g_hash_table_contains (list->set, word))
    list_append (list, word, 2);
}

guint
hilum_personal_dictionary_get_count (const char *lang)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  return get_list (lang)->count;
}

char **
hilum_personal_dictionary_get_words (const char *lang,
                                     guint       from,
                                     guint      *count)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  WordList *list = get_list (lang);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **words;

  for (guint i = from; i < list->words->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list->words, i));
  if (count != NULL)
    *count = list->words->len;
  words = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return words;
}
