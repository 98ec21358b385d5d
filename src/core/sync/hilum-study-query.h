/* hilum-study-query.h — a search of the server's studies (QIDO-RS) that fills the worklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-orthanc.h"
#include "hilum-store.h"

G_BEGIN_DECLS

/*
 * Dates are "YYYY-MM-DD" as people type them (either end may be empty: open); the
 * modality a DICOM code ("DX", "CR"); the text is looked for in the patient's name, the
 * patient id and the study description, as a part and without accents or case, so one
 * box serves "garcia", "P-0042" and "torax" — among the first @limit studies of the
 * dates and modality, and, for plain ASCII text, by the server's own matching beyond
 * them. Every study found gets its row and document in the store.
 */
typedef struct
{
  char *date_from;   /* (nullable) */
  char *date_to;     /* (nullable) */
  char *modality;    /* (nullable) */
  char *text;        /* (nullable) */
} HilumStudyQuery;

HilumStudyQuery *hilum_study_query_new       (const char            *date_from,
                                              const char            *date_to,
                                              const char            *modality,
                                              const char            *text);
HilumStudyQuery *hilum_study_query_copy      (const HilumStudyQuery *self);
void             hilum_study_query_free      (HilumStudyQuery       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumStudyQuery, hilum_study_query_free)

/* The QIDO-RS query strings for "studies" (one, or one per field the text is looked for
 * in), at most @limit studies each; NULL with an error in the UI language when a date is
 * not one. (transfer full) GStrv */
char           **hilum_study_query_to_qido   (const HilumStudyQuery *self,
                                              guint                  limit,
                                              GError               **error);
/* Runs the search (blocking): the Study Instance UIDs found, newest first, every one in
 * @store afterwards (transfer full) GStrv. */
char           **hilum_study_query_run       (const HilumStudyQuery *self,
                                              HilumStore            *store,
                                              HilumOrthanc          *orthanc,
                                              guint                  limit,
                                              GCancellable          *cancellable,
                                              GError               **error);

G_END_DECLS
