/* test-sync-images.c — a server study's images on demand, the size-limited cache, Keep
 * Available Offline, and opening studies with the network gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Studies only the server has (sent there as a modality would, by STOW-RS: a PA and a
 * lateral DICOM image of known pixels), a laptop that syncs them (their rows and
 * documents come with the sync, their images do not), then WADO-RS into the cache.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image-fetcher.h"
#include "hilum-image.h"
#include "hilum-store-cache.h"
#include "hilum-study-query.h"
#include "hilum-study-loader.h"
#include "hilum-sync-error.h"
#include "sync-client.h"


static HilumImageFetcher *
fetcher_new (Client  *client,
             guint64  limit)
{
  g_autofree char *dir = g_strdup_printf ("%s/cache-%u", work_dir, ++counter);

  return hilum_image_fetcher_new (client->store, dir, limit);
}

/* What the pixel at @i of a decoded gray image stands for. */
static double
modality_value (HilumImage *image,
                guint       i)
{
  return hilum_image_get_gray_frame (image, 0)[i] * hilum_image_get_value_scale (image)
         + hilum_image_get_value_offset (image);
}

/* The pixels of the image in @slot of the study built from @study_id's document, which
 * must be in a file under @cache_dir. */
static void
assert_slot_pixels (Client     *client,
                    const char *study_id,
                    HilumSlot   slot,
                    guint       view,
                    const char *cache_dir)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (client->store, study_id, NULL);
  g_autoptr(HilumStudy) study = hilum_study_loader_build (document, client->store, NULL);
  HilumImage *header = hilum_study_get_slot (study, slot);
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (header);
  g_assert_null (hilum_study_get_unavailable (study, hilum_image_get_path (header)));
  g_assert_true (g_str_has_prefix (hilum_image_get_path (header), cache_dir));
  image = hilum_decode_file (hilum_image_get_path (header), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_image_get_width (image), ==, SERVER_STUDY_SIDE);
  g_assert_cmpfloat (modality_value (image, 0), ==, server_study_pixel (view, 0));
  for (guint i = 0; i < SERVER_STUDY_SIDE * SERVER_STUDY_SIDE; i++)
    g_assert_cmpfloat (modality_value (image, i), ==, server_study_pixel (view, i));
}

typedef struct
{
  guint    calls;
  guint    last_done;
  guint    total;
  guint64  received;
  GCancellable *cancel_at_start;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             guint64  received,
             guint64  expected,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  progress->received = MAX (progress->received, received);
  if (progress->cancel_at_start != NULL)
    g_cancellable_cancel (progress->cancel_at_start);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      n += g_file_test (path, G_FILE_TEST_IS_DIR) ? count_files (path) : 1;
    }
  return n;
}

/* The laptop syncs: the server-only study gets its row, a document listing its two
 * images as frontal and lateral, and no pixels. Opened offline it says the images were
 * never downloaded; online they come by WADO-RS with progress, and then open offline. */
static void
test_images_on_demand (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *study_uid = server_study (modality, NULL);
  g_autoptr(Client) laptop = client_new ();
  g_autoptr(HilumSyncSummary) summary = sync_ok (laptop);
  g_autoptr(HilumImageFetcher) fetcher = fetcher_new (laptop, 64 * 1024 * 1024);
  g_autoptr(HilumDocument) document = hilum_store_get_document (laptop->store, study_uid, NULL);
  g_autoptr(HilumStudy) never = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  HilumImage *frontal;

  g_assert_nonnull (document);
  g_assert_cmpstr (hilum_document_get_study_field (document, "study_date"), ==, "20240305");
  g_assert_cmpuint (hilum_image_fetcher_count_missing (fetcher, document), ==, 2);

  /* Never downloaded, no connection: the slots say so, the report opens. */
  never = hilum_study_loader_build (document, laptop->store, NULL);
  frontal = hilum_study_get_slot (never, HILUM_SLOT_FRONTAL);
  g_assert_nonnull (frontal);
  g_assert_nonnull (hilum_study_get_slot (never, HILUM_SLOT_LATERAL));
  g_assert_cmpstr (hilum_study_get_unavailable (never, hilum_image_get_path (frontal)), ==,
                   "This image has not been downloaded to this computer yet. Connect to the server to see it.");
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, document, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_OFFLINE);
  g_assert_cmpstr (error->message, ==,
                   "2 images of this study have never been downloaded, and Hilum is not connected to a server.");
  g_clear_error (&error);

  /* Online: both by WADO-RS, with progress. */
  hilum_image_fetcher_set_orthanc (fetcher, laptop->orthanc);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, document, progress_cb, &progress, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last_done, ==, 2);
  g_assert_cmpuint (progress.total, ==, 2);
  g_assert_cmpuint (progress.received, >, SERVER_STUDY_SIDE * SERVER_STUDY_SIDE * 2);
  g_assert_cmpuint (hilum_image_fetcher_count_missing (fetcher, document), ==, 0);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, study_uid), ==, 2);
  assert_slot_pixels (laptop, study_uid, HILUM_SLOT_FRONTAL, 0, hilum_image_fetcher_get_cache_dir (fetcher));
  assert_slot_pixels (laptop, study_uid, HILUM_SLOT_LATERAL, 1, hilum_image_fetcher_get_cache_dir (fetcher));

  /* The network gone: the cached study opens as it was, nothing to fetch. */
  hilum_image_fetcher_set_orthanc (fetcher, NULL);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, document, NULL, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  assert_slot_pixels (laptop, study_uid, HILUM_SLOT_FRONTAL, 0, hilum_image_fetcher_get_cache_dir (fetcher));
}

