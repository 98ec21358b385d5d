/* hilum-cli-render.h — hilum-cli render (an image to an 8-bit PNG)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "render"); returns 0 when the PNG was
 * written, 1 on an error (one line on stderr). */
int   hilum_cli_render   (int    argc,
                          char **argv);

G_END_DECLS
