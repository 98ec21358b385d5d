/* sync-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-fixtures.h"
#include "hilum-image.h"
#include "hilum-png.h"
#include "hilum-secondary-capture.h"
#include "sync-client.h"

HilumTestServer *server;
char *work_dir;
guint counter;

static GPtrArray *
image_source_cb (const char     *study_id,
                 HilumDocument  *document,
                 gpointer        user_data,
                 GError        **error)
{
  g_autofree char *png = g_strdup_printf ("%s/%s.png", work_dir, study_id);
  g_autoptr(HilumImage) image = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  HilumSecondaryCaptureDesc desc = { study_id, "frontal.png", "P-1", "20240301", "PA", NULL };
  guint16 values[64];
  GBytes *dicom;

  for (guint i = 0; i < 64; i++)
    values[i] = (guint16) (i * 1000);
  if (!hilum_png_write_gray16 (png, 8, 8, values, error) ||
      (image = hilum_decode_file (png, NULL, error)) == NULL ||
      (dicom = hilum_secondary_capture_build (image, &desc, error)) == NULL)
    return NULL;
  g_ptr_array_add (files, dicom);
  return g_steal_pointer (&files);
}

HilumServer *
make_server (const char *url,
             const char *ca_file)
{
  g_autoptr(GError) error = NULL;
  HilumServer *address = hilum_server_new (url, NULL, hilum_test_server_get_user (server), ca_file, &error);

  g_assert_no_error (error);
  return address;
}

Client *
client_new_for (const char *url,
                const char *password)
{
  g_autofree char *path = g_strdup_printf ("%s/client-%u.db", work_dir, ++counter);
  g_autoptr(HilumServer) address = make_server (url, hilum_test_server_get_ca_file (server));
  g_autoptr(HilumHttpClient) http = hilum_http_client_new (address, password);
  g_autoptr(GError) error = NULL;
  Client *client = g_new0 (Client, 1);

  client->store = hilum_store_open (path, &error);
  g_assert_no_error (error);
  client->orthanc = hilum_orthanc_new (http);
  client->engine = hilum_sync_engine_new (client->store, client->orthanc);
  hilum_sync_engine_set_image_source (client->engine, image_source_cb, NULL);
  hilum_sync_engine_set_retry (client->engine, 20, 200, 3);
  return client;
}

Client *
client_new (void)
{
  return client_new_for (hilum_test_server_get_url (server), hilum_test_server_get_password (server));
}

void
client_free (Client *client)
{
  g_clear_object (&client->engine);
  g_clear_object (&client->orthanc);
  g_clear_object (&client->store);
  g_free (client);
}

HilumSyncSummary *
sync_ok (Client *client)
{
  g_autoptr(GError) error = NULL;
  HilumSyncSummary *summary = NULL;

  hilum_sync_engine_run (client->engine, &summary, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < summary->problems->len; i++)
    g_test_message ("problem: %s", (const char *) summary->problems->pdata[i]);
  g_assert_cmpuint (summary->problems->len, ==, 0);
  return summary;
}

char *
new_study (Client *client,
           guint   n_findings)
{
  g_autofree char *study_id = g_strdup_printf ("GR-%u-%u", (guint) getpid (), ++counter);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append_printf (json, "{\"schema\":\"hilum-study/1\",\"study\":{\"study_id\":\"%s\",\"status\":\"new\"},"
                          "\"images\":[{\"image_id\":\"frontal.png\",\"role\":\"current_frontal\",\"file\":\"frontal.png\"}],"
                          "\"readers\":[],\"findings\":[", study_id);
  for (guint i = 0; i < n_findings; i++)
    g_string_append_printf (json, "%s{\"finding_id\":\"f%u\",\"polarity\":\"positive\","
                            "\"text\":{\"en\":\"Finding %u.\",\"es\":\"Hallazgo %u.\"}}",
                            i > 0 ? "," : "", i, i, i);
  g_string_append (json, "]}");
  document = hilum_document_new_from_string (json->str, -1, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (client->store, document, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&study_id);
}


guint16
server_study_pixel (guint view,
             guint i)
{
  return (guint16) ((i * 97 + view * 1013) % 4096);
}

char *
server_study (Client             *client,
                   const char * const *tags)
{
  g_autofree char *study_uid = g_strdup_printf ("1.2.826.0.1.3680043.10.1337.77.%u.%u",
                                                (guint) getpid (), ++counter);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  const char *views[] = { "PA", "LL" };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s-%u.dcm", work_dir, study_uid, v);
      g_autofree char *study = g_strdup_printf ("StudyInstanceUID=%s", study_uid);
      g_autofree char *series = g_strdup_printf ("SeriesInstanceUID=%s.%u", study_uid, v + 1);
      g_autofree char *sop = g_strdup_printf ("SOPInstanceUID=%s.%u.1", study_uid, v + 1);
      g_autofree char *view = g_strdup_printf ("ViewPosition=%s", views[v]);
      const char *fixed[] = { study, series, sop, view, "PatientID=P-77", "StudyDate=20240305",
                              "SpecificCharacterSet=ISO_IR 192" };
      g_autoptr(GPtrArray) assignments = g_ptr_array_new ();
      guint16 values[SERVER_STUDY_SIDE * SERVER_STUDY_SIDE];
      g_autofree guint16 *words = NULL;
      HilumFixtureDicom spec = { SERVER_STUDY_SIDE, SERVER_STUDY_SIDE, 0, 16, 12, FALSE, 1, NULL, NULL, "DX", NULL, 0, NULL };
      g_autoptr(GFile) file = NULL;
      GBytes *bytes;

      for (guint i = 0; i < SERVER_STUDY_SIDE * SERVER_STUDY_SIDE; i++)
        values[i] = server_study_pixel (v, i);
      words = hilum_fixture_pack_words (values, SERVER_STUDY_SIDE * SERVER_STUDY_SIDE, 12);
      spec.pixels = words;
      spec.pixels_size = sizeof values;
      g_assert_true (hilum_fixture_write_dicom (path, &spec, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
        g_ptr_array_add (assignments, (gpointer) fixed[i]);
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        g_ptr_array_add (assignments, (gpointer) tags[i]);
      g_ptr_array_add (assignments, NULL);
      g_assert_true (hilum_fixture_modify (path, (const char * const *) assignments->pdata, &error));
      g_assert_no_error (error);
      file = g_file_new_for_path (path);
      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (files, bytes);
    }
  g_assert_true (hilum_orthanc_store_instances (client->orthanc, files, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&study_uid);
}


void
maybe_screenshot (const char *name)
{
  const char *dir = g_getenv ("HILUM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;
  /* What is on screen is what was last painted: let GTK paint. */
  {
    gint64 until = g_get_monotonic_time () + 500 * 1000;

    while (g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
  }
  path = g_strdup_printf ("%s/%s.png", dir, name);
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));
}


void
sync_client_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* No accessibility bus: its registry daemon writes to stdout, which is TAP here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (argc, argv, NULL);
  work_dir = hilum_fixture_dir_new ();
  server = hilum_test_server_start (&error);
  g_assert_no_error (error);
}

void
sync_client_finish (void)
{
  g_clear_pointer (&server, hilum_test_server_free);
  hilum_fixture_dir_remove (work_dir);
  g_clear_pointer (&work_dir, g_free);
}
