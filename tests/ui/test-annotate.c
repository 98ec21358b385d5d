/* test-annotate.c — annotating a study in the real window: a finding from the report
 * panel, a box dragged on the frontal image, the store, export, undo, persistence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hilum-application.h"
#include "hilum-format.h"
#include "hilum-transfer-dialog.h"
#include "hilum-window.h"
#include "hilum-ui-test.h"

static HilumApplication *app;
static char *test_root;

static gboolean
window_idle (gpointer data)
{
  HilumWindow *window = data;
  HilumStudyView *view = hilum_window_get_study_view (window);

  return !hilum_window_get_busy (window) &&
         hilum_study_view_get_study (view) != NULL &&
         !hilum_study_view_get_loading (view) &&
         hilum_image_view_get_image (hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL)) != NULL;
}

static HilumWindow *
open_window (const char *dir)
{
  const char *paths[] = { dir, NULL };
  HilumWindow *window = hilum_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_window_present (GTK_WINDOW (window));
  hilum_window_open_paths (window, paths);
  g_assert_true (hilum_test_wait_until (window_idle, window, 60000));
  hilum_test_iterate_for (300);
  return window;
}

static void
close_window (HilumWindow *window)
{
  hilum_test_wait_until (hilum_test_window_not_busy, window, 60000);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkEventController *
find_drag (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        return controller;
    }
  g_assert_not_reached ();
}

/* A primary-button drag as the image view's GtkGestureDrag reports it. */
static void
drag (GtkWidget *widget,
      double     x,
      double     y,
      double     dx,
      double     dy)
{
  GtkEventController *gesture = find_drag (widget);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", dx / 3, dy / 3);
  g_signal_emit_by_name (gesture, "drag-update", dx, dy);
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

/* The boxes of @finding in @root (a hilum-study/1 object): [n][4]. */
static guint
collect_boxes (JsonObject *root,
               const char *finding_id,
               double      boxes[][4],
               guint       max)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      JsonArray *annotations;

      if (g_strcmp0 (json_object_get_string_member (finding, "finding_id"), finding_id) != 0)
        continue;
      if (!json_object_has_member (finding, "annotations"))
        continue;
      annotations = json_object_get_array_member (finding, "annotations");
      for (guint j = 0; j < json_array_get_length (annotations); j++)
        {
          JsonObject *annotation = json_array_get_object_element (annotations, j);
          JsonArray *list = json_object_has_member (annotation, "boxes")
                            ? json_object_get_array_member (annotation, "boxes") : NULL;

          for (guint k = 0; list != NULL && k < json_array_get_length (list); k++)
            {
              JsonArray *xyxy = json_object_get_array_member (json_array_get_object_element (list, k),
                                                              "xyxy_norm");

              if (n < max)
                for (guint c = 0; c < 4; c++)
                  boxes[n][c] = json_array_get_double_element (xyxy, c);
              n++;
            }
        }
    }
  return n;
}

static guint
store_boxes (HilumStore *store,
             const char *study_id,
             const char *finding_id,
             double      boxes[][4],
             guint       max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumDocument) document = hilum_store_get_document (store, study_id, &error);

  g_assert_no_error (error);
  return collect_boxes (hilum_document_get_root (document), finding_id, boxes, max);
}

typedef struct
{
  HilumWorklist *worklist;
  const char    *study_id;
  HilumStudyStatus status;
} StatusWait;

static gboolean
worklist_shows_status (gpointer data)
{
  StatusWait *wait = data;
  GListModel *model = hilum_worklist_get_model (wait->worklist);

  if (hilum_worklist_get_querying (wait->worklist))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HilumWorklistItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (hilum_worklist_item_get_study_id (item), wait->study_id) == 0)
        return hilum_worklist_item_get_status (item) == wait->status;
    }
  return FALSE;
}

