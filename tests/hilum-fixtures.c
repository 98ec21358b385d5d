/* hilum-fixtures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-fixtures"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hilum-fixtures.h"

#define UID_ROOT "1.2.826.0.1.3680043.10.1337"

const guint8 hilum_fixture_patch_colors[HILUM_FIXTURE_N_PATCHES][3] = {
  { 200,  30,  40 }, {  40, 180,  60 }, {  30,  50, 210 }, { 250, 250, 250 },
  { 128, 128, 128 }, { 230, 210,  40 }, {  40, 200, 210 }, {  10,  12,  14 },
};

char *
hilum_fixture_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hilum-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
hilum_fixture_data_home_new (void)
{
  char *dir = hilum_fixture_dir_new ();

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursive (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
hilum_fixture_dir_remove (const char *dir)
{
  g_autoptr(GFile) file = NULL;

  if (dir == NULL)
    return;
  /* Keep the fixtures for a post-mortem when asked to. */
  if (g_getenv ("HILUM_KEEP_FIXTURES") != NULL)
    {
      g_test_message ("fixtures kept in %s", dir);
      return;
    }
  file = g_file_new_for_path (dir);
  remove_recursive (file);
}

guint
hilum_fixture_pattern_value (guint    x,
                             guint    y,
                             guint    width,
                             guint    height,
                             guint    maxval,
                             gboolean textured)
{
  guint span = 2 * (width - 1) + (height - 1);
  guint range = textured ? maxval - 3 : maxval;
  guint value = (guint) (((guint64) range * (2 * x + y)) / MAX (span, 1));

  if (textured)
    value += (x * 7 + y * 13) % 4;
  return value;
}

guint16 *
hilum_fixture_pattern (guint    width,
                       guint    height,
                       guint    frames,
                       guint    maxval,
                       guint    frame_step,
                       gboolean textured)
{
  guint16 *values;

  frames = MAX (frames, 1);
  values = g_new (guint16, (gsize) width * height * frames);
  for (guint f = 0; f < frames; f++)
    for (guint y = 0; y < height; y++)
      for (guint x = 0; x < width; x++)
        {
          guint v = hilum_fixture_pattern_value (x, y, width, height, maxval, textured);

          values[((gsize) f * height + y) * width + x] = MIN (v + f * frame_step, maxval);
        }
  return values;
}

guint
hilum_fixture_patch_at (guint x,
                        guint y,
                        guint width,
                        guint height)
{
  return (y * 2 / height) * 4 + x * 4 / width;
}

guint8 *
hilum_fixture_patches_rgb (guint width,
                           guint height)
{
  guint8 *rgb = g_new (guint8, (gsize) width * height * 3);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      memcpy (rgb + ((gsize) y * width + x) * 3,
              hilum_fixture_patch_colors[hilum_fixture_patch_at (x, y, width, height)], 3);
  return rgb;
}

guint16 *
hilum_fixture_pack_words (const guint16 *values,
                          gsize          n,
                          guint          bits_stored)
{
  guint16 mask = bits_stored >= 16 ? 0xffff : (guint16) ((1u << bits_stored) - 1);
  guint16 *words = g_new (guint16, n);

  for (gsize i = 0; i < n; i++)
    words[i] = GUINT16_TO_LE (values[i] & mask);
  return words;
}

/* ---- A minimal DICOM Part 10 writer (Explicit VR Little Endian) ---------------- */

typedef struct
{
  guint32     tag;
  GByteArray *bytes;
} Element;

static void
put16 (GByteArray *b,
       guint16     v)
{
  guint8 le[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, le, 2);
}

static void
put32 (GByteArray *b,
       guint32     v)
{
  guint8 le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (b, le, 4);
}

static gboolean
vr_has_long_length (const char *vr)
{
  return g_str_equal (vr, "OB") || g_str_equal (vr, "OW") || g_str_equal (vr, "OF") ||
         g_str_equal (vr, "SQ") || g_str_equal (vr, "UT") || g_str_equal (vr, "UN");
}

