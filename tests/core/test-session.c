/* test-session.c — editing through a session: undo/redo to the exact bytes, merging of
 * typing, reader rights with their messages, the study's status and reader entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "hilum-document.h"
#include "hilum-fixtures.h"
#include "hilum-session.h"
#include "hilum-store.h"

/* Two readers' boxes on one finding; the study is already in progress so the session
 * adds nothing of its own unless a test asks for it. */
static const char *sample_json =
  "{\"schema\":\"hilum-study/1\","
  "\"study\":{\"study_id\":\"s1\",\"indication\":\"\",\"status\":\"%s\"},"
  "\"images\":[{\"image_id\":\"img-f\",\"role\":\"current_frontal\",\"width\":1000,\"height\":800}],"
  "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"},"
  "{\"reader_id\":\"r2\",\"name\":\"Luis\",\"role\":\"reader\"}],"
  "\"findings\":["
  "{\"finding_id\":\"f1\",\"polarity\":\"positive\",\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia.\"},"
  "\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b1\",\"xyxy_norm\":[0.25,0.5,0.75,0.875]}]},"
  "{\"reader_id\":\"r2\",\"image_id\":\"img-f\",\"status\":\"boxed\",\"boxes\":["
  "{\"box_id\":\"b2\",\"xyxy_norm\":[0.125,0.25,0.375,0.5]}]}]},"
  "{\"finding_id\":\"f2\",\"polarity\":\"negative\",\"text\":{\"en\":\"No effusion.\",\"es\":\"Sin derrame.\"}}"
  "]}";

static HilumDocument *
sample_document (const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (sample_json);
  HilumDocument *doc;

  g_string_replace (json, "%s", status, 1);
  doc = hilum_document_new_from_string (json->str, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
text_of (HilumSession *session)
{
  return hilum_document_to_string (hilum_session_get_document (session), FALSE);
}

static const char *
en_of (HilumSession *session,
       const char   *finding_id)
{
  return hilum_finding_get_text (hilum_document_find_finding (hilum_session_get_document (session), finding_id, NULL),
                                 "en");
}

static void
perform_ok (HilumSession   *session,
            HilumOperation *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hilum_session_perform (session, op, &error));
  g_assert_no_error (error);
}

static void
test_roles (void)
{
  HilumReaderRole role = 99;

  g_assert_cmpstr (hilum_reader_role_to_string (HILUM_READER_ROLE_READER), ==, "reader");
  g_assert_cmpstr (hilum_reader_role_to_string (HILUM_READER_ROLE_REVIEWER), ==, "reviewer");
  g_assert_cmpstr (hilum_reader_role_to_string (HILUM_READER_ROLE_TRANSLATOR), ==, "translator");
  g_assert_true (hilum_reader_role_from_string ("translator", &role));
  g_assert_cmpint (role, ==, HILUM_READER_ROLE_TRANSLATOR);
  g_assert_false (hilum_reader_role_from_string ("boss", &role));
  g_assert_cmpint (role, ==, HILUM_READER_ROLE_TRANSLATOR);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s;", g_param_spec_get_name (pspec));
}

static void
changed_cb (HilumSession   *session,
            HilumOperation *op,
            gpointer        user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "changed:%s;", hilum_operation_get_kind (op));
}

