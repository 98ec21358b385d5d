/* hilum-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-worklist"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-worklist.h"
#include "hilum-worklist-model.h"
#include "hilum-resources-private.h"

struct _HilumWorklist
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkRevealer        *busy_revealer;
  GtkSpinner         *spinner;
  GtkLabel           *busy_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkRevealer        *only_revealer;
  GtkLabel           *only_label;

  HilumWorklistModel *items;
  GtkSingleSelection *selection;
  HilumWorkspace     *workspace;     /* its store lists the studies (nullable) */
  HilumStore         *store;         /* the workspace's, nullable */
  GHashTable         *studies;       /* id → HilumStudy scanned in this run */
  GCancellable       *cancellable;
  char               *selected_id;   /* what was last notified */
  char               *pending_id;    /* to select when the running query ends */
  GHashTable         *only;          /* (nullable) the ids a server query found */
  guint               generation;
  guint               busy : 1;
  guint               querying : 1;
  guint               splicing : 1;
};

G_DEFINE_FINAL_TYPE (HilumWorklist, hilum_worklist, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_STUDY,
  PROP_SELECTED_ID,
  PROP_BUSY,
  PROP_QUERYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sort menu's entries, in order. */
static const HilumWorklistSort sorts[] = {
  HILUM_WORKLIST_SORT_TITLE,
  HILUM_WORKLIST_SORT_STUDY_ID,
  HILUM_WORKLIST_SORT_STATUS,
  HILUM_WORKLIST_SORT_UPDATED,
};

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *problem = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *conflict = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Study titles (description and date, or a first sentence) are long: two lines. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_add_css_class (problem, "warning");
  gtk_widget_set_valign (problem, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), conflict);
  gtk_box_append (GTK_BOX (row), problem);
  gtk_widget_add_css_class (conflict, "warning");
  gtk_widget_set_valign (conflict, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row, "worklist-row");

  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "problem", problem);
  g_object_set_data (G_OBJECT (row), "conflict", conflict);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  HilumWorklistItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "subtitle");
  GtkWidget *problem = g_object_get_data (G_OBJECT (row), "problem");
  GtkWidget *conflict = g_object_get_data (G_OBJECT (row), "conflict");
  guint n_conflicts = hilum_worklist_item_get_n_conflicts (item);
  HilumStudy *study = hilum_worklist_item_get_study (item);
  GPtrArray *failures = study ? hilum_study_get_failures (study) : NULL;
  guint n_failures = failures ? failures->len : 0;
  guint n_findings = hilum_worklist_item_get_n_findings (item);
  guint n_boxes = hilum_worklist_item_get_n_boxes (item);
  g_autoptr(GString) text = g_string_new (hilum_study_status_get_label (hilum_worklist_item_get_status (item)));

  gtk_label_set_label (GTK_LABEL (title), hilum_worklist_item_get_title (item));
  if (n_findings > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings),
                              n_findings);
    }
  if (n_boxes > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u box", "%u boxes", n_boxes), n_boxes);
    }
  if (n_conflicts > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts", n_conflicts),
                              n_conflicts);
    }
  gtk_label_set_label (GTK_LABEL (subtitle), text->str);

  gtk_widget_set_visible (conflict, n_conflicts > 0);
  if (n_conflicts > 0)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u field was changed on two computers: choose in the report",
                                                           "%u fields were changed on two computers: choose in the report",
                                                           n_conflicts),
                                              n_conflicts);

      gtk_widget_set_tooltip_text (conflict, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (conflict), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
    }

  gtk_widget_set_visible (problem, n_failures > 0);
  if (n_failures > 0)
    {
      g_autoptr(GString) tooltip = g_string_new (NULL);

      g_string_append_printf (tooltip,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u file could not be read:",
                                           "%u files could not be read:", n_failures),
                              n_failures);
      for (guint i = 0; i < n_failures && i < 5; i++)
        g_string_append_printf (tooltip, "\n%s", (const char *)g_ptr_array_index (failures, i));
      gtk_widget_set_tooltip_text (problem, tooltip->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (problem),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str,
                                      -1);
    }
}

static void
selection_changed_cb (HilumWorklist *self)
{
  const char *id;

  if (self->splicing)
    return;

  id = hilum_worklist_get_selected_id (self);
  if (g_strcmp0 (id, self->selected_id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STUDY]);
}

