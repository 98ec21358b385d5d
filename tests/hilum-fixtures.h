/* hilum-fixtures.h — test images generated at test time with the real tools
 *
 * Every fixture is made in a temporary directory by the tests themselves: DICOM written by
 * a small Explicit VR Little Endian writer (below) or by gdcmimg from a PGM, tags set with
 * dcmodify, transfer syntaxes made with dcmconv, dcmcrle, dcmcjpeg, dcmcjpls and gdcmconv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "hilum-operation.h"
#include "hilum-viewport.h"

G_BEGIN_DECLS

/* A fresh temporary directory; hilum_fixture_dir_remove() deletes it and its files. */
char      *hilum_fixture_dir_new          (void);
void       hilum_fixture_dir_remove       (const char    *dir);
/* A fresh directory made the process's XDG_DATA_HOME: call it before anything asks GLib
 * for the user data dir, which it caches; remove it with hilum_fixture_dir_remove(). */
char      *hilum_fixture_data_home_new    (void);

/* The known gray pattern: a diagonal ramp with different slopes along x and y (so
 * that a flip or a transposition is caught), from 0 at the top-left corner to @maxval at
 * the bottom-right one; frame f adds f * @frame_step (clamped to @maxval). When
 * @textured, a small repeating term (0..3) is added so lossless codecs have real
 * detail to preserve; leave it off for lossy codecs. */
guint      hilum_fixture_pattern_value    (guint          x,
                                           guint          y,
                                           guint          width,
                                           guint          height,
                                           guint          maxval,
                                           gboolean       textured);
guint16   *hilum_fixture_pattern          (guint          width,
                                           guint          height,
                                           guint          frames,
                                           guint          maxval,
                                           guint          frame_step,
                                           gboolean       textured);

/* Colour patches: the image is split into a 4 × 2 grid of uniform patches with these
 * colours (row-major: red, green, blue, white, gray, yellow, cyan, black-ish). */
#define HILUM_FIXTURE_N_PATCHES 8
extern const guint8 hilum_fixture_patch_colors[HILUM_FIXTURE_N_PATCHES][3];
guint8    *hilum_fixture_patches_rgb      (guint          width,
                                           guint          height);
/* Index of the patch that contains (x, y). */
guint      hilum_fixture_patch_at         (guint          x,
                                           guint          y,
                                           guint          width,
                                           guint          height);

/* An extra element for the writer; @vr is a DICOM VR ("CS", "DS", "US", "AT", …) and
 * @value its text ("40\\80" for two values; "3004,000C" for AT; a decimal for US). */
typedef struct
{
  guint16     group;
  guint16     element;
  const char *vr;
  const char *value;
} HilumFixtureElement;

typedef struct
{
  guint         width;
  guint         height;
  guint         frames;             /* 0 or 1: single frame, no NumberOfFrames */
  guint         bits_allocated;     /* 8 or 16 */
  guint         bits_stored;        /* HighBit = bits_stored - 1 */
  gboolean      is_signed;
  guint         samples_per_pixel;  /* 1 or 3 */
  const char   *photometric;        /* NULL: MONOCHROME2, or RGB when 3 samples */
  const char   *sop_class_uid;      /* NULL: CR, SC or multi-frame SC as fits */
  const char   *modality;           /* NULL: "CR" */
  gconstpointer pixels;             /* exactly as stored (little endian), frames in order */
  gsize         pixels_size;
  const HilumFixtureElement *extra; /* NULL, or terminated by an element with vr NULL */
} HilumFixtureDicom;

/* Writes @spec as DICOM Part 10, Explicit VR Little Endian, with file meta information,
 * SOP/study/series UIDs ("1.2.826.0.1.3680043.10.1337.<n>") and the image pixel module. */
gboolean   hilum_fixture_write_dicom      (const char              *path,
                                           const HilumFixtureDicom *spec,
                                           GError                 **error);

/* Stored words of @values (0..(1 << bits_stored) - 1 when unsigned) as 16-bit stored
 * pixels; for signed data pass two's-complement values in a gint16 array cast to guint16,
 * and the bits above bits_stored are cleared as a real modality might leave them. */
guint16   *hilum_fixture_pack_words       (const guint16 *values,
                                           gsize          n,
                                           guint          bits_stored);

/* A netpbm file (P5 with maxval ≤ 65535, or P6 8-bit). */
gboolean   hilum_fixture_write_pgm        (const char     *path,
                                           guint           width,
                                           guint           height,
                                           guint           maxval,
                                           const guint16  *values,
                                           GError        **error);
