/* test-workspace.c — the application's workspace: a real store, a scanned folder, a
 * session and its edit, the signals, the worklist queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "hilum-demo.h"
#include "hilum-store-sync.h"
#include "hilum-fixtures.h"
#include "hilum-translation-check.h"
#include "hilum-workspace.h"

typedef struct
{
  char           *dir;
  HilumWorkspace *workspace;
  GPtrArray      *changed;     /* study ids of "study-changed" ("*" for NULL) */
  guint           n_session_changed;
} Fixture;

static void
study_changed_cb (HilumWorkspace *workspace,
                  const char     *study_id,
                  Fixture        *f)
{
  g_ptr_array_add (f->changed, g_strdup (study_id ? study_id : "*"));
}

static void
session_changed_cb (HilumWorkspace *workspace,
                    const char     *study_id,
                    Fixture        *f)
{
  g_assert_null (study_id);
  f->n_session_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = hilum_fixture_dir_new ();
  path = g_build_filename (f->dir, "hilum.db", NULL);
  f->workspace = hilum_workspace_new (path);
  g_assert_no_error ((GError *) hilum_workspace_get_store_error (f->workspace));
  g_assert_nonnull (hilum_workspace_get_store (f->workspace));
  f->changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->workspace, "study-changed", G_CALLBACK (study_changed_cb), f);
  g_signal_connect (f->workspace, "session-changed", G_CALLBACK (session_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A worker's GTask may drop its reference a moment after its callback ran. */
  g_object_add_weak_pointer (G_OBJECT (f->workspace), (gpointer *) &f->workspace);
  g_object_unref (f->workspace);
  while (f->workspace != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (f->workspace);
  g_ptr_array_unref (f->changed);
  hilum_fixture_dir_remove (f->dir);
  g_free (f->dir);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Scans a folder of one two-image study; its id. */
static char *
scan_study_as (Fixture    *f,
               const char *name,
               gboolean    demo)
{
  g_autofree char *study_dir = g_build_filename (f->dir, name, NULL);
  const char *paths[] = { study_dir, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) error = NULL;
  HilumStudy *study;

  g_assert_true (hilum_demo_write_study (study_dir, 64, 80, &error));
  g_assert_no_error (error);

  hilum_workspace_scan_async (f->workspace, paths, demo, NULL, result_cb, &result);
  studies = hilum_workspace_scan_finish (f->workspace, wait_result (&result), &failures,
                                         &store_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (store_error);
  g_assert_nonnull (studies);
  g_assert_cmpuint (studies->len, ==, 1);
  g_assert_cmpuint (failures->len, ==, 0);
  study = studies->pdata[0];
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (study)), ==, 2);
  /* A new study was put in the store: the worklists are told. */
  g_assert_cmpstr (f->changed->pdata[f->changed->len - 1], ==, "*");
  g_assert_true (hilum_store_has_study (hilum_workspace_get_store (f->workspace), hilum_study_get_id (study)));
  return g_strdup (hilum_study_get_id (study));
}

static char *
scan_study (Fixture *f)
{
  char *study_id = scan_study_as (f, "study", FALSE);

  g_assert_cmpuint (f->changed->len, ==, 1);
  return study_id;
}

/* The demo stays on this computer: a sync never pushes it; a study opened from files is
 * waiting for its first push. */
static void
test_demo_stays_local (Fixture       *f,
                       gconstpointer  data)
{
  HilumStore *store = hilum_workspace_get_store (f->workspace);
  g_autofree char *demo = scan_study_as (f, "demo", TRUE);
  g_autofree char *opened = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  g_assert_cmpuint (hilum_store_count_unsynced (store), ==, 0);
  opened = scan_study_as (f, "opened", FALSE);
  pending = hilum_store_list_unsynced (store, NULL);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (pending->pdata[0], ==, opened);
  g_assert_cmpstr (pending->pdata[0], !=, demo);
}

static void
test_scan_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *study_id = scan_study (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(HilumDocument) stored = NULL;
  HilumSession *session;

  session = hilum_workspace_get_session (f->workspace, study_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  /* One session per study: every caller edits the same document. */
  g_assert_true (hilum_workspace_get_session (f->workspace, study_id, NULL, NULL) == session);
  g_assert_cmpstr (hilum_session_get_reader_id (session), ==, g_get_user_name ());

  op = hilum_operation_new_set_study_field ("status", json_node_init_string (json_node_alloc (), "annotated"));
  g_assert_true (hilum_session_perform (session, op, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed->len, ==, 2);
  g_assert_cmpstr (f->changed->pdata[1], ==, study_id);

  stored = hilum_store_get_document (hilum_workspace_get_store (f->workspace), study_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_document_get_study_field (stored, "status"), ==, "annotated");

  /* Another reader: every session is new, of that reader. */
  hilum_workspace_set_reader (f->workspace, "r2", "Second Reader", HILUM_READER_ROLE_REVIEWER);
  g_assert_cmpuint (f->n_session_changed, ==, 1);
  session = hilum_workspace_get_session (f->workspace, study_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_session_get_reader_id (session), ==, "r2");
  g_assert_cmpint (hilum_session_get_role (session), ==, HILUM_READER_ROLE_REVIEWER);
  g_assert_cmpstr (hilum_document_get_study_field (hilum_session_get_document (session), "status"), ==, "annotated");
  /* The same reader again changes nothing. */
  hilum_workspace_set_reader (f->workspace, "r2", "Second Reader", HILUM_READER_ROLE_REVIEWER);
  g_assert_cmpuint (f->n_session_changed, ==, 1);
}

static void
test_worklist (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *study_id = scan_study (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) item_result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HilumWorklistItem) item = NULL;
  g_autoptr(HilumWorklistItem) missing = NULL;
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  HilumSession *session;

  hilum_workspace_query_worklist_async (f->workspace, NULL, HILUM_WORKLIST_SORT_TITLE, FALSE,
                                        NULL, result_cb, &result);
  items = hilum_workspace_query_worklist_finish (f->workspace, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (hilum_worklist_item_get_study_id (items->pdata[0]), ==, study_id);
  g_assert_cmpint (hilum_worklist_item_get_status (items->pdata[0]), ==, HILUM_STUDY_STATUS_NEW);

  session = hilum_workspace_get_session (f->workspace, study_id, NULL, &error);
  op = hilum_operation_new_set_study_field ("status", json_node_init_string (json_node_alloc (), "reviewed"));
  g_assert_true (hilum_session_perform (session, op, &error));
  g_assert_no_error (error);

  hilum_workspace_query_worklist_item_async (f->workspace, study_id, NULL, result_cb, &item_result);
  item = hilum_workspace_query_worklist_item_finish (f->workspace, wait_result (&item_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (hilum_worklist_item_get_status (item), ==, HILUM_STUDY_STATUS_REVIEWED);

  hilum_workspace_query_worklist_item_async (f->workspace, "no-such-study", NULL, result_cb, &missing_result);
  missing = hilum_workspace_query_worklist_item_finish (f->workspace, wait_result (&missing_result), &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_build (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *study_id = scan_study (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HilumStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  /* Not from the scan: from the stored document's images, read again. */
  hilum_workspace_build_study_async (f->workspace, study_id, NULL, result_cb, &result);
  study = hilum_workspace_build_study_finish (f->workspace, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_study_get_id (study), ==, study_id);
  g_assert_cmpuint (g_list_model_get_n_items (hilum_study_get_images (study)), ==, 2);
  g_assert_nonnull (hilum_study_get_slot (study, HILUM_SLOT_FRONTAL));
  g_assert_nonnull (hilum_study_get_slot (study, HILUM_SLOT_LATERAL));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A study of one finding: "verified" in both languages (@verified) or in neither. */
static HilumDocument *
translated_document (const char *study_id,
                     const char *en,
                     const char *es,
                     gboolean    verified)
{
  const char *state = verified ? "{\"state\": \"verified\", \"by\": \"t1\", \"at\": \"2026-11-24T14:02:00Z\"}"
                               : "{\"state\": \"draft\"}";
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  HilumDocument *document;

  json = g_strdup_printf ("{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"%s\","
                          " \"status\": \"in_progress\"}, \"images\": [], \"readers\": [],"
                          " \"findings\": [{\"finding_id\": \"11111111-1111-4111-8111-111111111111\","
                          " \"polarity\": \"positive\", \"text\": {\"en\": \"%s\", \"es\": \"%s\"},"
                          " \"translation\": {\"en\": %s, \"es\": %s}}]}",
                          study_id, en, es, state, state);
  document = hilum_document_new_from_string (json, -1, &error);
  g_assert_no_error (error);
  return document;
}

static void
test_translation_queue (Fixture       *f,
                        gconstpointer  data)
{
  HilumStore *store = hilum_workspace_get_store (f->workspace);
  g_autoptr(HilumDocument) unverified = translated_document ("S1", "Cardiomegaly.", "Cardiomegalia.", FALSE);
  g_autoptr(HilumDocument) done = translated_document ("S2", "Cardiomegaly.", "Cardiomegalia.", TRUE);
  /* Verified, but the sides differ: flagged, so still in the queue. */
  g_autoptr(HilumDocument) flagged = translated_document ("S3", "Small left pleural effusion.",
                                                          "Pequeño derrame pleural derecho.", TRUE);
  g_autoptr(HilumDocument) empty = translated_document ("S4", "", "", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_translation_needs_work (unverified));
  g_assert_false (hilum_translation_needs_work (done));
  g_assert_true (hilum_translation_needs_work (flagged));
  g_assert_false (hilum_translation_needs_work (empty));
  g_assert_true (hilum_store_put_document (store, unverified, &error));
  g_assert_true (hilum_store_put_document (store, done, &error));
  g_assert_true (hilum_store_put_document (store, flagged, &error));
  g_assert_true (hilum_store_put_document (store, empty, &error));
  g_assert_no_error (error);

  hilum_workspace_query_translation_queue_async (f->workspace, NULL, result_cb, &result);
  queue = hilum_workspace_query_translation_queue_finish (f->workspace, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (queue);
  g_ptr_array_sort (queue, compare_ids);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_cmpstr (queue->pdata[0], ==, "S1");
  g_assert_cmpstr (queue->pdata[1], ==, "S3");

  hilum_workspace_query_translation_queue_async (f->workspace, cancellable, result_cb, &cancelled_result);
  g_cancellable_cancel (cancellable);
  none = hilum_workspace_query_translation_queue_finish (f->workspace, wait_result (&cancelled_result), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_no_store (void)
{
  g_autoptr(HilumWorkspace) workspace = hilum_workspace_new_for_store (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing could be saved: no session at all. */
  g_assert_null (hilum_workspace_get_store (workspace));
  g_assert_null (hilum_workspace_get_session (workspace, "any", NULL, &error));
  g_assert_no_error (error);

  hilum_workspace_query_worklist_async (workspace, NULL, HILUM_WORKLIST_SORT_TITLE, FALSE,
                                        NULL, result_cb, &result);
  items = hilum_workspace_query_worklist_finish (workspace, wait_result (&result), &error);
  g_assert_null (items);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  hilum_workspace_query_translation_queue_async (workspace, NULL, result_cb, &result);
  items = hilum_workspace_query_translation_queue_finish (workspace, wait_result (&result), &error);
  g_assert_null (items);
  g_assert_error (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  home = hilum_fixture_data_home_new ();

  g_test_add ("/hilum/workspace/scan-edit", Fixture, NULL, fixture_set_up, test_scan_edit, fixture_tear_down);
  g_test_add ("/hilum/workspace/demo-stays-local", Fixture, NULL, fixture_set_up, test_demo_stays_local, fixture_tear_down);
  g_test_add ("/hilum/workspace/worklist", Fixture, NULL, fixture_set_up, test_worklist, fixture_tear_down);
  g_test_add ("/hilum/workspace/build", Fixture, NULL, fixture_set_up, test_build, fixture_tear_down);
  g_test_add ("/hilum/workspace/translation-queue", Fixture, NULL, fixture_set_up, test_translation_queue,
              fixture_tear_down);
  g_test_add_func ("/hilum/workspace/no-store", test_no_store);

  status = g_test_run ();
  hilum_fixture_dir_remove (home);
  return status;
}
