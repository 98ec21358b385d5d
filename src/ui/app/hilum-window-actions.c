/* hilum-window-actions.c — the window's actions: opening, studies, findings, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-application.h"
#include "hilum-find-dialog.h"
#include "hilum-store-cache.h"
#include "hilum-transfer-dialog.h"
#include "hilum-translator-view.h"
#include "hilum-window-private.h"

static void
open_files_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  _hilum_window_choose (HILUM_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  _hilum_window_choose (HILUM_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  const char *paths[] = { g_variant_get_string (param, NULL), NULL };

  if (!g_file_test (paths[0], G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a folder */
      message = g_strdup_printf (_("The folder “%s” no longer exists"), paths[0]);
      _hilum_window_toast (self, message);
      return;
    }
  hilum_window_open_paths (self, paths);
}

static void
next_study_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  hilum_worklist_select_relative (HILUM_WINDOW (user_data)->worklist, 1);
}

static void
previous_study_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  hilum_worklist_select_relative (HILUM_WINDOW (user_data)->worklist, -1);
}

static void
swap_views_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  hilum_study_view_swap_views (HILUM_WINDOW (user_data)->study_view);
}

static void
save_preset_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);

  gtk_widget_activate_action (GTK_WIDGET (self->study_view), "study.save-preset", NULL);
}

static void
focus_slot_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  const char *name = g_variant_get_string (param, NULL);
  HilumSlot slot = HILUM_SLOT_FRONTAL;

  if (g_str_equal (name, "lateral"))
    slot = HILUM_SLOT_LATERAL;
  else if (g_str_equal (name, "prior-frontal"))
    slot = HILUM_SLOT_PRIOR_FRONTAL;

  hilum_study_view_focus_slot (self->study_view, slot);
}

static void
fullscreen_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GtkWindow *window = GTK_WINDOW (user_data);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || !hilum_session_can_undo (self->session))
    return;
  if (!hilum_session_undo (self->session, &error))
    _hilum_window_toast (self, error->message);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || !hilum_session_can_redo (self->session))
    return;
  if (!hilum_session_redo (self->session, &error))
    _hilum_window_toast (self, error->message);
}

/* The report's own actions, reachable from anywhere in the window. */
static void
report_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *report_name = g_strconcat ("report.", name, NULL);

  if (self->session == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->report_panel), report_name, NULL);
}

static void
set_status_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  const char *status = g_variant_get_string (param, NULL);
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || !hilum_study_status_from_string (status, NULL))
    return;
  if (g_strcmp0 (hilum_document_get_study_field (hilum_session_get_document (self->session), "status"),
                 status) == 0)
    return;

  op = hilum_operation_new_set_study_text ("status", status);
  if (!hilum_session_perform (self->session, op, &error))
    {
      _hilum_window_toast (self, error->message);
      return;
    }
  {
    HilumStudyStatus s = HILUM_STUDY_STATUS_NEW;
    g_autofree char *message = NULL;

    hilum_study_status_from_string (status, &s);
    /* Translators: %s is a study status, e.g. "Annotated" */
    message = g_strdup_printf (_("Study marked “%s”"), hilum_study_status_get_label (s));
    _hilum_window_toast (self, message);
  }
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  hilum_worklist_focus_search (self->worklist);
}

/* F6: worklist → images → report → worklist. */
static void
cycle_focus_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_report = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->report_panel));
  gboolean in_images = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->study_view));

  if (in_images && gtk_widget_get_visible (GTK_WIDGET (self->report_panel)))
    {
      if (gtk_widget_child_focus (GTK_WIDGET (self->report_panel), GTK_DIR_TAB_FORWARD))
        return;
    }
  if (!in_report && !in_images && self->shown_study != NULL)
    {
      if (hilum_study_view_focus_slot (self->study_view, hilum_study_view_get_active_slot (self->study_view)))
        return;
      for (guint i = 0; i < HILUM_N_SLOTS; i++)
        if (hilum_study_view_focus_slot (self->study_view, i))
          return;
    }
  adw_flap_set_reveal_flap (self->flap, TRUE);
  hilum_worklist_focus_list (self->worklist);
}

