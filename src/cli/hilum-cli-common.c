/* hilum-cli-common.c — what every hilum-cli command shares: errors, JSON, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-cli-common"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-text-limit.h"

static void
print_line (const char *prefix,
            const char *message)
{
  /* One line of a readable length, whatever a file put in it. */
  g_autofree char *line = hilum_text_limit (message, HILUM_TEXT_LIMIT_MESSAGE);

  g_strstrip (g_strdelimit (line, "\r\n", ' '));
  g_printerr ("hilum-cli: %s%s\n", prefix, line);
}

void
hilum_cli_print_error (const char *message)
{
  print_line ("", message);
}

int
hilum_cli_fail (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_line ("", message);
  return 1;
}

void
hilum_cli_print_problems (GPtrArray *problems,
                          gboolean   warnings)
{
  for (guint i = 0; i < problems->len; i++)
    {
      HilumFormatProblem *problem = problems->pdata[i];
      g_autofree char *message = g_strdup_printf ("%s: %s", problem->record, problem->message);

      /* Translators: the prefix of a warning line of hilum-cli */
      print_line (warnings ? _("warning: ") : "", message);
    }
}

GPtrArray *
hilum_cli_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
}

GOptionContext *
hilum_cli_option_context_new (const char         *command,
                              const char         *parameter_string,
                              const char         *summary,
                              const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strconcat ("hilum-cli ", command, NULL);
  GOptionContext *context = g_option_context_new (parameter_string);

  /* --help says "Usage: hilum-cli COMMAND [OPTION…]". */
  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

void
hilum_cli_print_json (JsonNode *node,
                      gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* ---- progress ---- */

static gboolean progress_shown;

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  const char *what = user_data;

  if (total < 200)
    return;
  g_printerr ("\r%s %" G_GOFFSET_FORMAT "/%" G_GOFFSET_FORMAT, what, done, total);
  progress_shown = TRUE;
}

GFileProgressCallback
hilum_cli_progress_callback (void)
{
  return isatty (STDERR_FILENO) ? progress_cb : NULL;
}

void
hilum_cli_progress_begin (HilumFormatOptions *options,
                          const char         *what)
{
  progress_shown = FALSE;
  options->progress = hilum_cli_progress_callback ();
  options->progress_data = options->progress != NULL ? (gpointer) what : NULL;
}

void
hilum_cli_progress_end (void)
{
  if (progress_shown)
    g_printerr ("\n");
  progress_shown = FALSE;
}

/* ---- formats and the store ---- */

gboolean
hilum_cli_parse_format (const char  *name,
                        const char  *option,
                        HilumFormat *format)
{
  if (name == NULL)
    {
      hilum_cli_fail (_("Missing %s; formats: hilum padchest-gr radfact maira2 ms-cxr coco"), option);
      return FALSE;
    }
  if (!hilum_format_from_name (name, format))
    {
      hilum_cli_fail (_("Unknown format “%s”; formats: hilum padchest-gr radfact maira2 ms-cxr coco"),
                      name);
      return FALSE;
    }
  return TRUE;
}

HilumStore *
hilum_cli_open_store (const char *path)
{
  g_autofree char *default_path = path == NULL ? hilum_store_get_default_path () : NULL;
  g_autoptr(GError) error = NULL;
  HilumStore *store = hilum_store_open (path != NULL ? path : default_path, &error);

  if (store == NULL)
    hilum_cli_print_error (error->message);
  /* Damage is said, and the command goes on with what can be read. */
  else if (!hilum_store_check_integrity (store, &error))
    {
      g_autofree char *warning = g_strdup_printf (_("warning: %s"), error->message);

      hilum_cli_print_error (warning);
    }
  return store;
}
