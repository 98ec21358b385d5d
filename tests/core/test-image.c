/* test-image.c — HilumImage, and smoke tests of the hilum-decode helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exhaustive matrix of formats lives in test-decode.c; here: the compact pixel
 * representation and a real DICOM and PNG through the helper.
 */
#include <glib/gstdio.h>
#include <png.h>
#include <string.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"

/* --- HilumImage ---------------------------------------------------------------- */

static void
test_gray (void)
{
  /* Two frames of 3 × 2; indices 0…9, modality value = index × 2 − 100. */
  static const guint16 pixels[12] = { 4, 5, 6, 7, 8, 9,   0, 1, 1, 2, 3, 3 };
  g_autoptr(HilumImage) image = hilum_image_new_gray (3, 2, 2, g_memdup2 (pixels, sizeof pixels),
                                                      2.0, -100.0);
  const guint16 *frame;
  const guint32 *hist;

  g_assert_cmpuint (hilum_image_get_width (image), ==, 3);
  g_assert_cmpuint (hilum_image_get_height (image), ==, 2);
  g_assert_cmpuint (hilum_image_get_n_frames (image), ==, 2);
  g_assert_false (hilum_image_is_color (image));
  g_assert_null (hilum_image_get_rgb_frame (image, 0));

  frame = hilum_image_get_gray_frame (image, 1);
  g_assert_cmpuint (frame[0], ==, 0);
  g_assert_cmpuint (frame[5], ==, 3);
  g_assert_cmpfloat (hilum_image_get_value_scale (image), ==, 2.0);
  g_assert_cmpfloat (hilum_image_get_value_offset (image), ==, -100.0);
  g_assert_cmpfloat (hilum_image_index_to_value (image, 7), ==, -86.0);

  /* Indices over all frames; values of the first frame only. */
  g_assert_cmpuint (hilum_image_get_index_count (image), ==, 10);
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, -92.0);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, -82.0);

  hist = hilum_image_get_histogram (image, 1);
  g_assert_cmpuint (hist[0], ==, 1);
  g_assert_cmpuint (hist[1], ==, 2);
  g_assert_cmpuint (hist[2], ==, 1);
  g_assert_cmpuint (hist[3], ==, 2);
  g_assert_cmpuint (hist[9], ==, 0);
  /* Computed once. */
  g_assert_true (hist == hilum_image_get_histogram (image, 1));
  hist = hilum_image_get_histogram (image, 0);
  g_assert_cmpuint (hist[0], ==, 0);
  g_assert_cmpuint (hist[9], ==, 1);
}

static void
test_negative_slope (void)
{
  static const guint16 pixels[4] = { 0, 10, 20, 30 };
  g_autoptr(HilumImage) image = hilum_image_new_gray (2, 2, 1, g_memdup2 (pixels, sizeof pixels),
                                                      -1.5, 100.0);

  /* Index 30 is the lowest value once the slope is negative. */
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, 55.0);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, 100.0);
}

static void
test_rgb (void)
{
  static const guint8 pixels[12] = { 10, 20, 30,  40, 50, 60,  70, 80, 90,  200, 250, 10 };
  g_autoptr(HilumImage) image = hilum_image_new_rgb (2, 2, 1, g_memdup2 (pixels, sizeof pixels));
  const guint32 *hist;

  g_assert_true (hilum_image_is_color (image));
  g_assert_null (hilum_image_get_gray_frame (image, 0));
  g_assert_cmpuint (hilum_image_get_rgb_frame (image, 0)[10], ==, 250);
  g_assert_cmpuint (hilum_image_get_index_count (image), ==, 256);
  g_assert_cmpfloat (hilum_image_get_value_scale (image), ==, 1.0);
  g_assert_cmpfloat (hilum_image_get_value_offset (image), ==, 0.0);
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, 10.0);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, 250.0);
  g_assert_cmpuint (hilum_image_get_info (image)->samples_per_pixel, ==, 3);

  hist = hilum_image_get_histogram (image, 0);
  g_assert_cmpuint (hist[10], ==, 2);
  g_assert_cmpuint (hist[250], ==, 1);
  g_assert_cmpuint (hist[0], ==, 0);
}

