/* hilum-term-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The popover never takes the keyboard focus: it stays in the entry, whose key
 * controller moves the selection in the list (as GtkEntryCompletion does), so typing
 * goes on while the matches change.
 */
#define G_LOG_DOMAIN "hilum-term-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-term-picker.h"

/* Enough to scroll through a short query's matches; the list scrolls beyond ~8. */
#define MAX_MATCHES 50
#define TERM_KEY    "hilum-term"
#define INDEX_KEY   "hilum-index"

struct _HilumTermPicker
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  GtkFlowBox          *chips;
  GtkSearchEntry      *entry;
  GtkPopover          *popover;
  GtkScrolledWindow   *scroller;
  GtkListBox          *list;

  HilumVocabulary     *vocabulary;
  HilumVocabularyTree  tree;
  char               **terms;
  char                *language;
};

G_DEFINE_FINAL_TYPE (HilumTermPicker, hilum_term_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TREE,
  PROP_TERMS,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  TERMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
display_name (HilumTermPicker *self,
              const char      *term)
{
  return hilum_vocabulary_display_name (self->vocabulary, term, HILUM_VOCABULARY_ALL, self->language);
}

static const char *
other_name (HilumTermPicker *self,
            const char      *term)
{
  const char *other = g_str_equal (self->language, "es") ? "en" : "es";

  return hilum_vocabulary_display_name (self->vocabulary, term, HILUM_VOCABULARY_ALL, other);
}

static void chip_clicked_cb (HilumTermPicker *self,
                             GtkButton       *button);

static GtkWidget *
make_chip (HilumTermPicker *self,
           const char      *term,
           guint            index)
{
  const char *name = display_name (self, term);
  const char *other = other_name (self, term);
  g_autofree char *accessible = NULL;
  GtkWidget *button, *box, *label, *icon;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  label = gtk_label_new (name);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "term-chip");
  if (!g_str_equal (name, other))
    gtk_widget_set_tooltip_text (button, other);
  /* TRANSLATORS: the accessible name of a label or location chip; %s is its name */
  accessible = g_strdup_printf (_("Remove %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), INDEX_KEY, GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (chip_clicked_cb), self, G_CONNECT_SWAPPED);
  return button;
}

/* Shows a chip per term; then focuses the chip at @focus (or the one before it, or
 * the entry) when @focus is not -1. */
static void
rebuild_chips (HilumTermPicker *self,
               int              focus)
{
  GtkWidget *child;
  guint n = g_strv_length (self->terms);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *chip = make_chip (self, self->terms[i], i);

      gtk_flow_box_append (self->chips, chip);
      /* Tab goes straight to the chip's button, not to the flow box cell around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips), n > 0);

  if (focus < 0)
    return;
  if (n == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  else
    {
      GtkFlowBoxChild *cell = gtk_flow_box_get_child_at_index (self->chips, MIN ((guint) focus, n - 1));

      gtk_widget_grab_focus (gtk_flow_box_child_get_child (cell));
    }
}

static void
set_terms_internal (HilumTermPicker *self,
                    char           **terms,
                    gboolean         by_user,
                    int              focus)
{
  g_strfreev (self->terms);
  self->terms = terms;
  rebuild_chips (self, focus);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERMS]);
  if (by_user)
    g_signal_emit (self, signals[TERMS_CHANGED], 0, self->terms);
}

static void
remove_at (HilumTermPicker *self,
           guint            index,
           int              focus)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (index < g_strv_length (self->terms));

  for (guint i = 0; self->terms[i]; i++)
    if (i != index)
      g_strv_builder_add (builder, self->terms[i]);
  set_terms_internal (self, g_strv_builder_end (builder), TRUE, focus);
}

static void
add_term (HilumTermPicker *self,
          const char      *term)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (self->popover);
  if (g_strv_contains ((const char * const *) self->terms, term))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) self->terms);
  g_strv_builder_add (builder, term);
  set_terms_internal (self, g_strv_builder_end (builder), TRUE, -1);
}

static void
chip_clicked_cb (HilumTermPicker *self,
                 GtkButton       *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), INDEX_KEY));

  remove_at (self, index, (int) index);
}

static GtkWidget *
make_row (HilumTermPicker           *self,
          const HilumVocabularyTerm *term)
{
  const char *name = hilum_vocabulary_term_get_name (term, self->language);
  const char *other = hilum_vocabulary_term_get_name (term, g_str_equal (self->language, "es") ? "en" : "es");
  GtkWidget *row, *box, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  /* The other language's name, dimmed: the English key a document will store. */
  if (!g_str_equal (name, other))
    {
      label = gtk_label_new (other);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_focusable (row, FALSE);
  /* The vocabulary outlives every picker: its strings need no copy. */
  g_object_set_data (G_OBJECT (row), TERM_KEY, (gpointer) term->term);
  return row;
}

static void
clear_list (HilumTermPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
update_matches (HilumTermPicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) results = NULL;
  guint shown = 0;

  clear_list (self);
  results = hilum_vocabulary_search (self->vocabulary, query, self->tree, self->language, 0);
  for (guint i = 0; i < results->len && shown < MAX_MATCHES; i++)
    {
      const HilumVocabularyTerm *term = g_ptr_array_index (results, i);

      if (g_strv_contains ((const char * const *) self->terms, term->term))
        continue;
      gtk_list_box_append (self->list, make_row (self, term));
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *label = gtk_label_new (_("No PadChest term matches"));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->list, row);
    }
  else
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
show_matches (HilumTermPicker *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->entry));

  update_matches (self);
  gtk_widget_set_size_request (GTK_WIDGET (self->scroller), MAX (width, 240), -1);
  gtk_popover_popup (self->popover);
}

static void
move_selection (HilumTermPicker *self,
                int              delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  GtkListBoxRow *next;
  graphene_rect_t bounds;
  GtkAdjustment *adjustment;
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row) + delta;
  next = gtk_list_box_get_row_at_index (self->list, MAX (index, 0));
  if (next == NULL || !gtk_list_box_row_get_selectable (next))
    return;
  gtk_list_box_select_row (self->list, next);

  /* Keep the selected row in view without giving it the focus. */
  if (gtk_widget_compute_bounds (GTK_WIDGET (next), GTK_WIDGET (self->list), &bounds))
    {
      double page, value;

      adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
      page = gtk_adjustment_get_page_size (adjustment);
      value = gtk_adjustment_get_value (adjustment);
      if (bounds.origin.y < value)
        gtk_adjustment_set_value (adjustment, bounds.origin.y);
      else if (bounds.origin.y + bounds.size.height > value + page)
        gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
    }
}

