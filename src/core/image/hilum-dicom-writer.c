/* hilum-dicom-writer.c — a minimal DICOM Part 10 writer for radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only what the built-in demo study, test fixtures and the Secondary Capture wrapping of
 * PNG/JPEG need: one image object, Explicit VR Little Endian, unsigned 16-bit
 * MONOCHROME2 or 8-bit RGB pixels. Elements are
 * written in ascending tag order, every value padded to an even length (UI with NUL,
 * text with a space) as PS3.5 §7 requires.
 */
#define G_LOG_DOMAIN "hilum-dicom-writer"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hilum-dicom-writer.h"

#define EXPLICIT_VR_LE        "1.2.840.10008.1.2.1"
/* A fixed UID that names this implementation (2.25 root, generated once). */
#define IMPLEMENTATION_UID    "2.25.226424255846653488121838068974920817485"
#define IMPLEMENTATION_NAME   "HILUM_" PACKAGE_VERSION

G_DEFINE_QUARK (hilum-dicom-writer-error-quark, hilum_dicom_writer_error)

static void
put_u16 (GByteArray *out,
         guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static gboolean
vr_has_long_length (const char *vr)
{
  return strcmp (vr, "OB") == 0 || strcmp (vr, "OW") == 0 || strcmp (vr, "SQ") == 0 ||
         strcmp (vr, "UN") == 0 || strcmp (vr, "UT") == 0;
}

/* Element header (Explicit VR Little Endian). */
static void
put_header (GByteArray *out,
            guint16     group,
            guint16     element,
            const char *vr,
            guint32     length)
{
  put_u16 (out, group);
  put_u16 (out, element);
  g_byte_array_append (out, (const guint8 *) vr, 2);
  if (vr_has_long_length (vr))
    {
      put_u16 (out, 0);
      put_u32 (out, length);
    }
  else
    {
      g_assert (length <= G_MAXUINT16);
      put_u16 (out, length);
    }
}

static void
put_string (GByteArray *out,
            guint16     group,
            guint16     element,
            const char *vr,
            const char *value)
{
  gsize len = value != NULL ? strlen (value) : 0;
  gsize padded = len + (len & 1);

  put_header (out, group, element, vr, padded);
  if (len > 0)
    g_byte_array_append (out, (const guint8 *) value, len);
  if (padded != len)
    {
      guint8 pad = strcmp (vr, "UI") == 0 ? '\0' : ' ';
      g_byte_array_append (out, &pad, 1);
    }
}

static void
put_us (GByteArray *out,
        guint16     group,
        guint16     element,
        guint16     value)
{
  put_header (out, group, element, "US", 2);
  put_u16 (out, value);
}

static void
put_is (GByteArray *out,
        guint16     group,
        guint16     element,
        guint       value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  put_string (out, group, element, "IS", buf);
}

/* DS values are at most 16 characters each. */
static void
put_ds (GByteArray   *out,
        guint16       group,
        guint16       element,
        const double *values,
        guint         n_values)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_values; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (s, '\\');
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.8g", values[i]));
    }
  put_string (out, group, element, "DS", s->str);
  g_string_free (s, TRUE);
}

char *
hilum_dicom_generate_uid (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  guint8 num[16];
  char digits[48];
  guint n_digits = 0;
  guint k = 0;
  GString *uid;
  gboolean zero;

  /* The UUID as a 128-bit big-endian number … */
  for (const char *p = uuid; *p != '\0' && k < 32; p++)
    {
      if (*p == '-')
        continue;
      if (k % 2 == 0)
        num[k / 2] = g_ascii_xdigit_value (*p) << 4;
      else
        num[k / 2] |= g_ascii_xdigit_value (*p);
      k++;
    }

  /* … written in decimal by repeated division by ten (PS3.5 §B.2). */
  do
    {
      guint rem = 0;

      zero = TRUE;
      for (guint i = 0; i < 16; i++)
        {
          guint cur = (rem << 8) | num[i];

          num[i] = cur / 10;
          rem = cur % 10;
          if (num[i] != 0)
            zero = FALSE;
        }
      digits[n_digits++] = '0' + rem;
    }
  while (!zero);

  uid = g_string_new ("2.25.");
  while (n_digits > 0)
    g_string_append_c (uid, digits[--n_digits]);

  return g_string_free (uid, FALSE);
}

static gboolean
check_uid (const char  *uid,
           GError     **error)
{
  if (uid == NULL)
    return TRUE;
  if (strlen (uid) > 64 || strspn (uid, "0123456789.") != strlen (uid))
    {
      g_set_error (error, HILUM_DICOM_WRITER_ERROR, HILUM_DICOM_WRITER_ERROR_INVALID,
                   _("“%s” is not a valid DICOM UID."), uid);
      return FALSE;
    }
  return TRUE;
}

