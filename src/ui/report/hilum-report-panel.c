/* hilum-report-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-report-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-conflict-list.h"
#include "hilum-finding-row.h"
#include "hilum-report-panel.h"
#include "hilum-resources-private.h"
#include "hilum-study-fields.h"

struct _HilumReportPanel
{
  GtkWidget         parent_instance;

  GtkWidget        *main_box;
  GtkWidget        *action_bar;
  GtkScrolledWindow *scroller;
  GtkWidget        *content;
  HilumStudyFields *study_fields;
  HilumConflictList *study_conflicts;
  GtkLabel         *positive_count;
  GtkLabel         *negative_count;
  GtkWidget        *positive_empty;
  GtkWidget        *negative_empty;
  GtkBox           *positive_box;
  GtkBox           *negative_box;

  HilumSession     *session;
  gulong            changed_id;
  /* finding_id → HilumFindingRow (a reference of its own, so a row can move between
   * the groups) */
  GHashTable       *rows;
  char             *selected_id;
  char             *language_first;
  guint             scroll_tick;
  guint             scroll_tries;
};

G_DEFINE_FINAL_TYPE (HilumReportPanel, hilum_report_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_FINDING_ID,
  PROP_LANGUAGE_FIRST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HilumFindingRow *
panel_get_row (HilumReportPanel *self,
               const char       *finding_id)
{
  if (finding_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->rows, finding_id);
}

static gboolean
is_negative (HilumDocument *document,
             const char    *finding_id)
{
  return hilum_document_get_finding_polarity (document, finding_id) == HILUM_POLARITY_NEGATIVE;
}

/* The rows top to bottom: the positive group, then the negative one. */
static GPtrArray *
panel_shown_rows (HilumReportPanel *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkBox *boxes[] = { self->positive_box, self->negative_box };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (boxes[i]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static gboolean
panel_has_focus (HilumReportPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

/* The index in report order of the nearest finding of the same polarity before
 * (@step -1) or after (@step +1) the selected one; -1 when there is none. */
static int
panel_neighbour_index (HilumReportPanel *self,
                       int               step)
{
  HilumDocument *document;
  guint index;
  gboolean negative;
  int n;

  if (self->session == NULL || self->selected_id == NULL)
    return -1;
  document = hilum_session_get_document (self->session);
  if (!hilum_document_get_finding_index (document, self->selected_id, &index))
    return -1;
  negative = is_negative (document, self->selected_id);
  n = (int) hilum_document_get_n_findings (document);
  for (int i = (int) index + step; i >= 0 && i < n; i += step)
    if (is_negative (document, hilum_document_get_finding_id (document, i)) == negative)
      return i;
  return -1;
}

static void
panel_update_actions (HilumReportPanel *self)
{
  /* A translator edits sentences only: no findings added, removed or moved. */
  gboolean has_session = self->session != NULL
                         && hilum_session_get_role (self->session) != HILUM_READER_ROLE_TRANSLATOR;
  gboolean has_selection = has_session && panel_get_row (self, self->selected_id) != NULL;
  guint n_rows = g_hash_table_size (self->rows);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.add-finding", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.remove-finding", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.move-up",
                                 has_selection && panel_neighbour_index (self, -1) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.move-down",
                                 has_selection && panel_neighbour_index (self, +1) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.next-finding", n_rows > 0);
  gtk_widget_set_visible (self->action_bar, has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.previous-finding", n_rows > 0);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (widget);
  HilumFindingRow *row = panel_get_row (self, self->selected_id);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;
  double value, page, shift = 0;

  /* A row added a moment ago has no place until a layout, the selected row grows (its
   * term pickers show) and the viewport may still be animating to the focus widget:
   * keep at it, frame by frame, until the row shows. */
  if (row == NULL || ++self->scroll_tries > 60)
    goto done;
  if (gtk_widget_get_height (GTK_WIDGET (row)) == 0
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->scroller), &bounds))
    return G_SOURCE_CONTINUE;

  /* Where the row is in the visible part of the scroller. */
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bounds.origin.y + bounds.size.height > page)
    shift = bounds.origin.y + bounds.size.height - page;
  if (bounds.origin.y - shift < 0)
    shift = bounds.origin.y;
  if (ABS (shift) < 0.5)
    {
      if (self->scroll_tries > 3)
        goto done;
      return G_SOURCE_CONTINUE;
    }
  gtk_adjustment_set_value (vadjustment, value + shift);
  return G_SOURCE_CONTINUE;

done:
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
panel_scroll_to_selected (HilumReportPanel *self)
{
  self->scroll_tries = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                      NULL, NULL);
}

static void
panel_select (HilumReportPanel *self,
              const char       *finding_id,
              gboolean          focus)
{
  HilumFindingRow *row;

  hilum_report_panel_set_selected_finding_id (self, finding_id);
  row = panel_get_row (self, finding_id);
  if (row != NULL && focus)
    hilum_finding_row_focus_text (row);
}

static void
row_selected_cb (HilumReportPanel *self,
                 HilumFindingRow  *row)
{
  hilum_report_panel_set_selected_finding_id (self, hilum_finding_row_get_finding_id (row));
}

static void
operation_failed_cb (HilumReportPanel *self,
                     const char       *message)
{
  g_signal_emit (self, signals[OPERATION_FAILED], 0, message);
}

static void
panel_update_counts (HilumReportPanel *self)
{
  GtkBox *boxes[] = { self->positive_box, self->negative_box };
  GtkLabel *labels[] = { self->positive_count, self->negative_count };
  GtkWidget *empties[] = { self->positive_empty, self->negative_empty };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autofree char *count = NULL;
      guint n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (boxes[i]));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        n++;
      count = g_strdup_printf ("%u", n);
      gtk_label_set_label (labels[i], count);
      gtk_widget_set_visible (empties[i], n == 0 && self->session != NULL);
      gtk_widget_set_visible (GTK_WIDGET (boxes[i]), n > 0);
    }
}

