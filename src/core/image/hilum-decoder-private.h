/* hilum-decoder-private.h — the decode helper's reply read from a buffer, for the fuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-image.h"

G_BEGIN_DECLS

/* (transfer full) (nullable) the image a whole reply of the helper describes (its JSON
 * line, then its pixels), checked as the client checks one from a pipe; NULL when it is
 * not a valid reply. */
HilumImage *_hilum_decoder_image_from_reply (const guint8 *reply,
                                             gsize         length);

G_END_DECLS
