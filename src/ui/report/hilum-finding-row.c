/* hilum-finding-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-finding-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-conflict-list.h"
#include "hilum-finding-colors.h"
#include "hilum-finding-row.h"
#include "hilum-text-heights.h"
#include "hilum-resources-private.h"
#include "hilum-spell-checker.h"
#include "hilum-term-picker.h"
#include "hilum-vocabulary.h"

struct _HilumFindingRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *badge;
  GtkDropDown    *polarity_dropdown;
  GtkDropDown    *progression_dropdown;
  GtkLabel       *boxes_label;
  GtkLabel       *terms_summary;
  GtkMenuButton  *menu_button;
  GtkBox         *texts_box;
  GtkWidget      *terms_grid;
  GtkBox         *labels_slot;
  GtkBox         *locations_slot;
  HilumTermPicker *labels_picker;
  HilumTermPicker *locations_picker;
  HilumConflictList *conflicts;

  GtkWidget      *lang_box[2];     /* "es", "en" */
  GtkTextView    *text_view[2];

  HilumSession   *session;
  char           *finding_id;
  /* the progression value of each dropdown item; NULL is "not stated" */
  GPtrArray      *progression_values;
  guint           index;
  int             last_width;
  HilumTextHeights heights;
  /* TRUE while the row shows what the document says: no operation from that */
  gboolean        syncing;
  /* labels and locations are worth showing (a positive finding, or ones it has) */
  gboolean        has_terms;
  gboolean        selected;
};

G_DEFINE_FINAL_TYPE (HilumFindingRow, hilum_finding_row, GTK_TYPE_WIDGET)

enum {
  SELECTED,
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *languages[] = { "es", "en" };

static void row_watch_heights (HilumFindingRow *self);

/* The values PadChest-GR is believed to use (FORMATS.md); any other is kept as is. */
static const char *known_progressions[] = { "stable", "improved", "worsened" };

static int
lang_slot (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0 ? 1 : 0;
}

static HilumDocument *
row_get_document (HilumFindingRow *self)
{
  return hilum_session_get_document (self->session);
}

static void
row_perform (HilumFindingRow *self,
             HilumOperation  *op)
{
  g_autoptr(GError) error = NULL;

  if (!hilum_session_perform (self->session, op, &error))
    {
      g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
      /* The field still shows the refused value: show the document's again. */
      hilum_finding_row_sync (self);
    }
}

static void
text_changed_cb (HilumFindingRow *self,
                 GtkTextBuffer   *buffer)
{
  g_autoptr(HilumOperation) op = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *lang = g_object_get_data (G_OBJECT (buffer), "hilum-lang");

  row_watch_heights (self);
  if (self->syncing)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  op = hilum_operation_new_set_text (self->finding_id, lang, text);
  row_perform (self, op);
}

static void
text_focus_leave_cb (HilumFindingRow *self)
{
  /* Typing in another field, or coming back later, starts a new undo step. */
  if (self->session != NULL)
    hilum_session_break_merge (self->session);
}

static void
polarity_cb (HilumFindingRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->polarity_dropdown);
  g_autoptr(HilumOperation) op = NULL;

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  op = hilum_operation_new_set_polarity (self->finding_id,
                                         selected == 1 ? HILUM_POLARITY_NEGATIVE
                                                       : HILUM_POLARITY_POSITIVE);
  row_perform (self, op);
}

static void
progression_cb (HilumFindingRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->progression_dropdown);
  g_autoptr(HilumOperation) op = NULL;

  if (self->syncing || selected >= self->progression_values->len)
    return;
  /* The first item, "not stated", is NULL. */
  op = hilum_operation_new_set_progression (self->finding_id,
                                            g_ptr_array_index (self->progression_values, selected));
  row_perform (self, op);
}

static void
focus_enter_cb (HilumFindingRow *self)
{
  g_signal_emit (self, signals[SELECTED], 0);
}

static void
pressed_cb (HilumFindingRow *self)
{
  g_signal_emit (self, signals[SELECTED], 0);
}

static const char *
progression_label (const char *value)
{
  if (value == NULL)
    /* Translators: progression of a finding when the report says nothing about it */
    return C_("progression", "Not stated");
  if (g_str_equal (value, "stable"))
    return C_("progression", "Stable");
  if (g_str_equal (value, "improved"))
    return C_("progression", "Improved");
  if (g_str_equal (value, "worsened"))
    return C_("progression", "Worsened");
  return value;
}

