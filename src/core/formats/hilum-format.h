/* hilum-format.h — importing and exporting the dataset formats (FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-document.h"

G_BEGIN_DECLS

typedef enum
{
  HILUM_FORMAT_HILUM = 0,      /* hilum-study/1: one document, or a folder of them */
  HILUM_FORMAT_PADCHEST_GR,    /* grounded_reports JSON (+ PNG folder for sizes) */
  HILUM_FORMAT_RADFACT,        /* RadFact JSON */
  HILUM_FORMAT_MAIRA2,         /* MAIRA-2 grounded text (JSON Lines, see hilum-format-maira2.c) */
  HILUM_FORMAT_MS_CXR,         /* MS-CXR CSV */
  HILUM_FORMAT_COCO,           /* COCO JSON */
  HILUM_N_FORMATS
} HilumFormat;

#define HILUM_FORMAT_ERROR (hilum_format_error_quark ())
typedef enum
{
  HILUM_FORMAT_ERROR_READ,         /* cannot read the file */
  HILUM_FORMAT_ERROR_PARSE,        /* the file as a whole is not of the format */
  HILUM_FORMAT_ERROR_WRITE,
  HILUM_FORMAT_ERROR_NEEDS_IMAGES, /* pixel coordinates need image sizes (--images) */
  HILUM_FORMAT_ERROR_UNSUPPORTED,  /* e.g. import of a format that cannot be imported */
} HilumFormatError;
GQuark        hilum_format_error_quark         (void);

/* "hilum" "padchest-gr" "radfact" "maira2" "ms-cxr" "coco" */
const char   *hilum_format_get_name            (HilumFormat   format);
const char   *hilum_format_get_label           (HilumFormat   format);   /* translated */
gboolean      hilum_format_from_name           (const char   *name,
                                                HilumFormat  *format);

/* A record that could not be imported: which one (its id or index) and why (translated). */
typedef struct
{
  char *record;
  char *message;
} HilumFormatProblem;
void          hilum_format_problem_free        (HilumFormatProblem *problem);

typedef struct
{
  const char *images_dir;      /* nullable: where image files are, for sizes */
  const char *reader_id;       /* nullable: whose boxes imported single-reader data become */
  GFileProgressCallback progress;  /* nullable: (done, total) */
  gpointer    progress_data;
  GCancellable *cancellable;
} HilumFormatOptions;

/* Reads @path: GPtrArray of HilumDocument. Records that fail go to @problems
 * (HilumFormatProblem*) and the rest are imported; only a file that cannot be read at all
 * returns NULL with @error. */
GPtrArray    *hilum_format_import              (HilumFormat         format,
                                                const char         *path,
                                                const HilumFormatOptions *options,
                                                GPtrArray          *problems,
                                                GError            **error);
/* Writes @documents (HilumDocument*) to @path; warnings (e.g. a box clipped by the
 * MAIRA-2 crop) go to @problems. */
gboolean      hilum_format_export              (HilumFormat         format,
                                                GPtrArray          *documents,
                                                const char         *path,
                                                const HilumFormatOptions *options,
                                                GPtrArray          *problems,
                                                GError            **error);

/* A problem of @record (an id from the file, cut to a readable length) with @message. */
HilumFormatProblem *hilum_format_problem_new (const char *record,
                                              const char *message);

G_END_DECLS
