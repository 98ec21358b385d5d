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

char *
hilum_uuid_for_name (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (name != NULL, NULL);

  /* A namespace of Hilum's own, then the name (RFC 4122 §4.3). */
  g_checksum_update (checksum, (const guchar *) "hilum-import/", -1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
