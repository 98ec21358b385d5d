/* hilum-cli-export.h — hilum-cli export (studies of the store to a dataset file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "export"); returns 0 when the file was
 * written (warnings or not), 1 when nothing was (one line on stderr says why). */
int   hilum_cli_export   (int    argc,
                          char **argv);

G_END_DECLS