/* Brings the rows in line with the document's findings: a row per finding, in its
 * polarity's group, in report order. Rows are kept (never rebuilt) so the focus and
 * cursor of the one being edited survive. */
static void
panel_reconcile (HilumReportPanel *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *previous[2] = { NULL, NULL };
  HilumDocument *document = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  if (self->session != NULL)
    {
      document = hilum_session_get_document (self->session);
      n = hilum_document_get_n_findings (document);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *id = hilum_document_get_finding_id (document, i);
      gboolean negative = is_negative (document, id);
      GtkBox *box = negative ? self->negative_box : self->positive_box;
      GtkWidget *row = GTK_WIDGET (panel_get_row (self, id));
      GtkWidget *parent;

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, (gpointer) id);

      if (row == NULL)
        {
          row = g_object_ref_sink (hilum_finding_row_new (self->session, id));
          hilum_finding_row_set_language_first (HILUM_FINDING_ROW (row), self->language_first);
          g_signal_connect_object (row, "selected", G_CALLBACK (row_selected_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "operation-failed", G_CALLBACK (operation_failed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_hash_table_insert (self->rows, g_strdup (id), row);
          hilum_finding_row_set_selected (HILUM_FINDING_ROW (row),
                                          g_strcmp0 (id, self->selected_id) == 0);
        }

      parent = gtk_widget_get_parent (row);
      if (parent != GTK_WIDGET (box))
        {
          GtkRoot *root = gtk_widget_get_root (row);
          GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

          /* Polarity changed from the keyboard: the keyboard moves with the row. */
          if (focus != NULL && !gtk_widget_is_ancestor (focus, row))
            focus = NULL;
          if (focus != NULL)
            g_object_ref (focus);
          if (parent != NULL)
            gtk_box_remove (GTK_BOX (parent), row);
          gtk_box_insert_child_after (box, row, previous[negative]);
          if (focus != NULL)
            {
              gtk_widget_grab_focus (focus);
              g_object_unref (focus);
            }
        }
      else if (gtk_widget_get_prev_sibling (row) != previous[negative])
        {
          gtk_box_reorder_child_after (box, row, previous[negative]);
        }
      previous[negative] = row;
      hilum_finding_row_set_index (HILUM_FINDING_ROW (row), i);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = value;

      if (g_hash_table_contains (seen, key))
        continue;
      if (gtk_widget_get_parent (row) != NULL)
        gtk_box_remove (GTK_BOX (gtk_widget_get_parent (row)), row);
      g_hash_table_iter_remove (&iter);
    }

  panel_update_counts (self);
  if (self->selected_id != NULL && panel_get_row (self, self->selected_id) == NULL)
    hilum_report_panel_set_selected_finding_id (self, NULL);
  panel_update_actions (self);
}

static void
panel_sync_all (HilumReportPanel *self)
{
  GHashTableIter iter;
  gpointer value;

  panel_reconcile (self);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    hilum_finding_row_sync (value);
  hilum_study_fields_sync (self->study_fields);
  hilum_conflict_list_sync (self->study_conflicts);
}

static void
session_changed_cb (HilumReportPanel *self,
                    HilumOperation   *op)
{
  const char *kind = hilum_operation_get_kind (op);

  /* The common case, one per keystroke: only that field of that row. */
  if (g_strcmp0 (kind, "set-finding-field") == 0)
    {
      const char *field = hilum_operation_get_field (op);
      HilumFindingRow *row = panel_get_row (self, hilum_operation_get_finding_id (op));

      if (row != NULL && g_strcmp0 (field, "polarity") != 0)
        {
          hilum_finding_row_sync (row);
          return;
        }
    }
  else if (g_strcmp0 (kind, "set-study-field") == 0)
    {
      hilum_study_fields_sync (self->study_fields);
      hilum_conflict_list_sync (self->study_conflicts);
      return;
    }

  /* Structure, boxes, readers, batches: the rows compare before they change. */
  panel_sync_all (self);
}

static void
add_finding_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (widget);
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  HilumDocument *document;
  guint index = 0;
  guint n;

  if (self->session == NULL)
    return;

  document = hilum_session_get_document (self->session);
  n = hilum_document_get_n_findings (document);
  if (hilum_document_get_finding_index (document, self->selected_id, &index))
    {
      /* Right after the selected sentence, of its polarity. */
      op = hilum_operation_new_add_empty_finding (hilum_document_get_finding_polarity (document,
                                                                                       self->selected_id),
                                                  (int) index + 1);
    }
  else
    {
      /* At the end of the positive group. */
      index = 0;
      for (guint i = 0; i < n; i++)
        if (!is_negative (document, hilum_document_get_finding_id (document, i)))
          index = i + 1;
      op = hilum_operation_new_add_empty_finding (HILUM_POLARITY_POSITIVE, (int) index);
    }
  id = g_strdup (hilum_operation_get_finding_id (op));
  if (!hilum_session_perform (self->session, op, &error))
    {
      g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
      return;
    }
  panel_select (self, id, TRUE);
}

static void
remove_finding_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (widget);
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *next = NULL;
  HilumFindingRow *row = panel_get_row (self, self->selected_id);
  gboolean focus = panel_has_focus (self);
  guint position;

  if (self->session == NULL || row == NULL)
    return;

  /* The row below (or above, at the end) takes the selection. */
  shown = panel_shown_rows (self);
  if (g_ptr_array_find (shown, row, &position))
    {
      if (position + 1 < shown->len)
        next = g_strdup (hilum_finding_row_get_finding_id (shown->pdata[position + 1]));
      else if (position > 0)
        next = g_strdup (hilum_finding_row_get_finding_id (shown->pdata[position - 1]));
    }

  removed = g_strdup (self->selected_id);
  op = hilum_operation_new_remove_finding (removed);
  if (!hilum_session_perform (self->session, op, &error))
    {
      g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
      return;
    }
  panel_select (self, next, focus);
}

