/* hilum-decode.c — the decoder helper process: one file in, metadata + pixels out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol is described in hilum-decode-protocol.h. The gray conversion to the
 * compact index form of hilum-image.h happens here, so that the pipe carries 16 bits a
 * pixel at most and the app has nothing left to do but copy.
 */
#define G_LOG_DOMAIN "hilum-decode"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define HILUM_HAS_ASAN 1
# endif
#endif
#ifndef HILUM_HAS_ASAN
# define HILUM_HAS_ASAN 0
#endif

#include "hilum-decode-protocol.h"
#include "hilum-decode-private.h"
#ifdef HILUM_DECODE_WITH_GDCM
#include "hilum-gdcm.h"
#endif

/* Pixels are converted and written in chunks of this many samples, so the app reads
 * one chunk while the next is being converted. */
#define CHUNK_SAMPLES (128 * 1024)

static const char *const string_keys[] = HILUM_DECODE_STRING_KEYS;

void
hilum_raw_init (HilumRaw *raw)
{
  memset (raw, 0, sizeof *raw);
  raw->samples_per_pixel = 1;
  raw->frames = 1;
  raw->rescale_slope = 1.0;
  raw->voi_function = "LINEAR";
  raw->window_centers = g_array_new (FALSE, FALSE, sizeof (double));
  raw->window_widths = g_array_new (FALSE, FALSE, sizeof (double));
  raw->strings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

void
hilum_raw_set_string (HilumRaw   *raw,
                      const char *key,
                      const char *value)
{
  /* Keys are the static HILUM_IMAGE_* strings. */
  g_hash_table_insert (raw->strings, (gpointer) key, g_strdup (value != NULL ? value : ""));
}

int
hilum_raw_fail (HilumRaw   *raw,
                int         exit_code,
                const char *reason,
                const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  g_free (raw->details);
  raw->details = g_strdup_vprintf (format, args);
  va_end (args);
  raw->reason = reason;

  return exit_code;
}

/* --- the gray conversion -------------------------------------------------------
 *
 * Two passes over the samples, each free of branches so that GCC vectorises them:
 * the range of the cleaned stored values, then index = stored − min. Cleaning masks the
 * bits above BitsStored (unsigned) or sign-extends from them (signed).
 */

typedef struct
{
  HilumSampleType type;
  guint bits;             /* significant bits, ≤ the sample size */
  gint64 min;
  gint64 max;
  guint shift;            /* index = (stored − min) >> shift */
} GrayPlan;

#define DEFINE_RANGE(name, ctype, utype, LO, HI, CLEAN)                           \
  static void                                                                   \
  name (const utype *p, gsize n, guint sh, gint64 *lo_out, gint64 *hi_out)      \
  {                                                                             \
    ctype lo = LO;                                                              \
    ctype hi = HI;                                                              \
    for (gsize i = 0; i < n; i++)                                               \
      {                                                                         \
        ctype v = CLEAN;                                                        \
        lo = v < lo ? v : lo;                                                   \
        hi = v > hi ? v : hi;                                                   \
      }                                                                         \
    *lo_out = lo;                                                               \
    *hi_out = hi;                                                               \
  }

/* Unsigned: keep the low bits; signed: shift left, then arithmetic shift right. */
#define CLEAN_U(utype) ((utype) (p[i] & (utype) (((utype) ~(utype) 0) >> sh)))
#define CLEAN_S(ctype, utype) ((ctype) ((ctype) (utype) (p[i] << sh) >> sh))

DEFINE_RANGE (range_u8, guint8, guint8, G_MAXUINT8, 0, CLEAN_U (guint8))
DEFINE_RANGE (range_s8, gint8, guint8, G_MAXINT8, G_MININT8, CLEAN_S (gint8, guint8))
DEFINE_RANGE (range_u16, guint16, guint16, G_MAXUINT16, 0, CLEAN_U (guint16))
DEFINE_RANGE (range_s16, gint16, guint16, G_MAXINT16, G_MININT16, CLEAN_S (gint16, guint16))
DEFINE_RANGE (range_u32, guint32, guint32, G_MAXUINT32, 0, CLEAN_U (guint32))
DEFINE_RANGE (range_s32, gint32, guint32, G_MAXINT32, G_MININT32, CLEAN_S (gint32, guint32))

/* The difference is taken in the unsigned type, where it always fits. */
#define DEFINE_INDEX(name, ctype, utype, CLEAN)                                   \
  static void                                                                   \
  name (const utype *p, gsize n, guint sh, gint64 min, guint shift, guint16 *out) \
  {                                                                             \
    utype m = (utype) (ctype) min;                                              \
    for (gsize i = 0; i < n; i++)                                               \
      {                                                                         \
        ctype v = CLEAN;                                                        \
        out[i] = (guint16) ((utype) ((utype) v - m) >> shift);                  \
      }                                                                         \
  }

DEFINE_INDEX (index_u8, guint8, guint8, CLEAN_U (guint8))
DEFINE_INDEX (index_s8, gint8, guint8, CLEAN_S (gint8, guint8))
DEFINE_INDEX (index_u16, guint16, guint16, CLEAN_U (guint16))
DEFINE_INDEX (index_s16, gint16, guint16, CLEAN_S (gint16, guint16))
DEFINE_INDEX (index_u32, guint32, guint32, CLEAN_U (guint32))
DEFINE_INDEX (index_s32, gint32, guint32, CLEAN_S (gint32, guint32))

static guint
sample_size (HilumSampleType type)
{
  switch (type)
    {
    case HILUM_SAMPLE_U8:
    case HILUM_SAMPLE_S8:
      return 1;
    case HILUM_SAMPLE_U16:
    case HILUM_SAMPLE_S16:
      return 2;
    case HILUM_SAMPLE_U32:
    case HILUM_SAMPLE_S32:
    default:
      return 4;
    }
}

/* Not inlined: GCC does not vectorise loops it inlines into main(), which runs once. */
static G_GNUC_NO_INLINE void
gray_plan (const HilumRaw *raw,
           gsize           n,
           GrayPlan       *plan)
{
  guint size_bits = sample_size (raw->sample) * 8;
  guint bits = raw->clean_bits == 0 || raw->clean_bits > size_bits ? size_bits : raw->clean_bits;
  guint sh = size_bits - bits;
  guint64 range;

  plan->type = raw->sample;
  plan->bits = bits;

  switch (raw->sample)
    {
    case HILUM_SAMPLE_U8:
      range_u8 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    case HILUM_SAMPLE_S8:
      range_s8 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    case HILUM_SAMPLE_U16:
      range_u16 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    case HILUM_SAMPLE_S16:
      range_s16 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    case HILUM_SAMPLE_U32:
      range_u32 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    case HILUM_SAMPLE_S32:
    default:
      range_s32 (raw->pixels, n, sh, &plan->min, &plan->max);
      break;
    }

  if (n == 0)
    plan->min = plan->max = 0;

  /* More than 65,536 stored values (32-bit data): drop low bits, scale folds them back. */
  range = (guint64) (plan->max - plan->min);
  plan->shift = 0;
  while ((range >> plan->shift) > G_MAXUINT16)
    plan->shift++;
}

static G_GNUC_NO_INLINE void
gray_index (const HilumRaw *raw,
            const GrayPlan *plan,
            gsize           first,
            gsize           n,
            guint16        *out)
{
  guint sh = sample_size (raw->sample) * 8 - plan->bits;

  switch (raw->sample)
    {
    case HILUM_SAMPLE_U8:
      index_u8 ((const guint8 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    case HILUM_SAMPLE_S8:
      index_s8 ((const guint8 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    case HILUM_SAMPLE_U16:
      index_u16 ((const guint16 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    case HILUM_SAMPLE_S16:
      index_s16 ((const guint16 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    case HILUM_SAMPLE_U32:
      index_u32 ((const guint32 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    case HILUM_SAMPLE_S32:
    default:
      index_s32 ((const guint32 *) raw->pixels + first, n, sh, plan->min, plan->shift, out);
      break;
    }
}

/* The Modality LUT folded into the index: index i (stored value plan->min + i) maps to
 * lut[i] = LUT(stored) − the lowest LUT value reached, which becomes the offset. */
static guint16 *
modality_lut_table (const HilumRaw *raw,
                    const GrayPlan *plan,
                    double         *offset)
{
  gsize n = (gsize) (plan->max - plan->min) + 1;
  guint16 *table = g_new (guint16, n);
  guint16 lowest = G_MAXUINT16;

  for (gsize i = 0; i < n; i++)
    {
      gint64 at = plan->min + (gint64) i - raw->modality_lut_first;

      at = CLAMP (at, 0, (gint64) raw->modality_lut_length - 1);
      table[i] = raw->modality_lut[at];
      lowest = MIN (lowest, table[i]);
    }
  for (gsize i = 0; i < n; i++)
    table[i] -= lowest;

  *offset = lowest;
  return table;
}

/* --- output ------------------------------------------------------------------ */

static gboolean
write_all (const void *data,
           gsize       n)
{
  const char *p = data;

  while (n > 0)
    {
      ssize_t written = write (STDOUT_FILENO, p, n);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      p += written;
      n -= written;
    }
  return TRUE;
}

static void
add_numbers (JsonBuilder *builder,
             const char  *key,
             GArray      *values)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_double_value (builder, g_array_index (values, double, i));
  json_builder_end_array (builder);
}

static char *
header_json (const HilumRaw *raw,
             const char     *pixels,
             gsize           pixel_bytes,
             double          value_scale,
             double          value_offset)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_PROTOCOL);
  json_builder_add_int_value (builder, HILUM_DECODE_PROTOCOL_VERSION);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_FORMAT);
  json_builder_add_string_value (builder, raw->format);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_WIDTH);
  json_builder_add_int_value (builder, raw->width);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_HEIGHT);
  json_builder_add_int_value (builder, raw->height);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_FRAMES);
  json_builder_add_int_value (builder, raw->frames);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_PIXELS);
  json_builder_add_string_value (builder, pixels);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_PIXEL_BYTES);
  json_builder_add_int_value (builder, pixel_bytes);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_VALUE_SCALE);
  json_builder_add_double_value (builder, value_scale);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_VALUE_OFFSET);
  json_builder_add_double_value (builder, value_offset);

  json_builder_set_member_name (builder, HILUM_DECODE_KEY_BITS_ALLOCATED);
  json_builder_add_int_value (builder, raw->bits_allocated);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_BITS_STORED);
  json_builder_add_int_value (builder, raw->bits_stored);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_PIXEL_REPRESENTATION);
  json_builder_add_int_value (builder, raw->pixel_representation);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_SAMPLES_PER_PIXEL);
  json_builder_add_int_value (builder, raw->samples_per_pixel);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_RESCALE_SLOPE);
  json_builder_add_double_value (builder, raw->rescale_slope);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_RESCALE_INTERCEPT);
  json_builder_add_double_value (builder, raw->rescale_intercept);
  add_numbers (builder, HILUM_DECODE_KEY_WINDOW_CENTER, raw->window_centers);
  add_numbers (builder, HILUM_DECODE_KEY_WINDOW_WIDTH, raw->window_widths);
  json_builder_set_member_name (builder, HILUM_DECODE_KEY_VOI_FUNCTION);
  json_builder_add_string_value (builder, raw->voi_function);

  json_builder_set_member_name (builder, HILUM_DECODE_KEY_PIXEL_SPACING);
  if (raw->has_pixel_spacing)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, raw->pixel_spacing[0]);
      json_builder_add_double_value (builder, raw->pixel_spacing[1]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, HILUM_DECODE_KEY_INVERTED_DISPLAY);
  json_builder_add_boolean_value (builder, raw->inverted_display);

  for (guint i = 0; i < G_N_ELEMENTS (string_keys); i++)
    {
      const char *value = g_hash_table_lookup (raw->strings, string_keys[i]);

      json_builder_set_member_name (builder, string_keys[i]);
      json_builder_add_string_value (builder, value != NULL ? value : "");
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_header (const char *json)
{
  return write_all (json, strlen (json)) && write_all ("\n", 1);
}

static int
emit (HilumRaw *raw,
      gboolean  header_only)
{
  gsize n_pixels = (gsize) raw->width * raw->height * raw->frames;
  g_autofree char *json = NULL;

#ifdef F_SETPIPE_SZ
  /* A larger pipe means fewer wake-ups for 18 MB of pixels; an error changes nothing. */
  (void) fcntl (STDOUT_FILENO, F_SETPIPE_SZ, 1024 * 1024);
#endif

  if (header_only || raw->pixels == NULL)
    {
      json = header_json (raw, HILUM_DECODE_PIXELS_NONE, 0, raw->rescale_slope,
                          raw->rescale_intercept);
      return write_header (json) ? HILUM_DECODE_EXIT_OK : 1;
    }

  if (raw->color)
    {
      json = header_json (raw, HILUM_DECODE_PIXELS_RGB8, n_pixels * 3, 1.0, 0.0);
      return write_header (json) && write_all (raw->pixels, n_pixels * 3)
             ? HILUM_DECODE_EXIT_OK : 1;
    }
  else
    {
      g_autofree guint16 *chunk = g_new (guint16, CHUNK_SAMPLES);
      g_autofree guint16 *lut = NULL;
      GrayPlan plan;
      double scale, offset;

      gray_plan (raw, n_pixels, &plan);
      scale = raw->rescale_slope * (double) ((guint64) 1 << plan.shift);
      offset = (double) plan.min * raw->rescale_slope + raw->rescale_intercept;
      if (raw->modality_lut != NULL && plan.shift == 0)
        lut = modality_lut_table (raw, &plan, &offset);
      if (lut != NULL)
        scale = 1.0;
      json = header_json (raw, HILUM_DECODE_PIXELS_GRAY16, n_pixels * 2, scale, offset);
      if (!write_header (json))
        return 1;

      for (gsize first = 0; first < n_pixels; first += CHUNK_SAMPLES)
        {
          gsize n = MIN (CHUNK_SAMPLES, n_pixels - first);

          gray_index (raw, &plan, first, n, chunk);
          if (lut != NULL)
            for (gsize i = 0; i < n; i++)
              chunk[i] = lut[chunk[i]];
          if (!write_all (chunk, n * 2))
            return 1;
        }
      return HILUM_DECODE_EXIT_OK;
    }
}

/* --- input ------------------------------------------------------------------- */

typedef enum
{
  FORMAT_UNKNOWN,
  FORMAT_DICOM,
  FORMAT_PNG,
  FORMAT_JPEG,
} Format;

static gboolean
looks_like_bare_dicom (const guint8 *head,
                       gsize         n)
{
  static const guint16 groups[] = { 0x0002, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028 };
  guint16 le, be;
  gboolean known = FALSE;

  if (n < 8)
    return FALSE;

  le = head[0] | (head[1] << 8);
  be = (head[0] << 8) | head[1];
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    known |= le == groups[i] || be == groups[i];
  if (!known)
    return FALSE;

  /* Explicit VR: two upper-case letters; implicit VR: a plausible 32-bit length. */
  if (g_ascii_isupper (head[4]) && g_ascii_isupper (head[5]))
    return TRUE;
  return (head[4] | (head[5] << 8) | (head[6] << 16) | ((guint32) head[7] << 24)) < 0x10000
         || ((head[7] | (head[6] << 8) | (head[5] << 16) | ((guint32) head[4] << 24)) < 0x10000);
}

/* Media Storage SOP Class "Media Storage Directory Storage" in the File Meta group. */
static gboolean
is_dicomdir (const guint8 *head,
             gsize         n)
{
  static const char uid[] = "1.2.840.10008.1.3.10";
  const gsize length = sizeof uid - 1;

  for (gsize i = 132; i + length <= n; i++)
    if (memcmp (head + i, uid, length) == 0
        && (i + length == n || !(g_ascii_isdigit (head[i + length]) || head[i + length] == '.')))
      return TRUE;
  return FALSE;
}

static int
sniff (const char *path,
       Format     *format,
       HilumRaw   *raw)
{
  guint8 head[1024];
  gssize n = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_FOUND, HILUM_DECODE_REASON_NO_FILE,
                               "%s", g_strerror (saved));
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_FOUND, HILUM_DECODE_REASON_UNREADABLE,
                             "%s", g_strerror (saved));
    }

  while ((gsize) n < sizeof head)
    {
      gssize r = read (fd, head + n, sizeof head - n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved = errno;

          close (fd);
          if (saved == EISDIR)
            return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_AN_IMAGE,
                                   HILUM_DECODE_REASON_UNKNOWN_FORMAT, "a folder");
          return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_FOUND, HILUM_DECODE_REASON_UNREADABLE,
                                 "%s", g_strerror (saved));
        }
      if (r == 0)
        break;
      n += r;
    }
  close (fd);

  if (n >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    *format = FORMAT_PNG;
  else if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    *format = FORMAT_JPEG;
  else if (n >= 132 && memcmp (head + 128, "DICM", 4) == 0)
    {
      /* GDCM aborts on some malformed DICOMDIRs; they never hold an image anyway. */
      if (is_dicomdir (head, n))
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_AN_IMAGE, HILUM_DECODE_REASON_DICOMDIR,
                               "a DICOMDIR (an index of other files)");
      *format = FORMAT_DICOM;
    }
  else if (looks_like_bare_dicom (head, n))
    *format = FORMAT_DICOM;
  else
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_AN_IMAGE, HILUM_DECODE_REASON_UNKNOWN_FORMAT,
                           "neither DICOM, PNG nor JPEG");

  return HILUM_DECODE_EXIT_OK;
}