/* The dropdown offers the known values plus the finding's own when it is another one. */
static void
row_set_progression_items (HilumFindingRow *self,
                           const char      *current)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gboolean known = current == NULL;

  g_ptr_array_set_size (self->progression_values, 0);
  g_ptr_array_add (self->progression_values, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (known_progressions); i++)
    {
      g_ptr_array_add (self->progression_values, g_strdup (known_progressions[i]));
      known |= g_strcmp0 (current, known_progressions[i]) == 0;
    }
  if (!known)
    g_ptr_array_add (self->progression_values, g_strdup (current));

  for (guint i = 0; i < self->progression_values->len; i++)
    gtk_string_list_append (model,
                            progression_label (g_ptr_array_index (self->progression_values, i)));
  gtk_drop_down_set_model (self->progression_dropdown, G_LIST_MODEL (model));
}

static void
row_sync_progression (HilumFindingRow *self)
{
  const char *current = hilum_document_get_finding_progression (row_get_document (self),
                                                                self->finding_id);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->progression_values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->progression_values, i), current) == 0)
      position = i;
  if (position == GTK_INVALID_LIST_POSITION)
    {
      row_set_progression_items (self, current);
      position = self->progression_values->len - 1;
      if (current == NULL)
        position = 0;
    }
  if (gtk_drop_down_get_selected (self->progression_dropdown) != position)
    gtk_drop_down_set_selected (self->progression_dropdown, position);
}

/* "cardiomegalia · cardíaco": the terms in the pickers' language, for a row that is
 * not being edited (the pickers take room: they show only on the selected row). */
static void
append_names (GString         *text,
              GStrv            terms,
              HilumTermPicker *picker)
{
  HilumVocabulary *vocabulary = hilum_vocabulary_get_default ();

  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, hilum_vocabulary_display_name (vocabulary, terms[i],
                                                            hilum_term_picker_get_tree (picker),
                                                            hilum_term_picker_get_language (picker)));
    }
}

static void
row_sync_terms (HilumTermPicker *picker,
                GStrv            terms)
{
  if (!g_strv_equal ((const char * const *) terms, hilum_term_picker_get_terms (picker)))
    hilum_term_picker_set_terms (picker, (const char * const *) terms);
}

static void
terms_changed_cb (HilumFindingRow *self,
                  GStrv            terms,
                  HilumTermPicker *picker)
{
  g_autoptr(HilumOperation) op = NULL;

  if (self->syncing)
    return;
  op = hilum_operation_new_set_terms (self->finding_id,
                                      picker == self->labels_picker ? "labels" : "locations",
                                      (const char * const *) terms);
  row_perform (self, op);
}

/* "Boxes: Ana 2 · r2 1", in the order the readers first appear; "" without boxes. */
static char *
boxes_text (HilumDocument *document,
            const char    *finding_id,
            guint         *total)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (HilumDocumentBox));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GString) text = g_string_new (NULL);

  *total = hilum_document_collect_boxes (document, finding_id, NULL, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      const char *reader_id = g_array_index (boxes, HilumDocumentBox, i).reader_id;
      guint slot;

      for (slot = 0; slot < ids->len; slot++)
        if (g_str_equal (g_ptr_array_index (ids, slot), reader_id))
          break;
      if (slot == ids->len)
        {
          guint zero = 0;

          g_ptr_array_add (ids, (gpointer) reader_id);
          g_array_append_val (counts, zero);
        }
      g_array_index (counts, guint, slot)++;
    }

  if (*total == 0)
    return g_strdup ("");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s %u", i > 0 ? " · " : "",
                            hilum_document_get_reader_name (document, g_ptr_array_index (ids, i)),
                            g_array_index (counts, guint, i));
  /* Translators: %s is a list of readers with their number of boxes, "Ana 2 · r2 1" */
  return g_strdup_printf (_("Boxes: %s"), text->str);
}

static void
row_sync_text (HilumFindingRow *self,
               guint            slot,
               const char      *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view[slot]);
  g_autofree char *shown = NULL;
  GtkTextIter start, end, cursor;
  int offset;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, text) == 0)
    return;

  /* Undo or another editor changed it: keep the cursor near where it was. */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
  gtk_text_buffer_place_cursor (buffer, &cursor);
}

