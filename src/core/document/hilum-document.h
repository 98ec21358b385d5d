/* hilum-document.h — one study as a hilum-study/1 JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-operation.h"
#include "hilum-types.h"
#include "hilum-uuid.h"

G_BEGIN_DECLS

#define HILUM_DOCUMENT_SCHEMA "hilum-study/1"

/*
 * The document is kept as its JSON tree, so fields Hilum does not know are kept and
 * written back (import → export never loses data). Shape (DESIGN.md, FORMATS.md §neutral):
 *
 * {
 *   "schema": "hilum-study/1",
 *   "study": {"study_id": "…" (always a string), "study_date": "", "prior_study_id": null,
 *             "prior_image_id": null, "indication": "", "technique": "", "comparison": "",
 *             "prior_report": "", "status": "new" | "in_progress" | "annotated" | "reviewed",
 *             "source": {"dataset": "padchest-gr", "split": …, "extra": {unknown keys verbatim}}},
 *   "images": [{"image_id": "…", "role": "current_frontal" | "current_lateral" |
 *               "prior_frontal" | "prior_lateral" | "other", "view_position": "PA",
 *               "width": 1824, "height": 1652, "photometric": "MONOCHROME2",
 *               "file": "name.png" | null, "sop_instance_uid": "" }],
 *   "readers": [{"reader_id": "r1", "name": "…", "role": "reader" | "reviewer" | "translator",
 *                "source_slot": "boxes" | "extra_boxes" | "rad_id:R8" | null}],
 *   "findings": [{"finding_id": "uuid", "polarity": "positive" | "negative",
 *                 "text": {"en": "…", "es": "…"},
 *                 "translation": {"en": {"state": "draft" | "verified", "by": null, "at": null},
 *                                 "es": {…}},
 *                 "labels": ["…"], "locations": ["…"], "progression": null,
 *                 "annotations": [{"reader_id": "r1", "image_id": "…",
 *                                  "status": "boxed" | "not_boxed" | "not_reviewed",
 *                                  "boxes": [{"box_id": "uuid", "xyxy_norm": [x1, y1, x2, y2],
 *                                             "source": {"format": "padchest-gr",
 *                                                        "values": [… as imported …]}}]}],
 *                 "source": {"format": …, "key_order": [...], "extra": {…}}}],
 *   "qc": {}, "consensus": null,
 *   "provenance": {"created_by": …, "created_at": …, "imported_from": {"format": …, "file": …},
 *                  "absent_keys": [...], "key_order": [...]}
 * }
 *
 * xyxy_norm is in [0,1] of the image's full pixel grid, top-left origin; pixel column c spans
 * [c/W, (c+1)/W]. A box's "source.values" are the numbers exactly as imported; an export in
 * the same format writes them back unless the box was changed (then xyxy_norm rules).
 */

#define HILUM_TYPE_DOCUMENT (hilum_document_get_type ())
G_DECLARE_FINAL_TYPE (HilumDocument, hilum_document, HILUM, DOCUMENT, GObject)

HilumDocument   *hilum_document_new                  (const char     *study_id);
/* Validates the schema; takes a deep copy of @root. */
HilumDocument   *hilum_document_new_from_json        (JsonNode       *root,
                                                      GError        **error);
HilumDocument   *hilum_document_new_from_string      (const char     *json,
                                                      gssize          length,
                                                      GError        **error);
HilumDocument   *hilum_document_copy                 (HilumDocument  *self);
/* A deep copy of the tree. */
JsonNode        *hilum_document_to_json              (HilumDocument  *self);
char            *hilum_document_to_string            (HilumDocument  *self,
                                                      gboolean        pretty);
/* (transfer none) The live tree: read only; change it through operations. */
JsonObject      *hilum_document_get_root             (HilumDocument  *self);

const char      *hilum_document_get_study_id         (HilumDocument  *self);
const char      *hilum_document_get_study_field      (HilumDocument  *self,
                                                      const char     *field);
guint            hilum_document_get_n_findings       (HilumDocument  *self);
JsonObject      *hilum_document_get_finding          (HilumDocument  *self,
                                                      guint           index);
/* (nullable) */
JsonObject      *hilum_document_find_finding         (HilumDocument  *self,
                                                      const char     *finding_id,
                                                      guint          *index);
/* (nullable) the box and where it is */
JsonObject      *hilum_document_find_box             (HilumDocument  *self,
                                                      const char     *box_id,
                                                      const char    **finding_id,
                                                      const char    **reader_id,
                                                      const char    **image_id);
/* (nullable) the entry of @reader_id in "readers"; @index (nullable) gets its place. */
JsonObject      *hilum_document_find_reader          (HilumDocument  *self,
                                                      const char     *reader_id,
                                                      guint          *index);
/* The reader's display name, or @reader_id itself when the study has no name for it. */
const char      *hilum_document_get_reader_name      (HilumDocument  *self,
                                                      const char     *reader_id);
