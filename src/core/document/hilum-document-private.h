/* hilum-document-private.h — shared by the document, apply, diff, formats and session units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"

G_BEGIN_DECLS

/* The "study" object of a new document (hilum_document_new, the dataset formats'
 * imports); @dataset is its source (nullable). (transfer full) */
JsonObject      *_hilum_document_new_study           (const char     *study_id,
                                                      const char     *dataset);
/* Validates and applies without emitting "changed" (batches emit once). */
gboolean         _hilum_document_apply_silently      (HilumDocument  *self,
                                                      HilumOperation *op,
                                                      GError        **error);
void             _hilum_document_emit_changed        (HilumDocument  *self,
                                                      HilumOperation *op);
/* The "annotations" entry of (@reader_id, @image_id) in @finding, or NULL. */
JsonObject      *_hilum_finding_find_annotation      (JsonObject     *finding,
                                                      const char     *reader_id,
                                                      const char     *image_id,
                                                      guint          *index);

G_END_DECLS