static void
row_update_terms_visible (HilumFindingRow *self)
{
  gtk_widget_set_visible (self->terms_grid, self->has_terms && self->selected);
  gtk_widget_set_visible (GTK_WIDGET (self->terms_summary), self->has_terms && !self->selected);
}

void
hilum_finding_row_sync (HilumFindingRow *self)
{
  HilumDocument *document;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) locations = NULL;
  g_autofree char *boxes = NULL;
  gboolean negative;
  guint n_boxes;

  g_return_if_fail (HILUM_IS_FINDING_ROW (self));

  document = row_get_document (self);
  if (!hilum_document_has_finding (document, self->finding_id))
    return;

  self->syncing = TRUE;

  for (guint slot = 0; slot < 2; slot++)
    row_sync_text (self, slot, hilum_document_get_finding_text (document, self->finding_id,
                                                                languages[slot]));

  negative = hilum_document_get_finding_polarity (document, self->finding_id)
             == HILUM_POLARITY_NEGATIVE;
  if (gtk_drop_down_get_selected (self->polarity_dropdown) != (negative ? 1u : 0u))
    gtk_drop_down_set_selected (self->polarity_dropdown, negative ? 1 : 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge),
                               negative ? _("Negative finding") : _("Positive finding"));

  row_sync_progression (self);

  labels = hilum_document_dup_finding_labels (document, self->finding_id);
  locations = hilum_document_dup_finding_locations (document, self->finding_id);
  row_sync_terms (self->labels_picker, labels);
  row_sync_terms (self->locations_picker, locations);
  {
    g_autoptr(GString) summary = g_string_new (NULL);

    guint progression = gtk_drop_down_get_selected (self->progression_dropdown);

    append_names (summary, labels, self->labels_picker);
    append_names (summary, locations, self->locations_picker);
    if (progression != 0 && progression < self->progression_values->len)
      g_string_append_printf (summary, "%s%s", summary->len > 0 ? " · " : "",
                              progression_label (g_ptr_array_index (self->progression_values,
                                                                    progression)));
    if (summary->len == 0 && !negative)
      g_string_append (summary, _("No labels or locations"));
    gtk_label_set_label (self->terms_summary, summary->str);
  }

  boxes = boxes_text (document, self->finding_id, &n_boxes);
  if (!negative && n_boxes == 0)
    {
      g_free (boxes);
      boxes = g_strdup (_("No boxes"));
    }
  gtk_label_set_label (self->boxes_label, boxes);
  gtk_widget_set_visible (GTK_WIDGET (self->boxes_label), boxes[0] != '\0');

  /* A negative sentence of PadChest-GR has only its two texts: no progression, labels
   * or locations to edit unless it came with some. */
  self->has_terms = !negative || labels[0] != NULL || locations[0] != NULL
                    || gtk_drop_down_get_selected (self->progression_dropdown) != 0;
  row_update_terms_visible (self);

  if (negative)
    gtk_widget_add_css_class (GTK_WIDGET (self), "negative");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "negative");

  hilum_conflict_list_sync (self->conflicts);
  if (hilum_conflict_list_get_n_conflicts (self->conflicts) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "conflicted");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "conflicted");

  self->syncing = FALSE;
}

static void
row_update_accessible_names (HilumFindingRow *self)
{
  /* Translators: the field of finding number %u's sentence in Spanish */
  g_autofree char *es = g_strdup_printf (_("Finding %u, Spanish sentence"), self->index + 1);
  /* Translators: the field of finding number %u's sentence in English */
  g_autofree char *en = g_strdup_printf (_("Finding %u, English sentence"), self->index + 1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view[0]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, es, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view[1]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, en, -1);
}

static GtkWidget *
row_make_text (HilumFindingRow *self,
               guint            slot)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (slot == 0 ? C_("language code", "ES")
                                              : C_("language code", "EN"));
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_tooltip_text (label, slot == 0 ? _("Spanish") : _("English"));
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_label_set_width_chars (GTK_LABEL (label), 2);
  gtk_widget_add_css_class (label, "finding-lang");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next control; a sentence never needs a tab character. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_add_css_class (view, "finding-text");
  /* Undo is the session's (per study, audited); the buffer's own would undo behind
   * its back and swallow Ctrl+Z. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "hilum-lang", (gpointer) languages[slot]);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (text_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, focus);

  /* Spelling as you type, each sentence in its own language. */
  hilum_spell_checker_attach (GTK_TEXT_VIEW (view), languages[slot]);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  self->text_view[slot] = GTK_TEXT_VIEW (view);
  return box;
}

