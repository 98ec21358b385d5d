/* hilum-cli.c — the command-line face of the Hilum core: main, dispatch and usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per command (DESIGN.md §hilum-cli), each saying its options and output:
 *
 *   hilum-cli info [--json] FILE...                      hilum-cli-info.c
 *   hilum-cli render FILE -o OUT.png [--window C W] …    hilum-cli-render.c
 *   hilum-cli convert --from FMT --to FMT IN OUT         hilum-cli-convert.c
 *   hilum-cli import [--store DB] --from FMT IN          hilum-cli-import.c
 *   hilum-cli export [--store DB] --to FMT OUT           hilum-cli-export.c
 *   hilum-cli spell --lang en|es [--json] TEXT|-         hilum-cli-spell.c
 *   hilum-cli check-translations [--json] DOCUMENT       hilum-cli-check.c
 *   hilum-cli sync [--store DB] --server URL [--json]    hilum-cli-sync.c
 *
 * Every command exits 0 on success and otherwise 1 with one line on stderr,
 * "hilum-cli: <message>" (a file that failed is named in the message);
 * hilum-cli-common.c prints it. import and convert exit 2 when some records failed,
 * each listed on its own line.
 */
#define G_LOG_DOMAIN "hilum-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-check.h"
#include "hilum-cli-common.h"
#include "hilum-cli-convert.h"
#include "hilum-cli-export.h"
#include "hilum-cli-import.h"
#include "hilum-cli-info.h"
#include "hilum-cli-render.h"
#include "hilum-cli-spell.h"
#include "hilum-cli-sync.h"

#include "hilum-locale.h"

static void
print_usage (void)
{
  g_print ("%s\n\n%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n  %-8s%s\n\n%s\n",
           _("Usage: hilum-cli COMMAND [OPTION…]"),
           _("Commands:"),
           "info", _("Show the metadata of DICOM, PNG or JPEG images"),
           "render", _("Render an image to an 8-bit PNG after window/level"),
           "convert", _("Convert annotations between dataset formats"),
           "import", _("Import annotations into the store"),
           "export", _("Export studies from the store"),
           "check-translations\n          ", _("Check the Spanish/English sentence pairs of a study document"),
           "spell", _("Check the spelling of English or Spanish text"),
           "sync", _("Sync the store with an Orthanc server"),
           _("Run “hilum-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  /* As the app: Spanish for LANG=es_ES.UTF-8 even where that locale is not generated. */
  hilum_locale_init ();
  g_set_prgname ("hilum-cli");

  if (argc < 2)
    return hilum_cli_fail ("%s", _("No command given; run “hilum-cli --help”"));

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      print_usage ();
      return 0;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("hilum-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (command, "info"))
    return hilum_cli_info (argc - 1, argv + 1);
  if (g_str_equal (command, "render"))
    return hilum_cli_render (argc - 1, argv + 1);
  if (g_str_equal (command, "convert"))
    return hilum_cli_convert (argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return hilum_cli_import (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return hilum_cli_export (argc - 1, argv + 1);
  if (g_str_equal (command, "spell"))
    return hilum_cli_spell (argc - 1, argv + 1);
  if (g_str_equal (command, "sync"))
    return hilum_cli_sync (argc - 1, argv + 1);
  if (g_str_equal (command, "check-translations"))
    return hilum_cli_check_translations (argc - 1, argv + 1);

  return hilum_cli_fail (_("Unknown command “%s”; run “hilum-cli --help”"), command);
}
