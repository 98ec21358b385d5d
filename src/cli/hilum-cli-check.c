/* hilum-cli-check.c — hilum-cli check-translations (the bilingual flags of a document)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli check-translations [--json] DOCUMENT
 *
 * DOCUMENT is a hilum-study/1 file. Each ES/EN pair of its findings is checked
 * (hilum-translation-check.c says the rules). Text output: one line per flag,
 * "finding N (ID): FLAG: MESSAGE", N counting findings from 1 in report order. --json
 * prints a JSON list of {"finding_id", "flag", "message"} ([] when every pair is fine).
 * The exit status is 0 whenever the document was checked: flags are results, not errors.
 * An unreadable or invalid document exits 1 with one line on stderr.
 */
#define G_LOG_DOMAIN "hilum-cli-check"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hilum-cli-check.h"
#include "hilum-cli-common.h"
#include "hilum-document.h"
#include "hilum-translation-check.h"

static void
print_json (GPtrArray *flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < flags->len; i++)
    {
      HilumTranslationFlag *flag = flags->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "finding_id");
      json_builder_add_string_value (builder, flag->finding_id);
      json_builder_set_member_name (builder, "flag");
      json_builder_add_string_value (builder, flag->flag);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, flag->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  hilum_cli_print_json (root, TRUE);
}

static void
print_text (HilumDocument *document,
            GPtrArray     *flags)
{
  for (guint i = 0; i < flags->len; i++)
    {
      HilumTranslationFlag *flag = flags->pdata[i];
      guint index = 0;

      hilum_document_find_finding (document, flag->finding_id, &index);
      /* Translators: "finding 2 (uuid): side-mismatch: The English sentence says…" */
      g_print (_("finding %u (%s): %s: %s\n"), index + 1, flag->finding_id, flag->flag,
               flag->message);
    }
}

int
hilum_cli_check_translations (int    argc,
                              char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON list of {finding_id, flag, message}"), NULL },
    { NULL }
  };

  context = hilum_cli_option_context_new ("check-translations",
                                          _("DOCUMENT — check each Spanish/English sentence pair of a Hilum study document"),
                                          _("Prints one line per flag: “finding N (ID): FLAG: MESSAGE”. Flags: "
                                            "missing-translation, untranslated-copy, side-mismatch, "
                                            "number-mismatch, negation-mismatch, label-missing. The exit status "
                                            "is 0 when the document was checked, even with flags; 1 on an error."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (argc != 2)
    return hilum_cli_fail ("%s", _("Give one DOCUMENT to check"));

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return hilum_cli_fail ("%s", error->message);
  document = hilum_document_new_from_string (contents, length, &error);
  if (document == NULL)
    return hilum_cli_fail ("%s: %s", argv[1], error->message);

  flags = hilum_translation_check_document (document);
  if (json)
    print_json (flags);
  else
    print_text (document, flags);
  return 0;
}