static void
add_element (GArray       *elements,
             guint16       group,
             guint16       element,
             const char   *vr,
             gconstpointer data,
             gsize         len)
{
  Element e = { ((guint32) group << 16) | element, g_byte_array_new () };
  gboolean pad = len % 2 != 0;
  guint8 pad_byte = (g_str_equal (vr, "UI") || g_str_equal (vr, "OB")) ? 0 : ' ';

  /* A later element with the same tag replaces the earlier one. */
  for (guint i = 0; i < elements->len; i++)
    {
      Element *old = &g_array_index (elements, Element, i);

      if (old->tag == e.tag)
        {
          g_byte_array_unref (old->bytes);
          g_array_remove_index (elements, i);
          break;
        }
    }

  put16 (e.bytes, group);
  put16 (e.bytes, element);
  g_byte_array_append (e.bytes, (const guint8 *) vr, 2);
  if (vr_has_long_length (vr))
    {
      put16 (e.bytes, 0);
      put32 (e.bytes, len + pad);
    }
  else
    put16 (e.bytes, len + pad);
  g_byte_array_append (e.bytes, data, len);
  if (pad)
    g_byte_array_append (e.bytes, &pad_byte, 1);
  g_array_append_val (elements, e);
}

static void
add_string (GArray     *elements,
            guint16     group,
            guint16     element,
            const char *vr,
            const char *value)
{
  add_element (elements, group, element, vr, value, strlen (value));
}

static void
add_us (GArray  *elements,
        guint16  group,
        guint16  element,
        guint    value)
{
  guint8 le[2] = { value & 0xff, (value >> 8) & 0xff };

  add_element (elements, group, element, "US", le, 2);
}

static void
add_extra (GArray                    *elements,
           const HilumFixtureElement *extra)
{
  g_auto(GStrv) values = g_strsplit (extra->value, "\\", -1);
  g_autoptr(GByteArray) binary = g_byte_array_new ();

  if (g_str_equal (extra->vr, "US") || g_str_equal (extra->vr, "SS"))
    {
      for (guint i = 0; values[i] != NULL; i++)
        put16 (binary, (guint16) g_ascii_strtoll (values[i], NULL, 10));
    }
  else if (g_str_equal (extra->vr, "UL"))
    {
      for (guint i = 0; values[i] != NULL; i++)
        put32 (binary, (guint32) g_ascii_strtoull (values[i], NULL, 10));
    }
  else if (g_str_equal (extra->vr, "AT"))
    {
      for (guint i = 0; values[i] != NULL; i++)
        {
          char *end = NULL;
          guint16 g = g_ascii_strtoull (values[i], &end, 16);
          guint16 e = g_ascii_strtoull (end + 1, NULL, 16);

          put16 (binary, g);
          put16 (binary, e);
        }
    }
  else
    {
      add_string (elements, extra->group, extra->element, extra->vr, extra->value);
      return;
    }
  add_element (elements, extra->group, extra->element, extra->vr, binary->data, binary->len);
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  guint32 ta = ((const Element *) a)->tag;
  guint32 tb = ((const Element *) b)->tag;

  return ta < tb ? -1 : ta > tb;
}

static void
serialize (GArray     *elements,
           GByteArray *out)
{
  g_array_sort (elements, compare_elements);
  for (guint i = 0; i < elements->len; i++)
    {
      Element *e = &g_array_index (elements, Element, i);

      g_byte_array_append (out, e->bytes->data, e->bytes->len);
      g_byte_array_unref (e->bytes);
    }
  g_array_set_size (elements, 0);
}

static const char *
find_extra (const HilumFixtureElement *extra,
            guint16                    group,
            guint16                    element)
{
  for (; extra != NULL && extra->vr != NULL; extra++)
    if (extra->group == group && extra->element == element)
      return extra->value;
  return NULL;
}

