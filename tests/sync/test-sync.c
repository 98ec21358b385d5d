/* test-sync.c — sync against a real Orthanc behind a real TLS proxy, on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One server for the whole run (started by hilum-test-server), a fresh store per client;
 * every study is new to the server in each test (its own ids), so tests do not see each
 * other's work. Runs under Xvfb and dbus-run-session: the keyring test starts a real
 * gnome-keyring-daemon there, and a conflict is resolved in a real report panel.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include <adwaita.h>

#include "hilum-conflict.h"
#include "hilum-conflict-card.h"
#include "hilum-conflict-list.h"
#include "hilum-finding-row.h"
#include "hilum-report-panel.h"
#include "hilum-session.h"
#include "hilum-study-fields.h"
#include "hilum-credentials.h"
#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-json.h"
#include "hilum-png.h"
#include "hilum-secondary-capture.h"
#include "hilum-store-sync.h"
#include "hilum-sync-engine.h"
#include "hilum-sync-error.h"
#include "hilum-test-server.h"
#include "sync-client.h"

/* As a reader's edit session commits it. */
static void
edit_text (Client     *client,
           const char *study_id,
           const char *finding_id,
           const char *lang,
           const char *text)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (client->store, study_id, NULL);
  g_autoptr(HilumOperation) op = hilum_operation_new_set_text (finding_id, lang, text);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (document);
  json_object_set_string_member (hilum_operation_get_json (op), "author", "r1");
  g_assert_true (hilum_store_commit_operation (client->store, document, op, &error));
  g_assert_no_error (error);
}

static char *
text_in (Client     *client,
         const char *study_id,
         const char *finding_id,
         const char *lang)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (client->store, study_id, NULL);
  JsonObject *finding;

  if (document == NULL || (finding = hilum_document_find_finding (document, finding_id, NULL)) == NULL)
    return NULL;
  return g_strdup (hilum_finding_get_text (finding, lang));
}

static void
assert_text (Client     *client,
             const char *study_id,
             const char *finding_id,
             const char *lang,
             const char *expected)
{
  g_autofree char *text = text_in (client, study_id, finding_id, lang);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_connection (void)
{
  g_autoptr(Client) client = client_new ();
  g_autoptr(HilumOrthancSystem) system = NULL;
  g_autoptr(GError) error = NULL;

  system = hilum_orthanc_get_system (client->orthanc, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (system->name, ==, "Hilum test");
  g_assert_cmpstr (system->version, ==, "1.10.1");
  g_assert_false (system->revisions_real);
}

/* The listening sockets on @port in a /proc/net/tcp table, as "address:port" of their
 * local end. Only LISTEN rows (state 0A) count: the table also holds every connection
 * the tests made, and their other columns are hex too. */
static char *
listeners_on (const char *table_path,
              guint       port)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *suffix = g_strdup_printf (":%04X", port);
  GString *found = g_string_new (NULL);

  g_assert_true (g_file_get_contents (table_path, &table, NULL, NULL));
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (columns, fields[j]);
      if (columns->len < 4 || g_strcmp0 (columns->pdata[3], "0A") != 0)
        continue;
      if (g_str_has_suffix (columns->pdata[1], suffix))
        g_string_append_printf (found, "%s ", (const char *) columns->pdata[1]);
    }
  return g_string_free (found, FALSE);
}

static void
test_orthanc_on_loopback_only (void)
{
  g_autoptr(GUri) uri = g_uri_parse (hilum_test_server_get_orthanc_url (server), G_URI_FLAGS_NONE, NULL);
  guint port = (guint) g_uri_get_port (uri);
  g_autofree char *v4 = listeners_on ("/proc/net/tcp", port);
  g_autofree char *v6 = g_file_test ("/proc/net/tcp6", G_FILE_TEST_EXISTS)
                        ? listeners_on ("/proc/net/tcp6", port) : g_strdup ("");
  g_autofree char *expected = g_strdup_printf ("0100007F:%04X ", port);

  g_test_message ("listening on port %u: %s%s", port, v4, v6);
  g_assert_cmpstr (v4, ==, expected);
  g_assert_cmpstr (v6, ==, "");
}

