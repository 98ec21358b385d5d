/* test-study.c — view identification, slots, and scanning files into studies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-demo.h"
#include "hilum-fixtures.h"
#include "hilum-dicom-writer.h"
#include "hilum-image.h"
#include "hilum-study.h"

/* ------------------------------------------------------------------ identification */

static void
test_identify_table (void)
{
  static const struct {
    const char *view_position, *series, *protocol;
    HilumView expected;
  } cases[] = {
    { "PA", "", "", HILUM_VIEW_FRONTAL },
    { "AP", "", "", HILUM_VIEW_FRONTAL },
    { " pa ", "", "", HILUM_VIEW_FRONTAL },
    { "PA ERECT", "", "", HILUM_VIEW_FRONTAL },
    { "AP SUPINE", "LATERAL", "", HILUM_VIEW_FRONTAL },   /* ViewPosition wins */
    { "AP_horizontal", "", "", HILUM_VIEW_FRONTAL },
    { "LL", "", "", HILUM_VIEW_LATERAL },
    { "RL", "", "", HILUM_VIEW_LATERAL },
    { "LATERAL", "", "", HILUM_VIEW_LATERAL },
    { "lat", "", "", HILUM_VIEW_LATERAL },
    { "", "Chest PA", "", HILUM_VIEW_FRONTAL },
    { "", "TORAX PA", "", HILUM_VIEW_FRONTAL },
    { "", "Tórax posteroanterior", "", HILUM_VIEW_FRONTAL },
    { "", "postero-anterior chest", "", HILUM_VIEW_FRONTAL },
    { "", "Chest frontal", "", HILUM_VIEW_FRONTAL },
    { "", "TORAX PERFIL", "", HILUM_VIEW_LATERAL },
    { "", "Chest lateral", "", HILUM_VIEW_LATERAL },
    { "", "Tórax lat.", "", HILUM_VIEW_LATERAL },
    { "", "", "XR CHEST LAT", HILUM_VIEW_LATERAL },
    { "", "", "RX TORAX PA", HILUM_VIEW_FRONTAL },
    { "", "Chest", "RX TORAX PA", HILUM_VIEW_FRONTAL },    /* series says nothing: protocol */
    { "", "TORAX PA Y LATERAL", "", HILUM_VIEW_UNKNOWN },  /* both: not conclusive */
    { "", "TORAX PA Y LATERAL", "PERFIL", HILUM_VIEW_LATERAL },
    /* Whole words only: "PAtient", "LATE", "CAPA", "SPAIN", "PALATE" name no view. */
    { "", "patient chest", "", HILUM_VIEW_UNKNOWN },
    { "", "late film", "", HILUM_VIEW_UNKNOWN },
    { "", "CAPA", "PALATE", HILUM_VIEW_UNKNOWN },
    { "OBLIQUE", "", "", HILUM_VIEW_UNKNOWN },
    { "", "", "", HILUM_VIEW_UNKNOWN },
    { NULL, NULL, NULL, HILUM_VIEW_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HilumView view = hilum_identify_view (cases[i].view_position, cases[i].series,
                                            cases[i].protocol, 2000, 2400);

      g_test_message ("case %u: “%s” “%s” “%s” → %s", i, cases[i].view_position,
                      cases[i].series, cases[i].protocol, hilum_view_to_string (view));
      g_assert_cmpstr (hilum_view_to_string (view), ==, hilum_view_to_string (cases[i].expected));
    }
}

static void
test_identify_shape_is_not_a_view (void)
{
  /* A wide or a tall image alone says nothing: unknown, the study uses the order. */
  g_assert_cmpint (hilum_identify_view ("", "", "", 2400, 2000), ==, HILUM_VIEW_UNKNOWN);
  g_assert_cmpint (hilum_identify_view ("", "", "", 2000, 2400), ==, HILUM_VIEW_UNKNOWN);
  g_assert_cmpint (hilum_identify_view ("", "", "", 3000, 3000), ==, HILUM_VIEW_UNKNOWN);
}

/* ------------------------------------------------------------------ slots */

static HilumImage *
header_new (const char *path,
            const char *view_position)
{
  HilumImage *image = hilum_image_new_gray (100, 120, 1, NULL, 1.0, 0.0);

  hilum_image_set_path (image, path);
  hilum_image_set_string (image, HILUM_IMAGE_VIEW_POSITION, view_position);
  return image;
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_slots_by_view (void)
{
  g_autoptr(HilumStudy) study = hilum_study_new ("1.2.3");
  g_autoptr(HilumImage) lat = header_new ("/d/b.dcm", "LL");
  g_autoptr(HilumImage) pa = header_new ("/d/a.dcm", "PA");
  g_autoptr(HilumImage) pa2 = header_new ("/d/c.dcm", "PA");
  guint changed = 0, notified = 0;

  g_signal_connect (study, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (study, "notify::frontal", G_CALLBACK (notify_count_cb), &notified);

  g_assert_cmpstr (hilum_study_get_id (study), ==, "1.2.3");
  g_assert_cmpstr (hilum_study_get_title (study), ==, "1.2.3");
  hilum_study_set_title (study, "Chest");
  g_assert_cmpstr (hilum_study_get_title (study), ==, "Chest");

  hilum_study_add_image (study, lat);
  hilum_study_add_image (study, pa);
  hilum_study_add_image (study, pa2);
  hilum_study_add_image (study, pa2);   /* twice: ignored */

  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == pa);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_LATERAL) == lat);
  g_assert_null (hilum_study_get_slot (study, HILUM_SLOT_PRIOR_FRONTAL));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (study)), ==, 3);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (hilum_study_get_slot_user_set (study, HILUM_SLOT_FRONTAL));
  g_assert_cmpint (hilum_study_find_slot (study, pa2), ==, HILUM_N_SLOTS);

  hilum_study_swap_views (study);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == lat);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_LATERAL) == pa);
  g_assert_true (hilum_study_get_slot_user_set (study, HILUM_SLOT_FRONTAL));
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (notified, ==, 2);

  /* Choosing the image of the lateral slot for the frontal one trades the two. */
  hilum_study_set_slot (study, HILUM_SLOT_FRONTAL, pa);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == pa);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_LATERAL) == lat);
  g_assert_cmpint (hilum_study_find_slot (study, lat), ==, HILUM_SLOT_LATERAL);

  /* A third image replaces the frontal without touching the lateral. */
  hilum_study_set_slot (study, HILUM_SLOT_FRONTAL, pa2);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == pa2);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_LATERAL) == lat);

  hilum_study_set_slot (study, HILUM_SLOT_LATERAL, NULL);
  g_assert_null (hilum_study_get_slot (study, HILUM_SLOT_LATERAL));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (study)), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&study));
}