static void
test_undo_redo (void)
{
  g_autoptr(HilumDocument) doc = sample_document ("in_progress");
  g_autoptr(HilumSession) session = hilum_session_new (NULL, doc, "r1", "Ana", HILUM_READER_ROLE_READER);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const double moved[4] = { 0.5, 0.5, 0.75, 0.75 };
  const double added[4] = { 0, 0, 0.5, 0.5 };
  g_autoptr(JsonObject) finding = hilum_finding_new ("positive");
  HilumOperation *ops[5];

  g_signal_connect (session, "notify::can-undo", G_CALLBACK (notify_cb), log);
  g_signal_connect (session, "notify::can-redo", G_CALLBACK (notify_cb), log);
  g_signal_connect (session, "changed", G_CALLBACK (changed_cb), log);

  g_assert_false (hilum_session_can_undo (session));
  g_assert_null (hilum_session_get_undo_label (session));
  g_assert_true (hilum_session_get_document (session) == doc);
  g_assert_cmpstr (hilum_session_get_reader_id (session), ==, "r1");
  g_assert_cmpint (hilum_session_get_role (session), ==, HILUM_READER_ROLE_READER);

  ops[0] = hilum_operation_new_set_text ("f1", "en", "Enlarged heart.");
  ops[1] = hilum_operation_new_set_box ("b1", moved);
  ops[2] = hilum_operation_new_add_finding (finding, 0);
  ops[3] = hilum_operation_new_add_box ("f2", "r1", "img-f", "b9", added);
  ops[4] = hilum_operation_new_remove_box ("b1");

  g_ptr_array_add (states, text_of (session));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      perform_ok (session, ops[i]);
      g_ptr_array_add (states, text_of (session));
      /* Each edit is stamped with who and when. */
      g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (ops[i]), "author"), ==, "r1");
      g_assert_true (g_str_has_suffix (json_object_get_string_member (hilum_operation_get_json (ops[i]), "time"), "Z"));
    }
  g_assert_cmpstr (log->str, ==,
                   "changed:set-finding-field;can-undo;changed:set-box;changed:add-finding;"
                   "changed:add-box;changed:remove-box;");
  g_assert_cmpstr (hilum_session_get_undo_label (session), ==, "Delete Box");

  /* Undo everything: each step gives back the exact bytes of the state before it. */
  g_string_truncate (log, 0);
  for (guint i = G_N_ELEMENTS (ops); i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (hilum_session_undo (session, &error));
      g_assert_no_error (error);
      now = text_of (session);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (hilum_session_can_undo (session));
  g_assert_true (hilum_session_can_redo (session));
  g_assert_cmpstr (hilum_session_get_redo_label (session), ==, "Edit Sentence");
  g_assert_cmpstr (log->str, ==,
                   "changed:add-box;can-redo;changed:remove-box;changed:remove-finding;"
                   "changed:set-box;changed:set-finding-field;can-undo;");

  /* Redo everything, again to the exact bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (hilum_session_redo (session, &error));
      now = text_of (session);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i + 1));
    }
  g_assert_false (hilum_session_can_redo (session));

  /* Two undos, then a new edit: the redo stack is gone. */
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_true (hilum_session_can_redo (session));
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f2", "es", "Sin derrame pleural.");

    perform_ok (session, op);
  }
  g_assert_false (hilum_session_can_redo (session));
  g_assert_cmpstr (hilum_session_get_undo_label (session), ==, "Edit Sentence");

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    hilum_operation_unref (ops[i]);
}

static void
test_merge_typing (void)
{
  g_autoptr(HilumDocument) doc = sample_document ("in_progress");
  g_autoptr(HilumSession) session = hilum_session_new (NULL, doc, "r1", "Ana", HILUM_READER_ROLE_READER);
  g_autofree char *before = text_of (session);
  const char *typed[] = { "a", "ab", "abc" };
  gint64 t = 1000 * G_USEC_PER_SEC;

  /* "a", "ab", "abc" within 2 s: one undo step back to the start. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", typed[i]);

      hilum_session_set_clock_for_testing (session, t + i * 900 * 1000);
      perform_ok (session, op);
    }
  g_assert_cmpstr (en_of (session, "f1"), ==, "abc");
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (en_of (session, "f1"), ==, "Cardiomegaly.");
  g_assert_false (hilum_session_can_undo (session));
  {
    g_autofree char *now = text_of (session);

    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (hilum_session_redo (session, NULL));
  g_assert_cmpstr (en_of (session, "f1"), ==, "abc");
  g_assert_true (hilum_session_undo (session, NULL));

  /* The same with 3 s between "ab" and "abc": two steps. */
  t += 100 * G_USEC_PER_SEC;
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", typed[i]);

      hilum_session_set_clock_for_testing (session, t + (i == 2 ? 4 : i) * G_USEC_PER_SEC);
      perform_ok (session, op);
    }
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (en_of (session, "f1"), ==, "ab");
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (en_of (session, "f1"), ==, "Cardiomegaly.");
  g_assert_false (hilum_session_can_undo (session));

  /* Another field, or a break (focus left the field), starts a new step. */
  t += 100 * G_USEC_PER_SEC;
  {
    g_autoptr(HilumOperation) a = hilum_operation_new_set_text ("f1", "en", "x");
    g_autoptr(HilumOperation) b = hilum_operation_new_set_text ("f1", "es", "y");
    g_autoptr(HilumOperation) c = hilum_operation_new_set_text ("f1", "es", "yz");
    g_autoptr(HilumOperation) d = hilum_operation_new_set_text ("f1", "es", "yzw");

    hilum_session_set_clock_for_testing (session, t);
    perform_ok (session, a);
    perform_ok (session, b);
    perform_ok (session, c);
    hilum_session_break_merge (session);
    perform_ok (session, d);
  }
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (doc, "f1", NULL), "es"), ==, "yz");
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (doc, "f1", NULL), "es"), ==, "Cardiomegalia.");
  g_assert_cmpstr (en_of (session, "f1"), ==, "x");
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_cmpstr (en_of (session, "f1"), ==, "Cardiomegaly.");
  g_assert_false (hilum_session_can_undo (session));
}