#ifndef HILUM_DECODE_WITH_GDCM
/* GDCM builds its dictionaries when it is loaded: 12 ms of the 15 ms a PNG or JPEG
 * header would otherwise take. So this helper has no GDCM, and hands DICOM files to
 * hilum-decode-dicom (same sources, with GDCM) next to it. Returns only on failure. */
static void
exec_dicom_helper (const char *first,
                   const char *second,
                   const char *third,
                   HilumRaw   *raw)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *dicom = dir != NULL ? g_build_filename (dir, "hilum-decode-dicom", NULL)
                                       : g_strdup ("hilum-decode-dicom");
  const char *argv[] = { dicom, first, second, third, NULL };

  execv (dicom, (char **) argv);
  hilum_raw_fail (raw, 1, HILUM_DECODE_REASON_HELPER_MISSING, "%s: %s", dicom, g_strerror (errno));
}
#endif

/* --serve: started ahead of time by the app, so that loading the libraries is not on
 * the clock. Waits for one request on stdin, "full\0PATH\0" or "header\0PATH\0", then
 * works like a normal run. FALSE when stdin ends first (the app has quit). */
static gboolean
read_request (gboolean  *header_only,
              char     **path)
{
  g_autoptr(GByteArray) request = g_byte_array_new ();
  const guint8 *nul;

  for (;;)
    {
      guint8 buffer[4096];
      gssize n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_byte_array_append (request, buffer, n);

      nul = memchr (request->data, '\0', request->len);
      if (nul != NULL && memchr (nul + 1, '\0', request->len - (nul + 1 - request->data)) != NULL)
        break;
    }

  *header_only = g_str_equal ((const char *) request->data, "header");
  *path = g_strdup ((const char *) nul + 1);
  return TRUE;
}

