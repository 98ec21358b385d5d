/* hilum-spell-checker.c — spell checking as you type in a GtkTextView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-spell-checker"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-spell.h"
#include "hilum-spell-checker.h"

#define TAG_NAME "hilum-misspelled"
#define MAX_SUGGESTIONS 6

struct _HilumSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;          /* owns us; NULL once detached */
  GtkTextBuffer *buffer;
  GtkTextTag    *tag;
  char          *lang;
  guint          idle_id;

  /* The word being typed is not flagged until the cursor leaves it. */
  guint          user_action_depth;
  gboolean       typing;

  /* Misspellings of the last check (HilumMisspelling), for the context menu. */
  GPtrArray     *misspellings;

  GMenu         *menu;          /* the view's extra menu */
  GMenu         *section;       /* its suggestions, filled for the word clicked */
  GMenu         *commands;      /* Add to Dictionary, Ignore All */
  GSimpleActionGroup *actions;
  GtkTextMark   *word_start;
  GtkTextMark   *word_end;
  char          *word;
  GCancellable  *cancellable;   /* the suggestions being looked for */
};

G_DEFINE_FINAL_TYPE (HilumSpellChecker, hilum_spell_checker, G_TYPE_OBJECT)

static void
hilum_spell_checker_finalize (GObject *object)
{
  HilumSpellChecker *self = HILUM_SPELL_CHECKER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->misspellings, g_ptr_array_unref);
  g_clear_object (&self->menu);
  g_clear_object (&self->section);
  g_clear_object (&self->commands);
  g_clear_object (&self->actions);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->word, g_free);
  g_clear_pointer (&self->lang, g_free);

  G_OBJECT_CLASS (hilum_spell_checker_parent_class)->finalize (object);
}

static void
hilum_spell_checker_class_init (HilumSpellCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_spell_checker_finalize;
}

static void
hilum_spell_checker_init (HilumSpellChecker *self)
{
  self->misspellings = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_misspelling_free);
  self->menu = g_menu_new ();
  self->section = g_menu_new ();
  self->commands = g_menu_new ();
}

/* Loading a language's dictionaries takes 20–35 ms: every view of the UI thread shares
 * one speller per language, made when first needed (a HilumSpeller is for one thread). */
static HilumSpeller *
ui_speller (const char *lang)
{
  static GHashTable *spellers;   /* lang → HilumSpeller, NULL when it has no dictionary */
  g_autoptr(GError) error = NULL;
  HilumSpeller *speller;

  if (spellers == NULL)
    spellers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) hilum_speller_free);
  if (g_hash_table_lookup_extended (spellers, lang, NULL, (gpointer *) &speller))
    return speller;

  speller = hilum_speller_new (lang, &error);
  if (speller == NULL)
    g_warning ("No spell checking in “%s”: %s", lang, error->message);
  g_hash_table_insert (spellers, g_strdup (lang), speller);
  return speller;
}

static int
cursor_offset (HilumSpellChecker *self)
{
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_get_offset (&cursor);
}

void
hilum_spell_checker_recheck (HilumSpellChecker *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  HilumSpeller *speller;
  GtkTextIter start, end;
  guint cursor;

  g_return_if_fail (HILUM_IS_SPELL_CHECKER (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->buffer == NULL)
    return;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  g_ptr_array_set_size (self->misspellings, 0);
  speller = ui_speller (self->lang);
  if (speller == NULL)
    return;

  /* A view holds one sentence: checking it whole costs well under a millisecond, and
   * the speller knows every word's context (numbers, units) only from the whole. */
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  found = hilum_speller_check_text (speller, text);
  cursor = cursor_offset (self);

  for (guint i = 0; i < found->len; i++)
    {
      HilumMisspelling *m = g_ptr_array_index (found, i);
      GtkTextIter a, b;

      if (self->typing && m->start <= cursor && cursor <= m->end)
        continue;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &a, m->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &b, m->end);
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &a, &b);
    }
  g_ptr_array_extend_and_steal (self->misspellings, g_steal_pointer (&found));
}

static gboolean
recheck_idle_cb (gpointer data)
{
  HilumSpellChecker *self = data;

  self->idle_id = 0;
  hilum_spell_checker_recheck (self);
  return G_SOURCE_REMOVE;
}

static void
queue_recheck (HilumSpellChecker *self)
{
  if (self->idle_id == 0 && self->view != NULL)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, recheck_idle_cb, self, NULL);
}

static void
begin_user_action_cb (HilumSpellChecker *self)
{
  self->user_action_depth++;
}