/* A failed connection: the clear error, and the store exactly as before. */
static void
assert_fails_cleanly (const char *url,
                      const char *password,
                      const char *ca_file,
                      GQuark      domain,
                      gint        code,
                      const char *message_part)
{
  g_autofree char *path = g_strdup_printf ("%s/client-%u.db", work_dir, ++counter);
  g_autoptr(HilumServer) address = make_server (url, ca_file);
  g_autoptr(HilumHttpClient) http = hilum_http_client_new (address, password);
  g_autoptr(HilumOrthanc) orthanc = hilum_orthanc_new (http);
  g_autoptr(HilumStore) store = hilum_store_open (path, NULL);
  g_autoptr(HilumSyncEngine) engine = hilum_sync_engine_new (store, orthanc);
  g_autoptr(HilumSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) before = NULL;
  g_autoptr(HilumDocument) after = NULL;
  Client view = { store, orthanc, engine };
  g_autofree char *study_id = new_study (&view, 2);

  edit_text (&view, study_id, "f0", "es", "Hallazgo editado.");
  before = hilum_store_get_document (store, study_id, NULL);
  hilum_sync_engine_set_retry (engine, 10, 40, 2);

  g_assert_false (hilum_sync_engine_run (engine, &summary, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", url, error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (strstr (error->message, hilum_test_server_get_password (server)));
  g_assert_null (strstr (error->message, "Authorization"));

  after = hilum_store_get_document (store, study_id, NULL);
  g_assert_true (hilum_json_object_equal (hilum_document_get_root (before), hilum_document_get_root (after)));
  g_assert_cmpuint (hilum_store_count_unsynced (store), ==, 1);
}

static void
test_errors (void)
{
  const char *ca = hilum_test_server_get_ca_file (server);

  assert_fails_cleanly (hilum_test_server_get_url (server), "wrong", ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_UNAUTHORIZED, "did not accept the user name or password");
  assert_fails_cleanly (hilum_test_server_get_untrusted_url (server), hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_UNTRUSTED, "is not trusted");
  assert_fails_cleanly (hilum_test_server_get_url (server), hilum_test_server_get_password (server), NULL,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_UNTRUSTED, "is not trusted");
  assert_fails_cleanly (hilum_test_server_get_wrong_host_url (server), hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_HOST, "issued for another server name");
  assert_fails_cleanly (hilum_test_server_get_plain_to_tls_url (server), hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TLS, "begin the address with https://");
  assert_fails_cleanly (hilum_test_server_get_malformed_url (server), hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_MALFORMED, "Hilum cannot read");
  assert_fails_cleanly (hilum_test_server_get_error_url (server), hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_SERVER, "internal error (HTTP 500)");
  assert_fails_cleanly ("https://localhost:1", hilum_test_server_get_password (server), ca,
                        HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CONNECTION_REFUSED, "refused the connection");
}

static void
test_two_clients_different_findings (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) b = client_new ();
  g_autofree char *study_id = new_study (a, 2);
  g_autoptr(HilumSyncSummary) first = NULL;
  g_autoptr(HilumSyncSummary) second = NULL;
  g_autoptr(HilumSyncSummary) third = NULL;
  g_autoptr(HilumSyncSummary) fourth = NULL;

  first = sync_ok (a);
  g_assert_cmpuint (first->uploaded, ==, 1);
  g_assert_cmpuint (first->pushed, ==, 1);
  second = sync_ok (b);
  g_assert_cmpuint (second->pulled, >=, 1);
  assert_text (b, study_id, "f1", "en", "Finding 1.");

  /* Both edit, neither has seen the other's edit. */
  edit_text (a, study_id, "f0", "en", "Mild cardiomegaly.");
  edit_text (b, study_id, "f1", "es", "Derrame pleural izquierdo.");
  g_clear_pointer (&first, hilum_sync_summary_free);
  first = sync_ok (a);
  third = sync_ok (b);     /* pulls a's edit, merges, pushes */
  g_assert_cmpuint (third->merged, ==, 1);
  g_assert_cmpuint (third->conflicts->len, ==, 0);
  fourth = sync_ok (a);

  for (guint i = 0; i < 2; i++)
    {
      Client *client = i == 0 ? a : b;

      assert_text (client, study_id, "f0", "en", "Mild cardiomegaly.");
      assert_text (client, study_id, "f1", "es", "Derrame pleural izquierdo.");
      g_assert_cmpuint (hilum_store_count_unsynced (client->store), ==, 0);
    }
  /* And the server: a third client that never saw the study. */
  {
    g_autoptr(Client) c = client_new ();
    g_autoptr(HilumSyncSummary) fresh = sync_ok (c);

    assert_text (c, study_id, "f0", "en", "Mild cardiomegaly.");
    assert_text (c, study_id, "f1", "es", "Derrame pleural izquierdo.");
  }
}

static void
test_same_field_conflict (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) b = client_new ();
  g_autofree char *study_id = new_study (a, 1);
  g_autoptr(HilumSyncSummary) s1 = sync_ok (a);
  g_autoptr(HilumSyncSummary) s2 = sync_ok (b);
  g_autoptr(HilumSyncSummary) s3 = NULL;
  g_autoptr(HilumSyncSummary) s4 = NULL;
  g_autoptr(HilumSyncSummary) s5 = NULL;
  g_autoptr(HilumSyncSummary) s6 = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(HilumOperation) resolution = NULL;
  g_autoptr(GError) error = NULL;
  HilumSyncConflict *conflict;

  edit_text (a, study_id, "f0", "es", "Cardiomegalia leve.");
  edit_text (b, study_id, "f0", "es", "Cardiomegalia moderada.");
  s3 = sync_ok (a);
  s4 = sync_ok (b);
  g_assert_cmpuint (s4->conflicts->len, ==, 1);
  conflict = s4->conflicts->pdata[0];
  g_assert_cmpstr (conflict->study_id, ==, study_id);
  g_assert_cmpstr (conflict->finding_id, ==, "f0");
  g_assert_cmpstr (conflict->field, ==, "text.es");
  g_assert_cmpstr (conflict->local, ==, "\"Cardiomegalia moderada.\"");
  g_assert_cmpstr (conflict->remote, ==, "\"Cardiomegalia leve.\"");

  /* Both values kept, on both clients once a pulls again; the worklist knows. */
  s5 = sync_ok (a);
  document = hilum_store_get_document (a->store, study_id, NULL);
  conflicts = hilum_document_list_conflicts (document, "f0");
  g_assert_cmpuint (conflicts->len, ==, 1);
  {
    g_autoptr(GHashTable) marked = hilum_store_list_conflicted_studies (a->store, NULL);

    g_assert_true (g_hash_table_contains (marked, study_id));
  }

  /* Both clients show the same value now (the merge that was pushed last) and list the
   * other; a takes the other one, and the resolution syncs like any edit. */
  assert_text (a, study_id, "f0", "es", "Cardiomegalia moderada.");
  g_assert_cmpstr (json_node_get_string (((HilumConflict *) conflicts->pdata[0])->other), ==, "Cardiomegalia leve.");
  resolution = hilum_conflict_resolve (document, ((HilumConflict *) conflicts->pdata[0])->conflict_id,
                                       HILUM_CONFLICT_KEEP_OTHER, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (hilum_operation_get_json (resolution), "author", "r1");
  g_assert_true (hilum_store_commit_operation (a->store, document, resolution, &error));
  g_assert_no_error (error);
  g_clear_pointer (&s5, hilum_sync_summary_free);
  s5 = sync_ok (a);
  s6 = sync_ok (b);
  for (guint i = 0; i < 2; i++)
    {
      Client *client = i == 0 ? a : b;
      g_autoptr(HilumDocument) now = hilum_store_get_document (client->store, study_id, NULL);
      g_autoptr(GHashTable) marked = hilum_store_list_conflicted_studies (client->store, NULL);
      g_autofree char *text = text_in (client, study_id, "f0", "es");

      g_assert_cmpuint (hilum_document_count_conflicts (now), ==, 0);
      g_assert_false (g_hash_table_contains (marked, study_id));
      g_assert_cmpstr (text, ==, "Cardiomegalia leve.");
    }
}

static void
edit_indication (Client     *client,
                 const char *study_id,
                 const char *text)
{
  g_autoptr(HilumDocument) document = hilum_store_get_document (client->store, study_id, NULL);
  g_autoptr(HilumOperation) op = hilum_operation_new_set_study_text ("indication", text);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (hilum_operation_get_json (op), "author", "r1");
  g_assert_true (hilum_store_commit_operation (client->store, document, op, &error));
  g_assert_no_error (error);
}

/* A button "activated" (Return, Space, a mnemonic) clicks when its pressed look ends,
 * 250 ms later: the main loop runs longer than that. */
static void
spin (void)
{
  gint64 until = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5 * 1000);
    }
}

