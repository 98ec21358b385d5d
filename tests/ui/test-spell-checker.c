/* test-spell-checker.c — spelling as you type in the sentence fields: the underline,
 * the word being typed, the context menu's suggestions, Add to Dictionary and Ignore All,
 * English and Spanish, and the report panel's two fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real windows under Xvfb; the dictionaries are the installed hunspell ones with Hilum's
 * word lists (HILUM_DATADIR), the personal dictionary the test's own XDG_DATA_HOME.
 */
#include <adwaita.h>

#include "hilum-finding-row.h"
#include "hilum-report-panel.h"
#include "hilum-session.h"
#include "hilum-spell-checker.h"

#include "hilum-ui-test.h"

typedef struct
{
  GtkWidget   *window;
  GtkTextView *view;
} Field;

static Field
field_new (const char *lang,
           const char *text)
{
  Field f;

  f.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f.window), 420, 120);
  f.view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (f.view, GTK_WRAP_WORD_CHAR);
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.view));
  hilum_spell_checker_attach (f.view, lang);
  gtk_window_present (GTK_WINDOW (f.window));
  hilum_test_wait_for_paint (GTK_WIDGET (f.view));
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (f.view), text, -1);
  hilum_test_iterate_for (50);
  return f;
}

static void
field_destroy (Field *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  hilum_test_iterate_for (20);
}

/* The underlined stretches, as "start-end:word start-end:word", in characters. */
static char *
underlined (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "hilum-misspelled");
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      GtkTextIter end = iter;
      g_autofree char *word = NULL;

      if (!gtk_text_iter_starts_tag (&iter, tag))
        continue;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      word = gtk_text_iter_get_text (&iter, &end);
      g_string_append_printf (out, "%s%d-%d:%s", out->len > 0 ? " " : "",
                              gtk_text_iter_get_offset (&iter), gtk_text_iter_get_offset (&end),
                              word);
      iter = end;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_underlined (GtkTextView *view,
                   const char  *expected)
{
  g_autofree char *got = NULL;

  hilum_test_iterate_for (30);
  got = underlined (view);
  g_assert_cmpstr (got, ==, expected);
}

static void
collect_labels (GMenuModel *model,
                GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (out, "%s|", label);
      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        collect_labels (section, out);
    }
}

/* The extra menu's labels, "a|b|c|". */
static char *
menu_labels (GtkTextView *view)
{
  GString *out = g_string_new (NULL);

  collect_labels (gtk_text_view_get_extra_menu (view), out);
  return g_string_free (out, FALSE);
}

static gboolean
suggestions_arrived (gpointer view)
{
  return !hilum_spell_checker_is_suggesting (hilum_spell_checker_get_for_view (view));
}

/* A right-click on the character at @offset, through the view's own secondary-button
 * gesture that the checker added. */
static void
right_click_at (GtkTextView *view,
                int          offset)
{
  GtkEventController *click = hilum_test_find_controller (view, GTK_TYPE_GESTURE_CLICK,
                                                          GDK_BUTTON_SECONDARY);
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + 2, rect.y + rect.height / 2, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, (double) x, (double) y);
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
test_underline (void)
{
  Field f = field_new ("es", "Neumotorax en base derecha.");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (f.view);
  HilumSpellChecker *checker = hilum_spell_checker_get_for_view (f.view);
  gint64 start;
  guint n = 200;

  assert_underlined (f.view, "0-10:Neumotorax");

  /* After an accented word, offsets are still characters, not bytes. */
  gtk_text_buffer_set_text (buffer, "Pequeño neumotórax en bsae derecha.", -1);
  assert_underlined (f.view, "22-26:bsae");

  /* What a keystroke costs: the whole sentence checked again. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    hilum_spell_checker_recheck (checker);
  g_test_message ("one check of a %d-character sentence: %.3f ms",
                  gtk_text_buffer_get_char_count (buffer),
                  (g_get_monotonic_time () - start) / 1000.0 / n);

  /* Typing a new sentence letter by letter: each prefix is new text to the speller. */
  {
    const char *sentence = "Opacidad alveolar en lóbulo inferior izquierdo sugestiva de neumonía.";
    gint64 spent = 0;
    glong length = g_utf8_strlen (sentence, -1);

    for (glong i = 1; i <= length; i++)
      {
        g_autofree char *prefix = g_utf8_substring (sentence, 0, i);

        gtk_text_buffer_set_text (buffer, prefix, -1);
        start = g_get_monotonic_time ();
        hilum_spell_checker_recheck (checker);
        spent += g_get_monotonic_time () - start;
      }
    g_test_message ("typing a %ld-character sentence: %.3f ms a keystroke on average",
                    length, spent / 1000.0 / length);
  }
  field_destroy (&f);
}

