/* hilum-translator-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-translator-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-pair-row.h"
#include "hilum-translation-check.h"
#include "hilum-translator-view.h"

struct _HilumTranslatorView
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkLabel             *queue_label;
  GtkDropDown          *filter_dropdown;
  GtkBox               *list;
  GtkScrolledWindow    *scrolled;
  GtkLabel             *status_label;

  HilumSession         *session;
  gulong                changed_id;
  GPtrArray            *rows;          /* every pair row, report order */
  int                   selected;      /* index into rows, -1 = none */
  HilumTranslatorFilter filter;

  HilumWorkspace       *workspace;     /* the queue's (nullable) */
  GPtrArray            *queue;         /* study ids (char*), NULL while computing */
  GCancellable         *queue_cancellable;
};

G_DEFINE_FINAL_TYPE (HilumTranslatorView, hilum_translator_view, GTK_TYPE_WIDGET)

enum {
  OPEN_STUDY,
  QUEUE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *languages[] = { "es", "en" };

static void view_update_queue_label (HilumTranslatorView *self);

static gboolean
row_is_shown (HilumTranslatorView *self,
              HilumPairRow        *row)
{
  switch (self->filter)
    {
    case HILUM_TRANSLATOR_FILTER_FLAGGED:
      return hilum_pair_row_get_n_flags (row) > 0;
    case HILUM_TRANSLATOR_FILTER_UNVERIFIED:
      return !hilum_pair_row_is_verified (row, "es") || !hilum_pair_row_is_verified (row, "en");
    case HILUM_TRANSLATOR_FILTER_ALL:
    default:
      return TRUE;
    }
}

static void
view_apply_filter (HilumTranslatorView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      HilumPairRow *row = g_ptr_array_index (self->rows, i);

      gtk_widget_set_visible (GTK_WIDGET (row), row_is_shown (self, row));
    }
}

static void
view_select (HilumTranslatorView *self,
             int                  index)
{
  if (self->selected >= 0 && (guint) self->selected < self->rows->len)
    hilum_pair_row_set_selected (g_ptr_array_index (self->rows, self->selected), FALSE);
  self->selected = index;
  if (index >= 0 && (guint) index < self->rows->len)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, index);
      graphene_point_t point;

      hilum_pair_row_set_selected (HILUM_PAIR_ROW (row), TRUE);
      /* Bring the pair into sight. */
      if (gtk_widget_compute_point (row, GTK_WIDGET (self->list),
                                    &GRAPHENE_POINT_INIT (0, 0), &point))
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

          gtk_adjustment_clamp_page (adjustment, point.y,
                                     point.y + gtk_widget_get_height (row));
        }
    }
}

static void
row_selected_cb (HilumTranslatorView *self,
                 HilumPairRow        *row)
{
  guint index;

  if (g_ptr_array_find (self->rows, row, &index))
    view_select (self, index);
}

static void
row_failed_cb (HilumTranslatorView *self,
               const char          *message)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
view_rebuild (HilumTranslatorView *self)
{
  HilumDocument *document;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  self->selected = -1;
  if (self->session == NULL)
    return;

  document = hilum_session_get_document (self->session);
  for (guint i = 0; i < hilum_document_get_n_findings (document); i++)
    {
      GtkWidget *row = hilum_pair_row_new (self->session, hilum_document_get_finding_id (document, i), i);

      g_signal_connect_swapped (row, "selected", G_CALLBACK (row_selected_cb), self);
      g_signal_connect_swapped (row, "operation-failed", G_CALLBACK (row_failed_cb), self);
      if (i > 0)
        gtk_box_append (self->list, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
  view_apply_filter (self);
}

static gboolean
rows_match_document (HilumTranslatorView *self)
{
  HilumDocument *document = hilum_session_get_document (self->session);

  if (hilum_document_get_n_findings (document) != self->rows->len)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (hilum_document_get_finding_id (document, i),
                   hilum_pair_row_get_finding_id (g_ptr_array_index (self->rows, i))) != 0)
      return FALSE;
  return TRUE;
}

static void
session_changed_cb (HilumTranslatorView *self)
{
  int selected = self->selected;

  if (!rows_match_document (self))
    {
      view_rebuild (self);
      view_select (self, MIN (selected, (int) self->rows->len - 1));
      return;
    }
  /* Flags and states follow every change of a pair. */
  for (guint i = 0; i < self->rows->len; i++)
    hilum_pair_row_sync (g_ptr_array_index (self->rows, i), i);
  /* The filter is not applied again here: a pair verified or fixed stays in sight
   * until the filter is chosen again. */
}

void
hilum_translator_view_set_session (HilumTranslatorView *self,
                                   HilumSession        *session)
{
  g_return_if_fail (HILUM_IS_TRANSLATOR_VIEW (self));

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->changed_id = g_signal_connect_object (session, "changed",
                                                G_CALLBACK (session_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  view_rebuild (self);
  hilum_translator_view_select_flagged (self, TRUE);
  if (self->selected < 0 && self->rows->len > 0)
    view_select (self, 0);
  view_update_queue_label (self);

  /* A study that came into the store after the queue was read (the demo, an import):
   * read the queue again. */
  if (session != NULL && self->workspace != NULL && self->queue != NULL
      && hilum_translation_needs_work (hilum_session_get_document (session)))
    {
      const char *study_id = hilum_document_get_study_id (hilum_session_get_document (session));
      gboolean listed = FALSE;

      for (guint i = 0; i < self->queue->len; i++)
        listed |= g_strcmp0 (g_ptr_array_index (self->queue, i), study_id) == 0;
      if (!listed)
        hilum_translator_view_set_workspace (self, self->workspace);
    }
}

void
hilum_translator_view_set_filter (HilumTranslatorView  *self,
                                  HilumTranslatorFilter filter)
{
  g_return_if_fail (HILUM_IS_TRANSLATOR_VIEW (self));

  self->filter = filter;
  if (gtk_drop_down_get_selected (self->filter_dropdown) != (guint) filter)
    gtk_drop_down_set_selected (self->filter_dropdown, filter);
  view_apply_filter (self);
}

static void
filter_cb (HilumTranslatorView *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (selected <= HILUM_TRANSLATOR_FILTER_UNVERIFIED && selected != (guint) self->filter)
    hilum_translator_view_set_filter (self, selected);
}

guint
hilum_translator_view_get_n_rows (HilumTranslatorView *self)
{
  guint n = 0;

  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), 0);
  for (guint i = 0; i < self->rows->len; i++)
    n += gtk_widget_get_visible (g_ptr_array_index (self->rows, i));
  return n;
}

GtkWidget *
hilum_translator_view_get_row (HilumTranslatorView *self,
                               guint                index)
{
  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (gtk_widget_get_visible (row) && index-- == 0)
        return row;
    }
  return NULL;
}

