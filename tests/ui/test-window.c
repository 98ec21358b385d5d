/* test-window.c — the main window as a user meets it: opening a study, the demo at the
 * first start, toasts, settings, focus, the preferences and the shortcuts windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "hilum-application.h"
#include "hilum-image.h"
#include "hilum-preferences-window.h"
#include "hilum-viewport.h"
#include "hilum-window.h"

#include "hilum-ui-test.h"

static char *test_root;
static HilumApplication *app;

typedef struct
{
  HilumWindow *window;
  char        *dir;
} Fixture;

static gboolean
window_idle (gpointer data)
{
  HilumWindow *window = data;
  HilumStudyView *view = hilum_window_get_study_view (window);

  return !hilum_window_get_busy (window) &&
         hilum_study_view_get_study (view) != NULL &&
         !hilum_study_view_get_loading (view);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("window-study-%u", ++counter);
  GSettings *settings = hilum_application_get_settings (app);

  /* Each test starts as a fresh install would. */
  g_settings_reset (settings, "last-paths");
  g_settings_reset (settings, "last-study");
  g_settings_reset (settings, "recent-folders");

  f->dir = hilum_test_make_study (test_root, name);
  f->window = hilum_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  hilum_test_iterate_for (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  hilum_test_wait_until (hilum_test_window_not_busy, f->window, 60000);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_pointer (&f->dir, g_free);
}

static void
open_dir (Fixture *f)
{
  const char *paths[] = { f->dir, NULL };

  hilum_window_open_paths (f->window, paths);
  /* The scan runs in a thread: the worklist shows that it is busy meanwhile. */
  g_assert_true (hilum_window_get_busy (f->window));
  g_assert_true (hilum_worklist_get_busy (hilum_window_get_worklist (f->window)));
  g_assert_true (hilum_test_wait_until (window_idle, f->window, 60000));
  hilum_test_iterate_for (100);
}

static const char *
slot_basename (Fixture   *f,
               HilumSlot  slot)
{
  static char name[256];
  HilumImageSlot *widget = hilum_study_view_get_slot (hilum_window_get_study_view (f->window), slot);
  g_autofree char *base = NULL;

  if (hilum_image_slot_get_path (widget) == NULL)
    return NULL;
  base = g_path_get_basename (hilum_image_slot_get_path (widget));
  g_strlcpy (name, base, sizeof name);
  return name;
}

static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  HilumWorklist *worklist = hilum_window_get_worklist (f->window);
  GSettings *settings = hilum_application_get_settings (app);
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) last = NULL;
  GtkWidget *focus;
  HilumStudy *study;

  open_dir (f);

  g_assert_cmpuint (g_list_model_get_n_items (hilum_worklist_get_model (worklist)), ==, 1);
  study = hilum_worklist_get_selected_study (worklist);
  g_assert_nonnull (study);
  g_assert_true (hilum_study_view_get_study (view) == study);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Hilum"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), hilum_study_get_title (study)));

  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_LATERAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpstr (slot_basename (f, HILUM_SLOT_FRONTAL), ==, "frontal.dcm");
  g_assert_cmpstr (slot_basename (f, HILUM_SLOT_LATERAL), ==, "lateral.dcm");
  g_assert_cmpint (hilum_image_get_view (hilum_image_view_get_image (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL))),
                   ==, HILUM_VIEW_FRONTAL);

  /* Keys go to the frontal image once the study is open. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL)));

  /* Remembered for the next start and listed under Recent Folders. */
  last = g_settings_get_strv (settings, "last-paths");
  g_assert_cmpuint (g_strv_length (last), ==, 1);
  g_assert_cmpstr (last[0], ==, f->dir);
  recent = g_settings_get_strv (settings, "recent-folders");
  g_assert_cmpstr (recent[0], ==, f->dir);
  g_assert_cmpstr (g_settings_get_string (settings, "last-study"), ==, hilum_study_get_id (study));

  /* Alt+2 moves the keyboard to the lateral image. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "focus-slot", g_variant_new_string ("lateral"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == GTK_WIDGET (hilum_study_view_get_view (view, HILUM_SLOT_LATERAL)));
}

static void
test_damaged_toast (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *lateral = g_build_filename (f->dir, "lateral.dcm", NULL);
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  const char *paths[] = { f->dir, NULL };

  /* The pixel data of the lateral image ends half way. */
  hilum_test_truncate (lateral, 0.5);
  hilum_window_open_paths (f->window, paths);
  g_assert_true (hilum_test_wait_until (window_idle, f->window, 60000));
  hilum_test_iterate_for (100);

  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_nonnull (hilum_window_get_last_toast (f->window));
  g_assert_nonnull (strstr (hilum_window_get_last_toast (f->window), "lateral.dcm"));
  /* Either the scan or the decoder notices; the user is told about the file. */
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_LATERAL)), !=, HILUM_SLOT_STATE_IMAGE);
}

