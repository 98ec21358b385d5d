/* test-study-view.c — the study view in a real window: which image shows where,
 * errors, swapping, linking and the pixels a window change puts on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Studies are written by hilum_demo_write_study (two small DICOM files), scanned with
 * hilum_scan_paths and decoded by the real hilum-decode helper.
 */
#include <math.h>

#include <adwaita.h>

#include "hilum-image.h"
#include "hilum-image-slot.h"
#include "hilum-study-view.h"
#include "hilum-view-memory.h"
#include "hilum-viewport.h"

#include "hilum-ui-test.h"

static char *test_root;

typedef struct
{
  GtkWidget      *window;
  HilumStudyView *view;
  GPtrArray      *studies;
  char           *dir;
  guint           n_failed;
  char           *failed_path;
  char           *failed_message;
} Fixture;

static GPtrArray *
scan (const char *dir)
{
  const char *paths[] = { dir, NULL };
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *studies = hilum_scan_paths (paths, failures, NULL);

  g_assert_nonnull (studies);
  g_assert_cmpuint (studies->len, ==, 1);
  return studies;
}

static void
image_failed_cb (HilumStudyView *view,
                 const char     *path,
                 const char     *message,
                 Fixture        *f)
{
  f->n_failed++;
  g_free (f->failed_path);
  f->failed_path = g_strdup (path);
  g_free (f->failed_message);
  f->failed_message = g_strdup (message);
}

static gboolean
not_loading (gpointer data)
{
  return !hilum_study_view_get_loading (data);
}

static void
show_study (Fixture    *f,
            HilumStudy *study)
{
  hilum_study_view_set_study (f->view, study);
  g_assert_true (hilum_test_wait_until (not_loading, f->view, 60000));
  hilum_test_iterate_for (50);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("study-%u", ++counter);

  f->dir = hilum_test_make_study (test_root, name);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  f->view = HILUM_STUDY_VIEW (hilum_study_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  g_signal_connect (f->view, "image-failed", G_CALLBACK (image_failed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  hilum_test_iterate_for (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  HilumStudyView *view = f->view;

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *)&view);
  hilum_study_view_set_study (f->view, NULL);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_assert_null (view);

  g_clear_pointer (&f->studies, g_ptr_array_unref);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->failed_path, g_free);
  g_clear_pointer (&f->failed_message, g_free);
}

/* The header (from the scan) of the file @basename in @study. */
static HilumImage *
find_header (HilumStudy *study,
             const char *basename)
{
  GListModel *images = hilum_study_get_images (study);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HilumImage) image = g_list_model_get_item (images, i);
      g_autofree char *name = g_path_get_basename (hilum_image_get_path (image));

      if (g_str_equal (name, basename))
        return image;   /* the study keeps it alive */
    }
  g_assert_not_reached ();
}

/* What the slot shows: the decoded image of @basename, with the same SOP UID and view. */
static void
assert_slot_shows (Fixture    *f,
                   HilumStudy *study,
                   HilumSlot   slot,
                   const char *basename,
                   HilumView   expected_view)
{
  HilumImageSlot *widget = hilum_study_view_get_slot (f->view, slot);
  HilumImage *shown = hilum_image_view_get_image (hilum_study_view_get_view (f->view, slot));
  HilumImage *header = find_header (study, basename);
  g_autofree char *shown_name = NULL;

  g_assert_cmpint (hilum_image_slot_get_state (widget), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_nonnull (shown);
  shown_name = g_path_get_basename (hilum_image_slot_get_path (widget));
  g_assert_cmpstr (shown_name, ==, basename);
  g_assert_cmpstr (hilum_image_get_string (shown, HILUM_IMAGE_SOP_INSTANCE_UID), !=, "");
  g_assert_cmpstr (hilum_image_get_string (shown, HILUM_IMAGE_SOP_INSTANCE_UID), ==,
                   hilum_image_get_string (header, HILUM_IMAGE_SOP_INSTANCE_UID));
  g_assert_cmpint (hilum_image_get_view (shown), ==, expected_view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hilum_study_view_get_view (f->view, slot))));
}

