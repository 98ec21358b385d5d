/* hilum-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-image.h"
#include "hilum-study-loader.h"
#include "hilum-sync-indicator.h"
#include "hilum-translator-view.h"
#include "hilum-download-bar.h"
#include "hilum-window-private.h"
#include "hilum-resources-private.h"

#define MAX_RECENT_FOLDERS 10

G_DEFINE_FINAL_TYPE (HilumWindow, hilum_window, ADW_TYPE_APPLICATION_WINDOW)

void
_hilum_window_toast (HilumWindow *self,
                     const char  *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

static void
hilum_window_set_scanning (HilumWindow *self,
                           gboolean     scanning)
{
  if (scanning)
    self->scanning++;
  else if (self->scanning > 0)
    self->scanning--;

  hilum_worklist_set_busy (self->worklist, self->scanning > 0, NULL);
}

static void
hilum_window_rebuild_recent (HilumWindow *self)
{
  g_auto(GStrv) folders = g_settings_get_strv (self->settings, "recent-folders");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *basename = g_path_get_basename (folders[i]);
      g_autofree char *display = g_filename_display_name (basename);
      g_auto(GStrv) parts = g_strsplit (display, "_", -1);
      /* A single '_' would be taken as a mnemonic. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (folders[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

static void
hilum_window_add_recent (HilumWindow *self,
                         const char  *folder)
{
  g_auto(GStrv) folders = g_settings_get_strv (self->settings, "recent-folders");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  guint n = 1;

  g_strv_builder_add (builder, folder);
  for (guint i = 0; folders[i] != NULL && n < MAX_RECENT_FOLDERS; i++)
    {
      if (g_strcmp0 (folders[i], folder) == 0)
        continue;
      g_strv_builder_add (builder, folders[i]);
      n++;
    }
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-folders", (const char * const *)result);
}

static void
hilum_window_update_title (HilumWindow *self)
{
  HilumStudy *study = self->shown_study;

  if (study != NULL)
    {
      g_autofree char *title = NULL;
      guint n_images = g_list_model_get_n_items (hilum_study_get_images (study));
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n_images),
                                                   n_images);
      const char *text = hilum_study_get_title (study);

      adw_window_title_set_title (self->window_title, text);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      /* Translators: the window title, %s is the study's title */
      title = g_strdup_printf (_("%s — Hilum"), text);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Hilum"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Hilum"));
    }
}

/* Which document image each layer shows: the one in its slot (it changes with swap and
 * with the slot menus). */
static void
hilum_window_update_layers (HilumWindow *self)
{
  HilumDocument *document = self->session ? hilum_session_get_document (self->session) : NULL;

  for (guint i = 0; i < HILUM_N_LAYERS; i++)
    {
      HilumImage *header = self->shown_study ? hilum_study_get_slot (self->shown_study, i) : NULL;
      const char *image_id = NULL;

      if (document != NULL && header != NULL)
        image_id = hilum_study_loader_find_image_id (document, header);
      hilum_box_layer_set_image_id (self->layers[i], image_id);
      hilum_box_layer_set_session (self->layers[i], self->session);
    }
}

static void
hilum_window_show_study (HilumWindow *self,
                         HilumStudy  *study)
{
  g_set_object (&self->shown_study, study);
  g_signal_group_set_target (self->study_signals, study);
  hilum_study_view_set_study (self->study_view, study);
  if (study != NULL && self->pending_prior != NULL)
    {
      hilum_study_view_set_prior_path (self->study_view, self->pending_prior);
      g_clear_pointer (&self->pending_prior, g_free);
    }
  hilum_window_update_layers (self);
  hilum_window_update_title (self);
}

static HilumSession *
hilum_window_lookup_session (HilumWindow *self,
                             const char  *study_id,
                             HilumStudy  *study)
{
  g_autoptr(GError) error = NULL;
  HilumSession *session = hilum_workspace_get_session (self->workspace, study_id, study, &error);

  if (error != NULL)
    _hilum_window_toast (self, error->message);
  return session;
}

static void
hilum_window_set_session (HilumWindow  *self,
                          HilumSession *session)
{
  if (self->session == session)
    return;

  if (self->session != NULL)
    hilum_session_break_merge (self->session);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  hilum_report_panel_set_session (self->report_panel, session);
  hilum_translator_view_set_session (HILUM_TRANSLATOR_VIEW (self->translator_view), session);
  gtk_widget_set_visible (GTK_WIDGET (self->report_panel), session != NULL);
  for (guint i = 0; i < HILUM_N_LAYERS; i++)
    hilum_box_layer_set_session (self->layers[i], session);
  _hilum_window_update_actions (self);
}