static void
test_slots_unknown (void)
{
  g_autoptr(HilumStudy) study = hilum_study_new ("/data/folder");
  g_autoptr(HilumImage) u1 = header_new ("/data/folder/1.png", "");
  g_autoptr(HilumImage) u2 = header_new ("/data/folder/2.png", "");
  g_autoptr(HilumImage) u3 = header_new ("/data/folder/3.png", "");

  /* Unknown views fill the frontal, then the lateral slot, in order. */
  hilum_study_add_image (study, u1);
  hilum_study_add_image (study, u2);
  hilum_study_add_image (study, u3);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == u1);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_LATERAL) == u2);
  g_assert_finalize_object (g_steal_pointer (&study));

  /* A real frontal arriving after an unknown image takes the frontal slot, the unknown
   * one moves to the empty lateral slot. */
  {
    g_autoptr(HilumStudy) s2 = hilum_study_new ("x");
    g_autoptr(HilumImage) pa = header_new ("/d/pa.dcm", "PA");
    g_autoptr(HilumImage) ll = header_new ("/d/ll.dcm", "LL");

    hilum_study_add_image (s2, u1);
    hilum_study_add_image (s2, pa);
    g_assert_true (hilum_study_get_slot (s2, HILUM_SLOT_FRONTAL) == pa);
    g_assert_true (hilum_study_get_slot (s2, HILUM_SLOT_LATERAL) == u1);
    /* … and a real lateral then takes the lateral slot from the unknown one. */
    hilum_study_add_image (s2, ll);
    g_assert_true (hilum_study_get_slot (s2, HILUM_SLOT_LATERAL) == ll);
  }

  /* The user's choice is never overridden by the automatic assignment. */
  {
    g_autoptr(HilumStudy) s3 = hilum_study_new ("y");
    g_autoptr(HilumImage) pa = header_new ("/d/pa.dcm", "PA");

    hilum_study_add_image (s3, u1);
    hilum_study_set_slot (s3, HILUM_SLOT_FRONTAL, u1);
    hilum_study_add_image (s3, pa);
    g_assert_true (hilum_study_get_slot (s3, HILUM_SLOT_FRONTAL) == u1);
    g_assert_null (hilum_study_get_slot (s3, HILUM_SLOT_LATERAL));
  }
}

