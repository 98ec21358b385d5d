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

G_END_DECLS
