/* hilum-uid.c — DICOM UIDs derived from names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-uid"

#include "config.h"

#include <string.h>

#include "hilum-uid.h"

/* Hilum's namespace for name-based UUIDs (a random version-4 UUID, fixed once). */
static const guint8 hilum_namespace[16] = {
  0x5b, 0x2f, 0x8e, 0x4c, 0x1d, 0x7a, 0x4f, 0x36,
  0x9c, 0x41, 0x0e, 0xb3, 0x62, 0xd8, 0x95, 0x17,
};

/* The 128-bit number in @bytes (big endian) in decimal. */
static char *
to_decimal (const guint8 bytes[16])
{
  guint32 words[4];
  char digits[48];
  int n = 0;

  for (int i = 0; i < 4; i++)
    words[i] = (guint32) bytes[4 * i] << 24 | (guint32) bytes[4 * i + 1] << 16 |
               (guint32) bytes[4 * i + 2] << 8 | bytes[4 * i + 3];

  /* Long division by 10, most significant word first, until the number is zero. */
  do
    {
      guint64 remainder = 0;
      gboolean zero = TRUE;

      for (int i = 0; i < 4; i++)
        {
          guint64 current = remainder << 32 | words[i];

          words[i] = (guint32) (current / 10);
          remainder = current % 10;
          zero = zero && words[i] == 0;
        }
      digits[n++] = (char) ('0' + remainder);
      if (zero)
        break;
    }
  while (n < (int) sizeof digits - 1);

  for (int i = 0; i < n / 2; i++)
    {
      char c = digits[i];

      digits[i] = digits[n - 1 - i];
      digits[n - 1 - i] = c;
    }
  digits[n] = '\0';

  return g_strdup (digits);
}

char *
hilum_uid_from_name (const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;
  g_autofree char *decimal = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  g_checksum_update (sha1, hilum_namespace, sizeof hilum_namespace);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &length);

  /* RFC 9562 §5.5: version 5 in the high nibble of byte 6, variant 10 in byte 8. */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  decimal = to_decimal (digest);
  return g_strconcat ("2.25.", decimal, NULL);
}