/* A PNG study uploaded from one laptop (as Secondary Capture) downloads on another by the
 * UIDs both derive from the study and image ids. */
static void
test_uploaded_png_downloads_elsewhere (void)
{
  g_autoptr(Client) a = client_new ();
  g_autofree char *study_id = new_study (a, 1);
  g_autoptr(HilumSyncSummary) pushed = sync_ok (a);
  g_autoptr(Client) b = client_new ();
  g_autoptr(HilumSyncSummary) pulled = sync_ok (b);
  g_autoptr(HilumImageFetcher) fetcher = fetcher_new (b, 64 * 1024 * 1024);
  g_autoptr(HilumDocument) document = hilum_store_get_document (b->store, study_id, NULL);
  g_autoptr(HilumStudy) study = NULL;
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(GError) error = NULL;
  HilumImage *frontal;

  hilum_image_fetcher_set_orthanc (fetcher, b->orthanc);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, document, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  study = hilum_study_loader_build (document, b->store, NULL);
  frontal = hilum_study_get_slot (study, HILUM_SLOT_FRONTAL);
  g_assert_nonnull (frontal);
  image = hilum_decode_file (hilum_image_get_path (frontal), NULL, &error);
  g_assert_no_error (error);
  /* The 8×8 PNG of sync-client's image source, 16-bit gray i × 1000. */
  g_assert_cmpuint (hilum_image_get_width (image), ==, 8);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (modality_value (image, i), ==, i * 1000);
}

/* Least recently used goes first, never a study kept available offline; an evicted
 * study's files are gone and it downloads again. */
static void
test_cache_limit_and_pinning (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *s1 = server_study (modality, NULL);
  g_autofree char *s2 = server_study (modality, NULL);
  g_autofree char *s3 = server_study (modality, NULL);
  g_autoptr(Client) laptop = client_new ();
  g_autoptr(HilumSyncSummary) summary = sync_ok (laptop);
  g_autoptr(HilumImageFetcher) fetcher = fetcher_new (laptop, G_MAXUINT64);
  const char *ids[] = { s1, s2, s3 };
  HilumDocument *documents[3];
  g_autoptr(GError) error = NULL;
  guint64 study_bytes;

  for (guint i = 0; i < 3; i++)
    documents[i] = hilum_store_get_document (laptop->store, ids[i], NULL);
  hilum_image_fetcher_set_orthanc (fetcher, laptop->orthanc);

  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, documents[0], NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  study_bytes = hilum_store_cache_get_size (laptop->store);
  g_assert_cmpuint (study_bytes, >, 2 * SERVER_STUDY_SIDE * SERVER_STUDY_SIDE * 2);

  /* Room for two studies and a quarter (images go one by one); the first is kept
   * available offline. */
  hilum_image_fetcher_set_limit (fetcher, study_bytes * 9 / 4);
  g_assert_true (hilum_store_cache_set_pinned (laptop->store, s1, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, documents[1], NULL, NULL, NULL, &error), ==, 2);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, documents[2], NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s1), ==, 2);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s2), ==, 0);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s3), ==, 2);
  g_assert_cmpuint (hilum_store_cache_get_size (laptop->store), <=, study_bytes * 9 / 4);
  g_assert_cmpuint (count_files (hilum_image_fetcher_get_cache_dir (fetcher)), ==, 4);
  g_assert_cmpuint (hilum_image_fetcher_count_missing (fetcher, documents[1]), ==, 2);

  /* No longer pinned: opening the second again pushes out the oldest, the first. */
  g_assert_true (hilum_store_cache_set_pinned (laptop->store, s1, FALSE, &error));
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, documents[1], NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s1), ==, 0);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s2), ==, 2);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, s3), ==, 2);
  g_assert_cmpuint (count_files (hilum_image_fetcher_get_cache_dir (fetcher)), ==, 4);

  for (guint i = 0; i < 3; i++)
    g_object_unref (documents[i]);
}

/* Cancel: nothing half-downloaded stays, and the images are still missing. */
static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *study_uid = server_study (modality, NULL);
  g_autoptr(Client) laptop = client_new ();
  g_autoptr(HilumSyncSummary) summary = sync_ok (laptop);
  g_autoptr(HilumImageFetcher) fetcher = fetcher_new (laptop, 64 * 1024 * 1024);
  g_autoptr(HilumDocument) document = hilum_store_get_document (laptop->store, study_uid, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  progress.cancel_at_start = cancellable;
  hilum_image_fetcher_set_orthanc (fetcher, laptop->orthanc);
  g_assert_cmpuint (hilum_image_fetcher_fetch (fetcher, document, progress_cb, &progress, cancellable, &error), ==, 0);
  g_assert_true (g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CANCELLED) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpuint (hilum_image_fetcher_count_missing (fetcher, document), ==, 2);
  g_assert_cmpuint (hilum_store_cache_count_study (laptop->store, study_uid), ==, 0);
  g_assert_cmpuint (count_files (hilum_image_fetcher_get_cache_dir (fetcher)), ==, 0);
}

