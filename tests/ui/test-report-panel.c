/* test-report-panel.c — the report beside the images: findings in report order and in
 * their groups, typing in both languages, undo, polarity, progression, adding, removing,
 * moving, selection, the study fields and the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session without a store (in-memory editing) on a PadChest-like document in Spanish
 * and English; the panel sits in a real window under Xvfb.
 */
#include <adwaita.h>

#include "hilum-finding-colors.h"
#include "hilum-finding-row.h"
#include "hilum-report-panel.h"
#include "hilum-session.h"
#include "hilum-store.h"
#include "hilum-study-fields.h"
#include "hilum-term-picker.h"

#include "hilum-ui-test.h"

#define F1 "0b7c1e9a-0000-4000-8000-000000000001"
#define F2 "0b7c1e9a-0000-4000-8000-000000000002"
#define F3 "0b7c1e9a-0000-4000-8000-000000000003"
#define F4 "0b7c1e9a-0000-4000-8000-000000000004"
#define F5 "0b7c1e9a-0000-4000-8000-000000000005"

/* Report order: positive, negative, positive, positive, negative. */
static const char document_json[] =
  "{\"schema\": \"hilum-study/1\","
  " \"study\": {\"study_id\": \"216840111366964013686042548532013208193054515\","
  "            \"study_date\": \"2015-03-12\", \"prior_study_id\": null, \"prior_image_id\": null,"
  "            \"indication\": \"Disnea de esfuerzo\", \"technique\": \"PA y lateral\","
  "            \"comparison\": \"\", \"prior_report\": \"\", \"status\": \"in_progress\","
  "            \"source\": {\"dataset\": \"padchest-gr\"}},"
  " \"images\": [{\"image_id\": \"216840111366964013686042548532013208193054515_02-059-074.png\","
  "              \"role\": \"current_frontal\", \"view_position\": \"PA\", \"width\": 1824,"
  "              \"height\": 1652, \"photometric\": \"MONOCHROME2\", \"file\": null,"
  "              \"sop_instance_uid\": \"\"}],"
  " \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana Muñoz\", \"role\": \"reader\","
  "               \"source_slot\": \"boxes\"},"
  "              {\"reader_id\": \"r2\", \"name\": \"\", \"role\": \"reader\","
  "               \"source_slot\": \"extra_boxes\"}],"
  " \"findings\": ["
  "  {\"finding_id\": \"" F1 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Mild cardiomegaly.\", \"es\": \"Cardiomegalia leve.\"},"
  "   \"labels\": [\"cardiomegaly\"], \"locations\": [\"cardiac\"], \"progression\": null,"
  "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"216840111366964013686042548532013208193054515_02-059-074.png\","
  "                      \"status\": \"boxed\", \"boxes\": [{\"box_id\": \"b1\", \"xyxy_norm\": [0.3, 0.45, 0.78, 0.8]}]},"
  "                     {\"reader_id\": \"r2\", \"image_id\": \"216840111366964013686042548532013208193054515_02-059-074.png\","
  "                      \"status\": \"boxed\", \"boxes\": [{\"box_id\": \"b2\", \"xyxy_norm\": [0.31, 0.46, 0.77, 0.81]},"
  "                                                      {\"box_id\": \"b3\", \"xyxy_norm\": [0.1, 0.1, 0.2, 0.2]}]}]},"
  "  {\"finding_id\": \"" F2 "\", \"polarity\": \"negative\","
  "   \"text\": {\"en\": \"No pleural effusion.\", \"es\": \"No se observa derrame pleural.\"},"
  "   \"labels\": [], \"locations\": [], \"progression\": null, \"annotations\": []},"
  "  {\"finding_id\": \"" F3 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Small laminar atelectasis at the right base.\","
  "             \"es\": \"Pequeña atelectasia laminar en la base pulmonar derecha.\"},"
  "   \"labels\": [\"laminar atelectasis\"], \"locations\": [\"right\", \"lower lung field\"],"
  "   \"progression\": \"stable\","
  "   \"annotations\": [{\"reader_id\": \"r1\", \"image_id\": \"216840111366964013686042548532013208193054515_02-059-074.png\","
  "                      \"status\": \"boxed\", \"boxes\": [{\"box_id\": \"b4\", \"xyxy_norm\": [0.55, 0.62, 0.86, 0.7]}]}]},"
  "  {\"finding_id\": \"" F4 "\", \"polarity\": \"positive\","
  "   \"text\": {\"en\": \"Degenerative changes of the dorsal spine.\","
  "             \"es\": \"Cambios degenerativos en la columna dorsal.\"},"
  "   \"labels\": [\"vertebral degenerative changes\"], \"locations\": [\"dorsal vertebrae\"],"
  "   \"progression\": \"unchanged since 2013\", \"annotations\": []},"
  "  {\"finding_id\": \"" F5 "\", \"polarity\": \"negative\","
  "   \"text\": {\"en\": \"No other significant alterations.\","
  "             \"es\": \"Sin otras alteraciones significativas.\"}}"
  " ]}";