gboolean
hilum_fixture_write_dicom (const char              *path,
                           const HilumFixtureDicom *spec,
                           GError                 **error)
{
  static guint counter;
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (Element));
  g_autoptr(GByteArray) meta = g_byte_array_new ();
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autofree char *sop_uid = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  const char *sop_class = spec->sop_class_uid;
  const char *photometric = spec->photometric;
  const char *value;
  guint frames = MAX (spec->frames, 1);
  guint samples = MAX (spec->samples_per_pixel, 1);
  guint8 version[2] = { 0, 1 };
  guint n = ++counter;

  if (sop_class == NULL)
    {
      if (spec->frames > 1)
        sop_class = spec->bits_allocated == 8 ? "1.2.840.10008.5.1.4.1.1.7.2"
                                              : "1.2.840.10008.5.1.4.1.1.7.3";
      else if (samples == 3)
        sop_class = "1.2.840.10008.5.1.4.1.1.7";
      else
        sop_class = "1.2.840.10008.5.1.4.1.1.1";
    }
  if (photometric == NULL)
    photometric = samples == 3 ? "RGB" : "MONOCHROME2";

  value = find_extra (spec->extra, 0x0008, 0x0018);
  sop_uid = value ? g_strdup (value) : g_strdup_printf (UID_ROOT ".%u.%u.3", (guint) getpid (), n);
  value = find_extra (spec->extra, 0x0020, 0x000d);
  study_uid = value ? g_strdup (value) : g_strdup_printf (UID_ROOT ".%u.%u.1", (guint) getpid (), n);
  value = find_extra (spec->extra, 0x0020, 0x000e);
  series_uid = value ? g_strdup (value) : g_strdup_printf (UID_ROOT ".%u.%u.2", (guint) getpid (), n);

  /* File meta information; its group length is computed once the rest is known. */
  add_element (elements, 0x0002, 0x0001, "OB", version, 2);
  add_string (elements, 0x0002, 0x0002, "UI", sop_class);
  add_string (elements, 0x0002, 0x0003, "UI", sop_uid);
  add_string (elements, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
  add_string (elements, 0x0002, 0x0012, "UI", UID_ROOT ".0");
  add_string (elements, 0x0002, 0x0013, "SH", "HILUM_TESTS");
  serialize (elements, meta);

  add_string (elements, 0x0008, 0x0016, "UI", sop_class);
  add_string (elements, 0x0008, 0x0018, "UI", sop_uid);
  add_string (elements, 0x0008, 0x0020, "DA", "20240131");
  add_string (elements, 0x0008, 0x0060, "CS", spec->modality ? spec->modality : "CR");
  add_string (elements, 0x0010, 0x0010, "PN", "Test^Patient");
  add_string (elements, 0x0010, 0x0020, "LO", "HILUM-TEST");
  add_string (elements, 0x0020, 0x000d, "UI", study_uid);
  add_string (elements, 0x0020, 0x000e, "UI", series_uid);
  add_string (elements, 0x0020, 0x0013, "IS", "1");
  add_us (elements, 0x0028, 0x0002, samples);
  add_string (elements, 0x0028, 0x0004, "CS", photometric);
  if (samples == 3)
    add_us (elements, 0x0028, 0x0006, 0);
  if (spec->frames > 1)
    {
      g_autofree char *text = g_strdup_printf ("%u", frames);

      add_string (elements, 0x0028, 0x0008, "IS", text);
    }
  add_us (elements, 0x0028, 0x0010, spec->height);
  add_us (elements, 0x0028, 0x0011, spec->width);
  add_us (elements, 0x0028, 0x0100, spec->bits_allocated);
  add_us (elements, 0x0028, 0x0101, spec->bits_stored);
  add_us (elements, 0x0028, 0x0102, spec->bits_stored - 1);
  add_us (elements, 0x0028, 0x0103, spec->is_signed ? 1 : 0);
  for (const HilumFixtureElement *e = spec->extra; e != NULL && e->vr != NULL; e++)
    add_extra (elements, e);
  add_element (elements, 0x7fe0, 0x0010, spec->bits_allocated == 8 ? "OB" : "OW",
               spec->pixels, spec->pixels_size);

  g_byte_array_set_size (file, 128);
  memset (file->data, 0, 128);
  g_byte_array_append (file, (const guint8 *) "DICM", 4);
  put16 (file, 0x0002);
  put16 (file, 0x0000);
  g_byte_array_append (file, (const guint8 *) "UL", 2);
  put16 (file, 4);
  put32 (file, meta->len);
  g_byte_array_append (file, meta->data, meta->len);
  serialize (elements, file);

  return g_file_set_contents (path, (const char *) file->data, file->len, error);
}

/* ---- netpbm ---------------------------------------------------------------------- */