static gboolean
pick_selected (HilumTermPicker *self)
{
  GtkListBoxRow *row;
  const char *term;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return FALSE;
  row = gtk_list_box_get_selected_row (self->list);
  term = row ? g_object_get_data (G_OBJECT (row), TERM_KEY) : NULL;
  if (term == NULL)
    return FALSE;
  add_term (self, term);
  return TRUE;
}

static gboolean
entry_key_pressed_cb (HilumTermPicker       *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      /* Down on a closed list shows every term: browsing without typing. */
      if (!shown)
        show_matches (self);
      else
        move_selection (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_Page_Up:
      if (!shown)
        return FALSE;
      move_selection (self, keyval == GDK_KEY_Page_Up ? -8 : 8);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!pick_selected (self) && gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0')
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      gtk_popover_popdown (self->popover);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0' || self->terms[0] == NULL)
        return FALSE;
      remove_at (self, g_strv_length (self->terms) - 1, -1);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      gtk_popover_popdown (self->popover);
      return FALSE;

    default:
      return FALSE;
    }
}

static void
entry_changed_cb (HilumTermPicker *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0')
    gtk_popover_popdown (self->popover);
  else
    show_matches (self);
}

static void
entry_activate_cb (HilumTermPicker *self)
{
  /* Reached when Enter did not go through the key controller (an input method). */
  pick_selected (self);
}

static void
row_activated_cb (HilumTermPicker *self,
                  GtkListBoxRow   *row)
{
  const char *term = g_object_get_data (G_OBJECT (row), TERM_KEY);

  if (term != NULL)
    add_term (self, term);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
focus_leave_cb (HilumTermPicker *self)
{
  gtk_popover_popdown (self->popover);
}

static void
update_placeholder (HilumTermPicker *self)
{
  const char *text = self->tree == HILUM_VOCABULARY_LOCATIONS ? _("Add a location…") : _("Add a label…");
  const char *name = self->tree == HILUM_VOCABULARY_LOCATIONS ? _("Add a location") : _("Add a label");

  g_object_set (self->entry, "placeholder-text", text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
hilum_term_picker_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  HilumTermPicker *self = HILUM_TERM_PICKER (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
hilum_term_picker_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  HilumTermPicker *self = HILUM_TERM_PICKER (widget);
  graphene_rect_t bounds;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  /* The list opens under the entry, wherever the chips pushed it. */
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->entry), widget, &bounds))
    gtk_popover_set_pointing_to (self->popover,
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_present (self->popover);
}

static gboolean
hilum_term_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (HILUM_TERM_PICKER (widget)->entry));
}

static void
hilum_term_picker_dispose (GObject *object)
{
  HilumTermPicker *self = (HilumTermPicker *)object;

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->vocabulary);

  G_OBJECT_CLASS (hilum_term_picker_parent_class)->dispose (object);
}

static void
hilum_term_picker_finalize (GObject *object)
{
  HilumTermPicker *self = (HilumTermPicker *)object;

  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (hilum_term_picker_parent_class)->finalize (object);
}

