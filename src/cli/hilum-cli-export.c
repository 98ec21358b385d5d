/* hilum-cli-export.c — hilum-cli export (studies of the store to a dataset file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli export [--store DB] --to FMT OUT [--study ID…] [--images DIR]
 *
 * FMT: hilum padchest-gr radfact maira2 ms-cxr coco. Warnings of the export
 * ("hilum-cli: warning: RECORD: WHY") keep status 0. The export is hilum-export's, the
 * app's Export… too: the same bytes for the same store, records in the order
 * hilum-export.h defines (with or without --study).
 */
#define G_LOG_DOMAIN "hilum-cli-export"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-export.h"
#include "hilum-export.h"

int
hilum_cli_export (int    argc,
                  char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *to = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) studies = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store (default: the user’s)"), N_("DB") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Format of the output"), N_("FORMAT") },
    { "study", 0, 0, G_OPTION_ARG_STRING_ARRAY, &studies, N_("Export only this study (repeatable)"), N_("ID") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat format;

  context = hilum_cli_option_context_new ("export", NULL,
                                          _("Export studies from the store: hilum padchest-gr radfact maira2 "
                                            "ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (to, "--to", &format))
    return 1;
  if (files == NULL || g_strv_length (files) != 1)
    return hilum_cli_fail ("%s", _("Give one output; usage: hilum-cli export [--store DB] "
                                   "--to FORMAT OUT [--study ID…]"));

  store = hilum_cli_open_store (store_path);
  if (store == NULL)
    return 1;

  if (studies != NULL)
    {
      ids = g_ptr_array_new ();
      for (guint i = 0; studies[i] != NULL; i++)
        g_ptr_array_add (ids, studies[i]);
    }

  options.images_dir = images;
  hilum_cli_progress_begin (&options, _("Writing"));
  if (!hilum_export_store (store, format, ids, files[0], &options, warnings, NULL, &error))
    {
      hilum_cli_progress_end ();
      return hilum_cli_fail ("%s", error->message);
    }
  hilum_cli_progress_end ();
  hilum_cli_print_problems (warnings, TRUE);
  return 0;
}
