/* test-secondary-capture.c — PNG and JPEG wrapped as DICOM Secondary Capture for upload:
 * the same pixels, UIDs derived from the source ids, the same bytes every time, and an
 * object dciodvfy (dicom3tools) accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-secondary-capture.h"

#define W 61
#define H 47

static char *fixture_dir;

static char *
fixture_path (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

static HilumImage *
decode (const char *path)
{
  g_autoptr(GError) error = NULL;
  HilumImage *image = hilum_decode_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

/* Wraps @source_path, writes the DICOM next to it, decodes it back. */
static HilumImage *
wrap_and_decode (HilumImage *source,
                 const char *image_id,
                 char      **dicom_path)
{
  HilumSecondaryCaptureDesc desc = {
    .study_id = "216840111366964012558082906712009327122",
    .image_id = image_id,
    .patient_id = "pseudo-0042",
    .study_date = "20140513",
    .view_position = "PA",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = hilum_secondary_capture_build (source, &desc, &error);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *name = g_strconcat (image_id, ".dcm", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  /* Deterministic: the same inputs, the same bytes. */
  again = hilum_secondary_capture_build (source, &desc, &error);
  g_assert_true (g_bytes_equal (bytes, again));

  *dicom_path = fixture_path (name);
  g_assert_true (g_file_set_contents (*dicom_path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  return decode (*dicom_path);
}

static void
assert_same_gray (HilumImage *a,
                  HilumImage *b)
{
  const guint16 *pa = hilum_image_get_gray_frame (a, 0);
  const guint16 *pb = hilum_image_get_gray_frame (b, 0);

  g_assert_cmpuint (hilum_image_get_width (b), ==, hilum_image_get_width (a));
  g_assert_cmpuint (hilum_image_get_height (b), ==, hilum_image_get_height (a));
  g_assert_false (hilum_image_is_color (b));
  for (guint i = 0; i < hilum_image_get_width (a) * hilum_image_get_height (a); i++)
    g_assert_cmpfloat (hilum_image_index_to_value (b, pb[i]), ==, hilum_image_index_to_value (a, pa[i]));
}

static void
assert_tag (const char *path,
            const char *tag,
            const char *expected)
{
  g_autofree char *value = hilum_fixture_dump_tag (path, tag);

  g_assert_cmpstr (value, ==, expected);
}

/* dciodvfy checks the object against the Secondary Capture IOD: no "Error" lines. */
static void
assert_valid_iod (const char *path)
{
  const char *argv[] = { "dciodvfy", "-new", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (strstr (err, "Error") != NULL || strstr (out, "Error") != NULL)
    g_error ("dciodvfy finds errors in %s:\n%s%s", path, out, err);
}

static void
test_png16 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = fixture_path ("gray16.png");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 65535, 0, TRUE);
  g_autofree char *dicom = NULL;
  g_autofree char *study_uid = hilum_secondary_capture_study_uid ("216840111366964012558082906712009327122");
  g_autofree char *sop_uid = hilum_secondary_capture_sop_uid ("216840111366964012558082906712009327122", "img-16.png");
  g_autoptr(HilumImage) source = NULL;
  g_autoptr(HilumImage) wrapped = NULL;

  hilum_png_write_gray16 (png, W, H, values, &error);
  g_assert_no_error (error);
  source = decode (png);
  wrapped = wrap_and_decode (source, "img-16.png", &dicom);
  assert_same_gray (source, wrapped);

  assert_tag (dicom, "0008,0016", "1.2.840.10008.5.1.4.1.1.7");
  assert_tag (dicom, "0008,0064", "WSD");
  assert_tag (dicom, "0008,0060", "OT");
  assert_tag (dicom, "0010,0020", "pseudo-0042");
  assert_tag (dicom, "0018,5101", "PA");
  assert_tag (dicom, "0028,0101", "16");
  g_assert_cmpstr (hilum_image_get_string (wrapped, HILUM_IMAGE_STUDY_INSTANCE_UID), ==, study_uid);
  g_assert_cmpstr (hilum_image_get_string (wrapped, HILUM_IMAGE_SOP_INSTANCE_UID), ==, sop_uid);
  assert_valid_iod (dicom);
}

/* An 8-bit PNG goes in 16 bits with BitsStored 8; another image of the study shares the
 * study UID and has its own SOP Instance UID. */
static void
test_png8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = fixture_path ("gray8.png");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 255, 0, TRUE);
  g_autofree guint8 *bytes = g_new (guint8, W * H);
  g_autofree char *dicom = NULL;
  g_autoptr(HilumImage) source = NULL;
  g_autoptr(HilumImage) wrapped = NULL;
  g_autofree char *other_sop = hilum_secondary_capture_sop_uid ("216840111366964012558082906712009327122", "img-16.png");

  for (guint i = 0; i < W * H; i++)
    bytes[i] = values[i];
  hilum_png_write_gray8 (png, W, H, bytes, &error);
  g_assert_no_error (error);
  source = decode (png);
  wrapped = wrap_and_decode (source, "img-8.png", &dicom);
  assert_same_gray (source, wrapped);
  assert_tag (dicom, "0028,0101", "8");
  g_assert_cmpstr (hilum_image_get_string (wrapped, HILUM_IMAGE_SOP_INSTANCE_UID), !=, other_sop);
  assert_valid_iod (dicom);
}

/* A JPEG's decoded pixels go up exactly (no second lossy step). */
static void
test_jpeg_gray (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pgm = fixture_path ("src.pgm");
  g_autofree char *jpeg = fixture_path ("gray.jpg");
  g_autofree guint16 *values = hilum_fixture_pattern (W, H, 1, 255, 0, FALSE);
  g_autofree char *dicom = NULL;
  g_autoptr(HilumImage) source = NULL;
  g_autoptr(HilumImage) wrapped = NULL;

  g_assert_true (hilum_fixture_write_pgm (pgm, W, H, 255, values, &error));
  g_assert_true (hilum_fixture_cjpeg (pgm, jpeg, 90, &error));
  g_assert_no_error (error);
  source = decode (jpeg);
  wrapped = wrap_and_decode (source, "img.jpg", &dicom);
  assert_same_gray (source, wrapped);
  assert_valid_iod (dicom);
}

static void
test_rgb (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = fixture_path ("rgb.png");
  g_autofree guint8 *rgb = hilum_fixture_patches_rgb (W, H);
  g_autofree char *dicom = NULL;
  g_autoptr(HilumImage) source = NULL;
  g_autoptr(HilumImage) wrapped = NULL;

  hilum_png_write_rgb8 (png, W, H, rgb, &error);
  g_assert_no_error (error);
  source = decode (png);
  wrapped = wrap_and_decode (source, "rgb.png", &dicom);
  g_assert_true (hilum_image_is_color (wrapped));
  g_assert_cmpmem (hilum_image_get_rgb_frame (wrapped, 0), W * H * 3,
                   hilum_image_get_rgb_frame (source, 0), W * H * 3);
  assert_tag (dicom, "0028,0004", "RGB");
  assert_valid_iod (dicom);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_dir = g_dir_make_tmp ("hilum-sc-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/hilum/secondary-capture/png16", test_png16);
  g_test_add_func ("/hilum/secondary-capture/png8", test_png8);
  g_test_add_func ("/hilum/secondary-capture/jpeg-gray", test_jpeg_gray);
  g_test_add_func ("/hilum/secondary-capture/rgb", test_rgb);

  status = g_test_run ();
  hilum_fixture_dir_remove (fixture_dir);
  g_free (fixture_dir);
  return status;
}