GtkWidget *
hilum_translator_view_get_selected (HilumTranslatorView *self)
{
  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), NULL);
  if (self->selected < 0 || (guint) self->selected >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, self->selected);
}

gboolean
hilum_translator_view_select_flagged (HilumTranslatorView *self,
                                      gboolean             forward)
{
  guint n;

  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), FALSE);
  n = self->rows->len;
  /* Wraps around, like Next Finding. */
  for (guint step = 1; step <= n; step++)
    {
      int start = self->selected < 0 ? (forward ? -1 : 0) : self->selected;
      guint i = (guint) ((start + (forward ? (int) step : -(int) step) + 2 * (int) n) % (int) n);
      HilumPairRow *row = g_ptr_array_index (self->rows, i);

      if (hilum_pair_row_get_n_flags (row) > 0 && gtk_widget_get_visible (GTK_WIDGET (row)))
        {
          view_select (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
hilum_translator_view_accept (HilumTranslatorView *self,
                              GError             **error)
{
  HilumPairRow *row;

  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), FALSE);

  row = (HilumPairRow *) hilum_translator_view_get_selected (self);
  if (row == NULL)
    return TRUE;
  for (guint slot = 0; slot < 2; slot++)
    if (!hilum_pair_row_is_verified (row, languages[slot])
        && !hilum_pair_row_set_verified (row, languages[slot], TRUE, error))
      return FALSE;
  /* Then the next pair shown. */
  for (guint i = self->selected + 1; i < self->rows->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (self->rows, i)))
      {
        view_select (self, i);
        break;
      }
  return TRUE;
}

static void
view_update_queue_label (HilumTranslatorView *self)
{
  g_autofree char *text = NULL;
  guint position = 0;

  if (self->workspace == NULL || hilum_workspace_get_store (self->workspace) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->queue_label), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->queue_label), TRUE);
  if (self->queue == NULL)
    {
      gtk_label_set_text (self->queue_label, _("Looking for studies to translate…"));
      return;
    }
  if (self->session != NULL)
    {
      const char *current = hilum_document_get_study_id (hilum_session_get_document (self->session));

      for (guint i = 0; i < self->queue->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->queue, i), current) == 0)
          position = i + 1;
    }
  if (self->queue->len == 0)
    text = g_strdup (_("No study needs translation"));
  else if (position > 0)
    /* Translators: "Study 3 of 120 needing translation" */
    text = g_strdup_printf (_("Study %u of %u needing translation"), position, self->queue->len);
  else
    text = g_strdup_printf (ngettext ("%u study needs translation",
                                      "%u studies need translation", self->queue->len),
                            self->queue->len);
  gtk_label_set_text (self->queue_label, text);
}

static void
queue_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HilumTranslatorView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *queue;

  queue = hilum_workspace_query_translation_queue_finish (HILUM_WORKSPACE (source), result, &error);
  if (queue == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The translation queue could not be read: %s", error->message);
      return;
    }
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = queue;
  view_update_queue_label (self);
  g_signal_emit (self, signals[QUEUE_CHANGED], 0);
}