/* Sync may have to upload a study the server lacks: it needs to know its files. */
static void
register_study_files (HilumWindow *self,
                      HilumStudy  *study)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  HilumSyncService *service = HILUM_IS_APPLICATION (app)
                              ? hilum_application_get_sync_service (HILUM_APPLICATION (app)) : NULL;
  GListModel *images = hilum_study_get_images (study);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (service == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HilumImage) image = g_list_model_get_item (images, i);

      if (hilum_image_get_path (image) != NULL)
        g_ptr_array_add (paths, g_strdup (hilum_image_get_path (image)));
    }
  g_ptr_array_add (paths, NULL);
  hilum_sync_service_add_image_files (service, hilum_study_get_id (study), (const char * const *) paths->pdata);
}

static void
build_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HilumWindow) self = user_data;
  g_autoptr(HilumStudy) study = hilum_workspace_build_study_finish (HILUM_WORKSPACE (source), result, NULL);
  HilumWorklistItem *item;
  GPtrArray *failures;

  self->building--;
  if (study == NULL || g_task_get_cancellable (G_TASK (result)) != self->build_cancellable)
    return;

  item = hilum_worklist_get_selected_item (self->worklist);
  if (item == NULL || g_strcmp0 (hilum_worklist_item_get_study_id (item), hilum_study_get_id (study)) != 0)
    return;

  hilum_worklist_item_set_study (item, study);
  register_study_files (self, study);
  hilum_window_show_study (self, study);
  _hilum_window_show_content (self);
  _hilum_window_download_shown_study (self, study);

  failures = hilum_study_get_failures (study);
  if (failures != NULL && failures->len > 0)
    _hilum_window_toast (self, g_ptr_array_index (failures, 0));
}

void
_hilum_window_rebuild_study (HilumWindow *self)
{
  const char *study_id = hilum_worklist_get_selected_id (self->worklist);

  if (study_id == NULL)
    return;
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  self->build_cancellable = g_cancellable_new ();
  self->building++;
  hilum_workspace_build_study_async (self->workspace, study_id, self->build_cancellable,
                                     build_cb, g_object_ref (self));
}

static void
translator_open_study_cb (HilumWindow *self,
                          const char  *study_id)
{
  /* The next study of the translation queue opens as if picked in the worklist. */
  hilum_worklist_select_study_id (self->worklist, study_id);
}

static void
worklist_selected_cb (HilumWindow   *self,
                      GParamSpec    *pspec,
                      HilumWorklist *worklist)
{
  const char *study_id = hilum_worklist_get_selected_id (worklist);
  HilumStudy *study = hilum_worklist_get_selected_study (worklist);
  HilumSession *session = NULL;

  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);

  if (study_id != NULL)
    session = hilum_window_lookup_session (self, study_id, study);
  hilum_window_set_session (self, session);
  _hilum_window_forget_download (self, study_id);

  if (study_id == NULL)
    {
      hilum_window_show_study (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "welcome");
      return;
    }

  g_settings_set_string (self->settings, "last-study", study_id);
  _hilum_window_show_content (self);

  if (study != NULL)
    {
      hilum_window_show_study (self, study);
      _hilum_window_download_shown_study (self, study);
    }
  else if (session != NULL)
    {
      /* A study of the store not scanned in this run: its files are read again. The
       * report opens at once; the images follow. */
      hilum_window_show_study (self, NULL);
      _hilum_window_rebuild_study (self);
    }
  else
    {
      hilum_window_show_study (self, NULL);
    }
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  HilumWindow *self = user_data;

  g_autofree char *study_id = g_steal_pointer (&self->refresh_study);

  self->refresh_id = 0;
  /* Only the edited study's row: the whole list is not read again for a keystroke. */
  hilum_worklist_update_study (self->worklist, study_id);
  return G_SOURCE_REMOVE;
}

static void
session_changed_cb (HilumWindow    *self,
                    HilumOperation *op,
                    HilumSession   *session)
{
  const char *study_id = hilum_document_get_study_id (hilum_session_get_document (session));

  _hilum_window_update_actions (self);
  if (hilum_window_get_store (self) == NULL)
    return;
  /* Another study's row still waiting: now. */
  if (self->refresh_id != 0 && g_strcmp0 (self->refresh_study, study_id) != 0)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      hilum_worklist_update_study (self->worklist, self->refresh_study);
    }
  /* The worklist's status and counts: once typing pauses. */
  if (self->refresh_id == 0)
    {
      g_free (self->refresh_study);
      self->refresh_study = g_strdup (study_id);
      self->refresh_id = g_timeout_add (700, refresh_timeout_cb, self);
    }
}