/* The word at the cursor is left alone while it is typed; a space ends it. */
static void
test_typing (void)
{
  Field f = field_new ("es", "Neumotorax en base derecha.");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (f.view);
  GtkTextIter end;

  assert_underlined (f.view, "0-10:Neumotorax");
  gtk_widget_grab_focus (GTK_WIDGET (f.view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  hilum_test_iterate_for (100);

  /* Real key events: a misspelled word half typed is not flagged yet. */
  hilum_test_xdotool ("type --delay 20 ' Sin drrame'");
  {
    g_autofree char *text = view_text (f.view);

    g_assert_cmpstr (text, ==, "Neumotorax en base derecha. Sin drrame");
  }
  assert_underlined (f.view, "0-10:Neumotorax");
  /* Punctuation after it: now it is. */
  hilum_test_xdotool ("type --delay 20 '.'");
  assert_underlined (f.view, "0-10:Neumotorax 32-38:drrame");

  /* Typing at the cursor the way an input method does; the cursor leaving the word. */
  gtk_text_buffer_insert_interactive_at_cursor (buffer, " Plerual", -1, TRUE);
  assert_underlined (f.view, "0-10:Neumotorax 32-38:drrame");
  gtk_text_buffer_get_start_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  assert_underlined (f.view, "0-10:Neumotorax 32-38:drrame 40-47:Plerual");

  /* Fixing a word by hand takes its underline away. */
  gtk_text_buffer_set_text (buffer, "Neumotórax en base derecha.", -1);
  assert_underlined (f.view, "");
  field_destroy (&f);
}

static void
test_menu (void)
{
  Field f = field_new ("es", "Neumotorax en base derecha.");
  g_autofree char *looking = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *text = NULL;

  assert_underlined (f.view, "0-10:Neumotorax");

  /* On a correct word: nothing of ours in the menu. */
  right_click_at (f.view, 15);
  plain = menu_labels (f.view);
  g_assert_cmpstr (plain, ==, "");

  right_click_at (f.view, 4);
  /* The menu opens at once; the suggestions come from a worker thread. */
  looking = menu_labels (f.view);
  g_assert_cmpstr (looking, ==, "Looking for suggestions…|Add to Dictionary|Ignore All|");
  g_assert_true (hilum_test_wait_until (suggestions_arrived, f.view, 5000));
  labels = menu_labels (f.view);
  g_test_message ("menu: %s", labels);
  g_assert_true (g_str_has_prefix (labels, "Neumotórax|"));
  g_assert_true (g_str_has_suffix (labels, "|Add to Dictionary|Ignore All|"));
  {
    g_auto(GStrv) items = g_strsplit (labels, "|", -1);

    /* at most 6 suggestions, the two commands and the empty tail */
    g_assert_cmpuint (g_strv_length (items), <=, 6 + 2 + 1);
  }

  /* The menu's own item, as a click on it activates it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spell.replace", "s",
                                             "Neumotórax"));
  text = view_text (f.view);
  g_assert_cmpstr (text, ==, "Neumotórax en base derecha.");
  assert_underlined (f.view, "");
  field_destroy (&f);
}

/* The keyboard's way to the menu: Shift+F10 on the word at the cursor. */
static void
test_menu_key (void)
{
  Field f = field_new ("es", "Derrame plerual izquierdo.");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (f.view);
  g_autofree char *labels = NULL;
  GtkTextIter iter;

  assert_underlined (f.view, "8-15:plerual");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 10);
  gtk_text_buffer_place_cursor (buffer, &iter);
  hilum_test_press_key (f.view, GDK_KEY_F10, GDK_SHIFT_MASK);
  g_assert_true (hilum_test_wait_until (suggestions_arrived, f.view, 5000));
  labels = menu_labels (f.view);
  g_test_message ("menu: %s", labels);
  g_assert_nonnull (strstr (labels, "pleural|"));
  g_assert_true (g_str_has_suffix (labels, "|Add to Dictionary|Ignore All|"));
  field_destroy (&f);
}

/* Ignore All and Add to Dictionary reach every field of the language, not the others. */
static void
test_ignore_and_add (void)
{
  Field a = field_new ("es", "Cardiomegalya leve. Aorta prominentte.");
  Field b = field_new ("es", "Sin cardiomegalya. Aorta prominentte.");
  Field en = field_new ("en", "Cardiomegalya.");

  assert_underlined (a.view, "0-13:Cardiomegalya 26-37:prominentte");
  assert_underlined (b.view, "4-17:cardiomegalya 25-36:prominentte");
  assert_underlined (en.view, "0-13:Cardiomegalya");

  right_click_at (a.view, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.view), "spell.ignore", NULL));
  assert_underlined (a.view, "26-37:prominentte");
  /* hunspell knows a capitalised word from its lower-case form, not the other way. */
  assert_underlined (en.view, "0-13:Cardiomegalya");

  right_click_at (b.view, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (b.view), "spell.add", NULL));
  assert_underlined (a.view, "");
  assert_underlined (b.view, "4-17:cardiomegalya");
  assert_underlined (en.view, "0-13:Cardiomegalya");

  field_destroy (&a);
  field_destroy (&b);
  field_destroy (&en);
}

