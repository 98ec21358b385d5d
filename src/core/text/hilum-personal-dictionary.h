/* hilum-personal-dictionary.h — the user's own words and the session's ignored words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * One word list per language, shared by the whole process and guarded by a mutex: the
 * personal words ($XDG_DATA_HOME/hilum/dict/personal-<lang>.dic, one word per line, loaded
 * on first use, rewritten atomically on each addition) followed by the words ignored in
 * this session. The list only grows: a speller that has applied the first N words applies
 * the rest when hilum_personal_dictionary_get_count() says there are more.
 */

char      *hilum_personal_dictionary_get_path   (const char  *lang);
gboolean   hilum_personal_dictionary_add        (const char  *lang,
                                                 const char  *word,
                                                 GError     **error);
void       hilum_personal_dictionary_ignore     (const char  *lang,
                                                 const char  *word);
/* How many words the list of @lang holds (its generation). */
guint      hilum_personal_dictionary_get_count  (const char  *lang);
/* The words from index @from on (transfer full, NULL-terminated); @count is set to the
 * list's size at the time of the copy. */
char     **hilum_personal_dictionary_get_words  (const char  *lang,
                                                 guint        from,
                                                 guint       *count);

G_END_DECLS
