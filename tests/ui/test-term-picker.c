/* test-term-picker.c — choosing PadChest labels and locations from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real window under Xvfb; the keys are real X key events sent by xdotool, so the
 * test goes through the same path as a radiologist's keyboard. With
 * HILUM_TEST_SCREENSHOT=FILE.png the screen is written to FILE.png while the list of
 * matches is open.
 */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "hilum-term-picker.h"
#include "hilum-ui-test.h"
#include "hilum-vocabulary.h"

#define WINDOW_TITLE "Term picker test"

typedef struct
{
  GtkWidget       *window;
  HilumTermPicker *picker;
  GtkWidget       *after;      /* a button after the picker, for Tab */
  guint            changes;
  char           **last;       /* the terms of the last "terms-changed" */
} Fixture;

static void
terms_changed_cb (HilumTermPicker  *picker,
                  char            **terms,
                  Fixture          *fixture)
{
  fixture->changes++;
  g_strfreev (fixture->last);
  fixture->last = g_strdupv (terms);
}

#define WAIT_UNTIL(cond) G_STMT_START {                                     \
    gint64 deadline__ = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;       \
    while (!(cond) && g_get_monotonic_time () < deadline__)                 \
      {                                                                     \
        g_main_context_iteration (NULL, FALSE);                             \
        g_usleep (1000);                                                    \
      }                                                                     \
    g_assert_true (cond);                                                   \
  } G_STMT_END

/* Clicks the middle of @widget with the real pointer. */
static void
click_widget (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *args = NULL;
  double x, y, sx, sy;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0,
                                                   &x, &y));
  /* Widget coordinates of a native start inside its surface's shadow margin. */
  gtk_native_get_surface_transform (native, &sx, &sy);
  args = g_strdup_printf ("mousemove --window %lu %d %d click 1",
                          (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                          (int) (x + sx), (int) (y + sy));
  hilum_test_xdotool (args);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static GtkPopover *
picker_popover (Fixture *fixture)
{
  return GTK_POPOVER (find_descendant (GTK_WIDGET (fixture->picker), GTK_TYPE_POPOVER));
}

static gboolean
popover_shown (Fixture *fixture)
{
  return gtk_widget_get_visible (GTK_WIDGET (picker_popover (fixture)));
}

/* The text of the first label of @widget: a chip's or a row's shown name. */
static const char *
first_label (GtkWidget *widget)
{
  GtkWidget *label = find_descendant (widget, GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static GtkListBoxRow *
match_row (Fixture *fixture,
           int      index)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (picker_popover (fixture)), GTK_TYPE_LIST_BOX);

  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
}

static const char *
selected_match (Fixture *fixture)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (picker_popover (fixture)), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (list));

  return row ? first_label (GTK_WIDGET (row)) : NULL;
}

static guint
n_matches (Fixture *fixture)
{
  guint n = 0;

  while (match_row (fixture, n) != NULL)
    n++;
  return n;
}

/* The chips, in order. */
static GPtrArray *
chips (Fixture *fixture)
{
  GtkWidget *flow = find_descendant (GTK_WIDGET (fixture->picker), GTK_TYPE_FLOW_BOX);
  GPtrArray *buttons = g_ptr_array_new ();
  GtkFlowBoxChild *cell;

  for (int i = 0; (cell = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (flow), i)) != NULL; i++)
    g_ptr_array_add (buttons, gtk_flow_box_child_get_child (cell));
  return buttons;
}

static void
assert_terms (const char * const *terms,
              const char         *expected)
{
  g_autofree char *joined = g_strjoinv ("|", (char **) terms);

  g_assert_cmpstr (joined, ==, expected);
}

static const char *
entry_text (Fixture *fixture)
{
  return gtk_editable_get_text (GTK_EDITABLE (hilum_term_picker_get_entry (fixture->picker)));
}