/* A hostile file must not take the machine with it: the helper may use so much memory
 * (HILUM_DECODE_MEMORY_MB, 1536 by default — a 3000 × 3000 JPEG 2000 needs ~300 MB) and
 * so much CPU time (a minute; the client's own time-out is a minute of wall-clock time). */
static guint64 memory_limit;

guint64
hilum_decode_memory_limit (void)
{
  return memory_limit;
}

static void
limit_resources (void)
{
  const char *env = g_getenv ("HILUM_DECODE_MEMORY_MB");
  guint64 megabytes = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;
  struct rlimit memory, cpu = { 60, 61 };

  if (megabytes == 0)
    megabytes = 1536;
  memory_limit = megabytes << 20;
  memory.rlim_cur = memory.rlim_max = (rlim_t) memory_limit;
  /* AddressSanitizer reserves terabytes of address space for its shadow: under it the
   * limit is the pixels' check alone (hilum-gdcm.cxx). */
#if !defined(__SANITIZE_ADDRESS__) && !HILUM_HAS_ASAN
  (void) setrlimit (RLIMIT_AS, &memory);
#endif
  (void) setrlimit (RLIMIT_CPU, &cpu);
}

static gboolean
needs_dicom_helper (Format format)
{
#ifdef HILUM_DECODE_WITH_GDCM
  return FALSE;
#else
  return format != FORMAT_PNG && format != FORMAT_JPEG;
#endif
}

