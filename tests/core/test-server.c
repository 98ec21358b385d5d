/* test-server.c — which server addresses Hilum accepts, and how it names them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hilum-server.h"
#include <string.h>

#include "hilum-sync-error.h"

static void
test_https_accepted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumServer) server = hilum_server_new ("  https://pacs.example.org:8443/orthanc/ ",
                                                    "dicom-web/", "ana", "", &error);
  g_autofree char *system = NULL;
  g_autofree char *qido = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (server->url, ==, "https://pacs.example.org:8443/orthanc");
  g_assert_cmpstr (server->dicomweb_root, ==, "/dicom-web");
  g_assert_cmpstr (server->user, ==, "ana");
  g_assert_null (server->ca_file);
  system = hilum_server_build_url (server, "/system");
  g_assert_cmpstr (system, ==, "https://pacs.example.org:8443/orthanc/system");
  qido = hilum_server_build_dicomweb_url (server, "studies?limit=1");
  g_assert_cmpstr (qido, ==, "https://pacs.example.org:8443/orthanc/dicom-web/studies?limit=1");
  name = hilum_server_get_display_name (server);
  g_assert_cmpstr (name, ==, "pacs.example.org:8443");
}

static void
test_default_root (void)
{
  g_autoptr(HilumServer) server = hilum_server_new ("https://pacs.example.org", NULL, NULL, NULL, NULL);

  g_assert_cmpstr (server->dicomweb_root, ==, "/dicom-web");
  g_assert_null (server->user);
}

static void
test_plain_http_only_to_loopback (void)
{
  const char *loopback[] = { "http://localhost:8042", "http://127.0.0.1:8042", "http://[::1]:8042" };

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HilumServer) server = hilum_server_new (loopback[i], NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (server);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HilumServer) server = hilum_server_new ("http://pacs.example.org", NULL, "ana", NULL, &error);

    g_assert_null (server);
    g_assert_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS);
    g_assert_cmpstr (error->message, ==,
                     "The server pacs.example.org must be reached over https: plain http would send the password unencrypted.");
  }
}

static void
test_rejected (void)
{
  const char *bad[] = { "", "pacs", "ftp://pacs.example.org", "https://", "https://ana:secret@pacs.example.org",
                        "https://pacs.example.org/?x=1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HilumServer) server = hilum_server_new (bad[i], NULL, NULL, NULL, &error);

      g_assert_null (server);
      g_assert_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS);
      /* The password in a URL is never repeated back. */
      g_assert_null (strstr (error->message, "secret"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hilum/server/https", test_https_accepted);
  g_test_add_func ("/hilum/server/default-root", test_default_root);
  g_test_add_func ("/hilum/server/plain-http-loopback", test_plain_http_only_to_loopback);
  g_test_add_func ("/hilum/server/rejected", test_rejected);

  return g_test_run ();
}
