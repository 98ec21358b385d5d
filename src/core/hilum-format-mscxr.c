/* hilum-format-mscxr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-format-mscxr"

#include <glib/gi18n.h>

#include "hilum-format-private.h"

GPtrArray *
hilum_format_mscxr_import (const char               *path,
                          const HilumFormatOptions *options,
                          GPtrArray                *problems,
                          GError                  **error)
{
  g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_UNSUPPORTED,
               _("This format cannot be imported yet"));
  return NULL;
}

gboolean
hilum_format_mscxr_export (GPtrArray                *documents,
                          const char               *path,
                          const HilumFormatOptions *options,
                          GPtrArray                *problems,
                          GError                  **error)
{
  g_set_error (error, HILUM_FORMAT_ERROR, HILUM_FORMAT_ERROR_UNSUPPORTED,
               _("This format cannot be exported yet"));
  return FALSE;
}