static void
test_prior_and_failures (void)
{
  g_autoptr(HilumStudy) study = hilum_study_new ("2");
  g_autoptr(HilumImage) pa = header_new ("/new/pa.dcm", "PA");
  g_autoptr(HilumImage) old = header_new ("/old/pa.dcm", "PA");

  hilum_study_add_image (study, pa);
  hilum_study_add_prior_image (study, old);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL) == pa);
  g_assert_true (hilum_study_get_slot (study, HILUM_SLOT_PRIOR_FRONTAL) == old);
  g_assert_true (hilum_study_is_prior (study, old));
  g_assert_false (hilum_study_is_prior (study, pa));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (study)), ==, 2);

  g_assert_cmpuint (hilum_study_get_failures (study)->len, ==, 0);
  hilum_study_add_failure (study, "“/new/x.dcm” is damaged.");
  g_assert_cmpuint (hilum_study_get_failures (study)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (hilum_study_get_failures (study), 0), ==,
                   "“/new/x.dcm” is damaged.");
}

static void
test_sort_images (void)
{
  g_autoptr(HilumStudy) study = hilum_study_new ("3");
  g_autoptr(HilumImage) u = header_new ("/d/a.png", "");
  g_autoptr(HilumImage) l = header_new ("/d/b.dcm", "LL");
  g_autoptr(HilumImage) f2 = header_new ("/d/z.dcm", "PA");
  g_autoptr(HilumImage) f1 = header_new ("/d/c.dcm", "AP");
  GListModel *images = hilum_study_get_images (study);
  HilumImage *expect[] = { f1, f2, l, u };

  hilum_study_add_image (study, u);
  hilum_study_add_image (study, l);
  hilum_study_add_image (study, f2);
  hilum_study_add_image (study, f1);
  hilum_study_sort_images (study);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(HilumImage) item = g_list_model_get_item (images, i);

      g_assert_true (item == expect[i]);
    }
}

/* ------------------------------------------------------------------ scanning */

