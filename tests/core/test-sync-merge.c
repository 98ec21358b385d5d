/* test-sync-merge.c — the three-way merge of a study's document and resolving what it
 * could not decide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hilum-conflict.h"
#include "hilum-document.h"
#include "hilum-json.h"
#include "hilum-merge.h"

/* Two findings; f1 with one box of reader r1 on image i1. */
#define BASE_JSON \
  "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"S1\",\"status\":\"in_progress\",\"indication\":\"Cough.\"}," \
  "\"images\":[{\"image_id\":\"i1\",\"role\":\"current_frontal\"}]," \
  "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"}," \
  "{\"reader_id\":\"r2\",\"name\":\"Luis\",\"role\":\"reader\"}]," \
  "\"findings\":[" \
  "{\"finding_id\":\"f1\",\"polarity\":\"positive\",\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia.\"}," \
  "\"labels\":[\"cardiomegaly\"],\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"i1\",\"status\":\"boxed\"," \
  "\"boxes\":[{\"box_id\":\"b1\",\"xyxy_norm\":[0.1,0.2,0.5,0.6]}]}]}," \
  "{\"finding_id\":\"f2\",\"polarity\":\"positive\",\"text\":{\"en\":\"Effusion.\",\"es\":\"Derrame.\"}}]}"

static HilumDocument *
base_document (void)
{
  g_autoptr(GError) error = NULL;
  HilumDocument *document = hilum_document_new_from_string (BASE_JSON, -1, &error);

  g_assert_no_error (error);
  return document;
}

static void
apply (HilumDocument  *document,
       HilumOperation *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) owned = op;

  g_assert_true (hilum_document_apply (document, owned, &error));
  g_assert_no_error (error);
}

static void
set_text (HilumDocument *document,
          const char    *finding_id,
          const char    *lang,
          const char    *text)
{
  apply (document, hilum_operation_new_set_text (finding_id, lang, text));
}

static const char *
text_of (HilumDocument *document,
         const char    *finding_id,
         const char    *lang)
{
  JsonObject *finding = hilum_document_find_finding (document, finding_id, NULL);

  g_assert_nonnull (finding);
  return hilum_finding_get_text (finding, lang);
}