static void
test_metadata (void)
{
  g_autoptr(HilumImage) image = hilum_image_new_gray (4, 3, 1, g_new0 (guint16, 12), 1.0, 0.0);
  HilumImageInfo info;
  double center, width;

  /* Defaults: empty strings, slope 1, no windows. */
  g_assert_cmpstr (hilum_image_get_path (image), ==, "");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "");
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_slope, ==, 1.0);
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_intercept, ==, 0.0);
  g_assert_false (hilum_image_get_info (image)->has_pixel_spacing);
  g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 0);
  g_assert_false (hilum_image_get_inverted_display (image));

  hilum_image_set_path (image, "/data/chest.dcm");
  hilum_image_set_string (image, HILUM_IMAGE_MODALITY, "CR");
  hilum_image_set_string (image, HILUM_IMAGE_PATIENT_NAME, "Muñoz^José");
  g_assert_cmpstr (hilum_image_get_path (image), ==, "/data/chest.dcm");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "CR");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PATIENT_NAME), ==, "Muñoz^José");
  hilum_image_set_string (image, HILUM_IMAGE_MODALITY, NULL);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "");

  info = *hilum_image_get_info (image);
  info.bits_stored = 12;
  info.rescale_slope = 0.5;
  info.inverted_display = TRUE;
  info.has_pixel_spacing = TRUE;
  info.pixel_spacing[0] = 0.139;
  info.pixel_spacing[1] = 0.14;
  info.voi_function = HILUM_VOI_SIGMOID;
  hilum_image_set_info (image, &info);
  g_assert_cmpuint (hilum_image_get_info (image)->bits_stored, ==, 12);
  g_assert_cmpfloat (hilum_image_get_info (image)->pixel_spacing[1], ==, 0.14);
  g_assert_cmpint (hilum_image_get_info (image)->voi_function, ==, HILUM_VOI_SIGMOID);
  g_assert_true (hilum_image_get_inverted_display (image));

  hilum_image_add_window (image, 40, 400);
  hilum_image_add_window (image, -600, 1500);
  g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 2);
  hilum_image_get_window (image, 1, &center, &width);
  g_assert_cmpfloat (center, ==, -600);
  g_assert_cmpfloat (width, ==, 1500);
}

static void
test_header_only (void)
{
  g_autoptr(HilumImage) image = hilum_image_new_gray (3000, 2500, 1, NULL, 1.0, -1024.0);

  g_assert_cmpuint (hilum_image_get_width (image), ==, 3000);
  g_assert_null (hilum_image_get_gray_frame (image, 0));
  g_assert_null (hilum_image_get_histogram (image, 0));
  g_assert_cmpuint (hilum_image_get_index_count (image), ==, 1);
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, -1024.0);
}

/* --- fixtures ------------------------------------------------------------------ */

static char *tmpdir;

static void
run_tool (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first, err);
}

/* A 12-bit CR: value(x, y) = (x × 37 + y × 53) mod 4096 stored, as CT-like rescale. */
static guint
pattern (guint x,
         guint y)
{
  return (x * 37 + y * 53) % 4096;
}

static guint
pattern_min (guint width,
             guint height)
{
  guint v = G_MAXUINT;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      v = MIN (v, pattern (x, y));
  return v;
}

static guint
pattern_max (guint width,
             guint height)
{
  guint v = 0;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      v = MAX (v, pattern (x, y));
  return v;
}

static char *
make_dicom (const char *name,
            guint       width,
            guint       height)
{
  g_autofree char *pgm = g_build_filename (tmpdir, "in.pgm", NULL);
  g_autofree char *raw = g_build_filename (tmpdir, "gdcmimg.dcm", NULL);
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GString) data = g_string_new (NULL);

  g_string_printf (data, "P5\n%u %u\n4095\n", width, height);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint v = pattern (x, y);
        g_string_append_c (data, v >> 8);
        g_string_append_c (data, v & 0xff);
      }
  g_assert_true (g_file_set_contents (pgm, data->str, data->len, NULL));

  /* gdcmimg writes a GE private syntax: dcmconv makes it Explicit VR Little Endian. */
  run_tool ("gdcmimg", pgm, raw, NULL);
  run_tool ("dcmconv", "+te", raw, path, NULL);
  run_tool ("dcmodify", "-nb", "-i", "(0008,0060)=CR", "-i", "(0018,5101)=PA",
            "-i", "(0028,1052)=-1024", "-i", "(0028,1053)=0.5",
            "-i", "(0028,1050)=1000\\300", "-i", "(0028,1051)=2000\\600",
            "-i", "(0028,0030)=0.139\\0.14", "-i", "(0010,0010)=Doe^Jane", path, NULL);

  return path;
}