typedef struct
{
  GtkWidget        *window;
  HilumReportPanel *panel;
  HilumSession     *session;
  HilumDocument    *document;   /* the session's */
  char             *failure;    /* the last "operation-failed" message */
} Fixture;

static void
operation_failed_cb (HilumReportPanel *panel,
                     const char       *message,
                     Fixture          *f)
{
  g_test_message ("operation failed: %s", message);
  g_free (f->failure);
  f->failure = g_strdup (message);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = hilum_document_new_from_string (document_json, -1, &error);
  g_assert_no_error (error);
  /* data: the window height, or 1 for a translator's session */
  f->session = hilum_session_new (NULL, document, "r1", "Ana Muñoz",
                                  GPOINTER_TO_INT (data) == 1 ? HILUM_READER_ROLE_TRANSLATOR
                                                              : HILUM_READER_ROLE_READER);
  f->document = hilum_session_get_document (f->session);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420,
                               GPOINTER_TO_INT (data) > 1 ? GPOINTER_TO_INT (data) : 900);
  f->panel = HILUM_REPORT_PANEL (hilum_report_panel_new ());
  hilum_report_panel_set_language_first (f->panel, "es");
  hilum_report_panel_set_session (f->panel, f->session);
  g_signal_connect (f->panel, "operation-failed", G_CALLBACK (operation_failed_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->panel));
  g_object_ref (f->panel);
  gtk_window_present (GTK_WINDOW (f->window));
  hilum_test_wait_for_paint (GTK_WIDGET (f->panel));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* No edit of the test was refused. */
  g_assert_cmpstr (f->failure, ==, NULL);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->panel);
  g_assert_finalize_object (f->session);
}

static HilumFindingRow *
row_of (Fixture    *f,
        const char *finding_id)
{
  GtkWidget *row = hilum_report_panel_get_row (f->panel, finding_id);

  g_assert_nonnull (row);
  return HILUM_FINDING_ROW (row);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_row_text (Fixture    *f,
                 const char *finding_id,
                 const char *lang,
                 const char *expected)
{
  g_autofree char *text = view_text (hilum_finding_row_get_text_view (row_of (f, finding_id),
                                                                       lang));

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_group (Fixture    *f,
              const char *polarity,
              const char *expected)   /* finding ids separated by spaces */
{
  g_auto(GStrv) ids = hilum_report_panel_dup_finding_ids (f->panel, polarity);
  g_autofree char *joined = g_strjoinv (" ", ids);

  g_assert_cmpstr (joined, ==, expected);
}

/* The document's finding ids in report order, space separated. */
static char *
document_order (Fixture *f)
{
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < hilum_document_get_n_findings (f->document); i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "",
                            hilum_finding_get_id (hilum_document_get_finding (f->document, i)));
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static const char *
finding_text (Fixture    *f,
              const char *finding_id,
              const char *lang)
{
  JsonObject *finding = hilum_document_find_finding (f->document, finding_id, NULL);

  g_assert_nonnull (finding);
  return hilum_finding_get_text (finding, lang);
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static GtkWidget *
row_badge (HilumFindingRow *row)
{
  /* row → card box → header → badge */
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (row));
  GtkWidget *header = gtk_widget_get_first_child (card);

  return gtk_widget_get_first_child (header);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  assert_group (f, "positive", F1 " " F3 " " F4);
  assert_group (f, "negative", F2 " " F5);

  assert_row_text (f, F1, "es", "Cardiomegalia leve.");
  assert_row_text (f, F1, "en", "Mild cardiomegaly.");
  assert_row_text (f, F3, "es", "Pequeña atelectasia laminar en la base pulmonar derecha.");
  assert_row_text (f, F5, "es", "Sin otras alteraciones significativas.");
  assert_row_text (f, F5, "en", "No other significant alterations.");

  /* Number = place in report order; the palette colour follows it. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_badge (row_of (f, F1)))), ==, "1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_badge (row_of (f, F3)))), ==, "3");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_badge (row_of (f, F5)))), ==, "5");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_of (f, F3)), "finding-color-2"));

  /* Boxes per reader, by name when the reader has one. */
  g_assert_cmpstr (hilum_finding_row_get_boxes_text (row_of (f, F1)), ==,
                   "Boxes: Ana Muñoz 1 · r2 2");
  g_assert_cmpstr (hilum_finding_row_get_boxes_text (row_of (f, F3)), ==, "Boxes: Ana Muñoz 1");
  g_assert_cmpstr (hilum_finding_row_get_boxes_text (row_of (f, F4)), ==, "No boxes");

  /* Progression: a known value, and one Hilum does not know kept as it is. */
  g_assert_cmpuint (gtk_drop_down_get_selected (hilum_finding_row_get_progression (row_of (f, F3))),
                    ==, 1);
  {
    GtkDropDown *dropdown = hilum_finding_row_get_progression (row_of (f, F4));
    GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "unchanged since 2013");
  }

  /* The Spanish sentence is on top when asked; the English one stays visible. */
  {
    GtkWidget *es = GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F1), "es"));
    GtkWidget *en = GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F1), "en"));
    graphene_point_t pes, pen;

    g_assert_true (gtk_widget_compute_point (es, GTK_WIDGET (f->panel),
                                             &GRAPHENE_POINT_INIT (0, 0), &pes));
    g_assert_true (gtk_widget_compute_point (en, GTK_WIDGET (f->panel),
                                             &GRAPHENE_POINT_INIT (0, 0), &pen));
    g_assert_cmpfloat (pes.y, <, pen.y);
    g_assert_true (gtk_widget_get_mapped (en));

    hilum_report_panel_set_language_first (f->panel, "en");
    hilum_test_wait_for_paint (GTK_WIDGET (f->panel));
    g_assert_true (gtk_widget_compute_point (es, GTK_WIDGET (f->panel),
                                             &GRAPHENE_POINT_INIT (0, 0), &pes));
    g_assert_true (gtk_widget_compute_point (en, GTK_WIDGET (f->panel),
                                             &GRAPHENE_POINT_INIT (0, 0), &pen));
    g_assert_cmpfloat (pen.y, <, pes.y);
  }
}