static void
test_frontal_and_lateral (Fixture       *f,
                          gconstpointer  data)
{
  HilumStudy *study;

  f->studies = scan (f->dir);
  study = g_ptr_array_index (f->studies, 0);
  show_study (f, study);

  assert_slot_shows (f, study, HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);
  assert_slot_shows (f, study, HILUM_SLOT_LATERAL, "lateral.dcm", HILUM_VIEW_LATERAL);
  /* No prior image: no prior place on screen. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hilum_study_view_get_slot (f->view, HILUM_SLOT_PRIOR_FRONTAL))));
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_assert_cmpstr (hilum_image_slot_get_label (hilum_study_view_get_slot (f->view, HILUM_SLOT_FRONTAL)), ==, "Frontal");
  g_assert_cmpstr (hilum_image_slot_get_label (hilum_study_view_get_slot (f->view, HILUM_SLOT_LATERAL)), ==, "Lateral");
}

static void
test_frontal_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *lateral = g_build_filename (f->dir, "lateral.dcm", NULL);
  HilumStudy *study;
  HilumImageSlot *slot;

  g_assert_cmpint (g_remove (lateral), ==, 0);
  f->studies = scan (f->dir);
  study = g_ptr_array_index (f->studies, 0);
  show_study (f, study);

  assert_slot_shows (f, study, HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);
  slot = hilum_study_view_get_slot (f->view, HILUM_SLOT_LATERAL);
  g_assert_cmpint (hilum_image_slot_get_state (slot), ==, HILUM_SLOT_STATE_EMPTY);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (slot)));
  g_assert_null (hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_LATERAL)));
  g_assert_cmpuint (f->n_failed, ==, 0);
}

static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *lateral = g_build_filename (f->dir, "lateral.dcm", NULL);
  HilumStudy *study;
  HilumImageSlot *slot;

  f->studies = scan (f->dir);
  study = g_ptr_array_index (f->studies, 0);
  /* Damaged after the scan read the header: the pixel data ends early. */
  hilum_test_truncate (lateral, 0.5);
  show_study (f, study);

  assert_slot_shows (f, study, HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);

  slot = hilum_study_view_get_slot (f->view, HILUM_SLOT_LATERAL);
  g_assert_cmpint (hilum_image_slot_get_state (slot), ==, HILUM_SLOT_STATE_ERROR);
  g_assert_nonnull (strstr (hilum_image_slot_get_error (slot), "lateral.dcm"));
  g_assert_cmpuint (f->n_failed, ==, 1);
  g_assert_cmpstr (f->failed_path, ==, lateral);
  g_assert_nonnull (strstr (f->failed_message, "lateral.dcm"));
}