static void
layer_error_cb (HilumWindow   *self,
                const GError  *error,
                HilumBoxLayer *layer)
{
  _hilum_window_toast (self, error->message);
}

static void
panel_failed_cb (HilumWindow      *self,
                 const char       *message,
                 HilumReportPanel *panel)
{
  _hilum_window_toast (self, message);
}

/* The report keeps the width the user gave it, whatever the window's size. */
static void
paned_max_position_cb (HilumWindow *self)
{
  int max = 0;
  int width = g_settings_get_int (self->settings, "report-width");

  g_object_get (self->paned, "max-position", &max, NULL);
  if (self->report_width_set || max <= 0 || max == G_MAXINT)
    return;
  self->report_width_set = TRUE;
  gtk_paned_set_position (self->paned, MAX (max - width, max / 3));
}

static void
study_loaded_cb (HilumWindow    *self,
                 HilumStudyView *view)
{
  /* Keys go to an image once a study is open, unless the user is walking the list. */
  if (hilum_worklist_has_focus (self->worklist))
    return;

  if (!hilum_study_view_focus_slot (self->study_view, hilum_study_view_get_active_slot (view)))
    for (guint i = 0; i < HILUM_N_SLOTS; i++)
      if (hilum_study_view_focus_slot (self->study_view, i))
        break;
}

static void
image_failed_cb (HilumWindow    *self,
                 const char     *path,
                 const char     *message,
                 HilumStudyView *view)
{
  _hilum_window_toast (self, message);
}

static void
scan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HilumWindow) self = user_data;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) scan_failures = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *last_study = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  guint n_studies;

  studies = hilum_workspace_scan_finish (HILUM_WORKSPACE (source), result, &scan_failures, &store_error, NULL);
  hilum_window_set_scanning (self, FALSE);

  /* A newer open replaced this one. */
  if (studies == NULL || g_task_get_cancellable (G_TASK (result)) != self->scan_cancellable ||
      g_cancellable_is_cancelled (self->scan_cancellable))
    return;

  n_studies = studies->len;
  if (store_error != NULL)
    _hilum_window_toast (self, store_error->message);
  hilum_worklist_set_studies (self->worklist, studies);
  for (guint i = 0; i < n_studies; i++)
    register_study_files (self, g_ptr_array_index (studies, i));

  /* The remembered study when it was opened again, else the first one opened. */
  last_study = g_settings_get_string (self->settings, "last-study");
  for (guint i = 0; i < n_studies; i++)
    if (g_strcmp0 (hilum_study_get_id (g_ptr_array_index (studies, i)), last_study) == 0)
      hilum_worklist_select_study_id (self->worklist, last_study);
  if (n_studies > 0 && hilum_worklist_get_selected_id (self->worklist) == NULL &&
      !hilum_worklist_get_querying (self->worklist))
    hilum_worklist_select_relative (self->worklist, 0);

  /* Files no study took, and files of a study that could not be read. */
  failures = g_ptr_array_new ();
  for (guint i = 0; scan_failures && i < scan_failures->len; i++)
    g_ptr_array_add (failures, g_ptr_array_index (scan_failures, i));
  for (guint i = 0; i < n_studies; i++)
    {
      GPtrArray *study_failures = hilum_study_get_failures (g_ptr_array_index (studies, i));

      for (guint j = 0; study_failures && j < study_failures->len; j++)
        g_ptr_array_add (failures, g_ptr_array_index (study_failures, j));
    }

  if (failures->len == 1)
    {
      _hilum_window_toast (self, g_ptr_array_index (failures, 0));
    }
  else if (failures->len > 1)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u file could not be read: %s",
                                      "%u files could not be read, the first: %s",
                                      failures->len),
                         failures->len,
                         (const char *)g_ptr_array_index (failures, 0));
      _hilum_window_toast (self, message);
    }
  else if (n_studies == 0)
    {
      _hilum_window_toast (self, _("No radiographs were found in what was opened"));
    }
}

static void
hilum_window_scan_full (HilumWindow        *self,
                        const char * const *paths,
                        gboolean            demo);

static void
hilum_window_scan (HilumWindow        *self,
                   const char * const *paths)
{
  hilum_window_scan_full (self, paths, FALSE);
}