static void
type_text (GtkTextView *view,
           const char  *text)
{
  /* What a key press does once the input method has committed its character. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), c);
      g_signal_emit_by_name (view, "insert-at-cursor", c);
    }
}

static void
test_typing_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  HilumFindingRow *row = row_of (f, F1);
  GtkTextView *es = hilum_finding_row_get_text_view (row, "es");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (es);
  GtkTextIter end, cursor;

  gtk_widget_grab_focus (GTK_WIDGET (es));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  {
    const char *typed = " Señal de derrame pequeño en el ángulo.";
    gint64 start = g_get_monotonic_time ();

    type_text (es, typed);
    /* A figure, not a limit: one operation per key, through the session (no store). */
    g_test_message ("typing: %.3f ms per character",
                    (g_get_monotonic_time () - start) / 1000.0 / g_utf8_strlen (typed, -1));
  }
  g_assert_cmpstr (finding_text (f, F1, "es"), ==,
                   "Cardiomegalia leve. Señal de derrame pequeño en el ángulo.");
  /* The row was not rebuilt: same widget, focus and cursor where typing left them. */
  g_assert_true (HILUM_FINDING_ROW (hilum_report_panel_get_row (f->panel, F1)) == row);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (es)));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_true (gtk_text_iter_is_end (&cursor));
  g_assert_cmpstr (finding_text (f, F1, "en"), ==, "Mild cardiomegaly.");

  /* A selection replaced by typing (delete + insert) is one text in the document. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (hilum_finding_row_get_text_view (row, "en")),
                            "Moderate cardiomegaly.", -1);
  g_assert_cmpstr (finding_text (f, F1, "en"), ==, "Moderate cardiomegaly.");

  /* Undo through the session (the window's Ctrl+Z): the fields follow the document. */
  hilum_session_break_merge (f->session);
  while (hilum_session_can_undo (f->session))
    g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpstr (finding_text (f, F1, "es"), ==, "Cardiomegalia leve.");
  assert_row_text (f, F1, "es", "Cardiomegalia leve.");
  assert_row_text (f, F1, "en", "Mild cardiomegaly.");
  g_assert_true (hilum_session_can_redo (f->session));

  g_assert_true (hilum_session_redo (f->session, NULL));
  {
    g_autofree char *shown = view_text (es);

    g_assert_cmpstr (shown, ==, finding_text (f, F1, "es"));
    g_assert_cmpstr (shown, !=, "Cardiomegalia leve.");
  }
}

/* With the real SQLite store under the session: every key is committed before it
 * shows; what was typed is in the store, read back from a second connection. */