static void
move_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (widget);
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  int to = panel_neighbour_index (self, g_str_equal (action_name, "report.move-up") ? -1 : +1);

  if (to < 0)
    return;
  op = hilum_operation_new_move_finding (self->selected_id, to);
  if (!hilum_session_perform (self->session, op, &error))
    g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
  else
    panel_scroll_to_selected (self);
}

static void
step_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (widget);
  g_autoptr(GPtrArray) shown = panel_shown_rows (self);
  gboolean forward = g_str_equal (action_name, "report.next-finding");
  HilumFindingRow *row = panel_get_row (self, self->selected_id);
  guint position;

  if (shown->len == 0)
    return;

  if (row == NULL || !g_ptr_array_find (shown, row, &position))
    position = forward ? 0 : shown->len - 1;
  else if (forward)
    position = MIN (position + 1, shown->len - 1);
  else
    position = position > 0 ? position - 1 : 0;

  /* From the images (drawing boxes) the keyboard stays there; inside the panel it
   * follows, ready to type. */
  panel_select (self, hilum_finding_row_get_finding_id (shown->pdata[position]),
                panel_has_focus (self));
}

static const char *
default_language_first (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "es") ? "es" : "en";
}

static void
hilum_report_panel_dispose (GObject *object)
{
  HilumReportPanel *self = (HilumReportPanel *)object;

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_REPORT_PANEL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_report_panel_parent_class)->dispose (object);
}