/* Every label text under @widget, one per line: what the person reads. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static void
record_failure_cb (GtkWidget  *panel,
                   const char *message,
                   char      **failure)
{
  g_free (*failure);
  *failure = g_strdup (message);
}


static HilumConflictCard *
first_card (HilumConflictList *list)
{
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (list));

  g_assert_true (HILUM_IS_CONFLICT_CARD (card));
  return HILUM_CONFLICT_CARD (card);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Two readers write different Spanish sentences and different indications; the second
 * one's report panel (a real window under Xvfb) shows both values at each field. Keep
 * Theirs on the sentence and Edit… on the indication are edits of the session; after
 * the next syncs both computers hold the chosen values and no conflict. */
static void
test_conflict_resolved_in_report (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) b = client_new ();
  g_autofree char *study_id = new_study (a, 2);
  g_autoptr(HilumSyncSummary) s1 = sync_ok (a);
  g_autoptr(HilumSyncSummary) s2 = sync_ok (b);
  g_autoptr(HilumSyncSummary) s3 = NULL;
  g_autoptr(HilumSyncSummary) s4 = NULL;
  g_autoptr(HilumSyncSummary) s5 = NULL;
  g_autoptr(HilumSyncSummary) s6 = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(HilumSession) session = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *sentence = NULL;
  g_autofree char *failure = NULL;
  HilumReportPanel *panel;
  HilumFindingRow *row;
  HilumConflictList *study_conflicts;
  HilumConflictCard *card;
  GtkWidget *window;

  adw_init ();

  edit_text (a, study_id, "f0", "es", "Cardiomegalia leve.");
  edit_indication (a, study_id, "Disnea.");
  edit_text (b, study_id, "f0", "es", "Cardiomegalia moderada.");
  edit_indication (b, study_id, "Tos.");
  s3 = sync_ok (a);
  s4 = sync_ok (b);
  g_assert_cmpuint (s4->conflicts->len, ==, 2);

  /* On the first computer, once it pulls, the field shows the second one's value (the
   * merge pushed last), yet Mine is still what was written there. */
  {
    g_autoptr(HilumSyncSummary) pulled = sync_ok (a);
    g_autoptr(HilumDocument) on_a = hilum_store_get_document (a->store, study_id, NULL);
    g_autoptr(HilumSession) session_a = hilum_session_new (a->store, on_a, "r1", "Ana Muñoz", HILUM_READER_ROLE_READER);
    g_autoptr(GString) shown_a = g_string_new (NULL);
    GtkWidget *window_a = gtk_window_new ();
    HilumReportPanel *panel_a = HILUM_REPORT_PANEL (hilum_report_panel_new ());

    gtk_window_set_child (GTK_WINDOW (window_a), GTK_WIDGET (panel_a));
    hilum_report_panel_set_session (panel_a, session_a);
    gtk_window_present (GTK_WINDOW (window_a));
    spin ();
    card = first_card (hilum_finding_row_get_conflicts (HILUM_FINDING_ROW (hilum_report_panel_get_row (panel_a, "f0"))));
    collect_labels (GTK_WIDGET (card), shown_a);
    g_assert_cmpstr (shown_a->str, ==, "Spanish sentence: changed on two computers\n"
                                       "Mine\nCardiomegalia leve.\nTheirs\nCardiomegalia moderada.\n"
                                       "Keep _Mine\nKeep _Theirs\n_Edit…\n");
    gtk_window_destroy (GTK_WINDOW (window_a));
    spin ();
  }

  document = hilum_store_get_document (b->store, study_id, NULL);
  session = hilum_session_new (b->store, document, "r2", "Luis Gil", HILUM_READER_ROLE_READER);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 900);
  panel = HILUM_REPORT_PANEL (hilum_report_panel_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  hilum_report_panel_set_session (panel, session);
  g_signal_connect (panel, "operation-failed", G_CALLBACK (record_failure_cb), &failure);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  maybe_screenshot ("conflicts");

  /* At the sentence: both values, and the finding marked. */
  row = HILUM_FINDING_ROW (hilum_report_panel_get_row (panel, "f0"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "conflicted"));
  g_assert_cmpuint (hilum_conflict_list_get_n_conflicts (hilum_finding_row_get_conflicts (row)), ==, 1);
  g_assert_false (gtk_widget_has_css_class (hilum_report_panel_get_row (panel, "f1"), "conflicted"));
  card = first_card (hilum_finding_row_get_conflicts (row));
  collect_labels (GTK_WIDGET (card), shown);
  g_assert_cmpstr (shown->str, ==, "Spanish sentence: changed on two computers\n"
                                   "Mine\nCardiomegalia moderada.\nTheirs\nCardiomegalia leve.\n"
                                   "Keep _Mine\nKeep _Theirs\n_Edit…\n");
  g_assert_true (gtk_widget_get_mapped (hilum_conflict_card_get_button (card, "theirs")));

  g_assert_true (gtk_widget_activate (hilum_conflict_card_get_button (card, "theirs")));
  spin ();
  g_assert_null (failure);
  sentence = text_of (hilum_finding_row_get_text_view (row, "es"));
  g_assert_cmpstr (sentence, ==, "Cardiomegalia leve.");
  g_assert_cmpuint (hilum_conflict_list_get_n_conflicts (hilum_finding_row_get_conflicts (row)), ==, 0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "conflicted"));

  /* The study's field, above the report: a third value, typed. */
  study_conflicts = hilum_report_panel_get_study_conflicts (panel);
  g_assert_cmpuint (hilum_conflict_list_get_n_conflicts (study_conflicts), ==, 1);
  card = first_card (study_conflicts);
  g_assert_true (gtk_widget_activate (hilum_conflict_card_get_button (card, "edit")));
  spin ();
  g_assert_cmpstr (gtk_editable_get_text (hilum_conflict_card_get_entry (card)), ==, "Tos.");
  {
    GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (card)));
    GtkWidget *entry = GTK_WIDGET (hilum_conflict_card_get_entry (card));

    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
  gtk_editable_set_text (hilum_conflict_card_get_entry (card), "Disnea y tos.");
  spin ();
  maybe_screenshot ("conflict-edit");
  g_assert_true (gtk_widget_activate (hilum_conflict_card_get_button (card, "save")));
  spin ();
  g_assert_null (failure);
  g_assert_cmpuint (hilum_conflict_list_get_n_conflicts (study_conflicts), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (study_conflicts)));
  g_assert_cmpstr (gtk_editable_get_text (hilum_study_fields_get_entry (HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (panel)),
                                                                        "indication")),
                   ==, "Disnea y tos.");

  /* Both resolutions sync like any edit. */
  s5 = sync_ok (b);
  s6 = sync_ok (a);
  for (guint i = 0; i < 2; i++)
    {
      Client *client = i == 0 ? a : b;
      g_autoptr(HilumDocument) now = hilum_store_get_document (client->store, study_id, NULL);
      g_autoptr(GHashTable) marked = hilum_store_list_conflicted_studies (client->store, NULL);
      g_autofree char *text = text_in (client, study_id, "f0", "es");

      g_assert_cmpuint (hilum_document_count_conflicts (now), ==, 0);
      g_assert_false (g_hash_table_contains (marked, study_id));
      g_assert_cmpstr (text, ==, "Cardiomegalia leve.");
      g_assert_cmpstr (hilum_document_get_study_field (now, "indication"), ==, "Disnea y tos.");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_offline_fifty (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HilumSyncSummary) summary = NULL;
  g_autoptr(HilumSyncSummary) pulled = NULL;

  for (guint i = 0; i < 50; i++)
    {
      char *study_id = new_study (a, 1);

      edit_text (a, study_id, "f0", "es", "Editado sin red.");
      g_ptr_array_add (ids, study_id);
    }
  g_assert_cmpuint (hilum_store_count_unsynced (a->store), ==, 50);
  summary = sync_ok (a);
  g_assert_cmpuint (summary->pushed, ==, 50);
  g_assert_cmpuint (hilum_store_count_unsynced (a->store), ==, 0);
  pulled = sync_ok (c);
  for (guint i = 0; i < ids->len; i++)
    assert_text (c, ids->pdata[i], "f0", "es", "Editado sin red.");
}