static void
test_typing_with_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hilum-report-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hilum.db", NULL);
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(HilumDocument) stored = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumStore) second = NULL;
  g_autoptr(GError) error = NULL;
  HilumSession *session;
  HilumReportPanel *panel;
  GtkWidget *window;
  GtkTextView *es;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  const char *typed = " Señal pequeña.";
  gint64 start;

  g_assert_nonnull (dir);
  store = hilum_store_open (path, &error);
  g_assert_no_error (error);
  document = hilum_document_new_from_string (document_json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (hilum_store_put_document (store, document, &error));
  g_assert_no_error (error);
  session = hilum_session_new (store, document, "r1", "Ana Muñoz", HILUM_READER_ROLE_READER);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 900);
  panel = HILUM_REPORT_PANEL (hilum_report_panel_new ());
  g_object_ref (panel);
  hilum_report_panel_set_session (panel, session);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  hilum_test_wait_for_paint (GTK_WIDGET (panel));

  es = hilum_finding_row_get_text_view (HILUM_FINDING_ROW (hilum_report_panel_get_row (panel, F1)),
                                        "es");
  buffer = gtk_text_view_get_buffer (es);
  gtk_widget_grab_focus (GTK_WIDGET (es));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  start = g_get_monotonic_time ();
  type_text (es, typed);
  /* A figure, not a limit: one committed transaction per key. */
  g_test_message ("typing with the store: %.3f ms per character",
                  (g_get_monotonic_time () - start) / 1000.0 / g_utf8_strlen (typed, -1));

  second = hilum_store_open (path, &error);
  g_assert_no_error (error);
  stored = hilum_store_get_document (second, hilum_document_get_study_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (stored, F1, NULL), "es"), ==,
                   "Cardiomegalia leve. Señal pequeña.");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (panel);
  g_assert_finalize_object (session);
  g_clear_object (&second);
  g_clear_object (&store);
  g_remove (path);
  {
    /* SQLite's journal files, if it left any */
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);
}

static void
test_polarity (Fixture       *f,
               gconstpointer  data)
{
  HilumFindingRow *row = row_of (f, F3);

  gtk_widget_grab_focus (GTK_WIDGET (hilum_finding_row_get_polarity (row)));
  gtk_drop_down_set_selected (hilum_finding_row_get_polarity (row), 1);
  /* The keyboard went with the row. */
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), GTK_WIDGET (row)));
  g_assert_cmpstr (hilum_finding_get_polarity (hilum_document_find_finding (f->document, F3, NULL)),
                   ==, "negative");
  /* Moved to the negative group, in report order, the same row (texts intact). */
  assert_group (f, "positive", F1 " " F4);
  assert_group (f, "negative", F2 " " F3 " " F5);
  g_assert_true (hilum_report_panel_get_row (f->panel, F3) == GTK_WIDGET (row));
  assert_row_text (f, F3, "es", "Pequeña atelectasia laminar en la base pulmonar derecha.");

  g_assert_true (hilum_session_undo (f->session, NULL));
  assert_group (f, "positive", F1 " " F3 " " F4);
  assert_group (f, "negative", F2 " " F5);
  g_assert_cmpuint (gtk_drop_down_get_selected (hilum_finding_row_get_polarity (row)), ==, 0);
}

static void
test_progression (Fixture       *f,
                  gconstpointer  data)
{
  GtkDropDown *dropdown = hilum_finding_row_get_progression (row_of (f, F1));
  JsonObject *finding = hilum_document_find_finding (f->document, F1, NULL);

  gtk_drop_down_set_selected (dropdown, 3);
  g_assert_cmpstr (json_object_get_string_member (finding, "progression"), ==, "worsened");
  gtk_drop_down_set_selected (dropdown, 0);
  finding = hilum_document_find_finding (f->document, F1, NULL);
  g_assert_true (json_object_get_null_member (finding, "progression"));

  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
}

