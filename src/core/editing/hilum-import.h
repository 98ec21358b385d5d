/* hilum-import.h — what importing a dataset file into the store does with each record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-format.h"
#include "hilum-session.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * Shared by the app's Import… and `hilum-cli import`: the store holds one document per
 * study, so a study twice in a file imports its first record (the second is a problem);
 * a study the store does not have is new; a record of a study the store has is an EDIT
 * — its difference is applied as operations (audited, undoable, refused where it would
 * change another reader's boxes) for a hilum-study/1 document; the record of a dataset
 * file (any other format, whose box ids are new each time) REPLACES the stored one as one
 * audited operation by the importer. A dataset file never touches a study someone edited
 * here since it was imported: that study is KEPT and named in the problems, unless
 * @replace_edited says to replace it anyway (audited too).
 */
typedef struct
{
  GPtrArray *fresh;       /* HilumDocument to put: new studies */
  GPtrArray *edited;      /* HilumDocument: edits of studies in the store (hilum format) */
  GPtrArray *replaced;    /* HilumDocument: a dataset file's record of a study in the store */
  guint      n_new;
  guint      n_replaced;  /* set by hilum_import_plan_apply_replacements () */
  guint      n_kept;      /* edited here since their import: left as they are */
  guint      n_edited;    /* set by hilum_import_plan_apply_edits () */
  guint      n_unchanged;
  GArray    *edit_at;     /* guint per edited: problems->len when it was planned */
} HilumImportPlan;

/* @problems (HilumFormatProblem*) gets the duplicates. Reads the store only. */
HilumImportPlan *hilum_import_plan_new      (HilumStore      *store,
                                             HilumFormat      format,
                                             GPtrArray       *documents,
                                             gboolean         replace_edited,
                                             GPtrArray       *problems);
void             hilum_import_plan_free     (HilumImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumImportPlan, hilum_import_plan_free)

/* Applies the difference between @session's document and @imported as one operation
 * of the session (one undo step); @changed says whether there was any. */
gboolean         hilum_import_apply_edit    (HilumSession    *session,
                                             HilumDocument   *imported,
                                             gboolean        *changed,
                                             GError         **error);

/* `hilum-cli import`: applies each of @plan's edits through a session of @reader_id on
 * the stored document. A failure goes into @problems — the array given to
 * hilum_import_plan_new () — where the record stands in the file, after the problems
 * of the records before it. */
void             hilum_import_plan_apply_edits (HilumImportPlan *plan,
                                                HilumStore      *store,
                                                const char      *reader_id,
                                                GPtrArray       *problems);

/* Replaces each of @plan's replaced studies with the file's version, as one operation
 * by @author in the audit log (undone like any). A failure goes into @problems. */
void             hilum_import_plan_apply_replacements (HilumImportPlan *plan,
                                                       HilumStore      *store,
                                                       const char      *author,
                                                       GPtrArray       *problems);

/* The app's Import…, in a worker thread: reads @path in @format (hilum_format_import()),
 * plans it (hilum_import_plan_new()), puts the plan's new studies and applies its
 * replacements (hilum_import_plan_apply_replacements ()) in
 * @store. The edits of studies the store has are left in the plan, for the caller to
 * apply through the studies' sessions (hilum_import_apply_edit()) so they can be
 * undone. @options (nullable) is copied: its images folder, reader and progress, which
 * is called in the worker (with done/total records read, then documents put) and must
 * be thread-safe; its cancellable is not used, @cancellable is. */
void             hilum_import_file_async    (HilumStore               *store,
                                             HilumFormat               format,
                                             const char               *path,
                                             const HilumFormatOptions *options,
                                             gboolean                  replace_edited,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
/* (transfer full) the plan, NULL with @error when the file could not be read, the
 * store could not be written or it was cancelled (nothing was put then). @problems:
 * (out) (optional) (transfer full) the records that failed (HilumFormatProblem*), also
 * when there is an error. */
HilumImportPlan *hilum_import_file_finish   (GAsyncResult             *result,
                                             GPtrArray               **problems,
                                             GError                  **error);

G_END_DECLS
