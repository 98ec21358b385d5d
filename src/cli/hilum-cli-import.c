/* hilum-cli-import.c — hilum-cli import (a dataset file into the store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli import [--store DB] --from FMT IN [--images DIR] [--reader ID]
 *
 * FMT: hilum padchest-gr radfact maira2 ms-cxr coco. A record that cannot be imported is
 * printed on stderr, "hilum-cli: RECORD: WHY", one per line; the others are imported and
 * the exit status is 2.
 *
 * What happens to each record is hilum-import's plan, as in the app's Import…:
 * new studies go into the store in one transaction. A hilum-study/1 document of a study
 * that is already in the store is applied as the operations that turn the stored document
 * into it, through a HilumSession of --reader (default "hilum-cli"): audited and undoable
 * like an edit in the app. A study of another format that is already in the store is
 * replaced by the imported one.
 */
#define G_LOG_DOMAIN "hilum-cli-import"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-import.h"
#include "hilum-format.h"
#include "hilum-import.h"
#include "hilum-store.h"

#define CLI_AUTHOR "hilum-cli"

int
hilum_cli_import (int    argc,
                  char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *images = NULL;
  g_autofree char *reader = NULL;
  g_auto(GStrv) files = NULL;
  gboolean replace = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store (default: the user’s)"), N_("DB") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Format of the input"), N_("FORMAT") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Who the edits are by (default: hilum-cli)"), N_("ID") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Apply the file to studies edited here since their import too (as audited edits)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(HilumImportPlan) plan = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat format;
  guint n_imported;

  context = hilum_cli_option_context_new ("import", NULL,
                                          _("Import annotations into the store: hilum padchest-gr radfact "
                                            "maira2 ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (from, "--from", &format))
    return 1;
  if (files == NULL || g_strv_length (files) != 1)
    return hilum_cli_fail ("%s", _("Give one input; usage: hilum-cli import [--store DB] --from FORMAT IN"));

  store = hilum_cli_open_store (store_path);
  if (store == NULL)
    return 1;

  options.images_dir = images;
  options.reader_id = reader;
  hilum_cli_progress_begin (&options, _("Reading"));
  documents = hilum_format_import (format, files[0], &options, problems, &error);
  hilum_cli_progress_end ();
  if (documents == NULL)
    return hilum_cli_fail ("%s", error->message);

  plan = hilum_import_plan_new (store, format, documents, replace, problems);
  hilum_import_plan_apply_edits (plan, store, reader != NULL ? reader : CLI_AUTHOR, problems);
  hilum_import_plan_apply_replacements (plan, store, reader != NULL ? reader : CLI_AUTHOR, problems);

  if (plan->fresh->len > 0)
    {
      gboolean ok;

      ok = hilum_store_put_documents (store, plan->fresh, hilum_cli_progress_callback (),
                                      (gpointer) _("Storing"), &error);
      hilum_cli_progress_end ();
      if (!ok)
        {
          hilum_cli_print_problems (problems, FALSE);
          return hilum_cli_fail ("%s", error->message);
        }
    }

  hilum_cli_print_problems (problems, FALSE);
  n_imported = plan->fresh->len + plan->n_edited + plan->n_replaced + plan->n_unchanged;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u study", "Imported %u studies", n_imported),
           n_imported);
  g_print (" (");
  /* Translators: part of "Imported 4 studies (1 new, 1 edited, 1 replaced, 1 unchanged; 1 kept as edited here)" */
  g_print (_("%u new, %u edited, %u replaced, %u unchanged; %u kept as edited here"),
           plan->n_new, plan->n_edited, plan->n_replaced, plan->n_unchanged, plan->n_kept);
  g_print (")\n");
  if (problems->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u record failed\n", "%u records failed\n",
                          problems->len), problems->len);
  return problems->len > 0 ? 2 : 0;
}