static void
test_add_remove_move (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *order = NULL;
  const char *added;
  JsonObject *finding;

  /* Add: after the selected finding, with its polarity, selected and ready to type. */
  hilum_report_panel_set_selected_finding_id (f->panel, F1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.add-finding", NULL));
  g_assert_cmpuint (hilum_document_get_n_findings (f->document), ==, 6);
  finding = hilum_document_get_finding (f->document, 1);
  added = hilum_finding_get_id (finding);
  g_assert_cmpstr (hilum_finding_get_polarity (finding), ==, "positive");
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, added);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, added),
                                                                                   "es"))));
  type_text (hilum_finding_row_get_text_view (row_of (f, added), "es"), "Hilio izquierdo prominente.");
  g_assert_cmpstr (finding_text (f, added, "es"), ==, "Hilio izquierdo prominente.");
  /* Numbers follow report order: finding 3 of before is now number 4. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_badge (row_of (f, F3)))), ==, "4");

  /* A finding with another reader's boxes stays: the user is told why. */
  hilum_report_panel_set_selected_finding_id (f->panel, F1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.remove-finding", NULL));
  g_assert_nonnull (hilum_document_find_finding (f->document, F1, NULL));
  g_assert_nonnull (hilum_report_panel_get_row (f->panel, F1));
  g_assert_nonnull (f->failure);
  g_clear_pointer (&f->failure, g_free);

  /* Remove a finding with its (own) boxes: one undo step brings both back. */
  hilum_report_panel_set_selected_finding_id (f->panel, F3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.remove-finding", NULL));
  g_assert_null (hilum_document_find_finding (f->document, F3, NULL));
  g_assert_null (hilum_document_find_box (f->document, "b4", NULL, NULL, NULL));
  g_assert_null (hilum_report_panel_get_row (f->panel, F3));
  /* The next finding shown takes the selection. */
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F4);
  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_nonnull (hilum_document_find_box (f->document, "b4", NULL, NULL, NULL));
  g_assert_cmpstr (hilum_finding_row_get_boxes_text (row_of (f, F3)), ==, "Boxes: Ana Muñoz 1");
  assert_row_text (f, F3, "es", "Pequeña atelectasia laminar en la base pulmonar derecha.");

  /* Move up within the positive group jumps over the negative finding between. */
  while (hilum_document_get_n_findings (f->document) > 5)   /* the typing, the adding */
    g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpuint (hilum_document_get_n_findings (f->document), ==, 5);
  hilum_report_panel_set_selected_finding_id (f->panel, F3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.move-up", NULL));
  order = document_order (f);
  g_assert_cmpstr (order, ==, F3 " " F1 " " F2 " " F4 " " F5);
  assert_group (f, "positive", F3 " " F1 " " F4);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_badge (row_of (f, F3)))), ==, "1");
  /* At the top of its group there is no further up. */
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.move-up", NULL);
  g_free (order);
  order = document_order (f);
  g_assert_cmpstr (order, ==, F3 " " F1 " " F2 " " F4 " " F5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.move-down", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.move-down", NULL));
  g_free (order);
  order = document_order (f);
  g_assert_cmpstr (order, ==, F1 " " F2 " " F4 " " F3 " " F5);
  assert_group (f, "positive", F1 " " F4 " " F3);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect (f->panel, "notify::selected-finding-id", G_CALLBACK (notify_count_cb),
                    &notified);

  /* From outside (a box picked on the image): highlighted, no focus taken. */
  hilum_report_panel_set_selected_finding_id (f->panel, F4);
  g_assert_true (hilum_finding_row_get_selected (row_of (f, F4)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_of (f, F4)), "selected"));
  g_assert_false (hilum_finding_row_get_selected (row_of (f, F1)));
  g_assert_cmpuint (notified, ==, 1);

  /* The user moves into a row: it becomes the selected finding. */
  gtk_widget_grab_focus (GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F2), "en")));
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F2);
  g_assert_false (hilum_finding_row_get_selected (row_of (f, F4)));
  g_assert_cmpuint (notified, ==, 2);

  /* Next/previous go in the order shown: positives, then negatives. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.next-finding", NULL));
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F5),
                                                                                   "es"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.previous-finding", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.previous-finding", NULL));
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F4);

  /* A property binding, as the window makes with the box layer. */
  {
    g_autoptr(GObject) other = G_OBJECT (hilum_report_panel_new ());
    GBinding *binding;

    g_object_ref_sink (other);
    binding = g_object_bind_property (f->panel, "selected-finding-id", other,
                                      "selected-finding-id",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (HILUM_REPORT_PANEL (other)),
                     ==, F4);
    g_object_set (other, "selected-finding-id", F1, NULL);
    g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F1);
    g_binding_unbind (binding);
  }
}

