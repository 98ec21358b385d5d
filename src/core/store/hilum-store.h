/* hilum-store.h — the local store: one SQLite file, every edit committed before it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-document.h"
#include "hilum-operation.h"

G_BEGIN_DECLS

/*
 * SQLite (WAL, synchronous=NORMAL, foreign keys on) at $XDG_DATA_HOME/hilum/hilum.db
 * (DESIGN.md §Local store). Tables: studies (the worklist index: id, title, status,
 * number of findings/boxes, updated time, a search text), documents (current JSON, local
 * revision, last synced base JSON, remote version), outbox, audit (one row per operation:
 * study, author, time, the operation JSON with its before/after), image cache index.
 * Every operation is committed in its own transaction: after kill -9 at any moment,
 * reopening shows every edit that hilum_store_commit_operation() returned for.
 * A damaged file or read-only medium gives a clear error; the store never deletes data to
 * "repair" it.
 */

#define HILUM_TYPE_STORE (hilum_store_get_type ())
G_DECLARE_FINAL_TYPE (HilumStore, hilum_store, HILUM, STORE, GObject)

#define HILUM_STORE_ERROR (hilum_store_error_quark ())
typedef enum
{
  HILUM_STORE_ERROR_OPEN,       /* cannot open / not a Hilum store / damaged */
  HILUM_STORE_ERROR_READ_ONLY,
  HILUM_STORE_ERROR_FULL,       /* disk full */
  HILUM_STORE_ERROR_NOT_FOUND,
  HILUM_STORE_ERROR_FAILED,
  HILUM_STORE_ERROR_CHANGED,    /* edited meanwhile: read again and retry (sync) */
  HILUM_STORE_ERROR_DAMAGED,    /* a damaged document, or damage SQLite's check found */
} HilumStoreError;
GQuark         hilum_store_error_quark              (void);

typedef enum
{
  HILUM_STUDY_STATUS_NEW = 0,
  HILUM_STUDY_STATUS_IN_PROGRESS,
  HILUM_STUDY_STATUS_ANNOTATED,
  HILUM_STUDY_STATUS_REVIEWED,
} HilumStudyStatus;
const char    *hilum_study_status_to_string         (HilumStudyStatus status);   /* "new" … */
gboolean       hilum_study_status_from_string       (const char      *string,
                                                     HilumStudyStatus *status);
const char    *hilum_study_status_get_label         (HilumStudyStatus status);   /* translated */

/* $XDG_DATA_HOME/hilum/hilum.db (transfer full) */
char          *hilum_store_get_default_path         (void);
HilumStore    *hilum_store_open                     (const char      *path,
                                                     GError         **error);
const char    *hilum_store_get_path                 (HilumStore      *self);
/* Opens without ever writing (a CD, a colleague's copy, `hilum-cli export`); every
 * change then fails with HILUM_STORE_ERROR_READ_ONLY. hilum_store_open() falls back to
 * this by itself when the file or its folder is not writable. */
HilumStore    *hilum_store_open_read_only           (const char      *path,
                                                     GError         **error);
gboolean       hilum_store_is_read_only             (HilumStore      *self);

/* Inserts or replaces a whole document (import of a new study). */
gboolean       hilum_store_put_document             (HilumStore      *self,
                                                     HilumDocument   *document,
                                                     GError         **error);
/* Many documents in one transaction (bulk import); @progress may be NULL. */
gboolean       hilum_store_put_documents            (HilumStore      *self,
                                                     GPtrArray       *documents,
                                                     GFileProgressCallback progress,
                                                     gpointer         progress_data,
                                                     GError         **error);
/* (nullable) NULL with NOT_FOUND when there is no such study. */
HilumDocument *hilum_store_get_document             (HilumStore      *self,
                                                     const char      *study_id,
                                                     GError         **error);
gboolean       hilum_store_has_study                (HilumStore      *self,
                                                     const char      *study_id);
/* The local revision: the number of operations committed to the study since it was
 * first put (each later put of the whole document counts one too); -1 when absent. */