static void
end_user_action_cb (HilumSpellChecker *self)
{
  if (self->user_action_depth > 0)
    self->user_action_depth--;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'' || c == 0x2019 || c == '-';
}

/* Typing inside a word (a letter inserted or deleted at the cursor) keeps that word
 * unflagged; a space, punctuation or any edit elsewhere ends it. */
static void
note_edit_at (HilumSpellChecker *self,
              GtkTextIter       *location)
{
  GtkTextIter before = *location;

  self->typing = self->user_action_depth > 0
                 && gtk_text_iter_get_offset (location) == cursor_offset (self)
                 && gtk_text_iter_backward_char (&before)
                 && is_word_char (gtk_text_iter_get_char (&before));
}

static void
insert_text_after_cb (HilumSpellChecker *self,
                      GtkTextIter       *location)
{
  note_edit_at (self, location);
}

static void
delete_range_after_cb (HilumSpellChecker *self,
                       GtkTextIter       *start)
{
  note_edit_at (self, start);
}

static void
cursor_moved_cb (HilumSpellChecker *self)
{
  /* Moves while typing are the edit's own; an arrow key or a click leaves the word. */
  if (self->typing && self->user_action_depth == 0)
    {
      self->typing = FALSE;
      queue_recheck (self);
    }
}

static gboolean
recheck_soon_cb (gpointer data)
{
  queue_recheck (data);
  return G_SOURCE_REMOVE;
}

static void
notifier_changed_cb (GObject    *notifier,
                     const char *lang,
                     gpointer    data)
{
  HilumSpellChecker *self = data;

  if (g_strcmp0 (lang, self->lang) != 0)
    return;
  /* The notifier speaks from the thread that added the word; the buffer is the UI's. */
  if (g_main_context_is_owner (g_main_context_default ()))
    queue_recheck (self);
  else
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, recheck_soon_cb,
                                g_object_ref (self), g_object_unref);
}

/* The context menu */

static void
section_append_disabled (HilumSpellChecker *self,
                         const char        *label)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, "spell.none");

  g_menu_append_item (self->section, item);
}

static void
section_fill (HilumSpellChecker  *self,
              const char * const *suggestions,
              gboolean            looking)
{
  g_menu_remove_all (self->section);
  g_menu_remove_all (self->commands);
  if (self->word == NULL)
    return;

  if (looking)
    section_append_disabled (self, _("Looking for suggestions…"));
  else if (suggestions == NULL || suggestions[0] == NULL)
    section_append_disabled (self, _("No suggestions"));
  else
    for (guint i = 0; suggestions[i] != NULL && i < MAX_SUGGESTIONS; i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

        g_menu_item_set_action_and_target_value (item, "spell.replace",
                                                 g_variant_new_string (suggestions[i]));
        g_menu_append_item (self->section, item);
      }
  g_menu_append (self->commands, _("Add to Dictionary"), "spell.add");
  g_menu_append (self->commands, _("Ignore All"), "spell.ignore");
}

static void
suggest_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(HilumSpellChecker) self = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) suggestions = hilum_speller_suggest_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->view == NULL)
    return;
  if (error != NULL)
    g_debug ("No suggestions: %s", error->message);
  g_clear_object (&self->cancellable);
  /* The popover follows its model: the open menu shows them at once. */
  section_fill (self, (const char * const *) suggestions, FALSE);
}

gboolean
hilum_spell_checker_is_suggesting (HilumSpellChecker *self)
{
  g_return_val_if_fail (HILUM_IS_SPELL_CHECKER (self), FALSE);

  return self->cancellable != NULL;
}

static HilumMisspelling *
misspelling_at (HilumSpellChecker *self,
                guint              offset)
{
  for (guint i = 0; i < self->misspellings->len; i++)
    {
      HilumMisspelling *m = g_ptr_array_index (self->misspellings, i);

      if (m->start <= offset && offset <= m->end)
        return m;
    }
  return NULL;
}

void
hilum_spell_checker_prepare_menu (HilumSpellChecker *self,
                                  const GtkTextIter *iter)
{
  HilumMisspelling *m;
  GtkTextIter a, b;

  g_return_if_fail (HILUM_IS_SPELL_CHECKER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->word, g_free);

  /* The menu must describe what the user sees, typing or not. */
  self->typing = FALSE;
  if (self->buffer == NULL)
    return;
  hilum_spell_checker_recheck (self);

  m = misspelling_at (self, gtk_text_iter_get_offset (iter));
  if (m == NULL)
    {
      section_fill (self, NULL, FALSE);
      return;
    }

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, m->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, m->end);
  gtk_text_buffer_move_mark (self->buffer, self->word_start, &a);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &b);
  self->word = g_strdup (m->word);
  section_fill (self, NULL, TRUE);

  self->cancellable = g_cancellable_new ();
  hilum_speller_suggest_async (self->lang, self->word, self->cancellable, suggest_cb,
                               g_object_ref (self));
}