static void
test_scroll_to_selected (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *scroller = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (f->panel)));
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  hilum_report_panel_set_selected_finding_id (f->panel, F5);
  hilum_test_iterate_for (600);
  hilum_test_wait_for_paint (GTK_WIDGET (f->panel));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  /* The last row is inside the visible part of the scroller. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row_of (f, F5)), scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, -1);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (scroller) + 1);
}

static void
test_study_fields (Fixture       *f,
                   gconstpointer  data)
{
  HilumStudyFields *fields = HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel));
  GtkEditable *indication = hilum_study_fields_get_entry (fields, "indication");
  GtkEditable *comparison = hilum_study_fields_get_entry (fields, "comparison");
  GtkTextView *prior = hilum_study_fields_get_prior_report (fields);

  g_assert_cmpstr (gtk_editable_get_text (indication), ==, "Disnea de esfuerzo");
  g_assert_cmpstr (gtk_editable_get_text (hilum_study_fields_get_entry (fields, "technique")), ==,
                   "PA y lateral");
  g_assert_cmpstr (hilum_study_fields_get_summary (fields), ==, "In progress · 2015-03-12");
  /* Open: the study comes with an indication to read. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (indication)));

  gtk_editable_set_text (comparison, "Estudio del 2013, niño de 9 años");
  g_assert_cmpstr (hilum_document_get_study_field (f->document, "comparison"), ==,
                   "Estudio del 2013, niño de 9 años");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (prior), "Cardiomegalia leve.", -1);
  g_assert_cmpstr (hilum_document_get_study_field (f->document, "prior_report"), ==,
                   "Cardiomegalia leve.");

  hilum_session_break_merge (f->session);
  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpstr (hilum_document_get_study_field (f->document, "prior_report"), ==, "");
  {
    g_autofree char *text = view_text (prior);

    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (hilum_session_undo (f->session, NULL));
  g_assert_cmpstr (gtk_editable_get_text (comparison), ==, "");

  /* A DICOM date is shown as an ISO one. */
  {
    g_autoptr(JsonNode) date = json_node_init_string (json_node_alloc (), "20150312");
    g_autoptr(HilumOperation) op = hilum_operation_new_set_study_field ("study_date", date);

    g_assert_true (hilum_session_perform (f->session, op, NULL));
    g_assert_cmpstr (hilum_study_fields_get_summary (fields), ==, "In progress · 2015-03-12");
  }
}

/* The panel made narrower after it was shown (the user drags the divider): the
 * sentences wrap again and every line stays in view. */
static void
test_narrower (Fixture       *f,
               gconstpointer  data)
{
  GtkTextView *es = hilum_finding_row_get_text_view (row_of (f, F3), "es");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (es);
  GtkTextIter end;
  int y, height, before;

  gtk_widget_set_halign (GTK_WIDGET (f->panel), GTK_ALIGN_START);
  gtk_widget_set_size_request (GTK_WIDGET (f->panel), 640, -1);
  hilum_test_iterate_for (300);
  hilum_test_wait_for_paint (GTK_WIDGET (f->panel));
  before = gtk_widget_get_height (GTK_WIDGET (es));

  gtk_widget_set_size_request (GTK_WIDGET (f->panel), 290, -1);
  hilum_test_iterate_for (300);
  hilum_test_wait_for_paint (GTK_WIDGET (f->panel));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->panel)), ==, 290);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (es, &end, &y, &height);
  gtk_text_view_buffer_to_window_coords (es, GTK_TEXT_WINDOW_WIDGET, 0, y + height, NULL, &y);
  g_test_message ("height before %d after %d, last line ends at %d", before,
                  gtk_widget_get_height (GTK_WIDGET (es)), y);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (es)), >, before);
  g_assert_cmpint (y, <=, gtk_widget_get_height (GTK_WIDGET (es)));
}

/* A translator edits both sentences; the rest shows but does not invite an edit. */
static void
test_translator (Fixture       *f,
                 gconstpointer  data)
{
  HilumFindingRow *row = row_of (f, F3);
  HilumStudyFields *fields = HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (hilum_finding_row_get_text_view (row, "en")),
                            "Small plate-like atelectasis at the right lung base.", -1);
  g_assert_cmpstr (finding_text (f, F3, "en"), ==,
                   "Small plate-like atelectasis at the right lung base.");

  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (hilum_finding_row_get_polarity (row))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (hilum_finding_row_get_progression (row))));
  g_assert_false (gtk_widget_is_sensitive (hilum_finding_row_get_term_picker (row, "labels")));
  g_assert_false (gtk_editable_get_editable (hilum_study_fields_get_entry (fields, "indication")));

  hilum_report_panel_set_selected_finding_id (f->panel, F3);
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.add-finding", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.remove-finding", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.move-up", NULL);
  g_assert_cmpuint (hilum_document_get_n_findings (f->document), ==, 5);
  g_assert_nonnull (hilum_document_find_finding (f->document, F3, NULL));
  {
    g_autofree char *order = document_order (f);

    g_assert_cmpstr (order, ==, F1 " " F2 " " F3 " " F4 " " F5);
  }
  /* Moving between findings is not an edit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "report.next-finding", NULL));
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F4);
}

/* Every control of a finding is reachable with Tab. */
static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  HilumFindingRow *row = row_of (f, F3);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *wanted[] = {
    GTK_WIDGET (hilum_finding_row_get_text_view (row, "es")),
    GTK_WIDGET (hilum_finding_row_get_text_view (row, "en")),
    GTK_WIDGET (hilum_finding_row_get_polarity (row)),
    GTK_WIDGET (hilum_finding_row_get_progression (row)),
    hilum_term_picker_get_entry (HILUM_TERM_PICKER (hilum_finding_row_get_term_picker (row, "labels"))),
    hilum_term_picker_get_entry (HILUM_TERM_PICKER (hilum_finding_row_get_term_picker (row, "locations"))),
    GTK_WIDGET (hilum_study_fields_get_entry (HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel)),
                                              "comparison")),
  };

  hilum_study_fields_set_expanded (HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel)),
                                   TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (hilum_study_fields_get_entry (HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel)),
                                                                   "indication")));
  for (guint i = 0; i < 80; i++)
    {
      GtkWidget *focus;

      /* A frame between key presses, as a user gives: the row entered shows its term
       * pickers, which take part in the focus chain once laid out. */
      hilum_test_wait_for_paint (f->window);
      g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        g_hash_table_add (reached, w);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_assert_true (g_hash_table_contains (reached, wanted[i]));
  g_assert_true (g_hash_table_contains (reached,
                                        hilum_study_fields_get_prior_report (HILUM_STUDY_FIELDS (hilum_report_panel_get_study_fields (f->panel)))));
}