static char **
find (Client     *client,
      const char *from,
      const char *to,
      const char *modality,
      const char *text)
{
  g_autoptr(HilumStudyQuery) query = hilum_study_query_new (from, to, modality, text);
  g_autoptr(GError) error = NULL;
  char **found = hilum_study_query_run (query, client->store, client->orthanc, 100, NULL, &error);

  g_assert_no_error (error);
  return found;
}

/* A QIDO-RS search by date range, modality and a text that is a patient's name, a
 * patient id or a study description; every study found is in the store afterwards. */
static void
test_query_fills_the_store (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *tag = g_strdup_printf ("Q%u", ++counter);
  g_autofree char *name = g_strdup_printf ("PatientName=García^Lucía %s", tag);
  g_autofree char *patient = g_strdup_printf ("PatientID=ID-%s", tag);
  g_autofree char *description = g_strdup_printf ("StudyDescription=Tórax %s", tag);
  g_autofree char *other_name = g_strdup_printf ("PatientName=Pérez^Juan %s", tag);
  const char *march[] = { name, "StudyDate=20190312", "Modality=CR", NULL };
  const char *april[] = { patient, other_name, "StudyDate=20190415", "Modality=DX", NULL };
  const char *may[] = { description, other_name, "StudyDate=20190520", "Modality=DX", NULL };
  g_autofree char *a = server_study (modality, march);
  g_autofree char *b = server_study (modality, april);
  g_autofree char *c = server_study (modality, may);
  g_autoptr(Client) laptop = client_new ();
  g_auto(GStrv) by_name = NULL;
  g_auto(GStrv) by_id = NULL;
  g_auto(GStrv) by_description = NULL;
  g_auto(GStrv) by_tag = NULL;
  g_auto(GStrv) dx_in_spring = NULL;
  g_autoptr(HilumStudyQuery) bad = hilum_study_query_new ("2019-02-30", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* No accent, lower case: still García. */
  by_name = find (laptop, NULL, NULL, NULL, "garcia lucia");
  g_assert_true (g_strv_contains ((const char * const *) by_name, a));
  g_assert_false (g_strv_contains ((const char * const *) by_name, b));
  by_id = find (laptop, NULL, NULL, NULL, patient + strlen ("PatientID="));
  g_assert_cmpuint (g_strv_length (by_id), ==, 1);
  g_assert_cmpstr (by_id[0], ==, b);
  by_description = find (laptop, NULL, NULL, NULL, description + strlen ("StudyDescription=T"));
  g_assert_cmpuint (g_strv_length (by_description), ==, 1);
  g_assert_cmpstr (by_description[0], ==, c);

  /* The tag is in a name or a description of all three; the newest first. */
  by_tag = find (laptop, NULL, NULL, NULL, tag);
  g_assert_cmpuint (g_strv_length (by_tag), ==, 3);
  g_assert_cmpstr (by_tag[0], ==, c);
  g_assert_cmpstr (by_tag[1], ==, b);
  g_assert_cmpstr (by_tag[2], ==, a);

  /* DX between April and May of 2019, with the tag: b and c, not a (CR, March). */
  dx_in_spring = find (laptop, "2019-04-01", "2019-05-31", "DX", tag);
  g_assert_cmpuint (g_strv_length (dx_in_spring), ==, 2);
  g_assert_cmpstr (dx_in_spring[0], ==, c);
  g_assert_cmpstr (dx_in_spring[1], ==, b);

  /* Each has its row and a document listing its two images. */
  for (guint i = 0; by_tag[i] != NULL; i++)
    {
      g_autoptr(HilumDocument) document = hilum_store_get_document (laptop->store, by_tag[i], NULL);

      g_assert_nonnull (document);
      g_assert_cmpuint (hilum_document_get_n_images (document), ==, 2);
    }

  g_assert_null (hilum_study_query_run (bad, laptop->store, laptop->orthanc, 100, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "“2019-02-30” is not a date: write it as year-month-day, e.g. 2024-03-05.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sync_client_init (&argc, &argv);

  g_test_add_func ("/hilum/sync-images/on-demand", test_images_on_demand);
  g_test_add_func ("/hilum/sync-images/uploaded-png-downloads-elsewhere", test_uploaded_png_downloads_elsewhere);
  g_test_add_func ("/hilum/sync-images/cache-limit-and-pinning", test_cache_limit_and_pinning);
  g_test_add_func ("/hilum/sync-images/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/hilum/sync-images/query-fills-the-store", test_query_fills_the_store);

  status = g_test_run ();
  sync_client_finish ();
  return status;
}
