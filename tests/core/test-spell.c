/* test-spell.c — the speller: the corpora of correct and misspelled sentences, numbers,
 * units, abbreviations, capitals, the personal dictionary, suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-personal-dictionary.h"
#include "hilum-spell.h"

static char *data_home;

static HilumSpeller *
speller (const char *lang)
{
  g_autoptr(GError) error = NULL;
  HilumSpeller *s = hilum_speller_new (lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* "word@start-end|…" of everything flagged in @text. */
static char *
flagged (HilumSpeller *s,
         const char   *text)
{
  g_autoptr(GPtrArray) result = hilum_speller_check_text (s, text);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < result->len; i++)
    {
      HilumMisspelling *m = g_ptr_array_index (result, i);

      g_string_append_printf (out, "%s%s@%u-%u", i > 0 ? "|" : "", m->word, m->start, m->end);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char **
read_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (contents, "\n", -1);
}

static void
test_correct_sentences (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *name = g_strdup_printf ("sentences-%s.txt", lang);
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(HilumSpeller) s = speller (lang);
  g_autoptr(GString) failures = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *got = NULL;

      if (lines[i][0] == '\0')
        continue;
      n++;
      got = flagged (s, lines[i]);
      if (got[0] != '\0')
        g_string_append_printf (failures, "\n  %s → %s", lines[i], got);
    }
  if (failures->len > 0)
    g_error ("Correct %s sentences were flagged:%s", lang, failures->str);
  g_assert_cmpuint (n, >=, 40);
}

static void
test_misspellings (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *name = g_strdup_printf ("misspellings-%s.txt", lang);
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(HilumSpeller) s = speller (lang);
  g_autoptr(GString) failures = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) words = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *got = NULL;
      const char *from;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      g_assert_nonnull (fields[1]);
      words = g_strsplit (fields[1], "|", -1);
      from = fields[0];
      for (guint j = 0; words[j] != NULL; j++)
        {
          /* The expected offsets: the word's place in characters, accents before it
           * counting one each. */
          const char *at = strstr (from, words[j]);
          glong start;

          g_assert_nonnull (at);
          start = g_utf8_pointer_to_offset (fields[0], at);
          g_string_append_printf (expected, "%s%s@%ld-%ld", j > 0 ? "|" : "", words[j],
                                  start, start + g_utf8_strlen (words[j], -1));
          from = at + strlen (words[j]);
          n++;
        }
      got = flagged (s, fields[0]);
      if (!g_str_equal (got, expected->str))
        g_string_append_printf (failures, "\n  %s → got “%s”, want “%s”", fields[0], got,
                                expected->str);
    }
  if (failures->len > 0)
    g_error ("Seeded %s misspellings were not flagged as expected:%s", lang, failures->str);
  g_assert_cmpuint (n, >=, 30);
}

static void
test_offsets (void)
{
  g_autoptr(HilumSpeller) es = speller ("es");
  g_autofree char *got = flagged (es, "Índice cardiotorácico aumentado, neumotorax y atelectacias.");

  /* "Índice cardiotorácico aumentado, " is 33 characters but 35 bytes. */
  g_assert_cmpstr (got, ==, "neumotorax@33-43|atelectacias@46-58");
}

static void
test_never_flagged (void)
{
  g_autoptr(HilumSpeller) en = speller ("en");
  g_autoptr(HilumSpeller) es = speller ("es");
  g_autofree char *a = flagged (en, "A 3x4 cm nodule at T6, 2,5 cm, 10% larger, C7-T1, 12 mm, 5 ml, "
                                    "14 Fr and 8 French tubes, 40 mmHg, 2 mg, 3 kg, 10 cc.");
  g_autofree char *b = flagged (en, "PA and AP views; ICU patient; ETT, NGT and PICCs in place.");
  g_autofree char *c = flagged (es, "Proyección PA y AP, SNG en estómago, EPOC, nódulo de 2,5 cm "
                                    "en T6, 3x4 mm, 10%, C7-T1, 5 ml.");
  g_autofree char *d = flagged (en, "See https://example.org/xrya and www.exmaple.com, x y z.");

  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
  g_assert_true (hilum_speller_check_word (en, "mmHg"));
  g_assert_true (hilum_speller_check_word (es, "T12"));
}