static void
test_first_start_demo (Fixture       *f,
                       gconstpointer  data)
{
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "hilum", "demo", NULL);
  g_auto(GStrv) last = NULL;
  g_auto(GStrv) recent = NULL;

  /* Nothing opened before: the demo study opens by itself. */
  hilum_window_restore (f->window);
  g_assert_true (hilum_test_wait_until (window_idle, f->window, 120000));
  hilum_test_iterate_for (100);

  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_LATERAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpstr (slot_basename (f, HILUM_SLOT_FRONTAL), ==, "frontal.dcm");
  g_assert_true (g_str_has_prefix (hilum_image_slot_get_path (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), demo));

  /* The demo is not one of the user's folders. */
  last = g_settings_get_strv (hilum_application_get_settings (app), "last-paths");
  g_assert_cmpstr (last[0], ==, demo);
  recent = g_settings_get_strv (hilum_application_get_settings (app), "recent-folders");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
}

static void
test_window_level_pixels (Fixture       *f,
                          gconstpointer  data)
{
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  g_autoptr(HilumTestShot) before = NULL;
  g_autoptr(HilumTestShot) after = NULL;
  HilumViewport *viewport;
  double center, width, gray_before, gray_after;
  int x, y;

  open_dir (f);

  viewport = hilum_image_view_get_viewport (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL));
  center = hilum_viewport_get_window_center (viewport);
  width = hilum_viewport_get_window_width (viewport);

  hilum_test_view_center (view, HILUM_SLOT_FRONTAL, GTK_WIDGET (f->window), &x, &y);
  before = hilum_test_render (GTK_WIDGET (f->window));
  gray_before = hilum_test_mean_gray (before, x, y, 20);

  /* A lower level brightens the image on screen. */
  hilum_viewport_set_window (viewport, center - width / 4, width);
  after = hilum_test_render (GTK_WIDGET (f->window));
  gray_after = hilum_test_mean_gray (after, x, y, 20);
  g_test_message ("window center %.0f -> %.0f: gray %.1f -> %.1f",
                  center, center - width / 4, gray_before, gray_after);
  g_assert_cmpfloat (gray_after, >, gray_before + 10);
}

static void
test_next_study (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *second = hilum_test_make_study (test_root, "second-study");
  g_autofree char *second_frontal = g_build_filename (second, "frontal.dcm", NULL);
  HilumWorklist *worklist = hilum_window_get_worklist (f->window);
  g_autofree char *first = NULL;
  const char *paths[] = { f->dir, second, NULL };

  hilum_window_open_paths (f->window, paths);
  g_assert_true (hilum_test_wait_until (window_idle, f->window, 60000));
  /* The worklist is the store's: the two studies and those of the earlier tests. */
  g_assert_cmpuint (g_list_model_get_n_items (hilum_worklist_get_model (worklist)), >=, 2);

  first = g_strdup (hilum_worklist_get_selected_id (worklist));
  g_assert_nonnull (hilum_worklist_get_selected_study (worklist));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "next-study", NULL);
  g_assert_cmpstr (hilum_worklist_get_selected_id (worklist), !=, first);
  g_assert_true (hilum_test_wait_until (window_idle, f->window, 60000));
  /* A study scanned in this run shows at once; one only in the store once its files
   * are read again. */
  g_assert_true (hilum_study_view_get_study (hilum_window_get_study_view (f->window)) ==
                 hilum_worklist_get_selected_study (worklist));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "previous-study", NULL);
  g_assert_cmpstr (hilum_worklist_get_selected_id (worklist), ==, first);
  (void) second_frontal;
}

