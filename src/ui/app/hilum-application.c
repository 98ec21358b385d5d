/* hilum-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-application.h"
#include "hilum-connection.h"
#include "hilum-preferences-window.h"
#include "hilum-server-page.h"
#include "hilum-resources-private.h"
#include "hilum-window.h"

struct _HilumApplication
{
  AdwApplication    parent_instance;
  GSettings        *settings;
  HilumPresetStore *preset_store;
  char             *next_prior;   /* --prior FILE, for the next "open" */
  HilumWorkspace   *workspace;
  HilumSyncService *sync_service;   /* nullable: without a store nothing syncs */
  char             *store_problem;  /* (nullable) what the integrity check found */
  GCancellable     *cancellable;
  gboolean          store_error_shown;
};

G_DEFINE_FINAL_TYPE (HilumApplication, hilum_application, ADW_TYPE_APPLICATION)

/* Accelerators of the application and window actions. Plain letters and digits are
 * left to the focused image view (1–5, I, R, F, 0, O, +, -, arrows). */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit",                      { "<Control>q", NULL } },
  { "app.preferences",               { "<Control>comma", NULL } },
  { "win.open-files",                { "<Control>o", NULL } },
  { "win.open-folder",               { "<Control><Shift>o", NULL } },
  { "win.next-study",                { "<Control>Page_Down", "<Alt>Down", NULL } },
  { "win.previous-study",            { "<Control>Page_Up", "<Alt>Up", NULL } },
  { "win.toggle-sidebar",            { "F9", NULL } },
  { "win.fullscreen",                { "F11", NULL } },
  { "win.swap-views",                { "<Control><Shift>s", NULL } },
  { "win.link-window-level",         { "<Control>l", NULL } },
  { "win.save-preset",               { "<Control>p", NULL } },
  { "win.focus-slot::frontal",       { "<Alt>1", NULL } },
  { "win.focus-slot::lateral",       { "<Alt>2", NULL } },
  { "win.focus-slot::prior-frontal", { "<Alt>3", NULL } },
  { "win.undo",                      { "<Control>z", NULL } },
  { "win.redo",                      { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.add-finding",               { "<Control>n", NULL } },
  { "win.next-finding",              { "<Alt>Page_Down", NULL } },
  { "win.previous-finding",          { "<Alt>Page_Up", NULL } },
  { "win.set-status::annotated",     { "<Control><Shift>a", NULL } },
  { "win.set-status::reviewed",      { "<Control><Shift>r", NULL } },
  { "win.search",                    { "<Control>f", NULL } },
  { "win.cycle-focus",               { "F6", NULL } },
  { "win.import",                    { "<Control>i", NULL } },
  { "win.export",                    { "<Control>e", NULL } },
  { "app.sync-now",                  { "F5", NULL } },
  { "win.find-on-server",            { "<Control><Shift>f", NULL } },
};

/* A store that cannot be opened: said once, in a dialog; the viewer still works. */
static void
hilum_application_show_store_error (HilumApplication *self,
                                    GtkWindow        *parent)
{
  const GError *store_error = hilum_workspace_get_store_error (self->workspace);
  GtkWidget *dialog;

  if (store_error == NULL || self->store_error_shown)
    return;
  self->store_error_shown = TRUE;

  dialog = adw_message_dialog_new (parent, _("Annotations Are Not Available"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The study store could not be opened: %s\n\nImages can still be viewed, but findings and boxes cannot be shown or saved."),
                                  store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static HilumWindow *
hilum_application_get_window (HilumApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (HILUM_IS_WINDOW (window))
    return HILUM_WINDOW (window);

  return hilum_window_new (self);
}

static void
hilum_application_activate (GApplication *app)
{
  HilumApplication *self = HILUM_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *prior = g_steal_pointer (&self->next_prior);
  HilumWindow *window;

  if (active != NULL)
    {
      /* `hilum --prior FILE` alone: a prior for the study on screen. */
      if (prior != NULL && HILUM_IS_WINDOW (active))
        hilum_study_view_set_prior_path (hilum_window_get_study_view (HILUM_WINDOW (active)), prior);
      gtk_window_present (active);
      return;
    }

  window = hilum_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
  hilum_application_show_store_error (self, GTK_WINDOW (window));
  /* The last opened files, or the demo study for a first start. */
  hilum_window_restore (window);
}

static void
hilum_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  HilumApplication *self = HILUM_APPLICATION (app);
  HilumWindow *window = hilum_application_get_window (self);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  gtk_window_present (GTK_WINDOW (window));
  hilum_window_open_paths_with_prior (window, (const char * const *)paths->pdata, self->next_prior);
  g_clear_pointer (&self->next_prior, g_free);
  g_clear_pointer (&self->store_problem, g_free);
}

/* Carries --prior from the instance that parsed it to the one that opens the files
 * (the same process, or the one already running, over D-Bus). */
static void
set_prior_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  HilumApplication *self = user_data;

  g_free (self->next_prior);
  self->next_prior = g_variant_dup_bytestring (param, NULL);
}

static int
hilum_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  const char *prior = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *absolute = NULL;

  if (!g_variant_dict_lookup (options, "prior", "^&ay", &prior))
    return -1;

  /* Relative to where the command was typed, not to the running instance. */
  absolute = g_canonicalize_filename (prior, NULL);
  if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: an error of the command line option --prior */
      g_printerr (_("The prior image “%s” does not exist."), absolute);
      g_printerr ("\n");
      return 1;
    }
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "set-prior",
                                   g_variant_new_bytestring (absolute));
  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing the windows lets them save their size and open files. A copy: closing
   * one window may destroy others (its dialogs). */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (app));
}