static gboolean
window_active (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

typedef struct
{
  Fixture    *f;
  const char *finding_id;
  const char *lang;
  const char *text;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *wait = data;
  JsonObject *finding = hilum_document_find_finding (wait->f->document, wait->finding_id, NULL);

  return finding != NULL && g_strcmp0 (hilum_finding_get_text (finding, wait->lang), wait->text) == 0;
}

/* The keys, as a radiologist presses them: typing with accents, the panel's own
 * shortcuts, and Ctrl+Z left to the window (the field does not undo by itself). */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkTextView *es = hilum_finding_row_get_text_view (row_of (f, F1), "es");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (es);
  g_autofree char *order = NULL;
  TextWait wait = { f, F1, "es", "Cardiomegalia leve, pequeña." };
  GtkTextIter end;
  const char *added;

  gtk_window_set_title (GTK_WINDOW (f->window), "hilum-report-panel-keys");
  hilum_test_iterate_for (100);
  /* No window manager under Xvfb: give the window the X input focus ourselves. */
  hilum_test_xdotool ("search --sync --onlyvisible --name '^hilum-report-panel-keys$' windowfocus --sync");
  g_assert_true (hilum_test_wait_until (window_active, f->window, 5000));

  gtk_widget_grab_focus (GTK_WIDGET (es));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  hilum_test_xdotool ("key BackSpace");
  hilum_test_xdotool ("type --delay 40 ', peque'");
  /* ñ is not on the US keyboard of Xvfb (which takes no other keymap): typed as its
   * code point, as GTK's input method allows on any keyboard. */
  hilum_test_xdotool ("key --delay 40 ctrl+shift+u f 1 space");
  hilum_test_xdotool ("type --delay 40 'a.'");
  hilum_test_wait_until (text_is, &wait, 5000);
  g_assert_cmpstr (finding_text (f, F1, "es"), ==, wait.text);
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F1);

  /* Ctrl+Z is not the field's: it reaches the window (here: nobody), text unchanged. */
  hilum_test_xdotool ("key ctrl+z");
  g_assert_true (text_is (&wait));
  {
    g_autofree char *shown = view_text (es);

    g_assert_cmpstr (shown, ==, "Cardiomegalia leve, pequeña.");
  }

  /* Tab goes on to the English sentence. */
  hilum_test_xdotool ("key Tab");
  g_assert_true (focus_widget (f) == GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F1), "en")));

  /* Alt+Down: the next finding shown, ready to type. */
  hilum_test_xdotool ("key alt+Down");
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F3);
  g_assert_true (focus_widget (f) == GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F3), "es")));

  /* Alt+Shift+Up: moved up in its group, over the negative finding. */
  hilum_test_xdotool ("key alt+shift+Up");
  order = document_order (f);
  g_assert_cmpstr (order, ==, F3 " " F1 " " F2 " " F4 " " F5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (hilum_finding_row_get_text_view (row_of (f, F3), "es"))));

  /* Ctrl+Return in a sentence adds a finding after it instead of a new line. */
  hilum_test_xdotool ("key ctrl+Return");
  g_assert_cmpuint (hilum_document_get_n_findings (f->document), ==, 6);
  added = hilum_finding_get_id (hilum_document_get_finding (f->document, 1));
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, added);
  g_assert_cmpstr (finding_text (f, F3, "es"), ==,
                   "Pequeña atelectasia laminar en la base pulmonar derecha.");
  hilum_test_xdotool ("type --delay 40 'Hilio izquierdo'");
  wait = (TextWait) { f, added, "es", "Hilio izquierdo" };
  g_assert_true (hilum_test_wait_until (text_is, &wait, 5000));

  /* Alt+Up twice: back to the first finding shown. */
  hilum_test_xdotool ("key alt+Up alt+Up");
  g_assert_cmpstr (hilum_report_panel_get_selected_finding_id (f->panel), ==, F3);

  /* The polarity of finding F4 from its dropdown, by keys: it joins the negatives. */
  gtk_widget_grab_focus (GTK_WIDGET (hilum_finding_row_get_polarity (row_of (f, F4))));
  hilum_test_xdotool ("key space");
  hilum_test_xdotool ("key Down");
  hilum_test_xdotool ("key Return");
  hilum_test_iterate_for (200);
  g_assert_cmpstr (hilum_finding_get_polarity (hilum_document_find_finding (f->document, F4, NULL)),
                   ==, "negative");
  assert_group (f, "negative", F2 " " F4 " " F5);
}

