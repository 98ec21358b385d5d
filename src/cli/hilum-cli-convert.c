/* hilum-cli-convert.c — hilum-cli convert (a dataset file from one format to another)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli convert --from FMT --to FMT IN OUT [--images DIR] [--reader ID]
 *
 * FMT: hilum padchest-gr radfact maira2 ms-cxr coco. A record that cannot be read is
 * printed on stderr, "hilum-cli: RECORD: WHY", one per line; the others are converted
 * and the exit status is 2. Warnings of the export ("hilum-cli: warning: …") keep
 * status 0.
 */
#define G_LOG_DOMAIN "hilum-cli-convert"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-convert.h"
#include "hilum-format.h"

int
hilum_cli_convert (int    argc,
                   char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *images = NULL;
  g_autofree char *reader = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Format of the input"), N_("FORMAT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Format of the output"), N_("FORMAT") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Folder of the images, for their sizes"), N_("DIR") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Reader of single-reader boxes"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) problems = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) warnings = hilum_cli_problems_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  HilumFormatOptions options = { 0 };
  HilumFormat in_format, out_format;

  context = hilum_cli_option_context_new ("convert", NULL,
                                          _("Convert annotations between formats: hilum padchest-gr radfact "
                                            "maira2 ms-cxr coco."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (!hilum_cli_parse_format (from, "--from", &in_format) || !hilum_cli_parse_format (to, "--to", &out_format))
    return 1;
  if (files == NULL || g_strv_length (files) != 2)
    return hilum_cli_fail ("%s", _("Give an input and an output; usage: hilum-cli convert "
                                   "--from FORMAT --to FORMAT IN OUT"));

  options.images_dir = images;
  options.reader_id = reader;
  hilum_cli_progress_begin (&options, _("Reading"));
  documents = hilum_format_import (in_format, files[0], &options, problems, &error);
  hilum_cli_progress_end ();
  if (documents == NULL)
    return hilum_cli_fail ("%s", error->message);
  hilum_cli_print_problems (problems, FALSE);

  hilum_cli_progress_begin (&options, _("Writing"));
  if (!hilum_format_export (out_format, documents, files[1], &options, warnings, &error))
    {
      hilum_cli_progress_end ();
      return hilum_cli_fail ("%s", error->message);
    }
  hilum_cli_progress_end ();
  hilum_cli_print_problems (warnings, TRUE);
  return problems->len > 0 ? 2 : 0;
}
