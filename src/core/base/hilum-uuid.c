/* hilum-uuid.c — the stable ids of findings and boxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-uuid"

#include "config.h"

#include "hilum-uuid.h"

char *
hilum_uuid_new (void)
{
  return g_uuid_string_random ();
}