static void
hilum_window_scan_full (HilumWindow        *self,
                        const char * const *paths,
                        gboolean            demo)
{
  if (self->scan_cancellable)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();

  hilum_window_set_scanning (self, TRUE);
  hilum_workspace_scan_async (self->workspace, paths, demo, self->scan_cancellable,
                              scan_cb, g_object_ref (self));
}

static void
demo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HilumWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hilum_workspace_ensure_demo_finish (HILUM_WORKSPACE (source), result, &error);

  hilum_window_set_scanning (self, FALSE);

  if (dir == NULL)
    {
      _hilum_window_toast (self, error->message);
      return;
    }

  {
    const char *paths[] = { dir, NULL };

    /* The demo is not a folder of the user's: it stays out of the recent list. */
    g_settings_set_strv (self->settings, "last-paths", paths);
    /* The demo comes with a short report and a box, so there is something to see. */
    hilum_window_scan_full (self, paths, TRUE);
  }
}

static void
chooser_response_cb (HilumWindow          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      paths = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        hilum_window_open_paths (self, (const char * const *)paths->pdata);
    }

  g_clear_object (&self->chooser);
}

void
_hilum_window_choose (HilumWindow          *self,
                     GtkFileChooserAction  action)
{
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (folder ? _("Open Folder") : _("Open Files"),
                                               GTK_WINDOW (self), action,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (!folder)
    {
      g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
      gtk_file_filter_set_name (images, _("Radiographs (DICOM, PNG, JPEG)"));
      gtk_file_filter_add_mime_type (images, "application/dicom");
      gtk_file_filter_add_suffix (images, "dcm");
      gtk_file_filter_add_suffix (images, "dicom");
      gtk_file_filter_add_mime_type (images, "image/png");
      gtk_file_filter_add_mime_type (images, "image/jpeg");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
      /* DICOM files often have no extension at all. */
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (HilumWindow   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_slist_free (files);

  if (paths->len == 0)
    return FALSE;

  g_ptr_array_add (paths, NULL);
  hilum_window_open_paths (self, (const char * const *)paths->pdata);
  return TRUE;
}

static gboolean
hilum_window_close_request (GtkWindow *window)
{
  HilumWindow *self = HILUM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->report_panel)) &&
      gtk_widget_get_width (GTK_WIDGET (self->report_panel)) > 0)
    g_settings_set_int (self->settings, "report-width",
                        gtk_widget_get_width (GTK_WIDGET (self->report_panel)));
  g_settings_apply (self->settings);

  if (self->session != NULL)
    hilum_session_break_merge (self->session);

  return GTK_WINDOW_CLASS (hilum_window_parent_class)->close_request (window);
}

/* "application" is not a construct property: the store comes when it is set. */
static void
application_notify_cb (HilumWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  HilumWorkspace *workspace = NULL;

  if (HILUM_IS_APPLICATION (app))
    workspace = hilum_application_get_workspace (HILUM_APPLICATION (app));
  if (workspace == NULL || workspace == self->workspace)
    return;
  g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  g_signal_connect_object (self->workspace, "session-changed",
                           G_CALLBACK (_hilum_window_reset_sessions), self, G_CONNECT_SWAPPED);
  hilum_worklist_set_workspace (self->worklist, workspace);
  if (self->sync_indicator == NULL && hilum_application_get_sync_service (HILUM_APPLICATION (app)) != NULL)
    {
      HilumSyncService *service = hilum_application_get_sync_service (HILUM_APPLICATION (app));

      self->sync_indicator = hilum_sync_indicator_new (service);
      adw_header_bar_pack_end (self->header_bar, self->sync_indicator);
      /* What a sync brought shows in the worklist (new studies, conflicts). */
      g_signal_connect_object (service, "finished", G_CALLBACK (hilum_worklist_refresh), self->worklist,
                               G_CONNECT_SWAPPED);
    }
  if (self->translation_mode)
    hilum_translator_view_set_workspace (HILUM_TRANSLATOR_VIEW (self->translator_view), workspace);
  _hilum_window_update_actions (self);
}