/* The badge and the card edge take the finding's colour from the core's palette, the
 * one the box layer draws with, so CSS never repeats it. */
static void
ensure_palette_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;

  css = g_string_new (NULL);
  for (guint i = 0; i < hilum_finding_colors_get_n (); i++)
    g_string_append_printf (css,
                            "findingrow.finding-color-%u:not(.negative) .finding-badge "
                            "{ background-color: %s; }\n"
                            "findingrow.finding-color-%u:not(.negative) > .finding-card "
                            "{ border-left: 4px solid %s; }\n",
                            i, hilum_finding_color_get_hex (i),
                            i, hilum_finding_color_get_hex (i));
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
row_watch_heights (HilumFindingRow *self)
{
  hilum_text_heights_watch (&self->heights, GTK_WIDGET (self),
                            self->text_view[0], self->text_view[1]);
}

static GtkSizeRequestMode
hilum_finding_row_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (HILUM_FINDING_ROW (widget)->box);
}

static void
hilum_finding_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  HilumFindingRow *self = HILUM_FINDING_ROW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
hilum_finding_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  HilumFindingRow *self = HILUM_FINDING_ROW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (width != self->last_width)
    {
      self->last_width = width;
      row_watch_heights (self);
    }
}

static void
hilum_finding_row_dispose (GObject *object)
{
  HilumFindingRow *self = (HilumFindingRow *)object;

  hilum_text_heights_stop (&self->heights);

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_FINDING_ROW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_finding_row_parent_class)->dispose (object);
}

static void
hilum_finding_row_finalize (GObject *object)
{
  HilumFindingRow *self = (HilumFindingRow *)object;

  g_clear_pointer (&self->finding_id, g_free);
  g_clear_pointer (&self->progression_values, g_ptr_array_unref);

  G_OBJECT_CLASS (hilum_finding_row_parent_class)->finalize (object);
}

static void
hilum_finding_row_class_init (HilumFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_finding_row_dispose;
  object_class->finalize = hilum_finding_row_finalize;

  signals[SELECTED] =
    g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPERATION_FAILED] =
    g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, box);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, badge);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, polarity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, progression_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, boxes_label);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, terms_summary);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, texts_box);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, terms_grid);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, labels_slot);
  gtk_widget_class_bind_template_child (widget_class, HilumFindingRow, locations_slot);

  widget_class->get_request_mode = hilum_finding_row_get_request_mode;
  widget_class->measure = hilum_finding_row_measure;
  widget_class->size_allocate = hilum_finding_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "findingrow");
}

static void
hilum_finding_row_init (HilumFindingRow *self)
{
  GtkEventController *focus;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_palette_css ();

  self->progression_values = g_ptr_array_new_with_free_func (g_free);
  row_set_progression_items (self, NULL);

  for (guint slot = 0; slot < 2; slot++)
    {
      self->lang_box[slot] = row_make_text (self, slot);
      gtk_box_append (self->texts_box, self->lang_box[slot]);
    }

  self->labels_picker = HILUM_TERM_PICKER (hilum_term_picker_new (HILUM_VOCABULARY_LABELS));
  self->locations_picker = HILUM_TERM_PICKER (hilum_term_picker_new (HILUM_VOCABULARY_LOCATIONS));
  gtk_widget_set_hexpand (GTK_WIDGET (self->labels_picker), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->locations_picker), TRUE);
  gtk_box_append (self->labels_slot, GTK_WIDGET (self->labels_picker));
  gtk_box_append (self->locations_slot, GTK_WIDGET (self->locations_picker));
  g_signal_connect_object (self->labels_picker, "terms-changed", G_CALLBACK (terms_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->locations_picker, "terms-changed", G_CALLBACK (terms_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->polarity_dropdown, "notify::selected",
                           G_CALLBACK (polarity_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->progression_dropdown, "notify::selected",
                           G_CALLBACK (progression_cb), self, G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* Clicks on the badge or the card's padding select too; capture phase so that the
   * controls inside still get their clicks. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static void
conflict_failed_cb (HilumFindingRow *self,
                    const char      *message)
{
  g_signal_emit (self, signals[OPERATION_FAILED], 0, message);
}

GtkWidget *
hilum_finding_row_new (HilumSession *session,
                       const char   *finding_id)
{
  HilumFindingRow *self;

  g_return_val_if_fail (HILUM_IS_SESSION (session), NULL);
  g_return_val_if_fail (finding_id != NULL, NULL);

  self = g_object_new (HILUM_TYPE_FINDING_ROW, NULL);
  self->session = g_object_ref (session);
  self->finding_id = g_strdup (finding_id);
  /* Under everything else: both values of a field the sync could not merge. */
  self->conflicts = HILUM_CONFLICT_LIST (hilum_conflict_list_new (finding_id));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->conflicts));
  hilum_conflict_list_set_session (self->conflicts, session);
  g_signal_connect_object (self->conflicts, "operation-failed", G_CALLBACK (conflict_failed_cb),
                           self, G_CONNECT_SWAPPED);
  /* A translator edits the sentences, nothing else (HilumSession refuses the rest):
   * the other controls show what is there without inviting an edit. */
  if (hilum_session_get_role (session) == HILUM_READER_ROLE_TRANSLATOR)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->polarity_dropdown), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->progression_dropdown), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->labels_picker), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->locations_picker), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
    }
  hilum_finding_row_set_index (self, 0);
  hilum_finding_row_sync (self);
  return GTK_WIDGET (self);
}