static guint
find_position (HilumWorklist *self,
               const char    *study_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (study_id == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HilumWorklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (hilum_worklist_item_get_study_id (item), study_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Replaces the rows, keeping the selected study selected when it is still listed (no
 * flicker through "nothing selected"); else the pending choice, else the first row. */
static void
hilum_worklist_set_items (HilumWorklist *self,
                          GPtrArray     *items)
{
  g_autofree char *keep = g_strdup (self->pending_id ? self->pending_id : self->selected_id);
  guint position;

  self->splicing = TRUE;
  hilum_worklist_model_replace (self->items, g_ptr_array_ref (items));
  position = find_position (self, keep);
  /* A search that hides the study shown leaves it shown (nothing selected in the list)
   * and selected again when it is listed again; only a list with nothing shown yet
   * starts at its first row. */
  if (position == GTK_INVALID_LIST_POSITION && items->len > 0 && self->selected_id == NULL)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);
  self->splicing = FALSE;
  g_clear_pointer (&self->pending_id, g_free);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  if (position != GTK_INVALID_LIST_POSITION || (items->len == 0 && self->store == NULL))
    selection_changed_cb (self);
}

typedef struct
{
  HilumWorklist *self;        /* a reference */
  guint          generation;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QueryData, query_data_free)

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(QueryData) data = user_data;
  HilumWorklist *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = hilum_workspace_query_worklist_finish (HILUM_WORKSPACE (source), result, &error);

  if (data->generation != self->generation)
    return;

  self->querying = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERYING]);

  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The worklist could not be read: %s", error->message);
      return;
    }

  /* A server query's studies only: few, looked up by id. */
  if (self->only != NULL)
    for (guint i = 0; i < items->len; i++)
      if (!g_hash_table_contains (self->only, hilum_worklist_item_get_study_id (items->pdata[i])))
        g_ptr_array_remove_index (items, i--);

  /* The studies scanned in this run are few: look them up, not the 100,000 rows. */
  if (g_hash_table_size (self->studies) > 0)
    for (guint i = 0; i < items->len; i++)
      {
        HilumWorklistItem *item = items->pdata[i];
        HilumStudy *study = g_hash_table_lookup (self->studies, hilum_worklist_item_get_study_id (item));

        if (study != NULL)
          hilum_worklist_item_set_study (item, study);
      }
  hilum_worklist_set_items (self, items);
}

void
hilum_worklist_show_only (HilumWorklist      *self,
                          const char * const *study_ids,
                          const char         *label)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  g_clear_pointer (&self->only, g_hash_table_unref);
  if (study_ids != NULL)
    {
      self->only = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; study_ids[i] != NULL; i++)
        g_hash_table_add (self->only, g_strdup (study_ids[i]));
      gtk_label_set_label (self->only_label, label != NULL ? label : "");
    }
  gtk_revealer_set_reveal_child (self->only_revealer, study_ids != NULL);
  hilum_worklist_refresh (self);
}

gboolean
hilum_worklist_get_showing_only (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  return self->only != NULL;
}

static void
show_all_cb (HilumWorklist *self)
{
  hilum_worklist_show_only (self, NULL, NULL);
  hilum_worklist_focus_list (self);
}

void
hilum_worklist_refresh (HilumWorklist *self)
{
  QueryData *data;
  HilumWorklistSort sort;
  guint selected;

  g_return_if_fail (HILUM_IS_WORKLIST (self));

  if (self->store == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (QueryData, 1);
  data->self = g_object_ref (self);
  data->generation = ++self->generation;
  selected = gtk_drop_down_get_selected (self->sort_dropdown);
  sort = selected < G_N_ELEMENTS (sorts) ? sorts[selected] : HILUM_WORKLIST_SORT_TITLE;
  if (!self->querying)
    {
      self->querying = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERYING]);
    }
  /* The last edited first. */
  hilum_workspace_query_worklist_async (self->workspace,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                        sort, sort == HILUM_WORKLIST_SORT_UPDATED,
                                        self->cancellable, query_cb, data);
}

static void
update_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HilumWorklist) self = user_data;
  g_autoptr(HilumWorklistItem) item = NULL;
  guint position;
  guint selected;

  item = hilum_workspace_query_worklist_item_finish (HILUM_WORKSPACE (source), result, NULL);
  if (item == NULL || self->querying)
    return;
  position = find_position (self, hilum_worklist_item_get_study_id (item));
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  {
    g_autoptr(HilumWorklistItem) old = g_list_model_get_item (G_LIST_MODEL (self->items), position);

    hilum_worklist_item_set_study (item, hilum_worklist_item_get_study (old));
  }
  selected = gtk_single_selection_get_selected (self->selection);
  self->splicing = TRUE;
  hilum_worklist_model_set_item (self->items, position, item);
  if (selected == position)
    gtk_single_selection_set_selected (self->selection, position);
  self->splicing = FALSE;
}

void
hilum_worklist_update_study (HilumWorklist *self,
                             const char    *study_id)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  if (self->store == NULL || study_id == NULL)
    return;
  hilum_workspace_query_worklist_item_async (self->workspace, study_id, self->cancellable,
                                             update_cb, g_object_ref (self));
}

static void
search_changed_cb (HilumWorklist *self)
{
  hilum_worklist_refresh (self);
}

static void
search_stop_cb (HilumWorklist *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  hilum_worklist_focus_list (self);
}

static void
search_activate_cb (HilumWorklist *self)
{
  hilum_worklist_focus_list (self);
}

static void
hilum_worklist_dispose (GObject *object)
{
  HilumWorklist *self = (HilumWorklist *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_WORKLIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->studies, g_hash_table_unref);

  G_OBJECT_CLASS (hilum_worklist_parent_class)->dispose (object);
}