static void
hilum_window_dispose (GObject *object)
{
  HilumWindow *self = (HilumWindow *)object;

  if (self->scan_cancellable)
    g_cancellable_cancel (self->scan_cancellable);
  if (self->build_cancellable)
    g_cancellable_cancel (self->build_cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->transfer_dialog != NULL)
    {
      GtkWindow *dialog = self->transfer_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->transfer_dialog);
      self->transfer_dialog = NULL;
      gtk_window_destroy (dialog);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->download_tried != NULL)
    _hilum_window_clear_downloads (self);

  if (self->study_signals != NULL)
    g_signal_group_set_target (self->study_signals, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  for (guint i = 0; i < HILUM_N_LAYERS; i++)
    if (self->layers[i] != NULL)
      hilum_box_layer_set_session (self->layers[i], NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_WINDOW);

  for (guint i = 0; i < HILUM_N_LAYERS; i++)
    g_clear_object (&self->layers[i]);
  g_clear_object (&self->scan_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_object (&self->study_signals);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->shown_study);
  g_clear_object (&self->session);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hilum_window_parent_class)->dispose (object);
}

static void
hilum_window_finalize (GObject *object)
{
  HilumWindow *self = (HilumWindow *)object;

  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->pending_prior, g_free);
  g_clear_pointer (&self->refresh_study, g_free);

  G_OBJECT_CLASS (hilum_window_parent_class)->finalize (object);
}

static void
hilum_window_class_init (HilumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hilum_window_dispose;
  object_class->finalize = hilum_window_finalize;
  window_class->close_request = hilum_window_close_request;

  g_type_ensure (HILUM_TYPE_WORKLIST);
  g_type_ensure (HILUM_TYPE_STUDY_VIEW);
  g_type_ensure (HILUM_TYPE_REPORT_PANEL);
  g_type_ensure (HILUM_TYPE_DOWNLOAD_BAR);
  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, worklist);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, study_view);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, report_panel);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, download_bar);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, HilumWindow, edit_section);
}