static void
test_shortcuts_and_accels (Fixture       *f,
                           gconstpointer  data)
{
  GtkApplication *gapp = GTK_APPLICATION (app);
  g_auto(GStrv) open = gtk_application_get_accels_for_action (gapp, "win.open-files");
  g_auto(GStrv) swap = gtk_application_get_accels_for_action (gapp, "win.swap-views");
  const char *image_keys[] = { "1", "2", "3", "4", "5", "i", "r", "f", "0", "o", "Page_Up", "Page_Down" };
  GtkShortcutsWindow *overlay;

  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (open[0], &key, &mods));
  g_assert_cmpuint (key, ==, GDK_KEY_o);
  g_assert_cmpuint (mods, ==, GDK_CONTROL_MASK);
  g_assert_true (gtk_accelerator_parse (swap[0], &key, &mods));
  g_assert_cmpuint (key, ==, GDK_KEY_s);
  g_assert_cmpuint (mods, ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);

  /* The keys of the image view are not taken by the window. */
  for (guint i = 0; i < G_N_ELEMENTS (image_keys); i++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (gapp, image_keys[i]);

      g_assert_cmpuint (g_strv_length (actions), ==, 0);
    }

  /* The help overlay (Ctrl+?) is loaded from the resources. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);

  /* About Hilum: name, version, licence. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
    AdwAboutWindow *about = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    hilum_test_iterate_for (50);
    for (guint i = 0; about == NULL && i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (window))
          about = ADW_ABOUT_WINDOW (window);
      }
    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Hilum");
    g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
    g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
    gtk_window_destroy (GTK_WINDOW (about));
  }
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = hilum_application_get_settings (app);
  HilumPresetStore *store = hilum_application_get_preset_store (app);
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  HilumPreferencesWindow *prefs;
  const char *name;
  double center, width;

  open_dir (f);

  g_settings_set_boolean (settings, "link-window-level", FALSE);
  prefs = hilum_preferences_window_new (settings, store);
  gtk_window_present (GTK_WINDOW (prefs));
  hilum_test_iterate_for (100);

  /* Settings changed elsewhere reach the open study view. */
  g_settings_set_boolean (settings, "link-window-level", TRUE);
  g_assert_true (hilum_study_view_get_link_window_level (view));
  g_settings_set_boolean (settings, "link-window-level", FALSE);

  /* A preset saved now is listed, applied, and removed again. */
  hilum_preset_store_add (store, "Soft tissue", 1500, 800);
  g_assert_cmpuint (hilum_preset_store_get_n_presets (store), ==, 1);
  g_assert_true (hilum_preset_store_get_preset (store, 0, &name, &center, &width));
  g_assert_cmpstr (name, ==, "Soft tissue");
  g_assert_cmpfloat (center, ==, 1500);
  g_assert_cmpfloat (width, ==, 800);
  hilum_study_view_focus_slot (view, HILUM_SLOT_FRONTAL);
  gtk_widget_activate_action (GTK_WIDGET (view), "study.user-preset", "u", 0);
  g_assert_cmpfloat (hilum_viewport_get_window_center (hilum_image_view_get_viewport (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL))), ==, 1500);
  g_assert_cmpfloat (hilum_viewport_get_window_width (hilum_image_view_get_viewport (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL))), ==, 800);
  hilum_preset_store_remove (store, 0);
  g_assert_cmpuint (hilum_preset_store_get_n_presets (store), ==, 0);

  g_object_ref (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
}