static HilumPreferencesWindow *
present_preferences (HilumApplication *self,
                     gboolean          server_page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HilumPreferencesWindow *prefs;
  GtkWidget *page;

  prefs = hilum_preferences_window_new (self->settings, self->preset_store);
  page = hilum_server_page_new (self->settings, self->sync_service);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  if (server_page)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  present_preferences (HILUM_APPLICATION (user_data), FALSE);
}

static void
connect_server_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  present_preferences (HILUM_APPLICATION (user_data), TRUE);
}

static void
sync_now_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  HilumApplication *self = user_data;

  if (self->sync_service != NULL)
    hilum_sync_service_sync_now (self->sync_service);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  HilumApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "Hilum developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Hilum"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Hilum developers"),
                        "developers", developers,
                        /* Translators: replace with your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/hilum/hilum",
                        "issue-url", "https://github.com/hilum/hilum/issues",
                        "comments", _("View chest radiographs for grounded reporting: frontal and lateral side by side, with window/level, zoom and pan."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "connect-server", connect_server_action },
  { "sync-now", sync_now_action },
  { "about", about_action },
  { "set-prior", set_prior_action, "ay" },
};

static void
hilum_application_update_reader (HilumApplication *self)
{
  g_autofree char *reader_id = g_settings_get_string (self->settings, "reader-id");
  g_autofree char *reader_name = g_settings_get_string (self->settings, "reader-name");
  g_autofree char *role_name = g_settings_get_string (self->settings, "reader-role");
  HilumReaderRole role = HILUM_READER_ROLE_READER;

  hilum_reader_role_from_string (role_name, &role);
  hilum_workspace_set_reader (self->workspace, reader_id, reader_name, role);
}

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HilumApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = hilum_connection_lookup_password_finish (result, &error);
  g_autoptr(HilumServer) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *root = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca = NULL;

  if (self->sync_service == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* No keyring is no reason to stop: the server will say the password is missing. */
  if (error != NULL)
    g_message ("%s", error->message);
  url = g_settings_get_string (self->settings, "server-url");
  root = g_settings_get_string (self->settings, "server-dicomweb-root");
  user = g_settings_get_string (self->settings, "server-user");
  ca = g_settings_get_string (self->settings, "server-ca-file");
  if ((server = hilum_server_new (url, root, user, ca, NULL)) != NULL)
    hilum_sync_service_set_server (self->sync_service, server, password);
}

static void
sync_interval_changed_cb (HilumApplication *self)
{
  if (self->sync_service != NULL)
    hilum_sync_service_set_interval (self->sync_service, g_settings_get_uint (self->settings, "sync-interval"));
}

static void
cache_size_changed_cb (HilumApplication *self)
{
  if (self->sync_service != NULL)
    hilum_image_fetcher_set_limit (hilum_sync_service_get_image_fetcher (self->sync_service),
                                   (guint64) g_settings_get_uint (self->settings, "image-cache-size") << 30);
}

static void
study_changed_cb (HilumApplication *self,
                  const char       *study_id)
{
  /* NULL: many studies at once (a scan, the demo). */
  if (self->sync_service != NULL)
    hilum_sync_service_edit_committed (self->sync_service);
}

static void
study_merged_cb (HilumApplication *self,
                 const char       *study_id,
                 HilumOperation   *operation)
{
  hilum_workspace_study_synced (self->workspace, study_id);
}

static void
store_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HilumApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hilum_workspace_check_store_finish (HILUM_WORKSPACE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Damage is said where the person looks; what can be read still opens. */
  g_warning ("%s", error->message);
  g_free (self->store_problem);
  self->store_problem = g_strdup (error->message);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HILUM_IS_WINDOW (l->data))
      hilum_window_show_message (l->data, error->message);
}