static void
hilum_window_init (HilumWindow *self)
{
  g_autoptr(GAction) sidebar = NULL;
  g_autoptr(GAction) link = NULL;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  _hilum_window_init_downloads (self);

  self->settings = g_settings_new (HILUM_SETTINGS_SCHEMA);
  /* The application's replaces it (notify::application); till then, no store. */
  self->workspace = hilum_workspace_new_for_store (NULL);

  /* The boxes over the frontal and lateral views share the report's selection. */
  for (guint i = 0; i < HILUM_N_LAYERS; i++)
    {
      HilumImageView *view = hilum_study_view_get_view (self->study_view, i);

      self->layers[i] = hilum_box_layer_new ();
      hilum_image_view_set_box_layer (view, self->layers[i]);
      g_object_bind_property (self->report_panel, "selected-finding-id",
                              self->layers[i], "selected-finding-id",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_settings_bind (self->settings, "show-other-readers", self->layers[i], "show-other-readers",
                       G_SETTINGS_BIND_GET);
      g_signal_connect_object (self->layers[i], "error",
                               G_CALLBACK (layer_error_cb), self, G_CONNECT_SWAPPED);
      if (i > 0)
        g_object_bind_property (self->layers[0], "draw-mode", self->layers[i], "draw-mode",
                                G_BINDING_SYNC_CREATE);
    }
  /* The translator's workspace: another page of the study (Ctrl+T). */
  self->translator_view = hilum_translator_view_new ();
  gtk_stack_add_named (self->content_stack, self->translator_view, "translate");
  g_signal_connect_object (self->translator_view, "open-study",
                           G_CALLBACK (translator_open_study_cb), self, G_CONNECT_SWAPPED);

  /* Shown with a study's session (never without a store). */
  gtk_widget_set_visible (GTK_WIDGET (self->report_panel), FALSE);
  g_signal_connect_object (self->report_panel, "operation-failed",
                           G_CALLBACK (panel_failed_cb), self, G_CONNECT_SWAPPED);

  self->session_signals = g_signal_group_new (HILUM_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed",
                                 G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::can-undo",
                                 G_CALLBACK (_hilum_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::can-redo",
                                 G_CALLBACK (_hilum_window_update_actions), self, G_CONNECT_SWAPPED);
  self->study_signals = g_signal_group_new (HILUM_TYPE_STUDY);
  g_signal_group_connect_object (self->study_signals, "changed",
                                 G_CALLBACK (hilum_window_update_layers), self, G_CONNECT_SWAPPED);

  sidebar = G_ACTION (g_property_action_new ("toggle-sidebar", self->flap, "reveal-flap"));
  g_action_map_add_action (G_ACTION_MAP (self), sidebar);
  link = g_settings_create_action (self->settings, "link-window-level");
  g_action_map_add_action (G_ACTION_MAP (self), link);
  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  _hilum_window_add_actions (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_object (self->paned, "notify::max-position",
                           G_CALLBACK (paned_max_position_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::recent-folders",
                           G_CALLBACK (hilum_window_rebuild_recent), self, G_CONNECT_SWAPPED);
  hilum_window_rebuild_recent (self);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_notify_cb), NULL);
  g_signal_connect_object (self->worklist, "notify::selected-study",
                           G_CALLBACK (worklist_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_view, "loaded",
                           G_CALLBACK (study_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->study_view, "image-failed",
                           G_CALLBACK (image_failed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_stack_set_visible_child_name (self->content_stack, "welcome");
  _hilum_window_update_actions (self);
}

void
_hilum_window_reset_sessions (HilumWindow *self)
{
  g_autofree char *study_id = g_strdup (hilum_worklist_get_selected_id (self->worklist));

  hilum_window_set_session (self, NULL);
  if (study_id != NULL)
    {
      hilum_window_set_session (self, hilum_window_lookup_session (self, study_id, self->shown_study));
      hilum_window_update_layers (self);
    }
}

HilumWindow *
hilum_window_new (HilumApplication *application)
{
  return g_object_new (HILUM_TYPE_WINDOW, "application", application, NULL);
}

void
hilum_window_open_paths (HilumWindow        *self,
                         const char * const *paths)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) absolute = NULL;

  g_return_if_fail (HILUM_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  g_clear_pointer (&self->pending_prior, g_free);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hilum_window_add_recent (self, path);
      g_strv_builder_add (builder, path);
    }
  absolute = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "last-paths", (const char * const *)absolute);
  hilum_window_scan (self, (const char * const *)absolute);
}

/**
 * hilum_window_open_paths_with_prior:
 * @prior: (nullable): an image file shown as the prior of the study that is opened
 *
 * Like hilum_window_open_paths(); `hilum --prior FILE …`.
 */
void
hilum_window_open_paths_with_prior (HilumWindow        *self,
                                    const char * const *paths,
                                    const char         *prior)
{
  g_return_if_fail (HILUM_IS_WINDOW (self));

  hilum_window_open_paths (self, paths);
  if (prior != NULL)
    self->pending_prior = g_canonicalize_filename (prior, NULL);
}

void
hilum_window_restore (HilumWindow *self)
{
  g_auto(GStrv) last = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) existing = NULL;

  g_return_if_fail (HILUM_IS_WINDOW (self));

  last = g_settings_get_strv (self->settings, "last-paths");
  for (guint i = 0; last[i] != NULL; i++)
    if (g_file_test (last[i], G_FILE_TEST_EXISTS))
      g_strv_builder_add (builder, last[i]);
  existing = g_strv_builder_end (builder);

  if (existing[0] != NULL)
    {
      hilum_window_scan (self, (const char * const *)existing);
      return;
    }

  /* First start: a real-looking study at once. Writing it takes a moment. */
  hilum_window_set_scanning (self, TRUE);
  hilum_workspace_ensure_demo_async (self->workspace, NULL, demo_cb, g_object_ref (self));
}

HilumStudyView *
hilum_window_get_study_view (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->study_view;
}

HilumWorklist *
hilum_window_get_worklist (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->worklist;
}

gboolean
hilum_window_get_busy (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), FALSE);

  return self->scanning > 0 || self->building > 0 ||
         hilum_worklist_get_querying (self->worklist) ||
         hilum_study_view_get_loading (self->study_view);
}

const char *
hilum_window_get_last_toast (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->last_toast;
}

HilumReportPanel *
hilum_window_get_report_panel (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->report_panel;
}

HilumSession *
hilum_window_get_session (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->session;
}

HilumBoxLayer *
hilum_window_get_box_layer (HilumWindow *self,
                            HilumSlot    slot)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return slot < HILUM_N_LAYERS ? self->layers[slot] : NULL;
}

HilumStore *
hilum_window_get_store (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return hilum_workspace_get_store (self->workspace);
}

HilumSession *
_hilum_window_lookup_session (HilumWindow *self,
                              const char  *study_id)
{
  return hilum_window_lookup_session (self, study_id, NULL);
}

GtkWidget *
hilum_window_get_download_bar (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->download_bar;
}

void
hilum_window_show_message (HilumWindow *self,
                           const char  *message)
{
  g_return_if_fail (HILUM_IS_WINDOW (self));

  _hilum_window_toast (self, message);
}

HilumWorkspace *
hilum_window_get_workspace (HilumWindow *self)
{
  g_return_val_if_fail (HILUM_IS_WINDOW (self), NULL);

  return self->workspace;
}