static HilumMergeResult *
merge (HilumDocument *base,
       HilumDocument *local,
       HilumDocument *remote)
{
  g_autoptr(GError) error = NULL;
  HilumMergeResult *result = hilum_merge_documents (base, local, remote, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static char *
finding_order (HilumDocument *document)
{
  JsonArray *findings = hilum_json_get_array (hilum_document_get_root (document), "findings");
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      if (i > 0)
        g_string_append_c (order, ',');
      g_string_append (order, hilum_finding_get_id (json_array_get_object_element (findings, i)));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_different_findings (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;

  set_text (local, "f1", "en", "Mild cardiomegaly.");
  set_text (remote, "f2", "en", "Small left effusion.");
  result = merge (base, local, remote);

  g_assert_cmpstr (text_of (result->merged, "f1", "en"), ==, "Mild cardiomegaly.");
  g_assert_cmpstr (text_of (result->merged, "f2", "en"), ==, "Small left effusion.");
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpuint (hilum_document_count_conflicts (result->merged), ==, 0);
  g_assert_cmpuint (result->n_local_changes, ==, 1);
  g_assert_nonnull (result->operation);
}

static void
test_spanish_and_english (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;

  set_text (local, "f1", "es", "Cardiomegalia leve.");
  set_text (remote, "f1", "en", "Mild cardiomegaly.");
  result = merge (base, local, remote);

  g_assert_cmpstr (text_of (result->merged, "f1", "es"), ==, "Cardiomegalia leve.");
  g_assert_cmpstr (text_of (result->merged, "f1", "en"), ==, "Mild cardiomegaly.");
  g_assert_cmpuint (result->conflicts->len, ==, 0);
}

static void
test_two_readers_boxes (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  const double mine[4] = { 0.2, 0.2, 0.4, 0.4 };
  const double theirs[4] = { 0.6, 0.2, 0.9, 0.5 };
  const char *owner = NULL;

  apply (local, hilum_operation_new_add_box ("f1", "r1", "i1", "b-local", mine));
  apply (remote, hilum_operation_new_add_box ("f1", "r2", "i1", "b-remote", theirs));
  result = merge (base, local, remote);

  g_assert_nonnull (hilum_document_find_box (result->merged, "b1", NULL, &owner, NULL));
  g_assert_nonnull (hilum_document_find_box (result->merged, "b-local", NULL, &owner, NULL));
  g_assert_cmpstr (owner, ==, "r1");
  g_assert_nonnull (hilum_document_find_box (result->merged, "b-remote", NULL, &owner, NULL));
  g_assert_cmpstr (owner, ==, "r2");
  g_assert_cmpuint (result->conflicts->len, ==, 0);
}

static void
test_same_sentence_conflict (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  HilumMergeConflict *found;
  HilumConflict *conflict;

  set_text (local, "f1", "es", "Cardiomegalia leve.");
  set_text (remote, "f1", "es", "Cardiomegalia moderada.");
  result = merge (base, local, remote);

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  found = result->conflicts->pdata[0];
  g_assert_cmpstr (found->finding_id, ==, "f1");
  g_assert_cmpstr (found->field, ==, "text.es");
  g_assert_cmpstr (found->local, ==, "\"Cardiomegalia leve.\"");
  g_assert_cmpstr (found->remote, ==, "\"Cardiomegalia moderada.\"");
  /* Mine stays in place until someone decides; both are in the document. */
  g_assert_cmpstr (text_of (result->merged, "f1", "es"), ==, "Cardiomegalia leve.");
  conflicts = hilum_document_list_conflicts (result->merged, "f1");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (json_node_get_string (conflict->current), ==, "Cardiomegalia leve.");
  g_assert_cmpstr (json_node_get_string (conflict->other), ==, "Cardiomegalia moderada.");
  g_assert_cmpuint (result->n_local_changes, ==, 1);
}

static void
test_moved_against_deleted (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  const double moved[4] = { 0.15, 0.25, 0.55, 0.65 };
  HilumMergeConflict *found;

  apply (local, hilum_operation_new_set_box ("b1", moved));
  apply (remote, hilum_operation_new_remove_box ("b1"));
  result = merge (base, local, remote);

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  found = result->conflicts->pdata[0];
  g_assert_cmpstr (found->field, ==, "box");
  g_assert_cmpstr (found->remote, ==, "null");
  /* Nothing edited is dropped silently: the moved box is still there. */
  g_assert_nonnull (hilum_document_find_box (result->merged, "b1", NULL, NULL, NULL));
  conflicts = hilum_document_list_conflicts (result->merged, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_null (((HilumConflict *) conflicts->pdata[0])->other);
}

static void
test_deleted_unchanged (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  g_autofree char *order = NULL;

  apply (remote, hilum_operation_new_remove_finding ("f2"));
  result = merge (base, local, remote);

  order = finding_order (result->merged);
  g_assert_cmpstr (order, ==, "f1");
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpuint (result->n_local_changes, ==, 0);
}

static void
test_deleted_against_edit (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;

  set_text (local, "f2", "es", "Derrame pleural izquierdo.");
  apply (remote, hilum_operation_new_remove_finding ("f2"));
  result = merge (base, local, remote);

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  g_assert_cmpstr (((HilumMergeConflict *) result->conflicts->pdata[0])->field, ==, "finding");
  g_assert_cmpstr (text_of (result->merged, "f2", "es"), ==, "Derrame pleural izquierdo.");
}

static JsonObject *
new_finding (const char *id,
             const char *en)
{
  g_autofree char *json = g_strdup_printf ("{\"finding_id\":\"%s\",\"polarity\":\"positive\","
                                           "\"text\":{\"en\":\"%s\",\"es\":\"\"}}", id, en);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return json_object_ref (json_node_get_object (node));
}

static void
test_added_both_sides (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  g_autoptr(JsonObject) mine = new_finding ("f-local", "Nodule.");
  g_autoptr(JsonObject) theirs = new_finding ("f-remote", "Scoliosis.");
  g_autofree char *order = NULL;

  apply (local, hilum_operation_new_add_finding (mine, 2));
  /* Theirs went between f1 and f2 on the server. */
  apply (remote, hilum_operation_new_add_finding (theirs, 1));
  result = merge (base, local, remote);

  order = finding_order (result->merged);
  g_assert_cmpstr (order, ==, "f1,f-remote,f2,f-local");
  g_assert_cmpuint (result->conflicts->len, ==, 0);
}

static void
test_same_change_both_sides (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  const char * const labels[] = { "cardiomegaly", "pleural effusion", NULL };

  apply (local, hilum_operation_new_set_terms ("f1", "labels", labels));
  apply (remote, hilum_operation_new_set_terms ("f1", "labels", labels));
  result = merge (base, local, remote);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpuint (result->n_local_changes, ==, 0);
}

static void
test_no_base (void)
{
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) same = merge (NULL, local, remote);
  g_autoptr(HilumMergeResult) different = NULL;

  g_assert_null (same->operation);
  g_assert_cmpuint (same->conflicts->len, ==, 0);

  /* Two laptops imported the study; one corrected a sentence before either synced. */
  set_text (remote, "f2", "en", "Small effusion.");
  different = merge (NULL, local, remote);
  g_assert_cmpuint (different->conflicts->len, ==, 1);
  g_assert_cmpstr (text_of (different->merged, "f2", "en"), ==, "Effusion.");
}

static void
test_idempotent (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) first = NULL;
  g_autoptr(HilumMergeResult) again = NULL;
  g_autoptr(HilumMergeResult) other_side = NULL;

  set_text (local, "f1", "es", "Cardiomegalia leve.");
  set_text (remote, "f1", "es", "Cardiomegalia moderada.");
  set_text (remote, "f2", "en", "Small effusion.");
  first = merge (base, local, remote);

  /* The merge pushed, and pulled back: nothing new. */
  again = merge (first->merged, first->merged, first->merged);
  g_assert_null (again->operation);
  g_assert_cmpuint (hilum_document_count_conflicts (again->merged), ==, 1);

  /* The other client meets the same conflict: one entry, the same id. */
  other_side = merge (base, remote, first->merged);
  g_assert_cmpuint (hilum_document_count_conflicts (other_side->merged), ==, 1);
}

static void
resolve_and_check (HilumConflictChoice  choice,
                   JsonNode            *edited,
                   const char          *expected)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(HilumOperation) resolution = NULL;
  g_autoptr(HilumOperation) undo = NULL;
  g_autoptr(GError) error = NULL;
  HilumDocument *document;

  set_text (local, "f1", "es", "Cardiomegalia leve.");
  set_text (remote, "f1", "es", "Cardiomegalia moderada.");
  result = merge (base, local, remote);
  document = result->merged;
  conflicts = hilum_document_list_conflicts (document, NULL);

  resolution = hilum_conflict_resolve (document, ((HilumConflict *) conflicts->pdata[0])->conflict_id,
                                       choice, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_operation_get_label (resolution), ==, "Resolve Conflict");
  g_assert_true (hilum_document_apply (document, resolution, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (document, "f1", "es"), ==, expected);
  g_assert_cmpuint (hilum_document_count_conflicts (document), ==, 0);

  /* Undo brings the conflict back, with the value as it was. */
  undo = hilum_operation_invert (resolution);
  g_assert_true (hilum_document_apply (document, undo, &error));
  g_assert_cmpuint (hilum_document_count_conflicts (document), ==, 1);
  g_assert_cmpstr (text_of (document, "f1", "es"), ==, "Cardiomegalia leve.");
}

static void
test_resolve (void)
{
  g_autoptr(JsonNode) edited = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (edited, "Cardiomegalia leve a moderada.");
  resolve_and_check (HILUM_CONFLICT_KEEP_CURRENT, NULL, "Cardiomegalia leve.");
  resolve_and_check (HILUM_CONFLICT_KEEP_OTHER, NULL, "Cardiomegalia moderada.");
  resolve_and_check (HILUM_CONFLICT_EDIT, edited, "Cardiomegalia leve a moderada.");
}

static void
test_resolved_on_one_side (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(HilumMergeResult) first = NULL;
  g_autoptr(HilumMergeResult) after = NULL;
  g_autoptr(HilumDocument) resolved = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  HilumOperation *resolution;

  set_text (local, "f1", "es", "Cardiomegalia leve.");
  set_text (remote, "f1", "es", "Cardiomegalia moderada.");
  first = merge (base, local, remote);

  /* Resolved here; the server still has the merged document with the conflict. */
  resolved = hilum_document_copy (first->merged);
  conflicts = hilum_document_list_conflicts (resolved, NULL);
  resolution = hilum_conflict_resolve (resolved, ((HilumConflict *) conflicts->pdata[0])->conflict_id,
                                       HILUM_CONFLICT_KEEP_OTHER, NULL, &error);
  apply (resolved, resolution);

  after = merge (first->merged, resolved, first->merged);
  g_assert_cmpuint (hilum_document_count_conflicts (after->merged), ==, 0);
  g_assert_cmpstr (text_of (after->merged, "f1", "es"), ==, "Cardiomegalia moderada.");
}

static void
test_malformed (void)
{
  g_autoptr(HilumDocument) base = base_document ();
  g_autoptr(HilumDocument) local = base_document ();
  g_autoptr(HilumDocument) remote = base_document ();
  g_autoptr(GError) error = NULL;
  JsonArray *findings = hilum_json_get_array (hilum_document_get_root (remote), "findings");
  HilumMergeResult *result;

  json_object_remove_member (json_array_get_object_element (findings, 1), "finding_id");
  result = hilum_merge_documents (base, local, remote, &error);
  g_assert_null (result);
  g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/sync-merge/different-findings", test_different_findings);
  g_test_add_func ("/hilum/sync-merge/spanish-and-english", test_spanish_and_english);
  g_test_add_func ("/hilum/sync-merge/two-readers-boxes", test_two_readers_boxes);
  g_test_add_func ("/hilum/sync-merge/same-sentence-conflict", test_same_sentence_conflict);
  g_test_add_func ("/hilum/sync-merge/moved-against-deleted", test_moved_against_deleted);
  g_test_add_func ("/hilum/sync-merge/deleted-unchanged", test_deleted_unchanged);
  g_test_add_func ("/hilum/sync-merge/deleted-against-edit", test_deleted_against_edit);
  g_test_add_func ("/hilum/sync-merge/added-both-sides", test_added_both_sides);
  g_test_add_func ("/hilum/sync-merge/same-change-both-sides", test_same_change_both_sides);
  g_test_add_func ("/hilum/sync-merge/no-base", test_no_base);
  g_test_add_func ("/hilum/sync-merge/idempotent", test_idempotent);
  g_test_add_func ("/hilum/sync-merge/resolve", test_resolve);
  g_test_add_func ("/hilum/sync-merge/resolved-on-one-side", test_resolved_on_one_side);
  g_test_add_func ("/hilum/sync-merge/malformed", test_malformed);

  return g_test_run ();
}