static void
test_swap_remembered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(HilumViewMemory) fresh = NULL;
  HilumStudy *study;

  f->studies = scan (f->dir);
  study = g_ptr_array_index (f->studies, 0);
  show_study (f, study);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.swap-views", NULL);
  hilum_test_wait_until (not_loading, f->view, 60000);
  assert_slot_shows (f, study, HILUM_SLOT_FRONTAL, "lateral.dcm", HILUM_VIEW_LATERAL);
  assert_slot_shows (f, study, HILUM_SLOT_LATERAL, "frontal.dcm", HILUM_VIEW_FRONTAL);

  /* Opened again (new study objects from a new scan): still swapped. */
  again = scan (f->dir);
  show_study (f, g_ptr_array_index (again, 0));
  assert_slot_shows (f, g_ptr_array_index (again, 0), HILUM_SLOT_FRONTAL, "lateral.dcm", HILUM_VIEW_LATERAL);
  assert_slot_shows (f, g_ptr_array_index (again, 0), HILUM_SLOT_LATERAL, "frontal.dcm", HILUM_VIEW_FRONTAL);

  /* And the choice is on disk, where the next run of the app reads it. */
  fresh = hilum_view_memory_new (hilum_view_memory_get_path (hilum_view_memory_get_default ()));
  g_assert_true (g_str_has_prefix (hilum_view_memory_get_path (fresh), g_getenv ("XDG_DATA_HOME")));
  third = scan (f->dir);
  g_assert_true (hilum_view_memory_apply (fresh, g_ptr_array_index (third, 0)));
  g_assert_true (hilum_study_get_slot (g_ptr_array_index (third, 0), HILUM_SLOT_FRONTAL) ==
                 find_header (g_ptr_array_index (third, 0), "lateral.dcm"));

  /* Reassigning from the slot menu: the frontal image back in the frontal place. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.assign", "(us)",
                              (guint) HILUM_SLOT_FRONTAL,
                              hilum_image_get_path (find_header (g_ptr_array_index (again, 0), "frontal.dcm")));
  hilum_test_wait_until (not_loading, f->view, 60000);
  assert_slot_shows (f, g_ptr_array_index (again, 0), HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);
  assert_slot_shows (f, g_ptr_array_index (again, 0), HILUM_SLOT_LATERAL, "lateral.dcm", HILUM_VIEW_LATERAL);
}

static void
test_window_level_pixels (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HilumTestShot) before = NULL;
  g_autoptr(HilumTestShot) after = NULL;
  HilumViewport *frontal;
  HilumViewport *lateral;
  double center, width, lateral_center, lateral_width;
  double gray_before, gray_after, lateral_before, lateral_after;
  int fx, fy, lx, ly;

  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));
  hilum_study_view_set_link_window_level (f->view, FALSE);

  frontal = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL));
  lateral = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_LATERAL));
  center = hilum_viewport_get_window_center (frontal);
  width = hilum_viewport_get_window_width (frontal);
  lateral_center = hilum_viewport_get_window_center (lateral);
  lateral_width = hilum_viewport_get_window_width (lateral);

  hilum_test_view_center (f->view, HILUM_SLOT_FRONTAL, GTK_WIDGET (f->view), &fx, &fy);
  hilum_test_view_center (f->view, HILUM_SLOT_LATERAL, GTK_WIDGET (f->view), &lx, &ly);
  before = hilum_test_render (GTK_WIDGET (f->view));
  gray_before = hilum_test_mean_gray (before, fx, fy, 20);
  lateral_before = hilum_test_mean_gray (before, lx, ly, 20);
  /* The middle of a chest radiograph is neither black nor white. */
  g_assert_cmpfloat (gray_before, >, 5);
  g_assert_cmpfloat (gray_before, <, 250);

  /* Raising the level darkens the image; the lateral, not linked, stays. */
  hilum_viewport_set_window (frontal, center + width / 4, width);
  after = hilum_test_render (GTK_WIDGET (f->view));
  gray_after = hilum_test_mean_gray (after, fx, fy, 20);
  lateral_after = hilum_test_mean_gray (after, lx, ly, 20);
  g_test_message ("frontal gray %.1f -> %.1f, lateral %.1f -> %.1f",
                  gray_before, gray_after, lateral_before, lateral_after);
  g_assert_cmpfloat (gray_after, <, gray_before - 10);
  g_assert_cmpfloat (fabs (lateral_after - lateral_before), <, 1);
  g_assert_cmpfloat (hilum_viewport_get_window_center (lateral), ==, lateral_center);

  /* Linked: the same change, relative to each image's range of values. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.link-window-level", NULL);
  g_assert_true (hilum_study_view_get_link_window_level (f->view));
  hilum_viewport_set_window (frontal, center, width / 2);
  g_assert_cmpfloat (hilum_viewport_get_window_width (lateral), <, lateral_width);
  {
    HilumImage *fi = hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL));
    HilumImage *li = hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_LATERAL));
    double fr = hilum_image_get_max_value (fi) - hilum_image_get_min_value (fi);
    double lr = hilum_image_get_max_value (li) - hilum_image_get_min_value (li);

    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (lateral) / lr,
                                    (width / 2) / fr, 1e-9);
    g_assert_cmpfloat_with_epsilon ((hilum_viewport_get_window_center (lateral) - hilum_image_get_min_value (li)) / lr,
                                    (center - hilum_image_get_min_value (fi)) / fr, 1e-9);
  }
  hilum_study_view_set_link_window_level (f->view, FALSE);
}

static void
test_presets_apply_to_both (Fixture       *f,
                            gconstpointer  data)
{
  HilumViewport *frontal;
  HilumViewport *lateral;
  double fc, fw, lc, lw;

  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));

  frontal = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL));
  lateral = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_LATERAL));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.preset", "s", "bone");
  hilum_preset_compute (HILUM_PRESET_BONE,
                        hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL)),
                        0, &fc, &fw);
  hilum_preset_compute (HILUM_PRESET_BONE,
                        hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_LATERAL)),
                        0, &lc, &lw);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (frontal), fc, 1e-6);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (frontal), fw, 1e-6);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (lateral), lc, 1e-6);
  g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_width (lateral), lw, 1e-6);
}

static void
test_prior (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *prior_dir = hilum_test_make_study (test_root, "prior-study");
  g_autofree char *from = g_build_filename (prior_dir, "frontal.dcm", NULL);
  g_autofree char *to = g_build_filename (prior_dir, "prior-frontal.dcm", NULL);
  g_autoptr(GPtrArray) prior = NULL;
  HilumImage *prior_frontal;
  HilumImageSlot *slot;
  HilumImage *shown;
  HilumStudy *study;

  /* Distinct names, so that each file is found by its name alone. */
  g_assert_cmpint (g_rename (from, to), ==, 0);
  prior = scan (prior_dir);
  prior_frontal = find_header (g_ptr_array_index (prior, 0), "prior-frontal.dcm");

  f->studies = scan (f->dir);
  study = g_ptr_array_index (f->studies, 0);
  show_study (f, study);
  slot = hilum_study_view_get_slot (f->view, HILUM_SLOT_PRIOR_FRONTAL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (slot)));

  /* A prior image joins the open study: a third place appears and shows it. */
  hilum_study_add_prior_image (study, prior_frontal);
  g_assert_true (hilum_test_wait_until (not_loading, f->view, 60000));
  hilum_test_iterate_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (slot)));
  g_assert_cmpint (hilum_image_slot_get_state (slot), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpstr (hilum_image_slot_get_label (slot), ==, "Prior frontal");
  shown = hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_PRIOR_FRONTAL));
  g_assert_cmpstr (hilum_image_get_string (shown, HILUM_IMAGE_SOP_INSTANCE_UID), ==,
                   hilum_image_get_string (prior_frontal, HILUM_IMAGE_SOP_INSTANCE_UID));
  g_assert_cmpstr (hilum_image_slot_get_path (slot), ==, hilum_image_get_path (prior_frontal));
  /* The current images stay where they were. */
  assert_slot_shows (f, study, HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);
  assert_slot_shows (f, study, HILUM_SLOT_LATERAL, "lateral.dcm", HILUM_VIEW_LATERAL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (slot)), >, 100);
}

