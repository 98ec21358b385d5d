/* fuzz-spell-tokenizer.c — the words the spell checker looks at, in any text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hilum-spell-tokenizer.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
token_cb (const char            *text,
          const HilumSpellToken *token,
          gpointer               user_data)
{
  gsize length = GPOINTER_TO_SIZE (user_data);

  /* Each word lies inside the text, in order, and is what its bytes say. */
  g_assert (token->byte_start <= token->byte_end && token->byte_end <= length);
  g_assert (token->start <= token->end);
  g_assert (g_utf8_validate (text + token->byte_start, (gssize) (token->byte_end - token->byte_start), NULL));
  (void) hilum_spell_token_is_exempt (text + token->byte_start, (gssize) (token->byte_end - token->byte_start));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, (gssize) size);

  hilum_spell_tokenize (text, token_cb, GSIZE_TO_POINTER (strlen (text)));
  return 0;
}