/* A window opened after the check ended says it too. */
static void
window_added_cb (HilumApplication *self,
                 GtkWindow        *window)
{
  if (self->store_problem != NULL && HILUM_IS_WINDOW (window))
    hilum_window_show_message (HILUM_WINDOW (window), self->store_problem);
}

/* The server of the settings, with its password from the keyring (read off the main
 * thread); nothing syncs until one is set. */
static void
hilum_application_start_sync (HilumApplication *self)
{
  HilumStore *store = hilum_workspace_get_store (self->workspace);
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *root = g_settings_get_string (self->settings, "server-dicomweb-root");
  g_autofree char *user = g_settings_get_string (self->settings, "server-user");
  g_autofree char *ca = g_settings_get_string (self->settings, "server-ca-file");
  g_autoptr(HilumServer) server = NULL;

  if (store == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->sync_service = hilum_sync_service_new (store);
  hilum_sync_service_set_interval (self->sync_service, g_settings_get_uint (self->settings, "sync-interval"));
  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (sync_interval_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::image-cache-size",
                           G_CALLBACK (cache_size_changed_cb), self, G_CONNECT_SWAPPED);
  cache_size_changed_cb (self);
  g_signal_connect_object (self->workspace, "study-changed", G_CALLBACK (study_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_service, "study-merged", G_CALLBACK (study_merged_cb), self,
                           G_CONNECT_SWAPPED);
  if (url[0] != '\0' && (server = hilum_server_new (url, root, user, ca, NULL)) != NULL)
    hilum_connection_lookup_password_async (server, self->cancellable, password_found_cb, g_object_ref (self));
}

static void
hilum_application_startup (GApplication *app)
{
  HilumApplication *self = HILUM_APPLICATION (app);

  G_APPLICATION_CLASS (hilum_application_parent_class)->startup (app);

  self->settings = g_settings_new (HILUM_SETTINGS_SCHEMA);
  self->preset_store = hilum_preset_store_new (self->settings);
  self->workspace = hilum_workspace_new (NULL);
  if (hilum_workspace_get_store_error (self->workspace) != NULL)
    g_warning ("The store could not be opened: %s",
               hilum_workspace_get_store_error (self->workspace)->message);
  /* Who edits: every window's sessions are of the reader the settings name. */
  g_signal_connect_object (self->settings, "changed::reader-id",
                           G_CALLBACK (hilum_application_update_reader), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reader-name",
                           G_CALLBACK (hilum_application_update_reader), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reader-role",
                           G_CALLBACK (hilum_application_update_reader), self, G_CONNECT_SWAPPED);
  hilum_application_update_reader (self);
  hilum_application_start_sync (self);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  hilum_workspace_check_store_async (self->workspace, NULL, store_checked_cb, g_object_ref (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
hilum_application_dispose (GObject *object)
{
  HilumApplication *self = (HilumApplication *)object;

  g_clear_object (&self->preset_store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->next_prior, g_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync_service);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (hilum_application_parent_class)->dispose (object);
}

static void
hilum_application_class_init (HilumApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  hilum_ensure_resources ();

  object_class->dispose = hilum_application_dispose;
  app_class->startup = hilum_application_startup;
  app_class->activate = hilum_application_activate;
  app_class->open = hilum_application_open;
  app_class->handle_local_options = hilum_application_handle_local_options;
}

static void
hilum_application_init (HilumApplication *self)
{
  static const GOptionEntry entries[] = {
    { "prior", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      /* Translators: help of the command line option --prior FILE */
      N_("Show FILE as the prior frontal image of the study"),
      /* Translators: the argument of --prior in the command line help */
      N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  /* Translators: the arguments of the hilum command, in its --help */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[STUDY-FILES-OR-FOLDERS…]"));
}

HilumApplication *
hilum_application_new (void)
{
  /* The resource path is fixed so that the .Devel build finds the same
   * help overlay and style sheet. */
  return g_object_new (HILUM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/hilum/Hilum",
                       NULL);
}

GSettings *
hilum_application_get_settings (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->settings;
}

HilumPresetStore *
hilum_application_get_preset_store (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->preset_store;
}

HilumStore *
hilum_application_get_store (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->workspace ? hilum_workspace_get_store (self->workspace) : NULL;
}

HilumSyncService *
hilum_application_get_sync_service (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->sync_service;
}

HilumWorkspace *
hilum_application_get_workspace (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->workspace;
}

const GError *
hilum_application_get_store_error (HilumApplication *self)
{
  g_return_val_if_fail (HILUM_IS_APPLICATION (self), NULL);

  return self->workspace ? hilum_workspace_get_store_error (self->workspace) : NULL;
}
