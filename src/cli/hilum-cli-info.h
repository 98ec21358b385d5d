/* hilum-cli-info.h — hilum-cli info (the metadata of images)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "info"); returns 0 when every file was read,
 * 1 when one was not (one line on stderr per file). */
int   hilum_cli_info   (int    argc,
                        char **argv);

G_END_DECLS
