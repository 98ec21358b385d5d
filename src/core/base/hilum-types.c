/* hilum-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-types"

#include "hilum-types.h"

G_DEFINE_QUARK (hilum-document-error-quark, hilum_document_error)

const char *
hilum_view_to_string (HilumView view)
{
  switch (view)
    {
    case HILUM_VIEW_FRONTAL:
      return "frontal";
    case HILUM_VIEW_LATERAL:
      return "lateral";
    case HILUM_VIEW_UNKNOWN:
    default:
      return "unknown";
    }
}
