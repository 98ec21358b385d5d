/* hilum-pair-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-pair-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-finding-colors.h"
#include "hilum-pair-row.h"
#include "hilum-text-heights.h"
#include "hilum-spell-checker.h"
#include "hilum-translation-check.h"

struct _HilumPairRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *badge;
  GtkBox         *chips;
  GtkTextView    *text_view[2];     /* "es", "en" */
  GtkCheckButton *verified_check[2];
  GtkLabel       *verified_label[2];
  char           *verified_text[2];

  HilumSession   *session;
  char           *finding_id;
  GPtrArray      *flags;            /* flag ids, char* */
  GtkCssProvider *badge_css;
  int             last_width;
  HilumTextHeights heights;
  /* TRUE while the row shows what the document says: no operation from that */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (HilumPairRow, hilum_pair_row, GTK_TYPE_WIDGET)

enum {
  SELECTED,
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *languages[] = { "es", "en" };

static void row_watch_heights (HilumPairRow *self);

/* The workspace's own look, kept with the row (the app's style.css is the report's). */
static const char pair_css[] =
  "hilumpairrow.hilum-pair-selected { background: alpha(@accent_bg_color, 0.12); }"
  "label.hilum-flag-chip { border-radius: 6px; padding: 1px 6px;"
  "  background: alpha(@warning_color, 0.18); color: @warning_fg_color; }";

static void
add_pair_css (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider, pair_css, -1);
    }
  gtk_style_context_add_provider (gtk_widget_get_style_context (widget),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static int
lang_slot (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0 ? 1 : 0;
}

static HilumDocument *
row_get_document (HilumPairRow *self)
{
  return hilum_session_get_document (self->session);
}

static gboolean
row_is_verified (HilumPairRow *self,
                 const char   *lang)
{
  return hilum_document_get_translation_state (row_get_document (self), self->finding_id, lang,
                                               NULL, NULL) == HILUM_TRANSLATION_VERIFIED;
}

/* "Verified by Ana, 24 Nov 14:02" in local time. */
static char *
verified_text (HilumPairRow *self,
               const char   *lang)
{
  HilumDocument *document = row_get_document (self);
  const char *by, *at;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  hilum_document_get_translation_state (document, self->finding_id, lang, &by, &at);
  time = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  local = time != NULL ? g_date_time_to_local (time) : NULL;
  when = local != NULL ? g_date_time_format (local, "%e %b %H:%M") : NULL;
  if (when == NULL)
    /* Translators: %s is a reader's name */
    return g_strdup_printf (_("Verified by %s"), hilum_document_get_reader_name (document, by));
  /* Translators: %s is a reader's name, then a day and time ("24 Nov 14:02") */
  return g_strdup_printf (_("Verified by %s, %s"), hilum_document_get_reader_name (document, by), g_strstrip (when));
}

static gboolean
row_perform (HilumPairRow   *self,
             HilumOperation *op,
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!hilum_session_perform (self->session, op, &local_error))
    {
      g_signal_emit (self, signals[OPERATION_FAILED], 0, local_error->message);
      hilum_pair_row_sync (self, 0);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static HilumOperation *
state_op (HilumPairRow *self,
          const char   *lang,
          gboolean      verified)
{
  /* Verified now, by this reader; a draft again records no one. */
  if (verified)
    return hilum_operation_new_set_translation_state (self->finding_id, lang,
                                                      HILUM_TRANSLATION_VERIFIED,
                                                      hilum_session_get_reader_id (self->session),
                                                      NULL);
  return hilum_operation_new_set_translation_state (self->finding_id, lang,
                                                    HILUM_TRANSLATION_DRAFT, NULL, NULL);
}

static void
text_changed_cb (HilumPairRow  *self,
                 GtkTextBuffer *buffer)
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
  if (row_is_verified (self, lang))
    {
      /* A verified sentence that changes is a draft again: one step, undone as one. */
      GPtrArray *ops = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (ops, g_steal_pointer (&op));
      g_ptr_array_add (ops, state_op (self, lang, FALSE));
      op = hilum_operation_new_batch (_("Edit Text"), ops);
      g_ptr_array_unref (ops);
    }
  row_perform (self, op, NULL);
}

static void
verified_toggled_cb (HilumPairRow   *self,
                     GtkCheckButton *check)
{
  const char *lang = g_object_get_data (G_OBJECT (check), "hilum-lang");

  if (self->syncing)
    return;
  hilum_pair_row_set_verified (self, lang, gtk_check_button_get_active (check), NULL);
}

static void
focus_enter_cb (HilumPairRow *self)
{
  g_signal_emit (self, signals[SELECTED], 0);
}

static void
focus_leave_cb (HilumPairRow *self)
{
  if (self->session != NULL)
    hilum_session_break_merge (self->session);
}

static const char *
flag_title (const char *flag)
{
  if (g_str_equal (flag, "missing-translation"))
    return _("Missing translation");
  if (g_str_equal (flag, "untranslated-copy"))
    return _("Not translated");
  if (g_str_equal (flag, "side-mismatch"))
    return _("Side");
  if (g_str_equal (flag, "number-mismatch"))
    return _("Numbers");
  if (g_str_equal (flag, "negation-mismatch"))
    return _("Negation");
  if (g_str_equal (flag, "label-missing"))
    return _("Label not named");
  return flag;
}

static void
row_sync_text (HilumPairRow *self,
               guint         slot,
               const char   *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view[slot]);
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Setting the same text would move the cursor of the one typing. */
  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (buffer, text, -1);
}