gboolean   hilum_fixture_write_ppm        (const char     *path,
                                           guint           width,
                                           guint           height,
                                           const guint8   *rgb,
                                           GError        **error);

/* PGM → DICOM with gdcmimg, then `dcmconv +te` (gdcmimg may write Implicit VR Big Endian). */
gboolean   hilum_fixture_gdcmimg          (const char     *pgm,
                                           const char     *dicom,
                                           GError        **error);

/* `dcmodify -nb -i KEY=VALUE …` on @path, e.g. "WindowCenter=40\\80". */
gboolean   hilum_fixture_modify           (const char          *path,
                                           const char * const  *assignments,
                                           GError             **error);

typedef enum
{
  HILUM_FIXTURE_EXPLICIT_LE,     /* 1.2.840.10008.1.2.1  dcmconv +te */
  HILUM_FIXTURE_IMPLICIT_LE,     /* 1.2.840.10008.1.2    dcmconv +ti */
  HILUM_FIXTURE_EXPLICIT_BE,     /* 1.2.840.10008.1.2.2  dcmconv +tb */
  HILUM_FIXTURE_DEFLATE,         /* 1.2.840.10008.1.2.1.99  dcmconv +td */
  HILUM_FIXTURE_RLE,             /* 1.2.840.10008.1.2.5  dcmcrle */
  HILUM_FIXTURE_JPEG_BASELINE,   /* 1.2.840.10008.1.2.4.50  dcmcjpeg +eb (8-bit, lossy) */
  HILUM_FIXTURE_JPEG_EXTENDED,   /* 1.2.840.10008.1.2.4.51  dcmcjpeg +ee (12-bit, lossy) */
  HILUM_FIXTURE_JPEG_LOSSLESS,   /* 1.2.840.10008.1.2.4.70  dcmcjpeg +e1 */
  HILUM_FIXTURE_JPEG_LS,         /* 1.2.840.10008.1.2.4.80  dcmcjpls (lossless) */
  HILUM_FIXTURE_J2K,             /* 1.2.840.10008.1.2.4.90  gdcmconv --j2k */
  HILUM_FIXTURE_J2K_LOSSY,       /* 1.2.840.10008.1.2.4.91  gdcmconv --j2k --lossy -q 100 */
  HILUM_FIXTURE_RLE_GDCM,        /* 1.2.840.10008.1.2.5  gdcmconv --rle */
  HILUM_FIXTURE_JPEG_LS_GDCM,    /* 1.2.840.10008.1.2.4.80  gdcmconv --jpegls */
  HILUM_FIXTURE_JPEG_LOSSLESS_14, /* 1.2.840.10008.1.2.4.57  dcmcjpeg +el (process 14) */
} HilumFixtureSyntax;

const char *hilum_fixture_syntax_uid      (HilumFixtureSyntax syntax);
gboolean   hilum_fixture_transcode        (const char          *in,
                                           const char          *out,
                                           HilumFixtureSyntax   syntax,
                                           GError             **error);

/* The value of a top-level element as dcmdump prints it ("1.2.840.10008.1.2.4.80"),
 * or NULL when absent: a check that a fixture really is what a test thinks. */
char      *hilum_fixture_dump_tag         (const char     *path,
                                           const char     *tag);

/* Copies the first @fraction of @in to @out (a truncated download). */
gboolean   hilum_fixture_truncate         (const char     *in,
                                           const char     *out,
                                           double          fraction,
                                           GError        **error);

/* An RT Dose with a FrameIncrementPointer but no NumberOfFrames: Debian's GDCM
 * asserts (abort()) on it — gdcminfo dies with SIGABRT. */
gboolean   hilum_fixture_write_gdcm_abort (const char     *path,
                                           GError        **error);

/* Runs a program (argv[0] looked up in PATH); on failure the error holds its stderr. */
gboolean   hilum_fixture_run              (const char * const  *argv,
                                           char               **standard_output,
                                           GError             **error);

/* An 8-bit grayscale or RGB JPEG file made with cjpeg from a PGM/PPM. */
gboolean   hilum_fixture_cjpeg            (const char     *netpbm,
                                           const char     *jpeg,
                                           guint           quality,
                                           GError        **error);

/* The operation that @json describes; the test fails if it does not parse. */
HilumOperation *hilum_fixture_operation   (const char     *json);

/* A viewport for an @image_width × @image_height image in a widget of that size,
 * neither fitted nor zoomed. */
HilumViewport *hilum_fixture_viewport_new (guint          image_width,
                                           guint          image_height,
                                           double         widget_width,
                                           double         widget_height);

G_END_DECLS