static GtkWidget *
nth_descendant (GtkWidget *widget,
                GType      type,
                guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*n)-- == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nth_descendant (child, type, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_preferences_bound (Fixture       *f,
                        gconstpointer  data)
{
  GSettings *settings = hilum_application_get_settings (app);
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  HilumImageView *frontal = hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL);
  HilumImageView *lateral = hilum_study_view_get_view (view, HILUM_SLOT_LATERAL);
  HilumPreferencesWindow *prefs;
  AdwComboRow *tool_row;
  GtkSwitch *patient_switch;
  guint n;

  prefs = hilum_preferences_window_new (settings, hilum_application_get_preset_store (app));
  gtk_window_present (GTK_WINDOW (prefs));
  hilum_test_iterate_for (50);

  /* Defaults: pan with the left button, overlays on, no patient data on screen. */
  g_assert_cmpint (hilum_image_view_get_pointer_tool (frontal), ==, HILUM_POINTER_TOOL_PAN);
  g_assert_true (hilum_image_view_get_show_overlays (frontal));
  g_assert_false (hilum_image_view_get_show_patient_info (frontal));
  g_assert_false (hilum_image_view_get_invert_vertical_drag (frontal));

  /* The combo row (“Left Button Drag”) changes the setting and both views. */
  n = 0;
  tool_row = ADW_COMBO_ROW (nth_descendant (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, &n));
  g_assert_cmpuint (adw_combo_row_get_selected (tool_row), ==, 0);
  adw_combo_row_set_selected (tool_row, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "pointer-tool"), ==, 1);
  g_assert_cmpint (hilum_image_view_get_pointer_tool (frontal), ==, HILUM_POINTER_TOOL_WINDOW_LEVEL);
  g_assert_cmpint (hilum_image_view_get_pointer_tool (lateral), ==, HILUM_POINTER_TOOL_WINDOW_LEVEL);

  /* Switches in order: invert, overlays, patient, link. */
  n = 2;
  patient_switch = GTK_SWITCH (nth_descendant (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, &n));
  gtk_switch_set_active (patient_switch, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "show-patient-info"));
  g_assert_true (hilum_image_view_get_show_patient_info (lateral));

  g_settings_set_boolean (settings, "invert-vertical-drag", TRUE);
  g_assert_true (hilum_image_view_get_invert_vertical_drag (frontal));
  g_settings_set_boolean (settings, "show-overlays", FALSE);
  g_assert_false (hilum_image_view_get_show_overlays (lateral));

  g_settings_reset (settings, "pointer-tool");
  g_settings_reset (settings, "show-patient-info");
  g_settings_reset (settings, "invert-vertical-drag");
  g_settings_reset (settings, "show-overlays");
  g_assert_cmpuint (adw_combo_row_get_selected (tool_row), ==, 0);
  g_assert_false (gtk_switch_get_active (patient_switch));

  g_object_ref (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
}

static void
test_drop_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  HilumStudyView *view = hilum_window_get_study_view (f->window);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; target == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  /* A folder dropped from a file manager. */
  files = g_slist_append (files, g_file_new_for_path (f->dir));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &handled);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (handled);

  g_assert_true (hilum_test_wait_until (window_idle, f->window, 60000));
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), ==, HILUM_SLOT_STATE_IMAGE);
  g_assert_cmpstr (slot_basename (f, HILUM_SLOT_LATERAL), ==, "lateral.dcm");
}

static void
test_window_size_saved (Fixture       *f,
                        gconstpointer  data)
{
  GSettings *settings = hilum_application_get_settings (app);

  /* Wider than the window's minimum even once a study and its report have loaded (the
   * demo study may finish loading at any moment of this test). */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1590, 777);
  hilum_test_iterate_for (100);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1590);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window comes back at that size. */
  {
    HilumWindow *again = hilum_window_new (app);
    int w, h;

    gtk_window_get_default_size (GTK_WINDOW (again), &w, &h);
    g_assert_cmpint (w, ==, 1590);
    g_assert_cmpint (h, ==, 777);
    g_object_ref (again);
    gtk_window_destroy (GTK_WINDOW (again));
    g_assert_finalize_object (again);
  }
  /* The closed window is gone: give the fixture a new one to tear down. */
  f->window = hilum_window_new (app);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  test_root = hilum_test_isolate_xdg ();
  app = hilum_test_application_init (&argc, &argv);

  g_test_add ("/hilum/window/open-folder", Fixture, NULL,
              fixture_setup, test_open_folder, fixture_teardown);
  g_test_add ("/hilum/window/damaged-toast", Fixture, NULL,
              fixture_setup, test_damaged_toast, fixture_teardown);
  g_test_add ("/hilum/window/first-start-demo", Fixture, NULL,
              fixture_setup, test_first_start_demo, fixture_teardown);
  g_test_add ("/hilum/window/window-level-pixels", Fixture, NULL,
              fixture_setup, test_window_level_pixels, fixture_teardown);
  g_test_add ("/hilum/window/next-study", Fixture, NULL,
              fixture_setup, test_next_study, fixture_teardown);
  g_test_add ("/hilum/window/shortcuts", Fixture, NULL,
              fixture_setup, test_shortcuts_and_accels, fixture_teardown);
  g_test_add ("/hilum/window/preferences", Fixture, NULL,
              fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/hilum/window/preferences-bound", Fixture, NULL,
              fixture_setup, test_preferences_bound, fixture_teardown);
  g_test_add ("/hilum/window/drop-folder", Fixture, NULL,
              fixture_setup, test_drop_folder, fixture_teardown);
  g_test_add ("/hilum/window/size-saved", Fixture, NULL,
              fixture_setup, test_window_size_saved, fixture_teardown);

  ret = g_test_run ();
  g_object_unref (app);
  g_free (test_root);
  return ret;
}
