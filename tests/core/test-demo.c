/* test-demo.c — the built-in demo study and the DICOM writer behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-demo.h"
#include "hilum-dicom-writer.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-study.h"

static char *
run (const char * const *argv,
     char              **err_out)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, err_out, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err_out ? *err_out : "");
  return out;
}

static void
test_uid (void)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *uid = hilum_dicom_generate_uid ();
      const char *digits = uid + 5;

      g_assert_true (g_str_has_prefix (uid, "2.25."));
      g_assert_cmpuint (strlen (uid), <=, 64);
      g_assert_cmpuint (strspn (digits, "0123456789"), ==, strlen (digits));
      /* A number never starts with 0 (PS3.5 §9.1). */
      g_assert_true (digits[0] != '0' || digits[1] == '\0');
    }
}

static gboolean
contains (const guint8 *data,
          gsize         len,
          const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_writer_layout (void)
{
  guint16 pixels[6] = { 0, 1, 2, 4093, 4094, 4095 };
  HilumDicomImageDesc desc = {
    .patient_name = "Odd^Name",          /* 8: even */
    .patient_id = "ODD",                 /* 3: padded with a space */
    .view_position = "PA",
    .bits_stored = 12,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = hilum_dicom_build_image (&desc, 3, 2, pixels, &error);
  const guint8 *d;
  gsize len;
  guint32 group_length;

  g_assert_no_error (error);
  d = g_bytes_get_data (bytes, &len);
  /* Preamble and magic, then (0002,0000) UL whose value is the rest of group 2. */
  for (guint i = 0; i < 128; i++)
    g_assert_cmpuint (d[i], ==, 0);
  g_assert_cmpmem (d + 128, 4, "DICM", 4);
  g_assert_cmpmem (d + 132, 6, "\x02\x00\x00\x00UL", 6);
  group_length = d[140] | d[141] << 8 | d[142] << 16 | (guint32) d[143] << 24;
  /* The first data set element (0008,0005) starts right after group 2. */
  g_assert_cmpmem (d + 144 + group_length, 4, "\x08\x00\x05\x00", 4);
  g_assert_true (len % 2 == 0);
  /* Pixels are the last 12 bytes, little endian. */
  g_assert_cmpuint (d[len - 2] | d[len - 1] << 8, ==, 4095);
  g_assert_cmpmem (d + len - 12 - 12, 12, "\xe0\x7f\x10\x00OW\x00\x00\x0c\x00\x00\x00", 12);
  g_assert_true (contains (d, len, "ODD "));

  /* Nonsense is refused with a message. */
  g_clear_pointer (&bytes, g_bytes_unref);
  desc.study_instance_uid = "not a uid";
  bytes = hilum_dicom_build_image (&desc, 3, 2, pixels, &error);
  g_assert_null (bytes);
  g_assert_error (error, HILUM_DICOM_WRITER_ERROR, HILUM_DICOM_WRITER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a uid"));
}

/* Mean of a rectangle given in fractions of the image. */
static double
region_mean (const guint16 *pixels,
             guint          width,
             guint          height,
             double x0, double y0, double x1, double y1)
{
  double sum = 0;
  guint n = 0;

  for (guint y = y0 * height; y < y1 * height; y++)
    for (guint x = x0 * width; x < x1 * width; x++)
      {
        sum += pixels[y * width + x];
        n++;
      }
  return sum / n;
}

static void
test_render_anatomy (void)
{
  const guint w = 1000, h = 1200;
  g_autofree guint16 *pa = hilum_demo_render (HILUM_VIEW_FRONTAL, w, h);
  g_autofree guint16 *lat = hilum_demo_render (HILUM_VIEW_LATERAL, w, h);
  guint16 max = 0;
  double lung_r, lung_l, mediastinum, air, abdomen, retrosternal, heart_lat, spine_lat;

  for (guint i = 0; i < w * h; i++)
    max = MAX (max, MAX (pa[i], lat[i]));
  g_assert_cmpuint (max, <=, 4095);

  /* Frontal: lungs dark, mediastinum and abdomen bright, air outside darkest; the
   * heart lies more to the patient's left (the viewer's right). */
  lung_r = region_mean (pa, w, h, 0.22, 0.35, 0.32, 0.50);
  lung_l = region_mean (pa, w, h, 0.70, 0.30, 0.78, 0.45);
  mediastinum = region_mean (pa, w, h, 0.47, 0.40, 0.53, 0.55);
  abdomen = region_mean (pa, w, h, 0.35, 0.85, 0.65, 0.95);
  air = region_mean (pa, w, h, 0.0, 0.0, 0.03, 0.03);
  g_test_message ("PA: lungs %.0f %.0f, mediastinum %.0f, abdomen %.0f, air %.0f",
                  lung_r, lung_l, mediastinum, abdomen, air);
  g_assert_cmpfloat (lung_r + 800, <, mediastinum);
  g_assert_cmpfloat (lung_l + 800, <, mediastinum);
  g_assert_cmpfloat (lung_r + 800, <, abdomen);
  g_assert_cmpfloat (air + 300, <, lung_r);
  g_assert_cmpfloat (region_mean (pa, w, h, 0.66, 0.56, 0.70, 0.60), >,
                     region_mean (pa, w, h, 0.30, 0.56, 0.34, 0.60) + 500);

  /* Lateral: dark retrosternal space in front, heart low and in front, spine behind. */
  retrosternal = region_mean (lat, w, h, 0.34, 0.25, 0.38, 0.35);
  heart_lat = region_mean (lat, w, h, 0.40, 0.55, 0.46, 0.62);
  spine_lat = region_mean (lat, w, h, 0.70, 0.70, 0.72, 0.80);
  g_test_message ("lateral: retrosternal %.0f, heart %.0f, spine %.0f",
                  retrosternal, heart_lat, spine_lat);
  g_assert_cmpfloat (retrosternal + 300, <, heart_lat);
  g_assert_cmpfloat (retrosternal + 300, <, spine_lat);
}

static void
test_write_study (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hilum_fixture_dir_new ();
  g_autofree char *dir = g_build_filename (tmp, "new", "demo", NULL);
  g_autofree char *frontal = g_build_filename (dir, HILUM_DEMO_FRONTAL_FILE, NULL);
  g_autofree char *lateral = g_build_filename (dir, HILUM_DEMO_LATERAL_FILE, NULL);
  char *study_uid[2] = { NULL, NULL };
  gint64 start;

  start = g_get_monotonic_time ();
  g_assert_true (hilum_demo_write_study (dir, HILUM_DEMO_DEFAULT_WIDTH, HILUM_DEMO_DEFAULT_HEIGHT, &error));
  g_assert_no_error (error);
  g_printerr ("# demo study %u×%u (both views, written): %.0f ms\n", HILUM_DEMO_DEFAULT_WIDTH,
              HILUM_DEMO_DEFAULT_HEIGHT, (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? frontal : lateral;
      const char *dump_argv[] = { "dcmdump", "-q", "+L", path, NULL };
      g_autofree char *err = NULL;
      g_autofree char *dump = run (dump_argv, &err);
      g_autofree char *iod_err = NULL;
      g_autoptr(HilumImage) header = NULL;
      g_autoptr(HilumImage) image = NULL;
      g_autofree char *found = g_find_program_in_path ("dciodvfy");

      /* dcmdump reads it without a word of complaint, and says what we wrote. */
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (dump, "(0002,0010) UI =LittleEndianExplicit"));
      g_assert_nonnull (strstr (dump, "(0008,0016) UI =ComputedRadiographyImageStorage"));
      g_assert_nonnull (strstr (dump, "(0008,0060) CS [CR]"));
      g_assert_nonnull (strstr (dump, "(0010,0010) PN [Demo^Hilum]"));
      g_assert_nonnull (strstr (dump, "(0008,1030) LO [Chest X-ray (demo)]"));
      g_assert_nonnull (strstr (dump, i == 0 ? "(0018,5101) CS [PA]" : "(0018,5101) CS [LL]"));
      g_assert_nonnull (strstr (dump, i == 0 ? "(0020,0020) CS [L\\F]" : "(0020,0020) CS [P\\F]"));
      g_assert_nonnull (strstr (dump, "(0028,0030) DS [0.143\\0.143]"));
      g_assert_nonnull (strstr (dump, "(0028,0010) US 2400"));
      g_assert_nonnull (strstr (dump, "(0028,0011) US 2000"));
      g_assert_nonnull (strstr (dump, "(0028,0101) US 12"));
      g_assert_nonnull (strstr (dump, "(0028,0004) CS [MONOCHROME2]"));
      g_assert_nonnull (strstr (dump, "(7fe0,0010) OW"));

      /* The IOD checker of dicom3tools, where installed, finds nothing to report. */
      if (found != NULL)
        {
          const char *vfy_argv[] = { "dciodvfy", path, NULL };
          g_autofree char *out = run (vfy_argv, &iod_err);

          g_assert_null (strstr (iod_err, "Error"));
          g_assert_null (strstr (iod_err, "Warning"));
          g_assert_nonnull (strstr (iod_err, "CRImage"));
        }
      else
        g_test_message ("dciodvfy (dicom3tools) not installed: IOD check not run");

      /* Through Hilum's own decoder: views, sizes, one study. */
      header = hilum_decode_header (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (hilum_image_get_view (header), ==, i == 0 ? HILUM_VIEW_FRONTAL : HILUM_VIEW_LATERAL);
      g_assert_cmpuint (hilum_image_get_width (header), ==, 2000);
      g_assert_cmpuint (hilum_image_get_height (header), ==, 2400);
      study_uid[i] = g_strdup (hilum_image_get_string (header, HILUM_IMAGE_STUDY_INSTANCE_UID));
      g_assert_true (g_str_has_prefix (study_uid[i], "2.25."));

      image = hilum_decode_file (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hilum_image_get_n_windows (image), ==, 1);
      g_assert_cmpfloat (hilum_image_get_max_value (image), <=, 4095);
      g_assert_cmpfloat (hilum_image_get_min_value (image), >=, 0);
      {
        const guint16 *index = hilum_image_get_gray_frame (image, 0);
        g_autofree guint16 *values = g_new (guint16, 2000 * 2400);

        for (guint k = 0; k < 2000 * 2400; k++)
          values[k] = hilum_image_index_to_value (image, index[k]);
        if (i == 0)
          g_assert_cmpfloat (region_mean (values, 2000, 2400, 0.22, 0.35, 0.32, 0.50) + 800, <,
                             region_mean (values, 2000, 2400, 0.47, 0.40, 0.53, 0.55));
        else
          g_assert_cmpfloat (region_mean (values, 2000, 2400, 0.34, 0.25, 0.38, 0.35) + 300, <,
                             region_mean (values, 2000, 2400, 0.70, 0.70, 0.72, 0.80));
      }
    }
  g_assert_cmpstr (study_uid[0], ==, study_uid[1]);
  g_free (study_uid[1]);

  /* Scanned, the folder is one study titled by its description, both slots filled. */
  {
    const char *paths[] = { dir, NULL };
    g_autoptr(GPtrArray) studies = hilum_scan_paths (paths, NULL, NULL);
    HilumStudy *study;

    g_assert_cmpuint (studies->len, ==, 1);
    study = g_ptr_array_index (studies, 0);
    g_assert_cmpstr (hilum_study_get_id (study), ==, study_uid[0]);
    g_assert_true (g_str_has_prefix (hilum_study_get_title (study), "Chest X-ray (demo)"));
    g_assert_cmpstr (hilum_image_get_path (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL)), ==, frontal);
    g_assert_cmpstr (hilum_image_get_path (hilum_study_get_slot (study, HILUM_SLOT_LATERAL)), ==, lateral);
  }
  g_free (study_uid[0]);

  hilum_fixture_dir_remove (tmp);
}

static char *data_home;

static void
test_ensure (void)
{
  g_autoptr(GError) error = NULL;
  const char *tmp = data_home;
  g_autofree char *expected = g_build_filename (tmp, "hilum", "demo", NULL);
  g_autofree char *frontal = g_build_filename (expected, HILUM_DEMO_FRONTAL_FILE, NULL);
  g_autofree char *lateral = g_build_filename (expected, HILUM_DEMO_LATERAL_FILE, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  GStatBuf st1, st2;

  /* $XDG_DATA_HOME/hilum/demo by default. */
  first = hilum_demo_ensure (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, expected);
  g_assert_true (g_file_test (frontal, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (lateral, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (frontal, &st1), ==, 0);
  g_assert_cmpint (st1.st_size, >, 2000 * 2400 * 2);

  /* The second run finds it and writes nothing. */
  second = hilum_demo_ensure_in (tmp, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, expected);
  g_assert_cmpint (g_stat (frontal, &st2), ==, 0);
  g_assert_cmpint (st2.st_mtime, ==, st1.st_mtime);
  g_assert_cmpint (st2.st_ino, ==, st1.st_ino);

  /* Half a demo (one file lost) is written again, whole. */
  g_assert_cmpint (g_unlink (lateral), ==, 0);
  third = hilum_demo_ensure_in (tmp, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (lateral, G_FILE_TEST_IS_REGULAR));

  /* A folder that cannot be made is a clear error. */
  {
    g_autofree char *blocker = g_build_filename (tmp, "file", NULL);

    g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
    g_assert_false (hilum_demo_write_study (blocker, 64, 64, &error));
    g_assert_error (error, HILUM_DEMO_ERROR, HILUM_DEMO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, blocker));
  }
}

int
main (int   argc,
      char *argv[])
{
  data_home = hilum_fixture_data_home_new ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/demo/uid", test_uid);
  g_test_add_func ("/hilum/demo/writer-layout", test_writer_layout);
  g_test_add_func ("/hilum/demo/anatomy", test_render_anatomy);
  g_test_add_func ("/hilum/demo/write-study", test_write_study);
  g_test_add_func ("/hilum/demo/ensure", test_ensure);

  {
    int ret = g_test_run ();

    hilum_fixture_dir_remove (data_home);
    return ret;
  }
}