gint64         hilum_store_get_revision             (HilumStore      *self,
                                                     const char      *study_id);
/* Applies @op to @document (already applied in memory by the caller? NO: the store
 * applies it to a copy, commits document + audit + outbox + worklist row in ONE
 * transaction, and only then applies it to @document). On error @document is unchanged. */
gboolean       hilum_store_commit_operation         (HilumStore      *self,
                                                     HilumDocument   *document,
                                                     HilumOperation  *op,
                                                     GError         **error);
/* The same, only while the study is at @expected_revision (-1: any); otherwise nothing
 * is written and the error is HILUM_STORE_ERROR_CHANGED — a sync stored a merge since
 * @document was read. */
gboolean       hilum_store_commit_operation_at      (HilumStore      *self,
                                                     HilumDocument   *document,
                                                     HilumOperation  *op,
                                                     gint64           expected_revision,
                                                     GError         **error);

/* The audit log of a study, oldest first: GPtrArray of HilumOperation (JSON with author,
 * time, before/after). */
GPtrArray     *hilum_store_get_audit                (HilumStore      *self,
                                                     const char      *study_id,
                                                     GError         **error);

/* Many small writes as one transaction (each write a savepoint of it): what a sync run
 * stores of a hundred studies costs one commit, not a hundred. The connection's lock is
 * held from begin to end, so only the thread that began uses the store meanwhile; what
 * the batch wrote is on disk at hilum_store_end_batch (). Nests. */
gboolean       hilum_store_begin_batch              (HilumStore      *self,
                                                     GError         **error);
gboolean       hilum_store_end_batch                (HilumStore      *self,
                                                     GError         **error);

/* SQLite's quick_check of the whole file (a scan: a second or more for a large store, so
 * off the UI thread): FALSE with HILUM_STORE_ERROR_DAMAGED and what it found, in a line
 * the user can act on, when the file is damaged. */
gboolean       hilum_store_check_integrity          (HilumStore      *self,
                                                     GError         **error);

/* Worklist. */
typedef enum
{
  HILUM_WORKLIST_SORT_TITLE = 0,
  HILUM_WORKLIST_SORT_STUDY_ID,
  HILUM_WORKLIST_SORT_STATUS,
  HILUM_WORKLIST_SORT_UPDATED,
  HILUM_WORKLIST_SORT_DATE,
} HilumWorklistSort;

typedef struct
{
  char            *study_id;
  char            *title;
  char            *study_date;
  HilumStudyStatus status;
  guint            n_findings;
  guint            n_boxes;
  gint64           updated;      /* unix seconds */
  guint            n_conflicts;  /* sync conflicts to resolve */
} HilumWorklistRow;
void           hilum_worklist_row_free              (HilumWorklistRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumWorklistRow, hilum_worklist_row_free)

/* Rows whose id, title or sentences contain @search (case- and accent-insensitive;
 * NULL/"" = all), optionally only @status (-1 = any), sorted. GPtrArray of
 * HilumWorklistRow. Fast at 100,000 studies (≤ 100 ms).
 * A study's title is the first sentence of its report (English, else Spanish; at most
 * 120 characters), else its study id. A search term of one or two characters (after
 * trimming) is looked for in the id, the title and the date only; three or more, also
 * in every sentence (English and Spanish) and label. */
GPtrArray     *hilum_store_query_worklist           (HilumStore      *self,
                                                     const char      *search,
                                                     int              status,
                                                     HilumWorklistSort sort,
                                                     gboolean         descending,
                                                     GError         **error);
guint          hilum_store_count_studies            (HilumStore      *self);
/* The studies whose document holds sync conflicts to resolve: study id → how many
 * (GINT_TO_POINTER). */
GHashTable    *hilum_store_list_conflicted_studies  (HilumStore      *self,
                                                     GError         **error);
/* All study ids, in worklist title order. */
GPtrArray     *hilum_store_list_study_ids           (HilumStore      *self,
                                                     GError         **error);

G_END_DECLS
