/* hilum-format-private.h — what every format unit implements, and the helpers they share
 *
 * Not installed, not for the UI: only src/core/formats/hilum-format*.c include it. hilum-format.c
 * checks the format, the options and the path, then calls the unit's function below; the
 * helpers are implemented in hilum-format.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-format.h"
#include "hilum-image-size.h"
#include "hilum-json.h"
#include "hilum-json-number.h"

G_BEGIN_DECLS

/*
 * Per-format entry points. Same contract as hilum_format_import()/_export():
 *
 * import: returns a GPtrArray (free func g_object_unref) of HilumDocument; a record that fails
 *   is skipped and described in @problems (hilum_format_add_problem); NULL + @error (domain
 *   HILUM_FORMAT_ERROR) only when the file as a whole cannot be read (READ) or is not of the
 *   format (PARSE, with line/column when the parser gives one). @options is never NULL
 *   (hilum-format.c passes a zeroed struct instead).
 * export: writes every document to @path (atomically, hilum_format_write_file); warnings (a box
 *   clipped, a lateral box a format cannot hold) go to @problems and the export still succeeds;
 *   NEEDS_IMAGES when pixel coordinates need a size that neither the document nor
 *   @options->images_dir gives. Documents are read only (hilum_document_get_root).
 *
 * Boxes: an importer stores the numbers exactly as read in the box's "source"
 *   {"format": <hilum_format_get_name>, "values": [the JsonNodes as parsed]} next to the
 *   "xyxy_norm" computed from them. An exporter of the SAME format writes "values" back only
 *   while the box is pristine, i.e. recomputing xyxy_norm from "values" (same code as the
 *   importer) still gives the document's xyxy_norm exactly (an edit changes xyxy_norm and
 *   may or may not drop "source": this test holds either way); otherwise xyxy_norm rules.
 */
