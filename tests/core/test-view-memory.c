/* test-view-memory.c — the user's choice of views survives a restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-study.h"
#include "hilum-view-memory.h"

static char *data_home;

static HilumImage *
header_new (const char *path,
            const char *sop_uid,
            const char *view_position)
{
  HilumImage *image = hilum_image_new_gray (100, 120, 1, NULL, 1.0, 0.0);

  hilum_image_set_path (image, path);
  hilum_image_set_string (image, HILUM_IMAGE_SOP_INSTANCE_UID, sop_uid);
  hilum_image_set_string (image, HILUM_IMAGE_VIEW_POSITION, view_position);
  return image;
}

/* What a scan of the same files gives at every run: fresh objects, same keys. */
static HilumStudy *
open_study (const char *id)
{
  HilumStudy *study = hilum_study_new (id);
  g_autoptr(HilumImage) pa = header_new ("/data/s/pa.dcm", "1.2.3.1", "PA");
  g_autoptr(HilumImage) ll = header_new ("/data/s/ll.dcm", "1.2.3.2", "LL");
  g_autoptr(HilumImage) other = header_new ("/data/s/other.png", "", "");

  hilum_study_add_image (study, pa);
  hilum_study_add_image (study, ll);
  hilum_study_add_image (study, other);
  return study;
}

static const char *
slot_path (HilumStudy *study,
           HilumSlot   slot)
{
  HilumImage *image = hilum_study_get_slot (study, slot);

  return image != NULL ? hilum_image_get_path (image) : "(none)";
}

static void
test_image_key (void)
{
  g_autoptr(HilumImage) dicom = header_new ("/x/a.dcm", "1.2.840.5", "PA");
  g_autoptr(HilumImage) png = header_new ("/x/b.png", "", "");
  g_autofree char *k1 = hilum_view_memory_image_key (dicom);
  g_autofree char *k2 = hilum_view_memory_image_key (png);

  g_assert_cmpstr (k1, ==, "1.2.840.5");
  g_assert_cmpstr (k2, ==, "/x/b.png");
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (tmp, "deeper", "views.ini", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(HilumViewMemory) memory = hilum_view_memory_new (path);
  g_autoptr(HilumStudy) study = open_study ("1.2.3");
  g_autoptr(HilumStudy) untouched = open_study ("4.5.6");

  g_assert_no_error (error);
  g_assert_cmpstr (hilum_view_memory_get_path (memory), ==, path);

  /* Nothing chosen, nothing remembered, no file written. */
  g_assert_true (hilum_view_memory_remember (memory, untouched, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (hilum_view_memory_apply (memory, study));

  /* The user swaps the views and puts the PNG in the prior slot. */
  g_assert_cmpstr (slot_path (study, HILUM_SLOT_FRONTAL), ==, "/data/s/pa.dcm");
  hilum_study_swap_views (study);
  {
    g_autoptr(HilumImage) png = g_list_model_get_item (hilum_study_get_images (study), 2);

    hilum_study_set_slot (study, HILUM_SLOT_PRIOR_FRONTAL, png);
  }
  g_assert_true (hilum_view_memory_remember (memory, study, &error));
  g_assert_no_error (error);

  /* The file names the study and the images by UID, or path without one. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_test_message ("%s", contents);
  g_assert_nonnull (strstr (contents, "[1.2.3]"));
  g_assert_nonnull (strstr (contents, "frontal=1.2.3.2"));
  g_assert_nonnull (strstr (contents, "lateral=1.2.3.1"));
  g_assert_nonnull (strstr (contents, "prior-frontal=/data/s/other.png"));

  /* Next run: a new memory object, the study scanned again from the same files. */
  {
    g_autoptr(HilumViewMemory) memory2 = hilum_view_memory_new (path);
    g_autoptr(HilumStudy) reopened = open_study ("1.2.3");
    g_autoptr(HilumStudy) other = open_study ("4.5.6");

    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_FRONTAL), ==, "/data/s/pa.dcm");
    g_assert_true (hilum_view_memory_apply (memory2, reopened));
    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_FRONTAL), ==, "/data/s/ll.dcm");
    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_LATERAL), ==, "/data/s/pa.dcm");
    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_PRIOR_FRONTAL), ==, "/data/s/other.png");

    /* Another study keeps its automatic slots. */
    g_assert_false (hilum_view_memory_apply (memory2, other));
    g_assert_cmpstr (slot_path (other, HILUM_SLOT_FRONTAL), ==, "/data/s/pa.dcm");

    /* Swapping back is remembered too, and other studies' groups are kept. */
    hilum_study_swap_views (reopened);
    g_assert_true (hilum_view_memory_remember (memory2, reopened, &error));
  }
  {
    g_autoptr(HilumStudy) third = open_study ("1.2.3");

    hilum_study_swap_views (third);
    g_assert_true (hilum_view_memory_apply (memory, third));
    g_assert_cmpstr (slot_path (third, HILUM_SLOT_FRONTAL), ==, "/data/s/pa.dcm");
    g_assert_cmpstr (slot_path (third, HILUM_SLOT_LATERAL), ==, "/data/s/ll.dcm");
  }

  hilum_fixture_dir_remove (tmp);
}

