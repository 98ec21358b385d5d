/* test-sync-app.c — the real application against the real server: a study only the
 * server has shows in the worklist after the app's own sync, its images download when it
 * is opened (the bar under the header, then the pixels), Keep Available Offline pins it,
 * and with the server gone a study never downloaded says so in its slots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings are the memory backend's, the password is in a real gnome-keyring in
 * this test's D-Bus session, the window is real under Xvfb. HILUM_SCREENSHOT_DIR=DIR
 * writes the screen at each step to DIR for the eye.
 */
#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "hilum-application.h"
#include "hilum-credentials.h"
#include "hilum-download-bar.h"
#include "hilum-find-dialog.h"
#include "hilum-fixtures.h"
#include "hilum-image-slot.h"
#include "hilum-store-cache.h"
#include "hilum-study-view.h"
#include "hilum-window.h"
#include "hilum-worklist.h"
#include "sync-client.h"

static HilumApplication *app;


static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

typedef struct
{
  HilumWindow *window;
  const char  *study_id;
} Wait;

static gboolean
synced (gpointer data)
{
  Wait *wait = data;
  HilumSyncService *service = hilum_application_get_sync_service (app);

  return hilum_store_has_study (hilum_application_get_store (app), wait->study_id)
         && hilum_sync_service_get_state (service) == HILUM_SYNC_STATE_SYNCED;
}

static gboolean
listed (gpointer data)
{
  Wait *wait = data;

  return hilum_worklist_select_study_id (hilum_window_get_worklist (wait->window), wait->study_id);
}

static HilumImageSlot *
frontal_slot (HilumWindow *window)
{
  return hilum_study_view_get_slot (hilum_window_get_study_view (window), HILUM_SLOT_FRONTAL);
}

static gboolean
both_show_images (gpointer data)
{
  Wait *wait = data;
  HilumStudyView *view = hilum_window_get_study_view (wait->window);

  return hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)) == HILUM_SLOT_STATE_IMAGE
         && hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_LATERAL)) == HILUM_SLOT_STATE_IMAGE;
}

static gboolean
frontal_shows_error (gpointer data)
{
  Wait *wait = data;

  return hilum_image_slot_get_state (frontal_slot (wait->window)) == HILUM_SLOT_STATE_ERROR;
}

typedef struct
{
  gboolean seen_active;
} BarWatch;

static void
revealer_notify_cb (GtkRevealer *revealer,
                    GParamSpec  *pspec,
                    BarWatch    *watch)
{
  watch->seen_active |= gtk_revealer_get_reveal_child (revealer);
}


static void
test_server_study_in_the_app (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *first = server_study (modality, NULL);
  g_autofree char *second = server_study (modality, NULL);
  g_autoptr(GError) error = NULL;
  HilumSyncService *service;
  HilumWindow *window;
  HilumDownloadBar *bar;
  BarWatch watch = { FALSE };
  Wait wait = { NULL, first };
  HilumStore *store;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  service = hilum_application_get_sync_service (app);
  store = hilum_application_get_store (app);
  g_assert_nonnull (service);
  g_assert_true (wait_until (synced, &wait, 30000));
  wait.study_id = second;
  g_assert_true (wait_until (synced, &wait, 30000));

  window = hilum_window_new (app);
  wait.window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  bar = HILUM_DOWNLOAD_BAR (hilum_window_get_download_bar (window));
  /* The bar's revealer says when it shows. */
  g_signal_connect (gtk_widget_get_first_child (GTK_WIDGET (bar)), "notify::reveal-child",
                    G_CALLBACK (revealer_notify_cb), &watch);

  /* Opening it: the images come, the bar shows while they do and goes. */
  wait.study_id = first;
  g_assert_true (wait_until (listed, &wait, 10000));
  g_assert_true (wait_until (both_show_images, &wait, 30000));
  g_assert_true (watch.seen_active);
  maybe_screenshot ("server-study-downloaded");
  g_assert_cmpuint (hilum_store_cache_count_study (store, first), ==, 2);
  g_assert_true (g_str_has_prefix (hilum_image_slot_get_path (frontal_slot (window)), g_get_user_cache_dir ()));
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (hilum_download_bar_is_active (bar) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_false (hilum_download_bar_is_active (bar));
  }

  /* Keep Available Offline: pinned, and the menu's check says so. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "keep-offline", NULL);
  g_assert_true (hilum_store_cache_is_pinned (store, first));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "keep-offline");

    g_assert_true (g_variant_get_boolean (state));
  }

  /* The server gone: the second study, never downloaded, says so; the first opens. */
  hilum_sync_service_set_server (service, NULL, NULL);
  wait.study_id = second;
  g_assert_true (wait_until (listed, &wait, 10000));
  g_assert_true (wait_until (frontal_shows_error, &wait, 30000));
  g_assert_cmpstr (hilum_image_slot_get_error (frontal_slot (window)), ==,
                   "This image has not been downloaded to this computer yet. Connect to the server to see it.");
  g_assert_false (hilum_download_bar_is_active (bar));
  maybe_screenshot ("server-study-never-downloaded");
  wait.study_id = first;
  g_assert_true (wait_until (listed, &wait, 10000));
  g_assert_true (wait_until (both_show_images, &wait, 30000));

  gtk_window_destroy (GTK_WINDOW (window));
}

static HilumFindDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HILUM_IS_FIND_DIALOG (window))
        return HILUM_FIND_DIALOG (window);
    }
  return NULL;
}

typedef struct
{
  HilumWindow *window;
  guint        n;
  const char  *first;
} Listing;

static gboolean
lists (gpointer data)
{
  Listing *listing = data;
  HilumWorklist *worklist = hilum_window_get_worklist (listing->window);

  return hilum_worklist_get_showing_only (worklist)
         && g_list_model_get_n_items (hilum_worklist_get_model (worklist)) == listing->n
         && g_strcmp0 (hilum_worklist_get_selected_id (worklist), listing->first) == 0;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
dialog_says (gpointer data)
{
  return find_dialog () != NULL && hilum_find_dialog_get_error (find_dialog ()) != NULL;
}

/* Find Studies on the Server: June 2021, "nunez" (the name is Núñez): the two of June in
 * the worklist, the newest selected; a date that is not one is said in the dialog. */
static void
test_find_on_server (void)
{
  g_autoptr(Client) modality = client_new ();
  g_autofree char *tag = g_strdup_printf ("PatientName=Núñez^Ana %u", ++counter);
  const char *first_tags[] = { tag, "StudyDate=20210601", NULL };
  const char *second_tags[] = { tag, "StudyDate=20210602", NULL };
  const char *other_tags[] = { tag, "StudyDate=20210801", NULL };
  g_autofree char *older = server_study (modality, first_tags);
  g_autofree char *newer = server_study (modality, second_tags);
  g_autofree char *august = server_study (modality, other_tags);
  g_autoptr(HilumServer) address = make_server (hilum_test_server_get_url (server), hilum_test_server_get_ca_file (server));
  HilumWindow *window = hilum_window_new (app);
  Listing listing = { window, 2, newer };

  hilum_sync_service_set_server (hilum_application_get_sync_service (app), address,
                                 hilum_test_server_get_password (server));
  gtk_window_present (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "find-on-server", NULL);
  g_assert_nonnull (find_dialog ());
  maybe_screenshot ("find-dialog");
  hilum_find_dialog_find (find_dialog (), "2021-06-01", "2021-06-30", NULL, "nunez ana");
  g_assert_true (wait_until (no_dialog, NULL, 30000));
  g_assert_true (wait_until (lists, &listing, 30000));
  g_assert_true (hilum_store_has_study (hilum_application_get_store (app), older));
  /* August's study may be here too (the app's own sync takes every study): only
   * June's are listed. */
  g_assert_nonnull (august);
  maybe_screenshot ("found-on-server");

  g_action_group_activate_action (G_ACTION_GROUP (window), "find-on-server", NULL);
  hilum_find_dialog_find (find_dialog (), "2021-13-01", NULL, NULL, NULL);
  g_assert_true (wait_until (dialog_says, NULL, 5000));
  g_assert_cmpstr (hilum_find_dialog_get_error (find_dialog ()), ==,
                   "“2021-13-01” is not a date: write it as year-month-day, e.g. 2024-03-05.");
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("hilum-sync-app-XXXXXX", NULL);
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(HilumServer) address = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* A store and a cache of the test's own, before GLib is asked for them. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i], dir, TRUE);
    }
  sync_client_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  /* What Preferences → Server would have saved, and the password in the keyring. */
  settings = g_settings_new ("io.github.hilum.Hilum");
  g_settings_set_string (settings, "server-url", hilum_test_server_get_url (server));
  g_settings_set_string (settings, "server-user", hilum_test_server_get_user (server));
  g_settings_set_string (settings, "server-ca-file", hilum_test_server_get_ca_file (server));
  g_assert_true (hilum_test_keyring_start (&error));
  g_assert_no_error (error);
  address = make_server (hilum_test_server_get_url (server), hilum_test_server_get_ca_file (server));
  g_assert_true (hilum_credentials_store (address, hilum_test_server_get_password (server), NULL, &error));
  g_assert_no_error (error);

  app = hilum_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);

  g_test_add_func ("/hilum/sync-app/server-study-in-the-app", test_server_study_in_the_app);
  g_test_add_func ("/hilum/sync-app/find-on-server", test_find_on_server);

  status = g_test_run ();
  g_clear_object (&app);
  sync_client_finish ();
  return status;
}