/* Everything up to and including the Pixel Data element header. */
static GByteArray *
build_prefix (const HilumDicomImageDesc *desc,
              guint                      width,
              guint                      height,
              gboolean                   rgb,
              GError                   **error)
{
  const char *sop_class = desc->sop_class_uid != NULL ? desc->sop_class_uid : HILUM_DICOM_CR_IMAGE_STORAGE;
  guint bytes_per_pixel = rgb ? 3 : 2;
  guint64 pixel_bytes = (guint64) width * height * bytes_per_pixel;
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GByteArray) meta = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *sop_uid = NULL;
  guint bits_stored = desc->bits_stored != 0 ? desc->bits_stored : 16;
  guint8 version[2] = { 0x00, 0x01 };
  guint8 preamble[128] = { 0 };

  if (width == 0 || height == 0 || width > G_MAXUINT16 || height > G_MAXUINT16 ||
      bits_stored > 16 || pixel_bytes + 1 >= G_MAXUINT32)
    {
      g_set_error (error, HILUM_DICOM_WRITER_ERROR, HILUM_DICOM_WRITER_ERROR_INVALID,
                   _("An image of %u × %u pixels with %u bits cannot be written as DICOM."),
                   width, height, bits_stored);
      return NULL;
    }
  if (rgb)
    bits_stored = 8;
  if (!check_uid (desc->sop_class_uid, error) ||
      !check_uid (desc->study_instance_uid, error) ||
      !check_uid (desc->series_instance_uid, error) ||
      !check_uid (desc->sop_instance_uid, error))
    return NULL;

  study_uid = desc->study_instance_uid ? g_strdup (desc->study_instance_uid) : hilum_dicom_generate_uid ();
  series_uid = desc->series_instance_uid ? g_strdup (desc->series_instance_uid) : hilum_dicom_generate_uid ();
  sop_uid = desc->sop_instance_uid ? g_strdup (desc->sop_instance_uid) : hilum_dicom_generate_uid ();

  /* File Meta Information: its group length counts the bytes after itself. */
  meta = g_byte_array_new ();
  put_header (meta, 0x0002, 0x0001, "OB", 2);
  g_byte_array_append (meta, version, 2);
  put_string (meta, 0x0002, 0x0002, "UI", sop_class);
  put_string (meta, 0x0002, 0x0003, "UI", sop_uid);
  put_string (meta, 0x0002, 0x0010, "UI", EXPLICIT_VR_LE);
  put_string (meta, 0x0002, 0x0012, "UI", IMPLEMENTATION_UID);
  put_string (meta, 0x0002, 0x0013, "SH", IMPLEMENTATION_NAME);

  out = g_byte_array_sized_new (4096);
  g_byte_array_append (out, preamble, sizeof preamble);
  g_byte_array_append (out, (const guint8 *) "DICM", 4);
  put_header (out, 0x0002, 0x0000, "UL", 4);
  put_u32 (out, meta->len);
  g_byte_array_append (out, meta->data, meta->len);

  put_string (out, 0x0008, 0x0005, "CS", "ISO_IR 192");
  put_string (out, 0x0008, 0x0008, "CS", "DERIVED\\PRIMARY");
  put_string (out, 0x0008, 0x0016, "UI", sop_class);
  put_string (out, 0x0008, 0x0018, "UI", sop_uid);
  put_string (out, 0x0008, 0x0020, "DA", desc->study_date);
  put_string (out, 0x0008, 0x0023, "DA", desc->study_date);
  put_string (out, 0x0008, 0x0030, "TM", desc->study_time);
  put_string (out, 0x0008, 0x0033, "TM", desc->study_time);
  put_string (out, 0x0008, 0x0050, "SH", NULL);
  put_string (out, 0x0008, 0x0060, "CS", desc->modality != NULL ? desc->modality : "CR");
  if (desc->conversion_type != NULL)
    put_string (out, 0x0008, 0x0064, "CS", desc->conversion_type);
  put_string (out, 0x0008, 0x0070, "LO", "Hilum");
  put_string (out, 0x0008, 0x0090, "PN", NULL);
  put_string (out, 0x0008, 0x1030, "LO", desc->study_description);
  put_string (out, 0x0008, 0x103E, "LO", desc->series_description);
  put_string (out, 0x0010, 0x0010, "PN", desc->patient_name);
  put_string (out, 0x0010, 0x0020, "LO", desc->patient_id);
  put_string (out, 0x0010, 0x0030, "DA", NULL);
  put_string (out, 0x0010, 0x0040, "CS", NULL);
  put_string (out, 0x0018, 0x0015, "CS", desc->body_part);
  if (desc->pixel_spacing[0] > 0 && desc->pixel_spacing[1] > 0)
    put_ds (out, 0x0018, 0x1164, desc->pixel_spacing, 2);
  put_string (out, 0x0018, 0x5101, "CS", desc->view_position);
  put_string (out, 0x0020, 0x000D, "UI", study_uid);
  put_string (out, 0x0020, 0x000E, "UI", series_uid);
  put_string (out, 0x0020, 0x0010, "SH", "1");
  put_is (out, 0x0020, 0x0011, desc->series_number);
  put_is (out, 0x0020, 0x0013, desc->instance_number);
  put_string (out, 0x0020, 0x0020, "CS", desc->patient_orientation);
  put_us (out, 0x0028, 0x0002, rgb ? 3 : 1);
  put_string (out, 0x0028, 0x0004, "CS", rgb ? "RGB" : "MONOCHROME2");
  if (rgb)
    put_us (out, 0x0028, 0x0006, 0);   /* R, G, B interleaved */
  put_us (out, 0x0028, 0x0010, height);
  put_us (out, 0x0028, 0x0011, width);
  if (desc->pixel_spacing[0] > 0 && desc->pixel_spacing[1] > 0)
    put_ds (out, 0x0028, 0x0030, desc->pixel_spacing, 2);
  put_us (out, 0x0028, 0x0100, rgb ? 8 : 16);
  put_us (out, 0x0028, 0x0101, bits_stored);
  put_us (out, 0x0028, 0x0102, bits_stored - 1);
  put_us (out, 0x0028, 0x0103, 0);
  if (desc->window_width > 0)
    {
      put_ds (out, 0x0028, 0x1050, &desc->window_center, 1);
      put_ds (out, 0x0028, 0x1051, &desc->window_width, 1);
    }
  if (desc->rescale_slope != 0)
    {
      put_ds (out, 0x0028, 0x1052, &desc->rescale_intercept, 1);
      put_ds (out, 0x0028, 0x1053, &desc->rescale_slope, 1);
    }
  put_string (out, 0x0028, 0x2110, "CS", "00");
  /* OB for 8-bit samples, padded to an even length. */
  put_header (out, 0x7FE0, 0x0010, rgb ? "OB" : "OW", (guint32) (pixel_bytes + (pixel_bytes & 1)));

  return g_steal_pointer (&out);
}

