/* hilum-cli-convert.h — hilum-cli convert / import / export (the dataset formats)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the command's own argv (argv[0] is the command name) and returns the exit
 * status: 0 done, 1 nothing done (one line on stderr says why), 2 done except for the
 * records listed on stderr, one per line. */
int   hilum_cli_convert   (int    argc,
                           char **argv);
int   hilum_cli_import    (int    argc,
                           char **argv);
int   hilum_cli_export    (int    argc,
                           char **argv);

G_END_DECLS