static GtkWidget *
focus_widget (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), WINDOW_TITLE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 460, 420);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  fixture->picker = HILUM_TERM_PICKER (hilum_term_picker_new (HILUM_VOCABULARY_LABELS));
  g_object_ref (fixture->picker);
  hilum_term_picker_set_language (fixture->picker, "es");
  g_signal_connect (fixture->picker, "terms-changed", G_CALLBACK (terms_changed_cb), fixture);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->picker));
  fixture->after = gtk_button_new_with_label ("After");
  gtk_widget_set_valign (fixture->after, GTK_ALIGN_END);
  gtk_widget_set_vexpand (fixture->after, TRUE);
  gtk_box_append (GTK_BOX (box), fixture->after);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);

  g_object_ref (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (fixture->window));
  hilum_test_iterate_for (200);
  /* No window manager under Xvfb: give the window the X input focus ourselves. */
  hilum_test_xdotool ("search --sync --onlyvisible --name '^" WINDOW_TITLE "$' windowfocus --sync");
  WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (fixture->window)));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->picker));
  WAIT_UNTIL (gtk_widget_has_focus (find_descendant (hilum_term_picker_get_entry (fixture->picker),
                                                     GTK_TYPE_TEXT)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->picker);
  g_strfreev (fixture->last);
}

/* Type, see the matches, Enter adds; the chip is in Spanish, the document key English. */
static void
test_type_and_pick (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = NULL;
  const char *screenshot = g_getenv ("HILUM_TEST_SCREENSHOT");

  g_assert_false (popover_shown (fixture));
  hilum_test_xdotool ("type --delay 40 neumot");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "neumot") && popover_shown (fixture));
  g_assert_cmpstr (entry_text (fixture), ==, "neumot");
  g_assert_cmpstr (first_label (GTK_WIDGET (match_row (fixture, 0))), ==, "neumotórax");
  g_assert_cmpstr (selected_match (fixture), ==, "neumotórax");
  /* The focus stayed in the entry while the list opened. */
  g_assert_true (gtk_widget_is_ancestor (focus_widget (fixture), hilum_term_picker_get_entry (fixture->picker)));

  hilum_test_xdotool ("key Return");
  WAIT_UNTIL (fixture->changes == 1);
  assert_terms ((const char * const *) fixture->last, "pneumothorax");
  assert_terms (hilum_term_picker_get_terms (fixture->picker), "pneumothorax");
  g_assert_false (popover_shown (fixture));
  g_assert_cmpstr (entry_text (fixture), ==, "");

  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_cmpstr (first_label (buttons->pdata[0]), ==, "neumotórax");
  gtk_test_accessible_assert_property (buttons->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove neumotórax");
  g_clear_pointer (&buttons, g_ptr_array_unref);

  /* English words while the UI is in Spanish; Down moves to the second match. */
  hilum_test_xdotool ("type --delay 40 effusion");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "effusion") && popover_shown (fixture));
  g_assert_cmpstr (selected_match (fixture), ==, "derrame pleural");
  g_assert_cmpuint (n_matches (fixture), ==, 4);
  hilum_test_xdotool ("key Down");
  WAIT_UNTIL (g_strcmp0 (selected_match (fixture), "derrame pericárdico") == 0);
  hilum_test_xdotool ("key Down Down Up");
  WAIT_UNTIL (g_strcmp0 (selected_match (fixture), "derrame pleural loculado") == 0);
  hilum_test_xdotool ("key Up");
  WAIT_UNTIL (g_strcmp0 (selected_match (fixture), "derrame pericárdico") == 0);
  hilum_test_xdotool ("key Return");
  WAIT_UNTIL (fixture->changes == 2);
  assert_terms ((const char * const *) fixture->last, "pneumothorax|pericardial effusion");

  /* A chosen term is not offered again. */
  hilum_test_xdotool ("type --delay 40 derrame");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "derrame") && popover_shown (fixture));
  g_assert_cmpuint (n_matches (fixture), ==, 3);
  g_assert_cmpstr (selected_match (fixture), ==, "derrame pleural");

  if (screenshot != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s", screenshot);

      hilum_test_iterate_for (500);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  /* Escape closes the list and keeps the text. */
  hilum_test_xdotool ("key Escape");
  WAIT_UNTIL (!popover_shown (fixture));
  g_assert_cmpstr (entry_text (fixture), ==, "derrame");
  g_assert_cmpuint (fixture->changes, ==, 2);

  /* An unknown word matches nothing, and Enter adds nothing. */
  hilum_test_xdotool ("type --delay 40 xq");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "derramexq") && popover_shown (fixture));
  g_assert_cmpstr (first_label (GTK_WIDGET (match_row (fixture, 0))), ==, "No PadChest term matches");
  g_assert_null (selected_match (fixture));
  hilum_test_xdotool ("key Return");
  g_assert_cmpuint (fixture->changes, ==, 2);
}