static gboolean
prior_shown (gpointer data)
{
  HilumStudyView *view = data;
  HilumImageSlot *slot = hilum_study_view_get_slot (view, HILUM_SLOT_PRIOR_FRONTAL);

  return !hilum_study_view_get_loading (view) &&
         hilum_image_slot_get_state (slot) == HILUM_SLOT_STATE_IMAGE;
}

/* The user picks a prior from another folder (what "Choose Prior Image…" does with the
 * chosen file): a third place shows it with its date, its pixels follow linked W/L,
 * it comes back with the study, and "Remove Prior Image" takes it away for good. */
static void
test_choose_prior (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *prior_dir = hilum_test_make_study (test_root, "chosen-prior");
  g_autofree char *from = g_build_filename (prior_dir, "frontal.dcm", NULL);
  g_autofree char *prior_path = g_build_filename (prior_dir, "older-pa.dcm", NULL);
  const char *argv[] = { "dcmodify", "-nb", "-i", "StudyDate=20200315", prior_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumTestShot) before = NULL;
  g_autoptr(HilumTestShot) after = NULL;
  HilumImageSlot *slot;
  HilumViewport *frontal, *prior;
  HilumImage *prior_image;
  double gray_before, gray_after, pmin, prange;
  int fx, fy, lx, ly, px, py;
  int status = -1;

  g_assert_cmpint (g_rename (from, prior_path), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));
  slot = hilum_study_view_get_slot (f->view, HILUM_SLOT_PRIOR_FRONTAL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (slot)));

  hilum_study_view_set_prior_path (f->view, prior_path);
  g_assert_true (hilum_test_wait_until (prior_shown, f->view, 60000));
  hilum_test_iterate_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (slot)));
  g_assert_cmpstr (hilum_image_slot_get_label (slot), ==, "Prior frontal");
  g_assert_cmpstr (hilum_image_slot_get_detail (slot), ==, "2020-03-15");
  g_assert_cmpstr (hilum_image_slot_get_path (slot), ==, prior_path);
  g_assert_cmpuint (f->n_failed, ==, 0);
  assert_slot_shows (f, g_ptr_array_index (f->studies, 0), HILUM_SLOT_FRONTAL, "frontal.dcm", HILUM_VIEW_FRONTAL);
  assert_slot_shows (f, g_ptr_array_index (f->studies, 0), HILUM_SLOT_LATERAL, "lateral.dcm", HILUM_VIEW_LATERAL);

  /* Three places side by side, the prior on the right, its radiograph drawn. */
  hilum_test_view_center (f->view, HILUM_SLOT_FRONTAL, GTK_WIDGET (f->view), &fx, &fy);
  hilum_test_view_center (f->view, HILUM_SLOT_LATERAL, GTK_WIDGET (f->view), &lx, &ly);
  hilum_test_view_center (f->view, HILUM_SLOT_PRIOR_FRONTAL, GTK_WIDGET (f->view), &px, &py);
  g_test_message ("centres: frontal %d, lateral %d, prior %d", fx, lx, px);
  g_assert_cmpint (fx, <, lx);
  g_assert_cmpint (lx, <, px);
  before = hilum_test_render (GTK_WIDGET (f->view));
  gray_before = hilum_test_mean_gray (before, px, py, 20);
  g_assert_cmpfloat (gray_before, >, 5);
  g_assert_cmpfloat (gray_before, <, 250);

  /* Alt+3 focuses it. */
  g_assert_true (hilum_study_view_focus_slot (f->view, HILUM_SLOT_PRIOR_FRONTAL));
  g_assert_cmpint (hilum_study_view_get_active_slot (f->view), ==, HILUM_SLOT_PRIOR_FRONTAL);

  /* Linked window/level reaches the prior, relative to its own range. */
  hilum_study_view_set_link_window_level (f->view, TRUE);
  frontal = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL));
  prior = hilum_image_view_get_viewport (hilum_study_view_get_view (f->view, HILUM_SLOT_PRIOR_FRONTAL));
  prior_image = hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_PRIOR_FRONTAL));
  hilum_viewport_set_window (frontal,
                             hilum_viewport_get_window_center (frontal) + hilum_viewport_get_window_width (frontal) / 4,
                             hilum_viewport_get_window_width (frontal));
  {
    HilumImage *fimage = hilum_image_view_get_image (hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL));
    double fmin = hilum_image_get_min_value (fimage);
    double frange = MAX (hilum_image_get_max_value (fimage) - fmin, 1.0);

    pmin = hilum_image_get_min_value (prior_image);
    prange = MAX (hilum_image_get_max_value (prior_image) - pmin, 1.0);
    g_assert_cmpfloat_with_epsilon (hilum_viewport_get_window_center (prior),
                                    pmin + (hilum_viewport_get_window_center (frontal) - fmin) / frange * prange,
                                    1e-6);
  }
  after = hilum_test_render (GTK_WIDGET (f->view));
  gray_after = hilum_test_mean_gray (after, px, py, 20);
  g_test_message ("prior gray %.1f -> %.1f", gray_before, gray_after);
  g_assert_cmpfloat (gray_after, <, gray_before - 10);

  /* Next run: the study scanned afresh; the remembered prior is read again. */
  g_clear_pointer (&f->studies, g_ptr_array_unref);
  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));
  g_assert_true (hilum_test_wait_until (prior_shown, f->view, 60000));
  g_assert_cmpstr (hilum_image_slot_get_path (slot), ==, prior_path);
  g_assert_cmpstr (hilum_image_slot_get_detail (slot), ==, "2020-03-15");

  /* Removed: the place goes away, and stays away at the next run. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.remove-prior", NULL);
  hilum_test_iterate_for (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (slot)));
  g_assert_cmpint (hilum_image_slot_get_state (slot), ==, HILUM_SLOT_STATE_EMPTY);
  g_clear_pointer (&f->studies, g_ptr_array_unref);
  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));
  hilum_test_iterate_for (300);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (slot)));
  g_assert_null (hilum_study_get_slot (g_ptr_array_index (f->studies, 0), HILUM_SLOT_PRIOR_FRONTAL));
}

static gboolean
has_failed (gpointer data)
{
  Fixture *f = data;

  return f->n_failed > 0;
}

/* A prior that cannot be read: said, and nothing else changes. */
static void
test_choose_prior_unreadable (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (bad, "not an image", -1, NULL));
  f->studies = scan (f->dir);
  show_study (f, g_ptr_array_index (f->studies, 0));
  hilum_study_view_set_prior_path (f->view, bad);
  g_assert_true (hilum_test_wait_until (has_failed, f, 60000));
  g_assert_cmpstr (f->failed_path, ==, bad);
  g_assert_cmpstr (f->failed_message, !=, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hilum_study_view_get_slot (f->view, HILUM_SLOT_PRIOR_FRONTAL))));
  g_assert_null (hilum_study_get_slot (g_ptr_array_index (f->studies, 0), HILUM_SLOT_PRIOR_FRONTAL));
}

