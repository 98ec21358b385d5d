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

const char *
hilum_polarity_to_string (HilumPolarity polarity)
{
  switch (polarity)
    {
    case HILUM_POLARITY_NEGATIVE:
      return "negative";
    case HILUM_POLARITY_POSITIVE:
    default:
      return "positive";
    }
}

const char *
hilum_translation_state_to_string (HilumTranslationState state)
{
  switch (state)
    {
    case HILUM_TRANSLATION_VERIFIED:
      return "verified";
    case HILUM_TRANSLATION_DRAFT:
    default:
      return "draft";
    }
}
