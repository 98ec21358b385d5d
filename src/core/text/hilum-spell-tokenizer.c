/* hilum-spell-tokenizer.c — splitting report text into the words a speller checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-spell-tokenizer"

#include "config.h"

#include <string.h>

#include "hilum-spell-tokenizer.h"

/* Abbreviations longer than this, in capitals, are checked: ATELECTASSIS is a shouted
 * misspelling, not an acronym. */
#define MAX_ABBREVIATION_CHARS 6

/* Units and unit-like words radiologists write after a number; matched exactly (case
 * matters: "Fr" is French gauge, "fr" is nothing). */
static const char * const units[] = {
  "mm", "cm", "dm", "m", "km", "µm", "um", "ml", "mL", "cc", "dl", "dL", "l", "L",
  "mg", "g", "kg", "mcg", "µg", "mmHg", "cmH2O", "Fr", "French", "F", "G", "Ga",
  "kV", "kVp", "mA", "mAs", "mSv", "mGy", "Gy", "HU", "UH", "s", "ms", "min", "h",
  "cms", "mms", "mls", "kgs", "lpm", "bpm", "mmol", "mEq", "IU", "UI",
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_joiner (gunichar c)
{
  /* Apostrophes (patient's, straight and typographic) and hyphens (C7-T1, well-defined). */
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_url_start (const char *p)
{
  return g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://") ||
         g_str_has_prefix (p, "ftp://") || g_str_has_prefix (p, "www.") ||
         g_str_has_prefix (p, "file://");
}

void
hilum_spell_tokenize (const char          *text,
                      HilumSpellTokenFunc  func,
                      gpointer             user_data)
{
  const char *p = text;
  guint index = 0;
  gboolean after_space = TRUE;

  g_return_if_fail (text != NULL);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (after_space && is_url_start (p))
        {
          /* Skip up to the next space. */
          while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              index++;
            }
          continue;
        }

      if (is_word_char (c))
        {
          HilumSpellToken token;
          const char *q = p;
          guint qi = index;
          const char *end = p;
          guint end_index = index;

          token.start = index;
          token.byte_start = (gsize) (p - text);
          for (;;)
            {
              gunichar d = g_utf8_get_char (q);

              if (is_word_char (d))
                {
                  q = g_utf8_next_char (q);
                  qi++;
                  end = q;
                  end_index = qi;
                }
              else if (is_joiner (d) && q > p)
                {
                  const char *next = g_utf8_next_char (q);

                  if (*next == '\0' || !is_word_char (g_utf8_get_char (next)))
                    break;
                  q = next;
                  qi++;
                }
              else
                break;
            }
          token.end = end_index;
          token.byte_end = (gsize) (end - text);
          func (text, &token, user_data);
          p = end;
          index = end_index;
          after_space = FALSE;
          continue;
        }

      after_space = g_unichar_isspace (c) || c == '(' || c == '<' || c == '[' || c == '"';
      p = g_utf8_next_char (p);
      index++;
    }
}

gboolean
hilum_spell_token_is_exempt (const char *word,
                             gssize      len)
{
  const char *end;
  guint n_chars = 0;
  gboolean all_upper = TRUE;
  gsize n_bytes;

  if (len < 0)
    len = (gssize) strlen (word);
  n_bytes = (gsize) len;
  end = word + n_bytes;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strlen (units[i]) == n_bytes && memcmp (units[i], word, n_bytes) == 0)
      return TRUE;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return TRUE;
      if (g_unichar_isalpha (c))
        {
          n_chars++;
          if (!g_unichar_isupper (c))
            all_upper = FALSE;
        }
    }

  if (n_chars <= 1)
    return TRUE;
  /* Plural abbreviations (PICCs, ETTs) count as abbreviations too. */
  if (!all_upper && n_bytes > 2 && word[n_bytes - 1] == 's')
    {
      all_upper = TRUE;
      for (const char *p = word; p < end - 1; p = g_utf8_next_char (p))
        if (g_unichar_isalpha (g_utf8_get_char (p)) && !g_unichar_isupper (g_utf8_get_char (p)))
          all_upper = FALSE;
      if (all_upper)
        n_chars--;
    }
  return all_upper && n_chars <= MAX_ABBREVIATION_CHARS;
}