void
hilum_translator_view_set_workspace (HilumTranslatorView *self,
                                     HilumWorkspace      *workspace)
{
  g_return_if_fail (HILUM_IS_TRANSLATOR_VIEW (self));
  g_return_if_fail (workspace == NULL || HILUM_IS_WORKSPACE (workspace));

  g_cancellable_cancel (self->queue_cancellable);
  g_clear_object (&self->queue_cancellable);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_set_object (&self->workspace, workspace);
  view_update_queue_label (self);
  if (workspace == NULL || hilum_workspace_get_store (workspace) == NULL)
    return;

  self->queue_cancellable = g_cancellable_new ();
  hilum_workspace_query_translation_queue_async (workspace, self->queue_cancellable,
                                                 queue_done_cb, g_object_ref (self));
}

GPtrArray *
hilum_translator_view_get_queue (HilumTranslatorView *self)
{
  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), NULL);
  return self->queue;
}

gboolean
hilum_translator_view_next_study (HilumTranslatorView *self)
{
  const char *current = NULL;
  guint next = 0;

  g_return_val_if_fail (HILUM_IS_TRANSLATOR_VIEW (self), FALSE);
  if (self->queue == NULL || self->queue->len == 0)
    return FALSE;
  if (self->session != NULL)
    current = hilum_document_get_study_id (hilum_session_get_document (self->session));
  for (guint i = 0; i < self->queue->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->queue, i), current) == 0)
      next = i + 1;
  if (next >= self->queue->len)
    return FALSE;
  g_signal_emit (self, signals[OPEN_STUDY], 0, g_ptr_array_index (self->queue, next));
  return TRUE;
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  HilumTranslatorView *self = HILUM_TRANSLATOR_VIEW (widget);
  const char *what = g_variant_get_string (args, NULL);
  GtkWidget *row = hilum_translator_view_get_selected (self);

  if (g_str_equal (what, "next-flagged"))
    hilum_translator_view_select_flagged (self, TRUE);
  else if (g_str_equal (what, "previous-flagged"))
    hilum_translator_view_select_flagged (self, FALSE);
  else if (g_str_equal (what, "accept"))
    hilum_translator_view_accept (self, NULL);
  else if (g_str_equal (what, "next-study"))
    hilum_translator_view_next_study (self);
  else if (g_str_equal (what, "edit") && row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (hilum_pair_row_get_text_view (HILUM_PAIR_ROW (row), "es")));
  else if (g_str_equal (what, "leave"))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

      /* Escape leaves a field for the list; elsewhere it is not ours. */
      if (focus == NULL || !GTK_IS_TEXT_VIEW (focus))
        return FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->list));
    }
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *what)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new_with_arguments (gtk_shortcut_trigger_parse_string (trigger),
                                                                         gtk_callback_action_new (shortcut_cb, NULL, NULL),
                                                                         "s", what));
}

static void
hilum_translator_view_dispose (GObject *object)
{
  HilumTranslatorView *self = HILUM_TRANSLATOR_VIEW (object);

  g_cancellable_cancel (self->queue_cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (hilum_translator_view_parent_class)->dispose (object);
}

static void
hilum_translator_view_finalize (GObject *object)
{
  HilumTranslatorView *self = HILUM_TRANSLATOR_VIEW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->workspace);
  g_clear_object (&self->queue_cancellable);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (hilum_translator_view_parent_class)->finalize (object);
}

static void
hilum_translator_view_class_init (HilumTranslatorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_translator_view_dispose;
  object_class->finalize = hilum_translator_view_finalize;

  /* The user asked for the next study of the queue: @study_id. */
  signals[OPEN_STUDY] = g_signal_new ("open-study", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[QUEUE_CHANGED] = g_signal_new ("queue-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hilumtranslatorview");
}

static void
hilum_translator_view_init (HilumTranslatorView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *next_study = gtk_button_new_with_mnemonic (_("_Next Study in Queue"));
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  const char *filters[] = { N_("All pairs"), N_("Flagged pairs"), N_("Pairs not verified"), NULL };
  g_autoptr(GtkStringList) filter_model = gtk_string_list_new (NULL);

  self->rows = g_ptr_array_new ();
  self->selected = -1;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  for (guint i = 0; filters[i] != NULL; i++)
    gtk_string_list_append (filter_model, _(filters[i]));
  self->filter_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (filter_model)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show"), -1);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_cb), self);
  self->queue_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->queue_label), TRUE);
  gtk_label_set_xalign (self->queue_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->queue_label), FALSE);
  gtk_widget_set_tooltip_text (next_study, _("Next study in the queue (Ctrl+Shift+Page Down)"));
  g_signal_connect_swapped (next_study, "clicked", G_CALLBACK (hilum_translator_view_next_study), self);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->filter_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->queue_label));
  gtk_box_append (GTK_BOX (toolbar), next_study);
  gtk_box_append (GTK_BOX (self->box), toolbar);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->status_label));

  self->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_focusable (GTK_WIDGET (self->list), TRUE);
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->scrolled));

  /* Capture phase: Ctrl+Return and F2 work while typing in a sentence too. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "F8", "next-flagged");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Shift>F8", "previous-flagged");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>Return", "accept");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>KP_Enter", "accept");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "F2", "edit");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "Escape", "leave");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>Page_Down", "next-study");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
hilum_translator_view_new (void)
{
  return g_object_new (HILUM_TYPE_TRANSLATOR_VIEW, NULL);
}
