/* test-import.c — what importing into the store does with each record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "hilum-export.h"
#include "hilum-fixtures.h"
#include "hilum-import.h"

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);
}

static HilumDocument *
document_with_text (const char *study_id,
                    const char *text)
{
  g_autoptr(HilumDocument) document = hilum_document_new (study_id);
  g_autoptr(JsonObject) finding = hilum_finding_new ("positive");
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(HilumOperation) set = NULL;
  g_autoptr(GError) error = NULL;
  const char *finding_id = hilum_finding_get_id (finding);

  op = hilum_operation_new_add_finding (finding, 0);
  g_assert_true (hilum_document_apply (document, op, &error));
  set = hilum_operation_new_set_text (finding_id, "en", text);
  g_assert_true (hilum_document_apply (document, set, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&document);
}

/* New, edited, replaced and twice-listed studies. */
static void
test_plan (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open (path, &error);
  g_autoptr(HilumDocument) stored = document_with_text ("B", "Old sentence.");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(HilumImportPlan) plan = NULL;
  g_autoptr(HilumImportPlan) other = NULL;

  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (store, stored, &error));

  g_ptr_array_add (documents, document_with_text ("A", "New study."));
  g_ptr_array_add (documents, document_with_text ("B", "Edited sentence."));
  g_ptr_array_add (documents, document_with_text ("B", "The same study again."));

  plan = hilum_import_plan_new (store, HILUM_FORMAT_HILUM, documents, FALSE, problems);
  g_assert_cmpuint (plan->fresh->len, ==, 1);
  g_assert_cmpstr (hilum_document_get_study_id (plan->fresh->pdata[0]), ==, "A");
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_kept, ==, 0);
  g_assert_cmpuint (plan->edited->len, ==, 1);
  g_assert_true (plan->edited->pdata[0] == documents->pdata[1]);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((HilumFormatProblem *) problems->pdata[0])->record, ==, "B");
  g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[0])->message, "twice"));

  /* A dataset file of a study nobody edited here: its difference, as edits. */
  g_ptr_array_set_size (problems, 0);
  g_ptr_array_remove_index (documents, 2);
  other = hilum_import_plan_new (store, HILUM_FORMAT_PADCHEST_GR, documents, FALSE, problems);
  g_assert_cmpuint (other->fresh->len, ==, 1);
  g_assert_cmpuint (other->n_new, ==, 1);
  g_assert_cmpuint (other->n_kept, ==, 0);
  g_assert_cmpuint (other->edited->len, ==, 0);
  g_assert_cmpuint (other->replaced->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Once someone edited it here, the file leaves it alone and says so — unless asked. */
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_study_text ("indication", "Tos de tres semanas.");
    g_autoptr(HilumImportPlan) kept = NULL;
    g_autoptr(HilumImportPlan) replaced = NULL;

    json_object_set_string_member (hilum_operation_get_json (op), "author", "r1");
    g_assert_true (hilum_store_commit_operation (store, stored, op, &error));
    g_assert_no_error (error);
    kept = hilum_import_plan_new (store, HILUM_FORMAT_PADCHEST_GR, documents, FALSE, problems);
    g_assert_cmpuint (kept->n_kept, ==, 1);
    g_assert_cmpuint (kept->replaced->len, ==, 0);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpstr (((HilumFormatProblem *) problems->pdata[0])->record, ==, "B");
    g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[0])->message, "kept as it is"));
    g_ptr_array_set_size (problems, 0);
    replaced = hilum_import_plan_new (store, HILUM_FORMAT_PADCHEST_GR, documents, TRUE, problems);
    g_assert_cmpuint (replaced->n_kept, ==, 0);
    g_assert_cmpuint (replaced->replaced->len, ==, 1);
  }

  /* Planning reads the store only. */
  g_assert_false (hilum_store_has_study (store, "A"));
  hilum_fixture_dir_remove (dir);
}

/* An edit is one undoable, stored step; the current document again changes nothing. */
static void
test_apply_edit (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open (path, &error);
  g_autoptr(HilumDocument) stored = document_with_text ("B", "Old sentence.");
  g_autoptr(HilumDocument) current = NULL;
  g_autoptr(HilumDocument) edited = NULL;
  g_autoptr(HilumSession) session = NULL;
  g_autoptr(HilumDocument) reread = NULL;
  gboolean changed = FALSE;

  g_assert_true (hilum_store_put_document (store, stored, &error));
  current = hilum_store_get_document (store, "B", &error);
  g_assert_no_error (error);
  session = hilum_session_new (store, current, "r1", "Reader One", HILUM_READER_ROLE_READER);

  edited = hilum_document_copy (current);
  {
    JsonObject *finding = hilum_document_get_finding (edited, 0);
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text (hilum_finding_get_id (finding), "en",
                                                                 "Edited sentence.");

    g_assert_true (hilum_document_apply (edited, op, &error));
  }

  g_assert_true (hilum_import_apply_edit (session, edited, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  reread = hilum_store_get_document (store, "B", &error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (reread, 0), "en"), ==, "Edited sentence.");

  /* The document as it is now (the edit also marked the study in progress and named
   * the reader): nothing to apply. */
  {
    g_autoptr(HilumDocument) same = hilum_document_copy (hilum_session_get_document (session));

    g_assert_true (hilum_import_apply_edit (session, same, &changed, &error));
    g_assert_false (changed);
  }

  g_assert_true (hilum_session_undo (session, &error));
  g_assert_no_error (error);
  g_clear_object (&reread);
  reread = hilum_store_get_document (store, "B", &error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (reread, 0), "en"), ==, "Old sentence.");
  hilum_fixture_dir_remove (dir);
}