static void
check_forbidden (HilumSession   *session,
                 HilumOperation *op,
                 const char     *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = text_of (session);
  g_autofree char *after = NULL;
  gboolean could_undo = hilum_session_can_undo (session);

  g_assert_false (hilum_session_perform (session, op, &error));
  g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, message);
  after = text_of (session);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (could_undo, ==, hilum_session_can_undo (session));
}

static void
test_rights (void)
{
  g_autoptr(HilumDocument) doc = sample_document ("in_progress");
  g_autoptr(HilumSession) reader = hilum_session_new (NULL, doc, "r1", "Ana", HILUM_READER_ROLE_READER);
  g_autoptr(HilumSession) translator = NULL;
  const double xyxy[4] = { 0.1, 0.1, 0.2, 0.2 };
  static const char *other = "These boxes belong to reader Luis; you can only change your own.";

  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_box ("b2", xyxy);
    check_forbidden (reader, op, other);
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_box ("b2");
    check_forbidden (reader, op, other);
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_box ("f2", "r2", "img-f", NULL, xyxy);
    check_forbidden (reader, op, other);
  }
  {
    /* Deleting a finding would delete Luis's box too. */
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_finding ("f1");
    check_forbidden (reader, op, other);
  }
  {
    /* A batch is refused whole when one part is not allowed. */
    g_autoptr(GPtrArray) parts = g_ptr_array_new ();

    g_ptr_array_add (parts, hilum_operation_new_set_box ("b1", xyxy));
    g_ptr_array_add (parts, hilum_operation_new_remove_box ("b2"));
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_batch ("Tidy", parts);
      check_forbidden (reader, op, other);
    }
  }
  {
    /* One's own boxes are fine, and so is a finding with only one's own boxes. */
    g_autoptr(HilumOperation) op = hilum_operation_new_set_box ("b1", xyxy);
    g_autoptr(HilumOperation) add = hilum_operation_new_add_box ("f2", "r1", "img-f", "b5", xyxy);
    g_autoptr(HilumOperation) remove = hilum_operation_new_remove_finding ("f2");

    perform_ok (reader, op);
    perform_ok (reader, add);
    perform_ok (reader, remove);
    g_assert_true (hilum_session_undo (reader, NULL));
    g_assert_true (hilum_session_undo (reader, NULL));
  }

  translator = hilum_session_new (NULL, doc, "t1", "Eva", HILUM_READER_ROLE_TRANSLATOR);
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_box ("b1", xyxy);
    check_forbidden (translator, op, "A translator can edit sentences but not boxes.");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_add_box ("f2", "t1", "img-f", NULL, xyxy);
    check_forbidden (translator, op, "A translator can edit sentences but not boxes.");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_remove_finding ("f2");
    check_forbidden (translator, op, "A translator can edit sentences and their translation state, nothing else.");
  }
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f2", "es", "No hay derrame.");
    g_autoptr(JsonNode) state = json_from_string ("{\"state\":\"verified\",\"by\":\"t1\",\"at\":null}", NULL);
    g_autoptr(HilumOperation) verify = hilum_operation_new_set_finding_field ("f2", "translation.es", state);
    JsonArray *readers;

    perform_ok (translator, op);
    perform_ok (translator, verify);
    g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (doc, "f2", NULL), "es"), ==, "No hay derrame.");
    /* The translator joined the study's readers with the first edit; undo takes that back too. */
    readers = json_object_get_array_member (hilum_document_get_root (doc), "readers");
    g_assert_cmpuint (json_array_get_length (readers), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (readers, 2), "role"), ==, "translator");
    g_assert_true (hilum_session_undo (translator, NULL));
    g_assert_true (hilum_session_undo (translator, NULL));
    g_assert_cmpuint (json_array_get_length (readers = json_object_get_array_member (hilum_document_get_root (doc), "readers")), ==, 2);
    g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (doc, "f2", NULL), "es"), ==, "Sin derrame.");
  }
}

