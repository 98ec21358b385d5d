/* test-session-sync.c — an open edit session when a sync stores a merged document:
 * the session follows it, and its next edit never writes the stale document over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-session.h"
#include "hilum-store.h"
#include "hilum-store-sync.h"
#include "hilum-workspace.h"

#define DOC_JSON(en, es) \
  "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"S1\",\"status\":\"new\"}," \
  "\"images\":[],\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"}]," \
  "\"findings\":[{\"finding_id\":\"f1\",\"polarity\":\"positive\"," \
  "\"text\":{\"en\":\"" en "\",\"es\":\"" es "\"}}]}"

typedef struct
{
  char           *dir;
  char           *path;
  HilumWorkspace *workspace;
  HilumStore     *worker_store;   /* the sync thread's connection */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = hilum_fixture_dir_new ();
  fixture->path = g_build_filename (fixture->dir, "hilum.db", NULL);
  fixture->workspace = hilum_workspace_new (fixture->path);
  hilum_workspace_set_reader (fixture->workspace, "r1", "Ana", HILUM_READER_ROLE_READER);
  document = hilum_document_new_from_string (DOC_JSON ("Cardiomegaly.", "Cardiomegalia."), -1, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (hilum_workspace_get_store (fixture->workspace), document, &error));
  fixture->worker_store = hilum_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->worker_store);
  g_clear_object (&fixture->workspace);
  hilum_fixture_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* What a pull does on the sync thread: the server's Spanish sentence merged in. */
static void
store_merge_from_server (Fixture *fixture)
{
  g_autoptr(HilumSyncRecord) record = NULL;
  g_autoptr(HilumDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "es", "Cardiomegalia leve.");

  record = hilum_store_get_sync_record (fixture->worker_store, "S1", &error);
  g_assert_no_error (error);
  merged = hilum_document_new_from_string (record->json, -1, &error);
  g_assert_true (hilum_document_apply (merged, op, &error));
  g_assert_true (hilum_store_apply_remote (fixture->worker_store, "S1", record->revision, merged,
                                           "{}", "0-abc", "remote-1", op, &error));
  g_assert_no_error (error);
}

static const char *
text_of (HilumDocument *document,
         const char    *lang)
{
  JsonObject *finding = hilum_document_find_finding (document, "f1", NULL);

  return hilum_finding_get_text (finding, lang);
}

static void
test_edit_after_merge_keeps_both (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) first = hilum_operation_new_set_text ("f1", "en", "Mild cardiomegaly.");
  g_autoptr(HilumOperation) second = hilum_operation_new_set_text ("f1", "en", "Mild cardiomegaly, stable.");
  g_autoptr(HilumDocument) stored = NULL;
  HilumSession *session = hilum_workspace_get_session (fixture->workspace, "S1", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (hilum_session_perform (session, first, &error));
  g_assert_true (hilum_session_can_undo (session));

  /* The sync thread stores a merge; the session has not heard of it yet. */
  store_merge_from_server (fixture);
  g_assert_cmpstr (text_of (hilum_session_get_document (session), "es"), ==, "Cardiomegalia.");

  /* The next edit catches up first: the server's Spanish stays, the English is new. */
  g_assert_true (hilum_session_perform (session, second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (hilum_session_get_document (session), "es"), ==, "Cardiomegalia leve.");
  g_assert_cmpstr (text_of (hilum_session_get_document (session), "en"), ==, "Mild cardiomegaly, stable.");
  stored = hilum_store_get_document (hilum_workspace_get_store (fixture->workspace), "S1", &error);
  g_assert_cmpstr (text_of (stored, "es"), ==, "Cardiomegalia leve.");
  g_assert_cmpstr (text_of (stored, "en"), ==, "Mild cardiomegaly, stable.");
}

static void
test_study_synced_updates_session (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOperation) first = hilum_operation_new_set_text ("f1", "en", "Mild cardiomegaly.");
  HilumSession *session = hilum_workspace_get_session (fixture->workspace, "S1", NULL, &error);

  g_assert_true (hilum_session_perform (session, first, &error));
  store_merge_from_server (fixture);
  hilum_workspace_study_synced (fixture->workspace, "S1");

  g_assert_cmpstr (text_of (hilum_session_get_document (session), "es"), ==, "Cardiomegalia leve.");
  g_assert_cmpstr (text_of (hilum_session_get_document (session), "en"), ==, "Mild cardiomegaly.");
  /* Undo would be about the document before the merge. */
  g_assert_false (hilum_session_can_undo (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hilum/session-sync/edit-after-merge", Fixture, NULL, fixture_set_up,
              test_edit_after_merge_keeps_both, fixture_tear_down);
  g_test_add ("/hilum/session-sync/study-synced", Fixture, NULL, fixture_set_up,
              test_study_synced_updates_session, fixture_tear_down);

  return g_test_run ();
}