static void
test_capitals (void)
{
  g_autoptr(HilumSpeller) en = speller ("en");
  g_autoptr(HilumSpeller) es = speller ("es");
  g_autofree char *a = flagged (es, "Cardiomegalia. Neumotórax. NEUMOTÓRAX DERECHO.");
  g_autofree char *b = flagged (es, "Cardiomegalya leve.");
  g_autofree char *c = flagged (en, "ATELECTASSIS at the bases. ATELECTASIS. Atelectasis.");
  g_autofree char *d = flagged (en, "The patient's lines; the patient’s tube.");
  g_autofree char *e = flagged (en, "Well-defined and well-defnied margins.");

  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "Cardiomegalya@0-13");
  g_assert_cmpstr (c, ==, "ATELECTASSIS@0-12");
  g_assert_cmpstr (d, ==, "");
  /* A hyphenated compound the dictionary lacks: the misspelled part alone. */
  g_assert_cmpstr (e, ==, "defnied@22-29");
}

static void
on_changed (GObject    *notifier,
            const char *lang,
            gpointer    user_data)
{
  g_strlcpy (user_data, lang, 8);
}

static void
test_personal (void)
{
  g_autoptr(HilumSpeller) old = speller ("en");
  g_autoptr(HilumSpeller) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = hilum_personal_dictionary_get_path ("en");
  g_autofree char *contents = NULL;
  char changed[8] = "";
  gulong id;

  g_assert_true (g_str_has_prefix (path, data_home));
  g_assert_false (hilum_speller_check_word (old, "hilumoid"));
  id = g_signal_connect (hilum_speller_get_notifier (), "changed", G_CALLBACK (on_changed), changed);
  g_assert_true (hilum_speller_add_to_personal ("en", "hilumoid", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (changed, ==, "en");

  /* The file: one word a line. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hilumoid\n");

  /* An existing speller (which cached "misspelled") and a new one both accept it. */
  g_assert_true (hilum_speller_check_word (old, "hilumoid"));
  g_assert_true (hilum_speller_check_word (old, "Hilumoid"));
  fresh = speller ("en");
  g_assert_true (hilum_speller_check_word (fresh, "hilumoid"));
  /* Only English. */
  {
    g_autoptr(HilumSpeller) es = speller ("es");
    g_assert_false (hilum_speller_check_word (es, "hilumoid"));
  }

  g_assert_true (hilum_speller_add_to_personal ("en", "zorbulin", &error));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hilumoid\nzorbulin\n");
  g_assert_false (hilum_speller_add_to_personal ("en", "two words", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_signal_handler_disconnect (hilum_speller_get_notifier (), id);
}

static void
test_ignore_all (void)
{
  g_autoptr(HilumSpeller) es = speller ("es");
  g_autofree char *before = flagged (es, "Imagen en blorfo.");
  g_autofree char *after = NULL;
  g_autofree char *path = hilum_personal_dictionary_get_path ("es");

  g_assert_cmpstr (before, ==, "blorfo@10-16");
  hilum_speller_ignore_all ("es", "blorfo");
  after = flagged (es, "Imagen en blorfo.");
  g_assert_cmpstr (after, ==, "");
  /* Not persistent. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
contains (char **list, const char *word)
{
  return list != NULL && g_strv_contains ((const char * const *) list, word);
}

static void
test_suggest (void)
{
  g_autoptr(HilumSpeller) en = speller ("en");
  g_autoptr(HilumSpeller) es = speller ("es");
  g_auto(GStrv) a = hilum_speller_suggest (es, "neumotorax");
  g_auto(GStrv) b = hilum_speller_suggest (en, "atelectsis");
  g_auto(GStrv) c = hilum_speller_suggest (es, "costofrenico");
  g_auto(GStrv) d = hilum_speller_suggest (en, "pnuemothorax");

  g_assert_true (contains (a, "neumotórax"));
  g_assert_true (contains (b, "atelectasis"));
  g_assert_true (contains (c, "costofrénico"));
  g_assert_true (contains (d, "pneumothorax"));
}

static void
on_suggested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char ***out = user_data;
  g_autoptr(GError) error = NULL;

  *out = hilum_speller_suggest_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  char **list = hilum_speller_suggest_finish (result, error);

  g_assert_null (list);
}

static void
test_suggest_async (void)
{
  GError *cancelled_error = NULL;
  char **got = NULL;
  char **got2 = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GThread *self = g_thread_self ();

  hilum_speller_suggest_async ("es", "atelectacia", NULL, on_suggested, &got);
  hilum_speller_suggest_async ("en", "cardiomegally", NULL, on_suggested, &got2);
  while (got == NULL || got2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_thread_self () == self);
  g_assert_true (contains (got, "atelectasia"));
  g_assert_true (contains (got2, "cardiomegaly"));
  g_strfreev (got);
  g_strfreev (got2);

  /* Cancelled before it ran: an error, no suggestions. */
  g_cancellable_cancel (cancellable);
  hilum_speller_suggest_async ("en", "atelectsis", cancellable, on_cancelled, &cancelled_error);
  while (cancelled_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancelled_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled_error);
}

static void
test_missing_dictionary (void)
{
  g_autoptr(GError) error = NULL;
  HilumSpeller *s;

  g_setenv ("HILUM_HUNSPELL_DIR", data_home, TRUE);
  s = hilum_speller_new ("es", &error);
  g_unsetenv ("HILUM_HUNSPELL_DIR");
  g_assert_null (s);
  g_assert_error (error, HILUM_SPELL_ERROR, HILUM_SPELL_ERROR_NO_DICTIONARY);
  g_assert_nonnull (strstr (error->message, "hunspell-es"));
  g_clear_error (&error);

  s = hilum_speller_new ("fr", &error);
  g_assert_null (s);
  g_assert_error (error, HILUM_SPELL_ERROR, HILUM_SPELL_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  int status;

  /* Before GLib caches the user data dir: the personal dictionaries go here. */
  data_home = g_dir_make_tmp ("hilum-test-spell-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* First: it sets the environment, before any worker thread exists. */
  g_test_add_func ("/hilum/spell/missing-dictionary", test_missing_dictionary);
  g_test_add_data_func ("/hilum/spell/corpus/correct-en", "en", test_correct_sentences);
  g_test_add_data_func ("/hilum/spell/corpus/correct-es", "es", test_correct_sentences);
  g_test_add_data_func ("/hilum/spell/corpus/misspelled-en", "en", test_misspellings);
  g_test_add_data_func ("/hilum/spell/corpus/misspelled-es", "es", test_misspellings);
  g_test_add_func ("/hilum/spell/offsets", test_offsets);
  g_test_add_func ("/hilum/spell/never-flagged", test_never_flagged);
  g_test_add_func ("/hilum/spell/capitals", test_capitals);
  g_test_add_func ("/hilum/spell/personal", test_personal);
  g_test_add_func ("/hilum/spell/ignore-all", test_ignore_all);
  g_test_add_func ("/hilum/spell/suggest", test_suggest);
  g_test_add_func ("/hilum/spell/suggest-async", test_suggest_async);
  status = g_test_run ();

  {
    /* The temp dir: personal dictionaries only. */
    g_autofree char *dict = g_build_filename (data_home, "hilum", "dict", NULL);
    g_autofree char *en = g_build_filename (dict, "personal-en.dic", NULL);
    g_autofree char *hdir = g_build_filename (data_home, "hilum", NULL);

    g_remove (en);
    g_rmdir (dict);
    g_rmdir (hdir);
    g_rmdir (data_home);
  }
  return status;
}