static char *
make_png16 (const char *name,
            guint       width,
            guint       height)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  FILE *file = g_fopen (path, "wb");
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  g_autofree guint8 *row = g_new (guint8, width * 2);

  g_assert_nonnull (file);
  png_init_io (png, file);
  png_set_IHDR (png, info, width, height, 16, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  for (guint y = 0; y < height; y++)
    {
      for (guint x = 0; x < width; x++)
        {
          guint v = 1000 + x * 300 + y * 7;  /* up to ~30,000: needs 16 bits */
          row[2 * x] = v >> 8;
          row[2 * x + 1] = v & 0xff;
        }
      png_write_row (png, row);
    }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  fclose (file);

  return path;
}

static char *
truncated_copy (const char *path,
                const char *name,
                gsize       cut)
{
  g_autofree char *contents = NULL;
  char *out = g_build_filename (tmpdir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (out, contents, length - cut, NULL));
  return out;
}

/* --- the helper ---------------------------------------------------------------- */

static void
assert_dicom_pixels (HilumImage *image,
                     guint       width,
                     guint       height)
{
  const guint16 *pixels = hilum_image_get_gray_frame (image, 0);

  g_assert_nonnull (pixels);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      g_assert_cmpfloat (hilum_image_index_to_value (image, pixels[y * width + x]), ==,
                         pattern (x, y) * 0.5 - 1024);
}

static void
test_decode_dicom (void)
{
  g_autofree char *path = make_dicom ("chest.dcm", 64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);
  const HilumImageInfo *info;
  double center, width;

  g_assert_no_error (error);
  g_assert_cmpuint (hilum_image_get_width (image), ==, 64);
  g_assert_cmpuint (hilum_image_get_height (image), ==, 48);
  g_assert_cmpuint (hilum_image_get_n_frames (image), ==, 1);
  assert_dicom_pixels (image, 64, 48);
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, pattern_min (64, 48) * 0.5 - 1024);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, pattern_max (64, 48) * 0.5 - 1024);

  info = hilum_image_get_info (image);
  g_assert_cmpuint (info->bits_allocated, ==, 16);
  g_assert_cmpuint (info->bits_stored, ==, 12);
  g_assert_cmpfloat (info->rescale_slope, ==, 0.5);
  g_assert_cmpfloat (info->rescale_intercept, ==, -1024);
  g_assert_true (info->has_pixel_spacing);
  g_assert_cmpfloat (info->pixel_spacing[0], ==, 0.139);
  g_assert_false (info->inverted_display);
  g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 2);
  hilum_image_get_window (image, 1, &center, &width);
  g_assert_cmpfloat (center, ==, 300);
  g_assert_cmpfloat (width, ==, 600);

  g_assert_cmpstr (hilum_image_get_path (image), ==, path);
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "CR");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PATIENT_NAME), ==, "Doe^Jane");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_PHOTOMETRIC), ==, "MONOCHROME2");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_TRANSFER_SYNTAX), ==, "1.2.840.10008.1.2.1");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_VIEW_POSITION), ==, "PA");
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_SERIES_DESCRIPTION), ==, "");
}

/* Helpers started ahead of time and fresh ones give the same image. */
static void
test_decode_spares (void)
{
  g_autofree char *path = make_dicom ("spares.dcm", 64, 48);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HilumImage) image = NULL;

      g_setenv ("HILUM_DECODE_SPARES", i % 2 == 0 ? "0" : "1", TRUE);
      image = hilum_decode_file (path, NULL, &error);
      g_assert_no_error (error);
      assert_dicom_pixels (image, 64, 48);
    }
  g_unsetenv ("HILUM_DECODE_SPARES");
}

static void
test_decode_header (void)
{
  g_autofree char *path = make_dicom ("header.dcm", 40, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_header (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hilum_image_get_width (image), ==, 40);
  g_assert_cmpuint (hilum_image_get_height (image), ==, 30);
  g_assert_null (hilum_image_get_gray_frame (image, 0));
  g_assert_cmpstr (hilum_image_get_string (image, HILUM_IMAGE_MODALITY), ==, "CR");
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_slope, ==, 0.5);
}

