/* hilum-types.h — forward declarations, so headers need not include each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HilumImage     HilumImage;
typedef struct _HilumViewport  HilumViewport;
typedef struct _HilumRenderer  HilumRenderer;
typedef struct _HilumStudy     HilumStudy;
typedef struct _HilumPixelBuffer HilumPixelBuffer;

/* What a radiograph shows; DESIGN.md "view identification". */
typedef enum
{
  HILUM_VIEW_UNKNOWN = 0,
  HILUM_VIEW_FRONTAL,
  HILUM_VIEW_LATERAL,
} HilumView;

/* DICOM PS3.3 C.11.2.1.3 VOI LUT Function. */
typedef enum
{
  HILUM_VOI_LINEAR = 0,
  HILUM_VOI_LINEAR_EXACT,
  HILUM_VOI_SIGMOID,
} HilumVoiFunction;

const char *hilum_view_to_string   (HilumView   view);

/* A finding's "polarity": anything but "negative" reads as positive. */
typedef enum
{
  HILUM_POLARITY_POSITIVE = 0,
  HILUM_POLARITY_NEGATIVE,
} HilumPolarity;

/* The "state" of one language of a finding's translation; anything but "verified" (or
 * no state at all) is a draft. */
typedef enum
{
  HILUM_TRANSLATION_DRAFT = 0,
  HILUM_TRANSLATION_VERIFIED,
} HilumTranslationState;

const char *hilum_polarity_to_string          (HilumPolarity         polarity);  /* "positive" … */
const char *hilum_translation_state_to_string (HilumTranslationState state);     /* "draft" … */

/* Errors of study documents and of the operations that edit them (an operation that cannot
 * be read is already one): declared here, below both, so neither includes the other. */
#define HILUM_DOCUMENT_ERROR (hilum_document_error_quark ())
typedef enum
{
  HILUM_DOCUMENT_ERROR_INVALID,      /* not a hilum-study/1 document */
  HILUM_DOCUMENT_ERROR_NOT_FOUND,    /* an operation names a finding/box that is not there */
  HILUM_DOCUMENT_ERROR_BAD_OPERATION,/* malformed operation */
  HILUM_DOCUMENT_ERROR_FORBIDDEN,    /* e.g. changing another reader's box */
} HilumDocumentError;
GQuark      hilum_document_error_quark (void);

G_END_DECLS