typedef struct
{
  Client   *client;
  gboolean  ok;
  GError   *error;
} RunInThread;

static gpointer
run_thread (gpointer data)
{
  RunInThread *run = data;
  g_autoptr(HilumSyncSummary) summary = NULL;

  run->ok = hilum_sync_engine_run (run->client->engine, &summary, NULL, &run->error);
  return NULL;
}

static void
test_server_killed_mid_push (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HilumSyncSummary) after = NULL;
  g_autoptr(HilumSyncSummary) pulled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (hilum_store_get_path (a->store));
  g_autoptr(HilumStore) watcher = hilum_store_open (path, NULL);
  RunInThread run = { a, FALSE, NULL };
  GThread *thread;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (ids, new_study (a, 1));
  thread = g_thread_new ("sync", run_thread, &run);
  /* Killed once some studies are up and others are not. */
  while (hilum_store_count_unsynced (watcher) > 30)
    g_usleep (2000);
  hilum_test_server_kill_orthanc (server);
  g_thread_join (thread);
  g_test_message ("the run while the server died: %s", run.ok ? "finished" : run.error->message);
  g_clear_error (&run.error);
  g_assert_cmpuint (hilum_store_count_unsynced (watcher), >, 0);

  g_assert_true (hilum_test_server_restart_orthanc (server, &error));
  g_assert_no_error (error);
  after = sync_ok (a);
  g_assert_cmpuint (hilum_store_count_unsynced (a->store), ==, 0);

  /* Nothing lost, nothing doubled: every study once, with its one finding. */
  pulled = sync_ok (c);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HilumDocument) document = hilum_store_get_document (c->store, ids->pdata[i], NULL);

      g_assert_nonnull (document);
      g_assert_cmpuint (hilum_document_get_n_findings (document), ==, 1);
    }
}