gboolean
hilum_fixture_write_pgm (const char    *path,
                         guint          width,
                         guint          height,
                         guint          maxval,
                         const guint16 *values,
                         GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("P5\n%u %u\n%u\n", width, height, maxval);
  gsize n = (gsize) width * height;

  g_byte_array_append (out, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < n; i++)
    {
      if (maxval > 255)
        {
          guint8 be[2] = { values[i] >> 8, values[i] & 0xff };

          g_byte_array_append (out, be, 2);
        }
      else
        {
          guint8 v = values[i];

          g_byte_array_append (out, &v, 1);
        }
    }
  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

gboolean
hilum_fixture_write_ppm (const char   *path,
                         guint         width,
                         guint         height,
                         const guint8 *rgb,
                         GError      **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("P6\n%u %u\n255\n", width, height);

  g_byte_array_append (out, (const guint8 *) header, strlen (header));
  g_byte_array_append (out, rgb, (gsize) width * height * 3);
  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

/* ---- the tools -------------------------------------------------------------------- */

gboolean
hilum_fixture_run (const char * const  *argv,
                   char               **standard_output,
                   GError             **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  g_autoptr(GError) local_error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s\n%s", command, local_error->message, err);
      return FALSE;
    }
  if (standard_output != NULL)
    *standard_output = g_steal_pointer (&out);
  return TRUE;
}

gboolean
hilum_fixture_gdcmimg (const char  *pgm,
                       const char  *dicom,
                       GError     **error)
{
  g_autofree char *raw = g_strconcat (dicom, ".gdcmimg", NULL);
  const char *make[] = { "gdcmimg", "-i", pgm, "-o", raw, NULL };
  const char *explicit[] = { "dcmconv", "+te", raw, dicom, NULL };

  if (!hilum_fixture_run (make, NULL, error) || !hilum_fixture_run (explicit, NULL, error))
    return FALSE;
  g_unlink (raw);
  return TRUE;
}

gboolean
hilum_fixture_modify (const char          *path,
                      const char * const  *assignments,
                      GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "dcmodify");
  g_ptr_array_add (argv, (gpointer) "-nb");
  for (guint i = 0; assignments[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (gpointer) "-i");
      g_ptr_array_add (argv, (gpointer) assignments[i]);
    }
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  return hilum_fixture_run ((const char * const *) argv->pdata, NULL, error);
}

const char *
hilum_fixture_syntax_uid (HilumFixtureSyntax syntax)
{
  switch (syntax)
    {
    case HILUM_FIXTURE_EXPLICIT_LE:     return "1.2.840.10008.1.2.1";
    case HILUM_FIXTURE_IMPLICIT_LE:     return "1.2.840.10008.1.2";
    case HILUM_FIXTURE_EXPLICIT_BE:     return "1.2.840.10008.1.2.2";
    case HILUM_FIXTURE_DEFLATE:         return "1.2.840.10008.1.2.1.99";
    case HILUM_FIXTURE_RLE:
    case HILUM_FIXTURE_RLE_GDCM:        return "1.2.840.10008.1.2.5";
    case HILUM_FIXTURE_JPEG_BASELINE:   return "1.2.840.10008.1.2.4.50";
    case HILUM_FIXTURE_JPEG_EXTENDED:   return "1.2.840.10008.1.2.4.51";
    case HILUM_FIXTURE_JPEG_LOSSLESS:   return "1.2.840.10008.1.2.4.70";
    case HILUM_FIXTURE_JPEG_LOSSLESS_14: return "1.2.840.10008.1.2.4.57";
    case HILUM_FIXTURE_JPEG_LS:
    case HILUM_FIXTURE_JPEG_LS_GDCM:    return "1.2.840.10008.1.2.4.80";
    case HILUM_FIXTURE_J2K:             return "1.2.840.10008.1.2.4.90";
    case HILUM_FIXTURE_J2K_LOSSY:       return "1.2.840.10008.1.2.4.91";
    default:
      g_assert_not_reached ();
    }
}

gboolean
hilum_fixture_transcode (const char          *in,
                         const char          *out,
                         HilumFixtureSyntax   syntax,
                         GError             **error)
{
  const char *argv[8] = { NULL };
  guint n = 0;

  switch (syntax)
    {
    case HILUM_FIXTURE_EXPLICIT_LE:
      argv[n++] = "dcmconv", argv[n++] = "+te";
      break;
    case HILUM_FIXTURE_IMPLICIT_LE:
      argv[n++] = "dcmconv", argv[n++] = "+ti";
      break;
    case HILUM_FIXTURE_EXPLICIT_BE:
      argv[n++] = "dcmconv", argv[n++] = "+tb";
      break;
    case HILUM_FIXTURE_DEFLATE:
      argv[n++] = "dcmconv", argv[n++] = "+td";
      break;
    case HILUM_FIXTURE_RLE:
      argv[n++] = "dcmcrle";
      break;
    case HILUM_FIXTURE_JPEG_BASELINE:
      argv[n++] = "dcmcjpeg", argv[n++] = "+eb";
      break;
    case HILUM_FIXTURE_JPEG_EXTENDED:
      argv[n++] = "dcmcjpeg", argv[n++] = "+ee";
      break;
    case HILUM_FIXTURE_JPEG_LOSSLESS:
      argv[n++] = "dcmcjpeg", argv[n++] = "+e1";
      break;
    case HILUM_FIXTURE_JPEG_LOSSLESS_14:
      argv[n++] = "dcmcjpeg", argv[n++] = "+el";
      break;
    case HILUM_FIXTURE_JPEG_LS:
      argv[n++] = "dcmcjpls", argv[n++] = "+el";
      break;
    case HILUM_FIXTURE_J2K:
      argv[n++] = "gdcmconv", argv[n++] = "--j2k";
      break;
    case HILUM_FIXTURE_J2K_LOSSY:
      /* -q is a PSNR in dB: 100 gives small but real errors (irreversible 9/7 wavelet).
       * (--rate makes this gdcmconv assert.) */
      argv[n++] = "gdcmconv", argv[n++] = "--j2k", argv[n++] = "--lossy";
      argv[n++] = "-q", argv[n++] = "100";
      break;
    case HILUM_FIXTURE_RLE_GDCM:
      argv[n++] = "gdcmconv", argv[n++] = "--rle";
      break;
    case HILUM_FIXTURE_JPEG_LS_GDCM:
      argv[n++] = "gdcmconv", argv[n++] = "--jpegls";
      break;
    default:
      g_assert_not_reached ();
    }
  argv[n++] = in;
  argv[n++] = out;
  return hilum_fixture_run (argv, NULL, error);
}