static void
row_sync_flags (HilumPairRow *self)
{
  g_autoptr(GPtrArray) flags = hilum_translation_check_finding_id (row_get_document (self),
                                                                   self->finding_id);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  g_ptr_array_set_size (self->flags, 0);
  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      HilumTranslationFlag *flag = g_ptr_array_index (flags, i);
      GtkWidget *chip = gtk_label_new (flag_title (flag->flag));

      gtk_widget_add_css_class (chip, "hilum-flag-chip");
      add_pair_css (chip);
      gtk_widget_add_css_class (chip, "caption");
      gtk_widget_set_tooltip_text (chip, flag->message);
      gtk_box_append (self->chips, chip);
      g_ptr_array_add (self->flags, g_strdup (flag->flag));
    }
}

void
hilum_pair_row_sync (HilumPairRow *self,
                     guint         index)
{
  HilumDocument *document;
  guint position = index;
  g_autofree char *number = NULL;
  g_autofree char *css = NULL;

  g_return_if_fail (HILUM_IS_PAIR_ROW (self));

  document = row_get_document (self);
  if (!hilum_document_get_finding_index (document, self->finding_id, &position))
    return;

  self->syncing = TRUE;
  number = g_strdup_printf ("%u", position + 1);
  gtk_label_set_text (self->badge, number);
  css = g_strdup_printf (".hilum-pair-badge { background: %s; color: #1e1e1e;"
                         " border-radius: 9px; padding: 2px 7px; font-weight: bold; }",
                         hilum_finding_color_get_hex (position));
  gtk_css_provider_load_from_data (self->badge_css, css, -1);

  for (guint slot = 0; slot < 2; slot++)
    {
      gboolean verified = row_is_verified (self, languages[slot]);

      row_sync_text (self, slot, hilum_document_get_finding_text (document, self->finding_id,
                                                                  languages[slot]));
      g_clear_pointer (&self->verified_text[slot], g_free);
      self->verified_text[slot] = verified ? verified_text (self, languages[slot]) : g_strdup ("");
      gtk_check_button_set_active (self->verified_check[slot], verified);
      gtk_label_set_text (self->verified_label[slot], self->verified_text[slot]);
    }
  row_sync_flags (self);
  self->syncing = FALSE;
}

gboolean
hilum_pair_row_set_verified (HilumPairRow *self,
                             const char   *lang,
                             gboolean      verified,
                             GError      **error)
{
  g_autoptr(HilumOperation) op = NULL;

  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), FALSE);

  op = state_op (self, lang, verified);
  return row_perform (self, op, error);
}

static GtkWidget *
lang_column (HilumPairRow *self,
             guint         slot)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check;
  GtkTextBuffer *buffer;
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->text_view[slot] = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view[slot], GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view[slot], FALSE);
  gtk_text_view_set_top_margin (self->text_view[slot], 6);
  gtk_text_view_set_bottom_margin (self->text_view[slot], 6);
  gtk_text_view_set_left_margin (self->text_view[slot], 6);
  gtk_text_view_set_right_margin (self->text_view[slot], 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_view[slot]), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view[slot]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  slot == 0 ? _("Spanish sentence") : _("English sentence"), -1);
  buffer = gtk_text_view_get_buffer (self->text_view[slot]);
  g_object_set_data (G_OBJECT (buffer), "hilum-lang", (gpointer) languages[slot]);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view[slot]), focus);
  /* The spelling underline of the field's own language (DESIGN.md). */
  hilum_spell_checker_attach (self->text_view[slot], languages[slot]);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->text_view[slot]));

  check = gtk_check_button_new_with_label (slot == 0 ? _("Spanish verified")
                                                     : _("English verified"));
  self->verified_check[slot] = GTK_CHECK_BUTTON (check);
  g_object_set_data (G_OBJECT (check), "hilum-lang", (gpointer) languages[slot]);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (verified_toggled_cb), self);
  self->verified_label[slot] = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->verified_label[slot]), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->verified_label[slot]), "caption");
  gtk_box_append (GTK_BOX (footer), check);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->verified_label[slot]));

  gtk_box_append (GTK_BOX (column), frame);
  gtk_box_append (GTK_BOX (column), footer);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_size_request (column, 220, -1);
  return column;
}