static void
hilum_report_panel_finalize (GObject *object)
{
  HilumReportPanel *self = (HilumReportPanel *)object;

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->language_first, g_free);

  G_OBJECT_CLASS (hilum_report_panel_parent_class)->finalize (object);
}

static void
hilum_report_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SELECTED_FINDING_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_LANGUAGE_FIRST:
      g_value_set_string (value, self->language_first);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_report_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HilumReportPanel *self = HILUM_REPORT_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hilum_report_panel_set_session (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_FINDING_ID:
      hilum_report_panel_set_selected_finding_id (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE_FIRST:
      hilum_report_panel_set_language_first (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_report_panel_class_init (HilumReportPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_report_panel_dispose;
  object_class->finalize = hilum_report_panel_finalize;
  object_class->get_property = hilum_report_panel_get_property;
  object_class->set_property = hilum_report_panel_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, HILUM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_FINDING_ID] =
    g_param_spec_string ("selected-finding-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE_FIRST] =
    g_param_spec_string ("language-first", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPERATION_FAILED] =
    g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "report.add-finding", NULL, add_finding_action);
  gtk_widget_class_install_action (widget_class, "report.remove-finding", NULL,
                                   remove_finding_action);
  gtk_widget_class_install_action (widget_class, "report.move-up", NULL, move_finding_action);
  gtk_widget_class_install_action (widget_class, "report.move-down", NULL, move_finding_action);
  gtk_widget_class_install_action (widget_class, "report.next-finding", NULL,
                                   step_finding_action);
  gtk_widget_class_install_action (widget_class, "report.previous-finding", NULL,
                                   step_finding_action);

  g_type_ensure (HILUM_TYPE_STUDY_FIELDS);
  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-report-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, main_box);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, action_bar);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, content);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, study_fields);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, positive_count);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, negative_count);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, positive_empty);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, negative_empty);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, positive_box);
  gtk_widget_class_bind_template_child (widget_class, HilumReportPanel, negative_box);
  gtk_widget_class_bind_template_callback (widget_class, operation_failed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reportpanel");
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accelerator,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                                          gtk_named_action_new (action)));
}