static void
test_watch_and_odd_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (tmp, "views.ini", NULL);
  /* A folder study: its id is a path, with characters a group name may not hold. */
  const char *id = "/home/ana/Estudios [2024]/tórax";
  g_autoptr(HilumViewMemory) memory = hilum_view_memory_new (path);
  g_autoptr(HilumStudy) study = open_study (id);

  hilum_view_memory_watch (memory, study);
  /* Automatic assignment is not a choice: nothing written. */
  {
    g_autoptr(HilumImage) extra = hilum_image_new_gray (10, 10, 1, NULL, 1, 0);

    hilum_image_set_path (extra, "/data/s/extra.png");
    hilum_study_add_image (study, extra);
  }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  hilum_study_swap_views (study);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  {
    g_autoptr(HilumStudy) reopened = open_study (id);

    g_assert_true (hilum_view_memory_apply (memory, reopened));
    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_FRONTAL), ==, "/data/s/ll.dcm");
  }

  /* A damaged memory file is ignored, not fatal, and replaced on the next choice. */
  g_assert_true (g_file_set_contents (path, "[broken\n\x01", -1, NULL));
  {
    g_autoptr(HilumStudy) reopened = open_study (id);

    g_assert_false (hilum_view_memory_apply (memory, reopened));
    hilum_study_swap_views (reopened);
    g_assert_true (hilum_view_memory_remember (memory, reopened, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(HilumStudy) reopened = open_study (id);

    g_assert_true (hilum_view_memory_apply (memory, reopened));
    g_assert_cmpstr (slot_path (reopened, HILUM_SLOT_FRONTAL), ==, "/data/s/ll.dcm");
  }

  hilum_fixture_dir_remove (tmp);
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (data_home, "hilum", "views.ini", NULL);
  HilumViewMemory *memory = hilum_view_memory_get_default ();
  g_autoptr(HilumStudy) study = open_study ("7.7.7");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (hilum_view_memory_get_path (memory), ==, expected);
  g_assert_true (hilum_view_memory_get_default () == memory);

  hilum_study_swap_views (study);
  g_assert_true (hilum_view_memory_remember (memory, study, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* A prior the user picked from another folder: remembered by UID and file, read again
 * at the next run, kept while it is being read, forgotten when removed. */
static void
test_prior_elsewhere (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *ini = g_build_filename (dir, "views.ini", NULL);
  g_autofree char *prior_path = g_build_filename (dir, "old", "pa.dcm", NULL);
  g_autofree char *prior_dir = g_path_get_dirname (prior_path);
  g_autofree char *expected_line = g_strdup_printf ("prior-frontal-path=%s\n", prior_path);
  g_autoptr(HilumViewMemory) memory = hilum_view_memory_new (ini);
  g_autoptr(HilumStudy) study = open_study ("7.8.9");
  g_autoptr(HilumImage) prior = header_new (prior_path, "9.9.9.1", "PA");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (prior_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (prior_path, "DICM", -1, &error));

  hilum_view_memory_watch (memory, study);
  hilum_study_set_prior_image (study, prior);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_PRIOR_FRONTAL) == prior);
  g_assert_true (hilum_study_get_slot_user_set (study, HILUM_SLOT_PRIOR_FRONTAL));
  g_assert_true (g_file_get_contents (ini, &contents, NULL, &error));
  g_test_message ("%s", contents);
  g_assert_nonnull (strstr (contents, "prior-frontal=9.9.9.1\n"));
  g_assert_nonnull (strstr (contents, expected_line));
  g_clear_pointer (&contents, g_free);

  /* Next run: the study scanned again does not hold the prior; its file is named. */
  {
    g_autoptr(HilumViewMemory) memory2 = hilum_view_memory_new (ini);
    g_autoptr(HilumStudy) reopened = open_study ("7.8.9");
    g_autoptr(HilumImage) again = header_new (prior_path, "9.9.9.1", "PA");
    g_autofree char *missing = NULL;

    hilum_view_memory_apply (memory2, reopened);
    g_assert_null (hilum_study_get_slot (reopened, HILUM_SLOT_PRIOR_FRONTAL));
    missing = hilum_view_memory_get_missing_prior (memory2, reopened);
    g_assert_cmpstr (missing, ==, prior_path);

    /* A swap while its header is being read does not forget it. */
    hilum_view_memory_watch (memory2, reopened);
    hilum_study_swap_views (reopened);
    g_assert_true (g_file_get_contents (ini, &contents, NULL, &error));
    g_assert_nonnull (strstr (contents, "prior-frontal=9.9.9.1\n"));
    g_assert_nonnull (strstr (contents, expected_line));
    g_assert_nonnull (strstr (contents, "frontal=1.2.3.2\n"));
    g_clear_pointer (&contents, g_free);

    /* The header read, given back: shown, and no longer missing. */
    hilum_study_set_prior_image (reopened, again);
    g_assert_true (hilum_study_get_slot (reopened, HILUM_SLOT_PRIOR_FRONTAL) == again);
    g_assert_null (hilum_view_memory_get_missing_prior (memory2, reopened));

    /* Removed: remembered as an empty place; nothing to read at the next run. */
    hilum_study_set_slot (reopened, HILUM_SLOT_PRIOR_FRONTAL, NULL);
    g_assert_true (g_file_get_contents (ini, &contents, NULL, &error));
    g_assert_nonnull (strstr (contents, "prior-frontal=\n"));
    g_assert_null (strstr (contents, "prior-frontal-path"));
    g_clear_pointer (&contents, g_free);
  }
  {
    g_autoptr(HilumStudy) third = open_study ("7.8.9");

    g_assert_null (hilum_view_memory_get_missing_prior (memory, third));
    g_assert_true (hilum_view_memory_apply (memory, third));
    g_assert_null (hilum_study_get_slot (third, HILUM_SLOT_PRIOR_FRONTAL));
    g_assert_true (hilum_study_get_slot_user_set (third, HILUM_SLOT_PRIOR_FRONTAL));
  }

  /* Chosen again, then the file is deleted: nothing to read, no error. */
  hilum_study_set_prior_image (study, prior);
  g_assert_cmpint (g_unlink (prior_path), ==, 0);
  {
    g_autoptr(HilumStudy) fourth = open_study ("7.8.9");

    g_assert_null (hilum_view_memory_get_missing_prior (memory, fourth));
  }

  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  data_home = hilum_fixture_data_home_new ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/view-memory/image-key", test_image_key);
  g_test_add_func ("/hilum/view-memory/round-trip", test_round_trip);
  g_test_add_func ("/hilum/view-memory/watch", test_watch_and_odd_ids);
  g_test_add_func ("/hilum/view-memory/default-path", test_default_path);
  g_test_add_func ("/hilum/view-memory/prior-elsewhere", test_prior_elsewhere);

  {
    int ret = g_test_run ();

    hilum_fixture_dir_remove (data_home);
    return ret;
  }
}
