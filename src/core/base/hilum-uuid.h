/* hilum-uuid.h — the stable ids of findings and boxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full) A new random (version 4) UUID in its 36-character lower-case text form:
 * what every new finding_id and box_id is. */
char            *hilum_uuid_new                      (void);

/* (transfer full) The UUID named by @name (SHA-1 of it, version 5 layout): the same name
 * gives the same id, so a dataset file imported twice gives its findings and boxes the
 * same ids, and importing it again changes nothing. */
char            *hilum_uuid_for_name                 (const char *name);

G_END_DECLS