static void
test_english (void)
{
  Field f = field_new ("en", "Small right pnuemothorax.");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (f.view);

  assert_underlined (f.view, "12-24:pnuemothorax");
  gtk_text_buffer_set_text (buffer, "Small right pneumothorax.", -1);
  assert_underlined (f.view, "");
  /* The Spanish word is wrong in English. */
  gtk_text_buffer_set_text (buffer, "Small right neumotórax.", -1);
  assert_underlined (f.view, "12-22:neumotórax");
  field_destroy (&f);
}

static void
test_numbers_and_abbreviations (void)
{
  Field es = field_new ("es", "Sonda SNG a 3 cm de la tráquea; nódulo de 2,5 cm en LSD (10%).");
  Field en = field_new ("en", "PA and lateral views; ETT 4 cm above the carina, 3x4 mm nodule.");

  assert_underlined (es.view, "");
  assert_underlined (en.view, "");
  field_destroy (&es);
  field_destroy (&en);
}

/* The report panel's row: each field in its own language. HILUM_TEST_SHOT=PREFIX keeps
 * PREFIX-fields.png and PREFIX-menu.png (the open menu) to look at. */
static void
test_finding_row (void)
{
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(HilumSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("HILUM_TEST_SHOT");
  HilumReportPanel *panel;
  HilumFindingRow *row;
  GtkTextView *es, *en;
  GtkWidget *window;

  document = hilum_document_new_from_string (
    "{\"schema\": \"hilum-study/1\","
    " \"study\": {\"study_id\": \"s1\", \"status\": \"in_progress\"},"
    " \"images\": [], \"readers\": [{\"reader_id\": \"r1\", \"name\": \"Ana\", \"role\": \"reader\"}],"
    " \"findings\": ["
    "  {\"finding_id\": \"f1\", \"polarity\": \"positive\","
    "   \"text\": {\"en\": \"Small right pnuemothorax.\", \"es\": \"Pequeño neumotorax derecho.\"},"
    "   \"labels\": [\"pneumothorax\"], \"locations\": [\"right\"], \"annotations\": []},"
    "  {\"finding_id\": \"f2\", \"polarity\": \"negative\","
    "   \"text\": {\"en\": \"No pleural effusion.\", \"es\": \"Sin derrame pleural.\"}}"
    " ]}", -1, &error);
  g_assert_no_error (error);
  session = hilum_session_new (NULL, document, "r1", "Ana", HILUM_READER_ROLE_READER);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 600);
  panel = HILUM_REPORT_PANEL (hilum_report_panel_new ());
  hilum_report_panel_set_language_first (panel, "es");
  hilum_report_panel_set_session (panel, session);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  hilum_test_wait_for_paint (GTK_WIDGET (panel));

  row = HILUM_FINDING_ROW (hilum_report_panel_get_row (panel, "f1"));
  es = hilum_finding_row_get_text_view (row, "es");
  en = hilum_finding_row_get_text_view (row, "en");
  g_assert_cmpstr (hilum_spell_checker_get_language (hilum_spell_checker_get_for_view (es)),
                   ==, "es");
  assert_underlined (es, "8-18:neumotorax");
  assert_underlined (en, "12-24:pnuemothorax");
  if (path != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s-fields.png", path);

      hilum_test_iterate_for (300);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  /* A suggestion chosen in the menu is an edit of the document. */
  right_click_at (es, 10);
  g_assert_true (hilum_test_wait_until (suggestions_arrived, es, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (es), "spell.replace", "s",
                                             "neumotórax"));
  hilum_test_iterate_for (50);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (
                     hilum_session_get_document (session), "f1", NULL), "es"),
                   ==, "Pequeño neumotórax derecho.");
  assert_underlined (es, "");
  assert_underlined (en, "12-24:pnuemothorax");
  /* One step to undo, as the user did one thing. */
  g_assert_true (hilum_session_undo (session, &error));
  g_assert_no_error (error);
  hilum_test_iterate_for (50);
  g_assert_cmpstr (hilum_finding_get_text (hilum_document_find_finding (
                     hilum_session_get_document (session), "f1", NULL), "es"),
                   ==, "Pequeño neumotorax derecho.");
  assert_underlined (es, "8-18:neumotorax");
  g_assert_true (hilum_session_redo (session, &error));
  g_assert_no_error (error);
  assert_underlined (es, "");

  if (path != NULL)
    {
      /* The picture to look at: the open menu on the English word. */
      g_autofree char *command = NULL;

      gtk_widget_grab_focus (GTK_WIDGET (en));
      right_click_at (en, 15);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (en), "menu.popup", NULL));
      g_assert_true (hilum_test_wait_until (suggestions_arrived, en, 5000));
      hilum_test_iterate_for (500);
      command = g_strdup_printf ("import -window root %s-menu.png", path);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  hilum_test_iterate_for (20);
}

int
main (int   argc,
      char *argv[])
{
  char *root;
  int ret;

  root = hilum_test_isolate_xdg ();
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GTK_IM_MODULE", "gtk-im-context-simple", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hilum/spell-checker/underline", test_underline);
  g_test_add_func ("/hilum/spell-checker/typing", test_typing);
  g_test_add_func ("/hilum/spell-checker/menu", test_menu);
  g_test_add_func ("/hilum/spell-checker/menu-key", test_menu_key);
  g_test_add_func ("/hilum/spell-checker/ignore-and-add", test_ignore_and_add);
  g_test_add_func ("/hilum/spell-checker/english", test_english);
  g_test_add_func ("/hilum/spell-checker/numbers-and-abbreviations",
                   test_numbers_and_abbreviations);
  g_test_add_func ("/hilum/spell-checker/finding-row", test_finding_row);

  ret = g_test_run ();
  g_free (root);
  return ret;
}
