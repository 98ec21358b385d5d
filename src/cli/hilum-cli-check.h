/* hilum-cli-check.h — hilum-cli check-translations (the bilingual flags of a document)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "check-translations"); returns 0 when the
 * document was checked (flags or not), 1 on an error (one line on stderr). */
int   hilum_cli_check_translations   (int    argc,
                                      char **argv);

G_END_DECLS
