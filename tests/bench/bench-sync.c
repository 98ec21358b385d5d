/* bench-sync.c — sync's speed against a real Orthanc behind nginx with TLS (loopback)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figures, never asserted:
 * - push 1,000 changed documents, and pull 1,000 with one change each, against the same
 *   HTTP requests (PUT / GET of the same bodies) issued by plain curl in a loop over one
 *   kept-alive connection (one curl process, one --next per request): the goal is ≤ 1.5×;
 * - a pull with nothing changed with 100,000 studies in the store (goal < 50 ms): it
 *   costs O(changes), not O(studies).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-secondary-capture.h"
#include "hilum-store-sync.h"
#include "hilum-sync-engine.h"
#include "hilum-sync-payload.h"
#include "hilum-test-server.h"

#define N_STUDIES 1000
#define N_BIG 100000

static HilumTestServer *server;
static char *dir;
static HilumImage *image;

static GPtrArray *
image_source_cb (const char     *study_id,
                 HilumDocument  *document,
                 gpointer        user_data,
                 GError        **error)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  HilumSecondaryCaptureDesc desc = { study_id, "frontal.png", NULL, NULL, "PA", NULL };
  GBytes *dicom = hilum_secondary_capture_build (image, &desc, error);

  if (dicom == NULL)
    {
      g_ptr_array_unref (files);
      return NULL;
    }
  g_ptr_array_add (files, dicom);
  return files;
}

static HilumSyncEngine *
engine_new (HilumStore *store)
{
  g_autoptr(HilumServer) address = hilum_server_new (hilum_test_server_get_url (server), NULL,
                                                     hilum_test_server_get_user (server),
                                                     hilum_test_server_get_ca_file (server), NULL);
  g_autoptr(HilumHttpClient) http = hilum_http_client_new (address, hilum_test_server_get_password (server));
  g_autoptr(HilumOrthanc) orthanc = hilum_orthanc_new (http);
  HilumSyncEngine *engine = hilum_sync_engine_new (store, orthanc);

  hilum_sync_engine_set_image_source (engine, image_source_cb, NULL);
  return engine;
}

static HilumStore *
store_new (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return hilum_store_open (path, NULL);
}

static HilumDocument *
document_new (const char *study_id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"%s\",\"status\":\"in_progress\"},"
    "\"images\":[{\"image_id\":\"frontal.png\",\"role\":\"current_frontal\"}],"
    "\"readers\":[{\"reader_id\":\"r1\",\"name\":\"Ana\",\"role\":\"reader\"}],"
    "\"findings\":[{\"finding_id\":\"f1\",\"polarity\":\"positive\","
    "\"text\":{\"en\":\"Cardiomegaly.\",\"es\":\"Cardiomegalia.\"},\"labels\":[\"cardiomegaly\"],"
    "\"annotations\":[{\"reader_id\":\"r1\",\"image_id\":\"frontal.png\",\"status\":\"boxed\","
    "\"boxes\":[{\"box_id\":\"b1\",\"xyxy_norm\":[0.1,0.2,0.5,0.6]}]}]},"
    "{\"finding_id\":\"f2\",\"polarity\":\"negative\",\"text\":{\"en\":\"No effusion.\",\"es\":\"Sin derrame.\"}}]}",
    study_id);

  return hilum_document_new_from_string (json, -1, NULL);
}

static void
edit_all (HilumStore *store,
          GPtrArray  *ids,
          const char *text)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HilumDocument) document = hilum_store_get_document (store, ids->pdata[i], NULL);
      g_autoptr(HilumOperation) op = hilum_operation_new_set_text ("f1", "en", text);

      json_object_set_string_member (hilum_operation_get_json (op), "author", "r1");
      hilum_store_commit_operation (store, document, op, NULL);
    }
}

static double
run_timed (HilumSyncEngine   *engine,
           HilumSyncSummary **summary)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!hilum_sync_engine_run (engine, summary, NULL, &error))
    g_error ("sync failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same requests by plain curl: one process, one connection, --next between them. */