/* (transfer none) */
HilumConflictList *
hilum_finding_row_get_conflicts (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return self->conflicts;
}

const char *
hilum_finding_row_get_finding_id (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return self->finding_id;
}

void
hilum_finding_row_set_index (HilumFindingRow *self,
                             guint            index)
{
  g_autofree char *number = NULL;
  g_autofree char *color_class = NULL;
  guint n = hilum_finding_colors_get_n ();

  g_return_if_fail (HILUM_IS_FINDING_ROW (self));

  if (self->index == index && gtk_label_get_label (self->badge)[0] != '\0')
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *old = g_strdup_printf ("finding-color-%u", i);

      gtk_widget_remove_css_class (GTK_WIDGET (self), old);
    }
  self->index = index;
  number = g_strdup_printf ("%u", index + 1);
  color_class = g_strdup_printf ("finding-color-%u", index % n);
  gtk_label_set_label (self->badge, number);
  gtk_widget_add_css_class (GTK_WIDGET (self), color_class);
  row_update_accessible_names (self);
}

guint
hilum_finding_row_get_index (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), 0);

  return self->index;
}

void
hilum_finding_row_set_selected (HilumFindingRow *self,
                                gboolean         selected)
{
  g_return_if_fail (HILUM_IS_FINDING_ROW (self));

  self->selected = !!selected;
  row_update_terms_visible (self);
  if (self->selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
}

gboolean
hilum_finding_row_get_selected (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), FALSE);

  return self->selected;
}

void
hilum_finding_row_set_language_first (HilumFindingRow *self,
                                      const char      *lang)
{
  guint first;

  g_return_if_fail (HILUM_IS_FINDING_ROW (self));

  first = lang_slot (lang);
  gtk_box_reorder_child_after (self->texts_box, self->lang_box[first], NULL);
}

gboolean
hilum_finding_row_focus_text (HilumFindingRow *self)
{
  GtkWidget *first;

  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), FALSE);

  first = gtk_widget_get_first_child (GTK_WIDGET (self->texts_box));
  return gtk_widget_grab_focus (gtk_widget_get_last_child (first));
}

GtkTextView *
hilum_finding_row_get_text_view (HilumFindingRow *self,
                                 const char      *lang)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return self->text_view[lang_slot (lang)];
}

GtkDropDown *
hilum_finding_row_get_polarity (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return self->polarity_dropdown;
}

GtkDropDown *
hilum_finding_row_get_progression (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return self->progression_dropdown;
}

const char *
hilum_finding_row_get_boxes_text (HilumFindingRow *self)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return gtk_label_get_label (self->boxes_label);
}

GtkWidget *
hilum_finding_row_get_term_picker (HilumFindingRow *self,
                                   const char      *field)
{
  g_return_val_if_fail (HILUM_IS_FINDING_ROW (self), NULL);

  return GTK_WIDGET (g_strcmp0 (field, "locations") == 0 ? self->locations_picker
                                                          : self->labels_picker);
}