/* The worker's progress: what the dialog polls. */
static void
count_progress_cb (goffset  done,
                   goffset  total,
                   gpointer user_data)
{
  gint *calls = user_data;

  g_atomic_int_inc (calls);
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

/* The app's Import… of a hilum file: a new study is put, the edit of a stored one is
 * left for its session, progress is reported. */
static void
test_import_async (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *file = g_build_filename (dir, "studies.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open (path, &error);
  g_autoptr(HilumDocument) stored = document_with_text ("B", "Old sentence.");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HilumImportPlan) plan = NULL;
  g_autoptr(HilumDocument) imported = NULL;
  g_autoptr(HilumDocument) unchanged = NULL;
  HilumFormatOptions options = { 0 };
  gint calls = 0;

  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (store, stored, &error));
  g_ptr_array_add (documents, document_with_text ("A", "New study."));
  g_ptr_array_add (documents, document_with_text ("B", "Edited sentence."));
  g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, documents, file, NULL, NULL, &error));
  g_assert_no_error (error);

  options.progress = count_progress_cb;
  options.progress_data = &calls;
  hilum_import_file_async (store, HILUM_FORMAT_HILUM, file, &options, FALSE, NULL, result_cb, &result);
  plan = hilum_import_file_finish (wait_result (&result), &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_kept, ==, 0);
  g_assert_cmpuint (plan->edited->len, ==, 1);
  g_assert_cmpstr (hilum_document_get_study_id (plan->edited->pdata[0]), ==, "B");
  g_assert_cmpint (g_atomic_int_get (&calls), >, 0);

  /* The new study is in the store with its sentence; the stored one is not touched. */
  imported = hilum_store_get_document (store, "A", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (imported, 0), "en"), ==, "New study.");
  unchanged = hilum_store_get_document (store, "B", &error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (unchanged, 0), "en"), ==, "Old sentence.");
  hilum_fixture_dir_remove (dir);
}

/* Cancelled: the error says so and nothing was put. A file that cannot be read is an
 * error too. */
static void
test_import_async_errors (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *file = g_build_filename (dir, "studies.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open (path, &error);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HilumImportPlan) plan = NULL;

  g_ptr_array_add (documents, document_with_text ("A", "New study."));
  g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, documents, file, NULL, NULL, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  hilum_import_file_async (store, HILUM_FORMAT_HILUM, file, NULL, FALSE, cancellable, result_cb, &result);
  plan = hilum_import_file_finish (wait_result (&result), &problems, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (problems);
  g_assert_false (hilum_store_has_study (store, "A"));
  g_clear_error (&error);

  hilum_import_file_async (store, HILUM_FORMAT_HILUM, missing, NULL, FALSE, NULL, result_cb, &missing_result);
  plan = hilum_import_file_finish (wait_result (&missing_result), NULL, &error);
  g_assert_null (plan);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_false (hilum_store_has_study (store, "A"));
  hilum_fixture_dir_remove (dir);
}

/* The app's Export…: the file has the studies asked for, with their text; cancelled,
 * no file is written. */
static void
test_export_async (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *file = g_build_filename (dir, "out.json", NULL);
  g_autofree char *cancelled_file = g_build_filename (dir, "cancelled.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) store = hilum_store_open (path, &error);
  g_autoptr(HilumDocument) a = document_with_text ("A", "Cardiomegaly.");
  g_autoptr(HilumDocument) b = document_with_text ("B", "No pneumothorax.");
  g_autoptr(HilumDocument) c = document_with_text ("C", "Not asked for.");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  HilumFormatOptions options = { 0 };
  guint n_exported = 0;
  gint calls = 0;

  g_assert_true (hilum_store_put_document (store, a, &error));
  g_assert_true (hilum_store_put_document (store, b, &error));
  g_assert_true (hilum_store_put_document (store, c, &error));
  g_assert_no_error (error);
  /* Asked in any order, twice: written once each, in the record order. */
  g_ptr_array_add (ids, g_strdup ("B"));
  g_ptr_array_add (ids, g_strdup ("A"));
  g_ptr_array_add (ids, g_strdup ("B"));

  options.progress = count_progress_cb;
  options.progress_data = &calls;
  hilum_export_store_async (store, HILUM_FORMAT_HILUM, ids, file, &options, NULL, result_cb, &result);
  /* The ids were copied: the caller's array may change meanwhile. */
  g_ptr_array_set_size (ids, 0);
  g_assert_true (hilum_export_store_finish (wait_result (&result), &warnings, &n_exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 2);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (g_atomic_int_get (&calls), >, 0);

  written = hilum_format_import (HILUM_FORMAT_HILUM, file, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_cmpstr (hilum_document_get_study_id (written->pdata[0]), ==, "A");
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (written->pdata[0], 0), "en"), ==,
                   "Cardiomegaly.");
  g_assert_cmpstr (hilum_document_get_study_id (written->pdata[1]), ==, "B");
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (written->pdata[1], 0), "en"), ==,
                   "No pneumothorax.");

  g_cancellable_cancel (cancellable);
  hilum_export_store_async (store, HILUM_FORMAT_HILUM, NULL, cancelled_file, NULL, cancellable,
                            result_cb, &cancelled_result);
  g_assert_false (hilum_export_store_finish (wait_result (&cancelled_result), NULL, &n_exported, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_exported, ==, 0);
  g_assert_false (g_file_test (cancelled_file, G_FILE_TEST_EXISTS));
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/import/plan", test_plan);
  g_test_add_func ("/hilum/import/apply-edit", test_apply_edit);
  g_test_add_func ("/hilum/import/async", test_import_async);
  g_test_add_func ("/hilum/import/async-errors", test_import_async_errors);
  g_test_add_func ("/hilum/export/async", test_export_async);

  return g_test_run ();
}