static void
hilum_report_panel_init (HilumReportPanel *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* First of all: the study's conflicts, and those of findings gone from this copy. */
  self->study_conflicts = HILUM_CONFLICT_LIST (hilum_conflict_list_new (NULL));
  gtk_box_prepend (GTK_BOX (self->content), GTK_WIDGET (self->study_conflicts));
  g_signal_connect_object (self->study_conflicts, "operation-failed",
                           G_CALLBACK (operation_failed_cb), self, G_CONNECT_SWAPPED);
  self->language_first = g_strdup (default_language_first ());

  /* Capture phase: the sentence fields would otherwise take Ctrl+Return as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>Return", "report.add-finding");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>KP_Enter", "report.add-finding");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Down", "report.next-finding");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Up", "report.previous-finding");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt><Shift>Up", "report.move-up");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt><Shift>Down", "report.move-down");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  panel_reconcile (self);
}

GtkWidget *
hilum_report_panel_new (void)
{
  return g_object_new (HILUM_TYPE_REPORT_PANEL, NULL);
}

HilumSession *
hilum_report_panel_get_session (HilumReportPanel *self)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return self->session;
}

void
hilum_report_panel_set_session (HilumReportPanel *self,
                                HilumSession     *session)
{
  g_return_if_fail (HILUM_IS_REPORT_PANEL (self));
  g_return_if_fail (session == NULL || HILUM_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  hilum_report_panel_set_selected_finding_id (self, NULL);

  /* Another study: every row belongs to the old session. */
  g_clear_object (&self->session);
  panel_reconcile (self);
  self->session = session != NULL ? g_object_ref (session) : NULL;

  if (session != NULL)
    self->changed_id = g_signal_connect_object (session, "changed",
                                                G_CALLBACK (session_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  hilum_study_fields_set_session (self->study_fields, session);
  hilum_conflict_list_set_session (self->study_conflicts, session);
  panel_sync_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
hilum_report_panel_get_selected_finding_id (HilumReportPanel *self)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return self->selected_id;
}

void
hilum_report_panel_set_selected_finding_id (HilumReportPanel *self,
                                            const char       *finding_id)
{
  HilumFindingRow *row;

  g_return_if_fail (HILUM_IS_REPORT_PANEL (self));

  if (g_strcmp0 (self->selected_id, finding_id) == 0)
    return;

  row = panel_get_row (self, self->selected_id);
  if (row != NULL)
    hilum_finding_row_set_selected (row, FALSE);

  g_free (self->selected_id);
  self->selected_id = g_strdup (finding_id);

  row = panel_get_row (self, self->selected_id);
  if (row != NULL)
    {
      hilum_finding_row_set_selected (row, TRUE);
      panel_scroll_to_selected (self);
    }

  panel_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FINDING_ID]);
}

const char *
hilum_report_panel_get_language_first (HilumReportPanel *self)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return self->language_first;
}

void
hilum_report_panel_set_language_first (HilumReportPanel *self,
                                       const char       *lang)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (HILUM_IS_REPORT_PANEL (self));

  lang = g_strcmp0 (lang, "es") == 0 ? "es" : "en";
  if (g_strcmp0 (self->language_first, lang) == 0)
    return;

  g_free (self->language_first);
  self->language_first = g_strdup (lang);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    hilum_finding_row_set_language_first (value, lang);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE_FIRST]);
}

GStrv
hilum_report_panel_dup_finding_ids (HilumReportPanel *self,
                                    const char       *polarity)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkWidget *box;

  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  box = GTK_WIDGET (g_strcmp0 (polarity, "negative") == 0 ? self->negative_box
                                                            : self->positive_box);
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (builder, hilum_finding_row_get_finding_id (HILUM_FINDING_ROW (child)));
  return g_strv_builder_end (builder);
}

GtkWidget *
hilum_report_panel_get_row (HilumReportPanel *self,
                            const char       *finding_id)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return GTK_WIDGET (panel_get_row (self, finding_id));
}

GtkWidget *
hilum_report_panel_get_study_fields (HilumReportPanel *self)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return GTK_WIDGET (self->study_fields);
}

HilumConflictList *
hilum_report_panel_get_study_conflicts (HilumReportPanel *self)
{
  g_return_val_if_fail (HILUM_IS_REPORT_PANEL (self), NULL);

  return self->study_conflicts;
}
