/* bench-spell.c — spell checking a whole report on each keystroke, and suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report of 30 sentences per language (the first 30 of tests/fixtures/data/sentences-{en,es}.txt,
 * with two seeded misspellings each so the misspelled path is timed too) is checked
 * sentence by sentence, as the report panel does after a change: cold (a speller whose word
 * cache is empty) and warm (the same speller again, as on every keystroke). Then
 * suggestions for the seeded misspellings of tests/fixtures/data/misspellings-{en,es}.txt, one word
 * at a time. Prints median and p95; asserts nothing about time.
 */
#include <string.h>

#include "hilum-spell.h"

#define N_SENTENCES 30
#define N_COLD 15
#define N_WARM 500
#define N_SUGGEST 12

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *what,
             GArray     *times,
             const char *unit)
{
  double median, p95;

  g_array_sort (times, cmp_double);
  median = g_array_index (times, double, times->len / 2);
  p95 = g_array_index (times, double, MIN (times->len - 1, (guint) (times->len * 0.95)));
  g_print ("%-44s median %8.3f %s   p95 %8.3f %s   (n=%u)\n", what, median, unit, p95, unit,
           times->len);
}

static char **
read_lines (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  return g_strsplit (contents, "\n", -1);
}

/* The 30 sentences of a report in @lang, two of them misspelled. */
static GPtrArray *
report (const char *lang)
{
  g_autofree char *good = g_strdup_printf ("sentences-%s.txt", lang);
  g_autofree char *bad = g_strdup_printf ("misspellings-%s.txt", lang);
  g_auto(GStrv) lines = read_lines (good);
  g_auto(GStrv) wrong = read_lines (bad);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL && sentences->len < N_SENTENCES - 2; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (sentences, g_strdup (lines[i]));
  for (guint i = 0; wrong[i] != NULL && sentences->len < N_SENTENCES; i++)
    {
      g_auto(GStrv) fields = g_strsplit (wrong[i], "\t", 2);

      if (fields[0] != NULL && fields[0][0] != '\0')
        g_ptr_array_add (sentences, g_strdup (fields[0]));
    }
  return sentences;
}

static double
check_report (HilumSpeller *en,
              GPtrArray    *en_report,
              HilumSpeller *es,
              GPtrArray    *es_report,
              guint        *n_flagged)
{
  gint64 start = g_get_monotonic_time ();

  *n_flagged = 0;
  for (guint i = 0; i < en_report->len; i++)
    {
      g_autoptr(GPtrArray) a = hilum_speller_check_text (en, g_ptr_array_index (en_report, i));
      *n_flagged += a->len;
    }
  for (guint i = 0; i < es_report->len; i++)
    {
      g_autoptr(GPtrArray) b = hilum_speller_check_text (es, g_ptr_array_index (es_report, i));
      *n_flagged += b->len;
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_suggest (const char *lang)
{
  g_autofree char *bad = g_strdup_printf ("misspellings-%s.txt", lang);
  g_auto(GStrv) wrong = read_lines (bad);
  g_autoptr(HilumSpeller) speller = hilum_speller_new (lang, NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = g_strdup_printf ("suggest %s, one word", lang);
  guint hits = 0;

  for (guint i = 0; wrong[i] != NULL && times->len < N_SUGGEST; i++)
    {
      g_auto(GStrv) fields = g_strsplit (wrong[i], "\t", 2);
      g_auto(GStrv) words = NULL;
      g_auto(GStrv) suggestions = NULL;
      gint64 start;
      double ms;

      if (fields[0] == NULL || fields[1] == NULL)
        continue;
      words = g_strsplit (fields[1], "|", 2);
      start = g_get_monotonic_time ();
      suggestions = hilum_speller_suggest (speller, words[0]);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      hits += suggestions[0] != NULL;
    }
  print_stats (label, times, "ms");
  g_print ("  (%u of %u words had suggestions)\n", hits, times->len);
}

int
main (void)
{
  g_autoptr(GPtrArray) en_report = report ("en");
  g_autoptr(GPtrArray) es_report = report ("es");
  g_autoptr(GArray) create = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(HilumSpeller) en = NULL;
  g_autoptr(HilumSpeller) es = NULL;
  guint n_words = 0;
  guint n_flagged = 0;

  for (guint i = 0; i < en_report->len + es_report->len; i++)
    {
      GPtrArray *r = i < en_report->len ? en_report : es_report;
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (r, i % en_report->len), " ", -1);

      n_words += g_strv_length (words);
    }
  g_print ("Report: %u EN + %u ES sentences, ~%u words\n", en_report->len, es_report->len, n_words);

  for (guint rep = 0; rep < N_COLD; rep++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_pointer (&en, hilum_speller_free);
      g_clear_pointer (&es, hilum_speller_free);
      en = hilum_speller_new ("en", &error);
      if (en == NULL)
        g_error ("%s", error->message);
      es = hilum_speller_new ("es", &error);
      if (es == NULL)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (create, ms);

      ms = check_report (en, en_report, es, es_report, &n_flagged);
      g_array_append_val (cold, ms);
    }
  for (guint rep = 0; rep < N_WARM; rep++)
    {
      double ms = check_report (en, en_report, es, es_report, &n_flagged);

      g_array_append_val (warm, ms);
    }

  print_stats ("load EN + ES spellers", create, "ms");
  print_stats ("check report, cold cache (60 sentences)", cold, "ms");
  print_stats ("check report, warm cache (60 sentences)", warm, "ms");
  g_print ("  (%u words flagged per report)\n", n_flagged);
  bench_suggest ("en");
  bench_suggest ("es");
  return 0;
}
