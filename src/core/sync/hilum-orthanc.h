/* hilum-orthanc.h — the Orthanc REST and DICOMweb calls sync makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hilum-http-client.h"

G_BEGIN_DECLS

/*
 * Orthanc 1.10 as PLATFORM.md measured it: an attachment's version is its ETag
 * "<revision>-<md5>"; on the default SQLite index the revision always reads back 0 and
 * the compare-and-swap runs on the MD5, so the version after a PUT is "0-" + md5(body)
 * there — the server says which index it has (/system, DatabaseBackendPlugin). A stale
 * or missing If-Match is 409, never 412. All calls block: run them on a worker thread.
 */

typedef struct
{
  char     *name;
  char     *version;
  gboolean  revisions_real;   /* a database plugin (PostgreSQL …): ETags as returned */
} HilumOrthancSystem;

void hilum_orthanc_system_free (HilumOrthancSystem *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumOrthancSystem, hilum_orthanc_system_free)

typedef struct
{
  gint64  seq;
  char   *change_type;     /* "NewStudy", "UpdatedAttachment", "Deleted" … */
  char   *resource_type;   /* "Study", "Instance" … */
  char   *id;              /* the Orthanc id of the resource */
} HilumOrthancChange;

void hilum_orthanc_change_free (HilumOrthancChange *self);

#define HILUM_TYPE_ORTHANC (hilum_orthanc_get_type ())
G_DECLARE_FINAL_TYPE (HilumOrthanc, hilum_orthanc, HILUM, ORTHANC, GObject)

HilumOrthanc       *hilum_orthanc_new              (HilumHttpClient *client);
HilumHttpClient    *hilum_orthanc_get_client       (HilumOrthanc    *self);
/* The same server over a connection of its own, for another thread. */
HilumOrthanc       *hilum_orthanc_clone            (HilumOrthanc    *self);

/* GET /system, then a one-study QIDO query under the DICOMweb root: the server's name
 * and version, or HILUM_SYNC_ERROR_NOT_ORTHANC when either does not answer like
 * Orthanc. Also what the other calls learn the index kind from. */
HilumOrthancSystem *hilum_orthanc_get_system       (HilumOrthanc    *self,
                                                    gboolean         check_dicomweb,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* The Orthanc id of the study with @study_uid; NULL without error when there is none. */
char               *hilum_orthanc_lookup_study     (HilumOrthanc    *self,
                                                    const char      *study_uid,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* GET /studies/{id}: the study's main tags as a JSON object (transfer full). */
JsonObject         *hilum_orthanc_get_study        (HilumOrthanc    *self,
                                                    const char      *study_id,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* The Orthanc ids of every study (GET /studies). GPtrArray of char*. */
GPtrArray          *hilum_orthanc_list_studies     (HilumOrthanc    *self,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* How many studies the server holds (GET /statistics); -1 with @error on failure. */
gint64              hilum_orthanc_count_studies    (HilumOrthanc    *self,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* GET the attachment @name of a study. With @if_none_match equal to the current version
 * the answer is "not modified": TRUE with *body NULL. A study or attachment that does
 * not exist is HILUM_SYNC_ERROR_NOT_FOUND. */
gboolean            hilum_orthanc_get_attachment   (HilumOrthanc    *self,
                                                    const char      *study_id,
                                                    const char      *name,
                                                    const char      *if_none_match,
                                                    GBytes         **body,
                                                    char           **version,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* PUT the attachment, replacing the version @if_match (NULL: create). TRUE with
 * *conflict TRUE when the server holds another version (409): nothing was written.
 * On success *version is the version to name next time. */
gboolean            hilum_orthanc_put_attachment   (HilumOrthanc    *self,
                                                    const char      *study_id,
                                                    const char      *name,
                                                    GBytes          *body,
                                                    const char      *if_match,
                                                    char           **version,
                                                    gboolean        *conflict,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* GET /changes?since=&limit=: HilumOrthancChange entries, oldest first; @last the
 * sequence number to ask from next time, @done whether there are no more now. */
GPtrArray          *hilum_orthanc_get_changes      (HilumOrthanc    *self,
                                                    gint64           since,
                                                    guint            limit,
                                                    gint64          *last,
                                                    gboolean        *done,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* STOW-RS: stores DICOM files (GBytes each) as they are, in one multipart request. */
gboolean            hilum_orthanc_store_instances  (HilumOrthanc    *self,
                                                    GPtrArray       *files,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* QIDO-RS: GET {root}/@path?@query (e.g. "studies", "StudyDate=20240101-&limit=100"):
 * the DICOM JSON array the server returns (transfer full). */
JsonArray          *hilum_orthanc_qido             (HilumOrthanc    *self,
                                                    const char      *path,
                                                    const char      *query,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* WADO-RS: one instance, as the DICOM file the server stored. */
GBytes             *hilum_orthanc_retrieve_instance (HilumOrthanc      *self,
                                                     const char        *study_uid,
                                                     const char        *series_uid,
                                                     const char        *sop_uid,
                                                     HilumHttpProgress  progress,
                                                     gpointer           progress_data,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

G_END_DECLS