static void
test_decode_png16 (void)
{
  g_autofree char *path = make_png16 ("padchest.png", 50, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);
  const guint16 *pixels;

  g_assert_no_error (error);
  g_assert_false (hilum_image_is_color (image));
  g_assert_cmpuint (hilum_image_get_info (image)->bits_stored, ==, 16);
  pixels = hilum_image_get_gray_frame (image, 0);
  for (guint y = 0; y < 20; y++)
    for (guint x = 0; x < 50; x++)
      g_assert_cmpfloat (hilum_image_index_to_value (image, pixels[y * 50 + x]), ==,
                         1000 + x * 300 + y * 7);
  /* A PNG's value range is what it stores. */
  g_assert_cmpfloat (hilum_image_get_min_value (image), ==, 1000);
  g_assert_cmpfloat (hilum_image_get_max_value (image), ==, 1000 + 49 * 300 + 19 * 7);
  g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 0);
}

/* A Modality LUT Sequence (PS3.3 C.11.1) instead of rescale: 256 entries from stored
 * value 1000, entry i = 3i + 7; stored values outside clamp to the ends. */
static void
test_decode_modality_lut (void)
{
  g_autofree char *path = make_dicom ("lut.dcm", 64, 48);
  g_autoptr(GString) data = g_string_new ("(0028,3000)[0].(0028,3006)=");
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;
  const guint16 *pixels;

  /* dcmodify reads OW values as hexadecimal. */
  for (guint i = 0; i < 256; i++)
    g_string_append_printf (data, i == 0 ? "%04x" : "\\%04x", 3 * i + 7);
  run_tool ("dcmodify", "-nb", "-e", "(0028,1052)", "-e", "(0028,1053)",
            "-i", "(0028,3000)[0].(0028,3002)=256\\1000\\16", "-i", data->str, path, NULL);

  image = hilum_decode_file (path, NULL, &error);
  g_assert_no_error (error);
  pixels = hilum_image_get_gray_frame (image, 0);
  for (guint y = 0; y < 48; y++)
    for (guint x = 0; x < 64; x++)
      {
        int i = CLAMP ((int) pattern (x, y) - 1000, 0, 255);

        g_assert_cmpfloat (hilum_image_index_to_value (image, pixels[y * 64 + x]), ==, 3 * i + 7);
      }
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_slope, ==, 1.0);
  g_assert_cmpfloat (hilum_image_get_info (image)->rescale_intercept, ==, 0.0);
}