/* Removing chips from the keyboard: Backspace in the empty entry, Shift+Tab + Space. */
static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  const char *start[] = { "cardiomegaly", "pleural effusion", "costophrenic angle blunting", NULL };
  g_autoptr(GPtrArray) buttons = NULL;

  /* Setting the terms is not a user edit: no "terms-changed". */
  hilum_term_picker_set_terms (fixture->picker, start);
  g_assert_cmpuint (fixture->changes, ==, 0);
  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 3);
  g_assert_cmpstr (first_label (buttons->pdata[0]), ==, "cardiomegalia");
  g_assert_cmpstr (first_label (buttons->pdata[2]), ==, "pinzamiento del seno costofrénico");
  gtk_test_accessible_assert_property (buttons->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove cardiomegalia");
  g_clear_pointer (&buttons, g_ptr_array_unref);

  hilum_test_xdotool ("key BackSpace");
  WAIT_UNTIL (fixture->changes == 1);
  assert_terms ((const char * const *) fixture->last, "cardiomegaly|pleural effusion");

  /* Back from the entry to the last chip, Space removes it, the focus stays on a chip. */
  hilum_test_xdotool ("key shift+Tab");
  buttons = chips (fixture);
  WAIT_UNTIL (focus_widget (fixture) == buttons->pdata[1]);
  g_clear_pointer (&buttons, g_ptr_array_unref);
  hilum_test_xdotool ("key space");
  WAIT_UNTIL (fixture->changes == 2);
  assert_terms ((const char * const *) fixture->last, "cardiomegaly");
  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_true (focus_widget (fixture) == buttons->pdata[0]);
  g_clear_pointer (&buttons, g_ptr_array_unref);

  /* The last chip: the focus goes back to the entry, ready to type. */
  hilum_test_xdotool ("key Return");
  WAIT_UNTIL (fixture->changes == 3);
  assert_terms ((const char * const *) fixture->last, "");
  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 0);
  g_clear_pointer (&buttons, g_ptr_array_unref);
  g_assert_true (gtk_widget_is_ancestor (focus_widget (fixture), hilum_term_picker_get_entry (fixture->picker)));

  /* Tab leaves the picker for the next widget. */
  hilum_test_xdotool ("key Tab");
  WAIT_UNTIL (focus_widget (fixture) == fixture->after);
}

