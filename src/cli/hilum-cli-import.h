/* hilum-cli-import.h — hilum-cli import (a dataset file into the store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "import"); returns 0 done, 1 nothing done
 * (one line on stderr says why), 2 done except for the records listed on stderr, one
 * per line. */
int   hilum_cli_import   (int    argc,
                          char **argv);

G_END_DECLS