static void
hilum_term_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HilumTermPicker *self = HILUM_TERM_PICKER (object);

  switch (prop_id)
    {
    case PROP_TREE:
      g_value_set_flags (value, self->tree);
      break;

    case PROP_TERMS:
      g_value_set_boxed (value, self->terms);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_term_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HilumTermPicker *self = HILUM_TERM_PICKER (object);

  switch (prop_id)
    {
    case PROP_TREE:
      hilum_term_picker_set_tree (self, g_value_get_flags (value));
      break;

    case PROP_TERMS:
      hilum_term_picker_set_terms (self, g_value_get_boxed (value));
      break;

    case PROP_LANGUAGE:
      hilum_term_picker_set_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_term_picker_class_init (HilumTermPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_term_picker_dispose;
  object_class->finalize = hilum_term_picker_finalize;
  object_class->get_property = hilum_term_picker_get_property;
  object_class->set_property = hilum_term_picker_set_property;

  widget_class->measure = hilum_term_picker_measure;
  widget_class->size_allocate = hilum_term_picker_size_allocate;
  widget_class->grab_focus = hilum_term_picker_grab_focus;

  properties[PROP_TREE] =
    g_param_spec_flags ("tree", NULL, NULL,
                        HILUM_TYPE_VOCABULARY_TREE, HILUM_VOCABULARY_LABELS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERMS] =
    g_param_spec_boxed ("terms", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HilumTermPicker::terms-changed:
   * @terms: the English keys now chosen
   *
   * The user added or removed a term.
   */
  signals[TERMS_CHANGED] =
    g_signal_new ("terms-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_css_name (widget_class, "termpicker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hilum_term_picker_init (HilumTermPicker *self)
{
  GtkEventController *controller;

  self->vocabulary = g_object_ref (hilum_vocabulary_get_default ());
  self->tree = HILUM_VOCABULARY_LABELS;
  self->terms = g_new0 (char *, 1);
  self->language = g_strdup (hilum_vocabulary_ui_language ());

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->chips = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->chips, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->chips, FALSE);
  gtk_flow_box_set_max_children_per_line (self->chips, 20);
  gtk_flow_box_set_column_spacing (self->chips, 6);
  gtk_flow_box_set_row_spacing (self->chips, 6);
  gtk_widget_set_visible (GTK_WIDGET (self->chips), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->chips));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->entry));
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list), FALSE);
  /* Rounded rows whose selection shows without the keyboard focus. */
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (self->scroller, TRUE);
  gtk_scrolled_window_set_max_content_height (self->scroller, 320);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->list));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->scroller));
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->popover), GTK_ALIGN_START);
  gtk_widget_set_can_focus (GTK_WIDGET (self->popover), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_placeholder (self);
}

GtkWidget *
hilum_term_picker_new (HilumVocabularyTree tree)
{
  return g_object_new (HILUM_TYPE_TERM_PICKER, "tree", tree, NULL);
}

HilumVocabularyTree
hilum_term_picker_get_tree (HilumTermPicker *self)
{
  g_return_val_if_fail (HILUM_IS_TERM_PICKER (self), 0);

  return self->tree;
}

void
hilum_term_picker_set_tree (HilumTermPicker     *self,
                            HilumVocabularyTree  tree)
{
  g_return_if_fail (HILUM_IS_TERM_PICKER (self));

  if (self->tree == tree)
    return;
  self->tree = tree;
  update_placeholder (self);
  gtk_popover_popdown (self->popover);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREE]);
}

const char * const *
hilum_term_picker_get_terms (HilumTermPicker *self)
{
  g_return_val_if_fail (HILUM_IS_TERM_PICKER (self), NULL);

  return (const char * const *) self->terms;
}

void
hilum_term_picker_set_terms (HilumTermPicker    *self,
                             const char * const *terms)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (HILUM_IS_TERM_PICKER (self));

  if (terms == NULL)
    terms = none;
  if (g_strv_equal ((const char * const *) self->terms, terms))
    return;
  set_terms_internal (self, g_strdupv ((char **) terms), FALSE, -1);
}

const char *
hilum_term_picker_get_language (HilumTermPicker *self)
{
  g_return_val_if_fail (HILUM_IS_TERM_PICKER (self), NULL);

  return self->language;
}

void
hilum_term_picker_set_language (HilumTermPicker *self,
                                const char      *language)
{
  g_return_if_fail (HILUM_IS_TERM_PICKER (self));

  if (language == NULL)
    language = hilum_vocabulary_ui_language ();
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  rebuild_chips (self, -1);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    update_matches (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

GtkWidget *
hilum_term_picker_get_entry (HilumTermPicker *self)
{
  g_return_val_if_fail (HILUM_IS_TERM_PICKER (self), NULL);

  return GTK_WIDGET (self->entry);
}
