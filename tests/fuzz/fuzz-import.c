/* fuzz-import.c — one dataset importer (FUZZ_FORMAT) on any bytes, as a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: every input must give documents and problems, or one error — never
 * a crash, a sanitizer report or a GLib critical (G_DEBUG=fatal-criticals).
 */
#include <glib/gstdio.h>
#include <unistd.h>

#include "hilum-format.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    path = g_strdup_printf ("%s/hilum-fuzz-%s-%d", g_get_tmp_dir (), FUZZ_FORMAT_NAME, (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;
  documents = hilum_format_import (FUZZ_FORMAT, path, NULL, problems, &error);
  g_unlink (path);
  return 0;
}
