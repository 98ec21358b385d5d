/* fuzz-decoder-reply.c — the decode helper's reply as the app reads it: a compromised
 * or confused helper must not take the app down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hilum-decoder-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(HilumImage) image = _hilum_decoder_image_from_reply (data, size);

  if (image != NULL && !hilum_image_is_color (image) && hilum_image_get_width (image) > 0)
    (void) hilum_image_get_gray_frame (image, 0);
  return 0;
}