static void
test_cli_killed_mid_sync (void)
{
  g_autoptr(Client) a = client_new ();
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(HilumSyncSummary) pulled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumSyncSummary) uploaded = NULL;
  const char *path = hilum_store_get_path (a->store);

  /* The studies are on the server already (their images uploaded); the edits are not. */
  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (ids, new_study (a, 1));
  uploaded = sync_ok (a);
  for (guint i = 0; i < ids->len; i++)
    edit_text (a, ids->pdata[i], "f0", "en", "Edited before the crash.");

  g_subprocess_launcher_setenv (launcher, "HILUM_PASSWORD", hilum_test_server_get_password (server), TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("HILUM_CLI"), "sync", "--store", path,
                                     "--server", hilum_test_server_get_url (server),
                                     "--ca", hilum_test_server_get_ca_file (server),
                                     "--user", hilum_test_server_get_user (server), NULL);
  g_assert_no_error (error);
  while (hilum_store_count_unsynced (a->store) > 40 && g_subprocess_get_identifier (cli) != NULL)
    g_usleep (1000);
  g_subprocess_send_signal (cli, SIGKILL);
  g_subprocess_wait (cli, NULL, NULL);

  again = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("HILUM_CLI"), "sync", "--store", path,
                                       "--server", hilum_test_server_get_url (server),
                                       "--ca", hilum_test_server_get_ca_file (server),
                                       "--user", hilum_test_server_get_user (server), NULL);
  g_assert_true (g_subprocess_wait_check (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hilum_store_count_unsynced (a->store), ==, 0);

  pulled = sync_ok (c);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) audit = hilum_store_get_audit (c->store, ids->pdata[i], NULL);
      guint edits = 0;

      assert_text (c, ids->pdata[i], "f0", "en", "Edited before the crash.");
      /* The edit once in the history, however many times the push was tried. */
      for (guint j = 0; j < audit->len; j++)
        if (g_str_equal (hilum_operation_get_kind (audit->pdata[j]), "set-finding-field"))
          edits++;
      g_assert_cmpuint (edits, ==, 1);
    }
}

