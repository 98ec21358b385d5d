/* hilum-decode-private.h — what the three decoders of the hilum-decode helper hand over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HILUM_SAMPLE_U8,
  HILUM_SAMPLE_S8,
  HILUM_SAMPLE_U16,
  HILUM_SAMPLE_S16,
  HILUM_SAMPLE_U32,
  HILUM_SAMPLE_S32,
} HilumSampleType;

/* The decoded file before it becomes the compact form of hilum-image.h. Gray samples
 * may still carry bits above bits_stored (a DICOM file read without GetBuffer's
 * clean-up): the conversion masks and sign-extends them in the same pass. */
typedef struct
{
  const char     *format;                 /* "dicom" "png" "jpeg" (static) */
  guint           width;
  guint           height;
  guint           frames;

  gboolean        color;                  /* pixels are interleaved RGB, 8 bits */
  HilumSampleType sample;                 /* gray: type of one sample */
  guint           clean_bits;             /* gray: significant low bits of a sample */

  gconstpointer   pixels;                 /* NULL for --header-only */
  gsize           n_bytes;
  GDestroyNotify  pixels_free;            /* called with pixels_data */
  gpointer        pixels_data;

  guint           bits_allocated;
  guint           bits_stored;
  guint           pixel_representation;
  guint           samples_per_pixel;
  double          rescale_slope;
  double          rescale_intercept;
  /* A Modality LUT Sequence replaces rescale: value = lut[stored − lut_first], clamped. */
  guint16        *modality_lut;
  guint           modality_lut_length;
  gint            modality_lut_first;
  GArray         *window_centers;         /* double */
  GArray         *window_widths;          /* double */
  const char     *voi_function;           /* "LINEAR" "LINEAR_EXACT" "SIGMOID" (static) */
  gboolean        has_pixel_spacing;
  double          pixel_spacing[2];
  gboolean        inverted_display;
  GHashTable     *strings;                /* HILUM_IMAGE_* key → UTF-8 value */

  /* On failure: a HILUM_DECODE_REASON_* and English details. */
  const char     *reason;
  char           *details;
} HilumRaw;

void     hilum_raw_init          (HilumRaw       *raw);
void     hilum_raw_set_string    (HilumRaw       *raw,
                                  const char     *key,
                                  const char     *value);
/* Records the failure and returns @exit_code, for `return hilum_raw_fail (…);`. */
int      hilum_raw_fail          (HilumRaw       *raw,
                                  int             exit_code,
                                  const char     *reason,
                                  const char     *format,
                                  ...) G_GNUC_PRINTF (4, 5);

/* Each returns a HILUM_DECODE_EXIT_* code and fills @raw. */
int      hilum_decode_png        (const char     *path,
                                  gboolean        header_only,
                                  HilumRaw       *raw);
int      hilum_decode_jpeg       (const char     *path,
                                  gboolean        header_only,
                                  HilumRaw       *raw);

/* The address space the helper may use (HILUM_DECODE_MEMORY_MB), in bytes. */
guint64  hilum_decode_memory_limit  (void);

/* Forbids what a decoder never needs (network, new programs, writing files); the
 * process keeps reading its file and writing its pipes. FALSE when the kernel refused
 * the filter (the caller then decodes without it, as before). */
gboolean hilum_decode_sandbox_enter (void);
/* --check-sandbox: enters the sandbox, tries a socket and a file opened for writing,
 * prints what happened; 0 when both were refused. */
int      hilum_decode_sandbox_check (void);

G_END_DECLS
