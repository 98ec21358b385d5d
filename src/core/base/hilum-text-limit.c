/* hilum-text-limit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hilum-text-limit.h"

char *
hilum_text_limit (const char *text,
                  guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *kept = NULL;

  if (max_chars == 0 || (guint) g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);
  kept = g_utf8_substring (valid, 0, max_chars - 1);
  return g_strconcat (kept, "…", NULL);
}
