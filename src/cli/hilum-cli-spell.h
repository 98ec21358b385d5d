/* hilum-cli-spell.h — hilum-cli spell (checking text in English or Spanish)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "spell"); returns 0 when the text was checked
 * (misspelled words or not), 1 on an error (one line on stderr). */
int   hilum_cli_spell   (int    argc,
                         char **argv);

G_END_DECLS
