/* hilum-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-worklist"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-worklist.h"
#include "hilum-resources-private.h"

struct _HilumWorklist
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkRevealer        *busy_revealer;
  GtkSpinner         *spinner;
  GtkLabel           *busy_label;
  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *store;
  GtkSingleSelection *selection;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (HilumWorklist, hilum_worklist, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_STUDY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Study titles (description and date) are long: two lines before ellipsizing. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_add_css_class (problem, "warning");
  gtk_widget_set_valign (problem, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), problem);
  gtk_widget_add_css_class (row, "worklist-row");

  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "problem", problem);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  HilumStudy *study = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "subtitle");
  GtkWidget *problem = g_object_get_data (G_OBJECT (row), "problem");
  guint n_images = g_list_model_get_n_items (hilum_study_get_images (study));
  GPtrArray *failures = hilum_study_get_failures (study);
  guint n_failures = failures ? failures->len : 0;
  g_autofree char *images = NULL;

  gtk_label_set_label (GTK_LABEL (title), hilum_study_get_title (study));
  images = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n_images), n_images);
  gtk_label_set_label (GTK_LABEL (subtitle), images);

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STUDY]);
}

static void
hilum_worklist_dispose (GObject *object)
{
  HilumWorklist *self = (HilumWorklist *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_WORKLIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hilum_worklist_parent_class)->dispose (object);
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

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
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
  object_class->get_property = hilum_worklist_get_property;

  properties[PROP_SELECTED_STUDY] =
    g_param_spec_object ("selected-study", NULL, NULL, HILUM_TYPE_STUDY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-worklist.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, box);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, spinner);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, busy_label);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, stack);
  gtk_widget_class_bind_template_child (widget_class, HilumWorklist, list_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "worklist");
}

static void
hilum_worklist_init (HilumWorklist *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (HILUM_TYPE_STUDY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

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
hilum_worklist_set_studies (HilumWorklist *self,
                            GPtrArray     *studies)
{
  g_return_if_fail (HILUM_IS_WORKLIST (self));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       studies ? studies->pdata : NULL, studies ? studies->len : 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    studies && studies->len > 0 ? "list" : "empty");
}

GListModel *
hilum_worklist_get_model (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  return G_LIST_MODEL (self->store);
}

HilumStudy *
hilum_worklist_get_selected_study (HilumWorklist *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
hilum_worklist_select_study_id (HilumWorklist *self,
                                const char    *study_id)
{
  guint n;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HilumStudy) study = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (hilum_study_get_id (study), study_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
hilum_worklist_select_relative (HilumWorklist *self,
                                int            step)
{
  guint n, selected;
  int target;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n == 0 || selected == GTK_INVALID_LIST_POSITION)
    return FALSE;

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
hilum_worklist_has_focus (HilumWorklist *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (HILUM_IS_WORKLIST (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}