#define N_CLIENTS 20
#define N_SHARED_STUDIES 3

typedef struct
{
  guint       index;
  GPtrArray  *study_ids;
  GMutex     *lock;
  gboolean    done;
  char       *failure;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(Client) client = NULL;
  g_autofree char *text = g_strdup_printf ("Edited by client %u.", worker->index);
  g_autofree char *finding_id = g_strdup_printf ("f%u", worker->index);

  g_mutex_lock (worker->lock);
  client = client_new ();
  g_mutex_unlock (worker->lock);
  hilum_sync_engine_set_retry (client->engine, 20, 500, 8);

  /* A bounded loop: get the studies, edit one's own finding, sync until it is up. */
  for (guint round = 0; round < 30 && !worker->done; round++)
    {
      g_autoptr(HilumSyncSummary) summary = NULL;
      g_autoptr(GError) error = NULL;
      gboolean all_there = TRUE;

      if (!hilum_sync_engine_run (client->engine, &summary, NULL, &error))
        continue;
      for (guint i = 0; i < worker->study_ids->len; i++)
        {
          g_autofree char *now = text_in (client, worker->study_ids->pdata[i], finding_id, "en");

          if (now == NULL)
            all_there = FALSE;
          else if (g_strcmp0 (now, text) != 0)
            edit_text (client, worker->study_ids->pdata[i], finding_id, "en", text);
        }
      worker->done = all_there && hilum_store_count_unsynced (client->store) == 0;
    }
  if (!worker->done)
    worker->failure = g_strdup_printf ("client %u did not get its edits up", worker->index);
  return NULL;
}