GPtrArray *hilum_format_hilum_import      (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_hilum_export      (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
GPtrArray *hilum_format_padchest_import   (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_padchest_export   (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
GPtrArray *hilum_format_radfact_import    (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_radfact_export    (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
GPtrArray *hilum_format_maira2_import     (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_maira2_export     (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
GPtrArray *hilum_format_mscxr_import      (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_mscxr_export      (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
GPtrArray *hilum_format_coco_import       (const char *path, const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);
gboolean   hilum_format_coco_export       (GPtrArray *documents, const char *path,
                                           const HilumFormatOptions *options,
                                           GPtrArray *problems, GError **error);

/* ---- Problems, files, progress (hilum-format.c) ---- */


/* Appends a problem; @problems may be NULL (then nothing happens). @message_format is
 * already translated by the caller (gettext). */
void        hilum_format_add_problem      (GPtrArray    *problems,
                                           const char   *record,
                                           const char   *message_format,
                                           ...) G_GNUC_PRINTF (3, 4);
/* The name of a record for a problem: its id when known, else "#<index + 1>" (1-based, as
 * a person counts). (transfer full) */
char       *hilum_format_record_name      (const char   *id,
                                           guint         index);

/* Whole file → memory; READ error with the path and the reason. */
gboolean    hilum_format_read_file        (const char   *path,
                                           char        **contents,
                                           gsize        *length,
                                           GError      **error);
/* Parses @path as JSON: READ when unreadable, PARSE "file:line:column: reason" otherwise. */
JsonNode   *hilum_format_parse_json_file  (const char   *path,
                                           GError      **error);
/* Atomic write (temporary file + rename), creating the parent folder; WRITE error. */
gboolean    hilum_format_write_file       (const char   *path,
                                           const char   *contents,
                                           gssize        length,
                                           GError      **error);
/* Calls options->progress when set. */
void        hilum_format_progress         (const HilumFormatOptions *options,
                                           goffset       done,
                                           goffset       total);
/* TRUE (and G_IO_ERROR_CANCELLED in @error) when options->cancellable is cancelled. */
gboolean    hilum_format_cancelled        (const HilumFormatOptions *options,
                                           GError      **error);

/* ---- Building documents on import (hilum-format.c) ---- */

/* A hilum-study/1 root with every key of the schema at its default: study {study_id, empty
 * strings, prior ids null, status "new", source {dataset: <format name>, split: null,
 * extra: {}}}, images [], readers [], findings [], qc {}, consensus null, provenance
 * {created_by: "hilum", created_at: now (ISO 8601 UTC), imported_from {format, file: the
 * basename of @file or null}}. (transfer full) */
JsonObject *hilum_format_new_root         (const char   *study_id,
                                           HilumFormat   format,
                                           const char   *file);
/* Appends an image {image_id, role, view_position "", width, height, photometric "",
 * file (nullable), sop_instance_uid ""}; returns it (transfer none). */
JsonObject *hilum_format_root_add_image   (JsonObject   *root,
                                           const char   *image_id,
                                           const char   *role,
                                           guint         width,
                                           guint         height,
                                           const char   *file);
/* Appends a reader {reader_id, name, role "reader", source_slot (nullable)} unless one with
 * that id exists; returns it (transfer none). */
JsonObject *hilum_format_root_add_reader  (JsonObject   *root,
                                           const char   *reader_id,
                                           const char   *name,
                                           const char   *source_slot);
/* Appends @finding (takes it) to root.findings. */
void        hilum_format_root_add_finding (JsonObject   *root,
                                           JsonObject   *finding);
/* The annotation of (@reader_id, @image_id) in @finding; when missing and @create, a new one
 * {reader_id, image_id, status "not_boxed", boxes []} (transfer none; nullable). */
JsonObject *hilum_format_finding_get_annotation (JsonObject *finding,
                                                 const char *reader_id,
                                                 const char *image_id,
                                                 gboolean    create);
/* Appends {box_id: new UUID, xyxy_norm, source {format, values (taken; nullable → no
 * source)}} to @annotation and sets its status to "boxed"; returns the box (transfer none). */
JsonObject *hilum_format_annotation_add_box (JsonObject   *annotation,
                                             const double  xyxy_norm[4],
                                             HilumFormat   format,
                                             JsonArray    *values);
/* Wraps @root (taken) into a document; on failure @error says why (the record is then a
 * problem, not a fatal error). */
HilumDocument *hilum_format_finish_document (JsonObject *root,
                                             GError    **error);

/* ---- Reading documents on export (hilum-format.c) ---- */

/* Appends the text of one document to @out; FALSE + @error stops the export. */
typedef gboolean (*HilumFormatExportFunc) (HilumDocument            *document,
                                           const HilumFormatOptions *options,
                                           GPtrArray                *problems,
                                           GString                  *out,
                                           GError                  **error);
/* @export_one for each of @documents in turn, with cancellation and progress between them. */
gboolean    hilum_format_export_each      (GPtrArray    *documents,
                                           const HilumFormatOptions *options,
                                           GPtrArray    *problems,
                                           GString      *out,
                                           HilumFormatExportFunc export_one,
                                           GError      **error);
/* Box → its xyxy_norm; FALSE when malformed. */
gboolean    hilum_format_box_get_xyxy     (JsonObject   *box,
                                           double        xyxy_norm[4]);
/* The box's source values when source.format is @format (transfer none; nullable). */
JsonArray  *hilum_format_box_get_source_values (JsonObject *box,
                                                HilumFormat format);
/* The pixel size of @image: its width/height when both > 0, else read from
 * options->images_dir (the image's "file", else its image_id, as a file name in that
 * folder, via hilum_image_size_read); NEEDS_IMAGES (naming the study and image) otherwise. */
gboolean    hilum_format_image_get_size   (HilumDocument *document,
                                           JsonObject    *image,
                                           const HilumFormatOptions *options,
                                           guint         *width,
                                           guint         *height,
                                           GError       **error);
/* "<study_id>" made safe as a file name (no '/', no leading '.', control chars → '_'). */
char       *hilum_format_safe_file_name   (const char   *name);

G_END_DECLS