static void
write_dicom (const char *path,
             const char *study_uid,
             const char *sop_uid,
             const char *view_position,
             const char *series_description,
             const char *study_description,
             guint       width,
             guint       height)
{
  g_autofree guint16 *pixels = g_new (guint16, width * height);
  g_autoptr(GError) error = NULL;
  HilumDicomImageDesc desc = {
    .patient_name = "Test^Scan",
    .patient_id = "SCAN",
    .study_instance_uid = study_uid,
    .sop_instance_uid = sop_uid,
    .study_date = "20240301",
    .study_time = "101500",
    .study_description = study_description,
    .series_description = series_description,
    .view_position = view_position,
    .bits_stored = 12,
  };

  for (guint i = 0; i < width * height; i++)
    pixels[i] = (i * 37) % 4096;
  g_assert_true (hilum_dicom_write_image (path, &desc, width, height, pixels, &error));
  g_assert_no_error (error);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static void
write_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "convert", "-size", "48x64", "gradient:", "-depth", "8", path, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static HilumStudy *
find_study (GPtrArray  *studies,
            const char *id)
{
  for (guint i = 0; i < studies->len; i++)
    if (g_strcmp0 (hilum_study_get_id (g_ptr_array_index (studies, i)), id) == 0)
      return g_ptr_array_index (studies, i);
  return NULL;
}

static const char *
slot_name (HilumStudy *study,
           HilumSlot   slot)
{
  HilumImage *image = hilum_study_get_slot (study, slot);

  return image != NULL ? strrchr (hilum_image_get_path (image), '/') + 1 : "(none)";
}

static void
test_scan_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hilum_fixture_dir_new ();
  g_autofree char *a = g_build_filename (tmp, "a", NULL);
  g_autofree char *a_sub = g_build_filename (tmp, "a", "sub", NULL);
  g_autofree char *pngs = g_build_filename (tmp, "Folder of PNGs", NULL);
  g_autofree char *hidden = g_build_filename (tmp, ".hidden", NULL);
  g_autofree char *orphan = g_build_filename (tmp, "orphan", NULL);
  g_autofree char *p = NULL;
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) studies = NULL;
  HilumStudy *sa, *sb, *sp;
  const char *paths[2] = { tmp, NULL };

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (a_sub, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (pngs, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (hidden, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (orphan, 0755), ==, 0);

  /* Study A: a lateral with an extension and a frontal without one, in two folders. */
  p = g_build_filename (a, "1-lateral.dcm", NULL);
  write_dicom (p, "1.2.826.1", "1.2.826.1.1", "LL", "Chest lateral", "Chest", 40, 50);
  g_clear_pointer (&p, g_free);
  p = g_build_filename (a_sub, "IM000002", NULL);
  write_dicom (p, "1.2.826.1", "1.2.826.1.2", "PA", "Chest PA", "Chest", 50, 40);
  g_clear_pointer (&p, g_free);
  /* In folder a too: study B, identified by its Spanish series description only. */
  p = g_build_filename (a, "b-perfil.dcm", NULL);
  write_dicom (p, "1.2.826.2", "1.2.826.2.1", "", "TORAX PERFIL", "", 30, 30);
  g_clear_pointer (&p, g_free);
  /* A damaged DICOM next to study A's images: its failure joins study A. */
  p = g_build_filename (a, "broken.dcm", NULL);
  write_text (p, "DICM but not really");
  g_clear_pointer (&p, g_free);
  /* Not images: skipped by extension, or silently because their name promised nothing. */
  p = g_build_filename (a, "notes.txt", NULL);
  write_text (p, "not an image");
  g_clear_pointer (&p, g_free);
  p = g_build_filename (a, "VERSION", NULL);
  write_text (p, "3");
  g_clear_pointer (&p, g_free);
  /* A folder of PNGs is one study named after the folder. */
  p = g_build_filename (pngs, "b.png", NULL);
  write_png (p);
  g_clear_pointer (&p, g_free);
  p = g_build_filename (pngs, "a.png", NULL);
  write_png (p);
  g_clear_pointer (&p, g_free);
  /* Hidden folders are not entered. */
  p = g_build_filename (hidden, "x.dcm", NULL);
  write_dicom (p, "9.9.9", NULL, "PA", "", "", 10, 10);
  g_clear_pointer (&p, g_free);
  /* A failure with no study in its folder goes to @failures. */
  p = g_build_filename (orphan, "bad.png", NULL);
  write_text (p, "no PNG here");
  g_clear_pointer (&p, g_free);
  /* A link back up the tree must not loop. */
  p = g_build_filename (a_sub, "loop", NULL);
  g_assert_cmpint (symlink (tmp, p), ==, 0);
  g_clear_pointer (&p, g_free);

  studies = hilum_scan_paths (paths, failures, NULL);
  g_assert_nonnull (studies);
  for (guint i = 0; i < studies->len; i++)
    g_test_message ("study %s: %s", hilum_study_get_id (g_ptr_array_index (studies, i)),
                    hilum_study_get_title (g_ptr_array_index (studies, i)));
  for (guint i = 0; i < failures->len; i++)
    g_test_message ("failure: %s", (char *) g_ptr_array_index (failures, i));
  g_assert_cmpuint (studies->len, ==, 3);

  /* Ordered by title: "Chest — 2024-03-01", "Folder of PNGs", "Study of 2024-03-01". */
  g_assert_cmpstr (hilum_study_get_title (g_ptr_array_index (studies, 0)), ==, "Chest — 2024-03-01");
  g_assert_cmpstr (hilum_study_get_title (g_ptr_array_index (studies, 1)), ==, "Folder of PNGs");
  g_assert_cmpstr (hilum_study_get_title (g_ptr_array_index (studies, 2)), ==, "Study of 2024-03-01");

  sa = find_study (studies, "1.2.826.1");
  g_assert_nonnull (sa);
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (sa)), ==, 2);
  g_assert_cmpstr (slot_name (sa, HILUM_SLOT_FRONTAL), ==, "IM000002");
  g_assert_cmpstr (slot_name (sa, HILUM_SLOT_LATERAL), ==, "1-lateral.dcm");
  {
    /* Images listed frontal first. */
    g_autoptr(HilumImage) first = g_list_model_get_item (hilum_study_get_images (sa), 0);

    g_assert_cmpint (hilum_image_get_view (first), ==, HILUM_VIEW_FRONTAL);
    g_assert_cmpuint (hilum_image_get_width (first), ==, 50);
    g_assert_cmpuint (hilum_image_get_height (first), ==, 40);
  }

  sb = find_study (studies, "1.2.826.2");
  g_assert_nonnull (sb);
  g_assert_cmpstr (slot_name (sb, HILUM_SLOT_LATERAL), ==, "b-perfil.dcm");
  g_assert_null (hilum_study_get_slot (sb, HILUM_SLOT_FRONTAL));

  sp = find_study (studies, pngs);
  g_assert_nonnull (sp);
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (sp)), ==, 2);
  g_assert_cmpstr (slot_name (sp, HILUM_SLOT_FRONTAL), ==, "a.png");
  g_assert_cmpstr (slot_name (sp, HILUM_SLOT_LATERAL), ==, "b.png");

  /* broken.dcm is reported once, with the study of its folder; bad.png in @failures. */
  {
    GPtrArray *fa = hilum_study_get_failures (find_study (studies, "1.2.826.1"));
    GPtrArray *fb = hilum_study_get_failures (sb);
    guint n_broken = fa->len + fb->len;

    g_assert_cmpuint (n_broken, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (fa->len ? fa : fb, 0), "broken.dcm"));
  }
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), "bad.png"));

  g_assert_null (find_study (studies, "9.9.9"));

  hilum_fixture_dir_remove (tmp);
}

