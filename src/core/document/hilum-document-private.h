/* hilum-document-private.h — shared by the document, operation, diff and session units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-document.h"

G_BEGIN_DECLS

/* json_node_copy() shares objects and arrays; this copies the whole tree. */
JsonNode        *_hilum_json_deep_copy               (JsonNode       *node);
JsonObject      *_hilum_json_object_deep_copy        (JsonObject     *object);
/* (nullable) the member if it is an array / an object: no critical when absent. */
JsonArray       *_hilum_json_get_array               (JsonObject     *object,
                                                      const char     *name);
JsonObject      *_hilum_json_get_object              (JsonObject     *object,
                                                      const char     *name);
/* Replaces @array_member of @parent by a copy with @node (taken) inserted at @index. */
void             _hilum_json_array_insert            (JsonObject     *parent,
                                                      const char     *array_member,
                                                      guint           index,
                                                      JsonNode       *node);
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