/* A realistic report at the width it has beside the images; HILUM_TEST_SHOT=FILE.png
 * keeps the picture to look at. The badge shows the box layer's colour. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HilumTestShot) shot = NULL;
  HilumFindingRow *row = row_of (f, F1);
  GtkWidget *badge = row_badge (row);
  const char *path = g_getenv ("HILUM_TEST_SHOT");
  graphene_point_t point;
  double red, green, blue;
  const guint8 *p;

  hilum_report_panel_set_selected_finding_id (f->panel, F3);
  shot = hilum_test_render (GTK_WIDGET (f->panel));
  g_assert_cmpint (shot->width, ==, 420);

  g_assert_true (gtk_widget_compute_point (badge, GTK_WIDGET (f->panel),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (badge) / 2.0,
                                                                 2),
                                           &point));
  p = shot->pixels + (gsize) point.y * shot->stride + (gsize) point.x * 4;
  hilum_finding_color_get (0, &red, &green, &blue);
  g_assert_cmpint (ABS (p[2] - (int) (red * 255)), <=, 2);
  g_assert_cmpint (ABS (p[1] - (int) (green * 255)), <=, 2);
  g_assert_cmpint (ABS (p[0] - (int) (blue * 255)), <=, 2);

  if (path != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (shot->pixels, shot->stride * shot->height);
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (shot->width, shot->height,
                                                              GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                                              bytes, shot->stride);

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
}

int
main (int   argc,
      char *argv[])
{
  char *root;
  int ret;

  root = hilum_test_isolate_xdg ();
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* The input method every GTK has, whatever the machine: Ctrl+Shift+U for ñ. */
  g_setenv ("GTK_IM_MODULE", "gtk-im-context-simple", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* What the application loads: the panel's look is part of what is tested. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/hilum/Hilum/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/hilum/report-panel/groups", Fixture, NULL,
              fixture_setup, test_groups, fixture_teardown);
  g_test_add ("/hilum/report-panel/typing-and-undo", Fixture, NULL,
              fixture_setup, test_typing_and_undo, fixture_teardown);
  g_test_add_func ("/hilum/report-panel/typing-with-store", test_typing_with_store);
  g_test_add ("/hilum/report-panel/polarity", Fixture, NULL,
              fixture_setup, test_polarity, fixture_teardown);
  g_test_add ("/hilum/report-panel/progression", Fixture, NULL,
              fixture_setup, test_progression, fixture_teardown);
  g_test_add ("/hilum/report-panel/add-remove-move", Fixture, NULL,
              fixture_setup, test_add_remove_move, fixture_teardown);
  g_test_add ("/hilum/report-panel/selection", Fixture, NULL,
              fixture_setup, test_selection, fixture_teardown);
  g_test_add ("/hilum/report-panel/scroll-to-selected", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_scroll_to_selected, fixture_teardown);
  g_test_add ("/hilum/report-panel/study-fields", Fixture, NULL,
              fixture_setup, test_study_fields, fixture_teardown);
  g_test_add ("/hilum/report-panel/narrower", Fixture, NULL,
              fixture_setup, test_narrower, fixture_teardown);
  g_test_add ("/hilum/report-panel/translator", Fixture, GINT_TO_POINTER (1),
              fixture_setup, test_translator, fixture_teardown);
  g_test_add ("/hilum/report-panel/tab-order", Fixture, NULL,
              fixture_setup, test_tab_order, fixture_teardown);
  g_test_add ("/hilum/report-panel/keys", Fixture, NULL,
              fixture_setup, test_keys, fixture_teardown);
  g_test_add ("/hilum/report-panel/screenshot", Fixture, NULL,
              fixture_setup, test_screenshot, fixture_teardown);

  ret = g_test_run ();
  g_free (root);
  return ret;
}