static double
curl_timed (const char *method,
            GPtrArray  *remote_ids,
            GPtrArray  *bodies,
            GPtrArray  *versions)
{
  g_autofree char *config_path = g_build_filename (dir, "curl.cfg", NULL);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *auth = g_strdup_printf ("%s:%s", hilum_test_server_get_user (server),
                                           hilum_test_server_get_password (server));
  const char *argv[] = { "curl", "--silent", "--show-error", "--fail", "--config", config_path, NULL };
  g_autofree char *err = NULL;
  gint64 start;
  int status;

  for (guint i = 0; i < remote_ids->len; i++)
    {
      if (i > 0)
        g_string_append (config, "next\n");
      g_string_append_printf (config, "url = \"%s/studies/%s/attachments/%s\"\n",
                              hilum_test_server_get_url (server), (char *) remote_ids->pdata[i],
                              bodies != NULL ? "hilum" : "hilum/data");
      /* The same conditional write Hilum makes: the attachment replaced at its revision. */
      if (versions != NULL)
        g_string_append_printf (config, "header = \"If-Match: \\\"%s\\\"\"\n", (char *) versions->pdata[i]);
      g_string_append_printf (config, "cacert = \"%s\"\nuser = \"%s\"\noutput = /dev/null\nheader = \"Expect:\"\n",
                              hilum_test_server_get_ca_file (server), auth);
      if (bodies != NULL)
        g_string_append_printf (config, "request = %s\nheader = \"Content-Type: application/json\"\n"
                                "data-binary = \"@%s\"\n", method, (char *) bodies->pdata[i]);
    }
  g_file_set_contents (config_path, config->str, -1, NULL);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    g_error ("curl failed: %s", err);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumStore) a = NULL;
  g_autoptr(HilumStore) b = NULL;
  g_autoptr(HilumStore) big = NULL;
  g_autoptr(HilumSyncEngine) engine_a = NULL;
  g_autoptr(HilumSyncEngine) engine_b = NULL;
  g_autoptr(HilumSyncEngine) engine_big = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) remote_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *png = NULL;
  HilumSyncSummary *summary = NULL;
  guint16 values[64] = { 0 };
  double push_ms, pull_ms, curl_put_ms, curl_get_ms, idle_ms;

  g_test_init (&argc, &argv, NULL);
  dir = hilum_fixture_dir_new ();
  png = g_build_filename (dir, "frontal.png", NULL);
  hilum_png_write_gray16 (png, 8, 8, values, NULL);
  image = hilum_decode_file (png, NULL, &error);
  g_assert_no_error (error);
  server = hilum_test_server_start (&error);
  g_assert_no_error (error);

  /* Set-up, not measured: 1,000 studies on the server, both clients synced. */
  a = store_new ("a.db");
  b = store_new ("b.db");
  for (guint i = 0; i < N_STUDIES; i++)
    {
      char *id = g_strdup_printf ("BENCH-%04u", i);

      g_ptr_array_add (documents, document_new (id));
      g_ptr_array_add (ids, id);
    }
  hilum_store_put_documents (a, documents, NULL, NULL, &error);
  g_assert_no_error (error);
  engine_a = engine_new (a);
  engine_b = engine_new (b);
  run_timed (engine_a, &summary);
  g_print ("set-up: %u studies uploaded and pushed\n", summary->uploaded);
  g_clear_pointer (&summary, hilum_sync_summary_free);
  run_timed (engine_b, &summary);
  g_clear_pointer (&summary, hilum_sync_summary_free);
  /* Both have read the server's log of the uploads: the steady state of a working day. */
  run_timed (engine_a, &summary);
  g_clear_pointer (&summary, hilum_sync_summary_free);
  run_timed (engine_b, &summary);
  g_clear_pointer (&summary, hilum_sync_summary_free);

  /* Push 1,000 changed documents. */
  edit_all (a, ids, "Mild cardiomegaly.");
  push_ms = run_timed (engine_a, &summary);
  g_print ("push %u changed documents: %.0f ms\n", summary->pushed, push_ms);
  g_clear_pointer (&summary, hilum_sync_summary_free);

  /* Pull 1,000 with one change each. */
  pull_ms = run_timed (engine_b, &summary);
  g_print ("pull %u documents with one change each: %.0f ms\n", summary->pulled, pull_ms);
  g_clear_pointer (&summary, hilum_sync_summary_free);

  /* The same requests by curl: PUT of the same bodies, GET of the same attachments. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HilumSyncRecord) record = hilum_store_get_sync_record (a, ids->pdata[i], NULL);
      g_autoptr(JsonNode) audit = hilum_store_get_audit_events (a, ids->pdata[i], NULL);
      g_autofree char *body = hilum_sync_payload_build (record->json, audit, NULL);
      char *path = g_strdup_printf ("%s/body-%u.json", dir, i);

      g_file_set_contents (path, body, -1, NULL);
      g_ptr_array_add (bodies, path);
      g_ptr_array_add (remote_ids, g_strdup (record->remote_id));
      g_ptr_array_add (versions, g_strdup (record->remote_version));
    }
  curl_put_ms = curl_timed ("PUT", remote_ids, bodies, versions);
  curl_get_ms = curl_timed ("GET", remote_ids, NULL, NULL);
  g_print ("plain curl, the same %u PUTs: %.0f ms; the same %u GETs: %.0f ms\n",
           remote_ids->len, curl_put_ms, remote_ids->len, curl_get_ms);
  g_print ("push: %.2f× curl; pull: %.2f× curl (goal ≤ 1.5×)\n", push_ms / curl_put_ms, pull_ms / curl_get_ms);

  /* A pull with nothing changed, 100,000 studies in the store. */
  big = store_new ("big.db");
  g_ptr_array_set_size (documents, 0);
  for (guint i = 0; i < N_BIG; i++)
    {
      g_autofree char *id = g_strdup_printf ("BIG-%06u", i);

      g_ptr_array_add (documents, document_new (id));
    }
  hilum_store_put_documents (big, documents, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_BIG; i++)
    {
      g_autofree char *id = g_strdup_printf ("BIG-%06u", i);
      g_autoptr(HilumSyncRecord) record = hilum_store_get_sync_record (big, id, NULL);
      g_autofree char *remote = g_strdup_printf ("remote-%06u", i);

      hilum_store_mark_pushed (big, id, record->json, "0-x", remote, record->outbox_last, NULL);
    }
  engine_big = engine_new (big);
  run_timed (engine_big, &summary);     /* reads the server's log once */
  g_clear_pointer (&summary, hilum_sync_summary_free);
  {
    double best = G_MAXDOUBLE;

    for (guint i = 0; i < 5; i++)
      {
        idle_ms = run_timed (engine_big, &summary);
        best = MIN (best, idle_ms);
        g_clear_pointer (&summary, hilum_sync_summary_free);
      }
    g_print ("a sync with nothing changed, %u studies in the store: %.1f ms (best of 5; goal < 50 ms)\n",
             hilum_store_count_studies (big), best);
  }

  g_clear_object (&image);
  hilum_test_server_free (server);
  hilum_fixture_dir_remove (dir);
  g_free (dir);
  return 0;
}
