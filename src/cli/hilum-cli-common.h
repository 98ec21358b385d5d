/* hilum-cli-common.h — what every hilum-cli command shares: errors, JSON, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hilum-format.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/* Exit statuses: 0 done; 1 nothing done, one line on stderr says why; 2 (import,
 * convert) done except for the records listed on stderr. */

/* One line on stderr, "hilum-cli: MESSAGE", whatever the message holds (GDCM and GLib
 * messages can span lines: they are joined with spaces). */
void            hilum_cli_print_error          (const char *message);
/* hilum_cli_print_error () of the formatted message; returns 1, so a command can `return hilum_cli_fail (…);`. */
int             hilum_cli_fail                 (const char *format,
                                                ...) G_GNUC_PRINTF (1, 2);
/* Each problem on its own line, "hilum-cli: RECORD: WHY", or with @warnings
 * "hilum-cli: warning: RECORD: WHY". */
void            hilum_cli_print_problems       (GPtrArray  *problems,
                                                gboolean    warnings);
/* An empty array of HilumFormatProblem. */
GPtrArray      *hilum_cli_problems_new         (void);

/* A translated option context of @entries for `hilum-cli COMMAND --help`: @command is the
 * command's name ("info"), @parameter_string what follows the options (nullable). */
GOptionContext *hilum_cli_option_context_new   (const char         *command,
                                                const char         *parameter_string,
                                                const char         *summary,
                                                const GOptionEntry *entries);

/* @node on stdout and a newline; @pretty indents it (lists), else one line (JSON Lines). */
void            hilum_cli_print_json           (JsonNode   *node,
                                                gboolean    pretty);

/* "done/total" of long work on stderr, as "\rWHAT 150/400" — only on a terminal and only
 * from 200 items up, so a script's stderr holds nothing but errors and problems.
 * hilum_cli_progress_begin () points @options at it; hilum_cli_progress_end () ends the
 * line if anything was shown. */
void            hilum_cli_progress_begin       (HilumFormatOptions *options,
                                                const char         *what);
void            hilum_cli_progress_end         (void);
/* The callback itself, for work outside the formats (NULL when stderr is no terminal);
 * its data is the translated WHAT. */
GFileProgressCallback hilum_cli_progress_callback (void);

/* The format named @name, from the value of @option ("--from"); FALSE after printing
 * what is wrong (a missing option or an unknown name). */
gboolean        hilum_cli_parse_format         (const char   *name,
                                                const char   *option,
                                                HilumFormat  *format);
/* The store at @path (NULL: the user's); NULL after printing why it cannot be opened. */
HilumStore     *hilum_cli_open_store           (const char   *path);

G_END_DECLS