/* A DICOM file of three frames whose values are 1000, 2000 and 3000 (window 2000/4000),
 * written with pydicom by Debian's python3. */
static void
write_multiframe (const char *path)
{
  static const char script[] =
    "import sys\n"
    "from pydicom.dataset import FileDataset, FileMetaDataset\n"
    "from pydicom.uid import ExplicitVRLittleEndian, generate_uid\n"
    "m = FileMetaDataset()\n"
    "m.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.1'\n"
    "m.MediaStorageSOPInstanceUID = generate_uid()\n"
    "m.TransferSyntaxUID = ExplicitVRLittleEndian\n"
    "d = FileDataset(sys.argv[1], {}, file_meta=m, preamble=b'\\0' * 128)\n"
    "d.SOPClassUID = m.MediaStorageSOPClassUID\n"
    "d.SOPInstanceUID = m.MediaStorageSOPInstanceUID\n"
    "d.StudyInstanceUID = generate_uid()\n"
    "d.SeriesInstanceUID = generate_uid()\n"
    "d.Modality = 'CR'\n"
    "d.ViewPosition = 'PA'\n"
    "d.Rows, d.Columns, d.NumberOfFrames = 48, 64, 3\n"
    "d.SamplesPerPixel = 1\n"
    "d.PhotometricInterpretation = 'MONOCHROME2'\n"
    "d.BitsAllocated, d.BitsStored, d.HighBit, d.PixelRepresentation = 16, 12, 11, 0\n"
    "d.WindowCenter, d.WindowWidth = 2000, 4000\n"
    "d.PixelData = b''.join(((1000 * (k + 1)).to_bytes(2, 'little')) * (48 * 64) for k in range(3))\n"
    "d.save_as(sys.argv[1], write_like_original=False)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_frames (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (test_root, "multiframe", NULL);
  g_autofree char *path = g_build_filename (dir, "frames.dcm", NULL);
  HilumImageView *frontal;
  GtkSpinButton *spin;
  int x, y;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_multiframe (path);
  f->studies = scan (dir);
  show_study (f, g_ptr_array_index (f->studies, 0));

  frontal = hilum_study_view_get_view (f->view, HILUM_SLOT_FRONTAL);
  g_assert_cmpuint (hilum_image_get_n_frames (hilum_image_view_get_image (frontal)), ==, 3);
  hilum_study_view_focus_slot (f->view, HILUM_SLOT_FRONTAL);

  /* The frame selector shows: frame 1 of 3. */
  spin = GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (f->view), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (spin)));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 3);

  hilum_test_view_center (f->view, HILUM_SLOT_FRONTAL, GTK_WIDGET (f->view), &x, &y);
  {
    g_autoptr(HilumTestShot) first = hilum_test_render (GTK_WIDGET (f->view));
    g_autoptr(HilumTestShot) second = NULL;
    g_autoptr(HilumTestShot) third = NULL;
    double g1, g2, g3;

    /* Page Down (study.next-frame) and the spin button both move through frames. */
    gtk_widget_activate_action (GTK_WIDGET (f->view), "study.next-frame", NULL);
    g_assert_cmpuint (hilum_image_view_get_frame (frontal), ==, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2);
    second = hilum_test_render (GTK_WIDGET (f->view));
    gtk_spin_button_set_value (spin, 3);
    g_assert_cmpuint (hilum_image_view_get_frame (frontal), ==, 2);
    third = hilum_test_render (GTK_WIDGET (f->view));

    g1 = hilum_test_mean_gray (first, x, y, 10);
    g2 = hilum_test_mean_gray (second, x, y, 10);
    g3 = hilum_test_mean_gray (third, x, y, 10);
    g_test_message ("frames 1, 2, 3: gray %.1f, %.1f, %.1f", g1, g2, g3);
    /* Values 1000, 2000, 3000 in the window 2000/4000: a quarter, half, three quarters. */
    g_assert_cmpfloat (fabs (g1 - 255 * 0.25), <, 4);
    g_assert_cmpfloat (fabs (g2 - 255 * 0.50), <, 4);
    g_assert_cmpfloat (fabs (g3 - 255 * 0.75), <, 4);
  }

  /* Past the last frame: stays on the last one. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.next-frame", NULL);
  g_assert_cmpuint (hilum_image_view_get_frame (frontal), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "study.previous-frame", NULL);
  g_assert_cmpuint (hilum_image_view_get_frame (frontal), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  test_root = hilum_test_isolate_xdg ();
  /* No accessibility bus: its daemon writes to stdout, which is TAP here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/hilum/study-view/frontal-and-lateral", Fixture, NULL,
              fixture_setup, test_frontal_and_lateral, fixture_teardown);
  g_test_add ("/hilum/study-view/frontal-only", Fixture, NULL,
              fixture_setup, test_frontal_only, fixture_teardown);
  g_test_add ("/hilum/study-view/damaged-file", Fixture, NULL,
              fixture_setup, test_damaged_file, fixture_teardown);
  g_test_add ("/hilum/study-view/swap-remembered", Fixture, NULL,
              fixture_setup, test_swap_remembered, fixture_teardown);
  g_test_add ("/hilum/study-view/window-level-pixels", Fixture, NULL,
              fixture_setup, test_window_level_pixels, fixture_teardown);
  g_test_add ("/hilum/study-view/presets", Fixture, NULL,
              fixture_setup, test_presets_apply_to_both, fixture_teardown);
  g_test_add ("/hilum/study-view/prior", Fixture, NULL,
              fixture_setup, test_prior, fixture_teardown);
  g_test_add ("/hilum/study-view/choose-prior", Fixture, NULL,
              fixture_setup, test_choose_prior, fixture_teardown);
  g_test_add ("/hilum/study-view/choose-prior-unreadable", Fixture, NULL,
              fixture_setup, test_choose_prior_unreadable, fixture_teardown);
  g_test_add ("/hilum/study-view/frames", Fixture, NULL,
              fixture_setup, test_frames, fixture_teardown);

  ret = g_test_run ();
  g_free (test_root);
  return ret;
}