static void
transfer_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  gboolean export = g_str_equal (g_action_get_name (G_ACTION (action)), "export");
  HilumTransferDialog *dialog;

  if (self->transfer_dialog != NULL)
    {
      gtk_window_present (self->transfer_dialog);
      return;
    }
  dialog = hilum_transfer_dialog_new (self, export);
  self->transfer_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->transfer_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_hilum_window_show_content (HilumWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->translation_mode && self->session != NULL ? "translate"
                                                                                    : "study");
}

static void
translation_mode_change (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);

  self->translation_mode = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  /* The queue is read again each time the workspace is opened (it changes as one works). */
  if (self->translation_mode && hilum_window_get_store (self) != NULL)
    hilum_translator_view_set_workspace (HILUM_TRANSLATOR_VIEW (self->translator_view), self->workspace);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "welcome") != 0)
    _hilum_window_show_content (self);
}

/* Keep Available Offline, for the study shown: pinned in the cache, and downloaded. */
static void
keep_offline_change (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  const char *study_id = hilum_worklist_get_selected_id (self->worklist);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (study_id == NULL)
    return;
  g_ptr_array_add (ids, (gpointer) study_id);
  _hilum_window_keep_offline (self, ids, g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

/* …and for every study the worklist lists now (a search or a server query chose them). */
static void
keep_listed_offline_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  GListModel *rows = hilum_worklist_get_model (self->worklist);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(HilumWorklistItem) item = g_list_model_get_item (rows, i);

      g_ptr_array_add (ids, g_strdup (hilum_worklist_item_get_study_id (item)));
    }
  _hilum_window_keep_offline (self, ids, TRUE);
  _hilum_window_update_actions (self);
}

static void
studies_found_cb (HilumWindow  *self,
                  char        **study_ids,
                  GtkWidget    *dialog)
{
  guint n = g_strv_length (study_ids);
  g_autofree char *label = NULL;

  if (n == 0)
    {
      _hilum_window_toast (self, _("The server has no studies that match."));
      return;
    }
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u study found on the server",
                                        "%u studies found on the server", n), n);
  hilum_worklist_show_only (self->worklist, (const char * const *) study_ids, label);
  hilum_worklist_select_study_id (self->worklist, study_ids[0]);
  _hilum_window_toast (self, label);
}

