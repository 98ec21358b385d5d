/* hilum-locale.c — the user's language, and where its translations are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hilum-locale.h"

/* The language part the environment asks for ("es_ES.UTF-8@euro" → "es_ES"), as
 * setlocale() would read it: LC_ALL, then LC_MESSAGES, then LANG. */
static char *
requested_language (void)
{
  static const char *variables[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value != NULL && *value != '\0')
        return g_strndup (value, strcspn (value, ".@"));
    }

  return NULL;
}

void
hilum_locale_init (void)
{
  const char *localedir = g_getenv ("HILUM_LOCALEDIR");

  if (setlocale (LC_ALL, "") == NULL)
    {
      g_autofree char *language = requested_language ();

      setlocale (LC_ALL, "C.UTF-8");
      if (language != NULL && g_getenv ("LANGUAGE") == NULL &&
          strcmp (language, "C") != 0 && strcmp (language, "POSIX") != 0)
        {
          g_autofree char *short_name = g_strndup (language, strcspn (language, "_"));
          g_autofree char *languages = g_strconcat (language, ":", short_name, NULL);

          g_setenv ("LANGUAGE", languages, TRUE);
        }
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