/* (nullable) the image of @role ("current_frontal" …) */
JsonObject      *hilum_document_find_image_by_role   (HilumDocument  *self,
                                                      const char     *role);

/*
 * Typed accessors (hilum-document-access.c): what the UI reads a study through, never the
 * JSON tree. Strings are (transfer none), owned by the document and valid until it next
 * changes ("changed"); copy what must outlive that. A finding that is not there reads as
 * empty: "" texts, no terms, positive, draft.
 */

/* (nullable) The id of the finding at @index in report order; NULL past the end. */
const char      *hilum_document_get_finding_id       (HilumDocument  *self,
                                                      guint           index);
/* TRUE when the study has @finding_id; @index (optional) gets its place in report order. */
gboolean         hilum_document_get_finding_index    (HilumDocument  *self,
                                                      const char     *finding_id,
                                                      guint          *index);
gboolean         hilum_document_has_finding          (HilumDocument  *self,
                                                      const char     *finding_id);
HilumPolarity    hilum_document_get_finding_polarity (HilumDocument  *self,
                                                      const char     *finding_id);
/* The sentence in @lang ("es", "en"); "" when there is none. */
const char      *hilum_document_get_finding_text     (HilumDocument  *self,
                                                      const char     *finding_id,
                                                      const char     *lang);
/* (nullable) "stable", "improved", "worsened" or a value of the source; NULL: not stated. */
const char      *hilum_document_get_finding_progression (HilumDocument *self,
                                                         const char    *finding_id);
/* (transfer full) The PadChest label / location keys in order; never NULL. */
GStrv            hilum_document_dup_finding_labels   (HilumDocument  *self,
                                                      const char     *finding_id);
GStrv            hilum_document_dup_finding_locations (HilumDocument *self,
                                                       const char    *finding_id);
/* The translation state of @lang; @by (optional) gets who verified it ("" when not
 * recorded), @at (optional) when (ISO 8601; NULL when not recorded). */
HilumTranslationState hilum_document_get_translation_state (HilumDocument  *self,
                                                            const char     *finding_id,
                                                            const char     *lang,
                                                            const char    **by,
                                                            const char    **at);

/* One box as the document stores it; strings borrowed from the document. */
typedef struct
{
  const char *box_id;
  const char *finding_id;
  const char *reader_id;
  const char *image_id;
  guint       finding_index;    /* the finding's place in report order */
  double      xyxy_norm[4];     /* as stored: x1, y1, x2, y2 in [0,1] (not reordered) */
} HilumDocumentBox;

/* Appends to @boxes (a GArray of HilumDocumentBox) the boxes of @finding_id (NULL: every
 * finding) on @image_id (NULL: every image), in report order, then annotation and box
 * order. Malformed boxes (no id, not four numbers) are left out. Returns the number added. */
guint            hilum_document_collect_boxes        (HilumDocument  *self,
                                                      const char     *finding_id,
                                                      const char     *image_id,
                                                      GArray         *boxes);

typedef struct
{
  const char *reader_id;
  const char *name;             /* "" when the study has none */
  const char *role;             /* "reader", "reviewer", "translator"; "" when absent */
} HilumDocumentReader;

guint            hilum_document_get_n_readers        (HilumDocument  *self);
/* FALSE when @index is past the end or that entry is not a reader object. */
gboolean         hilum_document_get_reader           (HilumDocument  *self,
                                                      guint           index,
                                                      HilumDocumentReader *reader);

typedef struct
{
  const char *image_id;
  const char *role;             /* "current_frontal" … "other"; "" when absent */
  guint       width;            /* pixels; 0 when the document does not say */
  guint       height;
} HilumDocumentImage;

guint            hilum_document_get_n_images         (HilumDocument  *self);
/* FALSE when @index is past the end or that entry is not an image object. */
gboolean         hilum_document_get_image            (HilumDocument  *self,
                                                      guint           index,
                                                      HilumDocumentImage *image);
/* (nullable) The image_id of the first image of @role. */
const char      *hilum_document_get_image_id_by_role (HilumDocument  *self,
                                                      const char     *role);

/* Applies @op (validated first: nothing changes on error), filling in its "before",
 * "index"/"from". Emits "changed" with the operation. */
gboolean         hilum_document_apply                (HilumDocument  *self,
                                                      HilumOperation *op,
                                                      GError        **error);
/* The operations that turn @self into @target (for importing an edited document of a
 * study already in the store): a batch, or NULL when they are equal. */
HilumOperation  *hilum_document_diff                 (HilumDocument  *self,
                                                      HilumDocument  *target);

/* Finding accessors (on the objects returned above). Strings never NULL. */
const char      *hilum_finding_get_id                (JsonObject     *finding);
const char      *hilum_finding_get_polarity          (JsonObject     *finding);
const char      *hilum_finding_get_text              (JsonObject     *finding,
                                                      const char     *lang);

G_END_DECLS