static void
test_scan_missing_path (void)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  const char *paths[] = { "/nonexistent/hilum/path", NULL };
  g_autoptr(GPtrArray) studies = hilum_scan_paths (paths, failures, NULL);

  g_assert_cmpuint (studies->len, ==, 0);
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), "/nonexistent/hilum/path"));
}

static void
test_scan_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cwd = g_get_current_dir ();
  const char *paths[] = { cwd, NULL };
  g_autoptr(GPtrArray) studies = NULL;

  /* A cancelled scan stops at once: no studies, no complaints. */
  g_cancellable_cancel (cancellable);
  studies = hilum_scan_paths (paths, failures, cancellable);
  g_assert_nonnull (studies);
  g_assert_cmpuint (studies->len, ==, 0);
  g_assert_cmpuint (failures->len, ==, 0);
}

/* 200 files in 100 studies: prints the time (tests never assert times). */
static void
test_scan_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hilum_fixture_dir_new ();
  g_autoptr(GPtrArray) studies = NULL;
  const char *paths[2] = { tmp, NULL };
  gint64 start;
  double ms;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *uid = g_strdup_printf ("1.2.826.99.%u", i);
      g_autofree char *dir = g_strdup_printf ("%s/study%03u", tmp, i);
      g_autofree char *pa = g_build_filename (dir, "pa.dcm", NULL);
      g_autofree char *ll = g_build_filename (dir, "ll.dcm", NULL);

      g_mkdir_with_parents (dir, 0755);
      write_dicom (pa, uid, NULL, "PA", "", "Chest", 256, 256);
      write_dicom (ll, uid, NULL, "LL", "", "Chest", 256, 256);
    }

  start = g_get_monotonic_time ();
  studies = hilum_scan_paths (paths, NULL, NULL);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("scan of 200 files: %.0f ms", ms);
  g_printerr ("# scan of 200 DICOM files: %.0f ms\n", ms);

  g_assert_cmpuint (studies->len, ==, 100);
  for (guint i = 0; i < studies->len; i++)
    {
      HilumStudy *study = g_ptr_array_index (studies, i);

      g_assert_cmpstr (slot_name (study, HILUM_SLOT_FRONTAL), ==, "pa.dcm");
      g_assert_cmpstr (slot_name (study, HILUM_SLOT_LATERAL), ==, "ll.dcm");
    }

  hilum_fixture_dir_remove (tmp);
}

/* A demo study (frontal.dcm, lateral.dcm) of @patient on @date in @root/@name. */
static char *
make_dated_study (const char *root,
                  const char *name,
                  const char *patient,
                  const char *date,
                  const char *uid)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (root, name, NULL);
  g_autofree char *patient_arg = g_strdup_printf ("PatientID=%s", patient);
  g_autofree char *date_arg = g_strdup_printf ("StudyDate=%s", date);
  g_autofree char *uid_arg = g_strdup_printf ("StudyInstanceUID=%s", uid);
  const char *assignments[] = { patient_arg, date_arg, uid_arg, NULL };

  g_assert_true (hilum_demo_write_study (dir, 64, 80, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (dir, i == 0 ? "frontal.dcm" : "lateral.dcm", NULL);

      g_assert_true (hilum_fixture_modify (path, assignments, &error));
      g_assert_no_error (error);
    }
  return dir;
}