static int
usage (void)
{
  fprintf (stderr, "Usage: hilum-decode [--header-only] [--] FILE\n"
                   "       hilum-decode --serve   (the request comes on stdin)\n");
  return HILUM_DECODE_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  gboolean header_only = FALSE;
  gboolean serve = FALSE;
  g_autofree char *request_path = NULL;
  const char *path = NULL;
  HilumRaw raw;
  Format format = FORMAT_UNKNOWN;
  int status;

  g_set_prgname ("hilum-decode");
  hilum_raw_init (&raw);
  limit_resources ();

  for (int i = 1; i < argc; i++)
    {
      if (path == NULL && strcmp (argv[i], "--header-only") == 0)
        header_only = TRUE;
      else if (path == NULL && strcmp (argv[i], "--serve") == 0)
        serve = TRUE;
      else if (path == NULL && strcmp (argv[i], "--check-sandbox") == 0)
        return hilum_decode_sandbox_check ();
      else if (path == NULL && strcmp (argv[i], "--") == 0 && i + 1 < argc)
        path = argv[++i];
      else if (path == NULL && argv[i][0] != '-')
        path = argv[i];
      else
        return usage ();
    }

  if (serve)
    {
#ifndef HILUM_DECODE_WITH_GDCM
      /* A waiting helper may as well be the one with every decoder loaded. */
      exec_dicom_helper ("--serve", NULL, NULL, &raw);
#endif
      if (!read_request (&header_only, &request_path))
        _exit (HILUM_DECODE_EXIT_OK);
      path = request_path;
    }
  if (path == NULL)
    return usage ();

  status = sniff (path, &format, &raw);
  /* The file is known; whatever decodes it runs without network, new programs or
   * writable files (a DICOM file is handed to hilum-decode-dicom first: exec comes
   * before the filter). */
  if (status == HILUM_DECODE_EXIT_OK && !needs_dicom_helper (format) && !hilum_decode_sandbox_enter ())
    g_debug ("the seccomp filter could not be loaded");
  if (status == HILUM_DECODE_EXIT_OK)
    {
      switch (format)
        {
        case FORMAT_PNG:
          status = hilum_decode_png (path, header_only, &raw);
          break;
        case FORMAT_JPEG:
          status = hilum_decode_jpeg (path, header_only, &raw);
          break;
        case FORMAT_DICOM:
        case FORMAT_UNKNOWN:
        default:
#ifdef HILUM_DECODE_WITH_GDCM
          status = hilum_gdcm_decode (path, header_only, &raw);
#else
          exec_dicom_helper (header_only ? "--header-only" : "--", header_only ? "--" : path,
                             header_only ? path : NULL, &raw);
          status = 1;
#endif
          break;
        }
    }

  if (status == HILUM_DECODE_EXIT_OK)
    status = emit (&raw, header_only);
  else
    {
      /* Codec libraries may have written before: the reason must be the last line. */
      fflush (stdout);
      fprintf (stderr, "\n" HILUM_DECODE_REASON_PREFIX "%s: %s\n",
               raw.reason != NULL ? raw.reason : HILUM_DECODE_REASON_CORRUPT,
               raw.details != NULL ? raw.details : "");
    }

  /* The app waits for our exit status: skip freeing 20 MB and GDCM's static
   * destructors (its dictionaries), which cost several milliseconds per image. */
  fflush (stderr);
  _exit (status);
}