char *
hilum_fixture_dump_tag (const char *path,
                        const char *tag)
{
  const char *argv[] = { "dcmdump", "-q", "-Un", "-s", "+P", tag, path, NULL };
  g_autofree char *out = NULL;
  const char *open, *close;

  if (!hilum_fixture_run (argv, &out, NULL) || out == NULL)
    return NULL;
  /* "(0002,0010) UI [1.2.840.10008.1.2.4.80]  # 22, 1 TransferSyntaxUID" */
  open = strchr (out, '[');
  close = open ? strchr (open, ']') : NULL;
  if (open != NULL && close != NULL)
    return g_strndup (open + 1, close - open - 1);
  /* numbers: "(0028,0010) US 48    # 2, 1 Rows" */
  open = strchr (out, ')');
  if (open == NULL || strlen (open) < 5)
    return NULL;
  open += 5;
  close = strchr (open, '#');
  return g_strstrip (g_strndup (open, close ? close - open : (gssize) strlen (open)));
}

gboolean
hilum_fixture_truncate (const char  *in,
                        const char  *out,
                        double       fraction,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (in, &contents, &len, error))
    return FALSE;
  return g_file_set_contents (out, contents, (gssize) (len * fraction), error);
}

gboolean
hilum_fixture_write_gdcm_abort (const char  *path,
                                GError     **error)
{
  /* Three frames of pixels, announced only by the FrameIncrementPointer: GDCM's
   * Attribute<0028,0008> asserts on the missing NumberOfFrames. */
  static const HilumFixtureElement extra[] = {
    { 0x0028, 0x0009, "AT", "3004,000C" },
    { 0x3004, 0x000c, "DS", "0\\1\\2" },
    { 0, 0, NULL, NULL },
  };
  g_autofree guint16 *pixels = g_new0 (guint16, 8 * 8 * 3);
  HilumFixtureDicom spec = {
    .width = 8, .height = 8, .frames = 0,
    .bits_allocated = 16, .bits_stored = 16,
    .samples_per_pixel = 1,
    .sop_class_uid = "1.2.840.10008.5.1.4.1.1.481.2",
    .modality = "RTDOSE",
    .pixels = pixels, .pixels_size = 8 * 8 * 3 * 2,
    .extra = extra,
  };

  return hilum_fixture_write_dicom (path, &spec, error);
}

gboolean
hilum_fixture_cjpeg (const char  *netpbm,
                     const char  *jpeg,
                     guint        quality,
                     GError     **error)
{
  g_autofree char *q = g_strdup_printf ("%u", quality);
  const char *argv[] = { "cjpeg", "-quality", q, "-outfile", jpeg, netpbm, NULL };

  return hilum_fixture_run (argv, NULL, error);
}

HilumOperation *
hilum_fixture_operation (const char *json)
{
  g_autoptr(GError) error = NULL;
  HilumOperation *op = hilum_operation_new_from_string (json, &error);

  g_assert_no_error (error);
  return op;
}

HilumViewport *
hilum_fixture_viewport_new (guint  image_width,
                            guint  image_height,
                            double widget_width,
                            double widget_height)
{
  HilumViewport *viewport = hilum_viewport_new ();

  hilum_viewport_set_image_size (viewport, image_width, image_height);
  hilum_viewport_set_widget_size (viewport, widget_width, widget_height);
  return viewport;
}
