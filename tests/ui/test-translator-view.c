/* test-translator-view.c — the translator's workspace: pairs, flags, verification, queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hilum-ui-test.h"

#include "hilum-pair-row.h"
#include "hilum-spell-checker.h"
#include "hilum-store.h"
#include "hilum-translation-check.h"
#include "hilum-translator-view.h"
#include "hilum-workspace.h"

#define F1 "11111111-1111-4111-8111-111111111111"
#define F2 "22222222-2222-4222-8222-222222222222"
#define F3 "33333333-3333-4333-8333-333333333333"
#define F4 "44444444-4444-4444-8444-444444444444"

/* Two clean pairs (1, 3) and two that raise flags: a side mismatch (2), no Spanish (4). */
static const char *document_json =
  "{\"schema\": \"hilum-study/1\", \"study\": {\"study_id\": \"%s\", \"status\": \"in_progress\"},"
  " \"images\": [{\"image_id\": \"img\", \"role\": \"current_frontal\", \"width\": 100,"
  "              \"height\": 100, \"file\": null}],"
  " \"readers\": [{\"reader_id\": \"t1\", \"name\": \"Ana\", \"role\": \"translator\"}],"
  " \"findings\": ["
  "  {\"finding_id\": \"" F1 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Cardiomegaly.\", \"es\": \"Cardiomegalia.\"}},"
  "  {\"finding_id\": \"" F2 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Small left pleural effusion.\","
  "             \"es\": \"Pequeño derrame pleural derecho.\"}},"
  "  {\"finding_id\": \"" F3 "\", \"polarity\": \"negative\","
  "   \"text\": {\"en\": \"No pneumothorax.\", \"es\": \"No hay neumotórax.\"}},"
  "  {\"finding_id\": \"" F4 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Aortic elongation.\", \"es\": \"\"}}"
  " ]}";

typedef struct
{
  char                *dir;
  HilumStore          *store;
  HilumSession        *session;
  HilumDocument       *document;   /* the session's */
  GtkWidget           *window;
  HilumTranslatorView *view;
} Fixture;

static HilumDocument *
make_document (const char *study_id)
{
  g_autoptr(GString) json = g_string_new (document_json);
  g_autoptr(GError) error = NULL;
  HilumDocument *document;

  g_string_replace (json, "%s", study_id, 1);
  document = hilum_document_new_from_string (json->str, -1, &error);

  g_assert_no_error (error);
  return document;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HilumDocument) document = make_document ("S2");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("hilum-translator-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.sqlite", NULL);
  f->store = hilum_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (f->store, document, &error));
  g_assert_no_error (error);
  f->session = hilum_session_new (f->store, document, "t1", "Ana", HILUM_READER_ROLE_TRANSLATOR);
  f->document = hilum_session_get_document (f->session);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->view = HILUM_TRANSLATOR_VIEW (hilum_translator_view_new ());
  g_object_ref (f->view);
  hilum_translator_view_set_session (f->view, f->session);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_set_title (GTK_WINDOW (f->window), "hilum-translator-view");
  gtk_window_present (GTK_WINDOW (f->window));
  hilum_test_wait_for_paint (GTK_WIDGET (f->view));
  /* The keys are the view's: the focus is inside it, as when the user works there. */
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->session);
  g_clear_object (&f->store);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->dir);
}

/* The queue of the fixture's store, as the window gives it. */
static void
set_workspace (Fixture *f)
{
  g_autoptr(HilumWorkspace) workspace = hilum_workspace_new_for_store (f->store);

  hilum_translator_view_set_workspace (f->view, workspace);
}

/* A real key press (xdotool) to the window, as a user's. */
static void
press (Fixture    *f,
       const char *key)
{
  g_autofree char *args = g_strdup_printf ("key %s", key);

  hilum_test_xdotool ("search --sync --onlyvisible --name '^hilum-translator-view$' windowfocus --sync");
  hilum_test_xdotool (args);
}

static HilumPairRow *
row_at (Fixture *f,
        guint    index)
{
  return HILUM_PAIR_ROW (hilum_translator_view_get_row (f->view, index));
}

static gboolean
has_flag (HilumPairRow *row,
          const char   *flag)
{
  GPtrArray *flags = hilum_pair_row_get_flags (row);

  for (guint i = 0; i < flags->len; i++)
    if (g_str_equal (g_ptr_array_index (flags, i), flag))
      return TRUE;
  return FALSE;
}

static const char *
selected_id (Fixture *f)
{
  GtkWidget *row = hilum_translator_view_get_selected (f->view);

  return row != NULL ? hilum_pair_row_get_finding_id (HILUM_PAIR_ROW (row)) : NULL;
}

static const char *
state_member (HilumDocument *document,
              const char    *finding_id,
              const char    *lang,
              const char    *member)
{
  JsonObject *finding = hilum_document_find_finding (document, finding_id, NULL);
  JsonObject *translation, *state;

  if (!json_object_has_member (finding, "translation"))
    return NULL;
  translation = json_object_get_object_member (finding, "translation");
  if (!json_object_has_member (translation, lang))
    return NULL;
  state = json_object_get_object_member (translation, lang);
  return json_object_get_string_member_with_default (state, member, NULL);
}