/* Find Studies on the Server (QIDO-RS): the worklist then lists what it found. */
static void
find_on_server_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HilumWindow *self = HILUM_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  HilumSyncService *service = HILUM_IS_APPLICATION (app)
                              ? hilum_application_get_sync_service (HILUM_APPLICATION (app)) : NULL;
  GtkWidget *dialog;

  if (service == NULL)
    {
      _hilum_window_toast (self, _("Finding studies on a server needs the local store, which could not be opened."));
      return;
    }
  dialog = hilum_find_dialog_new (GTK_WINDOW (self), service);
  g_signal_connect_object (dialog, "found", G_CALLBACK (studies_found_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry win_actions[] = {
  { "find-on-server", find_on_server_action },
  { "keep-offline", NULL, NULL, "false", keep_offline_change },
  { "keep-listed-offline", keep_listed_offline_action },
  { "translation-mode", NULL, NULL, "false", translation_mode_change },
  { "open-files", open_files_action },
  { "open-folder", open_folder_action },
  { "open-recent", open_recent_action, "s" },
  { "next-study", next_study_action },
  { "previous-study", previous_study_action },
  { "swap-views", swap_views_action },
  { "save-preset", save_preset_action },
  { "focus-slot", focus_slot_action, "s" },
  { "fullscreen", fullscreen_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "add-finding", report_action },
  { "remove-finding", report_action },
  { "next-finding", report_action },
  { "previous-finding", report_action },
  { "set-status", set_status_action, "s" },
  { "search", search_action },
  { "cycle-focus", cycle_focus_action },
  { "import", transfer_action },
  { "export", transfer_action },
};

/* Actions that need a study open. */
static const char *session_actions[] = {
  "add-finding", "remove-finding", "next-finding", "previous-finding", "set-status",
};

static void
set_enabled (HilumWindow *self,
             const char  *name,
             gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_hilum_window_update_actions (HilumWindow *self)
{
  gboolean can_undo = self->session != NULL && hilum_session_can_undo (self->session);
  gboolean can_redo = self->session != NULL && hilum_session_can_redo (self->session);
  const char *undo_label = can_undo ? hilum_session_get_undo_label (self->session) : NULL;
  const char *redo_label = can_redo ? hilum_session_get_redo_label (self->session) : NULL;
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;

  set_enabled (self, "undo", can_undo);
  set_enabled (self, "redo", can_redo);
  for (guint i = 0; i < G_N_ELEMENTS (session_actions); i++)
    set_enabled (self, session_actions[i], self->session != NULL);
  set_enabled (self, "import", hilum_window_get_store (self) != NULL);
  set_enabled (self, "keep-offline", self->session != NULL && hilum_window_get_store (self) != NULL);
  set_enabled (self, "keep-listed-offline", hilum_window_get_store (self) != NULL);
  {
    GAction *keep = g_action_map_lookup_action (G_ACTION_MAP (self), "keep-offline");
    const char *study_id = hilum_worklist_get_selected_id (self->worklist);
    gboolean pinned = study_id != NULL && hilum_window_get_store (self) != NULL
                      && hilum_store_cache_is_pinned (hilum_window_get_store (self), study_id);

    if (keep != NULL)
      g_simple_action_set_state (G_SIMPLE_ACTION (keep), g_variant_new_boolean (pinned));
  }
  set_enabled (self, "export", hilum_window_get_store (self) != NULL);

  /* Translators: a menu item, %s is what is undone, e.g. "Add Box" */
  undo = undo_label != NULL ? g_strdup_printf (_("_Undo %s"), undo_label) : g_strdup (_("_Undo"));
  /* Translators: a menu item, %s is what is redone, e.g. "Add Box" */
  redo = redo_label != NULL ? g_strdup_printf (_("_Redo %s"), redo_label) : g_strdup (_("_Redo"));
  if (self->edit_section != NULL)
    {
      g_menu_remove_all (self->edit_section);
      g_menu_append (self->edit_section, undo, "win.undo");
      g_menu_append (self->edit_section, redo, "win.redo");
    }
}

void
_hilum_window_add_actions (HilumWindow *self)
{
  g_autoptr(GAction) draw = NULL;
  g_autoptr(GAction) others = NULL;
  GtkEventController *shortcuts;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  draw = G_ACTION (g_property_action_new ("draw-mode", self->layers[0], "draw-mode"));
  g_action_map_add_action (G_ACTION_MAP (self), draw);
  others = g_settings_create_action (self->settings, "show-other-readers");
  g_action_map_add_action (G_ACTION_MAP (self), others);

  /* Plain letters only where no text is typed: over the images. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_b, 0),
                                                          gtk_named_action_new ("win.draw-mode")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_H, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.show-other-readers")));
  gtk_widget_add_controller (GTK_WIDGET (self->study_view), shortcuts);

  /* Report or translation, anywhere in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_t, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.translation-mode")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Translators start in their workspace. */
  {
    g_autofree char *role = g_settings_get_string (self->settings, "reader-role");

    if (g_strcmp0 (role, "translator") == 0)
      g_action_group_change_action_state (G_ACTION_GROUP (self), "translation-mode",
                                          g_variant_new_boolean (TRUE));
  }
}
