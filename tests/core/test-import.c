/* test-import.c — what importing into the store does with each record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

  plan = hilum_import_plan_new (store, HILUM_FORMAT_HILUM, documents, problems);
  g_assert_cmpuint (plan->fresh->len, ==, 1);
  g_assert_cmpstr (hilum_document_get_study_id (plan->fresh->pdata[0]), ==, "A");
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_replaced, ==, 0);
  g_assert_cmpuint (plan->edited->len, ==, 1);
  g_assert_true (plan->edited->pdata[0] == documents->pdata[1]);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((HilumFormatProblem *) problems->pdata[0])->record, ==, "B");
  g_assert_nonnull (strstr (((HilumFormatProblem *) problems->pdata[0])->message, "twice"));

  /* Another format replaces the study's document. */
  g_ptr_array_set_size (problems, 0);
  g_ptr_array_remove_index (documents, 2);
  other = hilum_import_plan_new (store, HILUM_FORMAT_PADCHEST_GR, documents, problems);
  g_assert_cmpuint (other->fresh->len, ==, 2);
  g_assert_cmpuint (other->n_new, ==, 1);
  g_assert_cmpuint (other->n_replaced, ==, 1);
  g_assert_cmpuint (other->edited->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/import/plan", test_plan);
  g_test_add_func ("/hilum/import/apply-edit", test_apply_edit);

  return g_test_run ();
}