static void
click_pressed_cb (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  HilumSpellChecker *self)
{
  GtkTextIter iter;
  int bx, by;

  if (self->view == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  hilum_spell_checker_prepare_menu (self, &iter);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HilumSpellChecker     *self)
{
  gboolean menu_key = keyval == GDK_KEY_Menu
                      || (keyval == GDK_KEY_F10
                          && (state & GDK_SHIFT_MASK));

  if (menu_key && self->buffer != NULL)
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                        gtk_text_buffer_get_insert (self->buffer));
      hilum_spell_checker_prepare_menu (self, &cursor);
    }
  /* The view opens its menu itself. */
  return FALSE;
}

/* The word the menu was made for, if the buffer still holds it there. */
static gboolean
menu_word_bounds (HilumSpellChecker *self,
                  GtkTextIter       *start,
                  GtkTextIter       *end)
{
  g_autofree char *now = NULL;

  if (self->word == NULL || self->buffer == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
  now = gtk_text_buffer_get_text (self->buffer, start, end, FALSE);
  return g_strcmp0 (now, self->word) == 0;
}

static void
replace_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  HilumSpellChecker *self = data;
  const char *replacement = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;

  if (!menu_word_bounds (self, &start, &end))
    return;
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  self->typing = FALSE;
  hilum_spell_checker_recheck (self);
}

static void
add_activate_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  HilumSpellChecker *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *word = g_strdup (self->word);

  if (word == NULL)
    return;
  /* The notifier tells every view of the language, this one included. */
  if (!hilum_speller_add_to_personal (self->lang, word, &error))
    g_warning ("Could not add “%s” to the dictionary: %s", word, error->message);
}

static void
ignore_activate_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  HilumSpellChecker *self = data;
  g_autofree char *word = g_strdup (self->word);

  if (word != NULL)
    hilum_speller_ignore_all (self->lang, word);
}

static void
checker_detach (gpointer data)
{
  HilumSpellChecker *self = data;

  /* The view is going: pending suggestions may still hold us for a moment. */
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->view = NULL;
  g_object_unref (self);
}

HilumSpellChecker *
hilum_spell_checker_get_for_view (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), "hilum-spell-checker");
}

const char *
hilum_spell_checker_get_language (HilumSpellChecker *self)
{
  g_return_val_if_fail (HILUM_IS_SPELL_CHECKER (self), NULL);

  return self->lang;
}

HilumSpellChecker *
hilum_spell_checker_attach (GtkTextView *view,
                            const char  *lang)
{
  static const GActionEntry entries[] = {
    { "replace", replace_activate_cb, "s", NULL, NULL, { 0 } },
    { "add", add_activate_cb, NULL, NULL, NULL, { 0 } },
    { "ignore", ignore_activate_cb, NULL, NULL, NULL, { 0 } },
    { "none", NULL, NULL, NULL, NULL, { 0 } },
  };
  HilumSpellChecker *self;
  GtkGesture *click;
  GtkEventController *keys;
  GtkTextTagTable *table;
  GtkTextIter start;
  GAction *none;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  self = hilum_spell_checker_get_for_view (view);
  if (self != NULL)
    return self;

  self = g_object_new (HILUM_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->lang = g_strdup (lang);

  table = gtk_text_buffer_get_tag_table (self->buffer);
  self->tag = gtk_text_tag_table_lookup (table, TAG_NAME);
  if (self->tag == NULL)
    self->tag = gtk_text_buffer_create_tag (self->buffer, TAG_NAME,
                                            "underline", PANGO_UNDERLINE_ERROR,
                                            "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                            NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (queue_recheck), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "begin-user-action",
                           G_CALLBACK (begin_user_action_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "end-user-action",
                           G_CALLBACK (end_user_action_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (insert_text_after_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (delete_range_after_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hilum_speller_get_notifier (), "changed",
                           G_CALLBACK (notifier_changed_cb), self, 0);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  none = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (none), FALSE);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));

  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->commands));
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  /* Capture: the word is looked up before the view opens its menu on the same press. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  g_object_set_data_full (G_OBJECT (view), "hilum-spell-checker", self, checker_detach);
  queue_recheck (self);
  return self;
}
