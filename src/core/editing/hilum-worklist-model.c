/* hilum-worklist-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-worklist-model"

#include "config.h"

#include "hilum-worklist-model.h"

struct _HilumWorklistModel
{
  GObject    parent_instance;

  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HilumWorklistModel, hilum_worklist_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return HILUM_TYPE_WORKLIST_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return HILUM_WORKLIST_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  HilumWorklistModel *self = HILUM_WORKLIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
hilum_worklist_model_finalize (GObject *object)
{
  HilumWorklistModel *self = (HilumWorklistModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (hilum_worklist_model_parent_class)->finalize (object);
}

static void
hilum_worklist_model_class_init (HilumWorklistModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_worklist_model_finalize;
}

static void
hilum_worklist_model_init (HilumWorklistModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

HilumWorklistModel *
hilum_worklist_model_new (void)
{
  return g_object_new (HILUM_TYPE_WORKLIST_MODEL, NULL);
}

static gpointer
free_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

void
hilum_worklist_model_replace (HilumWorklistModel *self,
                              GPtrArray          *items)
{
  GPtrArray *old;
  guint removed;

  g_return_if_fail (HILUM_IS_WORKLIST_MODEL (self));
  g_return_if_fail (items != NULL);

  old = self->items;
  removed = old->len;
  self->items = items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);

  /* The rows the list still shows were re-bound during items-changed: the old ones
   * are only ours now. */
  if (old->len > 1000)
    g_thread_unref (g_thread_new ("hilum-worklist-free", free_thread, old));
  else
    g_ptr_array_unref (old);
}

void
hilum_worklist_model_set_item (HilumWorklistModel *self,
                               guint               position,
                               HilumWorklistItem  *item)
{
  g_return_if_fail (HILUM_IS_WORKLIST_MODEL (self));
  g_return_if_fail (position < self->items->len);

  g_object_unref (g_ptr_array_index (self->items, position));
  g_ptr_array_index (self->items, position) = g_object_ref (item);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
