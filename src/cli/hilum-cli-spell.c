/* hilum-cli-spell.c — hilum-cli spell (checking text in English or Spanish)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli spell --lang en|es [--json] [--suggest] TEXT|-
 *
 * Prints one line per misspelled word: "START-END<TAB>WORD" (offsets in characters, end
 * exclusive) and, with --suggest, "<TAB>suggestion, suggestion…". --json prints a list
 * of {word, start, end, suggestions} (suggestions [] unless --suggest). The exit status is
 * 0 whenever the text was checked, misspelled words or not (the list says which); 1 with
 * one line on stderr for an unknown language, a missing dictionary or unreadable input.
 */
#define G_LOG_DOMAIN "hilum-cli-spell"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "hilum-cli-common.h"
#include "hilum-cli-spell.h"
#include "hilum-spell.h"

static char *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  /* The terminating NUL goes in before the stream closes: text of any length, none
   * included, is a string. */
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, error) < 0 ||
      !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

int
hilum_cli_spell (int    argc,
                 char **argv)
{
  g_autofree char *lang = NULL;
  gboolean json = FALSE;
  gboolean suggest = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumSpeller) speller = NULL;
  g_autoptr(GPtrArray) misspellings = NULL;
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("Language of the text: en or es"), "LANG" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON list of {word, start, end, suggestions}"), NULL },
    { "suggest", 0, 0, G_OPTION_ARG_NONE, &suggest, N_("Suggest corrections (slower)"), NULL },
    { NULL }
  };

  context = hilum_cli_option_context_new ("spell",
                                          _("TEXT — check the spelling of TEXT (“-” reads standard input)"),
                                          _("Prints each misspelled word with its position in characters. "
                                            "The exit status is 0 when the text was checked, even with "
                                            "misspelled words; 1 on an error."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (lang == NULL)
    return hilum_cli_fail ("%s", _("No language given; use --lang en or --lang es"));
  if (argc != 2)
    return hilum_cli_fail ("%s", _("Give one TEXT to check, or “-” to read standard input"));

  if (g_str_equal (argv[1], "-"))
    {
      text = read_stdin (&error);
      if (text == NULL)
        return hilum_cli_fail ("%s", error->message);
    }
  else
    text = g_strdup (argv[1]);
  if (!g_utf8_validate (text, -1, NULL))
    return hilum_cli_fail ("%s", _("The text is not valid UTF-8"));

  speller = hilum_speller_new (lang, &error);
  if (speller == NULL)
    return hilum_cli_fail ("%s", error->message);

  misspellings = hilum_speller_check_text (speller, text);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < misspellings->len; i++)
        {
          HilumMisspelling *m = g_ptr_array_index (misspellings, i);
          g_auto(GStrv) suggestions = suggest ? hilum_speller_suggest (speller, m->word) : NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "word");
          json_builder_add_string_value (builder, m->word);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, m->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, m->end);
          json_builder_set_member_name (builder, "suggestions");
          json_builder_begin_array (builder);
          for (guint j = 0; suggestions != NULL && suggestions[j] != NULL; j++)
            json_builder_add_string_value (builder, suggestions[j]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      hilum_cli_print_json (root, TRUE);
      return 0;
    }

  for (guint i = 0; i < misspellings->len; i++)
    {
      HilumMisspelling *m = g_ptr_array_index (misspellings, i);

      g_print ("%u-%u\t%s", m->start, m->end, m->word);
      if (suggest)
        {
          g_auto(GStrv) suggestions = hilum_speller_suggest (speller, m->word);
          g_autofree char *joined = g_strjoinv (", ", suggestions);

          g_print ("\t%s", joined);
        }
      g_print ("\n");
    }
  return 0;
}