static void
test_draw_export_undo (void)
{
  g_autofree char *dir = hilum_test_make_study (test_root, "annotate-study");
  g_autofree char *export_path = g_build_filename (test_root, "export.json", NULL);
  g_autofree char *study_id = NULL;
  g_autofree char *finding_id = NULL;
  g_autoptr(GError) error = NULL;
  HilumWindow *window = open_window (dir);
  HilumSession *session = hilum_window_get_session (window);
  HilumReportPanel *panel = hilum_window_get_report_panel (window);
  HilumStudyView *view = hilum_window_get_study_view (window);
  HilumImageView *frontal = hilum_study_view_get_view (view, HILUM_SLOT_FRONTAL);
  HilumStore *store = hilum_window_get_store (window);
  HilumViewport *viewport;
  HilumImage *image;
  double x0, y0, x1, y1, width, height;
  double boxes[4][4];

  g_assert_nonnull (store);
  g_assert_nonnull (session);
  study_id = g_strdup (hilum_document_get_study_id (hilum_session_get_document (session)));
  /* Opening the folder put the study in the store: the worklist lists it as new. */
  g_assert_true (hilum_store_has_study (store, study_id));
  {
    StatusWait wait = { hilum_window_get_worklist (window), study_id, HILUM_STUDY_STATUS_NEW };

    g_assert_true (hilum_test_wait_until (worklist_shows_status, &wait, 10000));
  }
  /* The frontal view has its layer, on the document's frontal image. */
  g_assert_nonnull (hilum_box_layer_get_image_id (hilum_window_get_box_layer (window, HILUM_SLOT_FRONTAL)));

  /* A finding from the panel's action: it is selected, on the panel and on the images. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "report.add-finding", NULL));
  finding_id = g_strdup (hilum_report_panel_get_selected_finding_id (panel));
  g_assert_nonnull (finding_id);
  g_assert_cmpstr (hilum_box_layer_get_selected_finding_id (hilum_window_get_box_layer (window, HILUM_SLOT_FRONTAL)),
                   ==, finding_id);
  {
    g_autoptr(HilumOperation) op = hilum_operation_new_set_text (finding_id, "en", "Small nodule in the right upper lobe.");

    g_assert_true (hilum_session_perform (session, op, &error));
    g_assert_no_error (error);
  }

  /* A drag on the frontal image: the box covers the image pixels under it. */
  viewport = hilum_image_view_get_viewport (frontal);
  image = hilum_image_view_get_image (frontal);
  width = hilum_image_get_width (image);
  height = hilum_image_get_height (image);
  {
    double wx = gtk_widget_get_width (GTK_WIDGET (frontal)) / 2.0 - 40;
    double wy = gtk_widget_get_height (GTK_WIDGET (frontal)) / 2.0 - 30;

    hilum_viewport_widget_to_image (viewport, wx, wy, &x0, &y0);
    hilum_viewport_widget_to_image (viewport, wx + 90, wy + 70, &x1, &y1);
    drag (GTK_WIDGET (frontal), wx, wy, 90, 70);
  }
  g_assert_cmpuint (store_boxes (store, study_id, finding_id, boxes, 4), ==, 1);
  g_assert_cmpfloat_with_epsilon (boxes[0][0], x0 / width, 1e-6);
  g_assert_cmpfloat_with_epsilon (boxes[0][1], y0 / height, 1e-6);
  g_assert_cmpfloat_with_epsilon (boxes[0][2], x1 / width, 1e-6);
  g_assert_cmpfloat_with_epsilon (boxes[0][3], y1 / height, 1e-6);

  /* The exported document has the sentence and the box. */
  {
    g_autoptr(HilumDocument) document = hilum_store_get_document (store, study_id, &error);
    g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)hilum_format_problem_free);
    g_autoptr(JsonParser) parser = json_parser_new ();
    HilumFormatOptions options = { 0 };
    JsonObject *root;
    JsonObject *finding;
    double exported[4][4];

    g_ptr_array_add (documents, g_steal_pointer (&document));
    g_assert_true (hilum_format_export (HILUM_FORMAT_HILUM, documents, export_path, &options, problems, &error));
    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_file (parser, export_path, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    finding = json_array_get_object_element (json_object_get_array_member (root, "findings"), 0);
    g_assert_cmpstr (json_object_get_string_member (finding, "finding_id"), ==, finding_id);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (finding, "text"), "en"),
                     ==, "Small nodule in the right upper lobe.");
    g_assert_cmpuint (collect_boxes (root, finding_id, exported, 4), ==, 1);
    for (guint c = 0; c < 4; c++)
      g_assert_cmpfloat_with_epsilon (exported[0][c], boxes[0][c], 1e-9);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "study"), "status"),
                     ==, "in_progress");
  }

  /* The worklist shows the study in progress. */
  {
    StatusWait wait = { hilum_window_get_worklist (window), study_id, HILUM_STUDY_STATUS_IN_PROGRESS };

    g_assert_true (hilum_test_wait_until (worklist_shows_status, &wait, 10000));
  }

  /* Undo (the window's action, Ctrl+Z) removes the box from the store; redo brings it back. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpuint (store_boxes (store, study_id, finding_id, boxes, 4), ==, 0);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "redo"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
  g_assert_cmpuint (store_boxes (store, study_id, finding_id, boxes, 4), ==, 1);

  close_window (window);

  /* A new window on the same store shows the box: its layer draws it from the store. */
  window = open_window (dir);
  session = hilum_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_cmpstr (hilum_document_get_study_id (hilum_session_get_document (session)), ==, study_id);
  {
    JsonObject *root = hilum_document_get_root (hilum_session_get_document (session));

    g_assert_cmpuint (collect_boxes (root, finding_id, boxes, 4), ==, 1);
    g_assert_cmpfloat_with_epsilon (boxes[0][0], x0 / width, 1e-6);
  }
  /* The undo history of a study is the application's (its workspace's session), not a
   * window's: the new window can undo the box drawn in the first. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  close_window (window);
}

/* Each study keeps its own undo history when the user moves between studies. */
static void
test_undo_per_study (void)
{
  g_autofree char *dir_a = hilum_test_make_study (test_root, "per-study/a");
  g_autofree char *dir_b = hilum_test_make_study (test_root, "per-study/b");
  g_autofree char *parent = g_build_filename (test_root, "per-study", NULL);
  HilumWindow *window = open_window (parent);
  HilumWorklist *worklist = hilum_window_get_worklist (window);
  HilumReportPanel *panel = hilum_window_get_report_panel (window);
  HilumSession *first = hilum_window_get_session (window);
  g_autofree char *first_id = g_strdup (hilum_document_get_study_id (hilum_session_get_document (first)));
  const char *other_id = NULL;
  GListModel *model = hilum_worklist_get_model (worklist);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "report.add-finding", NULL));
  g_assert_cmpuint (hilum_document_get_n_findings (hilum_session_get_document (first)), ==, 1);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));

  /* Another study of the same folder: nothing to undo there. */
  for (guint i = 0; i < g_list_model_get_n_items (model) && other_id == NULL; i++)
    {
      g_autoptr(HilumWorklistItem) item = g_list_model_get_item (model, i);
      HilumStudy *study = hilum_worklist_item_get_study (item);

      if (study != NULL && g_strcmp0 (hilum_worklist_item_get_study_id (item), first_id) != 0)
        other_id = hilum_worklist_item_get_study_id (item);
    }
  g_assert_nonnull (other_id);
  g_assert_true (hilum_worklist_select_study_id (worklist, other_id));
  g_assert_true (hilum_test_wait_until (window_idle, window, 60000));
  g_assert_true (hilum_window_get_session (window) != first);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));

  /* Back: the first study's history is still there. */
  g_assert_true (hilum_worklist_select_study_id (worklist, first_id));
  g_assert_true (hilum_test_wait_until (window_idle, window, 60000));
  g_assert_true (hilum_window_get_session (window) == first);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpuint (hilum_document_get_n_findings (hilum_session_get_document (first)), ==, 0);

  close_window (window);
  (void) dir_a;
  (void) dir_b;
}

