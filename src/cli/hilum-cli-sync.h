/* hilum-cli-sync.h — hilum-cli sync (the store with an Orthanc server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the command's own argv (argv[0] is "sync"); 0 when it synced (conflicts
 * included), 1 with one line on stderr when the server could not be used — and then
 * nothing local changed. */
int   hilum_cli_sync   (int    argc,
                        char **argv);

G_END_DECLS