static void
test_twenty_clients (void)
{
  g_autoptr(Client) origin = client_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HilumSyncSummary) first = NULL;
  g_autoptr(HilumSyncSummary) last = NULL;
  Worker workers[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  GMutex lock;

  g_mutex_init (&lock);
  for (guint i = 0; i < N_SHARED_STUDIES; i++)
    g_ptr_array_add (ids, new_study (origin, N_CLIENTS));
  first = sync_ok (origin);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      workers[i] = (Worker) { i, ids, &lock, FALSE, NULL };
      threads[i] = g_thread_new ("client", worker_thread, &workers[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      if (workers[i].failure != NULL)
        g_test_message ("%s", workers[i].failure);
      g_assert_null (workers[i].failure);
    }

  /* Every edit on the server, none lost. */
  last = sync_ok (origin);
  for (guint s = 0; s < ids->len; s++)
    for (guint i = 0; i < N_CLIENTS; i++)
      {
        g_autofree char *finding_id = g_strdup_printf ("f%u", i);
        g_autofree char *expected = g_strdup_printf ("Edited by client %u.", i);

        assert_text (origin, ids->pdata[s], finding_id, "en", expected);
      }
  g_mutex_clear (&lock);
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumServer) address = make_server (hilum_test_server_get_url (server), NULL);
  g_autofree char *found = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (hilum_test_keyring_start (&error));
  g_assert_no_error (error);
  g_assert_true (hilum_credentials_store (address, hilum_test_server_get_password (server), NULL, &error));
  g_assert_no_error (error);
  found = hilum_credentials_lookup (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, hilum_test_server_get_password (server));

  /* And hilum-cli takes it from there when HILUM_PASSWORD is not set. */
  {
    g_autofree char *path = g_strdup_printf ("%s/keyring-cli.db", work_dir);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    const char *argv[] = { g_getenv ("HILUM_CLI"), "sync", "--store", path,
                           "--server", hilum_test_server_get_url (server),
                           "--ca", hilum_test_server_get_ca_file (server),
                           "--user", hilum_test_server_get_user (server), "--json", NULL };
    g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "HILUM_PASSWORD");
    g_autofree char *store_bytes = NULL;
    gsize length = 0;

    /* Every debug message on, to look for the secret in them too. */
    env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_test_message ("%s", err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "\"pushed\""));

    /* The password is nowhere: not in what it printed, not in the store it wrote. */
    g_assert_null (strstr (out, hilum_test_server_get_password (server)));
    g_assert_null (strstr (err, hilum_test_server_get_password (server)));
    g_assert_null (strstr (err, "Authorization"));
    g_assert_true (g_file_get_contents (path, &store_bytes, &length, NULL));
    g_assert_null (g_strstr_len (store_bytes, (gssize) length, hilum_test_server_get_password (server)));
  }

  g_assert_true (hilum_credentials_clear (address, NULL, &error));
  gone = hilum_credentials_lookup (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

static void
test_deleted_on_server (void)
{
  g_autoptr(Client) a = client_new ();
  g_autofree char *study_id = new_study (a, 1);
  g_autoptr(HilumSyncSummary) first = sync_ok (a);
  g_autoptr(HilumSyncSummary) second = NULL;
  g_autoptr(HilumSyncRecord) record = hilum_store_get_sync_record (a->store, study_id, NULL);
  g_autoptr(HilumServer) direct = make_server (hilum_test_server_get_orthanc_url (server), NULL);
  g_autoptr(HilumHttpClient) http = hilum_http_client_new (direct, hilum_test_server_get_password (server));
  g_autofree char *path = g_strdup_printf ("/studies/%s", record->remote_id);
  g_autofree char *url = hilum_server_build_url (direct, path);
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = hilum_http_client_send (http, "DELETE", url, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);

  edit_text (a, study_id, "f0", "en", "Edited after the server deleted it.");
  second = sync_ok (a);
  g_test_message ("after the deletion: %u pushed, %u pulled, %u uploaded", second->pushed, second->pulled, second->uploaded);
  g_assert_cmpuint (second->deleted_on_server->len, ==, 1);
  g_assert_cmpstr (second->deleted_on_server->pdata[0], ==, study_id);
  /* Kept here, with the edit. */
  assert_text (a, study_id, "f0", "en", "Edited after the server deleted it.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sync_client_init (&argc, &argv);

  g_test_add_func ("/hilum/sync/connection", test_connection);
  g_test_add_func ("/hilum/sync/orthanc-on-loopback-only", test_orthanc_on_loopback_only);
  g_test_add_func ("/hilum/sync/errors", test_errors);
  g_test_add_func ("/hilum/sync/two-clients-different-findings", test_two_clients_different_findings);
  g_test_add_func ("/hilum/sync/same-field-conflict", test_same_field_conflict);
  g_test_add_func ("/hilum/sync/conflict-resolved-in-report", test_conflict_resolved_in_report);
  g_test_add_func ("/hilum/sync/offline-fifty", test_offline_fifty);
  g_test_add_func ("/hilum/sync/deleted-on-server", test_deleted_on_server);
  g_test_add_func ("/hilum/sync/server-killed-mid-push", test_server_killed_mid_push);
  g_test_add_func ("/hilum/sync/cli-killed-mid-sync", test_cli_killed_mid_sync);
  g_test_add_func ("/hilum/sync/twenty-clients", test_twenty_clients);
  g_test_add_func ("/hilum/sync/keyring", test_keyring);

  status = g_test_run ();
  sync_client_finish ();
  return status;
}