static void
test_rows_and_flags (Fixture       *f,
                     gconstpointer  data)
{
  GtkTextBuffer *buffer;
  g_autofree char *es = NULL;
  GtkTextIter start, end;

  g_assert_cmpuint (hilum_translator_view_get_n_rows (f->view), ==, 4);
  /* Each side's sentence in its own field. */
  buffer = gtk_text_view_get_buffer (hilum_pair_row_get_text_view (row_at (f, 1), "es"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  es = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (es, ==, "Pequeño derrame pleural derecho.");
  /* Each field is spell-checked in its own language. */
  g_assert_cmpstr (hilum_spell_checker_get_language (hilum_spell_checker_get_for_view (hilum_pair_row_get_text_view (row_at (f, 1), "es"))),
                   ==, "es");
  g_assert_cmpstr (hilum_spell_checker_get_language (hilum_spell_checker_get_for_view (hilum_pair_row_get_text_view (row_at (f, 1), "en"))),
                   ==, "en");

  g_assert_cmpuint (hilum_pair_row_get_n_flags (row_at (f, 0)), ==, 0);
  g_assert_true (has_flag (row_at (f, 1), "side-mismatch"));
  g_assert_cmpuint (hilum_pair_row_get_n_flags (row_at (f, 2)), ==, 0);
  g_assert_true (has_flag (row_at (f, 3), "missing-translation"));

  /* The filter shows only the flagged pairs. */
  hilum_translator_view_set_filter (f->view, HILUM_TRANSLATOR_FILTER_FLAGGED);
  g_assert_cmpuint (hilum_translator_view_get_n_rows (f->view), ==, 2);
  g_assert_cmpstr (hilum_pair_row_get_finding_id (row_at (f, 0)), ==, F2);
  hilum_translator_view_set_filter (f->view, HILUM_TRANSLATOR_FILTER_ALL);

  /* Fixing the side clears its flag at once. */
  gtk_text_buffer_set_text (buffer, "Pequeño derrame pleural izquierdo.", -1);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (f->document, F2, NULL), "es"),
                   ==, "Pequeño derrame pleural izquierdo.");
  g_assert_false (has_flag (row_at (f, 1), "side-mismatch"));
}

static void
test_next_flagged (Fixture       *f,
                   gconstpointer  data)
{
  /* The view opens on the first flagged pair. */
  g_assert_cmpstr (selected_id (f), ==, F2);
  press (f, "F8");
  g_assert_cmpstr (selected_id (f), ==, F4);
  press (f, "F8");
  g_assert_cmpstr (selected_id (f), ==, F2);
  press (f, "shift+F8");
  g_assert_cmpstr (selected_id (f), ==, F4);
  /* F2 edits the Spanish sentence. */
  press (f, "F2");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (hilum_pair_row_get_text_view (row_at (f, 3), "es"))));
}