static void
assert_decode_error (const char *path,
                     int         code,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = hilum_decode_file (path, NULL, &error);

  g_assert_null (image);
  g_assert_error (error, HILUM_DECODE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_decode_errors (void)
{
  g_autofree char *dicom = make_dicom ("whole.dcm", 64, 48);
  g_autofree char *png = make_png16 ("whole.png", 50, 20);
  g_autofree char *cut_dicom = truncated_copy (dicom, "chest.dcm", 1000);
  g_autofree char *cut_png = truncated_copy (png, "scan.png", 30);
  g_autofree char *text = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.dcm", NULL);

  g_assert_true (g_file_set_contents (text, "Findings: none.\n", -1, NULL));

  assert_decode_error (cut_dicom, HILUM_DECODE_ERROR_DAMAGED,
                       "“chest.dcm” is damaged: the image data is incomplete "
                       "(the file was probably truncated).");
  assert_decode_error (cut_png, HILUM_DECODE_ERROR_DAMAGED,
                       "“scan.png” is damaged: the image data is incomplete "
                       "(the file was probably truncated).");
  assert_decode_error (text, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                       "“notes.txt” is not an image Hilum can open: it is neither DICOM, "
                       "PNG nor JPEG.");
  assert_decode_error (missing, HILUM_DECODE_ERROR_NOT_FOUND,
                       "“missing.dcm” could not be opened: the file does not exist.");
}

static void
test_decode_no_image (void)
{
  g_autofree char *dicom = make_dicom ("disc.dcm", 8, 8);
  g_autofree char *dir = g_build_filename (tmpdir, "disc", NULL);
  g_autofree char *image = g_build_filename (dir, "IMG1", NULL);
  g_autofree char *dicomdir = g_build_filename (dir, "DICOMDIR", NULL);
  g_autofree char *report = g_build_filename (tmpdir, "report.dcm", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (dicom, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (image, contents, length, NULL));
  run_tool ("dcmmkdir", "--general-purpose", "+I", "+id", dir, "+D", dicomdir, "IMG1", NULL);
  assert_decode_error (dicomdir, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                       "“DICOMDIR” contains no image: it is the index of a DICOM disc or folder. "
                       "Open the folder instead.");

  /* The same file without its Pixel Data, like a structured report. */
  run_tool ("dcmodify", "-nb", "-e", "(7fe0,0010)", dicom, NULL);
  g_assert_true (g_rename (dicom, report) == 0);
  assert_decode_error (report, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                       "“report.dcm” contains no image: it is a DICOM file without pixel data "
                       "(for example a report or a structured document).");
}

/* A helper that dies like GDCM on a failed assert(), or hangs. */
static void
test_decode_crash (void)
{
  g_autofree char *dicom = make_dicom ("x.dcm", 8, 8);
  g_autofree char *abort_script = g_build_filename (tmpdir, "abort.sh", NULL);
  g_autofree char *hang_script = g_build_filename (tmpdir, "hang.sh", NULL);
  g_autofree char *saved = g_strdup (hilum_decoder_get_helper_path ());

  g_assert_true (g_file_set_contents (abort_script, "#!/bin/sh\nkill -ABRT $$\n", -1, NULL));
  g_assert_true (g_file_set_contents (hang_script, "#!/bin/sh\nexec sleep 30\n", -1, NULL));
  g_chmod (abort_script, 0755);
  g_chmod (hang_script, 0755);

  g_setenv ("HILUM_DECODE", abort_script, TRUE);
  assert_decode_error (dicom, HILUM_DECODE_ERROR_CRASHED,
                       "“x.dcm” could not be read: the decoder stopped unexpectedly "
                       "(the file is probably malformed).");

  /* No helpers waiting for later: they would sleep on after the test. */
  g_setenv ("HILUM_DECODE_SPARES", "0", TRUE);
  g_setenv ("HILUM_DECODE", hang_script, TRUE);
  g_setenv ("HILUM_DECODE_TIMEOUT", "1", TRUE);
  assert_decode_error (dicom, HILUM_DECODE_ERROR_CRASHED,
                       "“x.dcm” could not be read: decoding took more than a minute and was "
                       "stopped (the file is probably malformed).");
  g_unsetenv ("HILUM_DECODE_TIMEOUT");
  g_unsetenv ("HILUM_DECODE_SPARES");

  /* No helper at all, or the light helper without its GDCM half next to it. */
  {
    g_autofree char *lonely = g_build_filename (tmpdir, "hilum-decode", NULL);
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(GError) error = NULL;
    g_autoptr(HilumImage) image = NULL;

    g_setenv ("HILUM_DECODE", "/nonexistent/hilum-decode", TRUE);
    image = hilum_decode_file (dicom, NULL, &error);
    g_assert_error (error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED);
    g_assert_true (g_str_has_prefix (error->message, "“x.dcm” could not be read: Hilum’s image "
                                     "decoder could not be started ("));
    g_clear_error (&error);

    g_assert_true (g_file_get_contents (saved, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (lonely, contents, length, NULL));
    g_chmod (lonely, 0755);
    g_setenv ("HILUM_DECODE", lonely, TRUE);
    image = hilum_decode_file (dicom, NULL, &error);
    g_assert_error (error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED);
    g_assert_true (g_str_has_prefix (error->message, "“x.dcm” could not be read: Hilum’s image "
                                     "decoder could not be started ("));
    g_assert_nonnull (strstr (error->message, "hilum-decode-dicom"));
  }

  g_setenv ("HILUM_DECODE", saved, TRUE);
}

typedef struct
{
  guint pending;
  HilumImage *images[2];
  GError *errors[2];
} AsyncState;

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  for (guint i = 0; i < 2; i++)
    if (state->images[i] == NULL && state->errors[i] == NULL)
      {
        state->images[i] = hilum_decode_file_finish (result, &state->errors[i]);
        break;
      }
  state->pending--;
}

static void
test_decode_async (void)
{
  g_autofree char *dicom = make_dicom ("frontal.dcm", 64, 48);
  g_autofree char *png = make_png16 ("lateral.png", 50, 20);
  AsyncState state = { 2, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint gray_dicom = 0;

  /* Both at once, as opening a study does. */
  hilum_decode_file_async (dicom, NULL, decoded_cb, &state);
  hilum_decode_file_async (png, NULL, decoded_cb, &state);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_no_error (state.errors[i]);
      if (hilum_image_get_width (state.images[i]) == 64)
        {
          assert_dicom_pixels (state.images[i], 64, 48);
          gray_dicom++;
        }
      else
        g_assert_cmpuint (hilum_image_get_width (state.images[i]), ==, 50);
      g_clear_object (&state.images[i]);
    }
  g_assert_cmpuint (gray_dicom, ==, 1);

  /* Cancelled before it starts: the error says so. */
  state.pending = 1;
  g_cancellable_cancel (cancellable);
  hilum_decode_file_async (dicom, cancellable, decoded_cb, &state);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (state.images[0]);
  g_assert_error (state.errors[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.errors[0]);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Cancelling a running decode stops the helper at once. */
static void
test_decode_cancel (void)
{
  g_autofree char *dicom = make_dicom ("slow.dcm", 8, 8);
  g_autofree char *hang_script = g_build_filename (tmpdir, "hang-cancel.sh", NULL);
  g_autofree char *saved = g_strdup (hilum_decoder_get_helper_path ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 1, };
  gint64 start;

  g_assert_true (g_file_set_contents (hang_script, "#!/bin/sh\nexec sleep 30\n", -1, NULL));
  g_chmod (hang_script, 0755);
  g_setenv ("HILUM_DECODE_SPARES", "0", TRUE);
  g_setenv ("HILUM_DECODE", hang_script, TRUE);

  start = g_get_monotonic_time ();
  hilum_decode_file_async (dicom, cancellable, decoded_cb, &state);
  g_timeout_add (100, cancel_cb, cancellable);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (state.images[0]);
  g_assert_error (state.errors[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.errors[0]);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_unsetenv ("HILUM_DECODE_SPARES");
  g_setenv ("HILUM_DECODE", saved, TRUE);
}

static void
test_helper_path (void)
{
  g_autofree char *saved = g_strdup (hilum_decoder_get_helper_path ());

  g_setenv ("HILUM_DECODE", "/opt/hilum/hilum-decode", TRUE);
  g_assert_cmpstr (hilum_decoder_get_helper_path (), ==, "/opt/hilum/hilum-decode");
  g_unsetenv ("HILUM_DECODE");
  g_assert_true (g_str_has_suffix (hilum_decoder_get_helper_path (), "hilum-decode"));
  g_setenv ("HILUM_DECODE", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = hilum_fixture_dir_new ();

  g_test_add_func ("/hilum/image/gray", test_gray);
  g_test_add_func ("/hilum/image/negative-slope", test_negative_slope);
  g_test_add_func ("/hilum/image/rgb", test_rgb);
  g_test_add_func ("/hilum/image/metadata", test_metadata);
  g_test_add_func ("/hilum/image/header-only", test_header_only);
  g_test_add_func ("/hilum/image/decode-dicom", test_decode_dicom);
  g_test_add_func ("/hilum/image/decode-header", test_decode_header);
  g_test_add_func ("/hilum/image/decode-spares", test_decode_spares);
  g_test_add_func ("/hilum/image/decode-png16", test_decode_png16);
  g_test_add_func ("/hilum/image/decode-modality-lut", test_decode_modality_lut);
  g_test_add_func ("/hilum/image/decode-errors", test_decode_errors);
  g_test_add_func ("/hilum/image/decode-no-image", test_decode_no_image);
  g_test_add_func ("/hilum/image/decode-crash", test_decode_crash);
  g_test_add_func ("/hilum/image/decode-async", test_decode_async);
  g_test_add_func ("/hilum/image/decode-cancel", test_decode_cancel);
  g_test_add_func ("/hilum/image/helper-path", test_helper_path);

  status = g_test_run ();

  hilum_fixture_dir_remove (tmpdir);
  g_free (tmpdir);

  return status;
}