GBytes *
hilum_dicom_build_image (const HilumDicomImageDesc *desc,
                         guint                      width,
                         guint                      height,
                         const guint16             *pixels,
                         GError                   **error)
{
  GByteArray *out;
  gsize n = (gsize) width * height;

  g_return_val_if_fail (desc != NULL, NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = build_prefix (desc, width, height, FALSE, error);
  if (out == NULL)
    return NULL;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  g_byte_array_append (out, (const guint8 *) pixels, n * 2);
#else
  for (gsize i = 0; i < n; i++)
    put_u16 (out, pixels[i]);
#endif

  return g_byte_array_free_to_bytes (out);
}

GBytes *
hilum_dicom_build_rgb_image (const HilumDicomImageDesc *desc,
                             guint                      width,
                             guint                      height,
                             const guint8              *rgb,
                             GError                   **error)
{
  GByteArray *out;
  gsize n = (gsize) width * height * 3;

  g_return_val_if_fail (desc != NULL, NULL);
  g_return_val_if_fail (rgb != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = build_prefix (desc, width, height, TRUE, error);
  if (out == NULL)
    return NULL;

  g_byte_array_append (out, rgb, n);
  if (n & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);

  return g_byte_array_free_to_bytes (out);
}

gboolean
hilum_dicom_write_image (const char                *path,
                         const HilumDicomImageDesc *desc,
                         guint                      width,
                         guint                      height,
                         const guint16             *pixels,
                         GError                   **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GByteArray) prefix = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  gsize n = (gsize) width * height;
  const guint8 *data;
  g_autofree guint16 *swapped = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (desc != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prefix = build_prefix (desc, width, height, FALSE, error);
  if (prefix == NULL)
    return FALSE;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  data = (const guint8 *) pixels;
#else
  swapped = g_new (guint16, n);
  for (gsize i = 0; i < n; i++)
    swapped[i] = GUINT16_TO_LE (pixels[i]);
  data = (const guint8 *) swapped;
#endif

  /* g_file_replace writes a temporary file and renames it: a reader never sees half a file. */
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), prefix->data, prefix->len,
                                  NULL, NULL, &local_error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, n * 2,
                                  NULL, NULL, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      /* Closing with a cancelled cancellable drops the temporary file instead of
       * renaming a half-written one over @path. */
      if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
        {
          g_cancellable_cancel (abandon);
          g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
        }
      g_set_error (error, HILUM_DICOM_WRITER_ERROR, HILUM_DICOM_WRITER_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