static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean found = FALSE;
  HilumPairRow *row = row_at (f, 1);

  g_assert_cmpstr (selected_id (f), ==, F2);
  press (f, "ctrl+Return");
  for (guint i = 0; i < 2; i++)
    {
      const char *lang = i == 0 ? "es" : "en";
      g_autoptr(GDateTime) at = NULL;

      g_assert_cmpstr (state_member (f->document, F2, lang, "state"), ==, "verified");
      g_assert_cmpstr (state_member (f->document, F2, lang, "by"), ==, "t1");
      at = g_date_time_new_from_iso8601 (state_member (f->document, F2, lang, "at"), NULL);
      g_assert_nonnull (at);
      g_assert_true (g_str_has_prefix (hilum_pair_row_get_verified_text (row, lang), "Verified by Ana, "));
    }
  /* Then the next pair. */
  g_assert_cmpstr (selected_id (f), ==, F3);

  audit = hilum_store_get_audit (f->store, "S2", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      g_autofree char *json = hilum_operation_to_string (g_ptr_array_index (audit, i));

      found |= strstr (json, "translation.es") != NULL && strstr (json, "verified") != NULL;
    }
  g_assert_true (found);

  /* Editing a verified sentence makes it a draft again. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (hilum_pair_row_get_text_view (row, "en")),
                            "Small left pleural effusion, stable.", -1);
  g_assert_cmpstr (state_member (f->document, F2, "en", "state"), ==, "draft");
  g_assert_cmpstr (state_member (f->document, F2, "es", "state"), ==, "verified");
  g_assert_cmpstr (hilum_pair_row_get_verified_text (row, "en"), ==, "");
}

static void
test_translator_role (Fixture       *f,
                      gconstpointer  data)
{
  const double xyxy[4] = { 0.1, 0.1, 0.3, 0.3 };
  g_autoptr(HilumOperation) op = hilum_operation_new_add_box (F1, "t1", "img", NULL, xyxy);
  g_autoptr(GError) error = NULL;

  g_assert_false (hilum_session_perform (f->session, op, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (hilum_pair_row_set_verified (row_at (f, 0), "es", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (state_member (f->document, F1, "es", "state"), ==, "verified");
}

static void
queue_changed_cb (gboolean *done)
{
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
open_study_cb (HilumTranslatorView *view,
               const char          *study_id,
               char               **opened)
{
  g_free (*opened);
  *opened = g_strdup (study_id);
}

static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(HilumDocument) s1 = make_document ("S1");
  g_autoptr(HilumDocument) s3 = make_document ("S3");
  g_autoptr(HilumDocument) done = make_document ("S4");
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  gboolean ready = FALSE;
  GPtrArray *queue;

  /* S4: every pair fixed and verified in both languages — nothing to do. */
  for (guint i = 0; i < hilum_document_get_n_findings (done); i++)
    {
      JsonObject *finding = hilum_document_get_finding (done, i);
      const char *id = hilum_finding_get_id (finding);
      g_autoptr(JsonNode) state = json_from_string ("{\"state\": \"verified\", \"by\": \"t1\","
                                                    " \"at\": \"2026-11-24T14:02:00Z\"}", NULL);
      g_autoptr(HilumOperation) es = hilum_operation_new_set_finding_field (id, "translation.es", state);
      g_autoptr(HilumOperation) en = hilum_operation_new_set_finding_field (id, "translation.en", state);

      g_assert_true (hilum_document_apply (done, es, &error));
      g_assert_true (hilum_document_apply (done, en, &error));
    }
  {
    g_autoptr(HilumOperation) side = hilum_operation_new_set_text (F2, "es", "Pequeño derrame pleural izquierdo.");
    g_autoptr(HilumOperation) missing = hilum_operation_new_set_text (F4, "es", "Elongación aórtica.");

    g_assert_true (hilum_document_apply (done, side, &error));
    g_assert_true (hilum_document_apply (done, missing, &error));
  }
  g_assert_false (hilum_translation_needs_work (done));
  g_assert_true (hilum_translation_needs_work (s1));
  g_assert_true (hilum_store_put_document (f->store, s1, &error));
  g_assert_true (hilum_store_put_document (f->store, s3, &error));
  g_assert_true (hilum_store_put_document (f->store, done, &error));
  g_assert_no_error (error);

  g_signal_connect_swapped (f->view, "queue-changed", G_CALLBACK (queue_changed_cb), &ready);
  g_signal_connect (f->view, "open-study", G_CALLBACK (open_study_cb), &opened);
  set_workspace (f);
  g_assert_true (hilum_test_wait_until (flag_set, &ready, 10000));
  queue = hilum_translator_view_get_queue (f->view);
  g_assert_cmpuint (queue->len, ==, 3);
  for (guint i = 0; i < queue->len; i++)
    g_assert_cmpstr (g_ptr_array_index (queue, i), !=, "S4");

  /* The study after this one in the queue, by key. */
  press (f, "ctrl+shift+Next");
  g_assert_nonnull (opened);
  g_assert_cmpstr (opened, !=, "S2");
  g_assert_cmpstr (opened, !=, "S4");
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HilumTestShot) shot = NULL;
  const char *path = g_getenv ("HILUM_TEST_SHOT");
  gboolean ready = FALSE;

  /* The first pair verified in both languages, the queue known. */
  g_assert_true (hilum_pair_row_set_verified (row_at (f, 0), "es", TRUE, NULL));
  g_assert_true (hilum_pair_row_set_verified (row_at (f, 0), "en", TRUE, NULL));
  g_signal_connect_swapped (f->view, "queue-changed", G_CALLBACK (queue_changed_cb), &ready);
  set_workspace (f);
  g_assert_true (hilum_test_wait_until (flag_set, &ready, 10000));
  hilum_test_iterate_for (200);
  shot = hilum_test_render (GTK_WIDGET (f->view));
  g_assert_cmpint (shot->width, ==, 900);
  if (path != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (shot->pixels, shot->stride * shot->height);
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (shot->width, shot->height,
                                                              GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                                              bytes, shot->stride);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
}

int
main (int   argc,
      char *argv[])
{
  char *root;
  int ret;

  root = hilum_test_isolate_xdg ();
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/hilum/translator-view/rows-and-flags", Fixture, NULL,
              fixture_setup, test_rows_and_flags, fixture_teardown);
  g_test_add ("/hilum/translator-view/next-flagged", Fixture, NULL,
              fixture_setup, test_next_flagged, fixture_teardown);
  g_test_add ("/hilum/translator-view/accept", Fixture, NULL,
              fixture_setup, test_accept, fixture_teardown);
  g_test_add ("/hilum/translator-view/translator-role", Fixture, NULL,
              fixture_setup, test_translator_role, fixture_teardown);
  g_test_add ("/hilum/translator-view/queue", Fixture, NULL,
              fixture_setup, test_queue, fixture_teardown);
  g_test_add ("/hilum/translator-view/screenshot", Fixture, NULL,
              fixture_setup, test_screenshot, fixture_teardown);

  ret = g_test_run ();
  g_free (root);
  return ret;
}
