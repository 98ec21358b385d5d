/* hilum-export.h — exporting studies of the store to a dataset file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-format.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * The one export of the app's Export… and `hilum-cli export`: both write the same bytes
 * for the same store, format and options.
 *
 * Record order (the same whichever studies are asked for, and in whatever order):
 *   1. studies imported from a PadChest-GR file (provenance.imported_from has the
 *      record's index in it), by that file's name, then by their position in it — so
 *      import → export gives the file's records back in the file's order;
 *   2. then every other study, by study_id (byte order).
 * Ties (the same file name and position, from two imports) go by study_id. Each study
 * is written once, even if @study_ids names it twice.
 */

/* Writes the studies @study_ids (char*; NULL: every study of @store) to @path in
 * @format. @options gives the images folder, the reader whose boxes single-reader
 * formats take, progress (of the writing, done/total documents) and cancellation; it
 * may be NULL. Warnings of the format (e.g. a box clipped by the MAIRA-2 crop) go to
 * @warnings (HilumFormatProblem*, nullable). A study that cannot be read (not in the
 * store, damaged) is an error and nothing is written. @n_exported (nullable) gets the
 * number of studies written. Blocks: the UI calls hilum_export_store_async(). */
gboolean      hilum_export_store           (HilumStore               *store,
                                            HilumFormat               format,
                                            GPtrArray                *study_ids,
                                            const char               *path,
                                            const HilumFormatOptions *options,
                                            GPtrArray                *warnings,
                                            guint                    *n_exported,
                                            GError                  **error);

/* hilum_export_store() in a worker thread. @study_ids (nullable) and @options
 * (nullable) are copied; the progress of @options is called in the worker and must be
 * thread-safe; its cancellable is not used, @cancellable is. */
void          hilum_export_store_async     (HilumStore               *store,
                                            HilumFormat               format,
                                            GPtrArray                *study_ids,
                                            const char               *path,
                                            const HilumFormatOptions *options,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data);
/* @warnings: (out) (optional) (transfer full) HilumFormatProblem*, also when there is
 * an error; @n_exported: (out) (optional) the studies written. */
gboolean      hilum_export_store_finish    (GAsyncResult             *result,
                                            GPtrArray               **warnings,
                                            guint                    *n_exported,
                                            GError                  **error);

/* Sorts @documents (HilumDocument*) into the record order above. */
void          hilum_export_sort_documents  (GPtrArray                *documents);

G_END_DECLS