static void
row_watch_heights (HilumPairRow *self)
{
  hilum_text_heights_watch (&self->heights, GTK_WIDGET (self),
                            self->text_view[0], self->text_view[1]);
}

static GtkSizeRequestMode
hilum_pair_row_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (HILUM_PAIR_ROW (widget)->box);
}

static void
hilum_pair_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (HILUM_PAIR_ROW (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
hilum_pair_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  HilumPairRow *self = HILUM_PAIR_ROW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (width != self->last_width)
    {
      self->last_width = width;
      row_watch_heights (self);
    }
}

static void
hilum_pair_row_dispose (GObject *object)
{
  HilumPairRow *self = HILUM_PAIR_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  hilum_text_heights_stop (&self->heights);
  G_OBJECT_CLASS (hilum_pair_row_parent_class)->dispose (object);
}

static void
hilum_pair_row_finalize (GObject *object)
{
  HilumPairRow *self = HILUM_PAIR_ROW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->badge_css);
  g_clear_pointer (&self->finding_id, g_free);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  for (guint slot = 0; slot < 2; slot++)
    g_clear_pointer (&self->verified_text[slot], g_free);
  G_OBJECT_CLASS (hilum_pair_row_parent_class)->finalize (object);
}

static void
hilum_pair_row_class_init (HilumPairRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_pair_row_dispose;
  object_class->finalize = hilum_pair_row_finalize;

  /* The pair was focused or clicked: it becomes the current one. */
  signals[SELECTED] = g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* An edit was refused (e.g. the role may not): @message says why. */
  signals[OPERATION_FAILED] = g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  widget_class->get_request_mode = hilum_pair_row_get_request_mode;
  widget_class->measure = hilum_pair_row_measure;
  widget_class->size_allocate = hilum_pair_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "hilumpairrow");
}

static void
hilum_pair_row_init (HilumPairRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->flags = g_ptr_array_new_with_free_func (g_free);
  add_pair_css (GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->badge = GTK_LABEL (gtk_label_new ("1"));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "hilum-pair-badge");
  self->badge_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->badge)),
                                  GTK_STYLE_PROVIDER (self->badge_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  self->chips = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->badge));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->chips));
  gtk_box_append (GTK_BOX (self->box), header);

  for (guint slot = 0; slot < 2; slot++)
    gtk_box_append (GTK_BOX (columns), lang_column (self, slot));
  gtk_box_append (GTK_BOX (self->box), columns);
}

GtkWidget *
hilum_pair_row_new (HilumSession *session,
                    const char   *finding_id,
                    guint         index)
{
  HilumPairRow *self;

  g_return_val_if_fail (HILUM_IS_SESSION (session), NULL);

  self = g_object_new (HILUM_TYPE_PAIR_ROW, NULL);
  self->session = g_object_ref (session);
  self->finding_id = g_strdup (finding_id);
  hilum_pair_row_sync (self, index);
  return GTK_WIDGET (self);
}

const char *
hilum_pair_row_get_finding_id (HilumPairRow *self)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), NULL);
  return self->finding_id;
}

guint
hilum_pair_row_get_n_flags (HilumPairRow *self)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), 0);
  return self->flags->len;
}

GPtrArray *
hilum_pair_row_get_flags (HilumPairRow *self)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), NULL);
  return self->flags;
}

gboolean
hilum_pair_row_is_verified (HilumPairRow *self,
                            const char   *lang)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), FALSE);
  return row_is_verified (self, lang);
}

GtkTextView *
hilum_pair_row_get_text_view (HilumPairRow *self,
                              const char   *lang)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), NULL);
  return self->text_view[lang_slot (lang)];
}

const char *
hilum_pair_row_get_verified_text (HilumPairRow *self,
                                  const char   *lang)
{
  g_return_val_if_fail (HILUM_IS_PAIR_ROW (self), NULL);
  return self->verified_text[lang_slot (lang)];
}

void
hilum_pair_row_set_selected (HilumPairRow *self,
                             gboolean      selected)
{
  g_return_if_fail (HILUM_IS_PAIR_ROW (self));
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "hilum-pair-selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "hilum-pair-selected");
}
