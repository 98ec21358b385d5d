/* hilum-text-limit.h — untrusted text cut to a length a message can carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An id or value taken from a file, as a message shows it. */
#define HILUM_TEXT_LIMIT_VALUE   80
/* A whole message line. */
#define HILUM_TEXT_LIMIT_MESSAGE 500

/* (transfer full) @text (nullable: "") cut to at most @max_chars characters, the cut
 * marked with "…"; invalid UTF-8 becomes U+FFFD first, so a message stays text. */
char *hilum_text_limit (const char *text,
                        guint       max_chars);

G_END_DECLS