static void
test_first_edit (void)
{
  g_autoptr(HilumDocument) doc = sample_document ("new");
  g_autoptr(HilumSession) session = hilum_session_new (NULL, doc, "r1", "Ana", HILUM_READER_ROLE_READER);
  g_autofree char *before = text_of (session);
  g_autofree char *undone = NULL;
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", "a");
  g_autoptr(HilumOperation) op2 = hilum_operation_new_set_text ("f1", "en", "ab");

  hilum_session_set_clock_for_testing (session, 0);
  perform_ok (session, op);
  g_assert_cmpstr (hilum_document_get_study_field (doc, "status"), ==, "in_progress");
  g_assert_cmpstr (hilum_session_get_undo_label (session), ==, "Edit Sentence");
  /* Typing goes on merging into the first step. */
  hilum_session_set_clock_for_testing (session, G_USEC_PER_SEC);
  perform_ok (session, op2);
  g_assert_true (hilum_session_undo (session, NULL));
  g_assert_false (hilum_session_can_undo (session));
  g_assert_cmpstr (hilum_document_get_study_field (doc, "status"), ==, "new");
  undone = text_of (session);
  g_assert_cmpstr (undone, ==, before);
}

static void
test_refused_edit (void)
{
  g_autoptr(HilumDocument) doc = sample_document ("in_progress");
  g_autoptr(HilumSession) session = hilum_session_new (NULL, doc, "r1", "Ana", HILUM_READER_ROLE_READER);
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f9", "en", "x");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = text_of (session);
  g_autofree char *after = NULL;

  g_assert_false (hilum_session_perform (session, op, &error));
  g_assert_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no finding with the id “f9” in this study.");
  g_assert_false (hilum_session_can_undo (session));
  after = text_of (session);
  g_assert_cmpstr (after, ==, before);
}

/* Through the store: every edit, undo and redo is in the audit log with its author, and
 * the stored document is the one on screen. */
static void
test_store (void)
{
  g_autofree char *dir = hilum_fixture_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hilum.db", NULL);
  g_autoptr(HilumDocument) doc = sample_document ("new");
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *stored = NULL;

  {
    g_autoptr(HilumStore) store = hilum_store_open (path, &error);
    g_autoptr(HilumSession) session = NULL;
    g_autoptr(HilumOperation) text = hilum_operation_new_set_text ("f1", "es", "Cardiomegalia leve.");
    g_autoptr(HilumOperation) box = hilum_operation_new_remove_box ("b2");
    g_autoptr(HilumOperation) own = hilum_operation_new_remove_box ("b1");
    g_autoptr(GPtrArray) audit = NULL;

    g_assert_no_error (error);
    g_assert_true (hilum_store_put_document (store, doc, &error));
    g_assert_no_error (error);
    session = hilum_session_new (store, doc, "r1", "Ana", HILUM_READER_ROLE_READER);

    perform_ok (session, text);
    check_forbidden (session, box, "These boxes belong to reader Luis; you can only change your own.");
    perform_ok (session, own);
    g_assert_true (hilum_session_undo (session, &error));
    g_assert_no_error (error);
    g_assert_true (hilum_session_redo (session, &error));
    g_assert_no_error (error);
    shown = text_of (session);

    audit = hilum_store_get_audit (store, "s1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, ==, 4);
    for (guint i = 0; i < audit->len; i++)
      g_assert_cmpstr (json_object_get_string_member (hilum_operation_get_json (g_ptr_array_index (audit, i)), "author"),
                       ==, "r1");
    /* The first edit marked the study in progress, in the same step. */
    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 0)), ==, "batch");
    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 1)), ==, "remove-box");
    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 2)), ==, "add-box");
    g_assert_cmpstr (hilum_operation_get_kind (g_ptr_array_index (audit, 3)), ==, "remove-box");
  }
  {
    g_autoptr(HilumStore) store = hilum_store_open (path, &error);
    g_autoptr(HilumDocument) reread = hilum_store_get_document (store, "s1", &error);

    g_assert_no_error (error);
    stored = hilum_document_to_string (reread, FALSE);
    g_assert_cmpstr (stored, ==, shown);
    g_assert_cmpstr (hilum_document_get_study_field (reread, "status"), ==, "in_progress");
    g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (reread, "f1", NULL), "es"), ==,
                     "Cardiomegalia leve.");
    g_assert_null (hilum_document_find_box (reread, "b1", NULL, NULL, NULL));
    g_assert_nonnull (hilum_document_find_box (reread, "b2", NULL, NULL, NULL));
  }
  hilum_fixture_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/session/roles", test_roles);
  g_test_add_func ("/hilum/session/undo-redo", test_undo_redo);
  g_test_add_func ("/hilum/session/merge-typing", test_merge_typing);
  g_test_add_func ("/hilum/session/rights", test_rights);
  g_test_add_func ("/hilum/session/first-edit", test_first_edit);
  g_test_add_func ("/hilum/session/refused", test_refused_edit);
  g_test_add_func ("/hilum/session/store", test_store);

  return g_test_run ();
}