/* Locations, browsing with Down, the language, and unknown imported terms. */
static void
test_locations_language (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *imported[] = { "left lower lobe", "loc hilar", "weird imported place", NULL };
  g_autoptr(GPtrArray) buttons = NULL;

  hilum_term_picker_set_tree (fixture->picker, HILUM_VOCABULARY_LOCATIONS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hilum_term_picker_get_entry (fixture->picker))), ==, "");

  /* Down in the empty entry lists the locations alphabetically. */
  hilum_test_xdotool ("key Down");
  WAIT_UNTIL (popover_shown (fixture));
  g_assert_cmpstr (selected_match (fixture), ==, "ambos senos costofrénicos");
  g_assert_cmpuint (n_matches (fixture), ==, 50);
  hilum_test_xdotool ("key Escape");
  WAIT_UNTIL (!popover_shown (fixture));

  /* Words without accents, in any order; labels are not offered. */
  hilum_test_xdotool ("type --delay 40 'izq inf'");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "izq inf") && popover_shown (fixture));
  g_assert_cmpstr (selected_match (fixture), ==, "lóbulo inferior izquierdo");
  g_assert_cmpuint (n_matches (fixture), ==, 1);
  hilum_test_xdotool ("key KP_Enter");
  WAIT_UNTIL (fixture->changes == 1);
  assert_terms ((const char * const *) fixture->last, "left lower lobe");

  hilum_term_picker_set_terms (fixture->picker, imported);
  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 3);
  g_assert_cmpstr (first_label (buttons->pdata[0]), ==, "lóbulo inferior izquierdo");
  g_assert_cmpstr (first_label (buttons->pdata[1]), ==, "hiliar");
  g_assert_cmpstr (first_label (buttons->pdata[2]), ==, "weird imported place");
  g_clear_pointer (&buttons, g_ptr_array_unref);
  /* The document keeps what it had, prefix and all. */
  assert_terms (hilum_term_picker_get_terms (fixture->picker), "left lower lobe|loc hilar|weird imported place");

  hilum_term_picker_set_language (fixture->picker, "en");
  buttons = chips (fixture);
  g_assert_cmpstr (first_label (buttons->pdata[0]), ==, "left lower lobe");
  g_assert_cmpstr (first_label (buttons->pdata[1]), ==, "hilar");
  gtk_test_accessible_assert_property (buttons->pdata[1], GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove hilar");
  g_assert_cmpuint (fixture->changes, ==, 1);
}

/* The mouse: a click on a match adds it, a click on a chip removes it. */
static void
test_mouse (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = NULL;

  hilum_test_xdotool ("type --delay 40 cardio");
  WAIT_UNTIL (g_str_equal (entry_text (fixture), "cardio") && popover_shown (fixture));
  g_assert_cmpstr (first_label (GTK_WIDGET (match_row (fixture, 0))), ==, "cardiomegalia");
  hilum_test_iterate_for (200);
  click_widget (GTK_WIDGET (match_row (fixture, 0)));
  WAIT_UNTIL (fixture->changes == 1);
  assert_terms ((const char * const *) fixture->last, "cardiomegaly");
  g_assert_false (popover_shown (fixture));
  /* Typing goes on in the entry after the click. */
  g_assert_true (gtk_widget_is_ancestor (focus_widget (fixture), hilum_term_picker_get_entry (fixture->picker)));

  hilum_test_iterate_for (200);
  buttons = chips (fixture);
  g_assert_cmpuint (buttons->len, ==, 1);
  click_widget (buttons->pdata[0]);
  WAIT_UNTIL (fixture->changes == 2);
  assert_terms ((const char * const *) fixture->last, "");
}

/* Properties round-trip, and the default language follows the locale (C here: English). */
static void
test_properties (void)
{
  GtkWidget *picker = hilum_term_picker_new (HILUM_VOCABULARY_LOCATIONS);
  const char *terms[] = { "hilar", NULL };
  g_auto(GStrv) got = NULL;
  HilumVocabularyTree tree;
  g_autofree char *language = NULL;

  g_object_ref_sink (picker);
  g_object_set (picker, "terms", terms, NULL);
  g_object_get (picker, "terms", &got, "tree", &tree, "language", &language, NULL);
  assert_terms ((const char * const *) got, "hilar");
  g_assert_cmpuint (tree, ==, HILUM_VOCABULARY_LOCATIONS);
  g_assert_cmpstr (language, ==, "en");
  g_assert_finalize_object (picker);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend: no bus, and accessible names can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hilum/term-picker/properties", test_properties);
  g_test_add ("/hilum/term-picker/type-and-pick", Fixture, NULL,
              fixture_setup, test_type_and_pick, fixture_teardown);
  g_test_add ("/hilum/term-picker/mouse", Fixture, NULL,
              fixture_setup, test_mouse, fixture_teardown);
  g_test_add ("/hilum/term-picker/remove", Fixture, NULL,
              fixture_setup, test_remove, fixture_teardown);
  g_test_add ("/hilum/term-picker/locations-language", Fixture, NULL,
              fixture_setup, test_locations_language, fixture_teardown);

  return g_test_run ();
}