/* The folder of the prior frontal of @study ("a", "b" …), "(none)" without one. */
static const char *
prior_study_name (HilumStudy *study)
{
  HilumImage *prior = hilum_study_get_slot (study, HILUM_SLOT_PRIOR_FRONTAL);
  static char name[64];
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;

  if (prior == NULL)
    return "(none)";
  g_assert_true (hilum_study_is_prior (study, prior));
  g_assert_cmpint (hilum_image_get_view (prior), ==, HILUM_VIEW_FRONTAL);
  dir = g_path_get_dirname (hilum_image_get_path (prior));
  base = g_path_get_basename (dir);
  g_strlcpy (name, base, sizeof name);
  return name;
}

static void
test_scan_priors (void)
{
  g_autofree char *tmp = hilum_fixture_dir_new ();
  const char *paths[] = { tmp, NULL };
  g_autoptr(GPtrArray) studies = NULL;
  static const struct {
    const char *name, *patient, *date, *uid, *prior;
  } cases[] = {
    { "c", "P1", "20230601", "1.2.826.0.1.3680043.10.1.3", "(none)" },  /* the oldest */
    { "a", "P1", "20240101", "1.2.826.0.1.3680043.10.1.1", "c" },
    { "b", "P1", "20250101", "1.2.826.0.1.3680043.10.1.2", "a" },       /* most recent earlier */
    { "f", "P1", "20250101", "1.2.826.0.1.3680043.10.1.6", "a" },       /* same day as b: not b */
    { "d", "P2", "20260101", "1.2.826.0.1.3680043.10.1.4", "(none)" },  /* another patient */
    { "e", "P1", "",         "1.2.826.0.1.3680043.10.1.5", "(none)" },  /* no date */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (make_dated_study (tmp, cases[i].name, cases[i].patient, cases[i].date, cases[i].uid));

  studies = hilum_scan_paths (paths, NULL, NULL);
  /* Every study stays in the worklist, the earlier ones too. */
  g_assert_cmpuint (studies->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HilumStudy *study = find_study (studies, cases[i].uid);

      g_assert_nonnull (study);
      g_test_message ("study %s: prior from %s", cases[i].name, prior_study_name (study));
      g_assert_cmpstr (prior_study_name (study), ==, cases[i].prior);
      /* The study's own images keep their places. */
      g_assert_cmpstr (slot_name (study, HILUM_SLOT_FRONTAL), ==, "frontal.dcm");
      g_assert_cmpstr (slot_name (study, HILUM_SLOT_LATERAL), ==, "lateral.dcm");
      g_assert_false (hilum_study_get_slot_user_set (study, HILUM_SLOT_PRIOR_FRONTAL));
    }
  /* The prior is the earlier study's own frontal image, not a copy. */
  g_assert_true (hilum_study_get_slot (find_study (studies, cases[2].uid), HILUM_SLOT_PRIOR_FRONTAL) ==
                 hilum_study_get_slot (find_study (studies, cases[1].uid), HILUM_SLOT_FRONTAL));

  hilum_fixture_dir_remove (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/study/identify/table", test_identify_table);
  g_test_add_func ("/hilum/study/identify/shape", test_identify_shape_is_not_a_view);
  g_test_add_func ("/hilum/study/slots/by-view", test_slots_by_view);
  g_test_add_func ("/hilum/study/slots/unknown", test_slots_unknown);
  g_test_add_func ("/hilum/study/prior-and-failures", test_prior_and_failures);
  g_test_add_func ("/hilum/study/sort", test_sort_images);
  g_test_add_func ("/hilum/study/scan/tree", test_scan_tree);
  g_test_add_func ("/hilum/study/scan/missing", test_scan_missing_path);
  g_test_add_func ("/hilum/study/scan/cancelled", test_scan_cancelled);
  g_test_add_func ("/hilum/study/scan/many", test_scan_many);
  g_test_add_func ("/hilum/study/scan/priors", test_scan_priors);

  return g_test_run ();
}