static gboolean
dialog_done (gpointer data)
{
  return !hilum_transfer_dialog_get_running (data);
}

static void
run_dialog (HilumTransferDialog *dialog)
{
  hilum_transfer_dialog_start (dialog);
  g_assert_true (hilum_test_wait_until (dialog_done, dialog, 60000));
  g_assert_nonnull (hilum_transfer_dialog_get_summary (dialog));
}

/* Export… and Import… from the window: the study shown goes out as a hilum-study/1
 * document; the same document, edited outside, comes back as one undoable step. */
static void
test_export_import_dialog (void)
{
  g_autofree char *dir = hilum_test_make_study (test_root, "transfer-study");
  g_autofree char *out = g_build_filename (test_root, "transfer-out.json", NULL);
  g_autofree char *bad = g_build_filename (test_root, "transfer-bad.json", NULL);
  g_autoptr(GError) error = NULL;
  HilumWindow *window = open_window (dir);
  HilumSession *session = hilum_window_get_session (window);
  const char *study_id = hilum_document_get_study_id (hilum_session_get_document (session));
  HilumTransferDialog *dialog;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *edited = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hilum_window_get_report_panel (window)),
                                             "report.add-finding", NULL));

  dialog = hilum_transfer_dialog_new (window, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  hilum_transfer_dialog_set_format (dialog, HILUM_FORMAT_HILUM);
  hilum_transfer_dialog_set_current_only (dialog, TRUE);
  hilum_transfer_dialog_set_path (dialog, out);
  run_dialog (dialog);
  g_assert_cmpstr (hilum_transfer_dialog_get_summary (dialog), ==, "Exported 1 study.");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonObject *study = json_object_get_object_member (root, "study");
    JsonArray *findings = json_object_get_array_member (root, "findings");
    JsonObject *text = json_object_get_object_member (json_array_get_object_element (findings, 0), "text");
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    g_assert_cmpstr (json_object_get_string_member (study, "study_id"), ==, study_id);
    g_assert_cmpuint (json_array_get_length (findings), ==, 1);
    /* Edited outside: a sentence and an indication. */
    json_object_set_string_member (text, "en", "Cardiomegaly.");
    json_object_set_string_member (study, "indication", "Fever.");
    json_generator_set_root (generator, json_parser_get_root (parser));
    edited = json_generator_to_data (generator, NULL);
    g_assert_true (g_file_set_contents (out, edited, -1, &error));
  }

  dialog = hilum_transfer_dialog_new (window, FALSE);
  hilum_transfer_dialog_set_format (dialog, HILUM_FORMAT_HILUM);
  hilum_transfer_dialog_set_path (dialog, out);
  run_dialog (dialog);
  g_assert_cmpstr (hilum_transfer_dialog_get_summary (dialog), ==,
                   "Imported 1 study (0 new, 1 edited, 0 replaced, 0 unchanged; 0 kept as edited here).");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (hilum_session_get_document (session), 0), "en"),
                   ==, "Cardiomegaly.");
  g_assert_cmpstr (hilum_document_get_study_field (hilum_session_get_document (session), "indication"), ==, "Fever.");
  /* One undo takes the whole import back. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_get_finding (hilum_session_get_document (session), 0), "en"),
                   ==, "");
  g_assert_cmpstr (hilum_document_get_study_field (hilum_session_get_document (session), "indication"), ==, "");

  /* A dataset file of this study, which a reader edited here: kept, and asked about. */
  {
    g_autofree char *gr = g_build_filename (test_root, "transfer-gr.json", NULL);
    g_autofree char *before = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
    dialog = hilum_transfer_dialog_new (window, TRUE);
    hilum_transfer_dialog_set_format (dialog, HILUM_FORMAT_PADCHEST_GR);
    hilum_transfer_dialog_set_current_only (dialog, TRUE);
    hilum_transfer_dialog_set_path (dialog, gr);
    run_dialog (dialog);
    gtk_window_destroy (GTK_WINDOW (dialog));
    before = g_strdup (hilum_document_get_study_field (hilum_session_get_document (session), "indication"));

    dialog = hilum_transfer_dialog_new (window, FALSE);
    gtk_window_present (GTK_WINDOW (dialog));
    hilum_transfer_dialog_set_format (dialog, HILUM_FORMAT_PADCHEST_GR);
    hilum_transfer_dialog_set_path (dialog, gr);
    run_dialog (dialog);
    g_assert_true (g_str_has_prefix (hilum_transfer_dialog_get_summary (dialog),
                                     "Imported 0 studies (0 new, 0 edited, 0 replaced, 0 unchanged; 1 kept as edited here)."));
    g_assert_nonnull (strstr (hilum_transfer_dialog_get_summary (dialog), "kept as it is"));
    g_assert_true (gtk_widget_get_visible (hilum_transfer_dialog_get_replace_button (dialog)));
    g_assert_cmpstr (hilum_document_get_study_field (hilum_session_get_document (session), "indication"), ==, before);

    /* Asked to: the file's version, one audited change; the study shown follows. */
    g_signal_emit_by_name (hilum_transfer_dialog_get_replace_button (dialog), "clicked");
    g_assert_true (hilum_test_wait_until (dialog_done, dialog, 60000));
    g_assert_true (g_str_has_prefix (hilum_transfer_dialog_get_summary (dialog),
                                     "Imported 1 study (0 new, 0 edited, 1 replaced, 0 unchanged; 0 kept as edited here)."));
    g_assert_false (gtk_widget_get_visible (hilum_transfer_dialog_get_replace_button (dialog)));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* A file that is not of the format: the reason, and nothing changes. */
  g_assert_true (g_file_set_contents (bad, "{\"schema\": 42", -1, &error));
  dialog = hilum_transfer_dialog_new (window, FALSE);
  hilum_transfer_dialog_set_format (dialog, HILUM_FORMAT_HILUM);
  hilum_transfer_dialog_set_path (dialog, bad);
  run_dialog (dialog);
  g_assert_null (strstr (hilum_transfer_dialog_get_summary (dialog), "Imported"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (hilum_document_get_n_findings (hilum_session_get_document (session)), ==, 1);

  close_window (window);
}

static gboolean
worklist_settled (gpointer data)
{
  return !hilum_worklist_get_querying (data);
}

static gboolean
worklist_has (HilumWorklist *worklist,
              const char    *study_id)
{
  GListModel *model = hilum_worklist_get_model (worklist);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HilumWorklistItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (hilum_worklist_item_get_study_id (item), study_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The worklist searches the store (ids and sentences, accents ignored) and keeps the
 * study shown selected; the title of a study with findings is its first sentence. */
static void
test_worklist_search (void)
{
  g_autofree char *dir = hilum_test_make_study (test_root, "search-study");
  g_autofree char *study_id = NULL;
  g_autoptr(GError) error = NULL;
  HilumWindow *window = open_window (dir);
  HilumWorklist *worklist = hilum_window_get_worklist (window);
  HilumSession *session = hilum_window_get_session (window);
  HilumReportPanel *panel = hilum_window_get_report_panel (window);
  g_autoptr(HilumOperation) op = NULL;
  guint n_all;

  study_id = g_strdup (hilum_document_get_study_id (hilum_session_get_document (session)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "report.add-finding", NULL));
  op = hilum_operation_new_set_text (hilum_report_panel_get_selected_finding_id (panel), "es",
                                     "Cardiomegalia con derrame pleural pequeño.");
  g_assert_true (hilum_session_perform (session, op, &error));
  g_assert_no_error (error);

  hilum_worklist_refresh (worklist);
  g_assert_true (hilum_test_wait_until (worklist_settled, worklist, 10000));
  n_all = g_list_model_get_n_items (hilum_worklist_get_model (worklist));
  g_assert_cmpuint (n_all, >=, 2);

  hilum_worklist_set_search (worklist, "PEQUENO");
  g_assert_true (hilum_test_wait_until (worklist_settled, worklist, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_worklist_get_model (worklist)), ==, 1);
  g_assert_true (worklist_has (worklist, study_id));
  g_assert_cmpstr (hilum_worklist_get_selected_id (worklist), ==, study_id);
  {
    g_autoptr(HilumWorklistItem) item = g_list_model_get_item (hilum_worklist_get_model (worklist), 0);

    g_assert_cmpstr (hilum_worklist_item_get_title (item), ==, "Cardiomegalia con derrame pleural pequeño.");
    g_assert_cmpuint (hilum_worklist_item_get_n_findings (item), ==, 1);
  }
  /* The study shown stays shown with its session. */
  g_assert_true (hilum_window_get_session (window) == session);

  /* A search that lists nothing leaves the study on screen; clearing it selects it again. */
  hilum_worklist_set_search (worklist, "no study has this");
  g_assert_true (hilum_test_wait_until (worklist_settled, worklist, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_worklist_get_model (worklist)), ==, 0);
  g_assert_true (hilum_window_get_session (window) == session);
  g_assert_nonnull (hilum_study_view_get_study (hilum_window_get_study_view (window)));

  hilum_worklist_set_search (worklist, "");
  g_assert_true (hilum_test_wait_until (worklist_settled, worklist, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (hilum_worklist_get_model (worklist)), ==, n_all);
  g_assert_cmpstr (hilum_worklist_get_selected_id (worklist), ==, study_id);
  g_assert_true (hilum_window_get_session (window) == session);

  close_window (window);
}

typedef struct
{
  HilumWindow *window;
  const char  *study_id;
} ShownWait;

static gboolean
study_shown (gpointer data)
{
  ShownWait *wait = data;
  HilumStudyView *view = hilum_window_get_study_view (wait->window);
  HilumStudy *study = hilum_study_view_get_study (view);

  return !hilum_window_get_busy (wait->window) && study != NULL &&
         g_strcmp0 (hilum_study_get_id (study), wait->study_id) == 0 &&
         !hilum_study_view_get_loading (view);
}

/* A study of the store whose frontal file is gone: picked in the worklist, its report
 * opens, the frontal slot says why the file cannot be read, the lateral shows. */
static void
test_missing_file (void)
{
  g_autofree char *dir = hilum_test_make_study (test_root, "missing-study");
  g_autofree char *frontal_path = g_build_filename (dir, "frontal.dcm", NULL);
  g_autofree char *study_id = NULL;
  HilumWindow *window = open_window (dir);
  HilumReportPanel *panel = hilum_window_get_report_panel (window);
  HilumStudyView *view;
  ShownWait wait;

  study_id = g_strdup (hilum_document_get_study_id (hilum_session_get_document (hilum_window_get_session (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "report.add-finding", NULL));
  close_window (window);
  g_assert_cmpint (g_unlink (frontal_path), ==, 0);

  window = hilum_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (hilum_test_wait_until (hilum_test_window_not_busy, window, 60000));
  g_assert_true (hilum_worklist_select_study_id (hilum_window_get_worklist (window), study_id));
  wait.window = window;
  wait.study_id = study_id;
  g_assert_true (hilum_test_wait_until (study_shown, &wait, 60000));

  view = hilum_window_get_study_view (window);
  g_assert_nonnull (hilum_window_get_session (window));
  g_assert_cmpuint (hilum_document_get_n_findings (hilum_session_get_document (hilum_window_get_session (window))), ==, 1);
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_FRONTAL)), ==,
                   HILUM_SLOT_STATE_ERROR);
  g_assert_cmpint (hilum_image_slot_get_state (hilum_study_view_get_slot (view, HILUM_SLOT_LATERAL)), ==,
                   HILUM_SLOT_STATE_IMAGE);
  g_assert_nonnull (hilum_window_get_last_toast (window));
  g_assert_nonnull (strstr (hilum_window_get_last_toast (window), "frontal.dcm"));

  close_window (window);
}

/* The report's keys are the window's: listed, not taken by anything else, and F6 walks
 * worklist → images → report → worklist. */
static void
test_keys (void)
{
  g_autofree char *dir = hilum_test_make_study (test_root, "keys-study");
  HilumWindow *window = open_window (dir);
  GtkApplication *gapp = GTK_APPLICATION (app);
  HilumReportPanel *panel = hilum_window_get_report_panel (window);
  HilumStudyView *view = hilum_window_get_study_view (window);
  static const struct { const char *action; const char *accel; } keys[] = {
    { "win.undo", "<Control>z" },
    { "win.redo", "<Shift><Control>z" },
    { "win.add-finding", "<Control>n" },
    { "win.next-finding", "<Alt>Page_Down" },
    { "win.previous-finding", "<Alt>Page_Up" },
    { "win.set-status::annotated", "<Shift><Control>a" },
    { "win.search", "<Control>f" },
    { "win.cycle-focus", "F6" },
    { "win.import", "<Control>i" },
    { "win.export", "<Control>e" },
  };
  GtkWidget *focus;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (gapp, keys[i].action);
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (gapp, keys[i].accel);

      g_assert_true (g_strv_contains ((const char * const *) accels, keys[i].accel));
      g_assert_cmpuint (g_strv_length (actions), ==, 1);
    }

  /* Ctrl+Shift+A marks the study annotated. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-status", g_variant_new_string ("annotated"));
  g_assert_cmpstr (hilum_document_get_study_field (hilum_session_get_document (hilum_window_get_session (window)),
                                                   "status"), ==, "annotated");

  /* F6 from the worklist to the images, to the report, back to the worklist. */
  hilum_worklist_focus_list (hilum_window_get_worklist (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cycle-focus", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cycle-focus", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (panel)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cycle-focus", NULL);
  g_assert_true (hilum_worklist_has_focus (hilum_window_get_worklist (window)));

  /* Draw mode (B over the images) is one state for both views. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "draw-mode", NULL);
  g_assert_false (hilum_box_layer_get_draw_mode (hilum_window_get_box_layer (window, HILUM_SLOT_FRONTAL)));
  g_assert_false (hilum_box_layer_get_draw_mode (hilum_window_get_box_layer (window, HILUM_SLOT_LATERAL)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "draw-mode", NULL);
  g_assert_true (hilum_box_layer_get_draw_mode (hilum_window_get_box_layer (window, HILUM_SLOT_LATERAL)));

  /* The other reader's boxes follow the setting. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-other-readers", NULL);
  g_assert_false (hilum_box_layer_get_show_other_readers (hilum_window_get_box_layer (window, HILUM_SLOT_FRONTAL)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-other-readers", NULL);
  g_assert_true (hilum_box_layer_get_show_other_readers (hilum_window_get_box_layer (window, HILUM_SLOT_FRONTAL)));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{

  test_root = hilum_test_isolate_xdg ();
  app = hilum_test_application_init (&argc, &argv);

  g_test_add_func ("/hilum/annotate/draw-export-undo", test_draw_export_undo);
  g_test_add_func ("/hilum/annotate/undo-per-study", test_undo_per_study);
  g_test_add_func ("/hilum/annotate/export-import-dialog", test_export_import_dialog);
  g_test_add_func ("/hilum/annotate/worklist-search", test_worklist_search);
  g_test_add_func ("/hilum/annotate/missing-file", test_missing_file);
  g_test_add_func ("/hilum/annotate/keys", test_keys);

  return g_test_run ();
}