static void
hilum_worklist_finalize (GObject *object)
{
  HilumWorklist *self = (HilumWorklist *)object;

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->only, g_hash_table_unref);

  G_OBJECT_CLASS (hilum_worklist_parent_class)->finalize (object);
}

static void
hilum_worklist_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HilumWorklist *self = HILUM_WORKLIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_STUDY:
      g_value_set_object (value, hilum_worklist_get_selected_study (self));
      break;

    case PROP_SELECTED_ID:
      g_value_set_string (value, hilum_worklist_get_selected_id (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_QUERYING:
      g_value_set_boolean (value, self->querying);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_worklist_class_init (HilumWorklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_worklist_dispose;
  object_class->finalize = hilum_worklist_finalize;
  object_class->get_property = hilum_worklist_get_property;

  properties[PROP_SELECTED_STUDY] =
    g_param_spec_object ("selected-study", NULL, NULL, HILUM_TYPE_STUDY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERYING] =
    g_param_spec_boolean ("querying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-worklist.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, box);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, spinner);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, busy_label);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, stack);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, list_view);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, only_revealer);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, only_label);
  gtk_widget_class_bind_template_callback (widget_class, show_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "worklist");
}

static void
hilum_worklist_init (HilumWorklist *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->items = hilum_worklist_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (hilum_worklist_refresh), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Studies"),
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
hilum_worklist_new (void)
{
  return g_object_new (HILUM_TYPE_WORKLIST, NULL);
}

void
hilum_worklist_set_workspace (HilumWorklist  *self,
                              HilumWorkspace *workspace)
{
  HilumStore *store;

  g_return_if_fail (HILUM_IS_WORKLIST (self));
  g_return_if_fail (workspace == NULL || HILUM_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;
  store = workspace != NULL ? hilum_workspace_get_store (workspace) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), store != NULL);
  hilum_worklist_refresh (self);
}

void
hilum_worklist_set_studies (HilumWorklist *self,
                            GPtrArray     *studies)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  g_hash_table_remove_all (self->studies);
  for (guint i = 0; studies != NULL && i < studies->len; i++)
    {
      HilumStudy *study = g_ptr_array_index (studies, i);

      g_hash_table_replace (self->studies, g_strdup (hilum_study_get_id (study)), g_object_ref (study));
    }

  if (self->store != NULL)
    {
      /* The first scanned study (unless the caller chooses) is where the user looks. */
      if (self->pending_id == NULL && studies != NULL && studies->len > 0)
        self->pending_id = g_strdup (hilum_study_get_id (g_ptr_array_index (studies, 0)));
      hilum_worklist_refresh (self);
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; studies != NULL && i < studies->len; i++)
        g_ptr_array_add (items, hilum_worklist_item_new_for_study (g_ptr_array_index (studies, i)));
      g_clear_pointer (&self->selected_id, g_free);
      hilum_worklist_set_items (self, items);
    }
}

GListModel *
hilum_worklist_get_model (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  return G_LIST_MODEL (self->items);
}

HilumWorklistItem *
hilum_worklist_get_selected_item (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

HilumStudy *
hilum_worklist_get_selected_study (HilumWorklist *self)
{
  HilumWorklistItem *item;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  item = hilum_worklist_get_selected_item (self);
  return item != NULL ? hilum_worklist_item_get_study (item) : NULL;
}

const char *
hilum_worklist_get_selected_id (HilumWorklist *self)
{
  HilumWorklistItem *item;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  item = hilum_worklist_get_selected_item (self);
  return item != NULL ? hilum_worklist_item_get_study_id (item) : NULL;
}

gboolean
hilum_worklist_select_study_id (HilumWorklist *self,
                                const char    *study_id)
{
  guint position;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  if (study_id == NULL || study_id[0] == '\0')
    return FALSE;

  if (self->querying)
    {
      g_free (self->pending_id);
      self->pending_id = g_strdup (study_id);
      return TRUE;
    }

  position = find_position (self, study_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

gboolean
hilum_worklist_select_relative (HilumWorklist *self,
                                int            step)
{
  guint n, selected;
  int target;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n == 0)
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    target = 0;
  else
    target = (int) selected + step;
  if (target < 0 || target >= (int) n)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, target);
  /* Keep the selected row visible. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", target);
  return TRUE;
}

void
hilum_worklist_set_busy (HilumWorklist *self,
                         gboolean       busy,
                         const char    *message)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  busy = !!busy;
  gtk_label_set_label (self->busy_label, message ? message : _("Looking for images…"));
  gtk_revealer_set_reveal_child (self->busy_revealer, busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

gboolean
hilum_worklist_get_busy (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  return self->busy;
}

gboolean
hilum_worklist_get_querying (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  return self->querying;
}

gboolean
hilum_worklist_has_focus (HilumWorklist *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

void
hilum_worklist_focus_search (HilumWorklist *self)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
hilum_worklist_focus_list (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
hilum_worklist_set_search (HilumWorklist *self,
                           const char    *text)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry waits a moment before "search-changed": callers want the rows now. */
  hilum_worklist_refresh (self);
}
